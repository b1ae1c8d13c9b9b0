/**
 * The only place the model runs in the browser. It builds the network on `init`, then simulates
 * ahead of the page's display clock inside a bounded window, streaming new trips and facility
 * ticks as transferred typed arrays. Snapshots every sim hour let the page scrub back: restore the
 * nearest one, replay deterministically.
 */
/// <reference lib="webworker" />
import { type Params, validateParams } from '../sim/params';
import { explainJourney } from '../sim/journey';
import { type OrderSpec, type PlacedOrder, validateOrderSpec } from '../sim/placedOrders';
import { createSimulation, restoreSimulation, type SimSnapshot, type Simulation } from '../sim/simulation';
import { ChangeTimeline, type ReplayHooks } from './changeTimeline';
import { FacilityHourRecorder } from './facilityHours';
import { thinSnapshots } from './snapshotPolicy';
import {
  collectTransferables,
  FACILITY_LEVEL_COLUMNS,
  type FacilityStateColumns,
  type NetworkMessage,
  type OrderTrace,
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
/** The page's display clock as of its last `advance` (snapshots near it are kept hourly). */
let displayTimeS = 0;
let tickIntervalS = 300;
let nextTickS = 0;
let sliceScheduled = false;
/** Snapshots keyed by sim hour, for scrubbing back. */
const snapshots = new Map<number, SimSnapshot>();
/** Orders a person can follow at once (each is traced on every tick). */
const MAX_PLACED_ORDERS = 10;
/** The page's changes (parameters, orders) at their sim times: every replay makes them again. */
const timeline = new ChangeTimeline();
/** Replays record the per-facility hours they cross and restart them on a rebuild. */
const RECORDING_REPLAY: ReplayHooks = { advance: advanceRecording, setParams: applyParams };
/** Per-facility delivery figures per sim hour, and the facility the page has selected. */
const facilityHours = new FacilityHourRecorder();
let focusedFacility = -1;
/** Hours of the focused facility already sent to the page. */
let focusHoursSent = 0;
/** A change rewinds at most this far back; beyond it the change applies where the model is. */
const MAX_REWIND_S = 3 * 3600;

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
  send({
    type: 'tick',
    timeS: model.timeS,
    facilities: copyFacilityState(model),
    kpis: tickKpis(model),
    orders: traceOrders(model),
  });
  if (model === sim) sendFocusedFacilityHours();
}

function takeSnapshotIfDue(model: Simulation): void {
  const hour = Math.floor(model.timeS / SNAPSHOT_INTERVAL_S);
  if (model.timeS !== hour * SNAPSHOT_INTERVAL_S || snapshots.has(hour)) return;
  snapshots.set(hour, model.snapshot());
  thinSnapshots(snapshots, hour, Math.floor(displayTimeS / SNAPSHOT_INTERVAL_S));
}

/**
 * Advances `model` to `timeS`, closing each sim hour of the per-facility history on the way
 * (a replay crosses many hours in one call).
 */
function advanceRecording(model: Simulation, timeS: number): void {
  while (model.timeS < timeS) {
    const nextHourS = (Math.floor(model.timeS / SNAPSHOT_INTERVAL_S) + 1) * SNAPSHOT_INTERVAL_S;
    const stopS = Math.min(timeS, nextHourS);
    model.advanceTo(stopS);
    if (model.timeS === nextHourS) {
      const state = model.readFacilityState();
      facilityHours.closeHour(nextHourS / SNAPSHOT_INTERVAL_S - 1, model.readFacilityDeliveries().values, [
        state.throughputPerHour,
        state.backlogParcels,
      ]);
    }
    // advanceTo runs whole steps only: a target inside a step is as far as it goes.
    if (model.timeS < stopS) return;
  }
}

/** Starts the per-facility history over from `model` now (a new run, a fork, a rebuild). */
function resetFacilityHours(model: Simulation): void {
  const ledger = model.readFacilityDeliveries();
  facilityHours.reset(
    Math.floor(model.timeS / SNAPSHOT_INTERVAL_S),
    ledger.values,
    ledger.columns.length,
    FACILITY_LEVEL_COLUMNS.length,
  );
  focusHoursSent = 0;
}

/** Makes a parameter change; a rebuild renumbers facilities, so their history starts again. */
function applyParams(model: Simulation, params: Params): void {
  const networkBefore = model.network;
  model.setParams(params);
  if (model.network !== networkBefore) resetFacilityHours(model);
}

/** Sends the focused facility's hours the page does not have yet. */
function sendFocusedFacilityHours(): void {
  if (focusedFacility < 0 || facilityHours.hours <= focusHoursSent) return;
  const { firstHour, hourRows } = facilityHours.readFacility(focusedFacility, focusHoursSent);
  focusHoursSent = facilityHours.hours;
  send({ type: 'facilityHours', facilityId: focusedFacility, firstHour, hourRows });
}

function runSlice(): void {
  sliceScheduled = false;
  const model = sim;
  if (!model) return;
  const startedMs = performance.now();
  while (model.timeS < targetTimeS && performance.now() - startedMs < SLICE_BUDGET_MS) {
    const nextSnapshotS = (Math.floor(model.timeS / SNAPSHOT_INTERVAL_S) + 1) * SNAPSHOT_INTERVAL_S;
    const stepTo = Math.min(targetTimeS, nextTickS, nextSnapshotS);
    advanceRecording(model, stepTo);
    takeSnapshotIfDue(model);
    // Every hour boundary gets a tick too, so each hour's KPI row reaches the page as it closes.
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

function describeNetwork(model: Simulation): NetworkMessage {
  const network = model.network;
  return {
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
      polygons: {
        startIndices: network.serviceAreas.polygons.startIndices.slice(),
        positions: network.serviceAreas.polygons.positions.slice(),
      },
    },
  };
}

/** Tells the page the parameters in force, and the new network when it changed. */
function sendParamsApplied(model: Simulation, networkBefore: Simulation['network'], errors: string[]): void {
  const rebuilt = model.network !== networkBefore;
  send({
    type: 'paramsApplied',
    params: model.params,
    rebuilt,
    errors,
    network: rebuilt ? describeNetwork(model) : undefined,
  });
}

/** Takes `model` as the worker's run and tells the page: network, parameters, time. */
function announce(model: Simulation, initReceivedAtEpochMs: number): void {
  sim = model;
  const builtAtEpochMs = performance.timeOrigin + performance.now();
  snapshots.clear();
  // Keyed by sim hour; a fork's first snapshot is its start, not hour 0.
  snapshots.set(Math.floor(sim.timeS / SNAPSHOT_INTERVAL_S), sim.snapshot());
  timeline.clear();
  focusedFacility = -1;
  resetFacilityHours(model);
  send({
    type: 'ready',
    version: PROTOCOL_VERSION,
    network: describeNetwork(sim),
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

/** The latest kept snapshot at or before `timeS`, or the earliest kept. */
function findSnapshotAtOrBefore(timeS: number): SimSnapshot | undefined {
  let snapshotHour = -1;
  for (const hour of snapshots.keys()) {
    if (hour * SNAPSHOT_INTERVAL_S <= timeS && hour > snapshotHour) snapshotHour = hour;
  }
  if (snapshotHour < 0) snapshotHour = Math.min(...snapshots.keys());
  return snapshots.get(snapshotHour);
}

/** Runs `model` to `timeS` making the page's changes on the way; `record`: the worker's own run. */
function replayTo(model: Simulation, timeS: number, record = true): void {
  timeline.replay(model, timeS, record ? RECORDING_REPLAY : undefined);
}

/** The page's view of the run changed from `timeS` on: what was kept for later no longer holds. */
function forgetAfter(timeS: number): void {
  for (const hour of [...snapshots.keys()]) {
    if (hour * SNAPSHOT_INTERVAL_S > timeS) snapshots.delete(hour);
  }
}

function seek(timeS: number): void {
  if (!sim) return;
  displayTimeS = timeS;
  // Moving back before a change undoes it: the sliders show what held at the time moved to.
  const timelineChanged = timeline.dropAfter(timeS);
  if (timelineChanged) forgetAfter(timeS);
  // Restore from a few sim hours before the target, so the replay re-dispatches the trips still
  // on the road at that moment (the page drops the ones that have ended).
  const snapshot = findSnapshotAtOrBefore(
    Math.floor(Math.max(0, timeS - SEEK_LOOKBACK_S) / SNAPSHOT_INTERVAL_S) * SNAPSHOT_INTERVAL_S,
  );
  if (!snapshot) return;
  const before = sim;
  sim = restoreSimulation(snapshot);
  facilityHours.restart(Math.floor(sim.timeS / SNAPSHOT_INTERVAL_S), sim.readFacilityDeliveries().values);
  focusHoursSent = Math.min(focusHoursSent, Math.floor(timeS / SNAPSHOT_INTERVAL_S));
  // Keep the hour the target falls in, so a change made there later rewinds a short way.
  replayTo(sim, Math.floor(timeS / SNAPSHOT_INTERVAL_S) * SNAPSHOT_INTERVAL_S);
  takeSnapshotIfDue(sim);
  replayTo(sim, timeS);
  send({ type: 'seeked', timeS: sim.timeS });
  if (timelineChanged) sendParamsApplied(sim, before.network, []);
  // The page keeps the hours it had before the seek point; resend only what it dropped or never got.
  hoursSent = Math.min(hoursSent, Math.floor(sim.timeS / 3600));
  emitTick(sim);
  nextTickS = sim.timeS + tickIntervalS;
  targetTimeS = sim.timeS;
}

/**
 * Brings the run back to `timeS` (the page's display time, usually behind this worker) so a
 * change takes effect where the person made it, not where the model had run ahead to. Returns
 * the model time the change is made at. The page is told which trips and ticks to drop.
 */
function rewindTo(model: Simulation, timeS: number): Simulation {
  if (timeS >= model.timeS) {
    replayTo(model, timeS);
    return model;
  }
  const snapshot = findSnapshotAtOrBefore(timeS);
  // Too far back (only sparse snapshots are kept there): replaying would stall the page for
  // seconds, so the change applies where the model is, as it did before rewinds existed.
  if (!snapshot || timeS - snapshot.timeS > MAX_REWIND_S) return model;
  const restored = restoreSimulation(snapshot);
  facilityHours.restart(
    Math.floor(restored.timeS / SNAPSHOT_INTERVAL_S),
    restored.readFacilityDeliveries().values,
  );
  replayTo(restored, timeS);
  focusHoursSent = Math.min(focusHoursSent, Math.floor(restored.timeS / SNAPSHOT_INTERVAL_S));
  // Trips the replay dispatched were sent in the first pass; the page keeps those. Vehicle ids
  // rise in dispatch order, so the first id after the rewind point is one past the replay's last.
  const replayed = restored.drainTrips();
  let firstVehicleId = snapshot.vehicleSerial;
  for (let trip = 0; trip < replayed.length; trip++)
    firstVehicleId = Math.max(firstVehicleId, replayed.vehicleId[trip] + 1);
  forgetAfter(restored.timeS);
  timeline.dropAfter(restored.timeS);
  hoursSent = Math.min(hoursSent, Math.floor(restored.timeS / 3600));
  send({ type: 'rewound', timeS: restored.timeS, firstVehicleId });
  return restored;
}

/** Makes a change at the page's display time `atTimeS` (rewinding to it), then runs on. */
function changeAt(atTimeS: number | undefined, makeChange: (model: Simulation) => void): void {
  if (!sim) return;
  if (atTimeS !== undefined) sim = rewindTo(sim, atTimeS);
  makeChange(sim);
  // The change shows from the next tick on, computed from here.
  emitTick(sim);
  nextTickS = sim.timeS + tickIntervalS;
  targetTimeS = Math.max(targetTimeS, sim.timeS);
  scheduleSlice();
}

function setParamsAt(partial: Partial<Params>, atTimeS: number | undefined): void {
  if (!sim) return;
  const { params, errors } = validateParams({ ...sim.params, ...partial });
  changeAt(atTimeS, (model) => {
    const networkBefore = model.network;
    applyParams(model, params);
    timeline.push({ atS: model.timeS, params: model.params });
    sendParamsApplied(model, networkBefore, errors);
  });
}

function placeOrderAt(spec: OrderSpec, orderKey: string, atTimeS: number): void {
  if (!sim) return;
  if (timeline.orderCount >= MAX_PLACED_ORDERS) {
    send({
      type: 'orderRejected',
      orderKey,
      message: `Up to ${MAX_PLACED_ORDERS} orders can be followed in one run.`,
    });
    return;
  }
  try {
    validateOrderSpec(spec);
  } catch (error) {
    send({ type: 'orderRejected', orderKey, message: (error as Error).message });
    return;
  }
  changeAt(atTimeS, (model) => {
    let placed: PlacedOrder;
    try {
      placed = model.placeOrder(spec, orderKey);
    } catch (error) {
      // Refused (e.g. no station near the address): the model is unchanged, the run goes on.
      send({ type: 'orderRejected', orderKey, message: (error as Error).message });
      return;
    }
    timeline.push({ atS: model.timeS, order: { spec, orderKey } });
    send({ type: 'orderPlaced', orderKey, placed });
  });
}

/** Every placed order the run holds now, traced and explained (a few, so a tick stays small). */
function traceOrders(model: Simulation): OrderTrace[] {
  const out: OrderTrace[] = [];
  for (const order of timeline.ordersUntil(model.timeS)) {
    // The key makes this a lookup: the order is in the run already.
    const placed = model.placeOrder(order.spec, order.orderKey);
    const trace = model.traceParcel(placed.parcelId);
    if (!trace) continue;
    out.push({
      orderKey: order.orderKey,
      placed,
      trace,
      journey: explainJourney(trace, model.params),
    });
  }
  return out;
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
  const kept = findSnapshotAtOrBefore(timeS);
  if (!kept) return model.snapshot();
  const scratch = restoreSimulation(kept);
  replayTo(scratch, timeS, false);
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
      displayTimeS = message.displayTimeS;
      targetTimeS = Math.max(targetTimeS, message.displayTimeS + message.lookaheadS);
      scheduleSlice();
      return;
    case 'setParams':
      setParamsAt(message.partial, message.atTimeS);
      return;
    case 'seek':
      seek(message.timeS);
      return;
    case 'placeOrder':
      placeOrderAt(message.order, message.orderKey, message.atTimeS);
      return;
    case 'focusFacility':
      focusedFacility = message.facilityId ?? -1;
      focusHoursSent = 0;
      sendFocusedFacilityHours();
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
