/**
 * When the map may ask deck.gl for its next drawing where WebGL is software (softwareWebgl.ts).
 * There a drawing is rendered on the CPU after the page hands it over, and while it renders the
 * page gets no new frame: a map that draws again as soon as it may keeps the graphics busy all
 * the time (~1.7 of 2 cores), every frame of the page waits seconds, and the model's worker falls
 * behind. So after each drawing the map waits at least as long again as the drawing kept frames
 * from coming (the longest frame since, or the time since the last frame while none comes):
 * the graphics idle at least half the time, and the page's own frames (the clock, the panels, a
 * click) go on in between. Plain numbers, no allocation: the frame loop feeds it every frame.
 */

/** After a drawing, the map waits this many times as long as the drawing kept frames away. */
export const SOFTWARE_DRAW_WAIT_FACTOR = 2;

export class DrawPacer {
  private lastDrawMs = Number.NEGATIVE_INFINITY;
  private lastFrameMs = Number.NaN;
  private longestFrameSinceDrawMs = 0;

  /** A frame of the page began at `nowMs`. */
  recordFrame(nowMs: number): void {
    if (!Number.isNaN(this.lastFrameMs))
      this.longestFrameSinceDrawMs = Math.max(this.longestFrameSinceDrawMs, nowMs - this.lastFrameMs);
    this.lastFrameMs = nowMs;
  }

  /** The map asked for a drawing at `nowMs`. */
  recordDraw(nowMs: number): void {
    this.lastDrawMs = nowMs;
    this.longestFrameSinceDrawMs = 0;
  }

  /**
   * Whether a drawing may start at `nowMs`: at least `minGapMs` after the last one, and
   * SOFTWARE_DRAW_WAIT_FACTOR times as long after it as frames have since been kept away.
   */
  mayDraw(nowMs: number, minGapMs: number): boolean {
    const sinceFrameMs = Number.isNaN(this.lastFrameMs) ? 0 : nowMs - this.lastFrameMs;
    const busyMs = Math.max(this.longestFrameSinceDrawMs, sinceFrameMs);
    return nowMs - this.lastDrawMs >= Math.max(minGapMs, SOFTWARE_DRAW_WAIT_FACTOR * busyMs);
  }
}
