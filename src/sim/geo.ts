/** Small geodesy helpers on lon/lat degrees. */
import { asin, cos, sin } from './portableMath';

export const EARTH_RADIUS_KM = 6371.0088;
export const KM_PER_MILE = 1.609344;
const DEG = Math.PI / 180;

export function greatCircleKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * DEG;
  const dLon = (lon2 - lon1) * DEG;
  const a = sin(dLat / 2) ** 2 + cos(lat1 * DEG) * cos(lat2 * DEG) * sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * asin(Math.min(1, Math.sqrt(a)));
}

/** Degrees of longitude per km at a latitude (flat-earth offset; fine within ~100 km). */
export function lonDegPerKm(lat: number): number {
  return 1 / (111.32 * Math.max(0.05, cos(lat * DEG)));
}
export const LAT_DEG_PER_KM = 1 / 110.574;
