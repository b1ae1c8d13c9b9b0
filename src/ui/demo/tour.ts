/**
 * Guided tours as data: a tour is JSON (src/ui/demo/tours/), checked here when it is loaded so a
 * bad step is named before the presenter meets it. Pure: no DOM, no store; `tourRunner.ts` acts.
 */
import { PROMISE_CLASSES, type PromiseClass } from '../../sim/kinds';
import { type Params, validateParams } from '../../sim/params';
import { getPreset, PRESETS } from '../../sim/presets';

/** A map camera; lon/lat may be left out when `target` is the selection. */
export interface TourCamera {
  lon?: number;
  lat?: number;
  zoom: number;
  /** Degrees from vertical, 0 to 85 (default 0). */
  pitch?: number;
  /** Degrees clockwise from north (default 0). */
  bearing?: number;
  /** 'selection': centre on the selected facility (lon/lat ignored). */
  target?: 'selection';
}

/**
 * Which facility to select: an id, or the first of a kind (nearest to `near` when given). With
 * `ofOrder`, the FC or the delivery station of the order the tour follows, when there is one.
 */
export type TourSelection =
  | { facilityId: number }
  | {
      kind: 'fulfillmentCenter' | 'sortationCenter' | 'deliveryStation' | 'carrierHub';
      near?: [number, number];
      ofOrder?: boolean;
    }
  | null;

export interface TourStep {
  title: string;
  text: string;
  camera?: TourCamera;
  /** undefined keeps what earlier steps selected; null clears it. */
  selection?: TourSelection;
  /** Parameters on top of the run's own (and earlier steps'), applied with requestParams. */
  params?: Partial<Params>;
  /** A preset's overrides and calendar start, applied as parameters. */
  preset?: string;
  /** Sim seconds per wall second. */
  speed?: number;
  playing?: boolean;
  /** Sim time to seek to (seconds since the scenario start). */
  seekTimeS?: number;
  /** Scenario B: a fork (or A/B from the start) with these parameters on top of A's; false stops it. */
  compare?: { fork: boolean; params: Partial<Params> } | false;
  /** A CSS selector of a page element the caption points at (outlined while the step shows). */
  highlight?: string;
  /**
   * "Place your order" for the audience: to a city (a metro with delivery stations), a light or
   * heavy item, a promise. Placed once per tour, at the step's time; the journey panel then
   * follows it while the tour drives the camera.
   */
  order?: TourOrder;
}

export interface TourOrder {
  city: string;
  item: 'light' | 'heavy';
  promise: PromiseClass;
}

export interface Tour {
  name: string;
  steps: TourStep[];
}

/** A caption card holds a title line and a paragraph. */
const MAX_CAPTION_CHARS = { title: 120, text: 1500 };
const SELECTION_KINDS = ['fulfillmentCenter', 'sortationCenter', 'deliveryStation', 'carrierHub'] as const;
const STEP_KEYS = new Set([
  'title',
  'text',
  'camera',
  'selection',
  'params',
  'preset',
  'speed',
  'playing',
  'seekTimeS',
  'compare',
  'highlight',
  'order',
]);

/** Whether the page could look `selector` up (checked where there is a DOM; Node tests have none). */
function isSelector(selector: string): boolean {
  if (selector.length > 200) return false;
  if (typeof document === 'undefined') return true;
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkNumber(
  errors: string[],
  where: string,
  value: unknown,
  min: number,
  max: number,
  required: boolean,
): void {
  if (value === undefined) {
    if (required) errors.push(`${where}: missing; expected a number from ${min} to ${max}`);
    return;
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    errors.push(`${where}: ${JSON.stringify(value)} is not valid; expected a number from ${min} to ${max}`);
  }
}

function checkParams(errors: string[], where: string, value: unknown): void {
  if (!isRecord(value)) {
    errors.push(`${where}: expected an object of parameter values`);
    return;
  }
  for (const error of validateParams(value).errors) errors.push(`${where}.${error}`);
}

function checkCamera(errors: string[], where: string, camera: unknown): void {
  if (!isRecord(camera)) {
    errors.push(`${where}: expected an object with lon, lat, zoom`);
    return;
  }
  if (camera.target !== undefined && camera.target !== 'selection') {
    errors.push(`${where}.target: ${JSON.stringify(camera.target)} is not valid; expected "selection"`);
  }
  const onSelection = camera.target === 'selection';
  checkNumber(errors, `${where}.lon`, camera.lon, -180, 180, !onSelection);
  checkNumber(errors, `${where}.lat`, camera.lat, -85, 85, !onSelection);
  checkNumber(errors, `${where}.zoom`, camera.zoom, 0, 22, true);
  checkNumber(errors, `${where}.pitch`, camera.pitch, 0, 85, false);
  checkNumber(errors, `${where}.bearing`, camera.bearing, -360, 360, false);
}

function checkSelection(errors: string[], where: string, selection: unknown): void {
  if (selection === null) return;
  if (!isRecord(selection)) {
    errors.push(`${where}: expected {facilityId} or {kind, near?} or null`);
    return;
  }
  if (selection.facilityId !== undefined) {
    if (!Number.isInteger(selection.facilityId) || (selection.facilityId as number) < 0)
      errors.push(`${where}.facilityId: ${JSON.stringify(selection.facilityId)} is not a facility id`);
    return;
  }
  if (!SELECTION_KINDS.includes(selection.kind as (typeof SELECTION_KINDS)[number])) {
    errors.push(
      `${where}.kind: ${JSON.stringify(selection.kind)} is not valid; expected one of ${SELECTION_KINDS.join(', ')}`,
    );
  }
  if (selection.near !== undefined) {
    const near = selection.near;
    if (
      !Array.isArray(near) ||
      near.length !== 2 ||
      !near.every((value) => typeof value === 'number' && Number.isFinite(value))
    ) {
      errors.push(`${where}.near: expected [lon, lat]`);
    }
  }
  if (selection.ofOrder !== undefined && typeof selection.ofOrder !== 'boolean')
    errors.push(`${where}.ofOrder: expected true or false`);
}

function checkStep(errors: string[], index: number, step: unknown): void {
  const where = `step ${index + 1}`;
  if (!isRecord(step)) {
    errors.push(`${where}: expected an object`);
    return;
  }
  for (const key of Object.keys(step)) {
    if (!STEP_KEYS.has(key)) errors.push(`${where}.${key}: unknown field`);
  }
  for (const key of ['title', 'text'] as const) {
    if (typeof step[key] !== 'string' || (step[key] as string).trim() === '')
      errors.push(`${where}.${key}: missing caption ${key}`);
    else if ((step[key] as string).length > MAX_CAPTION_CHARS[key])
      errors.push(
        `${where}.${key}: longer than ${MAX_CAPTION_CHARS[key]} characters; a caption must fit the card`,
      );
  }
  if (step.camera !== undefined) checkCamera(errors, `${where}.camera`, step.camera);
  if (step.selection !== undefined) checkSelection(errors, `${where}.selection`, step.selection);
  if (step.params !== undefined) checkParams(errors, `${where}.params`, step.params);
  if (step.preset !== undefined && (typeof step.preset !== 'string' || !getPreset(step.preset))) {
    errors.push(
      `${where}.preset: ${JSON.stringify(step.preset)} is not one of ${PRESETS.map((preset) => preset.name).join(', ')}`,
    );
  }
  checkNumber(errors, `${where}.speed`, step.speed, 1, 10_000, false);
  if (step.playing !== undefined && typeof step.playing !== 'boolean')
    errors.push(`${where}.playing: expected true or false`);
  checkNumber(errors, `${where}.seekTimeS`, step.seekTimeS, 0, 366 * 86_400, false);
  if (step.compare !== undefined && step.compare !== false) {
    if (!isRecord(step.compare) || typeof step.compare.fork !== 'boolean') {
      errors.push(`${where}.compare: expected {fork: boolean, params: {...}} or false`);
    } else {
      checkParams(errors, `${where}.compare.params`, step.compare.params ?? {});
    }
  }
  if (step.highlight !== undefined && (typeof step.highlight !== 'string' || !isSelector(step.highlight)))
    errors.push(`${where}.highlight: expected a CSS selector`);
  if (step.order !== undefined) {
    const order = step.order as unknown;
    if (
      !isRecord(order) ||
      typeof order.city !== 'string' ||
      (order.item !== 'light' && order.item !== 'heavy') ||
      !PROMISE_CLASSES.includes(order.promise as PromiseClass)
    ) {
      errors.push(
        `${where}.order: expected {city: "<metro>", item: "light" | "heavy", promise: ${PROMISE_CLASSES.map((name) => `"${name}"`).join(' | ')}}`,
      );
    }
  }
}

/**
 * Checks a tour as parsed from JSON. Every problem is named by step and field
 * ("step 3.camera.zoom: ..."); the tour is returned only when there are none.
 */
export function validateTour(input: unknown): { tour: Tour | null; errors: string[] } {
  const errors: string[] = [];
  if (!isRecord(input)) return { tour: null, errors: ['tour: expected an object with name and steps'] };
  if (typeof input.name !== 'string' || input.name.trim() === '') errors.push('name: missing tour name');
  if (!Array.isArray(input.steps) || input.steps.length === 0) {
    errors.push('steps: expected a non-empty list of steps');
  } else {
    for (const [index, step] of input.steps.entries()) checkStep(errors, index, step);
  }
  return { tour: errors.length === 0 ? (input as unknown as Tour) : null, errors };
}

/** What the page should show at a step, whatever step it came from (steps apply idempotently). */
export interface TourTarget {
  /** Parameter overrides from the tour's start through this step, in order. */
  params: Partial<Params>;
  /** The selection in force (undefined: the tour has not chosen one yet). */
  selection: TourSelection | undefined;
  speed: number | undefined;
  playing: boolean | undefined;
  compare: { fork: boolean; params: Partial<Params> } | false;
}

/**
 * Folds steps 0..index into the state the page should be in at `index`: later steps override
 * earlier ones, so going back to a step gives what going forward to it gave.
 */
export function getTourTarget(tour: Tour, index: number): TourTarget {
  const target: TourTarget = {
    params: {},
    selection: undefined,
    speed: undefined,
    playing: undefined,
    compare: false,
  };
  for (const step of tour.steps.slice(0, index + 1)) {
    if (step.preset) {
      const preset = getPreset(step.preset);
      if (preset) Object.assign(target.params, preset.overrides, { startDayOfYear: preset.startDayOfYear });
    }
    if (step.params) Object.assign(target.params, step.params);
    if (step.selection !== undefined) target.selection = step.selection;
    if (step.speed !== undefined) target.speed = step.speed;
    if (step.playing !== undefined) target.playing = step.playing;
    if (step.compare !== undefined) target.compare = step.compare;
  }
  return target;
}
