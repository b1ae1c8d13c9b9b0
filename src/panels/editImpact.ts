/**
 * What a network edit changed, as figures: the deliveries of the stations it touches since the
 * edit, and their click-to-door day by day, from a KpiHistory of the summed per-hour ledger rows
 * the worker sends (`areaHours`, `facilityHours`). The model's own rule turns the sums into
 * rates (getFacilityDeliveryKpis: costs are real USD, counts modelled parcels). Pure: the edit's
 * panel and its tests call it.
 */
import { FACILITY_DELIVERY_COLUMNS, getFacilityDeliveryKpis } from '../sim/lastMile/facilityDeliveries';
import { HOURS_PER_DAY } from '../sim/schedules';
import type { KpiHistory } from '../state/kpiHistory';
import { sumWindowColumns } from './aggregate';

export interface AreaFigures {
  /** Modelled parcels delivered. */
  delivered: number;
  /** Share of them delivered by their promise (NaN before the first). */
  onTime: number;
  /** Mean hours from order to door (NaN before the first). */
  clickToDoorH: number;
  /** Last-mile cost per real parcel, USD (NaN before the first). */
  costPerParcelUsd: number;
}

/**
 * The first hour an edit's A and B figures count: the edit's own hour when it was made on the
 * hour, else the next. B's run begins at the edit (a fork of A there), so its rows of the edit's
 * hour hold only what came after it while A's hold the whole hour: an FC closed at 13:51 read
 * 309k fewer parcels delivered in B, the 13:00-13:51 of A's deliveries, for as long as the panel
 * showed it.
 */
export function getImpactFirstHour(editAtS: number): number {
  return Math.ceil(editAtS / 3600);
}

/**
 * Delivery figures of the hours [fromHour, endHour) of `history` (to its last hour unless told);
 * `scale` is Params.scale.
 */
export function readAreaFigures(
  history: KpiHistory,
  fromHour: number,
  scale: number,
  endHour = history.hours,
): AreaFigures {
  const totals = sumWindowColumns(history, FACILITY_DELIVERY_COLUMNS, [fromHour, endHour]);
  const kpis = getFacilityDeliveryKpis(totals, 0, scale);
  const delivered = kpis.delivered;
  const ifAny = (value: number) => (delivered > 0 ? value : Number.NaN);
  return {
    delivered,
    onTime: ifAny(kpis.onTimeRate),
    clickToDoorH: ifAny(kpis.meanClickToDoorH),
    costPerParcelUsd: ifAny(kpis.costPerParcelUsd),
  };
}

/**
 * An area's figures in A and B over the same hours: from `fromHour` to the last hour both hold.
 * Each run's rows reach the page in messages of their own, so one history can run hours ahead
 * of the other; compared to its own end, the one behind would read fewer deliveries (none, right
 * after a seek) as though its network did worse.
 */
export function readAreaFiguresAB(
  historyA: KpiHistory,
  historyB: KpiHistory,
  fromHour: number,
  scale: number,
): { a: AreaFigures; b: AreaFigures } {
  const endHour = Math.min(historyA.hours, historyB.hours);
  return {
    a: readAreaFigures(historyA, fromHour, scale, endHour),
    b: readAreaFigures(historyB, fromHour, scale, endHour),
  };
}

/** One delivery day of an area in A and B: its deliveries' mean click-to-door in each. */
export interface ClickToDoorDay {
  /** Day index since the run's start (0 = day 1). */
  day: number;
  /** Hours of the day counted: [firstHour, endHour) (the edit's day from the edit on). */
  firstHour: number;
  endHour: number;
  clickToDoorHA: number;
  clickToDoorHB: number;
}

/** Mean click-to-door of the deliveries in hours [start, end) of `history` (NaN without any). */
function readMeanClickToDoorH(history: KpiHistory, start: number, end: number): number {
  const delivered = history.sum('delivered', start, end);
  return delivered > 0 ? history.sum('clickToDoorHoursSum', start, end) / delivered : Number.NaN;
}

/**
 * Click-to-door by delivery day in A and B from `fromHour` (the edit's hour) to the last hour
 * both hold: an outage's rise and its recovery read day by day, where hour by hour the waves'
 * rhythm drowns them. The last day may be part of one (the display is mid-day).
 */
export function readClickToDoorByDay(
  historyA: KpiHistory,
  historyB: KpiHistory,
  fromHour: number,
): ClickToDoorDay[] {
  const endHour = Math.min(historyA.hours, historyB.hours);
  const days: ClickToDoorDay[] = [];
  for (let day = Math.floor(fromHour / HOURS_PER_DAY); day * HOURS_PER_DAY < endHour; day++) {
    const first = Math.max(fromHour, day * HOURS_PER_DAY);
    const end = Math.min(endHour, (day + 1) * HOURS_PER_DAY);
    days.push({
      day,
      firstHour: first,
      endHour: end,
      clickToDoorHA: readMeanClickToDoorH(historyA, first, end),
      clickToDoorHB: readMeanClickToDoorH(historyB, first, end),
    });
  }
  return days;
}
