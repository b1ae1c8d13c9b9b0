/**
 * Metrics in the domain's words, cumulative and per sim hour. Counts are modelled parcels
 * (multiply by 1 / scale for real-world volume); miles and costs are real trucks.
 */
import type { ParcelStage } from './kinds';
import type { LastMileKpis } from './lastMile/lastMileKpis';
import { LAST_MILE_FLOW_KPIS } from './lastMile/lastMileMetrics';

/** Flows: counted when they happen; the hourly series holds each hour's amount. */
export const FLOW_KPIS = [
  'ordered',
  'sourcedInRegion',
  'picked',
  'packed',
  'loadedAtFc', // scanned, labelled (SLAM) and sorted into an outbound trailer
  'lineHaul', // parcels leaving FCs on line-haul trucks
  'arrivedSortCenter',
  'sorted', // sorted at a sortation center into a trailer (for a station or another sortation center)
  'lineHaulTransfer', // parcels leaving a sortation center for another one (out-of-region freight)
  'lineHaulToStation', // parcels leaving sortation centers for stations
  'atStation', // arrived at a delivery station
  'readyAtStation', // sorted at the station: handed over to the last mile
  'handedToLastMile', // given a carrier at a dispatch wave (van, Flex, USPS or regional)
  'lineHaulTrips',
  'lineHaulMiles',
  'lineHaulCostUsd',
  'trailerFillSum', // sum over departures of the trailer's fill (0-1): mean fill = this / trips
  'clickToStationHoursSum', // over parcels ready at a station: mean = this / readyAtStation
  'robotBusyHours', // drive-unit hours spent feeding pick stations (real robots)
  // The last mile (lastMile/lastMileMetrics.ts): carrier mix, deliveries, routes, Flex, costs.
  ...LAST_MILE_FLOW_KPIS,
] as const;
/** Levels: the hourly series holds the value at the end of each hour. */
export const LEVEL_KPIS = [
  'liveParcels',
  'backlogAtFcs',
  'backlogAtSortCenters',
  'backlogAtStations',
  'onTheRoad',
  'trailersOnTheRoad',
  'onTheirWayToTheDoor', // on a van or Flex car, or with a partner carrier
] as const;
export const KPI_NAMES = [...FLOW_KPIS, ...LEVEL_KPIS] as const;
export type FlowKpi = (typeof FLOW_KPIS)[number];
export type LevelKpi = (typeof LEVEL_KPIS)[number];
export type KpiName = (typeof KPI_NAMES)[number];
export const KPI_INDEX = Object.fromEntries(KPI_NAMES.map((name, index) => [name, index])) as Record<
  KpiName,
  number
>;
export const KPI_COUNT = KPI_NAMES.length;

export interface Kpis {
  timeS: number;
  /** Completed sim hours in `hourly`. */
  hours: number;
  /** Flows since the start; levels now. */
  cumulative: Record<KpiName, number>;
  /** One entry per completed sim hour (flows: that hour's amount; levels: value at its end). */
  hourly: Record<KpiName, Float64Array>;
  /** Parcels in each stage now. */
  inStage: Record<ParcelStage, number>;
  /** The last mile: on time by carrier, promise class and region, lateness, routes, Flex, cost. */
  lastMile: LastMileKpis;
  derived: {
    inRegionShare: number;
    meanClickToStationH: number;
    meanTrailerFill: number;
    lineHaulCostPerParcelUsd: number;
    /** Mean share of robots busy since the start. */
    robotsBusyShare: number;
  };
}

/** Cumulative counters plus an hourly series (hours x KPI_COUNT, grown by doubling). */
export class KpiRecorder {
  cumulative: Float64Array;
  series: Float64Array;
  hours: number;

  constructor(cumulative?: Float64Array, series?: Float64Array, hours = 0) {
    this.cumulative = cumulative ?? new Float64Array(KPI_COUNT);
    this.series = series ?? new Float64Array(KPI_COUNT * 48);
    this.hours = hours;
  }

  /** Closes an hour: flows since the previous close, levels as given in `cumulative`. */
  closeHour(previousClose: Float64Array): void {
    if ((this.hours + 1) * KPI_COUNT > this.series.length) {
      const series = new Float64Array(this.series.length * 2);
      series.set(this.series);
      this.series = series;
    }
    const row = this.hours * KPI_COUNT;
    for (let k = 0; k < KPI_COUNT; k++) {
      this.series[row + k] =
        k < FLOW_KPIS.length ? this.cumulative[k] - previousClose[k] : this.cumulative[k];
    }
    previousClose.set(this.cumulative);
    this.hours++;
  }

  getHourly(): Record<KpiName, Float64Array> {
    const hourly = {} as Record<KpiName, Float64Array>;
    KPI_NAMES.forEach((name, k) => {
      const column = new Float64Array(this.hours);
      for (let h = 0; h < this.hours; h++) column[h] = this.series[h * KPI_COUNT + k];
      hourly[name] = column;
    });
    return hourly;
  }

  getCumulative(): Record<KpiName, number> {
    const out = {} as Record<KpiName, number>;
    KPI_NAMES.forEach((name, k) => {
      out[name] = this.cumulative[k];
    });
    return out;
  }
}
