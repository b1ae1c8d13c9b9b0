import { describe, expect, test } from 'vitest';
import { formatSimClock } from '../../src/ui/format';

describe('the sim clock', () => {
  test('starts on day 1, a Monday, at midnight', () => {
    expect(formatSimClock(0)).toBe('Day 1 · Mon 00:00');
  });
  test('shows day, weekday and time', () => {
    expect(formatSimClock(86_400 + 14 * 3600 + 5 * 60 + 59)).toBe('Day 2 · Tue 14:05');
    expect(formatSimClock(7 * 86_400)).toBe('Day 8 · Mon 00:00');
  });
});
