import { describe, expect, test } from 'vitest';
import { KpiHistory } from '../../../src/state/kpiHistory';
import { buildKpiCsv } from '../../../src/ui/demo/kpiCsv';

function history(names: string[], rows: number[][]): KpiHistory {
  const kpis = new KpiHistory();
  kpis.reset(names);
  kpis.setRows(0, Float64Array.from(rows.flat()));
  return kpis;
}

describe('KPI CSV', () => {
  test('one header row and one row per completed sim hour, with hour and time columns', () => {
    const a = history(
      ['delivered', 'onTimeRate'],
      [
        [10, 0.9],
        [20, 0.95],
        [30, 1],
      ],
    );
    const lines = buildKpiCsv([{ label: 'A', history: a }])
      .trimEnd()
      .split('\n');
    expect(lines).toEqual([
      'sim_hour,sim_end_s,sim_end_time,A.delivered,A.onTimeRate',
      '0,3600,Day 1 01:00,10,0.9',
      '1,7200,Day 1 02:00,20,0.95',
      '2,10800,Day 1 03:00,30,1',
    ]);
  });

  test('with compare on, B gets its own columns and an hour B has not reached is left empty', () => {
    const a = history(['delivered'], [[1], [2], [3]]);
    const b = history(['delivered'], [[4], [5]]);
    const lines = buildKpiCsv([
      { label: 'A', history: a },
      { label: 'B', history: b },
    ])
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe('sim_hour,sim_end_s,sim_end_time,A.delivered,B.delivered');
    expect(lines.slice(1)).toEqual([
      '0,3600,Day 1 01:00,1,4',
      '1,7200,Day 1 02:00,2,5',
      '2,10800,Day 1 03:00,3,',
    ]);
  });

  test('the row at the end of a day names the next day at midnight; names with commas are quoted', () => {
    const rows = Array.from({ length: 24 }, (_, hour) => [hour]);
    const lines = buildKpiCsv([{ label: 'A', history: history(['cost, USD'], rows) }])
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe('sim_hour,sim_end_s,sim_end_time,"A.cost, USD"');
    expect(lines).toHaveLength(25);
    expect(lines[24]).toBe('23,86400,Day 2 00:00,23');
  });
});
