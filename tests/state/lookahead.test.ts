import { describe, expect, test } from 'vitest';
import {
  CALM_SIM_S,
  Lookahead,
  LOOKAHEAD_WALL_S,
  MAX_LOOKAHEAD_S,
  MAX_LOOKAHEAD_WALL_S,
  MIN_LOOKAHEAD_S,
} from '../../src/state/lookahead';

/**
 * Asks every 250 ms of play from display time `startS` for `count` publishes, the display moving at
 * `speed` (standing still while it stalls), a stall before each when `stalling`.
 */
function publish(
  lookahead: Lookahead,
  speed: number,
  startS: number,
  count: number,
  stalling: boolean,
  aheadS = Number.POSITIVE_INFINITY,
) {
  let displayS = startS;
  let lookaheadS = 0;
  for (let k = 0; k < count; k++) {
    if (stalling) lookahead.noteStall();
    else displayS += speed / 4;
    lookaheadS = lookahead.getLookaheadS(speed, displayS, aheadS);
  }
  return { displayS, lookaheadS };
}

describe('how far ahead the worker simulates', () => {
  test('a display that keeps up keeps the base window: a few wall seconds at the speed, never under half an hour', () => {
    const lookahead = new Lookahead();
    expect(publish(lookahead, 600, 0, 400, false).lookaheadS).toBe(600 * LOOKAHEAD_WALL_S);
    expect(publish(lookahead, 60, 0, 10, false).lookaheadS).toBe(MIN_LOOKAHEAD_S);
    expect(lookahead.wallS).toBe(LOOKAHEAD_WALL_S);
  });

  test('stalls double the window up to its caps, and calm sim days halve it back to the base', () => {
    const lookahead = new Lookahead();
    let { displayS, lookaheadS } = publish(lookahead, 600, 0, 1, true);
    expect(lookaheadS).toBe(600 * 2 * LOOKAHEAD_WALL_S);
    ({ displayS, lookaheadS } = publish(lookahead, 600, displayS, 1, true));
    expect(lookaheadS).toBe(600 * 4 * LOOKAHEAD_WALL_S);
    // However long the stalls last, the window stops at its wall-time cap (10 h at 600x = 60 s).
    ({ displayS, lookaheadS } = publish(lookahead, 600, displayS, 20, true));
    expect(lookahead.wallS).toBe(MAX_LOOKAHEAD_WALL_S);
    expect(lookaheadS).toBe(Math.min(MAX_LOOKAHEAD_S, 600 * MAX_LOOKAHEAD_WALL_S));
    expect(lookaheadS).toBe(10 * 3600);
    // At 3,600x the sim-time cap holds: the page never buffers more than 10 h of trips ahead.
    expect(lookahead.getLookaheadS(3600, displayS)).toBe(MAX_LOOKAHEAD_S);
    // The quiet night after a morning's waves keeps the lead for the next morning: at 600x a
    // minute is 10 sim hours, and 23 calm hours change nothing.
    ({ displayS } = publish(lookahead, 600, displayS, (4 * 23 * 3600) / 600, false));
    expect(lookahead.wallS).toBe(MAX_LOOKAHEAD_WALL_S);
    // A whole calm sim day halves it, and each after that again.
    ({ displayS } = publish(lookahead, 600, displayS, (4 * 3600) / 600, false));
    expect(lookahead.wallS).toBe(MAX_LOOKAHEAD_WALL_S / 2);
    ({ displayS, lookaheadS } = publish(lookahead, 600, displayS, (4 * 4 * CALM_SIM_S) / 600, false));
    expect(lookahead.wallS).toBe(LOOKAHEAD_WALL_S);
    expect(lookaheadS).toBe(600 * LOOKAHEAD_WALL_S);
    // A stall in the calm starts the day again.
    ({ displayS } = publish(lookahead, 600, displayS, 1, true));
    ({ displayS } = publish(lookahead, 600, displayS, (4 * 23 * 3600) / 600, false));
    expect(lookahead.wallS).toBe(2 * LOOKAHEAD_WALL_S);
  });

  test('a calm day that drew the lead below half the window keeps it; one that did not halves it', () => {
    const lookahead = new Lookahead();
    let { displayS } = publish(lookahead, 600, 0, 5, true);
    expect(lookahead.wallS).toBe(MAX_LOOKAHEAD_WALL_S);
    // A morning the lead carried without a stall: the worker 1.5 h ahead at its least (full scale, day 3).
    ({ displayS } = publish(lookahead, 600, displayS, (4 * 12 * 3600) / 600, false, 9 * 3600));
    ({ displayS } = publish(lookahead, 600, displayS, 4, false, 1.5 * 3600));
    ({ displayS } = publish(lookahead, 600, displayS, (4 * 13 * 3600) / 600, false, 9 * 3600));
    expect(lookahead.wallS).toBe(MAX_LOOKAHEAD_WALL_S);
    // The next day the lead never fell below half: that day halves it.
    ({ displayS } = publish(lookahead, 600, displayS, (4 * 25 * 3600) / 600, false, 6 * 3600));
    expect(lookahead.wallS).toBe(MAX_LOOKAHEAD_WALL_S / 2);
  });

  test('a seek back starts the calm day from where the display went', () => {
    const lookahead = new Lookahead();
    const { displayS } = publish(lookahead, 600, 2 * CALM_SIM_S, 5, true);
    expect(lookahead.wallS).toBe(MAX_LOOKAHEAD_WALL_S);
    // Back to day 1, then 23 calm hours from there: not yet a calm day since the seek.
    let after = publish(lookahead, 600, displayS - CALM_SIM_S, (4 * 23 * 3600) / 600, false);
    expect(lookahead.wallS).toBe(MAX_LOOKAHEAD_WALL_S);
    after = publish(lookahead, 600, after.displayS, (4 * 2 * 3600) / 600, false);
    expect(lookahead.wallS).toBe(MAX_LOOKAHEAD_WALL_S / 2);
  });
});
