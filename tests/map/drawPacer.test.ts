import { describe, expect, test } from 'vitest';
import { DrawPacer, SOFTWARE_DRAW_WAIT_FACTOR } from '../../src/map/drawPacer';
import { FrameBudget, SOFTWARE_LONGEST_STEP_S } from '../../src/state/frameBudget';

/** Frames every `intervalMs` from `fromMs` to `toMs` (exclusive); returns the last frame's time. */
function frames(pacer: DrawPacer, fromMs: number, toMs: number, intervalMs: number): number {
  let nowMs = fromMs;
  for (; nowMs < toMs; nowMs += intervalMs) pacer.recordFrame(nowMs);
  return nowMs - intervalMs;
}

describe('drawing paced on software WebGL', () => {
  test('quick drawings only wait the least gap', () => {
    const pacer = new DrawPacer();
    expect(pacer.mayDraw(0, 250)).toBe(true);
    pacer.recordDraw(0);
    frames(pacer, 16, 250, 16);
    expect(pacer.mayDraw(240, 250)).toBe(false);
    pacer.recordFrame(256);
    expect(pacer.mayDraw(256, 250)).toBe(true);
  });

  test('after a drawing that held frames back for a second, the map waits as long again', () => {
    const pacer = new DrawPacer();
    frames(pacer, 0, 100, 16);
    pacer.recordDraw(100);
    pacer.recordFrame(116);
    // No frame while the drawing renders: a render asked for meanwhile (a tick) waits.
    expect(pacer.mayDraw(600, 250)).toBe(false);
    expect(pacer.mayDraw(1100, 250)).toBe(false);
    // The drawing kept frames away for a second (116 -> 1116); quick frames again after it.
    const last = frames(pacer, 1116, 2000, 16);
    expect(pacer.mayDraw(last, 250)).toBe(false);
    // Twice the second since the drawing began, and not before.
    const resumeMs = 100 + SOFTWARE_DRAW_WAIT_FACTOR * 1000;
    frames(pacer, 2000, resumeMs + 16, 16);
    expect(pacer.mayDraw(resumeMs - 1, 250)).toBe(false);
    expect(pacer.mayDraw(resumeMs, 250)).toBe(true);
    // The next drawing is quick: the wait shrinks back to the least gap.
    pacer.recordDraw(resumeMs);
    frames(pacer, resumeMs + 16, resumeMs + 300, 16);
    expect(pacer.mayDraw(resumeMs + 284, 250)).toBe(true);
  });

  test('on software WebGL a frame that carried a drawing moves the clock by all of its time', () => {
    const budget = new FrameBudget();
    for (let frame = 1; frame <= 120; frame++) budget.recordFrame(frame * 16, 16);
    // A GPU: a stray 1.2 s frame among quick ones is capped at a quarter second.
    expect(budget.getClockStepS(1.2)).toBe(0.25);
    // Software: the drawing's frame counts whole (the pacer keeps such frames few), up to a bound.
    expect(budget.getClockStepS(1.2, true)).toBe(1.2);
    expect(budget.getClockStepS(60, true)).toBe(SOFTWARE_LONGEST_STEP_S);
  });
});
