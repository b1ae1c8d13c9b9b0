/**
 * Network edits: facilities a person adds, removes, takes offline for a while or re-equips, each
 * at a sim time. They are one parameter, `networkEdits`, written in a compact grammar that the
 * URL, the scenario file and the CLI (`--edit`) share; the network builder (network.ts) reads the
 * plan and builds the network in force at a time, and the simulation rebuilds at each time the
 * plan changes what is in force (simulation.ts), so a run stays a function of its parameters and
 * seed.
 *
 * Grammar (edits separated by `;`, times as `day<N>[h<H>[m<M>]]`, day 1 starting at sim time 0):
 *   add:<fc|sc|station|hub>:<lon>,<lat>[@<time>]      a new facility at that point
 *   remove:f<id>[@<time>]                               closed for good
 *   outage:f<id>:<time>-<time>                          offline from the first time until the second
 *   capacity:f<id>:<robots|sortPerHour|vans|docks>=<n>[@<time>]  its robots (FC), sort rate
 *                                                        (sortation center, parcels an hour), vans
 *                                                        (station) or dock doors (any of the three)
 * Without `@<time>` an edit holds from the start. Facility ids are those of the network the
 * parameters build; added facilities take the next ids in the order they are added.
 */
import { CARRIER_HUB, DELIVERY_STATION, FULFILLMENT_CENTER, SORTATION_CENTER } from './kinds';

/** The grammar's names for facility kinds, by kind code. */
export const EDIT_KIND_NAMES: Readonly<Record<string, number>> = {
  fc: FULFILLMENT_CENTER,
  sc: SORTATION_CENTER,
  station: DELIVERY_STATION,
  hub: CARRIER_HUB,
};

/**
 * What a capacity edit sets, the kinds of facility it applies to, and its range. Robots, sort
 * rate and vans take the range of the matching network-wide parameter (robotsPerFc,
 * sortCenterRatePerHour, vansPerStation; a test holds them equal), so an edit asks nothing a
 * slider could not. Dock doors (dockDoors.ts) load or unload one trailer each at a time: at least
 * one, or the facility's trailers could never move; at most 400, past the largest cross-docks.
 */
export const CAPACITY_RESOURCES = {
  robots: { kinds: [FULFILLMENT_CENTER], unit: 'drive units', min: 0, max: 20_000 },
  sortPerHour: { kinds: [SORTATION_CENTER], unit: 'parcels/h', min: 500, max: 100_000 },
  vans: { kinds: [DELIVERY_STATION], unit: 'vans', min: 0, max: 400 },
  docks: {
    kinds: [FULFILLMENT_CENTER, SORTATION_CENTER, DELIVERY_STATION],
    unit: 'dock doors',
    min: 1,
    max: 400,
  },
} as const satisfies Record<string, { kinds: readonly number[]; unit: string; min: number; max: number }>;
export type CapacityResource = keyof typeof CAPACITY_RESOURCES;

export type NetworkEdit =
  | { type: 'add'; kind: number; lon: number; lat: number; atS: number }
  | { type: 'remove'; facilityId: number; atS: number }
  | { type: 'outage'; facilityId: number; fromS: number; toS: number }
  | { type: 'capacity'; facilityId: number; resource: CapacityResource; value: number; atS: number };

/** A plan holds at most this many edits, and its text this many characters (a link stays short). */
export const MAX_NETWORK_EDITS = 40;
export const MAX_NETWORK_EDITS_LENGTH = 2_000;
const DAY_S = 86_400;
const MAX_DAY = 366;

/** Sim seconds of `day<N>[h<H>[m<M>]]`, or null. */
export function parseEditTime(text: string): number | null {
  const match = /^day(\d{1,3})(?:h(\d{1,2})(?:m(\d{1,2}))?)?$/.exec(text);
  if (!match) return null;
  const day = Number(match[1]);
  const hour = match[2] === undefined ? 0 : Number(match[2]);
  const minute = match[3] === undefined ? 0 : Number(match[3]);
  if (day < 1 || day > MAX_DAY || hour > 23 || minute > 59) return null;
  return (day - 1) * DAY_S + hour * 3600 + minute * 60;
}

/** The grammar's time for sim seconds `timeS` (rounded down to the minute). */
export function formatEditTime(timeS: number): string {
  const minutes = Math.floor(Math.max(0, timeS) / 60);
  const day = Math.floor(minutes / 1440) + 1;
  const hour = Math.floor((minutes % 1440) / 60);
  const minute = minutes % 60;
  if (minute > 0) return `day${day}h${hour}m${minute}`;
  return hour > 0 ? `day${day}h${hour}` : `day${day}`;
}

const TIME_HINT = 'a time like day2, day2h6 or day2h6m30 (day 1 starts the run)';

function parseFacilityRef(text: string): number | null {
  const match = /^f(\d{1,6})$/.exec(text);
  return match ? Number(match[1]) : null;
}

/** Splits `body@time` into the body and its time (0 without one); the time is null when bad. */
function splitAt(text: string): { body: string; atS: number | null } {
  const at = text.lastIndexOf('@');
  if (at < 0) return { body: text, atS: 0 };
  return { body: text.slice(0, at), atS: parseEditTime(text.slice(at + 1)) };
}

/** One edit, or a message naming what is wrong with it. */
export function parseNetworkEdit(text: string): NetworkEdit | string {
  const [verb, ...rest] = text.split(':');
  const quoted = JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
  if (verb === 'add') {
    const { body, atS } = splitAt(rest.join(':'));
    const [kindName, point] = body.split(':');
    const kind = EDIT_KIND_NAMES[kindName ?? ''];
    if (kind === undefined || !Object.hasOwn(EDIT_KIND_NAMES, kindName))
      return `${quoted}: the kind must be one of ${Object.keys(EDIT_KIND_NAMES).join(', ')}`;
    const [lonText, latText, extra] = (point ?? '').split(',');
    const lon = Number(lonText);
    const lat = Number(latText);
    if (extra !== undefined || !lonText || !latText || !Number.isFinite(lon) || !Number.isFinite(lat))
      return `${quoted}: expected add:${kindName}:<lon>,<lat>, e.g. add:${kindName}:-104.99,39.74`;
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return `${quoted}: ${lon},${lat} is not a lon,lat point`;
    if (atS === null) return `${quoted}: expected ${TIME_HINT} after @`;
    return { type: 'add', kind, lon, lat, atS };
  }
  if (verb === 'remove') {
    const { body, atS } = splitAt(rest.join(':'));
    const facilityId = parseFacilityRef(body);
    if (facilityId === null) return `${quoted}: expected remove:f<facility id>[@time], e.g. remove:f12@day2`;
    if (atS === null) return `${quoted}: expected ${TIME_HINT} after @`;
    return { type: 'remove', facilityId, atS };
  }
  if (verb === 'outage') {
    const facilityId = parseFacilityRef(rest[0] ?? '');
    const [fromText, toText] = (rest[1] ?? '').split('-');
    if (facilityId === null || rest.length !== 2 || toText === undefined)
      return `${quoted}: expected outage:f<facility id>:<from>-<until>, e.g. outage:f12:day2-day3`;
    const fromS = parseEditTime(fromText);
    const toS = parseEditTime(toText);
    if (fromS === null || toS === null) return `${quoted}: expected ${TIME_HINT} on each side of -`;
    if (toS <= fromS) return `${quoted}: the outage must end after it starts`;
    return { type: 'outage', facilityId, fromS, toS };
  }
  if (verb === 'capacity') {
    const { body, atS } = splitAt(rest.slice(1).join(':'));
    const facilityId = parseFacilityRef(rest[0] ?? '');
    const [resource, valueText] = body.split('=');
    const names = Object.keys(CAPACITY_RESOURCES).join(', ');
    if (facilityId === null || valueText === undefined)
      return `${quoted}: expected capacity:f<facility id>:<${names}>=<number>[@time], e.g. capacity:f12:robots=300`;
    if (!Object.hasOwn(CAPACITY_RESOURCES, resource))
      return `${quoted}: the capacity must be one of ${names}`;
    const range = CAPACITY_RESOURCES[resource as CapacityResource];
    const value = valueText.trim() === '' ? Number.NaN : Number(valueText);
    if (!Number.isFinite(value) || value < range.min || value > range.max)
      return `${quoted}: ${resource} ${valueText} is out of range; expected ${range.min} to ${range.max} ${range.unit}`;
    if (resource === 'docks' && !Number.isInteger(value))
      return `${quoted}: docks ${valueText} is not a whole number of dock doors`;
    if (atS === null) return `${quoted}: expected ${TIME_HINT} after @`;
    return { type: 'capacity', facilityId, resource: resource as CapacityResource, value, atS };
  }
  return `${quoted}: an edit starts with add, remove, outage or capacity`;
}

/** Every edit of a plan's text (`;`-separated), and a message per bad one. */
export function parseNetworkEdits(text: string): { edits: NetworkEdit[]; errors: string[] } {
  const edits: NetworkEdit[] = [];
  const errors: string[] = [];
  if (text.length > MAX_NETWORK_EDITS_LENGTH) {
    errors.push(`${text.length} characters of edits; at most ${MAX_NETWORK_EDITS_LENGTH}`);
    return { edits, errors };
  }
  const parts = text
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length > MAX_NETWORK_EDITS) {
    errors.push(`${parts.length} edits; at most ${MAX_NETWORK_EDITS}`);
    return { edits, errors };
  }
  for (const part of parts) {
    const edit = parseNetworkEdit(part);
    if (typeof edit === 'string') errors.push(edit);
    else edits.push(edit);
  }
  return { edits, errors };
}

const KIND_NAME_BY_CODE = Object.fromEntries(
  Object.entries(EDIT_KIND_NAMES).map(([name, code]) => [code, name]),
);

function formatAt(atS: number): string {
  return atS > 0 ? `@${formatEditTime(atS)}` : '';
}

/** One edit in the grammar (parseNetworkEdit reads it back unchanged). */
export function formatNetworkEdit(edit: NetworkEdit): string {
  switch (edit.type) {
    case 'add':
      return `add:${KIND_NAME_BY_CODE[edit.kind]}:${edit.lon},${edit.lat}${formatAt(edit.atS)}`;
    case 'remove':
      return `remove:f${edit.facilityId}${formatAt(edit.atS)}`;
    case 'outage':
      return `outage:f${edit.facilityId}:${formatEditTime(edit.fromS)}-${formatEditTime(edit.toS)}`;
    case 'capacity':
      return `capacity:f${edit.facilityId}:${edit.resource}=${edit.value}${formatAt(edit.atS)}`;
  }
}

export function formatNetworkEdits(edits: readonly NetworkEdit[]): string {
  return edits.map(formatNetworkEdit).join(';');
}

/** The sim time an edit first changes what is in force. */
function getStartS(edit: NetworkEdit): number {
  return edit.type === 'outage' ? edit.fromS : edit.atS;
}

/** Times (ascending, distinct) at which the plan changes what is in force, after the start. */
export function getEditChangeTimes(edits: readonly NetworkEdit[]): number[] {
  const times = new Set<number>();
  for (const edit of edits) {
    const startS = getStartS(edit);
    if (startS > 0) times.add(startS);
    if (edit.type === 'outage') times.add(edit.toS);
  }
  return [...times].sort((a, b) => a - b);
}

/**
 * Sim hours (ascending, distinct) in which the plan `text` changes what is in force: where a
 * figure "since the edit" starts (the worker keeps its per-facility history exact from there).
 * An edit the plan cannot parse adds none.
 */
export function getEditChangeHours(text: string): number[] {
  const hours = getEditChangeTimes(parseNetworkEdits(text).edits).map((timeS) => Math.floor(timeS / 3600));
  return [...new Set(hours)];
}

/** The first time after `timeS` at which the plan changes what is in force (Infinity: none). */
export function getNextEditChangeS(edits: readonly NetworkEdit[], timeS: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const edit of edits) {
    const startS = getStartS(edit);
    if (startS > timeS && startS < next) next = startS;
    if (edit.type === 'outage' && edit.toS > timeS && edit.toS < next) next = edit.toS;
  }
  return next;
}

/**
 * What is in force at `timeS`, as a short key (one character per edit: in force or not; a
 * network is the same for the same key): edits whose time has come are in force, and an outage
 * only inside its window.
 */
export function getEditsInForceKey(edits: readonly NetworkEdit[], timeS: number): string {
  let key = '';
  for (const edit of edits) {
    const on = edit.type === 'outage' ? edit.fromS <= timeS && timeS < edit.toS : edit.atS <= timeS;
    key += on ? '1' : '0';
  }
  return key;
}

/** What the edits make of the facilities at one time: the base network's plus the added ones. */
export interface EditsInForce {
  /** Per facility id: 1 when it is open and online. */
  operating: Uint8Array;
  /**
   * Per facility id: its own capacity (robots, sort rate or vans, by its kind) as the latest
   * capacity edit in force set it, NaN when none.
   */
  capacity: Float32Array;
  /** Per facility id: its dock doors as the latest docks edit in force set them, NaN when none. */
  docks: Float32Array;
}

/**
 * The state of `facilityCount` facilities (base ones, then one per add edit in order) at
 * `timeS`: an added facility operates from its time, a removed one no longer, one in an outage
 * not until it ends; the latest capacity edit of a facility holds (dock doors apart from its own capacity).
 */
export function getEditsInForce(
  edits: readonly NetworkEdit[],
  baseFacilityCount: number,
  timeS: number,
): EditsInForce {
  const added = edits.filter((edit) => edit.type === 'add');
  const count = baseFacilityCount + added.length;
  const operating = new Uint8Array(count).fill(1);
  const capacity = new Float32Array(count).fill(Number.NaN);
  const capacitySetAtS = new Float64Array(count).fill(-1);
  const docks = new Float32Array(count).fill(Number.NaN);
  const docksSetAtS = new Float64Array(count).fill(-1);
  added.forEach((edit, k) => {
    if (edit.atS > timeS) operating[baseFacilityCount + k] = 0;
  });
  for (const edit of edits) {
    if (edit.type === 'add' || edit.facilityId >= count) continue;
    if (edit.type === 'remove' && edit.atS <= timeS) operating[edit.facilityId] = 0;
    else if (edit.type === 'outage' && edit.fromS <= timeS && timeS < edit.toS)
      operating[edit.facilityId] = 0;
    else if (edit.type === 'capacity' && edit.atS <= timeS) {
      const [values, setAtS] = edit.resource === 'docks' ? [docks, docksSetAtS] : [capacity, capacitySetAtS];
      if (edit.atS < setAtS[edit.facilityId]) continue;
      values[edit.facilityId] = edit.value;
      setAtS[edit.facilityId] = edit.atS;
    }
  }
  return { operating, capacity, docks };
}
