import type { RoutePlan } from './routePlan';

// The edits local search applies once it has chosen a move. Each rewrites the one or two routes
// it touches from plain arrays and refreshes them: a move is applied thousands of times less
// often than moves are evaluated, so clarity wins over allocation here. All need the plan's
// positions to be fresh (`refreshRoute`), and leave them fresh.

/** The stops of a route in driving order. Allocates. */
function getStops(plan: RoutePlan, route: number): number[] {
  const stops: number[] = [];
  for (let node = plan.next[plan.startOf(route)]; !plan.isDepot(node); node = plan.next[node])
    stops.push(node);
  return stops;
}

/**
 * Moves `count` consecutive stops starting at `first` to just after node `after` (a stop outside
 * them, or a route's start sentinel), in the same or another route; `reversed` flips them.
 */
export function relocateStops(
  plan: RoutePlan,
  first: number,
  count: number,
  reversed: boolean,
  after: number,
): void {
  const sourceRoute = plan.routeOf[first];
  const targetRoute = plan.routeOf[after];
  const source = getStops(plan, sourceRoute);
  const from = plan.position[first] - 1;
  const segment = source.splice(from, count);
  if (reversed) segment.reverse();
  const target = sourceRoute === targetRoute ? source : getStops(plan, targetRoute);
  let at = plan.isDepot(after) ? 0 : plan.position[after];
  // In the same route, removing the segment shifts a later insertion point back.
  if (sourceRoute === targetRoute && !plan.isDepot(after) && plan.position[after] - 1 > from) at -= count;
  target.splice(at, 0, ...segment);
  plan.writeRoute(sourceRoute, source, source.length);
  if (sourceRoute !== targetRoute) plan.writeRoute(targetRoute, target, target.length);
}

/**
 * Exchanges `countU` stops starting at `u` with `countV` stops starting at `v` (the two runs must
 * not overlap), within one route or between two.
 */
export function swapStops(plan: RoutePlan, u: number, countU: number, v: number, countV: number): void {
  const routeU = plan.routeOf[u];
  const routeV = plan.routeOf[v];
  const fromU = plan.position[u] - 1;
  const fromV = plan.position[v] - 1;
  if (routeU === routeV) {
    const stops = getStops(plan, routeU);
    const segmentU = stops.slice(fromU, fromU + countU);
    const segmentV = stops.slice(fromV, fromV + countV);
    // Replace the later run first so the earlier one's index stays valid.
    if (fromU < fromV) {
      stops.splice(fromV, countV, ...segmentU);
      stops.splice(fromU, countU, ...segmentV);
    } else {
      stops.splice(fromU, countU, ...segmentV);
      stops.splice(fromV, countV, ...segmentU);
    }
    plan.writeRoute(routeU, stops, stops.length);
    return;
  }
  const stopsU = getStops(plan, routeU);
  const stopsV = getStops(plan, routeV);
  const segmentU = stopsU.splice(fromU, countU, ...stopsV.slice(fromV, fromV + countV));
  stopsV.splice(fromV, countV, ...segmentU);
  plan.writeRoute(routeU, stopsU, stopsU.length);
  plan.writeRoute(routeV, stopsV, stopsV.length);
}

/** Reverses the stops at positions firstPosition..lastPosition (1-based, inclusive) of a route. */
export function reverseStops(
  plan: RoutePlan,
  route: number,
  firstPosition: number,
  lastPosition: number,
): void {
  const stops = getStops(plan, route);
  let low = firstPosition - 1;
  let high = lastPosition - 1;
  while (low < high) {
    const swapped = stops[low];
    stops[low++] = stops[high];
    stops[high--] = swapped;
  }
  plan.writeRoute(route, stops, stops.length);
}

/**
 * 2-opt* between the routes of u and v (v may be a start sentinel: an empty head). Straight: u's
 * head continues with v's tail and v's head with u's tail. Reversed: u's head continues with v's
 * head backwards, and u's tail backwards continues with v's tail.
 */
export function exchangeTails(plan: RoutePlan, u: number, v: number, reversed: boolean): void {
  const routeU = plan.routeOf[u];
  const routeV = plan.routeOf[v];
  const stopsU = getStops(plan, routeU);
  const stopsV = getStops(plan, routeV);
  const cutU = plan.position[u];
  const cutV = plan.isDepot(v) ? 0 : plan.position[v];
  const headU = stopsU.slice(0, cutU);
  const tailU = stopsU.slice(cutU);
  const headV = stopsV.slice(0, cutV);
  const tailV = stopsV.slice(cutV);
  const newU = reversed ? headU.concat(headV.reverse()) : headU.concat(tailV);
  const newV = reversed ? tailU.reverse().concat(tailV) : headV.concat(tailU);
  plan.writeRoute(routeU, newU, newU.length);
  plan.writeRoute(routeV, newV, newV.length);
}
