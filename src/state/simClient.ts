/**
 * The page's side of the model: owns the simulation worker, sends it commands and keeps what it
 * streams (network, trips, facility ticks) outside React. Render loops read `simView` directly;
 * React components subscribe to `appStore` slices that change a few times per second at most.
 */
import type { Params } from '../sim/params';
import type { TripBatch } from '../sim/simulation';
import {
  type FacilityStateColumns,
  type NetworkMessage,
  PROTOCOL_VERSION,
  type PageMessage,
  type TickKpis,
  type WorkerMessage,
} from '../worker/protocol';
import { kpiHistory } from './kpiHistory';
import { countTypedArrayBytes, perfStats } from './perfStats';
import { appStore, displayClock, pushNotice } from './store';

export interface Tick {
  timeS: number;
  facilities: FacilityStateColumns;
  kpis: TickKpis;
}

/** What the worker has told the page, read by render loops and panels. */
export const simView = {
  network: null as NetworkMessage | null,
  params: null as Params | null,
  seed: 0,
  /** The tick the display clock has reached (the latest with timeS <= display time). */
  currentTick: null as Tick | null,
  /** Ticks the worker sent ahead of the display clock, oldest first. */
  pendingTicks: [] as Tick[],
};

type Listener = () => void;
const networkListeners = new Set<Listener>();
const tickListeners = new Set<Listener>();
const tripListeners = new Set<(batch: TripBatch) => void>();
const resetListeners = new Set<Listener>();

export function onNetwork(listener: Listener): () => void {
  networkListeners.add(listener);
  return () => networkListeners.delete(listener);
}
export function onTick(listener: Listener): () => void {
  tickListeners.add(listener);
  return () => tickListeners.delete(listener);
}
/** Trips shown so far no longer hold (a new network, or a seek): drop them. */
export function onTripsReset(listener: Listener): () => void {
  resetListeners.add(listener);
  return () => resetListeners.delete(listener);
}
/** Hands trips to the map as if the worker had sent them (benchmarks drive the map with this). */
export function injectTrips(batch: TripBatch): void {
  for (const listener of tripListeners) listener(batch);
}

export function onTrips(listener: (batch: TripBatch) => void): () => void {
  tripListeners.add(listener);
  return () => tripListeners.delete(listener);
}

let worker: Worker | null = null;

function post(message: PageMessage): void {
  worker?.postMessage(message);
}

function fail(message: string): void {
  appStore.setState({ worker: { phase: 'error', progress: 0, message } });
  pushNotice('error', message);
}

function handleMessage(message: WorkerMessage): void {
  switch (message.type) {
    case 'progress':
      appStore.setState({
        worker: { phase: 'building', progress: message.fraction, message: message.phase },
      });
      break;
    case 'ready':
      perfStats.initReceivedMs = message.initReceivedAtEpochMs - performance.timeOrigin;
      perfStats.networkBuiltMs = message.builtAtEpochMs - performance.timeOrigin;
      simView.network = message.network;
      simView.params = message.params;
      simView.seed = message.seed;
      simView.pendingTicks.length = 0;
      simView.currentTick = null;
      kpiHistory.reset(message.kpiNames);
      displayClock.timeS = message.timeS;
      appStore.setState({
        params: message.params,
        worker: { phase: 'ready', progress: 1, message: 'Model ready' },
        displayTimeS: message.timeS,
        simulatedTimeS: message.timeS,
      });
      for (const listener of resetListeners) listener();
      for (const listener of networkListeners) listener();
      break;
    case 'trips':
      if (perfStats.firstTripsMs < 0) {
        perfStats.firstTripsMs = performance.now();
        perfStats.firstTripsPostedMs = message.postedAtEpochMs - performance.timeOrigin;
      }
      perfStats.tripMessages++;
      perfStats.tripBytes += countTypedArrayBytes(message.batch);
      for (const listener of tripListeners) listener(message.batch);
      break;
    case 'tick':
      perfStats.tickMessages++;
      perfStats.tickBytes += countTypedArrayBytes(message.facilities) + countTypedArrayBytes(message.kpis);
      simView.pendingTicks.push({ timeS: message.timeS, facilities: message.facilities, kpis: message.kpis });
      appStore.setState({ simulatedTimeS: message.timeS });
      break;
    case 'seeked':
      simView.pendingTicks.length = 0;
      kpiHistory.truncate(Math.floor(message.timeS / 3600));
      for (const listener of resetListeners) listener();
      displayClock.timeS = message.timeS;
      appStore.setState({ displayTimeS: message.timeS, simulatedTimeS: message.timeS });
      break;
    case 'paramsApplied':
      simView.params = message.params;
      appStore.setState({ params: message.params });
      if (message.rebuilt) pushNotice('info', 'The network was rebuilt for the new facility counts.');
      for (const error of message.errors) pushNotice('warning', error);
      break;
    case 'error':
      fail(`The model stopped: ${message.message}`);
      break;
  }
}

/** Starts the worker on the given scenario (and moves to `startTimeS`); once per page. */
export function startSimulation(params: Params, seed: number, startTimeS = 0): void {
  if (worker) return;
  try {
    worker = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module' });
  } catch (error) {
    fail(`The simulation worker could not start (${(error as Error).message}).`);
    return;
  }
  worker.onmessage = (event: MessageEvent<WorkerMessage>) => handleMessage(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    fail(
      `The simulation worker failed: ${event.message || 'unknown error'}. The page keeps what it has shown.`,
    );
  };
  worker.onmessageerror = () => fail('A message from the simulation worker could not be read.');
  perfStats.initPostedMs = performance.now();
  post({ type: 'init', version: PROTOCOL_VERSION, params, seed });
  if (startTimeS > 0) post({ type: 'seek', timeS: startTimeS });
}

export function requestAdvance(displayTimeS: number, lookaheadS: number, tickIntervalS: number): void {
  post({ type: 'advance', displayTimeS, lookaheadS, tickIntervalS });
}

export function requestParams(partial: Partial<Params>): void {
  post({ type: 'setParams', partial });
}

export function requestSeek(timeS: number): void {
  post({ type: 'seek', timeS });
}

/** Fault drill used by the e2e suite: the worker throws and the page must say so. */
export function requestCrash(): void {
  post({ type: 'crash' });
}

/** Moves ticks the display clock has reached into `currentTick`; returns whether it changed. */
export function applyDueTicks(displayTimeS: number): boolean {
  let changed = false;
  while (simView.pendingTicks.length > 0 && simView.pendingTicks[0].timeS <= displayTimeS) {
    const tick = simView.pendingTicks.shift();
    if (!tick) break;
    simView.currentTick = tick;
    kpiHistory.setRows(tick.kpis.firstHour, tick.kpis.hourRows);
    kpiHistory.setCumulative(tick.timeS, tick.kpis.cumulative);
    changed = true;
  }
  if (changed) for (const listener of tickListeners) listener();
  return changed;
}
