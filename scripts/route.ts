/**
 * `npm run route -- <file.vrp> [--optimiser savings+ls+rr] [--time-ms 200] [--iterations N]
 * [--seed 1] [--out file.sol]`: solves a CVRPLIB instance with the last-mile optimiser and prints
 * the solution in the CVRPLIB .sol format on stdout, and one summary line on stderr (cost, routes,
 * ms, and the gap to the best-known .sol next to the instance when there is one).
 *
 * Without --time-ms the run is deterministic (the default iteration budget); --time-ms caps it by
 * wall clock instead, so results then vary with the machine. Bad flags exit with code 2.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import {
  checkRoutes,
  DEFAULT_ROUTING_OPTIMISER,
  formatCvrplibSolution,
  parseCvrplibInstance,
  parseCvrplibSolution,
  ROUTING_OPTIMISERS,
  type RoutingBudget,
  type RoutingOptimiser,
  solveRoutes,
} from '../src/sim/routing';

const USAGE = `usage: npm run route -- <file.vrp> [--optimiser ${ROUTING_OPTIMISERS.join('|')}] [--time-ms N] [--iterations N] [--seed N] [--out file.sol]`;

function failUsage(message: string): never {
  // One line, so a caller's log shows exactly what was wrong; --help prints the usage.
  console.error(`route: ${message} (npm run route -- --help for usage)`);
  process.exit(2);
}

function readPositiveInteger(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) failUsage(`--${flag} '${raw}' must be a non-negative integer`);
  return value;
}

let parsed: ReturnType<typeof parseFlags>;
function parseFlags() {
  return parseArgs({
    allowPositionals: true,
    options: {
      optimiser: { type: 'string' },
      'time-ms': { type: 'string' },
      iterations: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
try {
  parsed = parseFlags();
} catch (error) {
  const message = (error as Error).message;
  // Node's own wording is long and speaks of positionals; name the flag instead.
  const unknown = /Unknown option '([^']+)'/.exec(message);
  failUsage(unknown ? `unknown flag ${unknown[1]}` : message);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length !== 1) failUsage(`expected one instance file, got ${positionals.length}`);
const optimiser = (values.optimiser ?? DEFAULT_ROUTING_OPTIMISER) as RoutingOptimiser;
if (!ROUTING_OPTIMISERS.includes(optimiser)) {
  failUsage(`--optimiser '${values.optimiser}' is not one of ${ROUTING_OPTIMISERS.join(', ')}`);
}
const timeLimitMs = readPositiveInteger('time-ms', values['time-ms']);
const iterations = readPositiveInteger('iterations', values.iterations);
const seed = readPositiveInteger('seed', values.seed) ?? 1;

const instancePath = positionals[0];
let text: string;
try {
  text = readFileSync(instancePath, 'utf8');
} catch (error) {
  console.error(`route: cannot read ${instancePath}: ${(error as Error).message}`);
  process.exit(1);
}

try {
  const { name, instance } = parseCvrplibInstance(text);
  const budget: RoutingBudget = {};
  if (timeLimitMs !== undefined) {
    budget.timeLimitMs = timeLimitMs;
    budget.clock = () => performance.now();
    // The clock decides unless an iteration count is also given.
    budget.iterations = iterations ?? Number.POSITIVE_INFINITY;
  } else if (iterations !== undefined) {
    budget.iterations = iterations;
  }
  const started = performance.now();
  const solution = solveRoutes(instance, { optimiser, budget, seed });
  const elapsedMs = performance.now() - started;
  const check = checkRoutes(instance, solution.routes);
  if (!check.feasible)
    throw new Error(`the optimiser returned an infeasible plan: ${check.problems.join('; ')}`);
  const solText = formatCvrplibSolution(solution.routes, check.cost);
  process.stdout.write(solText);
  if (values.out) writeFileSync(values.out, solText);

  let gap = '';
  const bestKnownPath = instancePath.replace(/\.vrp$/i, '.sol');
  if (bestKnownPath !== instancePath && existsSync(bestKnownPath)) {
    const bestKnown = parseCvrplibSolution(readFileSync(bestKnownPath, 'utf8')).cost;
    if (bestKnown !== undefined) {
      const percent = (100 * (check.cost - bestKnown)) / bestKnown;
      gap = `, gap ${percent >= 0 ? '+' : ''}${percent.toFixed(2)}% to ${basename(bestKnownPath)} (${bestKnown})`;
    }
  }
  console.error(
    `${name || basename(instancePath)}: ${optimiser}, cost ${check.cost}, ${solution.routes.length} routes, ${elapsedMs.toFixed(0)} ms${gap}`,
  );
} catch (error) {
  console.error(`route: ${instancePath}: ${(error as Error).message}`);
  process.exit(1);
}
