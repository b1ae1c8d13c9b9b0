/**
 * `npm run validate [-- --replications 3 --scenarios default,december-peak --window-days 2 --workers N]`
 *
 * Runs the default scenario and the peak presets (the December peak also without its storms, for
 * the figures whose source excludes weather), several replications each (seeds 1..n, in
 * parallel on worker threads), measures every figure of shared/CALIBRATION.md the model produces
 * over a steady-state window (after WARM_UP_DAYS), and prints one table: the figure, its source and
 * confidence, the tolerance, the model's mean +- 95% CI, pass or miss. The table is written, dated,
 * into docs/validation.md. Exits 1 when a sourced figure (H or M) misses.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { WARM_UP_DAYS } from '../src/sim/calibrationFigures';
import { defaultParams, type Params } from '../src/sim/params';
import { applyPreset, getPreset } from '../src/sim/presets';
import type { ReplicationJob, ReplicationResult } from './experiments/jobs';
import { formatProgress, runJobs } from './experiments/pool';
import { getMeanCi, type MeanCi } from './experiments/stats';
import {
  CALIBRATION_TARGETS,
  type CalibrationTarget,
  formatMeanCi,
  formatTargetValue,
} from './experiments/targets';

const VALIDATION_DOC = new URL('../docs/validation.md', import.meta.url);
const TABLE_START = '<!-- npm run validate writes the table below; edit above this line -->';

/** Scenarios by name: a preset, started so that its window (after the warm-up) is the peak. */
const SCENARIOS: Record<string, (base: Params) => Params> = {
  default: (base) => applyPreset(base, getPreset('default')!),
  'december-peak': (base) => applyPreset(base, getPreset('december-peak')!),
  // ShipMatrix's carrier figures exclude weather: the peak's demand without the preset's storms.
  'december-peak-fair-weather': (base) => ({
    ...applyPreset(base, getPreset('december-peak')!),
    stormChancePerDay: 0,
  }),
  // The preset starts the day before Prime Day; here the warm-up runs before it instead.
  'prime-day': (base) => ({
    ...applyPreset(base, getPreset('prime-day')!),
    startDayOfYear: 196 - WARM_UP_DAYS,
  }),
};

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function readFlags(argv: string[]) {
  const flags = {
    replications: 3,
    scenarios: ['default', 'december-peak', 'december-peak-fair-weather'],
    windowDays: 2,
    workers: 0,
    scale: 0,
  };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].startsWith('--') ? argv[i].slice(2).split('=', 2) : [argv[i], undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) fail(`--${name} needs a value`);
    if (name === 'replications') flags.replications = Number(value);
    else if (name === 'scenarios') flags.scenarios = value.split(',');
    else if (name === 'window-days') flags.windowDays = Number(value);
    else if (name === 'workers') flags.workers = Number(value);
    else if (name === 'scale') flags.scale = Number(value);
    else
      fail(`unknown flag --${name}; expected --replications, --scenarios, --window-days, --workers, --scale`);
  }
  if (!Number.isInteger(flags.replications) || flags.replications < 2 || flags.replications > 30)
    fail(`replications: ${flags.replications} is not valid; expected an integer 2 to 30 (a CI needs two)`);
  for (const name of flags.scenarios)
    if (!SCENARIOS[name])
      fail(`scenarios: "${name}" is unknown; expected some of ${Object.keys(SCENARIOS).join(', ')}`);
  if (!(flags.windowDays >= 0.5 && flags.windowDays <= 14)) fail('window-days: expected 0.5 to 14');
  return flags;
}

export interface TargetResult {
  target: CalibrationTarget;
  value: MeanCi;
  pass: boolean;
}

/** Each target's value over the replications (by scenario, in seed order) and whether it passes. */
export function evaluateTargets(byScenario: Record<string, ReplicationResult[]>): TargetResult[] {
  const out: TargetResult[] = [];
  for (const target of CALIBRATION_TARGETS) {
    if (target.scenarios.some((name) => !byScenario[name])) continue;
    const runs = target.scenarios.map((name) => byScenario[name]);
    const values = runs[0].map((_, i) => target.read(runs.map((results) => results[i].kpis)));
    const value = getMeanCi(values);
    const [low, high] = target.tolerance;
    out.push({ target, value, pass: value.mean >= low && value.mean <= high });
  }
  return out;
}

/** The figures with a source of high or medium confidence that missed: they fail the run. */
export function getSourcedMisses(results: readonly TargetResult[]): TargetResult[] {
  return results.filter((r) => !r.pass && (r.target.confidence === 'H' || r.target.confidence === 'M'));
}

/** The results as a Markdown table. */
export function formatTable(results: readonly TargetResult[]): string {
  const lines = [
    '| scenario | figure | CALIBRATION.md | conf | tolerance | model (mean ± 95% CI) | result |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const { target, value, pass } of results) {
    const model = formatMeanCi(target, value);
    const tolerance = `${formatTargetValue(target, target.tolerance[0])} to ${formatTargetValue(target, target.tolerance[1])}`;
    lines.push(
      `| ${target.scenarios.join(' / ')} | ${target.figure} | ${target.source} | ${target.confidence} | ${tolerance} | ${model} | ${pass ? 'pass' : '**miss**'} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const flags = readFlags(process.argv.slice(2));
  const base = defaultParams();
  if (flags.scale > 0) base.scale = flags.scale;
  const days = WARM_UP_DAYS + flags.windowDays;
  const jobs: ReplicationJob[] = [];
  for (const name of flags.scenarios)
    for (let seed = 1; seed <= flags.replications; seed++)
      jobs.push({ index: jobs.length, group: name, params: SCENARIOS[name](base), seed, days });
  const started = performance.now();
  const results = await runJobs(jobs, {
    workers: flags.workers > 0 ? flags.workers : undefined,
    onProgress: (done, total) =>
      process.stderr.write(`\r${formatProgress(done, total, (performance.now() - started) / 1000)}`),
  });
  process.stderr.write('\n');
  const byScenario: Record<string, ReplicationResult[]> = {};
  for (const result of results) {
    byScenario[result.group] ??= [];
    byScenario[result.group].push(result);
  }
  const evaluated = evaluateTargets(byScenario);
  const wallS = (performance.now() - started) / 1000;
  const date = new Date().toISOString().slice(0, 10);
  const heading =
    `Last run ${date}: ${flags.scenarios.join(', ')}, ${flags.replications} replications each (seeds 1-${flags.replications}), ` +
    `scale ${base.scale}, ${days} sim days, figures over days ${WARM_UP_DAYS + 1}-${days} (after the ${WARM_UP_DAYS}-day warm-up); ` +
    `${Math.round(wallS)} s on ${jobs.length} jobs.`;
  const table = formatTable(evaluated);
  console.log(`${heading}\n\n${table}`);
  const doc = readFileSync(VALIDATION_DOC, 'utf8');
  const at = doc.indexOf(TABLE_START);
  if (at < 0) fail(`docs/validation.md has no line "${TABLE_START}" to write the table under`);
  writeFileSync(VALIDATION_DOC, `${doc.slice(0, at + TABLE_START.length)}\n\n${heading}\n\n${table}\n`);
  const sourcedMisses = getSourcedMisses(evaluated);
  if (sourcedMisses.length > 0) {
    console.error(
      `\n${sourcedMisses.length} sourced figure(s) (H or M) missed: ${sourcedMisses.map((r) => `${r.target.figure} (${r.target.scenarios.join('/')})`).join('; ')}`,
    );
    process.exit(1);
  }
}

// Run only as a script (the tests import the table functions).
if (import.meta.url === `file://${process.argv[1]}`) void main();
