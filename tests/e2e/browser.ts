/**
 * Finds and launches Chromium for the end-to-end suite, and opens the app with two guards: every
 * request that leaves localhost is blocked and recorded, and every console error is recorded.
 * Each test ends with `assertClean()`, so an escaped request or a console error fails it.
 */
import { existsSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** PARCELSCOPE_CHROMIUM (or CHROME_PATH), then the usual install places. Never skips silently. */
export function findChromium(): string {
  const fromEnv = process.env.PARCELSCOPE_CHROMIUM || process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`PARCELSCOPE_CHROMIUM=${fromEnv} does not exist.`);
    return fromEnv;
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      'No Chromium found for the e2e tests: install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set PARCELSCOPE_CHROMIUM=/path/to/chromium.',
    );
  }
  return found;
}

/**
 * Mesa's llvmpipe, where installed: Chromium's ANGLE draws WebGL with it through EGL
 * (`--use-angle=gl-egl`). Like SwiftShader it draws on the CPU, but it takes about half the
 * graphics process's CPU to open the app (small network, 1280x720: 6-9 s against 15-19 s a page
 * open, 3 pages each in two alternating rounds), and Mesa keeps compiled shaders on disk
 * (~/.cache/mesa_shader_cache), so the suite's later pages compile fewer.
 */
const MESA_SOFTWARE_DRIVERS = [
  '/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so',
  '/usr/lib/aarch64-linux-gnu/dri/swrast_dri.so',
  '/usr/lib64/dri/swrast_dri.so',
  '/usr/lib/dri/swrast_dri.so',
];

/** The software WebGL the suite draws with: `PARCELSCOPE_WEBGL` if set, else llvmpipe where Mesa has it. */
export function getSoftwareWebgl(): 'llvmpipe' | 'swiftshader' {
  const fromEnv = process.env.PARCELSCOPE_WEBGL;
  if (fromEnv === 'llvmpipe' || fromEnv === 'swiftshader') return fromEnv;
  if (fromEnv) throw new Error(`PARCELSCOPE_WEBGL=${fromEnv}: expected llvmpipe or swiftshader.`);
  return MESA_SOFTWARE_DRIVERS.some((path) => existsSync(path)) ? 'llvmpipe' : 'swiftshader';
}

/**
 * How the suite's Chromium is launched: once, by globalSetup, which every test file connects to.
 * `webgl`: the software renderer (the page benchmarks pass `swiftshader`, the renderer their
 * recorded figures were taken on).
 */
export function getLaunchOptions(webgl = getSoftwareWebgl()) {
  return {
    executablePath: findChromium(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // WebGL in software where there is no GPU, as on CI: the page tells either renderer from
      // its name and draws lighter (src/map/softwareWebgl.ts).
      webgl === 'llvmpipe' ? '--use-angle=gl-egl' : '--use-angle=swiftshader',
      // SwiftShader also stands in should the GL driver fail to start.
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
    ],
  };
}

/**
 * The suite's browser: a connection to the one globalSetup started (so each file does not pay
 * for starting Chromium and its GPU process again), or a browser of its own outside the suite.
 * `close()` on a connection closes this file's pages and leaves the browser to the next file.
 */
export async function launchBrowser(): Promise<Browser> {
  const endpoint = inject('browserWsEndpoint');
  return endpoint ? chromium.connect(endpoint) : chromium.launch(getLaunchOptions());
}

export interface GuardedPage {
  page: Page;
  /** Requests that tried to leave localhost (blocked). */
  escapedRequests: string[];
  consoleErrors: string[];
  /** Throws, naming each, if any request escaped or any console error was logged. */
  assertClean(): void;
  /** Saves a screenshot under test-results/ and returns its path. */
  screenshot(name: string): Promise<string>;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

/** Opens the built app (served by globalSetup) at `query`, in a 1280x720 viewport unless told. */
export async function openApp(
  browser: Browser,
  query = '',
  viewport = { width: 1280, height: 720 },
  /** Routes of the test's own (they take precedence over the guard's), set before the page opens. */
  routeRequests?: (context: BrowserContext) => Promise<unknown>,
): Promise<GuardedPage> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const escapedRequests: string[] = [];
  const consoleErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (
      (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:') &&
      !LOCAL_HOSTS.has(url.hostname)
    ) {
      escapedRequests.push(url.href);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  await routeRequests?.(context);
  page.on('console', (message) => {
    // The guard's own aborts show up as console errors; they are counted in escapedRequests.
    if (message.type() === 'error' && !message.text().includes('ERR_BLOCKED_BY_CLIENT')) {
      consoleErrors.push(message.text());
    }
  });
  page.on('pageerror', (error) => consoleErrors.push(`Uncaught: ${error.message}`));
  const baseUrl = inject('baseUrl');
  await page.goto(`${baseUrl}/${query}`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    page,
    escapedRequests,
    consoleErrors,
    assertClean() {
      const problems = [
        ...escapedRequests.map((url) => `request left localhost: ${url}`),
        ...consoleErrors.map((text) => `console error: ${text}`),
      ];
      if (problems.length > 0)
        throw new Error(`Expected no outside requests and no console errors, got:\n${problems.join('\n')}`);
    },
    async screenshot(name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, timeout: 90_000 });
      return path;
    },
  };
}

/** Waits until the worker reports the model ready. */
export async function waitForModelReady(page: Page, timeoutMs = 120_000): Promise<void> {
  await page
    .getByTestId('worker-status')
    .filter({ hasText: 'Model running' })
    .waitFor({ timeout: timeoutMs });
}

/** Waits until maplibre has drawn the basemap once (the map container's data-map-ready). */
export async function waitForMapReady(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('[data-testid="map"][data-map-ready="true"]').waitFor({ timeout: timeoutMs });
}

/**
 * Switches every vehicle layer off, as the legend does. Tests about panels and scenarios use it:
 * software WebGL spends seconds per frame on thousands of trails, which starves the page's loop.
 */
/** Scenario A's KPI `name`, hour by hour, as the page's charts hold it. */
export function readHourlyKpi(page: Page, name: string): Promise<number[]> {
  return page.evaluate((kpi) => {
    const history = window.parcelscope?.kpiHistory;
    if (!history) return [];
    const column = history.names.indexOf(kpi);
    return Array.from(
      { length: history.hours },
      (_, hour) => history.rows[hour * history.names.length + column],
    );
  }, name);
}

export async function hideVehicles(page: Page): Promise<void> {
  await page.evaluate(() => {
    const store = window.parcelscope?.store;
    store?.setState({
      layers: { ...store.getState().layers, vehicles: [false, false, false, false, false] },
    });
  });
}

/** The sim time of the tick the page shows (-1 before the first). */
export function tickTime(page: Page): Promise<number> {
  return page.evaluate(() => window.parcelscope?.simView.currentTick?.timeS ?? -1);
}

/**
 * Waits until the page shows the tick at `timeS` (a link's or a seek's time). Polled in the page,
 * so it also serves a beforeAll that opens a page shared by several tests (expect.poll is for tests).
 */
export async function waitForTickAt(page: Page, timeS: number): Promise<void> {
  try {
    await page.waitForFunction((at) => window.parcelscope?.simView.currentTick?.timeS === at, timeS, {
      timeout: 120_000,
      polling: 100,
    });
  } catch (error) {
    throw new Error(
      `Expected the page to show the tick at ${timeS} s; it shows ${await tickTime(page)} s (${(error as Error).message})`,
    );
  }
}

/** Waits until the page's frame loop has run `count` more frames (a condition, not a sleep). */
export async function waitForFrames(page: Page, count: number): Promise<void> {
  const start = await page.evaluate(() => window.parcelscope?.perfStats.frames ?? 0);
  await expect
    .poll(() => page.evaluate(() => window.parcelscope?.perfStats.frames ?? 0), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(start + count);
}

/** Waits until the page shows a tick other than the one it shows now (the run moved on). */
export async function waitForNextTick(page: Page): Promise<void> {
  const start = await tickTime(page);
  await expect.poll(() => tickTime(page), { timeout: 60_000 }).not.toBe(start);
}

/** What `readMapCanvas` counts on one of the map's canvases. */
export interface MapCanvasPixels {
  /** All the canvas's pixels. */
  pixels: number;
  /** Pixels drawn (not transparent). */
  drawn: number;
  /** Pixels that differ (alpha or red) from those a `keep` call stored; 0 while none are stored. */
  changed: number;
  /** The colour (r, g, b, a) at each of the `at` points, in order. */
  colors: Array<[number, number, number, number]>;
  /** Per `near` colour, the pixels near it; a pixel counts for the first colour it is near. */
  nearCounts: number[];
}

/**
 * Reads one of the map's canvases inside the page, since shipping a canvas's millions of numbers
 * over the devtools protocol takes longer than a test: `deck` (the default), deck.gl's layers, or
 * `basemap`, MapLibre's canvas under them. `keep` stores this call's pixels in the page for later
 * calls to compare with. `at`: points (CSS pixels from the page's top left) whose colours to
 * return. `near`: colours (r, g, b) to count the pixels of, each within a tolerance (the sum of
 * the three channels' differences). Null when the map has no such canvas, or when the canvas
 * carries the property `unlessMarked` (a test's mark on a canvas it waits to see replaced).
 */
export function readMapCanvas(
  page: Page,
  options: {
    canvas?: 'deck' | 'basemap';
    keep?: boolean;
    unlessMarked?: string;
    at?: Array<{ x: number; y: number }>;
    near?: Array<{ rgb: readonly number[]; tolerance: number }>;
  } = {},
): Promise<MapCanvasPixels | null> {
  return page.evaluate(({ canvas = 'deck', keep = false, unlessMarked = '', at = [], near = [] }) => {
    const source = [...document.querySelectorAll<HTMLCanvasElement>('[data-testid="map"] canvas')].find(
      (candidate) => candidate.classList.contains('maplibregl-canvas') === (canvas === 'basemap'),
    );
    if (!source || (unlessMarked && unlessMarked in source)) return null;
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const context = copy.getContext('2d');
    if (!context) return null;
    context.drawImage(source, 0, 0);
    const pixels = context.getImageData(0, 0, copy.width, copy.height).data;
    const holder = window as unknown as { keptMapPixels?: Uint8ClampedArray };
    const kept = holder.keptMapPixels;
    let drawn = 0;
    let changed = 0;
    const nearCounts = near.map(() => 0);
    for (let index = 0; index < pixels.length; index += 4) {
      if (pixels[index + 3] > 0) drawn++;
      if (kept && (pixels[index + 3] !== kept[index + 3] || pixels[index] !== kept[index])) changed++;
      for (let color = 0; color < near.length; color++) {
        const { rgb, tolerance } = near[color];
        const distance =
          Math.abs(pixels[index] - rgb[0]) +
          Math.abs(pixels[index + 1] - rgb[1]) +
          Math.abs(pixels[index + 2] - rgb[2]);
        if (distance <= tolerance) {
          nearCounts[color]++;
          break;
        }
      }
    }
    if (keep) holder.keptMapPixels = pixels;
    const box = source.getBoundingClientRect();
    const colors = at.map(({ x, y }) => {
      const column = Math.round(((x - box.left) * copy.width) / box.width);
      const row = Math.round(((y - box.top) * copy.height) / box.height);
      if (column < 0 || row < 0 || column >= copy.width || row >= copy.height) return [0, 0, 0, 0];
      const index = (row * copy.width + column) * 4;
      return [pixels[index], pixels[index + 1], pixels[index + 2], pixels[index + 3]];
    }) as Array<[number, number, number, number]>;
    return { pixels: pixels.length / 4, drawn, changed, colors, nearCounts };
  }, options);
}

/**
 * Fails, naming both boxes, if two shown elements (by test id) overlap: a card over another card
 * or over the map's notes hides what a presenter needs to read. Both must be showing.
 */
export async function expectBoxesApart(
  page: Page,
  firstId: string,
  secondId: string,
  where: string,
): Promise<void> {
  const first = await page.getByTestId(firstId).boundingBox();
  const second = await page.getByTestId(secondId).boundingBox();
  expect(first, `${firstId} shown ${where}`).not.toBeNull();
  expect(second, `${secondId} shown ${where}`).not.toBeNull();
  if (!first || !second) return;
  const overlap =
    first.x < second.x + second.width &&
    second.x < first.x + first.width &&
    first.y < second.y + second.height &&
    second.y < first.y + first.height;
  const show = (box: typeof first) =>
    `x ${Math.round(box.x)}..${Math.round(box.x + box.width)}, y ${Math.round(box.y)}..${Math.round(box.y + box.height)}`;
  expect(overlap, `${firstId} (${show(first)}) and ${secondId} (${show(second)}) overlap ${where}`).toBe(
    false,
  );
}

/**
 * Fails, naming the boxes, unless the shown element (by test id) lies whole inside the window and
 * inside every box around it that clips (a card that scrolls): a status line a card cut off at
 * its bottom edge is there in the page but not read.
 */
export async function expectShownWhole(page: Page, testId: string, where: string): Promise<void> {
  const found = await page.getByTestId(testId).evaluate((element) => {
    const show = (box: DOMRect) =>
      `x ${Math.round(box.left)}..${Math.round(box.right)}, y ${Math.round(box.top)}..${Math.round(box.bottom)}`;
    const box = element.getBoundingClientRect();
    const problems: string[] = [];
    if (box.width === 0 || box.height === 0) problems.push('it has no size');
    const within = (outer: { left: number; right: number; top: number; bottom: number }) =>
      box.left >= outer.left - 1 &&
      box.right <= outer.right + 1 &&
      box.top >= outer.top - 1 &&
      box.bottom <= outer.bottom + 1;
    if (!within({ left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight }))
      problems.push(`outside the ${window.innerWidth}x${window.innerHeight} window`);
    for (let outer = element.parentElement; outer; outer = outer.parentElement) {
      if (getComputedStyle(outer).overflow === 'visible') continue;
      const outerBox = outer.getBoundingClientRect();
      if (!within(outerBox))
        problems.push(
          `cut off by ${outer.getAttribute('data-testid') ?? outer.className} (${show(outerBox)})`,
        );
    }
    return { box: show(box), problems };
  });
  expect(found.problems, `${testId} (${found.box}) shown whole ${where}`).toEqual([]);
}

/**
 * Fails, naming what it found, unless a card whose body scrolls (by the card's test id; MapCard
 * gives its body `${testId}-body`) says there is more below: its body is marked and faded while
 * content lies below its edge, Tab through its controls shows each one clear of the fade, and
 * scrolled to its end the mark and the fade are gone. Leaves the body scrolled to its top.
 */
export async function expectMoreBelowHint(page: Page, cardTestId: string, where: string): Promise<void> {
  const body = page.getByTestId(`${cardTestId}-body`);
  const read = () =>
    body.evaluate((element) => ({
      scrollHeight: element.scrollHeight,
      clientHeight: element.clientHeight,
      marked: element.hasAttribute('data-more-below'),
      mask: getComputedStyle(element).maskImage,
    }));
  await body.evaluate((element) => {
    element.scrollTop = 0;
  });
  const top = await read();
  expect(
    top.scrollHeight,
    `${cardTestId}'s body scrolls ${where} (its content's height, px, against its own)`,
  ).toBeGreaterThan(top.clientHeight + 1);
  expect(
    { marked: top.marked, faded: top.mask !== 'none' },
    `${cardTestId} at its top ${where}, more below (mask ${top.mask})`,
  ).toEqual({ marked: true, faded: true });

  // Tab from the body's first control to its last: each one it lands on is shown clear of the
  // fade (the fade's strip counts only while there is more below).
  await body.evaluate((element) => {
    element.querySelector<HTMLElement>('input, select, button, textarea, a[href]')?.focus();
  });
  const hidden: string[] = [];
  for (let step = 0; step < 40; step += 1) {
    const stop = await body.evaluate((element) => {
      const active = document.activeElement;
      if (!(active instanceof HTMLElement) || !element.contains(active)) return null;
      const box = active.getBoundingClientRect();
      const outer = element.getBoundingClientRect();
      const fadePx = element.hasAttribute('data-more-below')
        ? Number.parseFloat(getComputedStyle(element).scrollPaddingBottom) || 0
        : 0;
      const clear = box.top >= outer.top - 1 && box.bottom <= outer.bottom - fadePx + 1;
      const name =
        active.getAttribute('data-testid') ?? active.getAttribute('aria-label') ?? active.outerHTML;
      return {
        name: name.slice(0, 60),
        clear,
        box: `y ${Math.round(box.top)}..${Math.round(box.bottom)}`,
        outer: `y ${Math.round(outer.top)}..${Math.round(outer.bottom - fadePx)}`,
      };
    });
    if (!stop) break;
    if (!stop.clear) hidden.push(`${stop.name} at ${stop.box}, clear area ${stop.outer}`);
    await page.keyboard.press('Tab');
  }
  expect(hidden, `controls Tab lands on in ${cardTestId} that lie under its fade or edge ${where}`).toEqual(
    [],
  );

  await body.evaluate((element) => {
    element.scrollTop = element.scrollHeight;
  });
  await expect
    .poll(
      async () => {
        const end = await read();
        return { marked: end.marked, faded: end.mask !== 'none' };
      },
      { message: `${cardTestId} scrolled to its end ${where}: no mark, no fade` },
    )
    .toEqual({ marked: false, faded: false });
  await body.evaluate((element) => {
    element.scrollTop = 0;
  });
}
