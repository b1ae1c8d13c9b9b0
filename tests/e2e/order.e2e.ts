/**
 * "Place your order" as a presenter does it: open the form, choose a city, a heavy item and a
 * next-day promise, place it, and watch the parcel to its door. The journey timeline the page
 * shows must be the model's own trace for that parcel (a Node run of the same scenario, time and
 * order gives the same stages at the same times), and a late order (the winter-storm recipe on
 * the small network) names the stages that cost the time. A bad address says why and changes
 * nothing.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROMISE_LABELS } from '../../src/panels/carriers';
import { explainJourney } from '../../src/sim/journey';
import { getRecipeParams, LATE_JOURNEY_RECIPE } from '../sim/journeyRecipes';
import { createSimulation, type ParcelTrace } from '../../src/sim/simulation';
import { describeCause, getStageLabel } from '../../src/ui/order/journeyWords';
import { getRunOutcome } from '../../src/ui/order/ReplicaVerdict';
import { getReplicaSeed } from '../../src/state/replicaSeeds';
import { DELIVERY_STATION } from '../../src/sim/kinds';
import {
  expectBoxesApart,
  expectMoreBelowHint,
  expectShownWhole,
  type GuardedPage,
  hideVehicles,
  launchBrowser,
  openApp,
  readHourlyKpi,
  waitForModelReady,
  waitForTickAt,
} from './browser';

const RECIPE = LATE_JOURNEY_RECIPE;
const ORDER_AT_S = RECIPE.orderAtHour * 3600;
const SCENARIO =
  `preset=${RECIPE.preset}&seed=${RECIPE.seed}&` +
  Object.entries(RECIPE.overrides)
    .map(([key, value]) => `${key}=${value}`)
    .join('&');

let browser: Browser;
/** The scenario at the order time, paused: the refused order and then the followed one. */
let app: GuardedPage;
beforeAll(async () => {
  browser = await launchBrowser();
  app = await openApp(browser, `?${SCENARIO}&t=${ORDER_AT_S}&paused=1`);
  await waitForModelReady(app.page);
  await hideVehicles(app.page);
  await waitForTickAt(app.page, ORDER_AT_S);
});
afterAll(async () => {
  await app?.page.context().close();
  await browser?.close();
});

/** The journey as the page shows it: one entry per stage row. */
async function shownStages(page: Page) {
  return page.locator('[data-testid="journey-stage"]').evaluateAll((rows) =>
    rows.map((row) => ({
      kind: row.getAttribute('data-kind'),
      status: row.getAttribute('data-status'),
      startS: row.getAttribute('data-start-s'),
      endS: row.getAttribute('data-end-s'),
    })),
  );
}

describe('place your order', () => {
  // First, on the same page: a refused order leaves the run as it was for the order that follows.
  test('an address no station serves gets a clear message and changes nothing', async () => {
    await app.page.getByTestId('order-open').click();
    await app.page.getByTestId('order-submit').click();
    expect(await app.page.getByTestId('order-error').textContent()).toContain('Choose a city');

    // Pick a point in the Atlantic on the map, as a person clicks it.
    await app.page.getByTestId('order-pick-on-map').click();
    const framesBefore = await app.page.evaluate(() => {
      window.parcelscope?.map?.jumpTo({ center: [-72, 36], zoom: 5 });
      return window.parcelscope?.perfStats.frames ?? 0;
    });
    // deck.gl takes the new camera on its next frames (software GL: about one a second here).
    await expect
      .poll(() => app.page.evaluate(() => window.parcelscope?.perfStats.frames ?? 0), { timeout: 30_000 })
      .toBeGreaterThan(framesBefore + 2);
    const point = await app.page.evaluate(() => {
      const map = window.parcelscope?.map;
      if (!map) return null;
      const projected = map.project([-70, 35]);
      const box = map.getContainer().getBoundingClientRect();
      return { x: box.left + projected.x, y: box.top + projected.y };
    });
    if (!point) throw new Error('no map');
    await app.page.mouse.click(point.x, point.y);
    await expect
      .poll(() => app.page.getByTestId('order-address').textContent(), { timeout: 10_000 })
      .toContain('70.0');
    const orderedBefore = await app.page.evaluate(() => window.parcelscope?.kpiHistory.total('ordered'));
    await app.page.getByTestId('order-submit').click();
    await expect
      .poll(() => app.page.getByTestId('order-error').textContent(), { timeout: 30_000 })
      .toMatch(/km/);
    await app.screenshot('order-bad-address');
    // On a 1024x768 projector, with a station's card open and the 3D pane under the map, the form
    // and the card share the map's short left column: neither hides the other, and the button and
    // the reason the order was refused stay in sight.
    await app.page.setViewportSize({ width: 1024, height: 768 });
    await app.page.evaluate((kind) => {
      const store = window.parcelscope?.store;
      const station = window.parcelscope?.simView.network?.facilities.findIndex(
        (facility) => facility.kind === kind,
      );
      if (!store || station === undefined || station < 0) throw new Error('no delivery station');
      store.setState({
        selection: { kind: 'facility', id: station },
        panes: { ...store.getState().panes, sceneOpen: true },
      });
    }, DELIVERY_STATION);
    await app.page.getByTestId('selection-card').waitFor();
    await expectBoxesApart(app.page, 'order-card', 'selection-card', 'at 1024x768, the 3D pane open');
    for (const testId of ['order-submit', 'order-error'])
      await expectShownWhole(app.page, testId, 'at 1024x768, the 3D pane open');
    // The form's body is cut short there: it says there is more below, and Tab reaches all of it.
    await expectMoreBelowHint(app.page, 'order-card', 'at 1024x768, the 3D pane open');
    // So is the station's card under it: its figures say there is more below, and its way out of
    // the selection (Fly to, Clear) stays in sight, not scrolled out under the card's edge.
    for (const testId of ['selection-fly-to', 'selection-clear'])
      await expectShownWhole(app.page, testId, 'at 1024x768 under the order form, the 3D pane open');
    await expectMoreBelowHint(
      app.page,
      'selection-card',
      'at 1024x768 under the order form, the 3D pane open',
    );
    await app.screenshot('order-bad-address-1024');
    await app.page.evaluate(() => {
      const store = window.parcelscope?.store;
      store?.setState({ selection: null, panes: { ...store.getState().panes, sceneOpen: false } });
    });
    await app.page.setViewportSize({ width: 1280, height: 720 });
    expect(await app.page.evaluate(() => window.parcelscope?.store.getState().order.followedKey)).toBeNull();
    expect(await app.page.getByTestId('journey-panel').count()).toBe(0);
    expect(await app.page.evaluate(() => window.parcelscope?.kpiHistory.total('ordered'))).toBe(
      orderedBefore,
    );
    // From the keyboard, inside the form: Escape closes it.
    await app.page.getByTestId('order-city').focus();
    await app.page.keyboard.press('Escape');
    expect(await app.page.getByTestId('order-card').count()).toBe(0);
    // The focus goes back to the button that opened the form, not to the page's body.
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'order-open',
    );
    app.assertClean();
  });

  test('a placed order is followed to its door, its journey is the model trace, and a late one says why', async () => {
    expect(await app.page.evaluate(() => window.parcelscope?.store.getState().displayTimeS)).toBe(ORDER_AT_S);
    await app.page.getByTestId('order-open').click();
    await app.page.getByTestId('order-city').selectOption('Chicago');
    await app.page.getByLabel('Heavy').check();
    // Same day asked of a network of 20 FCs for the whole country: the storefront promises what the
    // order's path can keep.
    await app.page.getByTestId('order-promise').selectOption('sameDay');
    await app.screenshot('order-form');
    await app.page.getByTestId('order-submit').click();
    await app.page.getByTestId('journey-panel').waitFor({ timeout: 60_000 });
    const address = await app.page.evaluate(() => window.parcelscope?.store.getState().order.address);
    if (!address) throw new Error('the form kept no address');

    // The page follows the parcel: first its FC, with the 3D pane open on it.
    await expect
      .poll(() => app.page.evaluate(() => window.parcelscope?.store.getState().selection?.kind), {
        timeout: 30_000,
      })
      .toBe('facility');
    expect(await app.page.evaluate(() => window.parcelscope?.store.getState().panes.sceneOpen)).toBe(true);
    const origin = await app.page.evaluate(() => window.parcelscope?.getFollowedOrder()?.placed.originFc);
    expect(await app.page.evaluate(() => window.parcelscope?.store.getState().selection)).toEqual({
      kind: 'facility',
      id: origin,
    });
    // Full screen on the FC, as a presenter watching the parcel there does.
    await app.page.getByTestId('scene-size-full').click();
    await expect.poll(() => app.page.getByTestId('scene-pane').getAttribute('data-size')).toBe('full');
    // Paused, so no tick writes the scene's frame count: its canvas is what shows it loaded.
    await app.page.locator('[data-testid="fc-scene"] canvas').waitFor({ timeout: 60_000 });
    await app.screenshot('order-fc-full-screen');

    // The same scenario, time and order in Node: the model's own trace of that parcel.
    const sim = createSimulation(getRecipeParams(RECIPE), RECIPE.seed);
    sim.advanceTo(ORDER_AT_S);
    const placed = sim.placeOrder(
      { lon: address.lon, lat: address.lat, weightKg: 12, promise: 'sameDay' },
      'order-1',
    );
    // Promised a later day than asked, as the model's storefront does for every order, and the
    // panel says so.
    expect(placed.promise).not.toBe('sameDay');
    const promiseLine = (await app.page.getByTestId('journey-promise').textContent()) ?? '';
    expect(promiseLine).toContain(PROMISE_LABELS[placed.promise]);
    expect(promiseLine).toContain('asked for Same day');
    let trace = sim.traceParcel(placed.parcelId) as ParcelTrace;
    while (trace.watch?.deliveredS === null && sim.timeS < ORDER_AT_S + 8 * 86_400) {
      sim.advanceTo(sim.timeS + 6 * 3600);
      sim.drainTrips();
      trace = sim.traceParcel(placed.parcelId) as ParcelTrace;
    }
    const journey = explainJourney(trace, sim.params);
    const deliveredS = journey.deliveredS;
    const firstLeg = trace.watch?.facts.find((fact) => fact.kind === 'truckBoarded');
    if (deliveredS === null || !firstLeg) throw new Error('Node did not deliver the order');

    // Scrub to the middle of its first truck ride: the page follows that truck.
    const seek = (timeS: number) => app.page.evaluate((to) => window.parcelscope?.seek(to), timeS);
    await seek(Math.round((firstLeg.departS + firstLeg.arriveS) / 120) * 60);
    await expect
      .poll(() => app.page.evaluate(() => window.parcelscope?.store.getState().selection), {
        timeout: 60_000,
      })
      .toEqual({ kind: 'vehicle', id: firstLeg.vehicleId, vehicleKind: 0 });
    expect(await app.page.evaluate(() => window.parcelscope?.store.getState().following)).toBe(true);
    // The parcel left the FC and the page closed its 3D view: the view docks, and the header and
    // the map show again (closed at full screen, it stayed a blank pane over the whole page).
    await expect
      .poll(() => app.page.getByTestId('scene-pane').getAttribute('data-size'), {
        message: 'the 3D view the parcel left, closed: its size',
      })
      .toBe('docked');
    for (const selector of ['.app-header', '.map-area']) {
      const onTop = await app.page.evaluate((shown) => {
        const part = document.querySelector(shown);
        const box = part?.getBoundingClientRect();
        if (!part || !box) return `no ${shown}`;
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return hit && part.contains(hit) ? 'shown' : `under ${hit?.className || hit?.tagName}`;
      }, selector);
      expect(onTop, `${selector} once the parcel left the full-screen FC`).toBe('shown');
    }
    await app.screenshot('order-on-line-haul');

    // And past its door: the journey is complete.
    await seek(Math.ceil(deliveredS / 3600) * 3600 + 3600);
    await expect
      .poll(() => app.page.getByTestId('journey-panel').getAttribute('data-delivered'), { timeout: 90_000 })
      .toBe('true');
    expect(await shownStages(app.page)).toEqual(
      journey.stages.map((stage) => ({
        kind: stage.kind,
        status: stage.status,
        startS: stage.startS === null ? '' : String(stage.startS),
        endS: stage.endS === null ? '' : String(stage.endS),
      })),
    );

    // Late, and the page names the stages that cost the time and why.
    expect(journey.isLate).toBe(true);
    expect(await app.page.getByTestId('journey-panel').getAttribute('data-late')).toBe('true');
    const blame = (await app.page.getByTestId('journey-blame').textContent()) ?? '';
    for (const stage of journey.costliestStages) expect(blame).toContain(getStageLabel(stage).toLowerCase());
    const causes = await app.page.getByTestId('journey-cause').allTextContents();
    for (const stage of journey.costliestStages) {
      for (const cause of stage.causes)
        expect(causes).toContain(describeCause(cause, RECIPE.overrides.scale));
    }
    expect(causes.join(' ')).toMatch(/queue/);
    // At its door: the camera left the vehicles and went to the address.
    expect(await app.page.evaluate(() => window.parcelscope?.store.getState().selection)).toBeNull();
    expect(await app.page.evaluate(() => window.parcelscope?.store.getState().panes.sceneOpen)).toBe(false);
    // The camera flies to the door: photograph it once it has landed there.
    await expect
      .poll(() => app.page.evaluate(() => window.parcelscope?.map?.isMoving() ?? false), { timeout: 20_000 })
      .toBe(false);
    const center = await app.page.evaluate(() => window.parcelscope?.map?.getCenter().toArray());
    expect(Math.abs((center?.[0] ?? 0) - trace.destinationLon), 'camera at the door (lon)').toBeLessThan(
      0.05,
    );
    expect(Math.abs((center?.[1] ?? 0) - trace.destinationLat), 'camera at the door (lat)').toBeLessThan(
      0.05,
    );
    await app.screenshot('order-journey-late');

    // Replications: the same order on two more seeds. The verdict counts the runs that kept its
    // promise by the time on screen, as Node runs of those seeds do.
    const shownS = await app.page.evaluate(() => window.parcelscope?.store.getState().displayTimeS ?? 0);
    const outcomes = [1, 2].map((k) => {
      const replica = createSimulation(getRecipeParams(RECIPE), getReplicaSeed(RECIPE.seed, k));
      replica.advanceTo(ORDER_AT_S);
      const order = replica.placeOrder(
        { lon: address.lon, lat: address.lat, weightKg: 12, promise: 'sameDay' },
        'order-1',
      );
      replica.advanceTo(shownS);
      return getRunOutcome(
        explainJourney(replica.traceParcel(order.parcelId) as ParcelTrace, replica.params),
      );
    });
    const replicasOnTime = outcomes.filter((outcome) => outcome === 'onTime').length;
    const replicasPending = outcomes.filter((outcome) => outcome === 'pending').length;
    await app.page.getByTestId('replications').selectOption('2');
    const verdict = app.page.getByTestId('journey-runs');
    await expect.poll(() => verdict.getAttribute('data-runs'), { timeout: 30_000 }).toBe('3');
    await expect
      .poll(() => app.page.getByTestId('replications-status').count(), { timeout: 120_000 })
      .toBe(0);
    // A's own run was late, so only the replications can count.
    await expect
      .poll(() => verdict.textContent(), { timeout: 30_000 })
      .toBe(
        `On time in ${replicasOnTime} of 3 runs${replicasPending > 0 ? ` (${replicasPending} still on the way)` : ''}`,
      );
    await app.screenshot('order-journey-replications');
    await app.page.getByTestId('replications').selectOption('0');
    await expect.poll(() => verdict.count()).toBe(0);

    // "Copy link" carries the order: the link opens on the same journey, stage for stage.
    const stagesShown = await shownStages(app.page);
    await app.page.getByTestId('share-link').click();
    await expect.poll(() => app.page.evaluate(() => window.location.search)).toContain('order=');
    const link = await app.page.evaluate(() => window.location.search);
    app.assertClean();
    // One page at a time: two software-WebGL pages on two cores starve each other.
    await app.page.context().close();
    const second = await openApp(browser, link);
    await waitForModelReady(second.page);
    await hideVehicles(second.page);
    await expect
      .poll(() => second.page.getByTestId('journey-panel').getAttribute('data-delivered'), {
        timeout: 90_000,
      })
      .toBe('true');
    expect(await shownStages(second.page)).toEqual(stagesShown);
    // The order went in on the way to the link's time: the hours before it keep their history.
    const orderedByHour = await readHourlyKpi(second.page, 'ordered');
    expect(orderedByHour.length).toBeGreaterThan(2);
    for (const count of orderedByHour) expect(count).toBeGreaterThan(0);
    second.assertClean();
    await second.page.context().close();
  }, 360_000);
});
