/**
 * Delivery stations: trucks from the sortation centers unload into the station's sort queue; the
 * station sorts parcels to routes (stationSortRatePerHour) and they wait, ready, for the last mile.
 * The last mile (lastMile/) takes the ready queue at each dispatch wave (firstWaveHour, local,
 * and the waves around it) and gives every parcel a carrier.
 */
import { KPI_INDEX as K, type KpiRecorder } from './kpis';
import type { LastMile } from './lastMile/lastMile';
import type { LastMileHost } from './lastMile/lastMileState';
import type { NetworkModel } from './network';
import type { Params } from './params';
import { EVENT_READY_AT_STATION, STAGE_READY_AT_STATION } from './kinds';
import { recordQueueJoined } from './parcelJournal';
import { RunWalk, writeEventTime } from './parcels';
import { CAP_SORT, QUEUE_READY, QUEUE_SORT, getQueueId } from './queueLayout';
import { getStepCapacity, updateThroughput } from './stepCapacity';

/** What the station stage reads, and the state it may change (its queues, KPIs, throughput, and the last mile's). */
export interface StationContext {
  readonly model: NetworkModel;
  readonly params: Params;
  readonly seed: number;
  /** Runs the dispatch waves (lastMile/). */
  readonly lastMile: Pick<LastMile, 'runWaves'>;
  readonly state: LastMileHost & {
    readonly kpis: KpiRecorder;
    readonly throughputPerHour: Float32Array;
  };
}

// The stations' sort runs of a step, listed together (the model runs on one thread).
const sorting = new RunWalk();

export function runStations(context: StationContext, t0: number, t1: number, dt: number): void {
  const { model, params, state, seed } = context;
  const { queues, kpis } = state;
  const c = state.parcels.columns;
  const next = c.next;
  const rate = params.stationSortRatePerHour * params.scale * (dt / 3600);
  // Dispatch waves first: a wave takes the parcels sorted before it, then sorting goes on.
  context.lastMile.runWaves(t0, t1, state, params);
  const cumulative = kpis.cumulative;
  cumulative[K.handedToLastMile] =
    cumulative[K.assignedVan] +
    cumulative[K.assignedFlex] +
    cumulative[K.assignedUsps] +
    cumulative[K.assignedRegional];
  const stationIds = model.stationIds;
  // Each station's sort takes its queue's oldest parcels: their lists walked together first
  // (RunWalk: the walks' cache misses in flight at once), then stamped station by station.
  sorting.ensureRuns(stationIds.length);
  for (let k = 0; k < stationIds.length; k++) {
    const id = stationIds[k];
    const sortQueue = getQueueId(id, QUEUE_SORT);
    sorting.head[k] = queues.head[sortQueue];
    sorting.count[k] = Math.min(queues.count[sortQueue], getStepCapacity(seed, rate, id, CAP_SORT, t0));
  }
  sorting.walk(next, stationIds.length);
  const slots = sorting.slots;
  for (let k = 0; k < stationIds.length; k++) {
    const id = stationIds[k];
    const sortQueue = getQueueId(id, QUEUE_SORT);
    const readyQueue = getQueueId(id, QUEUE_READY);
    const n = sorting.count[k];
    const from = sorting.from[k];
    const ahead = queues.count[readyQueue];
    if (n > 0) queues.moveOldest(next, sortQueue, readyQueue, n, slots[from + n - 1]);
    let clickToStationH = 0;
    for (let i = 0; i < n; i++) {
      const slot = slots[from + i];
      const t = t0 + ((i + 1) / n) * dt;
      writeEventTime(c, slot, EVENT_READY_AT_STATION, t);
      clickToStationH += (t - c.orderedS[slot]) / 3600;
      c.stage[slot] = STAGE_READY_AT_STATION;
      recordQueueJoined(state.journal, slot, 'ready', t, id, ahead + i);
    }
    kpis.cumulative[K.readyAtStation] += n;
    kpis.cumulative[K.clickToStationHoursSum] += clickToStationH;
    updateThroughput(state.throughputPerHour, id, n, dt);
  }
}
