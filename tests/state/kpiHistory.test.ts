import { describe, expect, test } from 'vitest';
import { KpiHistory } from '../../src/state/kpiHistory';

const NAMES = ['ordered', 'delivered'];

/** `hours` rows of NAMES, each hour's figures (hour + 1, 10 x (hour + 1)). */
function createRows(firstHour: number, hours: number): Float64Array {
  const rows = new Float64Array(hours * NAMES.length);
  for (let k = 0; k < hours; k++) rows.set([firstHour + k + 1, 10 * (firstHour + k + 1)], k * NAMES.length);
  return rows;
}

function createHistory(hours: number): KpiHistory {
  const history = new KpiHistory();
  history.reset(NAMES);
  history.setRows(0, createRows(0, hours));
  return history;
}

describe("a KPI history's rows version: what charts of hours follow", () => {
  test('a tick inside the hour (no row, new cumulative figures) leaves it where it was', () => {
    const history = createHistory(3);
    const before = history.rowsVersion;
    // As applyDueTicks takes a tick of the open hour: the hours the page holds, no row, totals.
    history.setRows(3, new Float64Array(0));
    history.setCumulative(3.5 * 3600, new Float64Array([7, 70]));
    history.mergeRows(3, new Float64Array(0));
    expect(history.rowsVersion, 'rowsVersion after a tick that closed no hour').toBe(before);
    // The per-tick version still moves: the cumulative figures did change.
    expect(history.version).toBeGreaterThan(before);
  });

  test('it moves when an hour closes, hours are merged or replaced, the history is reset or cut back', () => {
    const history = createHistory(3);
    const seen: string[] = [];
    let last = history.rowsVersion;
    const expectMoved = (what: string) => {
      expect(history.rowsVersion, `rowsVersion after ${what}`).toBeGreaterThan(last);
      last = history.rowsVersion;
      seen.push(what);
    };
    history.setRows(3, createRows(3, 1));
    expectMoved('an hour closed (a tick with a row)');
    history.mergeRows(2, createRows(2, 3));
    expectMoved("a replay's hours merged");
    expect(history.hours).toBe(5);
    history.setRows(2, new Float64Array(0));
    expectMoved('a tick that says the page holds hours up to 2 only');
    expect(history.hours).toBe(2);
    history.setRows(1, createRows(1, 1));
    expectMoved('an hour replaced');
    history.truncate(1);
    expectMoved('a seek back');
    history.reset(NAMES);
    expectMoved('a new run');
    expect(seen).toHaveLength(6);
  });

  test('cutting back to hours it does not hold, or merging past a gap, leaves it where it was', () => {
    const history = createHistory(3);
    const before = history.rowsVersion;
    history.truncate(5);
    history.mergeRows(6, createRows(6, 1));
    expect(history.rowsVersion).toBe(before);
    expect(history.hours).toBe(3);
  });
});
