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

/**
 * Builds the neighbour lists of stops 1..nodeCount-1 (the depot is never a neighbour).
 * Ties break on the lower stop index so the lists are deterministic.
 *
 * @param distances row-major nodeCount^2 matrix.
 * @param k neighbours per stop; clamped to stopCount - 1.
 */
export function createNeighbourLists(distances: Float64Array, nodeCount: number, k: number): NeighbourLists {
  const width = Math.max(0, Math.min(k, nodeCount - 2));
  const nearest = new Int32Array(nodeCount * width);
  const bestDistance = new Float64Array(width);
  const bestStop = new Int32Array(width);
  for (let stop = 1; stop < nodeCount; stop++) {
    let filled = 0;
    const row = stop * nodeCount;
    for (let other = 1; other < nodeCount; other++) {
      if (other === stop) continue;
      const distance = distances[row + other];
      if (filled === width && distance >= bestDistance[width - 1]) continue;
      // Insertion into a small sorted buffer: O(k) worst case, usually O(1) once it is full.
      let slot = filled < width ? filled++ : width - 1;
      while (slot > 0 && bestDistance[slot - 1] > distance) {
        bestDistance[slot] = bestDistance[slot - 1];
        bestStop[slot] = bestStop[slot - 1];
        slot--;
      }
      bestDistance[slot] = distance;
      bestStop[slot] = other;
    }
    nearest.set(bestStop.subarray(0, width), stop * width);
  }
  return { k: width, nearest };
}
