import { describe, expect, test } from 'vitest';
import { TripStore } from '../../src/map/tripStore';
import { getVehicleStatus, vehicleTooltip } from '../../src/map/vehicleStatus';
import { createTestNetwork, createTripBatch, createVanRouteBatch } from './fixtures';

const network = createTestNetwork();
const DEPART_S = 36_000;

function vanAt(timeS: number, dueS: number[]) {
  const store = new TripStore();
  store.append(createVanRouteBatch(DEPART_S, dueS));
  const generation = store.generations[0];
  return getVehicleStatus(network, generation.kinds[1], 0, generation.epochS, timeS, 0.01);
}

describe('a vehicle card', () => {
  test('names where a van comes from and goes, counts doors served and real parcels left aboard', () => {
    const status = vanAt(DEPART_S + 1300, [DEPART_S + 99_999, DEPART_S + 99_999, DEPART_S + 99_999]);
    expect(status.title).toBe('Delivery van #3097');
    expect(status.origin).toBe('Chicago delivery station 1');
    expect(status.destination).toBe('3 doors, then back');
    expect([status.stopsDone, status.stopsLeft]).toEqual([2, 1]);
    expect(status.parcelsAboard).toBe(100);
    expect(status.onTime).toBe('On time: all 3 doors by their promise');
    expect(status.arrivesInS).toBe(2400 - 1300);
  });

  test('says how many doors are late, served or still ahead, against each parcel promise', () => {
    // Door 1 (reached at +600) was due at +500; door 3 (reached at +1800) is due at +1000.
    const status = vanAt(DEPART_S + 700, [DEPART_S + 500, DEPART_S + 5000, DEPART_S + 1000]);
    expect([status.lateDone, status.lateAhead]).toEqual([1, 1]);
    expect(status.onTime).toBe('2 of 3 doors late (1 still ahead)');
  });

  test("a truck's card names both facilities and leaves the promise to the door", () => {
    const store = new TripStore();
    const batch = createTripBatch([{ kind: 0, departS: 0, durationS: 7200 }]);
    batch.originFacility[0] = 0;
    batch.destinationFacility[0] = 1;
    store.append(batch);
    const status = getVehicleStatus(
      network,
      store.generations[0].kinds[0],
      0,
      store.generations[0].epochS,
      3600,
      0.01,
    );
    expect(status.origin).toBe('Chicago FC 1');
    expect(status.destination).toBe('Chicago sortation center 1');
    expect(status.parcelsAboard).toBe(4000);
    expect(status.onTime).toBe('Checked at the door');
    const html = vehicleTooltip(status);
    expect(html).toContain('Line-haul truck #100');
    expect(html).not.toContain('Doors on the map');
  });
});
