import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { TripBatch } from '../../src/sim/simulation';
import {
  concatTripBatches,
  FLOW_WINDOW_S,
  getTripEndS,
  keepTripsShownAfter,
  TripSieve,
} from '../../src/worker/tripSieve';
import { withArrayBufferTransfer } from '../sim/arrayBufferTransfer';

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

  test("taken, the sieve's batches give up each column once it is copied: a warm start's trips are not held twice", () => {
    const sieve = new TripSieve(0);
    const first = batch();
    const second = batch();
    // Every trip still on the road: the sieve keeps the batches themselves.
    sieve.add(first);
    sieve.add(second);
    const taken = sieve.take(concatTripBatches([]));
    expect(Array.from(taken.vehicleId)).toEqual([10, 11, 12, 10, 11, 12]);
    expect(Array.from(taken.pathStartIndices)).toEqual([0, 2, 5, 7, 9, 12, 14]);
    expect(Array.from(taken.stopParcelIds ?? [])).toEqual([1001, 1002, 1003, 1001, 1002, 1003]);
    for (const given of [first, second]) {
      expect(given.positions.length).toBe(0);
      expect(given.vertexOffsetsS.length).toBe(0);
      expect(given.stopParcelIds?.length).toBe(0);
      expect(given.vehicleId.length).toBe(0);
    }
    // Without `release`, a concatenation leaves its inputs as they were.
    const kept = batch();
    concatTripBatches([kept, batch()]);
    expect(kept.positions.length).toBe(14);
  });

  test("keep a line-haul truck that left in the flows' window though it has arrived: the page sums it", () => {
    // Truck #1 left at 200 and arrived at 500; the vans ended at 150 and 260.
    expect(Array.from(keepTripsShownAfter(batch(), 600).vehicleId)).toEqual([11]);
    expect(Array.from(keepTripsShownAfter(batch(), 200 + FLOW_WINDOW_S - 1).vehicleId)).toEqual([11]);
    expect(keepTripsShownAfter(batch(), 200 + FLOW_WINDOW_S).length).toBe(0);
  });

  test('copied in runs of neighbouring trips, they are the trips copied one by one', () => {
    // Batches with and without stops (a hand-built batch lists none), some trips without a stop.
    const arbitraryBatch = fc
      .array(fc.record({ vertices: fc.integer({ min: 1, max: 4 }), stops: fc.integer({ min: 0, max: 3 }) }), {
        maxLength: 8,
      })
      .chain((shapes) =>
        fc.record({
          shapes: fc.constant(shapes),
          withStops: fc.boolean(),
          withDue: fc.boolean(),
          withStreetGrid: fc.boolean(),
          picked: fc.array(fc.boolean(), { minLength: shapes.length, maxLength: shapes.length }),
        }),
      );
    fc.assert(
      fc.property(fc.array(arbitraryBatch, { maxLength: 4 }), fc.boolean(), (specs, pickSome) => {
        let value = 1;
        const batches = specs.map((spec) =>
          buildBatch(spec.shapes, spec.withStops, spec.withDue, spec.withStreetGrid, () => value++),
        );
        const picks = specs.map((spec) =>
          Uint32Array.from(spec.picked.flatMap((keep, trip) => (keep ? [trip] : []))),
        );
        const got = concatTripBatches(batches, pickSome ? picks : undefined);
        const expected = concatOneByOne(batches, pickSome ? picks : undefined);
        expect(plain(got)).toEqual(plain(expected));
        // Releasing the inputs as it goes gives the same batch (detached as the browser detaches them).
        const released = withArrayBufferTransfer(() =>
          concatTripBatches(batches, pickSome ? picks : undefined, true),
        );
        expect(plain(released)).toEqual(plain(expected));
      }),
      { numRuns: 300 },
    );
  });
});

/** A batch of trips of the given shapes, every number in it from `next` (so copies are traceable). */
function buildBatch(
  shapes: { vertices: number; stops: number }[],
  withStops: boolean,
  withDue: boolean,
  withStreetGrid: boolean,
  next: () => number,
): TripBatch {
  const vertices = shapes.reduce((sum, shape) => sum + shape.vertices, 0);
  const stops = withStops ? shapes.reduce((sum, shape) => sum + shape.stops, 0) : 0;
  const fill = <T extends { length: number; [index: number]: number }>(column: T): T => {
    for (let k = 0; k < column.length; k++) column[k] = next() % 60_000;
    return column;
  };
  const pathStartIndices = new Uint32Array(shapes.length + 1);
  const stopStartIndices = new Uint32Array(shapes.length + 1);
  shapes.forEach((shape, trip) => {
    pathStartIndices[trip + 1] = pathStartIndices[trip] + shape.vertices;
    stopStartIndices[trip + 1] = stopStartIndices[trip] + (withStops ? shape.stops : 0);
  });
  return {
    length: shapes.length,
    vehicleKind: fill(new Uint8Array(shapes.length)).map((kind) => kind % 5),
    vehicleId: fill(new Uint32Array(shapes.length)),
    parcelsAboard: fill(new Uint16Array(shapes.length)),
    stopCount: fill(new Uint16Array(shapes.length)),
    originFacility: fill(new Int32Array(shapes.length)),
    destinationFacility: fill(new Int32Array(shapes.length)),
    departS: fill(new Float64Array(shapes.length)),
    ...(withStreetGrid ? { streetGridStation: fill(new Int32Array(shapes.length)) } : {}),
    pathStartIndices,
    positions: fill(new Float32Array(vertices * 2)),
    vertexOffsetsS: fill(new Float32Array(vertices)),
    ...(withStops
      ? {
          stopStartIndices,
          stopVertexIndices: fill(new Uint32Array(stops)),
          stopParcelIds: fill(new Float64Array(stops)),
          ...(withDue ? { stopDueS: fill(new Float64Array(stops)) } : {}),
        }
      : {}),
  };
}

/** The reference: each picked trip's columns, path and stops copied on their own. */
function concatOneByOne(batches: readonly TripBatch[], picks?: readonly Uint32Array[]) {
  const rows: Record<string, number[]> = {
    vehicleKind: [],
    vehicleId: [],
    parcelsAboard: [],
    stopCount: [],
    originFacility: [],
    destinationFacility: [],
    departS: [],
    streetGridStation: [],
    pathStartIndices: [0],
    positions: [],
    vertexOffsetsS: [],
    stopStartIndices: [0],
    stopVertexIndices: [],
    stopParcelIds: [],
    stopDueS: [],
  };
  batches.forEach((batch, b) => {
    const trips = picks ? Array.from(picks[b]) : Array.from({ length: batch.length }, (_, trip) => trip);
    for (const trip of trips) {
      for (const name of [
        'vehicleKind',
        'vehicleId',
        'parcelsAboard',
        'stopCount',
        'originFacility',
        'destinationFacility',
        'departS',
      ] as const)
        rows[name].push(batch[name][trip]);
      // A batch without the column is drawn in full.
      rows.streetGridStation.push(batch.streetGridStation?.[trip] ?? -1);
      const [first, end] = [batch.pathStartIndices[trip], batch.pathStartIndices[trip + 1]];
      rows.positions.push(...batch.positions.subarray(first * 2, end * 2));
      rows.vertexOffsetsS.push(...batch.vertexOffsetsS.subarray(first, end));
      rows.pathStartIndices.push(rows.vertexOffsetsS.length);
      const starts = batch.stopStartIndices;
      if (starts && batch.stopVertexIndices) {
        for (let stop = starts[trip]; stop < starts[trip + 1]; stop++) {
          rows.stopVertexIndices.push(batch.stopVertexIndices[stop]);
          rows.stopParcelIds.push(batch.stopParcelIds?.[stop] ?? 0);
          rows.stopDueS.push(batch.stopDueS?.[stop] ?? Number.POSITIVE_INFINITY);
        }
      }
      rows.stopStartIndices.push(rows.stopVertexIndices.length);
    }
  });
  return { length: rows.vehicleKind.length, ...rows };
}

/** A batch's columns as plain arrays (typed arrays of other kinds compare by value). */
function plain(batch: TripBatch | ReturnType<typeof concatOneByOne>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(batch).map(([name, column]) => [
      name,
      typeof column === 'number' ? column : Array.from(column),
    ]),
  );
}
