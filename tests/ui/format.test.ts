import { describe, expect, test } from 'vitest';
import { getCalendarDate } from '../../src/sim/schedules';
import {
  formatCompact,
  formatCount,
  formatHourLabel,
  formatPercent,
  formatSimClock,
  formatUsd,
} from '../../src/ui/format';

describe('the sim clock', () => {
  test('shows the run day and the model calendar: day 260 of the year is Thursday 17 September', () => {
    expect(formatSimClock(0, 260)).toBe('Day 1 · Thu 17 Sep 00:00');
    expect(formatSimClock(86_400 + 14 * 3600 + 5 * 60 + 59, 260)).toBe('Day 2 · Fri 18 Sep 14:05');
    expect(formatSimClock(7 * 86_400, 260)).toBe('Day 8 · Thu 24 Sep 00:00');
  });

  test('follows the start day: Prime Day week (day 195) starts on Tuesday 14 July', () => {
    expect(formatSimClock(10 * 3600, 195)).toBe('Day 1 · Tue 14 Jul 10:00');
  });

  test('agrees with the model calendar on every day of a run across the new year', () => {
    const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
    for (let day = 0; day < 40; day++) {
      const timeS = day * 86_400 + 3600;
      const date = getCalendarDate(342, timeS);
      const shown = formatSimClock(timeS, 342);
      expect(shown, `day ${day}`).toContain(`${weekdays[date.weekday]} ${date.dayOfMonth} `);
    }
  });

  test('before the run parameters are known, the day and time only', () => {
    expect(formatSimClock(86_400 + 3 * 3600, null)).toBe('Day 2 · 03:00');
  });
});

describe('number formats', () => {
  test('counts read as counts: no SI "m" for fractions, k and M for thousands and millions', () => {
    expect(formatCompact(0.8)).toBe('0.8');
    expect(formatCompact(0)).toBe('0');
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(17_700)).toBe('17.7k');
    expect(formatCompact(35_000_000)).toBe('35M');
    expect(formatCompact(Number.NaN)).toBe('–');
  });
  test('whole counts keep every digit, rounded, with separators', () => {
    expect(formatCount(12_345.6)).toBe('12,346');
    expect(formatCount(Number.NaN)).toBe('–');
  });
  test('rates, money and hours carry their unit', () => {
    expect(formatPercent(0.921)).toBe('92.1%');
    expect(formatUsd(4.856)).toBe('$4.86');
    expect(formatHourLabel(26)).toBe('D2 02h');
  });
});
