/**
 * The model's step: (state, parameters, seeded streams, dt) -> next state.
 *
 * A step [t0, t1) runs, in this order, so that a parcel moves at most one stage per step and its
 * timestamps never go back:
 *   1. delivery stations: dispatch-wave hand-off of ready parcels, then sorting;
 *   2. sortation centers: sorting into trailers per station, scheduled departures;
 *   3. fulfillment centers (downstream first): SLAM + sort to trailers, pack, pick; scheduled
 *      departures (the carrier cut-offs);
 *   4. trailers that waited for a dock door and leave by t1 depart; trucks arriving by t1 unload
 *      (events in arrival order);
 *   5. new orders placed in [t0, t1) join their FC's pick queue;
 *   6. weather every 6 h and the hourly metrics.
 * Parcels processed in a step get evenly spread timestamps inside it; per-step capacities are
 * rounded by shared random numbers (stepCapacity.ts). Each stage sees the engine through the
 * narrow context its module declares (what it reads and what it may change); the run state
 * itself is declared in runState.ts.
 */
import { DEFAULT_DISPATCH_RULES, type DispatchRules } from './lastMile/dispatchRules';
import { LastMile } from './lastMile/lastMile';
import { buildDemandZones, type DemandZone } from './demand';
import { DeliveryPromises } from './deliveryPromises';
import { KPI_INDEX as K } from './kpis';
import {
  EVENT_PICKED,
  STAGE_AWAITING_PICK,
  STAGE_FREE,
  STAGE_OUT_FOR_DELIVERY,
  STAGE_WITH_CARRIER,
} from './kinds';
import type { NetworkModel } from './network';
import type { Params } from './params';
import { clearEventTime } from './parcels';
import {
  getTrailerCapacity,
  getTrailerParcelStage,
  LEG_FC_TO_SORT_CENTER,
  LEG_SORT_CENTER_TO_STATION,
  LEG_SORT_CENTER_TRANSFER,
} from './trailers';
import { RoutePlanner } from './trips';
import { runStations } from './deliveryStations';
import { runSortCenters } from './sortationCenters';
import { getPackBufferCapacity, runFulfillmentCenters } from './fulfillmentCenters';
import { DepartureMarks, departLane, releaseDoorDepartures, unloadArrivals } from './lineHaul';
import { placeOrders } from './orders';
import { reportLongWorkProgress } from './longWork';
import { recordQueueJoined } from './parcelJournal';
import type { RunState } from './runState';
import {
  FACILITY_QUEUES,
  getQueueLayout,
  getQueueStages,
  QUEUE_PACK,
  QUEUE_PICK,
  QUEUE_PICK_SAME_DAY,
  QUEUE_READY,
  QUEUE_SORT,
  type QueueLayout,
  getQueueId,
} from './queueLayout';

export const WEATHER_PERIOD_S = 6 * 3600;

export class Engine {
  readonly layout: QueueLayout;
  /** Per queue id: the stage of the parcels waiting in it (getQueueStages). */
  readonly queueStages: Uint8Array;
  readonly zones: DemandZone[];
  readonly routes: RoutePlanner;
  /** Per sortation-center facility id: indices of the stations it serves. */
  readonly scStations: Int32Array[];
  /** The last mile: dispatch waves at the stations, vehicles to the door (lastMile/). */
  readonly lastMile: LastMile;
  /** The storefront's delivery promises: the fastest promise an order's path can keep. */
  readonly promises: DeliveryPromises;
  /** A trip's vertices before they go to the trip buffer: routes have <= ~160 vertices, x3 for stops. */
  readonly positionScratch = new Float32Array(2048 * 2);
  readonly offsetScratch = new Float32Array(2048);
  /** Trailers that left in the current stage; the stage marks their parcels before it ends. */
  readonly departures = new DepartureMarks();
  /** Speed factor 1 in every region: a drive as planned, without the day's weather. */
  readonly fairWeather: Float32Array;

  constructor(
    readonly model: NetworkModel,
    public params: Params,
    readonly seed: number,
    readonly state: RunState,
    /** Which dispatch wave offers a vehicle to which parcel (dispatchRules.ts). */
    readonly dispatchRules: DispatchRules = DEFAULT_DISPATCH_RULES,
  ) {
    this.layout = getQueueLayout(model);
    this.queueStages = getQueueStages(model, this.layout);
    // The last mile's flow counters live in the KPI row, so they get hourly series for free.
    state.lastMile.metrics.flows = state.kpis.cumulative;
    state.lastMile.metrics.base = K.assignedVan;
    this.lastMile = new LastMile(
      model,
      seed,
      (id) => getQueueId(id, QUEUE_READY),
      state.lastMile,
      dispatchRules,
    );
    this.zones = buildDemandZones(model);
    this.routes = new RoutePlanner(model);
    this.promises = new DeliveryPromises(model);
    this.fairWeather = new Float32Array(model.regionCount).fill(1);
    const facilities = model.network.facilities;
    this.scStations = facilities.map(() => new Int32Array(0));
    const children: number[][] = facilities.map(() => []);
    model.stationIds.forEach((id, index) => {
      children[model.stationParentSortCenter[id]].push(index);
    });
    children.forEach((list, id) => {
      this.scStations[id] = Int32Array.from(list);
    });
  }

  /** Runs whole steps until the next one would end after `targetS`. */
  advanceTo(targetS: number): void {
    const stepS = this.params.stepS;
    while (this.state.timeS + stepS <= targetS + 1e-9) {
      this.step(this.state.timeS, this.state.timeS + stepS);
      reportLongWorkProgress();
    }
  }

  step(t0: number, t1: number): void {
    const state = this.state;
    while (state.nextWeatherS <= t0) {
      this.updateWeather();
      state.nextWeatherS += WEATHER_PERIOD_S;
    }
    const dt = t1 - t0;
    runStations(this, t0, t1, dt);
    runSortCenters(this, t0, t1, dt);
    runFulfillmentCenters(this, t0, t1, dt);
    releaseDoorDepartures(this, t1);
    unloadArrivals(this, t1);
    placeOrders(this, t0, dt);
    this.lastMile.deliverDue(t1, state);
    state.timeS = t1;
    while (state.nextHourS <= t1) {
      this.writeLevels();
      state.lastMile.due.closeHour(state.nextHourS / 3600 - 1, state.kpis.cumulative, K.dueParcels);
      state.kpis.closeHour(state.previousHourClose);
      state.nextHourS += 3600;
    }
  }

  /**
   * After a parameter change or a rebuild: a pack buffer over its (new) capacity re-stows its
   * oldest totes (they wait to be picked again), and a lane holding a trailer's worth or more
   * sends full trailers at once.
   */
  enforceCapacities(nowS: number): void {
    const { model, state, layout } = this;
    const { queues } = state;
    const c = state.parcels.columns;
    const packBuffer = getPackBufferCapacity(this.params);
    const fcList = model.fulfillmentCenterIds;
    for (let i = 0; i < fcList.length; i++) {
      const fc = fcList[i];
      const packQueue = getQueueId(fc, QUEUE_PACK);
      while (queues.count[packQueue] > packBuffer) {
        const slot = queues.shift(c.next, packQueue);
        c.stage[slot] = STAGE_AWAITING_PICK;
        clearEventTime(c, slot, EVENT_PICKED);
        const pickQueue = getQueueId(fc, QUEUE_PICK);
        queues.push(c.next, pickQueue, slot);
        const ahead = queues.count[pickQueue] - 1 + queues.count[getQueueId(fc, QUEUE_PICK_SAME_DAY)];
        recordQueueJoined(state.journal, slot, 'pick', nowS, fc, ahead);
      }
    }
    const capacity = getTrailerCapacity(this.params);
    for (let lane = layout.fcLaneBase; lane < layout.size; lane++) {
      while (queues.count[lane] >= capacity) {
        let origin: number;
        let destination: number;
        let leg: number;
        if (lane < layout.scLaneBase) {
          const index = lane - layout.fcLaneBase;
          origin = model.fulfillmentCenterIds[Math.floor(index / layout.scCount)];
          destination = model.sortationCenterIds[index % layout.scCount];
          leg = LEG_FC_TO_SORT_CENTER;
        } else if (lane < layout.transferLaneBase) {
          destination = model.stationIds[lane - layout.scLaneBase];
          origin = model.stationParentSortCenter[destination];
          leg = LEG_SORT_CENTER_TO_STATION;
        } else {
          const index = lane - layout.transferLaneBase;
          origin = model.sortationCenterIds[Math.floor(index / layout.scCount)];
          destination = model.sortationCenterIds[index % layout.scCount];
          leg = LEG_SORT_CENTER_TRANSFER;
        }
        departLane(this, lane, origin, destination, leg, nowS);
      }
    }
    this.departures.markAll(c, state.trailers);
  }

  updateWeather(): void {
    const { params, state } = this;
    const { weather } = state.streams;
    const startChance = params.stormChancePerDay / 4;
    for (let region = 0; region < state.regionStorm.length; region++) {
      const u = weather.nextFloat();
      if (state.regionStorm[region]) state.regionStorm[region] = u < 0.5 ? 0 : 1;
      else state.regionStorm[region] = u < startChance ? 1 : 0;
      state.regionSpeedFactor[region] = state.regionStorm[region] ? params.stormSpeedFactor : 1;
    }
  }

  /**
   * Live parcels per stage (index = PARCEL_STAGES), from queue and trailer counts: O(queues),
   * whatever the volume. checkInvariants confirms each parcel's stage matches where it sits.
   */
  countParcelsByStage(): Float64Array {
    const { state, layout, queueStages } = this;
    const { queues, trailers } = state;
    const counts = new Float64Array(STAGE_WITH_CARRIER + 1);
    for (let q = 0; q < layout.size; q++) counts[queueStages[q]] += queues.count[q];
    // Queues of no stage hold nothing (checkEngineInvariants), and a free slot is no parcel.
    counts[STAGE_FREE] = 0;
    for (let h = 0; h < trailers.heapSize; h++) {
      const trailer = trailers.heap[h];
      counts[getTrailerParcelStage(trailers.columns, trailer)] += trailers.columns.count[trailer];
    }
    // Parcels on their way to the door: a van or Flex car, or a partner carrier.
    const withCarrier = state.lastMile.readWithCarrierOnTheirWay(state.parcels.columns.stage);
    counts[STAGE_WITH_CARRIER] += withCarrier;
    counts[STAGE_OUT_FOR_DELIVERY] += state.lastMile.heap.size - withCarrier;
    return counts;
  }

  /** Writes the level KPIs (backlogs, parcels on the road) into the cumulative row. */
  writeLevels(): void {
    const { model, state } = this;
    const { queues, kpis } = state;
    const cumulative = kpis.cumulative;
    let fcBacklog = 0;
    let scBacklog = 0;
    let stationBacklog = 0;
    const stationIds = model.fulfillmentCenterIds;
    for (let i = 0; i < stationIds.length; i++) {
      const id = stationIds[i];
      for (let slot = 0; slot < FACILITY_QUEUES; slot++) fcBacklog += queues.count[getQueueId(id, slot)];
    }
    for (let lane = this.layout.fcLaneBase; lane < this.layout.scLaneBase; lane++)
      fcBacklog += queues.count[lane];
    for (const id of model.sortationCenterIds) scBacklog += queues.count[getQueueId(id, QUEUE_SORT)];
    for (let lane = this.layout.scLaneBase; lane < this.layout.size; lane++) scBacklog += queues.count[lane];
    for (const id of model.stationIds)
      stationBacklog += queues.count[getQueueId(id, QUEUE_SORT)] + queues.count[getQueueId(id, QUEUE_READY)];
    let onTheRoad = 0;
    const trailers = state.trailers;
    for (let h = 0; h < trailers.heapSize; h++) onTheRoad += trailers.columns.count[trailers.heap[h]];
    // Trailers still loading at a door (every door was busy) hold their facility's backlog.
    for (let i = 0; i < trailers.atDoorCount; i++) {
      const trailer = trailers.atDoor[i];
      const count = trailers.columns.count[trailer];
      onTheRoad -= count;
      if (trailers.columns.leg[trailer] === LEG_FC_TO_SORT_CENTER) fcBacklog += count;
      else scBacklog += count;
    }
    cumulative[K.liveParcels] = state.parcels.live;
    cumulative[K.backlogAtFcs] = fcBacklog;
    cumulative[K.backlogAtSortCenters] = scBacklog;
    cumulative[K.backlogAtStations] = stationBacklog;
    cumulative[K.onTheRoad] = onTheRoad;
    cumulative[K.trailersOnTheRoad] = trailers.heapSize - trailers.atDoorCount;
    cumulative[K.onTheirWayToTheDoor] = state.lastMile.heap.size;
  }
}
