/**
 * The model's speed and memory (issue 3):
 * - default scenario: simulated seconds per wall second on one core (goal >= 3,600x);
 * - full scale (scale 1.0, every parcel tracked): wall time for one sim day (goal <= 60 s) and
 *   bytes per live parcel (goal <= 64);
 * - memory growth from sim day 2 to day 30 (goal < 5%), at scale 0.02: a 30-day run at full
 *   scale takes ~30 min, and live parcels (hence memory) scale linearly with `scale`.
 * Set BENCH_MODEL_QUICK=1 to skip the full-scale day.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { defaultParams } from '../../src/sim/params';
import { createSimulation, type Simulation } from '../../src/sim/simulation';

export const title =
  'model speed (sim s per wall s), full-scale day, bytes per live parcel, memory day 2 -> 30';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function runDays(sim: Simulation, fromDay: number, toDay: number, onDay?: (day: number) => void): number {
  const started = performance.now();
  for (let day = fromDay; day < toDay; day++) {
    for (let hour = 6; hour <= 24; hour += 6) {
      sim.advanceTo(day * 86400 + hour * 3600);
      sim.drainTrips(); // the worker drains trips as it streams them
    }
    onDay?.(day + 1);
  }
  return (performance.now() - started) / 1000;
}

function memoryMb(): number {
  collectGarbage();
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.arrayBuffers) / 1e6;
}

export async function run(): Promise<void> {
  const rows: [string, string, string][] = [];

  for (const scale of [0.01, 0.02, 0.05]) {
    const sim = createSimulation({ ...defaultParams(), scale }, 7);
    runDays(sim, 0, 1); // warm-up day (JIT, parcel store growth)
    const wallS = runDays(sim, 1, 3);
    const factor = (2 * 86400) / wallS;
    rows.push([
      `realtime factor, scale ${scale}${scale === defaultParams().scale ? ' (default)' : ''}`,
      `${Math.round(factor).toLocaleString('en-US')}x`,
      '>= 3,600x',
    ]);
  }

  if (process.env.BENCH_MODEL_QUICK !== '1') {
    const sim = createSimulation({ ...defaultParams(), scale: 1 }, 7);
    const wallS = runDays(sim, 0, 1);
    const memory = sim.readMemoryUse();
    rows.push(['full scale: wall time for sim day 1', `${wallS.toFixed(1)} s`, '<= 60 s']);
    rows.push(['full scale: live parcels at end of day 1', memory.liveParcels.toLocaleString('en-US'), '']);
    rows.push(['bytes per parcel slot (columns)', `${memory.bytesPerSlot}`, '<= 64']);
    rows.push([
      'column bytes per live parcel (incl. free slots)',
      (memory.parcelColumnBytes / memory.liveParcels).toFixed(1),
      '<= 64',
    ]);
  }

  {
    const sim = createSimulation({ ...defaultParams(), scale: 0.02 }, 7);
    let day2 = 0;
    let day30 = 0;
    runDays(sim, 0, 30, (day) => {
      if (day === 2) day2 = memoryMb();
      if (day === 30) day30 = memoryMb();
    });
    rows.push([
      'memory (heap + typed arrays) day 2 -> day 30, scale 0.02',
      `${day2.toFixed(1)} -> ${day30.toFixed(1)} MB (${(((day30 - day2) / day2) * 100).toFixed(1)}%)`,
      '< 5%',
    ]);
  }

  const width = Math.max(...rows.map((row) => row[0].length));
  console.log(`${'measure'.padEnd(width)}  ${'value'.padStart(28)}  goal`);
  for (const [label, value, goal] of rows)
    console.log(`${label.padEnd(width)}  ${value.padStart(28)}  ${goal}`);
}
