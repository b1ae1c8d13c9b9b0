import { describe, expect, test } from 'vitest';
import { formatCompact, formatHourLabel, formatPercent, formatUsd } from '../../src/panels/format';

describe('panel number formats', () => {
  test('counts read as counts: no SI "m" for fractions, k and M for thousands and millions', () => {
    expect(formatCompact(0.8)).toBe('0.8');
    expect(formatCompact(0)).toBe('0');
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(17_700)).toBe('17.7k');
    expect(formatCompact(35_000_000)).toBe('35M');
    expect(formatCompact(Number.NaN)).toBe('–');
  });
  test('rates, money and hours carry their unit', () => {
    expect(formatPercent(0.921)).toBe('92.1%');
    expect(formatUsd(4.856)).toBe('$4.86');
    expect(formatHourLabel(26)).toBe('D2 02h');
  });
});
