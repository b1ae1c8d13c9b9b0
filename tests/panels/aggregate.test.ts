import { describe, expect, test } from 'vitest';
import {
  describeFacilityHourWindow,
  getCompareWindow,
  getHeadlineWindow,
  countHoursWithNone,
  HEADLINE_HOURS,
  histogramBars,
  rateSeries,
  shareSeries,
  topFacilities,
  windowRate,
  windowShares,
} from '../../src/panels/aggregate';
import { KpiHistory } from '../../src/state/kpiHistory';

/** A history with three KPIs over four hours, checked by hand below. */
function history(): KpiHistory {
  const kpis = new KpiHistory();
  kpis.reset(['delivered', 'deliveredOnTime', 'van']);
  // hour:        delivered, onTime, van
  kpis.setRows(0, Float64Array.from([10, 9, 6, 0, 0, 0, 20, 15, 5, 50, 50, 25]));
  kpis.setCumulative(4 * 3600, Float64Array.from([80, 74, 36]));
  return kpis;
}

describe('panel aggregation', () => {
  test('hourly on-time rate, with a gap where nothing was delivered', () => {
    const rates = Array.from(rateSeries(history(), 'deliveredOnTime', 'delivered'));
    expect(rates[0]).toBeCloseTo(0.9);
    expect(rates[1]).toBeNaN();
    expect(rates[2]).toBeCloseTo(0.75);
    expect(rates[3]).toBe(1);
  });

  test('a window rate sums counts first (not a mean of hourly rates)', () => {
    // hours 2-3: (15 + 50) / (20 + 50) = 0.9286; the mean of rates would be 0.875
    expect(windowRate(history(), 'deliveredOnTime', 'delivered', [2, 4])).toBeCloseTo(65 / 70);
    expect(windowRate(history(), 'deliveredOnTime', 'delivered', null)).toBeCloseTo(74 / 80);
  });

  test('a headline without a brushed window counts the last sim day; early in a run, every hour so far', () => {
    expect(getHeadlineWindow(history(), null)).toEqual([0, 4]);
    const long = new KpiHistory();
    long.reset(['dueParcels', 'dueOnTime']);
    // Day 1 started badly (half on time), the last day went well (all on time).
    const rows = new Float64Array(34 * 2);
    for (let hour = 0; hour < 34; hour++) rows.set(hour < 10 ? [10, 5] : [10, 10], hour * 2);
    long.setRows(0, rows);
    const window = getHeadlineWindow(long, null);
    expect(window).toEqual([34 - HEADLINE_HOURS, 34]);
    expect(windowRate(long, 'dueOnTime', 'dueParcels', window)).toBe(1);
    expect(windowRate(long, 'dueOnTime', 'dueParcels', [0, 34])).toBeCloseTo(290 / 340);
    // A brushed window is the person's own.
    expect(getHeadlineWindow(long, [2, 5])).toEqual([2, 5]);
  });

  test('A and B are compared over the same hours: the last day both have completed', () => {
    // B's worker an hour behind A's: both read hours 63-87, not A 64-88 against B 63-87.
    expect(getCompareWindow(88, 87, null)).toEqual([63, 87]);
    expect(getCompareWindow(87, 88, null)).toEqual([63, 87]);
    // Early in a run, every hour so far, as the headline.
    expect(getCompareWindow(5, 6, null)).toEqual([0, 5]);
    // B still catching up (an A/B from the start replaying the run so far): no comparison yet.
    expect(getCompareWindow(88, 0, null)).toBeNull();
    expect(getCompareWindow(88, 30, null)).toBeNull();
    expect(getCompareWindow(88, 30, [10, 20])).toBeNull();
    // At the very start neither has an hour: nothing to wait for.
    expect(getCompareWindow(0, 0, null)).toEqual([0, 0]);
    // A brushed window is the person's own, up to the hour both have.
    expect(getCompareWindow(120, 119, [90, 100])).toEqual([90, 100]);
    expect(getCompareWindow(120, 119, [100, 120])).toEqual([100, 119]);
  });

  test('shares per hour sum to one, and to zero in an empty hour', () => {
    const [delivered, van] = shareSeries(history(), ['delivered', 'van']);
    expect(delivered[0]).toBeCloseTo(10 / 16);
    expect(delivered[0] + van[0]).toBeCloseTo(1);
    expect(delivered[1] + van[1]).toBe(0);
    expect(windowShares(history(), ['delivered', 'van'], [3, 4])).toEqual([50 / 75, 25 / 75]);
  });

  test('hours with none of the names counted are those a share chart leaves blank', () => {
    // Hour 1 has nothing delivered and no van; the others have some of either.
    expect(countHoursWithNone(history(), ['delivered', 'van'], [0, 4])).toBe(1);
    expect(countHoursWithNone(history(), ['delivered', 'van'], [2, 4])).toBe(0);
    expect(countHoursWithNone(history(), ['van'], [0, 2])).toBe(1);
    // A window past the hours recorded counts only those recorded.
    expect(countHoursWithNone(history(), ['delivered', 'van'], [0, 40])).toBe(1);
    // Before the first hour anything was counted, the run was starting: no gap.
    const starting = new KpiHistory();
    starting.reset(['van']);
    starting.setRows(0, Float64Array.from([0, 0, 4, 0, 3]));
    expect(countHoursWithNone(starting, ['van'], [0, 5])).toBe(1);
    expect(countHoursWithNone(starting, ['van'], [0, 2])).toBe(0);
  });

  test('top facilities by backlog: largest first, ties by id, empty ones left out', () => {
    const backlog = Float32Array.from([5, 0, 12, 5, 30, 1]);
    expect(topFacilities(backlog, 3)).toEqual([
      { id: 4, value: 30 },
      { id: 2, value: 12 },
      { id: 0, value: 5 },
    ]);
    expect(topFacilities(backlog, 10, (id) => id % 2 === 1).map((row) => row.id)).toEqual([3, 5]);
  });

  test('histogram bars carry bounds, counts and shares', () => {
    expect(histogramBars([1, 4, 24], [6, 3, 1])).toEqual([
      { lower: 0, upper: 1, count: 6, share: 0.6 },
      { lower: 1, upper: 4, count: 3, share: 0.3 },
      { lower: 4, upper: 24, count: 1, share: 0.1 },
    ]);
  });

  test('the history grows past its first allocation and keeps earlier hours', () => {
    const kpis = new KpiHistory();
    kpis.reset(['ordered']);
    for (let hour = 0; hour < 200; hour++) kpis.setRows(hour, Float64Array.of(hour));
    expect(kpis.hours).toBe(200);
    expect(kpis.sum('ordered', 0, 200)).toBe((199 * 200) / 2);
    kpis.truncate(10);
    expect(Array.from(kpis.column('ordered'))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test("a facility's window that cuts a folded day says its hours there read shares of the day; whole days and recent hours do not", () => {
    // Days before D4 00h (hour 72) are folded.
    expect(describeFacilityHourWindow([30, 80], true, 72)).toBe(
      "in the window (D2 06h–D4 08h); before D4 00h each hour reads a share of its day's figures",
    );
    expect(describeFacilityHourWindow([24, 80], true, 72)).toBe('in the window (D2 00h–D4 08h)');
    expect(describeFacilityHourWindow([76, 100], false, 72)).toBe('in the last 24 h (D4 04h–D5 04h)');
    // Just picked: the run has closed hours, the facility's figures not one yet.
    expect(describeFacilityHourWindow([82, 82], false, 72)).toBe(
      'so far (its first hour of figures has not closed yet)',
    );
  });
});
