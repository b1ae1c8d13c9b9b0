/**
 * Metrics in the domain's words, cumulative and per sim hour. Counts are modelled parcels
 * (multiply by 1 / scale for real-world volume); miles and costs are real trucks. What each KPI
 * counts, in what unit, and how to turn a sum into a mean: KPI_DESCRIPTIONS (kpiDictionary.ts).
 */
import { PROMISE_CLASSES, type ParcelStage, type PromiseClass } from './kinds';
import type { LastMileKpis } from './lastMile/lastMileKpis';
import { LAST_MILE_FLOW_KPIS } from './lastMile/lastMileMetrics';

/** Flows: counted when they happen; the hourly series holds each hour's amount. */
export const FLOW_KPIS = [
  'ordered',
  'sourcedInRegion',
  'picked',
  'packed',
  'loadedAtFc',
  'lineHaul',
  'arrivedSortCenter',
  'sorted',
  'lineHaulTransfer',
  'lineHaulToStation',
  'atStation',
  'readyAtStation',
  'handedToLastMile',
  'lineHaulTrips',
  'lineHaulMiles',
  'lineHaulCostUsd',
  'trailerFillSum',
  'trailersWaitedForDoor',
  'doorWaitHoursSum',
  'clickToStationHoursSum',
  'robotBusyHours',
  // Honest on-time (dueLedger.ts) by the hour the promise fell due: dueLedger.closeHour writes
  // these ten in this order from dueParcels on.
  'dueParcels',
  'dueOnTime',
  'dueSameDay',
  'dueSameDayOnTime',
  'dueNextDay',
  'dueNextDayOnTime',
  'dueTwoDay',
  'dueTwoDayOnTime',
  'dueStandard',
  'dueStandardOnTime',
  // The promise offered each order (deliveryPromises.ts), in PROMISE_CLASSES order (orders.ts
  // adds the class's index to promisedSameDay).
  'promisedSameDay',
  'promisedNextDay',
  'promisedTwoDay',
  'promisedStandard',
  // CALIBRATION: same-day or next-day share of Prime orders, top 60 metros.
  'topMetroOrders',
  'topMetroFastPromises',
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
  'onTheirWayToTheDoor',
] as const;
export const KPI_NAMES = [...FLOW_KPIS, ...LEVEL_KPIS] as const;
export type FlowKpi = (typeof FLOW_KPIS)[number];
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
  /**
   * Honest on-time since the start: every parcel whose promise fell due in a completed hour,
   * late if it had not reached the door by its deadline (dueLedger.ts). `lastMile.onTimeRate`
   * counts delivered parcels only.
   */
  onTime: DueOnTime;
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

/** On-time over a window of due hours: parcels whose promise fell due in [fromS, toS). */
export interface DueOnTime {
  fromS: number;
  toS: number;
  /** Parcels due in the window. */
  due: number;
  /** Of those, delivered by their deadline. */
  onTime: number;
  /** onTime / due (NaN when nothing fell due). */
  rate: number;
  byPromise: Record<PromiseClass, { due: number; onTime: number; rate: number }>;
}

const DUE_COLUMNS: Record<PromiseClass, [FlowKpi, FlowKpi]> = {
  sameDay: ['dueSameDay', 'dueSameDayOnTime'],
  nextDay: ['dueNextDay', 'dueNextDayOnTime'],
  twoDay: ['dueTwoDay', 'dueTwoDayOnTime'],
  standard: ['dueStandard', 'dueStandardOnTime'],
};

/** A flow's total over hours [fromHour, toHour) of its hourly series (hours it lacks count 0). */
export function sumHours(series: ArrayLike<number>, fromHour: number, toHour: number): number {
  let total = 0;
  for (let h = Math.max(0, fromHour); h < Math.min(toHour, series.length); h++) total += series[h];
  return total;
}

/** Honest on-time over completed due hours [fromHour, toHour) of an hourly KPI series. */
export function getDueOnTime(
  hourly: Record<KpiName, ArrayLike<number>>,
  fromHour: number,
  toHour: number,
): DueOnTime {
  const sum = (name: KpiName) => sumHours(hourly[name], fromHour, toHour);
  const byPromise = {} as DueOnTime['byPromise'];
  for (const promise of PROMISE_CLASSES) {
    const [dueName, onTimeName] = DUE_COLUMNS[promise];
    const due = sum(dueName);
    const onTime = sum(onTimeName);
    byPromise[promise] = { due, onTime, rate: due > 0 ? onTime / due : Number.NaN };
  }
  const due = sum('dueParcels');
  const onTime = sum('dueOnTime');
  return {
    fromS: fromHour * 3600,
    toS: toHour * 3600,
    due,
    onTime,
    rate: due > 0 ? onTime / due : Number.NaN,
    byPromise,
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
    const hourly = createKpiRecord<Float64Array>();
    KPI_NAMES.forEach((name, k) => {
      const column = new Float64Array(this.hours);
      for (let h = 0; h < this.hours; h++) column[h] = this.series[h * KPI_COUNT + k];
      hourly[name] = column;
    });
    return hourly;
  }

  getCumulative(): Record<KpiName, number> {
    const out = createKpiRecord<number>();
    KPI_NAMES.forEach((name, k) => {
      out[name] = this.cumulative[k];
    });
    return out;
  }
}

/**
 * An empty record for a value per KPI, without a prototype. Built from `{}` with the KPI names
 * in KPI_NAMES order, it would take the hidden classes KPI_INDEX has (V8 shares them between
 * objects given the same keys in the same order), and writing fractions into it makes V8 widen
 * those fields from small integers to doubles: KPI_INDEX's class is deprecated and the model's
 * optimised code that reads it (every stage, every parcel) thrown away. Read hourly, as the
 * worker does, that made a run to day 2 10:00 take 2.0x the CPU (default link, Node: 8.6-8.9 s
 * against 4.3-4.7 s without reading KPIs). A prototype-less object starts in dictionary mode and
 * shares nothing.
 */
function createKpiRecord<T>(): Record<KpiName, T> {
  return Object.create(null) as Record<KpiName, T>;
}
