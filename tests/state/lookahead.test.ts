import { describe, expect, test } from 'vitest';
import {
  Lookahead,
  LOOKAHEAD_WALL_S,
  MAX_LOOKAHEAD_S,
  MAX_LOOKAHEAD_WALL_S,
  MIN_LOOKAHEAD_S,
} from '../../src/state/lookahead';

/** Asks every 250 ms from `startMs` for `count` publishes, a stall before each when `stalling`. */
function publish(lookahead: Lookahead, speed: number, startMs: number, count: number, stalling: boolean) {
  let nowMs = startMs;
  let lookaheadS = 0;
  for (let k = 0; k < count; k++) {
    nowMs += 250;
    if (stalling) lookahead.noteStall();
    lookaheadS = lookahead.getLookaheadS(speed, nowMs);
  }
  return { nowMs, lookaheadS };
}

describe('how far ahead the worker simulates', () => {
  test('a display that keeps up keeps the base window: a few wall seconds at the speed, never under half an hour', () => {
    const lookahead = new Lookahead();
    expect(publish(lookahead, 600, 0, 400, false).lookaheadS).toBe(600 * LOOKAHEAD_WALL_S);
    expect(publish(lookahead, 60, 0, 10, false).lookaheadS).toBe(MIN_LOOKAHEAD_S);
    expect(lookahead.wallS).toBe(LOOKAHEAD_WALL_S);
  });

  test('stalls double the window up to its caps, and calm minutes halve it back to the base', () => {
    const lookahead = new Lookahead();
    let { nowMs, lookaheadS } = publish(lookahead, 600, 0, 1, true);
    expect(lookaheadS).toBe(600 * 2 * LOOKAHEAD_WALL_S);
    ({ nowMs, lookaheadS } = publish(lookahead, 600, nowMs, 1, true));
    expect(lookaheadS).toBe(600 * 4 * LOOKAHEAD_WALL_S);
    // However long the stalls last, the window stops at its wall-time cap (4 h at 600x = 24 s).
    ({ nowMs, lookaheadS } = publish(lookahead, 600, nowMs, 20, true));
    expect(lookahead.wallS).toBe(MAX_LOOKAHEAD_WALL_S);
    expect(lookaheadS).toBe(Math.min(MAX_LOOKAHEAD_S, 600 * MAX_LOOKAHEAD_WALL_S));
    // At 3,600x the sim-time cap holds: the page never buffers more than 4 h of trips ahead.
    expect(lookahead.getLookaheadS(3600, nowMs)).toBe(MAX_LOOKAHEAD_S);
    // Under a minute of calm changes nothing; each calm minute after halves it.
    ({ nowMs } = publish(lookahead, 600, nowMs, 200, false));
    expect(lookahead.wallS).toBe(MAX_LOOKAHEAD_WALL_S);
    ({ nowMs } = publish(lookahead, 600, nowMs, 60, false));
    expect(lookahead.wallS).toBe(MAX_LOOKAHEAD_WALL_S / 2);
    ({ nowMs, lookaheadS } = publish(lookahead, 600, nowMs, 4 * 240, false));
    expect(lookahead.wallS).toBe(LOOKAHEAD_WALL_S);
    expect(lookaheadS).toBe(600 * LOOKAHEAD_WALL_S);
    // A stall in the calm starts the minute again.
    ({ nowMs } = publish(lookahead, 600, nowMs, 1, true));
    ({ nowMs } = publish(lookahead, 600, nowMs, 200, false));
    expect(lookahead.wallS).toBe(2 * LOOKAHEAD_WALL_S);
  });
});
