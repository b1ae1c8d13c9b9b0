/**
 * Where an order is delivered, from the draws orders.ts makes for it (always the same number, so
 * other parameters never shift the demand stream):
 *
 * - In a metro (urban): a station drawn by its metro's population share, then a point in its
 *   service area (serviceAreas.ts: over land, where no other station is nearer),
 *   uniform in radius^2 out to the area's reach at that bearing. The station serves it.
 * - Outside every service area (rural): a metro drawn by population, a point 5-65 km beyond its
 *   edge; if that is in a lake or the sea, the mirror point on the other side of the metro.
 *   Served (through a partner carrier) by the metro's nearest station.
 * - Last, the address is checked on land as stored (10 m units from its station); a point still
 *   in the water (a shore between two reach bearings) moves half, then three quarters, then all
 *   the way to its station, which is on land.
 */
import { type AliasTable, drawAlias } from './demand';
import { LAT_DEG_PER_KM } from './geo';
import { isOnLand } from './land';
import type { NetworkModel } from './network';
import { getServiceReachKm } from './serviceAreas';
import { cos, sin } from './portableMath';

/** Rural addresses lie this far beyond a metro's footprint: 5 km plus up to 60 km more. */
const RURAL_MIN_BEYOND_KM = 5;
const RURAL_SPAN_KM = 60;
/** Shares of its offset an address in the water keeps, tried in turn (0: the station itself). */
const SHRINK_TO_LAND = [0.5, 0.25, 0];

/** Where an order goes, written by writeOrderAddress (one object reused for every order). */
export interface OrderAddress {
  /** Facility id of the delivery station that serves the address. */
  station: number;
  /** The address east and north of that station, in units of 10 m (as parcels store it). */
  east10m: number;
  north10m: number;
}

export function createOrderAddress(): OrderAddress {
  return { station: -1, east10m: 0, north10m: 0 };
}

/** Lon of an address stored as `east10m` from `station`: how the model and the map read it. */
export function getAddressLon(model: NetworkModel, station: number, east10m: number): number {
  const facility = model.network.facilities[station];
  return facility.lon + (east10m / 100) * model.facilityLonDegPerKm[station];
}

export function getAddressLat(model: NetworkModel, station: number, north10m: number): number {
  return model.network.facilities[station].lat + (north10m / 100) * LAT_DEG_PER_KM;
}

/**
 * Writes where an order goes into `out`.
 * @param stations, metros the draw tables of the order's time zone (demand.ts).
 * @param u, v the alias draw; `angle` (radians) and `radial` (uniform [0, 1)) place the point.
 */
export function writeOrderAddress(
  out: OrderAddress,
  model: NetworkModel,
  stations: AliasTable,
  metros: AliasTable,
  isRural: boolean,
  u: number,
  v: number,
  angle: number,
  radial: number,
): OrderAddress {
  let lon: number;
  let lat: number;
  let served: number;
  if (isRural) {
    const metroIndex = drawAlias(metros, u, v);
    const metro = model.metros[metroIndex];
    const distanceKm = metro.radiusKm + RURAL_MIN_BEYOND_KM + RURAL_SPAN_KM * radial;
    const dLon = cos(angle) * distanceKm * model.metroLonDegPerKm[metroIndex];
    const dLat = sin(angle) * distanceKm * LAT_DEG_PER_KM;
    lon = metro.lon + dLon;
    lat = metro.lat + dLat;
    if (!isOnLand(lon, lat)) {
      lon = metro.lon - dLon;
      lat = metro.lat - dLat;
    }
    served = getNearestStation(model, metroIndex, lon, lat);
  } else {
    served = drawAlias(stations, u, v);
    if (served < 0) {
      // A metro without a station of its own: a point in its footprint, served from afar.
      const metro = model.metros[-1 - served];
      const r = metro.radiusKm * Math.sqrt(radial);
      lon = metro.lon + cos(angle) * r * model.metroLonDegPerKm[-1 - served];
      lat = metro.lat + sin(angle) * r * LAT_DEG_PER_KM;
      served = metro.fallbackStationId;
    } else {
      const station = model.network.facilities[served];
      const r = getServiceReachKm(model.serviceReachKm, model.kindIndex[served], angle) * Math.sqrt(radial);
      lon = station.lon + cos(angle) * r * model.facilityLonDegPerKm[served];
      lat = station.lat + sin(angle) * r * LAT_DEG_PER_KM;
    }
  }
  const facility = model.network.facilities[served];
  // getAddressLon's factor, found once for the tries below.
  const servedLonDegPerKm = model.facilityLonDegPerKm[served];
  const east10m = clampInt16(Math.round(((lon - facility.lon) / servedLonDegPerKm) * 100));
  const north10m = clampInt16(Math.round(((lat - facility.lat) / LAT_DEG_PER_KM) * 100));
  out.station = served;
  out.east10m = east10m;
  out.north10m = north10m;
  for (let k = 0; k < SHRINK_TO_LAND.length; k++) {
    const addressLon = facility.lon + (out.east10m / 100) * servedLonDegPerKm;
    if (isOnLand(addressLon, getAddressLat(model, served, out.north10m))) break;
    out.east10m = Math.round(east10m * SHRINK_TO_LAND[k]);
    out.north10m = Math.round(north10m * SHRINK_TO_LAND[k]);
  }
  return out;
}

/**
 * The station of metro `metroIndex` nearest to (lon, lat), its outlying stations (network edits)
 * included (planar km; ties: the lower id, then the metro's own stations first); for a metro
 * without a station, the one serving it from afar.
 */
export function getNearestStation(model: NetworkModel, metroIndex: number, lon: number, lat: number): number {
  const metro = model.metros[metroIndex];
  const kmPerLonDeg = 1 / model.metroLonDegPerKm[metroIndex];
  let best = metro.fallbackStationId;
  let bestKm2 = Number.POSITIVE_INFINITY;
  // The metro's own stations first, then its outlying ones (ties keep the earlier).
  for (let list = 0; list < 2; list++) {
    const ids = list === 0 ? metro.stationIds : metro.outlyingStationIds;
    for (let k = 0; k < ids.length; k++) {
      const facility = model.network.facilities[ids[k]];
      const dx = (lon - facility.lon) * kmPerLonDeg;
      const dy = (lat - facility.lat) / LAT_DEG_PER_KM;
      if (dx * dx + dy * dy < bestKm2) {
        bestKm2 = dx * dx + dy * dy;
        best = ids[k];
      }
    }
  }
  return best;
}

function clampInt16(value: number): number {
  return Math.max(-32768, Math.min(32767, value));
}
