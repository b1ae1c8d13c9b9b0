/**
 * Network edits as the page makes them (the grammar and its rules are the model's:
 * src/sim/networkEdits.ts): where a click on the map puts a new facility, an edit in words, the
 * plan with one more edit or without some, and the facilities whose deliveries show what an edit
 * changed.
 */
import { greatCircleKm } from '../sim/geo';
import { DELIVERY_STATION } from '../sim/kinds';
import { findNearestMetroIndex, METRO_PLACES } from '../sim/metroPlaces';
import { formatNetworkEdit, type NetworkEdit, parseNetworkEdits } from '../sim/networkEdits';
import type { NetworkMessage } from '../worker/protocol';
import { getTownFinder, type TownFinder } from './townFinder';

/** A click within this of a metro's centre lands on the centre (km); farther, on a town's (townPlaces.ts). */
export const SNAP_TO_CENTRE_KM = 8;
/** ...unless a facility of the same kind stands within this of the centre already (km). */
const OCCUPIED_KM = 1;

/** Where a new facility would stand, and the metro it would belong to (the model's rule). */
export interface EditPlace {
  lon: number;
  lat: number;
  metro: string;
  state: string;
  /** From the metro's centre, km. */
  distanceKm: number;
  /** Beyond the metro's footprint: a station there serves the rural addresses nearest it. */
  rural: boolean;
  /** Moved onto the metro's centre. */
  snapped: boolean;
  /** The town it was moved onto (and is named after), when no metro's centre was near. */
  town: { name: string; state: string } | null;
}

/** Positions as the model stores them: 5 decimals (~1 m). */
const round5 = (value: number) => Math.round(value * 1e5) / 1e5;

/** Whether an operating facility of `kind` stands within OCCUPIED_KM of (lon, lat) already. */
function isTaken(network: NetworkMessage | null, kind: number, lon: number, lat: number): boolean {
  return (network?.facilities ?? []).some(
    (facility, id) =>
      facility.kind === kind &&
      (network?.operating[id] ?? 1) === 1 &&
      greatCircleKm(facility.lon, facility.lat, lon, lat) < OCCUPIED_KM,
  );
}

/**
 * Where a click at (lon, lat) puts a new facility of `kind`: the nearest metro's centre when the
 * click is within SNAP_TO_CENTRE_KM of it; else the nearest bundled town's centre within its
 * snap radius (townPlaces.ts; `towns` null until they load); the point clicked otherwise, and
 * wherever a facility of that kind stands already. It belongs to the nearest metro
 * (findNearestMetroIndex, as the model decides), rural when beyond that metro's footprint.
 */
export function findEditPlace(
  lon: number,
  lat: number,
  kind: number,
  network: NetworkMessage | null,
  towns: TownFinder | null = getTownFinder(),
): EditPlace {
  const place = (atLon: number, atLat: number, snapped: boolean, town: EditPlace['town']): EditPlace => {
    const metro = METRO_PLACES[findNearestMetroIndex(METRO_PLACES, atLon, atLat)];
    const distanceKm = snapped ? 0 : greatCircleKm(atLon, atLat, metro.lon, metro.lat);
    return {
      lon: round5(atLon),
      lat: round5(atLat),
      metro: metro.name,
      state: metro.state,
      distanceKm,
      rural: distanceKm > metro.radiusKm,
      snapped,
      town,
    };
  };
  const metro = METRO_PLACES[findNearestMetroIndex(METRO_PLACES, lon, lat)];
  if (
    greatCircleKm(lon, lat, metro.lon, metro.lat) <= SNAP_TO_CENTRE_KM &&
    !isTaken(network, kind, metro.lon, metro.lat)
  )
    return { ...place(metro.lon, metro.lat, true, null), lon: metro.lon, lat: metro.lat };
  const town = towns?.(lon, lat) ?? null;
  if (town && !isTaken(network, kind, town.lon, town.lat))
    return place(town.lon, town.lat, false, { name: town.name, state: town.state });
  return place(lon, lat, false, null);
}

/**
 * "in Allentown, PA (its centre)", "in Twin Falls, ID: rural, 207 km from Boise, ID", "in
 * Meridian, ID, 13 km from Boise's centre", "rural, 42 km from Boise, ID".
 */
export function describeEditPlace(place: EditPlace): string {
  const metro = `${place.metro}, ${place.state}`;
  const km = Math.round(place.distanceKm);
  if (place.snapped) return `in ${metro} (its centre)`;
  if (place.town) {
    const town = `${place.town.name}, ${place.town.state}`;
    return place.rural
      ? `in ${town}: rural, ${km} km from ${metro}`
      : `in ${town}, ${km} km from ${place.metro}'s centre`;
  }
  if (place.rural) return `rural, ${km} km from ${metro}`;
  return `in ${metro}, ${km} km from its centre`;
}

const KIND_WORDS = ['fulfillment center', 'sortation center', 'delivery station', 'carrier hub'];
const RESOURCE_WORDS = {
  robots: 'robots',
  sortPerHour: 'sort rate',
  vans: 'vans',
  docks: 'dock doors',
} as const;
const RESOURCE_UNITS = { robots: '', sortPerHour: ' parcels/h', vans: '', docks: '' } as const;

/** A duration in words: "12 h", "1 day", "2 days 6 h". */
export function formatDuration(seconds: number): string {
  const hours = Math.round(seconds / 3600);
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  const dayWords = days === 0 ? '' : `${days} day${days === 1 ? '' : 's'}`;
  if (rest === 0) return dayWords || '0 h';
  return dayWords ? `${dayWords} ${rest} h` : `${rest} h`;
}

/**
 * An edit in a few words for the timeline and the edit card: "Add delivery station in
 * Allentown, PA", "Reading FC 1 offline for 1 day", "Reading FC 1: robots 300", "Reading FC 1: dock doors 4".
 */
export function describeNetworkEdit(
  edit: NetworkEdit,
  network: NetworkMessage | null,
  towns: TownFinder | null = getTownFinder(),
): string {
  if (edit.type === 'add') {
    const metro = METRO_PLACES[findNearestMetroIndex(METRO_PLACES, edit.lon, edit.lat)];
    // Named as the model names it: after the town it stands in, unless it is at a metro's centre.
    const atCentre = greatCircleKm(edit.lon, edit.lat, metro.lon, metro.lat) <= SNAP_TO_CENTRE_KM;
    const town = atCentre ? null : towns?.(edit.lon, edit.lat);
    if (town) return `Add ${KIND_WORDS[edit.kind]} in ${town.name}, ${town.state}`;
    return `Add ${KIND_WORDS[edit.kind]} near ${metro.name}, ${metro.state}`;
  }
  const name = network?.facilities[edit.facilityId]?.name ?? `facility f${edit.facilityId}`;
  if (edit.type === 'remove') return `Close ${name}`;
  if (edit.type === 'outage') return `${name} offline for ${formatDuration(edit.toS - edit.fromS)}`;
  return `${name}: ${RESOURCE_WORDS[edit.resource]} ${edit.value.toLocaleString('en-US')}${RESOURCE_UNITS[edit.resource]}`;
}

/** `plan` (the networkEdits parameter) with `edit` after its edits. */
export function appendNetworkEdit(plan: string, edit: NetworkEdit): string {
  const text = formatNetworkEdit(edit);
  return plan.trim() === '' ? text : `${plan};${text}`;
}

/**
 * `plan` without the edits of `removed`, each taken out once (edits compare as the grammar writes
 * them), the rest in their order; null when `plan` does not hold every one of them.
 */
export function getPlanWithout(plan: string, removed: string): string | null {
  const remaining = parseNetworkEdits(plan).edits.map(formatNetworkEdit);
  for (const edit of parseNetworkEdits(removed).edits) {
    const index = remaining.indexOf(formatNetworkEdit(edit));
    if (index < 0) return null;
    remaining.splice(index, 1);
  }
  return remaining.join(';');
}

/** The facility an edit names, or the id an added one takes in a network of `facilityCount`. */
export function getEditedFacilityId(edit: NetworkEdit, facilityCount: number): number {
  return edit.type === 'add' ? facilityCount : edit.facilityId;
}

/**
 * The delivery stations whose parcels show what an edit changed, in every network given (A's and
 * B's; ids are shared, so one list serves both): for a station, the stations delivering its
 * metro's addresses in either network (the metro's own, or the one serving it from afar); for
 * a fulfillment center, sortation center or carrier hub, every station of its region.
 */
export function getEditArea(
  facilityId: number,
  networks: ReadonlyArray<NetworkMessage | null>,
): { stationIds: number[]; label: string } {
  const facility = networks.map((network) => network?.facilities[facilityId]).find(Boolean);
  if (!facility) return { stationIds: [], label: '' };
  const ids = new Set<number>();
  if (facility.kind === DELIVERY_STATION) {
    for (const network of networks)
      for (const id of network?.metroStations[facility.metro] ?? []) ids.add(id);
    ids.add(facilityId);
    return { stationIds: [...ids].sort((a, b) => a - b), label: `${facility.metro}'s deliveries` };
  }
  for (const network of networks)
    for (const other of network?.facilities ?? [])
      if (other.kind === DELIVERY_STATION && other.region === facility.region) ids.add(other.id);
  return {
    stationIds: [...ids].sort((a, b) => a - b),
    label: `region ${facility.region + 1}'s deliveries (${facility.metro} and its neighbours)`,
  };
}
