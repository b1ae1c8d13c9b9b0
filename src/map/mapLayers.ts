/**
 * Puts the map's layers together from what the worker streamed and hands them to the overlay.
 * Each layer lives in its own module under layers/; this file only gathers their inputs from the
 * page's state and stacks them. The list is rebuilt only when data changes (network, a tick, a
 * trip batch, a toggle); time passing reaches the GPU through ClockedTripsLayer, which reads the
 * display clock when it draws, so a frame costs one `redraw` call whatever the number of vehicles.
 */
import type { Deck, PickingInfo } from '@deck.gl/core';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import { debugHandle } from '../state/debugHandle';
import { perfStats } from '../state/perfStats';
import { getMinRedrawMs } from '../state/frameBudget';
import { onFrame } from '../state/playback';
import { channelA, channelB, simView } from '../state/simClient';
import {
  appStore,
  displayClock,
  isSameSelection,
  type LayerToggles,
  pushNotice,
  type Selection,
  select,
  setOrderUi,
} from '../state/store';
import { createFacilityIconAtlas } from './facilityIcons';
import { DoorStopsLayer } from './layers/DoorStopsLayer';
import { getLaneFlows, LaneFlowsLayer } from './layers/LaneFlowsLayer';
import type { LateHexagon } from './layers/latenessHex';
import { ServiceAreasLayer, type StationOnTime } from './layers/ServiceAreasLayer';
import { type Storm, trackStorms, WeatherLayer } from './layers/WeatherLayer';
import { getSumWindow, LedgerViews } from './ledgerViews';
import { BUILDINGS_ZOOM, FacilitiesLayer } from './layers/FacilitiesLayer';
import { createHighwaysLayer } from './layers/highwaysLayer';
import { createOrderPinsLayer } from './layers/orderPinsLayer';
import { getPickOwner } from './layers/PickableMapLayer';
import { createStationActivityLayer, LAST_MILE_DETAIL_ZOOM } from './layers/stationActivityLayer';
import {
  getLocalStreetOpacity,
  MAX_STREET_STATIONS,
  STREETS_ZOOM,
  StreetsLayer,
} from './layers/StreetsLayer';
import { createSelectedTrip, type SelectedTrip, SelectionHaloLayer } from './layers/SelectionHaloLayer';
import { getHeadLengthS, getLongestTrailS, VehiclesLayer } from './layers/VehiclesLayer';
import { type MapLayerStats, mapHandle, writeTripPosition } from './mapHandle';
import { describeAddress, getOrderPins } from './orderPins';
import { DrawPacer } from './drawPacer';
import { OpeningLayers } from './openingLayers';
import { createShownLayerFilter } from './shownLayers';
import { getStationsInView } from './streetNetwork';
import { StreetDetailSync } from './streetDetailSync';
import { TripLedger } from './tripLedger';
import { getTooltipTransform } from './tooltipPlacement';
import { TripStore } from './tripStore';
import type { TripBatch } from '../sim/simulation';
import type { NetworkMessage } from '../worker/protocol';
import { offerAddAt } from '../ui/networkEditActions';

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
/**
 * A map without vehicles takes at once the trips departing within this much sim time of the
 * display clock (and those on the road); the later ones of the batch join after the frame that
 * draws the first (TripStore.append's deferral). Past the frame, even at 3,600x this is seconds.
 */
const FIRST_TRIPS_SPAN_S = 1800;
/** The deferred trips join after this long (wall ms) if no frame is drawn first (a hidden tab). */
const DEFERRED_TRIPS_LATEST_MS = 1000;
/** Pixels around the pointer a pick reaches: vehicles are a few pixels wide and move. */
const PICKING_RADIUS_PX = 6;

const EMPTY_ON_TIME: StationOnTime = { doors: new Float32Array(0), onTimeDoors: new Float32Array(0) };
const EMPTY_FLOWS = getLaneFlows(new TripLedger(), { facilities: [] } as never, 0, 1);
const NO_LATE_HEXAGONS: LateHexagon[] = [];

/**
 * What the map lowers per drawing level (frameBudget.ts) when frames are slow: the share of
 * each trail drawn (0: heads only), the zoom from which last-mile vehicles are drawn one by one
 * rather than as rings at their stations (levels added to LAST_MILE_DETAIL_ZOOM); the
 * moving vehicles' redraw rate is frameBudget.ts's getMinRedrawMs.
 */
const TRAIL_SHARE_BY_LEVEL = [1, 0.5, 0];
const LAST_MILE_ZOOM_STEP_BY_LEVEL = [0, 0, 1];

/** Whether last-mile vehicles are drawn one by one at `zoom` and drawing level `level`. */
function isLastMileDetailed(zoom: number, level: number): boolean {
  return zoom >= LAST_MILE_DETAIL_ZOOM + (LAST_MILE_ZOOM_STEP_BY_LEVEL[level] ?? 0);
}

export interface MapLayers {
  tripStore: TripStore;
  dispose(): void;
}

/**
 * Where the notes along the map's bottom begin (the scale bar and, above it, the drawing note),
 * px from the map's top; `height` when none shows. They stand over the deck.gl canvas, and so over
 * a hover card: measured where they are, not a copy of their CSS offsets.
 */
function getMapNotesTopPx(height: number): number {
  const map = document.querySelector<HTMLElement>('[data-testid="map"]');
  if (!map) return height;
  const mapTop = map.getBoundingClientRect().top;
  let top = height;
  for (const note of document.querySelectorAll<HTMLElement>(
    '.maplibregl-ctrl-scale, [data-testid="drawing-indicator"]',
  )) {
    const box = note.getBoundingClientRect();
    // Not laid out (hidden): not over the card.
    if (box.height > 0) top = Math.min(top, box.top - mapTop);
  }
  return top;
}

export function createMapLayers(overlay: MapboxOverlay): MapLayers {
  const tripStoreA = new TripStore();
  const tripStoreB = new TripStore();
  /** Each run's worker draws streets only for the trips in view at street zoom. */
  const streetDetailA = new StreetDetailSync(channelA, tripStoreA);
  const streetDetailB = new StreetDetailSync(channelB, tripStoreB);
  /** The trips the map draws: scenario B's when the compare panel says so, A's otherwise. */
  let tripStore = tripStoreA;
  const facilityIcons = createFacilityIconAtlas();
  /** Last-mile vehicles out per facility (national-zoom rings), recounted at tick rate. */
  let activeByFacility = new Float32Array(0);
  let activeVersion = 0;
  let lastMileDetailed = isLastMileDetailed(mapHandle.map?.getZoom() ?? 0, appStore.getState().drawing.level);
  let showBuildings = (mapHandle.map?.getZoom() ?? 0) >= BUILDINGS_ZOOM;
  let zoom = mapHandle.map?.getZoom() ?? 0;
  /** Service areas whose street grids are drawn (a new array only when the set changes). */
  let streetStations: readonly number[] = [];
  let figuresVersion = 0;
  /** Scenario A's trips after they leave the road: door stops and truck departures. */
  const ledger = new TripLedger();
  const ledgerViews = new LedgerViews(ledger);
  /** Scenario B's, for its service areas' doors (the map shows B or where B differs). */
  const ledgerB = new TripLedger();
  const ledgerViewsB = new LedgerViews(ledgerB);
  /** Storms under way in A's run, and when the page first saw each. */
  let storms: Storm[] = [];
  /** The lateness layer's module, loaded the first time the layer is turned on (h3-js is large). */
  let lateness: typeof import('./layers/LatenessHexLayer') | null = null;
  let latenessLoading = false;
  let shownLateHexagons = NO_LATE_HEXAGONS;
  let shownLateLabel = '';
  function loadLateness(): void {
    if (lateness || latenessLoading) return;
    latenessLoading = true;
    import('./layers/LatenessHexLayer').then(
      (module) => {
        lateness = module;
        render();
      },
      (error: Error) => {
        latenessLoading = false;
        pushNotice('warning', `The late-deliveries layer could not load (${error.message}).`);
      },
    );
  }
  /** Hidden layers join deck.gl's list only once first shown (shownLayers.ts). */
  const keepShownLayers = createShownLayerFilter();
  /** What the last render drew of the streets, links and lanes (for the layer stats). */
  let streetsShown = false;
  let highwaysDrawn = false;
  let flowsDrawn = false;
  let lastDrawnTimeS = Number.NaN;
  let lastRedrawMs = 0;
  let lastPruneMs = 0;
  /** Where WebGL is software, drawings wait for the last one to have rendered (drawPacer.ts). */
  const pacer = new DrawPacer();
  /** New data arrived while the pacer held drawings back: rendered at the first frame it allows. */
  let renderPending = false;
  /** A trips layer drew to the screen in the frame deck.gl is drawing (for perfStats.firstTripsDrawnMs). */
  let tripsDrawnInFrame = false;
  const markTripsDrawn = () => {
    tripsDrawnInFrame = true;
  };
  /** Until the first trips come, deck.gl draws only the vehicles and facilities (openingLayers.ts). */
  const openingLayers = new OpeningLayers();

  /**
   * Renders what new data changed (a tick, trips): at once, or where WebGL is software once the
   * pacer allows, at most one render waiting. What a person changes (a layer, a selection, the
   * camera) is drawn at once everywhere.
   */
  function renderData(): void {
    const { drawing } = appStore.getState();
    const nowMs = performance.now();
    if (drawing.software && !pacer.mayDraw(nowMs, getMinRedrawMs(drawing.level, true))) {
      renderPending = true;
      return;
    }
    render();
  }

  /**
   * Renders new trips: the first a map without vehicles gets (the opening, or after a seek or a
   * reset) at once, the rest as renderData paces them. At the opening the frames were long
   * because WebGL was starting (contexts, shaders), not because of drawings, and the pacer held
   * the first trips back twice as long (software WebGL: 1.8-3.3 s, the main thread idle).
   */
  function renderTrips(firstTrips: boolean): void {
    if (firstTrips) render();
    else renderData();
  }

  const trailHorizonS = () => displayClock.timeS - getLongestTrailS(appStore.getState().playback.speed);

  /**
   * Adds a batch of trips to `store` and `ledger` and draws them. A map without vehicles (the
   * opening, a seek) takes first those on the road within FIRST_TRIPS_SPAN_S, and the ledger
   * their trucks: the later trips and the doors join once a frame has drawn these
   * (appendDeferredTrips), so the vehicles show ~0.2 s sooner on a cold page.
   */
  /**
   * Set when a map's first trips came (its later trips and its ledger's doors wait): the next
   * frame drawn lets them join; the timer, if none is.
   */
  let appendDeferredAfterFrame = false;
  let deferredTripsTimer: ReturnType<typeof setTimeout> | undefined;

  function appendTrips(
    store: TripStore,
    tripLedger: TripLedger,
    streetDetail: StreetDetailSync,
    batch: TripBatch,
  ): void {
    const firstTrips = store.generations.length === 0;
    tripLedger.append(batch, firstTrips);
    store.append(
      batch,
      trailHorizonS(),
      firstTrips ? displayClock.timeS + FIRST_TRIPS_SPAN_S : Number.POSITIVE_INFINITY,
    );
    streetDetail.askForStreets(displayClock.timeS);
    if (firstTrips) {
      appendDeferredAfterFrame = true;
      clearTimeout(deferredTripsTimer);
      deferredTripsTimer = setTimeout(appendDeferredTrips, DEFERRED_TRIPS_LATEST_MS);
    }
    if (tripStore === store) renderTrips(firstTrips);
  }

  /** Adds the trips and doors appendTrips left for later, in every store and ledger. */
  function appendDeferredTrips(): void {
    appendDeferredAfterFrame = false;
    clearTimeout(deferredTripsTimer);
    ledger.appendDeferredDoors();
    ledgerB.appendDeferredDoors();
    for (const [store, streetDetail] of [
      [tripStoreA, streetDetailA],
      [tripStoreB, streetDetailB],
    ] as const) {
      if (!store.hasDeferred()) continue;
      store.appendDeferred();
      streetDetail.askForStreets(displayClock.timeS);
    }
    renderData();
  }

  /** The selected vehicle's trip for its halo, found again when the selection or the trips change. */
  let selectedTrip: { selection: Selection; version: number; trip: SelectedTrip | null } | null = null;
  function getSelectedTrip(): SelectedTrip | null {
    const { selection } = appStore.getState();
    if (selection?.kind !== 'vehicle') return null;
    if (selectedTrip?.selection === selection && selectedTrip.version === tripStore.version)
      return selectedTrip.trip;
    const found = tripStore.findTrip(selection.vehicleKind, selection.id, displayClock.timeS);
    const trip = found ? createSelectedTrip(found.generation.kinds[selection.vehicleKind], found.trip) : null;
    selectedTrip = { selection, version: tripStore.version, trip };
    return trip;
  }

  /**
   * B's service areas and their door sums where the map shows B; in difference mode also A's over
   * the same window (from B's first door: B forked there), the reference B's fill is read against.
   */
  function getAreaSums(network: NetworkMessage, toggles: LayerToggles, showB: boolean, diffMode: boolean) {
    const networkB = channelB.view.network;
    if (!toggles.serviceAreas || (!showB && !diffMode) || !networkB) return null;
    const window = getSumWindow(
      appStore.getState().timeWindow,
      displayClock.timeS,
      simView.params?.startDayOfYear ?? null,
      ledgerB.earliestArriveS,
    );
    const scale = channelB.view.params?.scale ?? 1;
    const sumsB = ledgerViewsB.getWindowSums(networkB, window, zoom, scale, null);
    const reference = diffMode
      ? { network, onTime: ledgerViews.getWindowSums(network, window, zoom, scale, null).onTime }
      : null;
    return { network: networkB, sums: sumsB, reference };
  }

  /** Door sums for the service areas and the hexagons, when either is on. */
  function getCurrentSums(network: NonNullable<typeof simView.network>, toggles: LayerToggles) {
    if (!toggles.serviceAreas && !toggles.lateness) return null;
    const window = getSumWindow(
      appStore.getState().timeWindow,
      displayClock.timeS,
      simView.params?.startDayOfYear ?? null,
      ledger.earliestArriveS,
    );
    const cellsOf = toggles.lateness ? (lateness?.LateStopCells ?? null) : null;
    return ledgerViews.getWindowSums(network, window, zoom, simView.params?.scale ?? 1, cellsOf);
  }

  function render(): void {
    const network = simView.network;
    if (!network) return;
    const { layers: toggles, selection, compare, playback, drawing } = appStore.getState();
    const showB = compare.active && compare.mapSource === 'B' && channelB.view.currentTick !== null;
    const diffMode = compare.active && compare.mapSource === 'diff' && channelB.view.currentTick !== null;
    // B's facilities and areas where the map shows B (network edits: B may have more, or fewer open).
    const facilityNetwork = (showB || diffMode) && channelB.view.network ? channelB.view.network : network;
    tripStore = showB ? tripStoreB : tripStoreA;
    const tickA = simView.currentTick;
    const tick = showB || diffMode ? channelB.view.currentTick : tickA;
    const scale = simView.params?.scale ?? 1;
    const sums = getCurrentSums(network, toggles);
    const areasB = getAreaSums(network, toggles, showB, diffMode);
    // A hidden layer still regenerates its attributes when its data changes (a prune or an hour
    // turning renders the map): while the hexagons are off they keep the last ones shown.
    if (toggles.lateness) {
      loadLateness();
      shownLateHexagons = sums?.hexagons ?? NO_LATE_HEXAGONS;
      shownLateLabel = sums?.label ?? '';
    }
    streetsShown = toggles.streets && zoom >= STREETS_ZOOM;
    highwaysDrawn = toggles.highways && !streetsShown;
    flowsDrawn = toggles.flows && !streetsShown;
    const layers = keepShownLayers([
      new ServiceAreasLayer({
        id: 'service-areas',
        network: areasB?.network ?? network,
        onTime: areasB?.sums.onTime ?? sums?.onTime ?? EMPTY_ON_TIME,
        reference: areasB?.reference ?? null,
        tick: areasB ? channelB.view.currentTick : tickA,
        scale,
        windowLabel: areasB?.sums.label ?? sums?.label ?? '',
        visible: toggles.serviceAreas && sums !== null,
      }),
      new StreetsLayer({
        id: 'streets',
        network,
        stationIndices: streetStations,
        zoom,
        visible: streetsShown,
      }),
      // At street zoom the metro-to-metro links and the lane arcs would cut straight across the
      // streets the vans drive, as if they were roads there: they step aside while streets show.
      createHighwaysLayer(network, highwaysDrawn),
      ...(lateness
        ? [
            new lateness.LatenessHexLayer({
              id: 'lateness',
              hexagons: shownLateHexagons,
              windowLabel: shownLateLabel,
              visible: toggles.lateness,
            }),
          ]
        : []),
      new LaneFlowsLayer({
        id: 'lane-flows',
        network,
        flows:
          toggles.flows && !showB && !diffMode ? ledgerViews.getFlows(network, tickA, scale) : EMPTY_FLOWS,
        visible: flowsDrawn,
      }),
      new DoorStopsLayer({
        id: 'door-stops',
        generations: tripStore.generations,
        tripsVersion: tripStore.version,
        kindVisible: toggles.vehicles,
        clock: displayClock,
        visible: zoom >= STREETS_ZOOM,
      }),
      new VehiclesLayer({
        id: 'vehicles',
        network,
        generations: tripStore.generations,
        tripsVersion: tripStore.version,
        kindVisible: toggles.vehicles.map((on, kind) => on && (kind === 0 || lastMileDetailed)),
        speed: playback.speed,
        trailShare: TRAIL_SHARE_BY_LEVEL[drawing.level] ?? 1,
        scale: simView.params?.scale ?? 1,
        clock: displayClock,
        onTripsDrawn: perfStats.firstTripsDrawnMs < 0 ? markTripsDrawn : null,
      }),
      new WeatherLayer({
        id: 'weather',
        network,
        storms,
        timeS: simView.currentTick?.timeS ?? 0,
        startDayOfYear: simView.params?.startDayOfYear ?? null,
        zoom,
        visible: toggles.weather && storms.length > 0,
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
        network: facilityNetwork,
        networkA: network,
        tick,
        tickA,
        diffMode,
        showBuildings,
        icons: facilityIcons,
        scale: simView.params?.scale ?? 1,
        figuresVersion,
        visible: toggles.facilities,
      }),
      new SelectionHaloLayer({
        id: 'selection-halo',
        network: facilityNetwork,
        selection,
        selectedTrip: getSelectedTrip(),
        glowLengthS:
          selection?.kind === 'vehicle' ? getHeadLengthS(selection.vehicleKind, playback.speed) : 0,
        clock: displayClock,
      }),
    ]);
    overlay.setProps({ layers: openingLayers.keep(layers, toggles.vehicles.some(Boolean)) });
    renderPending = false;
    pacer.recordDraw(performance.now());
  }

  overlay.setProps({
    pickingRadius: PICKING_RADIUS_PX,
    onAfterRender: () => {
      // The first frame that drew trips: what a person sees of them (perfStats.firstTripsDrawnMs).
      if (tripsDrawnInFrame && perfStats.firstTripsDrawnMs < 0)
        perfStats.firstTripsDrawnMs = performance.now();
      tripsDrawnInFrame = false;
      // After this frame is on the screen, not within it.
      if (appendDeferredAfterFrame) {
        appendDeferredAfterFrame = false;
        setTimeout(appendDeferredTrips, 0);
      }
    },
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
      const owner = getPickOwner(info);
      // The selection card already shows the selected facility or vehicle: a hover card over it
      // would say the same beside it, and covered it in the corner it opens in.
      if (owner && isSameSelection(owner.getSelection(info), appStore.getState().selection)) return null;
      const html = owner?.getTooltipHtml(info);
      if (!html) return null;
      // The legend stands over the map's right edge (MapLegend.tsx), in the map's container as
      // the deck.gl canvas is: the card keeps left of it, and above the notes along its bottom.
      const legend = document.querySelector<HTMLElement>('[data-testid="map-legend"]');
      const { width, height } = info.viewport ?? { width: 0, height: 0 };
      const freeRightPx = legend?.offsetLeft ?? width;
      const transform = getTooltipTransform(
        info.x,
        info.y,
        width,
        height,
        freeRightPx,
        getMapNotesTopPx(height),
      );
      return { html, className: 'map-tooltip', style: { ...TOOLTIP_STYLE, transform } };
    },
    getCursor: ({ isDragging, isHovering }) =>
      appStore.getState().order.pickingAddress || (appStore.getState().networkEdit.active && !isHovering)
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
      const picked = info.index >= 0 ? (getPickOwner(info)?.getSelection(info) ?? null) : null;
      // Edit mode: a click away from any facility offers to add one there; on one, its card edits it.
      if (appStore.getState().networkEdit.active && picked?.kind !== 'facility' && info.coordinate) {
        const [lon, lat] = info.coordinate;
        offerAddAt(lon, lat);
        return;
      }
      select(picked);
      // deck.gl redraws the hover card only when the pointer moves; after a click the pointer is
      // still, so the card of what was just selected would stay over its selection card.
      if (picked) hideHoverCard();
    },
  });

  function hideHoverCard(): void {
    const card = mapHandle.map?.getContainer().querySelector<HTMLElement>('.map-tooltip');
    if (card) card.style.display = 'none';
  }

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

  /** The service areas in view (with a margin) at street zoom; the same array if unchanged. */
  function findStreetStations(): readonly number[] {
    const map = mapHandle.map;
    const network = simView.network;
    if (!map || !network || zoom < STREETS_ZOOM) return streetStations.length === 0 ? streetStations : [];
    const bounds = map.getBounds();
    const padLon = (bounds.getEast() - bounds.getWest()) * 0.2;
    const padLat = (bounds.getNorth() - bounds.getSouth()) * 0.2;
    const found = getStationsInView(
      network,
      [
        bounds.getWest() - padLon,
        bounds.getSouth() - padLat,
        bounds.getEast() + padLon,
        bounds.getNorth() + padLat,
      ],
      MAX_STREET_STATIONS,
    );
    const same =
      found.length === streetStations.length && found.every((index, k) => streetStations[k] === index);
    return same ? streetStations : found;
  }

  /** Tells both runs' workers what the map shows now (trips' streets follow the view). */
  const showView = () => {
    const map = mapHandle.map;
    if (!map) return;
    const bounds = map.getBounds();
    const view = {
      west: bounds.getWest(),
      south: bounds.getSouth(),
      east: bounds.getEast(),
      north: bounds.getNorth(),
    };
    streetDetailA.showView(view, map.getZoom(), displayClock.timeS);
    streetDetailB.showView(view, map.getZoom(), displayClock.timeS);
  };
  showView();

  const handleMove = () => {
    showView();
    const previousZoom = zoom;
    zoom = mapHandle.map?.getZoom() ?? 0;
    const detailed = isLastMileDetailed(zoom, appStore.getState().drawing.level);
    const buildings = zoom >= BUILDINGS_ZOOM;
    const stations = findStreetStations();
    const streetsChanged =
      stations !== streetStations ||
      zoom >= STREETS_ZOOM !== previousZoom >= STREETS_ZOOM ||
      (zoom >= STREETS_ZOOM && getLocalStreetOpacity(zoom) !== getLocalStreetOpacity(previousZoom));
    if (detailed === lastMileDetailed && buildings === showBuildings && !streetsChanged) return;
    lastMileDetailed = detailed;
    showBuildings = buildings;
    streetStations = stations;
    recountStationActivity();
    render();
  };
  mapHandle.map?.on('moveend', handleMove);

  // MapboxOverlay keeps its Deck private; redraw() is the only way to draw a new clock time
  // without handing deck.gl new layers every frame (deck.gl 9.4 has no public redraw on it).
  const getDeck = () => (overlay as unknown as { _deck?: Deck })._deck;

  const unsubscribers = [
    channelA.onNetwork((change) => {
      // A new run or network: what was recorded belongs to another one. Network edits keep
      // every facility's id, so the door stops and storms recorded still hold.
      if (change === 'new') {
        ledger.clear();
        storms = [];
      }
      figuresVersion++;
      streetStations = findStreetStations();
      render();
    }),
    channelA.onTick(() => {
      // The run is under way: no first trips left to wait for.
      openingLayers.end();
      figuresVersion++;
      if (simView.network && simView.currentTick)
        storms = trackStorms(storms, simView.network, simView.currentTick);
      recountStationActivity();
      renderData();
    }),
    channelB.onTick(() => {
      if (!appStore.getState().compare.active) return;
      figuresVersion++;
      renderData();
    }),
    channelB.onNetwork((change) => {
      // A new B (a fork, an A/B run): the doors recorded were another run's.
      if (change === 'new') ledgerB.clear();
      figuresVersion++;
      render();
    }),
    channelA.onTrips((batch) => {
      // Every layer draws with the first trips.
      openingLayers.end();
      appendTrips(tripStoreA, ledger, streetDetailA, batch);
    }),
    channelB.onTrips((batch) => {
      appendTrips(tripStoreB, ledgerB, streetDetailB, batch);
    }),
    channelA.onStreetPaths((batch) => {
      streetDetailA.receiveStreetPaths(batch);
      if (tripStore === tripStoreA) renderData();
    }),
    channelB.onStreetPaths((batch) => {
      streetDetailB.receiveStreetPaths(batch);
      if (tripStore === tripStoreB) renderData();
    }),
    channelA.onTripsReset(() => {
      streetDetailA.forgetAsked();
      tripStoreA.clear();
      // The worker sends the trucks of the hour before the time it moved to again.
      ledger.dropTrucks();
      render();
    }),
    channelA.onTripsRewound((firstVehicleId) => {
      streetDetailA.forgetAsked();
      tripStoreA.dropVehiclesFrom(firstVehicleId);
      ledger.dropVehiclesFrom(firstVehicleId);
      render();
    }),
    channelB.onTripsRewound((firstVehicleId) => {
      streetDetailB.forgetAsked();
      tripStoreB.dropVehiclesFrom(firstVehicleId);
      ledgerB.dropVehiclesFrom(firstVehicleId);
      render();
    }),
    channelB.onTripsReset(() => {
      streetDetailB.forgetAsked();
      tripStoreB.clear();
      ledgerB.dropTrucks();
      render();
    }),
    appStore.subscribe((state, previous) => {
      if (state.drawing !== previous.drawing) {
        lastMileDetailed = isLastMileDetailed(zoom, state.drawing.level);
        recountStationActivity();
      }
      if (
        state.drawing !== previous.drawing ||
        state.layers !== previous.layers ||
        state.playback.speed !== previous.playback.speed ||
        state.selection !== previous.selection ||
        state.order !== previous.order ||
        state.networkEdit.addAt !== previous.networkEdit.addAt ||
        state.compare !== previous.compare ||
        state.timeWindow !== previous.timeWindow
      ) {
        render();
      }
    }),
    onFrame((timeS) => {
      const nowMs = performance.now();
      pacer.recordFrame(nowMs);
      const { drawing, layers: toggles, selection } = appStore.getState();
      const minRedrawMs = getMinRedrawMs(drawing.level, drawing.software);
      const mayDraw = !drawing.software || pacer.mayDraw(nowMs, minRedrawMs);
      // Data held back by the pacer: its render draws the vehicles at this time too.
      if (renderPending && mayDraw) {
        render();
        lastRedrawMs = nowMs;
        lastDrawnTimeS = timeS;
      }
      if (timeS === lastDrawnTimeS) return;
      // Where frames are slow, or WebGL is software, the moving vehicles are redrawn less often
      // (the clock runs on).
      if (nowMs - lastRedrawMs < minRedrawMs || !mayDraw) return;
      lastRedrawMs = nowMs;
      lastDrawnTimeS = timeS;
      // Only the vehicles, their door stops and a selected vehicle's halo move with the clock;
      // with every kind hidden the map has nothing new to draw between ticks, and in software
      // WebGL a redraw costs the worker the core it needs.
      if (toggles.vehicles.some(Boolean) || selection?.kind === 'vehicle') {
        getDeck()?.redraw('sim clock');
        pacer.recordDraw(nowMs);
      }
      followSelectedVehicle(timeS);
      if (nowMs - lastPruneMs > PRUNE_INTERVAL_MS) {
        lastPruneMs = nowMs;
        const before = trailHorizonS();
        const prunedA = tripStoreA.prune(before);
        const prunedB = tripStoreB.prune(before);
        if (prunedA || prunedB) renderData();
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
  mapHandle.redrawOverlay = () => {
    // An export draws now, with any data the pacer held back.
    if (renderPending) render();
    getDeck()?.redraw('export');
  };
  debugHandle.readMapLayerStats = (): MapLayerStats => {
    const network = simView.network;
    const { layers: toggles } = appStore.getState();
    const sums = network ? getCurrentSums(network, toggles) : null;
    return {
      flowLanes: network
        ? ledgerViews.getFlows(network, simView.currentTick, simView.params?.scale ?? 1).length
        : 0,
      areasWithDoors: sums ? sums.onTime.doors.filter((doors) => doors > 0).length : 0,
      lateHexagons: sums?.hexagons.length ?? 0,
      streetStations: zoom >= STREETS_ZOOM ? streetStations.length : 0,
      storms: storms.length,
      streetsDrawn: streetsShown,
      highwaysDrawn,
      flowsDrawn,
      // The layer manager is protected in deck.gl 9.4; read here for the page's own checks only.
      deckLayers:
        (getDeck() as unknown as { layerManager?: { layers: unknown[] } | null } | undefined)?.layerManager
          ?.layers.length ?? 0,
    };
  };
  mapHandle.tripStore = tripStoreA;
  debugHandle.tripStore = tripStoreA;
  debugHandle.tripLedger = ledger;
  debugHandle.getDeck = getDeck;
  render();
  return {
    tripStore: tripStoreA,
    dispose() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      clearTimeout(deferredTripsTimer);
      mapHandle.tripStore = null;
      mapHandle.redrawOverlay = null;
      debugHandle.readMapLayerStats = null;
      mapHandle.map?.off('moveend', handleMove);
      debugHandle.tripStore = null;
      debugHandle.tripLedger = null;
      debugHandle.getDeck = null;
    },
  };
}
