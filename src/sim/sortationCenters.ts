/**
 * Sortation centers: sort arriving parcels into a trailer for their station (when this is the
 * station's parent) or for the next sortation center on the way (getNextSortCenter); trailers
 * leave full, or at scheduled departures (stations: any load; transfers: minimum fill or hold limit).
 */
import { KPI_INDEX as K } from './kpis';
import { EVENT_ARRIVED_SC, STAGE_AT_SC_DOCK } from './kinds';
import { getNextSortCenter } from './network';
import { readEventTime, RunWalk } from './parcels';
import { CAP_SORT, QUEUE_SORT, type QueueLayout, getQueueId } from './queueLayout';
import { crossesSchedule, getLastScheduledS, getSortCenterDepartureIntervalS } from './schedules';
import { getStepCapacity, updateThroughput } from './stepCapacity';
import { getTrailerCapacity, LEG_SORT_CENTER_TO_STATION, LEG_SORT_CENTER_TRANSFER } from './trailers';
import { departLane, type LineHaulContext } from './lineHaul';

/** What the sortation stage reads, and the state it may change besides line-haul's (throughput). */
export interface SortCenterContext extends LineHaulContext {
  readonly seed: number;
  readonly layout: QueueLayout;
  /** Per sortation-center facility id: indices of the stations it serves. */
  readonly scStations: readonly Int32Array[];
  readonly state: LineHaulContext['state'] & { readonly throughputPerHour: Float32Array };
}

// The centres' sort runs of a step, listed together (the model runs on one thread).
const sorting = new RunWalk();

export function runSortCenters(context: SortCenterContext, t0: number, t1: number, dt: number): void {
  const { model, params, state, layout, seed } = context;
  const { queues, kpis } = state;
  const c = state.parcels.columns;
  const next = c.next;
  const rate = params.sortCenterRatePerHour * params.scale * (dt / 3600);
  const capacity = getTrailerCapacity(params);
  const intervalS = getSortCenterDepartureIntervalS(params);
  const minimum = params.minTrailerFill * capacity;
  const holdS = params.maxTrailerHoldH * 3600;
  const scList = model.sortationCenterIds;
  // A sort rate a network edit set replaces the mean site's rate scaled to this one.
  const getSortRate = (sc: number) => {
    const edited = model.facilityCapacity[sc];
    return Number.isNaN(edited) ? rate * model.sortCenterSize[sc] : edited * params.scale * (dt / 3600);
  };
  // Each centre's sort takes its queue's oldest parcels: their lists walked together first
  // (RunWalk: the walks' cache misses in flight at once), then sorted centre by centre.
  sorting.ensureRuns(scList.length);
  for (let k = 0; k < scList.length; k++) {
    const sc = scList[k];
    const sortQueue = getQueueId(sc, QUEUE_SORT);
    sorting.head[k] = queues.head[sortQueue];
    sorting.count[k] = Math.min(
      queues.count[sortQueue],
      getStepCapacity(seed, getSortRate(sc), sc, CAP_SORT, t0),
    );
  }
  sorting.walk(next, scList.length);
  for (let k = 0; k < scList.length; k++) {
    const sc = scList[k];
    const sortQueue = getQueueId(sc, QUEUE_SORT);
    const transferBase = layout.transferLaneBase + model.kindIndex[sc] * layout.scCount;
    const n = sorting.count[k];
    const from = sorting.from[k];
    // The n parcels leave the queue as n shifts would, before their links change on the lanes.
    queues.dropOldest(sortQueue, n, sorting.after[k]);
    for (let i = 0; i < n; i++) {
      const slot = sorting.slots[from + i];
      const t = t0 + ((i + 1) / n) * dt;
      const station = c.destinationStation[slot];
      const hop = getNextSortCenter(model, sc, station);
      c.stage[slot] = STAGE_AT_SC_DOCK;
      if (hop < 0) {
        const lane = layout.scLaneBase + model.kindIndex[station];
        queues.push(next, lane, slot);
        if (queues.count[lane] >= capacity)
          departLane(context, lane, sc, station, LEG_SORT_CENTER_TO_STATION, t);
      } else {
        const lane = transferBase + model.kindIndex[hop];
        queues.push(next, lane, slot);
        if (queues.count[lane] >= capacity) departLane(context, lane, sc, hop, LEG_SORT_CENTER_TRANSFER, t);
      }
    }
    kpis.cumulative[K.sorted] += n;
    updateThroughput(state.throughputPerHour, sc, n, dt);
    if (crossesSchedule(t0, t1, model.facilityOffsetH[sc], 0, intervalS)) {
      const departS = getLastScheduledS(t1, model.facilityOffsetH[sc], 0, intervalS);
      const stationIndexList = context.scStations[sc];
      for (let j = 0; j < stationIndexList.length; j++) {
        const stationIndex = stationIndexList[j];
        const lane = layout.scLaneBase + stationIndex;
        if (queues.count[lane] > 0)
          departLane(context, lane, sc, model.stationIds[stationIndex], LEG_SORT_CENTER_TO_STATION, departS);
      }
      // Transfers to other sortation centres consolidate like FC lanes: minimum fill or hold limit.
      for (let s = 0; s < layout.scCount; s++) {
        const lane = transferBase + s;
        const count = queues.count[lane];
        if (count === 0) continue;
        const oldestS = readEventTime(c, queues.head[lane], EVENT_ARRIVED_SC, t1);
        if (count >= minimum || departS - oldestS >= holdS) {
          departLane(context, lane, sc, model.sortationCenterIds[s], LEG_SORT_CENTER_TRANSFER, departS);
        }
      }
    }
  }
  // The trailers that left, their parcels marked on the road together (DepartureMarks).
  context.departures.markAll(c, context.state.trailers);
}
