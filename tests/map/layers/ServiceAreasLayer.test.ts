import type { Layer } from '@deck.gl/core';
import { describe, expect, test } from 'vitest';
import { getPickOwner } from '../../../src/map/layers/PickableMapLayer';
import {
  getStationOnTime,
  ServiceAreasLayer,
  writeOnTimeColor,
} from '../../../src/map/layers/ServiceAreasLayer';
import { TripLedger } from '../../../src/map/tripLedger';
import { buildNetwork } from '../../../src/sim/network';
import { defaultParams } from '../../../src/sim/params';
import type { NetworkMessage } from '../../../src/worker/protocol';
import { createTestNetwork, createTestTick, createVanRouteBatch, pickOn } from '../fixtures';

const DEPART_S = 36_000;

describe('service areas', () => {
  test("shade each station by the share of its own fleet's doors reached by the promise", () => {
    const ledger = new TripLedger();
    ledger.append(createVanRouteBatch(DEPART_S, [DEPART_S + 5000, DEPART_S + 1000, DEPART_S + 5000]));
    // A second route an hour later, its doors all on time.
    const later = createVanRouteBatch(DEPART_S + 3600, [DEPART_S + 9000, DEPART_S + 9000, DEPART_S + 9000]);
    later.vehicleId[0] = 3098;
    ledger.append(later);
    const onTime = getStationOnTime(ledger, 4, 0, DEPART_S + 3600);
    expect(onTime.doors[2]).toBe(3);
    expect(onTime.onTimeDoors[2]).toBe(2);
    const both = getStationOnTime(ledger, 4, DEPART_S, DEPART_S + 7200);
    expect([both.doors[2], both.onTimeDoors[2]]).toEqual([6, 5]);
  });

  test('colour from vermillion (70% or less) through yellow to green (95% and up); grey with no doors yet', () => {
    const out: [number, number, number, number] = [0, 0, 0, 0];
    expect(writeOnTimeColor(out, 0.99).slice(0, 3)).toEqual([0, 158, 115]);
    expect(writeOnTimeColor(out, 0.5).slice(0, 3)).toEqual([213, 94, 0]);
    expect(writeOnTimeColor(out, Number.NaN)[3]).toBeLessThan(writeOnTimeColor(out, 0.9)[3]);
  });

  test('draw the areas the model built, and a hover gives the station its figures; a click selects it', () => {
    const model = buildNetwork(defaultParams());
    const network = model.network as NetworkMessage;
    const stationId = network.serviceAreas.stationId[0];
    const doors = new Float32Array(network.facilities.length);
    const onTimeDoors = new Float32Array(network.facilities.length);
    doors[stationId] = 10;
    onTimeDoors[stationId] = 9;
    const layer = new ServiceAreasLayer({
      id: 'areas',
      network,
      onTime: { doors, onTimeDoors },
      tick: null,
      scale: 0.01,
      windowLabel: 'since the start',
    });
    const [fill] = layer.renderLayers() as Layer[];
    expect((fill.props.data as { length: number }).length).toBe(network.serviceAreas.stationId.length);
    const info = pickOn(layer, fill, 0);
    expect(getPickOwner(info)).toBe(layer);
    const html = layer.getTooltipHtml(info) ?? '';
    expect(html).toContain(network.facilities[stationId].name);
    expect(html).toContain('90.0% of 1,000');
    expect(layer.getSelection(info)).toEqual({ kind: 'facility', id: stationId });
  });

  test("a hover shows the station's backlog from the tick on screen", () => {
    const network = createTestNetwork();
    const layer = new ServiceAreasLayer({
      id: 'areas',
      network,
      onTime: { doors: new Float32Array(4), onTimeDoors: new Float32Array(4) },
      tick: createTestTick(network, [0, 0, 321, 0], [0, 0, 50, 0]),
      scale: 0.01,
      windowLabel: 'since the start',
    });
    const html = layer.getTooltipHtml(pickOn(layer, null, 0)) ?? '';
    expect(html).toContain('none yet');
    expect(html).toContain('32,100 parcels');
  });
});
