/**
 * "Place your order": one order placed by hand at the model's current time, then watched to the
 * door. The parcel is an ordinary parcel in every queue, trailer and wave; what is extra is its
 * journal (parcelJournal.ts): the facts the stages record about it, kept after it has left the
 * model. PlacedOrders holds the watched parcels of a run and is the journal the stages write to.
 *
 * Cost for the other parcels: one typed-array read per parcel event (isWatched), and nothing
 * allocated per parcel.
 *
 * Common random numbers: placing an order draws nothing from the shared streams. Its FC comes
 * from the same sourcing plan as every order's (forecast hit: a near FC in the station's region;
 * miss: a far one) but through a stateless number (hashUniform of the seed, station and time),
 * so every other order of the run is placed exactly as without it.
 */
import { greatCircleKm, LAT_DEG_PER_KM, lonDegPerKm } from './geo';
import { PROMISE_CLASSES, type PromiseClass, STAGE_AWAITING_PICK } from './kinds';
import type { DeliveryPromises } from './deliveryPromises';
import { KPI_INDEX as K, type KpiRecorder } from './kpis';
import { clearLastMileChoice, type LastMileState } from './lastMile/lastMileState';
import { getNextSortCenter, getParcelZoneKey, type NetworkModel } from './network';
import { chooseSourcingFc, isInsideServiceArea } from './orders';
import { MAX_ORDER_WEIGHT_KG, MIN_ORDER_WEIGHT_KG } from './demand';

/** A placed order weighs what an ordered parcel may (the demand model's range). */
export { MAX_ORDER_WEIGHT_KG, MIN_ORDER_WEIGHT_KG };
import type { JourneyFact, ParcelJournal } from './parcelJournal';
import type { Params } from './params';
import type { ParcelStore, QueueSet } from './parcels';
import { QUEUE_PICK, QUEUE_PICK_SAME_DAY, getQueueId, getPickQueueId } from './queueLayout';
import type { NetworkMove } from './rebuild';
import { hashUniform } from './rng';
import { getPromiseDeadlineS } from './schedules';

/** What a person orders: where to, how heavy, how fast. */
export interface OrderSpec {
  /** The delivery address, degrees (WGS84). */
  lon: number;
  lat: number;
  /** MIN_ORDER_WEIGHT_KG to MAX_ORDER_WEIGHT_KG (the demand model's range). */
  weightKg: number;
  /** The delivery speed the buyer asks for; the storefront may promise a later one (PlacedOrder.promise). */
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
  /** The storefront's promise: the fastest at or after the one asked for that its path can keep. */
  promise: PromiseClass;
  promiseDeadlineS: number;
}

/** Farthest an address may be from its delivery station, km: the demand model's rural addresses reach ~65 km past a metro's edge. */
export const MAX_ADDRESS_KM = 80;
/** Keys hashUniform's sourcing numbers apart from the engine's capacity rounding. */
const SOURCING_HIT_SALT = 0x6f726431;
const SOURCING_PICK_SALT = 0x6f726432;

/** A watched parcel's journal and what explaining it needs beyond the facts; on ParcelTrace.watch. */
export interface ParcelWatch {
  orderKey: string | null;
  /** UTC offset of the origin FC, h (its shift and cut-offs run on local time). */
  originUtcOffsetH: number;
  /** Region index of the station (partner carriers' service times differ by region). */
  stationRegion: number;
  /** Sim seconds the trace was read at. */
  tracedAtS: number;
  /** Door time, null while on its way. */
  deliveredS: number | null;
  /** What happened to it, in time order, as the stages recorded it. */
  facts: JourneyFact[];
}

/** One watched parcel: its order and its journal. Plain data (snapshots copy it). */
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
  /** Still in the model (not yet at its door). */
  active: boolean;
  watch: ParcelWatch;
}

export interface PlacedOrdersSnapshot {
  watched: WatchedParcel[];
}

/** The watched parcels of a run: the journal the stages write to; lives in EngineState and in snapshots. */
export class PlacedOrders implements ParcelJournal {
  watched: WatchedParcel[];
  /** Per parcel slot: index into `watched` + 1 of the parcel watched in it, 0 if none. */
  private watchedAt = new Int32Array(0);
  /** Watched parcels not yet at the door (slots marked in watchedAt). */
  private activeCount = 0;
  private readonly byKey = new Map<string, number>();
  private readonly byParcelId = new Map<number, number>();

  constructor(snapshot?: PlacedOrdersSnapshot) {
    this.watched = snapshot ? copyPlain(snapshot.watched) : [];
    for (let index = 0; index < this.watched.length; index++) this.index(this.watched[index], index);
  }

  private index(record: WatchedParcel, index: number): void {
    if (record.watch.orderKey !== null) this.byKey.set(record.watch.orderKey, index);
    this.byParcelId.set(record.placed.parcelId, index);
    if (!record.active) return;
    if (record.slot >= this.watchedAt.length) {
      const grown = new Int32Array(Math.max(1024, 2 * (record.slot + 1)));
      grown.set(this.watchedAt);
      this.watchedAt = grown;
    }
    this.watchedAt[record.slot] = index + 1;
    this.activeCount++;
  }

  /** Starts watching a parcel (its slot is live). */
  watch(record: WatchedParcel): void {
    this.watched.push(record);
    this.index(record, this.watched.length - 1);
  }

  watchesAny(): boolean {
    return this.activeCount > 0;
  }

  isWatched(slot: number): boolean {
    return slot < this.watchedAt.length && this.watchedAt[slot] !== 0;
  }

  record(slot: number, fact: JourneyFact): void {
    if (!this.isWatched(slot)) return;
    const record = this.watched[this.watchedAt[slot] - 1];
    record.watch.facts.push(fact);
    if (fact.kind === 'delivered') {
      // At the door: its slot is freed and may hold another parcel from the next order on.
      record.watch.deliveredS = fact.timeS;
      record.active = false;
      this.watchedAt[slot] = 0;
      this.activeCount--;
    }
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

  /**
   * After a rebuild: every order and every fact names the new facilities (nearest of the same
   * kind, as its parcel moved); a parcel still on its way gets its path on the new network.
   */
  remapFacilities(move: NetworkMove): void {
    const { map, historyMap, newModel } = move;
    const to = (id: number) => (id >= 0 ? map[id] : id);
    // What happened stays where it happened when the facilities keep their ids (an edit).
    const past = (id: number) => (id >= 0 ? historyMap[id] : id);
    for (const record of this.watched) {
      const { placed, watch } = record;
      placed.originFc = to(placed.originFc);
      placed.stationId = to(placed.stationId);
      record.path = record.active
        ? getParcelPath(newModel, placed.originFc, placed.stationId)
        : record.path.map(past);
      watch.originUtcOffsetH = newModel.facilityOffsetH[placed.originFc];
      watch.stationRegion = newModel.facilityRegion[placed.stationId];
      for (const fact of watch.facts) {
        if (fact.kind === 'queueJoined') fact.facility = past(fact.facility);
        else if (fact.kind === 'truckBoarded') {
          fact.fromFacility = past(fact.fromFacility);
          fact.toFacility = past(fact.toFacility);
        } else if (fact.kind === 'handedOff' && fact.handoffTruck)
          fact.handoffTruck.hubFacility = past(fact.handoffTruck.hubFacility);
      }
    }
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

/** What placing an order reads, and the state it may change (a new parcel, its journal, the due ledger, KPIs). */
export interface PlaceOrderContext {
  readonly model: NetworkModel;
  readonly params: Params;
  readonly seed: number;
  /** The storefront: the promise an order's path can keep (deliveryPromises.ts). */
  readonly promises: Pick<DeliveryPromises, 'offerPromise'>;
  readonly state: {
    readonly timeS: number;
    readonly parcels: ParcelStore;
    readonly queues: QueueSet;
    readonly kpis: KpiRecorder;
    readonly journal: PlacedOrders;
    readonly lastMile: Pick<LastMileState, 'due' | 'carrier' | 'reason'>;
  };
}

/**
 * Places an order at the model's current time: it joins its FC's pick queue now, like any
 * order (placeOrders, orders.ts), and is watched to the door. With an `orderKey`, placing the
 * same key again returns the first result and changes nothing (the worker re-places orders when
 * it replays); the same key with another spec is an error.
 */
export function placeOrder(context: PlaceOrderContext, spec: OrderSpec, orderKey?: string): PlacedOrder {
  const requested = validateOrderSpec(spec);
  const { model, params, state, seed } = context;
  const placedOrders = state.journal;
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
  const draw = hashUniform(seed ^ SOURCING_HIT_SALT, station, orderedS);
  const pick = hashUniform(seed ^ SOURCING_PICK_SALT, station, orderedS);
  const originFc = chooseSourcingFc(model, station, draw, pick, params.forecastAccuracy);
  const { queues, kpis } = state;
  if (model.facilityRegion[originFc] === model.facilityRegion[station])
    kpis.cumulative[K.sourcedInRegion] += 1;
  kpis.cumulative[K.ordered] += 1;

  const stationFacility = facilities[station];
  const eastKm = (spec.lon - stationFacility.lon) / lonDegPerKm(stationFacility.lat);
  const northKm = (spec.lat - stationFacility.lat) / LAT_DEG_PER_KM;
  // The buyer asks for a speed; the storefront promises the fastest at or after it that the
  // order's path can keep, as for every order (orders.ts): a same-day ask at night, or from an
  // FC a day's drive away, is promised a later day, not promised and then missed.
  // Within MAX_ADDRESS_KM, so well inside the Int16 range of 10 m units.
  const east10m = Math.round(eastKm * 100);
  const north10m = Math.round(northKm * 100);
  const inside = isInsideServiceArea(model, station, east10m, north10m);
  const promise = context.promises.offerPromise(params, orderedS, originFc, station, inside, requested);

  const slot = state.parcels.allocate(getParcelZoneKey(model, station));
  clearLastMileChoice(state.lastMile, slot);
  const c = state.parcels.columns;
  c.stage[slot] = STAGE_AWAITING_PICK;
  c.promise[slot] = promise;
  c.originFc[slot] = originFc;
  c.destinationStation[slot] = station;
  c.weight10g[slot] = Math.round(spec.weightKg * 100);
  c.destinationOffset[slot * 2] = east10m;
  c.destinationOffset[slot * 2 + 1] = north10m;
  c.orderedS[slot] = orderedS;
  state.lastMile.due.recordOrder(
    getPromiseDeadlineS(c.orderedS[slot], promise, model.facilityOffsetH[station]),
    promise,
  );
  // Same-day orders are picked first: the parcels ahead of it are those of its own class and above.
  const parcelsAhead =
    queues.count[getQueueId(originFc, QUEUE_PICK_SAME_DAY)] +
    (promise === 0 ? 0 : queues.count[getQueueId(originFc, QUEUE_PICK)]);
  queues.push(c.next, getPickQueueId(originFc, promise), slot);

  return startWatching(context, slot, spec, orderKey ?? null, parcelsAhead);
}

/**
 * Starts watching a parcel the demand model has ordered (placeOrders, orders.ts) and that still
 * waits in its FC's pick queue, so that a sample of real orders can be explained as a placed one
 * is. Its journal starts at the pick queue with the parcels ahead of it counted at the end of the
 * step it was ordered in (orders of that step placed after it count too). Draws nothing, changes
 * nothing the model computes.
 */
export function watchOrderedParcel(context: PlaceOrderContext, slot: number): PlacedOrder {
  const { model, state } = context;
  const c = state.parcels.columns;
  if (c.stage[slot] !== STAGE_AWAITING_PICK || state.journal.isWatched(slot))
    throw new Error(`parcel slot ${slot} is not an unwatched order waiting to be picked`);
  const station = c.destinationStation[slot];
  const originFc = c.originFc[slot];
  const promise = c.promise[slot];
  const stationFacility = model.network.facilities[station];
  const { queues } = state;
  const parcelsAhead =
    queues.count[getQueueId(originFc, QUEUE_PICK_SAME_DAY)] +
    (promise === 0 ? 0 : queues.count[getQueueId(originFc, QUEUE_PICK)]) -
    1;
  const spec: OrderSpec = {
    lon: stationFacility.lon + (c.destinationOffset[slot * 2] / 100) * lonDegPerKm(stationFacility.lat),
    lat: stationFacility.lat + (c.destinationOffset[slot * 2 + 1] / 100) * LAT_DEG_PER_KM,
    weightKg: c.weight10g[slot] / 100,
    promise: PROMISE_CLASSES[promise],
  };
  return startWatching(context, slot, spec, null, parcelsAhead);
}

/** Watches the parcel in `slot` (in its FC's pick queue since its order time) to the door. */
function startWatching(
  context: PlaceOrderContext,
  slot: number,
  spec: OrderSpec,
  orderKey: string | null,
  parcelsAhead: number,
): PlacedOrder {
  const { model, state } = context;
  const placedOrders = state.journal;
  const c = state.parcels.columns;
  const station = c.destinationStation[slot];
  const originFc = c.originFc[slot];
  const promise = c.promise[slot];
  const orderedS = c.orderedS[slot];
  const stationFacility = model.network.facilities[station];
  const placed: PlacedOrder = {
    parcelId: state.parcels.getParcelId(slot),
    stationId: station,
    originFc,
    orderedS,
    promise: PROMISE_CLASSES[promise],
    promiseDeadlineS: getPromiseDeadlineS(orderedS, promise, model.facilityOffsetH[station]),
  };
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
    active: true,
    watch: {
      orderKey,
      originUtcOffsetH: model.facilityOffsetH[originFc],
      stationRegion: model.facilityRegion[station],
      tracedAtS: orderedS,
      deliveredS: null,
      facts: [],
    },
  };
  placedOrders.watch(record);
  placedOrders.record(slot, {
    kind: 'queueJoined',
    queue: 'pick',
    timeS: orderedS,
    facility: originFc,
    parcelsAhead,
  });
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
