import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WAVE_LOCAL_SEARCH_NEIGHBOURS } from '../../../src/sim/lastMile/waveRoutes';
import { type RoutingOptimiser, solveRoutes } from '../../../src/sim/routing';
import { createRandomInstance } from './randomRoutingInstance';

/**
 * A SHA-1 over the routes and cost `optimiser` gives on 24 fixed instances (10-160 stops, a third
 * with a shift limit and deadlines): a change in any route shows up as a different digest.
 */
function digestFixedResults(optimiser: RoutingOptimiser, localSearchNeighbours?: number): string {
  const hash = createHash('sha1');
  for (let seed = 1; seed <= 24; seed++) {
    const instance = createRandomInstance(seed, 10 + ((seed * 37) % 151), {
      capacity: 20 + (seed % 5) * 15,
    });
    if (seed % 3 === 0) {
      instance.maxRouteDurationS = 4 * 3600;
      instance.serviceDurationS = 90;
      instance.secondsPerDistance = 150;
      const deadlines = new Float64Array(instance.demands.length);
      for (let stop = 0; stop < deadlines.length; stop++)
        deadlines[stop] = stop === 0 ? Number.POSITIVE_INFINITY : (stop % 7) * 1800;
      instance.deadlinesS = deadlines;
    }
    const iterations = 5 * (instance.demands.length - 1);
    const solution = solveRoutes(instance, {
      optimiser,
      seed,
      budget: { iterations },
      localSearchNeighbours,
    });
    hash.update(`${JSON.stringify(solution.routes)}:${solution.cost};`);
  }
  return hash.digest('hex');
}

/**
 * Speed-ups of the optimiser must not move a route: these digests were taken on 56c9eea, before
 * the local search skipped pairs on unchanged routes and the savings sort compared inline.
 * A change that means to give other routes updates them, and says why.
 */
const DIGESTS_56C9EEA: Partial<Record<RoutingOptimiser, string>> = {
  'savings+ls+rr': '2aaae25d9d71faea29238909799be84f7616d274',
  'savings+ls': '321116a5c2f21fae00e8846f0aabc5f60194c93e',
  'nearest+ls': 'c93d1f2cf6b37d089eaecfdf568581fdf100468b',
  'sweep+ls': '8fa15763a960f02be2d21be123c3ec5b309e97a3',
  savings: 'ee2358863405ed7a0717149daec4676577df7b8c',
};

describe('the optimiser on fixed instances', () => {
  for (const [optimiser, digest] of Object.entries(DIGESTS_56C9EEA)) {
    it(`${optimiser} plans the same routes as before its speed-ups, bit for bit`, () => {
      expect(digestFixedResults(optimiser as RoutingOptimiser)).toBe(digest);
    });
  }

  it(`savings+ls+rr with the delivery waves' ${WAVE_LOCAL_SEARCH_NEIGHBOURS} local-search neighbours plans the routes it did when the waves took that count`, () => {
    expect(digestFixedResults('savings+ls+rr', WAVE_LOCAL_SEARCH_NEIGHBOURS)).toBe(
      'c3328ebedbb71ab4673f2360ebd77e1bfd612f98',
    );
  });
});
