import { getDistanceMatrix } from './distanceMatrix';
import { createNeighbourLists, type NeighbourLists } from './neighbourLists';
import { getRouteLimits, type RouteLimits } from './routeLimits';
import { assertValidInstance, type RoutingInstance } from './routingInstance';

/** Everything the constructions and improvers share about one instance, computed once. */
export interface RoutingContext {
  instance: RoutingInstance;
  stopCount: number;
  /** Matrix dimension: stopCount + 1. */
  nodeCount: number;
  /** Row-major nodeCount^2 distances. */
  distances: Float64Array;
  /** Granular neighbourhoods of every stop. */
  neighbours: NeighbourLists;
  limits: RouteLimits;
}

/**
 * Neighbours per stop. Granular search literature (Toth and Vigo 2003, Vidal's HGS) uses 20-40;
 * 40 keeps the quality of a full search on the X instances at a fraction of its cost.
 */
export const DEFAULT_NEIGHBOUR_COUNT = 40;

/** Validates the instance and derives its distance matrix and neighbour lists. */
export function createRoutingContext(
  instance: RoutingInstance,
  neighbourCount = DEFAULT_NEIGHBOUR_COUNT,
): RoutingContext {
  assertValidInstance(instance);
  const nodeCount = instance.demands.length;
  const distances = getDistanceMatrix(instance);
  return {
    instance,
    stopCount: nodeCount - 1,
    nodeCount,
    distances,
    neighbours: createNeighbourLists(distances, nodeCount, neighbourCount),
    limits: getRouteLimits(instance),
  };
}
