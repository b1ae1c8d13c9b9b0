/**
 * The public face of the model: create, advance, read, change parameters, snapshot, restore.
 * Pure TypeScript: runs unchanged in Node (CLI, tests, benchmarks) and in the worker.
 *
 * Hand-off to the last mile ("parcels ready at station S at time t"): a parcel sorted at its
 * delivery station enters stage `readyAtStation` with its `readyAtStation` event time, in the
 * station's ready queue (oldest first; read them with `readReadyParcels`). The last mile
 * (lastMile/) takes that queue at each dispatch wave, gives every parcel a carrier (counted as
 * `handedToLastMile`), and the parcel leaves the model at its door (`delivered`).
 */
import { Engine } from './engine';
import {
  createRunState,
  getRunStateSnapshotBytes,
  loadRunState,
  moveRunStateToNetwork,
  type RunState,
  type RunStateSnapshot,
  saveRunState,
} from './runState';
import {
  QUEUE_PACK,
  QUEUE_PICK,
  QUEUE_PICK_SAME_DAY,
  QUEUE_READY,
  QUEUE_SLAM,
  QUEUE_SORT,
  getQueueId,
} from './queueLayout';
import { LAT_DEG_PER_KM, lonDegPerKm } from './geo';
import { getDueOnTime, type Kpis } from './kpis';
import {
  CARRIER_HUB,
  DELIVERY_STATION,
  FULFILLMENT_CENTER,
  PARCEL_EVENTS,
  PARCEL_STAGES,
  PROMISE_CLASSES,
  type ParcelEvent,
  type ParcelStage,
  type PromiseClass,
  SORTATION_CENTER,
  STAGE_AWAITING_PICK,
  STAGE_FREE,
} from './kinds';
import { buildNetwork, getFcRobots, type Network, type NetworkModel, type PlaceNamer } from './network';
import { findNearestTown } from './townPlaces';
import { getEditsInForceKey, getNextEditChangeS } from './networkEdits';
import { type Params, REBUILD_KEYS, validateParams } from './params';
import { NO_PARCEL, ParcelStore, readEventTime } from './parcels';
import { checkEngineInvariants } from './invariants';
import { getPromiseDeadlineS } from './schedules';
import { getTrailerCapacity } from './trailers';
import type { CarrierName, ChoiceReason } from './lastMile/carrierChoice';
import { describeLastMileChoice } from './lastMile/lastMileState';
import { getLastMileKpis } from './lastMile/lastMileKpis';
import {
  getParcelPath,
  type OrderSpec,
  type ParcelWatch,
  type PlacedOrder,
  placeOrder,
  type WatchedParcel,
  watchOrderedParcel,
} from './placedOrders';
import { hashUniform } from './rng';
import { countHeldBytes } from './typedArrays';
import { FACILITY_DELIVERY_COLUMNS, type FacilityDeliveryColumn } from './lastMile/facilityDeliveries';
import type { LonLatBounds, TripBatch } from './trips';
import type { HandedOff, JournalQueue } from './parcelJournal';
import type { DispatchRules } from './lastMile/dispatchRules';

export { FACILITY_KINDS, PARCEL_STAGES, PROMISE_CLASSES, VEHICLE_KINDS } from './kinds';
export type { DueOnTime, Kpis, KpiName } from './kpis';
export { KPI_NAMES } from './kpis';
export type { Facility, Network } from './network';
export type { Params } from './params';
export type { LonLatBounds, TripBatch } from './trips';
export { boxMeetsBounds, EVERYWHERE } from './trips';
export type { OrderSpec, ParcelWatch, PlacedOrder } from './placedOrders';
// The journal's facts, for the page to word (journey.ts folds them into causes).
export type * from './parcelJournal';
export { MAX_ORDER_WEIGHT_KG, MIN_ORDER_WEIGHT_KG } from './demand';
export { MAX_ADDRESS_KM } from './placedOrders';
export {
  FACILITY_DELIVERY_COLUMNS,
  type FacilityDeliveryColumn,
  getFacilityDeliveryKpis,
  sumFacilityDeliveries,
} from './lastMile/facilityDeliveries';
export type { DeliveryKpis } from './lastMile/lastMileKpis';

/** A run's added facilities are named after the town they stand in (townPlaces.ts). */
const nameAfterTown: PlaceNamer = (lon, lat) => findNearestTown(lon, lat)?.name ?? null;

/** Per-facility state, indexed by facility id; views valid until the next advance. */
export interface FacilityState {
  timeS: number;
  /** Parcels waiting at the facility: FC pick + pack + SLAM queues and loading trailers; sortation center sort queue and loading trailers; station sort queue and ready parcels. Modelled parcels. */
  backlogParcels: Float32Array;
  /** Parcels processed per hour (FC packed, sortation center sorted, station sorted), 1 h average. */
  throughputPerHour: Float32Array;
  /** Drive units busy feeding pick stations, and the FC's total (real robots, not scaled). */
  robotsBusy: Float32Array;
  robotsTotal: Float32Array;
  pickQueue: Float32Array;
  packQueue: Float32Array;
  /** Outbound trailers loading at the docks (lanes holding parcels). */
  trailersAtDock: Float32Array;
  /** Mean fill (0-1) of the trailers loading at the docks. */
  trailerFill: Float32Array;
  /** Dock doors (dockDoors.ts): each loads or unloads one trailer at a time; 0 for a carrier hub. */
  dockDoors: Float32Array;
  /** Speed multiplier of the facility's region (1 fair weather, lower in a storm). */
  weatherSpeedFactor: Float32Array;
}

/** One stage-event of a parcel's journey. */
export interface ParcelTraceEvent {
  event: ParcelEvent;
  timeS: number;
}

export interface ParcelTrace {
  parcelId: number;
  stage: ParcelStage;
  promise: PromiseClass;
  promiseDeadlineS: number;
  originFacility: number;
  destinationStation: number;
  weightKg: number;
  /** The delivery address. */
  destinationLon: number;
  destinationLat: number;
  /** Events reached so far, in journey order (a parcel crossing several sortation centers keeps its latest visit). */
  events: ParcelTraceEvent[];
  /** Facility ids of its planned path: origin FC, the sortation centers it crosses, its station. */
  path: number[];
  /** Who takes it to the door and why (carrierChoice), once a dispatch wave decided; else null. */
  lastMile: { carrier: CarrierName; reason: ChoiceReason } | null;
  /**
   * For a parcel placed with placeOrder (watched): its journal, the facts the stages recorded
   * (queues joined, trucks boarded, waves that left it behind and why, the hand-off, the door).
   * Absent for other parcels. A watched parcel's trace outlives its delivery: `stage` then
   * stays at its last stage ('outForDelivery' or 'withCarrier') and `watch.deliveredS` is set.
   */
  watch?: ParcelWatch;
}

/** 6: Flex blocks no driver was left for (two last-mile counters more); 5: the delivery heap's near part and horizon; 4: never-taken parcel slots left out; 3: parcel columns packed to the live slots (2: one entry per piece of run state; 1 grouped and renamed some of them). */
export const SIM_SNAPSHOT_VERSION = 6;

/**
 * Structured-cloneable: plain objects and typed arrays, including the PRNG states. The run
 * state's part is one entry per piece of RUN_STATE (runState.ts).
 */
export type SimSnapshot = {
  version: typeof SIM_SNAPSHOT_VERSION;
  params: Params;
  seed: number;
} & RunStateSnapshot;

export interface Simulation {
  readonly network: Network;
  readonly params: Params;
  readonly seed: number;
  /** Sim seconds since scenario start (day 1, 00:00 US Eastern); always a whole number of steps. */
  readonly timeS: number;
  /** Runs every whole step that ends at or before `timeS`; chunking never changes the result. */
  advanceTo(timeS: number): void;
  /** Validates and applies a change at the next step; throws listing every bad parameter. */
  setParams(partial: Partial<Params>): { rebuilt: boolean };
  /** New vehicle trips since the last drain. */
  drainTrips(): TripBatch;
  /**
   * Where last-mile trips dispatched from now on keep their street-level vertices (trips whose
   * path meets `bounds`; null: nowhere; EVERYWHERE, the default). Elsewhere a trip is drawn stop
   * to stop (TripBatch.streetGridStation). Changes what trips look like, never what the model
   * computes; not run state (a restored run draws everywhere until told).
   */
  setStreetDetailBounds(bounds: LonLatBounds | null): void;
  /**
   * `flush` is called mid-step, between two trips, whenever the undrained trips exceed
   * `maxVertices` vertices or `maxStops` door stops (TripBuffer.setFlush); null: never.
   */
  setTripFlush(flush: (() => void) | null, maxVertices: number, maxStops: number): void;
  readFacilityState(): FacilityState;
  getKpis(): Kpis;
  /**
   * Live parcels per stage now (index = PARCEL_STAGES), from queue and truck counts: what
   * getKpis().inStage holds, without building the rest of the KPIs (queueing checks sample it
   * every step).
   */
  readParcelsByStage(): Float64Array;
  snapshot(): SimSnapshot;
  /**
   * Bytes of the typed arrays snapshot() would hold (nearly all of it), counted without taking
   * it: a full-scale snapshot is ~1 GB, which the worker does not copy only to drop.
   */
  getSnapshotBytes(): number;
  /**
   * Bytes of the array buffers the run state holds now (countHeldBytes): the model's memory but
   * for its network and a few objects (the worker weighs it against its budget).
   */
  getHeldBytes(): number;
  /**
   * Places an order at `timeS` (the next step picks it up like any order) and watches it to the
   * door. The station is the nearest to the address (an address over MAX_ADDRESS_KM from every
   * station is refused); the FC comes from the sourcing plan without drawing from the shared
   * streams, so every other order is placed as without it. With `orderKey`, a repeat of the key
   * returns the first result and changes nothing. Throws naming a bad value.
   */
  placeOrder(order: OrderSpec, orderKey?: string): PlacedOrder;
  /**
   * Starts watching a share (0 to 1) of the orders the demand model placed since `sinceS` that
   * still wait to be picked, chosen by a hash of seed and parcel (no stream draws), so their
   * journeys can be explained like a placed order's (`npm run why-late`). Returns their parcel
   * ids. Watching changes nothing the model computes.
   */
  watchOrdersSince(sinceS: number, share: number): number[];
  /**
   * The journey so far of a live parcel, or null once it has left the model (or never existed);
   * a parcel placed with placeOrder is traced after the door too, with `watch` filled in.
   */
  traceParcel(parcelId: number): ParcelTrace | null;
  /** Ids of parcels ready at a delivery station, oldest first (the last-mile hand-off). */
  readReadyParcels(stationId: number): number[];
  /** Ids of some live parcels (for "follow a parcel"), at most `limit`, in slot order. */
  listLiveParcels(limit: number): number[];
  /** Memory held for parcels (the struct-of-arrays columns), for benchmarks and the debug panel. */
  readMemoryUse(): {
    liveParcels: number;
    parcelSlots: number;
    parcelColumnBytes: number;
    bytesPerSlot: number;
  };
  /**
   * The last mile's cumulative delivery figures per facility: `values` is
   * facilities x `columns` (FACILITY_DELIVERY_COLUMNS), row-major, by facility id. A view, not
   * a copy: valid until the next advance or setParams; copy it before transferring it to
   * another thread. getFacilityDeliveryKpis turns a row into rates.
   */
  readFacilityDeliveries(): { columns: readonly FacilityDeliveryColumn[]; values: Float64Array };
  /** Broken invariants, in words; empty when all hold. Walks every queue: for tests. */
  checkInvariants(): string[];
}

/** How a run is built beyond its parameters and seed. */
export interface SimulationOptions {
  /** Replaces the dispatch waves' rules (tests and experiments; default DEFAULT_DISPATCH_RULES). */
  dispatchRules?: DispatchRules;
}

/** Keys the sample of watched orders (watchOrdersSince) apart from the model's other hashes. */
const WATCH_SAMPLE_SALT = 0x77617463;

class ModelSimulation implements Simulation {
  private engine: Engine;
  private facilityState: FacilityState;
  /** Which network edits were in force when the network was last built (getEditsInForceKey). */
  private editsInForceKey: string;

  constructor(
    model: NetworkModel,
    params: Params,
    seed: number,
    state: RunState,
    private readonly options: SimulationOptions = {},
  ) {
    this.engine = new Engine(model, params, seed, state, options.dispatchRules);
    this.facilityState = allocateFacilityState(model.network.facilities.length);
    this.editsInForceKey = getEditsInForceKey(model.edits, state.timeS);
  }

  get network(): Network {
    return this.engine.model.network;
  }
  get params(): Params {
    return this.engine.params;
  }
  get seed(): number {
    return this.engine.seed;
  }
  get timeS(): number {
    return this.engine.state.timeS;
  }

  /**
   * Runs to `timeS`, stopping at each step boundary where the network edits change what is in
   * force (the first boundary at or after an edit's time) to rebuild the network there, so the
   * result does not depend on how the run is chunked.
   */
  advanceTo(timeS: number): void {
    this.syncNetworkEdits();
    while (this.timeS + this.engine.params.stepS <= timeS + 1e-9) {
      const nextChangeS = getNextEditChangeS(this.engine.model.edits, this.timeS);
      if (nextChangeS > timeS) break;
      // Whole steps up to the change, or the one step that crosses it when it is off the grid.
      this.engine.advanceTo(Math.min(timeS, Math.max(nextChangeS, this.timeS + this.engine.params.stepS)));
      this.syncNetworkEdits();
    }
    this.engine.advanceTo(timeS);
    this.syncNetworkEdits();
  }

  /** Rebuilds onto the network in force now when the edits' state changed since the last build. */
  private syncNetworkEdits(): void {
    const { model, state, params } = this.engine;
    if (model.edits.length === 0) return;
    if (getEditsInForceKey(model.edits, state.timeS) === this.editsInForceKey) return;
    this.moveToNetwork(buildNetwork(params, state.timeS, nameAfterTown), params);
  }

  private moveToNetwork(newModel: NetworkModel, params: Params): void {
    moveRunStateToNetwork(this.engine.state, this.engine.model, newModel);
    this.engine = new Engine(
      newModel,
      params,
      this.engine.seed,
      this.engine.state,
      this.options.dispatchRules,
    );
    this.facilityState = allocateFacilityState(newModel.network.facilities.length);
    this.editsInForceKey = getEditsInForceKey(newModel.edits, this.engine.state.timeS);
    this.engine.enforceCapacities(this.engine.state.timeS);
  }

  setParams(partial: Partial<Params>): { rebuilt: boolean } {
    const { params, errors } = validateParams(partial as Record<string, unknown>, this.engine.params);
    if (errors.length > 0) throw new Error(`Invalid parameters: ${errors.join('; ')}`);
    const rebuilt = REBUILD_KEYS.some((key) => params[key] !== this.engine.params[key]);
    if (rebuilt) {
      // Built first: an edit the model cannot honour throws here and the run stays as it was.
      this.moveToNetwork(buildNetwork(params, this.engine.state.timeS, nameAfterTown), params);
    } else {
      this.engine.params = params;
      this.engine.enforceCapacities(this.engine.state.timeS);
    }
    return { rebuilt };
  }

  drainTrips(): TripBatch {
    return this.engine.state.trips.drain(this.timeS);
  }

  setStreetDetailBounds(bounds: LonLatBounds | null): void {
    this.engine.state.trips.streetDetailBounds = bounds;
  }

  setTripFlush(flush: (() => void) | null, maxVertices: number, maxStops: number): void {
    this.engine.state.trips.setFlush(flush, maxVertices, maxStops);
  }

  readFacilityState(): FacilityState {
    const { model, state, layout, params } = this.engine;
    const out = this.facilityState;
    const queues = state.queues;
    const capacity = getTrailerCapacity(params);
    out.timeS = state.timeS;
    out.throughputPerHour.set(state.throughputPerHour);
    out.robotsBusy.set(state.robotsBusy);
    // Busy robots never exceed the whole robots the FC is shown to have (robotsTotal, rounded).
    for (let id = 0; id < out.robotsBusy.length; id++)
      out.robotsBusy[id] = model.operating[id]
        ? Math.min(out.robotsBusy[id], Math.round(getFcRobots(model, params, id)))
        : 0;
    out.trailersAtDock.fill(0);
    out.trailerFill.fill(0);
    out.dockDoors.fill(0);
    out.robotsTotal.fill(0);
    out.pickQueue.fill(0);
    out.packQueue.fill(0);
    for (const facility of model.network.facilities) {
      const id = facility.id;
      out.weatherSpeedFactor[id] = state.regionSpeedFactor[model.facilityRegion[id]];
      // A facility not operating now (removed, offline, not yet open) holds nothing.
      if (!model.operating[id]) {
        out.backlogParcels[id] = 0;
        continue;
      }
      let docked = 0;
      let dockParcels = 0;
      let backlog = 0;
      if (facility.kind === FULFILLMENT_CENTER) {
        out.pickQueue[id] =
          queues.count[getQueueId(id, QUEUE_PICK)] + queues.count[getQueueId(id, QUEUE_PICK_SAME_DAY)];
        out.packQueue[id] = queues.count[getQueueId(id, QUEUE_PACK)];
        out.robotsTotal[id] = Math.round(getFcRobots(model, params, id));
        backlog = out.pickQueue[id] + out.packQueue[id] + queues.count[getQueueId(id, QUEUE_SLAM)];
        const base = layout.fcLaneBase + model.kindIndex[id] * layout.scCount;
        for (let s = 0; s < layout.scCount; s++) {
          const count = queues.count[base + s];
          if (count > 0) {
            docked++;
            dockParcels += count;
          }
        }
      } else if (facility.kind === SORTATION_CENTER) {
        backlog = queues.count[getQueueId(id, QUEUE_SORT)];
        const lanes = this.engine.scStations[id];
        const transferBase = layout.transferLaneBase + model.kindIndex[id] * layout.scCount;
        for (let i = 0; i < lanes.length + layout.scCount; i++) {
          const lane = i < lanes.length ? layout.scLaneBase + lanes[i] : transferBase + i - lanes.length;
          const count = queues.count[lane];
          if (count > 0) {
            docked++;
            dockParcels += count;
          }
        }
      } else if (facility.kind === DELIVERY_STATION) {
        backlog = queues.count[getQueueId(id, QUEUE_SORT)] + queues.count[getQueueId(id, QUEUE_READY)];
      } else if (facility.kind === CARRIER_HUB) {
        backlog = 0;
      }
      out.backlogParcels[id] = backlog + dockParcels;
      out.trailersAtDock[id] = docked;
      out.dockDoors[id] = state.dockDoors.getDoorCount(id);
      out.trailerFill[id] = docked > 0 ? dockParcels / (docked * capacity) : 0;
    }
    return out;
  }

  getKpis(): Kpis {
    const { state } = this.engine;
    this.engine.writeLevels();
    const cumulative = state.kpis.getCumulative();
    const hourly = state.kpis.getHourly();
    const inStage = Object.fromEntries(PARCEL_STAGES.map((stage) => [stage, 0])) as Record<
      ParcelStage,
      number
    >;
    const counts = this.engine.countParcelsByStage();
    PARCEL_STAGES.forEach((stage, index) => {
      inStage[stage] = index === STAGE_FREE ? 0 : counts[index];
    });
    const { model } = this.engine;
    let fcSizes = 0;
    let editedRobots = 0;
    for (const fc of model.fulfillmentCenterIds) {
      const edited = model.facilityCapacity[fc];
      if (Number.isNaN(edited)) fcSizes += model.fulfillmentCenterSize[fc];
      else editedRobots += edited;
    }
    const robotHours = ((fcSizes * this.params.robotsPerFc + editedRobots) * state.timeS) / 3600;
    return {
      timeS: state.timeS,
      hours: state.kpis.hours,
      cumulative,
      hourly,
      inStage,
      onTime: getDueOnTime(hourly, 0, state.kpis.hours),
      lastMile: getLastMileKpis(state.lastMile.metrics, this.params.scale, state.lastMile.heap.size),
      derived: {
        inRegionShare: cumulative.ordered > 0 ? cumulative.sourcedInRegion / cumulative.ordered : 0,
        meanClickToStationH:
          cumulative.readyAtStation > 0 ? cumulative.clickToStationHoursSum / cumulative.readyAtStation : 0,
        meanTrailerFill:
          cumulative.lineHaulTrips > 0 ? cumulative.trailerFillSum / cumulative.lineHaulTrips : 0,
        lineHaulCostPerParcelUsd:
          cumulative.lineHaul > 0
            ? cumulative.lineHaulCostUsd / (cumulative.lineHaul / this.params.scale)
            : 0,
        robotsBusyShare: robotHours > 0 ? cumulative.robotBusyHours / robotHours : 0,
      },
    };
  }

  snapshot(): SimSnapshot {
    const { state, params, seed } = this.engine;
    return { version: SIM_SNAPSHOT_VERSION, params: { ...params }, seed, ...saveRunState(state) };
  }

  getSnapshotBytes(): number {
    return getRunStateSnapshotBytes(this.engine.state);
  }

  getHeldBytes(): number {
    return countHeldBytes(this.engine.state);
  }

  placeOrder(order: OrderSpec, orderKey?: string): PlacedOrder {
    return placeOrder(this.engine, order, orderKey);
  }

  watchOrdersSince(sinceS: number, share: number): number[] {
    const { state, seed } = this.engine;
    const c = state.parcels.columns;
    const ids: number[] = [];
    for (let slot = 0; slot < c.capacity; slot++) {
      if (c.stage[slot] !== STAGE_AWAITING_PICK || c.orderedS[slot] < sinceS) continue;
      if (state.journal.isWatched(slot)) continue;
      if (hashUniform(seed ^ WATCH_SAMPLE_SALT, slot, c.orderedS[slot]) >= share) continue;
      ids.push(watchOrderedParcel(this.engine, slot).parcelId);
    }
    return ids;
  }

  traceParcel(parcelId: number): ParcelTrace | null {
    const { state, model } = this.engine;
    const slot = state.parcels.getSlot(parcelId);
    const watched = state.journal.getByParcelId(parcelId);
    if (slot < 0) return watched ? traceDelivered(watched, state.timeS) : null;
    const c = state.parcels.columns;
    const events: ParcelTraceEvent[] = [];
    PARCEL_EVENTS.forEach((event, index) => {
      const timeS = readEventTime(c, slot, index, state.timeS);
      if (!Number.isNaN(timeS)) events.push({ event, timeS });
    });
    const station = model.network.facilities[c.destinationStation[slot]];
    const orderedS = c.orderedS[slot];
    return {
      parcelId,
      stage: PARCEL_STAGES[c.stage[slot]],
      promise: PROMISE_CLASSES[c.promise[slot]],
      promiseDeadlineS: getPromiseDeadlineS(orderedS, c.promise[slot], model.facilityOffsetH[station.id]),
      originFacility: c.originFc[slot],
      destinationStation: station.id,
      weightKg: c.weight10g[slot] / 100,
      destinationLon: station.lon + (c.destinationOffset[slot * 2] / 100) * lonDegPerKm(station.lat),
      destinationLat: station.lat + (c.destinationOffset[slot * 2 + 1] / 100) * LAT_DEG_PER_KM,
      events,
      path: getParcelPath(model, c.originFc[slot], station.id),
      lastMile: describeLastMileChoice(state.lastMile, slot),
      ...(watched ? { watch: copyWatch(watched.watch, state.timeS) } : {}),
    };
  }

  readReadyParcels(stationId: number): number[] {
    const { state } = this.engine;
    const ids: number[] = [];
    const c = state.parcels.columns;
    for (
      let slot = state.queues.head[getQueueId(stationId, QUEUE_READY)];
      slot !== NO_PARCEL;
      slot = c.next[slot]
    ) {
      ids.push(state.parcels.getParcelId(slot));
    }
    return ids;
  }

  listLiveParcels(limit: number): number[] {
    const { parcels } = this.engine.state;
    const ids: number[] = [];
    const c = parcels.columns;
    for (let slot = 0; slot < c.capacity && ids.length < limit; slot++) {
      if (c.stage[slot] !== STAGE_FREE) ids.push(parcels.getParcelId(slot));
    }
    return ids;
  }

  readParcelsByStage(): Float64Array {
    return this.engine.countParcelsByStage();
  }

  readMemoryUse(): {
    liveParcels: number;
    parcelSlots: number;
    parcelColumnBytes: number;
    bytesPerSlot: number;
  } {
    const { parcels } = this.engine.state;
    const bytesPerSlot = ParcelStore.bytesPerSlot();
    return {
      liveParcels: parcels.live,
      parcelSlots: parcels.columns.capacity,
      parcelColumnBytes: parcels.columns.capacity * bytesPerSlot,
      bytesPerSlot,
    };
  }

  readFacilityDeliveries(): { columns: readonly FacilityDeliveryColumn[]; values: Float64Array } {
    return {
      columns: FACILITY_DELIVERY_COLUMNS,
      values: this.engine.state.lastMile.facilityDeliveries.values,
    };
  }

  checkInvariants(): string[] {
    return checkEngineInvariants(this.engine);
  }
}

/** The stage event a journal fact marks (for the trace of a parcel that has left the model). */
const EVENT_OF_QUEUE: Record<JournalQueue, ParcelEvent> = {
  pick: 'ordered',
  pack: 'picked',
  slam: 'packed',
  fcDock: 'loadedAtFc',
  sortCenterSort: 'arrivedSortCenter',
  stationSort: 'arrivedStation',
  ready: 'readyAtStation',
};

/** The trace of a watched parcel that has left the model, from its journal. */
function traceDelivered(watched: WatchedParcel, nowS: number): ParcelTrace {
  const latest = new Map<ParcelEvent, number>();
  let handedOff: HandedOff | null = null;
  for (const fact of watched.watch.facts) {
    if (fact.kind === 'queueJoined') latest.set(EVENT_OF_QUEUE[fact.queue], fact.timeS);
    else if (fact.kind === 'truckBoarded')
      latest.set(fact.leg === 'fcToSortCenter' ? 'departedFc' : 'departedSortCenter', fact.departS);
    else if (fact.kind === 'handedOff') handedOff = fact;
  }
  const events = PARCEL_EVENTS.filter((event) => latest.has(event)).map((event) => ({
    event,
    timeS: latest.get(event) as number,
  }));
  const partner = handedOff?.carrier === 'usps' || handedOff?.carrier === 'regional';
  return {
    parcelId: watched.placed.parcelId,
    stage: partner ? 'withCarrier' : 'outForDelivery',
    promise: PROMISE_CLASSES[watched.promise],
    promiseDeadlineS: watched.placed.promiseDeadlineS,
    originFacility: watched.placed.originFc,
    destinationStation: watched.placed.stationId,
    weightKg: watched.weightKg,
    destinationLon: watched.destinationLon,
    destinationLat: watched.destinationLat,
    events,
    path: watched.path.slice(),
    lastMile: handedOff ? { carrier: handedOff.carrier, reason: handedOff.reason } : null,
    watch: copyWatch(watched.watch, nowS),
  };
}

/** A copy the caller may keep: the journal goes on growing as the model runs. */
function copyWatch(watch: ParcelWatch, nowS: number): ParcelWatch {
  return { ...watch, tracedAtS: nowS, facts: structuredClone(watch.facts) };
}

function allocateFacilityState(n: number): FacilityState {
  return {
    timeS: 0,
    backlogParcels: new Float32Array(n),
    throughputPerHour: new Float32Array(n),
    robotsBusy: new Float32Array(n),
    robotsTotal: new Float32Array(n),
    pickQueue: new Float32Array(n),
    packQueue: new Float32Array(n),
    trailersAtDock: new Float32Array(n),
    trailerFill: new Float32Array(n),
    dockDoors: new Float32Array(n),
    weatherSpeedFactor: new Float32Array(n),
  };
}

export function createSimulation(params: Params, seed: number, options: SimulationOptions = {}): Simulation {
  const { params: valid, errors } = validateParams(params as unknown as Record<string, unknown>);
  if (errors.length > 0) throw new Error(`Invalid parameters: ${errors.join('; ')}`);
  const model = buildNetwork(valid, 0, nameAfterTown);
  return new ModelSimulation(
    model,
    valid,
    seed >>> 0,
    createRunState({ model, params: valid, seed: seed >>> 0 }),
    options,
  );
}

export function restoreSimulation(snapshot: SimSnapshot): Simulation {
  // Another version's columns would be read at this version's places, every figure after the
  // first that moved shifted without a word.
  if ((snapshot.version as number) !== SIM_SNAPSHOT_VERSION)
    throw new Error(
      `restoreSimulation: a snapshot of version ${snapshot.version}; this model reads version ${SIM_SNAPSHOT_VERSION}`,
    );
  const params = { ...snapshot.params };
  // The network in force at the snapshot's time: the run rebuilt at every edit before it.
  const model = buildNetwork(params, snapshot.timeS, nameAfterTown);
  return new ModelSimulation(model, params, snapshot.seed, loadRunState(snapshot, model));
}
