/**
 * Counters the benchmarks and the devtools read: what the data path and the frame loop cost.
 * Plain numbers, bumped in place (no allocation), never React state.
 */
import type { WarmStateUse } from '../worker/protocol';

export const perfStats = {
  /** performance.now() when the first trips message arrived (ms since navigation). */
  firstTripsMs: -1,
  /** When the worker posted those first trips, ms since the page's navigation. */
  firstTripsPostedMs: -1,
  /**
   * ms since navigation: deck.gl finished the first frame that drew trips (its onAfterRender
   * after a ClockedTripsLayer with trips drew in the screen pass). What a person sees, unlike
   * firstTripsMs: the main thread handles the trips long before, then waits on the layers'
   * shaders, attributes and the GPU process. The GPU may still be executing that frame here.
   */
  firstTripsDrawnMs: -1,
  /** ms since navigation: the page posted `init`, the worker received it, built the network. */
  initPostedMs: -1,
  initReceivedMs: -1,
  networkBuiltMs: -1,
  /**
   * ms since navigation: the charts, mounted, first had completed hours to draw (a warm start's
   * first replayed hour, or the first tick carrying one).
   */
  historyShownMs: -1,
  /** ms since navigation: the rail's charts first mounted (they mount after the map's first frame). */
  chartsMountedMs: -1,
  /** ms since navigation: a warm start opened at its time, every hour before it in the charts. */
  warmStartOpenedMs: -1,
  /**
   * Whether scenario A's warm start restored the app's precomputed state or replayed (and why);
   * null before its seek's answer, or for a run that did not open warm.
   */
  warmState: null as null | WarmStateUse,
  /** Bytes of typed arrays received from the worker, by message type. */
  tripBytes: 0,
  tickBytes: 0,
  tripMessages: 0,
  tickMessages: 0,
  /** Vertices of the trips received (streets drawn back for trips in view not counted). */
  tripVertices: 0,
  /**
   * Messages scenario A's current worker sent that the page has received, and the bytes of their
   * array buffers (getMessageBytes); reset when a worker starts. Against the worker's own count
   * (SimHost.posted), what waits in between.
   */
  workerMessagesReceived: 0,
  workerBytesReceived: 0,
  /**
   * The longest wait of a trips message from the worker's post to the page's handling, wall ms,
   * since a reader last set it to 0: messages queued behind a busy main thread wait longer.
   */
  tripWaitMaxMs: 0,
  /** Frames the display clock wanted to move but waited for the worker (it was behind). */
  stallFrames: 0,
  framesWhilePlaying: 0,
  /**
   * Where the clock's time went while playing: wall seconds of frames, the part of them a frame
   * longer than the step cap did not move the clock by (FrameBudget.getClockStepS), and sim
   * seconds the clock wanted to move but waited for the worker. At speed v the clock shows
   * v x (wall - capped) - waited sim seconds.
   */
  clockWallS: 0,
  clockCappedWallS: 0,
  clockWaitedSimS: 0,
  /**
   * Sim seconds the worker had simulated past the display clock at the last frame while playing
   * (its lead, lookahead.ts): the full-scale benchmark samples it beside the clock, so a run that
   * waits for the model shows whether the lead ran out or never built.
   */
  simulatedAheadS: 0,
  /** Main-thread time spent in our per-frame callbacks, summed, ms. */
  frameWorkMs: 0,
  frames: 0,
  /** Workers replaced after a failure, and the wall time the last replacement took to catch up. */
  recoveries: 0,
  lastRecoveryMs: -1,
  /** Reads deck.gl's live metrics (set by the map while it is mounted). */
  readDeckMetrics: null as
    | null
    | (() => { bufferMemory: number; updateAttributesCount: number; framesRedrawn: number }),
  /** deck.gl's own metrics, as its last once-a-second report gave them. */
  deck: null as null | {
    cpuTimePerFrame: number;
    updateAttributesCount: number;
    framesRedrawn: number;
    bufferMemory: number;
    layersCount: number;
  },
};

/** Sum of typed-array bytes anywhere in a message. */
export function countTypedArrayBytes(value: unknown): number {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (Array.isArray(value)) {
    let total = 0;
    for (const item of value) total += countTypedArrayBytes(item);
    return total;
  }
  if (value && typeof value === 'object') {
    let total = 0;
    for (const item of Object.values(value)) total += countTypedArrayBytes(item);
    return total;
  }
  return 0;
}
