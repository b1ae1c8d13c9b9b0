import type { Layer } from '@deck.gl/core';
import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import { describe, expect, test } from 'vitest';
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
    const [route, glow] = halo({ kind: 'vehicle', id: 3097, vehicleKind: 1 });
    expect(route).toBeInstanceOf(PathLayer);
    expect(glow).toBeInstanceOf(ClockedTripsLayer);
    expect((glow as ClockedTripsLayer).props.epochS).toBe(store.generations[0].epochS);
    const trip = createSelectedTrip(vans, 0);
    expect(trip.attributes.getPath.value.length).toBe(vans.startIndices[1] * 2);
    expect(Array.from(trip.startIndices)).toEqual([0, vans.startIndices[1]]);
  });

  test('draws nothing with no selection, or a vehicle whose trip is gone', () => {
    expect(halo(null)).toEqual([]);
    expect(halo({ kind: 'vehicle', id: 3097, vehicleKind: 1 }, false)).toEqual([]);
    expect(halo({ kind: 'facility', id: 99 })).toEqual([]);
  });
});
