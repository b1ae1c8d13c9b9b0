/**
 * Where parcels arrive late: the doors reached after their promise (TripLedger), counted in
 * H3 hexagons over a window of sim time (the charts' brushed window, else the run so far), in
 * real parcels (modelled / scale). The hexagon size follows the zoom (latenessHex.ts). Loaded
 * on demand: h3-js is most of its weight.
 */
import type { PickingInfo } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { latLngToCell } from 'h3-js';
import type { Selection } from '../../state/store';
import { formatCount } from '../../ui/format';
import { tipCard, tipRow } from '../tooltips';
import type { TripLedger } from '../tripLedger';
import { getLateHexColor, type LateHexagon } from './latenessHex';
import { PickableMapLayer } from './PickableMapLayer';

/**
 * The H3 cell of every late door of a ledger at one resolution, computed once per door as doors
 * arrive (an H3 lookup costs microseconds; a window is counted many times).
 */
export class LateStopCells {
  readonly resolution: number;
  /** Per late door of the ledger, in its order: its cell. */
  private cells: string[] = [];
  /** The ledger's `resets` the cells were computed under: a rewind or a new run makes them stale. */
  private resets = -1;

  constructor(resolution: number) {
    this.resolution = resolution;
  }

  /** Counts late doors arriving in [fromS, toS) by cell; `scale` turns modelled into real parcels. */
  countLate(ledger: TripLedger, fromS: number, toS: number, scale: number): LateHexagon[] {
    if (this.resets !== ledger.resets) {
      this.resets = ledger.resets;
      this.cells.length = 0;
    }
    for (let late = this.cells.length; late < ledger.lateCount; late++) {
      this.cells.push(
        latLngToCell(ledger.latePositions[late * 2 + 1], ledger.latePositions[late * 2], this.resolution),
      );
    }
    const counts = new Map<string, number>();
    for (let late = 0; late < ledger.lateCount; late++) {
      const arriveS = ledger.lateArriveS[late];
      if (arriveS < fromS || arriveS >= toS) continue;
      const cell = this.cells[late];
      counts.set(cell, (counts.get(cell) ?? 0) + 1);
    }
    return [...counts].map(([hex, count]) => ({ hex, lateParcels: count / scale }));
  }
}

export interface LatenessHexLayerProps {
  hexagons: LateHexagon[];
  /** What the window is, for the hover card ("day 1 08:00 to 14:00"). */
  windowLabel: string;
}

export class LatenessHexLayer extends PickableMapLayer<LatenessHexLayerProps> {
  static override layerName = 'LatenessHexLayer';

  override renderLayers() {
    return [
      new H3HexagonLayer<LateHexagon>(
        this.getSubLayerProps({
          id: 'hexagons',
          data: this.props.hexagons,
          getHexagon: (cell: LateHexagon) => cell.hex,
          getFillColor: (cell: LateHexagon) => getLateHexColor(cell.lateParcels),
          extruded: false,
          stroked: true,
          getLineColor: [11, 22, 34, 200],
          lineWidthUnits: 'pixels',
          getLineWidth: 1,
          pickable: true,
        }),
      ),
    ];
  }

  override getTooltipHtml(info: PickingInfo): string | null {
    const cell = info.object as LateHexagon | undefined;
    if (!cell) return null;
    return tipCard('Late deliveries', this.props.windowLabel, [
      tipRow('Parcels late at the door', formatCount(cell.lateParcels)),
    ]);
  }

  override getSelection(): Selection {
    return null;
  }
}
