/**
 * The model's step: (state, parameters, seeded streams, dt) -> next state.
 *
 * A step [t0, t1) runs, in this order, so that a parcel moves at most one stage per step and its
 * timestamps never go back:
 *   1. delivery stations: dispatch-wave hand-off of ready parcels, then sorting;
 *   2. sortation centers: sorting into trailers per station, scheduled departures;
 *   3. fulfillment centers (downstream first): SLAM + sort to trailers, pack, pick; scheduled
 *      departures (the carrier cut-offs);
 *   4. trucks arriving by t1 unload (events in arrival order);
 *   5. new orders placed in [t0, t1) join their FC's pick queue;
 *   6. weather every 6 h and the hourly metrics.
 * Parcels processed in a step get evenly spread timestamps inside it.
 * Per-step capacities are rate x dt rounded by a shared random number (hashUniform of seed,
 * facility and time), so a higher rate never gives a lower count in any step: capacity effects
 * are monotone, which the directional tests rely on.
 */
import {
  buildDemandZones,
  type DemandZone,
  drawAlias,
  getCalendarMultiplier,
  getDayOfYear,
  TIME_OF_DAY_PER_MINUTE as TIME_OF_DAY,
} from './demand';
import { LAT_DEG_PER_KM, lonDegPerKm } from './geo';
import { KPI_COUNT, KPI_INDEX as K, KpiRecorder } from './kpis';
import {
  EVENT_ARRIVED_SC,
  EVENT_ARRIVED_STATION,
  EVENT_DEPARTED_FC,
  EVENT_DEPARTED_SC,
  EVENT_LOADED_AT_FC,
  EVENT_PACKED,
  EVENT_PICKED,
  EVENT_READY_AT_STATION,
  STAGE_AT_FC_DOCK,
  STAGE_AT_SC_DOCK,
  STAGE_AWAITING_PACK,
  STAGE_AWAITING_PICK,
  STAGE_AWAITING_SC_SORT,
  STAGE_AWAITING_SLAM,
  STAGE_AWAITING_STATION_SORT,
  STAGE_LINE_HAUL_TO_SC,
  STAGE_LINE_HAUL_TO_STATION,
  STAGE_READY_AT_STATION,
  VEHICLE_LINE_HAUL,
} from './kinds';
import { FAR_FC_COUNT, getNextSortCenter, NEAR_FC_COUNT, type NetworkModel } from './network';
import type { Params } from './params';
import { clearEventTime, NO_PARCEL, ParcelStore, QueueSet, readEventTime, writeEventTime } from './parcels';
import { hashUniform, type RandomStreams } from './rng';
import {
  LEG_FC_TO_SORT_CENTER,
  LEG_SORT_CENTER_TO_STATION,
  LEG_SORT_CENTER_TRANSFER,
  TrailerPool,
} from './trailers';
import { RoutePlanner, TripBuffer, writeLineHaulTrip } from './trips';

/** Queues per facility: queue id = facility id * FACILITY_QUEUES + slot. */
export const FACILITY_QUEUES = 4;
export const QUEUE_PICK = 0;
export const QUEUE_PACK = 1;
export const QUEUE_SLAM = 2;
/** Sortation centers and stations use slot 0 for arrivals waiting to be sorted. */
export const QUEUE_SORT = 0;
/** Stations: slot 1 holds parcels ready for the last mile. */
export const QUEUE_READY = 1;
/** FCs: same-day orders wait in their own pick queue and are picked before the others. */
export const QUEUE_PICK_SAME_DAY = 3;

const KM_PER_MILE = 1.609344;
const WEATHER_PERIOD_S = 6 * 3600;
/** Capacity keys for hashUniform: facility id * 8 + one of these. */
const CAP_PICK = 0;
const CAP_PACK = 1;
const CAP_SLAM = 2;
const CAP_SORT = 3;

/**
 * Queue ids for lanes (a lane = the trailer loading at a door for one destination): FC lanes
 * (FC x sortation center), then sortation-center lanes to stations (one per station, at its
 * parent), then sortation-center to sortation-center lanes (SC x SC).
 */
export interface QueueLayout {
  facilityCount: number;
  fcCount: number;
  scCount: number;
  stationCount: number;
  fcLaneBase: number;
  scLaneBase: number;
  transferLaneBase: number;
  size: number;
}

export function getQueueLayout(model: NetworkModel): QueueLayout {
  const facilityCount = model.network.facilities.length;
  const fcCount = model.fulfillmentCenterIds.length;
  const scCount = model.sortationCenterIds.length;
  const stationCount = model.stationIds.length;
  const fcLaneBase = facilityCount * FACILITY_QUEUES;
  const scLaneBase = fcLaneBase + fcCount * scCount;
  const transferLaneBase = scLaneBase + stationCount;
  return {
    facilityCount,
    fcCount,
    scCount,
    stationCount,
    fcLaneBase,
    scLaneBase,
    transferLaneBase,
    size: transferLaneBase + scCount * scCount,
  };
}

/** Everything that changes as the model runs; copied whole by snapshot(). */
export interface EngineState {
  timeS: number;
  parcels: ParcelStore;
  queues: QueueSet;
  trailers: TrailerPool;
  trips: TripBuffer;
  vehicleSerial: number;
  /** Speed multiplier per region, and 1 while a storm lasts. */
  regionSpeedFactor: Float32Array;
  regionStorm: Uint8Array;
  nextWeatherS: number;
  kpis: KpiRecorder;
  previousHourClose: Float64Array;
  nextHourS: number;
  /** Per facility id: parcels processed per hour (exponential average, 1 h time constant). */
  throughputPerHour: Float32Array;
  /** Per facility id: drive units busy (real robots), averaged over ~15 min. */
  robotsBusy: Float32Array;
  streams: RandomStreams;
}

export function createEngineState(model: NetworkModel, params: Params, streams: RandomStreams): EngineState {
  const layout = getQueueLayout(model);
  const n = layout.facilityCount;
  return {
    timeS: 0,
    // Room for ~2 days of orders from the start: the steady state of an ordinary week holds
    // ~1.7 days of volume live, so the store rarely grows after day 1.
    parcels: new ParcelStore(
      undefined,
      undefined,
      0,
      Math.max(1024, Math.ceil(2 * params.parcelsPerDay * params.scale * params.demandMultiplier)),
    ),
    queues: new QueueSet(layout.size),
    trailers: new TrailerPool(),
    trips: new TripBuffer(),
    vehicleSerial: 0,
    regionSpeedFactor: new Float32Array(model.regionCount).fill(1),
    regionStorm: new Uint8Array(model.regionCount),
    nextWeatherS: 0,
    kpis: new KpiRecorder(),
    previousHourClose: new Float64Array(KPI_COUNT),
    nextHourS: 3600,
    throughputPerHour: new Float32Array(n),
    robotsBusy: new Float32Array(n),
    streams,
  };
}

export class Engine {
  readonly layout: QueueLayout;
  readonly zones: DemandZone[];
  readonly routes: RoutePlanner;
  /** Per sortation-center facility id: indices of the stations it serves. */
  readonly scStations: Int32Array[];
  /** Per facility id: the station's position relative to its metro centre, km east / north. */
  private readonly stationKmX: Float64Array;
  private readonly stationKmY: Float64Array;
  /** A trip's vertices before they go to the trip buffer: routes have <= ~160 vertices, x3 for stops. */
  private readonly positionScratch = new Float32Array(2048 * 2);
  private readonly offsetScratch = new Float32Array(2048);

  constructor(
    readonly model: NetworkModel,
    public params: Params,
    readonly seed: number,
    readonly state: EngineState,
  ) {
    this.layout = getQueueLayout(model);
    this.zones = buildDemandZones(model);
    this.routes = new RoutePlanner(model);
    const facilities = model.network.facilities;
    this.scStations = facilities.map(() => new Int32Array(0));
    const children: number[][] = facilities.map(() => []);
    model.stationIds.forEach((id, index) => {
      children[model.stationParentSortCenter[id]].push(index);
    });
    children.forEach((list, id) => {
      this.scStations[id] = Int32Array.from(list);
    });
    this.stationKmX = new Float64Array(facilities.length);
    this.stationKmY = new Float64Array(facilities.length);
    for (const id of model.stationIds) {
      const metro = model.metros[model.facilityMetro[id]];
      this.stationKmX[id] = (facilities[id].lon - metro.lon) / lonDegPerKm(metro.lat);
      this.stationKmY[id] = (facilities[id].lat - metro.lat) / LAT_DEG_PER_KM;
    }
  }

  get trailerCapacity(): number {
    return Math.max(1, Math.round(this.params.trailerCapacityParcels * this.params.scale));
  }

  get packBufferCapacity(): number {
    return Math.max(1, Math.round(this.params.packQueueCapacityParcels * this.params.scale));
  }

  /** Runs whole steps until the next one would end after `targetS`. */
  advanceTo(targetS: number): void {
    const stepS = this.params.stepS;
    while (this.state.timeS + stepS <= targetS + 1e-9) this.step(this.state.timeS, this.state.timeS + stepS);
  }

  step(t0: number, t1: number): void {
    const state = this.state;
    while (state.nextWeatherS <= t0) {
      this.updateWeather();
      state.nextWeatherS += WEATHER_PERIOD_S;
    }
    const dt = t1 - t0;
    this.runStations(t0, t1, dt);
    this.runSortCenters(t0, t1, dt);
    this.runFulfillmentCenters(t0, t1, dt);
    this.unloadArrivals(t1);
    this.placeOrders(t0, dt);
    state.timeS = t1;
    while (state.nextHourS <= t1) {
      this.writeLevels();
      state.kpis.closeHour(state.previousHourClose);
      state.nextHourS += 3600;
    }
  }

  /** Integer capacity for a step: floor(x) plus one with probability frac(x), by a shared number. */
  private capacity(x: number, facility: number, kind: number, t0: number): number {
    const whole = Math.floor(x);
    return whole + (hashUniform(this.seed, facility * 8 + kind, t0) < x - whole ? 1 : 0);
  }

  /** True if a local-clock instant phase + k * intervalS falls in (t0, t1] at this facility. */
  private crosses(t0: number, t1: number, offsetH: number, phaseS: number, intervalS: number): boolean {
    const shift = offsetH * 3600 - phaseS;
    return Math.floor((t1 + shift) / intervalS) > Math.floor((t0 + shift) / intervalS);
  }

  private updateThroughput(facility: number, processed: number, dt: number): void {
    const rate = (processed * 3600) / dt;
    const blend = Math.min(1, dt / 3600);
    this.state.throughputPerHour[facility] += (rate - this.state.throughputPerHour[facility]) * blend;
  }

  private runStations(t0: number, t1: number, dt: number): void {
    const { model, params, state } = this;
    const { queues, kpis } = state;
    const c = state.parcels.columns;
    const next = c.next;
    const rate = params.stationSortRatePerHour * params.scale * (dt / 3600);
    const stationIds = model.stationIds;
    for (let i = 0; i < stationIds.length; i++) {
      const id = stationIds[i];
      const sortQueue = id * FACILITY_QUEUES + QUEUE_SORT;
      const readyQueue = id * FACILITY_QUEUES + QUEUE_READY;
      // Hand-off placeholder until issue 4: the first wave takes every parcel ready by then.
      if (this.crosses(t0, t1, model.facilityOffsetH[id], params.firstWaveHour * 3600, 86400)) {
        const handed = queues.count[readyQueue];
        while (queues.count[readyQueue] > 0) state.parcels.release(queues.shift(next, readyQueue));
        kpis.cumulative[K.handedToLastMile] += handed;
      }
      const n = Math.min(queues.count[sortQueue], this.capacity(rate, id, CAP_SORT, t0));
      let clickToStationH = 0;
      for (let i = 0; i < n; i++) {
        const slot = queues.shift(next, sortQueue);
        const t = t0 + ((i + 1) / n) * dt;
        writeEventTime(c, slot, EVENT_READY_AT_STATION, t);
        clickToStationH += (t - c.orderedS[slot]) / 3600;
        c.stage[slot] = STAGE_READY_AT_STATION;
        queues.push(next, readyQueue, slot);
      }
      kpis.cumulative[K.readyAtStation] += n;
      kpis.cumulative[K.clickToStationHoursSum] += clickToStationH;
      this.updateThroughput(id, n, dt);
    }
  }

  private runSortCenters(t0: number, t1: number, dt: number): void {
    const { model, params, state, layout } = this;
    const { queues, kpis } = state;
    const c = state.parcels.columns;
    const next = c.next;
    const rate = params.sortCenterRatePerHour * params.scale * (dt / 3600);
    const capacity = this.trailerCapacity;
    const intervalS = params.sortCenterDepartureIntervalH * 3600;
    const minimum = params.minTrailerFill * capacity;
    const holdS = params.maxTrailerHoldH * 3600;
    const scList = model.sortationCenterIds;
    for (let i = 0; i < scList.length; i++) {
      const sc = scList[i];
      const sortQueue = sc * FACILITY_QUEUES + QUEUE_SORT;
      const transferBase = layout.transferLaneBase + model.kindIndex[sc] * layout.scCount;
      const n = Math.min(
        queues.count[sortQueue],
        this.capacity(rate * model.sortCenterSize[sc], sc, CAP_SORT, t0),
      );
      for (let i = 0; i < n; i++) {
        const slot = queues.shift(next, sortQueue);
        const t = t0 + ((i + 1) / n) * dt;
        const station = c.destinationStation[slot];
        const hop = getNextSortCenter(model, sc, station);
        c.stage[slot] = STAGE_AT_SC_DOCK;
        if (hop < 0) {
          const lane = layout.scLaneBase + model.kindIndex[station];
          queues.push(next, lane, slot);
          if (queues.count[lane] >= capacity)
            this.departLane(lane, sc, station, LEG_SORT_CENTER_TO_STATION, t);
        } else {
          const lane = transferBase + model.kindIndex[hop];
          queues.push(next, lane, slot);
          if (queues.count[lane] >= capacity) this.departLane(lane, sc, hop, LEG_SORT_CENTER_TRANSFER, t);
        }
      }
      kpis.cumulative[K.sorted] += n;
      this.updateThroughput(sc, n, dt);
      if (this.crosses(t0, t1, model.facilityOffsetH[sc], 0, intervalS)) {
        const departS = this.lastCrossing(t1, model.facilityOffsetH[sc], 0, intervalS);
        const stationIndexList = this.scStations[sc];
        for (let j = 0; j < stationIndexList.length; j++) {
          const stationIndex = stationIndexList[j];
          const lane = layout.scLaneBase + stationIndex;
          if (queues.count[lane] > 0)
            this.departLane(lane, sc, model.stationIds[stationIndex], LEG_SORT_CENTER_TO_STATION, departS);
        }
        // Transfers to other sortation centres consolidate like FC lanes: minimum fill or hold limit.
        for (let s = 0; s < layout.scCount; s++) {
          const lane = transferBase + s;
          const count = queues.count[lane];
          if (count === 0) continue;
          const oldestS = readEventTime(c, queues.head[lane], EVENT_ARRIVED_SC, t1);
          if (count >= minimum || departS - oldestS >= holdS) {
            this.departLane(lane, sc, model.sortationCenterIds[s], LEG_SORT_CENTER_TRANSFER, departS);
          }
        }
      }
    }
  }

  /** The latest scheduled instant at or before t1 (sim seconds). */
  private lastCrossing(t1: number, offsetH: number, phaseS: number, intervalS: number): number {
    const shift = offsetH * 3600 - phaseS;
    return Math.floor((t1 + shift) / intervalS) * intervalS - shift;
  }

  private runFulfillmentCenters(t0: number, t1: number, dt: number): void {
    const { model, params, state, layout } = this;
    const { queues, kpis } = state;
    const c = state.parcels.columns;
    const next = c.next;
    const hours = dt / 3600;
    const pickUnitsPerHour = Math.min(
      params.pickStationsPerFc * params.pickRatePerStationHour,
      params.robotsPerFc * params.unitsPerRobotHour,
    );
    const pickRate = (pickUnitsPerHour * params.scale * hours) / params.itemsPerParcel;
    const packRate = params.packStationsPerFc * params.packRatePerStationHour * params.scale * hours;
    const slamRate = params.slamRatePerFcHour * params.scale * hours;
    const packBuffer = this.packBufferCapacity;
    const capacity = this.trailerCapacity;
    const departureIntervalS = 86400 / params.fcDeparturesPerDay;
    const scCount = layout.scCount;
    const fcList = model.fulfillmentCenterIds;
    for (let i = 0; i < fcList.length; i++) {
      const fc = fcList[i];
      const offsetH = model.facilityOffsetH[fc];
      const localHour = (((t0 / 3600 + offsetH - params.fcShiftStartHour) % 24) + 24) % 24;
      const staffed = localHour < params.fcStaffedHoursPerDay;
      const pickQueue = fc * FACILITY_QUEUES + QUEUE_PICK;
      const packQueue = fc * FACILITY_QUEUES + QUEUE_PACK;
      const slamQueue = fc * FACILITY_QUEUES + QUEUE_SLAM;
      const laneBase = layout.fcLaneBase + model.kindIndex[fc] * scCount;
      let slammed = 0;
      let packed = 0;
      let picked = 0;
      if (staffed) {
        slammed = Math.min(queues.count[slamQueue], this.capacity(slamRate, fc, CAP_SLAM, t0));
        for (let i = 0; i < slammed; i++) {
          const slot = queues.shift(next, slamQueue);
          const t = t0 + ((i + 1) / slammed) * dt;
          writeEventTime(c, slot, EVENT_LOADED_AT_FC, t);
          c.stage[slot] = STAGE_AT_FC_DOCK;
          const sc = getNextSortCenter(model, fc, c.destinationStation[slot]);
          const lane = laneBase + model.kindIndex[sc];
          queues.push(next, lane, slot);
          if (queues.count[lane] >= capacity) this.departLane(lane, fc, sc, LEG_FC_TO_SORT_CENTER, t);
        }
        packed = Math.min(queues.count[packQueue], this.capacity(packRate, fc, CAP_PACK, t0));
        for (let i = 0; i < packed; i++) {
          const slot = queues.shift(next, packQueue);
          writeEventTime(c, slot, EVENT_PACKED, t0 + ((i + 1) / packed) * dt);
          c.stage[slot] = STAGE_AWAITING_SLAM;
          queues.push(next, slamQueue, slot);
        }
        const room = Math.max(0, packBuffer - queues.count[packQueue]);
        const sameDayQueue = fc * FACILITY_QUEUES + QUEUE_PICK_SAME_DAY;
        picked = Math.min(
          queues.count[pickQueue] + queues.count[sameDayQueue],
          room,
          this.capacity(pickRate, fc, CAP_PICK, t0),
        );
        for (let i = 0; i < picked; i++) {
          // Same-day orders first (their promise is hours away), then the rest oldest first.
          const slot = queues.shift(next, queues.count[sameDayQueue] > 0 ? sameDayQueue : pickQueue);
          writeEventTime(c, slot, EVENT_PICKED, t0 + ((i + 1) / picked) * dt);
          c.stage[slot] = STAGE_AWAITING_PACK;
          queues.push(next, packQueue, slot);
        }
      }
      // Robot-hours the picks used (real drive units); the facility view smooths over ~15 min
      // because at small scales a step picks only a parcel or two.
      const robotHours = (picked * params.itemsPerParcel) / params.scale / params.unitsPerRobotHour;
      const blend = Math.min(1, dt / 900);
      state.robotsBusy[fc] +=
        (Math.min(params.robotsPerFc, robotHours / hours) - state.robotsBusy[fc]) * blend;
      kpis.cumulative[K.robotBusyHours] += robotHours;
      kpis.cumulative[K.picked] += picked;
      kpis.cumulative[K.packed] += packed;
      kpis.cumulative[K.loadedAtFc] += slammed;
      this.updateThroughput(fc, packed, dt);
      if (this.crosses(t0, t1, offsetH, 0, departureIntervalS)) {
        const departS = this.lastCrossing(t1, offsetH, 0, departureIntervalS);
        const minimum = params.minTrailerFill * capacity;
        const holdS = params.maxTrailerHoldH * 3600;
        for (let s = 0; s < scCount; s++) {
          const lane = laneBase + s;
          const count = queues.count[lane];
          if (count === 0) continue;
          const oldestS = readEventTime(c, queues.head[lane], EVENT_LOADED_AT_FC, t1);
          if (count >= minimum || departS - oldestS >= holdS) {
            this.departLane(lane, fc, model.sortationCenterIds[s], LEG_FC_TO_SORT_CENTER, departS);
          }
        }
      }
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
    const packBuffer = this.packBufferCapacity;
    const fcList = model.fulfillmentCenterIds;
    for (let i = 0; i < fcList.length; i++) {
      const fc = fcList[i];
      const packQueue = fc * FACILITY_QUEUES + QUEUE_PACK;
      while (queues.count[packQueue] > packBuffer) {
        const slot = queues.shift(c.next, packQueue);
        c.stage[slot] = STAGE_AWAITING_PICK;
        clearEventTime(c, slot, EVENT_PICKED);
        queues.push(c.next, fc * FACILITY_QUEUES + QUEUE_PICK, slot);
      }
    }
    const capacity = this.trailerCapacity;
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
        this.departLane(lane, origin, destination, leg, nowS);
      }
    }
  }

  /** Sends a lane's load (at most one trailer's worth, oldest first) on a truck: one trip on the map. */
  private departLane(lane: number, origin: number, destination: number, leg: number, departS: number): void {
    const { params, state } = this;
    const { queues, kpis } = state;
    const c = state.parcels.columns;
    const head = queues.head[lane];
    let tail = queues.tail[lane];
    let count = queues.count[lane];
    if (count > this.trailerCapacity) {
      // Cut the list after the first trailer's worth; the rest keeps loading.
      count = this.trailerCapacity;
      tail = head;
      for (let i = 1; i < count; i++) tail = c.next[tail];
      queues.head[lane] = c.next[tail];
      queues.count[lane] -= count;
      c.next[tail] = NO_PARCEL;
    } else {
      queues.clear(lane);
    }
    const stage = leg === LEG_SORT_CENTER_TO_STATION ? STAGE_LINE_HAUL_TO_STATION : STAGE_LINE_HAUL_TO_SC;
    const event = leg === LEG_FC_TO_SORT_CENTER ? EVENT_DEPARTED_FC : EVENT_DEPARTED_SC;
    for (let slot = head; slot !== NO_PARCEL; slot = c.next[slot]) {
      c.stage[slot] = stage;
      writeEventTime(c, slot, event, departS);
    }
    const route = this.routes.getRoute(origin, destination);
    const vertexCount = writeLineHaulTrip(this.positionScratch, this.offsetScratch, route, departS, {
      truckSpeedMph: params.truckSpeedMph,
      roadDistanceFactor: params.roadDistanceFactor,
      rushHourSpeedFactor: params.rushHourSpeedFactor,
      regionSpeedFactor: state.regionSpeedFactor,
      soloDriver: params.lineHaulDrivers === 'solo',
    });
    const arriveS = departS + this.offsetScratch[vertexCount - 1];
    state.trailers.dispatch(origin, destination, leg, departS, arriveS, head, tail, count);
    const vehicleId = state.vehicleSerial++;
    state.trips.append(
      {
        vehicleKind: VEHICLE_LINE_HAUL,
        vehicleId,
        parcelsAboard: count,
        stopCount: 1,
        originFacility: origin,
        destinationFacility: destination,
        departS,
      },
      this.positionScratch,
      this.offsetScratch,
      vertexCount,
    );
    const miles = (route.totalKm * params.roadDistanceFactor) / KM_PER_MILE;
    kpis.cumulative[K.lineHaulTrips] += 1;
    kpis.cumulative[K.lineHaulMiles] += miles;
    kpis.cumulative[K.lineHaulCostUsd] += miles * params.truckCostPerMileUsd;
    kpis.cumulative[K.trailerFillSum] += Math.min(1, count / this.trailerCapacity);
    kpis.cumulative[
      leg === LEG_FC_TO_SORT_CENTER
        ? K.lineHaul
        : leg === LEG_SORT_CENTER_TRANSFER
          ? K.lineHaulTransfer
          : K.lineHaulToStation
    ] += count;
  }

  private unloadArrivals(t1: number): void {
    const { state } = this;
    const { trailers, queues, kpis } = state;
    const c = state.parcels.columns;
    const tc = trailers.columns;
    for (let trailer = trailers.peekArrival(); trailer >= 0; trailer = trailers.peekArrival()) {
      const arriveS = tc.arriveS[trailer];
      if (arriveS > t1) break;
      trailers.popArrival();
      const toStation = tc.leg[trailer] === LEG_SORT_CENTER_TO_STATION;
      const stage = toStation ? STAGE_AWAITING_STATION_SORT : STAGE_AWAITING_SC_SORT;
      const event = toStation ? EVENT_ARRIVED_STATION : EVENT_ARRIVED_SC;
      for (let slot = tc.head[trailer]; slot !== NO_PARCEL; slot = c.next[slot]) {
        c.stage[slot] = stage;
        writeEventTime(c, slot, event, arriveS);
        // A parcel may cross several sortation centres; the trace keeps the latest visit.
        if (!toStation) clearEventTime(c, slot, EVENT_DEPARTED_SC);
      }
      // Splice the trailer's list onto the facility's sort queue in one go.
      const queue = tc.destinationFacility[trailer] * FACILITY_QUEUES + QUEUE_SORT;
      const count = tc.count[trailer];
      if (count > 0) {
        if (queues.tail[queue] === NO_PARCEL) queues.head[queue] = tc.head[trailer];
        else c.next[queues.tail[queue]] = tc.head[trailer];
        queues.tail[queue] = tc.tail[trailer];
        queues.count[queue] += count;
      }
      kpis.cumulative[toStation ? K.atStation : K.arrivedSortCenter] += count;
      trailers.release(trailer);
    }
  }

  private placeOrders(t0: number, dt: number): void {
    const { model, params, state } = this;
    const { demand, sourcing } = state.streams;
    const { queues, kpis } = state;
    const base =
      params.parcelsPerDay *
      params.scale *
      params.demandMultiplier *
      getCalendarMultiplier(params, getDayOfYear(params, t0)) *
      (dt / 86400);
    const sameDay = params.sameDayShare;
    const nextDay = sameDay + params.nextDayShare;
    const twoDay = nextDay + params.twoDayShare;
    const logMedian = Math.log(params.medianParcelWeightKg);
    for (const zone of this.zones) {
      const localMidS = t0 + dt / 2 + zone.offsetH * 3600;
      const minute = Math.floor((((localMidS % 86400) + 86400) % 86400) / 60);
      const mean = base * zone.populationShare * TIME_OF_DAY[minute];
      const orders = demand.nextPoisson(mean);
      for (let i = 0; i < orders; i++) {
        // A fixed number of draws per order so other parameters never shift the stream.
        const orderS = t0 + demand.nextFloat() * dt;
        const isRural = demand.nextFloat() < params.outsideMetroDemandShare;
        const u = demand.nextFloat();
        const v = demand.nextFloat();
        const angle = demand.nextFloat() * 2 * Math.PI;
        const radial = demand.nextFloat();
        const promiseDraw = demand.nextFloat();
        const weightKg = Math.min(30, Math.max(0.05, Math.exp(logMedian + 0.9 * demand.nextNormal())));
        let station: number;
        let eastKm: number;
        let northKm: number;
        if (isRural) {
          const metro = model.metros[drawAlias(zone.metros, u, v)];
          const distanceKm = metro.radiusKm + 5 + 60 * radial;
          const x = Math.cos(angle) * distanceKm;
          const y = Math.sin(angle) * distanceKm;
          station = metro.stationIds[0];
          let bestKm2 = Number.POSITIVE_INFINITY;
          for (const id of metro.stationIds) {
            const dx = x - this.stationKmX[id];
            const dy = y - this.stationKmY[id];
            if (dx * dx + dy * dy < bestKm2) {
              bestKm2 = dx * dx + dy * dy;
              station = id;
            }
          }
          eastKm = x - this.stationKmX[station];
          northKm = y - this.stationKmY[station];
        } else {
          station = drawAlias(zone.stations, u, v);
          const r = model.serviceRadiusKm[station] * Math.sqrt(radial);
          eastKm = Math.cos(angle) * r;
          northKm = Math.sin(angle) * r;
        }
        // Sourcing: two draws per order from its own stream (common random numbers).
        const hit = sourcing.nextFloat() < params.forecastAccuracy;
        const pick = sourcing.nextFloat();
        const stationIndex = model.kindIndex[station];
        const fc = hit
          ? drawCandidate(
              model.inRegionFcs,
              model.inRegionFcShares,
              stationIndex * NEAR_FC_COUNT,
              NEAR_FC_COUNT,
              pick,
            )
          : drawCandidate(
              model.outOfRegionFcs,
              model.outOfRegionFcShares,
              stationIndex * FAR_FC_COUNT,
              FAR_FC_COUNT,
              pick,
            );
        if (model.facilityRegion[fc] === model.facilityRegion[station])
          kpis.cumulative[K.sourcedInRegion] += 1;

        const slot = state.parcels.allocate();
        const c = state.parcels.columns;
        c.stage[slot] = STAGE_AWAITING_PICK;
        c.promise[slot] =
          promiseDraw < sameDay ? 0 : promiseDraw < nextDay ? 1 : promiseDraw < twoDay ? 2 : 3;
        c.originFc[slot] = fc;
        c.destinationStation[slot] = station;
        c.weight10g[slot] = Math.round(weightKg * 100);
        c.destinationOffset[slot * 2] = clampInt16(Math.round(eastKm * 100));
        c.destinationOffset[slot * 2 + 1] = clampInt16(Math.round(northKm * 100));
        c.orderedS[slot] = orderS;
        queues.push(
          c.next,
          fc * FACILITY_QUEUES + (c.promise[slot] === 0 ? QUEUE_PICK_SAME_DAY : QUEUE_PICK),
          slot,
        );
      }
      kpis.cumulative[K.ordered] += orders;
    }
  }

  private updateWeather(): void {
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
    const { model, state, layout } = this;
    const { queues, trailers } = state;
    const counts = new Float64Array(STAGE_READY_AT_STATION + 1);
    for (const fc of model.fulfillmentCenterIds) {
      const base = fc * FACILITY_QUEUES;
      counts[STAGE_AWAITING_PICK] +=
        queues.count[base + QUEUE_PICK] + queues.count[base + QUEUE_PICK_SAME_DAY];
      counts[STAGE_AWAITING_PACK] += queues.count[base + QUEUE_PACK];
      counts[STAGE_AWAITING_SLAM] += queues.count[base + QUEUE_SLAM];
    }
    for (const sc of model.sortationCenterIds)
      counts[STAGE_AWAITING_SC_SORT] += queues.count[sc * FACILITY_QUEUES + QUEUE_SORT];
    for (const station of model.stationIds) {
      counts[STAGE_AWAITING_STATION_SORT] += queues.count[station * FACILITY_QUEUES + QUEUE_SORT];
      counts[STAGE_READY_AT_STATION] += queues.count[station * FACILITY_QUEUES + QUEUE_READY];
    }
    for (let lane = layout.fcLaneBase; lane < layout.scLaneBase; lane++)
      counts[STAGE_AT_FC_DOCK] += queues.count[lane];
    for (let lane = layout.scLaneBase; lane < layout.size; lane++)
      counts[STAGE_AT_SC_DOCK] += queues.count[lane];
    for (let h = 0; h < trailers.heapSize; h++) {
      const trailer = trailers.heap[h];
      const stage =
        trailers.columns.leg[trailer] === LEG_SORT_CENTER_TO_STATION
          ? STAGE_LINE_HAUL_TO_STATION
          : STAGE_LINE_HAUL_TO_SC;
      counts[stage] += trailers.columns.count[trailer];
    }
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
      for (let slot = 0; slot < FACILITY_QUEUES; slot++)
        fcBacklog += queues.count[id * FACILITY_QUEUES + slot];
    }
    for (let lane = this.layout.fcLaneBase; lane < this.layout.scLaneBase; lane++)
      fcBacklog += queues.count[lane];
    for (const id of model.sortationCenterIds) scBacklog += queues.count[id * FACILITY_QUEUES];
    for (let lane = this.layout.scLaneBase; lane < this.layout.size; lane++) scBacklog += queues.count[lane];
    for (const id of model.stationIds)
      stationBacklog += queues.count[id * FACILITY_QUEUES] + queues.count[id * FACILITY_QUEUES + 1];
    let onTheRoad = 0;
    const trailers = state.trailers;
    for (let h = 0; h < trailers.heapSize; h++) onTheRoad += trailers.columns.count[trailers.heap[h]];
    cumulative[K.liveParcels] = state.parcels.live;
    cumulative[K.backlogAtFcs] = fcBacklog;
    cumulative[K.backlogAtSortCenters] = scBacklog;
    cumulative[K.backlogAtStations] = stationBacklog;
    cumulative[K.onTheRoad] = onTheRoad;
    cumulative[K.trailersOnTheRoad] = trailers.heapSize;
  }
}

/** Picks a candidate by its cumulative share (the last one catches rounding). */
function drawCandidate(
  candidates: Int32Array,
  cumulative: Float32Array,
  offset: number,
  count: number,
  u: number,
): number {
  for (let k = 0; k < count - 1; k++) if (u < cumulative[offset + k]) return candidates[offset + k];
  return candidates[offset + count - 1];
}

function clampInt16(value: number): number {
  return Math.max(-32768, Math.min(32767, value));
}
