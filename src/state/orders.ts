/**
 * "Place your order" on the page's side: sends an order to scenario A's worker at the display
 * time and follows it. The order's journey arrives with every tick (Tick.orders); this module
 * only says which one the page follows and how placing went.
 */
import type { OrderSpec } from '../sim/placedOrders';
import type { OrderTrace } from '../worker/protocol';
import { channelA, simView } from './simClient';
import { appStore, displayClock, setOrderUi } from './store';

let orderSerial = 0;

/** Places `spec` at the time on screen; on success the page follows it, else the form says why. */
export async function placeOrderNow(spec: OrderSpec): Promise<void> {
  orderSerial++;
  const atTimeS = displayClock.timeS;
  const orderKey = `order-${orderSerial}`;
  setOrderUi({ status: 'placing', message: '' });
  try {
    await channelA.placeOrder(spec, orderKey, atTimeS);
    setOrderUi({
      status: 'idle',
      followedKey: orderKey,
      tracking: true,
      formOpen: false,
      pickingAddress: false,
    });
  } catch (error) {
    setOrderUi({ status: 'error', message: (error as Error).message });
  }
}

/** The followed order as of the tick on screen, or null (none followed, or not in this run now). */
export function getFollowedOrder(): OrderTrace | null {
  const key = appStore.getState().order.followedKey;
  if (key === null) return null;
  return simView.currentTick?.orders.find((order) => order.orderKey === key) ?? null;
}
