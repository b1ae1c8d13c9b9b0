/** Number formats shared by the panels: units everywhere. */
import * as d3 from 'd3';

const compact = d3.format('.3~s');
const percent = d3.format('.1%');
const usd = d3.format('$,.2f');

/** Parcels and other counts: 1.2k, 35M. */
export function formatCompact(value: number): string {
  return Number.isFinite(value) ? compact(value).replace('G', 'B') : '–';
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
