/**
 * The model's invariants over many random scenarios (scenarioProperties.ts): 200 per `npm test`,
 * 2,000 with `npm run test:deep` (PARCELSCOPE_DEEP=1). A failure is shrunk by fast-check to a
 * small scenario and reported as a link that opens it in the page.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { arbitraryScenario, checkScenario, describeScenario } from './scenarioProperties';

const DEEP = process.env.PARCELSCOPE_DEEP === '1';
const RUNS = DEEP ? 2000 : 200;
/** A fixed seed per run of the suite, so a failure reproduces; the deep run explores others. */
const SEED = DEEP ? Date.now() % 2 ** 31 : 20261118;

describe('random scenarios', () => {
  test(`${RUNS} random parameter sets, seeds and mid-run changes keep every invariant, conserve parcels, restore and repeat exactly`, {
    timeout: DEEP ? 6 * 3600_000 : 600_000,
  }, () => {
    const result = fc.check(fc.property(arbitraryScenario, checkScenario), { numRuns: RUNS, seed: SEED });
    if (result.failed && result.counterexample) {
      const [scenario] = result.counterexample;
      throw new Error(
        `${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)}\n` +
          `Smallest failing scenario (fast-check seed ${SEED}, path ${result.counterexamplePath}), open it in the page:\n` +
          describeScenario(scenario),
      );
    }
    expect(result.numRuns).toBe(RUNS);
  });

  test('a failure is reported as a link to the scenario', () => {
    const link = describeScenario({
      params: {
        ...fc.sample(arbitraryScenario, { numRuns: 1, seed: 1 })[0].params,
        demandMultiplier: 2,
        stepS: 60,
      },
      seed: 7,
      hours: 4,
      order: { lon: -87.65, lat: 41.88, weightKg: 1.2, promise: 'nextDay' },
      change: { kind: 'rebuild', partial: { deliveryStationCount: 200 } },
    });
    expect(link).toMatch(
      /^http:\/\/localhost:5173\/\?.*demandMultiplier=2.*&seed=7&t=14400&speed=600&paused=1&order=-87\.65%2C41\.88%2C1\.2%2CnextDay%2C1800 then, at 7200 s, \{"deliveryStationCount":200\}$/,
    );
  });
});
