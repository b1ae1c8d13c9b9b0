/**
 * The bundled towns (src/sim/townPlaces.ts) for the page: ~110 kB gzipped, so they load in a
 * chunk of their own when edit mode first needs them (from the page's own origin: offline),
 * not with the page.
 */
import type { TownPlace } from '../sim/townPlaces';

/** The town nearest a point within the snap radius, or null (townPlaces.ts's findNearestTown). */
export type TownFinder = (lon: number, lat: number) => TownPlace | null;

let finder: TownFinder | null = null;
let loading: Promise<TownFinder> | null = null;

/** Loads the towns once; later calls share the first load. */
export function loadTownFinder(): Promise<TownFinder> {
  loading ??= import('../sim/townPlaces').then((module) => {
    finder = (lon, lat) => module.findNearestTown(lon, lat);
    return finder;
  });
  return loading;
}

/** The town finder when the towns have loaded, else null (callers then name the nearest metro). */
export function getTownFinder(): TownFinder | null {
  return finder;
}
