/**
 * Puts the map's layers together from what the worker streamed and hands them to the overlay.
 * Each layer lives in its own module under layers/; this file only gathers their inputs from the
 * page's state and stacks them. The list is rebuilt only when data changes (network, a tick, a
 * trip batch, a toggle); time passing reaches the GPU through ClockedTripsLayer, which reads the
 * display clock when it draws, so a frame costs one `redraw` call whatever the number of vehicles.
 */
import type { Deck, Layer, PickingInfo } from '@deck.gl/core';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import { debugHandle } from '../state/debugHandle';
import { perfStats } from '../state/perfStats';
import { onFrame } from '../state/playback';
import { channelA, channelB, simView } from '../state/simClient';
import { appStore, displayClock, select, setOrderUi } from '../state/store';
import { createFacilityIconAtlas } from './facilityIcons';
import { BUILDINGS_ZOOM, FacilitiesLayer } from './layers/FacilitiesLayer';
import { createHighwaysLayer } from './layers/highwaysLayer';
import { createOrderPinsLayer } from './layers/orderPinsLayer';
import { getPickOwner } from './layers/PickableMapLayer';
import { createStationActivityLayer, LAST_MILE_DETAIL_ZOOM } from './layers/stationActivityLayer';
import { getLongestTrailS, VehiclesLayer } from './layers/VehiclesLayer';
import { mapHandle, writeTripPosition } from './mapHandle';
import { describeAddress, getOrderPins } from './orderPins';
import { TripStore } from './tripStore';

/** The part of deck.gl's (protected) metrics object the benchmark reads. */
type DeckMetricsLike = { bufferMemory: number; updateAttributesCount: number; framesRedrawn: number };

/** deck.gl styles its tooltip inline; these override its light defaults for the dark theme. */
const TOOLTIP_STYLE = {
  backgroundColor: 'rgb(17 29 43 / 0.95)',
  color: '#e3ebf3',
  padding: '0.45rem 0.6rem',
};
/** How often (wall ms) trips that have ended are dropped. */
const PRUNE_INTERVAL_MS = 1000;
/** Pixels around the pointer a pick reaches: vehicles are a few pixels wide and move. */
const PICKING_RADIUS_PX = 6;

export interface MapLayers {
  tripStore: TripStore;
  dispose(): void;
}

export function createMapLayers(overlay: MapboxOverlay): MapLayers {
  const tripStoreA = new TripStore();
  const tripStoreB = new TripStore();
  /** The trips the map draws: scenario B's when the compare panel says so, A's otherwise. */
  let tripStore = tripStoreA;
  const facilityIcons = createFacilityIconAtlas();
  /** Last-mile vehicles out per facility (national-zoom rings), recounted at tick rate. */
  let activeByFacility = new Float32Array(0);
  let activeVersion = 0;
  let lastMileDetailed = (mapHandle.map?.getZoom() ?? 0) >= LAST_MILE_DETAIL_ZOOM;
  let showBuildings = (mapHandle.map?.getZoom() ?? 0) >= BUILDINGS_ZOOM;
  let figuresVersion = 0;
  let lastDrawnTimeS = Number.NaN;
  let lastPruneMs = 0;

  const trailHorizonS = () => displayClock.timeS - getLongestTrailS(appStore.getState().playback.speed);

  function render(): void {
    const network = simView.network;
    if (!network) return;
    const { layers: toggles, selection, compare, playback } = appStore.getState();
    const showB = compare.active && compare.mapSource === 'B' && channelB.view.currentTick !== null;
    const diffMode = compare.active && compare.mapSource === 'diff' && channelB.view.currentTick !== null;
    tripStore = showB ? tripStoreB : tripStoreA;
    const tickA = simView.currentTick;
    const tick = showB || diffMode ? channelB.view.currentTick : tickA;
    const layers: Layer[] = [
      createHighwaysLayer(network, toggles.highways),
      new VehiclesLayer({
        id: 'vehicles',
        network,
        generations: tripStore.generations,
        tripsVersion: tripStore.version,
        kindVisible: toggles.vehicles.map((on, kind) => on && (kind === 0 || lastMileDetailed)),
        speed: playback.speed,
        clock: displayClock,
      }),
      createStationActivityLayer({
        network,
        activeByFacility,
        activeVersion,
        visible: !lastMileDetailed && toggles.vehicles.slice(1).some(Boolean),
      }),
      createOrderPinsLayer(getOrderPins()),
      new FacilitiesLayer({
        id: 'facilities',
        network,
        tick,
        tickA,
        diffMode,
        selectedFacilityId: selection?.kind === 'facility' ? selection.id : -1,
        showBuildings,
        icons: facilityIcons,
        scale: simView.params?.scale ?? 1,
        figuresVersion,
        visible: toggles.facilities,
      }),
    ];
    overlay.setProps({ layers });
  }

  overlay.setProps({
    pickingRadius: PICKING_RADIUS_PX,
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
      if (info.index < 0) return null;
      const html = getPickOwner(info)?.getTooltipHtml(info);
      return html ? { html, className: 'map-tooltip', style: TOOLTIP_STYLE } : null;
    },
    getCursor: ({ isDragging, isHovering }) =>
      appStore.getState().order.pickingAddress
        ? 'crosshair'
        : isDragging
          ? 'grabbing'
          : isHovering
            ? 'pointer'
            : 'grab',
    onClick: (info: PickingInfo) => {
      // "Place your order": the click is the delivery address, not a selection.
      if (appStore.getState().order.pickingAddress && info.coordinate) {
        const [lon, lat] = info.coordinate;
        setOrderUi({ address: describeAddress(simView.network, lon, lat), pickingAddress: false });
        return;
      }
      select(info.index >= 0 ? (getPickOwner(info)?.getSelection(info) ?? null) : null);
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

  function recountStationActivity(): void {
    if (lastMileDetailed) return;
    const count = simView.network?.facilities.length ?? 0;
    if (activeByFacility.length !== count) activeByFacility = new Float32Array(count);
    tripStore.countActiveLastMileByOrigin(displayClock.timeS, activeByFacility);
    activeVersion++;
  }

  const handleZoom = () => {
    const zoom = mapHandle.map?.getZoom() ?? 0;
    const detailed = zoom >= LAST_MILE_DETAIL_ZOOM;
    const buildings = zoom >= BUILDINGS_ZOOM;
    if (detailed === lastMileDetailed && buildings === showBuildings) return;
    lastMileDetailed = detailed;
    showBuildings = buildings;
    recountStationActivity();
    render();
  };
  mapHandle.map?.on('zoomend', handleZoom);

  // MapboxOverlay keeps its Deck private; redraw() is the only way to draw a new clock time
  // without handing deck.gl new layers every frame (deck.gl 9.4 has no public redraw on it).
  const getDeck = () => (overlay as unknown as { _deck?: Deck })._deck;

  const unsubscribers = [
    channelA.onNetwork(() => {
      figuresVersion++;
      render();
    }),
    channelA.onTick(() => {
      figuresVersion++;
      recountStationActivity();
      render();
    }),
    channelB.onTick(() => {
      if (!appStore.getState().compare.active) return;
      figuresVersion++;
      render();
    }),
    channelA.onTrips((batch) => {
      tripStoreA.append(batch, trailHorizonS());
      if (tripStore === tripStoreA) render();
    }),
    channelB.onTrips((batch) => {
      tripStoreB.append(batch, trailHorizonS());
      if (tripStore === tripStoreB) render();
    }),
    channelA.onTripsReset(() => {
      tripStoreA.clear();
      render();
    }),
    channelA.onTripsRewound((firstVehicleId) => {
      tripStoreA.dropVehiclesFrom(firstVehicleId);
      render();
    }),
    channelB.onTripsRewound((firstVehicleId) => {
      tripStoreB.dropVehiclesFrom(firstVehicleId);
      render();
    }),
    channelB.onTripsReset(() => {
      tripStoreB.clear();
      render();
    }),
    appStore.subscribe((state, previous) => {
      if (
        state.layers !== previous.layers ||
        state.playback.speed !== previous.playback.speed ||
        state.selection !== previous.selection ||
        state.order !== previous.order ||
        state.compare !== previous.compare
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
        const before = trailHorizonS();
        const prunedA = tripStoreA.prune(before);
        const prunedB = tripStoreB.prune(before);
        if (prunedA || prunedB) render();
      }
    }),
  ];
  perfStats.readDeckMetrics = () => {
    const metrics = (getDeck() as unknown as { metrics?: DeckMetricsLike } | undefined)?.metrics;
    return {
      bufferMemory: metrics?.bufferMemory ?? 0,
      updateAttributesCount: metrics?.updateAttributesCount ?? 0,
      framesRedrawn: metrics?.framesRedrawn ?? 0,
    };
  };
  mapHandle.redrawOverlay = () => getDeck()?.redraw('export');
  mapHandle.tripStore = tripStoreA;
  debugHandle.tripStore = tripStoreA;
  render();
  return {
    tripStore: tripStoreA,
    dispose() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      mapHandle.tripStore = null;
      mapHandle.redrawOverlay = null;
      mapHandle.map?.off('zoomend', handleZoom);
      debugHandle.tripStore = null;
    },
  };
}
