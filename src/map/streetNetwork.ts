/**
 * The streets the model's vans and Flex cars drive, for the map: each delivery station's
 * procedural grid (src/sim/lastMile/streetGrid.ts, the same lines the routes follow) cut to the
 * station's service area, as line segments in lon/lat. No road data ships offline, so the grid
 * is illustrative: it is where the model drives, not where real streets are.
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

/** One station's streets: segments as source lon, lat, target lon, lat; stride 4. */
export interface StationStreets {
  arterials: Float32Array;
  locals: Float32Array;
}

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
  const arterials: number[] = [];
  const locals: number[] = [];
  const crossings: number[] = [];
  const push = (out: number[], x0: number, y0: number, x1: number, y1: number) => {
    out.push(
      station.lon + x0 * lonPerKm,
      station.lat + y0 * LAT_DEG_PER_KM,
      station.lon + x1 * lonPerKm,
      station.lat + y1 * LAT_DEG_PER_KM,
    );
  };
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
        push(arterial ? arterials : locals, ax + dx * t0, ay + dy * t0, ax + dx * t1, ay + dy * t1);
      }
    }
  }
  return { arterials: Float32Array.from(arterials), locals: Float32Array.from(locals) };
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
