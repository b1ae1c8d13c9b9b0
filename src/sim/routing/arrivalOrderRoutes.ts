import { isWithinLimits } from './routeLimits';
import type { RoutingContext } from './routingContext';

/**
 * No optimisation, the baseline users compare against: stops in arrival (index) order, a new
 * van whenever the next stop would break capacity or duration.
 */
export function createArrivalOrderRoutes(context: RoutingContext): number[][] {
  const { distances, nodeCount, limits } = context;
  const demands = context.instance.demands;
  const routes: number[][] = [];
  let route: number[] = [];
  let load = 0;
  let length = 0;
  for (let stop = 1; stop < nodeCount; stop++) {
    const last = route.length > 0 ? route[route.length - 1] : 0;
    // Length if the stop is appended and the van then returns to the depot.
    const extended = length - distances[last] + distances[last * nodeCount + stop] + distances[stop];
    if (route.length > 0 && !isWithinLimits(limits, load + demands[stop], extended, route.length + 1)) {
      routes.push(route);
      route = [];
      load = 0;
      length = 0;
    }
    const previous = route.length > 0 ? route[route.length - 1] : 0;
    length += distances[previous * nodeCount + stop] + distances[stop] - distances[previous];
    load += demands[stop];
    route.push(stop);
  }
  if (route.length > 0) routes.push(route);
  return routes;
}
