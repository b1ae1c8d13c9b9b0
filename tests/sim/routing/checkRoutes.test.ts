import { describe, expect, it } from 'vitest';
import { checkRoutes, type RoutingInstance } from '../../../src/sim/routing';

// Depot at the origin, three stops on the x axis at 1, 2 and 3 km, 2 parcels each.
const LINE: RoutingInstance = {
  positions: new Float64Array([0, 0, 1, 0, 2, 0, 3, 0]),
  demands: new Float64Array([0, 2, 2, 2]),
  capacity: 4,
};

describe('checkRoutes', () => {
  it('accepts a feasible plan and recomputes its cost from coordinates', () => {
    const check = checkRoutes(LINE, [[1, 2], [3]]);
    expect(check.problems).toEqual([]);
    expect(check.cost).toBe(4 + 6);
    expect(check.loads).toEqual([4, 2]);
  });

  it('names a stop visited twice, a stop never visited, an empty route and an unknown stop', () => {
    const check = checkRoutes(LINE, [[1, 1], [], [9]]);
    expect(check.feasible).toBe(false);
    expect(check.problems).toEqual([
      'route 2 is empty',
      'route 3 visits 9, which is not a stop (1..3)',
      'stop 1 is visited 2 times, expected once',
      'stop 2 is visited 0 times, expected once',
      'stop 3 is visited 0 times, expected once',
    ]);
  });

  it('names a route above capacity or above its max duration', () => {
    expect(checkRoutes(LINE, [[1, 2, 3]]).problems).toEqual(['route 1 carries 6, above capacity 4']);
    const timed = { ...LINE, maxRouteDurationS: 500, secondsPerDistance: 100, serviceDurationS: 10 };
    // 0-1-2-0 is 4 km: 400 s driving + 20 s at stops; 0-3-0 is 6 km: 600 s + 10 s.
    expect(checkRoutes(timed, [[1, 2], [3]]).problems).toEqual([
      'route 2 lasts 610 s, above maxRouteDurationS 500',
    ]);
  });

  it('uses the instance matrix when it has one', () => {
    const distances = new Float64Array(16).fill(7);
    expect(checkRoutes({ ...LINE, distances }, [[1], [2], [3]]).cost).toBe(6 * 7);
  });
});
