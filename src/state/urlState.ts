/**
 * The run in the URL: parameters (any declared key), seed, sim time, speed. Reading is strict
 * and forgiving at once: every bad or unknown value is named in a notice and falls back to its
 * default, and the page still opens.
 */
import { defaultParams, type Params, parseParamOverrides, validateParams } from '../sim/params';
import { PROMISE_CLASSES, type PromiseClass } from '../sim/kinds';
import { MAX_ORDER_WEIGHT_KG, MIN_ORDER_WEIGHT_KG, type OrderSpec } from '../sim/placedOrders';
import { applyPreset, getPreset, PRESETS } from '../sim/presets';

/** Query keys that are not model parameters. */
const PAGE_KEYS = new Set([
  'seed',
  't',
  'speed',
  'style',
  'paused',
  'cam',
  'sel',
  'preset',
  'order',
  'bEdits',
  'bAt',
]);
/** A link's scenario B parameters are named with this prefix (`b.vansPerStation=10`). */
export const B_PARAM_PREFIX = 'b.';
export const DEFAULT_SEED = 1;
/**
 * Where a link without `t` opens: day 4 at 10:00, a network in mid-morning in its steady state,
 * with three days of history behind its charts (the model simulates the hours before without
 * drawing them). The run starts empty at midnight on day 1, and its first days are the pipeline
 * filling: at day 2 10:00 the last 24 h had delivered 1.2 M parcels against 17.3 M ordered, and
 * 0.55 M had fallen due (a first screen far from the real network); at day 3 10:00 12.7 M and
 * 9.6 M; at day 4 10:00 15.9 M and 14.5 M (day 5: 16.6 M and 14.5 M; default parameters, seed
 * 1). `t=0` opens at the scenario's start, midnight on day 1.
 */
export const WARM_START_S = (3 * 24 + 10) * 3600;
const MAX_SEED = 2 ** 31 - 1;

export interface UrlState {
  params: Params;
  /** The preset the run starts from (its label is the scenario name), or null. */
  presetName: string | null;
  seed: number;
  /** Sim time to open at (seconds); 0 = the scenario start; WARM_START_S when the link has no `t`. */
  startTimeS: number;
  speed: number | null;
  paused: boolean;
  /** Map camera: centre and zoom. */
  camera: { lon: number; lat: number; zoom: number } | null;
  /** A selected facility id. */
  selectedFacility: number | null;
  /** A placed order to follow: what, where, and the sim time it was placed at. */
  order: { spec: OrderSpec; atS: number } | null;
  /**
   * Scenario B's network edits (`bEdits`): B runs beside A on the same seed with the link's
   * parameters and these edits instead of A's (each at its own time), as the edits' fork did.
   */
  networkEditsB: string | null;
  /**
   * Scenario B's parameters (`b.<name>=value`, those that differ from A's) and, for a fork, the
   * sim time B forked from A (`bAt`): B is A until then and runs with its own values after. Without
   * `bAt`, B runs with them from the start beside A (A/B from the start). Null: no B in the link
   * (or only `bEdits`).
   */
  compareB: { overrides: Partial<Params>; forkAtS: number | null } | null;
  /** One line per refused value, naming it and what was expected. */
  errors: string[];
}

function parseInteger(raw: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(raw.trim())) return null;
  const value = Number(raw);
  return value >= min && value <= max ? value : null;
}

export function readUrlState(search: string): UrlState {
  const query = new URLSearchParams(search);
  const errors: string[] = [];
  let base = defaultParams();
  let presetName: string | null = null;
  const rawPreset = query.get('preset');
  if (rawPreset !== null) {
    const preset = getPreset(rawPreset);
    if (preset) {
      base = applyPreset(base, preset);
      presetName = preset.name;
    } else {
      errors.push(`preset: "${rawPreset}" is not one of ${PRESETS.map((item) => item.name).join(', ')}`);
    }
  }
  for (const [key, value] of query.entries())
    if (key === '')
      errors.push(`(a value without a name): "${value}" is not a parameter; expected name=value`);
  const paramEntries = [...query.entries()].filter(
    ([key]) => key !== '' && !PAGE_KEYS.has(key) && !key.startsWith(B_PARAM_PREFIX),
  );
  const { overrides, errors: paramErrors } = parseParamOverrides(paramEntries);
  errors.push(...paramErrors);
  const { params, errors: crossErrors } = validateParams(overrides as Record<string, unknown>, base);
  errors.push(...crossErrors);

  let seed = DEFAULT_SEED;
  const rawSeed = query.get('seed');
  if (rawSeed !== null) {
    const parsed = parseInteger(rawSeed, 0, MAX_SEED);
    if (parsed === null)
      errors.push(`seed: "${rawSeed}" is not valid; expected a whole number from 0 to ${MAX_SEED}`);
    else seed = parsed;
  }
  let startTimeS = WARM_START_S;
  const rawTime = query.get('t');
  if (rawTime !== null) {
    const parsed = parseInteger(rawTime, 0, 366 * 86_400);
    if (parsed === null)
      errors.push(`t: "${rawTime}" is not valid; expected sim seconds from 0 to ${366 * 86_400}`);
    else startTimeS = parsed;
  }
  let speed: number | null = null;
  const rawSpeed = query.get('speed');
  if (rawSpeed !== null) {
    const parsed = parseInteger(rawSpeed, 1, 10_000);
    if (parsed === null)
      errors.push(`speed: "${rawSpeed}" is not valid; expected 1 to 10000 sim seconds per second`);
    else speed = parsed;
  }
  const paused = query.get('paused') === '1';
  let camera: UrlState['camera'] = null;
  const rawCamera = query.get('cam');
  if (rawCamera !== null) {
    const [lon, lat, zoom] = rawCamera.split(',').map(Number);
    if (
      [lon, lat, zoom].every(Number.isFinite) &&
      Math.abs(lon) <= 180 &&
      Math.abs(lat) <= 85 &&
      zoom >= 0 &&
      zoom <= 22
    ) {
      camera = { lon, lat, zoom };
    } else {
      errors.push(`cam: "${rawCamera}" is not valid; expected lon,lat,zoom (e.g. -98.5,39.5,3.5)`);
    }
  }
  let selectedFacility: number | null = null;
  const rawSelection = query.get('sel');
  if (rawSelection !== null) {
    const parsed = /^f(\d+)$/.exec(rawSelection);
    if (parsed) selectedFacility = Number(parsed[1]);
    else errors.push(`sel: "${rawSelection}" is not valid; expected f<facility id>, e.g. f12`);
  }
  let order: UrlState['order'] = null;
  const rawOrder = query.get('order');
  if (rawOrder !== null) {
    order = parseOrder(rawOrder);
    if (!order)
      errors.push(
        `order: "${rawOrder}" is not valid; expected lon,lat,kg,promise,sim seconds (e.g. -87.65,41.88,1.2,nextDay,36000)`,
      );
  }
  let networkEditsB: string | null = null;
  const rawEditsB = query.get('bEdits');
  if (rawEditsB !== null) {
    const checked = validateParams({ networkEdits: rawEditsB }, params);
    for (const error of checked.errors) {
      // A copied link's B plan repeats A's: a bad edit in both is named once, for both.
      const sameInA = errors.indexOf(error);
      if (sameInA >= 0) errors[sameInA] = `bEdits and ${error}`;
      else errors.push(`bEdits: ${error}`);
    }
    if (checked.errors.length === 0) networkEditsB = checked.params.networkEdits;
  }
  const compareB = readCompareB(query, params, startTimeS, errors);
  return {
    params,
    presetName,
    seed,
    startTimeS,
    speed,
    paused,
    camera,
    selectedFacility,
    order,
    networkEditsB,
    compareB,
    errors: errors.map(clipMessage),
  };
}

/** A link's `b.<name>` parameters (checked on top of A's) and `bAt`; see UrlState.compareB. */
function readCompareB(
  query: URLSearchParams,
  paramsA: Params,
  startTimeS: number,
  errors: string[],
): UrlState['compareB'] {
  const entries = [...query.entries()]
    .filter(([key]) => key.startsWith(B_PARAM_PREFIX))
    .map(([key, value]): [string, string] => [key.slice(B_PARAM_PREFIX.length), value]);
  const rawForkAt = query.get('bAt');
  if (entries.length === 0 && rawForkAt === null) return null;
  const parsed = parseParamOverrides(entries);
  const checked = validateParams(parsed.overrides as Record<string, unknown>, paramsA);
  const problems = [...parsed.errors, ...checked.errors];
  errors.push(...problems.map((problem) => `${B_PARAM_PREFIX}${problem}`));
  let forkAtS: number | null = null;
  if (rawForkAt !== null) {
    forkAtS = parseInteger(rawForkAt, 0, startTimeS);
    if (forkAtS === null)
      errors.push(
        `bAt: "${rawForkAt}" is not valid; expected the sim seconds B forked at, from 0 to the link's t. Scenario B is left out: from another time it would not be the fork the link was copied from`,
      );
  }
  // A bad value is left out (B keeps A's), as a bad value of A's is; a bad fork time drops B, as
  // B from the start would not be the fork the link was copied from.
  if (rawForkAt !== null && forkAtS === null) return null;
  const overrides: Partial<Params> = {};
  for (const key of Object.keys(parsed.overrides) as Array<keyof Params>)
    (overrides as Record<string, unknown>)[key] = checked.params[key];
  return { overrides, forkAtS };
}

/** A notice stays one line however long the value a link carried. */
const MAX_MESSAGE_LENGTH = 300;
function clipMessage(message: string): string {
  return message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message;
}

/** "lon,lat,kg,promise,atS" as written by formatOrderLink, or null when any part is off. */
function parseOrder(raw: string): UrlState['order'] {
  const [lonText, latText, kgText, promise, atText] = raw.split(',');
  const lon = Number(lonText);
  const lat = Number(latText);
  const weightKg = Number(kgText);
  const atS = atText === undefined ? Number.NaN : parseInteger(atText, 0, 366 * 86_400);
  if (
    !Number.isFinite(lon) ||
    !Number.isFinite(lat) ||
    Math.abs(lon) > 180 ||
    Math.abs(lat) > 85 ||
    !(weightKg >= MIN_ORDER_WEIGHT_KG && weightKg <= MAX_ORDER_WEIGHT_KG) ||
    !PROMISE_CLASSES.includes(promise as PromiseClass) ||
    atS === null ||
    !Number.isFinite(atS)
  )
    return null;
  return { spec: { lon, lat, weightKg, promise: promise as PromiseClass }, atS };
}

/** The `order` value of a link: the order and the sim time it was placed at. */
export function formatOrderLink(spec: OrderSpec, atS: number): string {
  return `${spec.lon},${spec.lat},${spec.weightKg},${spec.promise},${Math.round(atS)}`;
}

/**
 * B's values that differ from A's, its network edits aside (they travel on their own: `bEdits`,
 * a scenario file's networkEditsB).
 */
export function getValuesChangedInB(paramsA: Params, paramsB: Params): Partial<Params> {
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(paramsB) as Array<keyof Params>)
    if (key !== 'networkEdits' && paramsB[key] !== paramsA[key]) changed[key] = paramsB[key];
  return changed as Partial<Params>;
}

/**
 * Scenario B in a link's values (read back by readUrlState): its network edits (`bEdits`, each at
 * its own time), its values that differ from A's (`b.<name>`) and, for a fork, the sim time it
 * forked at (`bAt`; null: A/B from the start). B's values count from the fork, as A's slider
 * moves count from the start.
 */
export function formatCompareB(
  paramsA: Params,
  paramsB: Params,
  forkAtS: number | null,
): Record<string, string> {
  const values: Record<string, string> = {};
  if (paramsB.networkEdits !== paramsA.networkEdits) values.bEdits = paramsB.networkEdits;
  for (const [key, value] of Object.entries(getValuesChangedInB(paramsA, paramsB)))
    values[`${B_PARAM_PREFIX}${key}`] = String(value);
  if (forkAtS !== null) values.bAt = String(Math.floor(forkAtS));
  return values;
}

/**
 * The URL that reproduces this run: parameters that differ from their defaults, the seed and the
 * sim time (whole seconds), plus the speed. Opening it gives the same numbers at that time.
 */
export function buildShareUrl(
  base: string,
  params: Params,
  seed: number,
  timeS: number,
  speed: number,
  extra: Record<string, string> = {},
  presetName: string | null = null,
): string {
  const url = new URL(base);
  url.search = '';
  const preset = presetName ? getPreset(presetName) : undefined;
  const defaults = preset ? applyPreset(defaultParams(), preset) : defaultParams();
  if (preset) url.searchParams.set('preset', preset.name);
  for (const [key, value] of Object.entries(params)) {
    if (value !== defaults[key as keyof Params]) url.searchParams.set(key, String(value));
  }
  url.searchParams.set('seed', String(seed));
  url.searchParams.set('t', String(Math.floor(timeS)));
  url.searchParams.set('speed', String(speed));
  for (const [key, value] of Object.entries(extra)) url.searchParams.set(key, value);
  return url.href;
}
