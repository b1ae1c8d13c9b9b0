import { exp, log } from '../portableMath';
import { RoutePlan } from './routePlan';
import { isWithinLimits } from './routeLimits';
import type { RoutingContext } from './routingContext';
import { randomBelow, randomUnit, type RandomStream } from './seededRandom';
import { sortIndicesByKey } from './sortIndices';

/**
 * Tuning of the ruin-and-recreate loop. Defaults are those of SISR (Christiaens and Vanden
 * Berghe 2020, "Slack Induction by String Removals for Vehicle Routing Problems", Transportation
 * Science 54(2)), except the temperatures, which SISR gives in CVRPLIB units and we scale by the
 * mean edge length of the starting plan so that km instances behave the same.
 */
export interface RuinAndRecreateOptions {
  /** Iterations (one ruin, one recreate, one accept-or-undo each); the deterministic budget. */
  iterations: number;
  /** Seeded uint32 stream: the loop's only source of randomness. */
  random: RandomStream;
  /** Optional wall-clock cap in ms (CLI only; makes the result timing-dependent). */
  timeLimitMs?: number;
  /** Clock in ms for `timeLimitMs`, e.g. `performance.now`; injected so the model reads no clock. */
  clock?: () => number;
  /** Mean number of stops removed per ruin (SISR c-bar); default 10. */
  averageRemovedStops?: number;
  /** Longest removed string (SISR L-max); default 10. */
  maxStringLength?: number;
  /** Start temperature as a multiple of the mean edge length; default 0.45 (SISR's 100 on X). */
  startTemperatureFactor?: number;
  /** End temperature as a multiple of the mean edge length; default 0.0045 (SISR's 1 on X). */
  endTemperatureFactor?: number;
  /**
   * A plan of the same instance to keep the best plan found in, overwritten (solveRoutes reuses
   * one across calls); default a new one.
   */
  bestPlan?: RoutePlan;
  /**
   * Near neighbours beside which a removed stop may go back in, nearest first; default (and at
   * most) the context's lists. Fewer: cheaper insertions that now and then miss a better place.
   */
  insertNeighbours?: number;
}

/** Chance that one insertion position is skipped ("blink"), which diversifies the recreate. */
const BLINK_RATE = 0.01;
/** Chance of the split-string removal over the plain string removal. */
const SPLIT_STRING_RATE = 0.5;
/** Chance that a split string stops growing its preserved block (SISR beta). */
const SPLIT_DEPTH = 0.01;
const IMPROVEMENT_EPSILON = 1e-7;

/**
 * Ruin and recreate with simulated annealing (SISR): remove a few strings of stops near a random
 * seed stop, reinsert them greedily at their cheapest feasible positions, and accept the result
 * by the annealing criterion. Insertion only looks beside each stop's near neighbours, falling
 * back to every route, then to a new van, so one iteration costs O(k) per removed stop.
 *
 * The plan is modified in place and holds the best plan found on return, fully refreshed.
 * Capacity and duration hold after every iteration.
 */
export function runRuinAndRecreate(
  plan: RoutePlan,
  context: RoutingContext,
  options: RuinAndRecreateOptions,
): void {
  const loop = new RuinAndRecreate(plan, context, options);
  loop.run();
}

class RuinAndRecreate {
  private readonly best: RoutePlan;
  private readonly removed: Int32Array;
  private removedCount = 0;
  private readonly isRemoved: Uint8Array;
  /** Iteration in which each route slot was saved to the undo log (0 = never). */
  private readonly savedIn: Int32Array;
  private readonly undoRoutes: Int32Array;
  private readonly undoStart: Int32Array;
  private readonly undoStops: Int32Array;
  private undoRouteCount = 0;
  private undoStopCount = 0;
  private iteration = 0;
  /** Route slots with stops, in no particular order (swap-remove); first `usedRoutes` entries valid. */
  private readonly usedList: Int32Array;
  /** Index of each route slot in `usedList`, or -1 when the slot is empty. */
  private readonly usedIndex: Int32Array;
  private usedRoutes = 0;
  private readonly random: RandomStream;
  private readonly key: Float64Array;
  private readonly sortScratch: Int32Array;

  constructor(
    private readonly plan: RoutePlan,
    private readonly context: RoutingContext,
    private readonly options: RuinAndRecreateOptions,
  ) {
    const stopCount = context.stopCount;
    this.best = options.bestPlan ?? new RoutePlan(context.distances, context.instance.demands);
    this.removed = new Int32Array(stopCount);
    this.isRemoved = new Uint8Array(stopCount + 1);
    this.savedIn = new Int32Array(plan.routeSlots);
    this.undoRoutes = new Int32Array(plan.routeSlots);
    this.undoStart = new Int32Array(plan.routeSlots + 1);
    this.undoStops = new Int32Array(stopCount);
    this.random = options.random;
    this.key = new Float64Array(stopCount + 1);
    this.sortScratch = new Int32Array(stopCount);
    this.usedList = new Int32Array(plan.routeSlots);
    this.usedIndex = new Int32Array(plan.routeSlots).fill(-1);
  }

  run(): void {
    const { plan, best, options, context } = this;
    if (context.stopCount < 2 || options.iterations <= 0) return;
    for (let route = 0; route < plan.routeSlots; route++)
      if (plan.routeStopCount[route] > 0) this.markUsed(route);
    best.copyFrom(plan);
    const meanEdge = plan.totalLength / (context.stopCount + this.usedRoutes);
    const startTemperature = (options.startTemperatureFactor ?? 0.45) * meanEdge;
    const endTemperature = (options.endTemperatureFactor ?? 0.0045) * meanEdge;
    const clock = options.timeLimitMs !== undefined ? options.clock : undefined;
    if (!Number.isFinite(options.iterations) && !clock) {
      throw new Error('ruin and recreate: unbounded iterations need timeLimitMs and a clock');
    }
    const startedMs = clock ? clock() : 0;
    // The cooling curve start · (end / start)^progress, through the portable exp and log: `**` with a
    // fractional power rounds apart between Chromium's V8 and Node's, and the page must accept the
    // same moves as a warm state built in Node.
    const logCooling = log(endTemperature / startTemperature);
    let currentLength = plan.totalLength;
    for (let iteration = 1; iteration <= options.iterations; iteration++) {
      let progress = iteration / options.iterations;
      if (clock) {
        const elapsed = (clock() - startedMs) / options.timeLimitMs!;
        if (elapsed >= 1) break;
        progress = Math.max(progress, elapsed);
      }
      const temperature = startTemperature * exp(logCooling * progress);
      this.iteration = iteration;
      this.undoRouteCount = 0;
      this.undoStopCount = 0;
      this.ruin();
      this.recreate();
      const candidateLength = plan.totalLength;
      if (candidateLength < currentLength - temperature * log(randomUnit(this.random))) {
        currentLength = candidateLength;
        if (candidateLength < best.totalLength - IMPROVEMENT_EPSILON) best.copyFrom(plan);
      } else {
        this.undo();
        // Incremental length updates drift by float noise; the undo restores exact route lengths.
        currentLength = plan.totalLength;
      }
    }
    plan.copyFrom(best);
    plan.refreshAll();
  }

  private markUsed(route: number): void {
    if (this.usedIndex[route] !== -1) return;
    this.usedIndex[route] = this.usedRoutes;
    this.usedList[this.usedRoutes++] = route;
  }

  private markEmpty(route: number): void {
    const index = this.usedIndex[route];
    if (index === -1) return;
    const last = this.usedList[--this.usedRoutes];
    this.usedList[index] = last;
    this.usedIndex[last] = index;
    this.usedIndex[route] = -1;
  }

  /** Saves a route's stops to the undo log the first time this iteration touches it. */
  private save(route: number): void {
    if (this.savedIn[route] === this.iteration) return;
    this.savedIn[route] = this.iteration;
    this.undoRoutes[this.undoRouteCount] = route;
    this.undoStart[this.undoRouteCount] = this.undoStopCount;
    this.undoRouteCount++;
    this.undoStopCount += this.plan.readRoute(route, this.undoStops, this.undoStopCount);
    this.undoStart[this.undoRouteCount] = this.undoStopCount;
  }

  private undo(): void {
    const { plan } = this;
    for (let index = 0; index < this.undoRouteCount; index++) {
      const route = this.undoRoutes[index];
      const from = this.undoStart[index];
      const count = this.undoStart[index + 1] - from;
      plan.writeRoute(route, this.undoStops, count, from);
      if (count > 0) this.markUsed(route);
      else this.markEmpty(route);
    }
  }

  /** Removes strings of consecutive stops from routes near a random seed stop (SISR ruin). */
  private ruin(): void {
    const { plan, context, random } = this;
    const { k, nearest } = context.neighbours;
    const averageRemoved = this.options.averageRemovedStops ?? 10;
    const maxString = this.options.maxStringLength ?? 10;
    const averageRouteStops = context.stopCount / this.usedRoutes;
    const stringCap = Math.min(maxString, averageRouteStops);
    const maxStrings = (4 * averageRemoved) / (1 + stringCap) - 1;
    const strings = Math.floor(randomUnit(random) * maxStrings) + 1;
    const seed = randomBelow(random, context.stopCount) + 1;
    let ruinedRoutes = 0;
    for (let slot = -1; slot < k && ruinedRoutes < strings; slot++) {
      const stop = slot < 0 ? seed : nearest[seed * k + slot];
      if (this.isRemoved[stop]) continue;
      const route = plan.routeOf[stop];
      if (this.savedIn[route] === this.iteration) continue;
      this.save(route);
      ruinedRoutes++;
      const routeStops = plan.routeStopCount[route];
      const lengthCap = Math.min(routeStops, stringCap);
      const length = Math.floor(randomUnit(random) * lengthCap) + 1;
      if (length < routeStops && randomUnit(random) < SPLIT_STRING_RATE) this.removeSplitString(stop, length);
      else this.removeString(stop, length, 0);
    }
  }

  /** Removes `length` consecutive stops of a route, including `stop`, placed at random around it. */
  private removeString(stop: number, length: number, keep: number): void {
    const { plan, random } = this;
    const route = plan.routeOf[stop];
    const span = length + keep;
    // Walk back a random number of steps so that the window covers `stop` at a random place.
    let first = stop;
    for (let back = randomBelow(this.random, span); back > 0 && !plan.isDepot(plan.prev[first]); back--) {
      first = plan.prev[first];
    }
    // Shift the window back further if it would run past the end of the route.
    let end = first;
    let available = 0;
    while (!plan.isDepot(end) && available < span) {
      end = plan.next[end];
      available++;
    }
    while (available < span && !plan.isDepot(plan.prev[first])) {
      first = plan.prev[first];
      available++;
    }
    // The preserved block (split string) starts at a random offset inside the window.
    const keepFrom = keep > 0 ? randomBelow(random, length + 1) : span;
    let node = first;
    for (let offset = 0; offset < available; offset++) {
      const following = plan.next[node];
      if (offset < keepFrom || offset >= keepFrom + keep) this.removeStop(node);
      node = following;
    }
    if (plan.routeStopCount[route] === 0) this.markEmpty(route);
  }

  /** SISR split string: a window of length + m stops of which a middle block of m survives. */
  private removeSplitString(stop: number, length: number): void {
    const routeStops = this.plan.routeStopCount[this.plan.routeOf[stop]];
    let keep = 1;
    while (length + keep < routeStops && randomUnit(this.random) > SPLIT_DEPTH) keep++;
    this.removeString(stop, length, keep);
  }

  private removeStop(stop: number): void {
    this.plan.removeStop(stop);
    this.isRemoved[stop] = 1;
    this.removed[this.removedCount++] = stop;
  }

  /** Reinserts the removed stops one by one at their cheapest feasible position (SISR recreate). */
  private recreate(): void {
    const { context, random, key, removed } = this;
    const distances = context.distances;
    const demands = context.instance.demands;
    // SISR's orderings with weights 4 random, 4 demand descending, 2 far first, 1 near first.
    const draw = randomBelow(random, 11);
    for (let index = 0; index < this.removedCount; index++) {
      const stop = removed[index];
      key[stop] =
        draw < 4 ? random() : draw < 8 ? -demands[stop] : draw < 10 ? -distances[stop] : distances[stop];
    }
    // Sorted in place: the removed list is scratch space owned by the loop.
    const order = removed.subarray(0, this.removedCount);
    sortIndicesByKey(order, order.length, key, false, this.sortScratch);
    for (let index = 0; index < order.length; index++) {
      const stop = order[index];
      this.insert(stop);
      this.isRemoved[stop] = 0;
    }
    this.removedCount = 0;
  }

  private insert(stop: number): void {
    const { plan, context, random } = this;
    const { k, nearest } = context.neighbours;
    const candidates = Math.min(k, this.options.insertNeighbours ?? k);
    const limits = context.limits;
    const demand = context.instance.demands[stop];
    const blinkBelow = BLINK_RATE * 4294967296;
    const { distances, nodeCount } = context;
    // Locals, not property reads: the stream call between reads would make the engine reload them.
    const { location, routeOf, load, prev, next } = plan;
    const { isRemoved } = this;
    const capacity = limits.capacity;
    // The stop's own row, read along (the matrix is symmetric): one cache-friendly row instead of
    // a column spread over the whole matrix, which dominates the time for large waves.
    const row = stop * nodeCount;
    let bestAfter = -1;
    let bestDelta = Number.POSITIVE_INFINITY;
    for (let slot = 0; slot < candidates; slot++) {
      const neighbour = nearest[stop * k + slot];
      if (isRemoved[neighbour]) continue;
      const route = routeOf[neighbour];
      if (load[route] + demand > capacity) continue;
      // Beside the neighbour: after it, then before it (after its predecessor). Both positions
      // share the leg between the stop and the neighbour, a stop being its own location.
      const toNeighbour = distances[row + neighbour];
      const following = location[next[neighbour]];
      const deltaAfter =
        toNeighbour + distances[row + following] - distances[neighbour * nodeCount + following];
      // A position counts if it beats the best and does not blink (drawn only for one that beats it).
      if (!(deltaAfter >= bestDelta) && random() >= blinkBelow && this.fitsRoute(route, demand, deltaAfter)) {
        bestDelta = deltaAfter;
        bestAfter = neighbour;
      }
      const preceding = prev[neighbour];
      const precedingLocation = location[preceding];
      const deltaBefore =
        distances[row + precedingLocation] +
        toNeighbour -
        distances[precedingLocation * nodeCount + neighbour];
      if (
        !(deltaBefore >= bestDelta) &&
        random() >= blinkBelow &&
        this.fitsRoute(route, demand, deltaBefore)
      ) {
        bestDelta = deltaBefore;
        bestAfter = preceding;
      }
    }
    if (bestAfter === -1) bestAfter = this.findAnyPosition(stop);
    if (bestAfter === -1) {
      const route = plan.findEmptyRoute();
      bestAfter = plan.startOf(route);
      this.markUsed(route);
    }
    this.save(plan.routeOf[bestAfter]);
    plan.insertStopAfter(stop, bestAfter);
  }

  /**
   * True if `route` still respects the capacity and duration limits with one more stop of `demand`
   * parcels that lengthens it by `delta` (distance units). The one feasibility test of both
   * insertion searches, so the neighbour search and its fallback never disagree on a position.
   */
  private fitsRoute(route: number, demand: number, delta: number): boolean {
    const { plan } = this;
    return isWithinLimits(
      this.context.limits,
      plan.load[route] + demand,
      plan.length[route] + delta,
      plan.routeStopCount[route] + 1,
    );
  }

  /** Cheapest feasible position in any used route, or -1: the rare fallback when no neighbour's route fits. */
  private findAnyPosition(stop: number): number {
    const { plan, context } = this;
    const limits = context.limits;
    const demand = context.instance.demands[stop];
    let bestAfter = -1;
    let bestDelta = Number.POSITIVE_INFINITY;
    // Only used routes: scanning every slot would make this O(stops) instead of O(routes).
    for (let index = 0; index < this.usedRoutes; index++) {
      const route = this.usedList[index];
      if (plan.load[route] + demand > limits.capacity) continue;
      for (let after = plan.startOf(route); after !== plan.endOf(route); after = plan.next[after]) {
        const before = plan.next[after];
        const delta = plan.distance(after, stop) + plan.distance(stop, before) - plan.distance(after, before);
        if (delta >= bestDelta) continue;
        if (!this.fitsRoute(route, demand, delta)) continue;
        bestDelta = delta;
        bestAfter = after;
      }
    }
    return bestAfter;
  }
}
