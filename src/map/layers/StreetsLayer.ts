/**
 * Streets at city zoom: the grids the model's vans and Flex cars drive (streetNetwork.ts), in the
 * basemap's muted colours under everything that moves, arterials wider and lighter than local
 * streets, fading out where an area ends and no other begins. Drawn for the stations whose
 * service areas are in view.
 */
import { CompositeLayer } from '@deck.gl/core';
import { LineLayer } from '@deck.gl/layers';
import type { NetworkMessage } from '../../worker/protocol';
import { getStationStreets, type StreetSegments } from '../streetNetwork';

/** From this zoom the street grids are drawn. */
export const STREETS_ZOOM = 11;
/** At most this many stations' grids at once (the nearest the centre of the view). */
export const MAX_STREET_STATIONS = 60;
export const ARTERIAL_COLOR: [number, number, number, number] = [74, 92, 114, 255];
export const LOCAL_STREET_COLOR: [number, number, number, number] = [58, 76, 96, 255];

/** Local streets 200 m apart blur into a grey wash at zoom 11: they fade in towards zoom 13. */
export function getLocalStreetOpacity(zoom: number): number {
  return Math.min(1, Math.max(0.12, (zoom - STREETS_ZOOM) / 2));
}

/**
 * Street segments as LineLayer binary data: source lon, lat and target lon, lat (stride 4), and
 * each segment's colour (its class's, at the segment's opacity: streets fade out at outer edges).
 */
interface SegmentData {
  length: number;
  attributes: {
    getSourcePosition: { value: Float32Array; size: 2; stride: 16; offset: 0 };
    getTargetPosition: { value: Float32Array; size: 2; stride: 16; offset: 8 };
    getColor: { value: Uint8Array; size: 4; normalized: true };
  };
}

function toSegmentData(
  segments: Float32Array,
  alpha: Uint8Array,
  color: readonly [number, number, number, number],
): SegmentData {
  const colors = new Uint8Array(alpha.length * 4);
  for (let segment = 0; segment < alpha.length; segment++) {
    colors[segment * 4] = color[0];
    colors[segment * 4 + 1] = color[1];
    colors[segment * 4 + 2] = color[2];
    colors[segment * 4 + 3] = alpha[segment];
  }
  return {
    length: segments.length / 4,
    attributes: {
      getSourcePosition: { value: segments, size: 2, stride: 16, offset: 0 },
      getTargetPosition: { value: segments, size: 2, stride: 16, offset: 8 },
      getColor: { value: colors, size: 4, normalized: true },
    },
  };
}

type MergedStreets = { arterials: SegmentData; locals: SegmentData };
const mergedCache = new WeakMap<NetworkMessage, WeakMap<readonly number[], MergedStreets>>();

/** The streets of these stations in two buffers (one per class), kept while the list is the same. */
export function getMergedStreets(network: NetworkMessage, stationIndices: readonly number[]): MergedStreets {
  let byList = mergedCache.get(network);
  if (!byList) {
    byList = new WeakMap();
    mergedCache.set(network, byList);
  }
  let merged = byList.get(stationIndices);
  if (!merged) {
    const parts = stationIndices.map((index) => getStationStreets(network, index));
    const concat = <T extends Float32Array | Uint8Array>(arrays: T[], out: T) => {
      let offset = 0;
      for (const array of arrays) {
        out.set(array, offset);
        offset += array.length;
      }
      return out;
    };
    const join = (streets: StreetSegments[], color: readonly [number, number, number, number]) =>
      toSegmentData(
        concat(
          streets.map((part) => part.segments),
          new Float32Array(streets.reduce((sum, part) => sum + part.segments.length, 0)),
        ),
        concat(
          streets.map((part) => part.alpha),
          new Uint8Array(streets.reduce((sum, part) => sum + part.alpha.length, 0)),
        ),
        color,
      );
    merged = {
      arterials: join(
        parts.map((part) => part.arterials),
        ARTERIAL_COLOR,
      ),
      locals: join(
        parts.map((part) => part.locals),
        LOCAL_STREET_COLOR,
      ),
    };
    byList.set(stationIndices, merged);
  }
  return merged;
}

/** `stationIndices`: the service areas whose grids to draw (a new array when the view changes). */
export type StreetsLayerProps = { network: NetworkMessage; stationIndices: readonly number[]; zoom: number };

export class StreetsLayer extends CompositeLayer<StreetsLayerProps> {
  static override layerName = 'StreetsLayer';

  override renderLayers() {
    const { network, stationIndices, zoom } = this.props;
    const { arterials, locals } = getMergedStreets(network, stationIndices);
    return [
      new LineLayer(
        this.getSubLayerProps({
          id: 'local',
          data: locals,
          getWidth: 1,
          widthUnits: 'pixels',
          opacity: getLocalStreetOpacity(zoom),
        }),
      ),
      new LineLayer(
        this.getSubLayerProps({
          id: 'arterial',
          data: arterials,
          getWidth: 2,
          widthUnits: 'pixels',
        }),
      ),
    ];
  }
}
