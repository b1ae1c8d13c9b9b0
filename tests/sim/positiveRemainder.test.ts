import { describe, expect, it } from 'vitest';
import { positiveRemainder } from '../../src/sim/portableMath';
import { createRandomStream, randomUnit } from '../../src/sim/routing/seededRandom';
import { isRushHour } from '../../src/sim/trips';

/** The expression positiveRemainder stands for: fmod, shifted into the period, fmod again. */
function remainderByFmod(x: number, period: number): number {
  return ((x % period) + period) % period;
}

/** Times within a few ulps of whole multiples of `edge` and `period`, either side, and anywhere. */
function timesNearEdges(seed: number, edge: number, period: number, span: number): number[] {
  const random = createRandomStream(seed);
  const uniform = () => randomUnit(random);
  const times: number[] = [0, -0, period, -period, 2 * period, edge, -edge, span];
  for (let k = 0; k < 100_000; k++) {
    const atEdge = (Math.floor(uniform() * 2000) - 500) * edge;
    const atPeriod = (Math.floor(uniform() * 200) - 50) * period;
    times.push(atEdge + (uniform() - 0.5) * edge * 1e-9);
    times.push(atPeriod + (uniform() - 0.5) * period * 1e-14);
    times.push(atEdge - 2 ** -Math.floor(uniform() * 40));
    times.push(atPeriod - 2 ** -Math.floor(uniform() * 45));
    times.push((uniform() - 0.3) * span);
  }
  return times;
}

describe('a time of day without a remainder of doubles', () => {
  it.each([
    ['seconds of a day, at hour edges', 86400, 3600, 3.2e7],
    ['hours of a day, at hour edges', 24, 1, 9000],
    ['seconds of a day, at minute edges', 86400, 60, 3.2e7],
  ])('gives the fmod expression bit for bit: %s', (_, period, edge, span) => {
    let differing = 0;
    for (const x of timesNearEdges(29 + period + edge, edge, period, span))
      if (!Object.is(positiveRemainder(x, period) + 0, remainderByFmod(x, period) + 0)) differing++;
    expect(differing).toBe(0);
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
