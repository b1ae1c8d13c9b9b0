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
    { schedule: () => {}, nowMs: () => 0, nowEpochMs: () => 0 },
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

/** The trips the run `state` opens on (its seek's trips message), sent with `ready` (WarmTrips). */
export function computeWarmTrips(state: WarmState): WarmTrips {
  const { fingerprint, params, seed, timeS, trips } = state;
  return { format: WARM_STATE_FORMAT, fingerprint, params, seed, timeS, trips };
}
