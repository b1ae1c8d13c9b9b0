import { describe, expect, test } from 'vitest';
import { createOrderPinsLayer } from '../../../src/map/layers/orderPinsLayer';
import type { OrderPin } from '../../../src/map/orderPins';
import { ORDER_COLOR } from '../../../src/ui/palette';

describe('the order pins layer', () => {
  test('draws the followed door bigger and solid, the address being chosen smaller and see-through', () => {
    const pins: OrderPin[] = [
      { kind: 'address', lon: -87.6, lat: 41.9 },
      { kind: 'door', lon: -87.7, lat: 41.8 },
    ];
    const layer = createOrderPinsLayer(pins);
    const getRadius = layer.props.getRadius as (pin: OrderPin) => number;
    const getFillColor = layer.props.getFillColor as unknown as (pin: OrderPin) => number[];
    expect(getRadius(pins[1])).toBeGreaterThan(getRadius(pins[0]));
    expect(getFillColor(pins[1])).toEqual([...ORDER_COLOR, 255]);
    expect(getFillColor(pins[0])[3]).toBeLessThan(255);
  });
});
