import { describe, expect, test } from 'vitest';
import {
  CONFIDENCE_MEANINGS,
  describeComparisonCaveat,
  FIRST_COMPARISON_HOUR,
  formatTargetFigure,
  getRealNetworkComparison,
  type RealNetworkRow,
} from '../../src/panels/realNetworkComparison';
import targetRecords from '../../src/sim/calibrationTargets.json';
import { KPI_NAMES } from '../../src/sim/kpis';
import { defaultParams } from '../../src/sim/params';
import { KpiHistory } from '../../src/state/kpiHistory';

const PARAMS = defaultParams();
const FC_COUNT = 190;

/**
 * A history of `hours` hours with the same figures each hour, set by KPI name; the hours before
 * `steadyFromHour` hold a start-up's other figures (half the orders, all of them late), which the
 * comparison's last day must not read.
 */
function syntheticHistory(hours: number, perHour: Record<string, number>, steadyFromHour = 0): KpiHistory {
  const history = new KpiHistory();
  history.reset(KPI_NAMES);
  const rows = new Float64Array(hours * KPI_NAMES.length);
  for (let hour = 0; hour < hours; hour++) {
    for (const [name, value] of Object.entries(perHour)) {
      const steady = hour >= steadyFromHour;
      const startUp = name === 'ordered' ? value / 2 : name === 'dueOnTime' ? 0 : value;
      rows[hour * KPI_NAMES.length + KPI_NAMES.indexOf(name as (typeof KPI_NAMES)[number])] = steady
        ? value
        : startUp;
    }
  }
  history.setRows(0, rows);
  return history;
}

/** An hour of an ordinary day, at scale 0.01: 17.3 M real parcels a day, 98% on time, 50% in-region. */
const ORDINARY_HOUR = {
  ordered: (17.3e6 * PARAMS.scale) / 24,
  dueParcels: 1000,
  dueOnTime: 980,
  // Half of the orders from their own region: well under the real 76% (73-79%).
  sourcedInRegion: (17.3e6 * PARAMS.scale) / 48,
};

function rowOf(rows: readonly RealNetworkRow[], kpi: string): RealNetworkRow {
  const row = rows.find((candidate) => candidate.kpi === kpi);
  if (!row) throw new Error(`Expected a row for ${kpi}, got ${rows.map((r) => r.kpi).join(', ')}`);
  return row;
}

describe('against the real network', () => {
  test('before the warm-up and a whole day (hour 72) it waits and says when and why', () => {
    const comparison = getRealNetworkComparison(syntheticHistory(71, ORDINARY_HOUR), PARAMS, FC_COUNT);
    expect(FIRST_COMPARISON_HOUR).toBe(72);
    expect(comparison.kind).toBe('waiting');
    if (comparison.kind !== 'waiting') return;
    expect(comparison.text).toContain('D4 00h');
    expect(comparison.text).toContain('filling its pipeline');
  });

  test('from hour 72 on, the last 24 h give one row for each default-scenario target the figures have', () => {
    const comparison = getRealNetworkComparison(syntheticHistory(72, ORDINARY_HOUR), PARAMS, FC_COUNT);
    expect(comparison.kind).toBe('rows');
    if (comparison.kind !== 'rows') return;
    expect(comparison.window).toEqual([48, 72]);
    const expected = targetRecords
      .filter((target) => target.scenarios.length === 1 && target.scenarios[0] === 'default')
      .map((target) => target.kpi);
    expect(comparison.rows.map((row) => row.kpi)).toEqual(expected);
    // The peaks' figures need another scenario's run: none of them here.
    expect(comparison.rows.map((row) => row.figure).join('|')).not.toMatch(/December|Prime Day/);
  });

  test('values, formats and marks over the last day only, not the start-up before it', () => {
    const comparison = getRealNetworkComparison(syntheticHistory(96, ORDINARY_HOUR, 72), PARAMS, FC_COUNT);
    if (comparison.kind !== 'rows') throw new Error(`Expected rows, got ${comparison.kind}`);
    expect(comparison.window).toEqual([72, 96]);

    const onTime = rowOf(comparison.rows, 'onTime');
    expect(onTime.value).toBeCloseTo(0.98);
    expect(onTime.valueText).toBe('98.0%');
    expect(onTime.mark).toBe('within');
    expect(onTime.realText).toBe('98% (ShipMatrix); goal ≥ 97.5%');
    expect(onTime.confidence).toBe('M');
    expect(onTime.confidenceMeaning).toBe(CONFIDENCE_MEANINGS.M);

    // Real parcels: the modelled orders over the scale.
    const parcels = rowOf(comparison.rows, 'parcelsPerDay');
    expect(parcels.value).toBeCloseTo(17.3e6, -2);
    expect(parcels.valueText).toBe('17.3M');
    expect(parcels.mark).toBe('within');

    // A figure outside its tolerance: 50% in-region against 73-79%.
    const inRegion = rowOf(comparison.rows, 'inRegionShare');
    expect(inRegion.value).toBeCloseTo(0.5);
    expect(inRegion.mark).toBe('below');
    expect(inRegion.toleranceText).toBe('73.0%–79.0%');

    // Nothing counted (no van routes in this history): no figure, not a pass or a miss.
    expect(rowOf(comparison.rows, 'vanStopsPerRoute').mark).toBe('none');

    const within = comparison.rows.filter((row) => row.mark === 'within').length;
    expect(comparison.withinCount).toBe(within);
    expect(comparison.summary).toBe(
      `${within} of ${comparison.rows.length} figures within their real-world range, last 24 h (D4 00h–D5 00h)`,
    );
  });

  test('a figure over its range is marked above', () => {
    const comparison = getRealNetworkComparison(
      syntheticHistory(80, { ...ORDINARY_HOUR, ordered: ORDINARY_HOUR.ordered * 1.2 }),
      PARAMS,
      FC_COUNT,
    );
    if (comparison.kind !== 'rows') throw new Error(`Expected rows, got ${comparison.kind}`);
    expect(rowOf(comparison.rows, 'parcelsPerDay').mark).toBe('above');
    expect(rowOf(comparison.rows, 'parcelsPerDay').valueText).toBe('20.8M');
  });

  test('a miss the model makes by design says why; a figure within, or a miss with no known cause, does not', () => {
    // 1% of orders promised same-day against 12-15%: the model has no same-day sites.
    const comparison = getRealNetworkComparison(
      syntheticHistory(80, { ...ORDINARY_HOUR, promisedSameDay: 1, promisedNextDay: 99 }),
      PARAMS,
      FC_COUNT,
    );
    if (comparison.kind !== 'rows') throw new Error(`Expected rows, got ${comparison.kind}`);
    const sameDay = rowOf(comparison.rows, 'sameDayPromiseShare');
    expect(sameDay.mark).toBe('below');
    expect(sameDay.whyItMisses).toMatch(/no same-day sites/);
    expect(rowOf(comparison.rows, 'onTime').whyItMisses).toBe('');
    // 50% in-region is this history's own miss, not one the model makes: nothing to explain it.
    expect(rowOf(comparison.rows, 'inRegionShare').mark).toBe('below');
    expect(rowOf(comparison.rows, 'inRegionShare').whyItMisses).toBe('');
  });

  test('figures in their units', () => {
    expect(formatTargetFigure('share', 0.9764)).toBe('97.6%');
    expect(formatTargetFigure('usd', 20.1)).toBe('$20.10');
    expect(formatTargetFigure('items', 412_345)).toBe('412k');
    expect(formatTargetFigure('count', 182.4)).toBe('182');
    expect(formatTargetFigure('count', 27.04)).toBe('27.0');
    expect(formatTargetFigure('share', Number.NaN)).toBe('–');
  });

  test('a peak or changed parameters say the real figures are an ordinary week at the defaults', () => {
    expect(describeComparisonCaveat(null, false)).toBe('');
    expect(describeComparisonCaveat('December peak', false)).toContain('in the December peak');
    const changed = describeComparisonCaveat(null, true);
    expect(changed).toContain("an ordinary week's at the calibrated defaults");
    expect(changed).toContain('changed parameters');
    expect(changed).toContain('expected to differ');
  });
});
