/**
 * Below LAST_MILE_DETAIL_ZOOM each last-mile vehicle would be a sub-pixel scribble: they are drawn
 * instead as one ring per delivery station, its area growing with the vehicles out from it.
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Facility } from '../../sim/network';
import type { NetworkMessage } from '../../worker/protocol';

/** From this zoom each van, Flex car and carrier vehicle is drawn; below it, the rings. */
export const LAST_MILE_DETAIL_ZOOM = 7;

/** Ring radius of a station with one vehicle out, less the growth, px. */
export const ACTIVITY_BASE_RADIUS_PX = 2;
/**
 * Growth of the radius per square root of the vehicles out, px: the area follows the count. At
 * the default scale in the afternoon (day 4 15:00) 748 facilities have vehicles out, a median of
 * 72 each (p90 134, the most 1,036): 2.5 px drew the median 25 px wide and the country one blue
 * disc, every metro's stations over each other and the line-haul flows under them; at 1 px it is
 * 10.5 px (p90 13.6).
 */
export const ACTIVITY_PX_PER_SQRT_VEHICLE = 1;

/** Ring radius in pixels for `active` vehicles out: none draws nothing; area grows with the count. */
export function getActivityRadiusPx(active: number): number {
  return active > 0 ? ACTIVITY_BASE_RADIUS_PX + Math.sqrt(active) * ACTIVITY_PX_PER_SQRT_VEHICLE : 0;
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
    // A faint fill: where a metro's rings overlap, their fills add up, and the outlines are what
    // tells the stations apart.
    getFillColor: [86, 180, 233, 28],
    stroked: true,
    getLineColor: [86, 180, 233, 200],
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    visible: props.visible,
    updateTriggers: { getRadius: props.activeVersion },
  });
}
