import { describe, expect, it } from 'vitest';
import { checkRoutes } from '../../../src/sim/routing/checkRoutes';
import { LocalSearch } from '../../../src/sim/routing/localSearch';
import { RoutePlan } from '../../../src/sim/routing/routePlan';
import { createRoutingContext } from '../../../src/sim/routing/routingContext';
import { runRuinAndRecreate } from '../../../src/sim/routing/ruinAndRecreate';
import { createSavingsRoutes } from '../../../src/sim/routing/savingsRoutes';
import { createRandomStream } from '../../../src/sim/routing/seededRandom';
import { solveRoutes } from '../../../src/sim/routing/solveRoutes';
import { createRandomInstance } from './randomRoutingInstance';

function createSavingsPlan(seed: number, stopCount: number, capacity: number) {
  const instance = createRandomInstance(seed, stopCount, { capacity });
  const context = createRoutingContext(instance);
  const plan = new RoutePlan(context.distances, instance.demands);
  plan.setRoutes(createSavingsRoutes(context));
  return { instance, context, plan };
}

describe('ruin and recreate', () => {
  it('returns a feasible plan no longer than the one it started from, over many waves', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { instance, context, plan } = createSavingsPlan(seed, 40 + seed * 5, 20 + seed * 3);
      const before = plan.totalLength;
      runRuinAndRecreate(plan, context, { iterations: 400, random: createRandomStream(seed) });
      const check = checkRoutes(instance, plan.getRoutes());
      expect(check.problems, `seed ${seed}`).toEqual([]);
      expect(check.cost, `seed ${seed}`).toBeLessThanOrEqual(before + 1e-9);
      expect(plan.totalLength).toBeCloseTo(check.cost, 6);
      // The plan comes back fully refreshed, ready for local search.
      new LocalSearch(plan, context).run(createRandomStream(seed));
      expect(checkRoutes(instance, plan.getRoutes()).problems).toEqual([]);
    }
  });

  it('stops when its wall-clock cap runs out, read from the injected clock', () => {
    const { context, plan } = createSavingsPlan(3, 100, 40);
    let nowMs = 0;
    let reads = 0;
    const clock = () => {
      reads++;
      // Every read advances the fake clock by 1 ms: a 50 ms cap allows about 50 iterations.
      return nowMs++;
    };
    runRuinAndRecreate(plan, context, {
      iterations: Number.POSITIVE_INFINITY,
      timeLimitMs: 50,
      clock,
      random: createRandomStream(1),
    });
    expect(reads).toBeGreaterThan(40);
    expect(reads).toBeLessThan(60);
  });

  it('refuses unbounded iterations without a clock', () => {
    const { context, plan } = createSavingsPlan(3, 20, 40);
    expect(() =>
      runRuinAndRecreate(plan, context, {
        iterations: Number.POSITIVE_INFINITY,
        random: createRandomStream(1),
      }),
    ).toThrow(/unbounded iterations need timeLimitMs and a clock/);
  });

  it('gives the same plan for a precomputed matrix as for the positions it came from', () => {
    const instance = createRandomInstance(11, 90, { capacity: 35 });
    const context = createRoutingContext(instance);
    const fromPositions = solveRoutes(instance, { seed: 5 });
    const fromMatrix = solveRoutes({ ...instance, distances: context.distances }, { seed: 5 });
    expect(fromMatrix.routes).toEqual(fromPositions.routes);
  });
});
