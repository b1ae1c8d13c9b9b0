/**
 * The app store: what the page shows (playback, selection, worker status, notices), never the
 * model itself. A zustand vanilla store so the render loops (map, 3D) read it without React;
 * components subscribe to the slices they show.
 */
import { createStore } from 'zustand/vanilla';
import type { PromiseClass } from '../sim/kinds';
import type { NetworkEdit } from '../sim/networkEdits';
import type { Params } from '../sim/params';
import type { EditPlace } from './networkEditPlan';

export type WorkerPhase = 'starting' | 'building' | 'ready' | 'error';

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  text: string;
  /** Lines listed under the text (a link's several bad values: one notice, not one each). */
  details?: readonly string[];
}

/** Which map layers are shown; vehicles by kind (index as in VEHICLE_KINDS). */
export interface LayerToggles {
  highways: boolean;
  facilities: boolean;
  /** The street grids the vans drive, at city zoom. */
  streets: boolean;
  /** Line-haul lanes as arcs, by parcels per hour. */
  flows: boolean;
  /** Delivery stations' service areas, shaded by on-time. */
  serviceAreas: boolean;
  /** Hexagons of late deliveries. */
  lateness: boolean;
  /** Storms over the regions they slow. */
  weather: boolean;
  vehicles: boolean[];
}

export type Selection =
  | { kind: 'facility'; id: number }
  | { kind: 'vehicle'; id: number; vehicleKind: number }
  | null;

export interface AppState {
  /** The preset in force: the one the run started from, or one picked since (null: calibrated defaults). */
  presetName: string | null;
  /** Sim time the preset was picked at mid-run; null when the run started with it. */
  presetAppliedAtS: number | null;
  worker: {
    phase: WorkerPhase;
    progress: number;
    message: string;
    /** During a warm start: the sim time the run opens at once the model has simulated up to it. */
    warmUpToS?: number;
  };
  playback: {
    playing: boolean;
    /** Sim seconds per wall second. */
    speed: number;
  };
  /**
   * The display clock in sim seconds. Written a few times per second for the header and the
   * timeline; render loops read `displayClock.timeS` instead, which moves every frame.
   */
  displayTimeS: number;
  /** How far the worker has simulated, in sim seconds (the timeline shows it as buffered). */
  simulatedTimeS: number;
  /** The parameters the model runs with (as the worker last confirmed, or a pending edit). */
  params: Params | null;
  selection: Selection;
  /** The camera tracks the selected vehicle until released. */
  following: boolean;
  layers: LayerToggles;
  panes: {
    sceneOpen: boolean;
    /**
     * The 3D pane's size: docked under the map, half the screen, or the whole screen. Never
     * 'full' while closed: closing it docks it (dockClosedScene).
     */
    sceneSize: 'docked' | 'half' | 'full';
    drawerOpen: boolean;
    /** Which scenario the drawer edits while B runs (a fork opens it on B). */
    drawerScenario: 'A' | 'B';
  };
  /** Scenario B beside A: from the start on the same seed ('ab') or forked from A's state. */
  compare: {
    active: boolean;
    mode: 'ab' | 'fork';
    phase: WorkerPhase;
    params: Params | null;
    forkTimeS: number;
    /** What the map shows: A, B, or where they differ. */
    mapSource: 'A' | 'B' | 'diff';
  };
  /**
   * How much the map draws (frameBudget.ts): level 0 everything, 1 and 2 lighter where frames
   * are slow; `frameMs` is the smoothed frame time when the level last changed. `software`:
   * the map's WebGL runs on the CPU (softwareWebgl.ts), so it draws without multisampling and
   * redraws moving vehicles less often whatever the level.
   */
  drawing: { level: number; frameMs: number; software: boolean };
  /**
   * The model holds the display clock below the chosen speed (clockPace.ts), and the speed it
   * runs at then (rounded; 0 when not behind).
   */
  clockPace: { behind: boolean; achievedX: number };
  /** The sim hour under the pointer in any time chart: all of them draw a crosshair there. */
  chartHoverHour: number | null;
  /** A brushed window of sim hours [start, end): panels filter to it, the timeline shows it. */
  timeWindow: [number, number] | null;
  notices: Notice[];
  /** "Place your order": the form, picking an address on the map, the order being followed. */
  order: OrderUi;
  /** Editing the network: edit mode, where a new facility would go, the last edit's fate. */
  networkEdit: NetworkEditUi;
}

/**
 * Edit mode and what it is doing. A map click offers to add a facility at `addAt`; the selected
 * facility's card offers to close it, take it offline or change its capacity. Each edit forks the
 * future by default (A keeps today's network, B gets the edit); with B running, edits go to B.
 */
export interface NetworkEditUi {
  active: boolean;
  /** Each edit starts B from A's state now (otherwise, with no B, it changes A itself). */
  forkEach: boolean;
  /** Where a click in edit mode would put a new facility (snapped), or null. */
  addAt: EditPlace | null;
  /** The edit sent and what became of it (the model's message when it refused it). */
  status: 'idle' | 'applying' | 'applied' | 'refused';
  message: string;
  /**
   * The plan a scenario should run once the edit is in (`networkEdits`), whether the edit started
   * B (a refusal then stops it: nothing else asked for B), and the edit as `last` once it is in.
   */
  pending: { scenario: 'A' | 'B'; plan: string; startedB: boolean; edit: AppliedNetworkEdit } | null;
  /** The edit applied last: the compare panel shows what it changed. */
  last: AppliedNetworkEdit | null;
}

/** An edit as made: in words, on which scenario, when, and the facility it names (an added one's new id). */
export interface AppliedNetworkEdit {
  edit: NetworkEdit;
  scenario: 'A' | 'B';
  words: string;
  facilityId: number;
  atS: number;
}

/** Where an order goes: a map click or a city. */
export interface OrderAddress {
  lon: number;
  lat: number;
  label: string;
}

export interface OrderUi {
  formOpen: boolean;
  /** The next map click sets the address. */
  pickingAddress: boolean;
  address: OrderAddress | null;
  /** The order whose journey the page shows and follows (an orderKey of a tick's `orders`). */
  followedKey: string | null;
  /** The camera and selection move with the parcel from stage to stage. */
  tracking: boolean;
  /** The journey panel lists every stage (closed, it keeps the verdict, the bar and the blame). */
  stagesOpen: boolean;
  /** The form's item (ORDER_ITEMS key) and promise. */
  itemKey: string;
  promise: PromiseClass;
  status: 'idle' | 'placing' | 'error';
  /** Why the last order could not be placed. */
  message: string;
}

export const SPEED_PRESETS = [1, 60, 600, 3600, 10_000] as const;
export const DEFAULT_SPEED = 600;

export const appStore = createStore<AppState>(() => ({
  presetName: null,
  presetAppliedAtS: null,
  worker: { phase: 'starting', progress: 0, message: 'Starting the model…' },
  playback: { playing: true, speed: DEFAULT_SPEED },
  displayTimeS: 0,
  simulatedTimeS: 0,
  params: null,
  selection: null,
  following: false,
  layers: {
    highways: true,
    facilities: true,
    streets: true,
    flows: true,
    serviceAreas: false,
    lateness: false,
    weather: true,
    vehicles: [true, true, true, true, true],
  },
  panes: { sceneOpen: false, sceneSize: 'docked', drawerOpen: false, drawerScenario: 'A' },
  compare: { active: false, mode: 'ab', phase: 'starting', params: null, forkTimeS: 0, mapSource: 'A' },
  drawing: { level: 0, frameMs: 1000 / 60, software: false },
  clockPace: { behind: false, achievedX: 0 },
  chartHoverHour: null,
  timeWindow: null,
  notices: [],
  order: {
    formOpen: false,
    pickingAddress: false,
    address: null,
    followedKey: null,
    tracking: true,
    stagesOpen: true,
    itemKey: 'light',
    promise: 'nextDay',
    status: 'idle',
    message: '',
  },
  networkEdit: {
    active: false,
    forkEach: true,
    addAt: null,
    status: 'idle',
    message: '',
    pending: null,
    last: null,
  },
}));

/**
 * Closing the full-screen 3D view docks it, whatever closes it: a tour's step on the map, a
 * followed parcel leaving its FC, a point a tour returns to. Closed at full size, the pane stayed
 * a blank cover over the whole page (map, header and caption behind it), and the next FC opened
 * full screen again. Every write to the store passes through here, so no caller has to remember.
 */
function dockClosedScene<T extends Partial<AppState>>(next: T): T {
  const panes = next.panes;
  if (panes === undefined || panes.sceneOpen || panes.sceneSize !== 'full') return next;
  return { ...next, panes: { ...panes, sceneSize: 'docked' } };
}

type AppStateWrite = AppState | Partial<AppState> | ((state: AppState) => AppState | Partial<AppState>);
const writeAppState = appStore.setState;
function setAppState(partial: AppStateWrite, replace?: boolean): void {
  const next = (state: AppState) => dockClosedScene(typeof partial === 'function' ? partial(state) : partial);
  // zustand types `replace: true` apart (the write must then be a whole state); a whole state in
  // gives a whole state out, so passing the flag on is safe.
  if (replace) writeAppState(next as (state: AppState) => AppState, true);
  else writeAppState(next);
}
appStore.setState = setAppState;

/**
 * The display clock render loops read every frame: a mutable object, not store state, because
 * per-frame values must not go through setState (STYLE.md, React and rendering).
 */
export const displayClock = { timeS: 0 };

let nextNoticeId = 1;

/** Shows a message in the page's notice area (errors stay until dismissed); returns its id. */
export function pushNotice(level: Notice['level'], text: string, details?: readonly string[]): number {
  const id = nextNoticeId++;
  const notice: Notice = details && details.length > 0 ? { id, level, text, details } : { id, level, text };
  appStore.setState((state) => ({ notices: [...state.notices, notice] }));
  return id;
}

export function dismissNotice(id: number): void {
  appStore.setState((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }));
}

export function togglePlaying(): void {
  appStore.setState((state) => ({ playback: { ...state.playback, playing: !state.playback.playing } }));
}

export function setSpeed(speed: number): void {
  appStore.setState((state) => ({ playback: { ...state.playback, speed } }));
}

export function toggleVehicleLayer(kind: number): void {
  appStore.setState((state) => {
    const vehicles = state.layers.vehicles.slice();
    vehicles[kind] = !vehicles[kind];
    return { layers: { ...state.layers, vehicles } };
  });
}

export function toggleLayer(name: Exclude<keyof LayerToggles, 'vehicles'>): void {
  appStore.setState((state) => ({ layers: { ...state.layers, [name]: !state.layers[name] } }));
}

/** Whether two selections name the same facility or vehicle. */
export function isSameSelection(a: Selection, b: Selection): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind === 'facility') return b.kind === 'facility' && a.id === b.id;
  return b.kind === 'vehicle' && a.id === b.id && a.vehicleKind === b.vehicleKind;
}

/** A person's selection; it also stops the page following a placed order's parcel around. */
export function select(selection: Selection): void {
  appStore.setState((state) => ({
    selection,
    following: false,
    order: state.order.tracking ? { ...state.order, tracking: false } : state.order,
  }));
}

/** Opens the parameter drawer on scenario `scenario` (after a fork: on B, where the change goes). */
export function setDrawerScenario(scenario: 'A' | 'B', open?: boolean): void {
  appStore.setState((state) => ({
    panes: { ...state.panes, drawerScenario: scenario, drawerOpen: open ?? state.panes.drawerOpen },
  }));
}

export function setOrderUi(patch: Partial<OrderUi>): void {
  appStore.setState((state) => ({ order: { ...state.order, ...patch } }));
}

export function setNetworkEditUi(patch: Partial<NetworkEditUi>): void {
  appStore.setState((state) => ({ networkEdit: { ...state.networkEdit, ...patch } }));
}
