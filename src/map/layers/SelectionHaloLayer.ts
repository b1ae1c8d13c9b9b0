/**
 * What is selected, marked on the map whatever its kind: a white ring round a selected facility
 * (however it was reached: a click, "Fly to", a shared link), and for a selected vehicle a glow
 * that rides with it on the GPU plus its whole route, faint, so a person sees where it goes. While
 * the vehicle stands at a door its glow is a ring there (a glow of no length draws nothing).
 */
import type { FloatColumn } from '../binaryColumns';
import { CompositeLayer } from '@deck.gl/core';
import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Selection } from '../../state/store';
import type { NetworkMessage } from '../../worker/protocol';
import { ClockedStopsLayer } from '../ClockedStopsLayer';
import { ClockedTripsLayer, type SimClock } from '../ClockedTripsLayer';
import type { KindTrips } from '../tripStore';
import { writeStandingTimes } from './VehiclesLayer';

const HALO_COLOR: [number, number, number, number] = [255, 255, 255, 235];
const GLOW_COLOR: [number, number, number, number] = [255, 255, 255, 90];
/** Ring radius round a selected facility, px: clear of the largest marker (FC at full throughput). */
export const FACILITY_HALO_RADIUS_PX = 17;
/** The glow riding with a selected vehicle, px wide: a round halo round its head. */
const VEHICLE_GLOW_WIDTH_PX = 16;
/** The glow round a selected vehicle standing at a door: outside its standing ring (VehiclesLayer). */
const STANDING_GLOW_RADIUS_PX = 9.5;
const STANDING_GLOW_LINE_PX = 4;

/** One trip's path for the halo: its vertices and their times since `epochS`. */
export interface SelectedTrip {
  length: 1;
  startIndices: Uint32Array;
  attributes: {
    getPath: FloatColumn<2>;
    getTimestamps: FloatColumn<1>;
  };
  epochS: number;
  /** Its door stops, for ClockedStopsLayer: where, and when it stands at each. */
  standing: {
    length: number;
    attributes: {
      getPosition: { value: Float32Array; size: 2 };
      getStopTimes: { value: Float32Array; size: 3 };
    };
  };
}

/** Copies trip `trip` of `trips` out as a one-trip path (a selection is one vehicle: no reuse needed). */
export function createSelectedTrip(trips: KindTrips, trip: number): SelectedTrip {
  const first = trips.startIndices[trip];
  const end = trips.startIndices[trip + 1];
  const firstStop = trips.stopStart[trip];
  const endStop = trips.stopStart[trip + 1];
  return {
    length: 1,
    startIndices: Uint32Array.from([0, end - first]),
    attributes: {
      getPath: { value: trips.positions.slice(first * 2, end * 2), size: 2 },
      getTimestamps: { value: trips.timestamps.slice(first, end), size: 1 },
    },
    epochS: trips.epochS,
    standing: {
      length: endStop - firstStop,
      attributes: {
        getPosition: { value: trips.stopPositions.slice(firstStop * 2, endStop * 2), size: 2 },
        getStopTimes: {
          value: writeStandingTimes(new Float32Array((endStop - firstStop) * 3), trips, firstStop, endStop),
          size: 3,
        },
      },
    },
  };
}

export interface SelectionHaloLayerProps {
  network: NetworkMessage;
  selection: Selection;
  /** The selected vehicle's current trip, null when no vehicle is selected or its trip is gone. */
  selectedTrip: SelectedTrip | null;
  /** Sim seconds of travel the glow spans: the vehicle head's length (VehiclesLayer). */
  glowLengthS: number;
  clock: SimClock;
}

export class SelectionHaloLayer extends CompositeLayer<SelectionHaloLayerProps> {
  static override layerName = 'SelectionHaloLayer';

  override renderLayers() {
    const { network, selection, selectedTrip, glowLengthS, clock } = this.props;
    if (selection?.kind === 'facility') {
      const facility = network.facilities[selection.id];
      if (!facility) return [];
      return [
        new ScatterplotLayer(
          this.getSubLayerProps({
            id: 'facility-ring',
            data: [facility, facility],
            getPosition: () => [facility.lon, facility.lat],
            getRadius: (_: unknown, { index }: { index: number }) =>
              index === 0 ? FACILITY_HALO_RADIUS_PX + 5 : FACILITY_HALO_RADIUS_PX,
            radiusUnits: 'pixels',
            filled: false,
            stroked: true,
            lineWidthUnits: 'pixels',
            getLineWidth: (_: unknown, { index }: { index: number }) => (index === 0 ? 6 : 2.5),
            getLineColor: (_: unknown, { index }: { index: number }) =>
              index === 0 ? GLOW_COLOR : HALO_COLOR,
            updateTriggers: { getPosition: selection.id },
          }),
        ),
      ];
    }
    if (selection?.kind !== 'vehicle' || !selectedTrip) return [];
    return [
      new PathLayer(
        this.getSubLayerProps({
          id: 'vehicle-route',
          data: selectedTrip,
          _pathType: 'open',
          getColor: [255, 255, 255, 70],
          getWidth: 2,
          widthUnits: 'pixels',
        }),
      ),
      new ClockedTripsLayer(
        this.getSubLayerProps({
          id: 'vehicle-glow',
          data: selectedTrip,
          clock,
          epochS: selectedTrip.epochS,
          _pathType: 'open',
          getColor: GLOW_COLOR,
          getWidth: VEHICLE_GLOW_WIDTH_PX,
          widthUnits: 'pixels',
          capRounded: true,
          jointRounded: true,
          trailLength: glowLengthS,
        }),
      ),
      new ClockedStopsLayer(
        this.getSubLayerProps({
          id: 'vehicle-standing-glow',
          data: selectedTrip.standing,
          clock,
          epochS: selectedTrip.epochS,
          radiusUnits: 'pixels',
          getRadius: STANDING_GLOW_RADIUS_PX,
          filled: false,
          stroked: true,
          lineWidthUnits: 'pixels',
          getLineWidth: STANDING_GLOW_LINE_PX,
          getLineColor: GLOW_COLOR,
        }),
      ),
    ];
  }
}
