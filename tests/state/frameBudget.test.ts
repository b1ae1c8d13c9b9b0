import { describe, expect, test } from 'vitest';
import { FrameBudget, LIGHTEST_DRAW_LEVEL, SOFTWARE_LONGEST_STEP_S } from '../../src/state/frameBudget';

/** Feeds `count` frames `intervalMs` apart from `startMs`; returns the time after them. */
function feed(budget: FrameBudget, startMs: number, count: number, intervalMs: number): number {
  let nowMs = startMs;
  for (let frame = 0; frame < count; frame++) {
    nowMs += intervalMs;
    budget.recordFrame(nowMs, intervalMs);
  }
  return nowMs;
}

describe('the frame budget', () => {
  test('slow frames lower the drawing level step by step, quick ones raise it again, with hysteresis', () => {
    const budget = new FrameBudget();
    let nowMs = feed(budget, 0, 120, 16);
    expect(budget.level).toBe(0);
    // Software WebGL: 400 ms frames. One level after a second and a half of them, then the next.
    nowMs = feed(budget, nowMs, 3, 400);
    expect(budget.level).toBe(0);
    nowMs = feed(budget, nowMs, 3, 400);
    expect(budget.level).toBe(1);
    nowMs = feed(budget, nowMs, 20, 400);
    expect(budget.level).toBe(LIGHTEST_DRAW_LEVEL);
    // Frames between the thresholds change nothing.
    nowMs = feed(budget, nowMs, 400, 35);
    expect(budget.level).toBe(LIGHTEST_DRAW_LEVEL);
    // Quick frames for long enough raise it one level at a time.
    nowMs = feed(budget, nowMs, 60, 16);
    expect(budget.level).toBe(LIGHTEST_DRAW_LEVEL);
    nowMs = feed(budget, nowMs, 800, 16);
    expect(budget.level).toBe(0);
  });

  test('the clock advances by the time a slow frame took, but not by a long pause', () => {
    const budget = new FrameBudget();
    feed(budget, 0, 60, 16);
    // At 60 frames a second a stray long frame is capped at a quarter second.
    expect(budget.getClockStepS(0.016)).toBe(0.016);
    expect(budget.getClockStepS(0.6)).toBe(0.25);
    // Frames of 0.6 s: each one moves the clock by all of it, so 600x stays 600 sim s per wall s.
    feed(budget, 1000, 30, 600);
    expect(budget.getClockStepS(0.6)).toBe(0.6);
    // A tab hidden for a minute does not play the minute in one frame.
    const afterPause = budget.getClockStepS(60);
    expect(afterPause).toBeGreaterThan(0.6);
    expect(afterPause).toBeLessThanOrEqual(1.5);
  });

  test('in software WebGL a frame of seconds (a large batch of trips taken in) moves the clock by all of it, up to a bound', () => {
    const budget = new FrameBudget();
    feed(budget, 0, 30, 600);
    expect(budget.getClockStepS(0.6, true)).toBe(0.6);
    // A frame of 4 s at 600x moves the clock 40 sim minutes: the speed holds.
    expect(budget.getClockStepS(4, true)).toBe(4);
    // On a graphics card such a frame is a hitch: capped.
    expect(budget.getClockStepS(4, false)).toBeLessThanOrEqual(1.5);
    // A machine that slept a minute (no event tells the page) plays at most the bound.
    expect(budget.getClockStepS(60, true)).toBe(SOFTWARE_LONGEST_STEP_S);
  });
});
