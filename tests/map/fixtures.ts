/** Small hand-made inputs for the map tests: a four-facility network, its tick, trips, picks. */
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { TripBatch } from '../../src/sim/simulation';
import type { Tick } from '../../src/state/simClient';
import type { NetworkMessage } from '../../src/worker/protocol';

/** One facility of each kind around Chicago, ids in kind order: FC 0, sortation 1, station 2, hub 3. */
export function createTestNetwork(): NetworkMessage {
  const places: Array<[string, number, number]> = [
    ['Chicago FC 1', -87.9, 41.8],
    ['Chicago sortation center 1', -87.75, 41.85],
    ['Chicago delivery station 1', -87.68, 41.9],
    ['Chicago carrier hub <1>', -87.6, 41.86],
  ];
  return {
    facilities: places.map(([name, lon, lat], id) => ({
      id,
      kind: id,
      name,
      lon,
      lat,
      metro: 'Chicago',
      region: 0,
    })),
    highwayPaths: {
      length: 2,
      startIndices: Uint32Array.from([0, 2, 4]),
      positions: Float32Array.from([-87.65, 41.85, -90.2, 38.6, -87.65, 41.85, -86.15, 39.77]),
    },
    serviceAreas: { stationId: Uint32Array.from([2]), radiusKm: Float32Array.from([12]) },
    operating: Uint8Array.from([1, 1, 1, 1]),
    metroStations: { Chicago: [2] },
    // No service-area polygons: the tests of this fixture draw none.
  } as unknown as NetworkMessage;
}

/** A tick for `network` with the given backlog and throughput for every facility. */
export function createTestTick(
  network: NetworkMessage,
  backlogParcels: number[],
  throughputPerHour: number[],
): Tick {
  const n = network.facilities.length;
  const column = (values?: number[]) => Float32Array.from({ length: n }, (_, id) => values?.[id] ?? 0);
  return {
    timeS: 3600,
    facilities: {
      backlogParcels: column(backlogParcels),
      throughputPerHour: column(throughputPerHour),
      robotsBusy: column([120]),
      robotsTotal: column([800]),
      pickQueue: column([40]),
      packQueue: column(),
      trailersAtDock: column([3, 2, 1]),
      trailerFill: column(),
      dockDoors: column(),
      weatherSpeedFactor: column().fill(1),
    },
    kpis: { cumulative: new Float64Array(0), hourRows: new Float64Array(0), firstHour: 0, lastMile: null },
    orders: [],
  } as unknown as Tick;
}

/** What deck.gl reports for a pick on `sourceLayer`, a sublayer of `layer`. */
export function pickOn(
  layer: Layer,
  sourceLayer: Layer | null,
  index: number,
  object?: unknown,
): PickingInfo {
  return {
    layer,
    sourceLayer,
    index,
    object,
    picked: index >= 0,
    x: 0,
    y: 0,
    coordinate: [0, 0],
  } as unknown as PickingInfo;
}

/** Straight two-vertex trips, one per (kind, departS, durationS); vehicle ids 100, 101, ... */
export function createTripBatch(
  trips: Array<{ kind: number; departS: number; durationS: number }>,
): TripBatch {
  const length = trips.length;
  const pathStartIndices = new Uint32Array(length + 1);
  const positions = new Float32Array(length * 4);
  const vertexOffsetsS = new Float32Array(length * 2);
  trips.forEach((trip, index) => {
    pathStartIndices[index + 1] = (index + 1) * 2;
    positions.set([-90, 40, -89, 41], index * 4);
    vertexOffsetsS.set([0, trip.durationS], index * 2);
  });
  return {
    length,
    vehicleKind: Uint8Array.from(trips.map((trip) => trip.kind)),
    vehicleId: Uint32Array.from(trips.map((_, index) => index + 100)),
    parcelsAboard: new Uint16Array(length).fill(40),
    stopCount: new Uint16Array(length).fill(3),
    originFacility: new Int32Array(length),
    destinationFacility: new Int32Array(length).fill(-1),
    departS: Float64Array.from(trips.map((trip) => trip.departS)),
    pathStartIndices,
    positions,
    vertexOffsetsS,
  };
}

/**
 * One van route from the station (facility 2) and back with three door stops: the van leaves at
 * `departS`, reaches door k at departS + 600 (k + 1) and is back 600 s after the last. Door k's
 * parcel is due at `dueS[k]` (absolute sim seconds).
 */
export function createVanRouteBatch(departS: number, dueS: number[]): TripBatch {
  // Vertices: station, then arrive/leave at each door (two vertices), then the station again.
  const doors = [
    [-87.67, 41.91],
    [-87.66, 41.92],
    [-87.65, 41.91],
  ];
  const positions: number[] = [-87.68, 41.9];
  const offsets: number[] = [0];
  doors.forEach(([lon, lat], k) => {
    positions.push(lon, lat, lon, lat);
    offsets.push(600 * (k + 1), 600 * (k + 1) + 60);
  });
  positions.push(-87.68, 41.9);
  offsets.push(600 * (doors.length + 1));
  return {
    length: 1,
    vehicleKind: Uint8Array.from([1]),
    vehicleId: Uint32Array.from([3097]),
    parcelsAboard: Uint16Array.from([3]),
    stopCount: Uint16Array.from([3]),
    originFacility: Int32Array.from([2]),
    destinationFacility: Int32Array.from([2]),
    departS: Float64Array.from([departS]),
    pathStartIndices: Uint32Array.from([0, positions.length / 2]),
    positions: Float32Array.from(positions),
    vertexOffsetsS: Float32Array.from(offsets),
    stopStartIndices: Uint32Array.from([0, 3]),
    stopVertexIndices: Uint32Array.from([1, 3, 5]),
    stopParcelIds: Float64Array.from([11, 12, 13]),
    stopDueS: Float64Array.from(dueS),
  };
}
