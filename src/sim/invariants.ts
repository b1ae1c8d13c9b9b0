/**
 * The model's invariants, checked by walking every queue and truck (tests call this through
 * Simulation.checkInvariants; it costs a pass over all parcels, so the step never does).
 */
import { checkLastMileInvariants } from './lastMile/lastMileState';
import type { Engine } from './engine';
import { getPackBufferCapacity } from './fulfillmentCenters';
import { getTrailerCapacity, getTrailerParcelStage } from './trailers';
import { KPI_INDEX } from './kpis';
import { PARCEL_EVENTS, PARCEL_STAGES, STAGE_FREE } from './kinds';
import { EVENT_COUNT, EVENT_TICK_S, NO_PARCEL, readEventTime } from './parcels';
import { FACILITY_QUEUES, QUEUE_PACK, getQueueId } from './queueLayout';

/**
 * Every ordered parcel is in exactly one place (one queue or one truck) and its stage matches
 * that place; counts match the lists; nothing is negative; capacities hold; KPIs conserve parcels.
 */
export function checkEngineInvariants(engine: Engine): string[] {
  const errors: string[] = [];
  const { state, layout, model, params } = engine;
  const trailerCapacity = getTrailerCapacity(params);
  const packBuffer = getPackBufferCapacity(params);
  const c = state.parcels.columns;
  const seen = new Uint8Array(c.capacity);
  const visit = (head: number, count: number, where: string, allowed: (stage: number) => boolean) => {
    let n = 0;
    for (let slot = head; slot !== NO_PARCEL; slot = c.next[slot]) {
      if (seen[slot]) {
        errors.push(`parcel slot ${slot} is in two places (again in ${where})`);
        return;
      }
      seen[slot] = 1;
      if (!allowed(c.stage[slot]))
        errors.push(`parcel slot ${slot} in ${where} has stage ${PARCEL_STAGES[c.stage[slot]]}`);
      n++;
    }
    if (n !== count) errors.push(`${where} counts ${count} parcels but holds ${n}`);
    if (count < 0) errors.push(`${where} has a negative count ${count}`);
  };
  for (let q = 0; q < layout.size; q++) {
    const facility = q < layout.fcLaneBase ? model.network.facilities[Math.floor(q / FACILITY_QUEUES)] : null;
    const where = facility ? `${facility.name} queue ${q % FACILITY_QUEUES}` : `lane ${q}`;
    const expected = engine.queueStages[q];
    visit(
      state.queues.head[q],
      state.queues.count[q],
      where,
      (stage) => stage === expected && expected !== STAGE_FREE,
    );
    // A facility closed or offline (a network edit) handed its work on: it holds none.
    if (facility && !model.operating[facility.id] && state.queues.count[q] > 0)
      errors.push(`${where} holds ${state.queues.count[q]} parcels but ${facility.name} is not operating`);
    if (!facility && state.queues.count[q] > trailerCapacity) {
      errors.push(
        `${where} holds ${state.queues.count[q]} parcels, over the trailer capacity ${trailerCapacity}`,
      );
    }
  }
  for (const fc of model.fulfillmentCenterIds) {
    const count = state.queues.count[getQueueId(fc, QUEUE_PACK)];
    if (count > packBuffer) {
      errors.push(`pack buffer of facility ${fc} holds ${count}, over its capacity ${packBuffer}`);
    }
  }
  const trailers = state.trailers;
  for (let h = 0; h < trailers.heapSize; h++) {
    const trailer = trailers.heap[h];
    const stage = getTrailerParcelStage(trailers.columns, trailer);
    visit(
      trailers.columns.head[trailer],
      trailers.columns.count[trailer],
      `trailer ${trailer}`,
      (s) => s === stage,
    );
    // The load its departure kept for its unloading lists its parcels in order, as its list does.
    const kept = trailers.getKeptLoad(trailer);
    if (kept !== null) {
      let slot = trailers.columns.head[trailer];
      for (let k = 0; k < trailers.columns.count[trailer]; k++, slot = c.next[slot])
        if (kept[k] !== slot) {
          errors.push(
            `trailer ${trailer} kept parcel slot ${kept[k]} as its load's parcel ${k}, but ${slot} is`,
          );
          break;
        }
    }
    if (trailers.columns.arriveS[trailer] < trailers.columns.departS[trailer])
      errors.push(`trailer ${trailer} arrives before it departs`);
    if (!model.operating[trailers.columns.destinationFacility[trailer]])
      errors.push(
        `trailer ${trailer} heads for facility ${trailers.columns.destinationFacility[trailer]}, which is not operating`,
      );
  }
  errors.push(...checkLastMileInvariants(state.lastMile, state.parcels, seen));
  let live = 0;
  for (let slot = 0; slot < c.capacity; slot++) {
    if (c.stage[slot] === STAGE_FREE) continue;
    live++;
    if (!seen[slot])
      errors.push(`live parcel slot ${slot} (stage ${PARCEL_STAGES[c.stage[slot]]}) is in no queue or truck`);
    let last = Number.NEGATIVE_INFINITY;
    for (let e = 0; e < EVENT_COUNT; e++) {
      const t = readEventTime(c, slot, e, state.timeS + EVENT_TICK_S);
      if (Number.isNaN(t)) continue;
      // Stored times are rounded to EVENT_TICK_S: allow half a tick against the exact order time.
      if (t < last - EVENT_TICK_S / 2)
        errors.push(`parcel slot ${slot}: ${PARCEL_EVENTS[e]} at ${t} before an earlier event at ${last}`);
      if (t > state.timeS + EVENT_TICK_S / 2)
        errors.push(`parcel slot ${slot}: ${PARCEL_EVENTS[e]} at ${t} is after now (${state.timeS})`);
      last = t;
    }
  }
  if (live !== state.parcels.live)
    errors.push(`store counts ${state.parcels.live} live parcels, columns hold ${live}`);
  errors.push(...state.parcels.zones.check(c.stage));
  const k = state.kpis.cumulative;
  const left = k[KPI_INDEX.delivered];
  if (k[KPI_INDEX.ordered] !== live + left) {
    errors.push(`ordered ${k[KPI_INDEX.ordered]} != live ${live} + delivered ${left}`);
  }
  return errors;
}
