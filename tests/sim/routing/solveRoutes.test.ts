import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkRoutes,
  createDistanceMatrix,
  ROUTING_OPTIMISERS,
  type RoutingInstance,
  solveRoutes,
} from '../../../src/sim/routing';
import { createRandomInstance } from './randomRoutingInstance';

/**
 * Optimal cost by enumeration: every order of the stops, each cut optimally into consecutive
 * vans (the split of Beasley 1983). Some order with its best split is an optimal plan.
 */
function bruteForceOptimalCost(instance: RoutingInstance): number {
  const stopCount = instance.demands.length - 1;
  const size = stopCount + 1;
  const distances = createDistanceMatrix(instance.positions, instance.distanceRounding);
  const order = Array.from({ length: stopCount }, (_, index) => index + 1);
  let best = Number.POSITIVE_INFINITY;
  const bestUpTo = new Float64Array(stopCount + 1);
  const visit = (depth: number): void => {
    if (depth === stopCount) {
      bestUpTo.fill(Number.POSITIVE_INFINITY);
      bestUpTo[0] = 0;
      for (let from = 0; from < stopCount; from++) {
        let load = 0;
        let inner = 0;
        for (let to = from; to < stopCount; to++) {
          load += instance.demands[order[to]];
          if (load > instance.capacity) break;
          if (to > from) inner += distances[order[to - 1] * size + order[to]];
          const route = distances[order[from]] + inner + distances[order[to]];
          bestUpTo[to + 1] = Math.min(bestUpTo[to + 1], bestUpTo[from] + route);
        }
      }
      best = Math.min(best, bestUpTo[stopCount]);
      return;
    }
    for (let index = depth; index < stopCount; index++) {
      [order[depth], order[index]] = [order[index], order[depth]];
      visit(depth + 1);
      [order[depth], order[index]] = [order[index], order[depth]];
    }
  };
  visit(0);
  return best;
}

describe('solveRoutes', () => {
  it('reaches the optimum of small waves found by enumeration', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const instance = createRandomInstance(seed, 8, { capacity: 15 });
      const optimal = bruteForceOptimalCost(instance);
      const solution = solveRoutes(instance);
      expect(solution.cost, `seed ${seed}: optimal ${optimal}`).toBeCloseTo(optimal, 9);
    }
  });

  it('visits every stop exactly once within capacity, for every optimiser, over many waves', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const instance = createRandomInstance(seed, 20 + seed * 7, { capacity: 10 + seed * 4 });
      for (const optimiser of ROUTING_OPTIMISERS) {
        const solution = solveRoutes(instance, { optimiser, budget: { iterations: 300 } });
        const check = checkRoutes(instance, solution.routes);
        expect(check.problems, `${optimiser}, seed ${seed}`).toEqual([]);
        expect(solution.cost, `${optimiser}, seed ${seed}: reported vs recomputed cost`).toBeCloseTo(
          check.cost,
          6,
        );
        expect(Array.from(solution.loads)).toEqual(check.loads);
      }
    }
  });

  it('plans any wave feasibly, even with coincident stops, empty stops and full-van stops', () => {
    // Integer coordinates on a small grid make coincident stops and distance ties common.
    const waveArbitrary = fc
      .record({
        capacity: fc.integer({ min: 1, max: 12 }),
        stops: fc.array(
          fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), fc.nat()),
          {
            minLength: 0,
            maxLength: 25,
          },
        ),
        optimiser: fc.constantFrom(...ROUTING_OPTIMISERS),
        rounding: fc.constantFrom('none' as const, 'nearest' as const),
      })
      .map(({ capacity, stops, optimiser, rounding }) => {
        const instance: RoutingInstance = {
          positions: new Float64Array([0, 0, ...stops.flatMap((stop) => stop.slice(0, 2))]),
          demands: new Float64Array([0, ...stops.map(([, , demand]) => demand % (capacity + 1))]),
          capacity,
          distanceRounding: rounding,
        };
        return { instance, optimiser };
      });
    fc.assert(
      fc.property(waveArbitrary, ({ instance, optimiser }) => {
        const solution = solveRoutes(instance, { optimiser, budget: { iterations: 200 } });
        expect(checkRoutes(instance, solution.routes).problems).toEqual([]);
      }),
      { numRuns: 300, seed: 4 },
    );
  });

  it('orders optimisers as they promise: +ls never worse than its construction, +rr never worse than +ls', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const instance = createRandomInstance(seed, 60, { capacity: 40 });
      const cost = (optimiser: (typeof ROUTING_OPTIMISERS)[number]) =>
        solveRoutes(instance, { optimiser, budget: { iterations: 500 } }).cost;
      for (const construction of ['nearest', 'sweep', 'savings'] as const) {
        expect(cost(`${construction}+ls`)).toBeLessThanOrEqual(cost(construction) + 1e-9);
      }
      expect(cost('savings+ls+rr')).toBeLessThanOrEqual(cost('savings+ls') + 1e-9);
    }
  });

  it('plans a sector of a wave about as short with a local search over 20 neighbours as over all 40', () => {
    // A scale-0.1 van sector: 60 stops, 30-parcel vans, 8 h shifts, one ruin-and-recreate
    // iteration a stop (the optimiser budget's 100 ms).
    const solve = (localSearchNeighbours?: number) => {
      let cost = 0;
      let routes = 0;
      for (let seed = 1; seed <= 16; seed++) {
        const instance = createRandomInstance(seed, 60, { capacity: 30 });
        for (let stop = 1; stop <= 60; stop++) instance.demands[stop] = stop % 10 === 0 ? 1.5 : 1;
        instance.maxRouteDurationS = 8 * 3600;
        instance.serviceDurationS = 600;
        instance.secondsPerDistance = 150;
        const solution = solveRoutes(instance, { seed, budget: { iterations: 60 }, localSearchNeighbours });
        expect(checkRoutes(instance, solution.routes).problems, `seed ${seed}`).toEqual([]);
        cost += solution.cost;
        routes += solution.routes.length;
      }
      return { cost, routes };
    };
    const all = solve();
    const near = solve(20);
    expect(near.cost / all.cost, `km: ${near.cost} with 20 neighbours, ${all.cost} with 40`).toBeLessThan(
      1.005,
    );
    expect(near.routes, 'routes').toBeLessThanOrEqual(all.routes + 1);
  });

  it('keeps every route within its max duration, counting service time', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const instance: RoutingInstance = {
        ...createRandomInstance(seed, 80, { capacity: 60 }),
        maxRouteDurationS: 3600,
        serviceDurationS: 120,
        // 30 km/h: 120 s per km.
        secondsPerDistance: 120,
      };
      for (const optimiser of ROUTING_OPTIMISERS) {
        const solution = solveRoutes(instance, { optimiser, budget: { iterations: 400 } });
        expect(checkRoutes(instance, solution.routes).problems, `${optimiser}, seed ${seed}`).toEqual([]);
        solution.routes.forEach((route, index) => {
          expect(solution.durationsS[index]).toBeCloseTo(
            solution.lengths[index] * 120 + route.length * 120,
            6,
          );
          expect(solution.durationsS[index]).toBeLessThanOrEqual(3600 + 1e-6);
        });
      }
    }
  });

  it('gives the same routes bit for bit for the same wave and seed', () => {
    const instance = createRandomInstance(7, 100, { capacity: 50 });
    const first = solveRoutes(instance, { seed: 42 });
    const second = solveRoutes(createRandomInstance(7, 100, { capacity: 50 }), { seed: 42 });
    expect(second.routes).toEqual(first.routes);
    expect(second.cost).toBe(first.cost);
  });

  it('handles waves of zero and one stop', () => {
    const empty: RoutingInstance = {
      positions: new Float64Array(2),
      demands: new Float64Array(1),
      capacity: 5,
    };
    expect(solveRoutes(empty).routes).toEqual([]);
    const single = createRandomInstance(3, 1);
    for (const optimiser of ROUTING_OPTIMISERS)
      expect(solveRoutes(single, { optimiser }).routes).toEqual([[1]]);
  });

  it('rejects a stop larger than a van, naming it', () => {
    const instance = createRandomInstance(2, 5, { capacity: 10 });
    instance.demands[3] = 11;
    expect(() => solveRoutes(instance)).toThrow(/stop 3 demand 11 does not fit a vehicle of capacity 10/);
  });

  it('rejects an unknown optimiser, listing the known ones', () => {
    const instance = createRandomInstance(2, 5);
    // @ts-expect-error the point is to pass a name outside RoutingOptimiser, as a URL or CLI flag could.
    expect(() => solveRoutes(instance, { optimiser: 'genetic' })).toThrow(
      /unknown optimiser 'genetic'.*savings\+ls/,
    );
  });

  it('drives a route in the direction that leaves fewer stops late', () => {
    // Three stops on a unit square; both directions cost the same, but stop 3 is due after
    // 1.5 s and is reached at 1 s only if the van drives the loop backwards.
    const instance: RoutingInstance = {
      positions: new Float64Array([0, 0, 1, 0, 1, 1, 0, 1]),
      demands: new Float64Array([0, 1, 1, 1]),
      capacity: 10,
      deadlinesS: new Float64Array([Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 5, 1.5]),
    };
    expect(solveRoutes(instance, { optimiser: 'none' }).routes).toEqual([[3, 2, 1]]);
  });
});
