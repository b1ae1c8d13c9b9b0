import type { FacilityStateColumns } from '../../src/worker/protocol';

/**
 * A tick's facility columns for the 3D view's tests: facilities 0 and 1 both hold `values`, every
 * column not given holds 0.
 */
export function createFacilityColumns(
  values: Partial<Record<keyof FacilityStateColumns, number>>,
): FacilityStateColumns {
  const column = (key: keyof FacilityStateColumns) => new Float32Array(2).fill(values[key] ?? 0);
  return {
    backlogParcels: column('backlogParcels'),
    throughputPerHour: column('throughputPerHour'),
    robotsBusy: column('robotsBusy'),
    robotsTotal: column('robotsTotal'),
    pickQueue: column('pickQueue'),
    packQueue: column('packQueue'),
    trailersAtDock: column('trailersAtDock'),
    trailerFill: column('trailerFill'),
    dockDoors: column('dockDoors'),
    weatherSpeedFactor: column('weatherSpeedFactor'),
  };
}
