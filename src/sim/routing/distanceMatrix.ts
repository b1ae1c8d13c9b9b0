import type { DistanceRounding, RoutingInstance } from './routingInstance';

/**
 * Euclidean distances between all nodes: row-major Float64Array of nodeCount^2 (row i, column j
 * is the distance from node i to node j). Float64 because CVRPLIB costs are sums of hundreds of
 * integers that must stay exact.
 *
 * @param positions x, y; stride 2.
 * @param rounding `nearest` rounds each distance to the nearest integer (CVRPLIB EUC_2D);
 *   default `none`.
 */
export function createDistanceMatrix(
  positions: Float64Array,
  rounding: DistanceRounding = 'none',
): Float64Array {
  const nodeCount = positions.length / 2;
  const distances = new Float64Array(nodeCount * nodeCount);
  for (let from = 0; from < nodeCount; from++) {
    const fromX = positions[2 * from];
    const fromY = positions[2 * from + 1];
    for (let to = from + 1; to < nodeCount; to++) {
      const dx = positions[2 * to] - fromX;
      const dy = positions[2 * to + 1] - fromY;
      // sqrt rather than Math.hypot: several times faster, and correctly rounded like the checker's.
      const exact = Math.sqrt(dx * dx + dy * dy);
      const distance = rounding === 'nearest' ? Math.round(exact) : exact;
      distances[from * nodeCount + to] = distance;
      distances[to * nodeCount + from] = distance;
    }
  }
  return distances;
}

/** The instance's own matrix if it has one, else one derived from its positions. */
export function getDistanceMatrix(instance: RoutingInstance): Float64Array {
  return instance.distances ?? createDistanceMatrix(instance.positions, instance.distanceRounding);
}
