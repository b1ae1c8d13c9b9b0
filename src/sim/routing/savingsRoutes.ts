import { isWithinLimits } from './routeLimits';
import type { RoutingContext } from './routingContext';
import { KeyOrderScratch, writeOrderByKey } from './sortIndices';

/** Candidate pairs of a call and their order, grown by doubling and reused by every call (the model runs on one thread). */
class SavingsScratch {
  pairFirst = new Int32Array(256);
  pairSecond = new Int32Array(256);
  saving = new Float64Array(256);
  order = new Int32Array(256);
  readonly sort = new KeyOrderScratch();

  /** Room for `pairs` pairs. */
  ensure(pairs: number): void {
    if (this.order.length >= pairs) return;
    let size = this.order.length;
    while (size < pairs) size *= 2;
    this.pairFirst = new Int32Array(size);
    this.pairSecond = new Int32Array(size);
    this.saving = new Float64Array(size);
    this.order = new Int32Array(size);
  }
}

const scratch = new SavingsScratch();

/**
 * Clarke-Wright savings, parallel version (Clarke and Wright 1964): start with one van per stop
 * and merge two routes end to end, largest saving d(0,i) + d(0,j) - d(i,j) first, while the
 * merged route respects the limits. Only pairs from the neighbour lists are considered (granular
 * savings): far pairs rarely carry a large saving, and it keeps the sort at O(n k log(n k)).
 */
export function createSavingsRoutes(context: RoutingContext): number[][] {
  const { distances, nodeCount, limits, neighbours } = context;
  const demands = context.instance.demands;
  const { k, nearest } = neighbours;
  scratch.ensure((nodeCount - 1) * k);
  const { pairFirst, pairSecond, saving, order } = scratch;
  let pairCount = 0;
  for (let first = 1; first < nodeCount; first++) {
    for (let slot = 0; slot < k; slot++) {
      const second = nearest[first * k + slot];
      // Each unordered pair once: from the lower index, or from the higher one when the lower
      // index does not list it. A list holds a stop's k first others by (distance, index), so
      // `second` lists `first` when (distance, first) does not come after its last entry's.
      if (second < first) {
        const row = second * nodeCount;
        const last = nearest[second * k + k - 1];
        const distance = distances[row + first];
        const lastDistance = distances[row + last];
        if (distance < lastDistance || (distance === lastDistance && first <= last)) continue;
      }
      const value = distances[first] + distances[second] - distances[first * nodeCount + second];
      if (value <= 0) continue;
      pairFirst[pairCount] = first;
      pairSecond[pairCount] = second;
      saving[pairCount] = value;
      pairCount++;
    }
  }
  // Ties break on the pair's position in the scan, which is deterministic.
  writeOrderByKey(order, pairCount, saving, true, scratch.sort);

  const routeOf = new Int32Array(nodeCount);
  const members: number[][] = [[]];
  const load = new Float64Array(nodeCount);
  const length = new Float64Array(nodeCount);
  for (let stop = 1; stop < nodeCount; stop++) {
    routeOf[stop] = stop;
    members.push([stop]);
    load[stop] = demands[stop];
    length[stop] = 2 * distances[stop];
  }
  for (let index = 0; index < pairCount; index++) {
    const pair = order[index];
    const first = pairFirst[pair];
    const second = pairSecond[pair];
    const firstRoute = routeOf[first];
    const secondRoute = routeOf[second];
    if (firstRoute === secondRoute) continue;
    const a = members[firstRoute];
    const b = members[secondRoute];
    const firstAtEnd = a[a.length - 1] === first;
    const firstAtStart = a[0] === first;
    const secondAtEnd = b[b.length - 1] === second;
    const secondAtStart = b[0] === second;
    // Only a stop adjacent to the depot can be joined to another route.
    if (!(firstAtEnd || firstAtStart) || !(secondAtEnd || secondAtStart)) continue;
    const mergedLoad = load[firstRoute] + load[secondRoute];
    const mergedLength = length[firstRoute] + length[secondRoute] - saving[pair];
    if (!isWithinLimits(limits, mergedLoad, mergedLength, a.length + b.length)) continue;
    // Orient both so that `first` ends a and `second` starts b (routes are symmetric).
    if (!firstAtEnd) a.reverse();
    if (!secondAtStart) b.reverse();
    for (const stop of b) {
      a.push(stop);
      routeOf[stop] = firstRoute;
    }
    members[secondRoute] = [];
    load[firstRoute] = mergedLoad;
    length[firstRoute] = mergedLength;
  }
  const routes: number[][] = [];
  for (let stop = 1; stop < nodeCount; stop++) if (members[stop].length > 0) routes.push(members[stop]);
  return routes;
}
