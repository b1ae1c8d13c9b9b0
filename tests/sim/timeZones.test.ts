import { describe, expect, it } from 'vitest';
import { DELIVERY_STATION } from '../../src/sim/kinds';
import { buildNetwork } from '../../src/sim/network';
import { defaultParams } from '../../src/sim/params';
import { CENTRAL, EASTERN, getTimeZoneOffsetH, MOUNTAIN, PACIFIC } from '../../src/sim/timeZones';

describe('US time zones', () => {
  it('place each city in its own zone, on both sides of the split states’ lines', () => {
    const cities: [string, string, number, number, number][] = [
      ['Atlanta', 'GA', -84.39, 33.75, EASTERN],
      ['Detroit', 'MI', -83.05, 42.33, EASTERN],
      ['Indianapolis', 'IN', -86.16, 39.77, EASTERN],
      ['South Bend', 'IN', -86.25, 41.68, EASTERN],
      ['Portage (Chicago’s Indiana)', 'IN', -87.18, 41.58, CENTRAL],
      ['Evansville', 'IN', -87.56, 37.97, CENTRAL],
      ['Louisville', 'KY', -85.76, 38.25, EASTERN],
      ['Bowling Green', 'KY', -86.44, 36.99, CENTRAL],
      ['Knoxville', 'TN', -83.92, 35.96, EASTERN],
      ['Chattanooga', 'TN', -85.31, 35.05, EASTERN],
      ['Nashville', 'TN', -86.78, 36.17, CENTRAL],
      ['Memphis', 'TN', -90.05, 35.15, CENTRAL],
      ['Tallahassee', 'FL', -84.28, 30.44, EASTERN],
      ['Pensacola', 'FL', -87.22, 30.42, CENTRAL],
      ['Sarasota', 'FL', -82.53, 27.34, EASTERN],
      ['Chicago', 'IL', -87.65, 41.85, CENTRAL],
      ['San Antonio', 'TX', -98.49, 29.42, CENTRAL],
      ['El Paso', 'TX', -106.49, 31.76, MOUNTAIN],
      ['Oklahoma City', 'OK', -97.52, 35.47, CENTRAL],
      ['Rapid City', 'SD', -103.23, 44.08, MOUNTAIN],
      ['Sioux Falls', 'SD', -96.73, 43.54, CENTRAL],
      ['Phoenix', 'AZ', -112.07, 33.45, MOUNTAIN],
      ['Boise', 'ID', -116.2, 43.62, MOUNTAIN],
      ['Coeur d’Alene', 'ID', -116.78, 47.68, PACIFIC],
      ['Las Vegas', 'NV', -115.14, 36.17, PACIFIC],
      ['Seattle', 'WA', -122.33, 47.61, PACIFIC],
    ];
    const wrong = cities.filter(([, state, lon, lat, zone]) => getTimeZoneOffsetH(state, lon, lat) !== zone);
    expect(wrong.map(([name]) => name)).toEqual([]);
    expect(() => getTimeZoneOffsetH('XX', 0, 0)).toThrow(/no US state/);
  });

  it("give the network's metros and their facilities their state's clock: Atlanta's and Detroit's stations run on Eastern time", () => {
    const model = buildNetwork(defaultParams());
    const offsetOf = (metroName: string) => {
      const stations = model.network.facilities.filter(
        (f) => f.kind === DELIVERY_STATION && f.name.startsWith(`${metroName} delivery station`),
      );
      expect(stations.length, metroName).toBeGreaterThan(0);
      return [...new Set(stations.map((f) => model.facilityOffsetH[f.id]))];
    };
    expect(offsetOf('Atlanta')).toEqual([EASTERN]);
    expect(offsetOf('Detroit')).toEqual([EASTERN]);
    expect(offsetOf('San Antonio')).toEqual([CENTRAL]);
    expect(offsetOf('Boise')).toEqual([MOUNTAIN]);
    expect(offsetOf('Los Angeles')).toEqual([PACIFIC]);
  });
});
