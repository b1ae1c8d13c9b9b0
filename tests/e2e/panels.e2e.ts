/**
 * The D3 panels as a stakeholder reads them: after a fixed sim time with a fixed seed, the
 * on-time rate and the hourly throughput they show equal the headless model's figures for the
 * same scenario and time; brushing a window filters; screenshots of the rail are kept.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseParamOverrides, validateParams } from '../../src/sim/params';
import { DELIVERY_STATION, FULFILLMENT_CENTER } from '../../src/sim/kinds';
import { getFacilityDeliveryKpis } from '../../src/sim/lastMile/facilityDeliveries';
import { createSimulation } from '../../src/sim/simulation';
import { hideVehicles, launchBrowser, openApp, waitForModelReady, waitForTickAt } from './browser';

const SCENARIO = 'scale=0.002&fulfillmentCenterCount=20&sortationCenterCount=10&deliveryStationCount=150';
const SEED = 11;
/** Day 2, 06:00: a day of deliveries behind it. */
const AT_S = 30 * 3600;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function headlessRun() {
  const { overrides } = parseParamOverrides(new URLSearchParams(SCENARIO));
  const { params } = validateParams(overrides as Record<string, unknown>);
  const sim = createSimulation(params, SEED);
  sim.advanceTo(AT_S);
  return sim;
}

function headlessKpis() {
  return headlessRun().getKpis();
}

/** The facility of `kind` that delivered the most parcels by AT_S, with its figures, headless. */
function busiestFacility(kind: number) {
  const sim = headlessRun();
  const { values } = sim.readFacilityDeliveries();
  let best = { id: -1, name: '', delivered: -1, onTimeRate: Number.NaN };
  for (const facility of sim.network.facilities) {
    if (facility.kind !== kind) continue;
    const kpis = getFacilityDeliveryKpis(values, facility.id, sim.params.scale);
    if (kpis.delivered > best.delivered)
      best = { id: facility.id, name: facility.name, delivered: kpis.delivered, onTimeRate: kpis.onTimeRate };
  }
  return best;
}

describe('the KPI panels', () => {
  test('show the same on-time rate and throughput as the headless model at the same time', async () => {
    const expected = headlessKpis();
    const app = await openApp(browser, `?${SCENARIO}&seed=${SEED}&t=${AT_S}&paused=1`);
    await waitForModelReady(app.page);
    await hideVehicles(app.page);
    await waitForTickAt(app.page, AT_S);
    const shown = await app.page.evaluate(() => {
      const handle = window.parcelscope;
      const onTime = document.querySelector('[data-testid="kpi-on-time"]');
      return {
        onTime: Number(onTime?.getAttribute('data-value')),
        onTimeText: onTime?.textContent ?? '',
        ordered: Array.from(handle?.kpiHistory.column('ordered') ?? []),
        picked: Array.from(handle?.kpiHistory.column('picked') ?? []),
        delivered: handle?.kpiHistory.total('delivered') ?? -1,
      };
    });
    const cumulative = expected.cumulative as Record<string, number>;
    expect(cumulative.delivered, 'the headless run delivered parcels by then').toBeGreaterThan(0);
    expect(shown.delivered).toBe(cumulative.delivered);
    expect(shown.onTime).toBe(cumulative.deliveredOnTime / cumulative.delivered);
    expect(shown.onTimeText).toBe(
      `${((100 * cumulative.deliveredOnTime) / cumulative.delivered).toFixed(1)}%`,
    );
    expect(shown.ordered).toEqual(Array.from(expected.hourly.ordered));
    expect(shown.picked).toEqual(Array.from(expected.hourly.picked));
    await app.screenshot('panels-rail');
    app.assertClean();
    await app.page.context().close();
  });

  test('brushing a time window filters the on-time figure and marks the timeline', async () => {
    const app = await openApp(browser, `?${SCENARIO}&seed=${SEED}&t=${AT_S}&paused=1`);
    await waitForModelReady(app.page);
    await hideVehicles(app.page);
    await waitForTickAt(app.page, AT_S);
    const whole = await app.page.getByTestId('kpi-on-time').getAttribute('data-value');
    // Drag across the second half of the on-time chart's plot area.
    const brush = app.page.locator('[data-testid="panel-on-time"] .chart-brush .overlay');
    const box = await brush.boundingBox();
    expect(box).not.toBeNull();
    await app.page.mouse.move(box!.x + box!.width * 0.55, box!.y + box!.height / 2);
    await app.page.mouse.down();
    await app.page.mouse.move(box!.x + box!.width * 0.95, box!.y + box!.height / 2, { steps: 5 });
    await app.page.mouse.up();
    const brushed = await app.page.evaluate(() => window.parcelscope?.store.getState().timeWindow);
    expect(brushed, 'a brushed window of sim hours').toEqual([expect.any(Number), expect.any(Number)]);
    await expect.poll(() => app.page.getByTestId('kpi-on-time').getAttribute('data-value')).not.toBe(whole);
    expect(await app.page.locator('.timeline-window').count()).toBe(1);
    await app.screenshot('panels-brushed');
    await app.page.getByTestId('clear-window').click();
    await expect.poll(() => app.page.getByTestId('kpi-on-time').getAttribute('data-value')).toBe(whole);
    app.assertClean();
    await app.page.context().close();
  });

  test('selecting a facility filters the delivery panels to the parcels through it, and back', async () => {
    const network = headlessKpis();
    const station = busiestFacility(DELIVERY_STATION);
    const fc = busiestFacility(FULFILLMENT_CENTER);
    expect(station.delivered, 'the busiest station delivered parcels by then').toBeGreaterThan(0);
    const app = await openApp(browser, `?${SCENARIO}&seed=${SEED}&t=${AT_S}&paused=1`);
    await waitForModelReady(app.page);
    await hideVehicles(app.page);
    await waitForTickAt(app.page, AT_S);
    const shownFigures = async () => ({
      onTime: Number(await app.page.getByTestId('kpi-on-time').getAttribute('data-value')),
      delivered: Number(await app.page.getByTestId('kpi-delivered').getAttribute('data-value')),
    });
    const networkCumulative = network.cumulative as Record<string, number>;
    const networkFigures = {
      onTime: networkCumulative.deliveredOnTime / networkCumulative.delivered,
      delivered: networkCumulative.delivered,
    };
    expect(await shownFigures()).toEqual(networkFigures);

    // A person types the station's name in the header search and presses Enter.
    for (const facility of [station, fc]) {
      await app.page.getByTestId('facility-search').fill(facility.name);
      await app.page.getByTestId('facility-search').press('Enter');
      await expect
        .poll(() => app.page.getByTestId('scope-note').first().textContent(), { timeout: 30_000 })
        .toContain(facility.name);
      await expect
        .poll(shownFigures, { timeout: 30_000, message: `${facility.name}'s on time and deliveries` })
        .toEqual({ onTime: facility.onTimeRate, delivered: facility.delivered });
      // Every delivery panel says whose parcels it shows.
      expect(await app.page.getByTestId('scope-note').count()).toBe(4);
      if (facility === station) await app.screenshot('panels-station-selected');
    }
    // The selected FC's own charts hold its whole history: a point for every hour elapsed,
    // though the page opened at AT_S (the worker replayed those hours and kept them).
    for (const chart of ['facility-throughput', 'facility-backlog']) {
      await expect
        .poll(() => app.page.getByTestId(chart).getAttribute('data-points'), {
          timeout: 30_000,
          message: chart,
        })
        .toBe(String(AT_S / 3600));
    }
    await app.screenshot('panels-fc-history');

    await app.page.getByTestId('back-to-network').click();
    await expect.poll(shownFigures, { timeout: 30_000 }).toEqual(networkFigures);
    expect(await app.page.getByTestId('scope-note').count()).toBe(0);
    app.assertClean();
    await app.page.context().close();
  });
});
