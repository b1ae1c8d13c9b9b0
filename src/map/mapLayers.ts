/**
 * Builds the deck.gl layers from what the worker streamed and hands them to the overlay. The
 * layer list is rebuilt only when data changes (network, a tick, a trip batch, a toggle); time
 * passing reaches the GPU through ClockedTripsLayer, which reads the display clock when it draws,
 * so a frame costs one `redraw` call whatever the number of vehicles.
 */
import type { Deck, Layer, PickingInfo } from '@deck.gl/core';
import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import type { Facility } from '../sim/simulation';
import { debugHandle } from '../state/debugHandle';
import { perfStats } from '../state/perfStats';
import { onFrame } from '../state/playback';
import { onNetwork, onTick, onTrips, onTripsReset, simView } from '../state/simClient';
import { appStore, displayClock, type LayerToggles, select } from '../state/store';
import { FACILITY_COLORS, VEHICLE_COLORS } from '../ui/palette';
import { ClockedTripsLayer } from './ClockedTripsLayer';
import { mapHandle, writeTripPosition } from './mapHandle';
import { facilityTooltip, vehicleTooltip } from './tooltips';
import { type KindTrips, TripStore } from './tripStore';

/** Facility marker radius in pixels by kind: FCs biggest, stations smallest. */
const FACILITY_RADIUS_PX = [7, 5, 3, 5];
/** Draw order by facility kind: stations first, fulfillment centers on top. */
const DRAW_ORDER = [3, 2, 0, 1];
/** Trail width in pixels by vehicle kind: trucks widest. */
const TRAIL_WIDTH_PX = [3, 2, 2, 2, 2];
/** Trails last this many wall seconds of display, whatever the speed. */
const TRAIL_WALL_S = 1.5;
/** Head markers are a trail this short (in wall seconds): a capsule pointing where it goes. */
const HEAD_WALL_S = 0.12;
/** deck.gl styles its tooltip inline; these override its light defaults for the dark theme. */
const TOOLTIP_STYLE = {
  backgroundColor: 'rgb(17 29 43 / 0.95)',
  color: '#e3ebf3',
  padding: '0.45rem 0.6rem',
};
/** How often (wall ms) trips that have ended are dropped. */
const PRUNE_INTERVAL_MS = 1000;

interface HighwayData {
  length: number;
  startIndices: Uint32Array;
  attributes: { getPath: { value: Float32Array; size: 2 } };
}

export interface MapLayers {
  tripStore: TripStore;
  dispose(): void;
}

export function createMapLayers(overlay: MapboxOverlay): MapLayers {
  const tripStore = new TripStore();
  let facilitiesVersion = 0;
  let lastDrawnTimeS = Number.NaN;
  let lastPruneMs = 0;

  function trailSeconds(wallS: number, minS: number): number {
    return Math.max(minS, appStore.getState().playback.speed * wallS);
  }

  function vehicleLayers(toggles: LayerToggles): Layer[] {
    const layers: Layer[] = [];
    const trailS = trailSeconds(TRAIL_WALL_S, 300);
    const headS = trailSeconds(HEAD_WALL_S, 20);
    for (const generation of tripStore.generations) {
      generation.kinds.forEach((kindTrips, kind) => {
        if (kindTrips.tripCount === 0) return;
        const data = kindTrips.getLayerData();
        const visible = toggles.vehicles[kind] ?? true;
        const color = VEHICLE_COLORS[kind];
        const common = {
          data,
          clock: displayClock,
          epochS: generation.epochS,
          _pathType: 'open' as const,
          widthUnits: 'pixels' as const,
          capRounded: true,
          jointRounded: true,
          visible,
        };
        layers.push(
          new ClockedTripsLayer({
            ...common,
            id: `trails-${generation.id}-${kind}`,
            getColor: [color[0], color[1], color[2], 200],
            getWidth: TRAIL_WIDTH_PX[kind],
            trailLength: trailS,
          }),
          new ClockedTripsLayer({
            ...common,
            id: `heads-${generation.id}-${kind}`,
            getColor: [color[0], color[1], color[2], 255],
            getWidth: TRAIL_WIDTH_PX[kind] * 3,
            // Fading stays on: TripsLayer only cuts the tail off (vTime < now - trailLength) when
            // fadeTrail is set, so without it a head would draw the whole path travelled.
            trailLength: headS,
            pickable: true,
          }),
        );
      });
    }
    return layers;
  }

  let highwayData: { network: unknown; data: HighwayData } | null = null;
  function getHighwayData(network: NonNullable<typeof simView.network>): HighwayData {
    if (highwayData?.network !== network) {
      highwayData = {
        network,
        data: {
          length: network.highwayPaths.length,
          startIndices: network.highwayPaths.startIndices,
          attributes: { getPath: { value: network.highwayPaths.positions, size: 2 } },
        },
      };
    }
    return highwayData.data;
  }

  // Fulfillment centers are drawn last so they sit on top of the stations around them and win
  // the pick where they overlap at national zoom.
  let facilitiesByKind: { network: unknown; list: Facility[] } | null = null;
  function getFacilitiesTopmostLast(network: NonNullable<typeof simView.network>): Facility[] {
    if (facilitiesByKind?.network !== network) {
      const list = [...network.facilities].sort(
        (a, b) => DRAW_ORDER[a.kind] - DRAW_ORDER[b.kind] || a.id - b.id,
      );
      facilitiesByKind = { network, list };
    }
    return facilitiesByKind.list;
  }

  function render(): void {
    const network = simView.network;
    if (!network) return;
    const tick = simView.currentTick;
    const { layers: toggles, selection } = appStore.getState();
    const selectedFacility = selection?.kind === 'facility' ? selection.id : -1;
    overlay.setProps({
      layers: [
        new PathLayer({
          id: 'highways',
          data: getHighwayData(network),
          _pathType: 'open',
          getColor: [90, 110, 135, 110],
          getWidth: 1.5,
          widthUnits: 'pixels',
          visible: toggles.highways,
        }),
        ...vehicleLayers(toggles),
        new ScatterplotLayer({
          id: 'facilities',
          data: getFacilitiesTopmostLast(network),
          getPosition: (facility) => [facility.lon, facility.lat],
          getFillColor: (facility) =>
            [...FACILITY_COLORS[facility.kind], 230] as [number, number, number, number],
          getLineColor: (facility) =>
            selectedFacility === facility.id ? [255, 255, 255, 255] : [11, 22, 34, 255],
          getRadius: (facility) => {
            const base = FACILITY_RADIUS_PX[facility.kind] ?? 3;
            const backlog = tick?.facilities.backlogParcels[facility.id] ?? 0;
            return base + Math.min(6, Math.sqrt(backlog) / 20);
          },
          radiusUnits: 'pixels',
          stroked: true,
          lineWidthUnits: 'pixels',
          getLineWidth: (facility) => (selectedFacility === facility.id ? 3 : 1),
          pickable: true,
          visible: toggles.facilities,
          updateTriggers: {
            getRadius: facilitiesVersion,
            getLineColor: selectedFacility,
            getLineWidth: selectedFacility,
          },
        }),
      ],
    });
  }

  /** The trip columns behind a picked head layer (`heads-<generation>-<kind>`). */
  function pickedTrips(info: PickingInfo): { kind: number; trips: KindTrips } | null {
    const match = /^heads-(\d+)-(\d+)$/.exec(info.layer?.id ?? '');
    if (!match) return null;
    const generation = tripStore.generations.find((candidate) => candidate.id === Number(match[1]));
    const kind = Number(match[2]);
    const trips = generation?.kinds[kind];
    return trips ? { kind, trips } : null;
  }

  overlay.setProps({
    _onMetrics: (metrics) => {
      perfStats.deck = {
        cpuTimePerFrame: metrics.cpuTimePerFrame,
        updateAttributesCount: metrics.updateAttributesCount,
        framesRedrawn: metrics.framesRedrawn,
        bufferMemory: metrics.bufferMemory,
        layersCount: metrics.layersCount,
      };
    },
    getTooltip: (info: PickingInfo) => {
      if (info.index < 0 || !simView.network) return null;
      if (info.layer?.id === 'facilities') {
        return {
          html: facilityTooltip(simView.network, simView.currentTick, (info.object as Facility).id),
          className: 'map-tooltip',
          style: TOOLTIP_STYLE,
        };
      }
      const picked = pickedTrips(info);
      if (!picked) return null;
      return {
        html: vehicleTooltip(picked.kind, picked.trips, info.index, displayClock.timeS),
        className: 'map-tooltip',
        style: TOOLTIP_STYLE,
      };
    },
    onClick: (info: PickingInfo) => {
      if (info.layer?.id === 'facilities' && info.object) {
        select({ kind: 'facility', id: (info.object as Facility).id });
        return;
      }
      const picked = info.index >= 0 ? pickedTrips(info) : null;
      if (picked) {
        select({ kind: 'vehicle', id: picked.trips.vehicleId[info.index], vehicleKind: picked.kind });
        return;
      }
      select(null);
    },
  });

  // Following a vehicle: the camera is moved to its interpolated position each frame. One
  // vehicle, so this is the only per-frame position the main thread computes.
  const followPosition: [number, number] = [0, 0];
  function followSelectedVehicle(timeS: number): void {
    const { selection, following } = appStore.getState();
    const map = mapHandle.map;
    if (!following || selection?.kind !== 'vehicle' || !map) return;
    const found = tripStore.findTrip(selection.vehicleKind, selection.id, timeS);
    if (!found) return;
    const trips = found.generation.kinds[selection.vehicleKind];
    const onRoad = writeTripPosition(
      followPosition,
      trips.positions,
      trips.timestamps,
      trips.startIndices[found.trip],
      trips.startIndices[found.trip + 1],
      timeS - found.generation.epochS,
    );
    if (onRoad) map.jumpTo({ center: followPosition });
  }

  // MapboxOverlay keeps its Deck private; redraw() is the only way to draw a new clock time
  // without handing deck.gl new layers every frame (deck.gl 9.4 has no public redraw on it).
  const getDeck = () => (overlay as unknown as { _deck?: Deck })._deck;

  const unsubscribers = [
    onNetwork(() => {
      facilitiesVersion++;
      render();
    }),
    onTick(() => {
      facilitiesVersion++;
      render();
    }),
    onTrips((batch) => {
      tripStore.append(batch);
      render();
    }),
    onTripsReset(() => {
      tripStore.clear();
      render();
    }),
    appStore.subscribe((state, previous) => {
      if (
        state.layers !== previous.layers ||
        state.playback.speed !== previous.playback.speed ||
        state.selection !== previous.selection
      ) {
        render();
      }
    }),
    onFrame((timeS) => {
      if (timeS === lastDrawnTimeS) return;
      lastDrawnTimeS = timeS;
      getDeck()?.redraw('sim clock');
      followSelectedVehicle(timeS);
      const nowMs = performance.now();
      if (nowMs - lastPruneMs > PRUNE_INTERVAL_MS) {
        lastPruneMs = nowMs;
        if (tripStore.prune(timeS - trailSeconds(TRAIL_WALL_S, 300))) render();
      }
    }),
  ];
  mapHandle.tripStore = tripStore;
  debugHandle.tripStore = tripStore;
  render();
  return {
    tripStore,
    dispose() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      mapHandle.tripStore = null;
      debugHandle.tripStore = null;
    },
  };
}
