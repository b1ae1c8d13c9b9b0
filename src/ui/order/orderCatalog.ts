/**
 * What "Place your order" offers: the items (light, heavy) and the cities (each metro's delivery
 * stations, averaged: the centre of its service area). Shared by the order form and the tour.
 */
import { DELIVERY_STATION } from '../../sim/kinds';
import { simView } from '../../state/simClient';
import type { OrderAddress } from '../../state/store';

/** The two items on offer; weights inside the demand model's range (median ~1.5 kg, CALIBRATION). */
export const ORDER_ITEMS = [
  { key: 'light', label: 'Light', detail: 'a book, 1.2 kg', weightKg: 1.2 },
  { key: 'heavy', label: 'Heavy', detail: 'a space heater, 12 kg', weightKg: 12 },
] as const;

/** The network's cities, by name. */
export function getOrderCities(): OrderAddress[] {
  const sums = new Map<string, { lon: number; lat: number; count: number }>();
  for (const facility of simView.network?.facilities ?? []) {
    if (facility.kind !== DELIVERY_STATION) continue;
    const sum = sums.get(facility.metro) ?? { lon: 0, lat: 0, count: 0 };
    sum.lon += facility.lon;
    sum.lat += facility.lat;
    sum.count++;
    sums.set(facility.metro, sum);
  }
  return [...sums.entries()]
    .map(([metro, sum]) => ({ label: metro, lon: sum.lon / sum.count, lat: sum.lat / sum.count }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
