/**
 * Per-facility delivery figures per sim hour, kept by the worker (not the model, so snapshots
 * stay their size): at every hour close, each facility's row of the model's cumulative delivery
 * ledger minus its row at the previous close. The page asks for one facility's hours when a
 * facility is selected, and its panels then show that facility's on time, carrier mix, lateness
 * and cost, over the run or a brushed window.
 *
 * Layout: `rows` is hours x facilities x columns, row-major, Float32 (counts stay exact below
 * 2^24 per facility-hour; sums of hours and USD round at the 7th digit). About 134 kB per sim
 * hour at the default 904 facilities x 37 columns: ~3.2 MB per sim day.
 */

export class FacilityHourRecorder {
  facilityCount = 0;
  columnCount = 0;
  /** Hours recorded: rows for hours [firstHour, hours) are valid. */
  hours = 0;
  /** The first hour with a row (a fork or a rebuild starts mid-run). */
  firstHour = 0;
  private rows = new Float32Array(0);
  /** The ledger at the last close (or at the start): the next hour's baseline. */
  private previousClose = new Float64Array(0);

  /**
   * Starts over at `hour` from the ledger `values` (facilities x columns): a new run, a fork,
   * or a rebuild that renumbered the facilities.
   */
  reset(hour: number, values: Float64Array, columnCount: number): void {
    this.columnCount = columnCount;
    this.facilityCount = columnCount > 0 ? Math.floor(values.length / columnCount) : 0;
    this.firstHour = hour;
    this.hours = hour;
    this.previousClose = values.slice();
    if (this.rows.length === 0) this.rows = new Float32Array(this.facilityCount * columnCount * 24);
  }

  /**
   * Re-bases on a restored run at hour `hour` whose ledger is `values` (a seek or a rewind):
   * hours from `hour` on are recorded again as the replay closes them.
   */
  restart(hour: number, values: Float64Array): void {
    if (values.length !== this.previousClose.length) {
      this.reset(hour, values, this.columnCount);
      return;
    }
    this.hours = Math.max(this.firstHour, Math.min(this.hours, hour));
    if (hour < this.firstHour) this.firstHour = hour;
    this.previousClose.set(values);
  }

  /** Closes hour `hour` (its end is now) from the ledger's current `values`. */
  closeHour(hour: number, values: Float64Array): void {
    if (values.length !== this.previousClose.length || hour < this.firstHour) return;
    const width = this.facilityCount * this.columnCount;
    const needed = (hour - this.firstHour + 1) * width;
    if (needed > this.rows.length) {
      const grown = new Float32Array(Math.max(needed, this.rows.length * 2));
      grown.set(this.rows.subarray(0, (this.hours - this.firstHour) * width));
      this.rows = grown;
    }
    const base = (hour - this.firstHour) * width;
    for (let k = 0; k < width; k++) this.rows[base + k] = values[k] - this.previousClose[k];
    this.previousClose.set(values);
    this.hours = hour + 1;
  }

  /** One facility's rows for hours [fromHour, hours), hours x columns (a new array, for transfer). */
  readFacility(facilityId: number, fromHour: number): { firstHour: number; hourRows: Float32Array } {
    const first = Math.max(this.firstHour, fromHour);
    const count = Math.max(0, this.hours - first);
    const hourRows = new Float32Array(count * this.columnCount);
    if (facilityId < 0 || facilityId >= this.facilityCount) return { firstHour: first, hourRows };
    const width = this.facilityCount * this.columnCount;
    for (let h = 0; h < count; h++) {
      const from = (first + h - this.firstHour) * width + facilityId * this.columnCount;
      hourRows.set(this.rows.subarray(from, from + this.columnCount), h * this.columnCount);
    }
    return { firstHour: first, hourRows };
  }
}
