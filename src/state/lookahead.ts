/**
 * How far ahead of the display clock the worker simulates. Normally LOOKAHEAD_WALL_S of display
 * at the chosen speed. The model's cost is bursty: at full scale a morning's van waves take the
 * worker seconds of wall time for one step, then the hours after them pass at thousands of times
 * real time. With a fixed few seconds ahead, the display stalls through a burst and the worker
 * then idles once it is that far ahead again (a quarter of a minute's play at 600x, full scale,
 * software WebGL), so the clock keeps neither the speed nor the worker's own pace. A display that
 * stalled doubles the window, up to MAX_LOOKAHEAD_WALL_S and MAX_LOOKAHEAD_S, so the worker works
 * on through the quiet hours and has them ready for the next burst; a minute without a stall
 * halves it back toward the base. Where the worker keeps up (no stall) nothing changes. The
 * window bounds the lead, not the memory: the page holds only the trips the worker really got
 * ahead by. Plain numbers, no allocation: the frame loop feeds it.
 */

/** The worker simulates this many wall seconds of display ahead while the display never stalls. */
export const LOOKAHEAD_WALL_S = 3;
/** Never less than this much sim time ahead, so slow speeds still get whole trips, s. */
export const MIN_LOOKAHEAD_S = 1800;
/** The most wall seconds of display a stalling run may have simulated ahead. */
export const MAX_LOOKAHEAD_WALL_S = 24;
/** The most sim time ahead at any speed, s (what the page holds of trips not yet started). */
export const MAX_LOOKAHEAD_S = 4 * 3600;
/** Wall time without a stall after which the window halves, ms. */
const CALM_MS = 60_000;

export class Lookahead {
  /** Wall seconds of display simulated ahead now. */
  wallS = LOOKAHEAD_WALL_S;
  private stalled = false;
  private calmSinceMs = -1;

  /** The display wanted to move past what the worker had simulated (a stalled frame). */
  noteStall(): void {
    this.stalled = true;
  }

  /**
   * The sim seconds to simulate ahead at `speed`, asked when the page tells the worker where the
   * display is (`nowMs`, wall ms): grows the window after a stall since the last ask, shrinks it
   * after a calm minute.
   */
  getLookaheadS(speed: number, nowMs: number): number {
    if (this.stalled) {
      this.stalled = false;
      this.wallS = Math.min(MAX_LOOKAHEAD_WALL_S, 2 * this.wallS);
      this.calmSinceMs = nowMs;
    } else if (this.wallS > LOOKAHEAD_WALL_S && nowMs - this.calmSinceMs >= CALM_MS) {
      this.wallS = Math.max(LOOKAHEAD_WALL_S, this.wallS / 2);
      this.calmSinceMs = nowMs;
    }
    return Math.max(MIN_LOOKAHEAD_S, Math.min(MAX_LOOKAHEAD_S, speed * this.wallS));
  }
}
