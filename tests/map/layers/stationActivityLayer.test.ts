import { describe, expect, test } from 'vitest';
import {
  createStationActivityLayer,
  getActivityRadiusPx,
} from '../../../src/map/layers/stationActivityLayer';
import type { Facility } from '../../../src/sim/network';
import { createTestNetwork } from '../fixtures';

describe('the national-zoom station rings', () => {
  test('draw nothing for a station with no vehicle out, and grow with the vehicles out', () => {
    expect(getActivityRadiusPx(0)).toBe(0);
    expect(getActivityRadiusPx(4)).toBeGreaterThan(getActivityRadiusPx(1));
    // Area, not radius, follows the count: four times the vehicles, about twice the growth.
    expect((getActivityRadiusPx(16) - 4) / (getActivityRadiusPx(4) - 4)).toBeCloseTo(2);
  });

  test('read each facility its own count', () => {
    const network = createTestNetwork();
    const activeByFacility = Float32Array.from([0, 0, 9, 0]);
    const layer = createStationActivityLayer({ network, activeByFacility, activeVersion: 1, visible: true });
    const getRadius = layer.props.getRadius as (facility: Facility) => number;
    expect(getRadius(network.facilities[2])).toBe(getActivityRadiusPx(9));
    expect(getRadius(network.facilities[0])).toBe(0);
  });
});
