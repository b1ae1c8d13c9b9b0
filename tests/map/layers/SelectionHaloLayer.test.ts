import type { Layer } from '@deck.gl/core';
import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import { describe, expect, test } from 'vitest';
import { ClockedStopsLayer } from '../../../src/map/ClockedStopsLayer';
import { ClockedTripsLayer } from '../../../src/map/ClockedTripsLayer';
import { createSelectedTrip, SelectionHaloLayer } from '../../../src/map/layers/SelectionHaloLayer';
import { TripStore } from '../../../src/map/tripStore';
import type { Selection } from '../../../src/state/store';
import { createTestNetwork, createVanRouteBatch } from '../fixtures';

const network = createTestNetwork();
const store = new TripStore();
store.append(createVanRouteBatch(36_000, [0, 0, 0]));
const vans = store.generations[0].kinds[1];

function halo(selection: Selection, withTrip = true): Layer[] {
  return new SelectionHaloLayer({
    id: 'halo',
    network,
    selection,
    selectedTrip: withTrip ? createSelectedTrip(vans, 0) : null,
    glowLengthS: 15,
    clock: { timeS: 36_500 },
  }).renderLayers() as Layer[];
}

describe('the selection halo', () => {
  test('rings a selected facility of any kind, a station included', () => {
    const ring = halo({ kind: 'facility', id: 2 })[0] as ScatterplotLayer;
    expect(ring).toBeInstanceOf(ScatterplotLayer);
    const getPosition = ring.props.getPosition as unknown as () => number[];
    expect(getPosition()).toEqual([-87.68, 41.9]);
    expect(ring.props.stroked).toBe(true);
    expect(ring.props.filled).toBe(false);
  });

  test("rides with a selected vehicle and draws its whole route, timed from its trip's epoch", () => {
    const [route, glow, standingGlow] = halo({ kind: 'vehicle', id: 3097, vehicleKind: 1 });
    expect(route).toBeInstanceOf(PathLayer);
    expect(glow).toBeInstanceOf(ClockedTripsLayer);
    expect((glow as ClockedTripsLayer).props.epochS).toBe(store.generations[0].epochS);
    const trip = createSelectedTrip(vans, 0);
    expect(trip.attributes.getPath.value.length).toBe(vans.startIndices[1] * 2);
    expect(Array.from(trip.startIndices)).toEqual([0, vans.startIndices[1]]);
    // While it stands at a door its glow has no length: a ring there instead, from its arrival
    // (+600 s for the first door) until it leaves (+660 s).
    expect(standingGlow).toBeInstanceOf(ClockedStopsLayer);
    expect((standingGlow as ClockedStopsLayer).props.epochS).toBe(store.generations[0].epochS);
    const offsetS = 36_000 - store.generations[0].epochS;
    expect(trip.standing.length).toBe(3);
    expect(Array.from(trip.standing.attributes.getStopTimes.value.subarray(0, 3))).toEqual([
      offsetS + 600,
      offsetS + 600,
      offsetS + 660,
    ]);
    expect(Array.from(trip.standing.attributes.getPosition.value.subarray(0, 2))).toEqual(
      Array.from(vans.stopPositions.subarray(0, 2)),
    );
  });

  test('draws nothing with no selection, or a vehicle whose trip is gone', () => {
    expect(halo(null)).toEqual([]);
    expect(halo({ kind: 'vehicle', id: 3097, vehicleKind: 1 }, false)).toEqual([]);
    expect(halo({ kind: 'facility', id: 99 })).toEqual([]);
  });
});
