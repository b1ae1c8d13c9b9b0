/**
 * The page's CPU side in headless Chromium (software WebGL, so GPU time means nothing here and
 * frames are slow, as on CI and many virtual machines): how fast a newcomer's first screen is
 * ready (navigation -> network built -> first trips -> charts with history, on the default link),
 * whether the clock keeps the chosen speed, main-thread time per frame with 0, 10,000 and 50,000
 * vehicles and attribute regenerations while only time advances, and long tasks during a minute
 * at 3,600x. Timings are the median of several runs with their spread. `npm run bench -- page --start`
 * measures the start-up alone.
 */
import { execFileSync } from 'node:child_process';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startPreviewServer } from '../../tests/e2e/previewServer';
import { getLaunchOptions } from '../../tests/e2e/browser';
import { type BenchFigure, createTimingFigure } from '../benchFigures';

export const title =
  'the page in headless Chromium: start-up, clock rate, main-thread cost per frame, long tasks';

const START_RUNS = 3;
/** `npm run bench -- page --start`: the start-up figures alone (a minute or two instead of several). */
const START_ONLY = process.argv.includes('--start');
const VEHICLE_COUNTS = [0, 10_000, 50_000];
const VERTICES_PER_TRIP = 12;
const FRAME_MEASURE_WALL_MS = 20_000;
const CLOCK_MEASURE_WALL_MS = 30_000;
const LONG_TASK_WALL_MS = 60_000;
/** A small network for the injected-vehicle frames, so the model's own trips are few. */
const TINY = 'scale=0.0005&fulfillmentCenterCount=8&sortationCenterCount=4&deliveryStationCount=150';

/** Builds and injects the synthetic trips inside the page: every vehicle on the road for hours. */
const INJECT_SOURCE = `function ({ vehicles, vertices }) {
  const handle = window.parcelscope;
  const now = handle.displayClock.timeS;
  const positions = new Float32Array(vehicles * vertices * 2);
  const vertexOffsetsS = new Float32Array(vehicles * vertices);
  const pathStartIndices = new Uint32Array(vehicles + 1);
  let seed = 12345;
  function random() {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 4294967296;
  }
  for (let trip = 0; trip < vehicles; trip++) {
    let lon = -122 + random() * 50;
    let lat = 27 + random() * 20;
    pathStartIndices[trip + 1] = (trip + 1) * vertices;
    for (let vertex = 0; vertex < vertices; vertex++) {
      const at = trip * vertices + vertex;
      positions[at * 2] = lon;
      positions[at * 2 + 1] = lat;
      vertexOffsetsS[at] = vertex * 1200;
      lon += (random() - 0.5) * 0.3;
      lat += (random() - 0.5) * 0.3;
    }
  }
  const ids = new Uint32Array(vehicles);
  for (let index = 0; index < vehicles; index++) ids[index] = index;
  handle.injectTrips({
    length: vehicles,
    vehicleKind: new Uint8Array(vehicles).fill(1),
    vehicleId: ids,
    parcelsAboard: new Uint16Array(vehicles).fill(100),
    stopCount: new Uint16Array(vehicles).fill(vertices - 2),
    originFacility: new Int32Array(vehicles),
    destinationFacility: new Int32Array(vehicles).fill(-1),
    departS: new Float64Array(vehicles).fill(now - 600),
    pathStartIndices,
    positions,
    vertexOffsetsS,
  });
}`;

/** Counts long tasks (main thread busy over 50 ms) from page load on. */
const LONG_TASK_OBSERVER = `(() => {
  window.__longTasks = { count: 0, totalMs: 0, longestMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.__longTasks.count++;
      window.__longTasks.totalMs += entry.duration;
      window.__longTasks.longestMs = Math.max(window.__longTasks.longestMs, entry.duration);
    }
  }).observe({ type: 'longtask', buffered: true });
})()`;

interface PageStats {
  frames: number;
  frameWorkMs: number;
  firstTripsMs: number;
  networkBuiltMs: number;
  historyShownMs: number;
  warmStartOpenedMs: number;
  timeS: number;
  drawLevel: number;
  deck: { updateAttributesCount: number; cpuTimePerFrame: number } | null;
  longTasks: { count: number; totalMs: number; longestMs: number } | null;
}

function readStats(page: Page): Promise<PageStats> {
  return page.evaluate(() => {
    const handle = window.parcelscope;
    if (!handle) throw new Error('no window.parcelscope');
    const stats = handle.perfStats;
    return {
      frames: stats.frames,
      frameWorkMs: stats.frameWorkMs,
      firstTripsMs: stats.firstTripsMs,
      networkBuiltMs: stats.networkBuiltMs,
      historyShownMs: stats.historyShownMs,
      warmStartOpenedMs: stats.warmStartOpenedMs,
      timeS: handle.displayClock.timeS,
      drawLevel: handle.store.getState().drawing?.level ?? 0,
      deck: stats.deck && {
        updateAttributesCount: stats.deck.updateAttributesCount,
        cpuTimePerFrame: stats.deck.cpuTimePerFrame,
      },
      longTasks: (window as unknown as { __longTasks?: PageStats['longTasks'] }).__longTasks ?? null,
    };
  });
}

async function waitReady(page: Page): Promise<void> {
  await page.getByTestId('worker-status').filter({ hasText: 'Model running' }).waitFor({ timeout: 300_000 });
}

async function measureStart(browser: Browser, base: string, rows: BenchFigure[]): Promise<void> {
  const built: number[] = [];
  const trips: number[] = [];
  const history: number[] = [];
  const opened: number[] = [];
  for (let run = 0; run < START_RUNS; run++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(base);
    await page.waitForFunction(() => (window.parcelscope?.perfStats.warmStartOpenedMs ?? -1) > 0, null, {
      timeout: 300_000,
      polling: 200,
    });
    await page.waitForFunction(() => (window.parcelscope?.perfStats.firstTripsMs ?? -1) > 0, null, {
      timeout: 60_000,
      polling: 200,
    });
    const stats = await readStats(page);
    built.push(stats.networkBuiltMs);
    trips.push(stats.firstTripsMs);
    history.push(stats.historyShownMs);
    opened.push(stats.warmStartOpenedMs);
    await page.close();
  }
  const seconds = (valuesMs: number[]) => valuesMs.map((ms) => ms / 1000);
  rows.push(
    createTimingFigure('navigation -> network built', seconds(built), 's'),
    createTimingFigure(
      'navigation -> charts with history (default link: the warm-up to day 2 10:00 charts each hour it closes)',
      seconds(history),
      's',
      {
        max: 3,
      },
    ),
    createTimingFigure(
      'navigation -> warm start open (day 2 10:00, every hour before it charted)',
      seconds(opened),
      's',
    ),
    createTimingFigure('navigation -> first trips', seconds(trips), 's'),
    createTimingFigure(
      'network built -> first trips',
      seconds(trips.map((ms, run) => ms - built[run])),
      's',
      { max: 1 },
    ),
  );
}

async function measureClock(
  browser: Browser,
  base: string,
  speed: number,
  wallMs: number,
  rows: BenchFigure[],
  withLongTasks: boolean,
): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript(LONG_TASK_OBSERVER);
  await page.goto(`${base}?speed=${speed}`);
  await waitReady(page);
  // Let the drawing settle on its level before measuring.
  await page.waitForTimeout(8000);
  const before = await readStats(page);
  const startMs = Date.now();
  await page.waitForTimeout(wallMs);
  const after = await readStats(page);
  const rate = (after.timeS - before.timeS) / ((Date.now() - startMs) / 1000);
  const frameMs = (wallMs / Math.max(1, after.frames - before.frames)).toFixed(0);
  rows.push({
    figure: `clock at ${speed.toLocaleString('en-US')}x, default scenario, vehicles on (frames ~${frameMs} ms, drawing level ${after.drawLevel})`,
    value: rate,
    unit: 'sim s / wall s',
    goal: { min: 0.9 * speed },
  });
  if (withLongTasks) {
    const count = (after.longTasks?.count ?? 0) - (before.longTasks?.count ?? 0);
    const totalMs = (after.longTasks?.totalMs ?? 0) - (before.longTasks?.totalMs ?? 0);
    const label = `in ${wallMs / 1000} s at ${speed.toLocaleString('en-US')}x, default scenario`;
    rows.push(
      { figure: `long tasks (> 50 ms) ${label}`, value: count, unit: 'tasks' },
      { figure: `main thread in long tasks ${label}`, value: totalMs / 1000, unit: 's' },
    );
  }
  await page.close();
}

async function measureFrames(
  browser: Browser,
  base: string,
  vehicles: number,
  rows: BenchFigure[],
): Promise<void> {
  // A small viewport: software WebGL cannot finish a 1280x720 frame of 50,000 trails in the
  // measuring window, and the main thread's cost does not depend on pixels.
  const page = await browser.newPage({ viewport: { width: 480, height: 320 } });
  await page.goto(`${base}?speed=600&paused=1&${TINY}`);
  await waitReady(page);
  await page.evaluate(() => {
    const store = window.parcelscope?.store;
    // The model's own trucks off, so the frames measured draw the injected vehicles.
    store?.setState({ layers: { ...store.getState().layers, vehicles: [false, true, true, true, true] } });
    window.parcelscope?.map?.jumpTo({ center: [-97, 38], zoom: 7.5 });
  });
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  if (vehicles > 0)
    await page.evaluate(`(${INJECT_SOURCE})(${JSON.stringify({ vehicles, vertices: VERTICES_PER_TRIP })})`);
  await page.evaluate(() => {
    const store = window.parcelscope?.store;
    store?.setState({ playback: { ...store.getState().playback, playing: true } });
  });
  // Let the first upload happen, then measure only time advancing.
  await page.waitForTimeout(8000);
  const before = await readStats(page);
  await page.waitForTimeout(FRAME_MEASURE_WALL_MS);
  const after = await readStats(page);
  const frames = after.frames - before.frames;
  const perFrame = (after.frameWorkMs - before.frameWorkMs) / Math.max(1, frames);
  const label = vehicles.toLocaleString('en-US');
  rows.push({
    figure: `${label} vehicles: our main-thread work per frame (${frames} frames)`,
    value: perFrame,
    unit: 'ms',
    goal: { max: 4 },
  });
  if (after.deck) {
    rows.push(
      {
        figure: `${label} vehicles: deck.gl CPU per frame (its metrics, incl. draw submission)`,
        value: after.deck.cpuTimePerFrame,
        unit: 'ms',
      },
      {
        figure: `${label} vehicles: attribute regenerations in deck.gl's last report, time only advancing`,
        value: after.deck.updateAttributesCount,
        unit: 'regenerations',
        goal: { max: 0 },
      },
    );
  }
  await page.close();
}

export async function run(): Promise<BenchFigure[]> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  const server = await startPreviewServer('error');
  const browser = await chromium.launch(getLaunchOptions('swiftshader'));
  const rows: BenchFigure[] = [];
  try {
    const base = `${server.baseUrl}/`;
    await measureStart(browser, base, rows);
    if (!START_ONLY) {
      await measureClock(browser, base, 600, CLOCK_MEASURE_WALL_MS, rows, false);
      await measureClock(browser, base, 3600, LONG_TASK_WALL_MS, rows, true);
      for (const vehicles of VEHICLE_COUNTS) await measureFrames(browser, base, vehicles, rows);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  for (const row of rows) console.log(`${row.figure}: ${row.value.toFixed(2)} ${row.unit}`);
  return rows;
}
