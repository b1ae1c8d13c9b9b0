import { describe, expect, test } from 'vitest';
import { KPI_DESCRIPTIONS, MODELLED_PARCELS } from '../../../src/sim/kpiDictionary';
import { KPI_NAMES } from '../../../src/sim/kpis';
import { KpiHistory } from '../../../src/state/kpiHistory';
import {
  buildKpiColumnGuideCsv,
  getKpiColumnGuideRows,
  type KpiColumnGuideRow,
  REAL_PARCELS,
} from '../../../src/ui/demo/kpiColumnGuide';
import { buildKpiCsv, getKpiCsvColumns, type KpiCsvScenario } from '../../../src/ui/demo/kpiCsv';

/** A history of every model KPI over `hours` hours, as the worker names them. */
function modelHistory(hours: number): KpiHistory {
  const kpis = new KpiHistory();
  kpis.reset(KPI_NAMES);
  kpis.setRows(0, new Float64Array(hours * KPI_NAMES.length));
  return kpis;
}

const A_ALONE: KpiCsvScenario[] = [{ label: 'A', history: modelHistory(3), scale: 0.01 }];
// B runs behind A, at another scale: its columns are the same, its hours fewer.
const A_AND_B: KpiCsvScenario[] = [...A_ALONE, { label: 'B', history: modelHistory(2), scale: 0.002 }];

function rowOf(rows: KpiColumnGuideRow[], column: string): KpiColumnGuideRow {
  const row = rows.find((candidate) => candidate.column === column);
  if (!row) throw new Error(`no guide row for column ${column}`);
  return row;
}

describe('KPI column guide', () => {
  test.each([
    ['A alone', A_ALONE],
    ['A and B', A_AND_B],
  ])('%s: one row per column of the KPI CSV, in its order', (_, scenarios) => {
    const csvHeader = buildKpiCsv(scenarios).split('\n')[0].split(',');
    expect(getKpiColumnGuideRows(scenarios).map((row) => row.column)).toEqual(csvHeader);
    // The text has a header and the same rows: no meaning breaks a line.
    expect(buildKpiColumnGuideCsv(scenarios).trimEnd().split('\n')).toHaveLength(csvHeader.length + 1);
  });

  test('every KPI has a unit and a meaning, and counts parcels exactly where the CSV adds a .real column', () => {
    const headers = new Set(getKpiCsvColumns(A_ALONE).map((column) => column.header));
    for (const name of KPI_NAMES) {
      const { unit, meaning } = KPI_DESCRIPTIONS[name];
      expect(unit.trim(), `unit of ${name}`).not.toBe('');
      expect(meaning.trim(), `meaning of ${name}`).not.toBe('');
      expect(headers.has(`A.${name}.real`), `${name}: unit "${unit}", a .real column`).toBe(
        unit === MODELLED_PARCELS,
      );
    }
    // Known either side: flows and levels of modelled parcels; miles, money, a sum, routes, and
    // the Flex routes' parcels, real ones already (a modelled route stands for one real block).
    for (const name of ['ordered', 'delivered', 'backlogAtStations', 'onTheirWayToTheDoor'])
      expect(headers, `${name} at real volume`).toContain(`A.${name}.real`);
    for (const name of [
      'lineHaulMiles',
      'lineHaulCostUsd',
      'trailerFillSum',
      'vanRoutes',
      'flexParcelsOnRoutes',
    ])
      expect(headers, `${name} not scaled`).not.toContain(`A.${name}.real`);
  });

  test('a KPI a meaning names (in a mean or a rate) is a KPI the CSV has', () => {
    const known = new Set<string>(KPI_NAMES);
    for (const name of KPI_NAMES) {
      const named = KPI_DESCRIPTIONS[name].meaning.match(/\b[a-z]+[A-Z][A-Za-z0-9]*\b/g) ?? [];
      for (const other of named) expect(known.has(other), `${name}'s meaning names ${other}`).toBe(true);
    }
  });

  test('spot checks: time columns, a flow in miles, a level, a sum with its mean, a .real column', () => {
    const rows = getKpiColumnGuideRows(A_AND_B);
    expect(rowOf(rows, 'sim_end_s')).toMatchObject({ kpi: '', kind: '', unit: 'seconds' });
    expect(rowOf(rows, 'A.lineHaulMiles')).toMatchObject({
      kpi: 'lineHaulMiles',
      kind: 'flow',
      unit: 'miles',
    });
    expect(rowOf(rows, 'B.backlogAtStations')).toMatchObject({ kind: 'level', unit: MODELLED_PARCELS });
    expect(rowOf(rows, 'A.trailerFillSum').meaning).toContain('Mean fill = trailerFillSum / lineHaulTrips');
    expect(rowOf(rows, 'A.lineHaulCostUsd').unit).toBe('USD');
    const real = rowOf(rows, 'A.delivered.real');
    expect(real).toMatchObject({ kpi: 'delivered', kind: 'flow', unit: REAL_PARCELS });
    expect(real.meaning).toContain('A.delivered at real-world volume');
    expect(real.meaning).toContain('x 100 (scale 0.01');
    // Each scenario's own scale.
    expect(rowOf(rows, 'B.delivered.real').meaning).toContain('x 500 (scale 0.002');
  });

  test('the CSV text: its header, and fields with commas or quotes quoted', () => {
    const lines = buildKpiColumnGuideCsv(A_ALONE).split('\n');
    expect(lines[0]).toBe(
      "column,kpi,kind (flow: the hour's amount / level: value at the hour's end),unit,meaning",
    );
    expect(lines).toContain(
      'A.lineHaulMiles,lineHaulMiles,flow,miles,Road miles of the line-haul trips dispatched. Mean trip = lineHaulMiles / lineHaulTrips.',
    );
    expect(lines).toContain(
      'A.trailerFillSum,trailerFillSum,flow,"trailer fill (0-1), summed over trips","Each dispatched trailer\'s fill (parcels aboard / capacity, at most 1), summed. Mean fill = trailerFillSum / lineHaulTrips."',
    );
  });
});
