/**
 * Experiments for `npm run sim`: replications (every KPI as mean +- 95% CI), parameter sweeps
 * (a CSV with CIs), and the job list behind both, so a sweep too big for one machine fans out on
 * a batch engine: `--emit-jobs FILE` writes the list, `--job N` runs one (docs/batch.md).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getParamDeclaration, type Params, validateParams } from '../../src/sim/params';
import type { ReplicationJob, ReplicationResult } from './jobs';
import { formatProgress, runJobs } from './pool';
import { getMeanCi, type MeanCi } from './stats';

export interface Sweep {
  key: string;
  values: number[];
}

export interface ExperimentOptions {
  params: Params;
  /** First seed; replication r runs seed + r. */
  seed: number;
  days: number;
  replications: number;
  sweep: Sweep | null;
  /** Write the job list here and stop. */
  emitJobsPath: string | null;
  /** Run only this job of the list and print its result. */
  jobIndex: number | null;
  /** Read the job list from here instead of building it from the flags. */
  jobsPath: string | null;
  /** The sweep's CSV. */
  outPath: string | null;
  workers: number | null;
  /** A directory of `--job N` results (one JSON file each) to combine instead of running. */
  combineDir: string | null;
}

/**
 * Parses `key=a:b:steps` into `steps` evenly spaced values from a to b of a numeric parameter;
 * throws an Error naming the problem.
 */
export function parseSweep(spec: string): Sweep {
  const match = /^([A-Za-z]\w*)=([^:]+):([^:]+):(\d+)$/.exec(spec);
  if (!match) throw new Error(`sweep: "${spec}" is not key=a:b:steps (e.g. vansPerStation=40:80:5)`);
  const [, key, a, b, stepsText] = match;
  const declaration = getParamDeclaration(key);
  if (!declaration) throw new Error(`sweep: ${key} is not a parameter`);
  if (declaration.kind !== 'number') throw new Error(`sweep: ${key} is a choice, not a number`);
  const from = Number(a);
  const to = Number(b);
  const steps = Number(stepsText);
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new Error(`sweep: ${a} and ${b} must be numbers`);
  if (steps < 2 || steps > 200) throw new Error(`sweep: steps ${steps} is out of range; expected 2 to 200`);
  const values = Array.from({ length: steps }, (_, i) => from + ((to - from) * i) / (steps - 1));
  for (const value of values) {
    const { errors } = validateParams({ [key]: value });
    if (errors.length > 0) throw new Error(`sweep: ${errors[0]}`);
  }
  return { key, values };
}

/** The jobs of an experiment: each sweep value (or the parameters as given) x each replication. */
export function buildJobs(
  options: Pick<ExperimentOptions, 'params' | 'seed' | 'days' | 'replications' | 'sweep'>,
): ReplicationJob[] {
  const points: { group: string; params: Params }[] = options.sweep
    ? options.sweep.values.map((value) => ({
        group: `${options.sweep!.key}=${value}`,
        params: { ...options.params, [options.sweep!.key]: value },
      }))
    : [{ group: 'run', params: options.params }];
  const jobs: ReplicationJob[] = [];
  for (const point of points) {
    for (let r = 0; r < options.replications; r++) {
      jobs.push({
        index: jobs.length,
        group: point.group,
        params: point.params,
        seed: options.seed + r,
        days: options.days,
      });
    }
  }
  return jobs;
}

/** Mean +- 95% CI of every KPI over the results (all hold the same keys, in the same order). */
export function summarise(results: readonly ReplicationResult[]): [string, MeanCi][] {
  if (results.length === 0) return [];
  return Object.keys(results[0].kpis).map((key) => [key, getMeanCi(results.map((r) => r.kpis[key]))]);
}

/** The sweep as CSV: one row per sweep value, a mean and a CI half-width column per KPI. */
export function formatSweepCsv(sweep: Sweep, results: readonly ReplicationResult[]): string {
  const groups = sweep.values.map((value) => `${sweep.key}=${value}`);
  const rows = groups.map((group) => summarise(results.filter((r) => r.group === group)));
  const keys = rows[0]?.map(([key]) => key) ?? [];
  const header = [sweep.key, 'replications', ...keys.flatMap((key) => [`${key}.mean`, `${key}.ci95`])];
  const lines = [header.join(',')];
  rows.forEach((row, i) => {
    const cells = [String(sweep.values[i]), String(row[0]?.[1].n ?? 0)];
    for (const [, { mean, ci95 }] of row) cells.push(formatNumber(mean), formatNumber(ci95));
    lines.push(cells.join(','));
  });
  return `${lines.join('\n')}\n`;
}

function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(8))) : '';
}

/**
 * Reads the `--job N` results a batch engine collected (every *.json file of `dir`; JSON's null
 * back to NaN, a rate of nothing).
 */
export function readResultFiles(dir: string): ReplicationResult[] {
  const results = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as ReplicationResult);
  for (const result of results) for (const key of Object.keys(result.kpis)) result.kpis[key] ??= Number.NaN;
  return results.sort((a, b) => a.index - b.index);
}

/** Prints each group's KPIs as mean +- 95% CI. */
function printSummary(results: readonly ReplicationResult[]): void {
  const groups = [...new Set(results.map((r) => r.group))];
  for (const group of groups) {
    const ofGroup = results.filter((r) => r.group === group);
    const seeds = ofGroup.map((r) => r.seed);
    console.log(
      `${group}: ${ofGroup.length} replications (seeds ${Math.min(...seeds)}-${Math.max(...seeds)}), ${ofGroup[0].days} sim days each: mean ± 95% CI\n`,
    );
    for (const [key, { mean, ci95 }] of summarise(ofGroup)) {
      const digits = Math.abs(mean) >= 1000 ? 0 : Math.abs(mean) >= 10 ? 2 : 4;
      const text = Number.isFinite(mean)
        ? `${mean.toFixed(digits)} ± ${Number.isFinite(ci95) ? ci95.toFixed(digits) : '-'}`
        : '-';
      console.log(`  ${key.padEnd(48)}${text.padStart(28)}`);
    }
  }
}

/** Runs the experiment the options describe; returns the process exit code. */
export async function runExperiment(options: ExperimentOptions): Promise<number> {
  if (options.combineDir) {
    const results = readResultFiles(options.combineDir);
    if (results.length === 0) {
      console.error(`combine: no *.json results in ${options.combineDir}`);
      return 2;
    }
    printSummary(results);
    return 0;
  }
  const jobs: ReplicationJob[] = options.jobsPath
    ? (JSON.parse(readFileSync(options.jobsPath, 'utf8')) as ReplicationJob[])
    : buildJobs(options);
  if (options.emitJobsPath) {
    writeFileSync(options.emitJobsPath, `${JSON.stringify(jobs, null, 1)}\n`);
    console.log(
      `${jobs.length} jobs written to ${options.emitJobsPath}; run one with --job N (0 to ${jobs.length - 1})`,
    );
    return 0;
  }
  if (options.jobIndex !== null) {
    const job = jobs[options.jobIndex];
    if (!job) {
      console.error(`job: ${options.jobIndex} is not in the list; expected 0 to ${jobs.length - 1}`);
      return 2;
    }
    const [result] = await runJobs([job], { workers: 1 });
    console.log(JSON.stringify(result, null, 2));
    return 0;
  }
  const started = performance.now();
  const results = await runJobs(jobs, {
    workers: options.workers ?? undefined,
    onProgress: (done, total) =>
      process.stderr.write(`\r${formatProgress(done, total, (performance.now() - started) / 1000)}`),
  });
  process.stderr.write('\n');
  if (options.sweep) {
    const path = options.outPath ?? `sweep-${options.sweep.key}.csv`;
    writeFileSync(path, formatSweepCsv(options.sweep, results));
    console.log(
      `${options.sweep.key} from ${options.sweep.values[0]} to ${options.sweep.values.at(-1)} in ${options.sweep.values.length} steps, ` +
        `${options.replications} replications each: ${path}`,
    );
    return 0;
  }
  printSummary(results);
  return 0;
}
