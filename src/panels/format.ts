/** Number formats shared by the panels: units everywhere. */
import * as d3 from 'd3';

const compact = d3.format('.3~s');
const percent = d3.format('.1%');
const usd = d3.format('$,.2f');

const plain = d3.format(',.3~r');

/** Parcels and other counts: 950, 1.2k, 35M (never SI "m" for fractions of one). */
export function formatCompact(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (Math.abs(value) < 1000) return plain(Math.abs(value) < 1e-9 ? 0 : value);
  return compact(value).replace('G', 'B');
}

export function formatPercent(share: number): string {
  return Number.isFinite(share) ? percent(share) : '–';
}

export function formatUsd(value: number): string {
  return Number.isFinite(value) ? usd(value) : '–';
}

export function formatHours(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(1)} h` : '–';
}

/** Hour index since sim start as "D2 14h". */
export function formatHourLabel(hour: number): string {
  const day = Math.floor(hour / 24) + 1;
  return `D${day} ${String(((hour % 24) + 24) % 24).padStart(2, '0')}h`;
}
