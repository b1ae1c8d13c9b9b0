/**
 * One run as the worker holds it: the model, the hourly snapshots it scrubs back to, the page's
 * changes (parameters, orders) at their sim times, and what it has told the page. It simulates
 * ahead of the page's display clock inside a bounded window (`runFor`), and moves the model back
 * for a seek or for a change made at the time on screen (restore the nearest snapshot, replay:
 * the model is deterministic). Messages go out through `RunOutput`; SimHost decides when to run.
 */
import { explainJourney } from '../sim/journey';
import { getEditChangeHours } from '../sim/networkEdits';
import { type Params, REBUILD_KEYS, renumbersFacilities, validateParams } from '../sim/params';
import { type OrderSpec, type PlacedOrder, validateOrderSpec } from '../sim/placedOrders';
import {
  type LonLatBounds,
  type Network,
  restoreSimulation,
  type SimSnapshot,
  type Simulation,
  type TripBatch,
} from '../sim/simulation';
import { ChangeTimeline, type ReplayHooks } from './changeTimeline';
import { FacilityHourRecorder, type FacilityHoursSnapshot } from './facilityHours';
import {
  FACILITY_LEVEL_COLUMNS,
  type KpiHourRows,
  type OrderTrace,
  PROTOCOL_VERSION,
  type ResumeState,
  type WarmStateUse,
  type WorkerMessage,
} from './protocol';
import {
  boundSnapshotBytes,
  getSnapshotBytesAllowed,
  SNAPSHOT_BUDGET,
  type SnapshotBudget,
  SPARSE_SNAPSHOT_HOURS,
  thinSnapshots,
} from './snapshotPolicy';
import { SnapshotStore } from './snapshotStore';
import { copyFacilityState, describeNetwork, KpiTickWriter } from './tickMessages';
import { getStreetDetailBounds } from './streetDetailView';
import { drawStreetPaths } from './streetPaths';
import { concatTripBatches, keepTripsShownAfter, TripSieve } from './tripSieve';
import type { WarmState } from './warmState';

export const SNAPSHOT_INTERVAL_S = 3600;
/** A seek restores this much before its target so vehicles already on the road reappear. */
const SEEK_LOOKBACK_S = 6 * 3600;
/** Sim time simulated right after a build, before the page asks for anything. */
const INITIAL_LOOKAHEAD_S = 2 * 3600;
/**
 * Trips the run's model holds at most before it sends them mid-step (sendTripsMidStep): at full
 * scale one step of a wave hour dispatches 6-9 M vertices and 3-4.5 M door stops, and the trip
 * buffer's room for them (186-370 MB) was grown by doubling and given back each hour (~5% of the
 * worker's time at 600x). Read when a model is taken; tests lower them.
 */
export const TRIP_FLUSH_LIMITS = { vertices: 1_000_000, stops: 500_000 };
/** Orders a person can follow at once (each is traced on every tick). */
export const MAX_PLACED_ORDERS = 10;
/** A change rewinds at most this far back; beyond it the change applies where the model is. */
const MAX_REWIND_S = 3 * 3600;
/**
 * The page keeps a snapshot this often (sim hours) against a worker failure: a new worker then
 * replays at most this much plus the seek look-back instead of the whole run.
 */
export const CHECKPOINT_EVERY_HOURS = 6;

/** Where a run's messages go, and its clock (wall ms, for the liveness signal). */
export interface RunOutput {
  send(message: WorkerMessage, transfer?: Transferable[]): void;
  /** Called between units of long work (also heard from the model, src/sim/longWork.ts): the host says it is alive now and then. */
  heartbeat(): void;
  nowEpochMs(): number;
}

export class WorkerRun {
  private sim: Simulation;
  private targetTimeS = 0;
  /** The page's display clock as of its last `advance` (snapshots near it are kept hourly). */
  private displayTimeS = 0;
  private tickIntervalS = 300;
  private nextTickS = 0;
  /** Snapshots keyed by sim hour, for scrubbing back. */
  private readonly snapshots = new SnapshotStore();
  /** The page's changes (parameters, orders) at their sim times: every replay makes them again. */
  private readonly timeline = new ChangeTimeline();
  private timelineVersionSent = 0;
  /** Per-facility delivery figures per sim hour, and the facility the page has selected. */
  private readonly facilityHours = new FacilityHourRecorder();
  private focusedFacility = -1;
  /** Hours of the focused facility already sent to the page. */
  private focusHoursSent = 0;
  /** The facilities whose hours the page wants summed (focusArea), and the hours sent of them. */
  private areaFacilities: number[] | null = null;
  private areaHoursSent = 0;
  /**
   * The network the page was last told of (null: unknown, after a seek or a rewind dropped the
   * ticks that carried one): a tick carries the network in force when it is another.
   */
  private networkSent: Network | null = null;
  private readonly kpiTicks = new KpiTickWriter();
  /** The latest snapshot hour sent to the page as a checkpoint. */
  private checkpointHour = -1;
  /**
   * While a seek replays: the trips still on the road at its target (drained every sim hour, so
   * a replay of days holds only those), and for a warm start the span it reports progress over.
   */
  private seekReplay: { sieve: TripSieve; progress: { fromS: number; toS: number } | null } | null = null;
  /**
   * A precomputed warm state (warmState.ts) for the first seek to restore instead of replaying,
   * or why there is none to use; null when none was offered.
   */
  private warmOffer: WarmState | string | null = null;
  /**
   * How many trips were sent ahead of the first seek (sendTripsAtStart), until that seek: one
   * restoring the warm state they came with keeps them on the page instead of sending them
   * again. null when none were. (Their columns were transferred to the page.)
   */
  private tripsSentAtStart: number | null = null;
  /** The page has moved the run (a seek): trips known ahead of its start no longer apply. */
  private hasSought = false;
  /**
   * The warm state's hour and its trips on the road then (a copy: the page was sent the state's
   * own), for seeks into the hours after it (findSeekStart); its snapshot is pinned against the
   * snapshot policy. null without a warm start.
   */
  private warmStart: { hour: number; trips: TripBatch } | null = null;
  /**
   * Where trips keep their streets (streetDetailView.ts): nowhere until the page says what it
   * shows, as it does at start (it opens zoomed out). Every model the run streams from draws so.
   */
  private streetDetailBounds: LonLatBounds | null = null;
  /** Replays record the per-facility hours they cross and restart them on a rebuild. */
  private readonly recordingReplay: ReplayHooks = {
    advance: (model, timeS) => this.advanceRecording(model, timeS),
    setParams: (model, params) => this.applyParams(model, params),
  };

  /**
   * Takes `model` as the run and tells the page: network, parameters, time. `initReceivedAtEpochMs`:
   * when the page's message arrived (for the start-up figures). `startTimeS`: where the page's
   * first seek will take the run (a warm start), so no look-ahead is simulated from the start.
   * `hoursBeforeStart`: the completed hours the run has at `startTimeS` when they are known ahead
   * (a precomputed warm state's), sent with `ready`.
   */
  constructor(
    model: Simulation,
    private readonly out: RunOutput,
    initReceivedAtEpochMs: number,
    startTimeS = 0,
    /** Bytes the kept snapshots may hold, alone and with the model's (snapshotPolicy.ts). */
    private readonly snapshotBudget: SnapshotBudget = SNAPSHOT_BUDGET,
    hoursBeforeStart?: KpiHourRows,
  ) {
    this.sim = model;
    model.setStreetDetailBounds(this.streetDetailBounds);
    this.sendTripsMidStep(model);
    // Keyed by sim hour; a fork's first snapshot is its start, not hour 0.
    this.snapshots.set(this.hourOf(model.timeS), model.snapshot());
    // The run's start is the page's own to rebuild (its parameters, or the fork's snapshot).
    this.checkpointHour = this.hourOf(model.timeS);
    this.resetFacilityHours(model);
    this.keepChangeWindows(model.params);
    this.networkSent = model.network;
    out.send({
      type: 'ready',
      version: PROTOCOL_VERSION,
      network: describeNetwork(model),
      params: model.params,
      seed: model.seed,
      timeS: model.timeS,
      kpiNames: Object.keys(model.getKpis().cumulative),
      initReceivedAtEpochMs,
      builtAtEpochMs: out.nowEpochMs(),
      ...(hoursBeforeStart ? { hoursBeforeStart } : {}),
    });
    // A fork starts mid-run: its earlier hours are the parent's, sent as history all the same.
    this.emitTick(model);
    // Start on the first window at once rather than wait for the page's first `advance`: while
    // the page starts WebGL its main thread may not run a frame for seconds.
    this.targetTimeS = startTimeS > model.timeS ? model.timeS : model.timeS + INITIAL_LOOKAHEAD_S;
  }

  get model(): Simulation {
    return this.sim;
  }

  /** Whether the model is behind where the page wants it (SimHost then runs a slice). */
  get hasWork(): boolean {
    return this.sim.timeS < this.targetTimeS;
  }

  /** The page's display clock moved: simulate up to `displayTimeS + lookaheadS`. */
  advance(displayTimeS: number, lookaheadS: number, tickIntervalS: number): void {
    this.tickIntervalS = tickIntervalS;
    this.displayTimeS = displayTimeS;
    // The model moves in whole steps: a target inside one would only cost an empty slice.
    const stepS = this.sim.params.stepS;
    this.targetTimeS = Math.max(this.targetTimeS, Math.floor((displayTimeS + lookaheadS) / stepS) * stepS);
    this.sendCheckpointIfDue();
  }

  /** Simulates toward the target until `isPastDeadline()`; returns whether work remains. */
  runFor(isPastDeadline: () => boolean): boolean {
    const model = this.sim;
    while (model.timeS < this.targetTimeS && !isPastDeadline()) {
      const stepS = model.params.stepS;
      const nextSnapshotS = (this.hourOf(model.timeS) + 1) * SNAPSHOT_INTERVAL_S;
      const wantedS = Math.min(this.targetTimeS, this.nextTickS, nextSnapshotS);
      // The model moves in whole steps: aim at one, at least one step on. The display clock
      // (and so the target) is fractional; aiming inside a step would make no progress and
      // spin the worker at full load for as long as the page stays paused.
      const stepTo = Math.max(model.timeS + stepS, Math.floor(wantedS / stepS) * stepS);
      if (stepTo > this.targetTimeS) {
        this.targetTimeS = model.timeS;
        break;
      }
      this.advanceRecording(model, stepTo);
      this.takeSnapshotIfDue(model);
      // Every hour boundary gets a tick too: the page records per-facility hourly rows from them.
      if (model.timeS >= this.nextTickS || model.timeS % SNAPSHOT_INTERVAL_S === 0) this.emitTick(model);
    }
    return this.hasWork;
  }

  /**
   * Carries on a run a failed worker held: the page's mirror of its changes, the snapshots the
   * page kept, then a seek to the time on screen (which replays the changes on the way).
   */
  resume(state: ResumeState): void {
    const announced = this.sim.params;
    this.timeline.load(state.timeline);
    this.keepChangeWindows(this.sim.params);
    // The page holds the same list already.
    this.timelineVersionSent = this.timeline.version;
    for (const snapshot of state.checkpoints) {
      const hour = this.hourOf(snapshot.timeS);
      if (snapshot.timeS === hour * SNAPSHOT_INTERVAL_S && hour > this.hourOf(this.sim.timeS))
        this.snapshots.set(hour, snapshot);
      this.checkpointHour = Math.max(this.checkpointHour, hour);
    }
    this.seek(state.timeS);
    // A rebuild among the changes: the page learns the network it runs on now.
    if (needsOtherNetwork(announced, this.sim.params)) this.sendParamsApplied(this.sim, announced, []);
  }

  /**
   * Moves the run to `timeS`. The page draws the run from there on, so the replay sends no tick
   * and only the trips still on the road at `timeS`; the hours it crosses reach the page as the
   * next tick's compact hourly KPI rows (a warm start: day 1 and a morning in one message).
   */
  seek(timeS: number): void {
    const offer = this.warmOffer;
    this.warmOffer = null;
    const tripsSentAtStart = this.tripsSentAtStart;
    this.tripsSentAtStart = null;
    this.hasSought = true;
    let warmState: WarmStateUse | undefined;
    if (offer !== null) {
      const why = typeof offer === 'string' ? offer : this.restoreWarmState(offer, timeS, tripsSentAtStart);
      if (why === null) return;
      warmState = { used: false, why };
    }
    const model = this.sim;
    this.displayTimeS = timeS;
    // Moving back before a change undoes it: the sliders show what held at the time moved to.
    const timelineChanged = this.timeline.dropAfter(timeS);
    if (timelineChanged) this.forgetAfter(timeS);
    // Restore from a few sim hours before the target, so the replay re-dispatches the trips still
    // on the road at that moment.
    const restoreAtS = this.hourOf(Math.max(0, timeS - SEEK_LOOKBACK_S)) * SNAPSHOT_INTERVAL_S;
    const { snapshot, tripsOnRoad } = this.findSeekStart(restoreAtS, timeS);
    // A model standing at that snapshot's time is the state restoring it would give (a warm start
    // from the run's start): it goes on from there, and says how far it has got on the way.
    const goesOn = model.timeS === snapshot.timeS;
    const target = goesOn ? model : this.restore(snapshot);
    if (!goesOn)
      this.facilityHours.restart(this.hourOf(target.timeS), target.readFacilityDeliveries().values);
    this.sim = target;
    this.focusHoursSent = Math.min(this.focusHoursSent, this.hourOf(timeS));
    this.areaHoursSent = Math.min(this.areaHoursSent, this.hourOf(timeS));
    // The page drops the ticks it held past the seek: the next one says which network holds.
    this.networkSent = null;
    this.seekReplay = {
      sieve: new TripSieve(timeS),
      progress: goesOn ? { fromS: target.timeS, toS: timeS } : null,
    };
    if (tripsOnRoad) this.seekReplay.sieve.add(tripsOnRoad);
    // The hours the replay's progress messages carry are sent again with its tick: a page that
    // could not take one (its history reset or behind them) still ends with every hour.
    const hoursBeforeReplay = this.kpiTicks.sentHours;
    try {
      // Keep the hour the target falls in, so a change made there later rewinds a short way.
      this.replayTo(target, this.hourOf(timeS) * SNAPSHOT_INTERVAL_S);
      this.takeSnapshotIfDue(target);
      this.replayTo(target, timeS);
      this.out.send(
        warmState
          ? { type: 'seeked', timeS: target.timeS, warmState }
          : { type: 'seeked', timeS: target.timeS },
      );
      if (timelineChanged) this.sendParamsApplied(target, model.params, []);
      this.sendTimelineIfChanged();
      // The page keeps the hours it had before the seek point; resend only what it dropped or never got.
      this.kpiTicks.resendFrom(Math.min(hoursBeforeReplay, this.hourOf(target.timeS)));
      this.emitTick(target);
    } finally {
      this.seekReplay = null;
    }
    this.targetTimeS = target.timeS;
  }

  /**
   * A precomputed warm state for the next seek (or why none can be used, which that seek's answer
   * then says). Used only when that seek goes to its time with nothing changed since the start.
   */
  offerWarmState(offer: WarmState | string): void {
    this.warmOffer = offer;
  }

  /**
   * The trips on the road at the time the run opens at, known ahead (a precomputed warm state's,
   * warmState.ts WarmTrips), sent before the seek there so the map draws them with the network;
   * the seek that restores the same state then keeps them on the page (`seeked.keepsTrips`).
   * Ignored once the page has moved the run: that seek sent its own. Whether they were sent.
   */
  sendTripsAtStart(batch: TripBatch): boolean {
    if (this.hasSought || batch.length === 0) return false;
    this.tripsSentAtStart = batch.length;
    this.out.send({ type: 'trips', batch, atStart: true, postedAtEpochMs: this.out.nowEpochMs() });
    return true;
  }

  /** The per-facility hours recorded so far (a precomputed warm state carries them). */
  saveFacilityHours(): FacilityHoursSnapshot {
    return this.facilityHours.save();
  }

  /**
   * The seek to `timeS` from the run's start, made by restoring `warm` (the state that seek's
   * replay ends in, computed ahead): the same messages as the replay sends after its progress
   * reports, the same state after. Returns null when done, else why `warm` does not apply.
   * `tripsSentAtStart`: how many trips were sent ahead (sendTripsAtStart); they are some of the
   * state's own (both files' keys were checked against this run), so the page keeps them drawn
   * until the state's trips replace them (`replacesAtStart`), sent only when there are more.
   */
  private restoreWarmState(warm: WarmState, timeS: number, tripsSentAtStart: number | null): string | null {
    if (timeS !== warm.timeS) return `the run opens at ${timeS} s, the warm state is at ${warm.timeS} s`;
    if (this.sim.timeS !== 0 || this.timeline.list().length > 0)
      return 'the run changed before its warm start (a placed order or a parameter)';
    let restored: Simulation;
    try {
      restored = this.restore(warm.snapshot);
    } catch (error) {
      return `its snapshot could not be restored: ${(error as Error).message}`;
    }
    this.sim = restored;
    this.displayTimeS = timeS;
    this.facilityHours.load(warm.facilityHours);
    // As the replay leaves it: the page drops what it held, then the tick says which network holds.
    this.networkSent = null;
    const hour = this.hourOf(timeS);
    // Kept as the replay's takeSnapshotIfDue keeps the one it ends on, and for good: the run
    // has no other snapshot between its start and this hour (findSeekStart).
    this.warmStart = { hour, trips: concatTripBatches([warm.trips]) };
    this.snapshots.set(hour, warm.snapshot);
    thinSnapshots(this.snapshots, hour, hour, hour);
    boundSnapshotBytes(
      this.snapshots,
      getSnapshotBytesAllowed(this.snapshotBudget, restored.getHeldBytes()),
      hour,
      hour,
    );
    this.sendCheckpointIfDue();
    // Both files were made by one build for one run (their keys were checked): the trips sent
    // ahead are some of the state's (computeWarmTrips), drawn until all of them replace them.
    const keepsTrips = tripsSentAtStart !== null && tripsSentAtStart <= warm.trips.length;
    this.out.send(
      keepsTrips
        ? { type: 'seeked', timeS, warmState: { used: true }, keepsTrips: true }
        : { type: 'seeked', timeS, warmState: { used: true } },
    );
    this.kpiTicks.resendFrom(0);
    // The tick (every hour before, for the charts) before the trips, unlike a replay's: the page
    // opens the run on it, and its charts need not wait while it takes thousands of vehicles
    // (a long task on software WebGL). The snapshot's trips were drained: the tick sends none.
    this.emitTick(restored);
    if (keepsTrips && tripsSentAtStart < warm.trips.length)
      this.out.send({
        type: 'trips',
        batch: warm.trips,
        replacesAtStart: true,
        postedAtEpochMs: this.out.nowEpochMs(),
      });
    else if (warm.trips.length > 0 && !keepsTrips)
      this.out.send({ type: 'trips', batch: warm.trips, postedAtEpochMs: this.out.nowEpochMs() });
    this.targetTimeS = timeS;
    return null;
  }

  setParamsAt(partial: Partial<Params>, atTimeS: number | undefined): void {
    const { params, errors } = validateParams({ ...this.sim.params, ...partial });
    this.changeAt(atTimeS, (model) => {
      const paramsBefore = model.params;
      try {
        this.applyParams(model, params);
      } catch (error) {
        // A network edit the model cannot honour (networkEdits.ts): named, and the run goes on as it was.
        this.sendParamsApplied(model, paramsBefore, [...errors, (error as Error).message]);
        return;
      }
      this.timeline.push({ atS: model.timeS, params: model.params });
      this.sendParamsApplied(model, paramsBefore, errors);
    });
  }

  placeOrderAt(spec: OrderSpec, orderKey: string, atTimeS: number): void {
    if (this.timeline.orderCount >= MAX_PLACED_ORDERS) {
      this.out.send({
        type: 'orderRejected',
        orderKey,
        message: `Up to ${MAX_PLACED_ORDERS} orders can be followed in one run.`,
      });
      return;
    }
    try {
      validateOrderSpec(spec);
    } catch (error) {
      this.out.send({ type: 'orderRejected', orderKey, message: (error as Error).message });
      return;
    }
    this.changeAt(atTimeS, (model) => {
      let placed: PlacedOrder;
      try {
        placed = model.placeOrder(spec, orderKey);
      } catch (error) {
        // Refused (e.g. no station near the address): the model is unchanged, the run goes on.
        this.out.send({ type: 'orderRejected', orderKey, message: (error as Error).message });
        return;
      }
      this.timeline.push({ atS: model.timeS, order: { spec, orderKey } });
      this.out.send({ type: 'orderPlaced', orderKey, placed });
    });
  }

  /**
   * Hours a figure the page reads can start at besides this run's own changes (another run's
   * network edit, compared with this one): the facility history stays exact from there.
   */
  keepWindowsAt(hours: readonly number[]): void {
    this.facilityHours.keepWindowsAt(hours);
  }

  focusFacility(facilityId: number | null): void {
    this.focusedFacility = facilityId ?? -1;
    this.focusHoursSent = 0;
    this.sendFocusedFacilityHours();
  }

  /** The facilities whose hours the page wants summed (`areaHours`), or none. */
  focusArea(facilityIds: number[] | null): void {
    this.areaFacilities = facilityIds && facilityIds.length > 0 ? facilityIds.slice() : null;
    this.areaHoursSent = 0;
    this.sendAreaHours();
  }

  /**
   * The state at `timeS` (the page's display time, usually behind this worker): rebuilt from the
   * nearest kept snapshot in a scratch run, so the running model is not disturbed.
   */
  snapshotAt(timeS: number): SimSnapshot {
    const model = this.sim;
    if (model.timeS <= timeS) {
      this.advanceRecording(model, timeS);
      return model.snapshot();
    }
    const scratch = restoreSimulation(this.findSnapshotAtOrBefore(timeS));
    this.timeline.replay(scratch, timeS);
    return scratch.snapshot();
  }

  /** The kept snapshots: how many, and their bytes (SnapshotStore.getHeldBytes). */
  getSnapshotStats(): { count: number; bytes: number } {
    return { count: this.snapshots.size, bytes: this.snapshots.getHeldBytes() };
  }

  /**
   * What the page's map shows: trips dispatched from now on keep their streets where it shows
   * them at street zoom (streetDetailView.ts), the others are drawn stop to stop. The model's
   * results do not change, only the trips' vertices.
   */
  showView(view: LonLatBounds, zoom: number): void {
    this.streetDetailBounds = getStreetDetailBounds(view, zoom);
    this.sim.setStreetDetailBounds(this.streetDetailBounds);
  }

  /** Sends the stop-level trips of `batch` back drawn street by street (the page swaps their paths). */
  drawStreets(batch: TripBatch): void {
    const drawn = drawStreetPaths(batch, this.sim.network.facilities);
    this.out.send({ type: 'trips', batch: drawn, streetPaths: true, postedAtEpochMs: this.out.nowEpochMs() });
  }

  /** A model restored from `snapshot` that draws trips' streets where this run does. */
  private restore(snapshot: SimSnapshot): Simulation {
    const model = restoreSimulation(snapshot);
    model.setStreetDetailBounds(this.streetDetailBounds);
    this.sendTripsMidStep(model);
    return model;
  }

  /**
   * Has `model` send its trips mid-step when they pass TRIP_FLUSH_LIMITS, as the next tick would
   * send them, while it is the run's model and no seek replays (a replay's trips go through its
   * sieve by the hour).
   */
  private sendTripsMidStep(model: Simulation): void {
    model.setTripFlush(
      () => {
        if (this.seekReplay || model !== this.sim) return;
        const trips = keepTripsShownAfter(model.drainTrips(), this.displayTimeS, true);
        if (trips.length > 0)
          this.out.send({ type: 'trips', batch: trips, postedAtEpochMs: this.out.nowEpochMs() });
      },
      TRIP_FLUSH_LIMITS.vertices,
      TRIP_FLUSH_LIMITS.stops,
    );
  }

  private hourOf(timeS: number): number {
    return Math.floor(timeS / SNAPSHOT_INTERVAL_S);
  }

  private emitTick(model: Simulation): void {
    // Trips that ended before the time on screen would never be drawn (but a truck's departure is summed).
    // The drained trips are this worker's alone: a batch only copied to the page is freed as it is
    // copied (at full scale tens of MB a tick would otherwise wait for the garbage collector).
    const trips = this.seekReplay
      ? this.seekReplay.sieve.take(model.drainTrips())
      : keepTripsShownAfter(model.drainTrips(), this.displayTimeS, true);
    if (trips.length > 0) {
      this.out.send({ type: 'trips', batch: trips, postedAtEpochMs: this.out.nowEpochMs() });
    }
    // A network edit's time passed since the last tick (the model rebuilt its network), or the
    // page dropped the tick that said so: this tick carries the network in force from now.
    const networkChanged = model.network !== this.networkSent;
    this.networkSent = model.network;
    this.out.send({
      type: 'tick',
      timeS: model.timeS,
      facilities: copyFacilityState(model),
      kpis: this.kpiTicks.write(model),
      orders: this.traceOrders(model),
      network: networkChanged ? describeNetwork(model) : undefined,
    });
    this.sendFocusedFacilityHours();
    this.sendAreaHours();
    // On a grid of the interval, not counted from this tick: two runs (A and B) then tick at
    // the same sim times, and the page compares figures of one moment.
    this.nextTickS = (Math.floor(model.timeS / this.tickIntervalS) + 1) * this.tickIntervalS;
  }

  private takeSnapshotIfDue(model: Simulation): void {
    const hour = this.hourOf(model.timeS);
    if (model.timeS !== hour * SNAPSHOT_INTERVAL_S || this.snapshots.has(hour)) return;
    // The model's own bytes count against the budget: what it leaves is the snapshots' share.
    const allowed = getSnapshotBytesAllowed(this.snapshotBudget, model.getHeldBytes());
    // One the byte bound would drop at once is not taken: with the run's first (never dropped) it
    // is over the budget. At full scale one is ~1 GB from the end of day 1, and its copy, made only
    // to be dropped, was the worker's largest allocation while the replay crossed midnight.
    if (this.snapshots.getFirstBytes() + model.getSnapshotBytes() > allowed) return;
    this.snapshots.set(hour, model.snapshot());
    const pinned = this.warmStart?.hour;
    thinSnapshots(this.snapshots, hour, this.hourOf(this.displayTimeS), pinned);
    boundSnapshotBytes(this.snapshots, allowed, this.hourOf(this.displayTimeS), pinned);
    this.sendCheckpointIfDue();
  }

  /**
   * Sends the page the latest kept snapshot on the checkpoint grid that the display has passed
   * (a copy: the worker keeps its own), so a new worker starts near the time on screen.
   */
  private sendCheckpointIfDue(): void {
    const hour =
      Math.floor(this.displayTimeS / (CHECKPOINT_EVERY_HOURS * SNAPSHOT_INTERVAL_S)) * CHECKPOINT_EVERY_HOURS;
    if (hour <= this.checkpointHour) return;
    const snapshot = this.snapshots.get(hour);
    if (!snapshot) return;
    this.checkpointHour = hour;
    this.out.send({ type: 'checkpoint', snapshot }, []);
  }

  /**
   * Advances `model` to `timeS`, closing each sim hour of the per-facility history on the way
   * (a replay crosses many hours in one call).
   */
  private advanceRecording(model: Simulation, timeS: number): void {
    while (model.timeS < timeS) {
      const nextHourS = (this.hourOf(model.timeS) + 1) * SNAPSHOT_INTERVAL_S;
      const stopS = Math.min(timeS, nextHourS);
      model.advanceTo(stopS);
      if (model.timeS === nextHourS) {
        const state = model.readFacilityState();
        const changedFrom = this.facilityHours.closeHour(
          nextHourS / SNAPSHOT_INTERVAL_S - 1,
          model.readFacilityDeliveries().values,
          [state.throughputPerHour, state.backlogParcels],
        );
        // A day folded: the page gets its hours again as they now read, so what it shows is what
        // a page opened later on the same run shows.
        this.focusHoursSent = Math.min(this.focusHoursSent, changedFrom);
        this.areaHoursSent = Math.min(this.areaHoursSent, changedFrom);
        this.reportSeekReplay(model);
        this.out.heartbeat();
      }
      if (model.timeS < stopS) return;
    }
  }

  /**
   * An hour of a seek's replay has closed: its trips go through the sieve, and a warm start keeps
   * the sparse snapshots it passes (scrubbing back there later restores instead of replaying from
   * the start) and tells the page how far it has got, with the hour's KPI row: the charts fill as
   * the warm-up runs, and the tick at its end carries only the hours after them.
   */
  private reportSeekReplay(model: Simulation): void {
    const replay = this.seekReplay;
    if (!replay) return;
    replay.sieve.add(model.drainTrips());
    const progress = replay.progress;
    if (!progress) return;
    if (this.hourOf(model.timeS) % SPARSE_SNAPSHOT_HOURS === 0) this.takeSnapshotIfDue(model);
    this.out.send({
      type: 'progress',
      phase: 'Warming up',
      fraction: (model.timeS - progress.fromS) / (progress.toS - progress.fromS),
      hours: this.kpiTicks.writeHours(model),
    });
  }

  /** Starts the per-facility history over from `model` now (a new run, a fork, a rebuild). */
  private resetFacilityHours(model: Simulation): void {
    const ledger = model.readFacilityDeliveries();
    this.facilityHours.reset(
      this.hourOf(model.timeS),
      ledger.values,
      ledger.columns.length,
      FACILITY_LEVEL_COLUMNS.length,
    );
    this.focusHoursSent = 0;
    this.areaHoursSent = 0;
  }

  /**
   * Makes a parameter change; a rebuild that renumbers facilities starts their history again,
   * one for network edits keeps it (ids stay; added facilities start now).
   */
  private applyParams(model: Simulation, params: Params): void {
    const networkBefore = model.network;
    const paramsBefore = model.params;
    model.setParams(params);
    this.keepChangeWindows(model.params);
    if (model.network === networkBefore) return;
    if (renumbersFacilities(paramsBefore, model.params)) this.resetFacilityHours(model);
    else this.facilityHours.extendTo(this.hourOf(model.timeS), model.readFacilityDeliveries().values);
  }

  /** Sends the focused facility's hours the page does not have yet. */
  private sendFocusedFacilityHours(): void {
    const recorder = this.facilityHours;
    if (this.focusedFacility < 0 || recorder.hours <= this.focusHoursSent) return;
    const { firstHour, hourRows } = recorder.readFacility(this.focusedFacility, this.focusHoursSent);
    this.focusHoursSent = recorder.hours;
    this.out.send({
      type: 'facilityHours',
      facilityId: this.focusedFacility,
      firstHour,
      hourRows,
      foldedBeforeHour: recorder.getFoldedBeforeHour(),
    });
  }

  /** Sends the focused area's summed hours the page does not have yet. */
  private sendAreaHours(): void {
    const recorder = this.facilityHours;
    if (!this.areaFacilities || recorder.hours <= this.areaHoursSent) return;
    const { firstHour, hourRows } = recorder.readFacilitiesSum(this.areaFacilities, this.areaHoursSent);
    this.areaHoursSent = recorder.hours;
    this.out.send({
      type: 'areaHours',
      firstHour,
      hourRows,
      foldedBeforeHour: recorder.getFoldedBeforeHour(),
    });
  }

  /**
   * The run's own changes are where figures start: the hours of the page's changes and of every
   * network edit in `params`.
   */
  private keepChangeWindows(params: Params): void {
    const hours = getEditChangeHours(params.networkEdits);
    for (const change of this.timeline.list()) hours.push(this.hourOf(change.atS));
    this.facilityHours.keepWindowsAt(hours);
  }

  /** Tells the page the parameters in force, and the new network when it changed. */
  private sendParamsApplied(model: Simulation, paramsBefore: Params, errors: string[]): void {
    // Compared by parameters: every restore builds its own (equal) network object.
    const rebuilt = needsOtherNetwork(paramsBefore, model.params);
    if (rebuilt) this.networkSent = model.network;
    this.out.send({
      type: 'paramsApplied',
      params: model.params,
      rebuilt,
      errors,
      network: rebuilt ? describeNetwork(model) : undefined,
    });
  }

  /** Mirrors the changes to the page whenever they moved (a resume replays the page's copy). */
  private sendTimelineIfChanged(): void {
    if (this.timeline.version === this.timelineVersionSent) return;
    this.timelineVersionSent = this.timeline.version;
    this.out.send({ type: 'timeline', changes: this.timeline.list() });
  }

  /**
   * Where a seek to `timeS` starts: the snapshot at or before `restoreAtS` (its look-back), so the
   * replay dispatches again the vehicles on the road at the target. A warm start kept no snapshot
   * before its own hour, so a seek into the SEEK_LOOKBACK_S after it (the default link's first
   * hours: a scrub back to 10:00, the tour's first steps) found the run's start and replayed three
   * days, ~8 s on the page. It starts at the warm state instead, with the trips the state had on
   * the road (a copy, for the sieve to own), as the warm start itself did.
   */
  private findSeekStart(
    restoreAtS: number,
    timeS: number,
  ): { snapshot: SimSnapshot; tripsOnRoad: TripBatch | null } {
    const snapshot = this.findSnapshotAtOrBefore(restoreAtS);
    const warm = this.warmStart;
    const warmSnapshot = warm ? this.snapshots.get(warm.hour) : undefined;
    if (!warm || !warmSnapshot || snapshot.timeS >= warmSnapshot.timeS || warmSnapshot.timeS > timeS)
      return { snapshot, tripsOnRoad: null };
    return { snapshot: warmSnapshot, tripsOnRoad: concatTripBatches([warm.trips]) };
  }

  /** The latest kept snapshot at or before `timeS`, or the earliest kept. */
  private findSnapshotAtOrBefore(timeS: number): SimSnapshot {
    let best = -1;
    let earliest = Number.POSITIVE_INFINITY;
    for (const hour of this.snapshots.hours()) {
      if (hour * SNAPSHOT_INTERVAL_S <= timeS && hour > best) best = hour;
      earliest = Math.min(earliest, hour);
    }
    return this.snapshots.get(best >= 0 ? best : earliest) as SimSnapshot;
  }

  /** Runs `model` to `timeS` making the page's changes on the way, recording facility hours. */
  private replayTo(model: Simulation, timeS: number): void {
    this.timeline.replay(model, timeS, this.recordingReplay);
  }

  /** The page's view of the run changed from `timeS` on: what was kept for later no longer holds. */
  private forgetAfter(timeS: number): void {
    for (const hour of [...this.snapshots.hours()]) {
      if (hour * SNAPSHOT_INTERVAL_S > timeS) this.snapshots.delete(hour);
    }
    // A change before the warm state's hour: the state (and its trips) are another run's now.
    if (this.warmStart && this.warmStart.hour * SNAPSHOT_INTERVAL_S > timeS) this.warmStart = null;
    this.checkpointHour = Math.min(this.checkpointHour, this.hourOf(timeS));
    this.facilityHours.forgetAfter(this.hourOf(timeS));
  }

  /**
   * Brings the run back to `timeS` (the page's display time, usually behind this worker) so a
   * change takes effect where the person made it, not where the model had run ahead to. Returns
   * the model the change is made on. The page is told which trips and ticks to drop.
   */
  private rewindTo(model: Simulation, timeS: number): Simulation {
    if (timeS >= model.timeS) {
      this.replayTo(model, timeS);
      return model;
    }
    const snapshot = this.findSnapshotAtOrBefore(timeS);
    // Too far back (only sparse snapshots are kept there): replaying would stall the page for
    // seconds, so the change applies where the model is, as it did before rewinds existed.
    if (snapshot.timeS > timeS || timeS - snapshot.timeS > MAX_REWIND_S) return model;
    const restored = this.restore(snapshot);
    this.facilityHours.restart(this.hourOf(restored.timeS), restored.readFacilityDeliveries().values);
    this.replayTo(restored, timeS);
    this.focusHoursSent = Math.min(this.focusHoursSent, this.hourOf(restored.timeS));
    this.areaHoursSent = Math.min(this.areaHoursSent, this.hourOf(restored.timeS));
    this.networkSent = null;
    // Trips the replay dispatched were sent in the first pass; the page keeps those. Vehicle ids
    // rise in dispatch order, so the first id after the rewind point is one past the replay's last.
    const replayed = restored.drainTrips();
    let firstVehicleId = snapshot.vehicleSerial;
    for (let trip = 0; trip < replayed.length; trip++)
      firstVehicleId = Math.max(firstVehicleId, replayed.vehicleId[trip] + 1);
    this.forgetAfter(restored.timeS);
    this.timeline.dropAfter(restored.timeS);
    this.kpiTicks.resendFrom(this.hourOf(restored.timeS));
    this.out.send({ type: 'rewound', timeS: restored.timeS, firstVehicleId });
    return restored;
  }

  /** Makes a change at the page's display time `atTimeS` (rewinding to it), then runs on. */
  private changeAt(atTimeS: number | undefined, makeChange: (model: Simulation) => void): void {
    if (atTimeS !== undefined) this.sim = this.rewindTo(this.sim, atTimeS);
    makeChange(this.sim);
    this.facilityHours.keepWindowsAt([this.hourOf(this.sim.timeS)]);
    // What was kept past the change (after a seek back, the model can stand behind it) is another run's.
    this.forgetAfter(this.sim.timeS);
    this.sendTimelineIfChanged();
    // The change shows from the next tick on, computed from here.
    this.emitTick(this.sim);
    this.targetTimeS = Math.max(this.targetTimeS, this.sim.timeS);
  }

  /** Every placed order the run holds now, traced and explained (a few, so a tick stays small). */
  private traceOrders(model: Simulation): OrderTrace[] {
    const out: OrderTrace[] = [];
    for (const order of this.timeline.ordersUntil(model.timeS)) {
      // The key makes this a lookup: the order is in the run already.
      const placed = model.placeOrder(order.spec, order.orderKey);
      const trace = model.traceParcel(placed.parcelId);
      if (!trace) continue;
      out.push({ orderKey: order.orderKey, placed, trace, journey: explainJourney(trace, model.params) });
    }
    return out;
  }
}

/** Whether two parameter sets build different networks (facility ids renumbered). */
function needsOtherNetwork(a: Params, b: Params): boolean {
  return REBUILD_KEYS.some((key) => a[key] !== b[key]);
}
