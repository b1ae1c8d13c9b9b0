/**
 * Long runs: 30 sim days of the default scenario in Node (memory after a full GC from day 2 on,
 * every parcel accounted for each day), then 10 wall minutes of 3,600x playback of the default
 * scenario in headless Chromium (the page's and the worker's JS heap and array buffers after two
 * collections, paused at the same sim hour each day, and what waits between them).
 * Too long for `npm test`; `npm run test:deep` holds the Node half to its 5% bound.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { type CDPSession, chromium, type Page } from 'playwright-core';
import { defaultParams } from '../../src/sim/params';
import { startPreviewServer } from '../../tests/e2e/previewServer';
import { findChromium } from '../../tests/e2e/browser';
import { getMemoryGrowth, soak } from '../../tests/sim/soak';

export const title = 'long runs: 30 sim days in Node, 10 minutes of 3,600x in the page (memory, parcels)';

const NODE_DAYS = 30;
/** Wall minutes of 3,600x in the page: 10, or `--page-minutes=N` for a quicker look. */
const PAGE_MINUTES = Number(
  process.argv.find((arg) => arg.startsWith('--page-minutes='))?.split('=')[1] ?? 10,
);

/**
 * Megabytes of typed arrays the page holds in its larger stores, walked in the page (a string:
 * tsx's helpers do not exist there), each buffer counted once, in this order: the map's trip
 * store and trip ledger, the checkpoints scenario A keeps against a worker failure, the KPI
 * history, and the rest of channel A (ticks waiting for the display clock, facility feeds, the
 * network).
 */
const HELD_BY_PAGE_SOURCE = `(() => {
  const seen = new Set();
  const bytesOf = (value, depth) => {
    if (!value || typeof value !== 'object' || depth > 12) return 0;
    if (ArrayBuffer.isView(value)) {
      if (seen.has(value.buffer)) return 0;
      seen.add(value.buffer);
      return value.buffer.byteLength;
    }
    if (seen.has(value)) return 0;
    seen.add(value);
    let total = 0;
    for (const key of Object.keys(value)) total += bytesOf(value[key], depth + 1);
    return total;
  };
  const handle = window.parcelscope;
  const channel = handle && handle.getChannel('A');
  const generations = (handle && handle.tripStore && handle.tripStore.generations) || [];
  let trips = 0;
  for (const generation of generations) for (const kind of generation.kinds) trips += kind.tripCount;
  return {
    trips,
    generations: generations.length,
    tripsMb: bytesOf(handle && handle.tripStore, 0) / 1e6,
    ledgerMb: bytesOf(handle && handle.tripLedger, 0) / 1e6,
    checkpointsMb: bytesOf(channel && channel.checkpoints, 0) / 1e6,
    kpiHistoryMb: bytesOf(channel && channel.kpiHistory, 0) / 1e6,
    channelRestMb: bytesOf(channel, 0) / 1e6,
  };
})()`;

/** What the worker has posted and the page received (SimHost.posted, perfStats). */
interface Traffic {
  messages: number;
  bytes: number;
}

/**
 * Memory held by the page's and its worker's JavaScript after a full collection: the JS heap plus
 * the backing stores of array buffers (the trips, checkpoints and KPI columns are typed arrays,
 * which `performance.memory` leaves out, and a worker has no `performance.memory` at all). Read
 * over the DevTools protocol: the page's own session, and the worker's through the page's
 * auto-attach, answered as target messages.
 */
class HeapMeter {
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();
  private workerSessionId = '';

  private constructor(private readonly client: CDPSession) {
    // The model's worker, not maplibre's tile workers; the latest one, as a recovery replaces it.
    client.on('Target.attachedToTarget', (event) => {
      if (event.targetInfo.type === 'worker' && event.targetInfo.url.includes('sim.worker'))
        this.workerSessionId = event.sessionId;
    });
    client.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message) as { id?: number; result?: unknown };
      if (message.id !== undefined) this.pending.get(message.id)?.(message.result);
    });
  }

  static async attach(page: Page): Promise<HeapMeter> {
    const meter = new HeapMeter(await page.context().newCDPSession(page));
    await meter.client.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: false,
    });
    return meter;
  }

  private sendToWorker(method: string, params?: object): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      void this.client.send('Target.sendMessageToTarget', {
        sessionId: this.workerSessionId,
        message: JSON.stringify({ id, method, params }),
      });
    });
  }

  /** Bytes held by the page's JavaScript after a full collection (-1 if unreadable). */
  /** The page's JS heap and array buffers after a full collection, bytes. */
  async pageUsage(): Promise<{ usedSize: number; backingStorageSize: number }> {
    await this.client.send('HeapProfiler.collectGarbage');
    await settle();
    await this.client.send('HeapProfiler.collectGarbage');
    await settle();
    return (await this.client.send('Runtime.getHeapUsage')) as {
      usedSize: number;
      backingStorageSize: number;
    };
  }

  /** Bytes held by the worker's JavaScript after a full collection (-1 without a worker). */
  async workerBytes(): Promise<number> {
    if (!this.workerSessionId) return -1;
    await this.sendToWorker('HeapProfiler.collectGarbage');
    await settle();
    await this.sendToWorker('HeapProfiler.collectGarbage');
    return heldBytes(await this.sendToWorker('Runtime.getHeapUsage'));
  }

  /** Messages and their buffers' bytes the worker has posted (null without a worker). */
  async workerPosted(): Promise<Traffic | null> {
    if (!this.workerSessionId) return null;
    const answer = (await this.sendToWorker('Runtime.evaluate', {
      expression: 'self.parcelscopeWorker ? self.parcelscopeWorker.getPosted() : null',
      returnByValue: true,
    })) as { result?: { value?: Traffic | null } } | undefined;
    return answer?.result?.value ?? null;
  }

  /**
   * The snapshots the worker keeps for scrubbing (sim.worker.ts `parcelscopeWorker`): how many,
   * and their bytes; null without a worker or before its run.
   */
  async workerSnapshots(): Promise<{ count: number; bytes: number } | null> {
    if (!this.workerSessionId) return null;
    const answer = (await this.sendToWorker('Runtime.evaluate', {
      expression: 'self.parcelscopeWorker ? self.parcelscopeWorker.getSnapshotStats() : null',
      returnByValue: true,
    })) as { result?: { value?: { count: number; bytes: number } | null } } | undefined;
    return answer?.result?.value ?? null;
  }
}

/**
 * Lets a collection's freed array buffers go: their backing stores are released after the
 * collection returns, and a reading taken at once counts them. In Node, the worker's logic after
 * one gc() read 18-37 MB more buffers than after two 200 ms apart, at 3 of 24 readings (seed 1,
 * 12 sim days, every 12 h).
 */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 200));
}

function heldBytes(usage: unknown): number {
  const { usedSize, backingStorageSize } = (usage ?? {}) as {
    usedSize?: number;
    backingStorageSize?: number;
  };
  return usedSize === undefined ? -1 : usedSize + (backingStorageSize ?? 0);
}

/**
 * Resident memory of the browser's renderer processes (the page and its worker, with their
 * typed-array buffers, which JS heap figures leave out), from /proc; -1 where there is no /proc.
 */
function rendererRssBytes(browserMarker: string): number {
  try {
    const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
    const info = new Map<string, { parent: string; cmdline: string; rssKb: number }>();
    for (const pid of pids) {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const parent = /PPid:\s+(\d+)/.exec(status)?.[1] ?? '';
        const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        info.set(pid, { parent, rssKb, cmdline: readFileSync(`/proc/${pid}/cmdline`, 'utf8') });
      } catch {
        // The process ended while being read.
      }
    }
    const root = [...info].find(([, process]) => process.cmdline.includes(browserMarker))?.[0];
    if (!root) return -1;
    const descends = (pid: string): boolean => {
      for (let at = pid, hops = 0; at && hops < 10; hops++) {
        if (at === root) return true;
        at = info.get(at)?.parent ?? '';
      }
      return false;
    };
    let totalKb = 0;
    for (const [pid, process] of info)
      if (process.cmdline.includes('--type=renderer') && descends(pid)) totalKb += process.rssKb;
    return totalKb * 1024;
  } catch {
    return -1;
  }
}

function runNode(): void {
  console.log(`Node: ${NODE_DAYS} sim days of the default scenario (scale ${defaultParams().scale}), seed 1`);
  const days = soak(defaultParams(), 1, NODE_DAYS, (day) => {
    console.log(
      `  day ${String(day.day).padStart(2)}: ${(day.memoryBytes / 1e6).toFixed(1)} MB held, ${day.parcelSlots} parcel slots, ${day.liveParcels} live of ${day.ordered} ordered, ${day.broken.length === 0 ? 'all accounted for' : `BROKEN: ${day.broken[0]}`} (${(day.wallMs / 1000).toFixed(1)} s)`,
    );
  });
  const lost = days.reduce((sum, day) => sum + Math.abs(day.ordered - day.liveParcels - day.delivered), 0);
  console.log(
    `  memory day 2 -> day ${NODE_DAYS}: ${(getMemoryGrowth(days) * 100).toFixed(1)}% (goal < 5%); parcels lost or counted twice: ${lost}`,
  );
}

/**
 * The sim hour of day the page is read at, every day: the trips on the road differ by hour. 03:00
 * is off the checkpoint grid: as the display passes 0, 6, 12 and 18 h the worker sends the page
 * a checkpoint (~12 MB, cloned). At midnight the page apart from its trips, ledger, checkpoints
 * and channel read 22-23 MB or 34-51 MB from day to day; at 03:00, 19-29 MB (days 2-21).
 */
const READ_HOUR = 3;

/**
 * Pauses playback in the first frame whose display clock has reached `window.soakPauseAtS`
 * (set before each reading) and sets `window.soakPaused`: a frame loop in the page (a string:
 * tsx's helpers do not exist there).
 */
const PAUSER_SOURCE = `(() => {
  window.soakPauseAtS = Number.POSITIVE_INFINITY;
  window.soakPaused = false;
  const check = () => {
    const handle = window.parcelscope;
    if (!window.soakPaused && handle && handle.displayClock.timeS >= window.soakPauseAtS) {
      handle.store.setState({ playback: { ...handle.store.getState().playback, playing: false } });
      window.soakPaused = true;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})()`;

/** One reading: the page paused at READ_HOUR of a sim day. */
interface Reading {
  wallMinute: number;
  simDay: number;
  pageMb: number;
  /** Of pageMb: the JS heap, and array buffers' backing stores. */
  pageJsMb: number;
  pageBuffersMb: number;
  tripsMb: number;
  ledgerMb: number;
  checkpointsMb: number;
  kpiHistoryMb: number;
  channelRestMb: number;
  /** The page without its trip store, trip ledger, checkpoints, KPI history and channel. */
  pageRestMb: number;
  /** The page without its trip store (the trips on the road at the hour differ by weekday). */
  pageWithoutTripsMb: number;
  workerMb: number;
  /** The worker without the snapshots it keeps for scrubbing. */
  workerOwnMb: number;
  rendererMb: number;
}

/**
 * What waits between the worker and the page at mid-day, while playing: the worker's posted
 * count is read between two readings of the page's received count, so what was in flight at
 * that moment lies between the two differences; and the longest wait of a trips message from
 * post to handling since the last reading.
 */
async function readTraffic(
  page: Page,
  heapMeter: HeapMeter,
): Promise<{ messages: [number, number]; mb: [number, number]; tripWaitMaxMs: number }> {
  const readReceived = () =>
    page.evaluate(() => {
      const stats = window.parcelscope?.perfStats;
      const received = {
        messages: stats?.workerMessagesReceived ?? 0,
        bytes: stats?.workerBytesReceived ?? 0,
        tripWaitMaxMs: stats?.tripWaitMaxMs ?? 0,
      };
      if (stats) stats.tripWaitMaxMs = 0;
      return received;
    });
  const before = await readReceived();
  const posted = (await heapMeter.workerPosted()) ?? { messages: 0, bytes: 0 };
  const after = await readReceived();
  return {
    messages: [Math.max(0, posted.messages - after.messages), posted.messages - before.messages],
    mb: [Math.max(0, posted.bytes - after.bytes) / 1e6, (posted.bytes - before.bytes) / 1e6],
    tripWaitMaxMs: Math.max(before.tripWaitMaxMs, after.tripWaitMaxMs),
  };
}

async function runPage(): Promise<void> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  const server = await startPreviewServer('error');
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      '--disable-background-networking',
      '--enable-precise-memory-info',
      '--js-flags=--expose-gc',
      // Finds this browser's processes in /proc.
      `--user-agent=parcelscope-soak-${process.pid}`,
    ],
  });
  const marker = `parcelscope-soak-${process.pid}`;
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const heapMeter = await HeapMeter.attach(page);
    await page.goto(`${server.baseUrl}/?speed=3600`);
    await page
      .getByTestId('worker-status')
      .filter({ hasText: 'Model running' })
      .waitFor({ timeout: 240_000 });
    // Vehicles off: software WebGL would hold the frame rate (and so the clock) far below a GPU's.
    await page.evaluate(() => {
      const store = window.parcelscope?.store;
      store?.setState({
        layers: { ...store.getState().layers, vehicles: [false, false, false, false, false] },
      });
    });
    await page.evaluate(PAUSER_SOURCE);
    console.log(
      `\nPage: the default scenario at 3,600x for ${PAGE_MINUTES} wall minutes (vehicles hidden), paused at ${READ_HOUR}:00 sim time each day for a reading`,
    );
    const startedMs = Date.now();
    const readings: Reading[] = [];
    while (Date.now() - startedMs < PAGE_MINUTES * 60_000) {
      const nowS = await page.evaluate(() => window.parcelscope?.displayClock.timeS ?? 0);
      const readAtS = (Math.floor(nowS / 86_400) + 1) * 86_400 + READ_HOUR * 3600;
      await page.waitForFunction(
        `(window.parcelscope?.displayClock.timeS ?? 0) >= ${readAtS - 43_200}`,
        undefined,
        {
          polling: 250,
          timeout: 120_000,
        },
      );
      const traffic = await readTraffic(page, heapMeter);
      await page.evaluate(`window.soakPaused = false; window.soakPauseAtS = ${readAtS};`);
      await page.waitForFunction('window.soakPaused === true', undefined, { polling: 100, timeout: 120_000 });
      const simDay = await page.evaluate(() => (window.parcelscope?.displayClock.timeS ?? 0) / 86_400);
      const pageUsage = await heapMeter.pageUsage();
      const pageMb = heldBytes(pageUsage) / 1e6;
      const workerMb = (await heapMeter.workerBytes()) / 1e6;
      const snapshots = await heapMeter.workerSnapshots();
      const snapshotsMb = (snapshots?.bytes ?? 0) / 1e6;
      const rendererMb = rendererRssBytes(marker) / 1e6;
      const { trips, generations, ...held } = (await page.evaluate(HELD_BY_PAGE_SOURCE)) as {
        trips: number;
        generations: number;
        tripsMb: number;
        ledgerMb: number;
        checkpointsMb: number;
        kpiHistoryMb: number;
        channelRestMb: number;
      };
      await page.evaluate(() => {
        const store = window.parcelscope?.store;
        store?.setState({ playback: { ...store.getState().playback, playing: true } });
      });
      const heldMb =
        held.tripsMb + held.ledgerMb + held.checkpointsMb + held.kpiHistoryMb + held.channelRestMb;
      const reading: Reading = {
        wallMinute: (Date.now() - startedMs) / 60_000,
        simDay,
        pageMb,
        pageJsMb: pageUsage.usedSize / 1e6,
        pageBuffersMb: pageUsage.backingStorageSize / 1e6,
        ...held,
        pageRestMb: pageMb - heldMb,
        pageWithoutTripsMb: pageMb - held.tripsMb,
        workerMb,
        workerOwnMb: workerMb - snapshotsMb,
        rendererMb,
      };
      readings.push(reading);
      console.log(
        `  wall ${reading.wallMinute.toFixed(1).padStart(4)} min, sim day ${simDay.toFixed(2)}: page ${pageMb.toFixed(1)} MB (JS heap ${reading.pageJsMb.toFixed(1)}, buffers ${reading.pageBuffersMb.toFixed(1)}; trips ${held.tripsMb.toFixed(1)} in ${trips} trips, ${generations} generations, ledger ${held.ledgerMb.toFixed(2)}, checkpoints ${held.checkpointsMb.toFixed(1)}, KPI history ${held.kpiHistoryMb.toFixed(2)}, channel ${held.channelRestMb.toFixed(1)}, the rest ${reading.pageRestMb.toFixed(1)}), worker ${workerMb.toFixed(1)} MB (snapshots ${snapshotsMb.toFixed(1)} MB in ${snapshots?.count ?? '?'}), renderer resident ${rendererMb.toFixed(0)} MB; at mid-day in flight ${traffic.messages[0]}-${traffic.messages[1]} messages, ${traffic.mb[0].toFixed(1)}-${traffic.mb[1].toFixed(1)} MB, longest trips wait ${traffic.tripWaitMaxMs.toFixed(0)} ms`,
      );
    }
    console.log(`  worker recoveries ${await page.evaluate(() => window.parcelscope?.perfStats.recoveries)}`);
    reportGrowth(readings.filter((reading) => reading.wallMinute >= 2));
  } finally {
    await browser.close();
    await server.close();
  }
}

type Figure = Exclude<keyof Reading, 'wallMinute' | 'simDay'>;

/**
 * Growth over the steady readings (from wall minute 2): the mean of the first week's against
 * the last week's (weekends order fewer parcels, so whole weeks), and the least-squares slope
 * per sim day; with fewer than two weeks, the first and last three days.
 */
function reportGrowth(readings: Reading[]): void {
  if (readings.length < 6) {
    console.log(`  ${readings.length} readings from minute 2: too few for a trend`);
    return;
  }
  const span = readings.length >= 14 ? 7 : 3;
  const mean = (from: number, key: Figure) =>
    readings.slice(from, from + span).reduce((sum, reading) => sum + reading[key], 0) / span;
  const slopePerDay = (key: Figure) => {
    const meanDay = readings.reduce((sum, reading) => sum + reading.simDay, 0) / readings.length;
    const meanValue = readings.reduce((sum, reading) => sum + reading[key], 0) / readings.length;
    let covariance = 0;
    let variance = 0;
    for (const reading of readings) {
      covariance += (reading.simDay - meanDay) * (reading[key] - meanValue);
      variance += (reading.simDay - meanDay) ** 2;
    }
    return covariance / variance;
  };
  const figures: Array<[Figure, string]> = [
    ['pageMb', 'page'],
    ['pageJsMb', 'page JS heap'],
    ['pageBuffersMb', 'page array buffers'],
    ['pageWithoutTripsMb', 'page without its trip store'],
    ['tripsMb', 'trip store'],
    ['ledgerMb', 'trip ledger'],
    ['checkpointsMb', 'checkpoints'],
    ['kpiHistoryMb', 'KPI history'],
    ['channelRestMb', 'channel A otherwise'],
    ['pageRestMb', 'page otherwise'],
    ['workerMb', 'worker'],
    ['workerOwnMb', 'worker without its snapshots'],
    ['rendererMb', 'renderer resident'],
  ];
  const last = readings.length - span;
  console.log(
    `  ${readings.length} readings from minute 2 (sim days ${readings[0].simDay.toFixed(1)}-${readings[readings.length - 1].simDay.toFixed(1)}); means of the first ${span} days -> the last ${span}, and the slope:`,
  );
  for (const [key, name] of figures) {
    const first = mean(0, key);
    const end = mean(last, key);
    console.log(
      `    ${name}: ${first.toFixed(2)} -> ${end.toFixed(2)} MB (${(((end - first) / first) * 100).toFixed(1)}%), ${slopePerDay(key) >= 0 ? '+' : ''}${slopePerDay(key).toFixed(3)} MB a sim day`,
    );
  }
}

export async function run(): Promise<void> {
  if (!process.argv.includes('--page-only')) runNode();
  if (!process.argv.includes('--node-only')) await runPage();
}
