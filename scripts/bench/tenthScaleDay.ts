/**
 * Issue 15's scale-0.1 day, A/B from one saved state: `save` runs a scale-0.1 run (seed 7 by
 * default) to the end of day 2 and writes its snapshot; `ab` restores that snapshot into two
 * builds of the model, this tree's and a copy of another's `src/` (`--base DIR`, e.g. a commit's
 * `git archive` unpacked beside a node_modules link), and times day 3 in each, alternating
 * (ABBA...), so the two meet the same machine load. It prints CPU seconds per run, the median
 * and quartiles of each and of the paired ratios, and what day 3 delivered in each (on time,
 * click-to-door, van and Flex routes and miles), since a cheaper plan must be shown to plan as well.
 *
 *   tsx scripts/bench/tenthScaleDay.ts save --seed 7 --out /tmp/day2.bin
 *   tsx scripts/bench/tenthScaleDay.ts ab --state /tmp/day2.bin --base /tmp/base/src --rounds 3
 *   tsx scripts/bench/tenthScaleDay.ts one --state /tmp/day2.bin  (this tree once, for a profile)
 * `--no-streets` draws trips stop to stop, as `npm run bench -- model` and the page's worker at its
 * national view do (a restored run otherwise draws streets everywhere: ~3 of 15 CPU s at 0.1).
 * Trips are handed out mid-step at the worker's limits, as the bench and the worker do.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultParams } from '../../src/sim/params';
import * as current from '../../src/sim/simulation';
import { packValue, unpackValue } from '../../src/worker/packedValue';
import { TRIP_FLUSH_LIMITS } from '../../src/worker/workerRun';

type SimulationModule = typeof current;
type Simulation = ReturnType<SimulationModule['createSimulation']>;

const DAY_S = 86400;

function readFlag(name: string, fallback?: string): string {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? process.argv[at + 1] : fallback;
  if (value === undefined) throw new Error(`tenthScaleDay: needs ${name} <value>`);
  return value;
}

/** Runs sim day `day` (1-based) an hour at a time, draining trips as the worker does; CPU s. */
function runDay(sim: Simulation, day: number): number {
  const cpu = process.cpuUsage();
  for (let hour = 1; hour <= 24; hour++) {
    sim.advanceTo((day - 1) * DAY_S + hour * 3600);
    sim.drainTrips();
  }
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1e6;
}

/** What a day delivered: differences of the cumulative last-mile KPIs over it. */
interface DayFigures {
  cpuS: number;
  delivered: number;
  onTime: number;
  clickToDoorH: number;
  vanRoutes: number;
  vanMiles: number;
  flexRoutes: number;
  flexMiles: number;
}

function readTotals(sim: Simulation) {
  const m = sim.getKpis().lastMile;
  return {
    delivered: m.delivered,
    onTime: m.deliveredOnTime,
    clickToDoorH: m.meanClickToDoorH * m.delivered,
    vanRoutes: m.routes.van.routes,
    vanMiles: m.routes.van.milesPerRoute * m.routes.van.routes,
    flexRoutes: m.routes.flex.routes,
    flexMiles: m.routes.flex.milesPerRoute * m.routes.flex.routes,
  };
}

function runDayThree(module: SimulationModule, snapshot: unknown): DayFigures {
  const sim = module.restoreSimulation(snapshot as Parameters<SimulationModule['restoreSimulation']>[0]);
  // As the model bench and the page at its national view: trips drawn stop to stop.
  if (process.argv.includes('--no-streets')) sim.setStreetDetailBounds(null);
  // As the model bench and the worker: trips handed out mid-step at the worker's limits, so the
  // buffer never grows past them (held to the hour's end, a full-scale wave hour's trips grew it
  // by doubling, ~2 s of the day a profile of this tool showed and the bench does not spend).
  sim.setTripFlush(() => sim.drainTrips(), TRIP_FLUSH_LIMITS.vertices, TRIP_FLUSH_LIMITS.stops);
  const before = readTotals(sim);
  const cpuS = runDay(sim, 3);
  const after = readTotals(sim);
  const delivered = after.delivered - before.delivered;
  return {
    cpuS,
    delivered,
    onTime: (after.onTime - before.onTime) / delivered,
    clickToDoorH: (after.clickToDoorH - before.clickToDoorH) / delivered,
    vanRoutes: after.vanRoutes - before.vanRoutes,
    vanMiles: after.vanMiles - before.vanMiles,
    flexRoutes: after.flexRoutes - before.flexRoutes,
    flexMiles: after.flexMiles - before.flexMiles,
  };
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
}

const describe = (values: number[]) =>
  `median ${quantile(values, 0.5).toFixed(3)} (min ${Math.min(...values).toFixed(3)}, max ${Math.max(...values).toFixed(3)}, n ${values.length})`;

const show = (f: DayFigures) =>
  `${f.cpuS.toFixed(2)} CPU s; delivered ${f.delivered}, on time ${(100 * f.onTime).toFixed(3)}%, click-to-door ${f.clickToDoorH.toFixed(3)} h, van ${f.vanRoutes} routes ${f.vanMiles.toFixed(0)} mi, flex ${f.flexRoutes} routes ${f.flexMiles.toFixed(0)} mi`;

const mode = process.argv[2];
if (mode === 'save') {
  const seed = Number(readFlag('--seed', '7'));
  const scale = Number(readFlag('--scale', '0.1'));
  const sim = current.createSimulation({ ...defaultParams(), scale }, seed);
  for (let day = 1; day <= 2; day++) console.log(`day ${day}: ${runDay(sim, day).toFixed(1)} CPU s`);
  const bytes = packValue(sim.snapshot());
  writeFileSync(readFlag('--out'), bytes);
  console.log(`end of day 2 (scale ${scale}, seed ${seed}): ${(bytes.length / 1e6).toFixed(1)} MB`);
} else if (mode === 'one') {
  const bytes = readFileSync(readFlag('--state'));
  const snapshot = unpackValue(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  console.log(`day 3: ${show(runDayThree(current, snapshot))}`);
} else if (mode === 'ab') {
  const bytes = readFileSync(readFlag('--state'));
  const snapshot = unpackValue(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  const base = (await import(resolve(readFlag('--base'), 'sim/simulation.ts'))) as SimulationModule;
  const rounds = Number(readFlag('--rounds', '3'));
  const runs: Record<'base' | 'this', DayFigures[]> = { base: [], this: [] };
  for (let round = 0; round < rounds; round++) {
    // ABBA: each build runs first in half the rounds.
    const order = round % 2 === 0 ? (['base', 'this'] as const) : (['this', 'base'] as const);
    for (const name of order) {
      const figures = runDayThree(name === 'base' ? base : current, snapshot);
      runs[name].push(figures);
      console.log(`round ${round + 1} ${name}: ${show(figures)}`);
    }
  }
  const ratios = runs.this.map((f, k) => f.cpuS / runs.base[k].cpuS);
  console.log(`base CPU s: ${describe(runs.base.map((f) => f.cpuS))}`);
  console.log(`this CPU s: ${describe(runs.this.map((f) => f.cpuS))}`);
  console.log(`this / base, paired: ${describe(ratios)}`);
} else {
  console.log('usage: tenthScaleDay.ts save|one|ab (see the header)');
}
