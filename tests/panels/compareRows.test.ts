import { describe, expect, it } from 'vitest';
import { COMPARE_ROWS } from '../../src/panels/ComparePanel';
import { KpiHistory } from '../../src/state/kpiHistory';
import type { SimView } from '../../src/state/simChannel';

const COLUMNS = [
  'dueOnTime',
  'dueParcels',
  'delivered',
  'clickToDoorHoursSum',
  'flexBlocksAccepted',
  'flexBlocksOffered',
  'flexRealBlocksAccepted',
  'flexRealBlocksOffered',
  'ordered',
  'sourcedInRegion',
  'lineHaulMiles',
  'lineHaulCostUsd',
  'lineHaul',
] as const;

/** `hours` hours of history, each column's value in hour h being `perHour[column] * (h + 1)`. */
function createHistory(
  hours: number,
  perHour: Partial<Record<(typeof COLUMNS)[number], number>>,
): KpiHistory {
  const history = new KpiHistory();
  history.reset(COLUMNS);
  const rows = new Float64Array(hours * COLUMNS.length);
  for (let hour = 0; hour < hours; hour++)
    COLUMNS.forEach((name, column) => {
      rows[hour * COLUMNS.length + column] = (perHour[name] ?? 0) * (hour + 1);
    });
  history.setRows(0, rows);
  return history;
}

const read = (key: string, history: KpiHistory, window: readonly [number, number]) => {
  const row = COMPARE_ROWS.find((candidate) => candidate.key === key);
  if (!row) throw new Error(`no compare row ${key}`);
  return row.read(history, {} as SimView, window);
};

describe('the compare table’s rows', () => {
  it('sum a flow, or divide two flows’ sums, over the window only', () => {
    const history = createHistory(6, {
      dueOnTime: 9,
      dueParcels: 10,
      delivered: 4,
      clickToDoorHoursSum: 100,
      ordered: 5,
      sourcedInRegion: 4,
      lineHaulMiles: 7,
      lineHaulCostUsd: 300,
      lineHaul: 6,
      flexBlocksOffered: 2,
      flexBlocksAccepted: 2,
      // Real blocks are what the rate counts: a modelled block stands for a varying number of them.
      flexRealBlocksOffered: 200,
      flexRealBlocksAccepted: 100,
    });
    // Hours 2 and 3 hold each value x 3 and x 4: sums are 7 x the per-hour figure.
    expect(read('delivered', history, [2, 4])).toBe(28);
    expect(read('ordered', history, [2, 4])).toBe(35);
    expect(read('lineHaulMiles', history, [2, 4])).toBe(49);
    // The trucks' cost over the parcels that left the FCs (scale 1 here: a modelled parcel is real).
    expect(read('lineHaulCostPerParcelUsd', history, [2, 4])).toBeCloseTo(50, 12);
    expect(read('onTimeRate', history, [2, 4])).toBeCloseTo(0.9, 12);
    expect(read('clickToDoorH', history, [2, 4])).toBeCloseTo(25, 12);
    expect(read('inRegion', history, [2, 4])).toBeCloseTo(0.8, 12);
    expect(read('flexAcceptance', history, [2, 4])).toBeCloseTo(0.5, 12);
  });

  it('give no number for a ratio with nothing under it, rather than a zero that reads as a figure', () => {
    const history = createHistory(4, { delivered: 3 });
    expect(read('onTimeRate', history, [0, 4])).toBeNaN();
    expect(read('flexAcceptance', history, [0, 4])).toBeNaN();
    expect(read('delivered', history, [0, 4])).toBe(30);
  });
});
