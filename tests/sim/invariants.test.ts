import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation, restoreSimulation } from '../../src/sim/simulation';
import type { TrailerPool } from '../../src/sim/trailers';
import { arbitraryParams, smallParams } from './simHelpers';

describe('invariants at every step, over many seeds and parameter sets', () => {
  it('every ordered parcel is in exactly one stage, no queue is negative, no capacity is exceeded, time never goes back', () => {
    fc.assert(
      fc.property(arbitraryParams, fc.nat(), fc.integer({ min: 2, max: 20 }), (params, seed, hours) => {
        const sim = createSimulation(params, seed);
        let previousS = sim.timeS;
        let previousOrdered = 0;
        const endS = hours * 3600;
        // Check after each step for the first 2 h, then every hour (the walk costs more than a step).
        while (sim.timeS < endS) {
          const target = sim.timeS < 7200 ? sim.timeS + params.stepS : sim.timeS + 3600;
          sim.advanceTo(target);
          expect(sim.timeS).toBeGreaterThanOrEqual(previousS);
          expect(sim.checkInvariants()).toEqual([]);
          const { cumulative } = sim.getKpis();
          expect(cumulative.ordered).toBeGreaterThanOrEqual(previousOrdered);
          previousOrdered = cumulative.ordered;
          previousS = sim.timeS;
        }
        const state = sim.readFacilityState();
        for (const column of [state.backlogParcels, state.pickQueue, state.packQueue, state.robotsBusy]) {
          for (const value of column) expect(value).toBeGreaterThanOrEqual(0);
        }
        for (let id = 0; id < state.robotsBusy.length; id++) {
          expect(state.robotsBusy[id]).toBeLessThanOrEqual(state.robotsTotal[id]);
          expect(state.trailerFill[id]).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 6, seed: 20261125 },
    );
  });

  it('parcels are conserved across a rebuild (facility counts change mid-run)', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: 8, max: 300 }),
        fc.integer({ min: 4, max: 200 }),
        fc.integer({ min: 150, max: 1200 }),
        fc.integer({ min: 1, max: 12 }),
        (seed, fulfillmentCenterCount, sortationCenterCount, deliveryStationCount, regionCount) => {
          const sim = createSimulation(smallParams(), seed);
          sim.advanceTo(20 * 3600);
          const before = sim.getKpis();
          const { rebuilt } = sim.setParams({
            fulfillmentCenterCount,
            sortationCenterCount,
            deliveryStationCount,
            regionCount,
          });
          expect(rebuilt).toBe(true);
          expect(sim.checkInvariants()).toEqual([]);
          const after = sim.getKpis();
          expect(after.cumulative.liveParcels).toBe(before.cumulative.liveParcels);
          expect(after.cumulative.ordered).toBe(before.cumulative.ordered);
          expect(sim.network.facilities.filter((f) => f.kind === 0)).toHaveLength(fulfillmentCenterCount);
          sim.advanceTo(40 * 3600);
          expect(sim.checkInvariants()).toEqual([]);
        },
      ),
      { numRuns: 4, seed: 7 },
    );
  });

  it('a parameter change without a rebuild says so and keeps the network', () => {
    const sim = createSimulation(smallParams(), 3);
    const network = sim.network;
    expect(sim.setParams({ robotsPerFc: 4000 })).toEqual({ rebuilt: false });
    expect(sim.network).toBe(network);
    expect(() => sim.setParams({ robotsPerFc: -1 })).toThrow(
      /robotsPerFc: -1 is out of range; expected 0 to 20000/,
    );
  });

  it('the invariant check itself catches a lost parcel and a miscounted queue', () => {
    const sim = createSimulation(smallParams(), 5);
    sim.advanceTo(12 * 3600);
    const snapshot = sim.snapshot();
    const busiest = snapshot.queues.count.indexOf(Math.max(...snapshot.queues.count));
    snapshot.queues.count[busiest] += 1;
    expect(restoreSimulation(snapshot).checkInvariants().join('\n')).toMatch(
      /counts \d+ parcels but holds \d+/,
    );
    const lost = sim.snapshot();
    lost.queues.head[busiest] = lost.parcels.columns.next[lost.queues.head[busiest]];
    lost.queues.count[busiest] -= 1;
    expect(restoreSimulation(lost).checkInvariants().join('\n')).toMatch(/is in no queue or truck/);
  });

  it("a trailer's kept load lists its parcels as its list does, and the check catches one that does not", () => {
    const sim = createSimulation(smallParams(), 5);
    sim.advanceTo(30 * 3600);
    expect(sim.checkInvariants()).toEqual([]);
    // The pool is the engine's own (not on the Simulation interface): reached here to break it.
    const trailers = (sim as unknown as { engine: { state: { trailers: TrailerPool } } }).engine.state
      .trailers;
    const kept: number[] = [];
    for (let h = 0; h < trailers.heapSize; h++)
      if (trailers.getKeptLoad(trailers.heap[h]) !== null && trailers.columns.count[trailers.heap[h]] > 1)
        kept.push(trailers.heap[h]);
    // Trailers on the road keep the loads their departures listed.
    expect(kept.length).toBeGreaterThan(0);
    const load = trailers.getKeptLoad(kept[0]) as Int32Array;
    [load[0], load[1]] = [load[1], load[0]];
    expect(sim.checkInvariants().join('\n')).toMatch(/kept parcel slot \d+ as its load's parcel 0/);
  });
});
