/**
 * Line-haul flows: one arc per lane (origin facility to destination facility) that trucks left on
 * in the last sim hour, as wide as the parcels per hour it carried (real volume: modelled / scale)
 * and coloured by the region it leaves from.
 */
import { type ColorColumn, type FloatColumn, toColorColumn } from '../binaryColumns';
import type { PickingInfo } from '@deck.gl/core';
import { ArcLayer } from '@deck.gl/layers';
import type { Selection } from '../../state/store';
import { formatCount } from '../../ui/format';
import type { NetworkMessage } from '../../worker/protocol';
// Flows are summed over this much sim time before the display time; the worker sends its trucks.
import { FLOW_WINDOW_S } from '../../worker/tripSieve';
import { tipCard, tipRow } from '../tooltips';
import type { TripLedger } from '../tripLedger';
import { PickableMapLayer } from './PickableMapLayer';

/** Trucks are recorded in dispatch order; a departure this long before the window's start ends the scan. */
const SCAN_SLACK_S = 6 * 3600;
/**
 * Region colours: ColorBrewer Set3 (12 classes), light and apart from the vehicle colours, so a
 * lane never reads as a truck (yellow) or a van (sky blue) drawn over it.
 */
export const REGION_COLORS: ReadonlyArray<readonly [number, number, number]> = [
  [141, 211, 199],
  [190, 186, 218],
  [251, 128, 114],
  [128, 177, 211],
  [253, 180, 98],
  [179, 222, 105],
  [252, 205, 229],
  [217, 217, 217],
  [188, 128, 189],
  [204, 235, 197],
  [255, 237, 111],
  [255, 255, 179],
];
const FLOW_ALPHA = 150;

/** Arc width in pixels for a lane carrying `realParcelsPerHour`: area-like (square root), 1-14 px. */
export function getFlowWidthPx(realParcelsPerHour: number): number {
  return Math.min(14, Math.max(1, Math.sqrt(realParcelsPerHour) / 12));
}

/** Lanes as ArcLayer binary columns, plus what a hover needs. */
export interface LaneFlows {
  length: number;
  origin: Int32Array;
  destination: Int32Array;
  /** Real parcels per hour and trucks over the window. */
  parcelsPerHour: Float32Array;
  trucks: Uint32Array;
  attributes: {
    getSourcePosition: FloatColumn<2>;
    getTargetPosition: FloatColumn<2>;
    getWidth: FloatColumn<1>;
    getSourceColor: ColorColumn;
    getTargetColor: ColorColumn;
  };
}

/**
 * Sums the trucks that left in (timeS - FLOW_WINDOW_S, timeS] by lane. `scale` turns modelled
 * parcels into real ones. A new object each call: called at tick rate, not per frame.
 */
export function getLaneFlows(
  ledger: TripLedger,
  network: NetworkMessage,
  timeS: number,
  scale: number,
): LaneFlows {
  const fromS = timeS - FLOW_WINDOW_S;
  const laneOf = new Map<number, number>();
  const origin: number[] = [];
  const destination: number[] = [];
  const parcels: number[] = [];
  const trucks: number[] = [];
  const n = network.facilities.length;
  for (let k = ledger.truckCount - 1; k >= 0; k--) {
    const departS = ledger.truckDepartS[k];
    if (departS < fromS - SCAN_SLACK_S) break;
    if (departS <= fromS || departS > timeS) continue;
    const from = ledger.truckOrigin[k];
    const to = ledger.truckDestination[k];
    if (from < 0 || to < 0 || from >= n || to >= n) continue;
    const key = from * n + to;
    let lane = laneOf.get(key);
    if (lane === undefined) {
      lane = origin.length;
      laneOf.set(key, lane);
      origin.push(from);
      destination.push(to);
      parcels.push(0);
      trucks.push(0);
    }
    parcels[lane] += ledger.truckParcels[k];
    trucks[lane]++;
  }
  const length = origin.length;
  const sources = new Float32Array(length * 2);
  const targets = new Float32Array(length * 2);
  const widths = new Float32Array(length);
  const colors = new Uint8Array(length * 4);
  const perHour = new Float32Array(length);
  for (let lane = 0; lane < length; lane++) {
    const a = network.facilities[origin[lane]];
    const b = network.facilities[destination[lane]];
    sources[lane * 2] = a.lon;
    sources[lane * 2 + 1] = a.lat;
    targets[lane * 2] = b.lon;
    targets[lane * 2 + 1] = b.lat;
    perHour[lane] = (parcels[lane] / scale) * (3600 / FLOW_WINDOW_S);
    widths[lane] = getFlowWidthPx(perHour[lane]);
    const color = REGION_COLORS[a.region % REGION_COLORS.length];
    colors.set([color[0], color[1], color[2], FLOW_ALPHA], lane * 4);
  }
  return {
    length,
    origin: Int32Array.from(origin),
    destination: Int32Array.from(destination),
    parcelsPerHour: perHour,
    trucks: Uint32Array.from(trucks),
    attributes: {
      getSourcePosition: { value: sources, size: 2 },
      getTargetPosition: { value: targets, size: 2 },
      getWidth: { value: widths, size: 1 },
      getSourceColor: toColorColumn(colors),
      getTargetColor: toColorColumn(colors),
    },
  };
}

export interface LaneFlowsLayerProps {
  network: NetworkMessage;
  flows: LaneFlows;
}

export class LaneFlowsLayer extends PickableMapLayer<LaneFlowsLayerProps> {
  static override layerName = 'LaneFlowsLayer';

  override renderLayers() {
    return [
      new ArcLayer(
        this.getSubLayerProps({
          id: 'arcs',
          data: this.props.flows,
          widthUnits: 'pixels',
          getHeight: 0.35,
          greatCircle: false,
          pickable: true,
        }),
      ),
    ];
  }

  override getTooltipHtml(info: PickingInfo): string | null {
    const { flows, network } = this.props;
    const lane = info.index;
    if (lane < 0 || lane >= flows.length) return null;
    const from = network.facilities[flows.origin[lane]];
    const to = network.facilities[flows.destination[lane]];
    return tipCard(`${from.name} → ${to.name}`, 'Line-haul lane, last sim hour', [
      tipRow('Parcels per hour', formatCount(flows.parcelsPerHour[lane])),
      tipRow('Trucks left', formatCount(flows.trucks[lane])),
    ]);
  }

  override getSelection(): Selection {
    return null;
  }
}
