/**
 * Two builds' start-up on the default link, opens alternated (A, B, A, B, ...) in one headless
 * Chromium (SwiftShader), so the machine's load falls on both alike: navigation -> network built,
 * network built -> first trips handled and drawn, navigation -> charts with history and -> warm
 * start open (the default link's time on screen, day 4 10:00), per open and as medians with their range. `tsx scripts/startAB.ts <distA> <distB> [opens per build]`,
 * each dist a `vite build --outDir` of one version. `--cold`: a new browser for every open (a first
 * visit, whose page starts the browser's graphics process; later pages find it running).
 * `--trace DIR`: a Chrome trace of every open, kept in DIR (A1.json, B1.json, ...), and per open the
 * main thread's longest task and its waits on the graphics process from network built to warm
 * start open (openTrace.ts): where a slow open's time went. Tracing slows the opens a little.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { getLaunchOptions } from '../tests/e2e/browser';
import { OPEN_TRACE_CATEGORIES, summarizeOpenTrace } from './bench/openTrace';
import { waitForTripsDrawn, waitForWarmStart } from './bench/page';

/** A string: tsx wraps named inner functions in a helper the page lacks. */
const READ_STATS = `(() => {
  const s = window.parcelscope.perfStats;
  return {
    built: s.networkBuiltMs,
    handled: s.firstTripsMs,
    drawn: s.firstTripsDrawnMs,
    history: s.historyShownMs,
    opened: s.warmStartOpenedMs,
    restored: Boolean(s.warmState && s.warmState.used),
  };
})()`;

interface Open {
  built: number;
  handled: number;
  drawn: number;
  history: number;
  opened: number;
  restored: boolean;
}

const cold = process.argv.includes('--cold');
const traceAt = process.argv.indexOf('--trace');
const traceDir = traceAt >= 0 ? process.argv[traceAt + 1] : undefined;
const [distA, distB, opensArg] = process.argv
  .slice(2)
  .filter((arg, index, args) => arg !== '--cold' && arg !== '--trace' && args[index - 1] !== '--trace');
if (!distA || !distB || (traceAt >= 0 && !traceDir)) {
  console.error('usage: tsx scripts/startAB.ts <distA> <distB> [opens per build] [--cold] [--trace DIR]');
  process.exit(2);
}
if (traceDir) mkdirSync(traceDir, { recursive: true });
const opensPerBuild = Number(opensArg ?? 4);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const describe = (values: number[]) =>
  `${(median(values) / 1000).toFixed(2)} s (${(Math.min(...values) / 1000).toFixed(2)}-${(Math.max(...values) / 1000).toFixed(2)})`;

const servers = await Promise.all(
  [distA, distB].map((outDir) =>
    preview({ build: { outDir }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'error' }),
  ),
);
const urls = servers.map((server) => server.resolvedUrls?.local[0] ?? '');
let browser = await chromium.launch(getLaunchOptions('swiftshader'));
const opens: Open[][] = [[], []];
try {
  for (let round = 0; round < opensPerBuild; round++) {
    // Which build opens first alternates too.
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const which of order) {
      if (cold) {
        await browser.close();
        browser = await chromium.launch(getLaunchOptions('swiftshader'));
      }
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      const label = `${which === 0 ? 'A' : 'B'}${round + 1}`;
      const tracePath = traceDir ? join(traceDir, `${label}.json`) : '';
      if (traceDir) await browser.startTracing(page, { path: tracePath, categories: OPEN_TRACE_CATEGORIES });
      await page.goto(urls[which]);
      await waitForWarmStart(page);
      await waitForTripsDrawn(page);
      const open = (await page.evaluate(READ_STATS)) as Open;
      if (traceDir) await browser.stopTracing();
      opens[which].push(open);
      const traced = traceDir ? summarizeOpenTrace(tracePath, urls[which], open.built, open.opened) : null;
      const mainThread = traced
        ? `; main thread built -> open: longest task ${Math.round(traced.longestTaskMs)} ms (${traced.longestTaskKind}), ${Math.round(traced.graphicsWaitMs)} ms waiting on the graphics process`
        : '';
      console.log(
        `${which === 0 ? 'A' : 'B'} ${round + 1}: built ${Math.round(open.built)}, trips handled +${Math.round(open.handled - open.built)}, drawn +${Math.round(open.drawn - open.built)}, history ${Math.round(open.history)}, open ${Math.round(open.opened)}${open.restored ? '' : ' (replayed)'}${mainThread}`,
      );
      await context.close();
    }
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((server) => server.close()));
}
for (const which of [0, 1]) {
  const all = opens[which];
  console.log(
    `${which === 0 ? 'A' : 'B'} (${[distA, distB][which]}, ${all.length} opens): navigation -> network built ${describe(all.map((o) => o.built))}; network built -> first trips handled ${describe(all.map((o) => o.handled - o.built))}, drawn ${describe(all.map((o) => o.drawn - o.built))}; navigation -> first trips drawn ${describe(all.map((o) => o.drawn))}; navigation -> charts with history ${describe(all.map((o) => o.history))}; navigation -> warm start open ${describe(all.map((o) => o.opened))}`,
  );
}
