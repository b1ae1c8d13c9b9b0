/**
 * Line-haul: a lane's load leaves as one trailer on one truck (one trip for the map, timed along
 * the highway graph with traffic, weather and hours of service), and trucks arriving by the end
 * of a step unload into their destination's sort queue, in arrival order.
 */
import type { Engine } from './engine';
import { KPI_INDEX as K } from './kpis';
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
import { clearEventTime, NO_PARCEL, writeEventTime } from './parcels';
import { FACILITY_QUEUES, QUEUE_SORT } from './queueLayout';
import { LEG_FC_TO_SORT_CENTER, LEG_SORT_CENTER_TO_STATION, LEG_SORT_CENTER_TRANSFER } from './trailers';
import { isSoloDrive, TEAM_DRIVER_COST_PER_MILE_USD, writeLineHaulTrip } from './trips';
import { KM_PER_MILE } from './geo';

/** Sends a lane's load (at most one trailer's worth, oldest first) on a truck: one trip on the map. */
export function departLane(
  engine: Engine,
  lane: number,
  origin: number,
  destination: number,
  leg: number,
  departS: number,
): void {
  const { params, state } = engine;
  const { queues, kpis } = state;
  const c = state.parcels.columns;
  const head = queues.head[lane];
  let tail = queues.tail[lane];
  let count = queues.count[lane];
  if (count > engine.trailerCapacity) {
    // Cut the list after the first trailer's worth; the rest keeps loading.
    count = engine.trailerCapacity;
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
  const route = engine.routes.getRoute(origin, destination);
  const soloDriver = isSoloDrive(
    params.lineHaulDrivers,
    route,
    params.truckSpeedMph,
    params.roadDistanceFactor,
  );
  const vertexCount = writeLineHaulTrip(engine.positionScratch, engine.offsetScratch, route, departS, {
    truckSpeedMph: params.truckSpeedMph,
    roadDistanceFactor: params.roadDistanceFactor,
    rushHourSpeedFactor: params.rushHourSpeedFactor,
    regionSpeedFactor: state.regionSpeedFactor,
    soloDriver,
  });
  const arriveS = departS + engine.offsetScratch[vertexCount - 1];
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
    engine.positionScratch,
    engine.offsetScratch,
    vertexCount,
  );
  const miles = (route.totalKm * params.roadDistanceFactor) / KM_PER_MILE;
  kpis.cumulative[K.lineHaulTrips] += 1;
  kpis.cumulative[K.lineHaulMiles] += miles;
  kpis.cumulative[K.lineHaulCostUsd] +=
    miles * (params.truckCostPerMileUsd + (soloDriver ? 0 : TEAM_DRIVER_COST_PER_MILE_USD));
  kpis.cumulative[K.trailerFillSum] += Math.min(1, count / engine.trailerCapacity);
  kpis.cumulative[
    leg === LEG_FC_TO_SORT_CENTER
      ? K.lineHaul
      : leg === LEG_SORT_CENTER_TRANSFER
        ? K.lineHaulTransfer
        : K.lineHaulToStation
  ] += count;
}

export function unloadArrivals(engine: Engine, t1: number): void {
  const { state } = engine;
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
