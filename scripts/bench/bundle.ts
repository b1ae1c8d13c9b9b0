/**
 * Bundle size: builds the app and prints each emitted JS/CSS chunk's size raw and gzipped, and
 * the initial load (what index.html pulls in before any lazy import) against the 700 kB gzipped
 * budget from issue 2.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const title = 'built chunks, raw and gzipped; initial JS against the 700 kB gzipped budget';

const INITIAL_BUDGET_GZIP_KB = 700;

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

export async function run(): Promise<void> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  const assetsDir = join('dist', 'assets');
  const html = readFileSync(join('dist', 'index.html'), 'utf8');
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
  console.log('| chunk | raw | gzip | loaded |');
  console.log('|---|---:|---:|---|');
  for (const row of rows) {
    console.log(
      `| ${row.file} | ${kb(row.raw)} | ${kb(row.gzip)} | ${initialFiles.has(row.file) ? 'initial' : 'lazy / worker'} |`,
    );
  }
  const initialJsGzip = rows
    .filter((row) => initialFiles.has(row.file) && row.file.endsWith('.js'))
    .reduce((sum, row) => sum + row.gzip, 0);
  console.log(
    `\nInitial JS: ${kb(initialJsGzip)} gzipped (budget ${INITIAL_BUDGET_GZIP_KB} kB: ${initialJsGzip / 1024 <= INITIAL_BUDGET_GZIP_KB ? 'within' : 'OVER'}).`,
  );
}
