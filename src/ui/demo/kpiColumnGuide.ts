/**
 * The KPI CSV's column guide: one row per column of the CSV the same scenarios give, in its
 * order, saying which KPI it is, whether a flow or a level, its unit and what it counts. The
 * columns come from the CSV's own list (getKpiCsvColumns), the words from the model's KPI
 * dictionary (sim/kpiDictionary.ts), so the guide cannot name a column the CSV lacks. Pure.
 */
import { getKpiDescription } from '../../sim/kpiDictionary';
import { FLOW_KPIS, LEVEL_KPIS } from '../../sim/kpis';
import { toRealParcels } from '../realVolume';
import {
  formatCsvNumber,
  getKpiCsvColumns,
  type KpiCsvScenario,
  quoteCsvField,
  TIME_COLUMNS,
} from './kpiCsv';

/** The guide's header: what each field of a row holds. */
export const KPI_COLUMN_GUIDE_HEADER = [
  'column',
  'kpi',
  "kind (flow: the hour's amount / level: value at the hour's end)",
  'unit',
  'meaning',
] as const;

/** A row of the guide, its fields in KPI_COLUMN_GUIDE_HEADER order (empty where none applies). */
export interface KpiColumnGuideRow {
  column: string;
  kpi: string;
  kind: 'flow' | 'level' | '';
  unit: string;
  meaning: string;
}

/** The unit of a `.real` column. */
export const REAL_PARCELS = 'parcels (real-world)';

const KIND_BY_KPI = new Map<string, 'flow' | 'level'>([
  ...FLOW_KPIS.map((name) => [name, 'flow'] as const),
  ...LEVEL_KPIS.map((name) => [name, 'level'] as const),
]);

/** One row per column of buildKpiCsv(scenarios), in its order. */
export function getKpiColumnGuideRows(scenarios: ReadonlyArray<KpiCsvScenario>): KpiColumnGuideRow[] {
  const rows: KpiColumnGuideRow[] = TIME_COLUMNS.map(({ header, unit, meaning }) => ({
    column: header,
    kpi: '',
    kind: '',
    unit,
    meaning,
  }));
  for (const { header, scenario, kpi, real } of getKpiCsvColumns(scenarios)) {
    const kind = KIND_BY_KPI.get(kpi) ?? '';
    if (real) {
      const { label, scale } = scenarios[scenario];
      const factor = toRealParcels(1, scale);
      rows.push({
        column: header,
        kpi,
        kind,
        unit: REAL_PARCELS,
        meaning:
          `${label}.${kpi} at real-world volume, as the page shows it: x 1 / scale = x ${formatCsvNumber(factor)} ` +
          `(scale ${scale}: each modelled parcel stands for ${formatCsvNumber(factor)} real).`,
      });
    } else {
      const description = getKpiDescription(kpi);
      rows.push({
        column: header,
        kpi,
        kind,
        unit: description?.unit ?? '',
        meaning: description?.meaning ?? '',
      });
    }
  }
  return rows;
}

/** The guide as CSV text, for the export menu's "KPI column guide". */
export function buildKpiColumnGuideCsv(scenarios: ReadonlyArray<KpiCsvScenario>): string {
  const lines = [KPI_COLUMN_GUIDE_HEADER.map(quoteCsvField).join(',')];
  for (const row of getKpiColumnGuideRows(scenarios))
    lines.push([row.column, row.kpi, row.kind, row.unit, row.meaning].map(quoteCsvField).join(','));
  return `${lines.join('\n')}\n`;
}
