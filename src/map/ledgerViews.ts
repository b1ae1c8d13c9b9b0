/**
 * What the summing layers draw from the trip ledger, kept until their inputs change: door sums
 * over a window (service-area on-time, lateness hexagons) and the last hour's lane flows.
 */
import type { Tick } from '../state/simClient';
import { formatSimClock } from '../ui/format';
import type { NetworkMessage } from '../worker/protocol';
import { getLaneFlows, type LaneFlows } from './layers/LaneFlowsLayer';
import { getHexResolution, type LateHexagon } from './layers/latenessHex';
import type { LateStopCells } from './layers/LatenessHexLayer';
import { getStationOnTime, type StationOnTime } from './layers/ServiceAreasLayer';
import type { TripLedger } from './tripLedger';

/** A window of sim time the map sums over, and how to say it. */
export interface SumWindow {
  fromS: number;
  toS: number;
  label: string;
}

/**
 * The charts' brushed hours [start, end) if any, else the hours the page has recorded, from the
 * hour of the earliest door it holds (`earliestS`: a page opened late holds only what its first
 * replay sent) to the last completed hour (the worker has sent every trip that ends in it, so
 * the sums are final). `startDayOfYear` dates the label (null before the parameters are known).
 */
export function getSumWindow(
  brushedHours: [number, number] | null,
  displayTimeS: number,
  startDayOfYear: number | null,
  earliestS = 0,
): SumWindow {
  const clock = (timeS: number) => formatSimClock(timeS, startDayOfYear);
  if (brushedHours) {
    const [startHour, endHour] = brushedHours;
    return {
      fromS: startHour * 3600,
      toS: endHour * 3600,
      label: `${clock(startHour * 3600)} to ${clock(endHour * 3600)} (brushed)`,
    };
  }
  const toS = Math.floor(displayTimeS / 3600) * 3600;
  const fromS = Number.isFinite(earliestS) ? Math.min(toS, Math.floor(earliestS / 3600) * 3600) : 0;
  return {
    fromS,
    toS,
    label: fromS > 0 ? `${clock(fromS)} to ${clock(toS)}` : `since the start, to ${clock(toS)}`,
  };
}

export interface WindowSums {
  onTime: StationOnTime;
  hexagons: LateHexagon[];
  label: string;
}

export class LedgerViews {
  private sums: { key: string; value: WindowSums } | null = null;
  private flows: { key: string; value: LaneFlows } | null = null;
  private lateCells: LateStopCells | null = null;

  constructor(private readonly ledger: TripLedger) {}

  /**
   * Door sums over `window`; hexagons (at the zoom's resolution) only when given the cell index
   * class `cellsOf` (the lateness layer's module, loaded when that layer is first turned on).
   */
  getWindowSums(
    network: NetworkMessage,
    window: SumWindow,
    zoom: number,
    scale: number,
    cellsOf: (new (resolution: number) => LateStopCells) | null,
  ): WindowSums {
    const resolution = getHexResolution(zoom);
    const key = `${window.fromS}|${window.toS}|${resolution}|${this.ledger.resets}|${cellsOf !== null}|${network.facilities.length}`;
    if (this.sums?.key !== key) {
      if (cellsOf && this.lateCells?.resolution !== resolution) this.lateCells = new cellsOf(resolution);
      const lateCells = cellsOf ? this.lateCells : null;
      this.sums = {
        key,
        value: {
          onTime: getStationOnTime(this.ledger, network.facilities.length, window.fromS, window.toS),
          hexagons: lateCells ? lateCells.countLate(this.ledger, window.fromS, window.toS, scale) : [],
          label: window.label,
        },
      };
    }
    return this.sums.value;
  }

  /** The lanes trucks left on in the hour before the tick on screen. */
  getFlows(network: NetworkMessage, tick: Tick | null, scale: number): LaneFlows {
    const timeS = tick?.timeS ?? 0;
    const key = `${timeS}|${this.ledger.version}`;
    if (this.flows?.key !== key)
      this.flows = { key, value: getLaneFlows(this.ledger, network, timeS, scale) };
    return this.flows.value;
  }
}
