/**
 * Below LAST_MILE_DETAIL_ZOOM each last-mile vehicle would be a sub-pixel scribble: they are drawn
 * instead as one ring per delivery station, its area growing with the vehicles out from it.
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Facility } from '../../sim/network';
import type { NetworkMessage } from '../../worker/protocol';

/** From this zoom each van, Flex car and carrier vehicle is drawn; below it, the rings. */
export const LAST_MILE_DETAIL_ZOOM = 7;

/** Ring radius in pixels for `active` vehicles out: none draws nothing; area grows with the count. */
export function getActivityRadiusPx(active: number): number {
  return active > 0 ? 4 + Math.sqrt(active) * 2.5 : 0;
}

export interface StationActivityProps {
  network: NetworkMessage;
  /** Last-mile vehicles on the road per facility id (TripStore.countActiveLastMileByOrigin). */
  activeByFacility: Float32Array;
  /** Bumped when the counts are rewritten. */
  activeVersion: number;
  visible: boolean;
}

export function createStationActivityLayer(props: StationActivityProps): ScatterplotLayer<Facility> {
  const { activeByFacility } = props;
  return new ScatterplotLayer<Facility>({
    id: 'station-activity',
    data: props.network.facilities,
    getPosition: (facility) => [facility.lon, facility.lat],
    getRadius: (facility) => getActivityRadiusPx(activeByFacility[facility.id] ?? 0),
    radiusUnits: 'pixels',
    filled: true,
    getFillColor: [86, 180, 233, 60],
    stroked: true,
    getLineColor: [86, 180, 233, 200],
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
    visible: props.visible,
    updateTriggers: { getRadius: props.activeVersion },
  });
}
