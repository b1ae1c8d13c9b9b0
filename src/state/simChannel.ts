/**
 * One running model as the page sees it: its transport (a worker in the app, the in-process host
 * in Node tests), what it streamed (network, ticks, trips) and the KPI history. Scenario A is
 * always there; scenario B (A/B compare, fork) is a second channel. Render loops read `view`
 * directly; the store hears about changes a few times a second.
 *
 * A failed worker (an uncaught error, out of memory, terminated, or silent for too long) is
 * replaced: the channel keeps how the run started, the worker's timeline of changes and its
 * latest checkpoint snapshot, so a new worker carries on at the time on screen with the same
 * state (the model is deterministic). Three failures within a minute stop the retries.
 */
import type { Params } from '../sim/params';
import type { OrderSpec, PlacedOrder } from '../sim/placedOrders';
import type { LonLatBounds, SimSnapshot, TripBatch } from '../sim/simulation';
import {
  collectTransferables,
  type FacilityStateColumns,
  type KpiHourRows,
  type NetworkMessage,
  type OrderTrace,
  PROTOCOL_VERSION,
  type PageMessage,
  type ResumeState,
  type TickKpis,
  type TimelineChange,
  type WorkerMessage,
} from '../worker/protocol';
import { getMessageBytes } from '../worker/messageBytes';
import type { SimTransport, TransportFactory } from '../worker/transport';
import { readWorkerMessage } from '../worker/workerMessageCheck';
import { FacilityKpiFeed } from './facilityKpis';
import { KpiHistory } from './kpiHistory';
import { countTypedArrayBytes, perfStats } from './perfStats';
import { WorkerWatchdog } from './workerWatchdog';

export interface Tick {
  timeS: number;
  facilities: FacilityStateColumns;
  kpis: TickKpis;
  /** Placed orders ("Place your order") as the run holds them at `timeS`. */
  orders: OrderTrace[];
  /** The network in force from `timeS` on, when the worker says it may have changed. */
  network?: NetworkMessage;
}

/**
 * How the network changed: a new run or a rebuild that renumbered the facilities ('new'), or
 * the same facilities under network edits ('edited': some added, opened, closed or re-equipped;
 * every id names the facility it named before, so what the page keeps by id still holds).
 */
export type NetworkChange = 'new' | 'edited';

/** Whether `after` keeps every facility of `before` under its id (network edits only add). */
export function keepsFacilityIds(before: NetworkMessage | null, after: NetworkMessage): boolean {
  if (!before || after.facilities.length < before.facilities.length) return false;
  return before.facilities.every((facility, id) => {
    const other = after.facilities[id];
    return other.kind === facility.kind && other.lon === facility.lon && other.lat === facility.lat;
  });
}

/** Whether two networks draw the same: the same facilities, operating the same, the same areas. */
function isSameNetwork(a: NetworkMessage, b: NetworkMessage): boolean {
  if (!keepsFacilityIds(a, b) || a.facilities.length !== b.facilities.length) return false;
  const same = (x: ArrayLike<number>, y: ArrayLike<number>) => {
    if (x.length !== y.length) return false;
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
    return true;
  };
  return (
    same(a.operating, b.operating) &&
    same(a.serviceAreas.stationId, b.serviceAreas.stationId) &&
    same(a.serviceAreas.polygons.positions, b.serviceAreas.polygons.positions)
  );
}

export interface SimView {
  network: NetworkMessage | null;
  params: Params | null;
  seed: number;
  /** The tick the display clock has reached (the latest with timeS <= display time). */
  currentTick: Tick | null;
  /** Ticks the worker sent ahead of the display clock, oldest first. */
  pendingTicks: Tick[];
  /** How far this worker has simulated (sim seconds). */
  simulatedTimeS: number;
}

/** What a channel tells the page's store; A and B differ only in where they write. */
export interface ChannelHooks {
  onProgress(phase: string, fraction: number): void;
  /**
   * The network is built and the worker simulates up to the run's start time `toS` without
   * streaming it (a warm start); `fraction` of the way there. onReady follows at `toS`.
   */
  onWarmingUp?(toS: number, fraction: number): void;
  /** The run can be shown from `timeS` on (its start, or the end of its warm-up). */
  onReady(view: SimView, timeS: number): void;
  onSimulated(timeS: number): void;
  onSeeked(timeS: number): void;
  onParamsApplied(params: Params, rebuilt: boolean, errors: string[]): void;
  /** The run stopped for good (the message says why and what to do). */
  onFail(message: string): void;
  /** A worker failed and a new one is taking over (one line for the page). */
  onRecovering(message: string): void;
  /** The new worker is back at the time on screen, after `recoveryMs` of wall time; `reason`: why the old one failed. */
  onRecovered(timeS: number, recoveryMs: number, reason: string): void;
  /** Something the page should say but the run goes on (a message the worker refused). */
  onWarning(message: string): void;
}

/** How the run began: from scratch, or a fork of another run's state. */
type RunOrigin =
  | { params: Params; seed: number; snapshot?: undefined }
  | { params: Params; snapshot: SimSnapshot };

/** Failures within this window count toward the limit. */
const FAILURE_WINDOW_MS = 60_000;
const MAX_FAILURES_IN_WINDOW = 3;
/** Checkpoints kept: the newest at or before the display is all a resume needs, one older spare. */
const KEPT_CHECKPOINTS = 2;

export interface ChannelOptions {
  /** Silence (while a ping waits) after which the worker counts as gone; 0 turns the watchdog off. */
  watchdogMs?: number;
  /** Wall clock in ms (tests pass their own). */
  nowMs?: () => number;
}

type Listener = () => void;

export class SimChannel {
  readonly view: SimView = {
    network: null,
    params: null,
    seed: 0,
    currentTick: null,
    pendingTicks: [],
    simulatedTimeS: 0,
  };
  /** The focused facility's delivery figures per hour (see focusFacility). */
  readonly facilityKpis = new FacilityKpiFeed();
  /** The facility the worker was last asked about (-1: none). */
  private focusedFacilityId = -1;
  /**
   * The summed figures per hour of the facilities a network edit touches (focusArea), read as
   * the facility feed is; `areaFacilityIds` names them (null: none).
   */
  readonly areaKpis = new FacilityKpiFeed();
  private areaFacilityIds: number[] | null = null;
  /** Hours told to the worker by keepWindowsAt. */
  private readonly windowHours = new Set<number>();
  private transport: SimTransport | null = null;
  private origin: RunOrigin | null = null;
  /** The worker's changes as it last reported them, and its checkpoints (oldest first). */
  private timeline: TimelineChange[] = [];
  private checkpoints: SimSnapshot[] = [];
  /** Wall times of recent failures, and the resume under way (null: none). */
  private failureTimesMs: number[] = [];
  private resuming: { timeS: number; startedMs: number; reason: string } | null = null;
  /** The sim time the page wants shown: the last seek asked for, or the tick on screen. */
  private shownTimeS = 0;
  /** The start time a warm start simulates up to before the run is shown; null once there. */
  private warmUpToS: number | null = null;
  /** A warm start that has reached its time and waits for the tick there, to open with its figures. */
  private warmedUpAtS: number | null = null;
  /** True once the run stopped for good (no more retries). */
  private stopped = false;
  /** While true the model's new trips and ticks are not shown (see holdOutput). */
  private outputHeld = false;
  private readonly watchdog: WorkerWatchdog;
  private watchdogTimer: ReturnType<typeof setInterval> | null = null;
  private readonly nowMs: () => number;
  private readonly failedListeners = new WeakSet<object>();
  private readonly networkListeners = new Set<(change: NetworkChange) => void>();
  private readonly tickListeners = new Set<Listener>();
  private readonly historyListeners = new Set<Listener>();
  private readonly tripListeners = new Set<(batch: TripBatch) => void>();
  private readonly streetPathListeners = new Set<(batch: TripBatch) => void>();
  /** What the map shows, told to every worker this channel starts (`viewport`). */
  private viewport: { bounds: LonLatBounds; zoom: number } | null = null;
  private readonly resetListeners = new Set<Listener>();
  private readonly rewindListeners = new Set<(firstVehicleId: number) => void>();
  /** Snapshot requests not yet answered (one answer serves them all). */
  private snapshotWaiters: Array<{ resolve: (snapshot: SimSnapshot) => void; atTimeS: number }> = [];
  /** Orders posted and not yet answered, with their message (a new worker is asked again). */
  private orderWaiters = new Map<
    string,
    { resolve: (placed: PlacedOrder) => void; reject: (error: Error) => void; message: PageMessage }
  >();

  constructor(
    /** Scenario A, B, or a replication of A on another seed. */
    readonly label: 'A' | 'B' | 'replica',
    private readonly hooks: ChannelHooks,
    private readonly createTransport: TransportFactory,
    readonly kpiHistory: KpiHistory = new KpiHistory(),
    private readonly options: ChannelOptions = {},
  ) {
    this.nowMs = options.nowMs ?? (() => performance.now());
    this.watchdog = new WorkerWatchdog(options.watchdogMs ?? 4000);
  }

  get running(): boolean {
    return this.transport !== null || this.resuming !== null;
  }

  /**
   * The run's changes (parameters, placed orders) as the worker last reported them, oldest first:
   * what a seek back before them undoes, kept by whoever means to make them again.
   */
  getTimeline(): readonly TimelineChange[] {
    return this.timeline;
  }

  /** The network to draw changed (see NetworkChange). */
  onNetwork(listener: (change: NetworkChange) => void): () => void {
    this.networkListeners.add(listener);
    return () => this.networkListeners.delete(listener);
  }
  onTick(listener: Listener): () => void {
    this.tickListeners.add(listener);
    return () => this.tickListeners.delete(listener);
  }
  /** The KPI history gained hours outside a tick (a warm start's replay, before any tick is shown). */
  onHistory(listener: Listener): () => void {
    this.historyListeners.add(listener);
    return () => this.historyListeners.delete(listener);
  }
  /** Trips shown so far no longer hold (a new network, or a seek): drop them. */
  onTripsReset(listener: Listener): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }
  /** The run went back to make a change: trips of vehicles `firstVehicleId` and up no longer hold. */
  onTripsRewound(listener: (firstVehicleId: number) => void): () => void {
    this.rewindListeners.add(listener);
    return () => this.rewindListeners.delete(listener);
  }
  onTrips(listener: (batch: TripBatch) => void): () => void {
    this.tripListeners.add(listener);
    return () => this.tripListeners.delete(listener);
  }
  /** Trips already handed on, their paths now street by street (the answer to drawStreets). */
  onStreetPaths(listener: (batch: TripBatch) => void): () => void {
    this.streetPathListeners.add(listener);
    return () => this.streetPathListeners.delete(listener);
  }

  /**
   * What the map shows: the worker draws trips' streets only there at street zoom
   * (streetDetailView.ts). Kept and told again to a worker that starts or resumes.
   */
  setViewport(bounds: LonLatBounds, zoom: number): void {
    this.viewport = { bounds, zoom };
    this.post({ type: 'viewport', bounds, zoom });
  }

  /** Asks the worker for the streets of these trips it sent stop to stop (TripStore.collectStopLevelTrips). */
  drawStreets(batch: TripBatch): void {
    this.post({ type: 'drawStreets', batch }, collectTransferables(batch));
  }

  /**
   * Benchmarks and tests: while `held`, the model's new trips (and streets drawn for trips held)
   * are dropped and the ticks the display clock passes are dropped unseen, so the clock still
   * runs up to what the worker has simulated but nothing new reaches the map or the charts: only
   * time advances. What was dropped is not sent again (the map misses those trips until a seek);
   * the hours the dropped ticks closed are kept for the charts, shown once the hold ends.
   */
  holdOutput(held: boolean): void {
    this.outputHeld = held;
  }

  /** Hands trips to the map as if the worker had sent them (benchmarks drive the map with this). */
  injectTrips(batch: TripBatch): void {
    this.notify(this.tripListeners, batch);
  }

  /** Starts the model on a scenario from t = 0, or from a snapshot (a fork). */
  start(
    params: Params,
    seed: number,
    options: {
      startTimeS?: number;
      snapshot?: SimSnapshot;
      /** Runs after `init` is posted and before the seek to `startTimeS` (a link's placed order). */
      beforeSeek?: () => void;
    } = {},
  ): void {
    if (this.transport) return;
    this.origin = options.snapshot ? { params, snapshot: options.snapshot } : { params, seed };
    this.timeline = [];
    this.checkpoints = [];
    this.failureTimesMs = [];
    this.resuming = null;
    this.stopped = false;
    this.shownTimeS = options.snapshot?.timeS ?? 0;
    const startTimeS = options.snapshot ? 0 : (options.startTimeS ?? 0);
    // Only A warms up: B and the replications have no screen of their own to open, they seek to
    // A's time and follow A's clock from there, their ticks kept as they come.
    const warmStart = this.label === 'A' && startTimeS > 0;
    this.warmUpToS = warmStart ? startTimeS : null;
    this.warmedUpAtS = null;
    if (!this.connect()) return;
    if (this.label === 'A') perfStats.initPostedMs = performance.now();
    this.postStart(undefined, warmStart ? startTimeS : 0);
    if (!options.snapshot) {
      options.beforeSeek?.();
      if (startTimeS > 0) this.seek(startTimeS);
    }
  }

  stop(): void {
    this.disconnect();
    this.origin = null;
    this.resuming = null;
    this.warmUpToS = null;
    this.view.network = null;
    this.view.currentTick = null;
    this.view.pendingTicks.length = 0;
    this.focusedFacilityId = -1;
    this.facilityKpis.clear();
    this.areaFacilityIds = null;
    this.areaKpis.clear();
    this.windowHours.clear();
    this.notify(this.resetListeners);
  }

  post(message: PageMessage, transfer: Transferable[] = []): void {
    this.transport?.post(message, transfer);
  }

  advance(displayTimeS: number, lookaheadS: number, tickIntervalS: number): void {
    this.post({ type: 'advance', displayTimeS, lookaheadS, tickIntervalS });
  }
  /** Changes parameters at sim time `atTimeS` (the display time: the worker rewinds to it). */
  setParams(partial: Partial<Params>, atTimeS?: number): void {
    this.post({ type: 'setParams', partial, atTimeS });
  }
  seek(timeS: number): void {
    this.shownTimeS = timeS;
    this.post({ type: 'seek', timeS });
  }
  /** Asks for one facility's delivery figures per hour (facilityKpis), or stops them. */
  focusFacility(facilityId: number | null): void {
    const id = facilityId ?? -1;
    if (id === this.focusedFacilityId) return;
    this.focusedFacilityId = id;
    this.facilityKpis.clear(id);
    this.post({ type: 'focusFacility', facilityId });
  }

  /**
   * Sim hours a figure the page reads from this run can start at besides its own changes (the
   * network edits of the run it is compared with): its worker keeps the facility history exact
   * from there. Told at the start (before a warm start's replay) and again to a resumed worker.
   */
  keepWindowsAt(hours: readonly number[]): void {
    const added = hours.filter((hour) => !this.windowHours.has(hour));
    if (added.length === 0) return;
    for (const hour of added) this.windowHours.add(hour);
    this.post({ type: 'keepWindowsAt', hours: added });
  }

  /** Asks for the summed figures per hour of `facilityIds` (areaKpis), or stops them (null). */
  focusArea(facilityIds: number[] | null): void {
    const ids = facilityIds && facilityIds.length > 0 ? [...facilityIds] : null;
    if (String(ids) === String(this.areaFacilityIds)) return;
    this.areaFacilityIds = ids;
    // The feed's key: any id, so a new area's rows never mix with the last one's.
    this.areaKpis.clear(ids ? this.areaKpis.facilityId + 1 : -1);
    this.post({ type: 'focusArea', facilityIds: ids });
  }

  /** Fault drill: the worker throws from its own code (the page must carry on). */
  crash(): void {
    this.post({ type: 'crash' });
  }

  /**
   * Fault drill: the worker is gone without a word, as when the browser terminates it (out of
   * memory): only the watchdog can tell.
   */
  loseWorkerSilently(): void {
    this.transport?.terminate();
  }

  /**
   * Places an order at sim time `atTimeS` (the display time: the worker rewinds to it); resolves
   * with where it entered the model, rejects with the reason it could not (e.g. no station near).
   */
  placeOrder(order: OrderSpec, orderKey: string, atTimeS: number): Promise<PlacedOrder> {
    return new Promise((resolve, reject) => {
      const message: PageMessage = { type: 'placeOrder', order, orderKey, atTimeS };
      this.orderWaiters.set(orderKey, { resolve, reject, message });
      this.post(message);
    });
  }

  /** The model's full state at sim time `atTimeS`, for a fork. */
  requestSnapshot(atTimeS: number): Promise<SimSnapshot> {
    return new Promise((resolve) => {
      this.snapshotWaiters.push({ resolve, atTimeS });
      this.post({ type: 'snapshot', atTimeS });
    });
  }

  /** Moves ticks the display clock has reached into `currentTick`; returns whether it changed. */
  applyDueTicks(displayTimeS: number): boolean {
    const view = this.view;
    if (this.outputHeld) {
      // Their hours are kept, unseen until the hold ends: the worker sends each hour once, and
      // the charts after a hold had a run of empty hours.
      while (view.pendingTicks.length > 0 && view.pendingTicks[0].timeS <= displayTimeS) {
        const tick = view.pendingTicks.shift();
        if (tick) this.kpiHistory.mergeRows(tick.kpis.firstHour, tick.kpis.hourRows);
      }
      return false;
    }
    let changed = false;
    while (view.pendingTicks.length > 0 && view.pendingTicks[0].timeS <= displayTimeS) {
      const tick = view.pendingTicks.shift();
      if (!tick) break;
      view.currentTick = tick;
      this.shownTimeS = tick.timeS;
      if (tick.network) this.takeNetworkInForce(tick.network);
      this.kpiHistory.setRows(tick.kpis.firstHour, tick.kpis.hourRows);
      this.kpiHistory.setCumulative(tick.timeS, tick.kpis.cumulative);
      changed = true;
    }
    if (this.facilityKpis.syncTo(displayTimeS)) changed = true;
    if (this.areaKpis.syncTo(displayTimeS)) changed = true;
    this.markHistoryShown();
    if (changed) this.notify(this.tickListeners);
    return changed;
  }

  /** New trips for the map (a `trips` message, or `ready`'s), posted at `postedAtEpochMs`. */
  private receiveTrips(batch: TripBatch, postedAtEpochMs: number): void {
    this.countTrips(batch, postedAtEpochMs);
    if (this.label === 'A') perfStats.tripVertices += batch.pathStartIndices[batch.length];
    if (!this.outputHeld) this.notify(this.tripListeners, batch);
  }

  /** A's start-up and traffic figures (perfStats) for a batch of trips that came. */
  private countTrips(batch: TripBatch, postedAtEpochMs: number): void {
    if (this.label !== 'A') return;
    if (perfStats.firstTripsMs < 0) {
      perfStats.firstTripsMs = performance.now();
      perfStats.firstTripsPostedMs = postedAtEpochMs - performance.timeOrigin;
    }
    perfStats.tripMessages++;
    perfStats.tripBytes += countTypedArrayBytes(batch);
    perfStats.tripWaitMaxMs = Math.max(
      perfStats.tripWaitMaxMs,
      performance.timeOrigin + performance.now() - postedAtEpochMs,
    );
  }

  /** A's start-up figure: the first moment the mounted charts have completed hours to draw. */
  private markHistoryShown(): void {
    if (
      this.label === 'A' &&
      perfStats.historyShownMs < 0 &&
      perfStats.chartsMountedMs >= 0 &&
      this.kpiHistory.hours > 0
    )
      perfStats.historyShownMs = performance.now();
  }

  /** Completed hours a replay sent ahead of its seek's answer: kept, and the charts told. */
  private receiveReplayedHours(hours: KpiHourRows): void {
    this.kpiHistory.mergeRows(hours.firstHour, hours.hourRows);
    this.markHistoryShown();
    this.notify(this.historyListeners);
  }

  /** A tick's network: drawn from now on when it differs from the one drawn (an edit's time passed). */
  private takeNetworkInForce(network: NetworkMessage): void {
    const current = this.view.network;
    if (current && isSameNetwork(current, network)) return;
    this.view.network = network;
    this.notify(this.networkListeners, keepsFacilityIds(current, network) ? 'edited' : 'new');
  }

  /**
   * The watchdog's check, once a second: a ping after a quiet second, and a failure when one
   * goes unanswered for the watchdog's time (counted in page-awake time, so a page that was
   * itself blocked does not blame the worker).
   */
  checkLiveness(): void {
    if (!this.transport) return;
    const verdict = this.watchdog.check(this.nowMs());
    if (verdict === 'ping') this.post({ type: 'ping' });
    else if (verdict === 'gone') this.fail('it stopped answering', true);
  }

  /** Makes a transport and its watchdog; false (and the page told) when none could start. */
  private connect(): boolean {
    let transport: SimTransport;
    try {
      transport = this.createTransport({
        onMessage: (data) => {
          if (this.transport === transport) this.receive(data);
        },
        onFailure: (reason) => {
          if (this.transport === transport) this.fail(reason, true);
        },
      });
    } catch (error) {
      this.stopped = true;
      this.hooks.onFail(`The simulation worker could not start (${(error as Error).message}).`);
      return false;
    }
    this.transport = transport;
    if (this.label === 'A') {
      perfStats.workerMessagesReceived = 0;
      perfStats.workerBytesReceived = 0;
    }
    // Building a network may take seconds with no message; the first `ready` starts the clock.
    this.watchdog.reset(this.nowMs(), false);
    if (
      (this.options.watchdogMs ?? 4000) > 0 &&
      this.watchdogTimer === null &&
      typeof setInterval === 'function'
    ) {
      this.watchdogTimer = setInterval(() => this.checkLiveness(), 1000);
    }
    return true;
  }

  private disconnect(): void {
    this.transport?.terminate();
    this.transport = null;
    if (this.watchdogTimer !== null) clearInterval(this.watchdogTimer);
    this.watchdogTimer = null;
  }

  /**
   * `init` (or `initFromSnapshot`) for the run's origin; with `resume`, where to carry on; with
   * `startTimeS`, where the first seek takes a new run (a warm start).
   */
  private postStart(resume: ResumeState | undefined, startTimeS = 0): void {
    const origin = this.origin;
    if (!origin) return;
    if (origin.snapshot) {
      // Cloned, not transferred: the channel keeps the fork's start for a resume.
      this.post({
        type: 'initFromSnapshot',
        version: PROTOCOL_VERSION,
        snapshot: origin.snapshot,
        params: origin.params,
        resume,
        windowHours: [...this.windowHours],
      });
    } else {
      this.post({
        type: 'init',
        version: PROTOCOL_VERSION,
        params: origin.params,
        seed: origin.seed,
        resume,
        startTimeS: startTimeS > 0 ? startTimeS : undefined,
        windowHours: [...this.windowHours],
      });
    }
    // Before the first seek: a warm start's replay draws its trips for this view.
    if (this.viewport) this.post({ type: 'viewport', ...this.viewport });
  }

  /**
   * The worker is gone. Unless it failed three times within a minute (or cannot be helped by a
   * retry), a new one resumes the run at the time on screen.
   */
  private fail(reason: string, recoverable: boolean): void {
    this.disconnect();
    if (this.stopped) return;
    const nowMs = this.nowMs();
    this.failureTimesMs = this.failureTimesMs.filter((atMs) => nowMs - atMs < FAILURE_WINDOW_MS);
    this.failureTimesMs.push(nowMs);
    const scenario = this.label === 'B' ? ' for scenario B' : '';
    if (!recoverable || !this.origin) {
      this.stopped = true;
      this.resuming = null;
      this.hooks.onFail(`The model${scenario} stopped: ${reason}`);
      return;
    }
    if (this.failureTimesMs.length >= MAX_FAILURES_IN_WINDOW) {
      this.stopped = true;
      this.resuming = null;
      this.hooks.onFail(
        `The model${scenario} stopped: its worker failed ${this.failureTimesMs.length} times within a minute (last: ${reason}), so it is not restarted again. The page keeps what it showed; reload to start over.`,
      );
      return;
    }
    const timeS = this.resuming?.timeS ?? this.shownTimeS;
    this.resuming = { timeS, startedMs: this.resuming?.startedMs ?? nowMs, reason };
    // The display waits here until the new worker has caught up.
    this.view.simulatedTimeS = Math.min(this.view.simulatedTimeS, timeS);
    this.view.pendingTicks.length = 0;
    this.hooks.onRecovering(
      `The model's worker${scenario} failed (${reason}); a new one is taking over at the time on screen.`,
    );
    if (!this.connect()) return;
    this.postStart({
      timeline: this.timeline,
      checkpoints: this.checkpoints.filter((snapshot) => snapshot.timeS <= timeS),
      timeS,
    });
    // Questions the failed worker left unanswered go to the new one.
    for (const waiter of this.orderWaiters.values()) this.post(waiter.message);
    if (this.snapshotWaiters.length > 0)
      this.post({ type: 'snapshot', atTimeS: this.snapshotWaiters[0].atTimeS });
  }

  /** A message from the worker: checked, handled, never allowed to throw into the page. */
  private receive(data: unknown): void {
    this.watchdog.heard(this.nowMs());
    if (this.label === 'A') {
      perfStats.workerMessagesReceived++;
      perfStats.workerBytesReceived += getMessageBytes(data);
    }
    const checked = readWorkerMessage(data);
    if (checked.error !== undefined) {
      this.hooks.onWarning(`A message from the model was ignored: ${checked.error}.`);
      return;
    }
    try {
      this.handle(checked.message);
    } catch (error) {
      this.hooks.onWarning(
        `A "${checked.message.type}" message from the model could not be used: ${(error as Error).message}`,
      );
    }
  }

  private handle(message: WorkerMessage): void {
    const view = this.view;
    switch (message.type) {
      case 'progress':
        // A replay's hours (a warm start's) go to the charts at once: the run on screen has them.
        if (message.hours) this.receiveReplayedHours(message.hours);
        if (this.resuming) break;
        if (this.warmUpToS !== null && view.network)
          this.hooks.onWarmingUp?.(this.warmUpToS, message.fraction);
        else if (!view.network) this.hooks.onProgress(message.phase, message.fraction);
        break;
      case 'ready':
        this.watchdog.reset(this.nowMs(), true);
        if (this.resuming) {
          // The same run carrying on: what the page shows stays; the worker's seek says from where.
          view.pendingTicks.length = 0;
          this.notify(this.resetListeners);
          if (this.focusedFacilityId >= 0)
            this.post({ type: 'focusFacility', facilityId: this.focusedFacilityId });
          if (this.areaFacilityIds) this.post({ type: 'focusArea', facilityIds: this.areaFacilityIds });
          break;
        }
        if (this.label === 'A') {
          perfStats.initReceivedMs = message.initReceivedAtEpochMs - performance.timeOrigin;
          perfStats.networkBuiltMs = message.builtAtEpochMs - performance.timeOrigin;
        }
        view.network = message.network;
        view.params = message.params;
        view.seed = message.seed;
        view.pendingTicks.length = 0;
        view.currentTick = null;
        view.simulatedTimeS = message.timeS;
        this.kpiHistory.reset(message.kpiNames);
        // A warm start's hours known ahead: the charts show them while the state is restored.
        if (message.hoursBeforeStart) this.receiveReplayedHours(message.hoursBeforeStart);
        // A new run: the worker starts with no facility in focus.
        this.focusedFacilityId = -1;
        this.facilityKpis.clear();
        this.areaFacilityIds = null;
        this.areaKpis.clear();
        if (this.warmUpToS !== null) this.hooks.onWarmingUp?.(this.warmUpToS, 0);
        else this.hooks.onReady(view, message.timeS);
        this.notify(this.resetListeners);
        this.notify(this.networkListeners, 'new');
        break;
      case 'trips':
        // Until the resume's seek (or the warm start's), what the worker sends is before the run on
        // screen; but for a warm start's trips known ahead, those on the road at the time it opens at
        // (the seek that restores its state keeps them; one that replays drops them).
        if (this.resuming || (this.warmUpToS !== null && !message.atStart)) break;
        if (message.streetPaths) {
          this.countTrips(message.batch, message.postedAtEpochMs);
          if (!this.outputHeld) this.notify(this.streetPathListeners, message.batch);
          break;
        }
        // The warm state's trips, of which the page holds those sent ahead: swapped in one task,
        // as a rewind of every vehicle, so no frame is drawn between (a trip ledger would take
        // trips of lower ids than those it holds for replays, and skip them).
        if (message.replacesAtStart) this.notify(this.rewindListeners, 0);
        this.receiveTrips(message.batch, message.postedAtEpochMs);
        // The worker fetches the warm state only now (simHost.ts TRIPS_AT_START_WAIT_MS).
        if (message.atStart) this.post({ type: 'tripsAtStartTaken' });
        break;
      case 'tick':
        if (this.resuming) break;
        if (this.warmUpToS !== null) {
          // A link's change on the way to its time (its order, placed before the move there)
          // ticks during the warm-up: its hours are history, which the worker sends once (a link
          // with an order at 10:00 opened with every chart empty before it).
          if (message.timeS <= this.warmUpToS)
            this.kpiHistory.mergeRows(message.kpis.firstHour, message.kpis.hourRows);
          break;
        }
        if (this.label === 'A') {
          perfStats.tickMessages++;
          perfStats.tickBytes +=
            countTypedArrayBytes(message.facilities) + countTypedArrayBytes(message.kpis);
        }
        view.pendingTicks.push({
          timeS: message.timeS,
          facilities: message.facilities,
          kpis: message.kpis,
          orders: message.orders,
          network: message.network,
        });
        view.simulatedTimeS = message.timeS;
        this.hooks.onSimulated(message.timeS);
        if (this.warmedUpAtS !== null) {
          // The warm start opens with the tick at its time on screen: every chart has its history.
          const timeS = this.warmedUpAtS;
          this.warmedUpAtS = null;
          this.applyDueTicks(timeS);
          if (this.label === 'A') perfStats.warmStartOpenedMs = performance.now();
          this.hooks.onReady(view, timeS);
        }
        break;
      case 'seeked': {
        if (this.label === 'A' && message.warmState) perfStats.warmState = message.warmState;
        // Hours that ticks the display had not reached closed before the time moved to hold: the
        // worker sent them once and does not again (a seek forward left a run of empty hours in
        // every chart: "0 parcels due" beside millions delivered).
        for (const tick of view.pendingTicks)
          if (tick.timeS <= message.timeS) this.kpiHistory.mergeRows(tick.kpis.firstHour, tick.kpis.hourRows);
        view.pendingTicks.length = 0;
        view.simulatedTimeS = message.timeS;
        this.dropAfter(message.timeS);
        // Kept: the trips `ready` brought are those on the road at the time moved to.
        if (!message.keepsTrips) this.notify(this.resetListeners);
        const resumed = this.resuming;
        this.resuming = null;
        // The first seek's answer ends a warm start (a worker that failed during it was resumed there).
        const warmedUp = this.warmUpToS !== null;
        this.warmUpToS = null;
        if (resumed) this.hooks.onRecovered(message.timeS, this.nowMs() - resumed.startedMs, resumed.reason);
        if (warmedUp) this.warmedUpAtS = message.timeS;
        else this.hooks.onSeeked(message.timeS);
        break;
      }
      case 'rewound': {
        // What the worker computed past the rewind point belongs to a future that changed.
        view.pendingTicks = view.pendingTicks.filter((tick) => tick.timeS <= message.timeS);
        view.simulatedTimeS = message.timeS;
        this.dropAfter(message.timeS);
        this.notify(this.rewindListeners, message.firstVehicleId);
        this.hooks.onSimulated(message.timeS);
        break;
      }
      case 'orderPlaced':
        this.orderWaiters.get(message.orderKey)?.resolve(message.placed);
        this.orderWaiters.delete(message.orderKey);
        break;
      case 'orderRejected':
        this.orderWaiters.get(message.orderKey)?.reject(new Error(message.message));
        this.orderWaiters.delete(message.orderKey);
        break;
      case 'facilityHours':
        if (message.facilityId === this.facilityKpis.facilityId)
          this.facilityKpis.receive(
            message.facilityId,
            message.firstHour,
            message.hourRows,
            message.foldedBeforeHour,
          );
        break;
      case 'areaHours':
        if (this.areaFacilityIds)
          this.areaKpis.receive(
            this.areaKpis.facilityId,
            message.firstHour,
            message.hourRows,
            message.foldedBeforeHour,
          );
        break;
      case 'paramsApplied':
        view.params = message.params;
        if (message.network) {
          const change = keepsFacilityIds(view.network, message.network) ? 'edited' : 'new';
          view.network = message.network;
          // A rebuild that renumbers facilities: per-facility history and views start again (a
          // resume replays a rebuild the page already made: the same network, kept as it was).
          if (!this.resuming && change === 'new') this.facilityKpis.clear(this.focusedFacilityId);
          this.notify(this.networkListeners, change);
        }
        if (this.resuming) this.hooks.onParamsApplied(message.params, false, []);
        else this.hooks.onParamsApplied(message.params, message.rebuilt, message.errors);
        break;
      case 'snapshot': {
        const waiters = this.snapshotWaiters;
        this.snapshotWaiters = [];
        for (const waiter of waiters) waiter.resolve(message.snapshot);
        break;
      }
      case 'timeline':
        this.timeline = message.changes;
        break;
      case 'checkpoint':
        this.checkpoints.push(message.snapshot);
        if (this.checkpoints.length > KEPT_CHECKPOINTS) this.checkpoints.shift();
        break;
      case 'alive':
        break;
      case 'rejected':
        this.hooks.onWarning(message.message);
        break;
      case 'error':
        this.fail(message.message, message.recoverable);
        break;
    }
  }

  /**
   * Calls every listener; one that throws (a view's bug) is reported, and neither stops the
   * others nor the channel's own work (the display clock's advance comes after the ticks).
   */
  private notify<Args extends unknown[]>(listeners: Set<(...args: Args) => void>, ...args: Args): void {
    for (const listener of listeners) {
      try {
        listener(...args);
      } catch (error) {
        // Once per listener: a view that fails on every tick would otherwise fill the page.
        if (this.failedListeners.has(listener)) continue;
        this.failedListeners.add(listener);
        this.hooks.onWarning(`A view could not take the model's news: ${(error as Error).message}`);
      }
    }
  }

  /** The run from `timeS` on is no longer what was computed: forget what was kept about it. */
  private dropAfter(timeS: number): void {
    const hour = Math.floor(timeS / 3600);
    this.kpiHistory.truncate(hour);
    this.facilityKpis.truncate(hour);
    this.areaKpis.truncate(hour);
    this.checkpoints = this.checkpoints.filter((snapshot) => snapshot.timeS <= timeS);
  }
}
