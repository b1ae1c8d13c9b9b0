/**
 * A small world for last-mile tests: the real network, an empty parcel store, and synthetic
 * hand-offs (parcels placed straight into a station's ready queue, as the station sort does).
 */
import { EVENT_READY_AT_STATION, STAGE_READY_AT_STATION } from '../../../src/sim/kinds';
import { LastMile } from '../../../src/sim/lastMile/lastMile';
import type { LastMileHost, LastMileTripSink } from '../../../src/sim/lastMile/lastMileState';
import { buildNetwork, type NetworkModel } from '../../../src/sim/network';
import { defaultParams, type Params } from '../../../src/sim/params';
import { ParcelStore, QueueSet, writeEventTime } from '../../../src/sim/parcels';
import { createStreams, RandomStream } from '../../../src/sim/rng';
import type { TripRecord } from '../../../src/sim/trips';
import { NO_JOURNAL } from '../../../src/sim/parcelJournal';
import { getServiceReachKm } from '../../../src/sim/serviceAreas';

/** One recorded trip with copies of its columns. */
export interface RecordedTrip extends TripRecord {
  positions: Float32Array;
  offsetsS: Float32Array;
  stopVertex: Uint32Array;
  stopParcelIds: Float64Array;
}

export class RecordingSink implements LastMileTripSink {
  trips: RecordedTrip[] = [];
  append(trip: TripRecord, positions: Float32Array, offsetsS: Float32Array, vertexCount: number): void {
    this.trips.push({
      ...trip,
      positions: positions.slice(0, vertexCount * 2),
      offsetsS: offsetsS.slice(0, vertexCount),
      stopVertex: new Uint32Array(0),
      stopParcelIds: new Float64Array(0),
    });
  }
  appendStops(
    stopVertex: Uint32Array,
    parcelIds: Float64Array,
    _dueS: Float64Array,
    stopCount: number,
  ): void {
    const trip = this.trips[this.trips.length - 1];
    trip.stopVertex = stopVertex.slice(0, stopCount);
    trip.stopParcelIds = parcelIds.slice(0, stopCount);
  }
}

let cachedModel: NetworkModel | undefined;
/** The default network, built once per test file. */
export function getDefaultModel(): NetworkModel {
  cachedModel ??= buildNetwork(defaultParams());
  return cachedModel;
}

export interface World {
  model: NetworkModel;
  params: Params;
  host: LastMileHost;
  sink: RecordingSink;
  lastMile: LastMile;
  /** Parcel ids handed to the last mile. */
  handed: number[];
}

export const readyQueueOf = (station: number): number => station * 3 + 1;

export function createWorld(seed: number, overrides: Partial<Params> = {}): World {
  const model = getDefaultModel();
  const params = { ...defaultParams(), ...overrides } as Params;
  const sink = new RecordingSink();
  const host: LastMileHost = {
    parcels: new ParcelStore(),
    queues: new QueueSet(model.network.facilities.length * 3),
    trips: sink,
    streams: createStreams(seed),
    regionStorm: new Uint8Array(model.regionCount),
    regionSpeedFactor: new Float32Array(model.regionCount).fill(1),
    vehicleSerial: 0,
    journal: NO_JOURNAL,
  };
  return { model, params, host, sink, lastMile: new LastMile(model, seed, readyQueueOf), handed: [] };
}

export interface HandoffOptions {
  /** Share of addresses outside the service area (placed 5-40 km beyond it). */
  ruralShare?: number;
  /** Orders placed in [orderFromS, readyS). */
  orderFromS?: number;
  /**
   * Doors in the station's drawn area, as addresses.ts draws them (uniform in bearing, in radius²
   * out to the reach at that bearing), in place of the disc of the service radius.
   */
  inDrawnArea?: boolean;
}

/** Hands `count` parcels to a station's ready queue at `readyS`, drawn from `seed`. */
export function handOff(
  world: World,
  station: number,
  count: number,
  readyS: number,
  seed: number,
  options: HandoffOptions = {},
): void {
  const { model, params, host } = world;
  const random = RandomStream.fromSeed(seed, station);
  const c = () => host.parcels.columns;
  const radius = model.serviceRadiusKm[station];
  const orderFromS = options.orderFromS ?? readyS - 20 * 3600;
  for (let k = 0; k < count; k++) {
    const slot = host.parcels.allocate();
    const rural = random.nextFloat() < (options.ruralShare ?? 0.2);
    const angle = random.nextFloat() * 2 * Math.PI;
    const reach = options.inDrawnArea
      ? getServiceReachKm(model.serviceReachKm, model.kindIndex[station], angle)
      : radius;
    const r = rural ? radius + 5 + 35 * random.nextFloat() : reach * Math.sqrt(random.nextFloat());
    const promiseDraw = random.nextFloat();
    const weightKg = Math.min(30, Math.max(0.05, Math.exp(0.9 * random.nextNormal())));
    const cols = c();
    cols.stage[slot] = STAGE_READY_AT_STATION;
    cols.promise[slot] = promiseDraw < 0.12 ? 0 : promiseDraw < 0.57 ? 1 : promiseDraw < 0.87 ? 2 : 3;
    cols.originFc[slot] = model.fulfillmentCenterIds[0];
    cols.destinationStation[slot] = station;
    cols.weight10g[slot] = Math.round(weightKg * 100);
    cols.destinationOffset[2 * slot] = Math.round(Math.cos(angle) * r * 100);
    cols.destinationOffset[2 * slot + 1] = Math.round(Math.sin(angle) * r * 100);
    cols.orderedS[slot] = orderFromS + random.nextFloat() * (readyS - orderFromS);
    writeEventTime(cols, slot, EVENT_READY_AT_STATION, readyS);
    host.queues.push(cols.next, readyQueueOf(station), slot);
    world.handed.push(host.parcels.getParcelId(slot));
  }
  void params;
}

/** Runs the last mile in steps of `stepS` from t0 to t1. */
export function runLastMile(world: World, t0: number, t1: number, stepS = 60): void {
  for (let t = t0; t < t1; t += stepS) world.lastMile.step(t, t + stepS, world.host, world.params);
}
