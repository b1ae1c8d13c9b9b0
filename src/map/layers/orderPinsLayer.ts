/**
 * "Place your order" pins: the address being chosen, and the followed order's door; and edit
 * mode's site for a new facility (a white ring, apart from the order's magenta).
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import { INK_COLOR, ORDER_COLOR } from '../../ui/palette';
import type { OrderPin } from '../orderPins';

export function createOrderPinsLayer(pins: OrderPin[]): ScatterplotLayer<OrderPin> {
  return new ScatterplotLayer<OrderPin>({
    id: 'order-pins',
    data: pins,
    getPosition: (pin) => [pin.lon, pin.lat],
    getRadius: (pin) => (pin.kind === 'door' ? 9 : pin.kind === 'editSite' ? 10 : 7),
    radiusUnits: 'pixels',
    filled: true,
    getFillColor: (pin) =>
      pin.kind === 'editSite' ? [...INK_COLOR, 60] : [...ORDER_COLOR, pin.kind === 'door' ? 255 : 140],
    stroked: true,
    getLineColor: (pin) => (pin.kind === 'editSite' ? [...INK_COLOR, 255] : [11, 22, 34, 255]),
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
  });
}
