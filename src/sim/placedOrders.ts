/**
 * "Place your order" (issue #9): one order placed by hand at the model's current time, then
 * watched to the door. The parcel is an ordinary parcel in every queue, trailer and wave; what is
 * extra is a record per watched parcel that keeps its journey (every event with the facility,
 * the queue it joined and the weather there, each vehicle that carried it, the waves it waited
 * through) after it has left the model.
 *
 * Cost for the other parcels: the engine syncs the watched records once per step only while
 * some placed parcel is still in the model, and the trip buffer tells this module of new trips
 * only then (TripBuffer.observer); otherwise one length check per step and one null check per
 * trip. Nothing is allocated per parcel.
 *
 * Common random numbers: placing an order draws nothing from the shared streams. Its FC comes
 * from the same sourcing plan as every order's (forecast hit: a near FC in the station's region;
 * miss: a far one) but through a stateless number (hashUniform of the seed, station and time),
 * so every other order of the run is placed exactly as without it.
 */
import type { Engine } from './engine';
import { greatCircleKm, LAT_DEG_PER_KM, lonDegPerKm } from './geo';
import {
  DELIVERY_STATION,
  EVENT_ARRIVED_SC,
  EVENT_ARRIVED_STATION,
  EVENT_DEPARTED_FC,
  EVENT_DEPARTED_SC,
  EVENT_LOADED_AT_FC,
  EVENT_ORDERED,
  EVENT_PACKED,
  EVENT_PICKED,
  EVENT_READY_AT_STATION,
  FULFILLMENT_CENTER,
  PARCEL_EVENTS,
  type ParcelEvent,
  PROMISE_CLASSES,
  type PromiseClass,
  STAGE_AT_FC_DOCK,
  STAGE_AWAITING_PICK,
  STAGE_LINE_HAUL_TO_SC,
  STAGE_LINE_HAUL_TO_STATION,
  STAGE_OUT_FOR_DELIVERY,
  STAGE_READY_AT_STATION,
  STAGE_WITH_CARRIER,
  VEHICLE_KINDS,
  VEHICLE_LINE_HAUL,
  type VehicleKind,
} from './kinds';
import { KPI_INDEX as K } from './kpis';
import type { CarrierName, ChoiceReason } from './lastMile/carrierChoice';
import { CARRIER_REGIONAL, CARRIER_USPS } from './lastMile/carrierChoice';
import { describeLastMileChoice } from './lastMile/lastMile';
import { needsFlexToday } from './lastMile/lastMileDispatcher';
import { getNextSortCenter, type NetworkModel } from './network';
import { chooseSourcingFc } from './orders';
import { readEventTime } from './parcels';
import {
  FACILITY_QUEUES,
  QUEUE_PACK,
  QUEUE_PICK,
  QUEUE_PICK_SAME_DAY,
  QUEUE_READY,
  QUEUE_SLAM,
  QUEUE_SORT,
} from './queueLayout';
import { hashUniform } from './rng';
import { getPromiseDeadlineS, getTomorrowsVanWaveS, getWaveInStepS, VAN_WAVE, WAVE_COUNT } from './schedules';
import { isSoloDrive, type TripObserver, type TripRecord, writeLineHaulTrip } from './trips';

/** What a person orders: where to, how heavy, how fast. */
export interface OrderSpec {
  /** The delivery address, degrees (WGS84). */
  lon: number;
  lat: number;
  /** MIN_ORDER_WEIGHT_KG to MAX_ORDER_WEIGHT_KG (the demand model's range). */
  weightKg: number;
  promise: PromiseClass;
}

/** A placed order, as it entered the model. */
export interface PlacedOrder {
  parcelId: number;
  /** The delivery station serving the address (the nearest one). */
  stationId: number;
  /** The fulfillment center it ships from. */
  originFc: number;
  /** Sim seconds: the model's time when it was placed. */
  orderedS: number;
  promiseDeadlineS: number;
}

/** Farthest an address may be from its delivery station, km: the demand model's rural addresses reach ~65 km past a metro's edge. */
export const MAX_ADDRESS_KM = 80;
/** The demand model's parcel weights (orders.ts clamps to these). */
export const MIN_ORDER_WEIGHT_KG = 0.05;
export const MAX_ORDER_WEIGHT_KG = 30;
/** Keys hashUniform's sourcing numbers apart from the engine's capacity rounding. */
const SOURCING_HIT_SALT = 0x6f726431;
const SOURCING_PICK_SALT = 0x6f726432;

/** A watched parcel's event: the stage events, plus the hand-off to the last mile and the door. */
export type WatchedEventName = ParcelEvent | 'handedOff' | 'delivered';

export interface WatchedEvent {
  event: WatchedEventName;
  /** Sim seconds, on the parcel's 10 s event clock (EVENT_TICK_S). */
  timeS: number;
  /** Facility id where it happened; for departures the origin, for 'delivered' -1. */
  facility: number;
  /** Parcels in the queue it joined (including itself), -1 where not recorded: see recordEvent. */
  queueParcels: number;
  /** Vehicle id (TripBatch.vehicleId) for departures and the hand-off, else -1. */
  vehicleId: number;
  /** Speed multiplier of the facility's region then (1 fair, stormSpeedFactor in a storm). */
  weatherSpeedFactor: number;
  storm: boolean;
}

export type LineHaulLegKind = 'fcToSortCenter' | 'sortCenterTransfer' | 'sortCenterToStation';

/** One truck that carried the parcel between facilities. */
export interface LineHaulLeg {
  kind: LineHaulLegKind;
  /** TripBatch.vehicleId of the truck: the page follows it on the map with this. */
  vehicleId: number;
  fromFacility: number;
  toFacility: number;
  /** UTC offset of the destination, h (its departure schedule runs on local time). */
  toUtcOffsetH: number;
  departS: number;
  arriveS: number;
  /** The same drive (route, departure time, traffic, hours of service) in fair weather, s. */
  fairWeatherDriveS: number;
  /** The slower of the origin's and destination's regional speed factors at departure. */
  weatherSpeedFactor: number;
  storm: boolean;
  parcelsAboard: number;
}

/**
 * Why a parcel ready at its station sat through a dispatch wave:
 * - partnerWaveOnly: the early wave hands over partner carriers' parcels only; own-fleet parcels
 *   wait for the van wave (normal);
 * - noFlexDriver: vans had no room and no Flex driver took the block it was offered;
 * - waitingForVans: a later wave, not urgent: it waits for tomorrow's vans (normal).
 */
export type WaveWaitCause = 'partnerWaveOnly' | 'noFlexDriver' | 'waitingForVans';

export interface WaveWait {
  waveS: number;
  /** Index into WAVE_OFFSETS_H (schedules.ts). */
  waveIndex: number;
  cause: WaveWaitCause;
}

/** The dispatch wave that gave the parcel to a vehicle or a partner carrier. */
export interface LastMileHandoff {
  waveS: number;
  waveIndex: number;
  /** The vehicle that reached its door (van or Flex route, or the partner's door run); -1 if not seen. */
  vehicleId: number;
  vehicleKind: VehicleKind;
  /** When that vehicle left (a partner's door run leaves after its service time). */
  departS: number;
  /** A partner's hand-off truck from the station to its hub, when the hub is near; else null. */
  handoffTruck: { vehicleId: number; departS: number; arriveS: number; hubFacility: number } | null;
  /** When it reaches the door (known at dispatch). */
  plannedDeliveryS: number;
  /** The station region's speed factor at the wave. */
  weatherSpeedFactor: number;
  storm: boolean;
}

/** What a journey timeline needs beyond the stage events; on ParcelTrace.watch. */
export interface ParcelWatch {
  orderKey: string | null;
  /** UTC offsets of the origin FC and the station, h (local clocks for shifts and waves). */
  originUtcOffsetH: number;
  stationUtcOffsetH: number;
  /** Region index of the station (partner carriers' service times differ by region). */
  stationRegion: number;
  /** Sim seconds the trace was read at. */
  tracedAtS: number;
  /** Door time, null while on its way. */
  deliveredS: number | null;
  /** Every event so far in time order, each sortation center visit and departure included. */
  log: WatchedEvent[];
  legs: LineHaulLeg[];
  handoff: LastMileHandoff | null;
  /** Waves it sat through at its station, in order. */
  waveWaits: WaveWait[];
  /** waveWaits.length. */
  wavesDeferred: number;
  /** Waves whose Flex block nobody took (waveWaits with cause noFlexDriver). */
  flexWavesUnfilled: number;
}

/** One watched parcel: its fixed trace fields and its journey so far. Plain data (snapshots copy it). */
export interface WatchedParcel {
  spec: OrderSpec;
  placed: PlacedOrder;
  slot: number;
  /** Index into PROMISE_CLASSES. */
  promise: number;
  weightKg: number;
  destinationLon: number;
  destinationLat: number;
  path: number[];
  /** Last stage seen (index into PARCEL_STAGES). */
  stage: number;
  /** Last time seen per PARCEL_EVENTS index, -1 if none (plain numbers: snapshots copy as JSON). */
  eventTimes: number[];
  lastMile: { carrier: CarrierName; reason: ChoiceReason } | null;
  /** On a truck whose leg is recorded. */
  onLeg: boolean;
  /** Legs whose departure is not in the log yet. */
  legsLogged: number;
  active: boolean;
  watch: ParcelWatch;
}

/** Pending partner hand-off truck and last door-bound trip, seen by the trip observer. */
interface TripMemory {
  vehicleId: number;
  vehicleKind: number;
  originFacility: number;
  departS: number;
  arriveS: number;
  destinationFacility: number;
}

export interface PlacedOrdersSnapshot {
  watched: WatchedParcel[];
}

/** The watched parcels of a run; lives in EngineState and in snapshots. */
export class PlacedOrders {
  watched: WatchedParcel[];
  /** Indices into `watched` of parcels still in the model: synced every step only when non-empty. */
  active: number[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly byParcelId = new Map<number, number>();

  constructor(snapshot?: PlacedOrdersSnapshot) {
    this.watched = snapshot ? copyPlain(snapshot.watched) : [];
    for (let index = 0; index < this.watched.length; index++) this.index(this.watched[index], index);
  }

  private index(record: WatchedParcel, index: number): void {
    if (record.watch.orderKey !== null) this.byKey.set(record.watch.orderKey, index);
    this.byParcelId.set(record.placed.parcelId, index);
    if (record.active) this.active.push(index);
  }

  add(record: WatchedParcel): void {
    this.watched.push(record);
    this.index(record, this.watched.length - 1);
  }

  getByKey(orderKey: string): WatchedParcel | undefined {
    const index = this.byKey.get(orderKey);
    return index === undefined ? undefined : this.watched[index];
  }

  getByParcelId(parcelId: number): WatchedParcel | undefined {
    const index = this.byParcelId.get(parcelId);
    return index === undefined ? undefined : this.watched[index];
  }

  snapshot(): PlacedOrdersSnapshot {
    return { watched: copyPlain(this.watched) };
  }
}

/** A deep copy of plain data (numbers, strings, booleans, null, arrays, objects). */
function copyPlain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Validates an order spec; throws naming the bad value. */
export function validateOrderSpec(spec: OrderSpec): number {
  const { lon, lat, weightKg, promise } = spec;
  if (typeof lon !== 'number' || !Number.isFinite(lon) || lon < -180 || lon > 180)
    throw new Error(`order lon: ${String(lon)} is not a longitude; expected a finite number, -180 to 180`);
  if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90)
    throw new Error(`order lat: ${String(lat)} is not a latitude; expected a finite number, -90 to 90`);
  if (
    typeof weightKg !== 'number' ||
    !Number.isFinite(weightKg) ||
    weightKg < MIN_ORDER_WEIGHT_KG ||
    weightKg > MAX_ORDER_WEIGHT_KG
  )
    throw new Error(
      `order weightKg: ${String(weightKg)} is out of range; expected ${MIN_ORDER_WEIGHT_KG} to ${MAX_ORDER_WEIGHT_KG} kg`,
    );
  const code = PROMISE_CLASSES.indexOf(promise);
  if (code < 0)
    throw new Error(
      `order promise: "${String(promise)}" is unknown; expected one of ${PROMISE_CLASSES.join(', ')}`,
    );
  return code;
}

function isSameSpec(a: OrderSpec, b: OrderSpec): boolean {
  return a.lon === b.lon && a.lat === b.lat && a.weightKg === b.weightKg && a.promise === b.promise;
}

/**
 * Places an order at the model's current time: it joins its FC's pick queue now, like any
 * order (placeOrders, orders.ts), and is watched to the door. With an `orderKey`, placing the
 * same key again returns the first result and changes nothing (the worker re-places orders when
 * it replays); the same key with another spec is an error.
 */
export function placeOrder(engine: Engine, spec: OrderSpec, orderKey?: string): PlacedOrder {
  const promise = validateOrderSpec(spec);
  const { model, params, state } = engine;
  const placedOrders = state.placedOrders;
  if (orderKey !== undefined) {
    const earlier = placedOrders.getByKey(orderKey);
    if (earlier) {
      if (!isSameSpec(earlier.spec, spec))
        throw new Error(
          `order key "${orderKey}" was already placed with another order (${describeSpec(earlier.spec)})`,
        );
      return { ...earlier.placed };
    }
  }
  const facilities = model.network.facilities;
  let station = -1;
  let bestKm = Number.POSITIVE_INFINITY;
  for (const id of model.stationIds) {
    const km = greatCircleKm(spec.lon, spec.lat, facilities[id].lon, facilities[id].lat);
    if (km < bestKm) {
      bestKm = km;
      station = id;
    }
  }
  if (station < 0 || bestKm > MAX_ADDRESS_KM)
    throw new Error(
      `order address ${spec.lat.toFixed(4)}, ${spec.lon.toFixed(4)} (lat, lon) is ${Math.round(bestKm)} km from the nearest delivery station` +
        `${station >= 0 ? ` (${facilities[station].name})` : ''}; the network serves addresses within ${MAX_ADDRESS_KM} km of a station (contiguous US)`,
    );
  const orderedS = state.timeS;
  // Sourcing by the network's plan, through stateless numbers (no stream draws: see the header).
  const hit = hashUniform(engine.seed ^ SOURCING_HIT_SALT, station, orderedS) < params.forecastAccuracy;
  const pick = hashUniform(engine.seed ^ SOURCING_PICK_SALT, station, orderedS);
  const originFc = chooseSourcingFc(model, station, hit, pick);
  const { queues, kpis } = state;
  if (model.facilityRegion[originFc] === model.facilityRegion[station])
    kpis.cumulative[K.sourcedInRegion] += 1;
  kpis.cumulative[K.ordered] += 1;

  const slot = state.parcels.allocate();
  const c = state.parcels.columns;
  const stationFacility = facilities[station];
  const eastKm = (spec.lon - stationFacility.lon) / lonDegPerKm(stationFacility.lat);
  const northKm = (spec.lat - stationFacility.lat) / LAT_DEG_PER_KM;
  c.stage[slot] = STAGE_AWAITING_PICK;
  c.promise[slot] = promise;
  c.originFc[slot] = originFc;
  c.destinationStation[slot] = station;
  c.weight10g[slot] = Math.round(spec.weightKg * 100);
  // Within MAX_ADDRESS_KM, so well inside the Int16 range of 10 m units.
  c.destinationOffset[slot * 2] = Math.round(eastKm * 100);
  c.destinationOffset[slot * 2 + 1] = Math.round(northKm * 100);
  c.orderedS[slot] = orderedS;
  state.lastMile.due.recordOrder(
    getPromiseDeadlineS(c.orderedS[slot], promise, model.facilityOffsetH[station]),
    promise,
  );
  const sameDayQueue = originFc * FACILITY_QUEUES + QUEUE_PICK_SAME_DAY;
  const pickQueue = originFc * FACILITY_QUEUES + QUEUE_PICK;
  // Same-day orders are picked first: the parcels ahead of it are those of its own class and above.
  const ahead = queues.count[sameDayQueue] + (promise === 0 ? 0 : queues.count[pickQueue]);
  queues.push(c.next, promise === 0 ? sameDayQueue : pickQueue, slot);

  const parcelId = state.parcels.getParcelId(slot);
  const placed: PlacedOrder = {
    parcelId,
    stationId: station,
    originFc,
    orderedS,
    promiseDeadlineS: getPromiseDeadlineS(orderedS, promise, model.facilityOffsetH[station]),
  };
  const eventTimes = PARCEL_EVENTS.map(() => -1);
  eventTimes[EVENT_ORDERED] = orderedS;
  const record: WatchedParcel = {
    spec: { ...spec },
    placed,
    slot,
    promise,
    weightKg: c.weight10g[slot] / 100,
    destinationLon:
      stationFacility.lon + (c.destinationOffset[slot * 2] / 100) * lonDegPerKm(stationFacility.lat),
    destinationLat: stationFacility.lat + (c.destinationOffset[slot * 2 + 1] / 100) * LAT_DEG_PER_KM,
    path: getParcelPath(model, originFc, station),
    stage: STAGE_AWAITING_PICK,
    eventTimes,
    lastMile: null,
    onLeg: false,
    legsLogged: 0,
    active: true,
    watch: {
      orderKey: orderKey ?? null,
      originUtcOffsetH: model.facilityOffsetH[originFc],
      stationUtcOffsetH: model.facilityOffsetH[station],
      stationRegion: model.facilityRegion[station],
      tracedAtS: orderedS,
      deliveredS: null,
      log: [createEvent(engine, 'ordered', orderedS, originFc, ahead + 1, -1)],
      legs: [],
      handoff: null,
      waveWaits: [],
      wavesDeferred: 0,
      flexWavesUnfilled: 0,
    },
  };
  placedOrders.add(record);
  engine.watchTrips();
  return { ...placed };
}

function describeSpec(spec: OrderSpec): string {
  return `${spec.lon}, ${spec.lat}, ${spec.weightKg} kg, ${spec.promise}`;
}

/** Origin FC, then each sortation center getNextSortCenter sends it to, then the station. */
export function getParcelPath(model: NetworkModel, originFc: number, station: number): number[] {
  const path = [originFc];
  for (
    let at = originFc, hop = getNextSortCenter(model, at, station);
    hop >= 0;
    hop = getNextSortCenter(model, at, station)
  ) {
    path.push(hop);
    at = hop;
    if (path.length > 8) break; // cannot happen: at most gateway, hub, parent
  }
  path.push(station);
  return path;
}

function createEvent(
  engine: Engine,
  event: WatchedEventName,
  timeS: number,
  facility: number,
  queueParcels: number,
  vehicleId: number,
): WatchedEvent {
  const { model, state } = engine;
  const region = facility >= 0 ? model.facilityRegion[facility] : -1;
  return {
    event,
    timeS,
    facility,
    queueParcels,
    vehicleId,
    weatherSpeedFactor: region >= 0 ? state.regionSpeedFactor[region] : 1,
    storm: region >= 0 && state.regionStorm[region] === 1,
  };
}

/** Journey order of the events, for sorting those found in the same step. */
const EVENT_RANK: Record<WatchedEventName, number> = {
  ordered: 0,
  picked: 1,
  packed: 2,
  loadedAtFc: 3,
  departedFc: 4,
  arrivedSortCenter: 5,
  departedSortCenter: 6,
  arrivedStation: 7,
  readyAtStation: 8,
  handedOff: 9,
  delivered: 10,
};

/** Rounds like the parcel's event clock (parcels.ts, EVENT_TICK_S = 10 s). */
function onEventClock(timeS: number): number {
  return Math.round(timeS / 10) * 10;
}

/**
 * Follows the watched parcels onto vehicles: a line-haul trip takes every watched parcel that
 * has just been put in a truck (departLane sets the stage before it appends the trip); a door
 * stop list names the parcels a van, Flex car or partner door run carries.
 */
export function createWatchObserver(engine: Engine): TripObserver {
  const lastTrip: TripMemory = {
    vehicleId: -1,
    vehicleKind: 0,
    originFacility: -1,
    departS: 0,
    arriveS: 0,
    destinationFacility: -1,
  };
  const lastHandoffTruck: TripMemory = { ...lastTrip };
  return {
    tripAppended(trip: TripRecord, offsetsS: Float32Array, vertexCount: number): void {
      const arriveS = trip.departS + (vertexCount > 0 ? offsetsS[vertexCount - 1] : 0);
      if (trip.vehicleKind === VEHICLE_LINE_HAUL) {
        recordLegs(engine, trip, arriveS);
        return;
      }
      const partner = trip.vehicleKind === CARRIER_USPS || trip.vehicleKind === CARRIER_REGIONAL;
      const memory =
        partner && trip.originFacility !== trip.destinationFacility ? lastHandoffTruck : lastTrip;
      memory.vehicleId = trip.vehicleId;
      memory.vehicleKind = trip.vehicleKind;
      memory.originFacility = trip.originFacility;
      memory.destinationFacility = trip.destinationFacility;
      memory.departS = trip.departS;
      memory.arriveS = arriveS;
    },
    stopsAppended(parcelIds: Float64Array, stopCount: number): void {
      const { placedOrders } = engine.state;
      for (const index of placedOrders.active) {
        const record = placedOrders.watched[index];
        if (record.watch.handoff !== null) continue;
        for (let j = 0; j < stopCount; j++) {
          if (parcelIds[j] !== record.placed.parcelId) continue;
          const viaHub =
            lastTrip.originFacility !== record.placed.stationId &&
            lastHandoffTruck.vehicleId >= 0 &&
            lastHandoffTruck.destinationFacility === lastTrip.originFacility;
          record.watch.handoff = {
            waveS: Number.NaN, // set by the step's sync, which knows the wave
            waveIndex: -1,
            vehicleId: lastTrip.vehicleId,
            vehicleKind: VEHICLE_KINDS[lastTrip.vehicleKind],
            departS: lastTrip.departS,
            handoffTruck: viaHub
              ? {
                  vehicleId: lastHandoffTruck.vehicleId,
                  departS: lastHandoffTruck.departS,
                  arriveS: lastHandoffTruck.arriveS,
                  hubFacility: lastHandoffTruck.destinationFacility,
                }
              : null,
            plannedDeliveryS: Number.NaN,
            weatherSpeedFactor: 1,
            storm: false,
          };
          break;
        }
      }
    },
  };
}

let fairWeatherScratch: { positions: Float32Array; offsets: Float32Array; ones: Float32Array } | null = null;

function recordLegs(engine: Engine, trip: TripRecord, arriveS: number): void {
  const { model, params, state } = engine;
  const { placedOrders } = state;
  const stages = state.parcels.columns.stage;
  for (const index of placedOrders.active) {
    const record = placedOrders.watched[index];
    const stage = stages[record.slot];
    if (record.onLeg || (stage !== STAGE_LINE_HAUL_TO_SC && stage !== STAGE_LINE_HAUL_TO_STATION)) continue;
    record.onLeg = true;
    const from = trip.originFacility;
    const to = trip.destinationFacility;
    const facilities = model.network.facilities;
    const fromRegion = model.facilityRegion[from];
    const toRegion = model.facilityRegion[to];
    const route = engine.routes.getRoute(from, to);
    if (
      !fairWeatherScratch ||
      fairWeatherScratch.offsets.length < 3 * route.vertexCount + 8 ||
      fairWeatherScratch.ones.length < model.regionCount
    ) {
      const size = Math.max(4096, 4 * route.vertexCount);
      fairWeatherScratch = {
        positions: new Float32Array(size * 2),
        offsets: new Float32Array(size),
        ones: new Float32Array(Math.max(64, model.regionCount)).fill(1),
      };
    }
    const vertices = writeLineHaulTrip(
      fairWeatherScratch.positions,
      fairWeatherScratch.offsets,
      route,
      trip.departS,
      {
        truckSpeedMph: params.truckSpeedMph,
        roadDistanceFactor: params.roadDistanceFactor,
        rushHourSpeedFactor: params.rushHourSpeedFactor,
        regionSpeedFactor: fairWeatherScratch.ones,
        soloDriver: isSoloDrive(
          params.lineHaulDrivers,
          route,
          params.truckSpeedMph,
          params.roadDistanceFactor,
        ),
      },
    );
    record.watch.legs.push({
      kind:
        facilities[from].kind === FULFILLMENT_CENTER
          ? 'fcToSortCenter'
          : facilities[to].kind === DELIVERY_STATION
            ? 'sortCenterToStation'
            : 'sortCenterTransfer',
      vehicleId: trip.vehicleId,
      fromFacility: from,
      toFacility: to,
      toUtcOffsetH: model.facilityOffsetH[to],
      departS: trip.departS,
      arriveS,
      fairWeatherDriveS: fairWeatherScratch.offsets[vertices - 1],
      weatherSpeedFactor: Math.min(state.regionSpeedFactor[fromRegion], state.regionSpeedFactor[toRegion]),
      storm: state.regionStorm[fromRegion] === 1 || state.regionStorm[toRegion] === 1,
      parcelsAboard: trip.parcelsAboard,
    });
  }
}

/**
 * Brings every active watched record up to date at the end of a step [t0, t1]: new events (with
 * queue and weather), waves sat through, the hand-off, the door. The engine calls it only while
 * some placed parcel is in the model.
 */
export function syncWatchedParcels(engine: Engine, t0: number, t1: number): void {
  const { state } = engine;
  const { placedOrders } = state;
  let kept = 0;
  for (let k = 0; k < placedOrders.active.length; k++) {
    const index = placedOrders.active[k];
    const record = placedOrders.watched[index];
    syncRecord(engine, record, t0, t1);
    if (record.active) placedOrders.active[kept++] = index;
  }
  placedOrders.active.length = kept;
  if (kept === 0) engine.watchTrips();
}

function syncRecord(engine: Engine, record: WatchedParcel, t0: number, t1: number): void {
  const { model, state, layout } = engine;
  const watch = record.watch;
  watch.tracedAtS = t1;
  if (state.parcels.getSlot(record.placed.parcelId) < 0) {
    // At the door: deliverDue freed its slot this step.
    const planned = watch.handoff?.plannedDeliveryS ?? Number.NaN;
    const deliveredS = Number.isNaN(planned) ? t1 : planned;
    watch.deliveredS = deliveredS;
    watch.log.push(createEvent(engine, 'delivered', deliveredS, -1, -1, -1));
    record.active = false;
    return;
  }
  const c = state.parcels.columns;
  const slot = record.slot;
  const stage = c.stage[slot];
  const station = record.placed.stationId;
  const fresh: WatchedEvent[] = [];
  for (let e = 1; e < PARCEL_EVENTS.length; e++) {
    if (e === EVENT_DEPARTED_FC || e === EVENT_DEPARTED_SC) continue; // from the legs, with their truck
    const timeS = readEventTime(c, slot, e, t1);
    if (Number.isNaN(timeS) || timeS === record.eventTimes[e]) continue;
    record.eventTimes[e] = timeS;
    const lastLeg = watch.legs[watch.legs.length - 1];
    const fc = record.placed.originFc;
    let facility = fc;
    let queue = -1;
    if (e === EVENT_PICKED) queue = state.queues.count[fc * FACILITY_QUEUES + QUEUE_PACK];
    else if (e === EVENT_PACKED) queue = state.queues.count[fc * FACILITY_QUEUES + QUEUE_SLAM];
    else if (e === EVENT_LOADED_AT_FC && stage === STAGE_AT_FC_DOCK) {
      const sc = getNextSortCenter(model, fc, station);
      queue =
        state.queues.count[layout.fcLaneBase + model.kindIndex[fc] * layout.scCount + model.kindIndex[sc]];
    } else if (e === EVENT_ARRIVED_SC) {
      facility = lastLeg ? lastLeg.toFacility : -1;
      if (facility >= 0) queue = state.queues.count[facility * FACILITY_QUEUES + QUEUE_SORT];
    } else if (e === EVENT_ARRIVED_STATION) {
      facility = station;
      queue = state.queues.count[station * FACILITY_QUEUES + QUEUE_SORT];
    } else if (e === EVENT_READY_AT_STATION) {
      facility = station;
      queue =
        stage === STAGE_READY_AT_STATION ? state.queues.count[station * FACILITY_QUEUES + QUEUE_READY] : -1;
    }
    fresh.push(createEvent(engine, PARCEL_EVENTS[e], timeS, facility, queue, -1));
  }
  for (; record.legsLogged < watch.legs.length; record.legsLogged++) {
    const leg = watch.legs[record.legsLogged];
    const event = leg.kind === 'fcToSortCenter' ? 'departedFc' : 'departedSortCenter';
    const departed = createEvent(
      engine,
      event,
      onEventClock(leg.departS),
      leg.fromFacility,
      leg.parcelsAboard,
      leg.vehicleId,
    );
    departed.weatherSpeedFactor = leg.weatherSpeedFactor;
    departed.storm = leg.storm;
    fresh.push(departed);
    record.eventTimes[event === 'departedFc' ? EVENT_DEPARTED_FC : EVENT_DEPARTED_SC] = departed.timeS;
  }
  if (stage !== STAGE_LINE_HAUL_TO_SC && stage !== STAGE_LINE_HAUL_TO_STATION) record.onLeg = false;
  if (record.stage === STAGE_READY_AT_STATION) syncWaves(engine, record, stage, t0, t1, fresh);
  if ((stage === STAGE_OUT_FOR_DELIVERY || stage === STAGE_WITH_CARRIER) && record.lastMile === null)
    record.lastMile = describeLastMileChoice(state.lastMile, slot);
  fresh.sort((a, b) => a.timeS - b.timeS || EVENT_RANK[a.event] - EVENT_RANK[b.event]);
  for (const event of fresh) watch.log.push(event);
  record.stage = stage;
}

/** A parcel that was ready at its station when this step began: the waves it sat through or left with. */
function syncWaves(
  engine: Engine,
  record: WatchedParcel,
  stage: number,
  t0: number,
  t1: number,
  fresh: WatchedEvent[],
): void {
  const { params, state } = engine;
  const watch = record.watch;
  const station = record.placed.stationId;
  for (let w = 0; w < WAVE_COUNT; w++) {
    const waveS = getWaveInStepS(params, w, watch.stationUtcOffsetH, t0, t1);
    if (Number.isNaN(waveS)) continue;
    if (stage === STAGE_READY_AT_STATION) {
      const urgent = needsFlexToday(record.placed.promiseDeadlineS, getTomorrowsVanWaveS(waveS, w));
      const cause: WaveWaitCause =
        w < VAN_WAVE ? 'partnerWaveOnly' : w === VAN_WAVE || urgent ? 'noFlexDriver' : 'waitingForVans';
      watch.waveWaits.push({ waveS, waveIndex: w, cause });
      watch.wavesDeferred = watch.waveWaits.length;
      if (cause === 'noFlexDriver') watch.flexWavesUnfilled++;
      continue;
    }
    // It left with this wave: the vehicle came from the trip observer, the door time from the heap.
    const heap = state.lastMile.heap;
    let plannedDeliveryS = Number.NaN;
    for (let h = 0; h < heap.size; h++) {
      if (heap.slot[h] === record.slot) {
        plannedDeliveryS = heap.deliverS[h];
        break;
      }
    }
    const region = watch.stationRegion;
    const handoff: LastMileHandoff = watch.handoff ?? {
      waveS,
      waveIndex: w,
      vehicleId: -1,
      vehicleKind: VEHICLE_KINDS[0],
      departS: waveS,
      handoffTruck: null,
      plannedDeliveryS,
      weatherSpeedFactor: 1,
      storm: false,
    };
    handoff.waveS = waveS;
    handoff.waveIndex = w;
    handoff.plannedDeliveryS = plannedDeliveryS;
    handoff.weatherSpeedFactor = state.regionSpeedFactor[region];
    handoff.storm = state.regionStorm[region] === 1;
    watch.handoff = handoff;
    const handedOff = createEvent(engine, 'handedOff', waveS, station, -1, handoff.vehicleId);
    fresh.push(handedOff);
    return;
  }
}
