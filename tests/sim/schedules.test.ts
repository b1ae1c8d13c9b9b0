import { describe, expect, it } from 'vitest';
import { getCalendarMultiplier } from '../../src/sim/demand';
import { defaultParams } from '../../src/sim/params';
import {
  crossesSchedule,
  DAY_S,
  formatCalendarTime,
  getCalendarDate,
  getDayOfYear,
  getLastScheduledS,
  getNextScheduledS,
  getPromiseDeadlineS,
  getTomorrowsVanWaveS,
  getStationWaveShiftH,
  getWaveInStepS,
  getWeekday,
  HOUR_S,
  isFcStaffed,
  listWavesAfter,
  STATION_WAVE_SHIFTS_H,
  VAN_WAVE,
  WAVE_OFFSETS_H,
} from '../../src/sim/schedules';

/** The same instant from the platform's own calendar (UTC stands in for US Eastern wall time). */
function platformDate(startDayOfYear: number, simS: number): { weekday: number; month: number; day: number } {
  const date = new Date(Date.UTC(2026, 0, startDayOfYear) + simS * 1000);
  return { weekday: (date.getUTCDay() + 6) % 7, month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

describe('the calendar', () => {
  it('puts known days on their dates: day 1 is Thursday 1 January 2026, day 260 Thursday 17 September', () => {
    expect(getCalendarDate(1, 0)).toEqual({ year: 2026, month: 1, dayOfMonth: 1, dayOfYear: 1, weekday: 3 });
    expect(getCalendarDate(260, 0)).toEqual({
      year: 2026,
      month: 9,
      dayOfMonth: 17,
      dayOfYear: 260,
      weekday: 3,
    });
    expect(formatCalendarTime(260, 10 * HOUR_S + 5 * 60)).toBe('Thu 17 Sep 10:05');
    expect(formatCalendarTime(331, 0)).toBe('Fri 27 Nov 00:00'); // Black Friday 2026
    expect(formatCalendarTime(365, DAY_S)).toBe('Fri 1 Jan 00:00'); // 2027 starts on a Friday
  });

  it('matches the platform calendar for every start day and the first 60 days of a run', () => {
    for (let start = 1; start <= 365; start += 7) {
      for (let day = 0; day < 60; day += 3) {
        const simS = day * DAY_S + 13 * HOUR_S;
        const expected = platformDate(start, simS);
        const date = getCalendarDate(start, simS);
        expect([date.weekday, date.month, date.dayOfMonth], `start ${start}, day ${day}`).toEqual([
          expected.weekday,
          expected.month,
          expected.day,
        ]);
        expect(getWeekday(start, simS)).toBe(expected.weekday);
      }
    }
  });

  it('the day of the year wraps into the next year and the weekday carries on', () => {
    expect(getDayOfYear(365, 0)).toBe(365);
    expect(getDayOfYear(365, DAY_S)).toBe(1);
    expect(getWeekday(365, 0)).toBe(3); // Thursday 31 December 2026
    expect(getWeekday(365, DAY_S)).toBe(4); // Friday 1 January 2027
  });

  it('demand drops on the weekend days the calendar names', () => {
    const params = { ...defaultParams(), weekendDemandFactor: 0.5 };
    // Day 260 is a Thursday: days 2 and 3 of the run (Sat 19, Sun 20 Sep) are the weekend.
    const multipliers = [0, 1, 2, 3, 4].map((day) => getCalendarMultiplier(params, day * DAY_S + HOUR_S));
    expect(multipliers).toEqual([1, 1, 0.5, 0.5, 1]);
  });
});

describe('periodic schedules on a local clock', () => {
  it('an instant in (t0, t1] is crossed once, and the last and next instants bracket any time', () => {
    const intervalS = 4 * HOUR_S;
    for (const offsetH of [0, -1, -3]) {
      for (let t = 0; t < 2 * DAY_S; t += 997) {
        const last = getLastScheduledS(t, offsetH, 0, intervalS);
        const next = getNextScheduledS(t, offsetH, 0, intervalS);
        expect(last).toBeLessThanOrEqual(t);
        expect(next).toBeGreaterThan(t);
        expect(next - last).toBe(intervalS);
        // Local midnight is an instant of every schedule with phase 0.
        expect((((last + offsetH * HOUR_S) % intervalS) + intervalS) % intervalS).toBe(0);
        expect(crossesSchedule(t, next, offsetH, 0, intervalS)).toBe(true);
        expect(crossesSchedule(t, next - 1, offsetH, 0, intervalS)).toBe(false);
      }
    }
  });

  it("a station runs each wave once a day at firstWaveHour + its shift + the wave's offset, local time", () => {
    const params = { ...defaultParams(), firstWaveHour: 10 };
    const offsetH = -2; // Mountain: local = Eastern - 2 h
    const shiftH = 0.25; // this station loads out a quarter of an hour after the zone's mean
    const seen: number[][] = WAVE_OFFSETS_H.map(() => []);
    for (let t0 = 0; t0 < 2 * DAY_S; t0 += 60) {
      for (let w = 0; w < WAVE_OFFSETS_H.length; w++) {
        const waveS = getWaveInStepS(params, w, offsetH, shiftH, t0, t0 + 60);
        if (!Number.isNaN(waveS)) seen[w].push(waveS);
      }
    }
    seen.forEach((times, w) => {
      const localHour = 10 + shiftH + WAVE_OFFSETS_H[w];
      expect(times).toEqual([0, 1].map((day) => day * DAY_S + (localHour + 2) * HOUR_S));
    });
    const vanWaveS = seen[VAN_WAVE][0];
    expect(getTomorrowsVanWaveS(seen[4][0], 4)).toBe(vanWaveS + DAY_S);
    const after = listWavesAfter(params, offsetH, shiftH, vanWaveS);
    expect(after[0]).toEqual({ waveS: seen[2][0], waveIndex: 2 });
    expect(after.every((wave, i) => i === 0 || wave.waveS > after[i - 1].waveS)).toBe(true);
  });

  it('the stations of a zone spread their waves evenly over the shifts, centred on firstWaveHour', () => {
    const counts = STATION_WAVE_SHIFTS_H.map(() => 0);
    let sumH = 0;
    for (let station = 0; station < 1000; station++) {
      const shiftH = getStationWaveShiftH(station);
      counts[STATION_WAVE_SHIFTS_H.indexOf(shiftH as (typeof STATION_WAVE_SHIFTS_H)[number])]++;
      sumH += shiftH;
    }
    // Every shift holds about a fifth of the stations; none is left out, none takes most.
    for (const count of counts) expect(count).toBeGreaterThan(150);
    for (const count of counts) expect(count).toBeLessThan(250);
    expect(Math.abs(sumH / 1000)).toBeLessThan(0.05);
    // Neighbouring ids (one metro's stations) do not share one shift.
    const firstTen = new Set(Array.from({ length: 10 }, (_, station) => getStationWaveShiftH(station)));
    expect(firstTen.size).toBeGreaterThanOrEqual(3);
    expect(Math.min(...STATION_WAVE_SHIFTS_H) + Math.max(...STATION_WAVE_SHIFTS_H)).toBe(0);
  });

  it('an FC is staffed from its shift start for its staffed hours, local time', () => {
    const params = { ...defaultParams(), fcShiftStartHour: 6, fcStaffedHoursPerDay: 20 };
    expect(isFcStaffed(params, 5.9 * HOUR_S, 0)).toBe(false);
    expect(isFcStaffed(params, 6 * HOUR_S, 0)).toBe(true);
    expect(isFcStaffed(params, 25.9 * HOUR_S, 0)).toBe(true);
    // Pacific: 06:00 local is 09:00 Eastern.
    expect(isFcStaffed(params, 8.5 * HOUR_S, -3)).toBe(false);
    expect(isFcStaffed(params, 9 * HOUR_S, -3)).toBe(true);
  });
});

describe('promise due times', () => {
  it('are 21:00 at the station on the promised day; same-day after noon becomes next day', () => {
    const morning = 9 * HOUR_S;
    expect(getPromiseDeadlineS(morning, 0, 0)).toBe(21 * HOUR_S);
    expect(getPromiseDeadlineS(13 * HOUR_S, 0, 0)).toBe(DAY_S + 21 * HOUR_S);
    expect(getPromiseDeadlineS(morning, 1, 0)).toBe(DAY_S + 21 * HOUR_S);
    expect(getPromiseDeadlineS(morning, 2, 0)).toBe(2 * DAY_S + 21 * HOUR_S);
    expect(getPromiseDeadlineS(morning, 3, 0)).toBe(5 * DAY_S + 21 * HOUR_S);
    // Pacific: 21:00 local is 24:00 Eastern.
    expect(getPromiseDeadlineS(morning, 1, -3)).toBe(2 * DAY_S);
  });
});
