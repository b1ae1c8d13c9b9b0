/**
 * `npm run bench [-- name ...]`: runs every benchmark module in scripts/bench/ (or the named
 * ones) one after another and prints their tables. Speed lives here, never in timed tests:
 * each module compares figures as ratios inside one run and prints absolute numbers for the
 * issue notes.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What each file in scripts/bench/ exports. */
export interface BenchModule {
  /** One line saying what is measured. */
  title: string;
  run(): Promise<void>;
}

const benchDir = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const files = readdirSync(benchDir)
  .filter((file) => file.endsWith('.ts'))
  .filter((file) => wanted.length === 0 || wanted.some((name) => file.startsWith(name)))
  .sort();

if (files.length === 0) {
  console.error(`No benchmark matches ${wanted.join(', ')}. Available: ${readdirSync(benchDir).join(', ')}`);
  process.exit(2);
}

for (const file of files) {
  const module = (await import(pathToFileURL(join(benchDir, file)).href)) as BenchModule;
  console.log(`\n## ${file.replace(/\.ts$/, '')}: ${module.title}\n`);
  const started = performance.now();
  await module.run();
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
