import { isWithinLimits, type RouteLimits } from './routeLimits';
import { exchangeTails, relocateStops, reverseStops, swapStops } from './routeEdits';
import { getRouteChangeClock, type RoutePlan } from './routePlan';
import type { RoutingContext } from './routingContext';
import { randomBelow, type RandomStream } from './seededRandom';

/**
 * An applied move must shorten the plan by more than this (distance units): it guards against
 * cycling on float noise, and it is far below one metre in km and one CVRPLIB unit.
 */
const IMPROVEMENT_EPSILON = 1e-7;

/**
 * Granular local search (first improvement) over the neighbourhoods of Vidal's HGS: for every
 * stop u and each of its near neighbours v it tries, in order,
 * relocate u after v; relocate (u, next u) after v, straight and reversed (Or-opt);
 * swap u with v; swap (u, next u) with v; swap (u, next u) with (v, next v);
 * 2-opt inside a route; 2-opt* (tail exchange, both orientations) between routes.
 * v may also be the depot start of v's route, which lets stops and tails move to the front.
 *
 * Every applied move strictly shortens the plan and respects capacity and duration, so the
 * plan's total length never increases. Evaluation is O(1) per move from the plan's prefix loads
 * and lengths; only an applied move walks the (one or two) routes it rewrites. The matrix must
 * be symmetric: reversed stretches are costed as if driving them backwards cost the same.
 */
export class LocalSearch {
  private readonly plan: RoutePlan;
  private readonly limits: RouteLimits;
  private readonly demands: Float64Array;
  private readonly distances: Float64Array;
  private readonly matrixSize: number;
  /** Neighbours of each stop tried, the first of its row in the context's lists. */
  private readonly neighbourCount: number;
  /** Row stride of `nearest`: the context's neighbours per stop. */
  private readonly neighbourStride: number;
  private readonly nearest: Int32Array;
  private readonly order: Int32Array;
  /**
   * Per stop, the route-change clock when its neighbour list was last tried in full with no move
   * applied from it (-1: never). A pair (u, v) whose two routes have not changed since
   * (RoutePlan.changedAt) would be evaluated on the same stops, loads and lengths again and found
   * not to improve again, so it is counted and skipped: the search takes the same path, only
   * faster. Kept across runs on the same plan (solveRoutes' descent after ruin and recreate
   * skips the routes the annealing left as the first descent did).
   */
  private readonly triedAt: Float64Array;
  /** Move evaluations so far, skipped ones included: the deterministic measure of work. */
  evaluations = 0;
  // The pair being tried, read once by tryMoves or tryDepotMoves for every move of the pair:
  // u's neighbours (pu, x), v's (pv, y; pv only through its legs), the four edges beside u and v, and the legs that two
  // or more of the moves would drive (NaN where a node is missing). They never go stale while
  // read: the first move applied ends the pair.
  private pu = 0;
  private x = 0;
  private y = 0;
  private dPuU = 0;
  private dUX = 0;
  private dPvV = 0;
  private dVY = 0;
  private dVU = 0;
  private dUY = 0;
  private dVX = 0;
  private dXY = 0;
  private dPuV = 0;
  private dPvU = 0;
  /** Past u's pair (u, x): next x, and the legs (x, xx) and (pu, xx); -1 and NaN when x is a depot. */
  private xx = -1;
  private dXXx = 0;
  private dPuXx = 0;

  /**
   * @param neighbourCount near neighbours of each stop to pair it with, at most (and by default)
   *   the context's: the nearest of its lists, so a smaller count searches a subset of the moves.
   */
  constructor(plan: RoutePlan, context: RoutingContext, neighbourCount = context.neighbours.k) {
    this.plan = plan;
    this.limits = context.limits;
    this.demands = context.instance.demands;
    this.distances = context.distances;
    this.matrixSize = context.nodeCount;
    this.neighbourCount = Math.min(neighbourCount, context.neighbours.k);
    this.neighbourStride = context.neighbours.k;
    this.nearest = context.neighbours.nearest;
    this.order = new Int32Array(context.stopCount);
    this.triedAt = new Float64Array(context.stopCount + 1).fill(-1);
  }

  /**
   * Improves the plan in place until no move improves it or `maxEvaluations` move evaluations
   * have been spent. The plan must be fully refreshed (`refreshAll`) on entry; it stays so.
   *
   * @param random decides the order in which stops are visited (ties in the search path).
   * @param maxEvaluations counts this run's evaluations only.
   * @returns the number of moves applied.
   */
  run(random: RandomStream, maxEvaluations = Number.POSITIVE_INFINITY): number {
    const { order, plan, nearest, neighbourCount, neighbourStride, triedAt } = this;
    const { routeOf, changedAt } = plan;
    const budgetEnd = this.evaluations + maxEvaluations;
    for (let index = 0; index < order.length; index++) order[index] = index + 1;
    for (let index = order.length - 1; index > 0; index--) {
      const other = randomBelow(random, index + 1);
      const swapped = order[index];
      order[index] = order[other];
      order[other] = swapped;
    }
    let applied = 0;
    let improved = true;
    while (improved && this.evaluations < budgetEnd) {
      improved = false;
      for (let index = 0; index < order.length; index++) {
        const u = order[index];
        const startedAt = getRouteChangeClock();
        const lastTriedAt = triedAt[u];
        let movedU = false;
        for (let slot = 0; slot < neighbourCount; slot++) {
          const v = nearest[u * neighbourStride + slot];
          this.evaluations++;
          const ru = routeOf[u];
          const rv = routeOf[v];
          if (ru !== -1 && rv !== -1 && changedAt[ru] <= lastTriedAt && changedAt[rv] <= lastTriedAt)
            continue;
          if (this.tryMoves(u, v)) {
            applied++;
            improved = true;
            movedU = true;
          }
          const before = plan.prev[v];
          if (plan.isDepot(before) && this.tryDepotMoves(u, before)) {
            applied++;
            improved = true;
            movedU = true;
          }
        }
        triedAt[u] = movedU ? -1 : startedAt;
        if (this.evaluations >= budgetEnd) break;
      }
    }
    return applied;
  }

  private d(from: number, to: number): number {
    const location = this.plan.location;
    return this.distances[location[from] * this.matrixSize + location[to]];
  }

  private fits(load: number, length: number, stops: number): boolean {
    return isWithinLimits(this.limits, load, length, stops);
  }

  /** Reads the neighbours and edges of u and of v (a stop, or a start sentinel: no pv). */
  private readPair(u: number, v: number): void {
    const { prev, next } = this.plan;
    const pu = prev[u];
    const x = next[u];
    const pv = prev[v];
    const y = next[v];
    this.pu = pu;
    this.x = x;
    this.y = y;
    this.dPuU = this.d(pu, u);
    this.dUX = this.d(u, x);
    this.dPvV = pv === -1 ? Number.NaN : this.d(pv, v);
    this.dVY = this.d(v, y);
    this.dVU = this.d(v, u);
    this.dUY = this.d(u, y);
    this.dVX = this.d(v, x);
    this.dXY = this.d(x, y);
    this.dPuV = this.d(pu, v);
    this.dPvU = pv === -1 ? Number.NaN : this.d(pv, u);
    if (this.plan.isDepot(x)) {
      this.xx = -1;
      this.dXXx = Number.NaN;
      this.dPuXx = Number.NaN;
    } else {
      const xx = next[x];
      this.xx = xx;
      this.dXXx = this.d(x, xx);
      this.dPuXx = this.d(pu, xx);
    }
  }

  /** All moves pairing stop u with stop v; applies the first improving one. */
  private tryMoves(u: number, v: number): boolean {
    const plan = this.plan;
    if (plan.routeOf[u] === -1 || plan.routeOf[v] === -1) return false;
    this.readPair(u, v);
    return (
      this.tryRelocate(u, v) ||
      this.tryRelocatePair(u, v, false) ||
      this.tryRelocatePair(u, v, true) ||
      this.trySwap(u, v) ||
      this.trySwapPairWithStop(u, v) ||
      this.trySwapPairs(u, v) ||
      (plan.routeOf[u] === plan.routeOf[v] ? this.tryTwoOpt(u, v) : this.tryTwoOptStar(u, v, false)) ||
      (plan.routeOf[u] !== plan.routeOf[v] && this.tryTwoOptStar(u, v, true))
    );
  }

  /** Moves pairing stop u with the start sentinel of a route (put u or a tail at the front). */
  private tryDepotMoves(u: number, start: number): boolean {
    const plan = this.plan;
    this.readPair(u, start);
    return (
      this.tryRelocate(u, start) ||
      this.tryRelocatePair(u, start, false) ||
      this.tryRelocatePair(u, start, true) ||
      (plan.routeOf[u] !== plan.routeOf[start] &&
        (this.tryTwoOptStar(u, start, false) || this.tryTwoOptStar(u, start, true)))
    );
  }

  /** Relocate u right after v (v a stop or a start sentinel). */
  private tryRelocate(u: number, v: number): boolean {
    const { plan, pu, x } = this;
    if (v === u || v === pu) return false;
    const ru = plan.routeOf[u];
    const rv = plan.routeOf[v];
    const removal = this.d(pu, x) - this.dPuU - this.dUX;
    const insertion = this.dVU + this.dUY - this.dVY;
    const delta = removal + insertion;
    if (delta > -IMPROVEMENT_EPSILON) return false;
    if (ru === rv) {
      if (!this.fits(plan.load[ru], plan.length[ru] + delta, plan.routeStopCount[ru])) return false;
    } else {
      const demand = this.demands[u];
      if (!this.fits(plan.load[rv] + demand, plan.length[rv] + insertion, plan.routeStopCount[rv] + 1))
        return false;
      if (!this.fits(plan.load[ru] - demand, plan.length[ru] + removal, plan.routeStopCount[ru] - 1))
        return false;
    }
    relocateStops(this.plan, u, 1, false, v);
    return true;
  }

  /** Or-opt: relocate (u, next u) after v, as is or reversed. */
  private tryRelocatePair(u: number, v: number, reversed: boolean): boolean {
    const { plan, x } = this;
    if (plan.isDepot(x) || v === u || v === x || v === this.pu) return false;
    const ru = plan.routeOf[u];
    const rv = plan.routeOf[v];
    // The pair's inner edge (u, x) moves with it: it leaves u's route and enters v's.
    const inner = this.dUX;
    const removal = this.dPuXx - this.dPuU - inner - this.dXXx;
    const insertion = reversed
      ? this.dVX + inner + this.dUY - this.dVY
      : this.dVU + inner + this.dXY - this.dVY;
    const delta = removal + insertion;
    if (delta > -IMPROVEMENT_EPSILON) return false;
    if (ru === rv) {
      if (!this.fits(plan.load[ru], plan.length[ru] + delta, plan.routeStopCount[ru])) return false;
    } else {
      const demand = this.demands[u] + this.demands[x];
      if (!this.fits(plan.load[rv] + demand, plan.length[rv] + insertion, plan.routeStopCount[rv] + 2))
        return false;
      if (!this.fits(plan.load[ru] - demand, plan.length[ru] + removal, plan.routeStopCount[ru] - 2))
        return false;
    }
    relocateStops(this.plan, u, 2, reversed, v);
    return true;
  }

  /** Exchange stops u and v. */
  private trySwap(u: number, v: number): boolean {
    const { plan, x, y } = this;
    const ru = plan.routeOf[u];
    const rv = plan.routeOf[v];
    let deltaU: number;
    let deltaV: number;
    if (x === v) {
      deltaU = this.dPuV + this.dUY - this.dPuU - this.dVY;
      deltaV = 0;
    } else if (y === u) {
      deltaU = this.dPvU + this.dVX - this.dPvV - this.dUX;
      deltaV = 0;
    } else {
      deltaU = this.dPuV + this.dVX - this.dPuU - this.dUX;
      deltaV = this.dPvU + this.dUY - this.dPvV - this.dVY;
    }
    if (deltaU + deltaV > -IMPROVEMENT_EPSILON) return false;
    if (ru === rv) {
      if (!this.fits(plan.load[ru], plan.length[ru] + deltaU + deltaV, plan.routeStopCount[ru])) return false;
    } else {
      const shift = this.demands[v] - this.demands[u];
      if (!this.fits(plan.load[ru] + shift, plan.length[ru] + deltaU, plan.routeStopCount[ru])) return false;
      if (!this.fits(plan.load[rv] - shift, plan.length[rv] + deltaV, plan.routeStopCount[rv])) return false;
    }
    swapStops(this.plan, u, 1, v, 1);
    return true;
  }

  /** Exchange the pair (u, next u) with stop v. */
  private trySwapPairWithStop(u: number, v: number): boolean {
    const { plan, x, pu, xx } = this;
    if (plan.isDepot(x) || v === x) return false;
    // Adjacent segments would share an edge that the delta below counts twice.
    if (v === pu || v === xx) return false;
    const ru = plan.routeOf[u];
    const rv = plan.routeOf[v];
    // The pair's inner edge (u, x) moves from u's route to v's.
    const inner = this.dUX;
    const deltaU = this.dPuV + this.d(v, xx) - this.dPuU - inner - this.dXXx;
    const deltaV = this.dPvU + inner + this.dXY - this.dPvV - this.dVY;
    if (deltaU + deltaV > -IMPROVEMENT_EPSILON) return false;
    if (ru === rv) {
      if (!this.fits(plan.load[ru], plan.length[ru] + deltaU + deltaV, plan.routeStopCount[ru])) return false;
    } else {
      const shift = this.demands[v] - this.demands[u] - this.demands[x];
      if (!this.fits(plan.load[ru] + shift, plan.length[ru] + deltaU, plan.routeStopCount[ru] - 1))
        return false;
      if (!this.fits(plan.load[rv] - shift, plan.length[rv] + deltaV, plan.routeStopCount[rv] + 1))
        return false;
    }
    swapStops(this.plan, u, 2, v, 1);
    return true;
  }

  /** Exchange the pairs (u, next u) and (v, next v). */
  private trySwapPairs(u: number, v: number): boolean {
    const { plan, x, y, xx } = this;
    if (plan.isDepot(x) || plan.isDepot(y) || v === x || y === u) return false;
    const yy = plan.next[y];
    if (v === xx || u === yy) return false;
    const ru = plan.routeOf[u];
    const rv = plan.routeOf[v];
    // Each pair's inner edge moves with it to the other route.
    const innerU = this.dUX;
    const innerV = this.dVY;
    const deltaU = this.dPuV + innerV + this.d(y, xx) - this.dPuU - innerU - this.dXXx;
    const deltaV = this.dPvU + innerU + this.d(x, yy) - this.dPvV - innerV - this.d(y, yy);
    if (deltaU + deltaV > -IMPROVEMENT_EPSILON) return false;
    if (ru === rv) {
      if (!this.fits(plan.load[ru], plan.length[ru] + deltaU + deltaV, plan.routeStopCount[ru])) return false;
    } else {
      const shift = this.demands[v] + this.demands[y] - this.demands[u] - this.demands[x];
      if (!this.fits(plan.load[ru] + shift, plan.length[ru] + deltaU, plan.routeStopCount[ru])) return false;
      if (!this.fits(plan.load[rv] - shift, plan.length[rv] + deltaV, plan.routeStopCount[rv])) return false;
    }
    swapStops(this.plan, u, 2, v, 2);
    return true;
  }

  /**
   * 2-opt inside one route, in its two forms that make u and v adjacent: replace (u, next u) and
   * (v, next v) by (u, v) and (next u, next v), or (prev u, u) and (prev v, v) by (prev u, prev v)
   * and (u, v); the stretch in between is reversed, which costs nothing on a symmetric matrix.
   */
  private tryTwoOpt(u: number, v: number): boolean {
    const { plan } = this;
    const route = plan.routeOf[u];
    const uFirst = plan.position[u] < plan.position[v];
    const first = uFirst ? u : v;
    const last = uFirst ? v : u;
    const afterFirst = plan.next[first];
    const afterLast = plan.next[last];
    const beforeFirst = plan.prev[first];
    const beforeLast = plan.prev[last];
    const deltaNext =
      this.d(first, last) +
      this.d(afterFirst, afterLast) -
      this.d(first, afterFirst) -
      this.d(last, afterLast);
    if (afterFirst !== last && deltaNext < -IMPROVEMENT_EPSILON) {
      if (this.fits(plan.load[route], plan.length[route] + deltaNext, plan.routeStopCount[route])) {
        reverseStops(plan, route, plan.position[afterFirst], plan.position[last]);
        return true;
      }
    }
    const deltaPrev =
      this.d(beforeFirst, beforeLast) +
      this.d(first, last) -
      this.d(beforeFirst, first) -
      this.d(beforeLast, last);
    if (beforeLast !== first && deltaPrev < -IMPROVEMENT_EPSILON) {
      if (this.fits(plan.load[route], plan.length[route] + deltaPrev, plan.routeStopCount[route])) {
        reverseStops(plan, route, plan.position[first], plan.position[beforeLast]);
        return true;
      }
    }
    return false;
  }

  /**
   * 2-opt* between two routes. Straight: replace (u, next u), (v, next v) by (u, next v),
   * (v, next u): the routes swap tails. Reversed: by (u, v), (next u, next v): one route is u's
   * head then v's head backwards, the other u's tail backwards then v's tail. v may be a start
   * sentinel (an empty head).
   */
  private tryTwoOptStar(u: number, v: number, reversed: boolean): boolean {
    const { plan, x, y } = this;
    const ru = plan.routeOf[u];
    const rv = plan.routeOf[v];
    const delta = reversed
      ? this.d(u, v) + this.dXY - this.dUX - this.dVY
      : this.dUY + this.dVX - this.dUX - this.dVY;
    if (delta > -IMPROVEMENT_EPSILON) return false;
    const { prefixLoad, prefixLength, position, load, length, routeStopCount } = plan;
    let loadU: number;
    let loadV: number;
    let lengthU: number;
    let lengthV: number;
    let stopsU: number;
    let stopsV: number;
    if (reversed) {
      loadU = prefixLoad[u] + prefixLoad[v];
      loadV = load[ru] - prefixLoad[u] + load[rv] - prefixLoad[v];
      lengthU = prefixLength[u] + this.d(u, v) + prefixLength[v];
      lengthV = length[ru] - prefixLength[x] + this.dXY + length[rv] - prefixLength[y];
      stopsU = position[u] + position[v];
      stopsV = routeStopCount[ru] - position[u] + routeStopCount[rv] - position[v];
    } else {
      loadU = prefixLoad[u] + load[rv] - prefixLoad[v];
      loadV = prefixLoad[v] + load[ru] - prefixLoad[u];
      lengthU = prefixLength[u] + this.dUY + length[rv] - prefixLength[y];
      lengthV = prefixLength[v] + this.dVX + length[ru] - prefixLength[x];
      stopsU = position[u] + routeStopCount[rv] - position[v];
      stopsV = position[v] + routeStopCount[ru] - position[u];
    }
    if (!this.fits(loadU, lengthU, stopsU) || !this.fits(loadV, lengthV, stopsV)) return false;
    exchangeTails(plan, u, v, reversed);
    return true;
  }
}
