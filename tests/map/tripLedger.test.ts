import { latLngToCell } from 'h3-js';
import { describe, expect, test } from 'vitest';
import { getLaneFlows, type LaneFlows } from '../../src/map/layers/LaneFlowsLayer';
import { LateStopCells } from '../../src/map/layers/LatenessHexLayer';
import { getStationOnTime } from '../../src/map/layers/ServiceAreasLayer';
import { TRUCK_KEEP_S, TripLedger } from '../../src/map/tripLedger';
import type { TripBatch } from '../../src/sim/simulation';
import type { NetworkMessage } from '../../src/worker/protocol';
import { concatTripBatches, FLOW_WINDOW_S } from '../../src/worker/tripSieve';
import { smallParams } from '../sim/simHelpers';
import { HostDriver } from '../worker/hostDriver';
import { createTripBatch, createVanRouteBatch } from './fixtures';

const DEPART_S = 36_000;
const HOUR_S = 3600;

describe('the trip ledger', () => {
  test("counts a station's own-fleet doors per arrival hour, and keeps each late door's place and time", () => {
    const ledger = new TripLedger();
    // Doors reached at +600, +1200, +1800 s (hour 10); the second is past its promise.
    ledger.append(createVanRouteBatch(DEPART_S, [DEPART_S + 5000, DEPART_S + 1000, DEPART_S + 5000]));
    const onTime = getStationOnTime(ledger, 4, 10 * HOUR_S, 11 * HOUR_S);
    expect(Array.from(onTime.doors)).toEqual([0, 0, 3, 0]);
    expect(Array.from(onTime.onTimeDoors)).toEqual([0, 0, 2, 0]);
    expect(getStationOnTime(ledger, 4, 11 * HOUR_S, 12 * HOUR_S).doors[2]).toBe(0);
    expect(ledger.lateCount).toBe(1);
    expect(ledger.lateArriveS[0]).toBe(DEPART_S + 1200);
    expect(Array.from(ledger.latePositions.subarray(0, 2))).toEqual([
      Math.fround(-87.66),
      Math.fround(41.92),
    ]);
  });

  test('records each trip once, though a replay after a seek sends it again', () => {
    const ledger = new TripLedger();
    const trucks = createTripBatch([
      { kind: 0, departS: 100, durationS: 3600 },
      { kind: 0, departS: 200, durationS: 3600 },
    ]);
    ledger.append(trucks);
    ledger.append(trucks);
    expect(ledger.truckCount).toBe(2);
    expect(ledger.truckParcels[1]).toBe(40);
  });

  test('forgets the trips of vehicles a rewind dropped, then takes their replacements', () => {
    const ledger = new TripLedger();
    ledger.append(createTripBatch([{ kind: 0, departS: 100, durationS: 3600 }])); // vehicle 100
    ledger.append(createVanRouteBatch(DEPART_S, [0, 0, 0])); // vehicle 3097, every door late
    const resets = ledger.resets;
    ledger.dropVehiclesFrom(3000);
    expect(getStationOnTime(ledger, 4, 0, 24 * HOUR_S).doors[2]).toBe(0);
    expect(ledger.lateCount).toBe(0);
    expect(ledger.truckCount).toBe(1);
    expect(ledger.resets).toBe(resets + 1);
    ledger.append(createVanRouteBatch(DEPART_S + HOUR_S, [0, 0, 0]));
    expect(getStationOnTime(ledger, 4, 11 * HOUR_S, 12 * HOUR_S).doors[2]).toBe(3);
    expect(ledger.lateArriveS[0]).toBe(DEPART_S + HOUR_S + 600);
  });

  test("defers an opening batch's doors, not its trucks, and holds the same figures once they join", () => {
    const opening = (): TripBatch => {
      // A truck (vehicle 100) and a van route whose doors are late (3097).
      const trucks = createTripBatch([{ kind: 0, departS: 100, durationS: 3600 }]);
      const vans = createVanRouteBatch(DEPART_S, [0, 0, 0]);
      return concatTripBatches([trucks, vans]);
    };
    const deferred = new TripLedger();
    const atOnce = new TripLedger();
    atOnce.append(opening());
    deferred.append(opening(), true);
    expect(deferred.truckCount).toBe(1);
    expect(deferred.lateCount).toBe(0);
    expect(getStationOnTime(deferred, 4, 0, 24 * HOUR_S).doors[2]).toBe(0);
    const version = deferred.version;
    deferred.appendDeferredDoors();
    expect(deferred.version).toBeGreaterThan(version);
    expect(deferred.lateCount).toBe(atOnce.lateCount);
    expect(getStationOnTime(deferred, 4, 0, 24 * HOUR_S)).toEqual(
      getStationOnTime(atOnce, 4, 0, 24 * HOUR_S),
    );
    // The next batch comes after them: its doors (a later vehicle) are not taken for replays.
    const next = new TripLedger();
    next.append(opening(), true);
    const laterVan = createVanRouteBatch(DEPART_S + HOUR_S, [0, 0, 0]);
    laterVan.vehicleId[0] = 3098;
    next.append(laterVan);
    expect(next.lateCount).toBe(6);
  });

  test('grows its columns without losing doors', () => {
    const ledger = new TripLedger();
    for (let k = 0; k < 500; k++) {
      const batch = createVanRouteBatch(DEPART_S + k * 60, [0, 0, 0]);
      batch.vehicleId[0] = 5000 + k;
      ledger.append(batch);
    }
    expect(getStationOnTime(ledger, 4, 0, 48 * HOUR_S).doors[2]).toBe(1500);
    expect(ledger.lateCount).toBe(1500);
    expect(ledger.lateArriveS[1499]).toBe(DEPART_S + 499 * 60 + 1800);
  });
});

/** Kinds as the model numbers them: van, Flex, USPS. */
const VAN = 1;
const FLEX = 2;
const USPS = 3;

/**
 * A sim day of deliveries, trips in dispatch order: from each of `stations` stations (facility
 * ids 10, 11, ...) two waves a day (08:00 and 14:00) of `vansPerWave` vans, a Flex block and a
 * USPS hand-off, each with `doorsPerTrip` doors a few minutes apart. Door d of trip t is late
 * when (t + d) % lateEvery is 0. Vehicle ids start at `firstVehicleId`.
 */
function createDayOfDeliveries(
  day: number,
  options: {
    stations: number;
    vansPerWave: number;
    doorsPerTrip: number;
    lateEvery: number;
    firstVehicleId: number;
  },
): TripBatch[] {
  const batches: TripBatch[] = [];
  let vehicleId = options.firstVehicleId;
  for (const waveHour of [8, 14]) {
    const trips: Array<{ kind: number; station: number }> = [];
    for (let station = 0; station < options.stations; station++) {
      for (let van = 0; van < options.vansPerWave; van++) trips.push({ kind: VAN, station });
      trips.push({ kind: FLEX, station }, { kind: USPS, station });
    }
    const doors = options.doorsPerTrip;
    const length = trips.length;
    const verticesPerTrip = doors + 2;
    const stopVertexIndices = new Uint32Array(length * doors);
    const stopDueS = new Float64Array(length * doors);
    const batch: TripBatch = {
      length,
      vehicleKind: Uint8Array.from(trips.map((trip) => trip.kind)),
      vehicleId: Uint32Array.from(trips.map(() => vehicleId++)),
      parcelsAboard: new Uint16Array(length).fill(doors),
      stopCount: new Uint16Array(length).fill(doors),
      originFacility: Int32Array.from(trips.map((trip) => 10 + trip.station)),
      destinationFacility: Int32Array.from(trips.map((trip) => 10 + trip.station)),
      departS: new Float64Array(length).fill((day * 24 + waveHour) * HOUR_S),
      pathStartIndices: Uint32Array.from({ length: length + 1 }, (_, trip) => trip * verticesPerTrip),
      positions: new Float32Array(length * verticesPerTrip * 2),
      vertexOffsetsS: new Float32Array(length * verticesPerTrip),
      stopStartIndices: Uint32Array.from({ length: length + 1 }, (_, trip) => trip * doors),
      stopVertexIndices,
      stopParcelIds: new Float64Array(length * doors),
      stopDueS,
    };
    for (let trip = 0; trip < length; trip++) {
      const station = trips[trip].station;
      for (let vertex = 0; vertex < verticesPerTrip; vertex++) {
        const at = (trip * verticesPerTrip + vertex) * 2;
        // Doors spread over a few kilometres around the station, a different street per trip.
        batch.positions[at] = -90 + station * 0.5 + vertex * 0.004;
        batch.positions[at + 1] = 40 + (trip % 17) * 0.003;
        // A door every 11 minutes: a route's doors cross into the next hours.
        batch.vertexOffsetsS[trip * verticesPerTrip + vertex] = vertex * 660 + (trip % 7) * 30;
      }
      for (let door = 0; door < doors; door++) {
        const stop = trip * doors + door;
        stopVertexIndices[stop] = door + 1;
        const arriveS = batch.departS[trip] + batch.vertexOffsetsS[trip * verticesPerTrip + door + 1];
        stopDueS[stop] = (trip + door) % options.lateEvery === 0 ? arriveS - 1 : arriveS + 3600;
      }
    }
    batches.push(batch);
  }
  return batches;
}

/** Every door of the batches, one by one: what the ledger kept before it counted per hour. */
interface UnfoldedDoor {
  vehicleId: number;
  arriveS: number;
  late: boolean;
  /** The serving station, or -1 for a partner carrier. */
  station: number;
  lon: number;
  lat: number;
}

function unfold(batches: TripBatch[]): UnfoldedDoor[] {
  const doors: UnfoldedDoor[] = [];
  for (const batch of batches) {
    for (let trip = 0; trip < batch.length; trip++) {
      const stops = batch.stopStartIndices as Uint32Array;
      for (let stop = stops[trip]; stop < stops[trip + 1]; stop++) {
        const vertex = batch.pathStartIndices[trip] + (batch.stopVertexIndices as Uint32Array)[stop];
        const arriveS = batch.departS[trip] + batch.vertexOffsetsS[vertex];
        const kind = batch.vehicleKind[trip];
        doors.push({
          vehicleId: batch.vehicleId[trip],
          arriveS,
          late: arriveS > (batch.stopDueS as Float64Array)[stop],
          station: kind === VAN || kind === FLEX ? batch.originFacility[trip] : -1,
          lon: batch.positions[vertex * 2],
          lat: batch.positions[vertex * 2 + 1],
        });
      }
    }
  }
  return doors;
}

function runDays(
  days: number,
  vansPerWave: number,
  lateEvery = 13,
): { ledger: TripLedger; batches: TripBatch[] } {
  const ledger = new TripLedger();
  const batches: TripBatch[] = [];
  let firstVehicleId = 1;
  for (let day = 0; day < days; day++) {
    for (const batch of createDayOfDeliveries(day, {
      stations: 12,
      vansPerWave,
      doorsPerTrip: 9,
      lateEvery,
      firstVehicleId,
    })) {
      ledger.append(batch);
      batches.push(batch);
      firstVehicleId = batch.vehicleId[batch.length - 1] + 1;
    }
  }
  return { ledger, batches };
}

/** What the unfolded doors give for whole hours [fromHour, toHour): station sums and late doors by cell. */
function sumUnfolded(doors: UnfoldedDoor[], fromHour: number, toHour: number, resolution: number) {
  const stationDoors = new Map<number, [number, number]>();
  const lateCells = new Map<string, number>();
  for (const door of doors) {
    if (door.arriveS < fromHour * HOUR_S || door.arriveS >= toHour * HOUR_S) continue;
    if (door.station >= 0) {
      const sums = stationDoors.get(door.station) ?? [0, 0];
      sums[0]++;
      if (!door.late) sums[1]++;
      stationDoors.set(door.station, sums);
    }
    if (door.late) {
      const cell = latLngToCell(door.lat, door.lon, resolution);
      lateCells.set(cell, (lateCells.get(cell) ?? 0) + 1);
    }
  }
  return { stationDoors, lateCells };
}

function expectSameFiguresAsUnfolded(ledger: TripLedger, doors: UnfoldedDoor[], lastHour: number): void {
  const cells = new LateStopCells(7);
  let windows = 0;
  for (let fromHour = 0; fromHour < lastHour; fromHour += 5) {
    for (let toHour = fromHour + 1; toHour <= lastHour; toHour += 7) {
      const expected = sumUnfolded(doors, fromHour, toHour, 7);
      const onTime = getStationOnTime(ledger, 30, fromHour * HOUR_S, toHour * HOUR_S);
      for (let station = 0; station < 30; station++) {
        const [expectedDoors, expectedOnTime] = expected.stationDoors.get(station) ?? [0, 0];
        expect([fromHour, toHour, station, onTime.doors[station], onTime.onTimeDoors[station]]).toEqual([
          fromHour,
          toHour,
          station,
          expectedDoors,
          expectedOnTime,
        ]);
      }
      const hexagons = cells.countLate(ledger, fromHour * HOUR_S, toHour * HOUR_S, 1);
      const counted = new Map(hexagons.map((cell) => [cell.hex, cell.lateParcels]));
      expect(counted).toEqual(expected.lateCells);
      windows++;
    }
  }
  expect(windows).toBeGreaterThan(100);
}

describe('the trip ledger over many sim days', () => {
  test('holds as many bytes with four times the doors: its door columns grow with station-hours', () => {
    const days = 20;
    // Only the first door of each wave late: both runs have as many late doors.
    const few = runDays(days, 5, Number.POSITIVE_INFINITY).ledger;
    const many = runDays(days, 20, Number.POSITIVE_INFINITY);
    expect(many.ledger.lateCount).toBe(few.lateCount);
    expect(many.ledger.getHeldBytes()).toBe(few.getHeldBytes());
    // Against one entry per door (21 bytes: position, arrival, late, station), a tenth or less.
    const doors = unfold(many.batches).length;
    expect(many.ledger.getHeldBytes()).toBeLessThan((doors * 21) / 10);
  });

  test("counts a station's wave of more doors in an hour than a 16-bit row holds", () => {
    const ledger = new TripLedger();
    const batches = createDayOfDeliveries(0, {
      stations: 1,
      vansPerWave: 20_000,
      doorsPerTrip: 9,
      lateEvery: 13,
      firstVehicleId: 1,
    });
    for (const batch of batches) ledger.append(batch);
    const doors = unfold(batches);
    for (const hour of [8, 9]) {
      const inHour = doors.filter(
        (door) => door.station === 10 && Math.floor(door.arriveS / HOUR_S) === hour,
      );
      if (hour === 8) expect(inHour.length).toBeGreaterThan(0xffff);
      const onTime = getStationOnTime(ledger, 11, hour * HOUR_S, (hour + 1) * HOUR_S);
      expect([onTime.doors[10], onTime.onTimeDoors[10]]).toEqual([
        inHour.length,
        inHour.filter((door) => !door.late).length,
      ]);
    }
  });

  test('gives every reader the figures of the unfolded doors for any window of whole hours, also after a rewind', () => {
    const days = 6;
    const { ledger, batches } = runDays(days, 3);
    const doors = unfold(batches);
    expectSameFiguresAsUnfolded(ledger, doors, days * 24);
    // A rewind to the start of day 4's second wave: its vehicles and every later one go.
    const cut = batches[4 * 2 + 1].vehicleId[0];
    ledger.dropVehiclesFrom(cut);
    expectSameFiguresAsUnfolded(
      ledger,
      doors.filter((door) => door.vehicleId < cut),
      days * 24,
    );
  });
});

/** The lanes as a reader sees them: [origin, destination, trucks, parcels per hour], sorted. */
function readLanes(flows: LaneFlows): number[][] {
  const lanes: number[][] = [];
  for (let lane = 0; lane < flows.length; lane++)
    lanes.push([flows.origin[lane], flows.destination[lane], flows.trucks[lane], flows.parcelsPerHour[lane]]);
  return lanes.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** `count` facilities in a row, as the flows read them (position, region). */
function createNetwork(count: number): NetworkMessage {
  const facilities = Array.from({ length: count }, (_, id) => ({
    id,
    lon: -90 + id * 0.1,
    lat: 40,
    region: id % 5,
  }));
  return { facilities } as unknown as NetworkMessage;
}

/**
 * An hour of line-haul departures, in dispatch order: `trucks` trucks between 40 facilities, each
 * leaving a few minutes apart, some held at a dock door up to 2 h (departing later than dispatched).
 */
function createHourOfTrucks(hour: number, trucks: number, firstVehicleId: number): TripBatch {
  const batch = createTripBatch(
    Array.from({ length: trucks }, (_, k) => ({
      kind: 0,
      departS: hour * HOUR_S + Math.floor((k * HOUR_S) / trucks) + (k % 11 === 0 ? 7200 : 0),
      durationS: 1800 + (k % 13) * 600,
    })),
  );
  for (let k = 0; k < trucks; k++) {
    batch.vehicleId[k] = firstVehicleId + k;
    batch.originFacility[k] = (k * 7) % 40;
    batch.destinationFacility[k] = (k * 7 + 1 + (hour % 3)) % 40;
    batch.parcelsAboard[k] = 20 + ((k + hour) % 60);
  }
  return batch;
}

/** Every truck appended, as the flows read a ledger: what a ledger that dropped none would hold. */
function createEveryTruckLedger() {
  const columns = {
    truckCount: 0,
    truckOrigin: [] as number[],
    truckDestination: [] as number[],
    truckDepartS: [] as number[],
    truckParcels: [] as number[],
  };
  return {
    ledger: columns as unknown as TripLedger,
    append(batch: TripBatch) {
      for (let trip = 0; trip < batch.length; trip++) {
        columns.truckOrigin.push(batch.originFacility[trip]);
        columns.truckDestination.push(batch.destinationFacility[trip]);
        columns.truckDepartS.push(batch.departS[trip]);
        columns.truckParcels.push(batch.parcelsAboard[trip]);
      }
      columns.truckCount += batch.length;
    },
  };
}

describe("the trip ledger's line-haul trucks", () => {
  test('hold a day of departures however long the run, and the lanes of every hour as if all were kept', () => {
    const network = createNetwork(40);
    // ~15,000 trucks a sim day, as the default scenario dispatches (seed 1, days 3-8).
    const trucksPerHour = 625;
    const ledger = new TripLedger();
    const heldByDay: number[] = [];
    const everyTruck = createEveryTruckLedger();
    for (let hour = 0; hour < 30 * 24; hour++) {
      const batch = createHourOfTrucks(hour, trucksPerHour, 1 + hour * trucksPerHour);
      ledger.append(batch);
      everyTruck.append(batch);
      if (hour % 24 === 23) heldByDay.push(ledger.getHeldBytes());
      // The display an hour behind the latest dispatch, as the worker's look-ahead makes it.
      if (hour % 5 === 0 && hour > 0)
        expect(readLanes(getLaneFlows(ledger, network, hour * HOUR_S, 1)), `hour ${hour}`).toEqual(
          readLanes(getLaneFlows(everyTruck.ledger, network, hour * HOUR_S, 1)),
        );
    }
    // A day of trucks, 18 bytes each, in columns pruned when full and grown by a quarter when a
    // prune frees less than a quarter (so at most 4/3 x 5/4 of it), and the door columns' first
    // rows: the same from day 2 to day 30, where every truck would take 7.8 MB.
    expect(heldByDay[29]).toBe(heldByDay[1]);
    const dayOfTrucks = ((TRUCK_KEEP_S + 2 * HOUR_S) / HOUR_S) * trucksPerHour;
    expect(heldByDay[29]).toBeLessThan(dayOfTrucks * 18 * (4 / 3) * (5 / 4) + 20_000);
  });

  test('after a seek take the hour before it again, once each, in vehicle order', () => {
    const network = createNetwork(40);
    const ledger = new TripLedger();
    const batches = Array.from({ length: 48 }, (_, hour) => createHourOfTrucks(hour, 100, 1 + hour * 100));
    for (const batch of batches) ledger.append(batch);
    const firstLanes = readLanes(getLaneFlows(ledger, network, 30 * HOUR_S, 1));
    expect(firstLanes.length).toBeGreaterThan(20);
    // The seek to 30 h: the worker sends the trucks of the hour before (and those held at a door
    // then, dispatched in hours before): here every batch that can hold them, twice.
    ledger.dropTrucks();
    expect(getLaneFlows(ledger, network, 30 * HOUR_S, 1).length).toBe(0);
    for (const hour of [29, 27, 28, 29]) ledger.append(batches[hour]);
    expect(readLanes(getLaneFlows(ledger, network, 30 * HOUR_S, 1))).toEqual(firstLanes);
    expect(ledger.truckCount).toBe(300);
    const ids = Array.from(ledger.truckVehicle.subarray(0, ledger.truckCount));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("a seek back in the worker's run shows the lanes the first pass showed, and playing on repeats them", () => {
    const host = HostDriver.start(smallParams(), 5);
    const network = host.messagesOf('ready')[0].network;
    const ledger = new TripLedger();
    let read = 0;
    // What the page does with the worker's messages (mapLayers.ts).
    const feed = () => {
      for (; read < host.received.length; read++) {
        const message = host.received[read];
        if (message.type === 'trips') ledger.append(message.batch);
        if (message.type === 'seeked') ledger.dropTrucks();
        if (message.type === 'rewound') ledger.dropVehiclesFrom(message.firstVehicleId);
      }
    };
    const lanesAt = (timeS: number) => readLanes(getLaneFlows(ledger, network, timeS, 1));
    const first = new Map<number, number[][]>();
    for (let timeS = FLOW_WINDOW_S; timeS <= 14 * HOUR_S; timeS += 1800) {
      host.playTo(timeS, 2 * HOUR_S);
      feed();
      first.set(timeS, lanesAt(timeS));
    }
    const busiest = Math.max(...[...first.values()].map((lanes) => lanes.length));
    expect(busiest).toBeGreaterThan(5);
    // Back to 10 h: the worker restores 4 h and replays from there.
    host.send({ type: 'seek', timeS: 10 * HOUR_S });
    feed();
    for (let timeS = 10 * HOUR_S; timeS <= 14 * HOUR_S; timeS += 1800) {
      host.playTo(timeS, 2 * HOUR_S);
      feed();
      expect(lanesAt(timeS), `${timeS / HOUR_S} h`).toEqual(first.get(timeS));
    }
  });
});
