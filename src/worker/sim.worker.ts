/**
 * The only place the model runs in the browser. It builds the network on `init`, then simulates
 * ahead of the page's display clock inside a bounded window, streaming new trips and facility
 * ticks as transferred typed arrays. Snapshots every sim hour let the page scrub back: restore the
 * nearest one, replay deterministically.
 */
/// <reference lib="webworker" />
import { type Params, validateParams } from '../sim/params';
import { createSimulation, restoreSimulation, type SimSnapshot, type Simulation } from '../sim/simulation';
import { thinSnapshots } from './snapshotPolicy';
import {
  collectTransferables,
  type FacilityStateColumns,
  PROTOCOL_VERSION,
  type PageMessage,
  type TickKpis,
  type WorkerMessage,
} from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const SNAPSHOT_INTERVAL_S = 3600;
/** A seek restores this much before its target so vehicles already on the road reappear. */
const SEEK_LOOKBACK_S = 6 * 3600;
/** Sim time simulated right after a build, before the page asks for anything. */
const INITIAL_LOOKAHEAD_S = 2 * 3600;
/** Longest stretch of model work before the worker yields to read new messages, in wall ms. */
const SLICE_BUDGET_MS = 120;

let sim: Simulation | null = null;
let targetTimeS = 0;
let tickIntervalS = 300;
let nextTickS = 0;
let sliceScheduled = false;
/** Snapshots keyed by sim hour, for scrubbing back. */
const snapshots = new Map<number, SimSnapshot>();

function send(message: WorkerMessage): void {
  self.postMessage(message, collectTransferables(message));
}

function copyFacilityState(model: Simulation): FacilityStateColumns {
  const state = model.readFacilityState();
  // Copies, because the model reuses its columns on the next step and these are transferred.
  return {
    backlogParcels: state.backlogParcels.slice(),
    throughputPerHour: state.throughputPerHour.slice(),
    robotsBusy: state.robotsBusy.slice(),
    robotsTotal: state.robotsTotal.slice(),
    pickQueue: state.pickQueue.slice(),
    packQueue: state.packQueue.slice(),
    trailersAtDock: state.trailersAtDock.slice(),
    trailerFill: state.trailerFill.slice(),
    weatherSpeedFactor: state.weatherSpeedFactor.slice(),
  };
}

/** Completed hours already sent to the page. */
let hoursSent = 0;

function tickKpis(model: Simulation): TickKpis {
  const kpis = model.getKpis();
  const names = Object.keys(kpis.cumulative) as Array<keyof typeof kpis.cumulative>;
  const cumulative = new Float64Array(names.length);
  names.forEach((name, column) => {
    cumulative[column] = kpis.cumulative[name];
  });
  const firstHour = Math.min(hoursSent, kpis.hours);
  const hourRows = new Float64Array((kpis.hours - firstHour) * names.length);
  names.forEach((name, column) => {
    const series = kpis.hourly[name];
    for (let hour = firstHour; hour < kpis.hours; hour++) {
      hourRows[(hour - firstHour) * names.length + column] = series[hour];
    }
  });
  hoursSent = kpis.hours;
  // Optional until every model build reports the last mile.
  const lastMile = (kpis as { lastMile?: TickKpis['lastMile'] }).lastMile ?? null;
  return { cumulative, hourRows, firstHour, lastMile };
}

function emitTick(model: Simulation): void {
  const trips = model.drainTrips();
  if (trips.length > 0) {
    send({ type: 'trips', batch: trips, postedAtEpochMs: performance.timeOrigin + performance.now() });
  }
  send({ type: 'tick', timeS: model.timeS, facilities: copyFacilityState(model), kpis: tickKpis(model) });
}

function takeSnapshotIfDue(model: Simulation): void {
  const hour = Math.floor(model.timeS / SNAPSHOT_INTERVAL_S);
  if (model.timeS !== hour * SNAPSHOT_INTERVAL_S || snapshots.has(hour)) return;
  snapshots.set(hour, model.snapshot());
  thinSnapshots(snapshots, hour);
}

function runSlice(): void {
  sliceScheduled = false;
  const model = sim;
  if (!model) return;
  const startedMs = performance.now();
  while (model.timeS < targetTimeS && performance.now() - startedMs < SLICE_BUDGET_MS) {
    const nextSnapshotS = (Math.floor(model.timeS / SNAPSHOT_INTERVAL_S) + 1) * SNAPSHOT_INTERVAL_S;
    const stepTo = Math.min(targetTimeS, nextTickS, nextSnapshotS);
    model.advanceTo(stepTo);
    takeSnapshotIfDue(model);
    // Every hour boundary gets a tick too: the page records per-facility hourly rows from them.
    if (model.timeS >= nextTickS || model.timeS % SNAPSHOT_INTERVAL_S === 0) {
      emitTick(model);
      nextTickS = model.timeS + tickIntervalS;
    }
  }
  if (model.timeS < targetTimeS) scheduleSlice();
}

function scheduleSlice(): void {
  if (sliceScheduled) return;
  sliceScheduled = true;
  setTimeout(runSlice, 0);
}

/** A fork: continue another run's state with (possibly) new parameters. */
function initFromSnapshot(snapshot: SimSnapshot, params: Params): void {
  const initReceivedAtEpochMs = performance.timeOrigin + performance.now();
  const restored = restoreSimulation(snapshot);
  const { params: valid, errors } = validateParams(
    params as unknown as Record<string, unknown>,
    restored.params,
  );
  restored.setParams(valid);
  if (errors.length > 0) send({ type: 'paramsApplied', params: restored.params, rebuilt: false, errors });
  announce(restored, initReceivedAtEpochMs);
}

function init(params: Params, seed: number): void {
  const initReceivedAtEpochMs = performance.timeOrigin + performance.now();
  send({ type: 'progress', phase: 'Building the network', fraction: 0.1 });
  announce(createSimulation(params, seed), initReceivedAtEpochMs);
}

/** Takes `model` as the worker's run and tells the page: network, parameters, time. */
function announce(model: Simulation, initReceivedAtEpochMs: number): void {
  sim = model;
  const builtAtEpochMs = performance.timeOrigin + performance.now();
  snapshots.clear();
  // Keyed by sim hour; a fork's first snapshot is its start, not hour 0.
  snapshots.set(Math.floor(sim.timeS / SNAPSHOT_INTERVAL_S), sim.snapshot());
  const network = sim.network;
  send({
    type: 'ready',
    version: PROTOCOL_VERSION,
    network: {
      facilities: network.facilities,
      // Copies: the model keeps its own network for the rest of the run.
      highwayPaths: {
        length: network.highwayPaths.length,
        startIndices: network.highwayPaths.startIndices.slice(),
        positions: network.highwayPaths.positions.slice(),
      },
      serviceAreas: {
        stationId: network.serviceAreas.stationId.slice(),
        radiusKm: network.serviceAreas.radiusKm.slice(),
      },
    },
    params: sim.params,
    seed: sim.seed,
    timeS: sim.timeS,
    kpiNames: Object.keys(sim.getKpis().cumulative),
    initReceivedAtEpochMs,
    builtAtEpochMs,
  });
  hoursSent = 0;
  // A fork starts mid-run: its earlier hours are the parent's, sent as history all the same.
  nextTickS = sim.timeS;
  emitTick(sim);
  nextTickS = sim.timeS + tickIntervalS;
  // Start on the first window at once rather than wait for the page's first `advance`: while
  // the page starts WebGL its main thread may not run a frame for seconds.
  targetTimeS = sim.timeS + INITIAL_LOOKAHEAD_S;
  scheduleSlice();
}

function seek(timeS: number): void {
  if (!sim) return;
  // Restore from a few sim hours before the target, so the replay re-dispatches the trips still
  // on the road at that moment (the page drops the ones that have ended).
  const wantedHour = Math.floor(Math.max(0, timeS - SEEK_LOOKBACK_S) / SNAPSHOT_INTERVAL_S);
  let snapshotHour = -1;
  for (const hour of snapshots.keys()) {
    if (hour <= wantedHour && hour > snapshotHour) snapshotHour = hour;
  }
  if (snapshotHour < 0) snapshotHour = Math.min(...snapshots.keys());
  const snapshot = snapshots.get(snapshotHour);
  if (!snapshot) return;
  sim = restoreSimulation(snapshot);
  sim.advanceTo(Math.max(sim.timeS, timeS));
  send({ type: 'seeked', timeS: sim.timeS });
  // The page keeps the hours it had before the seek point; resend only what it dropped or never got.
  hoursSent = Math.min(hoursSent, Math.floor(sim.timeS / 3600));
  emitTick(sim);
  nextTickS = sim.timeS + tickIntervalS;
  targetTimeS = sim.timeS;
}

/**
 * The state at `timeS` (the page's display time, usually behind this worker): rebuilt from the
 * nearest kept snapshot in a scratch run, so the running model is not disturbed.
 */
function snapshotAt(model: Simulation, timeS: number): SimSnapshot {
  if (model.timeS <= timeS) {
    model.advanceTo(timeS);
    return model.snapshot();
  }
  let snapshotHour = -1;
  for (const hour of snapshots.keys()) {
    if (hour * SNAPSHOT_INTERVAL_S <= timeS && hour > snapshotHour) snapshotHour = hour;
  }
  const kept = snapshots.get(snapshotHour);
  if (!kept) return model.snapshot();
  const scratch = restoreSimulation(kept);
  scratch.advanceTo(timeS);
  return scratch.snapshot();
}

function handle(message: PageMessage): void {
  switch (message.type) {
    case 'init': {
      if (message.version !== PROTOCOL_VERSION) {
        send({
          type: 'error',
          message: `The page speaks protocol ${message.version}, this worker ${PROTOCOL_VERSION}. Reload the page.`,
        });
        return;
      }
      const { params, errors } = validateParams(message.params as unknown as Record<string, unknown>);
      if (errors.length > 0) send({ type: 'paramsApplied', params, rebuilt: false, errors });
      init(params, message.seed);
      return;
    }
    case 'advance':
      tickIntervalS = message.tickIntervalS;
      targetTimeS = Math.max(targetTimeS, message.displayTimeS + message.lookaheadS);
      scheduleSlice();
      return;
    case 'setParams': {
      if (!sim) return;
      const { params, errors } = validateParams({ ...sim.params, ...message.partial });
      const { rebuilt } = sim.setParams(params);
      send({ type: 'paramsApplied', params: sim.params, rebuilt, errors });
      return;
    }
    case 'seek':
      seek(message.timeS);
      return;
    case 'initFromSnapshot': {
      if (message.version !== PROTOCOL_VERSION) {
        send({
          type: 'error',
          message: `Protocol ${message.version} is not this worker's ${PROTOCOL_VERSION}.`,
        });
        return;
      }
      initFromSnapshot(message.snapshot, message.params);
      return;
    }
    case 'snapshot':
      if (sim) send({ type: 'snapshot', snapshot: snapshotAt(sim, message.atTimeS) });
      return;
    case 'crash':
      throw new Error('Fault drill: the worker was asked to crash');
  }
}

self.onmessage = (event: MessageEvent<PageMessage>) => {
  try {
    handle(event.data);
  } catch (error) {
    const err = error as Error;
    send({ type: 'error', message: err.message, detail: err.stack });
  }
};
