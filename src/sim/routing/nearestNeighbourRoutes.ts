import { isWithinLimits } from './routeLimits';
import type { RoutingContext } from './routingContext';

/**
 * Nearest neighbour: each van drives to the closest unvisited stop that still fits, and returns
 * when none does. O(n^2); a construction baseline (~25% above best-known on CVRPLIB X).
 */
export function createNearestNeighbourRoutes(context: RoutingContext): number[][] {
  const { distances, nodeCount, limits } = context;
  const demands = context.instance.demands;
  const visited = new Uint8Array(nodeCount);
  const routes: number[][] = [];
  let remaining = nodeCount - 1;
  while (remaining > 0) {
    const route: number[] = [];
    let load = 0;
    let length = 0;
    let current = 0;
    for (;;) {
      let best = -1;
      let bestDistance = Number.POSITIVE_INFINITY;
      const row = current * nodeCount;
      for (let stop = 1; stop < nodeCount; stop++) {
        if (visited[stop] || distances[row + stop] >= bestDistance) continue;
        const extended = length - distances[current] + distances[row + stop] + distances[stop];
        if (!isWithinLimits(limits, load + demands[stop], extended, route.length + 1)) continue;
        best = stop;
        bestDistance = distances[row + stop];
      }
      if (best === -1) break;
      length += bestDistance + distances[best] - distances[current];
      load += demands[best];
      visited[best] = 1;
      remaining--;
      route.push(best);
      current = best;
    }
    // Every single stop fits an empty van (assertValidInstance), so a route is never empty.
    routes.push(route);
  }
  return routes;
}
