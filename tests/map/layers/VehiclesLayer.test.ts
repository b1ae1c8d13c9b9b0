import type { Layer } from '@deck.gl/core';
import { describe, expect, test } from 'vitest';
import { ClockedTripsLayer } from '../../../src/map/ClockedTripsLayer';
import { getPickOwner } from '../../../src/map/layers/PickableMapLayer';
import {
  getHeadLengthS,
  getLongestTrailS,
  getTrailLengthS,
  VehiclesLayer,
} from '../../../src/map/layers/VehiclesLayer';
import { TripStore } from '../../../src/map/tripStore';
import { createTestNetwork, createTripBatch, pickOn } from '../fixtures';

const SPEEDS = [1, 10, 60, 600, 3600, 10_000];

describe('trail lengths', () => {
  test('cover ever fewer wall seconds as the speed rises, so 3,600x draws strokes, not a tangle', () => {
    for (const kind of [0, 1, 2]) {
      const wallSeconds = SPEEDS.map((speed) => getTrailLengthS(kind, speed) / speed);
      for (let i = 1; i < wallSeconds.length; i++)
        expect(wallSeconds[i]).toBeLessThanOrEqual(wallSeconds[i - 1]);
    }
    // A van's trail at 3,600x is two minutes of driving (~1.6 km), not an hour and a half.
    expect(getTrailLengthS(1, 3600)).toBeLessThanOrEqual(120);
    expect(getHeadLengthS(1, 3600)).toBeLessThanOrEqual(getTrailLengthS(1, 3600));
    // Trucks cross the country: their trails may be longer than the vans'.
    expect(getTrailLengthS(0, 3600)).toBeGreaterThan(getTrailLengthS(1, 3600));
  });

  test('never drop below a minute, so a vehicle shows its heading at 1x', () => {
    for (const kind of [0, 1, 2, 3, 4]) expect(getTrailLengthS(kind, 1)).toBeGreaterThanOrEqual(60);
    expect(getLongestTrailS(3600)).toBe(getTrailLengthS(0, 3600));
  });
});

function createLayer(store: TripStore, kindVisible = [true, true, true, true, true]): VehiclesLayer {
  return new VehiclesLayer({
    id: 'vehicles',
    network: createTestNetwork(),
    generations: store.generations,
    tripsVersion: store.version,
    kindVisible,
    speed: 600,
    scale: 0.01,
    clock: { timeS: 300 },
  });
}

describe('the vehicles layer', () => {
  const store = new TripStore();
  store.append(
    createTripBatch([
      { kind: 0, departS: 0, durationS: 7200 },
      { kind: 1, departS: 60, durationS: 900 },
      { kind: 1, departS: 120, durationS: 900 },
    ]),
  );

  test('draws a trail and a pickable head per generation and kind that has trips', () => {
    const layers = createLayer(store).renderLayers() as ClockedTripsLayer[];
    expect(layers).toHaveLength(4);
    for (const layer of layers) expect(layer).toBeInstanceOf(ClockedTripsLayer);
    expect(layers.filter((layer) => layer.props.pickable)).toHaveLength(2);
    const vanTrail = layers[2];
    expect(vanTrail.props.trailLength).toBe(getTrailLengthS(1, 600));
    expect((vanTrail.props.data as { length: number }).length).toBe(2);
  });

  test('builds no layer for the kinds the legend switched off, so their trails hold no memory', () => {
    const layers = createLayer(store, [true, false, true, true, true]).renderLayers() as Layer[];
    // The trucks' trail and head only; an invisible layer would still tessellate the vans' paths.
    expect(layers.map((layer) => layer.id.replace(/-\d+-/, '-'))).toEqual([
      'vehicles-trails-0',
      'vehicles-heads-0',
    ]);
    expect(createLayer(store, [false, false, false, false, false]).renderLayers()).toHaveLength(0);
  });

  test('owns its picks: a head under the pointer is that trip, by the columns it was drawn from', () => {
    const layer = createLayer(store);
    const vanHeads = (layer.renderLayers() as Layer[])[3];
    const info = pickOn(layer, vanHeads, 1);
    expect(getPickOwner(info)).toBe(layer);
    expect(layer.getSelection(info)).toEqual({ kind: 'vehicle', id: 102, vehicleKind: 1 });
    expect(layer.getTooltipHtml(info)).toContain('Delivery van #102');
    expect(layer.getSelection(pickOn(layer, vanHeads, 5))).toBeNull();
  });
});
