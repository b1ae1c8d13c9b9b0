import { describe, expect, test } from 'vitest';
import { TripStore } from '../../src/map/tripStore';
import { formatTripEnd, getVehicleStatus, vehicleTooltip } from '../../src/map/vehicleStatus';
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
    expect(status.parcelsAboardModelled).toBe(1);
    expect(status.onTime).toBe('On time: all 3 doors by their promise');
    expect(status.arrivesInS).toBe(2400 - 1300);
    const html = vehicleTooltip(status);
    expect(html).toContain('100 at real volume (1 in the model)');
    expect(html).toContain('18 min (sim)');
  });

  test('one door reads as one door, and a long trip ends in hours', () => {
    expect(formatTripEnd(8.6 * 3600)).toBe('8.6 h (sim)');
    const store = new TripStore();
    // The fixture's route, cut to its first door.
    const batch = {
      ...createVanRouteBatch(DEPART_S, [DEPART_S + 99_999, 0, 0]),
      parcelsAboard: Uint16Array.from([1]),
      stopCount: Uint16Array.from([1]),
      stopStartIndices: Uint32Array.from([0, 1]),
      stopVertexIndices: Uint32Array.from([1]),
      stopParcelIds: Float64Array.from([11]),
      stopDueS: Float64Array.from([DEPART_S + 99_999]),
    };
    store.append(batch);
    const generation = store.generations[0];
    const status = getVehicleStatus(network, generation.kinds[1], 0, generation.epochS, DEPART_S + 10, 1);
    expect(status.destination).toBe('1 door, then back');
    expect(status.onTime).toBe('On time: its door by the promise');
    // At full scale a parcel on the map is a real one: no second figure.
    expect(vehicleTooltip(status)).toContain('<span>Parcels aboard</span><b>1</b>');
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
