import { describe, expect, test } from 'vitest';
import { DELIVERY_STATION, FULFILLMENT_CENTER } from '../../src/sim/kinds';
import { buildNetwork } from '../../src/sim/network';
import { parseNetworkEdits } from '../../src/sim/networkEdits';
import { findNearestTown } from '../../src/sim/townPlaces';
import { METRO_PLACES } from '../../src/sim/metroPlaces';
import { defaultParams } from '../../src/sim/params';
import {
  appendNetworkEdit,
  describeEditPlace,
  describeNetworkEdit,
  findEditPlace,
  formatDuration,
  getEditArea,
  getEditedFacilityId,
  getPlanWithout,
} from '../../src/state/networkEditPlan';
import type { NetworkMessage } from '../../src/worker/protocol';

/** The network as the worker describes it (only the fields the plan reads). */
function describe_(params = defaultParams()): NetworkMessage {
  const { network } = buildNetwork(params);
  return network as unknown as NetworkMessage;
}

describe('network edits as the page makes them', () => {
  const base = defaultParams();
  const network = describe_(base);
  const allentown = { lon: -75.49, lat: 40.608 };

  test('a click near a metro without a station lands on its centre; far out, it stays where it was, rural', () => {
    // Allentown's one station closed: its addresses are served from another metro's.
    const closed = describe_({ ...base, networkEdits: `remove:f${network.metroStations.Allentown[0]}` });
    const centre = METRO_PLACES.find((metro) => metro.name === 'Allentown');
    if (!centre) throw new Error('no Allentown');
    const near = findEditPlace(centre.lon + 0.03, centre.lat + 0.02, DELIVERY_STATION, closed);
    expect(near).toMatchObject({
      metro: 'Allentown',
      lon: centre.lon,
      lat: centre.lat,
      snapped: true,
      rural: false,
    });
    expect(describeEditPlace(near)).toBe('in Allentown, PA (its centre)');
    // With the station there, the click keeps its point (no second station on top of the first).
    expect(findEditPlace(centre.lon + 0.03, centre.lat + 0.02, DELIVERY_STATION, network).snapped).toBe(
      false,
    );
    const far = findEditPlace(-75.0, 41.2, DELIVERY_STATION, network);
    expect(far.snapped).toBe(false);
    expect(far.rural).toBe(true);
    expect(describeEditPlace(far)).toMatch(/^rural, \d+ km from /);
  });

  test('a click away from every metro centre lands on the nearest town, named and rural; far from towns, where clicked', () => {
    const towns = (lon: number, lat: number) => findNearestTown(lon, lat);
    // 5 km off Twin Falls, ID (~200 km from Boise, the nearest metro).
    const place = findEditPlace(-114.51, 42.59, DELIVERY_STATION, network, towns);
    expect(place).toMatchObject({
      lon: -114.461,
      lat: 42.563,
      metro: 'Boise',
      snapped: false,
      rural: true,
      town: { name: 'Twin Falls', state: 'ID' },
    });
    expect(describeEditPlace(place)).toMatch(/^in Twin Falls, ID: rural, \d+ km from Boise, ID$/);
    const add = { type: 'add' as const, kind: DELIVERY_STATION, lon: place.lon, lat: place.lat, atS: 0 };
    expect(describeNetworkEdit(add, network, towns)).toBe('Add delivery station in Twin Falls, ID');
    // A suburb inside a metro's footprint is a town too; the metro's own centre still wins near it.
    const allentownCentre = findEditPlace(
      allentown.lon + 0.02,
      allentown.lat,
      FULFILLMENT_CENTER,
      network,
      towns,
    );
    expect(allentownCentre).toMatchObject({ snapped: true, town: null });
    // With a station standing in Twin Falls, a second one keeps the point clicked.
    const withStation = describe_({ ...base, networkEdits: `add:station:${place.lon},${place.lat}` });
    expect(findEditPlace(-114.51, 42.59, DELIVERY_STATION, withStation, towns)).toMatchObject({
      lon: -114.51,
      lat: 42.59,
      town: null,
    });
    // Central Nevada: no town within reach, so the click stays where it was, rural.
    const desert = findEditPlace(-116.0, 39.0, DELIVERY_STATION, network, towns);
    expect(desert).toMatchObject({ lon: -116, lat: 39, town: null, rural: true });
    expect(describeEditPlace(desert)).toMatch(/^rural, \d+ km from /);
    // Before the towns load, a click is placed by the metros alone.
    expect(findEditPlace(-114.51, 42.59, DELIVERY_STATION, network, null).town).toBeNull();
  });

  test('a click at a metro centre where a facility of that kind already stands keeps the point clicked', () => {
    const chicagoStations = network.facilities.filter(
      (facility) => facility.metro === 'Chicago' && facility.kind === DELIVERY_STATION,
    );
    // The first station of a metro stands at its centre (its sunflower starts there).
    const centre = chicagoStations[0];
    const place = findEditPlace(centre.lon + 0.01, centre.lat, DELIVERY_STATION, network);
    expect(place.snapped).toBe(false);
    expect(place.lon).toBeCloseTo(centre.lon + 0.01, 5);
  });

  test('edits read in words, the plan grows by the grammar, and an added facility takes the next id', () => {
    const add = {
      type: 'add' as const,
      kind: DELIVERY_STATION,
      lon: allentown.lon,
      lat: allentown.lat,
      atS: 122_400,
    };
    expect(describeNetworkEdit(add, network)).toBe('Add delivery station near Allentown, PA');
    const outage = { type: 'outage' as const, facilityId: 0, fromS: 122_400, toS: 122_400 + 86_400 };
    expect(describeNetworkEdit(outage, network)).toBe(`${network.facilities[0].name} offline for 1 day`);
    expect(formatDuration(2 * 86_400 + 6 * 3600)).toBe('2 days 6 h');
    const plan = appendNetworkEdit(appendNetworkEdit('', add), outage);
    expect(plan).toBe('add:station:-75.49,40.608@day2h10;outage:f0:day2h10-day3h10');
    expect(parseNetworkEdits(plan)).toEqual({ edits: [add, outage], errors: [] });
    expect(getEditedFacilityId(add, network.facilities.length)).toBe(network.facilities.length);
    expect(getEditedFacilityId(outage, network.facilities.length)).toBe(0);
  });

  test("a fork's plan without A's edits is B's own, in their order; a plan that lacks one of them has none to give", () => {
    const planA = 'remove:f999999;outage:f12:day2-day3';
    const planB = `${planA};add:station:-75.49,40.608@day2h10;capacity:f3:robots=300@day1h8`;
    expect(getPlanWithout(planB, planA)).toBe(
      'add:station:-75.49,40.608@day2h10;capacity:f3:robots=300@day1h8',
    );
    // Each edit is taken out once: B repeating one of A's keeps its own copy.
    expect(getPlanWithout('remove:f999999;remove:f999999', 'remove:f999999')).toBe('remove:f999999');
    expect(getPlanWithout(planA, planA)).toBe('');
    expect(getPlanWithout('remove:f999999', planA), 'B without the outage A has').toBeNull();
    expect(getPlanWithout(planB, '')).toBe(planB);
  });

  test("an added station's area is its metro's deliveries in A and B: the station serving it from afar and the new one", () => {
    const removeStation = network.metroStations.Allentown[0];
    const a = describe_({ ...base, networkEdits: `remove:f${removeStation}` });
    const b = describe_({
      ...base,
      networkEdits: `remove:f${removeStation};add:station:${allentown.lon},${allentown.lat}`,
    });
    const added = b.facilities.length - 1;
    const fromAfar = a.metroStations.Allentown;
    expect(fromAfar).toHaveLength(1);
    expect(a.facilities[fromAfar[0]].metro).not.toBe('Allentown');
    expect(b.metroStations.Allentown).toEqual([added]);
    expect(getEditArea(added, [a, b])).toEqual({
      stationIds: [...fromAfar, added].sort((x, y) => x - y),
      label: "Allentown's deliveries",
    });
  });

  test("an FC's area is every station of its region", () => {
    const fc = network.facilities.find((facility) => facility.kind === FULFILLMENT_CENTER);
    if (!fc) throw new Error('no FC');
    const area = getEditArea(fc.id, [network, null]);
    const expected = network.facilities
      .filter((facility) => facility.kind === DELIVERY_STATION && facility.region === fc.region)
      .map((facility) => facility.id);
    expect(area.stationIds).toEqual(expected);
    expect(area.label).toMatch(new RegExp(`^region ${fc.region + 1}'s deliveries`));
  });
});
