/**
 * Tells a silent worker from a busy one. A worker the browser terminated (out of memory, a
 * crash of its thread) sends no error: it just stops answering. The channel checks once a
 * second: after a quiet second it pings; a ping unanswered for `limitMs` means the worker is
 * gone. The worker answers between slices and says it is alive during long replays, so only a
 * dead (or hung) worker stays silent that long.
 *
 * Silence is counted in page-awake time: each check adds at most one check interval, so a page
 * whose own main thread was blocked for seconds (software WebGL) does not blame the worker for
 * replies still waiting in its queue.
 */
const CHECK_INTERVAL_MS = 1000;
/** Before the first `ready` (a network build, a fork's restore), waiting is expected. */
const STARTING_LIMIT_MS = 60_000;

export type WatchdogVerdict = 'ok' | 'ping' | 'gone';

export class WorkerWatchdog {
  private lastCheckMs = 0;
  private lastHeardMs = 0;
  /** Page-awake time a ping has waited, or -1 when none is out. */
  private pingWaitedMs = -1;
  private started = false;

  constructor(private readonly limitMs: number) {}

  /** A new worker (`started` false until its first `ready`). */
  reset(nowMs: number, started: boolean): void {
    this.lastCheckMs = nowMs;
    this.lastHeardMs = nowMs;
    this.pingWaitedMs = -1;
    this.started = started;
  }

  /** Any message from the worker. */
  heard(nowMs: number): void {
    this.lastHeardMs = nowMs;
    this.pingWaitedMs = -1;
  }

  check(nowMs: number): WatchdogVerdict {
    if (this.limitMs <= 0) return 'ok';
    const awakeMs = Math.min(CHECK_INTERVAL_MS, Math.max(0, nowMs - this.lastCheckMs));
    this.lastCheckMs = nowMs;
    if (this.pingWaitedMs >= 0) {
      this.pingWaitedMs += awakeMs;
      return this.pingWaitedMs >= (this.started ? this.limitMs : STARTING_LIMIT_MS) ? 'gone' : 'ok';
    }
    if (nowMs - this.lastHeardMs < CHECK_INTERVAL_MS) return 'ok';
    this.pingWaitedMs = 0;
    return 'ping';
  }
}
