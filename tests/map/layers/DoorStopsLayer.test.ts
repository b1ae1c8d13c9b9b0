import { describe, expect, test } from 'vitest';
import { ClockedStopsLayer } from '../../../src/map/ClockedStopsLayer';
import { DoorStopsLayer, getDoorStopData } from '../../../src/map/layers/DoorStopsLayer';
import { TripStore } from '../../../src/map/tripStore';
import { LATE_COLOR, ON_TIME_COLOR } from '../../../src/ui/palette';
import { createVanRouteBatch } from '../fixtures';

const DEPART_S = 36_030;

describe('door stops', () => {
  const store = new TripStore();
  // Door 2 is reached at +1200, after its promise at +1000: it fills late.
  store.append(createVanRouteBatch(DEPART_S, [DEPART_S + 5000, DEPART_S + 1000, DEPART_S + 5000]));
  const vans = store.generations[0].kinds[1];

  test('sit at the doors, with departure, arrival and trip end relative to the generation epoch', () => {
    expect(vans.stopCountTotal).toBe(3);
    expect(Array.from(vans.stopPositions.subarray(0, 2))).toEqual([Math.fround(-87.67), Math.fround(41.91)]);
    const offset = DEPART_S - store.generations[0].epochS;
    expect(Array.from(vans.stopTimes.subarray(3, 6))).toEqual([offset, offset + 1200, offset + 2400]);
  });

  test('fill green when a parcel reaches its door by its promise, vermillion when late', () => {
    const colors = getDoorStopData(vans).attributes.getFillColor.value;
    expect(Array.from(colors.subarray(0, 3))).toEqual([...ON_TIME_COLOR]);
    expect(Array.from(colors.subarray(4, 7))).toEqual([...LATE_COLOR]);
    expect(getDoorStopData(vans)).toBe(getDoorStopData(vans));
  });

  test('go when their route is dropped by a rewind', () => {
    store.dropVehiclesFrom(3097);
    expect(store.generations).toHaveLength(0);
    expect(vans.stopCountTotal).toBe(0);
  });

  test('draw one clocked layer per generation and kind with stops, none for a hidden kind or zoom', () => {
    const fresh = new TripStore();
    fresh.append(createVanRouteBatch(DEPART_S, [0, 0, 0]));
    const props = { generations: fresh.generations, tripsVersion: 1, clock: { timeS: DEPART_S } };
    const layers = new DoorStopsLayer({
      id: 'stops',
      ...props,
      kindVisible: [true, true],
    }).renderLayers() as ClockedStopsLayer[];
    expect(layers).toHaveLength(1);
    expect(layers[0]).toBeInstanceOf(ClockedStopsLayer);
    expect(layers[0].props.epochS).toBe(fresh.generations[0].epochS);
    const hidden = new DoorStopsLayer({
      id: 'stops',
      ...props,
      kindVisible: [true, false],
    }).renderLayers() as ClockedStopsLayer[];
    // No layer at all, not an invisible one: deck.gl keeps an invisible layer's attributes.
    expect(hidden).toHaveLength(0);
    const belowStreetZoom = new DoorStopsLayer({
      id: 'stops',
      ...props,
      kindVisible: [true, true],
      visible: false,
    }).renderLayers() as ClockedStopsLayer[];
    expect(belowStreetZoom).toHaveLength(0);
  });
});
