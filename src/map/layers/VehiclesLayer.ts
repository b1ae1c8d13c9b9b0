/**
 * Vehicles: every trip the worker streamed, as a fading trail and a bright head per vehicle,
 * animated on the GPU from the display clock (ClockedTripsLayer), one pair of sublayers per trip
 * generation and vehicle kind so sealed generations are never re-uploaded.
 */
import type { PickingInfo } from '@deck.gl/core';
import type { Selection } from '../../state/store';
import { VEHICLE_COLORS } from '../../ui/palette';
import type { NetworkMessage } from '../../worker/protocol';
import { ClockedTripsLayer, type SimClock } from '../ClockedTripsLayer';
import type { BinaryTrips, TripGeneration } from '../tripStore';
import { getVehicleStatus, vehicleTooltip } from '../vehicleStatus';
import { PickableMapLayer } from './PickableMapLayer';

/** Trail width in pixels by vehicle kind: trucks widest. */
const TRAIL_WIDTH_PX = [3, 2, 2, 2, 2];
/** Heads are this many times as wide as their trail: a capsule pointing where the vehicle goes. */
const HEAD_WIDTH_FACTOR = 3;
/** At low speed a trail shows this many wall seconds of travel, a head this many. */
const TRAIL_WALL_S = 1.5;
const HEAD_WALL_S = 0.12;
/** Shortest trail and head, sim seconds: enough to see which way a vehicle goes at 1x. */
const MIN_TRAIL_S = 60;
const MIN_HEAD_S = 10;
/**
 * Longest trail and head by vehicle kind, sim seconds. Above the speed where they bind, a trail
 * covers ever fewer wall seconds, so at 3,600x vans draw short strokes on their streets rather
 * than an hour of driving each; trucks keep longer ones because they cross the country.
 */
const MAX_TRAIL_S = [1200, 120, 120, 120, 120];
const MAX_HEAD_S = [30, 15, 15, 15, 15];

/** Sim seconds of travel a trail of vehicle `kind` shows at `speed` (sim seconds per wall second). */
export function getTrailLengthS(kind: number, speed: number): number {
  return Math.min(MAX_TRAIL_S[kind] ?? MIN_TRAIL_S, Math.max(MIN_TRAIL_S, speed * TRAIL_WALL_S));
}

/** Sim seconds of travel a vehicle's head marker spans at `speed`. */
export function getHeadLengthS(kind: number, speed: number): number {
  return Math.min(MAX_HEAD_S[kind] ?? MIN_HEAD_S, Math.max(MIN_HEAD_S, speed * HEAD_WALL_S));
}

/** The longest trail any kind draws at `speed`: trips that ended before now minus this are gone. */
export function getLongestTrailS(speed: number): number {
  let longest = 0;
  for (let kind = 0; kind < MAX_TRAIL_S.length; kind++)
    longest = Math.max(longest, getTrailLengthS(kind, speed));
  return longest;
}

export interface VehiclesLayerProps {
  network: NetworkMessage;
  generations: readonly TripGeneration[];
  /** Bumped whenever trips are added or dropped (the TripStore's version). */
  tripsVersion: number;
  /** Per vehicle kind: drawn or not (legend toggles and zoom). */
  kindVisible: readonly boolean[];
  /** Sim seconds per wall second: sets trail and head lengths. */
  speed: number;
  /**
   * Share of the trail length drawn (1 by default; less where frames are slow, 0: heads only,
   * so each vehicle costs one path instead of two).
   */
  trailShare?: number;
  /** Modelled parcels per real one (params.scale): hover figures are at real volume. */
  scale: number;
  clock: SimClock;
}

export class VehiclesLayer extends PickableMapLayer<VehiclesLayerProps> {
  static override layerName = 'VehiclesLayer';

  override renderLayers() {
    const { generations, kindVisible, speed, clock } = this.props;
    const trailShare = this.props.trailShare ?? 1;
    const layers: ClockedTripsLayer[] = [];
    // Hidden kinds get no sublayers at all: deck.gl tessellates and keeps the attributes of an
    // invisible layer as of a visible one, and a page at 3,600x with vehicles off held hundreds of
    // megabytes of trails nobody could see. Showing a kind again builds its layers once.
    if (!this.props.visible) return layers;
    for (const generation of generations) {
      for (const kindTrips of generation.kinds) {
        if (kindTrips.tripCount === 0 || !(kindVisible[kindTrips.kind] ?? true)) continue;
        const kind = kindTrips.kind;
        const color = VEHICLE_COLORS[kind];
        const common = {
          data: kindTrips.getLayerData(),
          clock,
          epochS: generation.epochS,
          _pathType: 'open' as const,
          widthUnits: 'pixels' as const,
          capRounded: true,
          jointRounded: true,
        };
        layers.push(
          new ClockedTripsLayer(
            this.getSubLayerProps({
              ...common,
              id: `trails-${generation.id}-${kind}`,
              getColor: [color[0], color[1], color[2], 200],
              getWidth: TRAIL_WIDTH_PX[kind],
              trailLength: getTrailLengthS(kind, speed) * Math.max(trailShare, 0.1),
              // Hidden rather than removed: its buffers stay for when frames are quick again.
              visible: trailShare > 0,
            }),
          ),
          new ClockedTripsLayer(
            this.getSubLayerProps({
              ...common,
              id: `heads-${generation.id}-${kind}`,
              getColor: [color[0], color[1], color[2], 255],
              getWidth: TRAIL_WIDTH_PX[kind] * HEAD_WIDTH_FACTOR,
              // Fading stays on: TripsLayer only cuts the tail off (vTime < now - trailLength) when
              // fadeTrail is set, so without it a head would draw the whole path travelled.
              trailLength: getHeadLengthS(kind, speed),
              pickable: true,
            }),
          ),
        );
      }
    }
    return layers;
  }

  /** The picked trip: the columns behind the head that was hit and the trip's index in them. */
  private getPickedTrip(info: PickingInfo): { data: BinaryTrips; trip: number } | null {
    const data = info.sourceLayer?.props.data as BinaryTrips | undefined;
    if (!data?.source || info.index < 0 || info.index >= data.length) return null;
    return { data, trip: info.index };
  }

  override getTooltipHtml(info: PickingInfo): string | null {
    const picked = this.getPickedTrip(info);
    if (!picked) return null;
    const trips = picked.data.source;
    return vehicleTooltip(
      getVehicleStatus(
        this.props.network,
        trips,
        picked.trip,
        trips.epochS,
        this.props.clock.timeS,
        this.props.scale,
      ),
    );
  }

  override getSelection(info: PickingInfo): Selection {
    const picked = this.getPickedTrip(info);
    if (!picked) return null;
    const trips = picked.data.source;
    return { kind: 'vehicle', id: trips.vehicleId[picked.trip], vehicleKind: trips.kind };
  }
}
