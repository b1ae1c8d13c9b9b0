/**
 * The fulfillment center in 3D as a person meets it: the 3D code is not fetched until an FC is
 * selected; selecting one opens a non-blank 3D view; its robot instances follow the robots
 * parameter set in the drawer; its pick-queue figure is the model's for that FC at that moment;
 * presets move the camera; a lost WebGL context leaves a message, not a blank pane. A placed order
 * waiting at its FC shows as a highlighted "Your order" bin in that FC's 3D view, and nowhere else.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LATE_JOURNEY_RECIPE } from '../sim/journeyRecipes';
import {
  type GuardedPage,
  hideVehicles,
  launchBrowser,
  openApp,
  waitForMapReady,
  waitForModelReady,
  waitForNextTick,
} from './browser';

let browser: Browser;
let app: GuardedPage;
/** Requests for JS chunks, in order, with whether an FC was selected when each was made. */
const scriptRequests: Array<{ url: string; afterSelection: boolean }> = [];
let selected = false;
let facilityId = -1;

const SCENE = '[data-testid="fc-scene"]';
/** Small volume, a light robot fleet, opened at noon on day 1 so the floor is staffed. */
const SMALL = '?scale=0.002&seed=7&t=43200&robotsPerFc=600';
/** SwiftShader on a shared two-core machine: generous waits, always on signals. */
const SLOW = { timeout: 480_000 };

beforeAll(async () => {
  browser = await launchBrowser();
  app = await openApp(browser, SMALL);
  app.page.on('request', (request) => {
    if (request.resourceType() === 'script')
      scriptRequests.push({ url: request.url(), afterSelection: selected });
  });
  await waitForMapReady(app.page, 240_000);
  await waitForModelReady(app.page, 240_000);
  // Nothing here looks at the map's vehicles, whose trails cost software WebGL seconds a frame
  // while the 3D view draws beside them.
  await hideVehicles(app.page);
}, 600_000);
afterAll(async () => {
  await browser?.close();
});

/**
 * Share of the scene canvas's pixels that are not its background, distinct colours, and pixels in
 * the "Your order" magenta (SCENE_COLORS.followedOrder #ff3fd0, lit and glowing: red and blue high,
 * green low; nothing else in the building is that colour), from a screenshot.
 */
async function measureCanvasContent(
  page: Page,
): Promise<{ shareNotBackground: number; colours: number; highlight: number }> {
  const png = await page.locator(`${SCENE} canvas`).screenshot({ timeout: 90_000 });
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (!context) return { shareNotBackground: 0, colours: 0, highlight: 0 };
    context.drawImage(bitmap, 0, 0);
    const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
    // SCENE_COLORS.background = #0d1824.
    let notBackground = 0;
    let highlight = 0;
    const colours = new Set<number>();
    for (let i = 0; i < pixels.length; i += 4) {
      const [r, g, b] = [pixels[i], pixels[i + 1], pixels[i + 2]];
      const distance = Math.abs(r - 0x0d) + Math.abs(g - 0x18) + Math.abs(b - 0x24);
      if (distance > 30) notBackground++;
      if (r > 200 && b > 150 && g < 110 && r - g > 120) highlight++;
      colours.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
    }
    return { shareNotBackground: notBackground / (pixels.length / 4), colours: colours.size, highlight };
  }, png.toString('base64'));
}

/** Selects facility `id` with the 3D pane open, as a click on the map and the pane's toggle do. */
async function openFacilityIn3d(page: Page, id: number): Promise<void> {
  await page.evaluate((facility) => {
    const store = window.parcelscope?.store;
    store?.setState({
      selection: { kind: 'facility', id: facility },
      panes: { ...store.getState().panes, sceneOpen: true },
      // As select() does for a person's click: the page stops moving the selection with an order.
      order: { ...store.getState().order, tracking: false },
    });
  }, id);
}

async function robotInstances(
  page: Page,
): Promise<{ instances: number; ratio: number; robotsTotal: number }> {
  return page.evaluate(
    ([selector, id]) => {
      const scene = document.querySelector<HTMLElement>(selector as string);
      return {
        instances: Number(scene?.dataset.robotInstances ?? -1),
        ratio: Number(scene?.dataset.robotsPerInstance ?? -1),
        robotsTotal: window.parcelscope?.simView.currentTick?.facilities.robotsTotal[id as number] ?? -1,
      };
    },
    [SCENE, facilityId],
  );
}

/** Pauses or resumes playback (screenshots and pixel reads are quick on a still scene). */
async function setPlaying(page: Page, playing: boolean): Promise<void> {
  await page.evaluate((value) => {
    const store = window.parcelscope?.store;
    store?.setState({ playback: { ...store.getState().playback, playing: value } });
  }, playing);
}

async function setSpeed(page: Page, speed: number): Promise<void> {
  await page.evaluate((value) => {
    const store = window.parcelscope?.store;
    store?.setState({ playback: { ...store.getState().playback, speed: value } });
  }, speed);
}

async function setRobotsParameter(page: Page, robots: number): Promise<void> {
  await page.locator('input[data-param="robotsPerFc"]').fill(String(robots));
}

describe('the fulfillment center in 3D', SLOW, () => {
  test('the 3D code is not loaded before an FC is selected, and selecting one opens a non-blank view', async () => {
    const page = app.page;
    const before = scriptRequests.filter((request) =>
      /FulfillmentCenterScene|three|fiber/i.test(request.url),
    );
    expect(before, 'scene3d/three chunks fetched before selection').toEqual([]);

    // A delivery station selected, the pane opened: it says what it shows and offers the
    // fulfillment centers nearest that station, nearest first.
    const station = await page.evaluate(() => {
      const network = window.parcelscope?.simView.network;
      const found = network?.facilities.find((facility) => facility.kind === 2);
      if (!network || !found) return null;
      const km = (a: { lon: number; lat: number }) => {
        const rad = Math.PI / 180;
        const h =
          Math.sin(((a.lat - found.lat) * rad) / 2) ** 2 +
          Math.cos(a.lat * rad) * Math.cos(found.lat * rad) * Math.sin(((a.lon - found.lon) * rad) / 2) ** 2;
        return 2 * 6371 * Math.asin(Math.sqrt(h));
      };
      const nearest = network.facilities
        .filter((facility) => facility.kind === 0 && network.operating[facility.id] === 1)
        .sort((a, b) => km(a) - km(b) || a.id - b.id)
        .slice(0, 3)
        .map((facility) => facility.id);
      return { id: found.id, name: found.name, nearest };
    });
    expect(station, 'a delivery station in the network').not.toBeNull();
    await openFacilityIn3d(page, station?.id ?? -1);
    const empty = page.getByTestId('scene-empty');
    await expect.poll(() => empty.textContent()).toContain(`${station?.name} is not one`);
    const offered = empty.locator('button[data-facility-id]');
    await expect.poll(() => offered.count()).toBe(3);
    const offeredIds = (
      await offered.evaluateAll((buttons) => buttons.map((button) => button.dataset.facilityId))
    ).map(Number);
    expect(offeredIds, 'the nearest fulfillment centers, nearest first').toEqual(station?.nearest);
    expect(await offered.first().textContent()).toMatch(/ · [\d,]+ mi$/);
    await app.screenshot('scene3d-station-offers-fcs');

    // The nearest one, opened from there.
    facilityId = offeredIds[0];
    selected = true;
    await offered.first().click();
    await expect
      .poll(() => page.evaluate(() => window.parcelscope?.store.getState().selection))
      .toEqual({
        kind: 'facility',
        id: facilityId,
      });

    await page.locator(`${SCENE}[data-frames]`).waitFor({ timeout: 60_000 });
    const loaded = scriptRequests.filter((request) => /FulfillmentCenterScene/.test(request.url));
    expect(loaded.length, 'the 3D chunk is fetched once the FC is selected').toBeGreaterThan(0);
    expect(loaded.every((request) => request.afterSelection)).toBe(true);

    // The canvas fills the pane and shows the building, not a flat colour.
    const box = await page.locator(`${SCENE} canvas`).boundingBox();
    const pane = await page.locator('.scene-body').boundingBox();
    expect(
      box && pane && Math.abs(box.width - pane.width) < 2 && Math.abs(box.height - pane.height) < 2,
    ).toBe(true);
    // Let robots move a little, then hold the scene still for the pixel reads.
    await page.waitForFunction(
      (selector) => Number(document.querySelector<HTMLElement>(selector)?.dataset.frames) > 5,
      SCENE,
      { timeout: 90_000 },
    );
    await setPlaying(page, false);
    const content = await measureCanvasContent(page);
    // The overview frames the whole building in a wide, short pane: about a quarter of it.
    expect(content.shareNotBackground, 'share of the 3D view that is not background').toBeGreaterThan(0.15);
    expect(content.colours, 'distinct colours in the 3D view').toBeGreaterThan(25);
    await app.screenshot('scene3d-overview');
    // Labels are placed over their areas with live figures.
    expect(await page.locator('.fc-scene-label[data-area="pick"]').isVisible()).toBe(true);
    // The footnote stands on a backing, as the header does: bare, the docks showed through its words.
    const footnoteBacking = await page
      .locator('.fc-scene-footnote')
      .evaluate((element) => getComputedStyle(element).backgroundColor);
    // "rgb(r, g, b)" is opaque; "rgba(r, g, b, a)" carries its alpha.
    const channels = footnoteBacking.match(/[\d.]+/g)?.map(Number) ?? [];
    const alpha = channels.length === 4 ? channels[3] : channels.length === 3 ? 1 : 0;
    expect(
      alpha,
      `the footnote's backing (${footnoteBacking}) is opaque enough to read on`,
    ).toBeGreaterThanOrEqual(0.8);
    await setPlaying(page, true);
    app.assertClean();
  });

  test('a queue figure in the scene is the model’s for that FC at that moment', async () => {
    const page = app.page;
    const renders = () => page.locator(SCENE).getAttribute('data-react-renders');
    const rendersBefore = await renders();
    for (let sample = 0; sample < 4; sample++) {
      const seen = await page.evaluate((id) => {
        const element = document.querySelector<HTMLElement>('[data-testid="scene-pick-queue"]');
        const tick = window.parcelscope?.simView.currentTick;
        return {
          shown: element?.textContent ?? '',
          value: Number(element?.dataset.value ?? Number.NaN),
          model: tick ? tick.facilities.pickQueue[id] : Number.NaN,
          packShown: Number(
            document.querySelector<HTMLElement>('[data-testid="scene-pack-queue"]')?.dataset.value,
          ),
          packModel: tick ? tick.facilities.packQueue[id] : Number.NaN,
          scale: window.parcelscope?.simView.params?.scale ?? Number.NaN,
        };
      }, facilityId);
      expect(seen.value, `pick queue shown ${seen.shown}, model ${seen.model}`).toBe(seen.model);
      // Shown at real volume: the model's count x 1/scale.
      expect(seen.shown).toBe(Math.round(seen.model / seen.scale).toLocaleString('en-US'));
      expect(seen.packShown).toBe(seen.packModel);
      await waitForNextTick(page);
    }
    // Ticks arrived and robots moved meanwhile, without React rendering the scene again.
    expect(await renders(), 'renders of the scene component while it animates').toBe(rendersBefore);
  });

  test('robot instances follow the robots parameter, with the ratio stated', async () => {
    const page = app.page;
    await page.getByTestId('drawer-toggle').click({ timeout: 90_000 });
    await page
      .locator('details.param-group', { hasText: 'Fulfillment centers' })
      .locator('summary')
      .click({ timeout: 90_000 });
    // Opened with robotsPerFc=600 in the URL: the FC has 600 drive units x its size (each FC is
    // equipped to its planned volume), one instance each.
    const opened = await robotInstances(page);
    const size = opened.robotsTotal / 600;
    expect(size, 'the FC’s size').toBeGreaterThan(0.2);
    expect(opened).toEqual({ instances: opened.robotsTotal, ratio: 1, robotsTotal: opened.robotsTotal });
    // The new value reaches the display after the worker's lookahead window: slow under SwiftShader.
    for (const [robots, ratio] of [[6000, 2]]) {
      const robotsTotal = Math.round(robots * size);
      const instances = Math.round(robotsTotal / ratio);
      await setRobotsParameter(page, robots);
      await expect
        .poll(() => page.evaluate(() => window.parcelscope?.simView.params?.robotsPerFc), { timeout: 60_000 })
        .toBe(robots);
      // The display reaches ticks with the new value after the worker's lookahead; the fastest
      // speed preset gets there in a few frames instead of minutes of software rendering.
      await setSpeed(page, 10_000);
      try {
        await expect
          .poll(
            async () => {
              // The FC's drive units are the parameter x its size, rounded: within a unit per 600.
              const shown = await robotInstances(page);
              return Math.abs(shown.robotsTotal - robotsTotal) <= robots / 600 ? shown : null;
            },
            { timeout: 240_000 },
          )
          .toMatchObject({ ratio });
        const shown = await robotInstances(page);
        expect(shown.instances).toBe(Math.round(shown.robotsTotal / ratio));
        expect(Math.abs(shown.instances - instances)).toBeLessThanOrEqual(robots / 600);
      } finally {
        await setSpeed(page, 600);
      }
      const ratioText = await page.getByTestId('scene-robot-ratio').textContent();
      expect(ratioText).toBe(
        ratio === 1 ? '1 robot shown = 1 drive unit' : `1 robot shown = ${ratio} drive units`,
      );
      if (robots === 6000) {
        await setPlaying(page, false);
        await app.screenshot('scene3d-6000-robots');
        await setPlaying(page, true);
      }
    }
    await page.getByTestId('drawer-toggle').click({ timeout: 90_000 });
    app.assertClean();
  });

  test('the pane docks, takes half the map or the whole window, and its labels never overlap', async () => {
    const page = app.page;
    await setPlaying(page, false);
    /** Pairs of visible labels or overlays that overlap, and labels outside the pane (names). */
    const collisions = () =>
      page.evaluate((selector) => {
        const scene = document.querySelector(selector)?.getBoundingClientRect();
        const named = (element: Element) =>
          element.getAttribute('data-area') ?? element.className.toString().split(' ')[0];
        const labels = [...document.querySelectorAll<HTMLElement>('.fc-scene-label')].filter(
          (label) => label.style.visibility === 'visible',
        );
        const overlays = [
          ...document.querySelectorAll<HTMLElement>(
            '.fc-scene-header, .fc-scene-presets, .fc-scene-footnote',
          ),
        ];
        const boxes = [...labels, ...overlays].map((element) => ({
          name: named(element),
          label: labels.includes(element),
          box: element.getBoundingClientRect(),
        }));
        const problems: string[] = [];
        for (let a = 0; a < boxes.length; a++) {
          const { box } = boxes[a];
          if (boxes[a].label && scene) {
            if (
              box.left < scene.left - 1 ||
              box.right > scene.right + 1 ||
              box.top < scene.top - 1 ||
              box.bottom > scene.bottom + 1
            )
              problems.push(`${boxes[a].name} outside the pane`);
          }
          for (let b = a + 1; b < boxes.length; b++) {
            if (!boxes[a].label && !boxes[b].label) continue;
            const other = boxes[b].box;
            if (
              box.left < other.right &&
              box.right > other.left &&
              box.top < other.bottom &&
              box.bottom > other.top
            )
              problems.push(`${boxes[a].name} over ${boxes[b].name}`);
          }
        }
        return { problems, visible: labels.length };
      }, SCENE);
    const check = async (where: string, minimumVisible: number) => {
      // The canvas has taken the pane's new size (and the labels were placed for it).
      await expect
        .poll(
          () =>
            page.evaluate((selector) => {
              const canvas = document.querySelector(`${selector} canvas`)?.getBoundingClientRect();
              const body = document.querySelector('.scene-body')?.getBoundingClientRect();
              return canvas && body
                ? Math.abs(canvas.width - body.width) + Math.abs(canvas.height - body.height)
                : Number.POSITIVE_INFINITY;
            }, SCENE),
          { timeout: 60_000, message: `canvas size ${where}` },
        )
        .toBeLessThan(3);
      await expect
        .poll(async () => (await collisions()).problems, { timeout: 60_000, message: where })
        .toEqual([]);
      expect((await collisions()).visible, `labels shown ${where}`).toBeGreaterThanOrEqual(minimumVisible);
    };
    await check('docked at 1280x720', 3);
    await page.getByTestId('scene-size-half').click();
    await expect.poll(() => page.getByTestId('scene-pane').getAttribute('data-size')).toBe('half');
    await check('at half the map area, 1280x720', 4);
    // The map is short now: the facility's card stands clear of the map's zoom buttons, as the
    // order and edit cards do (it grew up over the zoom-out button).
    const zoomOut = await page.locator('.maplibregl-ctrl-zoom-out').boundingBox();
    const card = await page.getByTestId('selection-card').boundingBox();
    if (!zoomOut || !card) throw new Error('no zoom-out button or selection card at half the map area');
    expect(
      card.x >= zoomOut.x + zoomOut.width || card.y >= zoomOut.y + zoomOut.height,
      `selection card (x ${Math.round(card.x)}, y ${Math.round(card.y)}) over the zoom-out button (x ${Math.round(zoomOut.x)}..${Math.round(zoomOut.x + zoomOut.width)}, y ${Math.round(zoomOut.y)}..${Math.round(zoomOut.y + zoomOut.height)}) at half the map area`,
    ).toBe(true);
    await app.screenshot('scene3d-half-1280');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await check('at half the map area, 1920x1080', 5);
    await app.screenshot('scene3d-half-1920');
    await page.getByTestId('scene-size-full').click();
    await check('full screen, 1920x1080', 5);
    await app.screenshot('scene3d-full-1920');
    // Escape brings it back under the map.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('scene-pane').getAttribute('data-size')).toBe('docked');
    await page.setViewportSize({ width: 1280, height: 720 });
    await check('docked again at 1280x720', 3);
    app.assertClean();
  });

  test('presets move the camera; draw calls stay within budget', async () => {
    const page = app.page;
    await setPlaying(page, false);
    for (const preset of ['robotFloor', 'packLine', 'docks', 'overview']) {
      await page.getByTestId(`scene-preset-${preset}`).click({ timeout: 90_000 });
      await page.locator(`${SCENE}[data-camera-preset="${preset}"]`).waitFor({ timeout: 60_000 });
      await app.screenshot(`scene3d-${preset}`);
    }
    // Hovering the building names what is under the pointer.
    const canvasBox = await page.locator(`${SCENE} canvas`).boundingBox();
    if (!canvasBox) throw new Error('the 3D canvas has no box');
    // The scene reads the pointer at most every 40 ms: move it a pixel each try until it names something.
    let nudge = 0;
    await expect
      .poll(
        async () => {
          nudge = (nudge + 1) % 4;
          await page.mouse.move(
            canvasBox.x + canvasBox.width / 2 + nudge,
            canvasBox.y + canvasBox.height / 2,
          );
          return page.getByTestId('scene-tooltip').textContent();
        },
        { timeout: 30_000 },
      )
      .toMatch(/\w+/);
    await app.screenshot('scene3d-hover');
    const figures = await page.evaluate((selector) => {
      const data = document.querySelector<HTMLElement>(selector)?.dataset;
      return {
        frames: data?.frames,
        animatorMs: data?.frameCpuMs,
        frameMs: data?.frameTotalMs,
        drawCalls: data?.drawCalls,
        robots: data?.robotInstances,
      };
    }, SCENE);
    // For the issue notes: main-thread CPU per frame (software WebGL: GPU time is meaningless here).
    console.log(`scene3d figures: ${JSON.stringify(figures)}`);
    const drawCalls = await page.locator(SCENE).getAttribute('data-draw-calls');
    expect(Number(drawCalls), 'draw calls per frame').toBeGreaterThan(0);
    expect(Number(drawCalls), 'draw calls per frame').toBeLessThanOrEqual(50);
    app.assertClean();
  });

  test('a lost WebGL context shows a message in the pane, and the view restarts', async () => {
    const page = app.page;
    await page.evaluate((selector) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`${selector} canvas`);
      const gl = canvas?.getContext('webgl2') ?? canvas?.getContext('webgl');
      gl?.getExtension('WEBGL_lose_context')?.loseContext();
    }, SCENE);
    await expect
      .poll(() => page.getByTestId('scene-message').textContent())
      .toContain('lost its graphics context');
    expect(await page.locator('.app-header').isVisible()).toBe(true);
    await app.screenshot('scene3d-context-lost');
    await page.getByRole('button', { name: 'Restart the 3D view' }).click({ timeout: 90_000 });
    await page.locator(`${SCENE} canvas`).waitFor({ timeout: 30_000 });
    await expect
      .poll(async () => (await measureCanvasContent(page)).shareNotBackground, { timeout: 120_000 })
      .toBeGreaterThan(0.15);
    await setPlaying(page, true);
    app.assertClean();
  });
});

/** The followed order's stage and origin FC as the page has them, or null. */
function followedOrder(page: Page) {
  return page.evaluate(() => {
    const order = window.parcelscope?.getFollowedOrder();
    return order ? { stage: order.trace.stage, originFc: order.placed.originFc } : null;
  });
}

describe('"Your order" in 3D', SLOW, () => {
  test('a placed order waiting in its FC’s pick queue is a highlighted bin at a pick station there, and only there', async () => {
    // The late recipe: winter storm on the small network, an order from Chicago at 10:00 on day 1
    // that waits ~49 h in the pick queue of its FC.
    const recipe = LATE_JOURNEY_RECIPE;
    const query =
      `?preset=${recipe.preset}&seed=${recipe.seed}&t=${recipe.orderAtHour * 3600}&paused=1&` +
      Object.entries(recipe.overrides)
        .map(([key, value]) => `${key}=${value}`)
        .join('&');
    // The first page's 3D view and map would share the two software-rendering cores with this one.
    await app.page.context().close();
    const orderApp = await openApp(browser, query);
    const page = orderApp.page;
    try {
      await waitForModelReady(page, 240_000);
      await hideVehicles(page);
      await expect
        .poll(() => page.evaluate(() => window.parcelscope?.simView.currentTick?.timeS), { timeout: 120_000 })
        .toBe(recipe.orderAtHour * 3600);

      // Place the order as the form does (window.parcelscope.placeOrder = placeOrderNow), then play
      // until the tick on screen carries it.
      await page.evaluate((order) => window.parcelscope?.placeOrder(order), recipe.order);
      await setPlaying(page, true);
      await expect.poll(() => followedOrder(page), { timeout: 120_000 }).not.toBeNull();
      const placed = await followedOrder(page);
      if (!placed) throw new Error('the placed order is not followed');
      expect(placed.stage, 'the order waits in its FC’s pick queue').toBe('awaitingPick');

      // Open its FC in 3D, as a person selecting it on the map does.
      await openFacilityIn3d(page, placed.originFc);
      await page
        .locator(`${SCENE}[data-facility-id="${placed.originFc}"][data-frames]`)
        .waitFor({ timeout: 90_000 });
      const tote = page.locator('[data-testid="scene-followed-tote"]');
      await tote.waitFor({ timeout: 60_000 });
      await setPlaying(page, false);
      const shown = await followedOrder(page);
      expect(await tote.getAttribute('data-stage'), 'stage shown vs the followed order’s').toBe(shown?.stage);
      expect(await tote.isVisible(), 'the "Your order" label is on screen').toBe(true);
      expect(await tote.textContent()).toMatch(/^Your order.*in the queue at pick station \d+$/);
      // Measured once the scene has drawn the bin (a render may still be on its way).
      let highlightOverview = 0;
      await expect
        .poll(async () => (highlightOverview = (await measureCanvasContent(page)).highlight), {
          timeout: 60_000,
        })
        .toBeGreaterThan(20);
      await orderApp.screenshot('scene3d-followed-overview');

      // "Your order" flies the camera to it: the magenta bin and beacon fill part of the view.
      await page.getByTestId('scene-preset-followedOrder').click({ timeout: 90_000 });
      await page.locator(`${SCENE}[data-camera-preset="followedOrder"]`).waitFor({ timeout: 60_000 });
      let highlightClose = 0;
      await expect
        .poll(async () => (highlightClose = (await measureCanvasContent(page)).highlight), {
          timeout: 60_000,
        })
        .toBeGreaterThan(500);
      await orderApp.screenshot('scene3d-followed-close');
      console.log(`followed-order highlight pixels: overview ${highlightOverview}, close ${highlightClose}`);
      expect(highlightOverview, 'magenta pixels in the overview').toBeGreaterThan(20);
      expect(highlightClose, 'magenta pixels in the close view').toBeGreaterThan(500);

      // It pulses while playing, with no React render of the scene and within the draw-call budget.
      const renders = () => page.locator(SCENE).getAttribute('data-react-renders');
      const rendersBefore = await renders();
      const framesBefore = Number(await page.locator(SCENE).getAttribute('data-frames'));
      await setPlaying(page, true);
      await expect
        .poll(async () => Number(await page.locator(SCENE).getAttribute('data-frames')), { timeout: 60_000 })
        .toBeGreaterThan(framesBefore + 10);
      expect(await renders(), 'renders of the scene component while the highlight pulses').toBe(
        rendersBefore,
      );
      const drawCalls = Number(await page.locator(SCENE).getAttribute('data-draw-calls'));
      console.log(
        `followed-order scene figures: ${JSON.stringify(
          await page.evaluate((selector) => {
            const data = document.querySelector<HTMLElement>(selector)?.dataset;
            return { drawCalls: data?.drawCalls, animatorMs: data?.frameCpuMs, frameMs: data?.frameTotalMs };
          }, SCENE),
        )}`,
      );
      expect(drawCalls, 'draw calls per frame with the highlight').toBeLessThanOrEqual(50);
      expect(await followedOrder(page)).toMatchObject({ stage: 'awaitingPick' });
      expect(await tote.getAttribute('data-stage')).toBe('awaitingPick');

      // Another FC in 3D: no highlight there.
      const otherFc = await page.evaluate(
        (id) =>
          window.parcelscope?.simView.network?.facilities.find(
            (facility) => facility.kind === 0 && facility.id !== id,
          )?.id ?? -1,
        placed.originFc,
      );
      await openFacilityIn3d(page, otherFc);
      await page.locator(`${SCENE}[data-facility-id="${otherFc}"][data-frames]`).waitFor({ timeout: 90_000 });
      await setPlaying(page, false);
      expect(
        await page.locator('[data-testid="scene-followed-tote"]').count(),
        'highlight at another FC',
      ).toBe(0);
      expect(await page.getByTestId('scene-preset-followedOrder').isVisible()).toBe(false);
      orderApp.assertClean();
    } finally {
      await page.context().close();
    }
  });
});
