import { createHash, type Hash } from 'node:crypto';
import fc from 'fast-check';
import { createOrderAddress, getAddressLat, getAddressLon, writeOrderAddress } from '../../src/sim/addresses';
import { buildDemandZones } from '../../src/sim/demand';
import type { NetworkModel } from '../../src/sim/network';
import { defaultParams, type Params } from '../../src/sim/params';
import { RandomStream } from '../../src/sim/rng';
import { RUN_STATE_KEYS } from '../../src/sim/runState';
import type { Simulation, TripBatch } from '../../src/sim/simulation';

/** A small, fast network and volume: the same code paths as the real one at a fraction of the cost. */
export function smallParams(overrides: Partial<Params> = {}): Params {
  return { ...defaultParams(), scale: 0.002, ...overrides };
}

/** Random but valid parameter sets, including rebuild-sized ones, kept small enough to run often. */
export const arbitraryParams: fc.Arbitrary<Params> = fc
  .record({
    scale: fc.double({ min: 0.0005, max: 0.004, noNaN: true }),
    fulfillmentCenterCount: fc.integer({ min: 8, max: 250 }),
    sortationCenterCount: fc.integer({ min: 4, max: 150 }),
    deliveryStationCount: fc.integer({ min: 150, max: 800 }),
    regionCount: fc.integer({ min: 1, max: 12 }),
    forecastAccuracy: fc.double({ min: 0, max: 1, noNaN: true }),
    robotsPerFc: fc.integer({ min: 0, max: 8000 }),
    packQueueCapacityParcels: fc.integer({ min: 100, max: 20_000 }),
    trailerCapacityParcels: fc.integer({ min: 100, max: 8000 }),
    fcDeparturesPerDay: fc.integer({ min: 1, max: 24 }),
    minTrailerFill: fc.double({ min: 0, max: 1, noNaN: true }),
    stormChancePerDay: fc.double({ min: 0, max: 1, noNaN: true }),
    demandMultiplier: fc.double({ min: 0, max: 3, noNaN: true }),
    startDayOfYear: fc.integer({ min: 1, max: 365 }),
    stepS: fc.constantFrom(30, 60, 120, 300),
  })
  .map((overrides) => ({ ...defaultParams(), ...overrides }));

/**
 * Everything observable, and every piece of run state as its snapshot holds it (one entry per
 * key of RUN_STATE, so a new piece of state is compared without anyone listing it here), for
 * bit-for-bit comparison. Drain the trips before calling it: undrained ones are run state.
 * Bulky values (run state, hourly series, trips, facility columns) are held as digests of their
 * bytes (digestTree), so comparing two fingerprints costs milliseconds and a mismatch still
 * names the column that differs.
 */
export function fingerprint(sim: Simulation, trips: TripBatch[]): unknown {
  const kpis = sim.getKpis();
  const snapshot = sim.snapshot();
  return {
    state: Object.fromEntries(RUN_STATE_KEYS.map((key) => [key, digestTree(snapshot[key])])),
    timeS: sim.timeS,
    cumulative: kpis.cumulative,
    hourly: digestTree(kpis.hourly),
    inStage: kpis.inStage,
    trips: trips.map((batch) =>
      digestTree({
        length: batch.length,
        vehicleId: batch.vehicleId,
        parcelsAboard: batch.parcelsAboard,
        originFacility: batch.originFacility,
        destinationFacility: batch.destinationFacility,
        departS: batch.departS,
        pathStartIndices: batch.pathStartIndices,
        positions: batch.positions,
        vertexOffsetsS: batch.vertexOffsetsS,
      }),
    ),
    facilities: (() => {
      const state = sim.readFacilityState();
      return digestTree({
        backlogParcels: state.backlogParcels,
        throughputPerHour: state.throughputPerHour,
        trailerFill: state.trailerFill,
      });
    })(),
  };
}

/** Feeds `value` into `hash`: typed arrays by their bytes, numbers exactly (-0 and NaN included). */
function feedValue(hash: Hash, value: unknown): void {
  if (ArrayBuffer.isView(value)) {
    hash.update(`${value.constructor.name}(${value.byteLength})`);
    hash.update(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  } else if (Array.isArray(value)) {
    hash.update(`[${value.length}:`);
    for (const item of value) feedValue(hash, item);
    hash.update(']');
  } else if (value instanceof Map) {
    hash.update(`Map(${value.size}):`);
    for (const [key, item] of value) {
      feedValue(hash, key);
      feedValue(hash, item);
    }
  } else if (value !== null && typeof value === 'object') {
    // Key order is not state (toEqual ignores it too); an undefined property is absent.
    const keys = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort();
    hash.update(`{${keys.length}:`);
    for (const key of keys) {
      hash.update(`${JSON.stringify(key)}=`);
      feedValue(hash, (value as Record<string, unknown>)[key]);
    }
    hash.update('}');
  } else {
    hash.update(`${typeof value}:${Object.is(value, -0) ? '-0' : String(value)};`);
  }
}

/** A SHA-1 of every byte and number in `value`: equal for bit-for-bit equal values. */
export function digestOf(value: unknown): string {
  const hash = createHash('sha1');
  feedValue(hash, value);
  return hash.digest('hex');
}

/**
 * `value` with each typed array, array or value `depth` plain-object levels down replaced by its
 * digest: small enough to compare at once, detailed enough that a difference names its column.
 */
export function digestTree(value: unknown, depth = 2): unknown {
  if (
    depth > 0 &&
    value !== null &&
    typeof value === 'object' &&
    !ArrayBuffer.isView(value) &&
    !Array.isArray(value) &&
    !(value instanceof Map)
  ) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, digestTree(item, depth - 1)]));
  }
  return digestOf(value);
}

/**
 * Draws `count` order addresses as orders.ts does, from a fixed stream, cycling over the time
 * zones; `isRural(order)` picks rural ones. Calls `visit` with each address's station and position.
 */
export function forEachDrawnAddress(
  model: NetworkModel,
  count: number,
  isRural: (order: number) => boolean,
  visit: (station: number, lon: number, lat: number, rural: boolean) => void,
): void {
  const zones = buildDemandZones(model);
  const draws = new RandomStream(Uint32Array.from([7, 11, 13, 1]));
  const address = createOrderAddress();
  for (let order = 0; order < count; order++) {
    const zone = zones[order % zones.length];
    const rural = isRural(order);
    writeOrderAddress(
      address,
      model,
      zone.stations,
      zone.metros,
      rural,
      draws.nextFloat(),
      draws.nextFloat(),
      draws.nextFloat() * 2 * Math.PI,
      draws.nextFloat(),
    );
    const lon = getAddressLon(model, address.station, address.east10m);
    visit(address.station, lon, getAddressLat(model, address.station, address.north10m), rural);
  }
}
