/**
 * The streets the model's vans and Flex cars drive, for the map: each delivery station's
 * procedural grid (src/sim/lastMile/streetGrid.ts, the same lines the routes follow) cut to the
 * station's service area, as line segments in lon/lat. No road data ships offline, so the grid
 * is illustrative: it is where the model drives, not where real streets are. Where an area ends
 * and no other station's begins (a metro's edge, a shore), its streets fade out over their last
 * FADE_KM rather than stop in a hard, ragged line; where it meets a neighbour's area they run to
 * the edge, and the neighbour's grid goes on.
 */
import { LAT_DEG_PER_KM, lonDegPerKm } from '../sim/geo';
import {
  ARTERIAL_SPACING_KM,
  ARTERIAL_U,
  ARTERIAL_V,
  createStreetGrid,
  getGridLinePosition,
  LOCAL_BLOCK_KM,
  LOCAL_U,
  LOCAL_V,
} from '../sim/lastMile/streetGrid';
import type { NetworkMessage } from '../worker/protocol';

/**
 * The streets of one class: `segments` as source lon, lat, target lon, lat (stride 4), and per
 * segment its opacity in `alpha` (0-255: 255 but where the streets fade out at an outer edge).
 */
export interface StreetSegments {
  segments: Float32Array;
  alpha: Uint8Array;
}

/** One station's streets, by class. */
export type StationStreets = Record<'arterials' | 'locals', StreetSegments>;

/** Streets fade out over this much of their length before an outer edge of their area, km. */
export const FADE_KM = 0.6;
/** In this many steps of falling opacity (each a segment of its own). */
const FADE_STEPS = 3;
/** The faintest step's opacity (of 255). */
const FADE_MIN_ALPHA = 40;
/** How far past a street's end the next area is looked for, km. */
const EDGE_PROBE_KM = 0.15;

const FAMILIES = [
  { family: ARTERIAL_U, spacingKm: ARTERIAL_SPACING_KM, constantU: true, arterial: true },
  { family: ARTERIAL_V, spacingKm: ARTERIAL_SPACING_KM, constantU: false, arterial: true },
  { family: LOCAL_U, spacingKm: LOCAL_BLOCK_KM, constantU: true, arterial: false },
  { family: LOCAL_V, spacingKm: LOCAL_BLOCK_KM, constantU: false, arterial: false },
];

/**
 * Writes where the line A + t·D crosses the ring (x, y km; stride 2) into `out` as values of t,
 * sorted; returns how many.
 */
function writeRingCrossings(
  out: number[],
  ring: Float64Array,
  ax: number,
  ay: number,
  dx: number,
  dy: number,
): number {
  out.length = 0;
  const n = ring.length / 2;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const px = ring[2 * i];
    const py = ring[2 * i + 1];
    const ex = ring[2 * j] - px;
    const ey = ring[2 * j + 1] - py;
    const denominator = dx * ey - dy * ex;
    if (denominator === 0) continue;
    const w = ((px - ax) * dy - (py - ay) * dx) / denominator;
    // Half-open on the edge so a line through a vertex counts it once.
    if (w < 0 || w >= 1) continue;
    out.push(((px - ax) * ey - (py - ay) * ex) / denominator);
  }
  out.sort((a, b) => a - b);
  return out.length;
}

/** The streets of station index `index` of the network's service areas, cut to its area. */
export function buildStationStreets(network: NetworkMessage, index: number): StationStreets {
  const { stationId, polygons } = network.serviceAreas;
  const station = network.facilities[stationId[index]];
  const lonPerKm = lonDegPerKm(station.lat);
  const first = polygons.startIndices[index];
  const end = polygons.startIndices[index + 1];
  const ring = new Float64Array((end - first) * 2);
  let reachKm = 0;
  for (let vertex = first; vertex < end; vertex++) {
    const lon = polygons.positions[vertex * 2];
    const lat = polygons.positions[vertex * 2 + 1];
    const x = (lon - station.lon) / lonPerKm;
    const y = (lat - station.lat) / LAT_DEG_PER_KM;
    ring[(vertex - first) * 2] = x;
    ring[(vertex - first) * 2 + 1] = y;
    reachKm = Math.max(reachKm, Math.hypot(x, y));
  }
  const grid = createStreetGrid(station.id);
  const arterials = { segments: [] as number[], alpha: [] as number[] };
  const locals = { segments: [] as number[], alpha: [] as number[] };
  const crossings: number[] = [];
  const push = (arterial: boolean, x0: number, y0: number, x1: number, y1: number, alpha: number) => {
    const streets = arterial ? arterials : locals;
    streets.segments.push(
      station.lon + x0 * lonPerKm,
      station.lat + y0 * LAT_DEG_PER_KM,
      station.lon + x1 * lonPerKm,
      station.lat + y1 * LAT_DEG_PER_KM,
    );
    streets.alpha.push(alpha);
  };
  /** Whether (x, y) km from the station lies in no other station's area: past an outer edge. */
  const isPastOuterEdge = (x: number, y: number) =>
    findServiceArea(network, station.lon + x * lonPerKm, station.lat + y * LAT_DEG_PER_KM, index) < 0;
  /** Where a street from t0 to t1 (along A + t·D) is cut into pieces, each of its own opacity. */
  const cuts: number[] = [];
  for (const { family, spacingKm, constantU, arterial } of FAMILIES) {
    // A constant-u line runs along v, and the other way round; the grid is turned by (cos, sin).
    const dx = constantU ? -grid.sin : grid.cos;
    const dy = constantU ? grid.cos : grid.sin;
    const lastK = Math.ceil(reachKm / spacingKm) + 1;
    for (let k = -lastK; k <= lastK; k++) {
      const c = getGridLinePosition(grid, family, k, spacingKm);
      if (Math.abs(c) > reachKm) continue;
      const ax = constantU ? c * grid.cos : -c * grid.sin;
      const ay = constantU ? c * grid.sin : c * grid.cos;
      const count = writeRingCrossings(crossings, ring, ax, ay, dx, dy);
      for (let m = 0; m + 1 < count; m += 2) {
        const t0 = crossings[m];
        const t1 = crossings[m + 1];
        const fadeIn = isPastOuterEdge(ax + dx * (t0 - EDGE_PROBE_KM), ay + dy * (t0 - EDGE_PROBE_KM));
        const fadeOut = isPastOuterEdge(ax + dx * (t1 + EDGE_PROBE_KM), ay + dy * (t1 + EDGE_PROBE_KM));
        // Fade steps from each outer end; a street too short for its fades fades over what it has.
        const fadeKm = Math.min(FADE_KM, (t1 - t0) / (fadeIn && fadeOut ? 2 : 1));
        const stepKm = fadeKm / FADE_STEPS;
        cuts.length = 0;
        cuts.push(t0);
        for (let step = 1; fadeIn && step <= FADE_STEPS; step++) cuts.push(t0 + step * stepKm);
        for (let step = FADE_STEPS; fadeOut && step >= 0; step--) {
          const t = t1 - step * stepKm;
          if (t > cuts[cuts.length - 1]) cuts.push(t);
        }
        if (t1 - cuts[cuts.length - 1] > 1e-9) cuts.push(t1);
        for (let c = 0; c + 1 < cuts.length; c++) {
          const from = cuts[c];
          const to = cuts[c + 1];
          const middle = (from + to) / 2;
          const fromEndKm = Math.min(fadeIn ? middle - t0 : fadeKm, fadeOut ? t1 - middle : fadeKm);
          const alpha = Math.round(Math.max(FADE_MIN_ALPHA, Math.min(255, (255 * fromEndKm) / fadeKm)));
          push(arterial, ax + dx * from, ay + dy * from, ax + dx * to, ay + dy * to, alpha);
        }
      }
    }
  }
  const pack = (streets: typeof arterials): StreetSegments => ({
    segments: Float32Array.from(streets.segments),
    alpha: Uint8Array.from(streets.alpha),
  });
  return { arterials: pack(arterials), locals: pack(locals) };
}

/**
 * The service area (index) holding lon, lat, other than `exceptIndex`, or -1: the areas' boxes
 * first, then the even-odd rule over the rings of those that hold it.
 */
export function findServiceArea(network: NetworkMessage, lon: number, lat: number, exceptIndex = -1): number {
  const bounds = getServiceAreaBounds(network);
  const { startIndices, positions } = network.serviceAreas.polygons;
  for (let index = 0; index < bounds.length / 4; index++) {
    const o = index * 4;
    if (
      index === exceptIndex ||
      lon < bounds[o] ||
      lon > bounds[o + 2] ||
      lat < bounds[o + 1] ||
      lat > bounds[o + 3]
    )
      continue;
    let inside = false;
    const end = startIndices[index + 1];
    for (let i = startIndices[index], j = end - 1; i < end; j = i++) {
      const xi = positions[i * 2];
      const yi = positions[i * 2 + 1];
      const xj = positions[j * 2];
      const yj = positions[j * 2 + 1];
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
    if (inside) return index;
  }
  return -1;
}

const streetsCache = new WeakMap<NetworkMessage, Map<number, StationStreets>>();

/** buildStationStreets, kept per network: a station's streets are built once, when first in view. */
export function getStationStreets(network: NetworkMessage, index: number): StationStreets {
  let byStation = streetsCache.get(network);
  if (!byStation) {
    byStation = new Map();
    streetsCache.set(network, byStation);
  }
  let streets = byStation.get(index);
  if (!streets) {
    streets = buildStationStreets(network, index);
    byStation.set(index, streets);
  }
  return streets;
}

const areaBoundsCache = new WeakMap<NetworkMessage, Float32Array>();

/** Each service area's bounding box: west, south, east, north; stride 4. Cached per network. */
export function getServiceAreaBounds(network: NetworkMessage): Float32Array {
  let bounds = areaBoundsCache.get(network);
  if (!bounds) {
    const { startIndices, positions } = network.serviceAreas.polygons;
    const areas = startIndices.length - 1;
    bounds = new Float32Array(areas * 4);
    for (let index = 0; index < areas; index++) {
      let west = Number.POSITIVE_INFINITY;
      let south = Number.POSITIVE_INFINITY;
      let east = Number.NEGATIVE_INFINITY;
      let north = Number.NEGATIVE_INFINITY;
      for (let vertex = startIndices[index]; vertex < startIndices[index + 1]; vertex++) {
        west = Math.min(west, positions[vertex * 2]);
        east = Math.max(east, positions[vertex * 2]);
        south = Math.min(south, positions[vertex * 2 + 1]);
        north = Math.max(north, positions[vertex * 2 + 1]);
      }
      bounds.set([west, south, east, north], index * 4);
    }
    areaBoundsCache.set(network, bounds);
  }
  return bounds;
}

/**
 * Station indices whose service area meets the box (west, south, east, north), nearest the box's
 * centre first, at most `limit`.
 */
export function getStationsInView(
  network: NetworkMessage,
  view: readonly [number, number, number, number],
  limit: number,
): number[] {
  const bounds = getServiceAreaBounds(network);
  const [west, south, east, north] = view;
  const centreLon = (west + east) / 2;
  const centreLat = (south + north) / 2;
  const found: Array<[number, number]> = [];
  for (let index = 0; index < bounds.length / 4; index++) {
    const o = index * 4;
    if (bounds[o] > east || bounds[o + 2] < west || bounds[o + 1] > north || bounds[o + 3] < south) continue;
    const station = network.facilities[network.serviceAreas.stationId[index]];
    found.push([index, (station.lon - centreLon) ** 2 + (station.lat - centreLat) ** 2]);
  }
  found.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  return found.slice(0, limit).map(([index]) => index);
}
