/**
 * An older sim day of the per-facility history (facilityHours.ts), folded: its hours become a few
 * segments, each one block of the flows summed over its hours, split at every hour a window the
 * page reads can start at (a network edit, a change, a fork), so a window from such an hour sums
 * exactly the hours it covers; its levels become means of LEVEL_MEAN_HOURS hours.
 *
 * Flows are whole numbers of grid steps (FLOW_GRID_STEPS_PER_UNIT; counts are whole already):
 * every hour's flow, segment sum and share of one is then exact in a Float64, and so is every sum
 * of them, in any order and grouping (an hour at a time, a segment at a time, facility by
 * facility). A window over whole segments and recorded hours thus sums to the same bits whether
 * the page received the hours before their day was folded or after: a reopened link shows what
 * the page that watched showed.
 */
import { HOURS_PER_DAY } from '../sim/schedules';
import { addAllFlows, addFacilityFlows, type FlowBlock, packFlows, TWO_BYTE_COUNTS } from './sparseFlows';

/** An older day's levels: one mean per this many hours. */
export const LEVEL_MEAN_HOURS = 4;
const LEVEL_MEANS_PER_DAY = HOURS_PER_DAY / LEVEL_MEAN_HOURS;
/**
 * Grid steps per unit (hour, USD) of the flows: 2^-16 h is 0.05 s, 2^-16 USD 0.002 cents. Sums
 * stay exact below 2^53 steps, 1.4e11 units per facility.
 */
export const FLOW_GRID_STEPS_PER_UNIT = 65_536;

/** `value` on the flow grid (a whole number as it is). */
export function toFlowGrid(value: number): number {
  return Math.round(value * FLOW_GRID_STEPS_PER_UNIT) / FLOW_GRID_STEPS_PER_UNIT;
}

/**
 * Hour `index`'s part of a segment's `total` over `hours` hours: whole counts stay whole (a
 * count of 7 over 3 hours reads 3, 2, 2), other totals are split in grid steps, so the parts add
 * up to `total` exactly.
 */
export function getHourShare(total: number, hours: number, index: number): number {
  const step = Number.isInteger(total) ? 1 : 1 / FLOW_GRID_STEPS_PER_UNIT;
  const steps = Math.round(total / step);
  const base = Math.floor(steps / hours);
  return (base + (index < steps - base * hours ? 1 : 0)) * step;
}

/** One sim hour's figures. */
export interface HourBlock extends FlowBlock {
  /** Levels at the close, facility-major (facilities as the network had then, x levelCount). */
  levels: Float32Array;
}

/** One older sim day's figures. */
export interface DayBlock {
  /** Each segment's first hour, ascending; a segment ends where the next starts, the last with the day. */
  segmentStart: number[];
  /** Each segment's flows, summed over its hours. */
  segments: FlowBlock[];
  /**
   * Mean levels of each LEVEL_MEAN_HOURS of the day, period-major, then facility-major
   * (LEVEL_MEANS_PER_DAY x facilities x levelCount), over the hours recorded; a facility added
   * during the day counts 0 in the hours before.
   */
  levels: Float32Array;
  /** Facilities the levels cover. */
  facilityCount: number;
}

/**
 * Folds the hours [firstHour, the day's end) of `day` (`hourBlocks` by absolute hour, every one
 * present) into a DayBlock whose segments start at `firstHour` and at each of `windowHours` after it.
 */
export function foldDay(
  day: number,
  firstHour: number,
  hourBlocks: ReadonlyArray<HourBlock | undefined>,
  windowHours: ReadonlySet<number>,
  shape: { facilityCount: number; columnCount: number; levelCount: number },
): DayBlock {
  const { facilityCount, columnCount, levelCount } = shape;
  const endHour = (day + 1) * HOURS_PER_DAY;
  const segmentStart = [firstHour];
  for (let hour = firstHour + 1; hour < endHour; hour++) if (windowHours.has(hour)) segmentStart.push(hour);
  const sums = new Float64Array(facilityCount * columnCount);
  const segments = segmentStart.map((start, k) => {
    sums.fill(0);
    for (let hour = start; hour < (segmentStart[k + 1] ?? endHour); hour++)
      addAllFlows(hourBlocks[hour] as HourBlock, columnCount, sums);
    return packFlows(sums, facilityCount, columnCount, TWO_BYTE_COUNTS);
  });
  const levels = new Float32Array(LEVEL_MEANS_PER_DAY * facilityCount * levelCount);
  const periodSize = facilityCount * levelCount;
  const hoursInPeriod = new Uint8Array(LEVEL_MEANS_PER_DAY);
  for (let hour = firstHour; hour < endHour; hour++) {
    const block = hourBlocks[hour] as HourBlock;
    const period = Math.floor((hour % HOURS_PER_DAY) / LEVEL_MEAN_HOURS);
    hoursInPeriod[period]++;
    const out = period * periodSize;
    for (let k = 0; k < block.levels.length; k++) levels[out + k] += block.levels[k];
  }
  for (let period = 0; period < LEVEL_MEANS_PER_DAY; period++) {
    for (let k = 0; k < periodSize && hoursInPeriod[period] > 0; k++)
      levels[period * periodSize + k] /= hoursInPeriod[period];
  }
  return { segmentStart, segments, levels, facilityCount };
}

/**
 * Adds hour `hour` of `day` for `facilityIds` into `out` at `outStart`: the hour's part of its
 * segment's flows (getHourShare), then the mean levels of its LEVEL_MEAN_HOURS after
 * `columnCount` flow columns. An hour before the day's first segment adds nothing.
 */
export function addDayHour(
  day: DayBlock,
  hour: number,
  facilityIds: readonly number[],
  shape: { columnCount: number; levelCount: number },
  out: Float64Array,
  outStart: number,
): void {
  const { segmentStart, segments } = day;
  let k = segmentStart.length - 1;
  while (k >= 0 && segmentStart[k] > hour) k--;
  if (k < 0) return;
  const start = segmentStart[k];
  const hours = (segmentStart[k + 1] ?? (Math.floor(start / HOURS_PER_DAY) + 1) * HOURS_PER_DAY) - start;
  const share = (total: number) => getHourShare(total, hours, hour - start);
  const { columnCount, levelCount } = shape;
  const levelsFrom = Math.floor((hour % HOURS_PER_DAY) / LEVEL_MEAN_HOURS) * day.facilityCount;
  for (const facilityId of facilityIds) {
    addFacilityFlows(segments[k], facilityId, out, outStart, share);
    if (facilityId < day.facilityCount) {
      const at = (levelsFrom + facilityId) * levelCount;
      for (let level = 0; level < levelCount; level++)
        out[outStart + columnCount + level] += day.levels[at + level];
    }
  }
}

/** Bytes `day`'s typed arrays hold. */
export function getDayBytes(day: DayBlock): number {
  let bytes = day.levels.byteLength;
  for (const segment of day.segments)
    for (const column of Object.values(segment)) bytes += (column as ArrayBufferView).byteLength;
  return bytes;
}
