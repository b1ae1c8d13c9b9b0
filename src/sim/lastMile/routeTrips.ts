/**
 * Turns a planned last-mile route (a vehicle's stops in driving order) into what the map draws and
 * what the model books: a street-grid path with a time offset per vertex, the arrival at every
 * stop, and the route's length and duration.
 *
 * Timing: each leg's speed is the street class's free-flow speed x the traffic factor at the
 * local time the leg starts (rush hours) x the weather factor of the station's region at
 * departure. At each stop the vehicle stands for `dwellS` (two vertices at the same place, so
 * timestamps strictly increase along the trip).
 */
import { isRushHour } from '../trips';
import {
  MAX_PATH_VERTICES,
  STREET_SPEED_KMH,
  type StreetGrid,
  writeAnchoredStreetPath,
  writeStreetPath,
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
  readonly legXy = new Float64Array(MAX_PATH_VERTICES * 2);
  readonly legClass = new Uint8Array(MAX_PATH_VERTICES);

  ensure(stops: number): void {
    const vertices = (stops + 1) * (MAX_PATH_VERTICES + 1) + 1;
    if (this.offsetsS.length < vertices) {
      let size = this.offsetsS.length;
      while (size < vertices) size *= 2;
      this.positions = new Float32Array(size * 2);
      this.offsetsS = new Float32Array(size);
    }
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
 * Writes the trip of one route into `out`.
 * @param stopXy km east, north of the station per stop, stride 2, in driving order.
 * @param originX,originY where the vehicle starts (and ends when `returnToOrigin`), km.
 * @param departS absolute sim seconds it leaves.
 * @param dwellS seconds standing at each stop.
 * @param anchors optional street anchors (writeStreetAnchors) of the stops in driving order and,
 *   as anchor `stopCount`, of the origin: the same paths without finding their lines again.
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
): void {
  out.ensure(stopCount);
  const { legXy, legClass } = out;
  let n = 0;
  let elapsedS = 0;
  let km = 0;
  const pushVertex = (x: number, y: number) => {
    // Timestamps strictly increase even where a segment is shorter than a Float32 step.
    if (n > 0 && Math.fround(elapsedS) <= out.offsetsS[n - 1]) elapsedS = out.offsetsS[n - 1] + MIN_STEP_S;
    out.positions[2 * n] = frame.lon + x * frame.lonDegPerKm;
    out.positions[2 * n + 1] = frame.lat + y * frame.latDegPerKm;
    out.offsetsS[n] = elapsedS;
    n++;
  };
  pushVertex(originX, originY);
  let x = originX;
  let y = originY;
  const legs = returnToOrigin ? stopCount + 1 : stopCount;
  for (let leg = 0; leg < legs; leg++) {
    const toX = leg < stopCount ? stopXy[2 * leg] : originX;
    const toY = leg < stopCount ? stopXy[2 * leg + 1] : originY;
    const rush = isRushHour(departS + elapsedS + frame.offsetH * 3600) ? frame.rushFactor : 1;
    const factor = rush * frame.weatherFactor;
    const count = anchors
      ? writeAnchoredStreetPath(
          legXy,
          legClass,
          0,
          frame.grid,
          anchors,
          leg === 0 ? stopCount : leg - 1,
          Math.min(leg, stopCount),
        )
      : writeStreetPath(legXy, legClass, 0, frame.grid, x, y, toX, toY);
    for (let i = 1; i < count; i++) {
      const segmentKm = hypot(legXy[2 * i] - legXy[2 * i - 2], legXy[2 * i + 1] - legXy[2 * i - 1]);
      km += segmentKm;
      elapsedS += (segmentKm / (STREET_SPEED_KMH[legClass[i - 1]] * factor)) * 3600;
      pushVertex(legXy[2 * i], legXy[2 * i + 1]);
    }
    if (leg < stopCount) {
      // Same place as the vehicle already is (a second parcel for one address): an arrival vertex.
      if (count === 1) pushVertex(toX, toY);
      out.stopVertex[leg] = n - 1;
      out.arriveS[leg] = departS + elapsedS;
      elapsedS += dwellS;
      pushVertex(toX, toY);
    }
    x = toX;
    y = toY;
  }
  out.vertexCount = n;
  out.pathKm = km;
  out.durationS = elapsedS;
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
