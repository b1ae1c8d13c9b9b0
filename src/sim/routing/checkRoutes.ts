import type { RoutingInstance } from './routingInstance';

/** What the independent checker found. */
export interface RouteCheck {
  /** True when `problems` is empty. */
  feasible: boolean;
  /** One sentence per violation, naming the route and stop. */
  problems: string[];
  /** Cost recomputed from coordinates (or the instance's own matrix), depot to depot. */
  cost: number;
  /** Parcels per route. */
  loads: number[];
}

/**
 * Checks a plan against its instance without any optimiser code: every stop exactly once, every
 * route non-empty, within capacity and max duration, and the cost recomputed from scratch. Used
 * by tests and the benchmark to keep the optimiser honest.
 *
 * @param routes stop indices per route (1..stopCount), the depot implicit at both ends.
 */
export function checkRoutes(instance: RoutingInstance, routes: readonly (readonly number[])[]): RouteCheck {
  const stopCount = instance.demands.length - 1;
  const visits = new Uint32Array(stopCount + 1);
  const problems: string[] = [];
  const loads: number[] = [];
  let cost = 0;
  const distance = (from: number, to: number): number => {
    if (instance.distances) return instance.distances[from * (stopCount + 1) + to];
    const exact = Math.sqrt(
      (instance.positions[2 * from] - instance.positions[2 * to]) ** 2 +
        (instance.positions[2 * from + 1] - instance.positions[2 * to + 1]) ** 2,
    );
    return instance.distanceRounding === 'nearest' ? Math.round(exact) : exact;
  };
  routes.forEach((route, index) => {
    const name = `route ${index + 1}`;
    if (route.length === 0) problems.push(`${name} is empty`);
    let load = 0;
    let length = 0;
    let previous = 0;
    for (const stop of route) {
      if (!Number.isInteger(stop) || stop < 1 || stop > stopCount) {
        problems.push(`${name} visits ${stop}, which is not a stop (1..${stopCount})`);
        continue;
      }
      visits[stop]++;
      load += instance.demands[stop];
      length += distance(previous, stop);
      previous = stop;
    }
    length += distance(previous, 0);
    cost += length;
    loads.push(load);
    if (load > instance.capacity)
      problems.push(`${name} carries ${load}, above capacity ${instance.capacity}`);
    if (instance.maxRouteDurationS !== undefined) {
      const durationS =
        length * (instance.secondsPerDistance ?? 1) + route.length * (instance.serviceDurationS ?? 0);
      if (durationS > instance.maxRouteDurationS + 1e-6) {
        problems.push(`${name} lasts ${durationS} s, above maxRouteDurationS ${instance.maxRouteDurationS}`);
      }
    }
  });
  for (let stop = 1; stop <= stopCount; stop++) {
    if (visits[stop] !== 1) problems.push(`stop ${stop} is visited ${visits[stop]} times, expected once`);
  }
  return { feasible: problems.length === 0, problems, cost, loads };
}
