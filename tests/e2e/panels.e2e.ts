/**
 * The D3 panels as a stakeholder reads them: after a fixed sim time with a fixed seed, the
 * on-time rate and the hourly throughput they show equal the headless model's figures for the
 * same scenario and time; brushing a window filters; screenshots of the rail are kept.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseParamOverrides, validateParams } from '../../src/sim/params';
import { createSimulation } from '../../src/sim/simulation';
import { hideVehicles, launchBrowser, openApp, waitForModelReady } from './browser';

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

function headlessKpis() {
  const { overrides } = parseParamOverrides(new URLSearchParams(SCENARIO));
  const { params } = validateParams(overrides as Record<string, unknown>);
  const sim = createSimulation(params, SEED);
  sim.advanceTo(AT_S);
  return sim.getKpis();
}

describe('the KPI panels', () => {
  test('show the same on-time rate and throughput as the headless model at the same time', async () => {
    const expected = headlessKpis();
    const app = await openApp(browser, `?${SCENARIO}&seed=${SEED}&t=${AT_S}&paused=1`);
    await waitForModelReady(app.page);
    await hideVehicles(app.page);
    await expect
      .poll(() => app.page.evaluate(() => window.parcelscope?.simView.currentTick?.timeS ?? -1), {
        timeout: 90_000,
      })
      .toBe(AT_S);
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
    await expect
      .poll(() => app.page.evaluate(() => window.parcelscope?.simView.currentTick?.timeS ?? -1), {
        timeout: 90_000,
      })
      .toBe(AT_S);
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
});
