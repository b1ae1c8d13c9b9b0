/**
 * Builds the offline basemap from npm data packages into small committed GeoJSON files under
 * public/basemap/ (served from the app's own origin, so no request leaves localhost):
 *
 * - land.json: the nation's land (the fill, and its edge drawn as the coastline: sea coast,
 *   Great Lakes shore and land borders), the outline the model keeps facilities and addresses on
 *   (scripts/buildLandOutline.ts), at LAND_DECIMALS so the drawn shore is the model's to ~5 m
 *   and a street-zoom view shows no van stop in the water;
 * - state-borders.json: interior state borders only (drawn once, not twice per shared edge);
 * - metros.json: metro points with name and population, from src/data/metros.json.
 *
 * Source: us-atlas 10m (US Census cartographic boundaries) through topojson-client.
 * State borders are rounded to COORDINATE_DECIMALS (~1 km, finer than a pixel at national zoom)
 * and repeated vertices dropped, which keeps the files small enough to load in well under a second.
 *
 * Run: `npx tsx scripts/buildBasemap.ts` (part of `npm run data`).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

const COORDINATE_DECIMALS = 2;
const LAND_DECIMALS = 4;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'basemap');
const require = createRequire(import.meta.url);

function roundRing(ring: Position[], decimals: number): Position[] {
  const factor = 10 ** decimals;
  const out: Position[] = [];
  for (const [lon, lat] of ring) {
    const point = [Math.round(lon * factor) / factor, Math.round(lat * factor) / factor];
    const last = out[out.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
  }
  return out;
}

function roundGeometry(geometry: Geometry, decimals: number): Geometry | null {
  switch (geometry.type) {
    case 'Polygon': {
      const rings = geometry.coordinates
        .map((ring) => roundRing(ring, decimals))
        .filter((ring) => ring.length >= 4);
      return rings.length > 0 ? { type: 'Polygon', coordinates: rings } : null;
    }
    case 'MultiPolygon': {
      const polygons = geometry.coordinates
        .map((polygon) => polygon.map((ring) => roundRing(ring, decimals)).filter((ring) => ring.length >= 4))
        .filter((polygon) => polygon.length > 0);
      return polygons.length > 0 ? { type: 'MultiPolygon', coordinates: polygons } : null;
    }
    case 'LineString':
      return { type: 'LineString', coordinates: roundRing(geometry.coordinates, decimals) };
    case 'MultiLineString':
      return {
        type: 'MultiLineString',
        coordinates: geometry.coordinates
          .map((ring) => roundRing(ring, decimals))
          .filter((line) => line.length >= 2),
      };
    default:
      return geometry;
  }
}

function collection(features: Feature[], decimals = COORDINATE_DECIMALS): FeatureCollection {
  const rounded: Feature[] = [];
  for (const item of features) {
    const geometry = item.geometry ? roundGeometry(item.geometry, decimals) : null;
    if (geometry) rounded.push({ type: 'Feature', properties: item.properties ?? {}, geometry });
  }
  return { type: 'FeatureCollection', features: rounded };
}

function write(name: string, data: unknown): void {
  const text = JSON.stringify(data);
  writeFileSync(join(outDir, name), text);
  console.log(`${name}: ${(text.length / 1024).toFixed(0)} kB`);
}

const states = JSON.parse(readFileSync(require.resolve('us-atlas/states-10m.json'), 'utf8')) as Topology<{
  states: GeometryCollection<{ name: string }>;
}>;

mkdirSync(outDir, { recursive: true });
const nation = JSON.parse(readFileSync(require.resolve('us-atlas/nation-10m.json'), 'utf8')) as Topology<{
  nation: GeometryCollection;
}>;
write('land.json', collection(feature(nation, nation.objects.nation).features, LAND_DECIMALS));
write(
  'state-borders.json',
  collection([
    { type: 'Feature', properties: {}, geometry: mesh(states, states.objects.states, (a, b) => a !== b) },
  ]),
);

const metrosFile = join(root, 'src', 'data', 'metros.json');
if (existsSync(metrosFile)) {
  const metros = JSON.parse(readFileSync(metrosFile, 'utf8')) as Array<{
    name: string;
    lon: number;
    lat: number;
    population: number;
  }>;
  write('metros.json', {
    type: 'FeatureCollection',
    features: metros.map((metro) => ({
      type: 'Feature',
      properties: { name: metro.name, population: metro.population },
      geometry: { type: 'Point', coordinates: [metro.lon, metro.lat] },
    })),
  });
} else {
  console.warn('src/data/metros.json is missing: run scripts/buildMetros.ts first for metro labels.');
}
