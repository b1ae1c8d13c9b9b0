/**
 * Last-mile vehicle routing: plan the vans of one delivery wave. Pure and deterministic; runs
 * unchanged in Node (CLI, tests, benchmark) and in the sim worker.
 *
 * @example
 * ```ts
 * // Stops in km around the station (index 0), parcels per stop, vans of 120 parcels.
 * const solution = solveRoutes(
 *   { positions, demands, capacity: 120, maxRouteDurationS: 8 * 3600, serviceDurationS: 90,
 *     secondsPerDistance: 3600 / speedKmh },
 *   { optimiser: 'savings+ls+rr', budget: { iterations: 50 * stopCount }, random },
 * );
 * solution.routes; // [[12, 7, 3], [5, 9], ...] stop indices in driving order
 * solution.lengths; // km per route
 * ```
 */
export { type RouteCheck, checkRoutes } from './checkRoutes';
export { type CvrplibInstance, parseCvrplibInstance } from './cvrplibInstance';
export { type CvrplibSolution, formatCvrplibSolution, parseCvrplibSolution } from './cvrplibSolution';
export { createDistanceMatrix } from './distanceMatrix';
export { type DistanceRounding, getStopCount, type RoutingInstance } from './routingInstance';
export {
  DEFAULT_ITERATIONS_PER_STOP,
  DEFAULT_ROUTING_OPTIMISER,
  ROUTING_OPTIMISERS,
  type RoutingBudget,
  type RoutingOptimiser,
  type RoutingSolution,
  type SolveRoutesOptions,
  solveRoutes,
} from './solveRoutes';
export { createRandomStream, type RandomStream } from './seededRandom';
