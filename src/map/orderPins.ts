/**
 * Pins for "Place your order" on the map: the address being chosen (before the order is
 * placed) and the followed order's door. A handful of points; the data array keeps its identity
 * until a pin moves, so deck.gl re-uploads nothing on other redraws.
 */
import { DELIVERY_STATION } from '../sim/kinds';
import { MAX_ADDRESS_KM } from '../sim/placedOrders';
import type { NetworkMessage } from '../worker/protocol';
import { getFollowedOrder } from '../state/orders';
import { appStore, type OrderAddress } from '../state/store';

/** Great-circle km per degree of latitude (the label's distance is approximate). */
const KM_PER_DEGREE = 111.2;

export interface OrderPin {
  /** An order's address being chosen, its door, or where edit mode would add a facility. */
  kind: 'address' | 'door' | 'editSite';
  lon: number;
  lat: number;
}

let pins: OrderPin[] = [];
let pinsKey = '';

/** The pins as of the store and the tick on screen (the same array while nothing moved). */
export function getOrderPins(): OrderPin[] {
  const { order, networkEdit } = appStore.getState();
  const next: OrderPin[] = [];
  if (networkEdit.active && networkEdit.addAt)
    next.push({ kind: 'editSite', lon: networkEdit.addAt.lon, lat: networkEdit.addAt.lat });
  if (order.formOpen && order.address)
    next.push({ kind: 'address', lon: order.address.lon, lat: order.address.lat });
  const followed = getFollowedOrder();
  if (followed)
    next.push({ kind: 'door', lon: followed.trace.destinationLon, lat: followed.trace.destinationLat });
  const key = next.map((pin) => `${pin.kind}:${pin.lon}:${pin.lat}`).join('|');
  if (key !== pinsKey) {
    pinsKey = key;
    pins = next;
  }
  return pins;
}

/** An address picked on the map, named after the metro of the nearest delivery station. */
export function describeAddress(network: NetworkMessage | null, lon: number, lat: number): OrderAddress {
  let nearest = '';
  let bestD2 = Number.POSITIVE_INFINITY;
  const cosLat = Math.cos((lat * Math.PI) / 180);
  for (const facility of network?.facilities ?? []) {
    if (facility.kind !== DELIVERY_STATION) continue;
    const dx = (facility.lon - lon) * cosLat;
    const dy = facility.lat - lat;
    if (dx * dx + dy * dy < bestD2) {
      bestD2 = dx * dx + dy * dy;
      nearest = facility.metro;
    }
  }
  const where = `${Math.abs(lat).toFixed(3)}° ${lat >= 0 ? 'N' : 'S'}, ${Math.abs(lon).toFixed(3)}° ${lon >= 0 ? 'E' : 'W'}`;
  const distanceKm = Math.sqrt(bestD2) * KM_PER_DEGREE;
  if (!nearest) return { lon, lat, label: where };
  return {
    lon,
    lat,
    label:
      distanceKm <= MAX_ADDRESS_KM
        ? `Near ${nearest} (${where})`
        : `${where}: ${Math.round(distanceKm)} km from the nearest station (${nearest})`,
  };
}
