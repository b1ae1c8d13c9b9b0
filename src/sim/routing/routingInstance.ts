import { hypot } from '../portableMath';

/**
 * The capacitated vehicle routing problem of one delivery wave: a depot (the delivery station)
 * and the stops its vans must visit, stored as typed columns indexed by stop.
 */

/** How a distance between two positions is derived from their planar coordinates. */
export type DistanceRounding = 'none' | 'nearest';

/**
 * One routing problem. Index 0 of every column is the depot; indices 1..stopCount are stops
 * (customers). The CVRPLIB numbering is the same: its node 1 is our index 0, and its `.sol`
 * customer k is our index k.
 */
export interface RoutingInstance {
  /** Planar positions: x, y; stride 2; length 2 * (stopCount + 1). Km in the sim, CVRPLIB units in benchmarks. */
  positions: Float64Array;
  /** Parcels to drop at each stop; length stopCount + 1; index 0 (depot) is 0. */
  demands: Float64Array;
  /** What one vehicle carries, in the same unit as `demands` (parcels in the sim). */
  capacity: number;
  /**
   * `nearest` rounds every distance to the nearest integer (the CVRPLIB convention the best-known
   * costs use); `none` (default) keeps exact Euclidean distances, as the sim does.
   */
  distanceRounding?: DistanceRounding;
  /**
   * Optional precomputed cost matrix, row-major, (stopCount + 1)^2, symmetric, in distance units.
   * When absent it is derived from `positions`. A road network or a traffic model may supply it.
   */
  distances?: Float64Array;
  /** Longest allowed route duration in seconds, from leaving to re-entering the depot; default none. */
  maxRouteDurationS?: number;
  /** Time spent at each stop in seconds; default 0. Only used with `maxRouteDurationS` or deadlines. */
  serviceDurationS?: number;
  /**
   * Seconds per distance unit, i.e. the travel-time multiplier (traffic, weather); default 1 (a
   * CVRPLIB instance then measures duration in its own units). Route duration =
   * length * secondsPerDistance + stops * serviceDurationS.
   */
  secondsPerDistance?: number;
  /**
   * Optional promise deadline of each stop, seconds after the van leaves the depot; length
   * stopCount + 1; `Infinity` where a stop has none. Deadlines are soft: the optimiser orients each
   * route to be late as rarely as possible, and the checker reports late stops.
   */
  deadlinesS?: Float64Array;
}

/** Number of stops (customers), excluding the depot. */
export function getStopCount(instance: RoutingInstance): number {
  return instance.demands.length - 1;
}

/**
 * Checks that the columns agree and that every stop fits in one vehicle; throws an Error naming
 * the offending stop or value otherwise.
 */
export function assertValidInstance(instance: RoutingInstance): void {
  const nodeCount = instance.demands.length;
  if (nodeCount < 1) throw new Error('routing instance: demands must hold at least the depot');
  if (instance.positions.length !== 2 * nodeCount) {
    throw new Error(
      `routing instance: positions has ${instance.positions.length} values, expected ${2 * nodeCount} (x, y per node)`,
    );
  }
  if (!(instance.capacity > 0))
    throw new Error(`routing instance: capacity ${instance.capacity} must be > 0`);
  if (instance.distances && instance.distances.length !== nodeCount * nodeCount) {
    throw new Error(
      `routing instance: distances has ${instance.distances.length} values, expected ${nodeCount * nodeCount}`,
    );
  }
  for (let stop = 1; stop < nodeCount; stop++) {
    const demand = instance.demands[stop];
    if (!(demand >= 0) || demand > instance.capacity) {
      throw new Error(
        `routing instance: stop ${stop} demand ${demand} does not fit a vehicle of capacity ${instance.capacity}`,
      );
    }
  }
  if (instance.maxRouteDurationS !== undefined) {
    const service = instance.serviceDurationS ?? 0;
    const secondsPerDistance = instance.secondsPerDistance ?? 1;
    const matrix = instance.distances;
    for (let stop = 1; stop < nodeCount; stop++) {
      // A stop that cannot be served even by its own round trip makes every plan infeasible.
      const outAndBack = matrix
        ? matrix[stop] + matrix[stop * nodeCount]
        : 2 *
          hypot(
            instance.positions[2 * stop] - instance.positions[0],
            instance.positions[2 * stop + 1] - instance.positions[1],
          );
      if (outAndBack * secondsPerDistance + service > instance.maxRouteDurationS) {
        throw new Error(
          `routing instance: stop ${stop} cannot be served within maxRouteDurationS ${instance.maxRouteDurationS}`,
        );
      }
    }
  }
}
