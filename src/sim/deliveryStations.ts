/**
 * Delivery stations: trucks from the sortation centers unload into the station's sort queue; the
 * station sorts parcels to routes (stationSortRatePerHour) and they wait, ready, for the last mile.
 * The last mile (lastMile/) takes the ready queue at each dispatch wave (firstWaveHour, local,
 * and the waves around it) and gives every parcel a carrier.
 */
import type { Engine } from './engine';
import { KPI_INDEX as K } from './kpis';
import { EVENT_READY_AT_STATION, STAGE_READY_AT_STATION } from './kinds';
import { recordQueueJoined } from './parcelJournal';
import { writeEventTime } from './parcels';
import { CAP_SORT, FACILITY_QUEUES, QUEUE_READY, QUEUE_SORT } from './queueLayout';

export function runStations(engine: Engine, t0: number, t1: number, dt: number): void {
  const { model, params, state } = engine;
  const { queues, kpis } = state;
  const c = state.parcels.columns;
  const next = c.next;
  const rate = params.stationSortRatePerHour * params.scale * (dt / 3600);
  // Dispatch waves first: a wave takes the parcels sorted before it, then sorting goes on.
  engine.lastMile.params = params;
  engine.lastMile.runWaves(t0, t1, state);
  const cumulative = kpis.cumulative;
  cumulative[K.handedToLastMile] =
    cumulative[K.assignedVan] +
    cumulative[K.assignedFlex] +
    cumulative[K.assignedUsps] +
    cumulative[K.assignedRegional];
  const stationIds = model.stationIds;
  for (let i = 0; i < stationIds.length; i++) {
    const id = stationIds[i];
    const sortQueue = id * FACILITY_QUEUES + QUEUE_SORT;
    const readyQueue = id * FACILITY_QUEUES + QUEUE_READY;
    const n = Math.min(queues.count[sortQueue], engine.capacity(rate, id, CAP_SORT, t0));
    let clickToStationH = 0;
    for (let i = 0; i < n; i++) {
      const slot = queues.shift(next, sortQueue);
      const t = t0 + ((i + 1) / n) * dt;
      writeEventTime(c, slot, EVENT_READY_AT_STATION, t);
      clickToStationH += (t - c.orderedS[slot]) / 3600;
      c.stage[slot] = STAGE_READY_AT_STATION;
      queues.push(next, readyQueue, slot);
      recordQueueJoined(state.journal, slot, 'ready', t, id, queues.count[readyQueue] - 1);
    }
    kpis.cumulative[K.readyAtStation] += n;
    kpis.cumulative[K.clickToStationHoursSum] += clickToStationH;
    engine.updateThroughput(id, n, dt);
  }
}
