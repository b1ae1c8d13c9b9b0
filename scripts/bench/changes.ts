/**
 * What a change at the time on screen costs (the worker rewinds to the display clock, issue 8's
 * sliders and issue 9's orders): restoring an hourly snapshot and replaying to the display time,
 * against the wait before rewinds (the worker's look-ahead shown at the display speed). Also the
 * per-tick cost of a followed order (trace + explained journey) and of the per-facility hourly
 * history (issue 7). Default scenario, seed 7, day 2 from 10:00.
 */
import { explainJourney } from '../../src/sim/journey';
import { defaultParams } from '../../src/sim/params';
import { createSimulation, restoreSimulation } from '../../src/sim/simulation';
import { FacilityHourRecorder } from '../../src/worker/facilityHours';

export const title =
  'a change at the time on screen: rewind + replay, followed order per tick, facility hours';

function countBytes(value: unknown, seen = new Set<ArrayBufferLike>()): number {
  if (ArrayBuffer.isView(value)) {
    if (seen.has(value.buffer)) return 0;
    seen.add(value.buffer);
    return value.byteLength;
  }
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countBytes(item, seen), 0);
  if (value && typeof value === 'object')
    return Object.values(value).reduce((sum: number, item) => sum + countBytes(item, seen), 0);
  return 0;
}

function timeMs(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

export async function run(): Promise<void> {
  const rows: Array<[string, string]> = [];
  const params = defaultParams();
  const sim = createSimulation(params, 7);
  const startS = 34 * 3600;
  sim.advanceTo(startS);
  sim.drainTrips();
  const snapshot = sim.snapshot();
  rows.push(['snapshot size (typed arrays)', `${(countBytes(snapshot) / 1e6).toFixed(1)} MB`]);
  for (const replayS of [0, 1800, 3600, 3 * 3600]) {
    let restoreMs = 0;
    let replayMs = 0;
    const repeats = 3;
    for (let k = 0; k < repeats; k++) {
      let restored = createSimulation(params, 7);
      restoreMs += timeMs(() => {
        restored = restoreSimulation(snapshot);
      });
      replayMs += timeMs(() => {
        restored.advanceTo(startS + replayS);
        restored.drainTrips();
      });
    }
    rows.push([
      `rewind: restore + replay ${replayS / 60} sim min`,
      `${((restoreMs + replayMs) / repeats).toFixed(0)} ms (restore ${(restoreMs / repeats).toFixed(0)} ms)`,
    ]);
  }
  for (const speed of [60, 600, 3600]) {
    const lookaheadS = Math.max(1800, speed * 3);
    rows.push([
      `before rewinds: wait at ${speed}x (look-ahead ${lookaheadS} s shown)`,
      `${(lookaheadS / speed).toFixed(1)} s`,
    ]);
  }

  const placed = sim.placeOrder({ lon: -96.8, lat: 32.78, weightKg: 1.2, promise: 'twoDay' }, 'bench');
  sim.advanceTo(startS + 6 * 3600);
  sim.drainTrips();
  let bytes = 0;
  const perTickMs =
    timeMs(() => {
      for (let k = 0; k < 100; k++) {
        const trace = sim.traceParcel(placed.parcelId);
        if (!trace) throw new Error('the placed order was not traced');
        bytes = JSON.stringify({ trace, journey: explainJourney(trace, sim.params) }).length;
      }
    }) / 100;
  rows.push([
    'followed order per tick: trace + journey',
    `${perTickMs.toFixed(2)} ms, ~${(bytes / 1000).toFixed(1)} kB`,
  ]);

  const ledger = sim.readFacilityDeliveries();
  const recorder = new FacilityHourRecorder();
  recorder.reset(0, ledger.values, ledger.columns.length);
  const closeMs = timeMs(() => {
    for (let hour = 0; hour < 24; hour++) recorder.closeHour(hour, ledger.values);
  });
  const bytesPerHour = recorder.facilityCount * ledger.columns.length * 4;
  rows.push([
    'facility hours: close one sim hour',
    `${(closeMs / 24).toFixed(2)} ms, ${(bytesPerHour / 1000).toFixed(0)} kB per sim hour (${recorder.facilityCount} facilities)`,
  ]);

  const width = Math.max(...rows.map((row) => row[0].length));
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
}
