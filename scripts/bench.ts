/**
 * `npm run bench [-- name ...]`: runs the benchmark suites (BENCH_SUITES, or the named suites or
 * files of scripts/bench/) one after another, then prints one table of every figure a suite
 * reported with its goal and a mark where it misses, and writes the figures with a description
 * of the machine to bench/results.json (git-ignored). Speed lives here, never in timed tests;
 * budgets that do not depend on the machine are also asserted in `npm test`.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BenchFigure, meetsGoal } from './benchFigures';

/** What each file in scripts/bench/ exports. */
export interface BenchModule {
  /** One line saying what is measured. */
  title: string;
  /** Prints its own detail; a suite returns the figures for the summary table. */
  run(): Promise<BenchFigure[] | undefined>;
}

/** The suites `npm run bench` runs when none is named: suite name -> file in scripts/bench/. */
export const BENCH_SUITES: Record<string, string> = {
  model: 'model.ts',
  stream: 'stream.ts',
  routing: 'routing.ts',
  bundle: 'bundle.ts',
  page: 'page.ts',
};

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(repoRoot, 'scripts', 'bench');
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const available = readdirSync(benchDir).filter((file) => file.endsWith('.ts'));
const files =
  wanted.length === 0
    ? Object.values(BENCH_SUITES)
    : available.filter((file) => wanted.some((name) => BENCH_SUITES[name] === file || file.startsWith(name)));

if (files.length === 0) {
  console.error(`No benchmark matches ${wanted.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}

const results: Array<BenchFigure & { suite: string }> = [];
for (const file of files) {
  const suite = file.replace(/\.ts$/, '');
  const module = (await import(pathToFileURL(join(benchDir, file)).href)) as BenchModule;
  console.log(`\n## ${suite}: ${module.title}\n`);
  const started = performance.now();
  const figures = (await module.run()) ?? [];
  for (const figure of figures) results.push({ suite, ...figure });
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function formatGoal(figure: BenchFigure): string {
  const { goal, unit } = figure;
  if (!goal) return '';
  const parts: string[] = [];
  if (goal.min !== undefined) parts.push(`>= ${formatNumber(goal.min)}`);
  if (goal.max !== undefined) parts.push(`<= ${formatNumber(goal.max)}`);
  return `${parts.join(', ')} ${unit}`;
}

if (results.length > 0) {
  console.log('\n## Summary\n');
  console.log('| suite | figure | value | spread (runs: min-max) | goal | |');
  console.log('|---|---|---:|---|---|---|');
  for (const figure of results) {
    const spread = figure.spread
      ? `${figure.spread.runs}: ${formatNumber(figure.spread.min)}-${formatNumber(figure.spread.max)}`
      : '';
    console.log(
      `| ${figure.suite} | ${figure.figure} | ${formatNumber(figure.value)} ${figure.unit} | ${spread} | ${formatGoal(figure)} | ${meetsGoal(figure) ? '' : '**MISS**'} |`,
    );
  }
  const cpu = cpus();
  const machine = {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGb: Math.round(totalmem() / 1e9),
    platform: `${process.platform} ${process.arch}`,
    node: process.version,
  };
  mkdirSync(join(repoRoot, 'bench'), { recursive: true });
  const path = join(repoRoot, 'bench', 'results.json');
  writeFileSync(
    path,
    `${JSON.stringify({ date: new Date().toISOString(), machine, figures: results.map((figure) => ({ ...figure, meetsGoal: meetsGoal(figure) })) }, null, 2)}\n`,
  );
  console.log(
    `\n${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}: ${path}`,
  );
}
