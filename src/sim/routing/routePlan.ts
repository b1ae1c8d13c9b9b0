/**
 * The mutable working state of the optimiser: every route as a doubly linked list over typed
 * arrays, so that a stop moves between routes in O(1) and no objects are created per move.
 *
 * Node layout: nodes 1..stopCount are the stops (their node index is their stop index); route r
 * owns two depot sentinels, start node stopCount + 1 + 2r and end node stopCount + 2 + 2r, both
 * located at the depot. Every route slot always exists; an empty route links start to end.
 */
/**
 * The clock of `RoutePlan.changedAt`: one for every plan, so a stamp names one stop sequence
 * even after copyFrom moves routes between plans. Only its order matters (a run's results never
 * depend on its value), and a Float64 counts past any run's edits.
 */
let routeChangeClock = 0;

/** The current value of the route-change clock: stamps given before now are at most this. */
export function getRouteChangeClock(): number {
  return routeChangeClock;
}

/** What a released plan holds instead of an instance's columns. */
const NO_VALUES = new Float64Array(0);

export class RoutePlan {
  /** Stops (customers), excluding the depot. */
  readonly stopCount: number;
  /** Route slots; stopCount is enough for any feasible plan (one stop per route at worst). */
  readonly routeSlots: number;
  /** Successor of each node; the end sentinel of a route points nowhere (-1). */
  readonly next: Int32Array;
  /** Predecessor of each node; the start sentinel of a route points nowhere (-1). */
  readonly prev: Int32Array;
  /** Route slot of each node. */
  readonly routeOf: Int32Array;
  /** Distance-matrix index of each node: the stop itself, or 0 (depot) for sentinels. */
  readonly location: Int32Array;
  /** Index of each node within its route (start sentinel 0). Valid after `refreshRoute`. */
  readonly position: Int32Array;
  /** Load from the route start up to and including each node. Valid after `refreshRoute`. */
  readonly prefixLoad: Float64Array;
  /** Distance from the route start to each node along the route. Valid after `refreshRoute`. */
  readonly prefixLength: Float64Array;
  /** Parcels carried by each route. Always valid. */
  readonly load: Float64Array;
  /** Length of each route in distance units. Always valid (up to float drift on long edit chains). */
  readonly length: Float64Array;
  /** Stops of each route. Always valid. */
  readonly routeStopCount: Int32Array;
  /**
   * When each route slot's stops last changed, on the clock shared by every plan (a value of
   * `getRouteChangeClock`): a route whose stamp has not moved drives the same stops as it did
   * then, so a search may skip what it already tried on it. copyFrom copies the stamps with the
   * routes; refreshing a route changes no stop and keeps its stamp.
   */
  readonly changedAt: Float64Array;
  /** Sum of route lengths. */
  totalLength = 0;

  private readonly matrixSize: number;

  /** Row-major (stopCount + 1)^2 matrix, shared, never written. */
  private distances: Float64Array;
  /** Parcels per stop, index 0 the depot; shared, never written. */
  private demands: Float64Array;

  /**
   * @param distances row-major (stopCount + 1)^2 matrix, shared, never written.
   * @param demands per stop, index 0 the depot; shared, never written.
   */
  constructor(distances: Float64Array, demands: Float64Array) {
    this.distances = distances;
    this.demands = demands;
    this.stopCount = demands.length - 1;
    this.matrixSize = demands.length;
    this.routeSlots = Math.max(1, this.stopCount);
    const nodeCount = this.stopCount + 1 + 2 * this.routeSlots;
    this.next = new Int32Array(nodeCount);
    this.prev = new Int32Array(nodeCount);
    this.routeOf = new Int32Array(nodeCount);
    this.location = new Int32Array(nodeCount);
    this.position = new Int32Array(nodeCount);
    this.prefixLoad = new Float64Array(nodeCount);
    this.prefixLength = new Float64Array(nodeCount);
    this.load = new Float64Array(this.routeSlots);
    this.length = new Float64Array(this.routeSlots);
    this.routeStopCount = new Int32Array(this.routeSlots);
    this.changedAt = new Float64Array(this.routeSlots);
    for (let stop = 1; stop <= this.stopCount; stop++) this.location[stop] = stop;
    this.linkEmptyRoutes();
  }

  /**
   * Makes this plan what `new RoutePlan(distances, demands)` would be, for an instance with as
   * many stops, keeping its arrays: a wave solves thousands of sectors, and allocating two plans'
   * typed arrays for each was ~3% of its routing.
   */
  reset(distances: Float64Array, demands: Float64Array): void {
    if (demands.length !== this.matrixSize) {
      throw new Error(`route plan: reset to ${demands.length - 1} stops, made for ${this.stopCount}`);
    }
    this.distances = distances;
    this.demands = demands;
    this.next.fill(0);
    this.prev.fill(0);
    this.routeOf.fill(0);
    this.position.fill(0);
    this.prefixLoad.fill(0);
    this.prefixLength.fill(0);
    this.load.fill(0);
    this.length.fill(0);
    this.routeStopCount.fill(0);
    this.changedAt.fill(0);
    this.totalLength = 0;
    this.emptyRouteHint = 0;
    this.linkEmptyRoutes();
  }

  /** Drops the instance's matrix and demands (a pooled plan keeps no instance alive); reset before use. */
  release(): void {
    this.distances = NO_VALUES;
    this.demands = NO_VALUES;
  }

  /** Links every route slot's start sentinel to its end sentinel: no stops. */
  private linkEmptyRoutes(): void {
    for (let route = 0; route < this.routeSlots; route++) {
      const start = this.startOf(route);
      const end = start + 1;
      this.next[start] = end;
      this.prev[start] = -1;
      this.prev[end] = start;
      this.next[end] = -1;
      this.routeOf[start] = route;
      this.routeOf[end] = route;
    }
  }

  /** Start sentinel node of a route slot. */
  startOf(route: number): number {
    return this.stopCount + 1 + 2 * route;
  }

  /** End sentinel node of a route slot. */
  endOf(route: number): number {
    return this.stopCount + 2 + 2 * route;
  }

  /** True for the depot sentinels of any route. */
  isDepot(node: number): boolean {
    return node > this.stopCount;
  }

  /** Distance between two plan nodes. */
  distance(from: number, to: number): number {
    return this.distances[this.location[from] * this.matrixSize + this.location[to]];
  }

  /** Replaces all routes; stops not listed are left out of every route (the caller's business). */
  setRoutes(routes: readonly (readonly number[])[]): void {
    if (routes.length > this.routeSlots) {
      throw new Error(`route plan: ${routes.length} routes exceed the ${this.routeSlots} route slots`);
    }
    for (let route = 0; route < this.routeSlots; route++) {
      const stops = routes[route] ?? [];
      this.writeRoute(route, stops, stops.length);
    }
  }

  /** The non-empty routes as stop indices in driving order, depot excluded. Allocates. */
  getRoutes(): number[][] {
    const routes: number[][] = [];
    for (let route = 0; route < this.routeSlots; route++) {
      if (this.routeStopCount[route] === 0) continue;
      const stops: number[] = [];
      for (let node = this.next[this.startOf(route)]; !this.isDepot(node); node = this.next[node])
        stops.push(node);
      routes.push(stops);
    }
    return routes;
  }

  /**
   * Writes the stops of a route into `out` from index `offset` on (default 0), in driving order,
   * and returns how many there are.
   */
  readRoute(route: number, out: Int32Array, offset = 0): number {
    let count = 0;
    for (let node = this.next[this.startOf(route)]; !this.isDepot(node); node = this.next[node])
      out[offset + count++] = node;
    return count;
  }

  /**
   * Makes route `route` visit `stops[from..from + count)` (`from` default 0) in order, relinking
   * them, and refreshes it.
   */
  writeRoute(route: number, stops: ArrayLike<number>, count: number, from = 0): void {
    let previous = this.startOf(route);
    for (let index = 0; index < count; index++) {
      const stop = stops[from + index];
      this.next[previous] = stop;
      this.prev[stop] = previous;
      previous = stop;
    }
    const end = this.endOf(route);
    this.next[previous] = end;
    this.prev[end] = previous;
    this.changedAt[route] = ++routeChangeClock;
    this.refreshRoute(route);
  }

  /** Recomputes route membership, positions, prefix loads and lengths of one route by walking it. */
  refreshRoute(route: number): void {
    const start = this.startOf(route);
    let load = 0;
    let length = 0;
    let position = 0;
    let previous = start;
    this.position[start] = 0;
    this.prefixLoad[start] = 0;
    this.prefixLength[start] = 0;
    for (let node = this.next[start]; node !== -1; node = this.next[node]) {
      length += this.distance(previous, node);
      load += this.demands[this.location[node]];
      this.routeOf[node] = route;
      this.position[node] = ++position;
      this.prefixLoad[node] = load;
      this.prefixLength[node] = length;
      previous = node;
    }
    this.totalLength += length - this.length[route];
    this.load[route] = load;
    this.length[route] = length;
    // The end sentinel counts as a position, so the stops are one fewer.
    this.routeStopCount[route] = position - 1;
  }

  /** Recomputes every route (clears float drift and stale positions after incremental edits). */
  refreshAll(): void {
    this.totalLength = 0;
    this.length.fill(0);
    for (let route = 0; route < this.routeSlots; route++) this.refreshRoute(route);
  }

  /** Unlinks a stop from its route in O(1); positions and prefixes of that route become stale. */
  removeStop(stop: number): void {
    const before = this.prev[stop];
    const after = this.next[stop];
    const route = this.routeOf[stop];
    const delta = this.distance(before, after) - this.distance(before, stop) - this.distance(stop, after);
    this.next[before] = after;
    this.prev[after] = before;
    this.next[stop] = -1;
    this.prev[stop] = -1;
    this.routeOf[stop] = -1;
    this.load[route] -= this.demands[stop];
    this.length[route] += delta;
    this.routeStopCount[route]--;
    this.totalLength += delta;
    this.changedAt[route] = ++routeChangeClock;
  }

  /** Links a detached stop right after `node` in O(1); positions and prefixes become stale. */
  insertStopAfter(stop: number, node: number): void {
    const after = this.next[node];
    const route = this.routeOf[node];
    const delta = this.distance(node, stop) + this.distance(stop, after) - this.distance(node, after);
    this.next[node] = stop;
    this.prev[stop] = node;
    this.next[stop] = after;
    this.prev[after] = stop;
    this.routeOf[stop] = route;
    this.load[route] += this.demands[stop];
    this.length[route] += delta;
    this.routeStopCount[route]++;
    this.totalLength += delta;
    this.changedAt[route] = ++routeChangeClock;
  }

  /** Where the last search for an empty route ended; the next one starts there. */
  private emptyRouteHint = 0;

  /**
   * A route slot with no stops, or -1 if every slot is in use. Scans cyclically from the last slot
   * found: used slots cluster at the low indices, so this is O(1) amortised instead of O(routes).
   */
  findEmptyRoute(): number {
    for (let offset = 0; offset < this.routeSlots; offset++) {
      const route = (this.emptyRouteHint + offset) % this.routeSlots;
      if (this.routeStopCount[route] === 0) {
        this.emptyRouteHint = route;
        return route;
      }
    }
    return -1;
  }

  /** Makes this plan an exact copy of `other` (same instance); no allocation. */
  copyFrom(other: RoutePlan): void {
    this.next.set(other.next);
    this.prev.set(other.prev);
    this.routeOf.set(other.routeOf);
    this.position.set(other.position);
    this.prefixLoad.set(other.prefixLoad);
    this.prefixLength.set(other.prefixLength);
    this.load.set(other.load);
    this.length.set(other.length);
    this.routeStopCount.set(other.routeStopCount);
    this.changedAt.set(other.changedAt);
    this.totalLength = other.totalLength;
  }
}
