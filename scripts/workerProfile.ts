/**
 * Where the model's worker spends a minute of play in the page: opens the built app in headless
 * Chromium (SwiftShader) at `query` (default the real network at 600x), waits for the warm start,
 * then records CPU profiles of the worker and of the page's main thread over `seconds` of play.
 * Prints the display clock's rate, the worker's idle share second by second (a worker idle while
 * the clock is below the chosen speed waits on the page, not on the model) and its busiest
 * functions. The profiles go to `out` for DevTools.
 *
 * `tsx scripts/workerProfile.ts [query] [out] [seconds]`, after `vite build`; at full scale the
 * warm start takes a minute or two of a core.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { getLaunchOptions } from '../tests/e2e/browser';
import { startPreviewServer } from '../tests/e2e/previewServer';
import { waitForWarmStart } from './bench/page';
import { connectToModelWorker } from './bench/workerSession';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const query = process.argv[2] ?? 'scale=1&speed=600';
const outDir = process.argv[3] ?? 'bench/profiles';
const playMs = 1000 * Number(process.argv[4] ?? 60);

/** Per wall second of the profile, the share of samples in which the thread was idle, %. */
function getIdleBySecond(profile: Profile): number[] {
  const nameOf = new Map(profile.nodes.map((node) => [node.id, node.callFrame.functionName]));
  const idle: number[] = [];
  const all: number[] = [];
  let atUs = 0;
  profile.samples.forEach((node, k) => {
    atUs += profile.timeDeltas[k];
    const second = Math.floor(atUs / 1e6);
    all[second] = (all[second] ?? 0) + profile.timeDeltas[k];
    if (nameOf.get(node) === '(idle)') idle[second] = (idle[second] ?? 0) + profile.timeDeltas[k];
  });
  return all.map((us, second) => Math.round((100 * (idle[second] ?? 0)) / Math.max(1, us)));
}

/** The functions with the most samples of their own, seconds. */
function getBusiest(profile: Profile, count: number): Array<[string, number]> {
  const nameOf = new Map(
    profile.nodes.map((node) => [node.id, node.callFrame.functionName || '(anonymous)']),
  );
  const selfUs = new Map<string, number>();
  profile.samples.forEach((node, k) => {
    const name = nameOf.get(node) ?? '?';
    selfUs.set(name, (selfUs.get(name) ?? 0) + profile.timeDeltas[k]);
  });
  return [...selfUs]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => [name, us / 1e6]);
}

const server = await startPreviewServer('error');
const browser = await chromium.launch(getLaunchOptions('swiftshader'));
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const openedMs = Date.now();
  await page.goto(`${server.baseUrl}/?${query}`);
  const pageSession = await page.context().newCDPSession(page);
  const browserSession = await browser.newBrowserCDPSession();
  await page.waitForFunction(() => (window.parcelscope?.perfStats.warmStartOpenedMs ?? -1) > 0, null, {
    timeout: 60 * 60_000,
    polling: 1000,
  });
  await waitForWarmStart(page);
  console.log(`warm start open after ${((Date.now() - openedMs) / 1000).toFixed(1)} s`);
  const sendToWorker = await connectToModelWorker(browserSession);
  for (const send of [
    sendToWorker,
    (method: string, params?: object) => pageSession.send(method as 'Profiler.enable', params),
  ]) {
    await send('Profiler.enable');
    await send('Profiler.setSamplingInterval', { interval: 1000 });
  }
  const readClockS = () => page.evaluate(() => window.parcelscope?.displayClock.timeS ?? 0);
  const startClockS = await readClockS();
  await sendToWorker('Profiler.start');
  await pageSession.send('Profiler.start');
  const startMs = Date.now();
  await page.waitForTimeout(playMs);
  const clockRate = ((await readClockS()) - startClockS) / ((Date.now() - startMs) / 1000);
  const { profile: workerProfile } = await sendToWorker<{ profile: Profile }>('Profiler.stop');
  const { profile: mainProfile } = (await pageSession.send('Profiler.stop')) as unknown as {
    profile: Profile;
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'worker.cpuprofile'), JSON.stringify(workerProfile));
  writeFileSync(join(outDir, 'main.cpuprofile'), JSON.stringify(mainProfile));
  const mean = (shares: number[]) =>
    shares.reduce((sum, share) => sum + share, 0) / Math.max(1, shares.length);
  const workerIdle = getIdleBySecond(workerProfile);
  console.log(`clock: ${clockRate.toFixed(0)} sim s per wall s`);
  console.log(`worker idle: ${mean(workerIdle).toFixed(1)}% (by second: ${workerIdle.join(' ')})`);
  console.log(`main thread idle: ${mean(getIdleBySecond(mainProfile)).toFixed(1)}%`);
  for (const [name, seconds] of getBusiest(workerProfile, 15))
    console.log(`${seconds.toFixed(2)} s  ${name}`);
  console.log(`profiles: ${outDir}/worker.cpuprofile, ${outDir}/main.cpuprofile`);
  console.log(await page.evaluate(() => JSON.stringify(window.parcelscope?.perfStats)));
} finally {
  await browser.close();
  await server.close();
}
