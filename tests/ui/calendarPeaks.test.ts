import { describe, expect, test } from 'vitest';
import { PEAK_CALENDAR } from '../../src/sim/demand';
import { defaultParams } from '../../src/sim/params';
import { getPreset } from '../../src/sim/presets';
import { getDayOfYear } from '../../src/sim/schedules';
import {
  describeCalendarChange,
  describePresetFromNow,
  getCalendarSegments,
  getPeakPeriods,
  getPresetFocusDay,
  getStartDayForToday,
} from '../../src/ui/calendarPeaks';

const DAY_S = 86_400;

describe('calendar peaks on the run clock', () => {
  test('a run starting the day before Prime Day meets it on days 2 and 3', () => {
    const params = { ...defaultParams(), startDayOfYear: 195 };
    const peaks = getPeakPeriods(params, [{ fromS: 0, startDayOfYear: 195 }], 5 * DAY_S);
    expect(peaks).toEqual([
      { startS: DAY_S, endS: 3 * DAY_S, label: 'Prime Day', multiplier: params.primeDayMultiplier },
    ]);
  });

  test('an ordinary week has no peak', () => {
    const params = defaultParams();
    expect(getPeakPeriods(params, [{ fromS: 0, startDayOfYear: 260 }], 7 * DAY_S)).toEqual([]);
  });

  test('a calendar moved mid-day starts its peak at the move, not at midnight', () => {
    const params = { ...defaultParams(), startDayOfYear: 195 };
    const moveS = DAY_S + 10 * 3600;
    const segments = getCalendarSegments(
      [{ atS: moveS, calendar: { before: 260, after: getStartDayForToday(196, moveS) } }],
      getStartDayForToday(196, moveS),
    );
    expect(segments).toEqual([
      { fromS: 0, startDayOfYear: 260 },
      { fromS: moveS, startDayOfYear: 195 },
    ]);
    const [peak] = getPeakPeriods(params, segments, 4 * DAY_S);
    expect(peak).toMatchObject({ startS: moveS, endS: 3 * DAY_S, label: 'Prime Day' });
  });

  test('where Cyber Week and the December peak meet, the larger multiplier names the day, as in the model', () => {
    const params = { ...defaultParams(), startDayOfYear: PEAK_CALENDAR.december.firstDay };
    const [peak] = getPeakPeriods(params, [{ fromS: 0, startDayOfYear: params.startDayOfYear }], DAY_S);
    expect(params.decemberMultiplier).toBeGreaterThan(params.cyberWeekMultiplier);
    expect(peak.label).toBe('December peak');
  });
});

describe('a preset picked mid-run', () => {
  test('moves the calendar so its peak is today', () => {
    const params = defaultParams();
    const primeDay = getPreset('prime-day');
    if (!primeDay) throw new Error('no prime-day preset');
    const focus = getPresetFocusDay(primeDay, params);
    expect(focus).toBe(PEAK_CALENDAR.primeDay.firstDay);
    for (const timeS of [0, DAY_S + 10 * 3600, 40 * DAY_S]) {
      const start = getStartDayForToday(focus, timeS);
      expect(getDayOfYear(start, timeS), `at ${timeS} s`).toBe(focus);
      expect(start).toBeGreaterThanOrEqual(1);
      expect(start).toBeLessThanOrEqual(365);
    }
    expect(describePresetFromNow(primeDay, params)).toMatch(/^Prime Day from today: 2 days at 2× demand/);
  });

  test('a preset without a peak keeps its own start day and says what it does', () => {
    const storm = getPreset('winter-storm');
    if (!storm) throw new Error('no winter-storm preset');
    expect(getPresetFocusDay(storm, defaultParams())).toBe(storm.startDayOfYear);
    expect(describePresetFromNow(storm, defaultParams())).toBe(storm.description);
  });
});

describe("a link's calendar, said in the scenario line", () => {
  test('names the date the run starts and the peak its first week meets', () => {
    const on = (startDayOfYear: number) => describeCalendarChange({ ...defaultParams(), startDayOfYear });
    expect(on(342)).toBe('Calendar from 8 Dec, in the December peak (1.45× demand)');
    expect(on(195)).toBe('Calendar from 14 Jul, 1 day before Prime Day (2× demand)');
    expect(on(100)).toBe('Calendar from 10 Apr');
  });
});
