/**
 * The worker's logic, apart from the worker: messages from the page in (`receive`), replies out
 * through a transport. It checks each message, owns the run (WorkerRun) and runs the model in
 * slices between messages so a seek or a slider change is read within a slice. sim.worker.ts
 * connects it to `self`; tests and the in-process transport drive it in Node.
 */
import { runHearingLongWork } from '../sim/longWork';
import { type Params, validateParams } from '../sim/params';
import { createSimulation, restoreSimulation, type SimSnapshot, type Simulation } from '../sim/simulation';
import type { FacilityHoursSnapshot } from './facilityHours';
import { getMessageBytes } from './messageBytes';
import { readPageMessage } from './pageMessageCheck';
import { describeValue, summarize } from './valueChecks';
import {
  collectTransferables,
  type KpiHourRows,
  PROTOCOL_VERSION,
  type PageMessage,
  type ResumeState,
  type WorkerMessage,
} from './protocol';
import { readWarmHours, readWarmState, readWarmTrips, type WarmHours, type WarmStateKey } from './warmState';
import { type RunOutput, WorkerRun } from './workerRun';

/** Where the host's messages go (a worker's `self.postMessage`, or a test's queue). */
export interface HostTransport {
  post(message: WorkerMessage, transfer: Transferable[]): void;
}

/** When the host runs its next slice, and its clocks. */
export interface HostScheduler {
  /** Runs `task` after the messages already queued (a worker's setTimeout 0). */
  schedule(task: () => void): void;
  /** Runs `task` once `ms` of wall time have passed (a worker's setTimeout). */
  scheduleAfter(ms: number, task: () => void): void;
  /** A monotonic wall clock in ms (slice budgets, the liveness signal). */
  nowMs(): number;
  /** Wall clock on the page's scale (timeOrigin + now), for start-up and latency figures. */
  nowEpochMs(): number;
}

/** An `init` message, as a warm-state source reads it. */
export type InitMessage = Extract<PageMessage, { type: 'init' }>;

/**
 * Where precomputed warm states come from (warmState.ts): the worker fetches the app's file. The
 * host checks what it gets against `fingerprint` and the run `init` asks for.
 */
export interface WarmStateSource {
  /** The model code's fingerprint, which a usable file carries. */
  fingerprint: string;
  /**
   * The bytes of a warm state for the run `init` starts (null: none could be had), or null at
   * once when none is made for that run (nothing fetched, nothing waited for).
   */
  load(init: InitMessage): Promise<ArrayBuffer | null> | null;
  /**
   * The bytes of the same warm state's charted hours (warmState.ts WarmHours, a few kB), or null
   * as `load`. The host waits for them before it builds the network, and sends them in `ready`:
   * the page's charts then hold day 1 and the morning from the moment the network is built, in
   * the same task (a message posted later waits behind the page's first WebGL work, seconds on
   * software WebGL). A source that may be slow bounds its wait (sim.worker.ts: a fetch timeout).
   */
  loadHours?(init: InitMessage): Promise<ArrayBuffer | null> | null;
  /**
   * The bytes of the same warm state's opening trips (warmState.ts WarmTrips, ~1 MB), or null
   * as `load`. Fetched while the network is built and sent to the page as soon as they are here
   * (after `ready`, ahead of the state's restore), so the map draws them with the network's
   * first frames: on software WebGL those come seconds before the frames after the restore.
   */
  loadTrips?(init: InitMessage): Promise<ArrayBuffer | null> | null;
}

/** Longest stretch of model work before the host reads new messages, in wall ms. */
const SLICE_BUDGET_MS = 120;
/** During long work the host says it is alive at most this often (the page's watchdog waits longer). */
const HEARTBEAT_MS = 500;
/**
 * Longest a warm state's fetch waits, from the opening trips' sending (`trips.atStart`), for the
 * page to say it has taken them in (`tripsAtStartTaken`); a page whose main thread is held that
 * long gets the state regardless. On two cores the state's fetch (a 24 MB body, read on this
 * thread, through the browser's network process) took CPU from the trips' way to the screen.
 * 10 + 10 alternated opens in headless Chromium (software WebGL), network built -> first trips
 * drawn: 1.03 s (0.92-1.94) fetching at once, 0.83 s (0.61-1.60) once they are taken; the warm
 * start opens (its clock running) 3.65 s -> 3.87 s after navigation. Fetching only once they were
 * drawn made it 0.77 s, but 4.95 s: after that first frame one task of the graphics process runs
 * ~1.2 s (a trace), and the fetch and restore came behind it.
 */
export const TRIPS_AT_START_WAIT_MS = 1500;

export class SimHost {
  private run: WorkerRun | null = null;
  private sliceScheduled = false;
  private lastPostedMs = Number.NEGATIVE_INFINITY;
  /**
   * Messages posted to the page and the bytes of their array buffers (getMessageBytes), since
   * the host started: against what the page has received, what waits in between (the soak reads it).
   */
  readonly posted = { messages: 0, bytes: 0 };
  private readonly output: RunOutput = {
    send: (message, transfer) => this.send(message, transfer),
    heartbeat: () => {
      if (this.scheduler.nowMs() - this.lastPostedMs >= HEARTBEAT_MS) this.send({ type: 'alive' });
    },
    nowEpochMs: () => this.scheduler.nowEpochMs(),
  };

  /**
   * Messages that came while a warm state was being fetched, to handle in order once it is here
   * (the page posts its seek right after `init`); null when not waiting.
   */
  private heldMessages: unknown[] | null = null;
  /**
   * Lets a warm state's fetch go (the page took the opening trips, or the wait ran out); null when
   * none waits.
   */
  private releaseWarmFetch: (() => void) | null = null;

  constructor(
    private readonly transport: HostTransport,
    private readonly scheduler: HostScheduler,
    private readonly warmStates: WarmStateSource | null = null,
  ) {}

  /** The run's per-facility hours so far (a precomputed warm state carries them); null before `init`. */
  saveFacilityHours(): FacilityHoursSnapshot | null {
    return this.run?.saveFacilityHours() ?? null;
  }

  /** The run's model (tests read it; null before `init`). */
  get model(): Simulation | null {
    return this.run?.model ?? null;
  }

  /** The run's kept snapshots (count, bytes), for the soak benchmark; null before `init`. */
  getSnapshotStats(): { count: number; bytes: number } | null {
    return this.run?.getSnapshotStats() ?? null;
  }

  /**
   * One message from the page. A malformed one is answered with `rejected` naming what was
   * wrong; an error while acting on a good one stops the run (its state may be half changed)
   * and says so, so the page can start a new worker from its timeline.
   */
  receive(data: unknown): void {
    if (this.heldMessages) {
      const type = (data as { type?: unknown } | null)?.type;
      // The page's watchdog pings while it waits: answered now, as the host is not busy.
      if (type === 'ping') this.send({ type: 'alive' });
      // What the held fetch waits for: held behind it, it would only ever come after the wait.
      else if (type === 'tripsAtStartTaken') this.releaseWarmFetch?.();
      else this.heldMessages.push(data);
      return;
    }
    const checked = readPageMessage(data);
    if (checked.error !== undefined) {
      this.send({ type: 'rejected', message: `A message to the model was ignored: ${checked.error}` });
      return;
    }
    try {
      runHearingLongWork(this.output.heartbeat, () => this.handle(checked.message));
    } catch (error) {
      const err = error instanceof Error ? error : new Error(describeValue(error));
      this.run = null;
      this.send({ type: 'error', message: err.message, detail: err.stack, recoverable: true });
    }
    this.scheduleSliceIfWork();
  }

  private send(message: WorkerMessage, transfer: Transferable[] = collectTransferables(message)): void {
    this.lastPostedMs = this.scheduler.nowMs();
    this.posted.messages++;
    this.posted.bytes += getMessageBytes(message);
    this.transport.post(message, transfer);
  }

  private handle(message: PageMessage): void {
    switch (message.type) {
      case 'init': {
        if (!this.checkVersion(message.version)) return;
        const receivedAtMs = this.scheduler.nowEpochMs();
        const params = this.readParams(message.params);
        const startTimeS = !message.resume ? message.startTimeS : undefined;
        const init = { ...message, params };
        // Fetched while the network is built (the build holds this thread for a second or more):
        // the hours, small, first; then the opening trips (1.5 MB at the default scale), and the
        // state (24 MB) only once the page has taken those trips in (TRIPS_AT_START_WAIT_MS). A
        // body is read on this thread, so after the build the two competed and the trips reached
        // the map 0.7-1.4 s after it; they come first now.
        const hoursBytes = startTimeS ? (this.warmStates?.loadHours?.(init) ?? null) : null;
        const tripsBytes = startTimeS ? (this.warmStates?.loadTrips?.(init) ?? null) : null;
        const loadWarm = () => (startTimeS ? (this.warmStates?.load(init) ?? null) : null);
        const tripsTaken = tripsBytes ? this.waitForTripsAtStartTaken() : null;
        const warmBytes = tripsTaken ? tripsTaken.then(loadWarm) : loadWarm();
        // A build that throws leaves them unread: their failure then is nobody's news.
        warmBytes?.catch(() => {});
        tripsBytes?.catch(() => {});
        this.send({ type: 'progress', phase: 'Building the network', fraction: 0.1 });
        const key = startTimeS
          ? { fingerprint: this.warmStates?.fingerprint ?? '', params, seed: message.seed, timeS: startTimeS }
          : null;
        const build = (hours: WarmHours | null) => {
          this.start(
            this.createHonoured(params, message.seed),
            receivedAtMs,
            message.resume,
            message.startTimeS,
            message.windowHours,
            // With `ready`: the rows the seek's tick brings again, as a replay's progress does.
            hours?.hours,
          );
          if (this.run && key && tripsBytes) this.sendTripsAtStartWhenHere(this.run, tripsBytes, key);
          if (this.run && key && warmBytes) this.awaitWarmState(this.run, warmBytes, key);
        };
        if (!hoursBytes || !key) {
          build(null);
          return;
        }
        this.holdMessagesUntil(
          hoursBytes.then(
            (buffer) => (buffer && buffer.byteLength > 0 ? readWarmHours(buffer, key) : null),
            () => null,
          ),
          (hours) => build(typeof hours === 'string' ? null : hours),
        );
        return;
      }
      case 'initFromSnapshot': {
        if (!this.checkVersion(message.version)) return;
        const receivedAtMs = this.scheduler.nowEpochMs();
        const restored = this.restoreChecked(message.snapshot);
        if (!restored) return;
        // A fork with the same parameters changes nothing, so both futures start equal.
        const params = this.readParams(message.params, restored.params);
        if (!sameParams(params, restored.params)) {
          try {
            restored.setParams(params);
          } catch (error) {
            // Network edits the model cannot honour: named; the fork starts as the run it came from.
            this.send({
              type: 'paramsApplied',
              params: restored.params,
              rebuilt: false,
              errors: [(error as Error).message],
            });
          }
        }
        this.start(restored, receivedAtMs, message.resume, 0, message.windowHours);
        return;
      }
      case 'ping':
        this.send({ type: 'alive' });
        return;
      case 'tripsAtStartTaken':
        this.releaseWarmFetch?.();
        return;
      case 'crash':
        // Thrown outside any handler, as a bug in the model would be: the page sees the worker fail.
        this.scheduler.schedule(() => {
          throw new Error('Fault drill: the worker was asked to crash');
        });
        return;
    }
    const run = this.run;
    if (!run) {
      this.send({
        type: 'rejected',
        message: `A "${message.type}" message came before the model was started; ignored.`,
      });
      return;
    }
    switch (message.type) {
      case 'advance':
        run.advance(message.displayTimeS, message.lookaheadS, message.tickIntervalS);
        return;
      case 'setParams':
        run.setParamsAt(message.partial, message.atTimeS);
        return;
      case 'seek':
        run.seek(message.timeS);
        return;
      case 'placeOrder':
        run.placeOrderAt(message.order, message.orderKey, message.atTimeS);
        return;
      case 'focusFacility':
        run.focusFacility(message.facilityId);
        return;
      case 'focusArea':
        run.focusArea(message.facilityIds);
        return;
      case 'keepWindowsAt':
        run.keepWindowsAt(message.hours);
        return;
      case 'viewport':
        run.showView(message.bounds, message.zoom);
        return;
      case 'drawStreets':
        run.drawStreets(message.batch);
        return;
      case 'snapshot':
        this.send({ type: 'snapshot', snapshot: run.snapshotAt(message.atTimeS) });
        return;
    }
  }

  private start(
    model: Simulation,
    receivedAtMs: number,
    resume: ResumeState | undefined,
    startTimeS = 0,
    windowHours: number[] = [],
    hoursBeforeStart?: KpiHourRows,
  ): void {
    this.run = new WorkerRun(model, this.output, receivedAtMs, startTimeS, undefined, hoursBeforeStart);
    // Before a resume's replay folds any day.
    this.run.keepWindowsAt(windowHours);
    if (resume) this.run.resume(resume);
  }

  /**
   * Sends the page the opening trips in `bytes` once they arrive, when they are of `key`'s run
   * and `run` has not moved yet (WorkerRun.sendTripsAtStart); a file that is not is ignored, and
   * the seek sends its own trips as without one.
   */
  private sendTripsAtStartWhenHere(
    run: WorkerRun,
    bytes: Promise<ArrayBuffer | null>,
    key: WarmStateKey,
  ): void {
    // This start's wait (set by `init` just before), not whichever waits when the bytes come.
    const release = this.releaseWarmFetch ?? (() => {});
    bytes.then((buffer) => {
      if (this.run !== run || !buffer || buffer.byteLength === 0) return release();
      const trips = readWarmTrips(buffer, key);
      if (typeof trips === 'string' || !run.sendTripsAtStart(trips.trips)) return release();
      // Sent: the page says when it has taken them in; if it does not in time, the wait ends.
      this.scheduler.scheduleAfter(TRIPS_AT_START_WAIT_MS, release);
    }, release);
  }

  /**
   * Settles when the page has taken in the opening trips, or when their sending failed or its wait
   * ran out (sendTripsAtStartWhenHere); whichever first, once.
   */
  private waitForTripsAtStartTaken(): Promise<void> {
    // A wait of an earlier start (none is known to be left) goes at once rather than never.
    this.releaseWarmFetch?.();
    return new Promise((resolve) => {
      const release = () => {
        if (this.releaseWarmFetch !== release) return;
        this.releaseWarmFetch = null;
        resolve();
      };
      this.releaseWarmFetch = release;
    });
  }

  /**
   * Holds the page's next messages until `bytes` arrive, then offers `run` the warm state they
   * hold (or why there is none to use) and handles the held messages in order.
   */
  private awaitWarmState(run: WorkerRun, bytes: Promise<ArrayBuffer | null>, key: WarmStateKey): void {
    this.holdMessagesUntil(
      bytes.then(
        (buffer) => (buffer && buffer.byteLength > 0 ? readWarmState(buffer, key) : 'the app serves none'),
        (error) => `it could not be fetched (${describeValue((error as Error)?.message ?? error)})`,
      ),
      (offer) => {
        if (this.run === run) run.offerWarmState(offer);
      },
    );
  }

  /**
   * Holds the page's messages until `value` settles, then runs `then` with it (an error there
   * stops the run, as in `receive`) and handles the held messages in order (a hold `then` starts
   * holds them again).
   */
  private holdMessagesUntil<T>(value: Promise<T>, then: (value: T) => void): void {
    const held: unknown[] = [];
    this.heldMessages = held;
    value.then((settled) => {
      this.heldMessages = null;
      try {
        runHearingLongWork(this.output.heartbeat, () => then(settled));
      } catch (error) {
        const err = error instanceof Error ? error : new Error(describeValue(error));
        this.run = null;
        this.send({ type: 'error', message: err.message, detail: err.stack, recoverable: true });
      }
      this.scheduleSliceIfWork();
      for (const data of held) this.receive(data);
    });
  }

  private checkVersion(version: number): boolean {
    if (version === PROTOCOL_VERSION) return true;
    this.send({
      type: 'error',
      message: `The page speaks protocol ${version}, this worker ${PROTOCOL_VERSION}. Reload the page.`,
      recoverable: false,
    });
    return false;
  }

  /** Valid parameters from the page's; each refused value is named and replaced by `base`'s. */
  /**
   * A new run; network edits the model cannot honour (a link's, a file's) are named and left
   * out, and the run starts on the network without them.
   */
  private createHonoured(params: Params, seed: number): Simulation {
    if (params.networkEdits === '') return createSimulation(params, seed);
    try {
      return createSimulation(params, seed);
    } catch (error) {
      const without = { ...params, networkEdits: '' };
      this.send({
        type: 'paramsApplied',
        params: without,
        rebuilt: false,
        errors: [(error as Error).message],
      });
      return createSimulation(without, seed);
    }
  }

  private readParams(input: Params, base?: Params): Params {
    const { params, errors } = validateParams(input as unknown as Record<string, unknown>, base);
    if (errors.length > 0) this.send({ type: 'paramsApplied', params, rebuilt: false, errors });
    return params;
  }

  /** A fork's snapshot as a model, or null (and a message naming why) when it is broken. */
  private restoreChecked(snapshot: SimSnapshot): Simulation | null {
    let problems: string[];
    let restored: Simulation | null = null;
    try {
      restored = restoreSimulation(snapshot);
      problems = restored.checkInvariants();
    } catch (error) {
      problems = [(error as Error).message];
    }
    if (problems.length === 0) return restored;
    this.send({
      type: 'error',
      message: `The snapshot to start from could not be used: ${summarize(problems, 3)}`,
      recoverable: false,
    });
    return null;
  }

  private scheduleSliceIfWork(): void {
    if (this.sliceScheduled || !this.run?.hasWork) return;
    this.sliceScheduled = true;
    this.scheduler.schedule(() => this.runSlice());
  }

  private runSlice(): void {
    this.sliceScheduled = false;
    const run = this.run;
    if (!run) return;
    const startedMs = this.scheduler.nowMs();
    try {
      runHearingLongWork(this.output.heartbeat, () =>
        run.runFor(() => this.scheduler.nowMs() - startedMs >= SLICE_BUDGET_MS),
      );
    } catch (error) {
      const err = error as Error;
      this.run = null;
      this.send({ type: 'error', message: err.message, detail: err.stack, recoverable: true });
      return;
    }
    this.scheduleSliceIfWork();
  }
}

function sameParams(a: Params, b: Params): boolean {
  return Object.keys(a).every((key) => a[key as keyof Params] === b[key as keyof Params]);
}

/** The worker's scheduler: a macrotask per slice, so messages queued meanwhile are read first. */
export const WORKER_SCHEDULER: HostScheduler = {
  schedule: (task) => setTimeout(task, 0),
  scheduleAfter: (ms, task) => setTimeout(task, ms),
  nowMs: () => performance.now(),
  nowEpochMs: () => performance.timeOrigin + performance.now(),
};
