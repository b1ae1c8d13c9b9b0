import { describe, expect, it } from 'vitest';
import { getSecondOfDay, isRushHour } from '../../src/sim/trips';
import { createRandomStream, randomUnit } from '../../src/sim/routing/seededRandom';

/** The expression getSecondOfDay stands for: fmod, shifted into the day, fmod again. */
function secondOfDayByRemainder(localS: number): number {
  return ((localS % 86400) + 86400) % 86400;
}

describe('the local hour without a remainder of doubles', () => {
  it('gives the remainder expression bit for bit, at and within rounding of every hour edge', () => {
    const random = createRandomStream(29);
    const uniform = () => randomUnit(random);
    const times: number[] = [0, -0, 86400, -86400, 172800, 7 * 3600, 9 * 3600, 16 * 3600, 19 * 3600];
    for (let k = 0; k < 200_000; k++) {
      const hour = Math.floor(uniform() * 2000) - 500;
      const edge = hour * 3600;
      const day = (Math.floor(uniform() * 200) - 50) * 86400;
      // Within a few ulps of an hour's or a day's edge, either side, and anywhere in a year.
      times.push(edge + (uniform() - 0.5) * 1e-6);
      times.push(day + (uniform() - 0.5) * 1e-9);
      times.push(edge - 2 ** -Math.floor(uniform() * 40));
      times.push(day - 2 ** -Math.floor(uniform() * 45));
      times.push((uniform() - 0.3) * 3.2e7);
    }
    let differing = 0;
    let rushDiffering = 0;
    for (const localS of times) {
      if (!Object.is(getSecondOfDay(localS) + 0, secondOfDayByRemainder(localS) + 0)) differing++;
      const hour = Math.floor(secondOfDayByRemainder(localS) / 3600);
      const expected = (hour >= 7 && hour < 9) || (hour >= 16 && hour < 19);
      if (isRushHour(localS) !== expected) rushDiffering++;
    }
    expect(differing).toBe(0);
    expect(rushDiffering).toBe(0);
  });

  it('puts the rush hours at 07:00-09:00 and 16:00-19:00 local, on any day, before or after the epoch', () => {
    for (const day of [-3, 0, 2, 400]) {
      const rush = Array.from({ length: 24 }, (_, h) => isRushHour(day * 86400 + h * 3600 + 1));
      expect(rush.flatMap((r, h) => (r ? [h] : []))).toEqual([7, 8, 16, 17, 18]);
      expect(isRushHour(day * 86400 + 9 * 3600)).toBe(false);
      expect(isRushHour(day * 86400 + 9 * 3600 - 1e-3)).toBe(true);
    }
  });
});
