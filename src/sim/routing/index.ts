/**
 * Last-mile vehicle routing: plan the vans of one delivery wave. Pure and deterministic; runs
 * unchanged in Node (CLI, tests, benchmark) and in the sim worker.
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
