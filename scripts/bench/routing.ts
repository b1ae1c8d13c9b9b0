/**
 * Last-mile optimiser against the CVRPLIB X instances in ../shared/cvrp (read in place, never
 * copied): cost gap to best-known and time per optimiser, every plan checked by the independent
 * checker; then how the default optimiser's time grows with the number of stops, and a van sector
 * of the sim at scale 0.1 with the waves' local-search neighbours against the router's 40.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkRoutes,
  createRandomStream,
  DEFAULT_ROUTING_OPTIMISER,
  parseCvrplibInstance,
  parseCvrplibSolution,
  ROUTING_OPTIMISERS,
  type RoutingInstance,
  type RoutingOptimiser,
  solveRoutes,
} from '../../src/sim/routing';
import { WAVE_LOCAL_SEARCH_NEIGHBOURS } from '../../src/sim/lastMile/waveRoutes';
import { type BenchFigure, createTimingFigure } from '../benchFigures';

export const title = `vehicle routing: gap to CVRPLIB best-known per optimiser, ms, and growth of ${DEFAULT_ROUTING_OPTIMISER} with stops`;

/** Goals of issue 4 for the default optimiser. */
const GOAL_MEAN_GAP_PERCENT = 5;
const GOAL_WORST_GAP_PERCENT = 8;
const GOAL_MS_AT_100_STOPS = 200;
const GOAL_GROWTH_EXPONENT = 1.5;

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED_CVRP = join(repoRoot, '..', 'shared', 'cvrp');

interface BenchInstance {
  name: string;
  instance: RoutingInstance;
  bestKnownCost: number;
}

function loadInstances(): BenchInstance[] {
  return readdirSync(SHARED_CVRP)
    .filter((file) => file.endsWith('.vrp'))
    .sort()
    .map((file) => {
      const { name, instance } = parseCvrplibInstance(readFileSync(join(SHARED_CVRP, file), 'utf8'));
      const best = parseCvrplibSolution(
        readFileSync(join(SHARED_CVRP, file.replace(/\.vrp$/, '.sol')), 'utf8'),
      );
      if (best.cost === undefined) throw new Error(`${file}: its .sol has no Cost line`);
      return { name: name || file, instance, bestKnownCost: best.cost };
    });
}

/** A wave like the sim's: stops uniform in a 20 km square around the station, vans of 50 parcels. */
function createRandomWave(seed: number, stopCount: number): RoutingInstance {
  const random = createRandomStream(seed);
  const positions = new Float64Array(2 * (stopCount + 1));
  const demands = new Float64Array(stopCount + 1);
  positions[0] = 10;
  positions[1] = 10;
  for (let stop = 1; stop <= stopCount; stop++) {
    positions[2 * stop] = (random() / 4294967296) * 20;
    positions[2 * stop + 1] = (random() / 4294967296) * 20;
    demands[stop] = 1 + (random() % 9);
  }
  return { positions, demands, capacity: 50 };
}

/**
 * A van sector as the sim plans it at scale 0.1 (waveRoutes): 60 stops of one parcel (every tenth
 * a bulky 1.5) in a 20 km square, 30-parcel vans, 8 h shifts with 10 minutes a stop, and one
 * ruin-and-recreate iteration a stop (the optimiser budget's 100 ms).
 */
function createSectorWave(seed: number): RoutingInstance {
  const instance = createRandomWave(seed, 60);
  instance.capacity = 30;
  for (let stop = 1; stop <= 60; stop++) instance.demands[stop] = stop % 10 === 0 ? 1.5 : 1;
  instance.maxRouteDurationS = 8 * 3600;
  instance.serviceDurationS = 600;
  instance.secondsPerDistance = 150;
  return instance;
}

/** CPU ms of planning `sectors` and their total length, local search over `neighbours`. */
function timeSectors(sectors: RoutingInstance[], neighbours: number | undefined) {
  const started = getCpuMs();
  let length = 0;
  sectors.forEach((instance, index) => {
    length += solveRoutes(instance, {
      seed: index + 1,
      budget: { iterations: 60 },
      localSearchNeighbours: neighbours,
    }).cost;
  });
  return { ms: (getCpuMs() - started) / sectors.length, length };
}

/** CPU time of this process in ms: unlike wall time, it barely moves when other jobs share the machine. */
function getCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function timeSolve(instance: RoutingInstance, optimiser: RoutingOptimiser) {
  const started = getCpuMs();
  const solution = solveRoutes(instance, { optimiser });
  return { solution, ms: getCpuMs() - started };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run(): Promise<BenchFigure[]> {
  const instances = loadInstances();
  // Warm the JIT so the first timed instance is not charged for compilation.
  for (let repeat = 0; repeat < 3; repeat++) solveRoutes(instances[0].instance);

  const gaps = new Map<RoutingOptimiser, number[]>();
  const totalMs = new Map<RoutingOptimiser, number>();
  const header = ['instance', 'stops', 'best-known', ...ROUTING_OPTIMISERS];
  const rows: string[][] = [];
  let msAt100 = Number.NaN;
  for (const { name, instance, bestKnownCost } of instances) {
    const row = [name, String(instance.demands.length - 1), String(bestKnownCost)];
    for (const optimiser of ROUTING_OPTIMISERS) {
      const { solution, ms } = timeSolve(instance, optimiser);
      const check = checkRoutes(instance, solution.routes);
      if (!check.feasible) throw new Error(`${name} ${optimiser}: infeasible: ${check.problems.join('; ')}`);
      if (Math.abs(check.cost - solution.cost) > 1e-6) {
        throw new Error(`${name} ${optimiser}: reported cost ${solution.cost}, recomputed ${check.cost}`);
      }
      const gap = (100 * (check.cost - bestKnownCost)) / bestKnownCost;
      // A negative gap means a cost convention is wrong, not a new record.
      if (gap < 0)
        throw new Error(`${name} ${optimiser}: cost ${check.cost} below best-known ${bestKnownCost}`);
      gaps.set(optimiser, [...(gaps.get(optimiser) ?? []), gap]);
      totalMs.set(optimiser, (totalMs.get(optimiser) ?? 0) + ms);
      row.push(`${check.cost} +${gap.toFixed(2)}% ${ms.toFixed(0)} ms`);
      if (optimiser === DEFAULT_ROUTING_OPTIMISER && instance.demands.length - 1 === 100) msAt100 = ms;
    }
    rows.push(row);
  }
  console.log('Cost, gap to best-known and CPU ms; every plan checked feasible by checkRoutes:\n');
  printTable(header, rows);

  console.log('\nPer optimiser:\n');
  printTable(
    ['optimiser', 'mean gap', 'worst gap', 'mean CPU ms'],
    ROUTING_OPTIMISERS.map((optimiser) => {
      const list = gaps.get(optimiser)!;
      const mean = list.reduce((sum, gap) => sum + gap, 0) / list.length;
      const meanMs = totalMs.get(optimiser)! / list.length;
      return [optimiser, `${mean.toFixed(2)}%`, `${Math.max(...list).toFixed(2)}%`, meanMs.toFixed(0)];
    }),
  );

  // Growth: median of three seeds per size, default budget, least-squares slope of log ms on log stops.
  const sizes = [100, 200, 400, 800];
  const runsBySize = sizes.map((stops) =>
    [1, 2, 3].map((seed) => timeSolve(createRandomWave(seed, stops), DEFAULT_ROUTING_OPTIMISER).ms),
  );
  const times = runsBySize.map(median);
  const xs = sizes.map(Math.log);
  const ys = times.map(Math.log);
  const meanX = xs.reduce((a, b) => a + b) / xs.length;
  const meanY = ys.reduce((a, b) => a + b) / ys.length;
  let covariance = 0;
  let variance = 0;
  for (let index = 0; index < xs.length; index++) {
    covariance += (xs[index] - meanX) * (ys[index] - meanY);
    variance += (xs[index] - meanX) ** 2;
  }
  const exponent = covariance / variance;
  console.log(`\nGrowth of ${DEFAULT_ROUTING_OPTIMISER} on random waves (CPU ms, median of 3 seeds):\n`);
  printTable(['stops', ...sizes.map(String)], [['ms', ...times.map((ms) => ms.toFixed(0))]]);
  console.log(`\ntime ~ stops^${exponent.toFixed(2)}`);

  // The sim's van sectors, with the waves' local-search neighbours against the router's 40,
  // alternating so that a busy machine slows both alike.
  const sectors = Array.from({ length: 200 }, (_, index) => createSectorWave(index + 1));
  const sectorMs: number[] = [];
  const sectorMsAll: number[] = [];
  let sectorLength = 0;
  let sectorLengthAll = 0;
  // Warm the JIT on both settings first, as for the CVRPLIB instances.
  for (const neighbours of [WAVE_LOCAL_SEARCH_NEIGHBOURS, undefined])
    timeSectors(sectors.slice(0, 20), neighbours);
  for (let repeat = 0; repeat < 3; repeat++) {
    const near = timeSectors(sectors, WAVE_LOCAL_SEARCH_NEIGHBOURS);
    const all = timeSectors(sectors, undefined);
    sectorMs.push(near.ms);
    sectorMsAll.push(all.ms);
    sectorLength = near.length;
    sectorLengthAll = all.length;
  }
  const sectorGap = (100 * (sectorLength - sectorLengthAll)) / sectorLengthAll;
  console.log(
    `\nA scale-0.1 van sector (60 stops, 200 seeds): ${median(sectorMs).toFixed(2)} CPU ms with the waves' ${WAVE_LOCAL_SEARCH_NEIGHBOURS} local-search neighbours, ${median(sectorMsAll).toFixed(2)} with 40; length ${sectorGap >= 0 ? '+' : ''}${sectorGap.toFixed(3)}%`,
  );

  const defaultGaps = gaps.get(DEFAULT_ROUTING_OPTIMISER)!;
  const mean = defaultGaps.reduce((sum, gap) => sum + gap, 0) / defaultGaps.length;
  const worst = Math.max(...defaultGaps);
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log(`\nGoals for ${DEFAULT_ROUTING_OPTIMISER}:`);
  console.log(
    `  mean gap ${mean.toFixed(2)}% <= ${GOAL_MEAN_GAP_PERCENT}%: ${verdict(mean <= GOAL_MEAN_GAP_PERCENT)}`,
  );
  console.log(
    `  worst gap ${worst.toFixed(2)}% <= ${GOAL_WORST_GAP_PERCENT}%: ${verdict(worst <= GOAL_WORST_GAP_PERCENT)}`,
  );
  console.log(
    `  ${msAt100.toFixed(0)} ms at 100 stops <= ${GOAL_MS_AT_100_STOPS} ms: ${verdict(msAt100 <= GOAL_MS_AT_100_STOPS)}`,
  );
  console.log(
    `  growth exponent ${exponent.toFixed(2)} <= ${GOAL_GROWTH_EXPONENT}: ${verdict(exponent <= GOAL_GROWTH_EXPONENT)}`,
  );
  return [
    {
      figure: `${DEFAULT_ROUTING_OPTIMISER}: mean gap to CVRPLIB best-known`,
      value: mean,
      unit: '%',
      goal: { max: GOAL_MEAN_GAP_PERCENT },
    },
    {
      figure: `${DEFAULT_ROUTING_OPTIMISER}: worst gap to CVRPLIB best-known`,
      value: worst,
      unit: '%',
      goal: { max: GOAL_WORST_GAP_PERCENT },
    },
    createTimingFigure(`${DEFAULT_ROUTING_OPTIMISER}: a 100-stop wave (3 seeds)`, runsBySize[0], 'ms', {
      max: GOAL_MS_AT_100_STOPS,
    }),
    {
      figure: `${DEFAULT_ROUTING_OPTIMISER}: time growth exponent in stops`,
      value: exponent,
      unit: '',
      goal: { max: GOAL_GROWTH_EXPONENT },
    },
    createTimingFigure(
      `a scale-0.1 van sector (60 stops), local search over ${WAVE_LOCAL_SEARCH_NEIGHBOURS} neighbours`,
      sectorMs,
      'ms',
    ),
    createTimingFigure('the same sectors, local search over all 40 neighbours', sectorMsAll, 'ms'),
    {
      figure: `the sectors' length with ${WAVE_LOCAL_SEARCH_NEIGHBOURS} neighbours against 40`,
      value: sectorGap,
      unit: '%',
      goal: { max: 0.5 },
    },
  ];
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}
