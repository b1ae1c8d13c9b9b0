/**
 * How far ahead of the display clock the worker simulates. Normally LOOKAHEAD_WALL_S of display
 * at the chosen speed. The model's cost is bursty: at full scale a morning's van waves take the
 * worker seconds of wall time for one step, then the hours after them pass at thousands of times
 * real time. With a fixed few seconds ahead, the display stalls through a burst and the worker
 * then idles once it is that far ahead again (a quarter of a minute's play at 600x, full scale,
 * software WebGL), so the clock keeps neither the speed nor the worker's own pace. A display that
 * stalled doubles the window, up to MAX_LOOKAHEAD_WALL_S and MAX_LOOKAHEAD_S, so the worker works
 * on through the quiet hours and has them ready for the next burst; a sim day shown without a
 * stall halves it back toward the base. A day, not a wall minute: the bursts come back every
 * morning, and at 600x a calm minute is the night between two mornings' waves, so a window that
 * halved then met the next morning with half the lead it had just needed (full scale, day 3: the
 * clock stood still for 30 s of the waves, 508x over three minutes). Nor after a calm day that
 * used the lead: the lead carried day 3's waves at full scale without a stall but fell to 1.5 h
 * of 10 in them, and halving it then would leave the next morning 5 h, less than the 6 h that ran
 * out in them before. Where the worker keeps up (no stall) nothing changes. The window bounds the
 * lead, not the memory: the page holds only the trips the worker really got ahead by. Plain
 * numbers, no allocation: the frame loop feeds it.
 */

/** The worker simulates this many wall seconds of display ahead while the display never stalls. */
export const LOOKAHEAD_WALL_S = 3;
/** Never less than this much sim time ahead, so slow speeds still get whole trips, s. */
export const MIN_LOOKAHEAD_S = 1800;
/**
 * The most wall seconds of display a stalling run may have simulated ahead: at 600x, 10 sim
 * hours, what a full-scale morning's van waves take the worker in the page beyond the clock's
 * pace. In Node their four hours cost ~41 s of a core; in the page, beside the main thread and
 * the software graphics on two cores, about twice that against 24 s of display. With 6 hours
 * (full scale, 600x, day 3, lead sampled every 2 s) the lead was full all night, went into the
 * Eastern wave (one step, every station of the zone at 10:00) from 5.7 h at 04:00 shown, was
 * 1.8 h at 08:00 and ran out at 10:54, and the clock waited 23,155 sim s over four minutes.
 */
export const MAX_LOOKAHEAD_WALL_S = 60;
/**
 * The most sim time ahead at any speed, s (what the page holds of trips not yet started). The
 * waves' trips are held until their vans return whatever the lead, so the page's peak (the
 * afternoon, every wave's vans out) is about the same with a longer one.
 */
export const MAX_LOOKAHEAD_S = 10 * 3600;
/** Sim time shown without a stall after which the window halves, s. */
export const CALM_SIM_S = 86_400;

export class Lookahead {
  /** Wall seconds of display simulated ahead now. */
  wallS = LOOKAHEAD_WALL_S;
  private stalled = false;
  /** The display's sim time at the last stall or halving. */
  private calmSinceS = 0;
  /** The least the worker was ahead of the display, sim s, at the asks since calmSinceS. */
  private leastAheadS = Number.POSITIVE_INFINITY;

  /** The display wanted to move past what the worker had simulated (a stalled frame). */
  noteStall(): void {
    this.stalled = true;
  }

  /**
   * The sim seconds to simulate ahead at `speed`, asked when the page tells the worker where the
   * display is (`displayS`, sim s) and how far the worker is ahead of it (`aheadS`, sim s): grows
   * the window after a stall since the last ask, halves it after a calm sim day in which the
   * worker never fell below half of it ahead. A seek back starts the calm day again from where
   * the display went.
   */
  getLookaheadS(speed: number, displayS: number, aheadS = Number.POSITIVE_INFINITY): number {
    this.leastAheadS = Math.min(this.leastAheadS, aheadS);
    if (this.stalled) {
      this.stalled = false;
      this.wallS = Math.min(MAX_LOOKAHEAD_WALL_S, 2 * this.wallS);
      this.startCalmDay(displayS);
    } else if (displayS < this.calmSinceS) {
      this.startCalmDay(displayS);
    } else if (this.wallS > LOOKAHEAD_WALL_S && displayS - this.calmSinceS >= CALM_SIM_S) {
      if (this.leastAheadS >= this.getWindowS(speed) / 2)
        this.wallS = Math.max(LOOKAHEAD_WALL_S, this.wallS / 2);
      this.startCalmDay(displayS);
    }
    return this.getWindowS(speed);
  }

  private getWindowS(speed: number): number {
    return Math.max(MIN_LOOKAHEAD_S, Math.min(MAX_LOOKAHEAD_S, speed * this.wallS));
  }

  private startCalmDay(displayS: number): void {
    this.calmSinceS = displayS;
    this.leastAheadS = Number.POSITIVE_INFINITY;
  }
}
