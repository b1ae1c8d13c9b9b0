/**
 * Long runs: 30 sim days of the default scenario in Node (memory after a full GC from day 2 on,
 * every parcel accounted for each day), then 10 wall minutes of 3,600x playback of the default
 * scenario in headless Chromium (the page's and the worker's JS heap and array buffers after a GC,
 * once a minute).
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
 * Memory held by the page's and its worker's JavaScript after a full collection: the JS heap plus
 * the backing stores of array buffers (the trips, checkpoints and KPI columns are typed arrays,
 * which `performance.memory` leaves out, and a worker has no `performance.memory` at all). Read
 * over the DevTools protocol: the page's own session, and the worker's through the page's
 * auto-attach, answered as target messages.
 */
/**
 * Megabytes of typed arrays the map's trip store and door-stop ledger hold, walked in the page
 * (a string: tsx's helpers do not exist there).
 */
const HELD_BY_MAP_SOURCE = `(() => {
  const seen = new Set();
  const bytesOf = (value, depth) => {
    if (!value || typeof value !== 'object' || seen.has(value) || depth > 6) return 0;
    seen.add(value);
    if (ArrayBuffer.isView(value)) return value.byteLength;
    let total = 0;
    for (const key of Object.keys(value)) total += bytesOf(value[key], depth + 1);
    return total;
  };
  const handle = window.parcelscope;
  return {
    tripsMb: bytesOf(handle && handle.tripStore, 0) / 1e6,
    ledgerMb: bytesOf(handle && handle.tripLedger, 0) / 1e6,
  };
})()`;

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
  async pageBytes(): Promise<number> {
    await this.client.send('HeapProfiler.collectGarbage');
    await settle();
    await this.client.send('HeapProfiler.collectGarbage');
    return heldBytes(await this.client.send('Runtime.getHeapUsage'));
  }

  /** Bytes held by the worker's JavaScript after a full collection (-1 without a worker). */
  async workerBytes(): Promise<number> {
    if (!this.workerSessionId) return -1;
    await this.sendToWorker('HeapProfiler.collectGarbage');
    await settle();
    await this.sendToWorker('HeapProfiler.collectGarbage');
    return heldBytes(await this.sendToWorker('Runtime.getHeapUsage'));
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
    console.log(`\nPage: the default scenario at 3,600x for ${PAGE_MINUTES} wall minutes (vehicles hidden)`);
    const rows: Array<{
      minute: number;
      simDay: number;
      pageMb: number;
      /** The page without its trip store and trip ledger. */
      pageRestMb: number;
      workerMb: number;
      /** The worker without the snapshots it keeps for scrubbing. */
      workerOwnMb: number;
      rendererMb: number;
    }> = [];
    for (let minute = 0; minute <= PAGE_MINUTES; minute++) {
      if (minute > 0) await page.waitForTimeout(60_000);
      const simDay = await page.evaluate(() => (window.parcelscope?.displayClock.timeS ?? 0) / 86_400);
      const pageMb = (await heapMeter.pageBytes()) / 1e6;
      const workerMb = (await heapMeter.workerBytes()) / 1e6;
      const snapshots = await heapMeter.workerSnapshots();
      const snapshotsMb = (snapshots?.bytes ?? 0) / 1e6;
      const workerOwnMb = workerMb - snapshotsMb;
      const rendererMb = rendererRssBytes(marker) / 1e6;
      const held = (await page.evaluate(HELD_BY_MAP_SOURCE)) as { tripsMb: number; ledgerMb: number };
      const pageRestMb = pageMb - held.tripsMb - held.ledgerMb;
      rows.push({ minute, simDay, pageMb, pageRestMb, workerMb, workerOwnMb, rendererMb });
      console.log(
        `  minute ${String(minute).padStart(2)}: sim day ${simDay.toFixed(2)}, page ${pageMb.toFixed(1)} MB, worker ${workerMb.toFixed(1)} MB (snapshots ${snapshotsMb.toFixed(1)} MB in ${snapshots?.count ?? '?'}, the rest ${workerOwnMb.toFixed(1)} MB), renderer resident ${rendererMb.toFixed(0)} MB (of the page: trips ${held.tripsMb.toFixed(1)} MB, door-stop ledger ${held.ledgerMb.toFixed(1)} MB, the rest ${pageRestMb.toFixed(1)} MB)`,
      );
    }
    type Figure = 'pageMb' | 'pageRestMb' | 'workerMb' | 'workerOwnMb' | 'rendererMb';
    const base = rows[Math.min(2, rows.length - 1)];
    const growth = (key: Figure) =>
      `${(((rows[rows.length - 1][key] - base[key]) / base[key]) * 100).toFixed(1)}%`;
    console.log(
      `  growth from minute 2: page ${growth('pageMb')}, worker ${growth('workerMb')} (without its snapshots ${growth('workerOwnMb')}), renderer resident ${growth('rendererMb')}; worker recoveries ${await page.evaluate(() => window.parcelscope?.perfStats.recoveries)}`,
    );
    // A single reading holds whatever snapshots the worker keeps at that moment (12-15 MB each,
    // their number changing with its lead on the display): the means of three minutes at each end.
    if (rows.length >= 9) {
      const mean = (from: number, key: Figure) =>
        (rows[from][key] + rows[from + 1][key] + rows[from + 2][key]) / 3;
      const meanGrowth = (key: Figure) =>
        `${mean(2, key).toFixed(1)} -> ${mean(rows.length - 3, key).toFixed(1)} MB (${(((mean(rows.length - 3, key) - mean(2, key)) / mean(2, key)) * 100).toFixed(1)}%)`;
      console.log(
        `  minutes 2-4 -> last 3, means: page ${meanGrowth('pageMb')} (without trips and ledger ${meanGrowth('pageRestMb')}), worker ${meanGrowth('workerMb')}, worker without its snapshots ${meanGrowth('workerOwnMb')}`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

export async function run(): Promise<void> {
  if (!process.argv.includes('--page-only')) runNode();
  if (!process.argv.includes('--node-only')) await runPage();
}
