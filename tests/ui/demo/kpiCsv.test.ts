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
      ['delivered', 'lineHaulMiles'],
      [
        [10, 900],
        [20, 950],
        [30, 1000],
      ],
    );
    const lines = buildKpiCsv([{ label: 'A', history: a, scale: 0.01 }])
      .trimEnd()
      .split('\n');
    // Parcels as modelled and at real volume; miles are real already.
    expect(lines).toEqual([
      'sim_hour,sim_end_s,sim_end_time,A.delivered,A.delivered.real,A.lineHaulMiles',
      '0,3600,Day 1 01:00,10,1000,900',
      '1,7200,Day 1 02:00,20,2000,950',
      '2,10800,Day 1 03:00,30,3000,1000',
    ]);
  });

  test('figures to three decimals at most: a sum of miles, a count at real volume at scale 0.003', () => {
    const a = history(['delivered', 'lineHaulMiles'], [[7, 45549.878708269855]]);
    const lines = buildKpiCsv([{ label: 'A', history: a, scale: 0.003 }])
      .trimEnd()
      .split('\n');
    // 7 / 0.003 is 2333.3333333333335 in floating point.
    expect(lines[1]).toBe('0,3600,Day 1 01:00,7,2333.333,45549.879');
  });

  test('with compare on, B gets its own columns and an hour B has not reached is left empty', () => {
    const a = history(['delivered'], [[1], [2], [3]]);
    const b = history(['delivered'], [[4], [5]]);
    const lines = buildKpiCsv([
      { label: 'A', history: a, scale: 0.5 },
      { label: 'B', history: b, scale: 0.25 },
    ])
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe(
      'sim_hour,sim_end_s,sim_end_time,A.delivered,A.delivered.real,B.delivered,B.delivered.real',
    );
    expect(lines.slice(1)).toEqual([
      '0,3600,Day 1 01:00,1,2,4,16',
      '1,7200,Day 1 02:00,2,4,5,20',
      '2,10800,Day 1 03:00,3,6,,',
    ]);
  });

  test('the row at the end of a day names the next day at midnight; names with commas are quoted', () => {
    const rows = Array.from({ length: 24 }, (_, hour) => [hour]);
    const lines = buildKpiCsv([{ label: 'A', history: history(['lineHaulMiles, total'], rows), scale: 1 }])
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe('sim_hour,sim_end_s,sim_end_time,"A.lineHaulMiles, total"');
    expect(lines).toHaveLength(25);
    expect(lines[24]).toBe('23,86400,Day 2 00:00,23');
  });
});
