import type { Layer } from '@deck.gl/core';
import { ColumnLayer, IconLayer } from '@deck.gl/layers';
import { describe, expect, test } from 'vitest';
import {
  CLOSED_COLOR,
  DIFF_SAME,
  DIFF_ADDED,
  FacilitiesLayer,
  type FacilitiesLayerProps,
  getFacilitiesTopmostLast,
  writeFacilityColor,
} from '../../../src/map/layers/FacilitiesLayer';
import { getPickOwner } from '../../../src/map/layers/PickableMapLayer';
import { createTestNetwork, createTestTick, pickOn } from '../fixtures';

const network = createTestNetwork();
const tick = createTestTick(network, [500, 0, 0, 0], [100, 0, 0, 0]);

function createLayer(overrides: Partial<FacilitiesLayerProps & { visible: boolean }> = {}): FacilitiesLayer {
  return new FacilitiesLayer({
    id: 'facilities',
    network,
    networkA: network,
    tick,
    tickA: tick,
    diffMode: false,
    showBuildings: false,
    // ImageData is a browser type; the layer only hands the atlas on to its IconLayer.
    icons: { atlas: { width: 1, height: 1, data: new Uint8ClampedArray(4) } as ImageData, mapping: {} },
    scale: 0.01,
    figuresVersion: 1,
    ...overrides,
  });
}

describe('the facilities layer', () => {
  test('draws fulfillment centers last, so they sit on top and win the pick', () => {
    const order = getFacilitiesTopmostLast(network).map((facility) => facility.kind);
    expect(order[order.length - 1]).toBe(0);
    expect(order[0]).toBe(2);
    expect(getFacilitiesTopmostLast(network)).toBe(getFacilitiesTopmostLast(network));
  });

  test('colours by backlog, and by B minus A in difference mode', () => {
    const out: [number, number, number, number] = [0, 0, 0, 0];
    const props = { tick, tickA: tick, diffMode: false, network, networkA: network };
    // 5 h of work queued at the FC: past yellow towards vermillion.
    expect(writeFacilityColor(out, 0, props)[0]).toBeGreaterThan(200);
    expect(writeFacilityColor(out, 0, { ...props, tick: null })).toEqual([143, 163, 184, 220]);
    const busierB = createTestTick(network, [900, 0, 0, 0], [100, 0, 0, 0]);
    expect(writeFacilityColor(out, 0, { ...props, tick: busierB, diffMode: true })).toEqual([
      213, 94, 0, 240,
    ]);
    // The same backlog in both: a light grey, not the faint grey of a closed facility.
    expect(writeFacilityColor(out, 1, { ...props, tick: busierB, diffMode: true })).toEqual(DIFF_SAME);
    expect(DIFF_SAME).not.toEqual(CLOSED_COLOR);
    expect(DIFF_SAME[0] - CLOSED_COLOR[0]).toBeGreaterThan(60);
  });

  test('network edits: a facility closed or offline is a faint grey; in difference mode one only B runs is sky blue', () => {
    const out: [number, number, number, number] = [0, 0, 0, 0];
    const closedInB = { ...network, operating: Uint8Array.from([1, 0, 1, 1]) };
    const props = { tick, tickA: tick, diffMode: true, network: closedInB, networkA: network };
    expect(writeFacilityColor(out, 1, props)).toEqual(CLOSED_COLOR);
    const addedInB = { ...network, operating: Uint8Array.from([1, 1, 1, 1, 1]) };
    expect(writeFacilityColor(out, 4, { ...props, network: addedInB })).toEqual(DIFF_ADDED);
    // Outside difference mode the same facility shows its own backlog.
    expect(writeFacilityColor(out, 4, { ...props, network: addedInB, diffMode: false })).not.toEqual(
      DIFF_ADDED,
    );
  });

  test('draws footprints in the legend shapes, and only when buildings are on', () => {
    // Not before they first show (deck.gl would compile their shaders for nothing): the markers alone.
    const [onlyMarkers, ...others] = createLayer().renderLayers() as Layer[];
    expect(onlyMarkers).toBeInstanceOf(IconLayer);
    expect(others).toEqual([]);
    // Once shown they stay, hidden by `visible` (deck.gl hands a layer's state to its next props).
    const shown = createLayer({ showBuildings: true });
    shown.state = {};
    shown.renderLayers();
    const later = createLayer();
    later.state = shown.state;
    const [fcBuilding, , stationBuilding, , markers] = later.renderLayers() as Layer[];
    expect(fcBuilding).toBeInstanceOf(ColumnLayer);
    expect(markers).toBeInstanceOf(IconLayer);
    expect(fcBuilding.props.visible).toBe(false);
    // The legend says stations are circles: a many-sided footprint, not a square.
    expect((stationBuilding as ColumnLayer).props.diskResolution).toBeGreaterThanOrEqual(12);
    expect((fcBuilding as ColumnLayer).props.diskResolution).toBe(4);
    // The markers, by kind, in the shapes the legend draws (it draws them by these names).
    const getIcon = (markers as IconLayer).props.getIcon as unknown as (facility: unknown) => string;
    expect(network.facilities.map((facility) => getIcon(facility))).toEqual([
      'square',
      'diamond',
      'circle',
      'triangle',
    ]);
    const withBuildings = createLayer({ showBuildings: true }).renderLayers() as Layer[];
    expect(withBuildings[0].props.visible).toBe(true);
    // The facilities toggle off hides them too, at building zoom.
    const toggledOff = createLayer({ showBuildings: true, visible: false });
    toggledOff.state = shown.state;
    const hidden = toggledOff.renderLayers() as Layer[];
    expect(hidden[0]).toBeInstanceOf(ColumnLayer);
    expect(hidden[0].props.visible).toBe(false);
  });

  test('owns its picks: the hover card names the facility (escaped) and a click selects it', () => {
    const layer = createLayer();
    const markers = (layer.renderLayers() as Layer[]).at(-1) as Layer;
    const info = pickOn(layer, markers, 3, network.facilities[3]);
    expect(getPickOwner(info)).toBe(layer);
    const html = layer.getTooltipHtml(info) ?? '';
    expect(html).toContain('Chicago carrier hub &#60;1&#62;');
    expect(html).toContain('Carrier hub · Chicago');
    expect(layer.getSelection(info)).toEqual({ kind: 'facility', id: 3 });
    const fcHtml = layer.getTooltipHtml(pickOn(layer, markers, 0, network.facilities[0])) ?? '';
    expect(fcHtml).toContain('Robots busy');
    expect(fcHtml).toMatch(/Backlog.*50(,0|\.0k|k)/);
  });

  test('a pick on a layer that is not one of the map layers has no owner', () => {
    const markers = (createLayer().renderLayers() as Layer[]).at(-1) as Layer;
    expect(getPickOwner(pickOn(markers, null, 0))).toBeNull();
  });
});
