/**
 * "Place your order" on the page's side: sends an order to scenario A's worker at the display
 * time and follows it. The order's journey arrives with every tick (Tick.orders); this module
 * only says which one the page follows and how placing went.
 */
import { PROMISE_LABELS } from '../panels/carriers';
import type { PromiseClass } from '../sim/kinds';
import type { OrderSpec, PlacedOrder } from '../sim/placedOrders';
import type { OrderTrace } from '../worker/protocol';
import { recordOrder } from './replications';
import { recordRunEvent } from './runEvents';
import { channelA, simView } from './simClient';
import { appStore, displayClock, setOrderUi } from './store';

let orderSerial = 0;
/** Each order the page placed, by key: what was ordered and where it entered the model. */
const placedOrders = new Map<string, { spec: OrderSpec; placed: PlacedOrder }>();

export function getPlacedOrder(orderKey: string): PlacedOrder | null {
  return placedOrders.get(orderKey)?.placed ?? null;
}

/** What order `orderKey` asked for, as the page placed it, or null. */
export function getPlacedOrderSpec(orderKey: string): OrderSpec | null {
  return placedOrders.get(orderKey)?.spec ?? null;
}

/** A promise class in words, lower case, for the run's event list ("next day"). */
const describePromise = (promise: PromiseClass) => (PROMISE_LABELS[promise] ?? promise).toLowerCase();

/** What the followed order was (for "Copy link"), or null. */
export function getFollowedOrderSpec(): { spec: OrderSpec; atS: number } | null {
  const key = appStore.getState().order.followedKey;
  const entry = key === null ? undefined : placedOrders.get(key);
  return entry ? { spec: entry.spec, atS: entry.placed.orderedS } : null;
}

/**
 * Places `spec` at `atTimeS` (default: the time on screen); on success the page follows it, else
 * the form says why. Resolves to the order's key, or null when it was refused.
 */
export async function placeOrderNow(
  spec: OrderSpec,
  atTimeS = displayClock.timeS,
  options: { tracking?: boolean; stagesOpen?: boolean } = {},
): Promise<string | null> {
  orderSerial++;
  const orderKey = `order-${orderSerial}`;
  setOrderUi({ status: 'placing', message: '' });
  try {
    const placed = await channelA.placeOrder(spec, orderKey, atTimeS);
    placedOrders.set(orderKey, { spec, placed });
    recordOrder(spec, orderKey, atTimeS);
    const station = simView.network?.facilities[placed.stationId];
    recordRunEvent({
      atS: placed.orderedS,
      kind: 'order',
      label: 'Order placed',
      detail: `Your order placed: ${spec.weightKg} kg, ${describePromise(placed.promise)} promise${placed.promise === spec.promise ? '' : ` (asked for ${describePromise(spec.promise)})`}, to ${station?.metro ?? 'an address'}`,
    });
    setOrderUi({
      status: 'idle',
      followedKey: orderKey,
      tracking: options.tracking ?? true,
      stagesOpen: options.stagesOpen ?? true,
      formOpen: false,
      pickingAddress: false,
    });
    return orderKey;
  } catch (error) {
    setOrderUi({ status: 'error', message: (error as Error).message });
    return null;
  }
}

/** The followed order as of the tick on screen, or null (none followed, or not in this run now). */
export function getFollowedOrder(): OrderTrace | null {
  const key = appStore.getState().order.followedKey;
  if (key === null) return null;
  return simView.currentTick?.orders.find((order) => order.orderKey === key) ?? null;
}
