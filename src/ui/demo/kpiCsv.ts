/**
 * The KPIs over time as CSV: one row per completed sim hour, a column per KPI name, for scenario
 * A and (when compare is on) B; parcel counts twice, as the model counted them and at real
 * volume (x 1/scale), as the page shows them. Pure: reads the histories the panels draw from.
 */
import { isParcelCountKpi, toRealParcels } from '../realVolume';

/** What the CSV needs of a KPI history (KpiHistory satisfies it). */
export interface KpiSeriesSource {
  readonly names: readonly string[];
  readonly hours: number;
  column(name: string, fromHour?: number, toHour?: number): Float64Array;
}

/** Quotes a field when CSV needs it (RFC 4180). */
function quote(field: string): string {
  return /[",\n\r]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** "Day 2 13:00" for the end of an hour (the hour's row covers [hour, hour + 1)). */
function formatHourEnd(hour: number): string {
  const endHour = hour + 1;
  return `Day ${Math.floor(endHour / 24) + 1} ${String(endHour % 24).padStart(2, '0')}:00`;
}

/**
 * A figure to three decimals, whole numbers as they are: a sum of miles read 45549.878708269855,
 * and a count at real volume (x 1/scale) could carry the division's 1e-10.
 */
function formatCsvNumber(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/**
 * Builds the CSV text. Columns: `sim_hour` (0-based index of the hour), `sim_end_s` (sim seconds
 * at the hour's end), `sim_end_time`, then `A.<kpi>` for every KPI of A as the model counts it,
 * followed for a parcel count by `A.<kpi>.real` (at real volume, x 1/scale); then B's the same
 * way. Rows run to the last hour A has completed; a B hour not yet simulated is left empty.
 */
export function buildKpiCsv(
  scenarios: ReadonlyArray<{ label: string; history: KpiSeriesSource; scale: number }>,
): string {
  const hours = scenarios.length > 0 ? scenarios[0].history.hours : 0;
  const header = ['sim_hour', 'sim_end_s', 'sim_end_time'];
  const columns: Array<{ values: Float64Array; hours: number; scale: number | null }> = [];
  for (const { label, history, scale } of scenarios) {
    for (const name of history.names) {
      const values = history.column(name, 0, hours);
      const held = Math.min(hours, history.hours);
      header.push(`${label}.${name}`);
      columns.push({ values, hours: held, scale: null });
      if (isParcelCountKpi(name)) {
        header.push(`${label}.${name}.real`);
        columns.push({ values, hours: held, scale });
      }
    }
  }
  const lines = [header.map(quote).join(',')];
  for (let hour = 0; hour < hours; hour++) {
    const row = [String(hour), String((hour + 1) * 3600), formatHourEnd(hour)];
    for (const column of columns) {
      const value = column.values[hour];
      row.push(
        hour >= column.hours
          ? ''
          : formatCsvNumber(column.scale === null ? value : toRealParcels(value, column.scale)),
      );
    }
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}
