import { describe, expect, test } from 'vitest';
import {
  ACTIVITY_BASE_RADIUS_PX,
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
    expect(
      (getActivityRadiusPx(16) - ACTIVITY_BASE_RADIUS_PX) /
        (getActivityRadiusPx(4) - ACTIVITY_BASE_RADIUS_PX),
    ).toBeCloseTo(2);
  });

  test("stay apart at the national view: a station with the default scale's afternoon fleet out is a small ring", () => {
    // Day 4 15:00 at the default scale: a median of 72 vehicles out per station, p90 134. At the
    // national view a metro's stations lie a few pixels apart: rings 25 px wide merged them, and
    // most of the country, into one disc.
    expect(getActivityRadiusPx(72)).toBeLessThanOrEqual(12);
    expect(getActivityRadiusPx(134)).toBeLessThanOrEqual(15);
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
