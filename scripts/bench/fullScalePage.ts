/**
 * `npm run bench -- fullScalePage`: the real network in the page (issue #15: "the page accepts
 * scale 1.0, the worker holds it within 2.5 GB including its scrubbing snapshots, and runs at
 * >= 600x"). Opens the built app at `?scale=1&speed=600` in headless Chromium, waits for the warm
 * start (the model's replay to day 4 10:00, a few minutes here), plays four minutes at 600x
 * (the first minute and the steady state after it reported apart), and samples memory every
 * second throughout. Not in the default suites: one run takes about nine minutes of both cores.
 *
 * The worker is a thread of the page's renderer process, so /proc cannot tell its memory from the
 * page's. It is read over the DevTools protocol instead: the worker's V8 heap and the backing
 * stores of its array buffers (Runtime.getHeapUsage; the model's columns are typed arrays), the
 * same for the page's main thread, and the renderer's resident memory from /proc for the whole.
 * Peaks are of the samples (VmHWM is not used: Chromium resets it).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { startPreviewServer } from '../../tests/e2e/previewServer';
import { getLaunchOptions } from '../../tests/e2e/browser';
import type { BenchFigure } from '../benchFigures';
import { waitForWarmStart } from './page';
import { connectToModelWorker } from './workerSession';

export const title = 'the real network (scale 1.0) in headless Chromium: worker memory, warm start, clock';

/**
 * Play after the warm start: the first minute opens on the morning's van waves with nothing
 * simulated ahead; the three after it are the steady state, a sim day's cycle with the lead the
 * quiet hours build for the next morning's waves (lookahead.ts).
 */
const FIRST_MINUTE_MS = 60_000;
const PLAY_WALL_MS = 4 * 60_000;
const SAMPLE_MS = 1000;
const WORKER_GOAL_GB = 2.5;
const WARM_START_TIMEOUT_MS = 60 * 60_000;

/** The largest resident memory of any Chromium renderer process now (the page's, at full scale). */
function readLargestRendererBytes(): number {
  let largest = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const kilobytes = Number(
        /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1] ?? 0,
      );
      largest = Math.max(largest, kilobytes * 1024);
    } catch {
      // The process ended while it was read.
    }
  }
  return largest;
}

interface HeapUsage {
  totalSize: number;
  usedSize?: number;
  backingStorageSize?: number;
}

/** One memory sample: seconds since navigation, the worker's and page's bytes, the renderer's resident. */
interface MemorySample {
  atS: number;
  workerHeap: number;
  workerUsed: number;
  workerBuffers: number;
  page: number;
  renderer: number;
}

/** A thread's V8 heap (all of it, not only what is live) plus its array buffers' backing stores. */
const heldBytes = (usage: HeapUsage) => usage.totalSize + (usage.backingStorageSize ?? 0);

function readClockS(page: Page): Promise<number> {
  return page.evaluate(() => window.parcelscope?.displayClock.timeS ?? 0);
}

const gigabytes = (bytes: number) => bytes / 1e9;

/**
 * Writes every sample to bench/fullScalePage-memory.json (git-ignored with the results) and
 * prints the worker's five largest with the page's marks (s since navigation): where a peak falls.
 */
function writeMemorySeries(series: MemorySample[], marks: Record<string, number>): void {
  const path = join(
    dirname(fileURLToPath(import.meta.url)),
    '..',
    '..',
    'bench',
    'fullScalePage-memory.json',
  );
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ marks, series }, null, 1)}\n`);
  const workerBytes = (sample: MemorySample) => sample.workerHeap + sample.workerBuffers;
  const largest = [...series].sort((a, b) => workerBytes(b) - workerBytes(a)).slice(0, 5);
  console.log(`page marks (s): ${JSON.stringify(marks)}`);
  for (const sample of largest)
    console.log(
      `worker at ${sample.atS.toFixed(1)} s: ${gigabytes(workerBytes(sample)).toFixed(2)} GB (heap ${gigabytes(sample.workerHeap).toFixed(2)}, buffers ${gigabytes(sample.workerBuffers).toFixed(2)})`,
    );
  console.log(`memory series: ${path}`);
}

export async function run(): Promise<BenchFigure[]> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  const server = await startPreviewServer('error');
  const browser = await chromium.launch(getLaunchOptions('swiftshader'));
  const rows: BenchFigure[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('crash', () => console.log('the page crashed'));
    const openedAt = Date.now();
    await page.goto(`${server.baseUrl}/?scale=1&speed=600`);
    const pageSession = await page.context().newCDPSession(page);
    const browserSession = await browser.newBrowserCDPSession();
    await page.waitForFunction(() => window.parcelscope !== undefined, null, { timeout: 120_000 });
    const sendToWorker = await connectToModelWorker(browserSession);
    const readWorkerHeap = () => sendToWorker<HeapUsage>('Runtime.getHeapUsage');
    const peak = { worker: 0, page: 0, renderer: 0, workerAtPeakJs: 0 };
    const series: MemorySample[] = [];
    let sampling = true;
    let lastLogMs = 0;
    const sample = async () => {
      while (sampling) {
        try {
          const worker = await readWorkerHeap();
          const main = (await pageSession.send('Runtime.getHeapUsage')) as HeapUsage;
          series.push({
            atS: (Date.now() - openedAt) / 1000,
            workerHeap: worker.totalSize,
            workerUsed: worker.usedSize ?? 0,
            workerBuffers: worker.backingStorageSize ?? 0,
            page: heldBytes(main),
            renderer: readLargestRendererBytes(),
          });
          if (heldBytes(worker) > peak.worker) {
            peak.worker = heldBytes(worker);
            peak.workerAtPeakJs = worker.totalSize;
          }
          peak.page = Math.max(peak.page, heldBytes(main));
          peak.renderer = Math.max(peak.renderer, readLargestRendererBytes());
          if (Date.now() - lastLogMs > 30_000) {
            lastLogMs = Date.now();
            console.log(
              `${((Date.now() - openedAt) / 60_000).toFixed(1)} min: worker ${gigabytes(heldBytes(worker)).toFixed(2)} GB (peak ${gigabytes(peak.worker).toFixed(2)}), page ${gigabytes(heldBytes(main)).toFixed(2)} GB, renderer peak ${gigabytes(peak.renderer).toFixed(2)} GB`,
            );
          }
        } catch (error) {
          console.log(`a memory sample failed: ${(error as Error).message}`);
        }
        await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
      }
    };
    const sampler = sample();
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
      const warmStartS = (Date.now() - openedAt) / 1000;
      const startClockS = await readClockS(page);
      const startMs = Date.now();
      const readClockBudget = () =>
        page.evaluate(() => {
          const stats = window.parcelscope?.perfStats;
          return {
            wallS: stats?.clockWallS ?? 0,
            cappedS: stats?.clockCappedWallS ?? 0,
            waitedSimS: stats?.clockWaitedSimS ?? 0,
          };
        });
      const budgetBefore = await readClockBudget();
      // What the page tells a person meanwhile: the header's note while the model holds the clock back.
      const paceNotes: string[] = [];
      let firstMinute = { clockS: Number.NaN, wallMs: Number.NaN };
      while (Date.now() - startMs < PLAY_WALL_MS) {
        await page.waitForTimeout(Math.min(2000, Math.max(0, PLAY_WALL_MS - (Date.now() - startMs))));
        const { note, clockS, aheadS } = await page.evaluate(() => ({
          note: document.querySelector('[data-testid="clock-pace"]')?.textContent ?? '-',
          clockS: window.parcelscope?.displayClock.timeS ?? 0,
          aheadS: window.parcelscope?.perfStats.simulatedAheadS ?? 0,
        }));
        const dayHour = `d${Math.floor(clockS / 86400) + 1} ${((clockS % 86400) / 3600).toFixed(1)} h`;
        paceNotes.push(`${dayHour} (lead ${(aheadS / 3600).toFixed(1)} h) ${note}`);
        if (Number.isNaN(firstMinute.wallMs) && Date.now() - startMs >= FIRST_MINUTE_MS)
          firstMinute = { clockS, wallMs: Date.now() };
      }
      const endClockS = await readClockS(page);
      const endMs = Date.now();
      const firstMinuteRate = (firstMinute.clockS - startClockS) / ((firstMinute.wallMs - startMs) / 1000);
      const steadyRate = (endClockS - firstMinute.clockS) / ((endMs - firstMinute.wallMs) / 1000);
      console.log(
        `clock ${firstMinuteRate.toFixed(0)} sim s per wall s in the first minute, ${steadyRate.toFixed(0)} after it; every 2 s, the clock (sim day, hour Eastern), the worker's lead over it and the header's note:\n${paceNotes.join(' | ')}`,
      );
      // Where the clock's time went (perfStats): frames longer than the step cap, and waits for
      // the model, in sim seconds at 600x.
      const budgetAfter = await readClockBudget();
      const playedS = budgetAfter.wallS - budgetBefore.wallS;
      const cappedSimS = 600 * (budgetAfter.cappedS - budgetBefore.cappedS);
      const waitedSimS = budgetAfter.waitedSimS - budgetBefore.waitedSimS;
      console.log(
        `of ${Math.round(600 * playedS)} sim s that 600x asked for in ${playedS.toFixed(1)} s of frames: ${Math.round(cappedSimS)} lost to frames longer than the clock's step cap, ${Math.round(waitedSimS)} waiting for the model`,
      );
      rows.push(
        {
          figure: 'full scale: navigation -> warm start open (day 4 10:00)',
          value: warmStartS / 60,
          unit: 'min',
        },
        {
          figure: `full scale: the model worker's peak memory, its V8 heap (${gigabytes(peak.workerAtPeakJs).toFixed(2)} GB at the peak) + array buffers, warm start and ${PLAY_WALL_MS / 60_000} minutes of play`,
          value: gigabytes(peak.worker),
          unit: 'GB',
          goal: { max: WORKER_GOAL_GB },
        },
        {
          figure: "full scale: the page main thread's peak memory (V8 heap + array buffers)",
          value: gigabytes(peak.page),
          unit: 'GB',
        },
        {
          figure: 'full scale: the renderer process (page + worker) peak resident memory',
          value: gigabytes(peak.renderer),
          unit: 'GB',
        },
        {
          figure: `full scale: clock at 600x, the first minute after the warm start (the morning's van waves, nothing simulated ahead)`,
          value: firstMinuteRate,
          unit: 'sim s / wall s',
        },
        {
          figure: `full scale: clock at 600x, steady state (the ${((endMs - firstMinute.wallMs) / 60_000).toFixed(0)} minutes after the first)`,
          value: steadyRate,
          unit: 'sim s / wall s',
          goal: { min: 600 },
        },
      );
    } finally {
      sampling = false;
      await sampler;
    }
    const marks = await page.evaluate(() => {
      const stats = window.parcelscope?.perfStats;
      return {
        networkBuiltS: (stats?.networkBuiltMs ?? -1) / 1000,
        historyShownS: (stats?.historyShownMs ?? -1) / 1000,
        firstTripsS: (stats?.firstTripsMs ?? -1) / 1000,
        warmStartOpenedS: (stats?.warmStartOpenedMs ?? -1) / 1000,
        firstTripsDrawnS: (stats?.firstTripsDrawnMs ?? -1) / 1000,
      };
    });
    writeMemorySeries(series, marks);
    await page.close();
  } finally {
    await browser.close();
    await server.close();
  }
  for (const row of rows) console.log(`${row.figure}: ${row.value.toFixed(2)} ${row.unit}`);
  return rows;
}
