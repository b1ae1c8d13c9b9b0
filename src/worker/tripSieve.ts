/**
 * Trips the page can still show. A replay (a warm start, a seek) dispatches every trip of the
 * hours it crosses, but the page draws only vehicles on the road at the time it moves to: the
 * rest would cost a transfer and a GPU upload for nothing. The sieve takes batches as the replay
 * drains them, keeps the trips that end after its cut-off (and the line-haul departures of the
 * hour before it: the page sums them), and hands them over as one batch.
 */
import { VEHICLE_LINE_HAUL } from '../sim/kinds';
import type { TripBatch } from '../sim/simulation';
import { releaseTypedArray, type TypedColumn } from '../sim/typedArrays';

/**
 * The page's lane flows sum the line-haul trucks that left in this much sim time before the
 * display time (LaneFlowsLayer). The page keeps only the latest day of departures and drops
 * them on a seek (TripLedger), so the worker sends the trucks of that window even when they have
 * arrived: a seek back shows the lanes the first pass showed.
 */
export const FLOW_WINDOW_S = 3600;

/** What a batch's column has an entry for. */
type ColumnIndex = 'trip' | 'vertex' | 'stop';

/** Sim second at which trip `trip` of `batch` reaches its last vertex. */
export function getTripEndS(batch: TripBatch, trip: number): number {
  const last = batch.pathStartIndices[trip + 1] - 1;
  return batch.departS[trip] + (last >= batch.pathStartIndices[trip] ? batch.vertexOffsetsS[last] : 0);
}

/**
 * The trips of `batch` the page needs at display time `cutoffS`: those that end after it, and
 * line-haul trucks that left in the FLOW_WINDOW_S before it. A new batch (`batch` itself when
 * all are kept); with `release`, a `batch` copied from is freed as it is copied (concatTripBatches).
 */
export function keepTripsShownAfter(batch: TripBatch, cutoffS: number, release = false): TripBatch {
  const kept = new Uint32Array(batch.length);
  let count = 0;
  for (let trip = 0; trip < batch.length; trip++) {
    const isFlowTruck =
      batch.vehicleKind[trip] === VEHICLE_LINE_HAUL && batch.departS[trip] > cutoffS - FLOW_WINDOW_S;
    if (isFlowTruck || getTripEndS(batch, trip) > cutoffS) kept[count++] = trip;
  }
  if (count === batch.length) return batch;
  return concatTripBatches([batch], [kept.subarray(0, count)], release);
}

/**
 * One batch of the trips `picks[b]` of each `batches[b]` (every trip when `picks` is omitted), in
 * order; paths and stops are re-indexed into the new columns. Trips next to each other in their
 * batch are copied as one run (a column `set` per run, not per trip): a warm start's last hours
 * keep nearly all of their tens of thousands of trips.
 *
 * Column by column, and with `release` each input column is dropped (an empty one in its place)
 * once copied: the inputs and the whole output were held at once before, twice a warm start's
 * trips (a 277 MB batch at full scale, the worker's peak past its 2.5 GB goal); now the inputs
 * and one output column. `release` empties the batches given: only for batches nobody else reads.
 */
export function concatTripBatches(
  batches: readonly TripBatch[],
  picks?: readonly Uint32Array[],
  release = false,
): TripBatch {
  // Each batch's runs of consecutive picked trips, and where its trips, vertices and stops start
  // in the output (`at`).
  const runs = batches.map((batch, b) => {
    const found: number[] = [];
    forEachRun(batch, picks?.[b], (from, to) => found.push(from, to));
    return found;
  });
  let trips = 0;
  let vertices = 0;
  let stops = 0;
  const at = batches.map((batch, b) => {
    const start = { trip: trips, vertex: vertices, stop: stops };
    const found = runs[b];
    for (let r = 0; r < found.length; r += 2) {
      const [from, to] = [found[r], found[r + 1]];
      trips += to - from;
      vertices += batch.pathStartIndices[to] - batch.pathStartIndices[from];
      stops += countStops(batch, from, to);
    }
    return start;
  });
  const out: TripBatch = {
    length: trips,
    vehicleKind: new Uint8Array(0),
    vehicleId: new Uint32Array(0),
    parcelsAboard: new Uint16Array(0),
    stopCount: new Uint16Array(0),
    originFacility: new Int32Array(0),
    destinationFacility: new Int32Array(0),
    departS: new Float64Array(0),
    pathStartIndices: new Uint32Array(trips + 1),
    positions: new Float32Array(0),
    vertexOffsetsS: new Float32Array(0),
    stopStartIndices: new Uint32Array(trips + 1),
  };
  // The index columns first, while every input still has its own.
  const outPathStarts = out.pathStartIndices;
  const outStopStarts = out.stopStartIndices as Uint32Array;
  batches.forEach((batch, b) => {
    let { trip, vertex, stop } = at[b];
    const found = runs[b];
    for (let r = 0; r < found.length; r += 2) {
      const [from, to] = [found[r], found[r + 1]];
      const firstVertex = batch.pathStartIndices[from];
      for (let k = from; k < to; k++) {
        trip++;
        outPathStarts[trip] = vertex + batch.pathStartIndices[k + 1] - firstVertex;
        outStopStarts[trip] = stop + countStops(batch, from, k + 1);
      }
      vertex += batch.pathStartIndices[to] - firstVertex;
      stop += countStops(batch, from, to);
    }
  });
  /** The entries of trips [from, to) of `batch` in a column indexed by `by`. */
  const span = (by: ColumnIndex, batch: TripBatch, from: number, to: number): [number, number] => {
    if (by === 'trip') return [from, to];
    if (by === 'vertex') return [batch.pathStartIndices[from], batch.pathStartIndices[to]];
    const count = countStops(batch, from, to);
    const first = count > 0 ? (batch.stopStartIndices as Uint32Array)[from] : 0;
    return [first, first + count];
  };
  /**
   * A new column of the runs' entries, `width` numbers an entry (a position is two), made by
   * `create`; where a batch lacks the column, `missing` fills its range (zeros otherwise).
   */
  const copyColumn = (
    name: keyof TripBatch,
    by: ColumnIndex,
    create: (size: number) => TypedColumn,
    width = 1,
    missing?: (column: TypedColumn, from: number, to: number) => void,
  ) => {
    const column = create(width * { trip: trips, vertex: vertices, stop: stops }[by]);
    batches.forEach((batch, b) => {
      const source = batch[name] as TypedColumn | undefined;
      let offset = width * at[b][by];
      const found = runs[b];
      for (let r = 0; r < found.length; r += 2) {
        const [first, end] = span(by, batch, found[r], found[r + 1]);
        const [from, to] = [width * first, width * end];
        if (source) column.set(source.subarray(from, to) as never, offset);
        else missing?.(column, offset, offset + to - from);
        offset += to - from;
      }
      if (release) releaseColumn(batch, name);
    });
    (out as unknown as Record<string, unknown>)[name] = column;
  };
  copyColumn('vehicleKind', 'trip', (n) => new Uint8Array(n));
  copyColumn('vehicleId', 'trip', (n) => new Uint32Array(n));
  copyColumn('parcelsAboard', 'trip', (n) => new Uint16Array(n));
  copyColumn('stopCount', 'trip', (n) => new Uint16Array(n));
  copyColumn('originFacility', 'trip', (n) => new Int32Array(n));
  copyColumn('destinationFacility', 'trip', (n) => new Int32Array(n));
  copyColumn('departS', 'trip', (n) => new Float64Array(n));
  // A batch built without it is drawn in full.
  copyColumn('streetGridStation', 'trip', (n) => new Int32Array(n).fill(-1));
  copyColumn('positions', 'vertex', (n) => new Float32Array(n), 2);
  copyColumn('vertexOffsetsS', 'vertex', (n) => new Float32Array(n));
  copyColumn('stopVertexIndices', 'stop', (n) => new Uint32Array(n));
  copyColumn('stopParcelIds', 'stop', (n) => new Float64Array(n));
  // A batch built without stops' deadlines never makes them late.
  copyColumn(
    'stopDueS',
    'stop',
    (n) => new Float64Array(n),
    1,
    (column, from, to) => column.fill(Number.POSITIVE_INFINITY, from, to),
  );
  if (release)
    for (const batch of batches) {
      releaseColumn(batch, 'pathStartIndices');
      releaseColumn(batch, 'stopStartIndices');
    }
  return out;
}

/**
 * Frees column `name` of `batch` now where the engine can (releaseTypedArray) and leaves an empty
 * column in its place. Only for a batch nothing else reads.
 */
function releaseColumn(batch: TripBatch, name: keyof TripBatch): void {
  const column = batch[name];
  if (!ArrayBuffer.isView(column)) return;
  releaseTypedArray(column as TypedColumn);
  const Empty = column.constructor as new (length: number) => TypedColumn;
  (batch as unknown as Record<string, unknown>)[name] = new Empty(0);
}

/**
 * Calls `copy(from, to)` for each run of consecutive trips of `batch` in `pick` (all its trips,
 * one run, when `pick` is null or undefined), in order.
 */
function forEachRun(
  batch: TripBatch,
  pick: Uint32Array | undefined,
  copy: (from: number, to: number) => void,
): void {
  if (!pick) {
    if (batch.length > 0) copy(0, batch.length);
    return;
  }
  let k = 0;
  while (k < pick.length) {
    const from = pick[k];
    let to = from + 1;
    k++;
    while (k < pick.length && pick[k] === to) {
      to++;
      k++;
    }
    copy(from, to);
  }
}

/** Door stops of trips [from, to) of `batch` (none when it lists no stops). */
function countStops(batch: TripBatch, from: number, to: number): number {
  const starts = batch.stopStartIndices;
  return starts && batch.stopVertexIndices ? starts[to] - starts[from] : 0;
}

/**
 * Gathers, batch by batch, the trips the page needs at `cutoffS` (keepTripsShownAfter). It owns
 * the batches it is given and frees them once copied.
 */
export class TripSieve {
  private kept: TripBatch[] = [];

  constructor(readonly cutoffS: number) {}

  add(batch: TripBatch): void {
    // The sieve owns what it is given (the model's drained trips): a batch it keeps a copy of is
    // freed as it is copied, not when the garbage collector comes (a replay drains an hour at a time).
    const kept = keepTripsShownAfter(batch, this.cutoffS, true);
    if (kept.length > 0) this.kept.push(kept);
  }

  /** Everything kept (and `last`, sieved), as one batch; the sieve is empty afterwards. */
  take(last: TripBatch): TripBatch {
    this.add(last);
    const kept = this.kept;
    this.kept = [];
    // The kept batches are the sieve's own (drained copies, or keepTripsShownAfter's): released.
    return kept.length === 1 ? kept[0] : concatTripBatches(kept, undefined, true);
  }
}
