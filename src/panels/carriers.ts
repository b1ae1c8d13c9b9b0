/** The four carriers that take parcels to the door, in the map's vehicle colours. */
import type { DeliveringCarrier } from '../sim/lastMile/lastMileKpis';
import { toCss, VEHICLE_COLORS } from '../ui/palette';

export const CARRIERS: ReadonlyArray<{
  key: DeliveringCarrier;
  label: string;
  color: string;
  assignedKpi: string;
}> = [
  { key: 'van', label: 'Van', color: toCss(VEHICLE_COLORS[1]), assignedKpi: 'assignedVan' },
  { key: 'flex', label: 'Flex', color: toCss(VEHICLE_COLORS[2]), assignedKpi: 'assignedFlex' },
  { key: 'usps', label: 'USPS', color: toCss(VEHICLE_COLORS[3]), assignedKpi: 'assignedUsps' },
  { key: 'regional', label: 'Regional', color: toCss(VEHICLE_COLORS[4]), assignedKpi: 'assignedRegional' },
];

export const PROMISE_LABELS: Record<string, string> = {
  sameDay: 'Same day',
  nextDay: 'Next day',
  twoDay: 'Two day',
  standard: 'Standard',
};

/** The on-time target line (ShipMatrix counts ~95-98% as good service; CALIBRATION.md). */
export const ON_TIME_TARGET = 0.95;
