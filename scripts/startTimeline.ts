/**
 * The default link's start-up in headless Chromium (SwiftShader), as the page bench measures it
 * (perfStats), with the worker's first trips posted and the main thread's long tasks, for the
 * precomputed warm state and for the replay (the file answered 204, as the dev server does before
 * it has one) in the same conditions: `tsx scripts/startTimeline.ts [runs]` on dist/.
 */
import { chromium, type Page } from 'playwright-core';
import { getLaunchOptions } from '../tests/e2e/browser';
import { startPreviewServer } from '../tests/e2e/previewServer';
import { waitForTripsDrawn, waitForWarmStart } from './bench/page';

const LONG_TASKS = `(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push([Math.round(entry.startTime), Math.round(entry.duration)]);
  }).observe({ type: 'longtask', buffered: true });
})()`;

/** A string: tsx wraps named inner functions in a helper the page lacks. */
const READ_STATS = `(() => {
  const s = window.parcelscope.perfStats;
  return {
    built: s.networkBuiltMs,
    tripsPosted: s.firstTripsPostedMs,
    tripsHandled: s.firstTripsMs,
    tripsDrawn: s.firstTripsDrawnMs,
    history: s.historyShownMs,
    opened: s.warmStartOpenedMs,
    warmState: s.warmState,
    longTasks: window.__longTasks,
  };
})()`;

interface Stats {
  built: number;
  tripsPosted: number;
  tripsHandled: number;
  tripsDrawn: number;
  history: number;
  opened: number;
  warmState: unknown;
  longTasks: number[][];
}

async function openOnce(page: Page, url: string): Promise<Stats> {
  await page.addInitScript(LONG_TASKS);
  await page.goto(url);
  await waitForWarmStart(page);
  await waitForTripsDrawn(page);
  return (await page.evaluate(READ_STATS)) as Stats;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
const describe = (values: number[]) =>
  `${(median(values) / 1000).toFixed(2)} s (${(Math.min(...values) / 1000).toFixed(2)}-${(Math.max(...values) / 1000).toFixed(2)})`;

const runs = Number(process.argv[2] ?? 3);
const server = await startPreviewServer('error');
const browser = await chromium.launch(getLaunchOptions('swiftshader'));
try {
  for (const mode of ['restored', 'replayed'] as const) {
    const all: Stats[] = [];
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      if (mode === 'replayed')
        await context.route('**/warm-state/*.bin', (route) => route.fulfill({ status: 204, body: '' }));
      const page = await context.newPage();
      const stats = await openOnce(page, `${server.baseUrl}/`);
      all.push(stats);
      const inWindow = stats.longTasks.filter(([start]) => start >= stats.built && start < stats.tripsDrawn);
      console.log(
        `${mode} ${run + 1}: built ${Math.round(stats.built)}, trips posted ${Math.round(stats.tripsPosted)}, handled ${Math.round(stats.tripsHandled)}, drawn ${Math.round(stats.tripsDrawn)}, history ${Math.round(stats.history)}, opened ${Math.round(stats.opened)}; ${JSON.stringify(stats.warmState)}; long tasks between built and trips drawn: ${inWindow.map(([start, ms]) => `${start}+${ms}`).join(' ')}`,
      );
      await context.close();
    }
    console.log(
      `${mode}: navigation -> network built ${describe(all.map((s) => s.built))}; network built -> first trips drawn ${describe(all.map((s) => s.tripsDrawn - s.built))}, handled ${describe(all.map((s) => s.tripsHandled - s.built))} (posted ${describe(all.map((s) => s.tripsPosted - s.built))}); navigation -> charts with history ${describe(all.map((s) => s.history))}; -> open ${describe(all.map((s) => s.opened))}`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
