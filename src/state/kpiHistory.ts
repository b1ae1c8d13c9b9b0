/**
 * The page's record of the model's KPIs: one row per completed sim hour (as the worker streams
 * them, in the order of the KPI names it sent on `ready`) and the cumulative figures at the
 * latest tick the display has reached. Charts read columns from here; nothing is recomputed from
 * parcels on the main thread.
 */

export class KpiHistory {
  names: readonly string[] = [];
  private indexByName = new Map<string, number>();
  /** Completed sim hours held. */
  hours = 0;
  /** hours x names.length, row-major; grown by doubling. */
  rows = new Float64Array(0);
  /** Cumulative flows and current levels at `timeS`. */
  cumulative: Float64Array<ArrayBufferLike> = new Float64Array(0);
  timeS = 0;
  /** Bumped on every change; charts redraw when it moves. */
  version = 0;
  /**
   * Bumped when the hourly rows change (an hour added, rows replaced or merged, a reset, hours
   * dropped), not by a tick that brings only cumulative figures: what charts of hours follow.
   */
  rowsVersion = 0;

  reset(names: readonly string[]): void {
    this.names = names;
    this.indexByName = new Map(names.map((name, index) => [name, index]));
    this.hours = 0;
    this.rows = new Float64Array(names.length * 48);
    this.cumulative = new Float64Array(names.length);
    this.timeS = 0;
    this.version++;
    this.rowsVersion++;
  }

  has(name: string): boolean {
    return this.indexByName.has(name);
  }

  /** Sets hour rows from `firstHour` on (later rows are replaced, e.g. after a seek back). */
  setRows(firstHour: number, rows: Float64Array): void {
    const hours = this.writeRows(firstHour, rows);
    if (hours < 0) return;
    // A tick in an hour not yet closed sends no row, at the hour the page holds: nothing changed.
    if (hours !== this.hours || hours > firstHour) this.rowsVersion++;
    this.hours = hours;
    this.version++;
  }

  /**
   * Writes hour rows from `firstHour` on and keeps any later hours held: a replay's hours (a warm
   * start's, a resumed worker's) are the same figures, and the seek that ends it says what holds.
   */
  mergeRows(firstHour: number, rows: Float64Array): void {
    // Rows after a gap would leave hours between them that hold nothing.
    if (firstHour > this.hours) return;
    const hours = this.writeRows(firstHour, rows);
    if (hours < 0) return;
    if (hours > firstHour) this.rowsVersion++;
    this.hours = Math.max(this.hours, hours);
    this.version++;
  }

  /** Copies whole rows in at `firstHour` (growing by doubling); the hour after them, or -1. */
  private writeRows(firstHour: number, rows: Float64Array): number {
    const width = this.names.length;
    if (width === 0) return -1;
    const count = Math.floor(rows.length / width);
    const hours = firstHour + count;
    if (hours * width > this.rows.length) {
      const grown = new Float64Array(Math.max(hours * width, this.rows.length * 2));
      grown.set(this.rows.subarray(0, this.hours * width));
      this.rows = grown;
    }
    this.rows.set(rows.subarray(0, count * width), firstHour * width);
    return hours;
  }

  /** Drops hours from `hour` on (a seek back). */
  truncate(hour: number): void {
    if (hour < this.hours) {
      this.hours = Math.max(0, hour);
      this.version++;
      this.rowsVersion++;
    }
  }

  setCumulative(timeS: number, cumulative: Float64Array<ArrayBufferLike>): void {
    this.timeS = timeS;
    this.cumulative = cumulative;
    this.version++;
  }

  /** One KPI's hourly series as a new array (0 for a name the model does not report). */
  column(name: string, fromHour = 0, toHour = this.hours): Float64Array {
    const index = this.indexByName.get(name);
    const start = Math.max(0, fromHour);
    const end = Math.min(this.hours, toHour);
    const out = new Float64Array(Math.max(0, end - start));
    if (index === undefined) return out;
    const width = this.names.length;
    for (let hour = start; hour < end; hour++) out[hour - start] = this.rows[hour * width + index];
    return out;
  }

  /** Sum of a flow KPI over [fromHour, toHour). */
  sum(name: string, fromHour = 0, toHour = this.hours): number {
    let total = 0;
    for (const value of this.column(name, fromHour, toHour)) total += value;
    return total;
  }

  total(name: string): number {
    const index = this.indexByName.get(name);
    return index === undefined ? 0 : this.cumulative[index];
  }
}

/** The one history the page keeps for scenario A. */
export const kpiHistory = new KpiHistory();
