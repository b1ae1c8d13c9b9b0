/**
 * Plans one vehicle class's routes for a station's delivery wave with the routing optimiser.
 *
 * - Priority: parcels are taken in deadline order (same-day and early deadlines first) up to
 *   what the available vehicles can carry; when the optimiser needs more routes than there are
 *   vehicles, the routes holding the earliest deadlines go.
 * - Sectors: a wave of hundreds of stops is cut into angular sectors of at most getSectorStops
 *   around the station and each is solved on its own. Routes are local anyway (a van's parcels
 *   share a neighbourhood), and the cut keeps the work linear in the wave's size. The `none`
 *   optimiser keeps arrival order instead (chunks of the hand-off order), so it stays the
 *   baseline users compare against.
 * - Distances are free-flow street seconds (streetGrid), and the plan uses the slowest traffic
 *   the route can meet (getPlanningSpeedFactor), so the route as driven never runs past its shift.
 * - Short routes: where a vehicle carries one modelled parcel (vans below scale 0.005, Flex cars
 *   below 0.0375), that parcel's stop stands for a whole real route's stops (up to 7.9 h of a
 *   van's 9.5 h), so a stop more than ~20 km out would not fit in the shift and went to Flex or a partner carrier, although a
 *   DSP plans a route to a far neighbourhood as it does any other: the stem out and back, and
 *   the stops the shift leaves time for. Such a stop gets a short route: its dwell is what the
 *   shift leaves after the stem, down to SHORT_ROUTE_MIN_SHARE of a full route's.
 */
import type { Optimiser } from '../params';
import { atan2 } from '../portableMath';
import { type RoutingOptimiser, solveRoutes } from '../routing';
import { KeyOrderScratch, sortIndicesStable } from '../routing/sortIndices';
import { getSecondsPerFreeFlowS } from './routeTrips';
import {
  ANCHOR_STRIDE,
  getAnchoredTravelS,
  writeAnchoredTravelMatrix,
  type StreetGrid,
  writeStreetAnchor,
  writeStreetAnchors,
} from './streetGrid';

/** Sector size: room for four vehicles' worth of stops, within these bounds. */
export const MIN_SECTOR_STOPS = 40;
export const MAX_SECTOR_STOPS = 300;

/** Stops per sector for a vehicle capacity (modelled parcels). */
export function getSectorStops(capacity: number): number {
  return Math.min(MAX_SECTOR_STOPS, Math.max(MIN_SECTOR_STOPS, Math.ceil(4 * capacity)));
}
/**
 * Near neighbours of each stop that the local search pairs it with in a sector; savings and ruin
 * and recreate keep the router's 40 (DEFAULT_NEIGHBOUR_COUNT). A sector holds 40-80 stops, so a
 * descent over each stop's 40 nearest tries nearly every pair of stops, while the moves that
 * shorten a plan join near ones. On 3,006 van sectors of a scale-0.1 run (seed 7, day 3, 00-12 h):
 * routing CPU -24%, route length +0.008%, routes +0.02% (20 for savings and ruin and recreate too:
 * -40% CPU but +0.15% routes, and at scale 0.1 2% more Flex blocks). 8 rather than 20: the descent
 * from savings applies 0.2 moves a stop and spends most of its time confirming that the rest do
 * not improve; on 3,311 sectors of a scale-0.1 day 3 (seed 7) routing CPU -18%, route length
 * +0.046%, routes +0.05%.
 */
export const WAVE_LOCAL_SEARCH_NEIGHBOURS = 8;
/**
 * Near neighbours beside which ruin and recreate puts a removed stop back (solveRoutes'
 * insertNeighbours), of the router's 40: a stop's best place is almost always beside one of its
 * nearest. Scale 0.1, seed 7, day 3 (one saved day-2 state, two runs each): CPU -9%, van routes
 * +0.05%, van miles +0.05%, Flex share 2.702% -> 2.699%, on time 98.162% -> 98.160% (12: the same
 * CPU, van miles +0.15%, Flex routes +0.2%).
 */
export const WAVE_INSERT_NEIGHBOURS = 20;
/**
 * No last local-search descent after ruin and recreate (solveRoutes' finalDescent): with half an
 * iteration a stop the annealing changes few routes, and the descent cost 13% of a van sector's
 * routing for plans 0.06% shorter with 0.1% fewer routes (5,024 van sectors of a scale-0.1 day,
 * seed 7). In the model (scale 0.05, seeds 1-3, 4 days) without it: van miles +0.11%, parcels
 * to Flex +0.7%, on time unchanged within the seeds' noise (+-0.02 points).
 */
export const WAVE_FINAL_DESCENT = false;
/** A sector's least loaded route at most this full goes on into the next sector (planStops). */
export const CARRIED_ROUTE_FILL = 0.8;
/** Seconds kept free under the shift for the Float32 rounding of timestamps. */
export const SHIFT_MARGIN_S = 60;
/**
 * A short route (see the header) makes at least this share of a full route's stops; a stop
 * farther out is left to another vehicle class or a partner carrier (A).
 */
export const SHORT_ROUTE_MIN_SHARE = 0.5;

/** The parameter's optimiser names mapped to the routing library's. */
export const ROUTING_OPTIMISER_OF: Record<Optimiser, RoutingOptimiser> = {
  none: 'none',
  nearestNeighbour: 'nearest',
  savingsLocalSearch: 'savings+ls',
};

/** What one vehicle of the class can do. */
export interface VehicleLimits {
  /** Modelled parcels per vehicle. */
  capacity: number;
  /** Seconds standing at each stop. */
  dwellS: number;
  /** Longest route, leaving to re-entering the station, s. */
  maxRouteS: number;
  /** Vehicles available (Infinity for Flex: as many blocks as needed are offered). */
  vehicles: number;
}

export interface WaveRequest {
  grid: StreetGrid;
  /** Stops, km east, north of the station; stride 2. */
  stopXy: Float64Array;
  /** Capacity units per stop (getParcelDemand: 1, more for bulky parcels). */
  demand: Float64Array;
  /** Promise deadline per stop, absolute sim seconds. */
  deadlineS: Float64Array;
  count: number;
  departS: number;
  /** Travel-time multiplier the plan assumes (1 / slowest speed factor). */
  secondsPerFreeFlowS: number;
  /**
   * How the routes will be driven, leg by leg: rush hours by the local clock, the weather at
   * departure (writeRouteTrip's rule). Given, grouped planning (planGroupedStops) routes at the
   * mean travel-time multiplier over the shift and checks each route as it will be driven, so a
   * route that meets the evening rush only on its last legs is not planned as if every leg did.
   */
  driven?: DrivenSpeeds;
  /**
   * Per stop, the street anchors of its two ends (stride 2 x ANCHOR_STRIDE): a group of parcels
   * routed as one stop is entered at one end door and left at the other (planGroupedStops). Given,
   * a leg between stops is planned between their nearest ends, not their centres.
   */
  stopEnds?: Float64Array;
  optimiser: Optimiser;
  /** Ruin-and-recreate iterations per stop (0: none), a deterministic budget. */
  iterationsPerStop: number;
  seed: number;
}

/** The speeds a wave's routes are driven at (writeRouteTrip's rule), for planning. */
export interface DrivenSpeeds {
  /** Local clock at departure, seconds (sim time + the station's offset). */
  departLocalS: number;
  /** Speed multiplier in rush hours (isRushHour). */
  rushFactor: number;
  /** Speed multiplier of the weather at departure. */
  weatherFactor: number;
  /** Mean travel-time multiplier over the shift (1 / speed factor, averaged over its quarter hours). */
  meanSecondsPerFreeFlowS: number;
}

/** Travel-time multiplier of a leg that starts `elapsedS` after departure. */
function getDrivenSecondsPerFreeFlowS(driven: DrivenSpeeds, elapsedS: number): number {
  return getSecondsPerFreeFlowS(driven.departLocalS + elapsedS, driven.rushFactor, driven.weatherFactor);
}

/** Routes as stop indices of the request, in driving order. */
export interface WavePlan {
  routeCount: number;
  /** Route r's stops are stops[routeStart[r], routeStart[r + 1]). */
  routeStart: Int32Array;
  stops: Int32Array;
  /** Stops no vehicle took (beyond the fleet, or too far for one shift). */
  leftover: Int32Array;
  leftoverCount: number;
  /** Seconds route r stands at each stop: the class's dwell, or a short route's (see the header). */
  routeDwellS: Float64Array;
  /**
   * Street anchors (writeStreetAnchors, stride ANCHOR_STRIDE) of the request's stops and, as anchor
   * `count`, of the station: the routes' paths are drawn from them.
   */
  anchors: Float64Array;
}

/** Plans the wave; allocates its result (once per station wave, not per parcel). */
export function planWaveRoutes(request: WaveRequest, limits: VehicleLimits): WavePlan {
  const { count, stopXy, deadlineS, grid } = request;
  const maxRouteS = limits.maxRouteS - SHIFT_MARGIN_S;
  const leftover: number[] = [];
  // Typed from here to the sectors: a wave at full scale holds thousands of parcels, and copies
  // between plain and typed arrays (Array.from) cost more than the checks and the sort.
  const feasible = new Int32Array(count);
  let feasibleCount = 0;
  // Each stop's street lines once for every path it is on (anchor `count` is the station).
  const anchors = createStopAnchors(grid, stopXy, count);
  // Stops that get a short route of their own, and its dwell.
  const shortRouteDwellS = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const outAndBackS = 2 * getAnchoredTravelS(anchors, count, i) * request.secondsPerFreeFlowS;
    if (outAndBackS + limits.dwellS <= maxRouteS) feasible[feasibleCount++] = i;
    else if (limits.capacity === 1 && maxRouteS - outAndBackS >= SHORT_ROUTE_MIN_SHARE * limits.dwellS) {
      feasible[feasibleCount++] = i;
      shortRouteDwellS.set(i, maxRouteS - outAndBackS);
    } else leftover.push(i);
  }
  // Priority: earliest deadline first (stable on the hand-off order: feasible is in index order).
  const byDeadline = sortStable(feasible.subarray(0, feasibleCount), deadlineS);
  const room = limits.vehicles * limits.capacity;
  let carryable = 0;
  for (let load = 0; carryable < byDeadline.length; carryable++) {
    load += request.demand[byDeadline[carryable]];
    if (load > room) break;
  }
  for (let k = carryable; k < byDeadline.length; k++) leftover.push(byDeadline[k]);
  // Short routes are only for vehicles of one modelled parcel (small scales): most waves have
  // none, and skip the lookups.
  const hasShortRoutes = shortRouteDwellS.size > 0;
  const taken = hasShortRoutes
    ? byDeadline.slice(0, carryable).filter((i) => !shortRouteDwellS.has(i))
    : byDeadline.slice(0, carryable);
  const groupSize = request.optimiser === 'none' ? 1 : getRoutedGroupSize(limits.capacity);
  const routes =
    groupSize === 1
      ? planStops(request, limits, maxRouteS, taken, getSectorStops(limits.capacity), null, leftover)
      : planGroupedStops(request, anchors, limits, maxRouteS, taken, groupSize, leftover);
  if (hasShortRoutes)
    for (let k = 0; k < carryable; k++) {
      const i = byDeadline[k];
      if (shortRouteDwellS.has(i)) routes.push({ stops: [i], earliest: deadlineS[i] });
    }
  if (routes.length > limits.vehicles) {
    routes.sort((a, b) => a.earliest - b.earliest || a.stops[0] - b.stops[0]);
    for (const route of routes.splice(limits.vehicles)) leftover.push(...route.stops);
  }
  if (groupSize > 1) fillRoutes(request, anchors, limits, maxRouteS, routes, leftover);
  let routedStops = 0;
  for (const route of routes) routedStops += route.stops.length;
  const routeStart = new Int32Array(routes.length + 1);
  const stops = new Int32Array(routedStops);
  const routeDwellS = new Float64Array(routes.length);
  let at = 0;
  routes.forEach((route, r) => {
    routeStart[r] = at;
    stops.set(route.stops, at);
    at += route.stops.length;
    routeDwellS[r] = shortRouteDwellS.get(route.stops[0]) ?? limits.dwellS;
  });
  routeStart[routes.length] = at;
  leftover.sort((a, b) => a - b);
  return {
    routeCount: routes.length,
    routeStart,
    stops: stops.subarray(0, at),
    leftover: Int32Array.from(leftover),
    leftoverCount: leftover.length,
    routeDwellS,
    anchors,
  };
}

/** Scratch of the wave's sorts, reused by every wave (the model runs on one thread). */
const sortScratch = new KeyOrderScratch();

/** `indices` sorted in place by `keys[index]`, ascending, ties in their order (sortIndicesStable). */
function sortStable(indices: Int32Array, keys: Float64Array): Int32Array {
  sortIndicesStable(indices, indices.length, keys, false, sortScratch);
  return indices;
}

/** Street anchors of stops 0..count-1 and, as anchor `count`, of the station (0, 0). */
function createStopAnchors(grid: StreetGrid, stopXy: Float64Array, count: number): Float64Array {
  const anchors = new Float64Array((count + 1) * ANCHOR_STRIDE);
  writeStreetAnchors(anchors, grid, stopXy, count);
  writeStreetAnchor(anchors, count, grid, 0, 0);
  return anchors;
}

function chunk(items: Int32Array, size: number): number[][] {
  const sectors = Math.ceil(items.length / size);
  const out: number[][] = [];
  // Even sectors (not size, size, ..., remainder) so no sector is tiny.
  for (let s = 0; s < sectors; s++) {
    const to = Math.floor(((s + 1) * items.length) / sectors);
    const sector: number[] = [];
    for (let k = Math.floor((s * items.length) / sectors); k < to; k++) sector.push(items[k]);
    out.push(sector);
  }
  return out;
}

/** A planned route: request stop indices in driving order, and the earliest deadline aboard. */
interface PlannedRoute {
  stops: number[];
  earliest: number;
}

/**
 * Cuts the taken stops into sectors and solves each. `extraS` (null: none) is route time each
 * stop adds besides its dwell and the travel to and from it, at the planning speed. A stop no
 * route can serve within the shift on its own goes to `tooFar` (solveSector).
 */
function planStops(
  request: WaveRequest,
  limits: VehicleLimits,
  maxRouteS: number,
  taken: Int32Array,
  sectorStops: number,
  extraS: Float64Array | null,
  tooFar: number[],
): PlannedRoute[] {
  const { stopXy, deadlineS } = request;
  // Index order first: ties in bearing keep it.
  const inIndexOrder = taken.slice().sort();
  if (request.optimiser === 'none') {
    for (let k = 0; k < taken.length; k++) taken[k] = inIndexOrder[k];
  } else {
    // Each stop's bearing once.
    const angles = new Float64Array(request.count);
    for (let k = 0; k < taken.length; k++) {
      const i = taken[k];
      angles[i] = atan2(stopXy[2 * i + 1], stopXy[2 * i]);
    }
    const byBearing = sortStable(inIndexOrder, angles);
    for (let k = 0; k < taken.length; k++) taken[k] = byBearing[k];
  }
  const routes: PlannedRoute[] = [];
  const sectors = chunk(taken, sectorStops);
  let carried: number[] = [];
  sectors.forEach((sector, index) => {
    const solved = solveSector(request, limits, maxRouteS, carried.concat(sector), index, extraS, tooFar);
    carried = [];
    // A sector's least loaded route, if part full, goes on into the next sector (its neighbour in
    // bearing): each sector left one part-full van, where a wave needs one in all.
    if (request.optimiser !== 'none' && index < sectors.length - 1 && solved.length > 1) {
      let least = 0;
      let leastLoad = Number.POSITIVE_INFINITY;
      solved.forEach((stops, r) => {
        let load = 0;
        for (const stop of stops) load += request.demand[stop];
        if (load < leastLoad) {
          leastLoad = load;
          least = r;
        }
      });
      if (leastLoad <= CARRIED_ROUTE_FILL * limits.capacity) carried = solved.splice(least, 1)[0];
    }
    for (const stops of solved) {
      let earliest = Number.POSITIVE_INFINITY;
      for (const stop of stops) earliest = Math.min(earliest, deadlineS[stop]);
      routes.push({ stops, earliest });
    }
  });
  return routes;
}

/**
 * Routed stops per vehicle at most: where a vehicle carries more modelled parcels than this (vans
 * above scale ~0.018, Flex cars above ~0.09), nearby parcels are routed as one stop, so a wave's
 * routing costs the same per vehicle at any scale instead of growing with every parcel. Below it
 * (the default scale) every parcel is its own stop, as before.
 *
 * 5, not 10: the router's work is per routed stop, and larger groups cost only their paths inside
 * (shortenGroupPaths). Day 3 from one saved day-2 state at each scale, against 10: full-scale vans
 * route groups of 60 parcels for 3% less CPU a day (105.2 against 108.3 s, both builds run at
 * once, one per core; the 2-opt inside groups of 60 costs twice that of 30, ~11 s a day, and
 * takes back most of what the router saves), van miles 1.6% fewer (the paths inside the larger
 * groups are the shorter), van routes +0.5%, Flex routes +1.6%, on time 99.353% both; at
 * scale 0.1 (groups of 6 a van, 2 a Flex car) the day costs 22% less (0.74-0.82 paired over three
 * runs each) for van miles +1.4%, van routes +0.8%, Flex routes +4.1%, on time 99.391% both. 4 at
 * scale 0.1 (groups of 8) sent 36% more routes to Flex. Earlier, 10 against 20: the same plans
 * at full scale for 9% less CPU.
 */
export const MAX_ROUTED_STOPS_PER_VEHICLE = 5;

/** Parcels routed as one stop for a vehicle of `capacity` modelled parcels (1: none grouped). */
export function getRoutedGroupSize(capacity: number): number {
  return Math.max(1, Math.ceil(capacity / MAX_ROUTED_STOPS_PER_VEHICLE));
}

/**
 * Passes of shortenGroupPaths over a group at most (a pass with no gain ends it sooner). 2 from
 * the street-by-street start, not 3 from the strips: 20,000 groups of a full-scale morning (seed
 * 7, ~40 parcels each) drove paths 1% shorter for 13% less CPU (the travel times, 70% of what is
 * left, are found either way). The strips needed the third pass: 2 of them drove van miles +0.4%.
 */
const GROUP_PATH_PASSES = 2;
/** Least gain, in seconds, that a reversal in shortenGroupPaths must bring (rounding is not one). */
const MIN_PATH_GAIN_S = 1e-9;
// Scratch of shortenGroupPaths: one group's travel times, row-major, and its parcels' street
// anchors in path order (the model runs on one thread).
let groupTravelS = new Float64Array(256);
let groupAnchors = new Float64Array(16 * ANCHOR_STRIDE);

/**
 * Shortens the path through each group's parcels (order[groupStart[g], groupStart[g + 1])) by
 * 2-opt on the street grid's travel times, its ends free: a route enters a group at either end
 * and leaves at the other. The strips groupNearbyParcels runs a cell in are a good start among
 * evenly spread doors and a poor one where they cluster: at full scale, groups of ~15 parcels
 * driven in strip order took van routes ~1.75x the leg of a good tour between doors. So the 2-opt
 * starts from the shorter of the strip order and the doors street by street (writeStreetByStreet),
 * and never ends longer than the strips. Only reverses runs within a group; groups of two are left
 * as they are. The group's travel times are found once (n^2 / 2 of them), not per move tried.
 * `insideS` (given) gets each group's free-flow seconds along its path, parcel to parcel in order
 * (summed so, to the bit), from those times.
 */
export function shortenGroupPaths(
  order: Int32Array,
  groupStart: number[],
  anchors: Float64Array,
  insideS?: Float64Array,
): void {
  for (let g = 0; g + 1 < groupStart.length; g++) {
    const from = groupStart[g];
    const n = groupStart[g + 1] - from;
    if (n < 3) {
      if (insideS) insideS[g] = n === 2 ? getAnchoredTravelS(anchors, order[from], order[from + 1]) : 0;
      continue;
    }
    if (groupTravelS.length < n * n) groupTravelS = new Float64Array(2 * n * n);
    if (groupAnchors.length < n * ANCHOR_STRIDE) groupAnchors = new Float64Array(2 * n * ANCHOR_STRIDE);
    const travelS = groupTravelS;
    // Rows and columns by position in the group as it stands; `at` maps a position to its row.
    const path = order.subarray(from, from + n);
    // The group's anchors side by side first: the n^2 / 2 weighings then read them from L1, not
    // from wherever the wave's list left each parcel (the same values: the same times to the bit).
    for (let a = 0; a < n; a++) {
      const source = path[a] * ANCHOR_STRIDE;
      for (let field = 0; field < ANCHOR_STRIDE; field++)
        groupAnchors[a * ANCHOR_STRIDE + field] = anchors[source + field];
    }
    writeAnchoredTravelMatrix(groupAnchors, n, travelS);
    const at = groupPositions(n);
    const streetByStreet = writeStreetByStreet(groupAnchors, n);
    if (sumPathS(streetByStreet, n, travelS) < sumPathS(at, n, travelS)) at.set(streetByStreet);
    for (let pass = 0; pass < GROUP_PATH_PASSES; pass++) {
      let shortened = false;
      for (let i = 0; i < n - 1; i++) {
        // Row of the door before i (-1: none) and i's row, read again after a reversal moves them;
        // the leg into i as it stands, and i's row offset, with them.
        const beforeRow = i > 0 ? at[i - 1] * n : -1;
        let first = at[i];
        let firstRow = first * n;
        let intoFirstS = beforeRow >= 0 ? travelS[beforeRow + first] : 0;
        // The door after j: the next j's own door (one read of `at` a move tried).
        let last = at[i + 1];
        for (let j = i + 1; j < n; j++) {
          // Reversing the run i..j changes only the legs into i and out of j.
          let gainS = 0;
          if (beforeRow >= 0) gainS += intoFirstS - travelS[beforeRow + last];
          const after = j + 1 < n ? at[j + 1] : -1;
          if (after >= 0) gainS += travelS[last * n + after] - travelS[firstRow + after];
          if (gainS > MIN_PATH_GAIN_S) {
            // In place (a subarray's reverse allocated a view per move).
            for (let lo = i, hi = j; lo < hi; lo++, hi--) {
              const swap = at[lo];
              at[lo] = at[hi];
              at[hi] = swap;
            }
            first = at[i];
            firstRow = first * n;
            if (beforeRow >= 0) intoFirstS = travelS[beforeRow + first];
            shortened = true;
          }
          last = after;
        }
      }
      if (!shortened) break;
    }
    // The group in its new order: row at[k] was the parcel at position at[k] of the old order.
    const before = groupParcels(n);
    before.set(path);
    for (let k = 0; k < n; k++) path[k] = before[at[k]];
    if (insideS) insideS[g] = sumPathS(at, n, travelS);
  }
}

/** Seconds along the path `at` (rows of `travelS`, n x n) takes, leg by leg in order. */
function sumPathS(at: Int32Array, n: number, travelS: Float64Array): number {
  let pathS = 0;
  for (let k = 1; k < n; k++) pathS += travelS[at[k - 1] * n + at[k]];
  return pathS;
}

// Scratch of writeStreetByStreet: its rows in order, with their streets and places along them.
let streetOrderScratch = new Int32Array(64);
let streetKeyScratch = new Float64Array(64);
let alongKeyScratch = new Float64Array(64);

/**
 * The group's doors (anchors 0..n-1) street by street: along each local street they sit on (the
 * streets in order across them), one way along a street and back along the next, as a driver
 * works a neighbourhood. Doors in strip order drove ~1.4x this path at full scale; 2-opt
 * from here needs one pass fewer. Ties keep their order (an insertion sort: n is at most ~60).
 */
function writeStreetByStreet(anchors: Float64Array, n: number): Int32Array {
  if (streetOrderScratch.length < n) {
    streetOrderScratch = new Int32Array(2 * n);
    streetKeyScratch = new Float64Array(2 * n);
    alongKeyScratch = new Float64Array(2 * n);
  }
  const order = streetOrderScratch;
  const street = streetKeyScratch;
  const along = alongKeyScratch;
  for (let k = 0; k < n; k++) {
    const localV = anchors[k * ANCHOR_STRIDE + 4];
    const u = anchors[k * ANCHOR_STRIDE + 2];
    let j = k - 1;
    while (j >= 0 && (street[j] > localV || (street[j] === localV && along[j] > u))) {
      street[j + 1] = street[j];
      along[j + 1] = along[j];
      order[j + 1] = order[j];
      j--;
    }
    street[j + 1] = localV;
    along[j + 1] = u;
    order[j + 1] = k;
  }
  // Every other street driven the other way.
  let streetIndex = 0;
  for (let start = 0; start < n; streetIndex++) {
    let end = start + 1;
    while (end < n && street[end] === street[start]) end++;
    if ((streetIndex & 1) === 1)
      for (let lo = start, hi = end - 1; lo < hi; lo++, hi--) {
        const swap = order[lo];
        order[lo] = order[hi];
        order[hi] = swap;
      }
    start = end;
  }
  return order.subarray(0, n);
}

// Scratch of shortenGroupPaths: a group's rows in path order, and its parcels as they stood.
let positionScratch = new Int32Array(64);
let parcelScratch = new Int32Array(64);

/** 0, 1, ..., n - 1 in scratch. */
function groupPositions(n: number): Int32Array {
  if (positionScratch.length < n) positionScratch = new Int32Array(2 * n);
  const at = positionScratch.subarray(0, n);
  for (let k = 0; k < n; k++) at[k] = k;
  return at;
}

/** Scratch for a group's n parcels. */
function groupParcels(n: number): Int32Array {
  if (parcelScratch.length < n) parcelScratch = new Int32Array(2 * n);
  return parcelScratch.subarray(0, n);
}

/**
 * Routes groups of about `groupSize` nearby parcels as single stops, then drives each group's
 * parcels in turn, each group the way that keeps the route shortest (orientGroups;
 * groupNearbyParcels forms the groups). The router sees the group at its centroid, and each group
 * adds to any route through it its parcels' dwell and the drive between them; the legs between
 * groups are planned between the groups' nearest ends (or centroids, for pairs), so a route as
 * driven can run a little past the shift: it then leaves its last parcels to `leftover` (the next
 * wave).
 */
function planGroupedStops(
  request: WaveRequest,
  anchors: Float64Array,
  limits: VehicleLimits,
  maxRouteS: number,
  taken: Int32Array,
  groupSize: number,
  leftover: number[],
): PlannedRoute[] {
  const { stopXy, deadlineS, demand, driven } = request;
  const factor = driven ? driven.meanSecondsPerFreeFlowS : request.secondsPerFreeFlowS;
  const { order, groupStart } = groupNearbyParcels(request, taken, groupSize);
  const groupCount = groupStart.length - 1;
  // Each group's drive between its parcels, from the travel times the shortening found.
  const insideS = new Float64Array(groupCount);
  shortenGroupPaths(order, groupStart, anchors, insideS);
  const groupXy = new Float64Array(2 * groupCount);
  const groupDemand = new Float64Array(groupCount);
  const groupDeadline = new Float64Array(groupCount);
  const extraS = new Float64Array(groupCount);
  for (let g = 0; g < groupCount; g++) {
    const from = groupStart[g];
    const to = groupStart[g + 1];
    let x = 0;
    let y = 0;
    let earliest = Number.POSITIVE_INFINITY;
    for (let k = from; k < to; k++) {
      const i = order[k];
      x += stopXy[2 * i];
      y += stopXy[2 * i + 1];
      groupDemand[g] += demand[i];
      earliest = Math.min(earliest, deadlineS[i]);
    }
    x /= to - from;
    y /= to - from;
    groupXy[2 * g] = x;
    groupXy[2 * g + 1] = y;
    groupDeadline[g] = earliest;
    extraS[g] = (to - from) * limits.dwellS + insideS[g] * factor;
  }
  const groups: WaveRequest = {
    ...request,
    stopEnds: groupSize > 2 ? getGroupEnds(anchors, order, groupStart) : undefined,
    secondsPerFreeFlowS: factor,
    stopXy: groupXy,
    demand: groupDemand,
    deadlineS: groupDeadline,
    count: groupCount,
  };
  const groupIndices = new Int32Array(groupCount);
  for (let g = 0; g < groupCount; g++) groupIndices[g] = g;
  const groupLimits = { ...limits, dwellS: 0 };
  const sectorStops = getSectorStops(Math.ceil(limits.capacity / groupSize));
  const routes: PlannedRoute[] = [];
  const tooFarGroups: number[] = [];
  const planned = planStops(groups, groupLimits, maxRouteS, groupIndices, sectorStops, extraS, tooFarGroups);
  for (const g of tooFarGroups)
    for (let k = groupStart[g]; k < groupStart[g + 1]; k++) leftover.push(order[k]);
  for (const route of planned) {
    const stops: number[] = [];
    const station = request.count;
    const reversed = orientGroups(route.stops, order, groupStart, anchors, station);
    route.stops.forEach((g, at) => {
      if (reversed[at] === 1)
        for (let k = groupStart[g + 1] - 1; k >= groupStart[g]; k--) stops.push(order[k]);
      else for (let k = groupStart[g]; k < groupStart[g + 1]; k++) stops.push(order[k]);
    });
    const fits = countStopsInShift(request, anchors, stops, limits.dwellS, maxRouteS);
    for (let k = fits; k < stops.length; k++) leftover.push(stops[k]);
    if (fits === 0) continue;
    stops.length = fits;
    let earliest = Number.POSITIVE_INFINITY;
    for (const stop of stops) earliest = Math.min(earliest, deadlineS[stop]);
    routes.push({ stops, earliest });
  }
  return routes;
}

/** Travel-time multiplier of a leg entered `elapsedS` into a route: as driven, or the plan's. */
function getLegFactor(request: WaveRequest, elapsedS: number): number {
  return request.driven
    ? getDrivenSecondsPerFreeFlowS(request.driven, elapsedS)
    : request.secondsPerFreeFlowS;
}

/**
 * How many of a route's first stops fit in the shift as driven: stop to stop, each leg at the
 * speed of its hour (or the planning speed), dwelling at each, and back to the station.
 * `anchors`: the wave's (anchor request.count is the station).
 */
function countStopsInShift(
  request: WaveRequest,
  anchors: Float64Array,
  stops: readonly number[],
  dwellS: number,
  maxRouteS: number,
): number {
  const station = request.count;
  if (leftStopS.length < stops.length) leftStopS = new Float64Array(2 * stops.length);
  let routeS = 0;
  let at = station;
  for (let k = 0; k < stops.length; k++) {
    const i = stops[k];
    routeS += getAnchoredTravelS(anchors, at, i) * getLegFactor(request, routeS) + dwellS;
    leftStopS[k] = routeS;
    at = i;
  }
  // The last stop from which the drive back ends in the shift: from the end, as the whole route
  // nearly always fits (one leg back weighed, not one per stop).
  for (let k = stops.length - 1; k >= 0; k--) {
    const leftS = leftStopS[k];
    if (leftS + getAnchoredTravelS(anchors, stops[k], station) * getLegFactor(request, leftS) <= maxRouteS)
      return k + 1;
  }
  return 0;
}

// Scratch of countStopsInShift: when the route leaves each stop (the model runs on one thread).
let leftStopS = new Float64Array(256);

/**
 * A route's seconds as driven (countStopsInShift's rule), station to station, driven again from
 * stop `from` on: `leftS[k]` holds the seconds at which it leaves stop k, kept for stops before
 * `from` and written from it on. The same sums in the same order as a drive from the station.
 */
function driveRouteFrom(
  request: WaveRequest,
  anchors: Float64Array,
  stops: readonly number[],
  dwellS: number,
  from: number,
  leftS: number[],
): number {
  const station = request.count;
  let routeS = from > 0 ? leftS[from - 1] : 0;
  let at = from > 0 ? stops[from - 1] : station;
  for (let k = from; k < stops.length; k++) {
    const i = stops[k];
    routeS += getAnchoredTravelS(anchors, at, i) * getLegFactor(request, routeS) + dwellS;
    leftS[k] = routeS;
    at = i;
  }
  return routeS + getAnchoredTravelS(anchors, at, station) * getLegFactor(request, routeS);
}

/** Side of a cell of fillRoutes' door index, km: about two doors apart at a full scale's density. */
const FILL_CELL_KM = 0.5;

/**
 * Puts parcels no route took (`leftover`) into routes that end before the shift does, each beside
 * the nearest doors where it adds least time (cheapest insertion among the doors in its cell and
 * the eight around it), earliest deadline first, while the route keeps within its capacity and,
 * as driven, within the shift. Grouped routes are planned over groups of doors and come back with
 * slack: a whole group did not fit, or the fleet's last routes were dropped whole (at full scale,
 * day 3: 0.6 h a route while Flex took 5% of parcels); the slack goes to the parcels that would
 * otherwise wait for Flex or tomorrow. Removes the parcels it places from `leftover`.
 */
function fillRoutes(
  request: WaveRequest,
  anchors: Float64Array,
  limits: VehicleLimits,
  maxRouteS: number,
  routes: PlannedRoute[],
  leftover: number[],
): void {
  if (routes.length === 0 || leftover.length === 0) return;
  const { stopXy, demand, deadlineS } = request;
  const station = request.count;
  const routeOf = new Int32Array(request.count).fill(-1);
  // Each routed door's place in its route, kept as parcels go in (a search of the route was 60%
  // of this pass at full scale).
  const placeOf = new Int32Array(request.count);
  const routeS = new Float64Array(routes.length);
  // Per route, when it leaves each stop (driveRouteFrom): a parcel put in re-drives the route
  // from its place on, not from the station.
  const leftS: number[][] = [];
  const load = new Float64Array(routes.length);
  const cells = doorCells;
  cells.reset(request.count);
  const cellOf = (i: number) =>
    Math.floor(stopXy[2 * i] / FILL_CELL_KM) * 65_536 + Math.floor(stopXy[2 * i + 1] / FILL_CELL_KM);
  routes.forEach((route, r) => {
    const stops = route.stops;
    leftS.push(new Array<number>(stops.length));
    routeS[r] = driveRouteFrom(request, anchors, stops, limits.dwellS, 0, leftS[r]);
    for (let at = 0; at < stops.length; at++) {
      const i = stops[at];
      routeOf[i] = r;
      placeOf[i] = at;
      load[r] += demand[i];
      cells.add(cellOf(i), i);
    }
  });
  const byDeadline = sortStable(Int32Array.from(leftover), deadlineS);
  let lightest = Number.POSITIVE_INFINITY;
  for (const p of leftover) lightest = Math.min(lightest, demand[p]);
  const placed = new Set<number>();
  const { first, next } = cells;
  for (let n = 0; n < byDeadline.length; n++) {
    const p = byDeadline[n];
    const px = Math.floor(stopXy[2 * p] / FILL_CELL_KM);
    const py = Math.floor(stopXy[2 * p + 1] / FILL_CELL_KM);
    let bestRoute = -1;
    let bestAt = 0;
    let bestS = Number.POSITIVE_INFINITY;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const cell = cells.find((px + dx) * 65_536 + py + dy);
        if (cell < 0) continue;
        // The last door kept open (unlink leaves a door's own next as it was).
        let before = -1;
        for (let door = first[cell]; door >= 0; door = next[door]) {
          const r = routeOf[door];
          // A route with no time left for one more dwell or no room for the lightest parcel left
          // is closed for good: its doors leave the index (at full scale 3 in 4 doors looked at
          // were on such routes). Loads and driven times only grow as parcels go in.
          if (routeS[r] + limits.dwellS > maxRouteS || load[r] + lightest > limits.capacity) {
            cells.unlink(cell, before, door);
            continue;
          }
          before = door;
          if (load[r] + demand[p] > limits.capacity) continue;
          const stops = routes[r].stops;
          const k = placeOf[door];
          const legFactor = getLegFactor(request, routeS[r]);
          const doorS = getAnchoredTravelS(anchors, door, p);
          // Before the door (from the one ahead of it, or the station), then after it.
          const ahead = k === 0 ? station : stops[k - 1];
          const behind = k + 1 === stops.length ? station : stops[k + 1];
          const beforeS =
            (getAnchoredTravelS(anchors, ahead, p) + doorS - getAnchoredTravelS(anchors, ahead, door)) *
              legFactor +
            limits.dwellS;
          const afterS =
            (doorS + getAnchoredTravelS(anchors, p, behind) - getAnchoredTravelS(anchors, door, behind)) *
              legFactor +
            limits.dwellS;
          if (beforeS < bestS && routeS[r] + beforeS <= maxRouteS) {
            bestS = beforeS;
            bestRoute = r;
            bestAt = k;
          }
          if (afterS < bestS && routeS[r] + afterS <= maxRouteS) {
            bestS = afterS;
            bestRoute = r;
            bestAt = k + 1;
          }
        }
      }
    }
    if (bestRoute < 0) continue;
    const stops = routes[bestRoute].stops;
    const left = leftS[bestRoute];
    stops.splice(bestAt, 0, p);
    left.splice(bestAt, 0, 0);
    // The route as driven with it: leg speeds move with the hours.
    const withS = driveRouteFrom(request, anchors, stops, limits.dwellS, bestAt, left);
    if (withS > maxRouteS) {
      stops.splice(bestAt, 1);
      left.splice(bestAt, 1);
      // Its stops' times as they were (routeS[bestRoute] is unchanged).
      driveRouteFrom(request, anchors, stops, limits.dwellS, bestAt, left);
      continue;
    }
    routeS[bestRoute] = withS;
    for (let at = bestAt; at < stops.length; at++) placeOf[stops[at]] = at;
    load[bestRoute] += demand[p];
    routeOf[p] = bestRoute;
    routes[bestRoute].earliest = Math.min(routes[bestRoute].earliest, deadlineS[p]);
    cells.add(cellOf(p), p);
    placed.add(p);
  }
  if (placed.size === 0) return;
  let kept = 0;
  for (const i of leftover) if (!placed.has(i)) leftover[kept++] = i;
  leftover.length = kept;
}

/**
 * fillRoutes' index of routed doors by cell: the cells' keys in a table of open addressing, each
 * cell's doors a linked list in the order they went in (a map of arrays was ~1 s of a full-scale
 * day in its allocations). Holds doors 0..doorCount - 1 of one wave at a time.
 */
class DoorCells {
  /** Per slot: the cell's key, whether the slot holds one, its first and last door (-1: none). */
  private keys = new Int32Array(64);
  private used = new Uint8Array(64);
  first = new Int32Array(64);
  private last = new Int32Array(64);
  /** Per door: the next door of its cell (-1: the last). */
  next = new Int32Array(64);
  private shift = 26;

  /** Empties the index for doors 0..doorCount - 1 (a cell per door at most). */
  reset(doorCount: number): void {
    let slots = 64;
    while (slots < 2 * doorCount) slots *= 2;
    if (this.keys.length < slots) {
      this.keys = new Int32Array(slots);
      this.used = new Uint8Array(slots);
      this.first = new Int32Array(slots);
      this.last = new Int32Array(slots);
    }
    if (this.next.length < doorCount) this.next = new Int32Array(2 * doorCount);
    this.used.fill(0, 0, slots);
    this.shift = 32 - Math.log2(slots);
  }

  /** The slot of the cell `key`, -1 when no door went into it. */
  find(key: number): number {
    const mask = (1 << (32 - this.shift)) - 1;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> this.shift; ; slot = (slot + 1) & mask) {
      if (this.used[slot] === 0) return -1;
      if (this.keys[slot] === key) return slot;
    }
  }

  /** Puts `door` last in cell `key`. */
  add(key: number, door: number): void {
    const mask = (1 << (32 - this.shift)) - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.used[slot] === 1 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    this.next[door] = -1;
    if (this.used[slot] === 0) {
      this.used[slot] = 1;
      this.keys[slot] = key;
      this.first[slot] = door;
    } else if (this.last[slot] < 0) this.first[slot] = door;
    else this.next[this.last[slot]] = door;
    this.last[slot] = door;
  }

  /** Takes `door` out of cell slot `cell`; `before` is the door ahead of it (-1: it is first). */
  unlink(cell: number, before: number, door: number): void {
    const following = this.next[door];
    if (before < 0) this.first[cell] = following;
    else this.next[before] = following;
    if (this.last[cell] === door) this.last[cell] = before;
  }
}

/** fillRoutes' door index, reused by every wave (the model runs on one thread). */
const doorCells = new DoorCells();

// Scratch of orientGroups: per group of a route, the better way into it from each way out of the
// group before (0: first to last parcel, 1: last to first), and the answer.
let orientFrom = new Uint8Array(128);
let orientReversed = new Uint8Array(64);

/**
 * Which way to drive each group of a route (`groups` in driving order; 1: last parcel to first):
 * the ways that make the legs between groups, station to station, shortest, by dynamic
 * programming over the two ways of each group. A group is a run through its doors, entered at one
 * end and left at the other. Taking each group from the end nearer the last parcel, one group at a
 * time, could leave a group by the end far from the next.
 */
export function orientGroups(
  groups: number[],
  order: Int32Array,
  groupStart: number[],
  anchors: Float64Array,
  station: number,
): Uint8Array {
  const m = groups.length;
  if (orientFrom.length < 2 * m) {
    orientFrom = new Uint8Array(4 * m);
    orientReversed = new Uint8Array(2 * m);
  }
  // Route seconds so far with group j left by its last parcel (forward) or its first (reversed).
  let forwardS = 0;
  let reversedS = 0;
  for (let j = 0; j < m; j++) {
    const first = order[groupStart[groups[j]]];
    const last = order[groupStart[groups[j] + 1] - 1];
    if (j === 0) {
      forwardS = getAnchoredTravelS(anchors, station, first);
      reversedS = getAnchoredTravelS(anchors, station, last);
      continue;
    }
    const leftAt = order[groupStart[groups[j - 1] + 1] - 1];
    const leftAtReversed = order[groupStart[groups[j - 1]]];
    // Into this group forward (at its first parcel) from the last group either way.
    const forwardFromForwardS = forwardS + getAnchoredTravelS(anchors, leftAt, first);
    const forwardFromReversedS = reversedS + getAnchoredTravelS(anchors, leftAtReversed, first);
    const reversedFromForwardS = forwardS + getAnchoredTravelS(anchors, leftAt, last);
    const reversedFromReversedS = reversedS + getAnchoredTravelS(anchors, leftAtReversed, last);
    orientFrom[2 * j] = forwardFromReversedS < forwardFromForwardS ? 1 : 0;
    orientFrom[2 * j + 1] = reversedFromReversedS < reversedFromForwardS ? 1 : 0;
    forwardS = Math.min(forwardFromForwardS, forwardFromReversedS);
    reversedS = Math.min(reversedFromForwardS, reversedFromReversedS);
  }
  if (m === 0) return orientReversed;
  const lastGroup = groups[m - 1];
  forwardS += getAnchoredTravelS(anchors, order[groupStart[lastGroup + 1] - 1], station);
  reversedS += getAnchoredTravelS(anchors, order[groupStart[lastGroup]], station);
  let way = reversedS < forwardS ? 1 : 0;
  for (let j = m - 1; j >= 0; j--) {
    orientReversed[j] = way;
    way = orientFrom[2 * j + way];
  }
  return orientReversed;
}

/**
 * Each group's end doors (WaveRequest.stopEnds): a route drives in at one and out at the other, so
 * the legs between groups are planned between their nearest ends, not their centres, which are
 * a group's half-width further (at full scale, groups of ~15 parcels: routes planned from the
 * centres came back 0.7 h inside the shift). Pairs (vans at scales ~0.035-0.067) are left to
 * their centres: a pair's centre is half a door's leg from either end, and four legs a pair of
 * pairs cost 9% of a sim day (at scale 0.1, when its vans routed pairs).
 */
function getGroupEnds(anchors: Float64Array, order: Int32Array, groupStart: number[]): Float64Array {
  const groupCount = groupStart.length - 1;
  const ends = new Float64Array(groupCount * 2 * ANCHOR_STRIDE);
  for (let g = 0; g < groupCount; g++) {
    const first = order[groupStart[g]] * ANCHOR_STRIDE;
    const last = order[groupStart[g + 1] - 1] * ANCHOR_STRIDE;
    for (let a = 0; a < ANCHOR_STRIDE; a++) {
      ends[2 * g * ANCHOR_STRIDE + a] = anchors[first + a];
      ends[(2 * g + 1) * ANCHOR_STRIDE + a] = anchors[last + a];
    }
  }
  return ends;
}

/**
 * Parcels of `taken` in groups of about `groupSize` nearby parcels (planGroupedStops): a group is a
 * run of parcels in one cell of a grid sized so that a cell holds about a group at the wave's mean
 * density, taken strip by strip inside a cell, east along one strip and west along the next. Group
 * g is order[groupStart[g], groupStart[g + 1]).
 */
export function groupNearbyParcels(
  request: Pick<WaveRequest, 'stopXy' | 'demand' | 'count'>,
  taken: ArrayLike<number>,
  groupSize: number,
): { order: Int32Array; groupStart: number[] } {
  const { stopXy, demand } = request;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < taken.length; k++) {
    const i = taken[k];
    minX = Math.min(minX, stopXy[2 * i]);
    maxX = Math.max(maxX, stopXy[2 * i]);
    minY = Math.min(minY, stopXy[2 * i + 1]);
    maxY = Math.max(maxY, stopXy[2 * i + 1]);
  }
  // Cells of ~groupSize parcels at the wave's mean density (at least a 50 m block).
  const areaKm2 = Math.max((maxX - minX) * (maxY - minY), 1e-6);
  const cellKm = Math.max(0.05, Math.sqrt((areaKm2 * groupSize) / Math.max(1, taken.length)));
  // Each parcel's cell once.
  const cellX = new Float64Array(request.count);
  const cellY = new Float64Array(request.count);
  // Row, cell in the row and strip in the cell as one whole number that sorts as the three do.
  const stripKey = new Float64Array(request.count);
  const along = new Float64Array(request.count);
  // A cell is run through in strips, east then west (a strip tour: for n doors in a square,
  // about sqrt(n / 3) strips keep the run near its shortest), not in one sweep that zigzags
  // the cell's height at every door.
  const strips = Math.max(1, Math.round(Math.sqrt(groupSize / 3)));
  const columns = Math.floor((maxX - minX) / cellKm) + 1;
  for (let k = 0; k < taken.length; k++) {
    const i = taken[k];
    const rows = (stopXy[2 * i + 1] - minY) / cellKm;
    const row = Math.floor(rows);
    // A small whole number: its parity as an integer, not a remainder of doubles (fmod).
    const stripOfCell = Math.min(strips - 1, Math.floor((rows - row) * strips));
    const column = Math.floor((stopXy[2 * i] - minX) / cellKm);
    cellX[i] = column;
    cellY[i] = row;
    stripKey[i] = (row * columns + column) * strips + stripOfCell;
    along[i] = (stripOfCell & 1) === 0 ? stopXy[2 * i] : -stopXy[2 * i];
  }
  // Row by row, cell by cell, strip by strip in a cell, along the strip, then by index: stable
  // sorts by each key, the least significant first, from index order (the strip's key holds the
  // first three: two sorts, not four).
  const order = sortStable(sortStable(Int32Array.from(taken).sort(), along), stripKey);
  // A group holds up to groupSize capacity units (capacity / MAX_ROUTED_STOPS_PER_VEHICLE rounded
  // up to whole parcels), so a van fills to within a group. Not the quotient itself: below twice
  // MAX_ROUTED_STOPS_PER_VEHICLE that holds less than two parcels, and vans just past it (scale
  // 0.1 among them, when it was 20) routed every parcel alone.
  const groupCapacity = groupSize;
  const groupStart: number[] = [];
  let load = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const sameCell = k > 0 && cellX[i] === cellX[order[k - 1]] && cellY[i] === cellY[order[k - 1]];
    if (!sameCell || load + demand[i] > groupCapacity) {
      groupStart.push(k);
      load = 0;
    }
    load += demand[i];
  }
  groupStart.push(order.length);
  return { order, groupStart };
}

/**
 * The sector's ends for getNearestEndsTravelS: anchor 0 the station (node 0's), anchors 1 + 2k and
 * 2 + 2k the two ends of node k + 1 (its stop's in `stopEnds`).
 */
function getSectorEnds(stopEnds: Float64Array, anchors: Float64Array, sector: number[]): Float64Array {
  const ends = new Float64Array((1 + 2 * sector.length) * ANCHOR_STRIDE);
  for (let a = 0; a < ANCHOR_STRIDE; a++) ends[a] = anchors[a];
  for (let k = 0; k < sector.length; k++) {
    const from = sector[k] * 2 * ANCHOR_STRIDE;
    const to = (1 + 2 * k) * ANCHOR_STRIDE;
    for (let a = 0; a < 2 * ANCHOR_STRIDE; a++) ends[to + a] = stopEnds[from + a];
  }
  return ends;
}

/**
 * Free-flow seconds between nodes a < b of a sector whose stops have two ends (getSectorEnds):
 * between their nearest ends, the leg a route drives from one to the other where it enters each
 * from the end nearer where it comes from (orientGroups picks the ends for the whole route); the
 * station has one.
 */
function getNearestEndsTravelS(ends: Float64Array, a: number, b: number): number {
  const b0 = 2 * b - 1;
  if (a === 0) return Math.min(getAnchoredTravelS(ends, 0, b0), getAnchoredTravelS(ends, 0, b0 + 1));
  const a0 = 2 * a - 1;
  return Math.min(
    getAnchoredTravelS(ends, a0, b0),
    getAnchoredTravelS(ends, a0, b0 + 1),
    getAnchoredTravelS(ends, a0 + 1, b0),
    getAnchoredTravelS(ends, a0 + 1, b0 + 1),
  );
}

/**
 * Solves one sector; returns routes as request stop indices. A stop whose round trip alone runs
 * past the shift goes to `tooFar` and the rest are solved without it: every parcel was checked
 * for that before, but a group of parcels (planGroupedStops) adds its parcels' dwell and the
 * drive between them, and a group far out can outlast a shift its parcels each fit in (Flex
 * cars at full scale, where the router refused the wave and the run stopped).
 */
function solveSector(
  request: WaveRequest,
  limits: VehicleLimits,
  maxRouteS: number,
  sector: number[],
  sectorIndex: number,
  extraS: Float64Array | null,
  tooFar: number[],
): number[][] {
  const n = sector.length;
  const nodeCount = n + 1;
  const { grid, stopXy } = request;
  const positions = new Float64Array(nodeCount * 2);
  const demands = new Float64Array(nodeCount);
  const deadlines = new Float64Array(nodeCount);
  deadlines[0] = Number.POSITIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    const i = sector[k];
    positions[2 * k + 2] = stopXy[2 * i];
    positions[2 * k + 3] = stopXy[2 * i + 1];
    demands[k + 1] = request.demand[i];
    deadlines[k + 1] = request.deadlineS[i] - request.departS;
  }
  const anchors = new Float64Array(nodeCount * ANCHOR_STRIDE);
  writeStreetAnchors(anchors, grid, positions, nodeCount);
  const ends = request.stopEnds ? getSectorEnds(request.stopEnds, anchors, sector) : null;
  const distances = new Float64Array(nodeCount * nodeCount);
  for (let a = 0; a < nodeCount; a++) {
    for (let b = a + 1; b < nodeCount; b++) {
      // A stop's extra time goes half on the leg in and half on the leg out (in free-flow seconds).
      const extra = extraS
        ? ((a > 0 ? extraS[sector[a - 1]] : 0) + extraS[sector[b - 1]]) / (2 * request.secondsPerFreeFlowS)
        : 0;
      const s = (ends ? getNearestEndsTravelS(ends, a, b) : getAnchoredTravelS(anchors, a, b)) + extra;
      distances[a * nodeCount + b] = s;
      distances[b * nodeCount + a] = s;
    }
  }
  // The router's own test (assertValidInstance), on the same matrix.
  const fits: number[] = [];
  for (let k = 0; k < n; k++) {
    const outAndBackS = (distances[k + 1] + distances[(k + 1) * nodeCount]) * request.secondsPerFreeFlowS;
    if (outAndBackS + limits.dwellS > maxRouteS) tooFar.push(sector[k]);
    else fits.push(sector[k]);
  }
  if (fits.length < n)
    return fits.length > 0 ? solveSector(request, limits, maxRouteS, fits, sectorIndex, extraS, tooFar) : [];
  const optimiser = ROUTING_OPTIMISER_OF[request.optimiser];
  const iterations = Math.round(request.iterationsPerStop * n);
  const solution = solveRoutes(
    {
      positions,
      demands,
      capacity: limits.capacity,
      distances,
      maxRouteDurationS: maxRouteS,
      serviceDurationS: limits.dwellS,
      secondsPerDistance: request.secondsPerFreeFlowS,
      deadlinesS: deadlines,
    },
    {
      optimiser: iterations > 0 && optimiser === 'savings+ls' ? 'savings+ls+rr' : optimiser,
      budget: { iterations },
      seed: (request.seed + Math.imul(sectorIndex, 0x9e3779b1)) >>> 0,
      localSearchNeighbours: WAVE_LOCAL_SEARCH_NEIGHBOURS,
      finalDescent: WAVE_FINAL_DESCENT,
      insertNeighbours: WAVE_INSERT_NEIGHBOURS,
    },
  );
  return solution.routes.map((route) => route.map((node) => sector[node - 1]));
}
