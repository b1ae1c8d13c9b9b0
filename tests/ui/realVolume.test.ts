import { describe, expect, test } from 'vitest';
import { KPI_NAMES } from '../../src/sim/kpis';
import {
  describeLargeScaleCost,
  describeModelled,
  describeScale,
  formatRealParcels,
  isParcelCountKpi,
  toRealSeries,
} from '../../src/ui/realVolume';

describe('counts at real volume', () => {
  test('a modelled count is shown as the real network’s: x 1/scale', () => {
    expect(formatRealParcels(8_000, 0.01)).toBe('800k');
    expect(Array.from(toRealSeries([1, 2.5], 0.01))).toEqual([100, 250]);
    expect(describeModelled(8_000, 0.01)).toBe('8,000 modelled parcels (1 modelled = 100 real)');
  });

  test('the header states the scale once', () => {
    expect(describeScale(0.01)).toBe('simulating 1% of parcels, shown at real volume');
    expect(describeScale(0.002)).toBe('simulating 0.20% of parcels, shown at real volume');
    expect(describeScale(1)).toBe('simulating every parcel');
  });

  test('a large scale says what it costs; the default and small ones say nothing', () => {
    expect(describeLargeScaleCost(0.01, 0.01)).toBeNull();
    expect(describeLargeScaleCost(0.05, 0.01)).toBeNull();
    const full = describeLargeScaleCost(1, 0.01) ?? '';
    expect(full).toMatch(/^Simulating every parcel: 100 times the default's parcels/);
    expect(full).toContain('~2.5 GB of memory');
    expect(full).toContain('snapshots get what the model leaves of 2 GB');
    expect(describeLargeScaleCost(0.2, 0.01)).toMatch(/^Simulating 20% of parcels.*: 20 times .* ~0\.5 GB/);
  });

  test('parcel counts are scaled; trips, miles, money, hours, routes, blocks and trailers are not', () => {
    const parcels = KPI_NAMES.filter(isParcelCountKpi);
    for (const name of ['ordered', 'picked', 'delivered', 'deliveredOnTime', 'assignedUsps', 'backlogAtFcs'])
      expect(parcels).toContain(name);
    for (const name of [
      'lineHaulTrips',
      'lineHaulMiles',
      'lineHaulCostUsd',
      'clickToDoorHoursSum',
      'robotBusyHours',
      'vanRoutes',
      'flexBlocksOffered',
      'handoffTrucks',
      'partnerDoorRuns',
      'trailersOnTheRoad',
    ])
      expect(parcels).not.toContain(name);
    // A name the KPI dictionary does not know is shown as the model counted it.
    expect(isParcelCountKpi('parcelsOnMars')).toBe(false);
    expect(isParcelCountKpi('toString')).toBe(false);
  });
});
