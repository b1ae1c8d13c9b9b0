import type { RoutingInstance } from '../../../src/sim/routing';
import { createRandomStream } from '../../../src/sim/routing';

/**
 * A seeded random wave: stops uniform in a square of `sideKm` around a central depot, 1-9
 * parcels each, vans holding `capacity` parcels.
 */
export function createRandomInstance(
  seed: number,
  stopCount: number,
  options: { capacity?: number; sideKm?: number } = {},
): RoutingInstance {
  const random = createRandomStream(seed);
  const sideKm = options.sideKm ?? 10;
  const positions = new Float64Array(2 * (stopCount + 1));
  const demands = new Float64Array(stopCount + 1);
  positions[0] = sideKm / 2;
  positions[1] = sideKm / 2;
  for (let stop = 1; stop <= stopCount; stop++) {
    positions[2 * stop] = (random() / 4294967296) * sideKm;
    positions[2 * stop + 1] = (random() / 4294967296) * sideKm;
    demands[stop] = 1 + (random() % 9);
  }
  return { positions, demands, capacity: options.capacity ?? 30 };
}
