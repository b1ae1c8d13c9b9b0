/**
 * Per-facility figures per sim hour, kept by the worker (not the model, so snapshots stay their
 * size) for every facility from the start of the run, so selecting one shows its whole history
 * at once, however the run got here (a seek replays and records the hours it crosses):
 * - flows: at every hour close, each facility's row of the model's cumulative delivery ledger
 *   minus its row at the previous close (its on time, carrier mix, lateness and cost);
 * - levels: values at the hour's close as given (its throughput per hour and backlog).
 *
 * Layout: `rows` is hours x facilities x (columns + levels), row-major, Float32 (counts stay
 * exact below 2^24 per facility-hour; sums of hours and USD round at the 7th digit). About
 * 141 kB per sim hour at the default 904 facilities x (37 + 2): ~3.4 MB per sim day.
 */

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
  private rows = new Float32Array(0);
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
    if (this.rows.length === 0) this.rows = new Float32Array(this.facilityCount * this.width * 24);
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
    if (newCount > oldCount) {
      const width = this.width;
      const hours = this.hours - this.firstHour;
      const rows = new Float32Array(Math.max(hours + 1, 24) * newCount * width);
      for (let h = 0; h < hours; h++)
        rows.set(this.rows.subarray(h * oldCount * width, (h + 1) * oldCount * width), h * newCount * width);
      this.rows = rows;
      this.facilityCount = newCount;
    }
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
    const width = this.width;
    const hourWidth = this.facilityCount * width;
    const needed = (hour - this.firstHour + 1) * hourWidth;
    if (needed > this.rows.length) {
      const grown = new Float32Array(Math.max(needed, this.rows.length * 2));
      grown.set(this.rows.subarray(0, (this.hours - this.firstHour) * hourWidth));
      this.rows = grown;
    }
    const base = (hour - this.firstHour) * hourWidth;
    for (let facility = 0; facility < this.facilityCount; facility++) {
      const out = base + facility * width;
      const from = facility * columns;
      for (let k = 0; k < columns; k++) this.rows[out + k] = values[from + k] - this.previousClose[from + k];
      for (let level = 0; level < this.levelCount; level++)
        this.rows[out + columns + level] = levels[level]?.[facility] ?? Number.NaN;
    }
    this.previousClose.set(values);
    this.hours = hour + 1;
    this.validHours = Math.max(this.validHours, this.hours);
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
    const hourRows = new Float32Array(count * width);
    const hourWidth = this.facilityCount * width;
    for (const facilityId of facilityIds) {
      if (facilityId < 0 || facilityId >= this.facilityCount) continue;
      for (let h = 0; h < count; h++) {
        const from = (first + h - this.firstHour) * hourWidth + facilityId * width;
        for (let k = 0; k < width; k++) hourRows[h * width + k] += this.rows[from + k];
      }
    }
    return { firstHour: first, hourRows };
  }
}
