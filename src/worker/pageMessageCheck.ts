/**
 * Checks what arrives at the worker before anything acts on it: a message is data from another
 * thread, and a wrong one (another build of the page, a bug, a hand in the devtools) must get an
 * answer naming what was wrong instead of a stopped worker. Shapes and ranges only; parameter
 * values are checked by validateParams and orders by validateOrderSpec, which name the bad value.
 */
import { RUN_STATE_KEYS } from '../sim/runState';
import { SIM_SNAPSHOT_VERSION } from '../sim/simulation';
import type { PageMessage } from './protocol';
import { checkTripBatch } from './workerMessageCheck';
import { checkInteger, checkNumber, describeValue, isRecord, type Problems, summarize } from './valueChecks';

/** The longest sim time a message may name: a year and a day, as the URL allows. */
const MAX_TIME_S = 366 * 86_400;
/** Bounds on lists and maps in a message, so a huge one is refused rather than walked. */
const MAX_PARAM_KEYS = 200;
const MAX_TIMELINE_CHANGES = 10_000;
const MAX_CHECKPOINTS = 4;
const MAX_KEY_LENGTH = 200;
const MAX_AREA_FACILITIES = 10_000;
/** Window hours a run is told of: each network edit of a plan (a few dozen) and then some. */
const MAX_WINDOW_HOURS = 10_000;

const MESSAGE_TYPES = [
  'init',
  'advance',
  'setParams',
  'seek',
  'initFromSnapshot',
  'snapshot',
  'placeOrder',
  'focusFacility',
  'focusArea',
  'keepWindowsAt',
  'viewport',
  'drawStreets',
  'tripsAtStartTaken',
  'ping',
  'crash',
] as const;

function checkParamsShape(problems: Problems, where: string, value: unknown): void {
  if (!isRecord(value)) {
    problems.push(`${where}: expected an object of parameter values, got ${describeValue(value)}`);
    return;
  }
  const keys = Object.keys(value);
  if (keys.length > MAX_PARAM_KEYS)
    problems.push(`${where}: ${keys.length} keys; at most ${MAX_PARAM_KEYS} parameters fit a message`);
}

function checkOrderKey(problems: Problems, where: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_KEY_LENGTH)
    problems.push(
      `${where}: ${describeValue(value)} is not an order key (a string of 1 to ${MAX_KEY_LENGTH})`,
    );
}

/** The outer shape of a snapshot; restoring it (and its invariants) checks the rest. */
function checkSnapshotShape(problems: Problems, where: string, value: unknown): void {
  if (!isRecord(value)) {
    problems.push(`${where}: expected a model snapshot, got ${describeValue(value)}`);
    return;
  }
  if (value.version !== SIM_SNAPSHOT_VERSION)
    problems.push(`${where}.version: ${describeValue(value.version)} is not ${SIM_SNAPSHOT_VERSION}`);
  checkParamsShape(problems, `${where}.params`, value.params);
  checkInteger(problems, `${where}.seed`, value.seed, 0, 2 ** 32 - 1);
  checkNumber(problems, `${where}.timeS`, value.timeS, 0, MAX_TIME_S);
  // Each piece of run state is there as a number, an object or a typed array; restoring it
  // checks what is inside.
  for (const part of RUN_STATE_KEYS) {
    const piece = value[part];
    const present = Number.isFinite(piece) || (typeof piece === 'object' && piece !== null);
    if (!present) problems.push(`${where}.${part}: expected the run's ${part}, got ${describeValue(piece)}`);
  }
}

function checkResume(problems: Problems, where: string, value: unknown): void {
  if (value === undefined) return;
  if (!isRecord(value)) {
    problems.push(`${where}: expected {timeline, checkpoints, timeS}`);
    return;
  }
  checkNumber(problems, `${where}.timeS`, value.timeS, 0, MAX_TIME_S);
  if (!Array.isArray(value.timeline) || value.timeline.length > MAX_TIMELINE_CHANGES) {
    problems.push(`${where}.timeline: expected a list of at most ${MAX_TIMELINE_CHANGES} changes`);
  } else {
    value.timeline.forEach((change: unknown, index) => {
      const at = `${where}.timeline[${index}]`;
      if (!isRecord(change)) {
        problems.push(`${at}: expected {atS, params} or {atS, order}`);
        return;
      }
      checkNumber(problems, `${at}.atS`, change.atS, 0, MAX_TIME_S);
      if (change.order !== undefined) {
        if (!isRecord(change.order) || !isRecord(change.order.spec))
          problems.push(`${at}.order: expected {spec, orderKey}`);
        else checkOrderKey(problems, `${at}.order.orderKey`, change.order.orderKey);
      } else {
        checkParamsShape(problems, `${at}.params`, change.params);
      }
    });
  }
  if (!Array.isArray(value.checkpoints) || value.checkpoints.length > MAX_CHECKPOINTS) {
    problems.push(`${where}.checkpoints: expected a list of at most ${MAX_CHECKPOINTS} snapshots`);
  } else {
    value.checkpoints.forEach((snapshot: unknown, index) => {
      checkSnapshotShape(problems, `${where}.checkpoints[${index}]`, snapshot);
    });
  }
}

/** A list of at most MAX_WINDOW_HOURS whole sim hours. */
function checkWindowHours(problems: Problems, where: string, value: unknown): void {
  if (!Array.isArray(value) || value.length > MAX_WINDOW_HOURS) {
    problems.push(`${where}: expected a list of at most ${MAX_WINDOW_HOURS} sim hours`);
    return;
  }
  value.forEach((hour: unknown, index) => {
    checkInteger(problems, `${where}[${index}]`, hour, 0, MAX_TIME_S / 3600);
  });
}

/**
 * The message as the worker may act on it, or a sentence naming every problem
 * ("advance.lookaheadS: NaN is not valid; expected a number from 60 to 864000").
 */
export function readPageMessage(
  data: unknown,
): { message: PageMessage; error?: undefined } | { error: string } {
  if (!isRecord(data)) return { error: `expected a message object, got ${describeValue(data)}` };
  const type = data.type;
  if (!MESSAGE_TYPES.includes(type as (typeof MESSAGE_TYPES)[number]))
    return { error: `type: ${describeValue(type)} is not one of ${MESSAGE_TYPES.join(', ')}` };
  const problems: Problems = [];
  const where = String(type);
  switch (type) {
    case 'init':
      checkInteger(problems, `${where}.version`, data.version, 0, 2 ** 31);
      checkParamsShape(problems, `${where}.params`, data.params);
      checkInteger(problems, `${where}.seed`, data.seed, 0, 2 ** 32 - 1);
      checkResume(problems, `${where}.resume`, data.resume);
      if (data.startTimeS !== undefined)
        checkNumber(problems, `${where}.startTimeS`, data.startTimeS, 0, MAX_TIME_S);
      if (data.windowHours !== undefined)
        checkWindowHours(problems, `${where}.windowHours`, data.windowHours);
      break;
    case 'initFromSnapshot':
      checkInteger(problems, `${where}.version`, data.version, 0, 2 ** 31);
      checkSnapshotShape(problems, `${where}.snapshot`, data.snapshot);
      checkParamsShape(problems, `${where}.params`, data.params);
      checkResume(problems, `${where}.resume`, data.resume);
      if (data.windowHours !== undefined)
        checkWindowHours(problems, `${where}.windowHours`, data.windowHours);
      break;
    case 'advance':
      checkNumber(problems, `${where}.displayTimeS`, data.displayTimeS, 0, MAX_TIME_S);
      checkNumber(problems, `${where}.lookaheadS`, data.lookaheadS, 0, 10 * 86_400);
      // Below a minute a tick per step would flood the page; the page sends 60 s and up.
      checkNumber(problems, `${where}.tickIntervalS`, data.tickIntervalS, 60, 86_400);
      break;
    case 'setParams':
      checkParamsShape(problems, `${where}.partial`, data.partial);
      if (data.atTimeS !== undefined) checkNumber(problems, `${where}.atTimeS`, data.atTimeS, 0, MAX_TIME_S);
      break;
    case 'seek':
      checkNumber(problems, `${where}.timeS`, data.timeS, 0, MAX_TIME_S);
      break;
    case 'snapshot':
      checkNumber(problems, `${where}.atTimeS`, data.atTimeS, 0, MAX_TIME_S);
      break;
    case 'placeOrder':
      if (!isRecord(data.order)) problems.push(`${where}.order: expected {lon, lat, weightKg, promise}`);
      checkOrderKey(problems, `${where}.orderKey`, data.orderKey);
      checkNumber(problems, `${where}.atTimeS`, data.atTimeS, 0, MAX_TIME_S);
      break;
    case 'focusFacility':
      if (data.facilityId !== null)
        checkInteger(problems, `${where}.facilityId`, data.facilityId, 0, 2 ** 31);
      break;
    case 'focusArea':
      if (data.facilityIds === null) break;
      if (!Array.isArray(data.facilityIds) || data.facilityIds.length > MAX_AREA_FACILITIES)
        problems.push(`${where}.facilityIds: expected null or a list of at most ${MAX_AREA_FACILITIES} ids`);
      else
        data.facilityIds.forEach((id: unknown, index) => {
          checkInteger(problems, `${where}.facilityIds[${index}]`, id, 0, 2 ** 31);
        });
      break;
    case 'keepWindowsAt':
      checkWindowHours(problems, `${where}.hours`, data.hours);
      break;
    case 'viewport': {
      const bounds = data.bounds;
      if (!isRecord(bounds)) {
        problems.push(`${where}.bounds: expected {west, south, east, north}, got ${describeValue(bounds)}`);
      } else {
        checkNumber(problems, `${where}.bounds.west`, bounds.west, -360, 360);
        checkNumber(problems, `${where}.bounds.east`, bounds.east, -360, 360);
        checkNumber(problems, `${where}.bounds.south`, bounds.south, -90, 90);
        checkNumber(problems, `${where}.bounds.north`, bounds.north, -90, 90);
      }
      checkNumber(problems, `${where}.zoom`, data.zoom, 0, 30);
      break;
    }
    case 'drawStreets':
      checkTripBatch(problems, `${where}.batch`, data.batch);
      break;
  }
  if (problems.length > 0) return { error: summarize(problems) };
  return { message: data as unknown as PageMessage };
}
