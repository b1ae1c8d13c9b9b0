import type { RoutingContext } from './routingContext';

/**
 * Drives each route in the direction that leaves fewer stops late. On a symmetric matrix both
 * directions cost the same, so this trims lateness for free; it is the optimiser's only use of
 * deadlines (they are soft). Routes are reversed in place.
 */
export function orientRoutesForDeadlines(routes: number[][], context: RoutingContext): void {
  const deadlines = context.instance.deadlinesS;
  if (!deadlines) return;
  for (const route of routes) {
    const forward = countLateStops(route, context, deadlines, false);
    if (forward === 0) continue;
    if (countLateStops(route, context, deadlines, true) < forward) route.reverse();
  }
}

/** Stops reached after their deadline when the route is driven forward or backward. */
export function countLateStops(
  route: readonly number[],
  context: RoutingContext,
  deadlinesS: Float64Array,
  backward: boolean,
): number {
  const { distances, nodeCount, limits } = context;
  let late = 0;
  let timeS = 0;
  let previous = 0;
  for (let index = 0; index < route.length; index++) {
    const stop = route[backward ? route.length - 1 - index : index];
    timeS += distances[previous * nodeCount + stop] * limits.secondsPerDistance;
    if (timeS > deadlinesS[stop]) late++;
    timeS += limits.serviceDurationS;
    previous = stop;
  }
  return late;
}
