/**
 * Bundle size: builds the app and prints each emitted JS/CSS chunk's size raw and gzipped, and
 * the initial load (what index.html pulls in before any lazy import) against its gzipped budget.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchFigure } from '../benchFigures';

/** Initial JS, gzipped (issue 15; tests/e2e/bundleBudget.e2e.ts asserts it after the suite's build). */
export const INITIAL_BUDGET_GZIP_KB = 600;

export const title = `built chunks, raw and gzipped; initial JS against the ${INITIAL_BUDGET_GZIP_KB} kB gzipped budget`;

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

/** Chunk sizes of a production build in `distDir`, and which load before any lazy import. */
export function readBundleSizes(distDir = 'dist'): {
  rows: Array<{ file: string; raw: number; gzip: number }>;
  initialFiles: Set<string>;
  initialJsGzip: number;
  lazyGzip: number;
} {
  const assetsDir = join(distDir, 'assets');
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const rows: Array<{ file: string; raw: number; gzip: number; initial: boolean }> = [];
  for (const file of readdirSync(assetsDir).sort()) {
    if (!/\.(js|mjs|css)$/.test(file)) continue;
    const content = readFileSync(join(assetsDir, file));
    rows.push({
      file,
      raw: statSync(join(assetsDir, file)).size,
      gzip: gzipSync(content).length,
      initial: html.includes(file),
    });
  }
  // Static imports of the entry chunk load up front too: follow them from index.html's scripts.
  const initialFiles = new Set(rows.filter((row) => row.initial).map((row) => row.file));
  let grew = true;
  while (grew) {
    grew = false;
    for (const file of [...initialFiles]) {
      if (!file.endsWith('.js')) continue;
      const text = readFileSync(join(assetsDir, file), 'utf8');
      for (const match of text.matchAll(
        /(?:^|[;\s])import\s*(?:[\w${},\s*]+from\s*)?["']\.\/([^"']+\.js)["']/g,
      )) {
        if (!initialFiles.has(match[1])) {
          initialFiles.add(match[1]);
          grew = true;
        }
      }
    }
  }
  const initialJsGzip = rows
    .filter((row) => initialFiles.has(row.file) && row.file.endsWith('.js'))
    .reduce((sum, row) => sum + row.gzip, 0);
  const lazyGzip = rows.filter((row) => !initialFiles.has(row.file)).reduce((sum, row) => sum + row.gzip, 0);
  return { rows, initialFiles, initialJsGzip, lazyGzip };
}

export async function run(): Promise<BenchFigure[]> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  const { rows, initialFiles, initialJsGzip, lazyGzip } = readBundleSizes();
  console.log('| chunk | raw | gzip | loaded |');
  console.log('|---|---:|---:|---|');
  for (const row of rows) {
    console.log(
      `| ${row.file} | ${kb(row.raw)} | ${kb(row.gzip)} | ${initialFiles.has(row.file) ? 'initial' : 'lazy / worker'} |`,
    );
  }
  console.log(
    `\nInitial JS: ${kb(initialJsGzip)} gzipped (budget ${INITIAL_BUDGET_GZIP_KB} kB: ${initialJsGzip / 1024 <= INITIAL_BUDGET_GZIP_KB ? 'within' : 'OVER'}).`,
  );
  return [
    {
      figure: 'initial JS, gzipped',
      value: initialJsGzip / 1024,
      unit: 'kB',
      goal: { max: INITIAL_BUDGET_GZIP_KB },
    },
    { figure: 'lazy chunks and worker, gzipped', value: lazyGzip / 1024, unit: 'kB' },
  ];
}
