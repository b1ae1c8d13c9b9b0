/**
 * The network stands on land: every facility, carrier hub and delivery address the model makes is
 * inside the US outline of us-atlas (decoded here by topojson-client and tested with a
 * point-in-polygon of its own, not the model's land index), and no highway link crosses a Great
 * Lake or the sea (sampled along each link with the model's outline, held to us-atlas above).
 */
import { createRequire } from 'node:module';
import type { MultiPolygon } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { describe, expect, test } from 'vitest';
import { getAddressLat, getAddressLon } from '../../src/sim/addresses';
import { greatCircleKm } from '../../src/sim/geo';
import { isInsideOutline, isOnLand } from '../../src/sim/land';
import { MAX_LINK_WATER_KM } from '../../src/sim/landPlacement';
import { buildNetwork, type NetworkModel } from '../../src/sim/network';
import { defaultParams } from '../../src/sim/params';
import { createSimulation } from '../../src/sim/simulation';
import { forEachDrawnAddress, smallParams } from './simHelpers';

const require = createRequire(import.meta.url);
const topology = require('us-atlas/nation-10m.json') as Topology;
const nation = feature(topology, topology.objects.nation as never) as unknown as {
  features: Array<{ geometry: MultiPolygon }>;
};
/** Every ring of the US outline, with its bounding box: [ring, west, south, east, north]. */
const RINGS = nation.features[0].geometry.coordinates.flat().map((ring) => {
  const lons = ring.map((point) => point[0]);
  const lats = ring.map((point) => point[1]);
  return {
    ring,
    west: Math.min(...lons),
    south: Math.min(...lats),
    east: Math.max(...lons),
    north: Math.max(...lats),
  };
});

/** Even-odd point in polygon over all rings of the us-atlas outline. */
function isInsideUsAtlas(lon: number, lat: number): boolean {
  let inside = false;
  for (const { ring, west, south, east, north } of RINGS) {
    if (lon < west || lon > east || lat < south || lat > north) continue;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

const NETWORKS: Array<[string, NetworkModel]> = [
  ['the default network', buildNetwork(defaultParams())],
  [
    'a dense network (600 FCs, 2,000 stations)',
    buildNetwork({ ...defaultParams(), fulfillmentCenterCount: 600, deliveryStationCount: 2000 }),
  ],
];

describe('the land outline the model uses', () => {
  test('agrees with us-atlas on the lakes, the sea and the cities beside them', () => {
    const places: Array<[string, number, number, boolean]> = [
      ['Lake Michigan off Chicago', -87.3, 41.95, false],
      ['Chicago Loop', -87.65, 41.88, true],
      ['the Atlantic off New Jersey', -73.6, 40.0, false],
      ['Brooklyn', -73.95, 40.65, true],
      ['Lake Erie', -81.5, 42.0, false],
      ['Miami', -80.3, 25.8, true],
      ['the Gulf of Mexico', -88.0, 28.0, false],
      ['Kansas', -98.0, 38.5, true],
    ];
    for (const [name, lon, lat, land] of places) {
      expect(isInsideUsAtlas(lon, lat), `us-atlas at ${name}`).toBe(land);
      expect(isOnLand(lon, lat), `the model at ${name}`).toBe(land);
    }
  });
});

describe('the land test', () => {
  test('answers as the edge test does everywhere, cell shortcut or not: across the country and beside every shore', () => {
    const differ: string[] = [];
    const check = (lon: number, lat: number) => {
      if (isOnLand(lon, lat) !== isInsideOutline(lon, lat)) differ.push(`${lon},${lat}`);
    };
    // A point in each 0.05-degree cell (one cell of the shortcut), placed by a low-discrepancy jitter.
    for (let lat = 24; lat < 50; lat += 0.05)
      for (let lon = -125; lon < -66; lon += 0.05)
        check(lon + 0.05 * ((lon * 7.31) % 1), lat + 0.05 * ((lat * 3.17) % 1));
    // Beside the shore, at distances down to a nanodegree, and on both sides of cell edges near it.
    let shorePoints = 0;
    for (const { ring } of RINGS) {
      for (let v = 0; v < ring.length; v += 3) {
        const [lon, lat] = ring[v];
        for (const d of [1e-9, 1e-6, 1e-3, 0.02]) {
          check(lon + d, lat);
          check(lon - d, lat);
          check(lon, lat + d);
          check(lon, lat - d);
        }
        shorePoints++;
      }
    }
    expect(shorePoints).toBeGreaterThan(1000);
    expect(differ.slice(0, 10)).toEqual([]);
  });
});

describe.each(NETWORKS)('%s', (_, model) => {
  test('has every facility and carrier hub on land', () => {
    const wet = model.network.facilities.filter((facility) => !isInsideUsAtlas(facility.lon, facility.lat));
    expect(wet.map((facility) => `${facility.name} ${facility.lon},${facility.lat}`)).toEqual([]);
  });

  test(`has no highway link crossing more than ${MAX_LINK_WATER_KM} km of water`, () => {
    const { startIndices, positions, length } = model.network.highwayPaths;
    const STEP_KM = 0.25;
    const wet: string[] = [];
    for (let link = 0; link < length; link++) {
      for (let vertex = startIndices[link]; vertex < startIndices[link + 1] - 1; vertex++) {
        const [lon0, lat0, lon1, lat1] = positions.subarray(vertex * 2, vertex * 2 + 4);
        const km = greatCircleKm(lon0, lat0, lon1, lat1);
        const steps = Math.ceil(km / STEP_KM);
        let waterKm = 0;
        for (let step = 0; step < steps; step++) {
          const t = (step + 0.5) / steps;
          // The model's outline, which the tests above hold to us-atlas: sampling every 250 m
          // with the reference test would take a minute.
          if (!isOnLand(lon0 + (lon1 - lon0) * t, lat0 + (lat1 - lat0) * t)) waterKm += km / steps;
        }
        if (waterKm > MAX_LINK_WATER_KM + STEP_KM)
          wet.push(`link ${link}: ${waterKm.toFixed(1)} km of water`);
      }
    }
    expect(wet).toEqual([]);
  });
});

describe('delivery addresses', () => {
  test('are on land for 20,000 orders in every time zone, in metros and rural', () => {
    const model = NETWORKS[0][1];
    const wet: string[] = [];
    forEachDrawnAddress(
      model,
      20_000,
      (order) => order % 4 === 0,
      (_, lon, lat, rural) => {
        if (!isInsideUsAtlas(lon, lat))
          wet.push(`${rural ? 'rural' : 'metro'} ${lon.toFixed(4)},${lat.toFixed(4)}`);
      },
    );
    expect(wet).toEqual([]);
  });

  test('of the parcels a running model holds are on land', () => {
    const sim = createSimulation(smallParams(), 3);
    const model = buildNetwork(sim.params);
    let checked = 0;
    const wet: string[] = [];
    for (let hour = 2; hour <= 8; hour += 2) {
      sim.advanceTo(hour * 3600);
      // A snapshot's parcel values are packed: one row per live parcel (PackedParcelColumns).
      const { columns: parcels, live } = sim.snapshot().parcels;
      for (let row = 0; row < live; row++) {
        const station = parcels.destinationStation[row];
        const lon = getAddressLon(model, station, parcels.destinationOffset[row * 2]);
        const lat = getAddressLat(model, station, parcels.destinationOffset[row * 2 + 1]);
        checked++;
        if (!isInsideUsAtlas(lon, lat)) wet.push(`${lon},${lat}`);
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(wet).toEqual([]);
  });
});
