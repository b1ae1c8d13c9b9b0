/**
 * The fulfillment centers nearest a place: what the 3D view offers to open when what is selected
 * is not one (a delivery station, a vehicle) or nothing is.
 */
import { greatCircleKm, KM_PER_MILE } from '../sim/geo';
import { FULFILLMENT_CENTER } from '../sim/kinds';
import type { Facility } from '../sim/network';

export interface NearbyFulfillmentCenter {
  id: number;
  name: string;
  /** Great-circle miles from the place asked about. */
  miles: number;
}

/**
 * The `count` operating fulfillment centers nearest (`lon`, `lat`), nearest first (ties by id).
 * `operating`: per facility id, 1 when it operates (an FC taken offline by a network edit has no
 * floor at work to show).
 */
export function findNearbyFulfillmentCenters(
  facilities: readonly Facility[],
  operating: Uint8Array,
  lon: number,
  lat: number,
  count: number,
): NearbyFulfillmentCenter[] {
  const found: NearbyFulfillmentCenter[] = [];
  for (const facility of facilities) {
    if (facility.kind !== FULFILLMENT_CENTER || operating[facility.id] !== 1) continue;
    const miles = greatCircleKm(lon, lat, facility.lon, facility.lat) / KM_PER_MILE;
    found.push({ id: facility.id, name: facility.name, miles });
  }
  found.sort((a, b) => a.miles - b.miles || a.id - b.id);
  return found.slice(0, count);
}
