/**
 * Turns a planned last-mile route (a vehicle's stops in driving order) into what the map draws and
 * what the model books: a street-grid path with a time offset per vertex, the arrival at every
 * stop, and the route's length and duration.
 *
 * Timing: each leg takes the street grid's free-flow seconds between its two places
 * (getAnchoredTravelS) divided by the traffic factor at the local time the leg starts (rush
 * hours) x the weather factor of the station's region at departure. At each stop the vehicle
 * stands for `dwellS` (two vertices at the same place, so timestamps strictly increase along the
 * trip).
 */
import { boxMeetsBounds, EVERYWHERE, isRushHour, type LonLatBounds } from '../trips';
import {
  ANCHOR_STRIDE,
  ARTERIAL_SPACING_KM,
  getAnchoredPathKm,
  getAnchoredTravelS,
  MAX_PATH_VERTICES,
  STREET_SPEED_KMH,
  type StreetGrid,
  writeAnchoredStreetPath,
  writeStreetAnchor,
  writeStreetAnchors,
} from './streetGrid';
import { hypot } from '../portableMath';

/** Smallest time step between two vertices, s: above a Float32 step up to ~36 h of offsets. */
const MIN_STEP_S = 0.05;

/** Reusable output of writeRouteTrip; grown by doubling, never shrunk. */
export class RouteTripScratch {
  /** lon, lat; stride 2. */
  positions = new Float32Array(256);
  /** Seconds since departure, per vertex. */
  offsetsS = new Float32Array(128);
  vertexCount = 0;
  /** Per stop: the vertex where the vehicle arrives (it leaves from the next one). */
  stopVertex = new Uint32Array(32);
  /** Per stop: absolute sim seconds of arrival. */
  arriveS = new Float64Array(32);
  /** Street km driven, depot to depot (or to the last stop for an open route). */
  pathKm = 0;
  /** Seconds from departure to the end of the trip. */
  durationS = 0;
  /** Whether the trip is drawn street by street (else stop to stop; see writeRouteTrip). */
  drewStreets = true;
  readonly legXy = new Float64Array(MAX_PATH_VERTICES * 2);
  readonly legClass = new Uint8Array(MAX_PATH_VERTICES);
  /** Hours at the streets' free-flow speeds from a leg's start to each of its corners. */
  readonly legHours = new Float64Array(MAX_PATH_VERTICES);
  /** Street anchors of the stops and the origin, for a route given none. */
  anchors = new Float64Array(32 * ANCHOR_STRIDE);

  ensure(stops: number): void {
    const vertices = (stops + 1) * (MAX_PATH_VERTICES + 1) + 1;
    if (this.offsetsS.length < vertices) {
      let size = this.offsetsS.length;
      while (size < vertices) size *= 2;
      this.positions = new Float32Array(size * 2);
      this.offsetsS = new Float32Array(size);
    }
    if (this.anchors.length < (stops + 1) * ANCHOR_STRIDE)
      this.anchors = new Float64Array(2 * (stops + 1) * ANCHOR_STRIDE);
    if (this.stopVertex.length < stops) {
      let size = this.stopVertex.length;
      while (size < stops) size *= 2;
      this.stopVertex = new Uint32Array(size);
      this.arriveS = new Float64Array(size);
    }
  }
}

/** Where a route is drawn and how fast it goes. */
export interface RouteFrame {
  grid: StreetGrid;
  /** Station position, degrees. */
  lon: number;
  lat: number;
  lonDegPerKm: number;
  latDegPerKm: number;
  /** Local time = sim time + offsetH hours. */
  offsetH: number;
  /** Speed multiplier in rush hours (rushHourSpeedFactor). */
  rushFactor: number;
  /** Speed multiplier of the region's weather at departure (1 fair, stormSpeedFactor in a storm). */
  weatherFactor: number;
}

/**
 * How far a street path between two addresses can stray from the box of its two ends, km: each
 * of its corners lies on a grid line nearest one of the ends, within 3/4 of an arterial spacing
 * of it (lines are jittered by a quarter spacing), in the grid's turned frame; twice the spacing
 * covers that and the turn.
 */
export const STREET_PATH_REACH_KM = 2 * ARTERIAL_SPACING_KM;

/**
 * Whether a route's streets may be seen: its places' box (origin and stops, km east and north of
 * the station), grown by STREET_PATH_REACH_KM, meets the street-detail bounds. False only when no
 * street of the route can meet them, so a route drawn stop to stop is never one the view shows.
 */
function mayShowStreets(
  frame: RouteFrame,
  stopXy: Float64Array,
  stopCount: number,
  originX: number,
  originY: number,
  bounds: LonLatBounds | null,
): boolean {
  if (bounds === null) return false;
  if (bounds === EVERYWHERE) return true;
  let minX = originX;
  let maxX = originX;
  let minY = originY;
  let maxY = originY;
  for (let k = 0; k < stopCount; k++) {
    minX = Math.min(minX, stopXy[2 * k]);
    maxX = Math.max(maxX, stopXy[2 * k]);
    minY = Math.min(minY, stopXy[2 * k + 1]);
    maxY = Math.max(maxY, stopXy[2 * k + 1]);
  }
  const reach = STREET_PATH_REACH_KM;
  return boxMeetsBounds(
    bounds,
    frame.lon + (minX - reach) * frame.lonDegPerKm,
    frame.lat + (minY - reach) * frame.latDegPerKm,
    frame.lon + (maxX + reach) * frame.lonDegPerKm,
    frame.lat + (maxY + reach) * frame.latDegPerKm,
  );
}

/**
 * Appends vertex n of `out` at (x, y) km, `offsetS` after departure: drawn times strictly increase
 * even where a segment is shorter than a Float32 step (the model's own times are not moved).
 * Returns the vertex count.
 */
function pushRouteVertex(
  out: RouteTripScratch,
  frame: RouteFrame,
  n: number,
  x: number,
  y: number,
  offsetS: number,
): number {
  const previous = n > 0 ? out.offsetsS[n - 1] : Number.NEGATIVE_INFINITY;
  out.positions[2 * n] = frame.lon + x * frame.lonDegPerKm;
  out.positions[2 * n + 1] = frame.lat + y * frame.latDegPerKm;
  out.offsetsS[n] = Math.fround(offsetS) <= previous ? previous + MIN_STEP_S : offsetS;
  return n + 1;
}

/**
 * Writes the trip of one route into `out`.
 *
 * A leg between two places takes the street grid's free-flow seconds between them
 * (getAnchoredTravelS, the figure the router plans with) at the leg's speed factor, whether or
 * not its streets are drawn: the model's times never depend on what the map shows. Streets are
 * drawn where `streetDetailBounds` may see them (mayShowStreets), each corner timed within its leg
 * by the street classes' speeds; elsewhere the trip is drawn stop to stop (its origin, each door
 * as it arrives and leaves, its end) and `out.drewStreets` is false, for the page to draw the
 * streets back in when its view comes to them (streetPaths.ts).
 * @param stopXy km east, north of the station per stop, stride 2, in driving order.
 * @param originX,originY where the vehicle starts (and ends when `returnToOrigin`), km.
 * @param departS absolute sim seconds it leaves.
 * @param dwellS seconds standing at each stop.
 * @param anchors optional street anchors (writeStreetAnchors) of the stops in driving order and,
 *   as anchor `stopCount`, of the origin: the same paths without finding their lines again.
 * @param streetDetailBounds where streets are drawn (TripBuffer.streetDetailBounds).
 * @param doorLegsS free-flow seconds the legs between stops take together, each in proportion to
 *   its street time (a partner's run is timed by its carrier's rate, the legs drawn within it:
 *   partnerHandoffs.ts); null: their street time. The drive out and back is driven as it is.
 */
export function writeRouteTrip(
  out: RouteTripScratch,
  frame: RouteFrame,
  stopXy: Float64Array,
  stopCount: number,
  originX: number,
  originY: number,
  departS: number,
  dwellS: number,
  returnToOrigin: boolean,
  anchors: Float64Array | null = null,
  streetDetailBounds: LonLatBounds | null = EVERYWHERE,
  doorLegsS: number | null = null,
): void {
  out.ensure(stopCount);
  const { legXy, legClass, legHours } = out;
  let placeAnchors = anchors;
  if (!placeAnchors) {
    placeAnchors = out.anchors;
    writeStreetAnchors(placeAnchors, frame.grid, stopXy, stopCount);
    writeStreetAnchor(placeAnchors, stopCount, frame.grid, originX, originY);
  }
  let doorLegScale = 1;
  if (doorLegsS !== null) {
    let streetS = 0;
    for (let k = 1; k < stopCount; k++) streetS += getAnchoredTravelS(placeAnchors, k - 1, k);
    if (streetS > 0) doorLegScale = doorLegsS / streetS;
  }
  const drawStreets = mayShowStreets(frame, stopXy, stopCount, originX, originY, streetDetailBounds);
  let n = pushRouteVertex(out, frame, 0, originX, originY, 0);
  let elapsedS = 0;
  let km = 0;
  const legs = returnToOrigin ? stopCount + 1 : stopCount;
  for (let leg = 0; leg < legs; leg++) {
    const toX = leg < stopCount ? stopXy[2 * leg] : originX;
    const toY = leg < stopCount ? stopXy[2 * leg + 1] : originY;
    const from = leg === 0 ? stopCount : leg - 1;
    const to = Math.min(leg, stopCount);
    const rush = isRushHour(departS + elapsedS + frame.offsetH * 3600) ? frame.rushFactor : 1;
    const factor = rush * frame.weatherFactor;
    const legStartS = elapsedS;
    const betweenDoors = leg > 0 && leg < stopCount;
    const legS = (getAnchoredTravelS(placeAnchors, from, to) * (betweenDoors ? doorLegScale : 1)) / factor;
    km += getAnchoredPathKm(placeAnchors, from, to);
    elapsedS = legStartS + legS;
    let count = 1;
    if (drawStreets) {
      count = writeAnchoredStreetPath(legXy, legClass, 0, frame.grid, placeAnchors, from, to);
      // Corners timed by their streets' speeds, scaled to the leg's time.
      legHours[0] = 0;
      for (let i = 1; i < count; i++) {
        const segmentKm = hypot(legXy[2 * i] - legXy[2 * i - 2], legXy[2 * i + 1] - legXy[2 * i - 1]);
        legHours[i] = legHours[i - 1] + segmentKm / STREET_SPEED_KMH[legClass[i - 1]];
      }
      const perPathS = legHours[count - 1] > 0 ? legS / legHours[count - 1] : 0;
      for (let i = 1; i < count - 1; i++) {
        const cornerS = legStartS + legHours[i] * perPathS;
        // A corner whose drawn time (Float32) is the vertex before's is left out (a path a hair
        // long, two doors a rounding error apart): pushed, it would take MIN_STEP_S, and the
        // door after it would be drawn arriving late.
        if (n > 0 && Math.fround(cornerS) <= out.offsetsS[n - 1]) continue;
        n = pushRouteVertex(out, frame, n, legXy[2 * i], legXy[2 * i + 1], cornerS);
      }
      if (count > 1) n = pushRouteVertex(out, frame, n, legXy[2 * count - 2], legXy[2 * count - 1], elapsedS);
    }
    // Stop to stop, or the same place as the vehicle already is (a second parcel for one
    // address): the arrival is a vertex of its own.
    if (count === 1) n = pushRouteVertex(out, frame, n, toX, toY, elapsedS);
    if (leg < stopCount) {
      out.stopVertex[leg] = n - 1;
      out.arriveS[leg] = departS + elapsedS;
      elapsedS += dwellS;
      n = pushRouteVertex(out, frame, n, toX, toY, elapsedS);
    }
  }
  out.vertexCount = n;
  out.pathKm = km;
  out.durationS = elapsedS;
  out.drewStreets = drawStreets;
}

/**
 * Travel-time multiplier (1 / speed factor) of a leg entered at local time `localS`: rush hours'
 * speed times the weather's, as writeRouteTrip drives it.
 */
export function getSecondsPerFreeFlowS(localS: number, rushFactor: number, weatherFactor: number): number {
  return 1 / ((isRushHour(localS) ? rushFactor : 1) * weatherFactor);
}

/**
 * The mean travel-time multiplier over a route leaving at `departS` and lasting `horizonS`, its
 * quarter hours alike: what a route's legs take on average, where getPlanningSpeedFactor gives
 * the worst a leg can meet.
 */
export function getMeanSecondsPerFreeFlowS(frame: RouteFrame, departS: number, horizonS: number): number {
  const localS = departS + frame.offsetH * 3600;
  let sum = 0;
  let count = 0;
  for (let t = 0; t < horizonS; t += 900) {
    sum += getSecondsPerFreeFlowS(localS + t, frame.rushFactor, frame.weatherFactor);
    count++;
  }
  return count > 0 ? sum / count : 1 / frame.weatherFactor;
}

/**
 * The slowest travel multiplier a route leaving at `departS` and lasting up to `horizonS` can
 * meet: the router plans with it, so a route driven leg by leg is never longer than planned.
 */
export function getPlanningSpeedFactor(frame: RouteFrame, departS: number, horizonS: number): number {
  const localS = departS + frame.offsetH * 3600;
  for (let t = 0; t <= horizonS; t += 900) {
    if (isRushHour(localS + t)) return frame.rushFactor * frame.weatherFactor;
  }
  return isRushHour(localS + horizonS) ? frame.rushFactor * frame.weatherFactor : frame.weatherFactor;
}
