/**
 * A warm start computed ahead. The default link opens on day 4 at 10:00; its worker would
 * replay the 82 sim hours before (~9 CPU s in Node, more in a page starting WebGL). The same
 * replay runs at build time in Node (scripts/warmStatePlugin.ts, precomputedWarmState.ts) and
 * its end is written to a file the app serves: the model's state then, the trips message its
 * seek sends, and the per-facility hours it recorded. The worker fetches the file, checks it is
 * for the run it was asked for and for the model code it runs (the fingerprint), and the seek
 * restores it instead of replaying; anything else (no file, a stale or broken one) and the seek
 * replays as before. Same state either way: tests/worker/warmState.test.ts.
 */
import { PARAM_DECLARATIONS, type Params } from '../sim/params';
import { SIM_SNAPSHOT_VERSION, type SimSnapshot, type TripBatch } from '../sim/simulation';
import type { FacilityHoursSnapshot } from './facilityHours';
import { packValue, unpackValue } from './packedValue';
import type { KpiHourRows } from './protocol';
import { isRecord } from './valueChecks';

/** The file's layout; a new one makes older files stale. */
export const WARM_STATE_FORMAT = 1;

/** Which run a warm state is of, and of which model code. */
export interface WarmStateKey {
  /**
   * A hash of everything the state depends on (the model's and the worker's code, the data, the
   * link's defaults, the dependencies' lock file), made at build time (scripts/warmStatePlugin.ts).
   */
  fingerprint: string;
  params: Params;
  seed: number;
  /** The sim time the run opens at: the seek's target. */
  timeS: number;
}

export interface WarmState extends WarmStateKey {
  format: typeof WARM_STATE_FORMAT;
  /** The model at `timeS`, its trips drained. */
  snapshot: SimSnapshot;
  /** The trips message the seek to `timeS` sends (tripSieve.ts): those the page shows then. */
  trips: TripBatch;
  /** The worker's per-facility hours from the start to `timeS`. */
  facilityHours: FacilityHoursSnapshot;
}

/** Whether two parameter sets are the same, key by key. */
export function isSameParams(a: Params, b: Params): boolean {
  return PARAM_DECLARATIONS.every(({ key }) => a[key as keyof Params] === b[key as keyof Params]);
}

/** Whether a warm state of `key` is for the run `init` starts (its parameters, seed and start). */
export function isWarmStateFor(
  key: Omit<WarmStateKey, 'fingerprint'>,
  init: { params: Params; seed: number; startTimeS?: number },
): boolean {
  return init.startTimeS === key.timeS && init.seed === key.seed && isSameParams(init.params, key.params);
}

/**
 * The charted hours of a warm state (every KPI's row for each hour before `timeS`, as the tick
 * that opens the run carries them), in a file of their own: a few kB the worker has by the time
 * the network is built, so the charts show day 1 and the morning at once, not after the 25 MB of
 * the state are fetched and restored.
 */
export interface WarmHours extends WarmStateKey {
  format: typeof WARM_STATE_FORMAT;
  hours: KpiHourRows;
}

/**
 * The trips of a warm state the page draws first (those on the road at `timeS` or leaving in its
 * first half hour: computeWarmTrips), in a file of their own (~1 MB at the default scale): the
 * worker fetches it while it builds the network and sends the trips with `ready`, so the map
 * draws them with the network's first frames, not after the state is fetched and restored.
 */
export interface WarmTrips extends WarmStateKey {
  format: typeof WARM_STATE_FORMAT;
  trips: TripBatch;
}

export function encodeWarmState(state: WarmState | WarmHours | WarmTrips): Uint8Array {
  return packValue(state);
}

/** Why a decoded file is not one of the run `expected` names (null: it is). */
function checkKey(value: unknown, expected: WarmStateKey): string | null {
  if (!isRecord(value)) return 'the file holds no warm state';
  if (value.format !== WARM_STATE_FORMAT)
    return `the file is of format ${String(value.format)}, this worker reads ${WARM_STATE_FORMAT}`;
  if (value.fingerprint !== expected.fingerprint)
    return `the file was made by other model code (fingerprint ${String(value.fingerprint)}, this worker's ${expected.fingerprint})`;
  const key = value as unknown as WarmStateKey;
  if (!isRecord(key.params) || !isWarmStateFor(key, { ...expected, startTimeS: expected.timeS }))
    return 'the file is of another run (parameters, seed or time)';
  return null;
}

function unpackChecked(bytes: ArrayBuffer, expected: WarmStateKey): { value: unknown } | string {
  let value: unknown;
  try {
    value = unpackValue(bytes);
  } catch (error) {
    return `the file could not be read: ${(error as Error).message}`;
  }
  return checkKey(value, expected) ?? { value };
}

/** The charted hours in `bytes` when they are of `expected`'s run, else why not. Never throws. */
export function readWarmHours(bytes: ArrayBuffer, expected: WarmStateKey): WarmHours | string {
  const read = unpackChecked(bytes, expected);
  if (typeof read === 'string') return read;
  const warm = read.value as WarmHours;
  const hours = warm.hours as unknown;
  if (!isRecord(hours) || !(hours.hourRows instanceof Float64Array) || !Number.isInteger(hours.firstHour))
    return 'the file lacks its hours';
  return warm;
}

/** The opening trips in `bytes` when they are of `expected`'s run, else why not. Never throws. */
export function readWarmTrips(bytes: ArrayBuffer, expected: WarmStateKey): WarmTrips | string {
  const read = unpackChecked(bytes, expected);
  if (typeof read === 'string') return read;
  const warm = read.value as WarmTrips;
  const trips = warm.trips as unknown;
  if (!isRecord(trips) || !Number.isInteger(trips.length) || !(trips.pathStartIndices instanceof Uint32Array))
    return 'the file lacks its trips';
  return warm;
}

/**
 * The warm state in `bytes` when it is one for `expected` (the same fingerprint, parameters, seed
 * and time); otherwise why not, in words. Never throws: a broken file is a reason like any other.
 */
export function readWarmState(bytes: ArrayBuffer, expected: WarmStateKey): WarmState | string {
  const read = unpackChecked(bytes, expected);
  if (typeof read === 'string') return read;
  const state = read.value as WarmState;
  if (!isRecord(state.snapshot) || state.snapshot.version !== SIM_SNAPSHOT_VERSION)
    return `the file's snapshot is not of version ${SIM_SNAPSHOT_VERSION}`;
  if (state.snapshot.timeS !== state.timeS) return "the file's snapshot is not at its time";
  if (!isRecord(state.trips) || !isRecord(state.facilityHours)) return 'the file lacks its trips or hours';
  return state;
}
