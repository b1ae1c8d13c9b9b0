/**
 * Trips the page can still show. A replay (a warm start, a seek) dispatches every trip of the
 * hours it crosses, but the page draws only vehicles on the road at the time it moves to: the
 * rest would cost a transfer and a GPU upload for nothing. The sieve takes batches as the replay
 * drains them, keeps the trips that end after its cut-off (and the line-haul departures of the
 * hour before it: the page sums them), and hands them over as one batch.
 */
import { VEHICLE_LINE_HAUL } from '../sim/kinds';
import type { TripBatch } from '../sim/simulation';

/**
 * The page's lane flows sum the line-haul trucks that left in this much sim time before the
 * display time (LaneFlowsLayer). The page keeps only the latest day of departures and drops
 * them on a seek (TripLedger), so the worker sends the trucks of that window even when they have
 * arrived: a seek back shows the lanes the first pass showed.
 */
export const FLOW_WINDOW_S = 3600;

/** Columns with one entry per trip. */
const TRIP_COLUMNS = [
  'vehicleKind',
  'vehicleId',
  'parcelsAboard',
  'stopCount',
  'originFacility',
  'destinationFacility',
  'departS',
] as const;
/** Columns with one entry per door stop. */
const STOP_COLUMNS = ['stopVertexIndices', 'stopParcelIds', 'stopDueS'] as const;

type TypedColumn = TripBatch[(typeof TRIP_COLUMNS)[number]];

/** Sim second at which trip `trip` of `batch` reaches its last vertex. */
export function getTripEndS(batch: TripBatch, trip: number): number {
  const last = batch.pathStartIndices[trip + 1] - 1;
  return batch.departS[trip] + (last >= batch.pathStartIndices[trip] ? batch.vertexOffsetsS[last] : 0);
}

/**
 * The trips of `batch` the page needs at display time `cutoffS`: those that end after it, and
 * line-haul trucks that left in the FLOW_WINDOW_S before it. A new batch (`batch` itself when
 * all are kept).
 */
export function keepTripsShownAfter(batch: TripBatch, cutoffS: number): TripBatch {
  const kept = new Uint32Array(batch.length);
  let count = 0;
  for (let trip = 0; trip < batch.length; trip++) {
    const isFlowTruck =
      batch.vehicleKind[trip] === VEHICLE_LINE_HAUL && batch.departS[trip] > cutoffS - FLOW_WINDOW_S;
    if (isFlowTruck || getTripEndS(batch, trip) > cutoffS) kept[count++] = trip;
  }
  if (count === batch.length) return batch;
  return concatTripBatches([batch], [kept.subarray(0, count)]);
}

/**
 * One batch of the trips `picks[b]` of each `batches[b]` (every trip when `picks` is omitted), in
 * order; paths and stops are re-indexed into the new columns. Trips next to each other in their
 * batch are copied as one run (a column `set` per run, not per trip): a warm start's last hours
 * keep nearly all of their tens of thousands of trips.
 */
export function concatTripBatches(batches: readonly TripBatch[], picks?: readonly Uint32Array[]): TripBatch {
  let trips = 0;
  let vertices = 0;
  let stops = 0;
  batches.forEach((batch, b) => {
    forEachRun(batch, picks?.[b], (from, to) => {
      trips += to - from;
      vertices += batch.pathStartIndices[to] - batch.pathStartIndices[from];
      stops += countStops(batch, from, to);
    });
  });
  const out: TripBatch = {
    length: trips,
    vehicleKind: new Uint8Array(trips),
    vehicleId: new Uint32Array(trips),
    parcelsAboard: new Uint16Array(trips),
    stopCount: new Uint16Array(trips),
    originFacility: new Int32Array(trips),
    destinationFacility: new Int32Array(trips),
    departS: new Float64Array(trips),
    // A batch built without it is drawn in full.
    streetGridStation: new Int32Array(trips).fill(-1),
    pathStartIndices: new Uint32Array(trips + 1),
    positions: new Float32Array(vertices * 2),
    vertexOffsetsS: new Float32Array(vertices),
    stopStartIndices: new Uint32Array(trips + 1),
    stopVertexIndices: new Uint32Array(stops),
    stopParcelIds: new Float64Array(stops),
    stopDueS: new Float64Array(stops),
  };
  const outStopStarts = out.stopStartIndices as Uint32Array;
  let trip = 0;
  let vertex = 0;
  let stop = 0;
  batches.forEach((batch, b) => {
    forEachRun(batch, picks?.[b], (from, to) => {
      for (const name of TRIP_COLUMNS) (out[name] as TypedColumn).set(batch[name].subarray(from, to), trip);
      if (batch.streetGridStation)
        out.streetGridStation?.set(batch.streetGridStation.subarray(from, to), trip);
      const firstVertex = batch.pathStartIndices[from];
      const endVertex = batch.pathStartIndices[to];
      out.positions.set(batch.positions.subarray(firstVertex * 2, endVertex * 2), vertex * 2);
      out.vertexOffsetsS.set(batch.vertexOffsetsS.subarray(firstVertex, endVertex), vertex);
      const stopCount = countStops(batch, from, to);
      const firstStop = stopCount > 0 ? (batch.stopStartIndices as Uint32Array)[from] : 0;
      if (stopCount > 0) {
        for (const name of STOP_COLUMNS) {
          const column = batch[name];
          // A batch built without stops' deadlines never makes them late.
          if (column) out[name]?.set(column.subarray(firstStop, firstStop + stopCount), stop);
          else if (name === 'stopDueS') out.stopDueS?.fill(Number.POSITIVE_INFINITY, stop, stop + stopCount);
        }
      }
      for (let k = from; k < to; k++) {
        trip++;
        out.pathStartIndices[trip] = vertex + batch.pathStartIndices[k + 1] - firstVertex;
        outStopStarts[trip] = stop + (stopCount > 0 ? countStops(batch, from, k + 1) : 0);
      }
      vertex += endVertex - firstVertex;
      stop += stopCount;
    });
  });
  return out;
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

/** Gathers, batch by batch, the trips the page needs at `cutoffS` (keepTripsShownAfter). */
export class TripSieve {
  private kept: TripBatch[] = [];

  constructor(readonly cutoffS: number) {}

  add(batch: TripBatch): void {
    const kept = keepTripsShownAfter(batch, this.cutoffS);
    if (kept.length > 0) this.kept.push(kept);
  }

  /** Everything kept (and `last`, sieved), as one batch; the sieve is empty afterwards. */
  take(last: TripBatch): TripBatch {
    this.add(last);
    const kept = this.kept;
    this.kept = [];
    return kept.length === 1 ? kept[0] : concatTripBatches(kept);
  }
}
