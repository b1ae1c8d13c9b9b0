import { describe, expect, test } from 'vitest';
import { MAX_GENERATION_VERTICES, TripStore } from '../../src/map/tripStore';
import type { Network, TripBatch } from '../../src/sim/simulation';
import { drawStreetPaths } from '../../src/worker/streetPaths';
import { createTripBatch as batchOf, createVanRouteBatch } from './fixtures';

/** `count` copies of the fixture's van route (three doors), the k-th leaving at second k, in one batch. */
function createVanRoutesBatch(count: number): TripBatch {
  const one = createVanRouteBatch(0, [9000, 9000, 9000]);
  const vertices = one.pathStartIndices[1];
  const stops = 3;
  const tile = <T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array>(
    column: T,
  ): T => {
    const out = new (column.constructor as new (length: number) => T)(column.length * count);
    for (let k = 0; k < count; k++) out.set(column, k * column.length);
    return out;
  };
  const batch: TripBatch = {
    ...one,
    length: count,
    vehicleKind: tile(one.vehicleKind),
    vehicleId: Uint32Array.from({ length: count }, (_, k) => 5000 + k),
    parcelsAboard: tile(one.parcelsAboard),
    stopCount: tile(one.stopCount),
    originFacility: tile(one.originFacility),
    destinationFacility: tile(one.destinationFacility),
    departS: Float64Array.from({ length: count }, (_, k) => k),
    pathStartIndices: Uint32Array.from({ length: count + 1 }, (_, k) => k * vertices),
    positions: tile(one.positions),
    vertexOffsetsS: tile(one.vertexOffsetsS),
    stopStartIndices: Uint32Array.from({ length: count + 1 }, (_, k) => k * stops),
    stopVertexIndices: tile(one.stopVertexIndices as Uint32Array),
    stopParcelIds: tile(one.stopParcelIds as Float64Array),
    stopDueS: tile(one.stopDueS as Float64Array),
  };
  return batch;
}

describe('the page-side trip store', () => {
  test('keeps timestamps small: relative to the generation epoch, not to sim start', () => {
    const store = new TripStore();
    const thirtyDaysS = 30 * 86_400;
    store.append(batchOf([{ kind: 1, departS: thirtyDaysS + 125, durationS: 600 }]));
    const vans = store.generations[0].kinds[1];
    expect(store.generations[0].epochS).toBe(thirtyDaysS + 120);
    // 32-bit floats hold these exactly; absolute times of 2.6 M s would round to 0.25 s.
    expect(Array.from(vans.timestamps.subarray(0, 2))).toEqual([5, 605]);
  });

  test('groups trips by kind and starts a new generation after an hour of sim time', () => {
    const store = new TripStore();
    store.append(
      batchOf([
        { kind: 0, departS: 0, durationS: 7200 },
        { kind: 2, departS: 30, durationS: 900 },
      ]),
    );
    store.append(batchOf([{ kind: 2, departS: 1800, durationS: 900 }]));
    expect(store.generations).toHaveLength(1);
    expect(store.generations[0].kinds.map((kind) => kind.tripCount)).toEqual([1, 0, 2, 0, 0]);
    store.append(batchOf([{ kind: 1, departS: 3700, durationS: 300 }]));
    expect(store.generations).toHaveLength(2);
    expect(store.generations[0].sealed).toBe(true);
  });

  test("an hour's generation takes no more batches once it holds MAX_GENERATION_VERTICES: a full-scale van wave is several bounded generations, not one that grows and re-uploads whole", () => {
    const store = new TripStore();
    const perRoute = createVanRoutesBatch(1).pathStartIndices[1];
    const batch = createVanRoutesBatch(Math.ceil(MAX_GENERATION_VERTICES / 3 / perRoute));
    const batchVertices = batch.pathStartIndices[batch.length];
    const batches = 8;
    for (let k = 0; k < batches; k++) store.append(batch);
    // All in one sim hour: only the cap splits them.
    expect(store.generations.length).toBeGreaterThan(2);
    let trips = 0;
    for (const [index, generation] of store.generations.entries()) {
      const vertices = generation.kinds.reduce((sum, kindTrips) => sum + kindTrips.vertexCount, 0);
      trips += generation.kinds[1].tripCount;
      expect(vertices).toBeLessThan(MAX_GENERATION_VERTICES + batchVertices);
      if (index < store.generations.length - 1) {
        expect(generation.sealed).toBe(true);
        expect(vertices).toBeGreaterThanOrEqual(MAX_GENERATION_VERTICES);
        // Sealed: fitted to its trips.
        expect(generation.kinds[1].timestamps.length).toBe(generation.kinds[1].vertexCount);
      }
    }
    expect(trips).toBe(batches * batch.length);
  });

  test('grows its columns by doubling without losing trips', () => {
    const store = new TripStore();
    const many = Array.from({ length: 500 }, (_, index) => ({
      kind: 1,
      departS: index,
      durationS: 100 + index,
    }));
    store.append(batchOf(many));
    const vans = store.generations[0].kinds[1];
    expect(vans.tripCount).toBe(500);
    expect(vans.startIndices[500]).toBe(1000);
    expect(vans.endS[499]).toBe(499 + 599);
    expect(vans.vehicleId[499]).toBe(599);
  });

  test('a batch grows each column once, to what its trips need: no room left over by doubling', () => {
    const store = new TripStore();
    // 1,000 van routes of 8 vertices and 3 door stops each, and one line-haul run of days.
    store.append(createVanRoutesBatch(1000));
    store.append(batchOf([{ kind: 0, departS: 0, durationS: 3 * 86_400 }]));
    const vans = store.generations[0].kinds[1];
    expect(vans.tripCount).toBe(1000);
    // Trip by trip, doubling from 64 trips, 256 vertices and 64 stops: 1,024, 8,192 and 4,096.
    expect(vans.startIndices.length).toBe(1001);
    expect(vans.vehicleId.length).toBe(1001);
    expect(vans.timestamps.length).toBe(8000);
    expect(vans.positions.length).toBe(16_000);
    expect(vans.stopDueS.length).toBe(3000);
    expect(vans.stopTimes.length).toBe(9000);
    // The same trips as appended one by one.
    expect(vans.startIndices[1000]).toBe(8000);
    expect(vans.stopStart[1000]).toBe(3000);
    expect(vans.departS[999]).toBe(999);
    expect(vans.stopLeaveS[2999]).toBe(999 + 1800 + 60);
    // The line-haul run went to a generation of its own, sized for one trip.
    const long = store.generations.find((generation) => generation.long)?.kinds[0];
    expect(long?.tripCount).toBe(1);
    expect(long?.startIndices.length).toBe(64);
  });

  test('drops sealed generations whose trips all ended, and keeps the data object until trips change', () => {
    const store = new TripStore();
    store.append(batchOf([{ kind: 1, departS: 0, durationS: 600 }]));
    const vans = store.generations[0].kinds[1];
    const data = vans.getLayerData();
    expect(vans.getLayerData()).toBe(data);
    store.append(batchOf([{ kind: 1, departS: 7200, durationS: 600 }]));
    expect(store.prune(1000)).toBe(true);
    expect(store.generations).toHaveLength(1);
    expect(store.generations[0].epochS).toBe(7200);
    expect(store.countActive(7500)).toEqual(Uint32Array.from([0, 1, 0, 0, 0]));
  });

  test("a line-haul run of days does not keep its hour's short trips: memory holds hours of vans, not days", () => {
    const store = new TripStore();
    const hourS = 3600;
    // Every hour for 5 days: 50 van trips of 8 h and one line-haul run of 90 h (a driver's rests).
    for (let hour = 0; hour < 120; hour++) {
      store.append(
        batchOf([
          { kind: 0, departS: hour * hourS, durationS: 90 * hourS },
          ...Array.from({ length: 50 }, (_, k) => ({
            kind: 1,
            departS: hour * hourS + k,
            durationS: 8 * hourS,
          })),
        ]),
      );
      store.prune(hour * hourS - 120);
    }
    const nowS = 119 * hourS;
    let vanTrips = 0;
    let lineHaulTrips = 0;
    for (const generation of store.generations) {
      vanTrips += generation.kinds[1].tripCount;
      lineHaulTrips += generation.kinds[0].tripCount;
    }
    // Vans that can still be on the road: the last ~9 hours' (8 h trips, an hour per generation).
    expect(vanTrips).toBeLessThanOrEqual(10 * 50);
    // Every line-haul run still driving is kept.
    expect(lineHaulTrips).toBeGreaterThanOrEqual(90);
    // The runs that left in the last 90 h; the vans that left in the last 8 h, and the first of this hour.
    expect(store.countActive(nowS)).toEqual(Uint32Array.from([91, 8 * 50 + 1, 0, 0, 0]));
  });
});

test('new trips drop the generations every trail has left, with no frame to prune them: at 3,600x the store holds hours of trips, not the run', () => {
  const store = new TripStore();
  // Every trip kept, as a reference for what is on the road.
  const everyTrip = new TripStore();
  const hourS = 3600;
  for (let hour = 0; hour < 240; hour++) {
    const trips = Array.from({ length: 20 }, (_, k) => ({
      kind: 1,
      departS: hour * hourS + k,
      durationS: 2 * hourS,
    }));
    // The horizon a trail reaches back to: the display time less the longest trail.
    store.append(batchOf(trips), hour * hourS - 600);
    everyTrip.append(batchOf(trips));
  }
  // Vans of 2 h: the last three hours' generations can still be on the road.
  expect(store.generations.length).toBeLessThanOrEqual(4);
  expect(everyTrip.generations).toHaveLength(240);
  expect(store.countActive(239 * hourS)).toEqual(everyTrip.countActive(239 * hourS));
});

describe('the national-zoom view of the last mile', () => {
  test('counts last-mile vehicles on the road by the station they left, and leaves trucks out', () => {
    const store = new TripStore();
    const batch = batchOf([
      { kind: 0, departS: 0, durationS: 9000 },
      { kind: 1, departS: 0, durationS: 3600 },
      { kind: 2, departS: 100, durationS: 3600 },
      { kind: 1, departS: 5000, durationS: 3600 },
    ]);
    batch.originFacility.set([3, 2, 2, 1]);
    store.append(batch);
    expect(Array.from(store.countActiveLastMileByOrigin(1000, new Float32Array(4)))).toEqual([0, 0, 2, 0]);
    expect(Array.from(store.countActiveLastMileByOrigin(6000, new Float32Array(4)))).toEqual([0, 1, 0, 0]);
  });
});

describe('appending after a seek', () => {
  test('leaves out trips that ended before the display time', () => {
    const store = new TripStore();
    store.append(
      batchOf([
        { kind: 1, departS: 0, durationS: 600 },
        { kind: 1, departS: 100, durationS: 9000 },
      ]),
      5000,
    );
    expect(store.generations[0].kinds[1].tripCount).toBe(1);
    expect(store.generations[0].kinds[1].departS[0]).toBe(100);
  });
});

describe('a rewind (a change made at the display time)', () => {
  test('drops the trips of vehicles dispatched after it, keeps the earlier ones, and new ones open a generation', () => {
    const store = new TripStore();
    // Vehicle ids 100-103 in dispatch order.
    store.append(
      batchOf([
        { kind: 0, departS: 0, durationS: 9000 },
        { kind: 1, departS: 60, durationS: 3600 },
        { kind: 1, departS: 120, durationS: 3600 },
        { kind: 2, departS: 180, durationS: 3600 },
      ]),
    );
    const vans = store.generations[0].kinds[1];
    const versionBefore = vans.version;
    store.dropVehiclesFrom(102);
    expect(store.countActive(200)).toEqual(Uint32Array.from([1, 1, 0, 0, 0]));
    expect(vans.tripCount).toBe(1);
    expect(vans.vertexCount).toBe(2);
    expect(vans.version).toBeGreaterThan(versionBefore);
    store.dropVehiclesFrom(100);
    expect(store.generations).toHaveLength(0);
    store.append(batchOf([{ kind: 1, departS: 240, durationS: 600 }]));
    expect(store.generations).toHaveLength(1);
    expect(store.countActive(300)).toEqual(Uint32Array.from([0, 1, 0, 0, 0]));
  });
});

/** Bytes trip `trips` trips with `vertices` vertices and `stops` door stops use in KindTrips' columns. */
function getUsedBytes(trips: number, vertices: number, stops: number): number {
  // Per trip: startIndices and stopStart (4 + 4, one more each), vehicleId 4, origin and
  // destination 4 + 4, parcelsAboard and stopCount 2 + 2, departS and endS 8 + 8, street grid
  // 4. Per vertex: positions 8, timestamps 4. Per stop: position 8, times 12, due 4, leave 4.
  return (trips + 1) * 8 + trips * 36 + vertices * 12 + stops * 28;
}

describe("the trip store's memory over many sim days", () => {
  test('a sealed generation holds the bytes its trips use, and the store as many on day 30 as on day 2', () => {
    const store = new TripStore();
    const hourS = 3600;
    const heldAtMidnight: number[] = [];
    for (let hour = 0; hour < 30 * 24; hour++) {
      const day = Math.floor(hour / 24);
      // Vans by hour of day (none at night), fewer at weekends (days 5 and 6 of each week), and
      // a line-haul run of 40 h each hour: generations of many sizes, as the model's.
      const vans = Math.round((hour % 24 < 6 ? 0 : 10 + (((hour % 24) * 7) % 23)) * (day % 7 >= 5 ? 0.5 : 1));
      store.append(
        batchOf([
          { kind: 0, departS: hour * hourS, durationS: 40 * hourS },
          ...Array.from({ length: vans }, (_, k) => ({
            kind: 1,
            departS: hour * hourS + k,
            durationS: 8 * hourS,
          })),
        ]),
        hour * hourS - 600,
      );
      if (hour % 24 === 23) heldAtMidnight.push(store.getHeldBytes());
    }
    let sealedBytes = 0;
    let openBytes = 0;
    for (const generation of store.generations) {
      for (const kindTrips of generation.kinds) {
        let bytes = 0;
        for (const value of Object.values(kindTrips))
          if (ArrayBuffer.isView(value)) bytes += value.byteLength;
        if (!generation.sealed) {
          openBytes += bytes;
          continue;
        }
        expect(bytes, `generation at ${generation.epochS / hourS} h, kind ${kindTrips.kind}`).toBe(
          getUsedBytes(kindTrips.tripCount, kindTrips.vertexCount, kindTrips.stopCountTotal),
        );
        sealedBytes += bytes;
      }
    }
    expect(store.getHeldBytes()).toBe(sealedBytes + openBytes);
    // Days 2 and 30 are the same weekday.
    expect(heldAtMidnight[29]).toBe(heldAtMidnight[1]);
  });
});

describe('street paths swapped in by vehicle', () => {
  /** A van route drawn stop to stop on station 2's grid (createVanRouteBatch), vehicle `id`. */
  function stopLevelVan(departS: number, id: number): TripBatch {
    const batch = createVanRouteBatch(departS, [departS + 9000, departS + 9000, departS + 9000]);
    return { ...batch, vehicleId: Uint32Array.from([id]), streetGridStation: Int32Array.from([2]) };
  }
  // Station 2 where the fixture's routes start and end.
  const facilities = [{}, {}, { lon: -87.68, lat: 41.9 }] as unknown as Network['facilities'];
  const aroundChicago = { west: -88, south: 41.5, east: -87.3, north: 42.3 };

  test('asks once for the stop-level trips in view and on the road, and swaps in their streets', () => {
    const store = new TripStore();
    store.append(stopLevelVan(0, 1));
    // A trip drawn in full, and one out of view: neither is asked for.
    store.append({ ...stopLevelVan(60, 2), streetGridStation: Int32Array.from([-1]) });
    const away = stopLevelVan(120, 3);
    away.positions = away.positions.map((value, index) => (index % 2 === 0 ? value - 10 : value));
    store.append(away);
    // Sealed by a trip an hour and more later, and still on the road.
    store.append(stopLevelVan(4000, 4));
    const sealed = store.generations[0];
    expect(sealed.sealed).toBe(true);
    const vans = sealed.kinds[1];
    const stopsBefore = { times: vans.stopTimes.slice(), leave: vans.stopLeaveS.slice() };
    const neighbour = vans.positions.slice(vans.startIndices[1] * 2, vans.startIndices[3] * 2);
    const asked = new Set<number>();
    const request = store.collectStopLevelTrips(aroundChicago, 600, asked) as TripBatch;
    expect(Array.from(request.vehicleId)).toEqual([1, 4]);
    // Seconds since departure again, as the worker counts them.
    expect(Array.from(request.vertexOffsetsS.subarray(0, 8))).toEqual([
      0, 600, 660, 1200, 1260, 1800, 1860, 2400,
    ]);
    expect(store.collectStopLevelTrips(aroundChicago, 600, asked)).toBeNull();

    const versionBefore = store.version;
    store.replacePaths(drawStreetPaths(request, facilities));
    // The layers take the new paths only when the store's version moves.
    expect(store.version).toBeGreaterThan(versionBefore);
    const first = vans.startIndices[0];
    const end = vans.startIndices[1];
    // Street by street: corners between the doors, so more than station, 2 per door, station.
    expect(end - first).toBeGreaterThan(8);
    expect(vans.streetGridStation[0]).toBe(-1);
    // The doors are reached and left when they were, and the trip ends when it did.
    expect(vans.stopTimes).toEqual(stopsBefore.times);
    expect(vans.stopLeaveS).toEqual(stopsBefore.leave);
    expect(vans.timestamps[end - 1]).toBe(vans.endS[0] - sealed.epochS);
    for (let v = first + 1; v < end; v++) expect(vans.timestamps[v]).toBeGreaterThan(vans.timestamps[v - 1]);
    // The trips after it moved down whole; a sealed generation's columns stay fitted.
    expect(vans.positions.slice(vans.startIndices[1] * 2, vans.startIndices[3] * 2)).toEqual(neighbour);
    expect(vans.streetGridStation[2]).toBe(2);
    expect(vans.timestamps.length).toBe(vans.vertexCount);
    expect(vans.startIndices[vans.tripCount]).toBe(vans.vertexCount);
    expect(store.generations[1].kinds[1].streetGridStation[0]).toBe(-1);
    // A trip drawn in full or no longer held is left alone.
    const versionAfter = store.version;
    store.replacePaths(drawStreetPaths(request, facilities));
    expect(store.version).toBe(versionAfter);
    expect(vans.startIndices[1] - vans.startIndices[0]).toBe(end - first);
  });
});

describe("the opening batch's later trips, deferred", () => {
  const opening = () =>
    batchOf([
      { kind: 1, departS: 0, durationS: 3600 },
      { kind: 3, departS: 9000, durationS: 3600 },
      { kind: 1, departS: 600, durationS: 3600 },
      { kind: 0, departS: 7200, durationS: 9000 },
    ]);

  test('come after the trips on the road, and then the store is as if it took them all at once', () => {
    const store = new TripStore();
    const atOnce = new TripStore();
    atOnce.append(opening());
    store.append(opening(), Number.NEGATIVE_INFINITY, 1800);
    expect(store.hasDeferred()).toBe(true);
    expect(store.countActive(1000)).toEqual(Uint32Array.from([0, 2, 0, 0, 0]));
    expect(store.countActive(9500)).toEqual(Uint32Array.from([0, 0, 0, 0, 0]));
    store.appendDeferred();
    expect(store.hasDeferred()).toBe(false);
    for (const timeS of [1000, 8000, 9500, 12_000])
      expect(store.countActive(timeS)).toEqual(atOnce.countActive(timeS));
  });

  test('join before the next batch, and a rewind cuts them as it cuts the rest', () => {
    const store = new TripStore();
    store.append(opening(), Number.NEGATIVE_INFINITY, 1800);
    store.append(batchOf([{ kind: 2, departS: 9100, durationS: 600 }]));
    expect(store.hasDeferred()).toBe(false);
    expect(store.countActive(9500)).toEqual(Uint32Array.from([1, 0, 1, 1, 0]));
    const rewound = new TripStore();
    rewound.append(opening(), Number.NEGATIVE_INFINITY, 1800);
    // Vehicle ids 100-103 in batch order: the truck (103) goes, the carrier (101) stays.
    rewound.dropVehiclesFrom(103);
    expect(rewound.countActive(9500)).toEqual(Uint32Array.from([0, 0, 0, 1, 0]));
  });

  test('are forgotten by a clear (a seek drops every trip)', () => {
    const store = new TripStore();
    store.append(opening(), Number.NEGATIVE_INFINITY, 1800);
    store.clear();
    store.appendDeferred();
    expect(store.generations).toHaveLength(0);
  });
});
