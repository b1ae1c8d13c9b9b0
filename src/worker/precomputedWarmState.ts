/**
 * Makes a warm state (warmState.ts) as the worker would reach it: a SimHost in this thread is
 * sent the page's `init` and its seek to the run's start, exactly as a page opening the link
 * sends them, and the state the seek's replay ends in is read off it. Node runs it at build time
 * (scripts/warmStatePlugin.ts); tests run it at a small scale.
 */
import { restoreSimulation, type TripBatch } from '../sim/simulation';
import { PROTOCOL_VERSION, type WorkerMessage } from './protocol';
import { SimHost } from './simHost';
import { KpiTickWriter } from './tickMessages';
import { concatTripBatches } from './tripSieve';
import {
  WARM_STATE_FORMAT,
  type WarmHours,
  type WarmState,
  type WarmStateKey,
  type WarmTrips,
} from './warmState';

/** The warm state of the run `key` names: its replay from the start to `key.timeS`, run here. */
export function computeWarmState(key: WarmStateKey): WarmState {
  const sent: WorkerMessage[] = [];
  const host = new SimHost(
    { post: (message) => sent.push(message) },
    // No slices run: the seek is one message, and the run then has no work.
    { schedule: () => {}, scheduleAfter: () => {}, nowMs: () => 0, nowEpochMs: () => 0 },
  );
  host.receive({
    type: 'init',
    version: PROTOCOL_VERSION,
    params: key.params,
    seed: key.seed,
    startTimeS: key.timeS,
  });
  const seekFrom = sent.length;
  host.receive({ type: 'seek', timeS: key.timeS });
  const answer = sent.slice(seekFrom);
  const problem = answer.find((message) => message.type === 'error' || message.type === 'rejected');
  if (problem) throw new Error(`The warm-up failed: ${JSON.stringify(problem).slice(0, 300)}`);
  const model = host.model;
  const facilityHours = host.saveFacilityHours();
  if (!facilityHours) throw new Error('The warm-up left no run');
  if (!model || model.timeS !== key.timeS)
    throw new Error(`The warm-up ended at ${model?.timeS} s, not ${key.timeS} s`);
  const trips = answer.filter((message) => message.type === 'trips');
  if (trips.length !== 1) throw new Error(`The warm-up's seek sent ${trips.length} trips messages, not 1`);
  return {
    format: WARM_STATE_FORMAT,
    ...key,
    snapshot: model.snapshot(),
    trips: (trips[0] as { batch: TripBatch }).batch,
    facilityHours,
  };
}

/**
 * The hours the run `state` opens on carries to the charts: those the tick after its restore
 * sends (a fresh writer sends every hour), read off the restored model as the worker reads them.
 */
export function computeWarmHours(state: WarmState): WarmHours {
  const { fingerprint, params, seed, timeS } = state;
  const hours = new KpiTickWriter().writeHours(restoreSimulation(state.snapshot));
  return { format: WARM_STATE_FORMAT, fingerprint, params, seed, timeS, hours };
}

/**
 * The opening trips file holds the trips of the state's that depart within this much sim time of
 * its time (and those on the road): all a map draws before the run moves. The state's other
 * trips (at the default scale 80% of 48,500: carrier pick-ups planned hours ahead) come with the
 * state; in the file, their bytes were read on the worker's thread after the network's build,
 * 0.3-0.5 s before the first vehicles could be posted.
 */
export const OPENING_TRIPS_SPAN_S = 1800;

/**
 * The trips the run `state` opens on that the map draws first, those departing before `spanS`
 * past its time (see OPENING_TRIPS_SPAN_S), sent with `ready` (WarmTrips); the seek that
 * restores the state sends them all.
 */
export function computeWarmTrips(state: WarmState, spanS = OPENING_TRIPS_SPAN_S): WarmTrips {
  const { fingerprint, params, seed, timeS } = state;
  const picked = new Uint32Array(state.trips.length);
  let count = 0;
  for (let trip = 0; trip < state.trips.length; trip++)
    if (state.trips.departS[trip] < timeS + spanS) picked[count++] = trip;
  const trips = concatTripBatches([state.trips], [picked.subarray(0, count)]);
  return { format: WARM_STATE_FORMAT, fingerprint, params, seed, timeS, trips };
}
