/** The four carriers that take parcels to the door, in the map's vehicle colours. */
import { getPartnerPeakSurchargesUsd } from '../sim/lastMile/costModel';
import type { DeliveringCarrier } from '../sim/lastMile/lastMileKpis';
import { formatUsd } from '../ui/format';
import { toCss, VEHICLE_COLORS } from '../ui/palette';
import { describeModelled, formatRealParcels } from '../ui/realVolume';
import type { Bar } from './BarList';

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

/**
 * One bar per carrier: its figure (`read`'s value) and, on hover, the parcels behind it at real
 * volume and as modelled ("1.2M delivered (12,000 in the model)"); `parcelsWord` says which.
 */
export function getCarrierBars(
  read: (carrier: DeliveringCarrier) => { value: number; parcels: number },
  parcelsWord: string,
  scale: number,
  /** Said in place of a carrier's bar when its value is not a number (BarList). */
  emptyText?: string,
): Bar[] {
  return CARRIERS.map((carrier) => {
    const { value, parcels } = read(carrier.key);
    return {
      key: carrier.key,
      label: carrier.label,
      color: carrier.color,
      value,
      detail: `${formatRealParcels(parcels, scale)} ${parcelsWord} (${describeModelled(parcels, scale)})`,
      emptyText,
    };
  });
}

export const PROMISE_LABELS: Record<string, string> = {
  sameDay: 'Same day',
  nextDay: 'Next day',
  twoDay: 'Two day',
  standard: 'Standard',
};

/** The on-time target line (ShipMatrix counts ~95-98% as good service; CALIBRATION.md). */
export const ON_TIME_TARGET = 0.95;

/**
 * Which partners charge their peak-season surcharge in a window of the run's hours [fromHour,
 * toHour), said under the cost bars: USPS's rate jumps by it from October (the model's tariff,
 * costModel.ts), and a reader should not have to guess why. Null when neither charges one in it.
 */
export function describePartnerSurcharges(
  startDayOfYear: number,
  fromHour: number,
  toHour: number,
): string | null {
  let usps = 0;
  let regional = 0;
  // A window spans whole days at most a few weeks long: one look a day (at noon) is enough.
  for (let day = Math.floor(fromHour / 24); day * 24 < toHour; day++) {
    const surcharges = getPartnerPeakSurchargesUsd(startDayOfYear, (day * 24 + 12) * 3600);
    usps = Math.max(usps, surcharges.usps);
    regional = Math.max(regional, surcharges.regional);
  }
  const parts = [
    usps > 0 ? `USPS +${formatUsd(usps)}` : '',
    regional > 0 ? `regional +${formatUsd(regional)}` : '',
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return `Partners' peak season (October to mid-January): ${parts.join(', ')} a parcel.`;
}
