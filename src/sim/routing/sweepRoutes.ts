import { atan2 } from '../portableMath';
import { isWithinLimits } from './routeLimits';
import type { RoutingContext } from './routingContext';

/**
 * Sweep (Gillett and Miller 1974): order stops by polar angle around the depot and cut the
 * sequence into vans as capacity or duration runs out. The sweep starts after the widest angular
 * gap so that no van straddles an empty sector.
 */
export function createSweepRoutes(context: RoutingContext): number[][] {
  const { distances, nodeCount } = context;
  const { positions } = context.instance;
  const stopCount = nodeCount - 1;
  if (stopCount === 0) return [];
  const angles = new Float64Array(nodeCount);
  const order: number[] = [];
  for (let stop = 1; stop < nodeCount; stop++) {
    angles[stop] = atan2(positions[2 * stop + 1] - positions[1], positions[2 * stop] - positions[0]);
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
  // Cut the sweep into vans; limits are checked on the nearest-neighbour order that the van
  // will actually drive, so a cluster closes as soon as that order would break one.
  const routes: number[][] = [];
  let cluster: number[] = [];
  for (let offset = 0; offset < stopCount; offset++) {
    const stop = order[(startAt + offset) % stopCount];
    cluster.push(stop);
    if (cluster.length > 1 && !fitsOneVan(context, orderByNearestNeighbour(context, cluster))) {
      cluster.pop();
      routes.push(orderByNearestNeighbour(context, cluster));
      cluster = [stop];
    }
  }
  if (cluster.length > 0) routes.push(orderByNearestNeighbour(context, cluster));
  return routes;
}

/**
 * Orders a van's stops by nearest neighbour from the depot. Driving them in angle order would
 * zigzag in and out radially; Gillett and Miller solve a small TSP per cluster instead.
 */
function orderByNearestNeighbour(context: RoutingContext, cluster: readonly number[]): number[] {
  const { distances, nodeCount } = context;
  const remaining = [...cluster];
  const ordered: number[] = [];
  let current = 0;
  while (remaining.length > 0) {
    let bestIndex = 0;
    for (let index = 1; index < remaining.length; index++) {
      if (
        distances[current * nodeCount + remaining[index]] <
        distances[current * nodeCount + remaining[bestIndex]]
      ) {
        bestIndex = index;
      }
    }
    current = remaining[bestIndex];
    ordered.push(current);
    remaining.splice(bestIndex, 1);
  }
  return ordered;
}

function fitsOneVan(context: RoutingContext, route: readonly number[]): boolean {
  const { distances, nodeCount, limits } = context;
  let load = 0;
  let length = 0;
  let previous = 0;
  for (const stop of route) {
    load += context.instance.demands[stop];
    length += distances[previous * nodeCount + stop];
    previous = stop;
  }
  return isWithinLimits(limits, load, length + distances[previous], route.length);
}
