import type { Layer } from '@deck.gl/core';
import { PathLayer } from '@deck.gl/layers';
import { describe, expect, test, vi } from 'vitest';
import { ClockedStopsLayer } from '../../../src/map/ClockedStopsLayer';
import { ClockedTripsLayer } from '../../../src/map/ClockedTripsLayer';
import { getPickOwner } from '../../../src/map/layers/PickableMapLayer';
import {
  getHeadLengthS,
  getLongestTrailS,
  getStandingData,
  getTrailLengthS,
  VehiclesLayer,
} from '../../../src/map/layers/VehiclesLayer';
import { writeTripPosition } from '../../../src/map/mapHandle';
import { KindTrips, TripStore } from '../../../src/map/tripStore';
import { createTestNetwork, createTripBatch, createVanRouteBatch, pickOn } from '../fixtures';

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

/** The sublayers that draw trips: all but the hidden, empty shader warm-up pair. */
function renderTripLayers(layer: VehiclesLayer): Layer[] {
  return (layer.renderLayers() as Layer[]).filter((sublayer) => !sublayer.id.includes('shader-warm-up'));
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
    const layers = renderTripLayers(createLayer(store)) as ClockedTripsLayer[];
    expect(layers).toHaveLength(4);
    for (const layer of layers) expect(layer).toBeInstanceOf(ClockedTripsLayer);
    expect(layers.filter((layer) => layer.props.pickable)).toHaveLength(2);
    const vanTrail = layers[2];
    expect(vanTrail.props.trailLength).toBe(getTrailLengthS(1, 600));
    expect((vanTrail.props.data as { length: number }).length).toBe(2);
  });

  test("each trips layer knows when its trips are on the road, and draws nothing before the first leaves or after the last's trail is gone", () => {
    const layers = renderTripLayers(createLayer(store)) as ClockedTripsLayer[];
    const [vanTrail, vanHead] = layers.slice(2);
    // The vans leave at 60 and 120 s and drive 900 s.
    expect([vanTrail.props.activeFromS, vanTrail.props.activeUntilS]).toEqual([60, 1020]);
    expect([vanHead.props.activeFromS, vanHead.props.activeUntilS]).toEqual([60, 1020]);
    const drawPaths = vi.spyOn(PathLayer.prototype, 'draw').mockImplementation(() => {});
    try {
      const drawsAt = (layer: ClockedTripsLayer, timeS: number) => {
        drawPaths.mockClear();
        layer.props.clock.timeS = timeS;
        // Not on a device here: no model for the trips uniforms; PathLayer's draw is the spy.
        (layer as unknown as { state: object }).state = {};
        layer.draw({ shaderModuleProps: {} } as Parameters<ClockedTripsLayer['draw']>[0]);
        return drawPaths.mock.calls.length === 1;
      };
      const trailS = vanTrail.props.trailLength;
      expect([59, 60, 1020, 1020 + trailS, 1021 + trailS].map((timeS) => drawsAt(vanTrail, timeS))).toEqual([
        false,
        true,
        true,
        true,
        false,
      ]);
    } finally {
      drawPaths.mockRestore();
    }
  });

  test('builds no layer for the kinds the legend switched off, so their trails hold no memory', () => {
    const layers = renderTripLayers(createLayer(store, [true, false, true, true, true]));
    // The trucks' trail and head only; an invisible layer would still tessellate the vans' paths.
    expect(layers.map((layer) => layer.id.replace(/-\d+-/, '-'))).toEqual([
      'vehicles-trails-0',
      'vehicles-heads-0',
    ]);
    expect(renderTripLayers(createLayer(store, [false, false, false, false, false]))).toHaveLength(0);
  });

  test('holds a hidden, empty trips layer and standing layer before any trip, so their shaders compile with the network', () => {
    const layers = createLayer(new TripStore()).renderLayers() as Layer[];
    expect(layers.map((layer) => [layer.constructor, layer.props.visible, layer.props.data])).toEqual([
      [ClockedTripsLayer, false, expect.objectContaining({ length: 0 })],
      [ClockedStopsLayer, false, expect.objectContaining({ length: 0 })],
    ]);
    // The same pair, not a new one, once trips arrive (deck.gl keeps a sublayer by its id).
    const withTrips = (createLayer(store).renderLayers() as Layer[]).map((layer) => layer.id);
    expect(withTrips.slice(0, 2)).toEqual(layers.map((layer) => layer.id));
  });

  test("lays the warm-up trips layer's buffers out as the trips layers', so the first trips reuse its GPU pipeline", () => {
    const [warmUp] = createLayer(new TripStore()).renderLayers() as ClockedTripsLayer[];
    const trips = renderTripLayers(createLayer(store)) as ClockedTripsLayer[];
    // What decides the path buffers' layout: whether deck.gl normalises the paths (float64x3)
    // or takes the binary column as it is, and the columns' element types and sizes.
    const getLayout = (layer: ClockedTripsLayer) => {
      const { attributes } = layer.props.data as {
        attributes: Record<string, { value: Float32Array; size: number }>;
      };
      return {
        pathType: layer.props._pathType,
        path: [attributes.getPath.value.constructor.name, attributes.getPath.size],
        timestamps: [attributes.getTimestamps.value.constructor.name, attributes.getTimestamps.size],
      };
    };
    expect(getLayout(warmUp).pathType).toBe('open');
    for (const layer of trips) expect(getLayout(layer), layer.id).toEqual(getLayout(warmUp));
  });

  test('owns its picks: a head under the pointer is that trip, by the columns it was drawn from', () => {
    const layer = createLayer(store);
    const vanHeads = renderTripLayers(layer)[3];
    const info = pickOn(layer, vanHeads, 1);
    expect(getPickOwner(info)).toBe(layer);
    expect(layer.getSelection(info)).toEqual({ kind: 'vehicle', id: 102, vehicleKind: 1 });
    expect(layer.getTooltipHtml(info)).toContain('Delivery van #102');
    expect(layer.getSelection(pickOn(layer, vanHeads, 5))).toBeNull();
  });
});

describe('a van standing at its door', () => {
  const DEPART_S = 36_030;
  const store = new TripStore();
  store.append(createVanRouteBatch(DEPART_S, [0, 0, 0]));
  const vans = store.generations[0].kinds[1];
  const offsetS = DEPART_S - store.generations[0].epochS;

  test('stands where its door is from its arrival until it leaves (its head there has no length)', () => {
    // Door k is reached at +600 (k + 1) and left 60 s later (createVanRouteBatch).
    const times = getStandingData(vans).attributes.getStopTimes.value;
    expect(Array.from(times.subarray(3, 6))).toEqual([offsetS + 1200, offsetS + 1200, offsetS + 1260]);
    const at: [number, number] = [0, 0];
    for (let stop = 0; stop < 3; stop++) {
      const door = Array.from(vans.stopPositions.subarray(stop * 2, stop * 2 + 2));
      // Its position halfway through the dwell and at either end is the door's.
      for (const share of [0, 0.5, 1]) {
        const timeS = times[stop * 3] + (times[stop * 3 + 2] - times[stop * 3]) * share;
        writeTripPosition(at, vans.positions, vans.timestamps, 0, vans.startIndices[1], timeS);
        expect(at).toEqual(door);
      }
    }
    expect(getStandingData(vans)).toBe(getStandingData(vans));
  });

  test('draws a pickable ring per generation and kind with door stops; a pick names the van', () => {
    store.append(createTripBatch([{ kind: 0, departS: DEPART_S, durationS: 7200 }]));
    const layer = createLayer(store);
    const layers = renderTripLayers(layer);
    // The truck has no door stops: a trail and a head; the van also a standing ring.
    expect(layers.map((sublayer) => sublayer.id.replace(/-\d+-/, '-'))).toEqual([
      'vehicles-trails-0',
      'vehicles-heads-0',
      'vehicles-trails-1',
      'vehicles-heads-1',
      'vehicles-standing-1',
    ]);
    const standing = layers[4] as ClockedStopsLayer;
    expect(standing).toBeInstanceOf(ClockedStopsLayer);
    expect(standing.props).toMatchObject({ pickable: true, filled: false, stroked: true });
    const info = pickOn(layer, standing, 2);
    expect(layer.getSelection(info)).toEqual({ kind: 'vehicle', id: 3097, vehicleKind: 1 });
    expect(layer.getTooltipHtml(info)).toContain('Delivery van #3097');
    expect(layer.getSelection(pickOn(layer, standing, 3))).toBeNull();
  });

  test("finds a stop's trip among trips with and without stops", () => {
    const trips = new KindTrips(1);
    const route = createVanRouteBatch(0, [0, 0, 0]);
    trips.appendTrip(route, 0, 0);
    trips.appendTrip(createTripBatch([{ kind: 1, departS: 0, durationS: 600 }]), 0, 0);
    trips.appendTrip(createTripBatch([{ kind: 1, departS: 0, durationS: 600 }]), 0, 0);
    trips.appendTrip(route, 0, 0);
    expect([0, 1, 2, 3, 4, 5].map((stop) => trips.getTripOfStop(stop))).toEqual([0, 0, 0, 3, 3, 3]);
  });
});
