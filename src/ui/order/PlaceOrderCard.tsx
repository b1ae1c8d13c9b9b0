/**
 * "Place your order": where to (a city, or a click on the map), what (light or heavy) and how
 * fast (the promise). The order enters the running model at the time on screen and the page
 * follows its parcel (JourneyPanel, orderTracking). A refused order says why and changes nothing.
 */
import { useId, useMemo } from 'react';
import { PROMISE_CLASSES, type PromiseClass } from '../../sim/kinds';
import { placeOrderNow } from '../../state/orders';
import { simView } from '../../state/simClient';
import { setOrderUi } from '../../state/store';
import { useAppStore } from '../../state/useAppStore';
import { PROMISE_LABELS } from '../../panels/carriers';
import { MapCard, useFocusWhen } from '../MapCard';
import { getOrderCities, ORDER_ITEMS } from './orderCatalog';

export function PlaceOrderCard() {
  const order = useAppStore((state) => state.order);
  const ready = useAppStore((state) => state.worker.phase === 'ready');
  const network = ready ? simView.network : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the cities change with the network
  const cities = useMemo(getOrderCities, [network]);
  // Keyboard users land on the first choice when the form opens.
  const cityRef = useFocusWhen<HTMLSelectElement>(order.formOpen);
  const formId = useId();
  if (!order.formOpen) return null;
  const { promise } = order;
  const item = ORDER_ITEMS.find((candidate) => candidate.key === order.itemKey) ?? ORDER_ITEMS[0];
  const cityValue = cities.find((city) => city.label === order.address?.label) ? order.address?.label : '';

  return (
    <MapCard
      className="order-card"
      title="Place your order"
      testId="order-card"
      closeLabel="Close the order form"
      onClose={() => setOrderUi({ formOpen: false, pickingAddress: false })}
      onEscape={() => setOrderUi(order.pickingAddress ? { pickingAddress: false } : { formOpen: false })}
      footer={
        // The button and the reason an order was refused stay in sight when the form scrolls.
        <div className="map-card__foot">
          <button
            type="submit"
            form={formId}
            className="primary-button"
            data-testid="order-submit"
            disabled={!ready || order.status === 'placing'}
          >
            {order.status === 'placing' ? 'Placing…' : 'Place order'}
          </button>
          {order.status === 'error' && (
            <p className="order-card__error" role="alert" data-testid="order-error">
              {order.message}
            </p>
          )}
        </div>
      }
    >
      <form
        id={formId}
        onSubmit={(event) => {
          event.preventDefault();
          if (!order.address) {
            setOrderUi({
              status: 'error',
              message: 'Choose a city or click the map for the delivery address.',
            });
            return;
          }
          void placeOrderNow({
            lon: order.address.lon,
            lat: order.address.lat,
            weightKg: item.weightKg,
            promise,
          });
        }}
      >
        <fieldset>
          <legend>Deliver to</legend>
          <div className="order-card__row">
            <select
              ref={cityRef}
              aria-label="City"
              data-testid="order-city"
              value={cityValue}
              disabled={!ready}
              onChange={(event) => {
                const city = cities.find((candidate) => candidate.label === event.currentTarget.value);
                setOrderUi({ address: city ?? null, pickingAddress: false, status: 'idle', message: '' });
              }}
            >
              <option value="">{ready ? 'Choose a city…' : 'Loading cities…'}</option>
              {cities.map((city) => (
                <option key={city.label} value={city.label}>
                  {city.label}
                </option>
              ))}
            </select>
            <button
              type="button"
              aria-pressed={order.pickingAddress}
              data-testid="order-pick-on-map"
              onClick={() =>
                setOrderUi({ pickingAddress: !order.pickingAddress, status: 'idle', message: '' })
              }
            >
              {order.pickingAddress ? 'Click the map…' : 'Pick on the map'}
            </button>
          </div>
          <p className="order-card__address" data-testid="order-address">
            {order.address ? order.address.label : 'No address yet'}
          </p>
        </fieldset>
        <fieldset>
          <legend>Item</legend>
          {ORDER_ITEMS.map((candidate) => (
            <label key={candidate.key} className="order-card__choice">
              <input
                type="radio"
                name="order-item"
                value={candidate.key}
                checked={candidate.key === item.key}
                onChange={() => setOrderUi({ itemKey: candidate.key })}
              />
              {candidate.label} <span className="muted">— {candidate.detail}</span>
            </label>
          ))}
        </fieldset>
        <label className="order-card__promise">
          Delivery speed
          <select
            data-testid="order-promise"
            value={promise}
            onChange={(event) => setOrderUi({ promise: event.currentTarget.value as PromiseClass })}
          >
            {PROMISE_CLASSES.map((name) => (
              <option key={name} value={name}>
                {PROMISE_LABELS[name] ?? name}
              </option>
            ))}
          </select>
        </label>
        <p className="order-card__note">
          The order enters the model at the time on screen. The storefront promises the speed asked for where
          the order's path can keep it, else the fastest it can.
        </p>
      </form>
    </MapCard>
  );
}
