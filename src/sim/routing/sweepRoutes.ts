import { isWithinLimits } from './routeLimits';
import type { RoutingContext } from './routingContext';

/**
 * Sweep (Gillett and Miller 1974): order stops by polar angle around the depot and cut the
 * sequence into vans as capacity or duration runs out. The sweep starts after the widest angular
 * gap so that no van straddles an empty sector.
 */
export function createSweepRoutes(context: RoutingContext): number[][] {
  const { distances, nodeCount, limits } = context;
  const { demands, positions } = context.instance;
  const stopCount = nodeCount - 1;
  if (stopCount === 0) return [];
  const angles = new Float64Array(nodeCount);
  const order: number[] = [];
  for (let stop = 1; stop < nodeCount; stop++) {
    angles[stop] = Math.atan2(positions[2 * stop + 1] - positions[1], positions[2 * stop] - positions[0]);
    order.push(stop);
  }
  // Tie-break on distance then index so the order is total and deterministic.
  order.sort((a, b) => angles[a] - angles[b] || distances[a] - distances[b] || a - b);
  let startAt = 0;
  let widestGap = -1;
  for (let index = 0; index < stopCount; index++) {
    const from = angles[order[(index + stopCount - 1) % stopCount]];
    const gap = (angles[order[index]] - from + 2 * Math.PI) % (2 * Math.PI);
    if (gap > widestGap) {
      widestGap = gap;
      startAt = index;
    }
  }
  const routes: number[][] = [];
  let route: number[] = [];
  let load = 0;
  let length = 0;
  for (let offset = 0; offset < stopCount; offset++) {
    const stop = order[(startAt + offset) % stopCount];
    const last = route.length > 0 ? route[route.length - 1] : 0;
    const extended = length - distances[last] + distances[last * nodeCount + stop] + distances[stop];
    if (route.length > 0 && !isWithinLimits(limits, load + demands[stop], extended, route.length + 1)) {
      routes.push(route);
      route = [];
      load = 0;
      length = 0;
    }
    const previous = route.length > 0 ? route[route.length - 1] : 0;
    length += distances[previous * nodeCount + stop] + distances[stop] - distances[previous];
    load += demands[stop];
    route.push(stop);
  }
  if (route.length > 0) routes.push(route);
  return routes;
}
