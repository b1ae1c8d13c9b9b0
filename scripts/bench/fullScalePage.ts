/**
 * `npm run bench -- fullScalePage`: the real network in the page (issue #15: "the page accepts
 * scale 1.0, the worker holds it within 2.5 GB including its scrubbing snapshots, and runs at
 * >= 600x"). Opens the built app at `?scale=1&speed=600` in headless Chromium, waits for the warm
 * start (the model's replay to day 2 10:00, ~15 minutes on one core here), plays a minute at 600x
 * and reads the peak memory of the renderer process from /proc. Not in the default suites: one run
 * takes a quarter of an hour of a core.
 *
 * The worker is a thread of the page's renderer process, so the renderer's peak resident memory
 * (VmHWM) bounds the worker's from above: it also holds the page's main thread (map, trip store,
 * charts). The main thread's JS heap is reported beside it to say how much of it is the page's.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { startPreviewServer } from '../../tests/e2e/previewServer';
import { getLaunchOptions } from '../../tests/e2e/browser';
import type { BenchFigure } from '../benchFigures';
import { waitForWarmStart } from './page';

export const title = 'the real network (scale 1.0) in headless Chromium: renderer memory, warm start, clock';

const PLAY_WALL_MS = 60_000;
const WORKER_GOAL_GB = 2.5;
const WARM_START_TIMEOUT_MS = 60 * 60_000;

interface RendererMemory {
  pid: number;
  peakBytes: number;
  residentBytes: number;
}

/** Chromium's renderer processes with their peak (VmHWM) and current (VmRSS) resident memory. */
function readRendererMemory(): RendererMemory[] {
  const found: RendererMemory[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!commandLine.includes('--type=renderer')) continue;
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const kilobytes = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      found.push({
        pid: Number(entry),
        peakBytes: kilobytes('VmHWM') * 1024,
        residentBytes: kilobytes('VmRSS') * 1024,
      });
    } catch {
      // The process ended while it was read.
    }
  }
  return found;
}

/** The renderer holding the page: the one with the most resident memory (the model's worker). */
function readPageRenderer(): RendererMemory {
  const renderers = readRendererMemory();
  if (renderers.length === 0) throw new Error('no Chromium renderer process found in /proc');
  return renderers.reduce((largest, renderer) =>
    renderer.peakBytes > largest.peakBytes ? renderer : largest,
  );
}

function readMainThreadHeapBytes(page: Page): Promise<number> {
  return page.evaluate(
    () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
  );
}

function readClockS(page: Page): Promise<number> {
  return page.evaluate(() => window.parcelscope?.displayClock.timeS ?? 0);
}

const gigabytes = (bytes: number) => bytes / 1e9;

export async function run(): Promise<BenchFigure[]> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  const server = await startPreviewServer('error');
  const browser = await chromium.launch(getLaunchOptions('swiftshader'));
  const rows: BenchFigure[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const openedAt = Date.now();
    await page.goto(`${server.baseUrl}/?scale=1&speed=600`);
    page.on('crash', () => console.log('the page crashed'));
    const progress = setInterval(() => {
      const renderers = readRendererMemory()
        .map(
          (renderer) =>
            `${renderer.pid} ${gigabytes(renderer.residentBytes).toFixed(2)}/${gigabytes(renderer.peakBytes).toFixed(2)}`,
        )
        .join(', ');
      console.log(
        `${((Date.now() - openedAt) / 60_000).toFixed(1)} min: renderers (pid GB resident/peak): ${renderers}`,
      );
    }, 30_000);
    try {
      // Open, or a worker failure (the page names it in its notices): no use waiting an hour then.
      await page.waitForFunction(
        () =>
          (window.parcelscope?.perfStats.warmStartOpenedMs ?? -1) > 0 ||
          (document.querySelector('[data-testid="notices"]')?.textContent ?? '').includes('worker failed'),
        null,
        { timeout: WARM_START_TIMEOUT_MS, polling: 2000 },
      );
      const notices = (await page.getByTestId('notices').textContent()) ?? '';
      if (notices.includes('worker failed'))
        throw new Error(`the page's model failed at full scale: ${notices}`);
      await waitForWarmStart(page);
    } finally {
      clearInterval(progress);
    }
    const warmStartS = (Date.now() - openedAt) / 1000;
    const atOpen = readPageRenderer();
    const startClockS = await readClockS(page);
    const startMs = Date.now();
    await page.waitForTimeout(PLAY_WALL_MS);
    const clockRate = ((await readClockS(page)) - startClockS) / ((Date.now() - startMs) / 1000);
    const afterPlay = readPageRenderer();
    if (afterPlay.pid !== atOpen.pid)
      console.log(`the largest renderer changed: ${atOpen.pid} -> ${afterPlay.pid}`);
    const mainHeapBytes = await readMainThreadHeapBytes(page);
    rows.push(
      {
        figure: 'full scale: navigation -> warm start open (day 2 10:00)',
        value: warmStartS / 60,
        unit: 'min',
      },
      {
        figure: `full scale: renderer process peak resident memory (page + worker; the page's main-thread JS heap is ${gigabytes(mainHeapBytes).toFixed(2)} GB) up to a minute of play`,
        value: gigabytes(afterPlay.peakBytes),
        unit: 'GB',
        goal: { max: WORKER_GOAL_GB },
      },
      {
        figure: 'full scale: renderer resident memory as the warm start opens',
        value: gigabytes(atOpen.residentBytes),
        unit: 'GB',
      },
      {
        figure: `full scale: clock at 600x over ${PLAY_WALL_MS / 1000} s after the warm start`,
        value: clockRate,
        unit: 'sim s / wall s',
        goal: { min: 600 },
      },
    );
    await page.close();
  } finally {
    await browser.close();
    await server.close();
  }
  for (const row of rows) console.log(`${row.figure}: ${row.value.toFixed(2)} ${row.unit}`);
  return rows;
}
