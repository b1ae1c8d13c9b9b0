/**
 * Line-haul: a lane's load leaves as one trailer on one truck (one trip for the map, timed along
 * the highway graph with traffic, weather and hours of service), and trucks arriving by the end
 * of a step unload into their destination's sort queue, in arrival order. Each trailer takes a
 * dock door to be loaded and another to be unloaded (dockDoors.ts): with every door busy it
 * leaves later, or waits in the yard before it is unloaded.
 */
import { DOOR_TURN_S, type DockDoors } from './dockDoors';
import { KPI_INDEX as K, type KpiRecorder } from './kpis';
import type { NetworkModel } from './network';
import {
  EVENT_ARRIVED_SC,
  EVENT_ARRIVED_STATION,
  EVENT_DEPARTED_FC,
  EVENT_DEPARTED_SC,
  STAGE_AWAITING_SC_SORT,
  STAGE_AWAITING_STATION_SORT,
  STAGE_LINE_HAUL_TO_SC,
  STAGE_LINE_HAUL_TO_STATION,
  VEHICLE_LINE_HAUL,
} from './kinds';
import {
  clearEventTime,
  NO_PARCEL,
  type ParcelStore,
  type QueueSet,
  RunWalk,
  writeEventTime,
} from './parcels';
import { QUEUE_SORT, getQueueId } from './queueLayout';
import {
  DOCK_UNLOAD_TAKEN,
  getTrailerCapacity,
  LEG_FC_TO_SORT_CENTER,
  LEG_SORT_CENTER_TO_STATION,
  LEG_SORT_CENTER_TRANSFER,
  type TrailerPool,
} from './trailers';
import {
  type DrivingConditions,
  getRoadKmPerPathKm,
  hasOffDutyRest,
  isSoloDrive,
  type Route,
  type RoutePlanner,
  TEAM_DRIVER_COST_PER_MILE_USD,
  type TripBuffer,
  writeLineHaulTrip,
} from './trips';
import { KM_PER_MILE } from './geo';
import { type ParcelJournal, recordQueueJoined } from './parcelJournal';
import type { Params } from './params';
import { growTypedArray } from './typedArrays';

/** What line-haul reads, and the state it may change (trailers, trips, lanes and sort queues, KPIs). */
export interface LineHaulContext {
  readonly model: NetworkModel;
  readonly params: Params;
  readonly routes: RoutePlanner;
  /** A trip's vertices before they go to the trip buffer (positions: lon, lat; stride 2). */
  readonly positionScratch: Float32Array;
  /** Trailers that left in the current stage; the stage marks their parcels before it ends. */
  readonly departures: DepartureMarks;
  readonly offsetScratch: Float32Array;
  /** Speed factor 1 in every region: a drive as planned, without the day's weather. */
  readonly fairWeather: Float32Array;
  readonly state: {
    readonly parcels: ParcelStore;
    readonly queues: QueueSet;
    readonly trailers: TrailerPool;
    readonly dockDoors: DockDoors;
    readonly trips: TripBuffer;
    readonly kpis: KpiRecorder;
    readonly journal: ParcelJournal;
    readonly regionSpeedFactor: Float32Array;
    readonly regionStorm: Uint8Array;
    /** Next vehicle id. */
    vehicleSerial: number;
  };
}

/**
 * Trailers that left, whose parcels are marked on the road (stage and departure time) together:
 * a stage that sends trailers notes each (note) and marks them all before it ends (markAll). One
 * trailer's list walked alone waited on each link's cache miss in turn (~3 s of a full-scale
 * day); walked together (RunWalk) the trailers' misses are in flight at once. Until markAll the
 * parcels keep their dock stage, so nothing between may read it: each caller's loop after a
 * departure only puts other parcels on lanes. Loads are disjoint, so the order of the marks
 * changes nothing: the parcels end as marked one trailer at a time, to the bit.
 */
export class DepartureMarks {
  private readonly walk = new RunWalk();
  private trailer = new Int32Array(64);
  private leg = new Uint8Array(64);
  private departS = new Float64Array(64);
  private count = 0;

  /** Trailer `trailer` left on leg `leg` at `departS` with the `count` parcels listed from `head`. */
  note(trailer: number, head: number, count: number, leg: number, departS: number): void {
    const n = this.count;
    this.walk.ensureRuns(n + 1);
    if (n === this.leg.length) {
      this.trailer = growTypedArray(this.trailer, 2 * n);
      this.leg = growTypedArray(this.leg, 2 * n);
      this.departS = growTypedArray(this.departS, 2 * n);
    }
    this.trailer[n] = trailer;
    this.walk.head[n] = head;
    this.walk.count[n] = count;
    this.leg[n] = leg;
    this.departS[n] = departS;
    this.count = n + 1;
  }

  /**
   * Marks every noted trailer's parcels on the road, and forgets the trailers; each trailer keeps
   * its load as listed (TrailerPool.keepLoad), for its unloading.
   */
  markAll(c: ParcelStore['columns'], trailers: TrailerPool): void {
    const n = this.count;
    if (n === 0) return;
    this.count = 0;
    const { walk } = this;
    walk.walk(c.next, n);
    for (let k = 0; k < n; k++) {
      const leg = this.leg[k];
      const stage = leg === LEG_SORT_CENTER_TO_STATION ? STAGE_LINE_HAUL_TO_STATION : STAGE_LINE_HAUL_TO_SC;
      const event = leg === LEG_FC_TO_SORT_CENTER ? EVENT_DEPARTED_FC : EVENT_DEPARTED_SC;
      const departS = this.departS[k];
      for (let i = walk.from[k]; i < walk.from[k] + walk.count[k]; i++) {
        const slot = walk.slots[i];
        c.stage[slot] = stage;
        writeEventTime(c, slot, event, departS);
      }
      trailers.keepLoad(this.trailer[k], walk.slots, walk.from[k]);
    }
  }
}

/**
 * Sends a lane's load (at most one trailer's worth, oldest first) on a truck: one trip on the
 * map. It leaves at `readyS` when a dock door was free to load it over the turn before, else
 * when the first door to free up has loaded it (its parcels stay at the dock until then).
 */
export function departLane(
  context: LineHaulContext,
  lane: number,
  origin: number,
  destination: number,
  leg: number,
  readyS: number,
): void {
  const { params, state } = context;
  const loadStartS = state.dockDoors.take(origin, readyS - DOOR_TURN_S);
  const waitsForDoor = loadStartS > readyS - DOOR_TURN_S;
  const departS = waitsForDoor ? loadStartS + DOOR_TURN_S : readyS;
  const { queues, kpis } = state;
  const c = state.parcels.columns;
  const trailerCapacity = getTrailerCapacity(params);
  const head = queues.head[lane];
  let tail = queues.tail[lane];
  let count = queues.count[lane];
  if (count > trailerCapacity) {
    // Cut the list after the first trailer's worth; the rest keeps loading.
    count = trailerCapacity;
    tail = head;
    for (let i = 1; i < count; i++) tail = c.next[tail];
    queues.head[lane] = c.next[tail];
    queues.count[lane] -= count;
    c.next[tail] = NO_PARCEL;
  } else {
    queues.clear(lane);
  }
  let watchedAboard = false;
  if (state.journal.watchesAny())
    for (let slot = head; slot !== NO_PARCEL; slot = c.next[slot])
      if (state.journal.isWatched(slot)) watchedAboard = true;
  const route = context.routes.getRoute(origin, destination);
  let soloDriver = isSoloDrive(
    params.lineHaulDrivers,
    route,
    params.truckSpeedMph,
    params.roadDistanceFactor,
  );
  // Mixed crews put a team on a lane where it saves the 10 h rest. The dispatcher plans crews on
  // the lane's drive at that hour, rush hours included, not on the day's weather: a lane within
  // 11 h free-flow that rush hour pushes past it (Minneapolis FC 2 to Chicago sortation center 2
  // leaving at 07:00 local: 22.9 h solo with the rest, 12.1 h for a team) gets a team; a storm
  // still makes a solo driver rest.
  if (
    soloDriver &&
    params.lineHaulDrivers === 'mixed' &&
    needsOffDutyRest(context, route, departS, getDriveOptions(params, context.fairWeather, true))
  )
    soloDriver = false;
  const vertexCount = writeLineHaulTrip(
    context.positionScratch,
    context.offsetScratch,
    route,
    departS,
    getDriveOptions(params, state.regionSpeedFactor, soloDriver),
  );
  const arriveS = departS + context.offsetScratch[vertexCount - 1];
  const trailer = state.trailers.dispatch(origin, destination, leg, departS, arriveS, head, tail, count);
  // A trailer waiting for a door leaves after the step: releaseDoorDepartures marks its parcels then.
  if (!waitsForDoor) context.departures.note(trailer, head, count, leg, departS);
  if (waitsForDoor) {
    state.trailers.holdAtDoor(trailer);
    kpis.cumulative[K.trailersWaitedForDoor] += 1;
    kpis.cumulative[K.doorWaitHoursSum] += (departS - readyS) / 3600;
  }
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
    context.positionScratch,
    context.offsetScratch,
    vertexCount,
  );
  if (watchedAboard)
    recordBoarding(
      context,
      head,
      leg,
      vehicleId,
      origin,
      destination,
      departS,
      arriveS,
      count,
      soloDriver,
      departS - readyS,
    );
  const miles = (route.totalKm * getRoadKmPerPathKm(route, params.roadDistanceFactor)) / KM_PER_MILE;
  kpis.cumulative[K.lineHaulTrips] += 1;
  kpis.cumulative[K.lineHaulMiles] += miles;
  kpis.cumulative[K.lineHaulCostUsd] +=
    miles * (params.truckCostPerMileUsd + (soloDriver ? 0 : TEAM_DRIVER_COST_PER_MILE_USD));
  kpis.cumulative[K.trailerFillSum] += Math.min(1, count / trailerCapacity);
  kpis.cumulative[
    leg === LEG_FC_TO_SORT_CENTER
      ? K.lineHaul
      : leg === LEG_SORT_CENTER_TRANSFER
        ? K.lineHaulTransfer
        : K.lineHaulToStation
  ] += count;
}

/** Whether a solo driver driving `route` from `departS` as `conditions` say rests 10 h on the way. */
function needsOffDutyRest(
  context: LineHaulContext,
  route: Route,
  departS: number,
  conditions: DrivingConditions,
): boolean {
  const vertexCount = writeLineHaulTrip(
    context.positionScratch,
    context.offsetScratch,
    route,
    departS,
    conditions,
  );
  return hasOffDutyRest(context.positionScratch, context.offsetScratch, vertexCount);
}

/** How a truck drives (trips.ts writeLineHaulTrip) under the regions' speed factors. */
function getDriveOptions(
  params: Params,
  regionSpeedFactor: Float32Array,
  soloDriver: boolean,
): DrivingConditions {
  return {
    truckSpeedMph: params.truckSpeedMph,
    roadDistanceFactor: params.roadDistanceFactor,
    rushHourSpeedFactor: params.rushHourSpeedFactor,
    regionSpeedFactor,
    soloDriver,
  };
}

/**
 * Notes in their journals that the watched parcels of a trailer boarded its truck, with the
 * same drive in fair weather (the nominal the journey compares it with). Runs only when a
 * watched parcel is aboard; it overwrites the trip scratch, already copied to the buffer.
 */
function recordBoarding(
  context: LineHaulContext,
  head: number,
  leg: number,
  vehicleId: number,
  origin: number,
  destination: number,
  departS: number,
  arriveS: number,
  parcelsAboard: number,
  soloDriver: boolean,
  doorWaitS: number,
): void {
  const { model, params, state } = context;
  const route = context.routes.getRoute(origin, destination);
  const vertices = writeLineHaulTrip(
    context.positionScratch,
    context.offsetScratch,
    route,
    departS,
    getDriveOptions(params, context.fairWeather, soloDriver),
  );
  const fromRegion = model.facilityRegion[origin];
  const toRegion = model.facilityRegion[destination];
  const next = state.parcels.columns.next;
  for (let slot = head; slot !== NO_PARCEL; slot = next[slot]) {
    if (!state.journal.isWatched(slot)) continue;
    state.journal.record(slot, {
      kind: 'truckBoarded',
      leg:
        leg === LEG_FC_TO_SORT_CENTER
          ? 'fcToSortCenter'
          : leg === LEG_SORT_CENTER_TO_STATION
            ? 'sortCenterToStation'
            : 'sortCenterTransfer',
      vehicleId,
      fromFacility: origin,
      toFacility: destination,
      toUtcOffsetH: model.facilityOffsetH[destination],
      departS,
      arriveS,
      fairWeatherDriveS: context.offsetScratch[vertices - 1],
      weatherSpeedFactor: Math.min(state.regionSpeedFactor[fromRegion], state.regionSpeedFactor[toRegion]),
      storm: state.regionStorm[fromRegion] === 1 || state.regionStorm[toRegion] === 1,
      parcelsAboard,
      doorWaitS,
    });
  }
}

/** Trailers that waited for a dock door and leave by `t1`: their parcels are on the road from their departS. */
export function releaseDoorDepartures(context: LineHaulContext, t1: number): void {
  const { trailers } = context.state;
  const tc = trailers.columns;
  const c = context.state.parcels.columns;
  for (let i = trailers.atDoorCount - 1; i >= 0; i--) {
    const trailer = trailers.atDoor[i];
    if (tc.departS[trailer] > t1) continue;
    context.departures.note(
      trailer,
      tc.head[trailer],
      tc.count[trailer],
      tc.leg[trailer],
      tc.departS[trailer],
    );
    trailers.leaveDoor(i);
  }
  context.departures.markAll(c, trailers);
}

/**
 * Lists the loads of trailers `trailers[0, n)` into `walk` (its heads and counts set): its
 * `slots` and `from` as its walk would set them. Each load comes from what its departure kept;
 * a trailer that kept none (one on the road when its run was restored or copied) is walked, with
 * any others like it (`unkeptWalk`).
 */
function listLoads(
  walk: RunWalk,
  unkeptWalk: RunWalk,
  pool: TrailerPool,
  trailers: Int32Array,
  n: number,
  next: Int32Array,
): void {
  let total = 0;
  let unkept = 0;
  for (let k = 0; k < n; k++) {
    total += walk.count[k];
    if (pool.getKeptLoad(trailers[k]) !== null) continue;
    unkeptWalk.ensureRuns(unkept + 1);
    unkeptWalk.head[unkept] = walk.head[k];
    unkeptWalk.count[unkept] = walk.count[k];
    unkept++;
  }
  if (unkept > 0) unkeptWalk.walk(next, unkept);
  if (walk.slots.length < total) walk.slots = new Int32Array(Math.max(total, 2 * walk.slots.length));
  let from = 0;
  let j = 0;
  for (let k = 0; k < n; k++) {
    const count = walk.count[k];
    const kept = pool.getKeptLoad(trailers[k]);
    walk.from[k] = from;
    if (kept !== null) walk.slots.set(kept.subarray(0, count), from);
    else {
      walk.slots.set(unkeptWalk.slots.subarray(unkeptWalk.from[j], unkeptWalk.from[j] + count), from);
      j++;
    }
    from += count;
  }
}

// The trailers a step unloads and their loads, listed together (the model runs on one thread).
const unloading = new RunWalk();
const unkeptLoads = new RunWalk();
let unloadingTrailers = new Int32Array(64);
let unloadingS = new Float64Array(64);

/**
 * Unloads every trailer that reached its door by t1 onto its facility's sort queue. The trailers
 * are taken first, then their loads listed (as their departures kept them: listLoads), then each
 * load is stamped and spliced on, trailer by trailer as they were taken. Walking the loads again,
 * even together (RunWalk), cost ~2.5 s of a full-scale sim day: a cache miss a parcel.
 */
export function unloadArrivals(context: LineHaulContext, t1: number): void {
  const { state } = context;
  const { trailers, queues, kpis } = state;
  const c = state.parcels.columns;
  const tc = trailers.columns;
  let n = 0;
  for (let trailer = trailers.peekArrival(); trailer >= 0; trailer = trailers.peekArrival()) {
    let arriveS = tc.arriveS[trailer];
    if (arriveS > t1) break;
    trailers.popArrival();
    if (tc.dock[trailer] !== DOCK_UNLOAD_TAKEN) {
      // Its turn at a door: at once, or in the yard until the first door frees up.
      const unloadS = state.dockDoors.take(tc.destinationFacility[trailer], arriveS);
      tc.dock[trailer] = DOCK_UNLOAD_TAKEN;
      if (unloadS > arriveS) {
        kpis.cumulative[K.trailersWaitedForDoor] += 1;
        kpis.cumulative[K.doorWaitHoursSum] += (unloadS - arriveS) / 3600;
        tc.arriveS[trailer] = unloadS;
        arriveS = unloadS;
        if (unloadS > t1) {
          trailers.requeueArrival(trailer);
          continue;
        }
      }
    }
    if (n === unloadingTrailers.length) {
      unloadingTrailers = growTypedArray(unloadingTrailers, 2 * n);
      unloadingS = growTypedArray(unloadingS, 2 * n);
    }
    unloadingTrailers[n] = trailer;
    unloadingS[n] = arriveS;
    n++;
  }
  if (n === 0) return;
  unloading.ensureRuns(n);
  for (let k = 0; k < n; k++) {
    unloading.head[k] = tc.head[unloadingTrailers[k]];
    unloading.count[k] = tc.count[unloadingTrailers[k]];
  }
  listLoads(unloading, unkeptLoads, trailers, unloadingTrailers, n, c.next);
  const slots = unloading.slots;
  for (let k = 0; k < n; k++) {
    const trailer = unloadingTrailers[k];
    const arriveS = unloadingS[k];
    const toStation = tc.leg[trailer] === LEG_SORT_CENTER_TO_STATION;
    const stage = toStation ? STAGE_AWAITING_STATION_SORT : STAGE_AWAITING_SC_SORT;
    const event = toStation ? EVENT_ARRIVED_STATION : EVENT_ARRIVED_SC;
    const destination = tc.destinationFacility[trailer];
    const queue = getQueueId(destination, QUEUE_SORT);
    const count = unloading.count[k];
    let ahead = queues.count[queue];
    for (let i = unloading.from[k]; i < unloading.from[k] + count; i++) {
      const slot = slots[i];
      c.stage[slot] = stage;
      writeEventTime(c, slot, event, arriveS);
      // A parcel may cross several sortation centres; the trace keeps the latest visit.
      if (!toStation) clearEventTime(c, slot, EVENT_DEPARTED_SC);
      recordQueueJoined(
        state.journal,
        slot,
        toStation ? 'stationSort' : 'sortCenterSort',
        arriveS,
        destination,
        ahead++,
      );
    }
    // Splice the trailer's list onto the facility's sort queue in one go.
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
