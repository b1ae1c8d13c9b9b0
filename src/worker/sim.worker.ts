/**
 * The only place the model runs in the browser: SimHost (the worker's logic, tested in Node)
 * connected to this worker's messages, and to the app's precomputed warm state (warmState.ts).
 */
/// <reference lib="webworker" />
import { WARM_STATE_FILE } from 'virtual:warm-state';
import { SimHost, type WarmStateSource, WORKER_SCHEDULER } from './simHost';
import { isWarmStateFor } from './warmState';

declare const self: DedicatedWorkerGlobalScope;

/**
 * A file slower than this (a slow link: it is ~25 MB at the default scale) is given up for the
 * replay, which takes about this long on a 2-core machine.
 */
const WARM_STATE_FETCH_TIMEOUT_MS = 5000;

/**
 * The network's build waits for the warm state's hours (a few kB) at most this long: on a slow
 * link the charts then fill with the state instead (or the replay).
 */
const WARM_HOURS_FETCH_TIMEOUT_MS = 400;

async function fetchWarmState(
  url: string,
  timeoutMs = WARM_STATE_FETCH_TIMEOUT_MS,
): Promise<ArrayBuffer | null> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  // 204: the dev server is still making it.
  if (!response.ok || response.status === 204) return null;
  return response.arrayBuffer();
}

/** Least time the state's fetch is given, however long the trips took before it (SimHost asks after them). */
const WARM_STATE_MIN_FETCH_MS = 1000;

function getWarmStates(file: typeof WARM_STATE_FILE): WarmStateSource | null {
  if (!file) return null;
  const url = new URL(file.url, self.location.href).href;
  const hoursUrl = new URL(file.hoursUrl, self.location.href).href;
  const tripsUrl = new URL(file.tripsUrl, self.location.href).href;
  // The trips and the state share one deadline from when the trips are asked for: the state is
  // asked for once they are in, and a slow link should still fall back to the replay after about
  // WARM_STATE_FETCH_TIMEOUT_MS, not twice that.
  let deadlineMs = Number.POSITIVE_INFINITY;
  return {
    fingerprint: file.fingerprint,
    load: (init) =>
      isWarmStateFor(file, init)
        ? fetchWarmState(
            url,
            Number.isFinite(deadlineMs)
              ? Math.max(WARM_STATE_MIN_FETCH_MS, deadlineMs - performance.now())
              : WARM_STATE_FETCH_TIMEOUT_MS,
          )
        : null,
    loadHours: (init) =>
      isWarmStateFor(file, init) ? fetchWarmState(hoursUrl, WARM_HOURS_FETCH_TIMEOUT_MS) : null,
    // Sent when here, if the state has not overtaken them (its seek then sent the trips itself).
    loadTrips: (init) => {
      if (!isWarmStateFor(file, init)) return null;
      deadlineMs = performance.now() + WARM_STATE_FETCH_TIMEOUT_MS;
      return fetchWarmState(tripsUrl);
    },
  };
}

const host = new SimHost(
  { post: (message, transfer) => self.postMessage(message, transfer) },
  WORKER_SCHEDULER,
  getWarmStates(WARM_STATE_FILE),
);
self.onmessage = (event: MessageEvent<unknown>) => host.receive(event.data);
// What the soak benchmark reads over the DevTools protocol (scripts/bench/soak.ts): the worker's
// memory apart from the snapshots it keeps for scrubbing, and what it has posted to the page.
(self as DedicatedWorkerGlobalScope & { parcelscopeWorker?: unknown }).parcelscopeWorker = {
  getSnapshotStats: () => host.getSnapshotStats(),
  getPosted: () => ({ ...host.posted }),
};
