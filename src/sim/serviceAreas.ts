/**
 * Delivery-station service areas as the model assigns demand (addresses.ts): a station serves
 * the addresses drawn around it, and those lie in its area, which is star-shaped around it. Along
 * each of SERVICE_AREA_BEARINGS bearings the area reaches as far as the nearest of:
 *
 * - the station's service radius;
 * - the shore (the first water on the way out), so a lakeside station's addresses are on land;
 * - the bisector with any other station (where that one is nearer), so stations share the land
 *   out like Voronoi cells and no two areas overlap, within a metro or across neighbouring metros
 *   (Newark's and New York's stations are ten km apart: with bisectors only inside a metro a fifth
 *   of the land in station areas lay in two or more of them, and their vans crossed).
 *
 * The area drawn on the map is the same star, so what the map shades is where the station's
 * vans go. Planar km in each station's own frame (lonDegPerKm at its latitude), as addresses are
 * stored.
 */
import { LAT_DEG_PER_KM, lonDegPerKm } from './geo';
import { getFirstShoreFraction, hasShoreNear } from './land';
import * as portableMath from './portableMath';

/** Bearings a station's reach is measured at: every 7.5°, counter-clockwise from east. */
export const SERVICE_AREA_BEARINGS = 48;
/** Reach stops this short of the shore, km, so an address at the edge is still on land. */
const SHORE_SETBACK_KM = 0.05;

interface StationSite {
  lon: number;
  lat: number;
}

/**
 * Each station's reach in km per bearing (stride SERVICE_AREA_BEARINGS, bearing b at angle
 * 2πb / SERVICE_AREA_BEARINGS).
 */
export function measureServiceReach(
  stations: readonly StationSite[],
  radiusKm: ArrayLike<number>,
): Float32Array {
  const reach = new Float32Array(stations.length * SERVICE_AREA_BEARINGS);
  let largestRadiusKm = 0;
  for (let index = 0; index < stations.length; index++)
    largestRadiusKm = Math.max(largestRadiusKm, radiusKm[index]);
  // Stations further apart than two of the largest radii cannot share a bisector inside a reach.
  const nearLatDeg = 2 * largestRadiusKm * LAT_DEG_PER_KM;
  const cos = Float64Array.from({ length: SERVICE_AREA_BEARINGS }, (_, b) =>
    portableMath.cos((b / SERVICE_AREA_BEARINGS) * 2 * Math.PI),
  );
  const sin = Float64Array.from({ length: SERVICE_AREA_BEARINGS }, (_, b) =>
    portableMath.sin((b / SERVICE_AREA_BEARINGS) * 2 * Math.PI),
  );
  stations.forEach((station, index) => {
    const lonPerKm = lonDegPerKm(station.lat);
    const r = radiusKm[index];
    const o = index * SERVICE_AREA_BEARINGS;
    reach.fill(r, o, o + SERVICE_AREA_BEARINGS);
    // Bisectors: along bearing u, the half-plane nearer to `other` (offset d) starts at |d|²/2 / (d·u).
    for (let other = 0; other < stations.length; other++) {
      if (other === index || Math.abs(stations[other].lat - station.lat) > nearLatDeg) continue;
      const dx = (stations[other].lon - station.lon) / lonPerKm;
      const dy = (stations[other].lat - station.lat) / LAT_DEG_PER_KM;
      const half = (dx * dx + dy * dy) / 2;
      if (half >= 2 * r * r) continue;
      for (let b = 0; b < SERVICE_AREA_BEARINGS; b++) {
        const along = dx * cos[b] + dy * sin[b];
        if (along > 0) reach[o + b] = Math.min(reach[o + b], half / along);
      }
    }
    const dLon = r * lonPerKm;
    const dLat = r * LAT_DEG_PER_KM;
    if (!hasShoreNear(station.lon - dLon, station.lat - dLat, station.lon + dLon, station.lat + dLat)) return;
    for (let b = 0; b < SERVICE_AREA_BEARINGS; b++) {
      const out = reach[o + b];
      const toLon = station.lon + cos[b] * out * lonPerKm;
      const toLat = station.lat + sin[b] * out * LAT_DEG_PER_KM;
      const fraction = getFirstShoreFraction(station.lon, station.lat, toLon, toLat);
      if (fraction < 1) reach[o + b] = Math.max(0, fraction * out - SHORE_SETBACK_KM);
    }
  });
  return reach;
}

/** A station's reach at `angle` (radians from east), linear between the measured bearings. */
export function getServiceReachKm(reach: Float32Array, stationIndex: number, angle: number): number {
  const turns = angle / (2 * Math.PI);
  const position = (turns - Math.floor(turns)) * SERVICE_AREA_BEARINGS;
  const b = Math.min(SERVICE_AREA_BEARINGS - 1, Math.floor(position));
  const next = (b + 1) % SERVICE_AREA_BEARINGS;
  const t = position - b;
  const o = stationIndex * SERVICE_AREA_BEARINGS;
  // The smaller neighbour where the reach drops (a shore between two bearings) keeps the
  // interpolated edge on the land side rather than cutting across the water.
  const a = reach[o + b];
  const c = reach[o + next];
  return Math.min(a + (c - a) * t, Math.max(a, c));
}

/**
 * A station's mean reach over its bearings, km: the size of the area its doors are drawn in, for
 * the miles a route drives between neighbouring doors. Addresses are drawn uniform in bearing and
 * in radius² out to the reach at that bearing (addresses.ts), so the door density at bearing θ is
 * 1 / (π reach(θ)²) of the doors, and a tour through n of them is ~0.7124 √n ∫ √density dA =
 * 0.7124 √(n π) x the mean reach (Beardwood-Halton-Hammersley for a non-uniform density): the
 * doors lie as far apart as uniform doors in a disc of the mean reach. A hemmed-in bearing packs
 * as many doors as an open one into less land, so this is less than the star's own area gives.
 */
export function getMeanServiceReachKm(reach: Float32Array, stationIndex: number): number {
  const o = stationIndex * SERVICE_AREA_BEARINGS;
  let sum = 0;
  for (let b = 0; b < SERVICE_AREA_BEARINGS; b++) sum += reach[o + b];
  return sum / SERVICE_AREA_BEARINGS;
}

/** Polygons as binary columns (positions: lon, lat; stride 2), one ring per station. */
export interface ServiceAreaPolygons {
  startIndices: Uint32Array;
  positions: Float32Array;
}

/** Each station's area as a ring through its reach at every bearing. */
export function buildServiceAreaPolygons(
  stations: readonly StationSite[],
  reach: Float32Array,
): ServiceAreaPolygons {
  const startIndices = new Uint32Array(stations.length + 1);
  const positions = new Float32Array(stations.length * SERVICE_AREA_BEARINGS * 2);
  stations.forEach((station, index) => {
    const lonPerKm = lonDegPerKm(station.lat);
    startIndices[index + 1] = (index + 1) * SERVICE_AREA_BEARINGS;
    for (let b = 0; b < SERVICE_AREA_BEARINGS; b++) {
      const angle = (b / SERVICE_AREA_BEARINGS) * 2 * Math.PI;
      const r = reach[index * SERVICE_AREA_BEARINGS + b];
      const vertex = (index * SERVICE_AREA_BEARINGS + b) * 2;
      positions[vertex] = station.lon + portableMath.cos(angle) * r * lonPerKm;
      positions[vertex + 1] = station.lat + portableMath.sin(angle) * r * LAT_DEG_PER_KM;
    }
  });
  return { startIndices, positions };
}
