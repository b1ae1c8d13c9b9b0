import { describe, expect, test } from 'vitest';
import {
  getFlowWidthPx,
  getLaneFlows,
  LaneFlowsLayer,
  REGION_COLORS,
} from '../../../src/map/layers/LaneFlowsLayer';
import { getPickOwner } from '../../../src/map/layers/PickableMapLayer';
import { TripLedger } from '../../../src/map/tripLedger';
import { createTestNetwork, createTripBatch, pickOn } from '../fixtures';

const network = createTestNetwork();

/** Trucks FC 0 -> sortation center 1 (two) and 1 -> station 2 (one), 40 parcels each. */
function ledgerWithTrucks(departures: number[]): TripLedger {
  const ledger = new TripLedger();
  const batch = createTripBatch(departures.map((departS) => ({ kind: 0, departS, durationS: 3600 })));
  batch.originFacility.set(departures.map((_, k) => (k < 2 ? 0 : 1)));
  batch.destinationFacility.set(departures.map((_, k) => (k < 2 ? 1 : 2)));
  ledger.append(batch);
  return ledger;
}

describe('line-haul flows', () => {
  test('sum the parcels of the trucks that left each lane in the last sim hour, in real volume', () => {
    const ledger = ledgerWithTrucks([3000, 5000, 6000, 9000]);
    // At 7,000 s the window is (3,400, 7,000]: the 3,000 s truck is too old, the 9,000 s one not yet gone.
    const flows = getLaneFlows(ledger, network, 7000, 0.01);
    expect(flows.length).toBe(2);
    const lane = Array.from(flows.origin).indexOf(0);
    expect(flows.destination[lane]).toBe(1);
    expect(flows.trucks[lane]).toBe(1);
    expect(flows.parcelsPerHour[lane]).toBeCloseTo(4000);
    expect(flows.attributes.getWidth.value[lane]).toBeCloseTo(getFlowWidthPx(4000), 5);
    expect(Array.from(flows.attributes.getSourceColor.value.subarray(lane * 4, lane * 4 + 3))).toEqual([
      ...REGION_COLORS[0],
    ]);
  });

  test('draw busier lanes wider, within 1-14 px', () => {
    expect(getFlowWidthPx(10_000)).toBeGreaterThan(getFlowWidthPx(1000));
    expect(getFlowWidthPx(0)).toBe(1);
    expect(getFlowWidthPx(1e9)).toBe(14);
  });

  test('own their picks: a hover names the lane and its parcels per hour', () => {
    const flows = getLaneFlows(ledgerWithTrucks([5000]), network, 7000, 0.01);
    const layer = new LaneFlowsLayer({ id: 'flows', network, flows });
    const info = pickOn(layer, null, 0);
    expect(getPickOwner(info)).toBe(layer);
    expect(layer.getTooltipHtml(info)).toContain('Chicago FC 1 → Chicago sortation center 1');
    expect(layer.getTooltipHtml(info)).toContain('4,000');
    expect(layer.getSelection()).toBeNull();
  });
});
