/**
 * `npm run why-late [-- --preset NAME --seed N --share 0.1 --scale 0.01]`
 *
 * Why the late parcels of a steady-state day were late. Runs the scenario to the end of the
 * warm-up, watches a share of the orders placed on the next day (Simulation.watchOrdersSince),
 * runs on until the same-day, next-day and two-day ones have fallen due (standard promises fall
 * due days later and are left out), explains each late one's journey as the page's "why late"
 * does (explainJourney: a fold over what the stages recorded) and prints how many were late for
 * each cause: the costliest stage and its costliest cause, the carrier, and how late.
 */
import { WARM_UP_DAYS } from '../src/sim/calibrationFigures';
import { explainJourney, type Journey } from '../src/sim/journey';
import { defaultParams } from '../src/sim/params';
import { applyPreset, getPreset, PRESETS } from '../src/sim/presets';
import { createSimulation, type Simulation } from '../src/sim/simulation';

const DAY_S = 86400;

/**
 * Late parcels counted three ways: `byCause`, by their costliest stage and its costliest cause
 * ("lastMile: carrierSlow"); `byCarrier`, by who took them to the door ("none": not handed over
 * yet); `byHoursLate`, by how late (under 3 h, 3-12 h, 12-30 h, more).
 */
type LateTallies = Record<'byCause' | 'byCarrier' | 'byHoursLate', Map<string, number>>;

export interface LateCauses extends LateTallies {
  /** Watched parcels whose promise fell due by the end of the run, and how many of them were late. */
  due: number;
  late: number;
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** How late a parcel was, in the bins the report prints. */
function getLatenessBin(lateS: number): string {
  const hours = lateS / 3600;
  return hours < 3 ? 'under 3 h' : hours < 12 ? '3-12 h' : hours < 30 ? '12-30 h' : 'over 30 h';
}

/** The cause a late journey is put down to: its costliest stage, and that stage's costliest cause. */
export function getLateCause(journey: Journey): string {
  const stage = journey.costliestStages[0];
  if (!stage) return 'no stage slower than nominal';
  const where = stage.leg ? `${stage.kind} (${stage.leg})` : stage.kind;
  let cause: string | null = null;
  let costS = 0;
  for (const c of stage.causes)
    if (c.costS > costS) {
      costS = c.costS;
      cause = c.kind === 'carrierSlow' && c.storm ? 'carrierSlow in a storm' : c.kind;
    }
  return `${where}: ${cause ?? 'slower than nominal'}`;
}

/** Counts the late journeys among those whose promise fell due by `endS`, by cause. */
export function tallyLateCauses(journeys: readonly Journey[], endS: number): LateCauses {
  const tally: LateCauses = {
    due: 0,
    late: 0,
    byCause: new Map(),
    byCarrier: new Map(),
    byHoursLate: new Map(),
  };
  for (const journey of journeys) {
    if (journey.promiseDeadlineS > endS) continue;
    tally.due++;
    if (!journey.isLate) continue;
    tally.late++;
    count(tally.byCause, getLateCause(journey));
    count(tally.byCarrier, journey.stages.find((stage) => stage.carrier)?.carrier ?? 'none');
    count(tally.byHoursLate, getLatenessBin(journey.lateS));
  }
  return tally;
}

/**
 * Runs `sim` from now to the end of day `watchDay` (1-based), watching `share` of that day's
 * orders, then `daysAfter` days more (2: the two-day promises fall due), and explains the watched
 * journeys.
 */
export function explainWatchedDay(
  sim: Simulation,
  watchDay: number,
  share: number,
  daysAfter = 2,
): Journey[] {
  const fromS = (watchDay - 1) * DAY_S;
  sim.advanceTo(fromS);
  sim.drainTrips();
  const ids: number[] = [];
  const stepS = sim.params.stepS;
  for (let t = fromS; t < watchDay * DAY_S; ) {
    const sinceS = t;
    t = Math.min(watchDay * DAY_S, t + stepS);
    sim.advanceTo(t);
    // Orders of the step just run wait in their pick queues: the FCs run before new orders join.
    ids.push(...sim.watchOrdersSince(sinceS, share));
    if (t % (6 * 3600) === 0) sim.drainTrips();
  }
  const endS = (watchDay + daysAfter) * DAY_S;
  for (let t = sim.timeS; t < endS; ) {
    t = Math.min(endS, t + 6 * 3600);
    sim.advanceTo(t);
    sim.drainTrips();
  }
  const journeys: Journey[] = [];
  for (const id of ids) {
    const trace = sim.traceParcel(id);
    if (trace) journeys.push(explainJourney(trace, sim.params));
  }
  return journeys;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function readFlags(argv: string[]) {
  const flags = { preset: 'default', seed: 7, share: 0.1, scale: 0 };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].startsWith('--') ? argv[i].slice(2).split('=', 2) : [argv[i], undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) fail(`--${name} needs a value`);
    if (name === 'preset') flags.preset = value;
    else if (name === 'seed') flags.seed = Number(value);
    else if (name === 'share') flags.share = Number(value);
    else if (name === 'scale') flags.scale = Number(value);
    else fail(`unknown flag --${name}; expected --preset, --seed, --share, --scale`);
  }
  if (!getPreset(flags.preset))
    fail(`preset: "${flags.preset}" is unknown; expected one of ${PRESETS.map((p) => p.name).join(', ')}`);
  if (!Number.isInteger(flags.seed) || flags.seed < 0) fail(`seed: ${flags.seed} is not a whole number ≥ 0`);
  if (!(flags.share > 0 && flags.share <= 1)) fail(`share: ${flags.share} is not in (0, 1]`);
  return flags;
}

function printTable(title: string, map: Map<string, number>, late: number): void {
  console.log(`\n${title}`);
  for (const [key, n] of [...map].sort((a, b) => b[1] - a[1]))
    console.log(
      `  ${key.padEnd(52)}${String(n).padStart(7)}${`${((100 * n) / late).toFixed(0)}%`.padStart(6)}`,
    );
}

function main(): void {
  const flags = readFlags(process.argv.slice(2));
  const params = applyPreset(defaultParams(), getPreset(flags.preset)!);
  if (flags.scale > 0) params.scale = flags.scale;
  const sim = createSimulation(params, flags.seed);
  const watchDay = WARM_UP_DAYS + 1;
  const journeys = explainWatchedDay(sim, watchDay, flags.share);
  const tally = tallyLateCauses(journeys, sim.timeS);
  console.log(
    `${flags.preset}, seed ${flags.seed}, scale ${params.scale}: ${journeys.length} of day ${watchDay}'s orders watched ` +
      `(${flags.share * 100}%); ${tally.due} fell due by the end of day ${watchDay + 2}, ` +
      `${tally.late} late (${((100 * (tally.due - tally.late)) / tally.due).toFixed(1)}% on time)`,
  );
  printTable('late parcels by costliest stage: cause', tally.byCause, tally.late);
  printTable('by carrier', tally.byCarrier, tally.late);
  printTable('by how late', tally.byHoursLate, tally.late);
}

// Run only as a script (the tests import the tally).
if (import.meta.url === `file://${process.argv[1]}`) main();
