/**
 * The only place the model runs in the browser: SimHost (the worker's logic, tested in Node)
 * connected to this worker's messages.
 */
/// <reference lib="webworker" />
import { SimHost, WORKER_SCHEDULER } from './simHost';

declare const self: DedicatedWorkerGlobalScope;

const host = new SimHost(
  { post: (message, transfer) => self.postMessage(message, transfer) },
  WORKER_SCHEDULER,
);
self.onmessage = (event: MessageEvent<unknown>) => host.receive(event.data);
// What the soak benchmark reads over the DevTools protocol (scripts/bench/soak.ts): the worker's
// memory apart from the snapshots it keeps for scrubbing, and what it has posted to the page.
(self as DedicatedWorkerGlobalScope & { parcelscopeWorker?: unknown }).parcelscopeWorker = {
  getSnapshotStats: () => host.getSnapshotStats(),
  getPosted: () => ({ ...host.posted }),
};
