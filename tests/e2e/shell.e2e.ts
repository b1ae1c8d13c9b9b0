/**
 * The foundation as a newcomer meets it: the built app opens on an offline US basemap with state
 * outlines and metro labels, the worker reports ready, keyboard shortcuts work whatever has
 * focus, bad input and worker faults become messages in the page, and nothing leaves localhost.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type GuardedPage,
  hideVehicles,
  launchBrowser,
  openApp,
  readMapCanvas,
  waitForMapReady,
  waitForModelReady,
} from './browser';
import { BASEMAP_COLORS } from '../../src/map/offlineStyle';
import { WARM_START_S } from '../../src/state/urlState';
import { packValue } from '../../src/worker/packedValue';
import { WARM_STATE_FORMAT } from '../../src/worker/warmState';

/**
 * A small network, for the tests that do not look at the default scenario itself, from midnight
 * on day 1 (they are not about the warm start, which would only cost them time).
 */
const SMALL = '?scale=0.002&fulfillmentCenterCount=20&sortationCenterCount=10&deliveryStationCount=150&t=0';
/** Completed sim hours before the default link's warm start (day 4 10:00). */
const WARM_START_HOURS = WARM_START_S / 3600;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * The header's controls as rows: the vertical centre of each control (the scenario line under
 * them aside) rounded to 4 px, and the header's height. One row holds every control.
 */
function readHeaderRows(page: Page): Promise<{ rows: number[]; labels: string[]; heightPx: number }> {
  return page.evaluate(() => {
    const header = document.querySelector('.app-header') as HTMLElement;
    const controls = Array.from(header.children).filter(
      (child) => !child.classList.contains('scenario-line'),
    ) as HTMLElement[];
    const centres = controls.map((control) => {
      const box = control.getBoundingClientRect();
      return Math.round((box.top + box.height / 2) / 4) * 4;
    });
    return {
      rows: [...new Set(centres)],
      labels: controls.map((control, index) => `${control.textContent?.slice(0, 20)} @${centres[index]}`),
      heightPx: header.getBoundingClientRect().height,
    };
  });
}

/**
 * The page's text that lies under the element `selector` shows (text inside it aside), each as
 * its first words and where its line starts: a message hung over the page must cover none.
 */
function readTextCoveredBy(page: Page, selector: string): Promise<{ box: string; covered: string[] }> {
  return page.evaluate((selector) => {
    const element = document.querySelector(selector);
    if (!element) return { box: 'not shown', covered: [] };
    const box = element.getBoundingClientRect();
    const covered: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const words = node.textContent?.trim();
      if (!words || element.contains(node)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const line of range.getClientRects()) {
        if (line.width === 0 || line.height === 0) continue;
        if (line.left < box.right && box.left < line.right && line.top < box.bottom && box.top < line.bottom)
          covered.push(`"${words.slice(0, 40)}" at x ${Math.round(line.left)}, y ${Math.round(line.top)}`);
      }
    }
    return {
      box: `x ${Math.round(box.left)}..${Math.round(box.right)}, y ${Math.round(box.top)}..${Math.round(box.bottom)}`,
      covered,
    };
  }, selector);
}

/**
 * Dismisses the page's notices (this page's bad ?style one): they lie over the map's top, where
 * the header's messages hang, and a person reads and closes them.
 */
async function dismissNotices(page: Page): Promise<void> {
  const dismiss = page.getByTestId('notices').getByRole('button', { name: 'Dismiss' });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
}

/** A message the page shows, where it lies and whether a person sees it. */
interface MessageBox {
  name: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
  /** Inside the window, and the topmost element at its middle is its own. */
  visible: boolean;
}

/**
 * Where each of `messages` (a name and a CSS selector) lies, read in one go: "Link copied" shows
 * for 2.5 s only. A message not shown is missing from the list.
 */
function readMessageBoxes(page: Page, messages: Record<string, string>): Promise<MessageBox[]> {
  return page.evaluate((messages) => {
    const boxes: MessageBox[] = [];
    for (const [name, selector] of Object.entries(messages)) {
      const element = document.querySelector(selector);
      if (!element) continue;
      const box = element.getBoundingClientRect();
      const onTop = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      const visible =
        box.width > 0 &&
        box.height > 0 &&
        box.left >= 0 &&
        box.top >= 0 &&
        box.right <= window.innerWidth &&
        box.bottom <= window.innerHeight &&
        onTop !== null &&
        element.contains(onTop);
      const { left, top, right, bottom } = box;
      boxes.push({ name, left, top, right, bottom, visible });
    }
    return boxes;
  }, messages);
}

/** The pairs of `boxes` that lie over one another, each as "a over b". */
function findOverlaps(boxes: MessageBox[]): string[] {
  const overlaps: string[] = [];
  for (const [index, a] of boxes.entries())
    for (const b of boxes.slice(index + 1))
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
        overlaps.push(`${a.name} over ${b.name}`);
  return overlaps;
}

function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** Every KPI's rows for the hours before the default link's start (days 1 to 3 and the morning). */
function readHoursBeforeStart(page: Page): Promise<Record<string, number[]>> {
  return page.evaluate((hours) => {
    const history = window.parcelscope?.kpiHistory;
    const out: Record<string, number[]> = {};
    for (const name of history?.names ?? []) out[name] = Array.from(history?.column(name, 0, hours) ?? []);
    return out;
  }, WARM_START_HOURS);
}

interface TripsPerFrame {
  frames: number;
  empty: number;
  first: number;
  most: number;
}

/** Counts the map's trips at every animation frame once the first were drawn (window.__tripsPerFrame). */
const COUNT_TRIPS_PER_FRAME = `(() => {
  const counts = { frames: 0, empty: 0, first: 0, most: 0 };
  window.__tripsPerFrame = counts;
  const count = () => {
    const handle = window.parcelscope;
    if (handle && handle.tripStore && handle.perfStats.firstTripsDrawnMs > 0) {
      let trips = 0;
      for (const generation of handle.tripStore.generations)
        for (const kind of generation.kinds) trips += kind.tripCount;
      if (counts.frames === 0) counts.first = trips;
      counts.frames++;
      if (trips === 0) counts.empty++;
      counts.most = Math.max(counts.most, trips);
    }
    requestAnimationFrame(count);
  };
  requestAnimationFrame(count);
})()`;

/** The hours the restored state brought (made in Node at build time), for the replay to match. */
let restoredHours: Record<string, number[]> | null = null;

describe('app shell on the offline basemap', () => {
  test('shows state outlines and metro labels, and the model reports ready, warm: day 4 at 10:00, a steady-state network, with history in every chart', async () => {
    // Every animation frame from the first trips drawn on: how many trips the map holds. The
    // opening's trips come ahead of the state, whose own trips replace them as it opens: in one
    // task, so no frame is left without vehicles.
    const app = await openApp(browser, '', undefined, (context) =>
      context.addInitScript(COUNT_TRIPS_PER_FRAME),
    );
    await waitForMapReady(app.page);
    await waitForModelReady(app.page);
    await app.page.waitForFunction(() => (window.parcelscope?.perfStats.warmStartOpenedMs ?? -1) > 0);
    const tripsPerFrame = () =>
      app.page.evaluate(() => (window as unknown as { __tripsPerFrame: TripsPerFrame }).__tripsPerFrame);
    await expect.poll(async () => (await tripsPerFrame()).frames, { timeout: 60_000 }).toBeGreaterThan(0);
    const { first } = await tripsPerFrame();
    // The state's trips (those leaving after the first half hour too) join the opening's.
    await expect.poll(async () => (await tripsPerFrame()).most, { timeout: 30_000 }).toBeGreaterThan(first);
    const frames = await tripsPerFrame();
    expect(frames.frames, 'frames counted from the first trips drawn').toBeGreaterThan(0);
    expect(frames.first, 'trips the first frame drew').toBeGreaterThan(0);
    expect(frames.empty, 'frames without trips since the first trips were drawn').toBe(0);
    await app.screenshot('shell-basemap');
    // The worker restored the build's precomputed state (src/worker/warmState.ts) instead of
    // replaying the 82 hours before: made by the same code, it is the state the replay ends in.
    expect(await app.page.evaluate(() => window.parcelscope?.perfStats.warmState)).toEqual({ used: true });
    restoredHours = await readHoursBeforeStart(app.page);
    // The checks below read the basemap, the charts and the network, not the vehicles, whose
    // thousands of trails at the default scale cost software WebGL seconds a frame.
    await hideVehicles(app.page);

    // The default link opens warm: the address bar and the clock say day 4, 10:00, and every
    // chart already holds the hours before (days 1 to 3 and the morning), with no empty panel.
    const warm = await app.page.evaluate(() => ({
      search: window.location.search,
      hours: window.parcelscope?.kpiHistory.hours ?? 0,
      clock: document.querySelector('[data-testid="sim-clock"]')?.textContent ?? '',
      emptyCharts: document.querySelectorAll('.right-rail .chart-empty').length,
      chartLastHours: Array.from(
        document.querySelectorAll<HTMLElement>('.right-rail figure.chart[data-hours]'),
      ).map((chart) => Number(chart.dataset.firstHour) + Number(chart.dataset.hours)),
      onTime: Number(document.querySelector('[data-testid="kpi-on-time"]')?.getAttribute('data-value')),
    }));
    expect(warm.search).toBe(`?t=${WARM_START_S}`);
    expect(warm.hours, 'completed sim hours in the history').toBeGreaterThanOrEqual(WARM_START_HOURS);
    expect(warm.clock).toMatch(/^Day 4 · .* 1[01]:\d\d$/);
    expect(warm.emptyCharts, 'charts still waiting for data').toBe(0);
    expect(warm.chartLastHours.length, 'time charts in the rail').toBeGreaterThanOrEqual(3);
    expect(Math.min(...warm.chartLastHours), 'hours reached by the emptiest chart').toBeGreaterThanOrEqual(
      WARM_START_HOURS,
    );
    // On time draws from the first hour parcels fell due (D1 20h), a point every hour from then.
    const onTimeChart = await app.page.getByTestId('on-time-chart').evaluate((chart: HTMLElement) => ({
      ...chart.dataset,
    }));
    expect(onTimeChart.firstHour).toBe('20');
    expect(Number(onTimeChart.hours), 'hours on the on-time chart').toBeGreaterThanOrEqual(
      WARM_START_HOURS - 20,
    );
    expect(onTimeChart.points, 'hours drawn').toBe(onTimeChart.hours);
    expect(warm.onTime, 'on-time rate of the last day').toBeGreaterThan(0.9);

    // The header's controls fit one row at 1280x720 with the longest clock a run shows (the
    // clock keeps one width), above the scenario line: the map below keeps its height.
    const header = await readHeaderRows(app.page);
    expect(header.rows, `rows of header controls: ${header.labels.join(', ')}`).toHaveLength(1);
    expect(header.heightPx, 'header height (one row and the scenario line)').toBeLessThan(60);

    // Count the basemap's colours on the map canvas itself: land fill and state borders must
    // both cover a real share of it, which a blank or unstyled canvas would not.
    const basemap = await readMapCanvas(app.page, {
      canvas: 'basemap',
      near: [
        { rgb: hexToRgb(BASEMAP_COLORS.land), tolerance: 6 },
        { rgb: hexToRgb(BASEMAP_COLORS.stateBorder), tolerance: 30 },
      ],
    });
    expect(basemap, 'map canvas readable').not.toBeNull();
    const [landPixels, borderPixels] = basemap!.nearCounts;
    // The opening view fits the country beside the legend, so land is ~22% of the canvas at
    // 1280x720 (a blank or unstyled canvas: 0).
    expect(landPixels / basemap!.pixels, 'share of the map that is land').toBeGreaterThan(0.15);
    expect(borderPixels, 'pixels of state borders').toBeGreaterThan(2000);

    const labels = await app.page.evaluate(() => {
      const map = window.parcelscope?.map;
      if (!map) return [];
      return map
        .queryRenderedFeatures({ layers: ['metro-labels'] })
        .map((feature) => String(feature.properties.name));
    });
    expect(labels.length, 'metro labels placed on the map').toBeGreaterThan(15);
    expect(labels).toEqual(expect.arrayContaining(['New York City', 'Chicago']));

    const facilities = await app.page.evaluate(
      () => window.parcelscope?.simView.network?.facilities.length ?? 0,
    );
    expect(facilities, 'facilities in the network the worker built').toBeGreaterThan(100);

    // The parameter drawer narrows the map. While nobody has moved the opening view, the country
    // is fitted into what is left, beside the legend (maplibre alone keeps the centre and zoom:
    // the drawer cut the West Coast off); once the camera has moved, the view stays as it is.
    const coasts = () =>
      app.page.evaluate(() => {
        const map = window.parcelscope?.map;
        const legend = document.querySelector('[data-testid="map-legend"]')?.getBoundingClientRect();
        if (!map || !legend) return null;
        const mapLeft = map.getContainer().getBoundingClientRect().left;
        return {
          // Cape Flattery, Washington, and Cape Cod, Massachusetts.
          westX: map.project([-124.7, 48.4]).x,
          eastX: map.project([-69.9, 41.7]).x,
          legendX: legend.left - mapLeft,
          center: map.getCenter().toArray(),
          zoom: map.getZoom(),
        };
      });
    const opening = await coasts();
    expect(opening?.westX, 'west coast on screen at the opening').toBeGreaterThan(0);
    await app.page.getByTestId('drawer-toggle').click();
    await expect
      .poll(async () => (await coasts())?.zoom, { timeout: 20_000 })
      .toBeLessThan(opening?.zoom ?? 0);
    const withDrawer = await coasts();
    expect(withDrawer?.westX, 'west coast beside the open drawer').toBeGreaterThan(0);
    expect(withDrawer?.eastX, 'east coast left of the legend').toBeLessThan(withDrawer?.legendX ?? 0);
    await app.page.evaluate(() =>
      window.parcelscope?.map?.setZoom((window.parcelscope?.map?.getZoom() ?? 3) + 0.5),
    );
    const moved = await coasts();
    await app.page.getByTestId('drawer-toggle').click();
    await expect
      .poll(async () => (await coasts())?.legendX, { timeout: 20_000 })
      .toBeGreaterThan(withDrawer?.legendX ?? 0);
    const closed = await coasts();
    expect(closed?.zoom, 'a moved view keeps its zoom when the drawer closes').toBe(moved?.zoom);
    expect(closed?.center).toEqual(moved?.center);
    app.assertClean();
    await app.page.context().close();
    // The default scenario's warm start, then a map full of vehicles: replayed (then 34 sim hours
    // at the default scale), it took ~100 s on the 2-core machine under load before any check ran.
  }, 240_000);

  test('with a stale precomputed state (another build of the model), the worker replays the warm-up, the charts filling hour by hour, and says why', async () => {
    // A warm-state file of another fingerprint, as a page of an older build would find: its
    // header alone (the worker reads no further), as the 25 MB file would cross the DevTools
    // protocol too slowly.
    const stale = packValue({ format: WARM_STATE_FORMAT, fingerprint: '0'.repeat(16) });
    const app = await openApp(browser, '', undefined, (context) =>
      context.route('**/warm-state/*.bin', (route) =>
        route.fulfill({ contentType: 'application/octet-stream', body: Buffer.from(stale) }),
      ),
    );
    // The charts fill while the model warms up: each sim hour it closes reaches them at once,
    // while the progress bar still shows (the warm-up takes seconds; this holds for all of them).
    const warming = await app.page.waitForFunction(
      () => {
        const chart = document.querySelector<HTMLElement>('[data-testid="panel-throughput"]');
        const hours = Number(chart?.dataset.hours ?? 0);
        const loading = document.querySelector('[data-testid="model-loading"]');
        return loading && hours > 0 ? { hours, status: loading.textContent ?? '' } : null;
      },
      null,
      { timeout: 120_000, polling: 'raf' },
    );
    const whileWarming = (await warming.jsonValue()) as { hours: number; status: string };
    expect(whileWarming.status, 'the progress message').toMatch(/^Warming up to Day 4/);
    await waitForModelReady(app.page);
    await hideVehicles(app.page);
    const opened = await app.page.evaluate(() => ({
      warmState: window.parcelscope?.perfStats.warmState,
      hours: window.parcelscope?.kpiHistory.hours ?? 0,
      clock: document.querySelector('[data-testid="sim-clock"]')?.textContent ?? '',
    }));
    expect(opened.warmState).toEqual({
      used: false,
      why: expect.stringContaining('made by other model code (fingerprint 0000'),
    });
    expect(opened.hours, 'completed sim hours in the history').toBeGreaterThanOrEqual(WARM_START_HOURS);
    expect(opened.clock).toMatch(/^Day 4 · .* 1[01]:\d\d$/);
    // The replay in this page's worker and the state made in Node give the same hours: counts
    // exactly, sums of distances and money to 1e-12 relative (Chromium's V8 and Node's may round
    // a trigonometric function differently in the last bit, as e2e reliability allows).
    const replayedHours = await readHoursBeforeStart(app.page);
    if (restoredHours) {
      expect(Object.keys(replayedHours)).toEqual(Object.keys(restoredHours));
      for (const [name, rows] of Object.entries(restoredHours)) {
        expect(replayedHours[name], `${name}: hours`).toHaveLength(WARM_START_HOURS);
        rows.forEach((value, hour) => {
          const shown = replayedHours[name][hour];
          if (Number.isInteger(value)) expect(shown, `${name} in hour ${hour}`).toBe(value);
          else
            expect(Math.abs(shown - value), `${name} in hour ${hour}`).toBeLessThanOrEqual(
              Math.abs(value) * 1e-12,
            );
        });
      }
    }
    // No error for the person (nor in the console): a stale file only costs the replay's time.
    const notices = await app.page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid="notices"]'), (element) => element.textContent).join(
        ' ',
      ),
    );
    expect(notices).not.toMatch(/error|failed/i);
    app.assertClean();
    await app.page.context().close();
  }, 240_000);
});

// One page for the rest (a page load costs seconds of software WebGL): a small network opened
// with a bad ?style, then used from the keyboard, then made to send a request outside.
describe('a small network, opened with a bad ?style', () => {
  let app: GuardedPage;
  beforeAll(async () => {
    app = await openApp(browser, `${SMALL}&style=javascript:alert(1)`);
  });
  afterAll(async () => {
    await app?.page.context().close();
  });

  test('a bad ?style value gets a clear notice and the offline map still opens', async () => {
    await waitForMapReady(app.page);
    await expect
      .poll(() => app.page.getByTestId('notices').textContent())
      .toContain('?style must be an http(s) URL');
    await app.screenshot('shell-bad-style');
    app.assertClean();
  });

  test('keyboard shortcuts work whatever has focus: Space, F, and ? for the sheet', async () => {
    await waitForModelReady(app.page);
    const playback = () => app.page.evaluate(() => window.parcelscope?.store.getState().playback);
    expect((await playback())?.playing).toBe(true);
    await app.page.locator('body').press('Space');
    expect((await playback())?.playing).toBe(false);
    await expect
      .poll(() => app.page.getByTestId('play-pause').getAttribute('aria-label'))
      .toBe('Play (Space)');
    // With a button focused (a speed the person just picked), Space still plays and pauses and
    // does not press the button again.
    await app.page.getByTestId('speed-60').click();
    await app.page.getByTestId('speed-600').focus();
    await app.page.keyboard.press('Space');
    expect(await playback()).toEqual({ playing: true, speed: 60 });
    await app.page.keyboard.press('Space');
    expect(await playback()).toEqual({ playing: false, speed: 60 });
    // ? lists the shortcuts, Escape closes the list.
    await app.page.keyboard.press('Shift+Slash');
    await app.page.getByTestId('shortcut-sheet').waitFor();
    // The sheet takes the focus (on its close button) and gives it back where it was.
    const focused = () =>
      app.page.evaluate(
        () =>
          document.activeElement?.getAttribute('aria-label') ??
          document.activeElement?.getAttribute('data-testid'),
      );
    expect(await focused()).toBe('Close');
    await app.screenshot('shell-shortcut-sheet');
    await app.page.keyboard.press('Escape');
    await app.page.getByTestId('shortcut-sheet').waitFor({ state: 'detached' });
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'speed-600',
    );
    // F: full screen and back.
    await app.page.keyboard.press('f');
    await expect.poll(() => app.page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    await app.page.keyboard.press('f');
    await expect.poll(() => app.page.evaluate(() => document.fullscreenElement !== null)).toBe(false);
    app.assertClean();
  });

  test("the page's messages lie one under the other: a notice, 'Link copied' and 'No facility named …' all in sight", async () => {
    await waitForModelReady(app.page);
    const messages = {
      notice: '[data-testid="notices"] .notice',
      'copy-link status': '.share-status',
      "search's message": '.search-message',
      // Not a message: the stack keeps clear of it (at 1024x768 the notice lay over the buttons' edge).
      'zoom buttons': '.maplibregl-ctrl-top-left .maplibregl-ctrl-group',
    };
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 1280, height: 720 },
      { width: 1024, height: 768 },
    ]) {
      await app.page.setViewportSize(viewport);
      // The bad ?style notice still shows (nobody dismissed it), a name that matches nothing...
      await app.page.getByTestId('notices').getByText('?style must be an http(s) URL').waitFor();
      await app.page.getByTestId('facility-search').fill('No such facility');
      await app.page.getByTestId('facility-search').press('Enter');
      await app.page.locator('.search-message').waitFor();
      // ...and a link copied for its 2.5 s: it lay over the notice.
      await app.page.locator('.share-status').waitFor({ state: 'detached' });
      await app.page.getByTestId('share-link').click();
      await app.page.locator('.share-status').waitFor();
      const boxes = await readMessageBoxes(app.page, messages);
      const size = `${viewport.width}x${viewport.height}`;
      const where = boxes
        .map(
          (box) =>
            `${box.name} x ${Math.round(box.left)}..${Math.round(box.right)}, y ${Math.round(box.top)}..${Math.round(box.bottom)}`,
        )
        .join('; ');
      expect(
        boxes.filter((box) => box.visible).map((box) => box.name),
        `messages in sight at ${size} (${where})`,
      ).toEqual(Object.keys(messages));
      expect(findOverlaps(boxes), `messages over one another at ${size} (${where})`).toEqual([]);
      if (viewport.width === 1280) await app.screenshot('shell-messages-stacked');
      // Edited, the search's message goes, as a person's next search would take it.
      await app.page.getByTestId('facility-search').fill('');
      await app.page.locator('.search-message').waitFor({ state: 'detached' });
    }
    await app.page.setViewportSize({ width: 1280, height: 720 });
    app.assertClean();
  });

  test('the header keeps its controls on one row at 1440x900, with the copy-link status showing', async () => {
    await app.page.setViewportSize({ width: 1440, height: 900 });
    await app.page.getByTestId('share-link').click();
    await app.page.locator('.share-status').waitFor();
    // "Link copied" covers no header text: it lay over the scenario line's scale ("simulating 1%").
    const overlap = await app.page.evaluate(() => {
      const status = document.querySelector('.share-status')?.getBoundingClientRect();
      const header = document.querySelector('.app-header')?.getBoundingClientRect();
      if (!status || !header) return null;
      return { statusTop: Math.round(status.top), headerBottom: Math.round(header.bottom) };
    });
    expect(overlap, 'the copy-link status and the header').not.toBeNull();
    expect(
      overlap!.statusTop,
      "the copy-link status's top, px, against the header's bottom",
    ).toBeGreaterThanOrEqual(overlap!.headerBottom);
    const header = await readHeaderRows(app.page);
    expect(header.rows, `rows of header controls: ${header.labels.join(', ')}`).toHaveLength(1);
    // Nor any text below the header for its 2.5 s: under its button it lay over the rail's heading
    // ("Network KPIs" at 1280x720 and 1440x900).
    await dismissNotices(app.page);
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 1280, height: 720 },
    ]) {
      await app.page.setViewportSize(viewport);
      await app.page.locator('.share-status').waitFor({ state: 'detached' });
      await app.page.getByTestId('share-link').click();
      await app.page.locator('.share-status').waitFor();
      const status = await readTextCoveredBy(app.page, '.share-status');
      expect(
        status.covered,
        `text under the copy-link status (${status.box}) at ${viewport.width}x${viewport.height}`,
      ).toEqual([]);
    }
    app.assertClean();
  });

  test('a facility search that finds nothing says so below the header, over no text, until the name is edited', async () => {
    await dismissNotices(app.page);
    // The last test's "Link copied", gone after its 2.5 s: the search's message alone in the stack.
    await app.page.locator('.share-status').waitFor({ state: 'detached' });
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 1280, height: 720 },
      { width: 1024, height: 768 },
    ]) {
      await app.page.setViewportSize(viewport);
      await app.page.getByTestId('facility-search').fill('No such facility');
      await app.page.getByTestId('facility-search').press('Enter');
      await app.page.locator('.search-message').waitFor();
      expect(await app.page.locator('.search-message').textContent()).toContain('No facility named');
      // Under the search box it lay on the header's second line, over the scenario's description.
      const message = await readTextCoveredBy(app.page, '.search-message');
      expect(
        message.covered,
        `text under the search's message (${message.box}) at ${viewport.width}x${viewport.height}`,
      ).toEqual([]);
    }
    // The message answers the name searched for: once the box is edited it is stale, and it stood
    // until the selection changed (under a 'Link copied' a moment later).
    await app.page.getByTestId('facility-search').press('Backspace');
    await app.page.locator('.search-message').waitFor({ state: 'detached' });
    await app.page.getByTestId('facility-search').fill('');
    await app.page.setViewportSize({ width: 1280, height: 720 });
    app.assertClean();
  });

  test("Tab in the full-screen 3D view stays on what it shows: the page behind it is out of reach, a tour's caption over it in reach", async () => {
    const { page } = app;
    // Where the focus lands: shown means in the window and the topmost thing at its centre (the
    // rail's and the header's buttons behind the view have boxes too, under it). The page's body
    // is the focus leaving the document for the browser's own controls.
    const readFocus = () =>
      page.evaluate(() => {
        const active = document.activeElement;
        if (!active || active === document.body) return { name: 'the page', shown: true };
        const box = active.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        const shown =
          box.width > 0 &&
          box.height > 0 &&
          box.left >= 0 &&
          box.top >= 0 &&
          box.right <= window.innerWidth &&
          box.bottom <= window.innerHeight &&
          hit !== null &&
          active.contains(hit);
        const label =
          active.getAttribute('data-testid') ?? active.getAttribute('aria-label') ?? active.textContent;
        return { name: `${active.tagName.toLowerCase()} "${label?.trim().slice(0, 40)}"`, shown };
      });
    /** Opens the view full screen and Tabs from its button past its last control and round again, then back. */
    const tabRoundFullView = async () => {
      await page.getByTestId('scene-size-full').click();
      await expect.poll(() => page.getByTestId('scene-pane').getAttribute('data-size')).toBe('full');
      await page.getByTestId('scene-empty').waitFor();
      await page.getByTestId('scene-size-full').focus();
      const landed: Array<{ key: string; name: string; shown: boolean }> = [];
      for (const key of [...Array(16).fill('Tab'), ...Array(16).fill('Shift+Tab')]) {
        await page.keyboard.press(key);
        landed.push({ key, ...(await readFocus()) });
      }
      expect(
        landed.filter((stop) => !stop.shown).map((stop) => `${stop.key} to ${stop.name}`),
        'Tab stops on controls the full-screen view hides',
      ).toEqual([]);
      expect(
        landed.filter((stop) => stop.name !== 'the page').length,
        'Tab stops in the view',
      ).toBeGreaterThan(0);
      return landed.map((stop) => stop.name);
    };
    await tabRoundFullView();
    await app.screenshot('shell-scene-full-tab');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('scene-pane').getAttribute('data-size')).toBe('docked');

    // A presenter opens the view full screen during a tour: the caption stands over it and Tab
    // reaches its buttons there (under the view, Tab went on to Next and End unseen).
    await hideVehicles(page);
    await page.getByTestId('tour-start').click();
    await page.getByTestId('tour-card').waitFor();
    const stops = await tabRoundFullView();
    for (const button of ['tour-end', 'tour-next'])
      expect(stops, `Tab stops round the full-screen view during a tour`).toContain(`button "${button}"`);
    // Next by key: the tour's fulfillment center, full screen, its caption over the building.
    const tourTitle = () => page.getByTestId('tour-title').textContent();
    await page.keyboard.press('ArrowRight');
    expect(await tourTitle()).toBe('The fulfillment center');
    await page.locator('[data-testid="fc-scene"][data-frames]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('scene-pane').getAttribute('data-size')).toBe('full');
    const cardOnTop = () =>
      page.evaluate(() => {
        const card = document.querySelector('[data-testid="tour-card"]');
        const box = card?.getBoundingClientRect();
        if (!card || !box) return false;
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return hit !== null && card.contains(hit);
      });
    expect(await cardOnTop(), "the tour's caption over the full-screen view").toBe(true);
    await app.screenshot('shell-scene-full-tour');
    // The caption's full screen (the browser's) and the view's (its size) are both on screen here:
    // no two buttons in sight read alike (both read "Full screen" at a demo).
    const shownButtonLabels = await page.evaluate(() =>
      [...document.querySelectorAll('button')]
        .filter((button) => {
          const box = button.getBoundingClientRect();
          if (box.width === 0 || box.height === 0) return false;
          const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          return hit !== null && button.contains(hit);
        })
        .map((button) => button.textContent?.trim() ?? ''),
    );
    expect(shownButtonLabels, 'buttons in sight over the full-screen view during a tour').toEqual(
      expect.arrayContaining(['Full window', 'Full screen']),
    );
    expect(
      shownButtonLabels.filter((label, index) => label && shownButtonLabels.indexOf(label) !== index),
      'labels two buttons in sight share',
    ).toEqual([]);
    // Next to a step on the map, which closes the view: the page shows again with the caption, not
    // a blank full-screen pane over both.
    await page.keyboard.press('ArrowRight');
    expect(await tourTitle()).toBe('Line-haul between metros');
    await expect.poll(() => page.getByTestId('scene-pane').getAttribute('data-size')).toBe('docked');
    expect(await cardOnTop(), "the tour's caption once the step closed the view").toBe(true);
    await app.screenshot('shell-scene-closed-by-tour');
    await page.keyboard.press('Escape');
    await page.getByTestId('tour-card').waitFor({ state: 'detached' });
    app.assertClean();
  }, 240_000);

  // Last on this page: it leaves a blocked request on the page's record.
  describe('the outside-request guard', () => {
    test('fails a test when a request leaves localhost', async () => {
      await app.page.evaluate(() => fetch('https://tiles.example.com/style.json').catch(() => 'blocked'));
      expect(app.escapedRequests).toEqual(['https://tiles.example.com/style.json']);
      expect(() => app.assertClean()).toThrow(
        /request left localhost: https:\/\/tiles\.example\.com\/style\.json/,
      );
    });
  });
});
