/**
 * Every number and time format the page shows, in one place: the map's tooltips, the 3D labels,
 * the panels and the header all write counts, shares, money and sim times the same way.
 */
import * as d3 from 'd3';
import { formatCalendarTime, formatClockTime } from '../sim/schedules';

/**
 * The page's clock: "Day 2 · Fri 18 Sep 14:05", the run's day and the model's calendar date and
 * time (US Eastern; schedules.ts), from the run's start day of the year. Before the run's
 * parameters are known (startDayOfYear null) only the day and time: "Day 1 · 00:00".
 */
export function formatSimClock(timeS: number, startDayOfYear: number | null): string {
  const shownS = Math.max(0, timeS);
  const day = Math.floor(shownS / 86_400) + 1;
  const clock =
    startDayOfYear === null ? formatClockTime(shownS) : formatCalendarTime(startDayOfYear, shownS);
  return `Day ${day} · ${clock}`;
}

/**
 * The model's status in words: its own message, and during a warm start where it is going
 * ("Warming up to Day 2 · Tue 8 Sep 10:00").
 */
export function formatWorkerMessage(
  worker: { message: string; warmUpToS?: number },
  startDayOfYear: number | null,
): string {
  return worker.warmUpToS === undefined
    ? worker.message
    : `${worker.message} to ${formatSimClock(worker.warmUpToS, startDayOfYear)}`;
}

export function formatSpeed(speed: number): string {
  return `${speed.toLocaleString('en-US')}×`;
}

/** A whole count with thousands separators: "12,345". */
export function formatCount(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–';
}

const compact = d3.format('.3~s');
const percent = d3.format('.1%');
const usd = d3.format('$,.2f');
const plain = d3.format(',.3~r');

/** Counts in little room: 950, 1.2k, 35M, 2.1B (never SI "m" for fractions of one). */
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
