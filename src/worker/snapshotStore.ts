/**
 * The snapshots the worker keeps for scrubbing, by sim hour. Each snapshot carries the run's
 * hourly KPI rows up to its time (~17 kB a sim day), so a dozen kept snapshots would each hold
 * the whole history and grow with the run. Those rows are closed hours of one run: the same in
 * every kept snapshot that reaches them (a change forgets the snapshots after it, and cannot
 * alter an hour closed before it). The store keeps them once and hands each snapshot back whole.
 */
import { KPI_COUNT } from '../sim/kpis';
import type { SimSnapshot } from '../sim/simulation';
import { countTypedArrayBytes, growTypedArray } from '../sim/typedArrays';

const NO_ROWS = new Float64Array(0);

export class SnapshotStore {
  /** Kept snapshots by sim hour, their KPI rows left out (read them with `get`). */
  readonly byHour = new Map<number, SimSnapshot>();
  /** The run's closed hours' KPI rows (hours x KPI_COUNT), as far as any snapshot reached. */
  private kpiRows = new Float64Array(0);
  /** Typed-array bytes of each kept snapshot, KPI rows left out (a snapshot is never changed once kept). */
  private readonly bytesByHour = new Map<number, number>();
  private snapshotBytes = 0;

  set(hour: number, snapshot: SimSnapshot): void {
    const { series, hours } = snapshot.kpis;
    // A snapshot at the run's start holds a row of zeros, not closed hours: kept as it is.
    if (hours === 0) {
      this.keep(hour, snapshot);
      return;
    }
    const length = hours * KPI_COUNT;
    if (this.kpiRows.length < length)
      this.kpiRows = growTypedArray(this.kpiRows, Math.max(length, Math.ceil(this.kpiRows.length * 1.25)));
    this.kpiRows.set(series.subarray(0, length));
    this.keep(hour, { ...snapshot, kpis: { ...snapshot.kpis, series: NO_ROWS } });
  }

  /** Typed-array bytes of the snapshot kept for `hour` (KPI rows left out), 0 if none. */
  getBytes(hour: number): number {
    return this.bytesByHour.get(hour) ?? 0;
  }

  /**
   * Bytes the byte bound never drops: the earliest kept snapshot (the run's first) and the shared
   * KPI rows. A snapshot larger than the budget less these would be dropped as soon as kept.
   */
  getFirstBytes(): number {
    let first = Number.POSITIVE_INFINITY;
    for (const hour of this.byHour.keys()) first = Math.min(first, hour);
    return this.getBytes(first) + this.kpiRows.byteLength;
  }

  /** Snapshots kept. */
  get size(): number {
    return this.byHour.size;
  }

  /**
   * Bytes the kept snapshots hold in typed arrays (nearly all of a snapshot), with the shared KPI
   * rows: what scrubbing costs the worker. Bounded by MAX_SNAPSHOTS and MAX_SNAPSHOT_BYTES
   * (snapshotPolicy.ts).
   */
  getHeldBytes(): number {
    return this.snapshotBytes + this.kpiRows.byteLength;
  }

  /** The snapshot kept for `hour`, whole (its KPI rows a new array). */
  get(hour: number): SimSnapshot | undefined {
    const kept = this.byHour.get(hour);
    if (!kept || kept.kpis.hours === 0) return kept;
    const series = this.kpiRows.slice(0, kept.kpis.hours * KPI_COUNT);
    return { ...kept, kpis: { ...kept.kpis, series } };
  }

  has(hour: number): boolean {
    return this.byHour.has(hour);
  }

  delete(hour: number): void {
    this.byHour.delete(hour);
    this.snapshotBytes -= this.bytesByHour.get(hour) ?? 0;
    this.bytesByHour.delete(hour);
  }

  hours(): IterableIterator<number> {
    return this.byHour.keys();
  }

  /** The kept hours, as a Map's keys (thinSnapshots reads the store as a Map). */
  keys(): IterableIterator<number> {
    return this.byHour.keys();
  }

  private keep(hour: number, snapshot: SimSnapshot): void {
    this.delete(hour);
    const bytes = countTypedArrayBytes(snapshot);
    this.byHour.set(hour, snapshot);
    this.bytesByHour.set(hour, bytes);
    this.snapshotBytes += bytes;
  }
}
