/**
 * The panels count the steady state, as the headline does: without a brushed window their
 * figures cover the last 24 sim hours, so the first day's start-up on an empty network drops out
 * of them; the on-time chart draws the headline hour by hour from the first hour anything fell due.
 */
import { describe, expect, test } from 'vitest';
import {
  describeHourWindow,
  getFirstCountedHour,
  getHeadlineWindow,
  HEADLINE_HOURS,
  trailingRateSeries,
  windowRate,
} from '../../src/panels/aggregate';
import { getNetworkDeliveryKpis } from '../../src/panels/networkDeliveries';
import { KPI_NAMES } from '../../src/sim/kpis';
import { KpiHistory } from '../../src/state/kpiHistory';

/**
 * 48 sim hours of the network's KPIs, as the worker streams them, shaped as the model's run is:
 * promises fall due only from 20h to 23h; deliveries run 11h-18h. Day 1 is the start-up: every
 * delivery late (3 h), all by Flex at $12 each; day 2 runs well: every delivery on time, by van
 * at $4 each. The numbers are small whole counts, so every expected figure is exact.
 */
function twoDays(): KpiHistory {
  const history = new KpiHistory();
  history.reset(KPI_NAMES);
  const rows = new Float64Array(48 * KPI_NAMES.length);
  const set = (hour: number, name: string, value: number) => {
    rows[hour * KPI_NAMES.length + KPI_NAMES.indexOf(name as (typeof KPI_NAMES)[number])] = value;
  };
  for (let hour = 0; hour < 48; hour++) {
    const day2 = hour >= 24;
    const clock = hour % 24;
    if (clock >= 20) {
      set(hour, 'dueParcels', 10);
      set(hour, 'dueOnTime', day2 ? 10 : 4);
    }
    if (clock >= 11 && clock <= 18) {
      set(hour, 'delivered', 5);
      set(hour, day2 ? 'assignedVan' : 'assignedFlex', 5);
      set(hour, day2 ? 'vanCostUsd' : 'flexCostUsd', day2 ? 20 : 60);
      set(hour, day2 ? 'deliveredVan' : 'deliveredFlex', 5);
      set(hour, 'clickToDoorHoursSum', day2 ? 5 * 20 : 5 * 40);
      if (day2) {
        set(hour, 'deliveredOnTime', 5);
        set(hour, 'onTimeVan', 5);
      } else {
        set(hour, 'lateHoursSum', 5 * 3);
        set(hour, 'late2To4H', 5);
      }
    }
  }
  history.setRows(0, rows);
  return history;
}

describe('steady-state windows in the panels', () => {
  test('on time hour by hour is the headline as it stood then: defined every hour from the first due hour on', () => {
    const history = twoDays();
    const first = getFirstCountedHour(history, 'dueParcels');
    expect(first, 'D1 20h, the first hour promises fell due').toBe(20);
    const series = trailingRateSeries(history, 'dueOnTime', 'dueParcels');
    for (let hour = 0; hour < first; hour++) expect(series[hour], `hour ${hour}`).toBeNaN();
    // No gaps from then on, though parcels fall due only four hours a day.
    for (let hour = first; hour < 48; hour++) {
      expect(series[hour], `hour ${hour}`).toBe(
        windowRate(history, 'dueOnTime', 'dueParcels', [Math.max(0, hour + 1 - HEADLINE_HOURS), hour + 1]),
      );
    }
    expect(series[23]).toBe(0.4);
    // By the end of day 2 the start-up's late evening has left the window.
    expect(series[47]).toBe(1);
    expect(getFirstCountedHour(new KpiHistory(), 'dueParcels')).toBe(0);
  });

  test("the network's carrier mix, lateness, click-to-door and cost count the last 24 h, not the start-up", () => {
    const history = twoDays();
    const window = getHeadlineWindow(history, null);
    expect(window).toEqual([24, 48]);
    const lastDay = getNetworkDeliveryKpis(history, window, 0.5);
    if (!lastDay) throw new Error('no figures for the last day');
    expect(lastDay.delivered).toBe(40);
    expect(lastDay.onTimeRate).toBe(1);
    expect(lastDay.byCarrier.van.share).toBe(1);
    expect(lastDay.byCarrier.flex.assigned).toBe(0);
    expect(lastDay.lateness.lateParcels).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(lastDay.meanClickToDoorH).toBe(20);
    // $4 a modelled parcel at scale 0.5: $2 a real one.
    expect(lastDay.costPerParcelUsd).toBe(2);
    // The honest rate by promise class comes from the parcels due.
    expect(lastDay.byPromise.sameDay.delivered).toBe(0);

    // A window brushed over day 1 has the start-up's own figures.
    const startUp = getNetworkDeliveryKpis(history, getHeadlineWindow(history, [0, 24]), 0.5);
    expect(startUp?.onTimeRate).toBe(0);
    expect(startUp?.byCarrier.flex.share).toBe(1);
    expect(startUp?.lateness.lateParcels).toEqual([0, 0, 40, 0, 0, 0, 0, 0]);
    expect(startUp?.meanLatenessH).toBe(3);
    expect(startUp?.costPerParcelUsd).toBe(6);
    expect(getNetworkDeliveryKpis(new KpiHistory(), [0, 0], 1)).toBeNull();
  });

  test('each window says which hours it covers', () => {
    expect(describeHourWindow([10, 34], false)).toBe('in the last 24 h (D1 10h–D2 10h)');
    expect(describeHourWindow([0, 6], false)).toBe('in the last 6 h (D1 00h–D1 06h)');
    expect(describeHourWindow([16, 22], true)).toBe('in the window (D1 16h–D1 22h)');
    // Before the first hour closes ("in the last 0 h (D1 00h–D1 00h)" said nothing).
    expect(describeHourWindow([0, 0], false)).toBe('so far (no hour has closed yet)');
  });
});
