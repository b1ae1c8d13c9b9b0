/**
 * Redesigning the network on the map, as a presenter does it on one run: edit mode from the
 * header (or E), a click on the map that offers a new facility where it snaps, and a delivery
 * station added in a metro that has none, forking B (A keeps today's network) with the station
 * in B's network, on the timeline and on the map's difference view.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildNetwork } from '../../src/sim/network';
import { defaultParams } from '../../src/sim/params';
import {
  type GuardedPage,
  hideVehicles,
  launchBrowser,
  openApp,
  waitForModelReady,
  waitForTickAt,
} from './browser';

const SCALE = 0.001;
const SEED = 5;
/** Day 2, 10:00: the morning's orders are in, the next delivery wave is tomorrow morning. */
const EDIT_AT_S = 34 * 3600;
/** Allentown, PA (its centre, as the bundled places give it): one station in the default network. */
const ALLENTOWN = { lon: -75.49018, lat: 40.60843 };
const allentownStations =
  buildNetwork({ ...defaultParams(), scale: SCALE }).metros.find((metro) => metro.name === 'Allentown')
    ?.stationIds ?? [];
/** A without Allentown's station: its addresses are served from Reading's, as rural ones. */
const WITHOUT_STATION = allentownStations.map((id) => `remove:f${id}`).join(';');
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

const store = (page: Page) =>
  page.evaluate(() => {
    const state = window.parcelscope?.store.getState();
    return {
      compare: state?.compare,
      edit: state?.networkEdit,
      paramsA: state?.params?.networkEdits,
    };
  });

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
  test('edit mode: a labelled toggle (also E), and a click on the map offers the four kinds where it snaps', async () => {
    const { page } = app;
    expect(allentownStations).toHaveLength(1);
    const toggle = page.getByTestId('edit-network');
    await toggle.click();
    await page.getByTestId('edit-card').waitFor();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('e');
    await page.getByTestId('edit-card').waitFor({ state: 'detached' });
    await page.keyboard.press('e');
    await page.getByTestId('edit-card').waitFor();
    // A click 2 km off Allentown's centre lands on it: a metro with no station of its own.
    await clickMapAt(page, ALLENTOWN.lon + 0.02, ALLENTOWN.lat + 0.01);
    await expect
      .poll(() => page.getByTestId('edit-add-place').textContent())
      .toBe('in Allentown, PA (its centre)');
    for (const kind of ['fc', 'sc', 'station', 'hub'])
      expect(await page.getByTestId(`edit-add-${kind}`).isEnabled(), kind).toBe(true);
    // Keyboard users land on the first kind.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'edit-add-fc',
    );
    app.assertClean();
  });

  test('adding a delivery station forks B at the time on screen: A keeps today’s network, B gets the station', async () => {
    const { page } = app;
    await page.getByTestId('edit-add-station').click();
    await expect
      .poll(
        async () => {
          const { compare, edit } = await store(page);
          return `${compare?.active} ${compare?.phase} ${edit?.status}`;
        },
        { timeout: 120_000 },
      )
      .toBe('true ready applied');
    const { compare, edit, paramsA } = await store(page);
    expect(compare?.mode).toBe('fork');
    expect(compare?.forkTimeS).toBe(EDIT_AT_S);
    expect(paramsA).toBe(WITHOUT_STATION);
    expect(compare?.params?.networkEdits).toBe(
      `${WITHOUT_STATION};add:station:${ALLENTOWN.lon},${ALLENTOWN.lat}@day2h10`,
    );
    // B has the station, operating now, serving Allentown; A has neither.
    const networks = await page.evaluate(() => {
      const describe = (label: 'A' | 'B') => {
        const network = window.parcelscope?.getChannel(label).view.network;
        return {
          count: network?.facilities.length ?? 0,
          allentown: network?.metroStations.Allentown ?? [],
          lastOperating: network?.operating[network.facilities.length - 1] ?? -1,
        };
      };
      return { a: describe('A'), b: describe('B') };
    });
    expect(networks.b.count).toBe(networks.a.count + 1);
    expect(networks.b.allentown).toEqual([networks.a.count]);
    expect(networks.b.lastOperating).toBe(1);
    expect(networks.a.allentown).not.toContain(networks.a.count);
    expect(edit?.last?.facilityId).toBe(networks.a.count);
    // The edit is a change in the run's timeline, named.
    const mark = page.locator('[data-testid="timeline-mark"][data-kind="fork"]');
    expect(await mark.getAttribute('data-label')).toBe('Fork: B add delivery station near Allentown, PA');
    expect(await page.getByTestId('edit-status').textContent()).toContain(
      'Scenario B: Add delivery station near Allentown, PA from Day 2',
    );
    // The map shows where they differ: B's new station and its service area.
    await page.getByTestId('map-source-diff').click();
    await page.getByTestId('layer-serviceAreas').check();
    await page.evaluate(
      ({ lon, lat }) => window.parcelscope?.map?.jumpTo({ center: [lon, lat], zoom: 8.5 }),
      ALLENTOWN,
    );
    await app.screenshot('network-edit-station-added');
    app.assertClean();
  });
});
