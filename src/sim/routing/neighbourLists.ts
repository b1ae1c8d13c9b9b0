/**
 * The k nearest other stops of every stop, the backbone of granular search: moves and
 * insertions only look at near neighbours, which keeps each pass near-linear in the stop count.
 */
export interface NeighbourLists {
  /** Neighbours per row. */
  k: number;
  /** Row per node (row 0, the depot, is left empty): the k nearest stops, nearest first; stride k. */
  nearest: Int32Array;
}

/** Buckets a row's distances are dealt into, evenly over its range. */
const BUCKETS = 128;

// Scratch of createNeighbourLists, reused by every call (the model runs on one thread).
const bucketStart = new Int32Array(BUCKETS + 1);
let bucketOf = new Int32Array(64);
let candidates = new Int32Array(64);

/**
 * Builds the neighbour lists of stops 1..nodeCount-1 (the depot is never a neighbour).
 * Ties break on the lower stop index so the lists are deterministic.
 *
 * Each row's distances are dealt into buckets evenly spaced over the row's range, whole buckets
 * are taken nearest first until they hold k stops (a bucket holds every stop at its distances,
 * so the k nearest are among them), and those few are put in exact order, distance then index, by
 * insertion: bucket order leaves little to move. A sorted insertion of every stop moved most of k
 * entries per stop; neighbour lists were ~6% of a scale-0.1 sim day.
 *
 * @param distances row-major nodeCount^2 matrix.
 * @param k neighbours per stop; clamped to stopCount - 1.
 */
export function createNeighbourLists(distances: Float64Array, nodeCount: number, k: number): NeighbourLists {
  const width = Math.max(0, Math.min(k, nodeCount - 2));
  const nearest = new Int32Array(nodeCount * width);
  if (width === 0) return { k: width, nearest };
  if (candidates.length < nodeCount) {
    bucketOf = new Int32Array(2 * nodeCount);
    candidates = new Int32Array(2 * nodeCount);
  }
  const starts = bucketStart;
  for (let stop = 1; stop < nodeCount; stop++) {
    const row = stop * nodeCount;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let other = 1; other < nodeCount; other++) {
      if (other === stop) continue;
      const distance = distances[row + other];
      if (distance < min) min = distance;
      if (distance > max) max = distance;
    }
    // The bucket grows with the distance (rounding keeps that order), so a bucket's stops are
    // all at least as near as the next bucket's. No spread (or no finite one): one bucket.
    const span = max - min;
    const perDistance = span > 0 && span < Number.POSITIVE_INFINITY ? (BUCKETS - 1) / span : 0;
    starts.fill(0);
    for (let other = 1; other < nodeCount; other++) {
      if (other === stop) continue;
      const bucket = perDistance === 0 ? 0 : Math.floor((distances[row + other] - min) * perDistance);
      bucketOf[other] = bucket;
      starts[bucket + 1]++;
    }
    for (let bucket = 0; bucket < BUCKETS; bucket++) starts[bucket + 1] += starts[bucket];
    let taken = 0;
    while (starts[taken] < width) taken++;
    const count = starts[taken];
    for (let other = 1; other < nodeCount; other++) {
      if (other === stop) continue;
      const bucket = bucketOf[other];
      if (bucket < taken) candidates[starts[bucket]++] = other;
    }
    for (let at = 1; at < count; at++) {
      const other = candidates[at];
      const distance = distances[row + other];
      let to = at - 1;
      while (to >= 0) {
        const before = candidates[to];
        const beforeDistance = distances[row + before];
        if (beforeDistance < distance || (beforeDistance === distance && before < other)) break;
        candidates[to + 1] = before;
        to--;
      }
      candidates[to + 1] = other;
    }
    nearest.set(candidates.subarray(0, width), stop * width);
  }
  return { k: width, nearest };
}
