/**
 * Delivery stations: trucks from the sortation centers unload into the station's sort queue; the
 * station sorts parcels to routes (stationSortRatePerHour) and they wait, ready, for the last mile.
 * Until the last mile (issue 4) consumes the ready queue, the station's first dispatch wave
 * (firstWaveHour, local) hands every ready parcel over and it leaves the model.
 */
import type { Engine } from './engine';
import { KPI_INDEX as K } from './kpis';
import { EVENT_READY_AT_STATION, STAGE_READY_AT_STATION } from './kinds';
import { writeEventTime } from './parcels';
import { CAP_SORT, FACILITY_QUEUES, QUEUE_READY, QUEUE_SORT } from './queueLayout';

export function runStations(engine: Engine, t0: number, t1: number, dt: number): void {
  const { model, params, state } = engine;
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
    if (engine.crosses(t0, t1, model.facilityOffsetH[id], params.firstWaveHour * 3600, 86400)) {
      const handed = queues.count[readyQueue];
      while (queues.count[readyQueue] > 0) state.parcels.release(queues.shift(next, readyQueue));
      kpis.cumulative[K.handedToLastMile] += handed;
    }
    const n = Math.min(queues.count[sortQueue], engine.capacity(rate, id, CAP_SORT, t0));
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
    engine.updateThroughput(id, n, dt);
  }
}
