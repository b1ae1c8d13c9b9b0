import { describe, expect, test } from 'vitest';
import { defaultParams } from '../../src/sim/params';
import { getDayOfYear } from '../../src/sim/schedules';
import { readUrlState } from '../../src/state/urlState';
import { getPresetChange, getRestartUrl } from '../../src/ui/PresetPicker';

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

describe('Restart', () => {
  const LINK =
    'http://127.0.0.1:5173/?scale=0.002&fulfillmentCenterCount=20&seed=5&t=36000&style=https://tiles.example/s.json';
  const start = { params: readUrlState(new URL(LINK).search).params, presetName: null };

  test("keeps the link's values (a small network for a demo), from day 1 00:00, on the same seed", () => {
    expect(start.params.scale).toBe(0.002);
    const url = new URL(getRestartUrl(LINK, start, null, 5, 600));
    const state = readUrlState(url.search);
    expect(state.errors).toEqual([]);
    expect(state.params).toEqual(start.params);
    expect(state.startTimeS).toBe(0);
    expect(state.seed).toBe(5);
    expect(url.searchParams.get('style')).toBe('https://tiles.example/s.json');
  });

  test("of a preset picked since: its values and, for a dated one, its first day, on the link's network", () => {
    const prime = readUrlState(new URL(getRestartUrl(LINK, start, 'prime-day', 5, 600)).search);
    expect(prime.presetName).toBe('prime-day');
    expect(prime.params.startDayOfYear).toBe(195);
    expect(prime.params.fulfillmentCenterCount).toBe(20);
    const robots = readUrlState(new URL(getRestartUrl(LINK, start, 'fewer-robots', 5, 600)).search);
    expect(robots.params.robotsPerFc).toBe(2750);
    expect(robots.params.startDayOfYear).toBe(start.params.startDayOfYear);
    expect(robots.params.scale).toBe(0.002);
    // Back to the defaults from a preset the link had: its values go back too.
    const fromStorm = {
      params: readUrlState('?preset=winter-storm&scale=0.002').params,
      presetName: 'winter-storm',
    };
    const back = readUrlState(new URL(getRestartUrl(LINK, fromStorm, null, 5, 600)).search);
    expect(back.params.stormChancePerDay).toBe(defaultParams().stormChancePerDay);
    expect(back.params.startDayOfYear).toBe(260);
    expect(back.params.scale).toBe(0.002);
  });
});
