import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/sim/simulation';
import { smallParams } from './simHelpers';

describe('directional properties', () => {
  it('more robots never lowers FC throughput (picked, packed)', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: 0, max: 4000 }),
        fc.integer({ min: 1, max: 3000 }),
        (seed, robotsPerFc, extraRobots) => {
          const run = (robots: number) => {
            const sim = createSimulation(smallParams({ robotsPerFc: robots, demandMultiplier: 2 }), seed);
            sim.advanceTo(20 * 3600);
            return sim.getKpis().cumulative;
          };
          const fewer = run(robotsPerFc);
          const more = run(robotsPerFc + extraRobots);
          expect(more.picked).toBeGreaterThanOrEqual(fewer.picked);
          expect(more.packed).toBeGreaterThanOrEqual(fewer.packed);
        },
      ),
      { numRuns: 3, seed: 3 },
    );
  });

  it('lower forecast accuracy never raises the in-region share', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (seed, a, b) => {
          const [lower, higher] = a < b ? [a, b] : [b, a];
          const share = (forecastAccuracy: number) => {
            const sim = createSimulation(smallParams({ forecastAccuracy }), seed);
            sim.advanceTo(8 * 3600);
            return sim.getKpis().derived.inRegionShare;
          };
          expect(share(lower)).toBeLessThanOrEqual(share(higher));
        },
      ),
      { numRuns: 5, seed: 4 },
    );
  });

  it('a miss ships from farther away: worse forecasts mean more truck miles per parcel', () => {
    const milesPerParcel = (forecastAccuracy: number) => {
      const sim = createSimulation(smallParams({ forecastAccuracy }), 12);
      sim.advanceTo(36 * 3600);
      const { cumulative } = sim.getKpis();
      return cumulative.lineHaulMiles / cumulative.lineHaul;
    };
    expect(milesPerParcel(0.3)).toBeGreaterThan(milesPerParcel(0.95));
  });
});
