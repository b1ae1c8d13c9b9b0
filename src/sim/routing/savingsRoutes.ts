import { isWithinLimits } from './routeLimits';
import type { RoutingContext } from './routingContext';
import { sortIndicesByKey } from './sortIndices';

/** Candidate pairs of a call and their order, grown by doubling and reused by every call (the model runs on one thread). */
class SavingsScratch {
  pairFirst = new Int32Array(256);
  pairSecond = new Int32Array(256);
  saving = new Float64Array(256);
  /** Pairs by bucket, each bucket's in scan order. */
  order = new Int32Array(256);
  /** Bucket of each pair. */
  bucketOf = new Int32Array(256);
  /** A bucket's pairs still alive, and the scratch of their sort. */
  live = new Int32Array(256);
  liveSort = new Int32Array(256);
  /** Where each bucket starts in `order`; bucket b holds order[bucketStart[b]..bucketStart[b + 1]). */
  readonly bucketStart = new Int32Array(MAX_BUCKETS + 1);

  /** Room for `pairs` pairs. */
  ensure(pairs: number): void {
    if (this.order.length >= pairs) return;
    let size = this.order.length;
    while (size < pairs) size *= 2;
    this.pairFirst = new Int32Array(size);
    this.pairSecond = new Int32Array(size);
    this.saving = new Float64Array(size);
    this.order = new Int32Array(size);
    this.bucketOf = new Int32Array(size);
    this.live = new Int32Array(size);
    this.liveSort = new Int32Array(size);
  }
}

/** Most buckets the pairs are dealt into; about four pairs a bucket below it. */
const MAX_BUCKETS = 1024;

/**
 * Deals pairs 0..pairCount-1 into buckets by saving, evenly over the savings' range, the largest
 * savings in bucket 0 (a bucket's savings are all at least the next one's; equal savings share a
 * bucket), each bucket's pairs in index order, into scratch.order and scratch.bucketStart.
 * Returns the number of buckets.
 */
function dealIntoBuckets(pairCount: number, saving: Float64Array, scratch: SavingsScratch): number {
  const { order, bucketOf, bucketStart } = scratch;
  const bucketCount = Math.max(1, Math.min(MAX_BUCKETS, pairCount >> 2));
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let pair = 0; pair < pairCount; pair++) {
    const value = saving[pair];
    if (value < min) min = value;
    if (value > max) max = value;
  }
  // max - value and the scaling are monotone, so the bucket never decreases as the saving does.
  // No spread (or no finite one): one bucket.
  const span = max - min;
  const perSaving = span > 0 && span < Number.POSITIVE_INFINITY ? (bucketCount - 1) / span : 0;
  bucketStart.fill(0, 0, bucketCount + 1);
  for (let pair = 0; pair < pairCount; pair++) {
    const bucket = perSaving === 0 ? 0 : Math.floor((max - saving[pair]) * perSaving);
    bucketOf[pair] = bucket;
    bucketStart[bucket + 1]++;
  }
  for (let bucket = 0; bucket < bucketCount; bucket++) bucketStart[bucket + 1] += bucketStart[bucket];
  for (let pair = 0; pair < pairCount; pair++) order[bucketStart[bucketOf[pair]]++] = pair;
  // The placing moved each start to the next bucket's: shift them back.
  for (let bucket = bucketCount; bucket > 0; bucket--) bucketStart[bucket] = bucketStart[bucket - 1];
  bucketStart[0] = 0;
  return bucketCount;
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
  // Pairs by saving, largest first, ties on the pair's position in the scan (deterministic). A
  // stop inside a route never returns to an end, and two stops on one route stay on one, so a
  // pair found so is dead for good and its place in the order changes nothing. The pairs are
  // dealt into buckets by saving, and each bucket's pairs still alive when it is reached are
  // sorted then: the same merges as sorting every pair, but most pairs are dead by then.
  const bucketCount = dealIntoBuckets(pairCount, saving, scratch);
  const { bucketStart, live } = scratch;

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
  for (let bucket = 0; bucket < bucketCount; bucket++) {
    let liveCount = 0;
    for (let at = bucketStart[bucket]; at < bucketStart[bucket + 1]; at++) {
      const pair = order[at];
      const a = members[routeOf[pairFirst[pair]]];
      const b = members[routeOf[pairSecond[pair]]];
      if (a === b) continue;
      const first = pairFirst[pair];
      const second = pairSecond[pair];
      if (a[0] !== first && a[a.length - 1] !== first) continue;
      if (b[0] !== second && b[b.length - 1] !== second) continue;
      live[liveCount++] = pair;
    }
    if (liveCount > 1) sortIndicesByKey(live, liveCount, saving, true, scratch.liveSort);
    for (let index = 0; index < liveCount; index++) {
      const pair = live[index];
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
  }
  const routes: number[][] = [];
  for (let stop = 1; stop < nodeCount; stop++) if (members[stop].length > 0) routes.push(members[stop]);
  return routes;
}
