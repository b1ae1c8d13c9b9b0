/**
 * Per-facility figures per sim hour, kept by the worker (not the model, so snapshots stay their
 * size) for every facility from the start of the run, so selecting one shows its whole history
 * at once, however the run got here (a seek replays and records the hours it crosses):
 * - flows: at every hour close, each facility's row of the model's cumulative delivery ledger
 *   minus its row at the previous close (its on time, carrier mix, lateness and cost);
 * - levels: values at the hour's close as given (its throughput per hour and backlog).
 *
 * Layout: one HourBlock per recorded sim hour, values as Float32 (counts stay exact below 2^24
 * per facility-hour; sums of hours and USD round at the 7th digit). The flows are sparse: in an
 * hour most facilities deliver nothing (at the default scale ~14% of the facility-hour values are
 * not zero), so a block keeps the facilities with any flow and their non-zero columns; and most
 * of those are parcel counts under 256 (~3 in 4), kept in a byte. The levels are dense. ~20 kB a
 * sim hour where dense rows of 934 facilities x (37 + 2) took 146 kB (3.5 MB a sim day): the
 * history is the worker's one store that grows with the run.
 */

/** One sim hour's figures. */
interface HourBlock {
  /** Facilities with a non-zero flow this hour, ascending (ids are 16-bit: networks hold a few thousand). */
  facility: Uint16Array;
  /** Per listed facility k, its values are [valueStart[k], valueStart[k + 1]). */
  valueStart: Uint32Array;
  /** Flow column of each value (the ledger has a few dozen). */
  valueColumn: Uint8Array;
  /** Each value if a whole number 1-255, else 0: the next of `otherValue` (a flow of 0 is not kept). */
  smallValue: Uint8Array;
  /** The other values in order; listed facility k's start at otherStart[k]. */
  otherValue: Float32Array;
  otherStart: Uint32Array;
  /** Levels at the close, facility-major (facilities as the network had then, x levelCount). */
  levels: Float32Array;
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
  /** By absolute sim hour. */
  private blocks: Array<HourBlock | undefined> = [];
  /** One hour's flows, dense, reused at every close: facilities x columns. */
  private scratchFlows = new Float32Array(0);
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
   * (`levels[k][facility]`, levelCount of them).
   */
  closeHour(hour: number, values: Float64Array, levels: ReadonlyArray<ArrayLike<number>> = []): void {
    if (values.length !== this.previousClose.length || hour < this.firstHour) return;
    const columns = this.columnCount;
    const facilityCount = this.facilityCount;
    if (this.scratchFlows.length < facilityCount * columns)
      this.scratchFlows = new Float32Array(facilityCount * columns);
    const flows = this.scratchFlows;
    let facilitiesWithFlow = 0;
    let valueCount = 0;
    let otherCount = 0;
    for (let facility = 0; facility < facilityCount; facility++) {
      const from = facility * columns;
      let any = false;
      for (let k = 0; k < columns; k++) {
        // Rounded to Float32 first, as stored: a difference that rounds to zero is stored as none.
        const flow = Math.fround(values[from + k] - this.previousClose[from + k]);
        flows[from + k] = flow;
        if (flow !== 0) {
          valueCount++;
          if (!isSmallCount(flow)) otherCount++;
          any = true;
        }
      }
      if (any) facilitiesWithFlow++;
    }
    const block: HourBlock = {
      facility: new Uint16Array(facilitiesWithFlow),
      valueStart: new Uint32Array(facilitiesWithFlow + 1),
      valueColumn: new Uint8Array(valueCount),
      smallValue: new Uint8Array(valueCount),
      otherValue: new Float32Array(otherCount),
      otherStart: new Uint32Array(facilitiesWithFlow + 1),
      levels: new Float32Array(facilityCount * this.levelCount),
    };
    let listed = 0;
    let value = 0;
    let other = 0;
    for (let facility = 0; facility < facilityCount; facility++) {
      const from = facility * columns;
      const start = value;
      const otherFrom = other;
      for (let k = 0; k < columns; k++) {
        const flow = flows[from + k];
        if (flow === 0) continue;
        block.valueColumn[value] = k;
        if (isSmallCount(flow)) block.smallValue[value] = flow;
        else block.otherValue[other++] = flow;
        value++;
      }
      if (value > start) {
        block.facility[listed] = facility;
        block.otherStart[listed] = otherFrom;
        block.valueStart[listed++] = start;
      }
      for (let level = 0; level < this.levelCount; level++)
        block.levels[facility * this.levelCount + level] = levels[level]?.[facility] ?? Number.NaN;
    }
    block.valueStart[listed] = value;
    block.otherStart[listed] = other;
    this.blocks[hour] = block;
    this.previousClose.set(values);
    this.hours = hour + 1;
    this.validHours = Math.max(this.validHours, this.hours);
  }

  /** Bytes the recorded hours hold (their typed arrays). */
  getHeldBytes(): number {
    let bytes = 0;
    for (const block of this.blocks) {
      if (!block) continue;
      for (const column of Object.values(block)) bytes += column.byteLength;
    }
    return bytes;
  }

  /**
   * One facility's rows for hours [fromHour, hours), hours x (columns + levels) (a new array, for
   * transfer).
   */
  readFacility(facilityId: number, fromHour: number): { firstHour: number; hourRows: Float32Array } {
    return this.readFacilitiesSum([facilityId], fromHour);
  }

  /**
   * The rows of `facilityIds` summed, hour by hour, for hours [fromHour, hours) (a new array, for
   * transfer); ids outside the network count nothing.
   */
  readFacilitiesSum(
    facilityIds: readonly number[],
    fromHour: number,
  ): { firstHour: number; hourRows: Float32Array } {
    const first = Math.max(this.firstHour, fromHour);
    const count = Math.max(0, this.hours - first);
    const width = this.width;
    const columns = this.columnCount;
    const levelCount = this.levelCount;
    const hourRows = new Float32Array(count * width);
    for (let h = 0; h < count; h++) {
      const block = this.blocks[first + h];
      if (!block) continue;
      const out = h * width;
      for (const facilityId of facilityIds) {
        if (facilityId < 0 || facilityId >= this.facilityCount) continue;
        const listed = findFacility(block.facility, facilityId);
        if (listed >= 0) {
          let other = block.otherStart[listed];
          for (let v = block.valueStart[listed]; v < block.valueStart[listed + 1]; v++) {
            const small = block.smallValue[v];
            hourRows[out + block.valueColumn[v]] += small !== 0 ? small : block.otherValue[other++];
          }
        }
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

/** Whether a (non-zero) flow is a whole number 1-255: one byte holds it. */
function isSmallCount(flow: number): boolean {
  return flow >= 1 && flow <= 255 && Number.isInteger(flow);
}

/** Index of `facilityId` in the ascending `facilities`, or -1. */
function findFacility(facilities: Uint16Array, facilityId: number): number {
  let low = 0;
  let high = facilities.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = facilities[middle];
    if (at === facilityId) return middle;
    if (at < facilityId) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
