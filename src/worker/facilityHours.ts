/**
 * Per-facility figures per sim hour, kept by the worker (not the model, so snapshots stay their
 * size) for every facility from the start of the run, so selecting one shows its whole history
 * at once, however the run got here (a seek replays and records the hours it crosses):
 * - flows: at every hour close, each facility's row of the model's cumulative delivery ledger
 *   minus its row at the previous close (its on time, carrier mix, lateness and cost), on the
 *   flow grid (facilityDays.ts) so that every sum of them is exact;
 * - levels: values at the hour's close as given (its throughput per hour and backlog).
 *
 * The recent days are kept hour by hour: the current day and the HOURLY_DAYS before it, which
 * hold the headline's last 24 h, the trailing on-time rate and every hourly snapshot a scrub or
 * a change rewinds to. An older day is folded (facilityDays.ts): its flows summed over segments
 * that end at the day's end and at every window hour (an hour a figure the page reads starts at:
 * a network edit, a change, a fork; keepWindowsAt), its levels as means of LEVEL_MEAN_HOURS hours
 * (a sortation center's daily wave still shows). Read back hour by hour, an hour of an older day
 * holds its part of its segment's flows and its mean levels: a window from a window hour, or of
 * whole days, sums exactly what was recorded; a window that starts inside a segment reads a
 * share of it. Flows are sparse (sparseFlows.ts), levels dense. At the default scale a day of
 * hours takes ~0.56 MB and an older day ~0.15 MB: the history, the worker's one store that grows
 * with the run, grows that much a sim day from day 4 on (measured over 7 sim days in Node, seed
 * 1: +0.20, 0.18, 0.16, 0.15 MB on days 4 to 7; hours alone grow 0.55 MB a day).
 *
 * A seek far back restores a daily snapshot (snapshotPolicy.ts: the sparse ones stand at day
 * starts), so its replay re-records whole days: such a day reads its hours once they are all
 * re-recorded up to the run's hour (a seek forward again, before that, reads the folded day).
 */

import { addDayHour, type DayBlock, foldDay, getDayBytes, type HourBlock, toFlowGrid } from './facilityDays';
import { addFacilityFlows, BYTE_COUNTS, packFlows } from './sparseFlows';
import { HOURS_PER_DAY } from '../sim/schedules';

/** Whole days before the current one kept hour by hour. */
export const HOURLY_DAYS = 2;

/**
 * A recorder's figures as plain data (structured-cloneable): what a precomputed warm start
 * carries (warmState.ts). The window hours are not in it: they are the page's, told to each run.
 */
export interface FacilityHoursSnapshot {
  facilityCount: number;
  columnCount: number;
  levelCount: number;
  hours: number;
  firstHour: number;
  validHours: number;
  blocks: Array<HourBlock | undefined>;
  days: Array<DayBlock | undefined>;
  previousClose: Float64Array;
}

export class FacilityHourRecorder {
  facilityCount = 0;
  /** Flow columns (the ledger's), then level columns: `width` values per facility-hour. */
  columnCount = 0;
  levelCount = 0;
  /** Hours recorded: rows for hours [firstHour, hours) are valid. */
  hours = 0;
  /** The first hour with a row (a fork or a rebuild starts mid-run). */
  firstHour = 0;
  /**
   * Rows for hours [firstHour, validHours) hold this run's figures, `hours` or more: a seek back
   * leaves the rows after it, which a seek forward to a snapshot of the same run finds again,
   * until a change makes them another run's (forgetAfter).
   */
  private validHours = 0;
  /** Hours a window the page reads can start at: an older day's segments are split there. */
  private readonly windowHours = new Set<number>();
  /** By absolute sim hour; an older day's hours are dropped once its DayBlock holds them. */
  private blocks: Array<HourBlock | undefined> = [];
  /** By sim day: the older days. */
  private days: Array<DayBlock | undefined> = [];
  /** One hour's flows, dense, reused at every close: facilities x columns. */
  private scratchFlows = new Float64Array(0);
  /** The ledger at the last close (or at the start): the next hour's baseline. */
  private previousClose = new Float64Array(0);

  /** Values per facility-hour: the flow columns and the levels. */
  get width(): number {
    return this.columnCount + this.levelCount;
  }

  /**
   * Starts over at `hour` from the ledger `values` (facilities x columns): a new run, a fork,
   * or a rebuild that renumbered the facilities. `levelCount` levels follow the columns.
   */
  reset(hour: number, values: Float64Array, columnCount: number, levelCount = 0): void {
    this.columnCount = columnCount;
    this.levelCount = levelCount;
    this.facilityCount = columnCount > 0 ? Math.floor(values.length / columnCount) : 0;
    this.firstHour = hour;
    this.hours = hour;
    this.validHours = hour;
    this.previousClose = values.slice();
    this.blocks = [];
    this.days = [];
  }

  /**
   * The figures recorded so far, as plain data. The blocks are shared, not copied: the recorder
   * never changes a block once written (a close writes a new one, a fold drops them).
   */
  save(): FacilityHoursSnapshot {
    return {
      facilityCount: this.facilityCount,
      columnCount: this.columnCount,
      levelCount: this.levelCount,
      hours: this.hours,
      firstHour: this.firstHour,
      validHours: this.validHours,
      blocks: this.blocks.slice(),
      days: this.days.slice(),
      previousClose: this.previousClose.slice(),
    };
  }

  /**
   * Takes the figures `saved` holds as its own (they must not be changed after), keeping the
   * window hours it was told: a recorder that recorded the same hours, as a precomputed warm start
   * brings them. Days fold at their usual hour from here on.
   */
  load(saved: FacilityHoursSnapshot): void {
    this.facilityCount = saved.facilityCount;
    this.columnCount = saved.columnCount;
    this.levelCount = saved.levelCount;
    this.hours = saved.hours;
    this.firstHour = saved.firstHour;
    this.validHours = saved.validHours;
    this.blocks = saved.blocks.slice();
    this.days = saved.days.slice();
    this.previousClose = saved.previousClose.slice();
  }

  /**
   * Hours a window the page reads can start (or end) at: a network edit's, a change's, a fork's
   * (sim hours, any order). An older day is folded into segments split at them, so a window from
   * one sums exactly. An hour named after its day was folded splits nothing: name them before.
   */
  keepWindowsAt(hours: Iterable<number>): void {
    for (const hour of hours) if (Number.isInteger(hour) && hour >= 0) this.windowHours.add(hour);
  }

  /**
   * Re-bases on a restored run at hour `hour` whose ledger is `values` (a seek or a rewind):
   * hours from `hour` on are recorded again as the replay closes them.
   */
  restart(hour: number, values: Float64Array): void {
    if (values.length !== this.previousClose.length) {
      this.reset(hour, values, this.columnCount, this.levelCount);
      return;
    }
    if (hour > this.hours && hour <= this.validHours) {
      // Forward to a snapshot of the same run (a seek back, then on): its hours are still here.
      this.hours = hour;
    } else if (hour > this.hours) {
      // Hours between were never recorded here (a new worker resumed from a later snapshot):
      // the rows start at `hour`, and the page keeps the ones it had.
      this.firstHour = hour;
      this.hours = hour;
      this.validHours = hour;
    } else {
      this.hours = Math.max(this.firstHour, Math.min(this.hours, hour));
      if (hour < this.firstHour) this.firstHour = hour;
    }
    this.previousClose.set(values);
  }

  /** The run changed from hour `hour` on: rows after it no longer hold, though not yet replaced. */
  forgetAfter(hour: number): void {
    this.validHours = Math.max(this.hours, Math.min(this.validHours, hour));
  }

  /**
   * The same network with facilities added at its end (a network edit keeps the ids of the
   * others): their rows count nothing before now; every other facility keeps its history. A
   * ledger of another layout starts over at `hour` (reset).
   */
  extendTo(hour: number, values: Float64Array): void {
    const columns = this.columnCount;
    const oldCount = this.facilityCount;
    const newCount = columns > 0 ? Math.floor(values.length / columns) : 0;
    if (newCount < oldCount || newCount * columns !== values.length) {
      this.reset(hour, values, columns, this.levelCount);
      return;
    }
    // Blocks name facilities by id: the new ones have no values in the hours before.
    this.facilityCount = newCount;
    // Rows after now were laid out for the old network (a change is made now: they no longer hold).
    this.validHours = this.hours;
    // The new facilities' baseline is their ledger now; the others keep the last close.
    const previous = new Float64Array(values.length);
    previous.set(this.previousClose);
    previous.set(values.subarray(oldCount * columns), oldCount * columns);
    this.previousClose = previous;
  }

  /**
   * Closes hour `hour` (its end is now) from the ledger's current `values` and the levels now
   * (`levels[k][facility]`, levelCount of them). Returns the first hour whose rows now read
   * otherwise (a day was folded, or re-recorded whole), or Infinity: the page's copy is stale from there.
   */
  closeHour(hour: number, values: Float64Array, levels: ReadonlyArray<ArrayLike<number>> = []): number {
    if (values.length !== this.previousClose.length || hour < this.firstHour) return Number.POSITIVE_INFINITY;
    const columns = this.columnCount;
    const facilityCount = this.facilityCount;
    if (this.scratchFlows.length < facilityCount * columns)
      this.scratchFlows = new Float64Array(facilityCount * columns);
    const flows = this.scratchFlows;
    for (let k = 0; k < facilityCount * columns; k++) {
      // Both closes on the grid: their difference is exact, and the hours' flows add up to the
      // ledger's gain on the grid whatever hours are summed first.
      flows[k] = toFlowGrid(values[k]) - toFlowGrid(this.previousClose[k]);
    }
    const levelValues = new Float32Array(facilityCount * this.levelCount);
    for (let facility = 0; facility < facilityCount; facility++) {
      for (let level = 0; level < this.levelCount; level++)
        levelValues[facility * this.levelCount + level] = levels[level]?.[facility] ?? Number.NaN;
    }
    this.blocks[hour] = { ...packFlows(flows, facilityCount, columns, BYTE_COUNTS), levels: levelValues };
    this.previousClose.set(values);
    this.hours = hour + 1;
    this.validHours = Math.max(this.validHours, this.hours);
    const day = Math.floor(hour / HOURS_PER_DAY);
    let changedFrom = Number.POSITIVE_INFINITY;
    // A day re-recorded whole (a replay from its start) reads its hours: its block goes.
    if (this.days[day] && hour === (day + 1) * HOURS_PER_DAY - 1 && this.hasEveryHour(day, this.hours)) {
      this.days[day] = undefined;
      changedFrom = this.getDayStart(day);
    }
    return Math.min(changedFrom, this.compactOldDays());
  }

  /**
   * The first hour whose rows read as the folded days' (flows spread over segments, 4-hour mean
   * levels) rather than as recorded hour by hour: every hour before it that reads at all.
   */
  getFoldedBeforeHour(): number {
    for (let day = Math.floor((this.hours - 1) / HOURS_PER_DAY); day >= 0; day--) {
      if (this.days[day] && !this.hasEveryHour(day, this.hours))
        return Math.min(this.hours, (day + 1) * HOURS_PER_DAY);
    }
    return 0;
  }

  /**
   * Folds each whole day older than the hourly ones and drops its hours; returns the first hour
   * it folded (its rows now read otherwise), or Infinity.
   */
  private compactOldDays(): number {
    const lastOldDay = Math.floor(this.hours / HOURS_PER_DAY) - 1 - HOURLY_DAYS;
    let foldedFrom = Number.POSITIVE_INFINITY;
    for (let day = Math.floor(this.firstHour / HOURS_PER_DAY); day <= lastOldDay; day++) {
      const start = this.getDayStart(day);
      if (!this.blocks[start] || !this.hasEveryHour(day, this.hours)) continue;
      // The hours of a day the run began during (a fork) start at the run's first: a segment
      // starts there, so nothing spreads over hours before it.
      this.days[day] = foldDay(day, start, this.blocks, this.windowHours, this);
      for (let hour = start; hour < (day + 1) * HOURS_PER_DAY; hour++) this.blocks[hour] = undefined;
      foldedFrom = Math.min(foldedFrom, start);
    }
    return foldedFrom;
  }

  /** The first hour of `day` the run has (a fork's first day starts at the fork). */
  private getDayStart(day: number): number {
    return Math.max(day * HOURS_PER_DAY, this.firstHour);
  }

  /** Whether every hour of `day` before `endHour` has its block. */
  private hasEveryHour(day: number, endHour: number): boolean {
    const end = Math.min((day + 1) * HOURS_PER_DAY, endHour);
    for (let hour = this.getDayStart(day); hour < end; hour++) if (!this.blocks[hour]) return false;
    return true;
  }

  /** Bytes the recorded hours hold (their typed arrays). */
  getHeldBytes(): number {
    let bytes = 0;
    for (const block of this.blocks) {
      if (!block) continue;
      for (const column of Object.values(block)) bytes += (column as ArrayBufferView).byteLength;
    }
    for (const day of this.days) if (day) bytes += getDayBytes(day);
    return bytes;
  }

  /**
   * One facility's rows for hours [fromHour, hours), hours x (columns + levels) (a new array, for
   * transfer).
   */
  readFacility(facilityId: number, fromHour: number): { firstHour: number; hourRows: Float64Array } {
    return this.readFacilitiesSum([facilityId], fromHour);
  }

  /**
   * The rows of `facilityIds` summed, hour by hour, for hours [fromHour, hours) (a new array, for
   * transfer); ids outside the network count nothing. Float64: the flows' sums are exact there.
   */
  readFacilitiesSum(
    facilityIds: readonly number[],
    fromHour: number,
  ): { firstHour: number; hourRows: Float64Array } {
    const first = Math.max(this.firstHour, fromHour);
    const count = Math.max(0, this.hours - first);
    const width = this.width;
    const columns = this.columnCount;
    const levelCount = this.levelCount;
    const hourRows = new Float64Array(count * width);
    const ids = facilityIds.filter((id) => id >= 0 && id < this.facilityCount);
    let readsDay: DayBlock | undefined;
    for (let h = 0; h < count; h++) {
      const hour = first + h;
      const out = h * width;
      const day = Math.floor(hour / HOURS_PER_DAY);
      // Once per day: its hours if all are here up to now (a replay re-recorded it), else its fold.
      if (hour === first || hour % HOURS_PER_DAY === 0)
        readsDay = this.days[day] && !this.hasEveryHour(day, this.hours) ? this.days[day] : undefined;
      if (readsDay) {
        addDayHour(readsDay, hour, ids, this, hourRows, out);
        continue;
      }
      const block = this.blocks[hour];
      if (!block) continue;
      for (const facilityId of ids) {
        addFacilityFlows(block, facilityId, hourRows, out);
        // A facility added after this hour (a network edit) had no levels yet.
        if ((facilityId + 1) * levelCount <= block.levels.length) {
          for (let level = 0; level < levelCount; level++)
            hourRows[out + columns + level] += block.levels[facilityId * levelCount + level];
        }
      }
    }
    return { firstHour: first, hourRows };
  }
}
