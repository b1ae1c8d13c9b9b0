/** "Place your order" pins: the address being chosen, and the followed order's door. */
import { ScatterplotLayer } from '@deck.gl/layers';
import { ORDER_COLOR } from '../../ui/palette';
import type { OrderPin } from '../orderPins';

export function createOrderPinsLayer(pins: OrderPin[]): ScatterplotLayer<OrderPin> {
  return new ScatterplotLayer<OrderPin>({
    id: 'order-pins',
    data: pins,
    getPosition: (pin) => [pin.lon, pin.lat],
    getRadius: (pin) => (pin.kind === 'door' ? 9 : 7),
    radiusUnits: 'pixels',
    filled: true,
    getFillColor: (pin) => [...ORDER_COLOR, pin.kind === 'door' ? 255 : 140],
    stroked: true,
    getLineColor: [11, 22, 34, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
  });
}
