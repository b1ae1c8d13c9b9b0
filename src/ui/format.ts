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

export function formatSpeed(speed: number): string {
  return `${speed.toLocaleString('en-US')}×`;
}

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
