/**
 * The panels' arithmetic, pure and unit-tested: hourly series out of the KPI history, rates and
 * shares, a time window applied, the top facilities by backlog. Components only draw the result.
 */
import type { KpiHistory } from '../state/kpiHistory';
import { formatHourLabel } from '../ui/format';

/** [start, end) in sim hours; null means every completed hour. */
export type HourWindow = readonly [number, number] | null;

export function windowBounds(history: KpiHistory, window: HourWindow): [number, number] {
  if (!window) return [0, history.hours];
  return [Math.max(0, window[0]), Math.min(history.hours, window[1])];
}

/**
 * Hours a headline counts when no window is brushed: the last sim day. A run opens warm (day 4,
 * 10:00) and runs for days; a figure since the start would keep the start-up's empty network in
 * it, while the last day is what the network does now. Hourly series still show every hour.
 */
export const HEADLINE_HOURS = 24;

/** The brushed window, or else the last HEADLINE_HOURS completed hours (fewer early in a run). */
export function getHeadlineWindow(history: KpiHistory, window: HourWindow): [number, number] {
  return window ? [window[0], window[1]] : [Math.max(0, history.hours - HEADLINE_HOURS), history.hours];
}

/**
 * The hours scenarios A and B are compared over: the brushed window, or else the last
 * HEADLINE_HOURS hours both runs have completed. Each worker sends its hours on its own, so one
 * can hold an hour the other has not finished: read each over its own last day, B's window ended
 * an hour before A's and "ordered" differed by an hour's orders in a fork that changed nothing.
 * Null while B is still catching up (more than an hour behind A, as while an A/B from the start
 * replays the run so far, or without an hour A has): its early hours are no comparison.
 */
export function getCompareWindow(
  hoursA: number,
  hoursB: number,
  brushed: HourWindow,
): [number, number] | null {
  if (hoursB + 1 < hoursA || (hoursB === 0 && hoursA > 0)) return null;
  const end = Math.min(hoursA, hoursB);
  // A brushed window past the hour one run has yet to finish ends where both have it.
  if (brushed) return [Math.min(brushed[0], end), Math.min(brushed[1], end)];
  return [Math.max(0, end - HEADLINE_HOURS), end];
}

/** A window of no hours: the run has not closed one. */
export const NO_HOUR_CLOSED = 'so far (no hour has closed yet)';
/** A facility's window of no hours: its first hour of figures is still open. */
export const NO_FACILITY_HOUR_CLOSED = 'so far (its first hour of figures has not closed yet)';

/**
 * What a panel says its figures cover: "in the last 24 h (D1 10h–D2 10h)", fewer hours early in
 * a run, "so far (no hour has closed yet)" before the first (it read "in the last 0 h (D1 00h–D1
 * 00h)"), or "in the window (D1 16h–D1 22h)" when it was brushed.
 */
export function describeHourWindow(window: readonly [number, number], isBrushed: boolean): string {
  const [start, end] = window;
  if (end <= start && !isBrushed) return NO_HOUR_CLOSED;
  const hours = `${formatHourLabel(start)}–${formatHourLabel(end)}`;
  return isBrushed ? `in the window (${hours})` : `in the last ${end - start} h (${hours})`;
}

/**
 * describeHourWindow for a facility's hours, which before `foldedBeforeHour` hold folded days
 * (facilityHours.ts): a window edge there, away from a day's start, cuts a day whose hours read
 * shares of its totals, and the label says so.
 */
export function describeFacilityHourWindow(
  window: readonly [number, number],
  isBrushed: boolean,
  foldedBeforeHour: number,
): string {
  // A facility's figures start when it is picked: the run's hours have closed, its own not yet.
  if (window[1] <= window[0] && !isBrushed) return NO_FACILITY_HOUR_CLOSED;
  const label = describeHourWindow(window, isBrushed);
  const cutsFoldedDay = window.some((hour) => hour < foldedBeforeHour && hour % 24 !== 0);
  return cutsFoldedDay
    ? `${label}; before ${formatHourLabel(foldedBeforeHour)} each hour reads a share of its day's figures`
    : label;
}

/** numerator / denominator per hour; NaN where nothing was counted (drawn as a gap). */
export function rateSeries(history: KpiHistory, numerator: string, denominator: string): Float64Array {
  const top = history.column(numerator);
  const bottom = history.column(denominator);
  const out = new Float64Array(top.length);
  for (let hour = 0; hour < top.length; hour++)
    out[hour] = bottom[hour] > 0 ? top[hour] / bottom[hour] : Number.NaN;
  return out;
}

/**
 * numerator / denominator summed over the HEADLINE_HOURS (`hours`) up to the end of each hour:
 * the headline's figure as it stood hour by hour. NaN where the hours before counted nothing.
 * A measure by due hour has parcels only in the evening hours promises fall due in, so an hourly
 * rate of it is a few points a day; this one is defined every hour once anything fell due.
 */
export function trailingRateSeries(
  history: KpiHistory,
  numerator: string,
  denominator: string,
  hours = HEADLINE_HOURS,
): Float64Array {
  const top = history.column(numerator);
  const bottom = history.column(denominator);
  const out = new Float64Array(top.length);
  let topSum = 0;
  let bottomSum = 0;
  for (let hour = 0; hour < top.length; hour++) {
    topSum += top[hour];
    bottomSum += bottom[hour];
    if (hour >= hours) {
      topSum -= top[hour - hours];
      bottomSum -= bottom[hour - hours];
    }
    // Sums of whole counts: a window that emptied is 0 exactly, not a rounding residue.
    out[hour] = bottomSum > 0 ? topSum / bottomSum : Number.NaN;
  }
  return out;
}

/** The first hour in which `name` counted anything (history.hours if none has yet). */
export function getFirstCountedHour(history: KpiHistory, name: string): number {
  const column = history.column(name);
  for (let hour = 0; hour < column.length; hour++) if (column[hour] > 0) return hour;
  return column.length;
}

/** One rate over a window of hours (or the cumulative figures when there is no window). */
export function windowRate(
  history: KpiHistory,
  numerator: string,
  denominator: string,
  window: HourWindow,
): number {
  if (!window) {
    const bottom = history.total(denominator);
    return bottom > 0 ? history.total(numerator) / bottom : Number.NaN;
  }
  const [start, end] = windowBounds(history, window);
  const bottom = history.sum(denominator, start, end);
  return bottom > 0 ? history.sum(numerator, start, end) / bottom : Number.NaN;
}

/** Each name's share of their sum, per hour (0 where the sum is 0). */
export function shareSeries(history: KpiHistory, names: readonly string[]): Float64Array[] {
  const columns = names.map((name) => history.column(name));
  const hours = columns[0]?.length ?? 0;
  const shares = columns.map(() => new Float64Array(hours));
  for (let hour = 0; hour < hours; hour++) {
    let total = 0;
    for (const column of columns) total += column[hour];
    if (total <= 0) continue;
    columns.forEach((column, index) => {
      shares[index][hour] = column[hour] / total;
    });
  }
  return shares;
}

/**
 * Hours of `window` (start inclusive, end exclusive) in which every one of `names` is zero, once
 * any of them has been counted: the gaps a share chart of them leaves. The hours before the first
 * count are a run's start-up (nothing has reached that stage yet), not gaps.
 */
export function countHoursWithNone(
  history: KpiHistory,
  names: readonly string[],
  window: [number, number],
): number {
  const columns = names.map((name) => history.column(name));
  const isEmpty = (hour: number) => columns.every((column) => !(column[hour] > 0));
  let first = 0;
  while (first < history.hours && isEmpty(first)) first++;
  const [start, end] = windowBounds(history, window);
  let empty = 0;
  for (let hour = Math.max(start, first); hour < end; hour++) if (isEmpty(hour)) empty++;
  return empty;
}

/** Each name's share of their total over a window (or cumulative). */
export function windowShares(history: KpiHistory, names: readonly string[], window: HourWindow): number[] {
  const [start, end] = windowBounds(history, window);
  const totals = names.map((name) => (window ? history.sum(name, start, end) : history.total(name)));
  const sum = totals.reduce((a, b) => a + b, 0);
  return totals.map((value) => (sum > 0 ? value / sum : 0));
}

export interface RankedFacility {
  id: number;
  value: number;
}

/**
 * The `count` facilities with the largest value (backlog), largest first; ties by id so the
 * order is stable between ticks. Facilities with nothing queued are left out.
 */
export function topFacilities(
  values: ArrayLike<number>,
  count: number,
  include?: (id: number) => boolean,
): RankedFacility[] {
  const ranked: RankedFacility[] = [];
  for (let id = 0; id < values.length; id++) {
    const value = values[id];
    if (value > 0 && (!include || include(id))) ranked.push({ id, value });
  }
  ranked.sort((a, b) => b.value - a.value || a.id - b.id);
  return ranked.slice(0, count);
}

/** Bucket boundaries → bars: [lower, upper) with counts and shares of the whole. */
export function histogramBars(
  bucketUpperBounds: readonly number[],
  counts: ArrayLike<number>,
): Array<{ lower: number; upper: number; count: number; share: number }> {
  let total = 0;
  for (let index = 0; index < counts.length; index++) total += counts[index];
  return bucketUpperBounds.map((upper, index) => ({
    lower: index === 0 ? 0 : bucketUpperBounds[index - 1],
    upper,
    count: counts[index] ?? 0,
    share: total > 0 ? (counts[index] ?? 0) / total : 0,
  }));
}

/** Each named column summed over the window's hours (the cumulative figures without one). */
export function sumWindowColumns(
  history: KpiHistory,
  names: readonly string[],
  window: HourWindow,
): Float64Array {
  const out = new Float64Array(names.length);
  if (!window) {
    for (let k = 0; k < names.length; k++) out[k] = history.total(names[k]);
    return out;
  }
  const [start, end] = windowBounds(history, window);
  for (let k = 0; k < names.length; k++) out[k] = history.sum(names[k], start, end);
  return out;
}
