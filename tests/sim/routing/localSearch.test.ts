import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createArrivalOrderRoutes } from '../../../src/sim/routing/arrivalOrderRoutes';
import { checkRoutes } from '../../../src/sim/routing/checkRoutes';
import { LocalSearch } from '../../../src/sim/routing/localSearch';
import { createNearestNeighbourRoutes } from '../../../src/sim/routing/nearestNeighbourRoutes';
import { RoutePlan } from '../../../src/sim/routing/routePlan';
import { createRoutingContext } from '../../../src/sim/routing/routingContext';
import { createRandomStream } from '../../../src/sim/routing/seededRandom';
import { solveRoutes } from '../../../src/sim/routing/solveRoutes';
import { createRandomInstance } from './randomRoutingInstance';

describe('local search', () => {
  it('never makes the plan longer than the one it started from, and keeps it feasible', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 2, max: 120 }),
        fc.integer({ min: 9, max: 80 }),
        fc.boolean(),
        (seed, stopCount, capacity, withDuration) => {
          const instance = createRandomInstance(seed, stopCount, { capacity });
          if (withDuration) {
            instance.maxRouteDurationS = 4 * 3600;
            instance.serviceDurationS = 90;
            instance.secondsPerDistance = 150;
          }
          const context = createRoutingContext(instance);
          const plan = new RoutePlan(context.distances, instance.demands);
          plan.setRoutes(createArrivalOrderRoutes(context));
          const before = checkRoutes(instance, plan.getRoutes()).cost;
          new LocalSearch(plan, context).run(createRandomStream(seed));
          const after = checkRoutes(instance, plan.getRoutes());
          expect(after.problems).toEqual([]);
          expect(after.cost).toBeLessThanOrEqual(before + 1e-9);
          // The plan's own bookkeeping agrees with a recount from scratch.
          expect(plan.totalLength).toBeCloseTo(after.cost, 6);
        },
      ),
      { numRuns: 100, seed: 20261125 },
    );
  });

  it('never makes a single route longer (2-opt and Or-opt inside one van)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const instance = createRandomInstance(seed, 30, { capacity: 1000 });
      const context = createRoutingContext(instance);
      const plan = new RoutePlan(context.distances, instance.demands);
      plan.setRoutes(createNearestNeighbourRoutes(context));
      expect(plan.getRoutes()).toHaveLength(1);
      const before = plan.length[0];
      new LocalSearch(plan, context).run(createRandomStream(seed));
      expect(plan.getRoutes(), `seed ${seed}`).toHaveLength(1);
      expect(plan.length[0], `seed ${seed}: route length before ${before}`).toBeLessThanOrEqual(
        before + 1e-9,
      );
    }
  });

  it('stops after its evaluation budget, also through solveRoutes', () => {
    const wave = createRandomInstance(6, 150, { capacity: 40 });
    const capped = solveRoutes(wave, { optimiser: 'savings+ls', budget: { maxMoveEvaluations: 0 } });
    // With no evaluations the descent cannot move: the plan is the savings construction.
    expect(capped.routes).toEqual(solveRoutes(wave, { optimiser: 'savings' }).routes);

    const instance = createRandomInstance(5, 200, { capacity: 40 });
    const context = createRoutingContext(instance);
    const plan = new RoutePlan(context.distances, instance.demands);
    plan.setRoutes(createArrivalOrderRoutes(context));
    const search = new LocalSearch(plan, context);
    search.run(createRandomStream(1), 1000);
    // The budget is checked per stop, so it overshoots by at most one stop's neighbour list.
    expect(search.evaluations).toBeLessThanOrEqual(1000 + context.neighbours.k);
  });
});
