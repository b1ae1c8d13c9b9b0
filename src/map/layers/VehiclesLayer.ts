/**
 * Vehicles: every trip the worker streamed, as a fading trail and a bright head per vehicle,
 * animated on the GPU from the display clock (ClockedTripsLayer), one pair of sublayers per trip
 * generation and vehicle kind so sealed generations are never re-uploaded. A vehicle standing at
 * a door has a head of no length, which draws nothing: it is drawn as a ring round the door while
 * it stands there (ClockedStopsLayer, per generation and kind with door stops).
 */
import type { PickingInfo } from '@deck.gl/core';
import type { Selection } from '../../state/store';
import { VEHICLE_COLORS } from '../../ui/palette';
import type { NetworkMessage } from '../../worker/protocol';
import { ClockedStopsLayer } from '../ClockedStopsLayer';
import { ClockedTripsLayer, type SimClock } from '../ClockedTripsLayer';
import type { BinaryTrips, KindTrips, TripGeneration } from '../tripStore';
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
/**
 * A vehicle standing at a door: a ring this wide (px) round it, outside the door's own ring
 * (DoorStopsLayer: 3.5 px, its line 1 px) so the door's fill stays in sight.
 */
const STANDING_RADIUS_PX = 6;
const STANDING_LINE_PX = 2;

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

/** Vehicles standing at their doors, as ClockedStopsLayer draws them: one point per door stop. */
export interface StandingData {
  length: number;
  /** The columns the stops are of: a pick's index is one of their stops. */
  stopsOf: KindTrips;
  attributes: {
    getPosition: { value: Float32Array; size: 2 };
    /** Per stop: shown from, filled from, hidden after (seconds since the epoch). */
    getStopTimes: { value: Float32Array; size: 3 };
  };
}

/**
 * Per stop of `trips` from `firstStop` to `endStop` (all by default), from `out`'s start: its
 * vehicle's arrival (twice: shown from, filled from) and departure.
 */
export function writeStandingTimes(
  out: Float32Array,
  trips: KindTrips,
  firstStop = 0,
  endStop = trips.stopCountTotal,
): Float32Array {
  for (let stop = firstStop; stop < endStop; stop++) {
    const row = (stop - firstStop) * 3;
    out[row] = trips.stopTimes[stop * 3 + 1];
    out[row + 1] = trips.stopTimes[stop * 3 + 1];
    out[row + 2] = trips.stopLeaveS[stop];
  }
  return out;
}

const standingDataCache = new WeakMap<KindTrips, { version: number; data: StandingData }>();

/** The door stops of `trips` as standing vehicles for the GPU; the same object until the trips change. */
export function getStandingData(trips: KindTrips): StandingData {
  const cached = standingDataCache.get(trips);
  if (cached?.version === trips.version) return cached.data;
  const data: StandingData = {
    length: trips.stopCountTotal,
    stopsOf: trips,
    attributes: {
      getPosition: { value: trips.stopPositions, size: 2 },
      getStopTimes: {
        value: writeStandingTimes(new Float32Array(trips.stopCountTotal * 3), trips),
        size: 3,
      },
    },
  };
  standingDataCache.set(trips, { version: trips.version, data });
  return data;
}

/**
 * Empty trips and standing vehicles for the shader warm-up sublayers (see renderLayers): binary
 * data of no rows, so they draw nothing and their attributes cost nothing.
 */
const NO_TRIPS = {
  length: 0,
  startIndices: new Uint32Array(1),
  attributes: {
    getPath: { value: new Float32Array(0), size: 2 },
    getTimestamps: { value: new Float32Array(0), size: 1 },
  },
};
/**
 * How every trips sublayer reads its paths, the warm-up's included: open paths taken as they are
 * (no normalisation), so deck.gl hands the binary path column to the GPU as it is (float32x2).
 * luma.gl keeps one pipeline per buffer layout; a warm-up laid out otherwise (normalised paths are
 * float64x3) leaves the first real trips layer to make its own, and a new pipeline reads its
 * program's layout back synchronously: on software WebGL the main thread then waits for the GPU
 * process to drain its queue, 0.35-3 s in the opening's profiles, between the first trips handled
 * and drawn.
 */
export const TRIP_PATH_LAYOUT = { _pathType: 'open' } as const;

const NO_STANDING = {
  length: 0,
  attributes: {
    getPosition: { value: new Float32Array(0), size: 2 },
    getStopTimes: { value: new Float32Array(0), size: 3 },
  },
};

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
  /** Called each time a frame draws trips to the screen (ClockedTripsLayer's onTripsDrawn); none by default. */
  onTripsDrawn?: (() => void) | null;
}

export class VehiclesLayer extends PickableMapLayer<VehiclesLayerProps> {
  static override layerName = 'VehiclesLayer';

  override renderLayers() {
    const { generations, kindVisible, speed, clock } = this.props;
    const trailShare = this.props.trailShare ?? 1;
    const layers: Array<ClockedTripsLayer | ClockedStopsLayer> = [];
    // Hidden kinds get no sublayers at all: deck.gl tessellates and keeps the attributes of an
    // invisible layer as of a visible one, and a page at 3,600x with vehicles off held hundreds of
    // megabytes of trails nobody could see. Showing a kind again builds its layers once.
    if (!this.props.visible) return layers;
    // Hidden and empty, from the first drawing on: deck.gl initialises a hidden layer all the
    // same, so the trips and standing-vehicle shaders compile (and link: in software WebGL the
    // main thread waits seconds on that) with the network's layers, while the worker still
    // restores its state, not when the first trips arrive. The real sublayers reuse the linked
    // programs (luma.gl shares a program among layers of the same shader source while one lives)
    // and, their buffers laid out alike (TRIP_PATH_LAYOUT), the pipelines made for them.
    layers.push(
      new ClockedTripsLayer(
        this.getSubLayerProps({
          ...TRIP_PATH_LAYOUT,
          id: 'shader-warm-up-trips',
          data: NO_TRIPS,
          clock,
          visible: false,
        }),
      ),
      new ClockedStopsLayer(
        this.getSubLayerProps({ id: 'shader-warm-up-standing', data: NO_STANDING, clock, visible: false }),
      ),
    );
    for (const generation of generations) {
      for (const kindTrips of generation.kinds) {
        if (kindTrips.tripCount === 0 || !(kindVisible[kindTrips.kind] ?? true)) continue;
        const kind = kindTrips.kind;
        const color = VEHICLE_COLORS[kind];
        const common = {
          data: kindTrips.getLayerData(),
          clock,
          epochS: generation.epochS,
          activeFromS: kindTrips.firstDepartS,
          activeUntilS: kindTrips.lastEndS,
          onTripsDrawn: this.props.onTripsDrawn ?? null,
          ...TRIP_PATH_LAYOUT,
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
        if (kindTrips.stopCountTotal === 0) continue;
        layers.push(
          new ClockedStopsLayer(
            this.getSubLayerProps({
              id: `standing-${generation.id}-${kind}`,
              data: getStandingData(kindTrips),
              clock,
              epochS: generation.epochS,
              radiusUnits: 'pixels',
              getRadius: STANDING_RADIUS_PX,
              filled: false,
              stroked: true,
              lineWidthUnits: 'pixels',
              getLineWidth: STANDING_LINE_PX,
              getLineColor: [color[0], color[1], color[2], 255],
              pickable: true,
            }),
          ),
        );
      }
    }
    return layers;
  }

  /**
   * The picked trip: the columns behind the head (or the standing ring) that was hit and the
   * trip's index in them.
   */
  private getPickedTrip(info: PickingInfo): { trips: KindTrips; trip: number } | null {
    const data = info.sourceLayer?.props.data as Partial<BinaryTrips & StandingData> | undefined;
    if (!data?.length || info.index < 0 || info.index >= data.length) return null;
    if (data.source) return { trips: data.source, trip: info.index };
    if (data.stopsOf) return { trips: data.stopsOf, trip: data.stopsOf.getTripOfStop(info.index) };
    return null;
  }

  override getTooltipHtml(info: PickingInfo): string | null {
    const picked = this.getPickedTrip(info);
    if (!picked) return null;
    const { trips } = picked;
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
    const { trips } = picked;
    return { kind: 'vehicle', id: trips.vehicleId[picked.trip], vehicleKind: trips.kind };
  }
}
