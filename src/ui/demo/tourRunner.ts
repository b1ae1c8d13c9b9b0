/**
 * Runs a guided tour: which step shows, and putting the page into that step's state. A step is
 * applied from the fold of all steps up to it (`getTourTarget`), so Previous gives exactly what
 * Next gave, however the presenter got there.
 */
import type { FlyToOptions, Map as MapLibreMap } from 'maplibre-gl';
import { createStore } from 'zustand/vanilla';
import { mapHandle } from '../../map/mapHandle';
import type { Params } from '../../sim/params';
import { getPreset } from '../../sim/presets';
import { checkFileSize, parseDataFile } from '../../state/dataFile';
import { requestSeek, simView, startCompare, stopCompare } from '../../state/simClient';
import { changeParams } from '../paramChanges';
import { getFollowedOrder, placeOrderNow } from '../../state/orders';
import { appStore, dismissNotice, displayClock, pushNotice, select, setSpeed } from '../../state/store';
import { getOrderCities, ORDER_ITEMS } from '../order/orderCatalog';
import { getTourTarget, type Tour, type TourOrder, type TourSelection, validateTour } from './tour';
import { keepReturnPoint, noteTourRanB, noteTourSeek, offerReturn, restoreReturnPoint } from './tourReturn';
import orderToDoor from './tours/orderToDoor.json';

export interface TourState {
  tour: Tour | null;
  stepIndex: number;
}

export const tourStore = createStore<TourState>(() => ({ tour: null, stepIndex: 0 }));

/** The run's parameters when the tour started: steps add their changes on top of these. */
let baselineParams: Params | null = null;
/** The scenario B the tour started (JSON of its step's compare), so it only stops its own. */
let tourCompareKey: string | null = null;
/** The notice that the tour's own scenario B takes the presenter's place (null: none shown). */
let replacesBNoticeId: number | null = null;

const FACILITY_KIND_CODES = {
  fulfillmentCenter: 0,
  sortationCenter: 1,
  deliveryStation: 2,
  carrierHub: 3,
} as const;

/** The facility a step's selection names in the running network, or null. */
function resolveSelection(selection: TourSelection): number | null {
  const facilities = simView.network?.facilities;
  if (!selection || !facilities) return null;
  if ('facilityId' in selection)
    return selection.facilityId < facilities.length ? selection.facilityId : null;
  const code = FACILITY_KIND_CODES[selection.kind];
  // The followed order's own FC or station: the story's book, not a building across the country.
  const placed = selection.ofOrder ? getFollowedOrder()?.placed : undefined;
  const orderFacility =
    selection.kind === 'fulfillmentCenter'
      ? placed?.originFc
      : selection.kind === 'deliveryStation'
        ? placed?.stationId
        : undefined;
  if (orderFacility !== undefined && facilities[orderFacility]?.kind === code) return orderFacility;
  let best: number | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const facility of facilities) {
    if (facility.kind !== code) continue;
    if (!selection.near) return facility.id;
    // Planar distance with longitude shrunk by latitude: enough to pick the nearest in a metro.
    const dx = (facility.lon - selection.near[0]) * Math.cos((selection.near[1] * Math.PI) / 180);
    const dy = facility.lat - selection.near[1];
    const distance = dx * dx + dy * dy;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = facility.id;
    }
  }
  return best;
}

/** Bumped by every camera move a step starts, so a delayed flight of an earlier step is dropped. */
let flightToken = 0;
/** Whether the latest step's camera has arrived (a video records a step from there). */
let cameraSettled = true;
/** The longest a video waits for a step's camera before recording anyway. */
const SETTLE_WAIT_MS = 20_000;

/** Resolves once the latest step's flight has landed (or after SETTLE_WAIT_MS). */
export async function waitForCameraToSettle(): Promise<void> {
  const startMs = performance.now();
  while (!cameraSettled && performance.now() - startMs < SETTLE_WAIT_MS) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}
/** The longest we wait for the map to take its new size before flying anyway. */
const RESIZE_WAIT_MS = 5000;
/** How long after a step the camera is put back on its target if the map resizes again. */
const RESIZE_GUARD_MS = 10_000;

type StepFlight = FlyToOptions & { center: [number, number]; zoom: number; pitch: number; bearing: number };

/**
 * Flies to a step's camera. maplibre anchors a flight at the centre point it had when the flight
 * began, so a resize mid-flight (the 3D pane opening or its content loading, which under a slow
 * renderer spans several frames) leaves the target off centre: we wait for the resize when the
 * step changes the pane, and put the camera back on its target after the flight and after any
 * later resize while the step is showing.
 */
function flyToStep(map: MapLibreMap, options: StepFlight, waitForResize: boolean): void {
  const token = ++flightToken;
  const startMs = performance.now();
  let flown = false;
  cameraSettled = false;
  const settle = () => {
    if (token !== flightToken || map.isMoving()) return;
    const { center, zoom, pitch, bearing } = options;
    map.jumpTo({ center, zoom, pitch, bearing });
    cameraSettled = true;
  };
  const handleResize = () => {
    if (token !== flightToken || performance.now() - startMs > RESIZE_GUARD_MS) {
      map.off('resize', handleResize);
      return;
    }
    if (!flown) fly();
    else settle();
  };
  const fly = () => {
    if (flown || token !== flightToken) return;
    flown = true;
    map.once('moveend', settle);
    map.flyTo(options);
  };
  map.on('resize', handleResize);
  if (waitForResize) window.setTimeout(fly, RESIZE_WAIT_MS);
  else fly();
}

/** The tour's order is placed once, on the first pass over its step (going back keeps it). */
let tourOrderPlaced = false;

function placeTourOrder(order: TourOrder, atTimeS: number | undefined): void {
  const city = getOrderCities().find((candidate) => candidate.label === order.city);
  const item = ORDER_ITEMS.find((candidate) => candidate.key === order.item);
  if (!city || !item) {
    pushNotice('warning', `Tour: this network has no city named "${order.city}"; no order was placed.`);
    return;
  }
  tourOrderPlaced = true;
  // The tour drives the camera; the journey panel follows the order, compact so the KPI panels
  // below stay in view (its stages open with one click).
  void placeOrderNow(
    { lon: city.lon, lat: city.lat, weightKg: item.weightKg, promise: order.promise },
    atTimeS ?? displayClock.timeS,
    { tracking: false, stagesOpen: false },
  );
}

function applyStep(tour: Tour, index: number): void {
  const step = tour.steps[index];
  const target = getTourTarget(tour, index);
  let mapResizing = false;
  const state = appStore.getState();

  let selectedId: number | null = null;
  if (target.selection !== undefined) {
    selectedId = resolveSelection(target.selection);
    const current = state.selection;
    if (selectedId === null) {
      if (current !== null) select(null);
    } else if (current?.kind !== 'facility' || current.id !== selectedId) {
      select({ kind: 'facility', id: selectedId });
    }
    const isFulfillmentCenter = selectedId !== null && simView.network?.facilities[selectedId]?.kind === 0;
    if (appStore.getState().panes.sceneOpen !== isFulfillmentCenter) {
      // Closing it at full screen docks it too (the store's rule, dockClosedScene).
      appStore.setState((current) => ({ panes: { ...current.panes, sceneOpen: isFulfillmentCenter } }));
      mapResizing = true;
    }
  } else if (state.selection?.kind === 'facility') {
    selectedId = state.selection.id;
  }

  if (target.speed !== undefined && target.speed !== appStore.getState().playback.speed)
    setSpeed(target.speed);
  if (target.playing !== undefined && target.playing !== appStore.getState().playback.playing) {
    appStore.setState((current) => ({
      playback: { ...current.playback, playing: target.playing as boolean },
    }));
  }
  // Seek first: a seek back undoes parameter changes made after its target, and the step's
  // parameters hold from the moment it shows.
  if (step.seekTimeS !== undefined) {
    noteTourSeek(step.seekTimeS);
    requestSeek(step.seekTimeS);
  }
  if (baselineParams && state.params) {
    const wanted: Params = { ...baselineParams, ...target.params };
    const changes: Partial<Record<keyof Params, unknown>> = {};
    for (const key of Object.keys(wanted) as (keyof Params)[]) {
      // After a seek the parameters in force are those at its target, not the ones shown now.
      if (step.seekTimeS !== undefined || wanted[key] !== state.params[key]) changes[key] = wanted[key];
    }
    if (Object.keys(changes).length > 0) {
      const preset = step.preset ? getPreset(step.preset) : undefined;
      changeParams(changes as Partial<Params>, {
        atTimeS: step.seekTimeS,
        label: preset ? preset.label : undefined,
        kind: preset ? 'preset' : 'params',
      });
    }
  }

  if (step.order && !tourOrderPlaced) placeTourOrder(step.order, step.seekTimeS);

  const compareKey = target.compare ? JSON.stringify(target.compare) : null;
  if (compareKey !== tourCompareKey) {
    if (tourCompareKey !== null || (compareKey !== null && appStore.getState().compare.active)) stopCompare();
    tourCompareKey = compareKey;
    if (target.compare && baselineParams) {
      const paramsB: Params = { ...baselineParams, ...target.params, ...target.compare.params };
      noteTourRanB();
      void startCompare(paramsB, target.compare.fork);
    }
  }

  const map = mapHandle.map;
  const camera = step.camera;
  if (map && camera) {
    const facility = selectedId !== null ? simView.network?.facilities[selectedId] : undefined;
    const center: [number, number] | null =
      camera.target === 'selection'
        ? facility
          ? [facility.lon, facility.lat]
          : null
        : [camera.lon as number, camera.lat as number];
    if (center) {
      flyToStep(
        map,
        {
          center,
          zoom: camera.zoom,
          pitch: camera.pitch ?? 0,
          bearing: camera.bearing ?? 0,
          duration: 2500,
          essential: true,
        },
        mapResizing,
      );
    }
  }
}

/** The tour last started (a presenter's file, once one ran), as given: "Record the tour" records it. */
let recordableTour: unknown = orderToDoor;

/** The tour "Record the tour" records, checked (null: none that can run). */
export function getRecordableTour(): Tour | null {
  return validateTour(recordableTour).tour;
}

/** Starts a tour (already parsed JSON); a bad tour is refused with every problem named. */
export function startTour(input: unknown = orderToDoor): boolean {
  const { tour, errors } = validateTour(input);
  if (!tour) {
    pushNotice('error', `This tour cannot run: ${errors.join('; ')}`);
    return false;
  }
  recordableTour = input;
  if (appStore.getState().worker.phase !== 'ready') {
    pushNotice('info', 'The tour starts once the model is ready.');
    return false;
  }
  // A step that runs the tour's own scenario B stops the presenter's: said now, with how it comes
  // back (the tour replaced it without a word).
  if (appStore.getState().compare.active && tour.steps.some((step) => step.compare))
    replacesBNoticeId = pushNotice(
      'info',
      'This tour runs its own scenario B at one of its steps, in place of yours: when the tour ends, "Back to where you were" starts yours again (as a copied link would), and Copy link now keeps this comparison exactly.',
    );
  // A tour started from another keeps the presenter's page from before the first.
  if (!tourStore.getState().tour) keepReturnPoint();
  baselineParams = appStore.getState().params;
  tourCompareKey = null;
  tourOrderPlaced = false;
  tourStore.setState({ tour, stepIndex: 0 });
  applyStep(tour, 0);
  return true;
}

export function goToStep(index: number): void {
  const { tour } = tourStore.getState();
  if (!tour) return;
  const clamped = Math.max(0, Math.min(tour.steps.length - 1, index));
  tourStore.setState({ stepIndex: clamped });
  applyStep(tour, clamped);
}

export function nextStep(): void {
  goToStep(tourStore.getState().stepIndex + 1);
}

export function previousStep(): void {
  goToStep(tourStore.getState().stepIndex - 1);
}

/**
 * Ends the tour; the page stays as the last step left it, for questions, and offers the way back
 * to where the presenter was (tourReturn.ts).
 */
export function endTour(): void {
  if (!tourStore.getState().tour) return;
  tourStore.setState({ tour: null, stepIndex: 0 });
  // Said for while the tour ran; the way back's own card and notice take over from it.
  if (replacesBNoticeId !== null) dismissNotice(replacesBNoticeId);
  replacesBNoticeId = null;
  baselineParams = null;
  tourCompareKey = null;
  offerReturn();
}

/** Back to where the presenter was before the tour; a step's camera still flying is dropped first. */
export function returnFromTour(): void {
  flightToken++;
  cameraSettled = true;
  restoreReturnPoint();
}

/** Reads a tour file the presenter picked; a bad file gets a notice and changes nothing. */
export async function startTourFromFile(file: File): Promise<void> {
  const tooLarge = checkFileSize(file.size);
  const parsed = tooLarge ? { error: tooLarge } : parseDataFile(await file.text());
  if (parsed.error !== undefined) {
    pushNotice('error', `${file.name} is not a tour: ${parsed.error}.`);
    return;
  }
  startTour(parsed.value);
}

/** Full screen for the demo; browsers may refuse (iframes, policies): say so instead of failing. */
export async function toggleFullscreen(): Promise<void> {
  try {
    if (document.fullscreenElement) await document.exitFullscreen();
    else await document.documentElement.requestFullscreen();
  } catch (error) {
    pushNotice(
      'info',
      `Full screen was refused by the browser (${(error as Error).message || 'no reason given'}); use the browser's own full-screen key (F11) instead.`,
    );
  }
}
