import { describe, expect, test } from 'vitest';
import type { TripBatch } from '../../src/sim/simulation';
import {
  concatTripBatches,
  FLOW_WINDOW_S,
  getTripEndS,
  keepTripsShownAfter,
  TripSieve,
} from '../../src/worker/tripSieve';

/** Three trips: #0 2 vertices, 1 stop, ends at 150; #1 3 vertices, no stop, ends at 500; #2 2 vertices, 2 stops, ends at 260. */
function batch(): TripBatch {
  return {
    length: 3,
    vehicleKind: Uint8Array.from([1, 0, 2]),
    vehicleId: Uint32Array.from([10, 11, 12]),
    parcelsAboard: Uint16Array.from([1, 40, 2]),
    stopCount: Uint16Array.from([1, 1, 2]),
    originFacility: Int32Array.from([5, 6, 7]),
    destinationFacility: Int32Array.from([-1, 8, -1]),
    departS: Float64Array.from([100, 200, 160]),
    pathStartIndices: Uint32Array.from([0, 2, 5, 7]),
    positions: Float32Array.from([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]),
    vertexOffsetsS: Float32Array.from([0, 50, 0, 100, 300, 0, 100]),
    stopStartIndices: Uint32Array.from([0, 1, 1, 3]),
    stopVertexIndices: Uint32Array.from([1, 0, 1]),
    stopParcelIds: Float64Array.from([1001, 1002, 1003]),
    stopDueS: Float64Array.from([900, 950, 990]),
  };
}

describe('the trips a replay sends', () => {
  test('are those still on the road at its target, with their paths and stops intact', () => {
    expect([0, 1, 2].map((trip) => getTripEndS(batch(), trip))).toEqual([150, 500, 260]);
    const kept = keepTripsShownAfter(batch(), 200);
    expect(kept.length).toBe(2);
    expect(Array.from(kept.vehicleId)).toEqual([11, 12]);
    expect(Array.from(kept.pathStartIndices)).toEqual([0, 3, 5]);
    expect(Array.from(kept.positions)).toEqual([2, 2, 3, 3, 4, 4, 5, 5, 6, 6]);
    expect(Array.from(kept.vertexOffsetsS)).toEqual([0, 100, 300, 0, 100]);
    expect(Array.from(kept.stopStartIndices ?? [])).toEqual([0, 0, 2]);
    expect(Array.from(kept.stopParcelIds ?? [])).toEqual([1002, 1003]);
    expect(Array.from(kept.stopDueS ?? [])).toEqual([950, 990]);
    // Nothing dropped: the batch itself, not a copy.
    const all = batch();
    expect(keepTripsShownAfter(all, 0)).toBe(all);
  });

  test('gathered batch by batch, they come out as one batch in order', () => {
    const sieve = new TripSieve(200);
    sieve.add(batch());
    sieve.add(keepTripsShownAfter(batch(), 0));
    const taken = sieve.take(concatTripBatches([]));
    expect(Array.from(taken.vehicleId)).toEqual([11, 12, 11, 12]);
    expect(taken.pathStartIndices.at(-1)).toBe(taken.vertexOffsetsS.length);
    expect(taken.stopStartIndices?.at(-1)).toBe(taken.stopParcelIds?.length);
    expect(sieve.take(concatTripBatches([])).length).toBe(0);
  });

  test("keep a line-haul truck that left in the flows' window though it has arrived: the page sums it", () => {
    // Truck #1 left at 200 and arrived at 500; the vans ended at 150 and 260.
    expect(Array.from(keepTripsShownAfter(batch(), 600).vehicleId)).toEqual([11]);
    expect(Array.from(keepTripsShownAfter(batch(), 200 + FLOW_WINDOW_S - 1).vehicleId)).toEqual([11]);
    expect(keepTripsShownAfter(batch(), 200 + FLOW_WINDOW_S).length).toBe(0);
  });
});
