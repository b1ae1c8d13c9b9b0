/**
 * Redesigning the network on the map, as a presenter does it on one run: edit mode from the
 * header (or E), a click on the map that offers a new facility where it snaps, and a delivery
 * station added in a metro that has none, forking B (A keeps today's network): the station in
 * B's network, on the timeline and on the map's difference view, and three days on the metro's
 * parcels more often on time in B than in A. The copied link (B's edits in `bEdits`) opens the
 * same A and B; an edit the model refuses is named in the edit card; and an FC taken offline for
 * a day from its card makes its region's parcels take longer from click to door in B, until
 * the backlog has gone through.
 *
 * Lean on purpose: the page skips ahead with seeks and links (the model replays the hours in
 * between without sending trips or ticks), never plays, and one page serves every test until the
 * link opens a second one.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildNetwork } from '../../src/sim/network';
import { defaultParams } from '../../src/sim/params';
import {
  expectBoxesApart,
  expectMoreBelowHint,
  expectShownWhole,
  type GuardedPage,
  hideVehicles,
  launchBrowser,
  openApp,
  waitForModelReady,
  waitForTickAt,
} from './browser';

const SCALE = 0.001;
const SEED = 5;
const HOUR_S = 3600;
const DAY_S = 86_400;
/** Day 2, 10:00: the morning's orders are in, the next delivery wave is tomorrow morning. */
const EDIT_AT_S = 34 * HOUR_S;
/** Day 5, 00:00: the new station has run three days of waves (the link is copied here). */
const COMPARE_AT_S = 4 * DAY_S;
/**
 * Boise, ID (its centre, as the bundled places give it): one station in the default network.
 * Without it Boise's addresses are served from Ogden's station, 437 km away, by partner carriers.
 */
const BOISE = { lon: -116.20345, lat: 43.6135 };
const baseNetwork = buildNetwork({ ...defaultParams(), scale: SCALE });
const boiseStations = baseNetwork.metros.find((metro) => metro.name === 'Boise')?.stationIds ?? [];
const WITHOUT_STATION = boiseStations.map((id) => `remove:f${id}`).join(';');
const EDITS_B = `${WITHOUT_STATION};add:station:${BOISE.lon},${BOISE.lat}@day2h10`;
/** Atlanta FC 1, offline for a day from day 2 00:00; its region's deliveries are read to the end of day 7. */
const OUTAGE_FC =
  baseNetwork.network.facilities.find((facility) => facility.name === 'Atlanta FC 1')?.id ?? -1;
const OUTAGE_AT_S = DAY_S;
const OUTAGE_END_S = 7 * DAY_S;
const QUERY = `?scale=${SCALE}&seed=${SEED}&networkEdits=${WITHOUT_STATION}&t=${EDIT_AT_S}&paused=1`;

let browser: Browser;
let app: GuardedPage;
beforeAll(async () => {
  browser = await launchBrowser();
  app = await openApp(browser, QUERY);
  await waitForModelReady(app.page);
  await hideVehicles(app.page);
  await waitForTickAt(app.page, EDIT_AT_S);
});
afterAll(async () => {
  await app?.page.context().close();
  await browser?.close();
});

/** What the copied link carries, and what the page showed when it was copied. */
let linkQuery = '';
let shownAtLink: Awaited<ReturnType<typeof readShown>> | null = null;

const store = (page: Page) =>
  page.evaluate(() => {
    const state = window.parcelscope?.store.getState();
    return {
      compare: state?.compare,
      edit: state?.networkEdit,
      paramsA: state?.params?.networkEdits,
    };
  });

/** Waits until an edit has forked B (or gone into it) and B has caught up with the display. */
async function waitForEditInB(page: Page): Promise<void> {
  await expect
    .poll(
      async () => {
        const { compare, edit } = await store(page);
        return `${compare?.active} ${compare?.phase} ${edit?.status}`;
      },
      { timeout: 120_000 },
    )
    .toBe('true ready applied');
}

/** Selects facility `id`, as a click on it does. */
async function selectFacility(page: Page, id: number): Promise<void> {
  await page.evaluate((facilityId) => {
    window.parcelscope?.store.setState({ selection: { kind: 'facility', id: facilityId } });
  }, id);
}

/** The sim time of scenario B's tick on screen (-1 before its first). */
const tickTimeB = (page: Page) =>
  page.evaluate(() => window.parcelscope?.getChannel('B').view.currentTick?.timeS ?? -1);

/** Waits until A and B both show `timeS` and the compare panel has B ready beside A. */
async function waitForBothAt(page: Page, timeS: number): Promise<void> {
  await waitForTickAt(page, timeS);
  await expect.poll(() => tickTimeB(page), { timeout: 120_000 }).toBe(timeS);
  // The hours the replays closed reach the page beside their ticks: both histories hold them all.
  await expect
    .poll(
      () =>
        page.evaluate(() =>
          (['A', 'B'] as const).map((label) => window.parcelscope?.getChannel(label).kpiHistory.hours),
        ),
      { timeout: 60_000 },
    )
    .toEqual([timeS / HOUR_S, timeS / HOUR_S]);
  // So do the edit's area rows, which come in messages of their own after each run's tick.
  await expect
    .poll(
      () =>
        page.evaluate(() =>
          (['A', 'B'] as const).map((label) => {
            const area = window.parcelscope?.getChannel(label).areaKpis;
            return area && area.facilityId >= 0 ? area.history.hours : -1;
          }),
        ),
      { timeout: 60_000 },
    )
    .toEqual([timeS / HOUR_S, timeS / HOUR_S]);
  await expect.poll(async () => (await store(page)).compare?.phase, { timeout: 60_000 }).toBe('ready');
}

/** What the page shows of A and B: A's cumulative KPIs, the compare table's B − A, the edit's area. */
function readShown(page: Page) {
  return page.evaluate(() => {
    const cells = (selector: string, attribute: string) =>
      Array.from(document.querySelectorAll(selector), (cell) => cell.getAttribute(attribute));
    return {
      kpisA: Array.from(window.parcelscope?.kpiHistory.cumulative ?? []),
      deltas: cells('[data-testid^="delta-"]', 'data-value'),
      areaA: cells('tr[data-testid^="edit-impact-"]', 'data-a'),
      areaB: cells('tr[data-testid^="edit-impact-"]', 'data-b'),
      daysA: cells('[data-testid="edit-impact-day"]', 'data-a'),
      daysB: cells('[data-testid="edit-impact-day"]', 'data-b'),
    };
  });
}

/**
 * readShown once both runs have drawn their area rows: each run's rows come in
 * messages of their own after its tick, so a read right after both ticks arrived could find one
 * run's figures not yet in (NaN).
 */
async function readShownOnceDrawn(page: Page): Promise<Awaited<ReturnType<typeof readShown>>> {
  const drawn = (shown: Awaited<ReturnType<typeof readShown>>) =>
    [shown.areaA, shown.areaB].every(
      (figures) => figures.length > 0 && figures.every((figure) => Number.isFinite(Number(figure))),
    );
  await expect.poll(async () => drawn(await readShown(page)), { timeout: 60_000 }).toBe(true);
  return readShown(page);
}

/** A figure of the edit's area as the compare panel's table shows it, for A or B. */
async function readAreaFigure(page: Page, key: string, side: 'a' | 'b'): Promise<number> {
  return Number(await page.getByTestId(`edit-impact-${key}`).getAttribute(`data-${side}`));
}

/** Clicks the map at (lon, lat), zoomed in far enough that facilities a few km away are not hit. */
async function clickMapAt(page: Page, lon: number, lat: number, zoom = 10): Promise<void> {
  await page.evaluate(({ lon, lat, zoom }) => window.parcelscope?.map?.jumpTo({ center: [lon, lat], zoom }), {
    lon,
    lat,
    zoom,
  });
  const point = await page.evaluate(({ lon, lat }) => window.parcelscope?.map?.project([lon, lat]), {
    lon,
    lat,
  });
  const box = await page.getByTestId('map').boundingBox();
  if (!point || !box) throw new Error('the map is not there');
  await page.mouse.click(box.x + point.x, box.y + point.y);
}

describe('editing the network on the map', () => {
  test('edit mode: a labelled toggle (also E; Escape steps back), and a click on the map offers the four kinds where it snaps (a town, a metro centre)', async () => {
    const { page } = app;
    expect(boiseStations).toHaveLength(1);
    const toggle = page.getByTestId('edit-network');
    await toggle.click();
    await page.getByTestId('edit-card').waitFor();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    // Far from every metro's centre, a click 5 km off Twin Falls, ID lands on the town, named.
    await clickMapAt(page, -114.51, 42.59);
    await expect
      .poll(() => page.getByTestId('edit-add-place').textContent())
      .toMatch(/^in Twin Falls, ID: rural, \d+ km from Boise, ID$/);
    await app.screenshot('network-edit-town');
    // A click 2 km off Boise's centre lands on it: a metro with no station of its own.
    const offerBoise = async () => {
      await clickMapAt(page, BOISE.lon + 0.02, BOISE.lat + 0.01);
      await expect
        .poll(() => page.getByTestId('edit-add-place').textContent())
        .toBe('in Boise, ID (its centre)');
    };
    await offerBoise();
    for (const kind of ['fc', 'sc', 'station', 'hub'])
      expect(await page.getByTestId(`edit-add-${kind}`).isEnabled(), kind).toBe(true);
    // Keyboard users land on the first kind. Escape in the card drops the site, then leaves edit
    // mode; E opens it again.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'edit-add-fc',
    );
    await page.keyboard.press('Escape');
    await page.getByTestId('edit-add-place').waitFor({ state: 'detached' });
    await page.getByLabel('Leave edit mode').press('Escape');
    await page.getByTestId('edit-card').waitFor({ state: 'detached' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('e');
    await page.getByTestId('edit-card').waitFor();
    await offerBoise();
    app.assertClean();
  });

  test('adding a delivery station forks B at the time on screen: A keeps today’s network, B gets the station', async () => {
    const { page } = app;
    await page.getByTestId('edit-add-station').click();
    await waitForEditInB(page);
    const { compare, edit, paramsA } = await store(page);
    expect(compare?.mode).toBe('fork');
    expect(compare?.forkTimeS).toBe(EDIT_AT_S);
    expect(paramsA).toBe(WITHOUT_STATION);
    expect(compare?.params?.networkEdits).toBe(EDITS_B);
    // B has the station, operating now, serving Boise; A has neither.
    const networks = await page.evaluate(() => {
      const describe = (label: 'A' | 'B') => {
        const network = window.parcelscope?.getChannel(label).view.network;
        return {
          count: network?.facilities.length ?? 0,
          boise: network?.metroStations.Boise ?? [],
          lastOperating: network?.operating[network.facilities.length - 1] ?? -1,
        };
      };
      return { a: describe('A'), b: describe('B') };
    });
    expect(networks.b.count).toBe(networks.a.count + 1);
    expect(networks.b.boise).toEqual([networks.a.count]);
    expect(networks.b.lastOperating).toBe(1);
    expect(networks.a.boise).not.toContain(networks.a.count);
    expect(edit?.last?.facilityId).toBe(networks.a.count);
    // The edit is a change in the run's timeline, named.
    const mark = page.locator('[data-testid="timeline-mark"][data-kind="fork"]');
    expect(await mark.getAttribute('data-label')).toBe('Fork: B, Add delivery station near Boise, ID');
    expect(await page.getByTestId('edit-status').textContent()).toContain(
      'Scenario B: Add delivery station near Boise, ID from Day 2',
    );
    // The map shows where they differ: B's new station and its service area.
    await page.getByTestId('map-source-diff').click();
    await page.getByTestId('layer-serviceAreas').check();
    await page.evaluate(
      ({ lon, lat }) => window.parcelscope?.map?.jumpTo({ center: [lon, lat], zoom: 8.5 }),
      BOISE,
    );
    await app.screenshot('network-edit-station-added');
    // Software WebGL draws service areas slowly: the checks to come need the panels, not them.
    await page.getByTestId('layer-serviceAreas').uncheck();
    // On a 1280x800 laptop, with an FC's card open (the tallest, with its robots) and so its 3D
    // view under the map, the two cards share the map's short left column: apart, and the edit's
    // status stays in sight.
    await page.setViewportSize({ width: 1280, height: 800 });
    await selectFacility(page, OUTAGE_FC);
    await page.getByTestId('selection-card').waitFor();
    await page.getByTestId('scene-pane').locator('.scene-body').waitFor();
    await expectBoxesApart(page, 'edit-card', 'selection-card', 'at 1280x800, the 3D pane open');
    await expectShownWhole(page, 'edit-status', 'at 1280x800, the 3D pane open');
    // The card's body is cut short there: it says there is more below, and Tab reaches all of it.
    await expectMoreBelowHint(page, 'edit-card', 'at 1280x800, the 3D pane open');
    await app.screenshot('network-edit-station-added-1280x800');
    await page.evaluate(() => {
      const store = window.parcelscope?.store;
      store?.setState({ selection: null, panes: { ...store.getState().panes, sceneOpen: false } });
    });
    await page.setViewportSize({ width: 1280, height: 720 });
    app.assertClean();
  });
  test("three days on, Boise's parcels are on time more often in B; A's network is as it was; the link carries B's edits", async () => {
    const { page } = app;
    // The scrubber's move: both runs replay to day 5 without sending the hours between.
    await page.evaluate((at) => window.parcelscope?.seek(at), COMPARE_AT_S);
    await waitForBothAt(page, COMPARE_AT_S);
    await page.getByTestId('edit-impact-table').waitFor({ timeout: 60_000 });
    const [onTimeA, onTimeB] = [
      await readAreaFigure(page, 'onTime', 'a'),
      await readAreaFigure(page, 'onTime', 'b'),
    ];
    const [deliveredA, deliveredB] = [
      await readAreaFigure(page, 'delivered', 'a'),
      await readAreaFigure(page, 'delivered', 'b'),
    ];
    expect(deliveredA).toBeGreaterThan(100);
    expect(deliveredB).toBeGreaterThan(100);
    // By van from a station of its own instead of partner carriers from 437 km away.
    expect(onTimeB, `on time since the edit, A ${onTimeA}`).toBeGreaterThan(onTimeA + 0.03);
    expect(Number(await page.getByTestId('edit-impact-through').getAttribute('data-value'))).toBeGreaterThan(
      0,
    );
    // A kept today's network: still no station of its own in Boise (its addresses served from afar).
    const boiseInA = await page.evaluate(
      () => window.parcelscope?.getChannel('A').view.network?.metroStations.Boise ?? [],
    );
    expect(boiseInA).not.toContain(baseNetwork.network.facilities.length);
    expect(boiseInA).not.toContain(boiseStations[0]);
    // In the narrow rail the heading keeps "A vs B" and "Stop B" on one line each.
    for (const testId of ['compare-title', 'stop-compare'])
      expect(
        await page.getByTestId(testId).evaluate((element) => {
          const range = document.createRange();
          range.selectNodeContents(element);
          return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
        }),
        `lines of ${testId}`,
      ).toBe(1);
    await page.getByTestId('panel-compare').scrollIntoViewIfNeeded();
    await app.screenshot('network-edit-station-compare');

    await page.getByTestId('share-link').click();
    await expect.poll(() => page.evaluate(() => window.location.search)).toContain('bEdits=');
    linkQuery = await page.evaluate(() => window.location.search);
    const link = new URLSearchParams(linkQuery);
    expect(link.get('bEdits')).toBe(EDITS_B);
    expect(link.get('networkEdits')).toBe(WITHOUT_STATION);
    expect(link.get('t')).toBe(String(COMPARE_AT_S));
    shownAtLink = await readShownOnceDrawn(page);
    expect(shownAtLink.areaB).toHaveLength(4);
    // Delivery days 2 to 4, from the edit on.
    expect(shownAtLink.daysB).toHaveLength(3);
    app.assertClean();
  }, 240_000);

  test("an edit the model refuses is named in the edit card and changes nothing: the new station's vans, then its dock doors, out of range", async () => {
    const { page } = app;
    // B's new station, selected: its card beside the edit card offers its edits.
    const newStation = baseNetwork.network.facilities.length;
    await selectFacility(page, newStation);
    await page.getByTestId('edit-capacity-value').fill('999');
    await page.getByTestId('edit-capacity').click();
    // B is running, so the edit goes to B, whose model names the range.
    await expect
      .poll(() => page.getByTestId('edit-refused').textContent(), { timeout: 60_000 })
      .toMatch(/The model refused the edit: .*vans 999 is out of range; expected 0 to 400 vans/);
    // Its dock doors are a capacity of their own, with their own range.
    expect(Number(await page.getByTestId('selection-dock-doors').textContent())).toBeGreaterThanOrEqual(2);
    await page.getByTestId('edit-capacity-value-docks').fill('0');
    await page.getByTestId('edit-capacity-docks').click();
    await expect
      .poll(() => page.getByTestId('edit-refused').textContent(), { timeout: 60_000 })
      .toMatch(/The model refused the edit: .*docks 0 is out of range; expected 1 to 400 dock doors/);
    const { compare, paramsA } = await store(page);
    expect(compare?.active).toBe(true);
    expect(compare?.params?.networkEdits).toBe(EDITS_B);
    expect(paramsA).toBe(WITHOUT_STATION);
    await app.screenshot('network-edit-refused');
    // On a 1280x800 laptop, with an FC's card beside it (the tallest, with its robots) and so its
    // 3D view under the map, the model's reason stays in sight in the map's short left column.
    await page.setViewportSize({ width: 1280, height: 800 });
    await selectFacility(page, OUTAGE_FC);
    await page.getByTestId('selection-dock-doors').waitFor();
    await page.getByTestId('scene-pane').locator('.scene-body').waitFor();
    await expectBoxesApart(page, 'edit-card', 'selection-card', 'at 1280x800, the 3D pane open');
    for (const testId of ['edit-status', 'edit-refused'])
      await expectShownWhole(page, testId, 'at 1280x800, the 3D pane open');
    await app.screenshot('network-edit-refused-1280x800');
    await page.evaluate(() => {
      const store = window.parcelscope?.store;
      store?.setState({ selection: null, panes: { ...store.getState().panes, sceneOpen: false } });
    });
    await page.setViewportSize({ width: 1280, height: 720 });
    app.assertClean();
  });

  test('the copied link opens A and B again: the same figures at the same time', async () => {
    expect(linkQuery, 'the link copied after the station was added').toContain('bEdits=');
    const at = shownAtLink;
    if (!at) throw new Error('no figures were recorded at the link');
    // One page at a time: two software-WebGL pages on two cores starve each other.
    await app.page.context().close();
    app = await openApp(browser, linkQuery);
    const { page } = app;
    await waitForModelReady(page);
    await hideVehicles(page);
    await waitForBothAt(page, COMPARE_AT_S);
    await page.getByTestId('edit-impact-table').waitFor({ timeout: 60_000 });
    const shown = await readShownOnceDrawn(page);
    expect(shown.kpisA).toEqual(at.kpisA);
    expect(shown.deltas).toEqual(at.deltas);
    expect(shown.areaA).toEqual(at.areaA);
    expect(shown.areaB).toEqual(at.areaB);
    expect(shown.daysA).toEqual(at.daysA);
    expect(shown.daysB).toEqual(at.daysB);
    await page.getByTestId('panel-compare').scrollIntoViewIfNeeded();
    await app.screenshot('network-edit-link-reopened');
    app.assertClean();
  }, 240_000);

  test("an FC offline for a day from its card: its region's click to door rises in B, and falls back once the backlog has gone through", async () => {
    const { page } = app;
    expect(OUTAGE_FC).toBeGreaterThanOrEqual(0);
    await page.getByTestId('stop-compare').click();
    await expect.poll(async () => (await store(page)).compare?.active).toBe(false);
    await page.evaluate((at) => window.parcelscope?.seek(at), OUTAGE_AT_S);
    await waitForTickAt(page, OUTAGE_AT_S);
    // Edit mode may still be on from an earlier edit: the toggle would turn it off.
    const toggle = page.getByTestId('edit-network');
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
    await page.getByTestId('edit-card').waitFor();
    await selectFacility(page, OUTAGE_FC);
    // Its card stands under the edit card in the map's left column, clear of the map's middle.
    const [editCard, facilityCard, map] = await Promise.all(
      ['edit-card', 'selection-card', 'map'].map((testId) => page.getByTestId(testId).boundingBox()),
    );
    expect(facilityCard!.y, 'top of the facility card').toBeGreaterThanOrEqual(
      editCard!.y + editCard!.height,
    );
    expect(facilityCard!.x + facilityCard!.width, "the facility card's right edge").toBeLessThan(
      map!.x + map!.width / 2,
    );
    // Selecting an FC opens its 3D view; this test reads the compare panel (and software WebGL
    // spends seconds a frame on the robots).
    await page.getByTestId('scene-pane').getByRole('button', { name: 'Collapse' }).click();
    await page.getByTestId('edit-outage-period').selectOption(String(DAY_S));
    await page.getByTestId('edit-outage').click();
    await waitForEditInB(page);
    expect((await store(page)).compare?.params?.networkEdits).toBe(
      `${WITHOUT_STATION};outage:f${OUTAGE_FC}:day2-day3`,
    );
    expect(
      await page.locator('[data-testid="timeline-mark"][data-kind="fork"]').last().getAttribute('data-label'),
    ).toBe('Fork: B, Atlanta FC 1 offline for 1 day');
    await page.evaluate((at) => window.parcelscope?.seek(at), OUTAGE_END_S);
    await waitForBothAt(page, OUTAGE_END_S);
    expect(
      await page.evaluate((id) => window.parcelscope?.getChannel('B').view.network?.operating[id], OUTAGE_FC),
      'the FC works again in B',
    ).toBe(1);
    // The region's deliveries since the edit took longer from click to door in B. Each run's
    // area rows come in messages of their own after its tick: wait until both have drawn.
    await expect
      .poll(async () =>
        Promise.all([
          readAreaFigure(page, 'clickToDoorH', 'a'),
          readAreaFigure(page, 'clickToDoorH', 'b'),
        ]).then((figures) => figures.every(Number.isFinite)),
      )
      .toBe(true);
    const [clickToDoorA, clickToDoorB] = [
      await readAreaFigure(page, 'clickToDoorH', 'a'),
      await readAreaFigure(page, 'clickToDoorH', 'b'),
    ];
    expect(clickToDoorB, `click to door since the edit, A ${clickToDoorA} h`).toBeGreaterThan(clickToDoorA);
    // Day by day as the chart draws it: B's parcels took longer while the orders of the day
    // offline (shipped from farther FCs) reached their doors, and no longer once they had.
    const days = await page.locator('[data-testid="edit-impact-day"]').evaluateAll((bars) =>
      bars.map((bar) => ({
        day: Number(bar.getAttribute('data-day')),
        delta: Number(bar.getAttribute('data-b')) - Number(bar.getAttribute('data-a')),
      })),
    );
    const shown = JSON.stringify(days);
    expect(
      days.map((day) => day.day),
      shown,
    ).toEqual([2, 3, 4, 5, 6, 7]);
    const peak = Math.max(...days.filter((day) => day.day >= 3 && day.day <= 5).map((day) => day.delta));
    expect(peak, `the rise after the outage, B − A by delivery day ${shown}`).toBeGreaterThan(0.3);
    // Once recovered, judged over the recovered days together: one region's mean of a day at
    // this scale swings by ~0.13 h between two runs for no cause (a build whose day 6 read
    // +0.09 h read day 7 at -0.13 h; the next, +0.15 and +0.03 h).
    const recovered = days.filter((day) => day.day >= 6);
    const recoveredDelta = recovered.reduce((sum, day) => sum + day.delta, 0) / recovered.length;
    expect(recoveredDelta, `days 6-7, once recovered: ${shown}`).toBeLessThan(Math.min(0.15, peak / 3));
    await page.getByTestId('panel-compare').scrollIntoViewIfNeeded();
    await app.screenshot('network-edit-fc-offline');
    app.assertClean();
  }, 240_000);
});
