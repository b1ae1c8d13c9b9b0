/**
 * What a Chrome trace of one page open says about its main thread between two moments (ms since
 * navigation, as perfStats counts them): the longest task, and how long the thread stood waiting
 * for the graphics process. On software WebGL a sync query (a program's link status, read by the
 * basemap's painter or by deck.gl) waits until the graphics process has done everything queued
 * before it, shader compiles included: one open that sent the first trips with the network spent
 * 6 s in one such wait. Not only then: in 1 of 8 traced opens of the default link (software WebGL,
 * 2 cores) the main thread waited 3-4 s so while every thread of the browser stood idle (the graphics
 * process had nothing queued it was running), so a slow open is not always work to cut. Read by
 * `scripts/startAB.ts --trace DIR`.
 */
import { readFileSync } from 'node:fs';

/** The categories the summary reads: tasks, the page's navigation start, waits on the GPU. */
export const OPEN_TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'toplevel',
  'v8.execute',
  'gpu',
];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { documentLoaderURL?: string } };
}

/** The main thread's time between two moments of one open. */
export interface OpenTraceSummary {
  /** The longest task that overlaps the span, ms, and what ran in it (an animation frame, a message). */
  longestTaskMs: number;
  longestTaskKind: string;
  /** Time in the span the thread waited on the graphics process (command buffer waits), ms. */
  graphicsWaitMs: number;
}

/** The kinds of work a main-thread task runs, as the trace names them. */
const TASK_KINDS = new Set([
  'FireAnimationFrame',
  'HandlePostMessage',
  'TimerFire',
  'FunctionCall',
  'EventDispatch',
]);

/**
 * Summarizes the trace at `path` between `fromMs` and `toMs` after the navigation to a URL
 * starting with `url`; null when the trace holds no such navigation.
 */
export function summarizeOpenTrace(
  path: string,
  url: string,
  fromMs: number,
  toMs: number,
): OpenTraceSummary | null {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const navigation = events.find(
    (event) => event.name === 'navigationStart' && event.args?.data?.documentLoaderURL?.startsWith(url),
  );
  if (!navigation) return null;
  const onMain = (event: TraceEvent) => event.pid === navigation.pid && event.tid === navigation.tid;
  const fromUs = navigation.ts + fromMs * 1000;
  const toUs = navigation.ts + toMs * 1000;
  const overlaps = (event: TraceEvent) => event.ts < toUs && event.ts + (event.dur ?? 0) > fromUs;
  let longestTaskMs = 0;
  let longestTaskKind = '';
  let graphicsWaitMs = 0;
  for (const event of events) {
    if (event.ph !== 'X' || !onMain(event) || !overlaps(event)) continue;
    const ms = (event.dur ?? 0) / 1000;
    // The outermost wait of a sync call (nested waits are within it).
    if (event.name === 'CommandBufferProxyImpl::WaitForGetOffset') graphicsWaitMs += ms;
    else if (TASK_KINDS.has(event.name) && ms > longestTaskMs) {
      longestTaskMs = ms;
      longestTaskKind = event.name;
    }
  }
  return { longestTaskMs, longestTaskKind, graphicsWaitMs };
}
