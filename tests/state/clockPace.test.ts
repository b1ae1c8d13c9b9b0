import { describe, expect, test } from 'vitest';
import { ClockPace, MIN_PACE_SPAN_MS, PACE_WINDOW_MS, roundPace } from '../../src/state/clockPace';

const FRAME_MS = 1000 / 60;

/**
 * Plays `seconds` of 60 Hz frames from `startMs` at `speed`; the worker has simulated far enough
 * for `keptShare` of each frame's wanted step (1: the clock keeps the speed; below 1 every frame
 * stalls and moves only that share). Returns the time after the last frame.
 */
function play(pace: ClockPace, speed: number, startMs: number, seconds: number, keptShare: number): number {
  let nowMs = startMs;
  for (let k = 0; k < seconds * 60; k++) {
    nowMs += FRAME_MS;
    const wantedS = (speed * FRAME_MS) / 1000;
    pace.recordFrame(nowMs, FRAME_MS, wantedS * keptShare, keptShare < 1);
  }
  return nowMs;
}

/**
 * Plays `seconds` of 60 Hz frames at `speed` where `stalledShare` of the frames wait on the worker
 * (spread evenly) and the clock moves `rateShare` of the speed over all of them.
 */
function playMixed(
  pace: ClockPace,
  speed: number,
  startMs: number,
  seconds: number,
  stalledShare: number,
  rateShare: number,
): number {
  let nowMs = startMs;
  const wantedS = (speed * FRAME_MS) / 1000;
  // The stalled frames move what the rate leaves them; the others the whole step.
  const stalledStepS = (wantedS * (rateShare - (1 - stalledShare))) / stalledShare;
  let owed = 0;
  for (let k = 0; k < seconds * 60; k++) {
    nowMs += FRAME_MS;
    owed += stalledShare;
    const stalled = owed >= 1;
    if (stalled) owed -= 1;
    pace.recordFrame(nowMs, FRAME_MS, stalled ? stalledStepS : wantedS, stalled);
  }
  return nowMs;
}

describe('whether the model holds the display clock below the chosen speed', () => {
  test('a clock that keeps its speed is not behind, and reads at that speed', () => {
    const pace = new ClockPace();
    const nowMs = play(pace, 600, 0, 5, 1);
    const reading = pace.read(nowMs, 600);
    expect(reading.behind).toBe(false);
    expect(reading.achievedX).toBeCloseTo(600, 6);
  });

  test('a clock waiting on the worker is behind, at the pace the worker allows', () => {
    const pace = new ClockPace();
    const nowMs = play(pace, 600, 0, 5, 350 / 600);
    const reading = pace.read(nowMs, 600);
    expect(reading.behind).toBe(true);
    expect(reading.achievedX).toBeCloseTo(350, 6);
    expect(roundPace(reading.achievedX)).toBe(350);
  });

  test('stalls that cost next to nothing (the clock still near its speed) are not called behind', () => {
    const pace = new ClockPace();
    const nowMs = play(pace, 600, 0, 5, 0.95);
    expect(pace.read(nowMs, 600).behind).toBe(false);
  });

  test('the window forgets old frames: the badge goes once the worker is ahead again', () => {
    const pace = new ClockPace();
    let nowMs = play(pace, 3600, 0, 5, 0.3);
    expect(pace.read(nowMs, 3600).behind).toBe(true);
    // Half the window later, the stalls still count; a whole window later, only quick frames do.
    nowMs = play(pace, 3600, nowMs, PACE_WINDOW_MS / 2000, 1);
    expect(pace.read(nowMs, 3600).behind).toBe(true);
    nowMs = play(pace, 3600, nowMs, PACE_WINDOW_MS / 1000, 1);
    const reading = pace.read(nowMs, 3600);
    expect(reading.behind).toBe(false);
    expect(reading.achievedX).toBeCloseTo(3600, 6);
  });

  test('a clock just keeping up does not turn the note on and off: once behind, it takes less to stay so', () => {
    const pace = new ClockPace();
    // 15% of frames stall and the clock runs at 92% of the speed: not enough to turn the note on...
    let nowMs = playMixed(pace, 600, 0, 5, 0.15, 0.92);
    expect(pace.read(nowMs, 600, false).behind).toBe(false);
    // ...but enough to keep it on.
    expect(pace.read(nowMs, 600, true).behind).toBe(true);
    // Keeping the speed with a stall now and then (5%) turns it off.
    nowMs = playMixed(pace, 600, nowMs, 5, 0.05, 0.99);
    expect(pace.read(nowMs, 600, true).behind).toBe(false);
  });

  test('too few frames to tell (a clock just started, or reset by a pause) is not behind', () => {
    const pace = new ClockPace();
    let nowMs = play(pace, 600, 0, (MIN_PACE_SPAN_MS - 200) / 1000, 0.2);
    expect(pace.read(nowMs, 600).behind).toBe(false);
    nowMs = play(pace, 600, nowMs, 1, 0.2);
    expect(pace.read(nowMs, 600).behind).toBe(true);
    pace.reset();
    expect(pace.read(nowMs, 600)).toEqual({ behind: false, achievedX: 0 });
  });

  test('the ring holds a whole window even at 240 frames a second', () => {
    const pace = new ClockPace();
    let nowMs = 0;
    for (let k = 0; k < 240 * 5; k++) {
      nowMs += 1000 / 240;
      // The first half of each second stalls at a tenth of the speed, the second keeps it.
      const stalled = k % 240 < 120;
      pace.recordFrame(nowMs, 1000 / 240, ((stalled ? 0.1 : 1) * 600) / 240, stalled);
    }
    const reading = pace.read(nowMs, 600);
    // The window's first frame may fall on either half: within a thousandth of 0.55.
    expect(reading.achievedX / 600).toBeCloseTo(0.55, 2);
    expect(reading.behind).toBe(true);
  });

  test('the pace reads in two significant figures', () => {
    expect(roundPace(2134)).toBe(2100);
    expect(roundPace(352.4)).toBe(350);
    expect(roundPace(47)).toBe(47);
    expect(roundPace(8.4)).toBe(8);
    expect(roundPace(0)).toBe(0);
    expect(roundPace(Number.NaN)).toBe(0);
  });
});
