import { describe, expect, test } from 'vitest';
import {
  buildStationStreets,
  FADE_KM,
  findServiceArea,
  getStationsInView,
  getStationStreets,
} from '../../src/map/streetNetwork';
import { getLocalStreetOpacity, getMergedStreets, STREETS_ZOOM } from '../../src/map/layers/StreetsLayer';
import { LAT_DEG_PER_KM, lonDegPerKm } from '../../src/sim/geo';
import { createStreetGrid, STREET_ARTERIAL, writeStreetPath } from '../../src/sim/lastMile/streetGrid';
import { buildNetwork } from '../../src/sim/network';
import { defaultParams } from '../../src/sim/params';
import type { NetworkMessage } from '../../src/worker/protocol';

const model = buildNetwork(defaultParams());
const network = model.network as NetworkMessage;
const { stationId, polygons } = network.serviceAreas;
/** A Chicago station: its area is cut by Lake Michigan and by its neighbours. */
const index = Array.from(stationId).findIndex(
  (id) => network.facilities[id].name === 'Chicago delivery station 1',
);
const station = network.facilities[stationId[index]];
const lonPerKm = lonDegPerKm(station.lat);

function isInArea(lon: number, lat: number): boolean {
  let inside = false;
  const first = polygons.startIndices[index];
  const end = polygons.startIndices[index + 1];
  for (let i = first, j = end - 1; i < end; j = i++) {
    const [xi, yi] = [polygons.positions[i * 2], polygons.positions[i * 2 + 1]];
    const [xj, yj] = [polygons.positions[j * 2], polygons.positions[j * 2 + 1]];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Distance in km from (x, y) (km from the station) to the nearest segment of a buffer. */
function kmToNearest(segments: Float32Array, x: number, y: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let o = 0; o < segments.length; o += 4) {
    const ax = (segments[o] - station.lon) / lonPerKm;
    const ay = (segments[o + 1] - station.lat) / LAT_DEG_PER_KM;
    const bx = (segments[o + 2] - station.lon) / lonPerKm;
    const by = (segments[o + 3] - station.lat) / LAT_DEG_PER_KM;
    const lengthSquared = (bx - ax) ** 2 + (by - ay) ** 2;
    const t =
      lengthSquared > 0
        ? Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / lengthSquared))
        : 0;
    best = Math.min(best, Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)));
  }
  return best;
}

describe("a station's street grid on the map", () => {
  const streets = buildStationStreets(network, index);

  test('has arterials and many more local streets, all inside the service area', () => {
    expect(streets.arterials.segments.length / 4).toBeGreaterThan(10);
    expect(streets.locals.segments.length).toBeGreaterThan(streets.arterials.segments.length * 4);
    for (const segments of [streets.arterials.segments, streets.locals.segments]) {
      for (let o = 0; o < segments.length; o += 4) {
        const midLon = (segments[o] + segments[o + 2]) / 2;
        const midLat = (segments[o + 1] + segments[o + 3]) / 2;
        expect(isInArea(midLon, midLat)).toBe(true);
      }
    }
  });

  test('is the grid the vans drive: every street leg of a route lies on a drawn street of its class', () => {
    const grid = createStreetGrid(station.id);
    const xy = new Float64Array(32);
    const classes = new Uint8Array(16);
    let checked = 0;
    for (let pair = 0; pair < 40; pair++) {
      // Addresses around the station (km), on a spiral so some are far enough for arterials.
      const ax = Math.cos(pair) * (0.4 + pair * 0.05);
      const ay = Math.sin(pair) * (0.4 + pair * 0.05);
      const bx = Math.cos(pair * 2.3) * (0.3 + pair * 0.04);
      const by = Math.sin(pair * 2.3) * (0.3 + pair * 0.04);
      const n = writeStreetPath(xy, classes, 0, grid, ax, ay, bx, by);
      // Legs 1 .. n-3 run on streets; the first and last are driveways to the address.
      for (let leg = 1; leg < n - 2; leg++) {
        const mx = (xy[2 * leg] + xy[2 * leg + 2]) / 2;
        const my = (xy[2 * leg + 1] + xy[2 * leg + 3]) / 2;
        if (!isInArea(station.lon + mx * lonPerKm, station.lat + my * LAT_DEG_PER_KM)) continue;
        const drawn = classes[leg] === STREET_ARTERIAL ? streets.arterials.segments : streets.locals.segments;
        expect(kmToNearest(drawn, mx, my), `pair ${pair} leg ${leg}`).toBeLessThan(0.005);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  test("fades out before an outer edge (the lake, the metro's rim), runs to the edge where a neighbour's area goes on", () => {
    let faded = 0;
    let joined = 0;
    for (const [segments, alpha] of [
      [streets.arterials.segments, streets.arterials.alpha],
      [streets.locals.segments, streets.locals.alpha],
    ] as const) {
      expect(alpha.length).toBe(segments.length / 4);
      for (let o = 0; o < segments.length; o += 4) {
        for (const [end, other] of [
          [o, o + 2],
          [o + 2, o],
        ]) {
          // The end's place and its street's way out (km per km of street), in lon/lat.
          const length = Math.hypot(
            (segments[end] - segments[other]) / lonPerKm,
            (segments[end + 1] - segments[other + 1]) / LAT_DEG_PER_KM,
          );
          const along = (km: number) =>
            [
              segments[end] + ((segments[end] - segments[other]) / length) * km,
              segments[end + 1] + ((segments[end + 1] - segments[other + 1]) / length) * km,
            ] as const;
          // An end on the area's edge: just inside before it, just outside past it.
          if (!isInArea(...along(-0.002)) || isInArea(...along(0.002))) continue;
          if (findServiceArea(network, ...along(0.15), index) >= 0) {
            // At full strength, or nearly (a street shorter than the fade, from the rim).
            expect(alpha[o / 4], 'a street ending where another area begins').toBeGreaterThan(200);
            joined++;
          } else {
            expect(alpha[o / 4], 'the last piece of a street ending at an outer edge').toBeLessThan(64);
            faded++;
          }
        }
      }
    }
    expect(faded).toBeGreaterThan(20);
    expect(joined).toBeGreaterThan(20);
    // Away from outer edges the streets are at full strength: most of the length.
    let fullKm = 0;
    let totalKm = 0;
    for (let o = 0; o < streets.locals.segments.length; o += 4) {
      const km = Math.hypot(
        (streets.locals.segments[o + 2] - streets.locals.segments[o]) / lonPerKm,
        (streets.locals.segments[o + 3] - streets.locals.segments[o + 1]) / LAT_DEG_PER_KM,
      );
      totalKm += km;
      if (streets.locals.alpha[o / 4] === 255) fullKm += km;
      else expect(km).toBeLessThanOrEqual(FADE_KM / 3 + 1e-3);
    }
    expect(fullKm / totalKm).toBeGreaterThan(0.7);
  });

  test('finds which area a place is in: a station in its own, a point in the lake in none', () => {
    expect(findServiceArea(network, station.lon, station.lat)).toBe(index);
    expect(findServiceArea(network, station.lon, station.lat, index)).toBe(-1);
    expect(findServiceArea(network, -87.3, 41.95)).toBe(-1);
  });

  test('is built once per network and station', () => {
    expect(getStationStreets(network, index)).toBe(getStationStreets(network, index));
  });
});

describe('the streets layer', () => {
  test('draws the areas in view, nearest the centre first, at most the limit', () => {
    const view: [number, number, number, number] = [
      station.lon - 0.05,
      station.lat - 0.05,
      station.lon + 0.05,
      station.lat + 0.05,
    ];
    const found = getStationsInView(network, view, 60);
    expect(found).toContain(index);
    expect(getStationsInView(network, view, 2)).toEqual(found.slice(0, 2));
    expect(getStationsInView(network, [-100, 30, -99.9, 30.1], 60)).toEqual([]);
  });

  test('merges the stations in view into one buffer per street class', () => {
    const list = [index, index + 1];
    const merged = getMergedStreets(network, list);
    const first = getStationStreets(network, index);
    const second = getStationStreets(network, index + 1);
    expect(merged.arterials.length).toBe(
      (first.arterials.segments.length + second.arterials.segments.length) / 4,
    );
    expect(getMergedStreets(network, list)).toBe(merged);
  });

  test('fades local streets in between zoom 11 and 13, so zoom 11 is not a grey wash', () => {
    expect(getLocalStreetOpacity(STREETS_ZOOM)).toBeLessThan(0.5);
    expect(getLocalStreetOpacity(13)).toBe(1);
    expect(getLocalStreetOpacity(12)).toBeGreaterThan(getLocalStreetOpacity(STREETS_ZOOM));
  });
});
