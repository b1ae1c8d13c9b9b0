/**
 * Service areas as the model assigns demand: a station's drawn area holds the addresses it serves,
 * stops at the shore, and no two stations' areas overlap, within a metro or across neighbouring ones.
 */
import { describe, expect, test } from 'vitest';
import { buildNetwork } from '../../src/sim/network';
import { defaultParams } from '../../src/sim/params';
import { KM_PER_MILE } from '../../src/sim/geo';
import { isOnLand } from '../../src/sim/land';
import { SERVICE_AREA_BEARINGS } from '../../src/sim/serviceAreas';
import { forEachDrawnAddress } from './simHelpers';

const model = buildNetwork(defaultParams());
const { stationId, polygons } = model.network.serviceAreas;

function reachOf(index: number, bearing: number): number {
  return model.serviceReachKm[index * SERVICE_AREA_BEARINGS + bearing];
}

/** Even-odd point in polygon of station index `index`'s area. */
function isInArea(index: number, lon: number, lat: number): boolean {
  const first = polygons.startIndices[index];
  const end = polygons.startIndices[index + 1];
  let inside = false;
  for (let i = first, j = end - 1; i < end; j = i++) {
    const xi = polygons.positions[i * 2];
    const yi = polygons.positions[i * 2 + 1];
    const xj = polygons.positions[j * 2];
    const yj = polygons.positions[j * 2 + 1];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

describe('delivery-station service areas', () => {
  test('one closed area per station, around the station', () => {
    expect(polygons.startIndices.length).toBe(stationId.length + 1);
    stationId.forEach((id, index) => {
      const station = model.network.facilities[id];
      expect(isInArea(index, station.lon, station.lat), station.name).toBe(true);
    });
  });

  test('hold the addresses each station serves', () => {
    const orders = 20_000;
    let outside = 0;
    forEachDrawnAddress(
      model,
      orders,
      () => false,
      (station, lon, lat) => {
        if (!isInArea(model.kindIndex[station], lon, lat)) outside++;
      },
    );
    // A few fall outside where the land round a bay is out of the station's straight-line reach,
    // and on the 10 m grid of stored addresses at an area's edge.
    expect(outside / orders).toBeLessThan(0.01);
  });

  test('reach the sourced 15-20 miles where no nearer station or shore ends them', () => {
    // CALIBRATION.md: delivery-station service radius 15-20 miles (M); a big metro's inner
    // stations are hemmed in by their neighbours, its edge stations and a small metro's reach out.
    const farthestKm = Array.from(stationId, (_, index) => {
      let farthest = 0;
      for (let b = 0; b < SERVICE_AREA_BEARINGS; b++) farthest = Math.max(farthest, reachOf(index, b));
      return farthest;
    }).sort((a, b) => a - b);
    const medianMiles = farthestKm[Math.floor(farthestKm.length / 2)] / KM_PER_MILE;
    expect(medianMiles, 'median station reach, miles').toBeGreaterThanOrEqual(15);
    expect(medianMiles, 'median station reach, miles').toBeLessThanOrEqual(20);
  });

  test('stop at the shore: Chicago areas end on the land by Lake Michigan', () => {
    const metro = model.metros.find((candidate) => candidate.name === 'Chicago')!;
    let stoppedByTheLake = 0;
    for (const id of metro.stationIds) {
      const index = model.kindIndex[id];
      const station = model.network.facilities[id];
      for (let b = 0; b < SERVICE_AREA_BEARINGS; b++) {
        const vertex = polygons.startIndices[index] + b;
        const lon = polygons.positions[vertex * 2];
        const lat = polygons.positions[vertex * 2 + 1];
        expect(isOnLand(lon, lat), `${station.name}, bearing ${b}`).toBe(true);
        // Half a km further out along the same bearing is the lake: the shore set this edge.
        const beyondLon = station.lon + (lon - station.lon) * (1 + 0.5 / Math.max(0.5, reachOf(index, b)));
        const beyondLat = station.lat + (lat - station.lat) * (1 + 0.5 / Math.max(0.5, reachOf(index, b)));
        if (!isOnLand(beyondLon, beyondLat)) stoppedByTheLake++;
      }
    }
    expect(stoppedByTheLake).toBeGreaterThan(5);
    expect(model.serviceReachKm.length).toBe(stationId.length * SERVICE_AREA_BEARINGS);
  });

  test.each([
    ['Chicago', ['Chicago']],
    // Neighbouring metros: their stations are a few km apart, and their areas must not cross.
    ['New York City', ['New York City', 'Edison', 'White Plains']],
  ])('do not overlap, within a metro or across neighbouring ones: around %s', (centre, names) => {
    const metros = names.map((name) => model.metros.find((candidate) => candidate.name === name));
    expect(metros.every(Boolean)).toBe(true);
    const indices = metros.flatMap((metro) => metro!.stationIds.map((id) => model.kindIndex[id]));
    const { lon: centreLon, lat: centreLat } = metros[0]!;
    let covered = 0;
    for (let i = 0; i < 4000; i++) {
      const lon = centreLon - 0.5 + (i % 80) / 80;
      const lat = centreLat - 0.4 + Math.floor(i / 80) / 62.5;
      const containing = indices.filter((index) => isInArea(index, lon, lat)).length;
      expect(containing, `${centre}: areas holding ${lon.toFixed(3)},${lat.toFixed(3)}`).toBeLessThanOrEqual(
        1,
      );
      covered += containing;
    }
    expect(covered).toBeGreaterThan(1000);
  });
});
