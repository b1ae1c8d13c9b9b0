import { describe, expect, test } from 'vitest';
import { createHighwaysLayer, getHighwayData } from '../../../src/map/layers/highwaysLayer';
import { createTestNetwork } from '../fixtures';

describe('the highways layer', () => {
  test('draws the network links as binary paths, made once per network', () => {
    const network = createTestNetwork();
    const data = getHighwayData(network);
    expect(data.length).toBe(2);
    expect(data.attributes.getPath.value).toBe(network.highwayPaths.positions);
    expect(getHighwayData(network)).toBe(data);
    expect(getHighwayData(createTestNetwork())).not.toBe(data);
  });

  test('follows the legend toggle', () => {
    const network = createTestNetwork();
    expect(createHighwaysLayer(network, true).props.visible).toBe(true);
    expect(createHighwaysLayer(network, false).props.visible).toBe(false);
  });
});
