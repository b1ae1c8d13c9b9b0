/**
 * Whether the display clock keeps the chosen speed or waits on the model, over the last few wall
 * seconds. The display never runs past what the worker has simulated (playback.ts), so where the
 * model needs more wall time for a sim hour than the speed allows, the clock runs at the model's
 * pace: at full scale the stations' 10:00 van waves cost several times a quiet hour (15-17 s of
 * model time each in Node, `npm run bench -- model`, where 600x allows 6 s). A person who chose
 * 600x and sees the clock crawl should be told why and how fast it really runs. Slow drawing is
 * another matter: a slow frame moves the clock by its whole time (frameBudget.ts), so the speed
 * holds, and the drawing indicator says what the map lowered. Plain numbers in a ring, no
 * allocation: the frame loop feeds it.
 */

/** Wall time the pace is read over, ms. */
export const PACE_WINDOW_MS = 4000;
/** Least wall time of frames in the window before the clock can count as held back, ms. */
export const MIN_PACE_SPAN_MS = 1500;
/** Share of the window's frames that waited on the model before the clock counts as held back. */
export const BEHIND_STALL_SHARE = 0.2;
/** And the clock ran below this share of the chosen speed. */
export const BEHIND_RATE_SHARE = 0.9;
/**
 * A clock held back stays so until under these (half the stalls, nearly the speed): a model that
 * just keeps up would otherwise turn the note on and off every second.
 */
export const STILL_BEHIND_STALL_SHARE = 0.1;
export const STILL_BEHIND_RATE_SHARE = 0.95;
/** Frames the ring holds: 4 s at 240 frames a second. */
const RING = 1024;

export interface PaceReading {
  /** The model holds the clock back: it runs below the chosen speed, waiting for the worker. */
  behind: boolean;
  /** Sim seconds the clock moved per wall second over the window (0 without frames). */
  achievedX: number;
}

export class ClockPace {
  private readonly atMs = new Float64Array(RING);
  private readonly intervalMs = new Float64Array(RING);
  private readonly advancedS = new Float64Array(RING);
  private readonly stalled = new Uint8Array(RING);
  /** Where the next frame goes. */
  private head = 0;
  private count = 0;

  /**
   * A frame while playing at `nowMs`: `intervalMs` since the last frame, the sim seconds the
   * clock moved, and whether it wanted to move further than the worker had simulated.
   */
  recordFrame(nowMs: number, intervalMs: number, advancedS: number, stalled: boolean): void {
    const at = this.head;
    this.atMs[at] = nowMs;
    this.intervalMs[at] = intervalMs;
    this.advancedS[at] = advancedS;
    this.stalled[at] = stalled ? 1 : 0;
    this.head = (at + 1) % RING;
    if (this.count < RING) this.count++;
  }

  /** Forgets every frame: the clock paused, the speed changed, or a new run began. */
  reset(): void {
    this.count = 0;
  }

  /**
   * The pace over the PACE_WINDOW_MS before `nowMs` at the chosen `speed`; `wasBehind`: the last
   * reading was behind (it then takes less to stay so).
   */
  read(nowMs: number, speed: number, wasBehind = false): PaceReading {
    let spanMs = 0;
    let advancedS = 0;
    let frames = 0;
    let stalls = 0;
    for (let k = 1; k <= this.count; k++) {
      const at = (this.head - k + RING) % RING;
      if (this.atMs[at] < nowMs - PACE_WINDOW_MS) break;
      spanMs += this.intervalMs[at];
      advancedS += this.advancedS[at];
      frames++;
      stalls += this.stalled[at];
    }
    const achievedX = spanMs > 0 ? advancedS / (spanMs / 1000) : 0;
    const stallShare = wasBehind ? STILL_BEHIND_STALL_SHARE : BEHIND_STALL_SHARE;
    const rateShare = wasBehind ? STILL_BEHIND_RATE_SHARE : BEHIND_RATE_SHARE;
    const behind =
      spanMs >= MIN_PACE_SPAN_MS && stalls >= stallShare * frames && achievedX < rateShare * speed;
    return { behind, achievedX };
  }
}

/**
 * The achieved speed as the page shows it: two significant figures ("2,100×", "350×"), so the
 * figure reads steadily and the store changes only when it does.
 */
export function roundPace(achievedX: number): number {
  if (!(achievedX > 0)) return 0;
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(achievedX)) - 1);
  return Math.round(achievedX / unit) * unit;
}
