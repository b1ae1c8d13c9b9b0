/**
 * Keeping the network on land (land.ts): where a facility goes when the layout rule would put it
 * in a lake or the sea, and how a highway link between two metros keeps off the water.
 *
 * A facility keeps FACILITY_SHORE_MARGIN_KM from the shore, so its marker never sits on the
 * coastline the basemap draws. When its intended spot fails, candidates are tried in a fixed
 * order, the first that passes wins (deterministic; no random draws):
 *   1. the spot itself;
 *   2. the mirror spot on the other side of the metro centre, same distance (a coastal metro's
 *      people live on its land side, so its facilities gather there);
 *   3. closer to the centre, 80%, 60%, 40% and 20% of the way, on the intended side then the mirror;
 *   4. the metro centre itself.
 */
import { greatCircleKm, LAT_DEG_PER_KM, lonDegPerKm } from './geo';
import { getFirstShoreFraction, getWaterFraction, isOnLand } from './land';
import { cos, sin } from './portableMath';

/** How far a facility keeps from the shore, km. */
export const FACILITY_SHORE_MARGIN_KM = 1;
/** Directions checked around a spot for the margin. */
const MARGIN_SPOKES = 8;
const SHRINK_STEPS = [0.8, 0.6, 0.4, 0.2];

/** Positions are written with 5 decimals (~1 m), as the network stores them. */
export function round5(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

/** True when (lon, lat) is on land and no shore is within `marginKm` in any of 8 directions. */
export function isInland(lon: number, lat: number, marginKm: number): boolean {
  if (!isOnLand(lon, lat)) return false;
  const lonPerKm = lonDegPerKm(lat);
  for (let spoke = 0; spoke < MARGIN_SPOKES; spoke++) {
    const angle = (spoke / MARGIN_SPOKES) * 2 * Math.PI;
    const toLon = lon + cos(angle) * marginKm * lonPerKm;
    const toLat = lat + sin(angle) * marginKm * LAT_DEG_PER_KM;
    if (getFirstShoreFraction(lon, lat, toLon, toLat) < 1) return false;
  }
  return true;
}

/**
 * Where a facility meant to stand `radiusKm` from the metro centre at `angle` (radians from
 * east) goes, by the candidates above; [lon, lat] rounded to 5 decimals.
 */
export function placeFacilityOnLand(
  centreLon: number,
  centreLat: number,
  angle: number,
  radiusKm: number,
): [number, number] {
  const lonPerKm = lonDegPerKm(centreLat);
  const at = (side: number, fraction: number): [number, number] => [
    round5(centreLon + side * cos(angle) * radiusKm * fraction * lonPerKm),
    round5(centreLat + side * sin(angle) * radiusKm * fraction * LAT_DEG_PER_KM),
  ];
  const candidates: Array<[number, number]> = [at(1, 1), at(-1, 1)];
  for (const fraction of SHRINK_STEPS) candidates.push(at(1, fraction), at(-1, fraction));
  for (const candidate of candidates) {
    if (isInland(candidate[0], candidate[1], FACILITY_SHORE_MARGIN_KM)) return candidate;
  }
  return [round5(centreLon), round5(centreLat)];
}

/**
 * A highway link may cross this much water, km: a bridge, or a bay mouth the 1:10 M outline
 * draws wide. A Great Lake or the sea is tens of km.
 */
export const MAX_LINK_WATER_KM = 2;
/**
 * Where a link may bend to go round water: its midpoint moved sideways by these shares of its
 * length (a bay between two metros of one shore). Past 0.45 the detour is over a third longer
 * than the straight line, and trucks are better off through other metros.
 */
const VIA_OFFSETS = [0.1, -0.1, 0.2, -0.2, 0.3, -0.3, 0.45, -0.45];

/** Km of water on the straight segment between two points. */
export function getWaterKm(lon0: number, lat0: number, lon1: number, lat1: number): number {
  return getWaterFraction(lon0, lat0, lon1, lat1) * greatCircleKm(lon0, lat0, lon1, lat1);
}

/**
 * How a highway link from (lon0, lat0) to (lon1, lat1) runs over land: `[]` straight, one bend
 * `[lon, lat]` when the straight line crosses more than MAX_LINK_WATER_KM of water and a bend
 * avoids it, or null when no such link can stay off the water.
 */
export function routeLinkOverLand(lon0: number, lat0: number, lon1: number, lat1: number): number[] | null {
  if (getWaterKm(lon0, lat0, lon1, lat1) <= MAX_LINK_WATER_KM) return [];
  // Sideways in a frame where a degree of longitude and of latitude are the same length.
  const cosLat = cos(((lat0 + lat1) / 2) * (Math.PI / 180));
  const dx = (lon1 - lon0) * cosLat;
  const dy = lat1 - lat0;
  const midLon = (lon0 + lon1) / 2;
  const midLat = (lat0 + lat1) / 2;
  for (const offset of VIA_OFFSETS) {
    const viaLon = midLon - (dy * offset) / cosLat;
    const viaLat = midLat + dx * offset;
    if (!isOnLand(viaLon, viaLat)) continue;
    if (getWaterKm(lon0, lat0, viaLon, viaLat) > MAX_LINK_WATER_KM / 2) continue;
    if (getWaterKm(viaLon, viaLat, lon1, lat1) > MAX_LINK_WATER_KM / 2) continue;
    return [viaLon, viaLat];
  }
  return null;
}
