/**
 * How much the map may spend per frame. Where frames take longer than SLOW_FRAME_MS (software
 * WebGL, a weak laptop) the map steps its drawing down a level (shorter trails, last-mile
 * vehicles as rings at their stations, fewer redraws) and steps back up once frames are quick
 * again; the display clock meanwhile advances by the time a frame really took, so it keeps the
 * chosen speed instead of the speed the frame rate allows. Plain numbers, no allocation: the
 * frame loop feeds it every frame.
 */

/** A frame slower than this (smoothed) lowers the drawing level, ms. */
export const SLOW_FRAME_MS = 50;
/** Frames quicker than this (smoothed) raise it again, ms. */
export const QUICK_FRAME_MS = 25;
/** Drawing levels: 0 full, 1 lighter, 2 lightest. */
export const LIGHTEST_DRAW_LEVEL = 2;
/** Shortest wall time between two redraws of the moving vehicles at each level, ms. */
const MIN_REDRAW_MS_BY_LEVEL = [0, 100, 250];
/**
 * The same where WebGL is software (softwareWebgl.ts), at every level and from the first frame:
 * there a redraw of the vehicles costs the CPU the model's worker needs, whatever frames the
 * page could still show, ms.
 */
export const SOFTWARE_MIN_REDRAW_MS = 250;
/** Slow frames must last this long before the level drops, and quick ones this long before it rises (wall ms). */
const LOWER_AFTER_MS = 1500;
const RAISE_AFTER_MS = 6000;
/** Weight of the newest frame in the smoothed frame time. */
const SMOOTHING = 0.2;
/**
 * The clock advances by at most this much wall time per frame however long the frame took, s,
 * where WebGL runs on a graphics card: there a frame this long is a hitch, not the pace.
 */
const LONGEST_STEP_S = 1.5;
/**
 * The same where WebGL runs in software: a frame that takes in a large batch of trips (a
 * full-scale van wave's) takes seconds there, and at 1.5 s the real network at 600x lost 38% of
 * its clock to such frames (13,719 of the 36,059 sim s a minute asked for; 60 to waiting for the
 * model). A tab brought back is no such frame: the page drops the hidden time itself
 * (playback.ts), and this bounds only what nothing tells the page of (a machine that slept).
 */
export const SOFTWARE_LONGEST_STEP_S = 8;
/** At quick frame rates the step is capped at this, as before frames were measured, s. */
const QUICK_STEP_S = 0.25;

export class FrameBudget {
  /** Smoothed wall time between frames, ms. */
  frameMs = 1000 / 60;
  level = 0;
  private slowSinceMs = -1;
  private quickSinceMs = -1;

  /** One frame began at `nowMs`, `intervalMs` after the last; returns whether the level changed. */
  recordFrame(nowMs: number, intervalMs: number): boolean {
    if (!(intervalMs > 0)) return false;
    this.frameMs += SMOOTHING * (Math.min(intervalMs, 1000 * LONGEST_STEP_S) - this.frameMs);
    if (this.frameMs > SLOW_FRAME_MS) {
      this.quickSinceMs = -1;
      if (this.slowSinceMs < 0) this.slowSinceMs = nowMs;
      if (this.level < LIGHTEST_DRAW_LEVEL && nowMs - this.slowSinceMs >= LOWER_AFTER_MS) {
        this.level++;
        this.slowSinceMs = nowMs;
        return true;
      }
      return false;
    }
    this.slowSinceMs = -1;
    if (this.frameMs < QUICK_FRAME_MS) {
      if (this.quickSinceMs < 0) this.quickSinceMs = nowMs;
      if (this.level > 0 && nowMs - this.quickSinceMs >= RAISE_AFTER_MS) {
        this.level--;
        this.quickSinceMs = nowMs;
        return true;
      }
    } else this.quickSinceMs = -1;
    return false;
  }

  /**
   * The wall time the clock may advance by for a frame `intervalS` long: all of it up to twice
   * the usual frame time (so slow frames do not slow the clock), never more than LONGEST_STEP_S
   * (SOFTWARE_LONGEST_STEP_S in software).
   * Where WebGL is software (`software`) quick frames come between the few that carry a drawing
   * (drawPacer.ts), which take as long as the drawing: those move the clock by all of it too.
   */
  getClockStepS(intervalS: number, software = false): number {
    const capS = software
      ? SOFTWARE_LONGEST_STEP_S
      : Math.min(LONGEST_STEP_S, Math.max(QUICK_STEP_S, (2 * this.frameMs) / 1000));
    return Math.min(capS, Math.max(0, intervalS));
  }
}

/** Shortest wall time between two redraws of the moving vehicles at drawing level `level`, ms. */
export function getMinRedrawMs(level: number, software: boolean): number {
  return Math.max(MIN_REDRAW_MS_BY_LEVEL[level] ?? 0, software ? SOFTWARE_MIN_REDRAW_MS : 0);
}
