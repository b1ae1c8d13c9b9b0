import { describe, expect, test } from 'vitest';
import { FacilityHistory } from '../../src/state/facilityHistory';

describe("a facility's own history", () => {
  test('records one row per sim hour and reads one facility back', () => {
    const history = new FacilityHistory();
    history.reset(3);
    history.record(0, Float32Array.of(10, 20, 30), Float32Array.of(1, 2, 3));
    history.record(1, Float32Array.of(11, 21, 31), Float32Array.of(4, 5, 6));
    expect(Array.from(history.series(1).throughputPerHour)).toEqual([20, 21]);
    expect(Array.from(history.series(2).backlogParcels)).toEqual([3, 6]);
  });

  test('grows past its first allocation, leaves skipped hours unknown (a gap, not zero), and truncates on a seek back', () => {
    const history = new FacilityHistory();
    history.reset(2);
    history.record(0, Float32Array.of(1, 2), Float32Array.of(0, 0));
    history.record(100, Float32Array.of(5, 6), Float32Array.of(7, 8));
    expect(history.hours).toBe(101);
    const series = history.series(0).throughputPerHour;
    expect(series[0]).toBe(1);
    expect(series[50]).toBeNaN();
    expect(series[100]).toBe(5);
    history.truncate(10);
    expect(history.series(1).throughputPerHour.length).toBe(10);
  });
});
