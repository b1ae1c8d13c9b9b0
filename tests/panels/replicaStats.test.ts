import { describe, expect, test } from 'vitest';
import { getMeanConfidenceInterval, getPercentileBand } from '../../src/panels/replicaStats';

describe('statistics over replications', () => {
  test('the band spans the runs per hour, inside their extremes, and needs two runs', () => {
    const band = getPercentileBand([
      [0.9, 0.8, Number.NaN],
      [0.92, 0.7, 0.5],
      [0.95, 0.75],
    ]);
    expect(band.lower[0]).toBeGreaterThanOrEqual(0.9);
    expect(band.upper[0]).toBeLessThanOrEqual(0.95);
    expect(band.upper[0]).toBeGreaterThan(band.lower[0]);
    // 5th percentile of [0.9, 0.92, 0.95] by R-7: 0.9 + 0.1 x (0.92 - 0.9).
    expect(band.lower[0]).toBeCloseTo(0.902, 6);
    expect(band.upper[1]).toBeCloseTo(0.795, 6);
    // Hour 2: one finite value only.
    expect(Number.isNaN(band.lower[2])).toBe(true);
  });

  test("the mean's 95% interval uses Student's t for the few runs there are", () => {
    const { mean, halfWidth, runs } = getMeanConfidenceInterval([0.9, 0.92, 0.94, Number.NaN]);
    expect(runs).toBe(3);
    expect(mean).toBeCloseTo(0.92, 10);
    // sd 0.02, t(2) = 4.303: 4.303 x 0.02 / sqrt(3).
    expect(halfWidth).toBeCloseTo((4.303 * 0.02) / Math.sqrt(3), 10);
    expect(Number.isNaN(getMeanConfidenceInterval([0.9]).halfWidth)).toBe(true);
  });
});
