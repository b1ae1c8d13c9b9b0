/**
 * The live map as a stakeholder meets it: vehicles appear and move with the sim clock, pause
 * stops both, speed changes the clock rate, scrubbing back replays the same state, hovering a
 * facility shows its figures and clicking selects it. A small scenario keeps SwiftShader fast.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type GuardedPage, launchBrowser, openApp, waitForMapReady, waitForModelReady } from './browser';

let browser: Browser;
let app: GuardedPage;
/** A small network so software WebGL draws a frame in about a second. */
const SMALL =
  '?scale=0.002&seed=7&speed=3600&fulfillmentCenterCount=20&sortationCenterCount=10&deliveryStationCount=150' +
  // Day 2, 11:00, with few vans: every kind is on the road (Flex only when vans run short).
  '&vansPerStation=40&t=126000';

beforeAll(async () => {
  browser = await launchBrowser();
  app = await openApp(browser, SMALL);
  await waitForMapReady(app.page);
  await waitForModelReady(app.page);
});
afterAll(async () => {
  await browser?.close();
});

const displayTime = (page: Page) => page.evaluate(() => window.parcelscope?.displayClock.timeS ?? 0);
const setPlaying = (page: Page, playing: boolean) =>
  page.evaluate((value) => {
    const store = window.parcelscope?.store;
    store?.setState({ playback: { ...store.getState().playback, playing: value } });
  }, playing);

/** Vehicles of each kind on the road at the display time, counted from the page's trip store. */
async function activeVehicles(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const handle = window.parcelscope;
    const store = handle?.tripStore;
    if (!handle || !store) return [];
    return Array.from(store.countActive(handle.displayClock.timeS));
  });
}

/**
 * Reads the deck.gl canvas (the vehicle layer, above the basemap) inside the page: the first call
 * keeps its pixels, each later call returns how many pixels differ from them. Done in the page
 * because shipping 3.7 M numbers over the devtools protocol takes longer than the test.
 */
async function deckCanvasChange(page: Page): Promise<number> {
  return page.evaluate(() => {
    const deckCanvas = [...document.querySelectorAll<HTMLCanvasElement>('.map-container canvas')].find(
      (canvas) => !canvas.classList.contains('maplibregl-canvas'),
    );
    if (!deckCanvas) return -1;
    const copy = document.createElement('canvas');
    copy.width = deckCanvas.width;
    copy.height = deckCanvas.height;
    const context = copy.getContext('2d');
    if (!context) return -1;
    context.drawImage(deckCanvas, 0, 0);
    const pixels = context.getImageData(0, 0, copy.width, copy.height).data;
    const holder = window as unknown as { firstDeckPixels?: Uint8ClampedArray };
    if (!holder.firstDeckPixels) {
      holder.firstDeckPixels = pixels;
      return 0;
    }
    let changed = 0;
    for (let index = 0; index < pixels.length; index += 4) {
      if (
        pixels[index + 3] !== holder.firstDeckPixels[index + 3] ||
        pixels[index] !== holder.firstDeckPixels[index]
      ) {
        changed++;
      }
    }
    return changed;
  });
}

describe('the live map', () => {
  // Software WebGL draws every vehicle kind here: ~110 s on a 2-core machine, more than the default.
  test('vehicles appear and move while the sim clock advances', async () => {
    // Every kind on the road: line-haul, van, Flex, USPS, regional.
    const fewestOfAnyKind = async () => {
      const counts = await activeVehicles(app.page);
      return counts.length === 5 ? Math.min(...counts) : 0;
    };
    await expect.poll(fewestOfAnyKind, { timeout: 90_000 }).toBeGreaterThan(0);
    const before = await displayTime(app.page);
    expect(await deckCanvasChange(app.page), 'deck.gl canvas readable').toBe(0);
    await app.screenshot('live-map-1');
    await expect.poll(() => displayTime(app.page), { timeout: 30_000 }).toBeGreaterThan(before + 600);
    await app.screenshot('live-map-2');
    const changed = await deckCanvasChange(app.page);
    expect(changed, 'pixels of the vehicle layer that changed between two moments').toBeGreaterThan(50);

    // The legend switches vehicle kinds off; the rest of this file runs without them, because
    // software WebGL spends seconds per frame on thousands of trails.
    for (const label of ['Line-haul truck', 'Delivery van', 'Flex driver', 'USPS', 'Regional carrier']) {
      await app.page.getByLabel(`Show ${label}`).uncheck();
    }
    expect(await app.page.evaluate(() => window.parcelscope?.store.getState().layers.vehicles)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    app.assertClean();
  }, 180_000);

  test('pause stops the clock, and a faster speed runs the clock faster', async () => {
    await setPlaying(app.page, false);
    const pausedAt = await displayTime(app.page);
    await app.page.waitForTimeout(1000);
    expect(await displayTime(app.page)).toBe(pausedAt);

    const rateAt = async (speed: number) => {
      await app.page.getByTestId(`speed-${speed}`).click();
      await setPlaying(app.page, true);
      const start = await displayTime(app.page);
      const startMs = Date.now();
      await app.page.waitForTimeout(2500);
      const rate = ((await displayTime(app.page)) - start) / ((Date.now() - startMs) / 1000);
      await setPlaying(app.page, false);
      return rate;
    };
    const slow = await rateAt(60);
    const fast = await rateAt(600);
    // Ratios inside one run, not absolute timings: the fast rate is clearly above the slow one.
    expect(fast / slow).toBeGreaterThan(3);
    app.assertClean();
  });

  test('scrubbing back shows the same state as the first pass at that time', async () => {
    await setPlaying(app.page, false);
    // Play until past 3 h so there is history to go back to.
    await app.page.getByTestId('speed-3600').click();
    await setPlaying(app.page, true);
    await expect.poll(() => displayTime(app.page), { timeout: 60_000 }).toBeGreaterThan(3 * 3600 + 600);
    await setPlaying(app.page, false);
    const firstPass = await app.page.evaluate(() => {
      const view = window.parcelscope?.simView;
      const tick = view?.currentTick;
      return tick ? { timeS: tick.timeS, backlog: Array.from(tick.facilities.backlogParcels) } : null;
    });
    expect(firstPass).not.toBeNull();
    const target = Math.floor(firstPass!.timeS);
    // Forget the first pass's tick so only a tick computed after the seek can satisfy the poll.
    await app.page.evaluate((timeS) => {
      const handle = window.parcelscope;
      if (handle) handle.simView.currentTick = null;
      handle?.seek(timeS);
    }, target);
    await expect
      .poll(() => app.page.evaluate(() => window.parcelscope?.simView.currentTick?.timeS ?? -1), {
        timeout: 30_000,
      })
      .toBe(target);
    const replay = await app.page.evaluate(() =>
      Array.from(window.parcelscope?.simView.currentTick?.facilities.backlogParcels ?? []),
    );
    expect(replay).toEqual(firstPass!.backlog);
    app.assertClean();
  });

  test('hovering a facility shows its tooltip, and clicking selects it', async () => {
    const point = await app.page.evaluate(async () => {
      const handle = window.parcelscope;
      const facility = handle?.simView.network?.facilities.find((candidate) => candidate.kind === 0);
      if (!handle?.map || !facility) return null;
      handle.map.jumpTo({ center: [facility.lon, facility.lat], zoom: 9 });
      await new Promise((resolve) => handle.map?.once('idle', resolve));
      const projected = handle.map.project([facility.lon, facility.lat]);
      const box = handle.map.getCanvas().getBoundingClientRect();
      return { x: box.left + projected.x, y: box.top + projected.y, id: facility.id, name: facility.name };
    });
    expect(point).not.toBeNull();
    await app.page.mouse.move(point!.x, point!.y);
    const tooltip = app.page.locator('.map-tooltip');
    await expect.poll(() => tooltip.textContent(), { timeout: 20_000 }).toContain(point!.name);
    expect(await tooltip.textContent()).toContain('Backlog');
    await app.screenshot('live-map-tooltip');
    await app.page.mouse.click(point!.x, point!.y);
    await expect
      .poll(() => app.page.evaluate(() => window.parcelscope?.store.getState().selection))
      .toMatchObject({ kind: 'facility' });
    await expect
      .poll(() => app.page.getByTestId('selection-card').textContent())
      .toContain('Fulfillment center');
    await app.screenshot('live-map-selected');
    app.assertClean();
  });
});
