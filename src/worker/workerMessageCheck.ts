/**
 * The page's check of what a worker sends, before the channel stores it where render loops and
 * panels read it every frame: a malformed message there would throw far from its cause (or, a
 * bogus tick time, hold the display clock back). Types of the fields the page reads, and the
 * lengths that must agree; cheap next to the work of making the message.
 */
import { validateParams } from '../sim/params';
import type { WorkerMessage } from './protocol';
import { checkInteger, checkNumber, describeValue, isRecord, type Problems, summarize } from './valueChecks';

const MAX_TIME_S = 366 * 86_400;

type TypedArrayKind =
  | Uint8ArrayConstructor
  | Uint16ArrayConstructor
  | Uint32ArrayConstructor
  | Int32ArrayConstructor
  | Float32ArrayConstructor
  | Float64ArrayConstructor;

function checkArray(
  problems: Problems,
  where: string,
  value: unknown,
  kind: TypedArrayKind,
  length?: number,
): void {
  if (!(value instanceof kind)) {
    problems.push(`${where}: ${describeValue(value)} is not a ${kind.name}`);
  } else if (length !== undefined && value.length !== length) {
    problems.push(`${where}: ${value.length} entries; expected ${length}`);
  }
}

/** Parameters the drawer and the link read: every value of its declared kind and range. */
function checkParams(problems: Problems, where: string, params: unknown): void {
  if (!isRecord(params)) {
    problems.push(`${where}: expected an object`);
    return;
  }
  const { errors } = validateParams(params);
  if (errors.length > 0) problems.push(`${where}: ${errors[0]}`);
}

/**
 * A trip batch's columns: the map (and the worker drawing streets) indexes one with another, so
 * their lengths must agree.
 */
export function checkTripBatch(problems: Problems, where: string, batch: unknown): void {
  if (!isRecord(batch)) {
    problems.push(`${where}: expected a trip batch`);
    return;
  }
  const length = batch.length;
  checkInteger(problems, `${where}.length`, length, 0, 2 ** 24);
  if (problems.length > 0) return;
  const trips = length as number;
  checkArray(problems, `${where}.vehicleKind`, batch.vehicleKind, Uint8Array, trips);
  checkArray(problems, `${where}.vehicleId`, batch.vehicleId, Uint32Array, trips);
  checkArray(problems, `${where}.parcelsAboard`, batch.parcelsAboard, Uint16Array, trips);
  checkArray(problems, `${where}.stopCount`, batch.stopCount, Uint16Array, trips);
  checkArray(problems, `${where}.originFacility`, batch.originFacility, Int32Array, trips);
  checkArray(problems, `${where}.destinationFacility`, batch.destinationFacility, Int32Array, trips);
  checkArray(problems, `${where}.departS`, batch.departS, Float64Array, trips);
  if (batch.streetGridStation !== undefined)
    checkArray(problems, `${where}.streetGridStation`, batch.streetGridStation, Int32Array, trips);
  checkArray(problems, `${where}.pathStartIndices`, batch.pathStartIndices, Uint32Array, trips + 1);
  if (problems.length > 0) return;
  const vertices = (batch.pathStartIndices as Uint32Array)[trips];
  checkArray(problems, `${where}.positions`, batch.positions, Float32Array, vertices * 2);
  checkArray(problems, `${where}.vertexOffsetsS`, batch.vertexOffsetsS, Float32Array, vertices);
}

/** A network the map draws: the per-facility columns must cover every facility. */
function checkNetwork(problems: Problems, where: string, network: unknown): void {
  if (
    !isRecord(network) ||
    !Array.isArray(network.facilities) ||
    !isRecord(network.highwayPaths) ||
    !isRecord(network.serviceAreas) ||
    !isRecord(network.metroStations)
  ) {
    problems.push(`${where}: expected {facilities, operating, metroStations, highwayPaths, serviceAreas}`);
    return;
  }
  checkArray(problems, `${where}.operating`, network.operating, Uint8Array, network.facilities.length);
}

/** Completed hours' KPI rows: a row-major Float64Array from a whole hour on. */
function checkHourRows(problems: Problems, where: string, rows: unknown): void {
  if (!isRecord(rows)) {
    problems.push(`${where}: expected {hourRows, firstHour}`);
    return;
  }
  checkArray(problems, `${where}.hourRows`, rows.hourRows, Float64Array);
  checkInteger(problems, `${where}.firstHour`, rows.firstHour, 0, MAX_TIME_S / 3600);
}

function checkTick(problems: Problems, data: Record<string, unknown>): void {
  if (data.network !== undefined) checkNetwork(problems, 'tick.network', data.network);
  checkNumber(problems, 'tick.timeS', data.timeS, 0, MAX_TIME_S);
  if (!isRecord(data.facilities)) {
    problems.push('tick.facilities: expected facility columns');
  } else {
    for (const [name, column] of Object.entries(data.facilities))
      checkArray(problems, `tick.facilities.${name}`, column, Float32Array);
  }
  const kpis = data.kpis;
  if (!isRecord(kpis)) {
    problems.push('tick.kpis: expected {cumulative, hourRows, firstHour, lastMile}');
  } else {
    checkArray(problems, 'tick.kpis.cumulative', kpis.cumulative, Float64Array);
    checkHourRows(problems, 'tick.kpis', kpis);
    if (
      kpis.cumulative instanceof Float64Array &&
      kpis.hourRows instanceof Float64Array &&
      kpis.hourRows.length % Math.max(1, kpis.cumulative.length) !== 0
    )
      problems.push('tick.kpis.hourRows: not a whole number of rows');
    if (kpis.lastMile !== null && !isRecord(kpis.lastMile))
      problems.push('tick.kpis.lastMile: expected an object or null');
  }
  if (
    !Array.isArray(data.orders) ||
    !data.orders.every((order) => isRecord(order) && typeof order.orderKey === 'string')
  )
    problems.push('tick.orders: expected a list of traced orders');
}

/**
 * The message as the channel may store it, or a sentence naming what was wrong with it
 * ("tick.kpis.firstHour: -1 is not valid; ...").
 */
export function readWorkerMessage(
  data: unknown,
): { message: WorkerMessage; error?: undefined } | { error: string } {
  if (!isRecord(data)) return { error: `expected a message object, got ${describeValue(data)}` };
  const problems: Problems = [];
  const text = (field: string) => {
    if (typeof data[field] !== 'string') problems.push(`${data.type}.${field}: expected text`);
  };
  switch (data.type) {
    case 'progress':
      text('phase');
      checkNumber(problems, 'progress.fraction', data.fraction, 0, 1);
      if (data.hours !== undefined) checkHourRows(problems, 'progress.hours', data.hours);
      break;
    case 'ready': {
      checkNetwork(problems, 'ready.network', data.network);
      checkParams(problems, 'ready.params', data.params);
      if (!Array.isArray(data.kpiNames) || !data.kpiNames.every((name) => typeof name === 'string'))
        problems.push('ready.kpiNames: expected a list of names');
      checkNumber(problems, 'ready.timeS', data.timeS, 0, MAX_TIME_S);
      checkInteger(problems, 'ready.seed', data.seed, 0, 2 ** 32 - 1);
      if (data.hoursBeforeStart !== undefined)
        checkHourRows(problems, 'ready.hoursBeforeStart', data.hoursBeforeStart);
      break;
    }
    case 'trips':
      checkTripBatch(problems, 'trips.batch', data.batch);
      if (data.streetPaths !== undefined && data.streetPaths !== true)
        problems.push(`trips.streetPaths: ${describeValue(data.streetPaths)} is not true`);
      if (data.atStart !== undefined && data.atStart !== true)
        problems.push(`trips.atStart: ${describeValue(data.atStart)} is not true`);
      if (data.replacesAtStart !== undefined && data.replacesAtStart !== true)
        problems.push(`trips.replacesAtStart: ${describeValue(data.replacesAtStart)} is not true`);
      break;
    case 'tick':
      checkTick(problems, data);
      break;
    case 'orderPlaced':
      text('orderKey');
      if (!isRecord(data.placed)) problems.push('orderPlaced.placed: expected the placed order');
      break;
    case 'orderRejected':
      text('orderKey');
      text('message');
      break;
    case 'seeked':
      checkNumber(problems, 'seeked.timeS', data.timeS, 0, MAX_TIME_S);
      if (
        data.warmState !== undefined &&
        !(
          isRecord(data.warmState) &&
          (data.warmState.used === true ||
            (data.warmState.used === false && typeof data.warmState.why === 'string'))
        )
      )
        problems.push(
          `seeked.warmState: ${describeValue(data.warmState)} is not {used: true} or {used: false, why}`,
        );
      if (data.keepsTrips !== undefined && data.keepsTrips !== true)
        problems.push(`seeked.keepsTrips: ${describeValue(data.keepsTrips)} is not true`);
      break;
    case 'rewound':
      checkNumber(problems, 'rewound.timeS', data.timeS, 0, MAX_TIME_S);
      checkInteger(problems, 'rewound.firstVehicleId', data.firstVehicleId, 0, 2 ** 32);
      break;
    case 'facilityHours':
      checkInteger(problems, 'facilityHours.facilityId', data.facilityId, 0, 2 ** 31);
      checkInteger(problems, 'facilityHours.firstHour', data.firstHour, 0, MAX_TIME_S / 3600);
      checkArray(problems, 'facilityHours.hourRows', data.hourRows, Float64Array);
      checkInteger(problems, 'facilityHours.foldedBeforeHour', data.foldedBeforeHour, 0, MAX_TIME_S / 3600);
      break;
    case 'areaHours':
      checkInteger(problems, 'areaHours.firstHour', data.firstHour, 0, MAX_TIME_S / 3600);
      checkArray(problems, 'areaHours.hourRows', data.hourRows, Float64Array);
      checkInteger(problems, 'areaHours.foldedBeforeHour', data.foldedBeforeHour, 0, MAX_TIME_S / 3600);
      break;
    case 'snapshot':
    case 'checkpoint':
      if (!isRecord(data.snapshot)) problems.push(`${data.type}.snapshot: expected a model snapshot`);
      else checkNumber(problems, `${data.type}.snapshot.timeS`, data.snapshot.timeS, 0, MAX_TIME_S);
      break;
    case 'paramsApplied':
      checkParams(problems, 'paramsApplied.params', data.params);
      if (typeof data.rebuilt !== 'boolean') problems.push('paramsApplied.rebuilt: expected true or false');
      if (!Array.isArray(data.errors) || !data.errors.every((error) => typeof error === 'string'))
        problems.push('paramsApplied.errors: expected a list of messages');
      if (data.network !== undefined) checkNetwork(problems, 'paramsApplied.network', data.network);
      break;
    case 'timeline':
      if (
        !Array.isArray(data.changes) ||
        !data.changes.every((change) => isRecord(change) && typeof change.atS === 'number')
      )
        problems.push('timeline.changes: expected a list of {atS, ...} changes');
      break;
    case 'alive':
      break;
    case 'rejected':
      text('message');
      break;
    case 'error':
      text('message');
      if (typeof data.recoverable !== 'boolean') problems.push('error.recoverable: expected true or false');
      break;
    default:
      return { error: `unknown type ${describeValue(data.type)}` };
  }
  if (problems.length > 0) return { error: summarize(problems) };
  return { message: data as unknown as WorkerMessage };
}
