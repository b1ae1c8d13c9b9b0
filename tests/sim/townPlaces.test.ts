/**
 * The bundled towns (src/sim/townPlaces.ts): the nearest within the snap radius, and an added
 * facility named after the town it stands in.
 */
import { describe, expect, it } from 'vitest';
import { greatCircleKm } from '../../src/sim/geo';
import { createSimulation } from '../../src/sim/simulation';
import { findNearestTown, TOWN_PLACES, TOWN_SNAP_KM } from '../../src/sim/townPlaces';
import { smallParams } from './simHelpers';

const TWIN_FALLS = { lon: -114.461, lat: 42.563 };

describe('the bundled towns', () => {
  it('hold the towns of the contiguous states, largest first, rural ones among them', () => {
    expect(TOWN_PLACES.length).toBeGreaterThan(5000);
    expect(TOWN_PLACES[0]).toMatchObject({ name: 'New York City', state: 'NY' });
    expect(TOWN_PLACES.some((town) => town.state === 'AK' || town.state === 'HI')).toBe(false);
    expect(TOWN_PLACES.find((town) => town.name === 'Twin Falls')).toMatchObject({
      state: 'ID',
      ...TWIN_FALLS,
    });
  });

  it('give the nearest town within the snap radius, and none beyond it', () => {
    expect(findNearestTown(TWIN_FALLS.lon - 0.05, TWIN_FALLS.lat + 0.04)?.name).toBe('Twin Falls');
    // Central Nevada: no town of 2,500 people within 15 km; Ely is ~130 km away.
    expect(findNearestTown(-116.0, 39.0)).toBeNull();
    expect(findNearestTown(-116.0, 39.0, 200)?.name).toBe('Ely');
    // Whatever the point, the town found is the nearest one, and within reach.
    for (const [lon, lat] of [
      [-87.9, 42.3],
      [-97.1, 32.6],
      [-122.0, 37.6],
      [-100.8, 46.8],
    ]) {
      const town = findNearestTown(lon, lat);
      if (!town) continue;
      const km = greatCircleKm(lon, lat, town.lon, town.lat);
      expect(km).toBeLessThanOrEqual(TOWN_SNAP_KM);
      const nearer = TOWN_PLACES.filter((other) => greatCircleKm(lon, lat, other.lon, other.lat) < km);
      expect(nearer, `${lon},${lat}`).toEqual([]);
    }
  });

  it('name a facility added in a town after it; one added far from any town after its metro', () => {
    // A run's network, as the worker and `npm run sim` build it.
    const sim = createSimulation(
      smallParams({
        scale: 0.0005,
        networkEdits: `add:station:${TWIN_FALLS.lon},${TWIN_FALLS.lat};add:fc:-116,39`,
      }),
      1,
    );
    const [inTown, inDesert] = sim.network.facilities.slice(-2);
    expect(inTown.name).toBe('Twin Falls new delivery station 1');
    // It belongs to the nearest metro all the same (its region, time zone and demand).
    expect(inTown.metro).toBe('Boise');
    expect(inDesert.name).toBe(`${inDesert.metro} new FC 2`);
  });
});
