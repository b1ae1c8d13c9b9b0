/**
 * Where the page's main thread spends the time between the network built and the first trips
 * drawn on the default link (headless Chromium, SwiftShader): a CPU profile of the main thread
 * from navigation, its samples in that window summed by function (self time) and by the top of
 * our own stack. `tsx scripts/startProfile.ts [dist] [opens]` (dist/ by default).
 */
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { getLaunchOptions } from '../tests/e2e/browser';
import { waitForTripsDrawn, waitForWarmStart } from './bench/page';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  parent?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const outDir = process.argv[2] ?? 'dist';
const opens = Number(process.argv[3] ?? 1);
const server = await preview({
  build: { outDir },
  preview: { port: 0, host: '127.0.0.1' },
  logLevel: 'error',
});
const url = server.resolvedUrls?.local[0] ?? '';
const browser = await chromium.launch(getLaunchOptions('swiftshader'));
try {
  for (let open = 0; open < opens; open++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const session = await context.newCDPSession(page);
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 1000 });
    await session.send('Profiler.start');
    // Every animation frame's start, to see whether frames come while the main thread idles.
    await page.addInitScript(`(() => {
      window.__frames = [];
      const tick = (t) => { window.__frames.push(Math.round(t)); requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    // performance.timeOrigin of the page, to place samples (profile times are monotonic µs).
    await page.goto(url);
    await waitForWarmStart(page);
    await waitForTripsDrawn(page);
    const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: Profile };
    const stats = (await page.evaluate(`(() => {
      const s = window.parcelscope.perfStats;
      return { built: s.networkBuiltMs, handled: s.firstTripsMs, drawn: s.firstTripsDrawnMs, history: s.historyShownMs, opened: s.warmStartOpenedMs, nowMs: performance.now(), frames: window.__frames };
    })()`)) as {
      built: number;
      handled: number;
      drawn: number;
      history: number;
      opened: number;
      nowMs: number;
      frames: number[];
    };
    // The profile's end is about now: place sample times on the page's clock from there.
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    for (const node of profile.nodes)
      for (const child of node.children ?? []) {
        const c = byId.get(child);
        if (c) c.parent = node.id;
      }
    let t = profile.startTime;
    const times: number[] = [];
    for (const delta of profile.timeDeltas) {
      t += delta;
      times.push(t);
    }
    const endUs = times[times.length - 1];
    const toPageMs = (us: number) => stats.nowMs - (endUs - us) / 1000;
    const windows: Array<[string, number, number]> = [
      ['built -> handled', stats.built, stats.handled],
      ['handled -> drawn', stats.handled, stats.drawn],
      ['drawn -> warm start open', stats.drawn, stats.opened],
    ];
    console.log(
      `open ${open + 1}: built ${Math.round(stats.built)}, handled +${Math.round(stats.handled - stats.built)}, drawn +${Math.round(stats.drawn - stats.built)}, history ${Math.round(stats.history)}, open ${Math.round(stats.opened)}`,
    );
    console.log(
      `  animation frames from built to drawn: ${stats.frames.filter((at) => at >= stats.built - 200 && at <= stats.drawn + 200).join(' ')}`,
    );
    for (const [label, fromMs, toMs] of windows) {
      const self = new Map<string, number>();
      const ours = new Map<string, number>();
      let total = 0;
      profile.samples.forEach((id, index) => {
        const at = toPageMs(times[index]);
        if (at < fromMs || at >= toMs) return;
        const ms = (profile.timeDeltas[index + 1] ?? 1000) / 1000;
        total += ms;
        const node = byId.get(id);
        if (!node) return;
        const name = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`;
        self.set(name, (self.get(name) ?? 0) + ms);
        // The stack as names, root first, for the deepest frames that matter.
        const stack: string[] = [];
        for (let n: ProfileNode | undefined = node; n; n = n.parent ? byId.get(n.parent) : undefined)
          if (n.callFrame.functionName) stack.push(n.callFrame.functionName);
        const key = stack.slice(0, 6).reverse().join(' > ') || name;
        ours.set(key, (ours.get(key) ?? 0) + ms);
      });
      console.log(`  ${label}: ${Math.round(toMs - fromMs)} ms wall, ${Math.round(total)} ms sampled`);
      for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 14))
        console.log(`    self ${ms.toFixed(0).padStart(5)} ms  ${name}`);
      for (const [name, ms] of [...ours].sort((a, b) => b[1] - a[1]).slice(0, 10))
        console.log(`    stack ${ms.toFixed(0).padStart(5)} ms  ${name}`);
    }
    writeFileSync(`/tmp/start-profile-${open + 1}.cpuprofile`, JSON.stringify(profile));
    writeFileSync(`/tmp/start-profile-${open + 1}.json`, JSON.stringify({ ...stats, profileEndUs: endUs }));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
