import { describe, expect, test } from 'vitest';
import { DELIVERY_STATION, FULFILLMENT_CENTER } from '../../src/sim/kinds';
import type { Facility } from '../../src/sim/network';
import { findNearbyFulfillmentCenters } from '../../src/ui/nearbyFulfillmentCenters';

function facility(id: number, kind: number, lon: number, lat: number): Facility {
  return { id, kind, name: `F${id}`, lon, lat, metro: 'M', region: 0 };
}

describe('the fulfillment centers the empty 3D view offers', () => {
  // A station at (-90, 40); FCs 1, 2 and 4 degrees of latitude north of it, one offline.
  const facilities = [
    facility(0, DELIVERY_STATION, -90, 40),
    facility(1, FULFILLMENT_CENTER, -90, 44),
    facility(2, FULFILLMENT_CENTER, -90, 41),
    facility(3, FULFILLMENT_CENTER, -90, 42),
    facility(4, FULFILLMENT_CENTER, -90, 40.5),
    facility(5, DELIVERY_STATION, -90, 40.1),
  ];
  const operating = Uint8Array.from([1, 1, 1, 1, 0, 1]);

  test('are the operating fulfillment centers nearest the place, nearest first, in great-circle miles', () => {
    const nearby = findNearbyFulfillmentCenters(facilities, operating, -90, 40, 2);
    expect(nearby.map((fc) => fc.id)).toEqual([2, 3]);
    // A degree of latitude is ~69.1 statute miles.
    expect(nearby[0].miles).toBeCloseTo(69.1, 0);
    expect(nearby[1].miles).toBeCloseTo(138.2, 0);
    expect(nearby[0].name).toBe('F2');
  });

  test('leave out an FC a network edit took offline, and list all there are when fewer than asked', () => {
    const nearby = findNearbyFulfillmentCenters(facilities, operating, -90, 40, 10);
    expect(nearby.map((fc) => fc.id)).toEqual([2, 3, 1]);
    const allOperating = new Uint8Array(facilities.length).fill(1);
    expect(findNearbyFulfillmentCenters(facilities, allOperating, -90, 40, 1)[0].id).toBe(4);
  });
});
