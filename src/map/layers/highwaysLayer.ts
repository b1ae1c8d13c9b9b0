/** The highway graph line-haul trucks drive, as thin muted links under everything that moves. */
import type { FloatColumn } from '../binaryColumns';
import { PathLayer } from '@deck.gl/layers';
import type { NetworkMessage } from '../../worker/protocol';

/** The links as binary path data (two vertices each), made once per network. */
interface HighwayData {
  length: number;
  startIndices: Uint32Array;
  attributes: { getPath: FloatColumn<2> };
}

const highwayDataCache = new WeakMap<NetworkMessage, HighwayData>();

export function getHighwayData(network: NetworkMessage): HighwayData {
  let data = highwayDataCache.get(network);
  if (!data) {
    data = {
      length: network.highwayPaths.length,
      startIndices: network.highwayPaths.startIndices,
      attributes: { getPath: { value: network.highwayPaths.positions, size: 2 } },
    };
    highwayDataCache.set(network, data);
  }
  return data;
}

export const HIGHWAY_COLOR: [number, number, number, number] = [90, 110, 135, 110];

export function createHighwaysLayer(network: NetworkMessage, visible: boolean): PathLayer {
  return new PathLayer({
    id: 'highways',
    data: getHighwayData(network),
    _pathType: 'open',
    getColor: HIGHWAY_COLOR,
    getWidth: 1.5,
    widthUnits: 'pixels',
    visible,
  });
}
