/**
 * The KPIs over time as CSV: one row per completed sim hour, a column per KPI name, for scenario
 * A and (when compare is on) B; parcel counts twice, as the model counted them and at real
 * volume (x 1/scale), as the page shows them. Pure: reads the histories the panels draw from.
 * What each column holds is the column guide's to say (kpiColumnGuide.ts), from the same list.
 */
import { isParcelCountKpi, toRealParcels } from '../realVolume';

/** What the CSV needs of a KPI history (KpiHistory satisfies it). */
export interface KpiSeriesSource {
  readonly names: readonly string[];
  readonly hours: number;
  column(name: string, fromHour?: number, toHour?: number): Float64Array;
}

/** Quotes a field when CSV needs it (RFC 4180). */
export function quoteCsvField(field: string): string {
  return /[",\n\r]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** "Day 2 13:00" for the end of an hour (the hour's row covers [hour, hour + 1)). */
function formatHourEnd(hour: number): string {
  const endHour = hour + 1;
  return `Day ${Math.floor(endHour / 24) + 1} ${String(endHour % 24).padStart(2, '0')}:00`;
}

/** The columns that say which hour a row is: their header, unit and meaning, and their value. */
export const TIME_COLUMNS = [
  {
    header: 'sim_hour',
    unit: 'hour index',
    meaning: "The row's sim hour, from 0 at the run's start; the row covers [sim_hour, sim_hour + 1) h.",
    format: (hour: number) => String(hour),
  },
  {
    header: 'sim_end_s',
    unit: 'seconds',
    meaning: "Sim seconds at the hour's end, counted from 00:00 US Eastern on day 1 of the run.",
    format: (hour: number) => String((hour + 1) * 3600),
  },
  {
    header: 'sim_end_time',
    unit: 'Day N HH:00',
    meaning: "The hour's end on the sim clock (US Eastern); the row covers the hour before it.",
    format: formatHourEnd,
  },
] as const;

/** A scenario's KPI histories as the CSV reads them; `label` heads its columns ("A", "B"). */
export interface KpiCsvScenario {
  label: string;
  history: KpiSeriesSource;
  /** Params.scale: each modelled parcel stands for 1 / scale real ones. */
  scale: number;
}

/** A KPI column of the CSV: a scenario's KPI as the model counts it, or at real volume. */
export interface KpiCsvColumn {
  header: string;
  /** Index into the scenarios given. */
  scenario: number;
  kpi: string;
  /** Whether the column is a parcel count at real volume (x 1 / scale), `<label>.<kpi>.real`. */
  real: boolean;
}

/**
 * The KPI columns in CSV order, after TIME_COLUMNS: `<label>.<kpi>` for every KPI of each
 * scenario, followed for a parcel count by `<label>.<kpi>.real`. The CSV and its column guide
 * both read this list, so they name the same columns in the same order.
 */
export function getKpiCsvColumns(scenarios: ReadonlyArray<KpiCsvScenario>): KpiCsvColumn[] {
  const columns: KpiCsvColumn[] = [];
  scenarios.forEach(({ label, history }, scenario) => {
    for (const kpi of history.names) {
      columns.push({ header: `${label}.${kpi}`, scenario, kpi, real: false });
      if (isParcelCountKpi(kpi)) columns.push({ header: `${label}.${kpi}.real`, scenario, kpi, real: true });
    }
  });
  return columns;
}

/**
 * A figure to three decimals, whole numbers as they are: a sum of miles read 45549.878708269855,
 * and a count at real volume (x 1/scale) could carry the division's 1e-10.
 */
export function formatCsvNumber(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/**
 * Builds the CSV text: TIME_COLUMNS, then getKpiCsvColumns. Rows run to the last hour A has
 * completed; a B hour not yet simulated is left empty.
 */
export function buildKpiCsv(scenarios: ReadonlyArray<KpiCsvScenario>): string {
  const hours = scenarios.length > 0 ? scenarios[0].history.hours : 0;
  const kpiColumns = getKpiCsvColumns(scenarios);
  const columns = kpiColumns.map(({ scenario, kpi, real }) => {
    const { history, scale } = scenarios[scenario];
    return { values: history.column(kpi, 0, hours), held: Math.min(hours, history.hours), real, scale };
  });
  const header = [
    ...TIME_COLUMNS.map((column) => column.header),
    ...kpiColumns.map((column) => column.header),
  ];
  const lines = [header.map(quoteCsvField).join(',')];
  for (let hour = 0; hour < hours; hour++) {
    const row: string[] = TIME_COLUMNS.map((column) => column.format(hour));
    for (const column of columns) {
      const value = column.values[hour];
      row.push(
        hour >= column.held ? '' : formatCsvNumber(column.real ? toRealParcels(value, column.scale) : value),
      );
    }
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}
