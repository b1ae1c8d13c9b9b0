/**
 * Door stops at street zoom: a small ring per stop of every last-mile route on the road, in its
 * vehicle's colour, filling in when the vehicle reaches the door: green if the parcel arrives by
 * its promise, vermillion if late. Animated on the GPU by ClockedStopsLayer.
 */
import { type ColorColumn, type FloatColumn, toColorColumn } from '../binaryColumns';
import { CompositeLayer } from '@deck.gl/core';
import { LATE_COLOR, ON_TIME_COLOR, VEHICLE_COLORS } from '../../ui/palette';
import type { SimClock } from '../ClockedTripsLayer';
import { ClockedStopsLayer } from '../ClockedStopsLayer';
import type { KindTrips, TripGeneration } from '../tripStore';

/** Stop ring radius and line width, px. */
const STOP_RADIUS_PX = 3.5;
const STOP_LINE_PX = 1;

/** Door stops of one kind's trips as binary attributes for ClockedStopsLayer. */
export interface DoorStopData {
  length: number;
  attributes: {
    getPosition: FloatColumn<2>;
    getStopTimes: FloatColumn<3>;
    getFillColor: ColorColumn;
  };
}

/** Writes each stop's fill: on-time green when it arrives by its deadline, else late vermillion. */
export function writeStopFillColors(out: Uint8Array, trips: KindTrips): Uint8Array {
  for (let stop = 0; stop < trips.stopCountTotal; stop++) {
    const late = trips.stopTimes[stop * 3 + 1] > trips.stopDueS[stop];
    const color = late ? LATE_COLOR : ON_TIME_COLOR;
    out[stop * 4] = color[0];
    out[stop * 4 + 1] = color[1];
    out[stop * 4 + 2] = color[2];
    out[stop * 4 + 3] = 255;
  }
  return out;
}

const stopDataCache = new WeakMap<KindTrips, { version: number; data: DoorStopData }>();

/** The stops of `trips` for the GPU; the same object until the trips change. */
export function getDoorStopData(trips: KindTrips): DoorStopData {
  const cached = stopDataCache.get(trips);
  if (cached?.version === trips.version) return cached.data;
  const colors = writeStopFillColors(new Uint8Array(trips.stopCountTotal * 4), trips);
  const data: DoorStopData = {
    length: trips.stopCountTotal,
    attributes: {
      getPosition: { value: trips.stopPositions, size: 2 },
      getStopTimes: { value: trips.stopTimes, size: 3 },
      getFillColor: toColorColumn(colors),
    },
  };
  stopDataCache.set(trips, { version: trips.version, data });
  return data;
}

export interface DoorStopsLayerProps {
  generations: readonly TripGeneration[];
  tripsVersion: number;
  /** Per vehicle kind: its stops drawn or not (legend toggles). */
  kindVisible: readonly boolean[];
  clock: SimClock;
}

export class DoorStopsLayer extends CompositeLayer<DoorStopsLayerProps> {
  static override layerName = 'DoorStopsLayer';

  override renderLayers() {
    const { generations, kindVisible, clock } = this.props;
    const layers: ClockedStopsLayer[] = [];
    // Below street zoom, or for a hidden kind, no sublayers: deck.gl would keep an invisible
    // layer's attributes for every generation of stops.
    if (!this.props.visible) return layers;
    for (const generation of generations) {
      for (const trips of generation.kinds) {
        if (trips.stopCountTotal === 0 || !(kindVisible[trips.kind] ?? true)) continue;
        const color = VEHICLE_COLORS[trips.kind];
        layers.push(
          new ClockedStopsLayer(
            this.getSubLayerProps({
              id: `stops-${generation.id}-${trips.kind}`,
              data: getDoorStopData(trips),
              clock,
              epochS: generation.epochS,
              radiusUnits: 'pixels',
              getRadius: STOP_RADIUS_PX,
              stroked: true,
              lineWidthUnits: 'pixels',
              getLineWidth: STOP_LINE_PX,
              getLineColor: [color[0], color[1], color[2], 220],
            }),
          ),
        );
      }
    }
    return layers;
  }
}
