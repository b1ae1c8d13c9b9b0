import { describe, expect, test } from 'vitest';
import { defaultParams } from '../../src/sim/params';
import { getDayOfYear } from '../../src/sim/schedules';
import { getPresetChange } from '../../src/ui/PresetPicker';

const DAY_S = 86_400;
/** Day 4, 10:00, where the default link opens. */
const NOW_S = 3 * DAY_S + 10 * 3600;

describe('a preset picked mid-run', () => {
  test('a preset about the network keeps the date on screen; the default run stays on its day 4', () => {
    const current = defaultParams();
    const todayBefore = getDayOfYear(current.startDayOfYear, NOW_S);
    for (const name of [
      'fewer-robots',
      'usps-disruption',
      'flex-pay-cut',
      'poor-forecast',
      'no-pre-positioning',
    ]) {
      const change = getPresetChange(name, current, null, NOW_S);
      if (!change) throw new Error(`${name} expected`);
      expect(change.partial.startDayOfYear ?? current.startDayOfYear).toBe(current.startDayOfYear);
      expect(getDayOfYear(change.partial.startDayOfYear ?? current.startDayOfYear, NOW_S)).toBe(todayBefore);
    }
  });

  test('in December, a preset about the network leaves the peak running; a dated one moves the date', () => {
    const december = getPresetChange('december-peak', defaultParams(), null, NOW_S);
    if (!december) throw new Error('december-peak expected');
    const current = { ...defaultParams(), ...december.partial };
    const today = getDayOfYear(current.startDayOfYear, NOW_S);
    expect(today).toBe(342);
    const usps = getPresetChange('usps-disruption', current, 'december-peak', NOW_S);
    expect(getDayOfYear(usps?.partial.startDayOfYear ?? current.startDayOfYear, NOW_S)).toBe(342);
    // The December sky goes back to the default, the USPS values come in.
    expect(usps?.partial.stormChancePerDay).toBe(defaultParams().stormChancePerDay);
    expect(usps?.partial.uspsRatePerParcelUsd).toBe(8);
    // Prime Day and the calibrated defaults are about dates: today becomes theirs.
    const prime = getPresetChange('prime-day', current, 'december-peak', NOW_S);
    expect(getDayOfYear(prime?.partial.startDayOfYear ?? 0, NOW_S)).toBeGreaterThanOrEqual(195);
    expect(getDayOfYear(prime?.partial.startDayOfYear ?? 0, NOW_S)).toBeLessThan(202);
    const defaults = getPresetChange('', current, 'december-peak', NOW_S);
    expect(getDayOfYear(defaults?.partial.startDayOfYear ?? 0, NOW_S)).toBe(260);
  });
});
