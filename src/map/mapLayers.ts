/**
 * Builds the deck.gl layers from what the worker streamed and hands them to the overlay. The
 * layer list is rebuilt only when data changes (network, a tick, a trip batch, a toggle); time
 * passing reaches the GPU through ClockedTripsLayer, which reads the display clock when it draws,
 * so a frame costs one `redraw` call whatever the number of vehicles.
 */
import type { Deck, Layer, PickingInfo } from '@deck.gl/core';
import { ColumnLayer, IconLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import type { Facility } from '../sim/simulation';
import { debugHandle } from '../state/debugHandle';
import { perfStats } from '../state/perfStats';
import { onFrame } from '../state/playback';
import { channelA, channelB, simView } from '../state/simClient';
import { appStore, displayClock, type LayerToggles, select, setOrderUi } from '../state/store';
import { ORDER_COLOR, VEHICLE_COLORS } from '../ui/palette';
import { createFacilityIconAtlas, FACILITY_ICON_NAMES, writeBacklogColor } from './facilityIcons';
import { ClockedTripsLayer } from './ClockedTripsLayer';
import { mapHandle, writeTripPosition } from './mapHandle';
import { describeAddress, getOrderPins, type OrderPin } from './orderPins';
import { facilityTooltip, vehicleTooltip } from './tooltips';
import { type KindTrips, TripStore } from './tripStore';

type RGBA = [number, number, number, number];
/** The part of deck.gl's (protected) metrics object the benchmark reads. */
type DeckMetricsLike = { bufferMemory: number; updateAttributesCount: number; framesRedrawn: number };

/** Facility marker size in pixels by kind before throughput adds to it: FCs biggest. */
const FACILITY_SIZE_PX = [13, 11, 7, 10];
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
/**
 * Below this zoom each last-mile vehicle would be a sub-pixel scribble: they are drawn instead
 * as one ring per delivery station, sized by the vehicles out from it. Trucks stay individual.
 */
export const LAST_MILE_DETAIL_ZOOM = 7;
/** From this zoom facilities also stand as extruded buildings (tilt the map to see them). */
export const BUILDINGS_ZOOM = 9;
/**
 * Half the side of each facility's footprint in metres, by kind: a median FC is ~855k sq ft
 * (~280 m square), a sortation center ~385k sq ft, stations and hubs smaller (CALIBRATION.md).
 */
const FOOTPRINT_RADIUS_M = [200, 135, 90, 90];
/** Roof height in metres by kind (drawn exaggerated x4 so it reads at city zoom). */
const BUILDING_HEIGHT_M = [25, 18, 12, 12];
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
  const tripStoreA = new TripStore();
  const tripStoreB = new TripStore();
  /** The trips the map draws: scenario B's when the compare panel says so, A's otherwise. */
  let tripStore = tripStoreA;
  const iconAtlas = createFacilityIconAtlas();
  /** Last-mile vehicles out per facility (national-zoom rings), recounted at tick rate. */
  let activeByStation = new Float32Array(0);
  let activeVersion = 0;
  let lastMileDetailed = (mapHandle.map?.getZoom() ?? 0) >= LAST_MILE_DETAIL_ZOOM;
  let showBuildings = (mapHandle.map?.getZoom() ?? 0) >= BUILDINGS_ZOOM;
  const colorScratch: RGBA = [0, 0, 0, 0];
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
        const visible = (toggles.vehicles[kind] ?? true) && (kind === 0 || lastMileDetailed);
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

  /** Backlog colour, or in difference mode how B's backlog differs from A's; white ring when selected. */
  function facilityColor(
    id: number,
    tick: typeof simView.currentTick,
    tickA: typeof simView.currentTick,
    diffMode: boolean,
    selectedFacility: number,
  ): RGBA {
    if (id === selectedFacility) return [255, 255, 255, 255];
    if (!tick) return [143, 163, 184, 220];
    if (diffMode && tickA) {
      const delta = tick.facilities.backlogParcels[id] - tickA.facilities.backlogParcels[id];
      if (delta === 0) return [110, 125, 140, 160];
      return delta > 0 ? [213, 94, 0, 240] : [0, 158, 115, 240];
    }
    // deck.gl copies an accessor's result into its attribute at once, so a scratch array is safe.
    return writeBacklogColor(
      colorScratch,
      tick.facilities.backlogParcels[id],
      tick.facilities.throughputPerHour[id],
    );
  }

  let facilitiesOfKind: { network: unknown; lists: Facility[][] } | null = null;
  function getFacilitiesOfKind(network: NonNullable<typeof simView.network>, kind: number): Facility[] {
    if (facilitiesOfKind?.network !== network) {
      const lists: Facility[][] = FOOTPRINT_RADIUS_M.map(() => []);
      for (const facility of network.facilities) lists[facility.kind]?.push(facility);
      facilitiesOfKind = { network, lists };
    }
    return facilitiesOfKind.lists[kind] ?? [];
  }

  function render(): void {
    const network = simView.network;
    if (!network) return;
    const { layers: toggles, selection, compare } = appStore.getState();
    const showB = compare.active && compare.mapSource === 'B' && channelB.view.currentTick !== null;
    const diffMode = compare.active && compare.mapSource === 'diff' && channelB.view.currentTick !== null;
    tripStore = showB ? tripStoreB : tripStoreA;
    const tickA = simView.currentTick;
    const tick = showB || diffMode ? channelB.view.currentTick : tickA;
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
        new ScatterplotLayer<Facility>({
          id: 'station-activity',
          data: getFacilitiesTopmostLast(network),
          getPosition: (facility) => [facility.lon, facility.lat],
          getRadius: (facility) => {
            const active = activeByStation[facility.id] ?? 0;
            return active > 0 ? 4 + Math.sqrt(active) * 2.5 : 0;
          },
          radiusUnits: 'pixels',
          filled: true,
          getFillColor: [86, 180, 233, 60],
          stroked: true,
          getLineColor: [86, 180, 233, 200],
          lineWidthUnits: 'pixels',
          getLineWidth: 1.5,
          visible: !lastMileDetailed && toggles.vehicles.slice(1).some(Boolean),
          updateTriggers: { getRadius: activeVersion },
        }),
        ...FOOTPRINT_RADIUS_M.map(
          (radiusM, kind) =>
            new ColumnLayer<Facility>({
              id: `facility-buildings-${kind}`,
              data: getFacilitiesOfKind(network, kind),
              diskResolution: 4,
              angle: 45,
              radius: radiusM,
              radiusUnits: 'meters',
              getPosition: (facility) => [facility.lon, facility.lat],
              // Exaggerated x4 so a 25 m roof reads at city zoom.
              getElevation: (facility) => (BUILDING_HEIGHT_M[facility.kind] ?? 12) * 4,
              extruded: true,
              getFillColor: (facility) => facilityColor(facility.id, tick, tickA, diffMode, selectedFacility),
              pickable: true,
              visible: toggles.facilities && showBuildings,
              updateTriggers: { getFillColor: [facilitiesVersion, selectedFacility, diffMode] },
            }),
        ),
        new ScatterplotLayer<OrderPin>({
          id: 'order-pins',
          data: getOrderPins(),
          getPosition: (pin) => [pin.lon, pin.lat],
          getRadius: (pin) => (pin.kind === 'door' ? 9 : 7),
          radiusUnits: 'pixels',
          filled: true,
          getFillColor: (pin) => [...ORDER_COLOR, pin.kind === 'door' ? 255 : 140],
          stroked: true,
          getLineColor: [11, 22, 34, 255],
          lineWidthUnits: 'pixels',
          getLineWidth: 2,
        }),
        new IconLayer<Facility>({
          id: 'facilities',
          data: getFacilitiesTopmostLast(network),
          iconAtlas: iconAtlas.atlas,
          iconMapping: iconAtlas.mapping,
          getIcon: (facility) => FACILITY_ICON_NAMES[facility.kind] ?? 'circle',
          getPosition: (facility) => [facility.lon, facility.lat],
          getColor: (facility) => facilityColor(facility.id, tick, tickA, diffMode, selectedFacility),
          getSize: (facility) => {
            const base = FACILITY_SIZE_PX[facility.kind] ?? 7;
            const throughput = tick?.facilities.throughputPerHour[facility.id] ?? 0;
            return base + Math.min(10, Math.sqrt(throughput) / 4);
          },
          sizeUnits: 'pixels',
          pickable: true,
          visible: toggles.facilities,
          updateTriggers: {
            getSize: facilitiesVersion,
            getColor: [facilitiesVersion, selectedFacility, diffMode],
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
      if (info.layer?.id.startsWith('facilit') && info.object) {
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
      if (info.layer?.id.startsWith('facilit') && info.object) {
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

  function recountStationActivity(): void {
    if (lastMileDetailed) return;
    const count = simView.network?.facilities.length ?? 0;
    if (activeByStation.length !== count) activeByStation = new Float32Array(count);
    tripStore.countActiveLastMileByOrigin(displayClock.timeS, activeByStation);
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
      facilitiesVersion++;
      render();
    }),
    channelA.onTick(() => {
      facilitiesVersion++;
      recountStationActivity();
      render();
    }),
    channelB.onTick(() => {
      if (!appStore.getState().compare.active) return;
      facilitiesVersion++;
      render();
    }),
    channelA.onTrips((batch) => {
      tripStoreA.append(batch, displayClock.timeS - trailSeconds(TRAIL_WALL_S, 300));
      if (tripStore === tripStoreA) render();
    }),
    channelB.onTrips((batch) => {
      tripStoreB.append(batch, displayClock.timeS - trailSeconds(TRAIL_WALL_S, 300));
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
        const before = timeS - trailSeconds(TRAIL_WALL_S, 300);
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
