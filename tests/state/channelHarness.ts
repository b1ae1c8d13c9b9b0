/**
 * The page's channels against in-process hosts, with a display clock driven as playback.ts
 * drives it (advance, let the models work, apply due ticks), and hooks that record what the
 * page would show.
 */
import type { Params } from '../../src/sim/params';
import { type ChannelHooks, SimChannel } from '../../src/state/simChannel';
import { createInProcessTransports } from '../../src/worker/inProcessTransport';

export interface HookLog {
  recovering: string[];
  recovered: Array<{ timeS: number; recoveryMs: number; reason: string }>;
  failed: string[];
  warnings: string[];
  seeked: number[];
}

export function createHooks(): { hooks: ChannelHooks; log: HookLog } {
  const log: HookLog = { recovering: [], recovered: [], failed: [], warnings: [], seeked: [] };
  const hooks: ChannelHooks = {
    onProgress() {},
    onReady() {},
    onSimulated() {},
    onSeeked: (timeS) => log.seeked.push(timeS),
    onParamsApplied() {},
    onFail: (message) => log.failed.push(message),
    onRecovering: (message) => log.recovering.push(message),
    onRecovered: (timeS, recoveryMs, reason) => log.recovered.push({ timeS, recoveryMs, reason }),
    onWarning: (message) => log.warnings.push(message),
  };
  return { hooks, log };
}

/** A page with scenario A (and B on demand), a wall clock in ms the test moves, and a display clock. */
export class PageHarness {
  readonly models = createInProcessTransports();
  wallMs = 0;
  displayTimeS = 0;
  readonly a: SimChannel;
  readonly logA: HookLog;
  b: SimChannel | null = null;
  logB: HookLog | null = null;

  constructor(params: Params, seed: number) {
    const { hooks, log } = createHooks();
    this.logA = log;
    this.a = this.createChannel('A', hooks);
    this.a.start(params, seed);
    this.models.pump();
  }

  createChannel(label: 'A' | 'B', hooks: ChannelHooks): SimChannel {
    return new SimChannel(label, hooks, this.models.factory, undefined, {
      nowMs: () => this.wallMs,
    });
  }

  /** Starts B as a fork of A at the tick on screen (as simClient.startCompare does). */
  async fork(paramsB: Params): Promise<void> {
    const { hooks, log } = createHooks();
    this.logB = log;
    this.b = this.createChannel('B', hooks);
    const forkTimeS = this.a.view.currentTick?.timeS ?? this.displayTimeS;
    const waiting = this.a.requestSnapshot(forkTimeS);
    this.models.pump();
    const snapshot = await waiting;
    this.b.start(paramsB, this.a.view.seed, { snapshot });
    this.models.pump();
  }

  /**
   * Moves the display clock to `timeS` in publishes of `stepS` (as at a fixed speed), the
   * models working between them; `onPublish` looks at each.
   */
  playTo(timeS: number, stepS = 900, onPublish?: () => void): void {
    let stalled = 0;
    while (this.displayTimeS < timeS) {
      const before = this.displayTimeS;
      this.displayTimeS = Math.max(before, Math.min(timeS, before + stepS, this.limitS()));
      this.wallMs += 250;
      for (const channel of this.channels()) {
        channel.advance(this.displayTimeS, 1800, 300);
        channel.checkLiveness();
      }
      this.models.pump();
      for (const channel of this.channels()) channel.applyDueTicks(this.displayTimeS);
      onPublish?.();
      // Waiting on a model (a failure being handled) costs wall time; a stopped one never moves.
      stalled = this.displayTimeS === before ? stalled + 1 : 0;
      if (stalled > 100) throw new Error(`the display clock is stuck at ${before} s`);
    }
  }

  /** How far every running model has simulated (the display may not pass it). */
  limitS(): number {
    let limit = this.a.view.simulatedTimeS;
    if (this.b?.running && this.b.view.network) limit = Math.min(limit, this.b.view.simulatedTimeS);
    return limit;
  }

  channels(): SimChannel[] {
    return this.b ? [this.a, this.b] : [this.a];
  }

  /** What the panels read: cumulative figures at the tick on screen, and the hour rows. */
  static figures(channel: SimChannel): { timeS: number; cumulative: number[]; rows: number[] } {
    const history = channel.kpiHistory;
    return {
      timeS: channel.view.currentTick?.timeS ?? -1,
      cumulative: Array.from(history.cumulative),
      rows: Array.from(history.rows.subarray(0, history.hours * history.names.length)),
    };
  }
}
