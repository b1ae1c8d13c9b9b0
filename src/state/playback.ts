/**
 * The display clock's loop: one requestAnimationFrame callback advances `displayClock` by
 * speed x wall time while playing, and a few times per second (not per frame) tells the worker
 * how far ahead to simulate, applies due ticks and publishes the clock to React.
 */
import { ClockPace, roundPace } from './clockPace';
import { FrameBudget } from './frameBudget';
import { Lookahead } from './lookahead';
import { applyDueTicks, requestAdvance, simulatedLimitS } from './simClient';
import { perfStats } from './perfStats';
import { appStore, displayClock, pushNotice } from './store';

/** How often React-visible state and the worker hear about the clock, in wall milliseconds. */
const PUBLISH_INTERVAL_MS = 250;

type FrameCallback = (timeS: number) => void;
const frameCallbacks = new Set<FrameCallback>();

/** Registers a per-frame reader of the display clock (map layers, 3D scene). */
export function onFrame(callback: FrameCallback): () => void {
  frameCallbacks.add(callback);
  return () => frameCallbacks.delete(callback);
}

let lastFrameMs = 0;
let lastPublishMs = 0;
let running = false;
/** Frame times, the map's drawing level and how far a slow frame may move the clock. */
export const frameBudget = new FrameBudget();
/** How far ahead the worker simulates: grows while the display stalls on it (lookahead.ts). */
const lookahead = new Lookahead();
/** Whether the clock keeps the chosen speed or waits on the model (clockPace.ts). */
const clockPace = new ClockPace();
/** The speed clockPace's frames were played at: a change starts its window afresh. */
let pacedSpeed = 0;

/** Frame callbacks that threw, each reported once (a view that failed must not stop the clock). */
const failedCallbacks = new WeakSet<FrameCallback>();

function runFrameCallbacks(timeS: number): void {
  for (const callback of frameCallbacks) {
    try {
      callback(timeS);
    } catch (error) {
      if (failedCallbacks.has(callback)) continue;
      failedCallbacks.add(callback);
      pushNotice('warning', `A view could not draw a frame: ${(error as Error).message}`);
    }
  }
}

function frame(nowMs: number): void {
  if (!running) return;
  // Asked first, so nothing thrown below can stop the display clock.
  requestAnimationFrame(frame);
  const { playback, worker } = appStore.getState();
  const intervalMs = lastFrameMs === 0 ? 0 : nowMs - lastFrameMs;
  lastFrameMs = nowMs;
  // The level changes seldom (seconds of slow or quick frames), so this is no per-frame setState.
  if (frameBudget.recordFrame(nowMs, intervalMs))
    appStore.setState((state) => ({
      drawing: { ...state.drawing, level: frameBudget.level, frameMs: frameBudget.frameMs },
    }));
  // A slow frame moves the clock by the time it took, so the clock keeps the chosen speed.
  const wallDeltaS = frameBudget.getClockStepS(intervalMs / 1000, appStore.getState().drawing.software);
  const workStartMs = performance.now();
  if (playback.playing && worker.phase === 'ready') {
    // The display never runs past what the worker has simulated: it waits instead of guessing.
    const limit = simulatedLimitS();
    const wanted = displayClock.timeS + wallDeltaS * playback.speed;
    const stalled = wanted > limit && wallDeltaS > 0;
    if (stalled) {
      perfStats.stallFrames++;
      lookahead.noteStall();
    }
    perfStats.framesWhilePlaying++;
    perfStats.clockWallS += intervalMs / 1000;
    perfStats.clockCappedWallS += intervalMs / 1000 - wallDeltaS;
    if (stalled) perfStats.clockWaitedSimS += wanted - limit;
    const shownS = displayClock.timeS;
    // Held, never moved back, when the limit lies behind the clock: a scenario B that starts
    // (a fork, A/B) or is replaced after a fault has simulated only up to its start, and the clock
    // followed it back there, hours at 3,600x, with A's charts left showing the hours after.
    displayClock.timeS = Math.max(shownS, Math.min(limit, wanted));
    perfStats.simulatedAheadS = limit - displayClock.timeS;
    clockPace.recordFrame(nowMs, intervalMs, Math.max(0, displayClock.timeS - shownS), stalled);
  }
  runFrameCallbacks(displayClock.timeS);
  perfStats.frameWorkMs += performance.now() - workStartMs;
  perfStats.frames++;
  if (nowMs - lastPublishMs >= PUBLISH_INTERVAL_MS) {
    lastPublishMs = nowMs;
    publish(playback.speed, nowMs);
  }
}

function publish(speed: number, nowMs: number): void {
  if (appStore.getState().worker.phase !== 'ready') return;
  publishClockPace(speed, nowMs);
  applyDueTicks(displayClock.timeS);
  const aheadS = simulatedLimitS() - displayClock.timeS;
  const lookaheadS = lookahead.getLookaheadS(speed, displayClock.timeS, aheadS);
  const tickIntervalS = Math.max(60, Math.round((speed * PUBLISH_INTERVAL_MS) / 1000 / 60) * 60);
  requestAdvance(displayClock.timeS, lookaheadS, tickIntervalS);
  if (appStore.getState().displayTimeS !== displayClock.timeS) {
    appStore.setState({ displayTimeS: displayClock.timeS });
  }
}

/**
 * Tells the page whether the model holds the clock below the chosen speed, and how fast it runs
 * then (the header's status says so). The store changes only when that does: a few times a
 * minute at most, never per frame.
 */
function publishClockPace(speed: number, nowMs: number): void {
  const { playback, clockPace: shown } = appStore.getState();
  if (!playback.playing || speed !== pacedSpeed) {
    clockPace.reset();
    pacedSpeed = speed;
  }
  const reading = clockPace.read(nowMs, speed, shown.behind);
  const achievedX = reading.behind ? roundPace(reading.achievedX) : 0;
  if (reading.behind !== shown.behind || achievedX !== shown.achievedX)
    appStore.setState({ clockPace: { behind: reading.behind, achievedX } });
}

export function startPlaybackLoop(): void {
  if (running) return;
  running = true;
  // A hidden tab gets no frames: the first one after it comes back measures from there, so the
  // clock does not play the time the tab was away in one frame (however long a frame may be).
  document.addEventListener('visibilitychange', () => {
    lastFrameMs = 0;
  });
  requestAnimationFrame(frame);
}
