/**
 * One random scenario, checked end to end: the model's invariants at every step of its first
 * hours and every hour after, conservation across a change made mid-run (a rebuild of the
 * network or network edits included, with a placed order in it), snapshot -> restore -> advance identical to
 * running on, and a second run from the same seed identical bit for bit. A failure names the
 * scenario as a link that opens it in the page.
 */
import fc from 'fast-check';
import type { Params } from '../../src/sim/params';
import type { OrderSpec } from '../../src/sim/placedOrders';
import { DELIVERY_STATION, FULFILLMENT_CENTER } from '../../src/sim/kinds';
import { buildNetwork } from '../../src/sim/network';
import { formatEditTime } from '../../src/sim/networkEdits';
import {
  createSimulation,
  restoreSimulation,
  type Simulation,
  type TripBatch,
} from '../../src/sim/simulation';
import { buildShareUrl, formatOrderLink } from '../../src/state/urlState';
import { arbitraryParams, fingerprint } from './simHelpers';

/** A change made at the scenario's midpoint. */
export type MidRunChange =
  | { kind: 'none' }
  | { kind: 'params'; partial: Partial<Params> }
  | { kind: 'rebuild'; partial: Partial<Params> }
  | { kind: 'order'; order: OrderSpec }
  /**
   * Network edits made at the midpoint (networkEdits.ts): each names a facility by its place in
   * the network's list (`at`, 0-1, so it fits any facility count), or adds one at an order place.
   */
  | { kind: 'edits'; edits: Array<{ verb: 'remove' | 'outage' | 'add'; at: number; kind: string }> };

export interface RandomScenario {
  params: Params;
  seed: number;
  hours: number;
  /** An order placed at 1 h, followed through the change (a rebuild must carry it). */
  order: OrderSpec | null;
  change: MidRunChange;
}

/** Orders at metros every network has a station near (the largest metros always get one). */
const ORDER_PLACES: Array<[number, number]> = [
  [-73.99, 40.73],
  [-118.24, 34.05],
  [-87.65, 41.88],
  [-95.37, 29.76],
];

const arbitraryOrder: fc.Arbitrary<OrderSpec> = fc
  .record({
    place: fc.constantFrom(...ORDER_PLACES),
    weightKg: fc.integer({ min: 1, max: 250 }),
    promise: fc.constantFrom('sameDay' as const, 'nextDay' as const, 'twoDay' as const),
  })
  .map(({ place, weightKg, promise }) => ({
    lon: place[0],
    lat: place[1],
    weightKg: weightKg / 10,
    promise,
  }));

const midRunChange: fc.Arbitrary<MidRunChange> = fc.oneof(
  fc.constant<MidRunChange>({ kind: 'none' }),
  fc
    .record({
      demandMultiplier: fc.double({ min: 0, max: 3, noNaN: true }),
      robotsPerFc: fc.integer({ min: 0, max: 8000 }),
      stormChancePerDay: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map((partial): MidRunChange => ({ kind: 'params', partial })),
  fc
    .record({
      fulfillmentCenterCount: fc.integer({ min: 8, max: 120 }),
      sortationCenterCount: fc.integer({ min: 4, max: 80 }),
      deliveryStationCount: fc.integer({ min: 150, max: 500 }),
    })
    .map((partial): MidRunChange => ({ kind: 'rebuild', partial })),
  arbitraryOrder.map((order): MidRunChange => ({ kind: 'order', order })),
  fc
    .array(
      fc.record({
        verb: fc.constantFrom('remove' as const, 'outage' as const, 'add' as const),
        at: fc.double({ min: 0, max: 0.999, noNaN: true }),
        kind: fc.constantFrom('fc', 'sc', 'station', 'hub'),
      }),
      { minLength: 1, maxLength: 3 },
    )
    .map((edits): MidRunChange => ({ kind: 'edits', edits })),
);

/** The edits grammar's text for an 'edits' change made at `atS` on a network of `facilityCount`. */
export function getEditsText(
  change: Extract<MidRunChange, { kind: 'edits' }>,
  facilityCount: number,
  atS: number,
): string {
  const at = formatEditTime(atS);
  return change.edits
    .map((edit, k) => {
      const id = Math.floor(edit.at * facilityCount);
      if (edit.verb === 'remove') return `remove:f${id}@${at}`;
      if (edit.verb === 'outage') return `outage:f${id}:${at}-${formatEditTime(atS + 3600)}`;
      const [lon, lat] = ORDER_PLACES[k % ORDER_PLACES.length];
      return `add:${edit.kind}:${lon},${lat}@${at}`;
    })
    .join(';');
}

export const arbitraryScenario: fc.Arbitrary<RandomScenario> = fc.record({
  params: arbitraryParams,
  seed: fc.nat(),
  hours: fc.integer({ min: 1, max: 4 }),
  order: fc.option(arbitraryOrder, { freq: 2 }),
  change: midRunChange,
});

/** The followed order goes in after the first half hour; the change at the scenario's midpoint. */
const ORDER_AT_S = 1800;

function midpointS(scenario: RandomScenario): number {
  const stepS = scenario.params.stepS;
  return Math.max(ORDER_AT_S, Math.floor((scenario.hours * 1800) / stepS) * stepS);
}

/** Opens the scenario in the page at its end time (a mid-run change is not in a link but an order is). */
export function describeScenario(scenario: RandomScenario): string {
  const extra: Record<string, string> = { paused: '1' };
  if (scenario.order) extra.order = formatOrderLink(scenario.order, ORDER_AT_S);
  else if (scenario.change.kind === 'order')
    extra.order = formatOrderLink(scenario.change.order, midpointS(scenario));
  const link = buildShareUrl(
    'http://localhost:5173/',
    scenario.params,
    scenario.seed,
    scenario.hours * 3600,
    600,
    extra,
  );
  const change =
    scenario.change.kind === 'params' || scenario.change.kind === 'rebuild'
      ? ` then, at ${midpointS(scenario)} s, ${JSON.stringify(scenario.change.partial)}`
      : scenario.change.kind === 'edits'
        ? ` then, at ${midpointS(scenario)} s, networkEdits=${getEditsText(scenario.change, buildNetwork(scenario.params).network.facilities.length, midpointS(scenario))}`
        : '';
  return `${link}${change}`;
}

function fail(message: string): never {
  throw new Error(message);
}

/**
 * Runs `sim` to `endS`, checking the invariants after each of the first steps (where a fresh or
 * just-changed model goes wrong first), then every half hour: a check walks every parcel, which
 * costs more than a step.
 */
function runChecked(sim: Simulation, endS: number, trips: TripBatch[]): void {
  let previousS = sim.timeS;
  let previousOrdered = sim.getKpis().cumulative.ordered;
  let steps = 0;
  while (sim.timeS < endS) {
    const target = Math.min(endS, steps++ < 3 ? sim.timeS + sim.params.stepS : sim.timeS + 1800);
    sim.advanceTo(target);
    trips.push(sim.drainTrips());
    if (sim.timeS < previousS) fail(`time went back from ${previousS} s to ${sim.timeS} s`);
    const broken = sim.checkInvariants();
    if (broken.length > 0) fail(`at ${sim.timeS} s: ${broken.slice(0, 3).join('; ')}`);
    const ordered = sim.getKpis().cumulative.ordered;
    if (ordered < previousOrdered)
      fail(`ordered fell from ${previousOrdered} to ${ordered} at ${sim.timeS} s`);
    const state = sim.readFacilityState();
    for (let id = 0; id < state.robotsBusy.length; id++) {
      if (state.backlogParcels[id] < 0 || state.pickQueue[id] < 0 || state.packQueue[id] < 0)
        fail(`facility ${id} has a negative queue at ${sim.timeS} s`);
      if (state.robotsBusy[id] > state.robotsTotal[id]) fail(`facility ${id} uses more robots than it has`);
      if (state.trailerFill[id] > 1 + 1e-9) fail(`facility ${id} loads trailers past capacity`);
    }
    previousS = sim.timeS;
    previousOrdered = ordered;
  }
}

/**
 * Makes a parameter change or network edits; false when the model refused the edits (by name,
 * keeping the run as it was).
 */
function setParamsOf(sim: Simulation, change: Exclude<MidRunChange, { kind: 'none' | 'order' }>): boolean {
  if (change.kind !== 'edits') {
    sim.setParams(change.partial);
    return true;
  }
  try {
    sim.setParams({ networkEdits: getEditsText(change, sim.network.facilities.length, sim.timeS) });
    return true;
  } catch (error) {
    if (!/^Invalid network edits: /.test((error as Error).message)) throw error;
    if (sim.params.networkEdits !== '') fail(`a refused plan was kept: ${sim.params.networkEdits}`);
    return false;
  }
}

/** Makes the mid-run change; checks what it must conserve, the followed order included. */
function makeChange(sim: Simulation, change: MidRunChange, followedId: number | null): void {
  if (change.kind === 'none') return;
  if (change.kind === 'order') {
    const placed = sim.placeOrder(change.order, 'mid-run-order');
    if (!sim.traceParcel(placed.parcelId)) fail('a placed order is not traced after placing it');
    return;
  }
  const before = sim.getKpis().cumulative;
  if (!setParamsOf(sim, change)) return;
  const after = sim.getKpis().cumulative;
  if (after.liveParcels !== before.liveParcels)
    fail(`a change lost or made parcels: ${before.liveParcels} live before, ${after.liveParcels} after`);
  if (after.ordered !== before.ordered) fail(`ordered changed from ${before.ordered} to ${after.ordered}`);
  const broken = sim.checkInvariants();
  if (broken.length > 0) fail(`after the change: ${broken.slice(0, 3).join('; ')}`);
  if (followedId !== null) checkFollowed(sim, followedId, 'after the change');
}

/** The followed order's parcel is traced, at facilities of the network the model runs on now. */
function checkFollowed(sim: Simulation, parcelId: number, when: string): void {
  const trace = sim.traceParcel(parcelId);
  if (!trace) fail(`${when}: the placed order's parcel ${parcelId} is no longer traced`);
  const facilities = sim.network.facilities;
  const station = facilities[trace.destinationStation];
  if (!station || station.kind !== DELIVERY_STATION)
    fail(
      `${when}: the placed order's station ${trace.destinationStation} is not a delivery station of this network`,
    );
  const origin = facilities[trace.originFacility];
  if (!origin || origin.kind !== FULFILLMENT_CENTER)
    fail(
      `${when}: the placed order's FC ${trace.originFacility} is not a fulfillment center of this network`,
    );
}

function countTrips(batches: TripBatch[]): number {
  return batches.reduce((sum, batch) => sum + batch.length, 0);
}

/** Checks one scenario; throws naming the first property that fails. */
export function checkScenario(scenario: RandomScenario): void {
  const { params, seed, hours, change, order } = scenario;
  const midS = midpointS(scenario);
  const endS = hours * 3600;
  const trips: TripBatch[] = [];
  const sim = createSimulation(params, seed);
  runChecked(sim, ORDER_AT_S, trips);
  const followedId = order ? sim.placeOrder(order, 'followed-order').parcelId : null;
  runChecked(sim, midS, trips);
  makeChange(sim, change, followedId);
  const snapshot = sim.snapshot();
  const tripsBeforeSnapshot = trips.length;
  runChecked(sim, endS, trips);
  if (followedId !== null) checkFollowed(sim, followedId, 'at the end');
  const expected = JSON.stringify(fingerprint(sim, []));

  // Restoring the midpoint and running on lands on the same state.
  // Its trips are drained as the first run's were (undrained trips are run state).
  const restored = restoreSimulation(snapshot);
  restored.advanceTo(endS);
  const restoredTrips = restored.drainTrips();
  if (JSON.stringify(fingerprint(restored, [])) !== expected) fail('snapshot -> restore -> advance differs');
  if (restoredTrips.length !== countTrips(trips.slice(tripsBeforeSnapshot)))
    fail('snapshot -> restore -> advance dispatched other trips');

  // A second run from the seed, making the same change, is identical (trips included).
  const again = createSimulation(params, seed);
  const tripsAgain: TripBatch[] = [];
  again.advanceTo(ORDER_AT_S);
  if (order) again.placeOrder(order, 'followed-order');
  again.advanceTo(midS);
  tripsAgain.push(again.drainTrips());
  if (change.kind === 'order') again.placeOrder(change.order, 'mid-run-order');
  else if (change.kind !== 'none') setParamsOf(again, change);
  again.advanceTo(endS);
  tripsAgain.push(again.drainTrips());
  if (JSON.stringify(fingerprint(again, [])) !== expected) fail('a second run from the same seed differs');
  if (countTrips(tripsAgain) !== countTrips(trips)) fail('a second run dispatched other trips');
}
