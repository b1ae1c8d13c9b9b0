import { describe, expect, it } from 'vitest';
import { explainJourney } from '../../src/sim/journey';
import { buildNetwork } from '../../src/sim/network';
import { getFactTimeS } from '../../src/sim/parcelJournal';
import { ON_TIME_JOURNEY_RECIPE, runJourneyRecipe } from './journeyRecipes';
import { STREAM_NAMES } from '../../src/sim/rng';
import {
  createSimulation,
  FACILITY_KINDS,
  type OrderSpec,
  restoreSimulation,
  type Simulation,
} from '../../src/sim/simulation';
import { smallParams } from './simHelpers';

/** The e2e test's small network: fast enough to run a few sim days per test. */
const smallNetwork = () =>
  smallParams({ fulfillmentCenterCount: 20, sortationCenterCount: 10, deliveryStationCount: 150 });
const CHICAGO: OrderSpec = { lon: -87.65, lat: 41.88, weightKg: 2, promise: 'twoDay' };

/** Every live parcel ordered after `afterS`, as the facts the demand and sourcing streams decide. */
function describeOrdersAfter(sim: Simulation, afterS: number, skipParcelId = -1): string[] {
  return sim
    .listLiveParcels(1e9)
    .filter((id) => id !== skipParcelId)
    .map((id) => sim.traceParcel(id)!)
    .filter((trace) => trace.events[0].timeS > afterS)
    .map((t) =>
      [
        t.events[0].timeS,
        t.originFacility,
        t.destinationStation,
        t.promise,
        t.weightKg,
        t.destinationLon,
        t.destinationLat,
      ].join(' '),
    )
    .sort();
}

function readStream(sim: Simulation, name: (typeof STREAM_NAMES)[number]): number[] {
  const index = STREAM_NAMES.indexOf(name);
  return Array.from(sim.snapshot().streams.slice(index * 4, index * 4 + 4));
}

describe('a placed order is followed to the door', () => {
  it('is delivered, with its events in time order, every leg on a truck with an id and stages consistent', () => {
    const { placed, trace } = runJourneyRecipe(ON_TIME_JOURNEY_RECIPE);
    const watch = trace.watch!;
    expect(watch.deliveredS, 'delivered within the recipe days').not.toBeNull();
    expect(trace.parcelId).toBe(placed.parcelId);
    const { facts } = watch;
    const times = facts.map(getFactTimeS);
    for (let i = 1; i < times.length; i++)
      expect(times[i], `${facts[i].kind} after ${facts[i - 1].kind}`).toBeGreaterThanOrEqual(times[i - 1]);
    expect(facts[0]).toMatchObject({ kind: 'queueJoined', queue: 'pick', facility: placed.originFc });
    expect(facts.at(-1)).toEqual({ kind: 'delivered', timeS: watch.deliveredS });
    // The queues it joined, in journey order, each once on this path.
    const queues = facts.flatMap((fact) => (fact.kind === 'queueJoined' ? [fact.queue] : []));
    expect(queues).toEqual(['pick', 'pack', 'slam', 'fcDock', 'sortCenterSort', 'stationSort', 'ready']);
    // One truck per hop of its planned path, from where it was to where it went next.
    const trucks = facts.filter((fact) => fact.kind === 'truckBoarded');
    expect(trucks.map((truck) => [truck.fromFacility, truck.toFacility])).toEqual(
      trace.path.slice(1).map((to, i) => [trace.path[i], to]),
    );
    for (const truck of trucks) {
      expect(truck.vehicleId).toBeGreaterThanOrEqual(0);
      expect(truck.arriveS).toBeGreaterThan(truck.departS);
      expect(truck.arriveS - truck.departS).toBeGreaterThanOrEqual(truck.fairWeatherDriveS - 1e-6);
    }
    const handoffs = facts.filter((fact) => fact.kind === 'handedOff');
    expect(handoffs).toHaveLength(1);
    expect(handoffs[0].vehicleId).toBeGreaterThanOrEqual(0);
    expect(handoffs[0].plannedDeliveryS).toBe(watch.deliveredS);
    expect(trace.lastMile).toEqual({ carrier: handoffs[0].carrier, reason: handoffs[0].reason });
    expect(trace.stage === 'outForDelivery' || trace.stage === 'withCarrier').toBe(true);
  });

  it('the vehicles named in the trace carried it: its door stop is on the last-mile vehicle', () => {
    const sim = createSimulation(smallParams(), 7);
    sim.advanceTo(ON_TIME_JOURNEY_RECIPE.orderAtHour * 3600);
    sim.drainTrips();
    const placed = sim.placeOrder(ON_TIME_JOURNEY_RECIPE.order);
    const stopsOf = new Map<number, number[]>();
    const lineHaul = new Map<number, [number, number]>();
    for (let day = 0; day < 4 && sim.traceParcel(placed.parcelId)!.watch!.deliveredS === null; day++) {
      sim.advanceTo(sim.timeS + 86400);
      const batch = sim.drainTrips();
      for (let i = 0; i < batch.length; i++) {
        const id = batch.vehicleId[i];
        lineHaul.set(id, [batch.originFacility[i], batch.destinationFacility[i]]);
        const from = batch.stopStartIndices![i];
        const to = batch.stopStartIndices![i + 1];
        stopsOf.set(id, Array.from(batch.stopParcelIds!.slice(from, to)));
      }
    }
    const { facts } = sim.traceParcel(placed.parcelId)!.watch!;
    const trucks = facts.filter((fact) => fact.kind === 'truckBoarded');
    expect(trucks.length).toBeGreaterThan(0);
    for (const truck of trucks)
      expect(lineHaul.get(truck.vehicleId)).toEqual([truck.fromFacility, truck.toFacility]);
    const handoff = facts.find((fact) => fact.kind === 'handedOff');
    expect(stopsOf.get(handoff!.vehicleId)).toContain(placed.parcelId);
  });
});

describe('the storefront promises a placed order what its path can keep', () => {
  it('a same-day ask at 22:00 is promised a later day, not promised and then missed; a standard ask stays standard', () => {
    const sim = createSimulation(smallNetwork(), 7);
    const station = sim.network.facilities.find(
      (f) => f.kind === FACILITY_KINDS.indexOf('deliveryStation') && f.metro === 'Chicago',
    );
    expect(station).toBeDefined();
    // 22:00 local in Chicago on day 1: the day's last same-day wave has long gone.
    const offsetH = buildNetwork(smallNetwork()).facilityOffsetH[station!.id];
    sim.advanceTo((22 - offsetH) * 3600);
    const sameDay = sim.placeOrder({ ...CHICAGO, promise: 'sameDay' }, 'night-same-day');
    expect(sameDay.promise).not.toBe('sameDay');
    expect(sim.traceParcel(sameDay.parcelId)!.promise).toBe(sameDay.promise);
    // Promised for a later day: its deadline is the next day's evening or after, not tonight.
    expect(sameDay.promiseDeadlineS - sameDay.orderedS).toBeGreaterThan(12 * 3600);
    const standard = sim.placeOrder({ ...CHICAGO, promise: 'standard' }, 'night-standard');
    expect(standard.promise).toBe('standard');
  });
});

describe('placing an order leaves every other order as it was (common random numbers)', () => {
  it.each([3, 7, 11])(
    'seed %i: same demand and sourcing streams, the same other orders, one more ordered',
    (seed) => {
      const without = createSimulation(smallNetwork(), seed);
      const withOrder = createSimulation(smallNetwork(), seed);
      const atS = 9 * 3600;
      without.advanceTo(atS);
      withOrder.advanceTo(atS);
      const placed = withOrder.placeOrder(CHICAGO);
      without.advanceTo(atS + 3 * 3600);
      withOrder.advanceTo(atS + 3 * 3600);
      for (const stream of ['demand', 'sourcing'] as const)
        expect(readStream(withOrder, stream), `${stream} stream`).toEqual(readStream(without, stream));
      expect(withOrder.getKpis().cumulative.ordered).toBe(without.getKpis().cumulative.ordered + 1);
      const others = describeOrdersAfter(without, atS);
      expect(others.length).toBeGreaterThan(10);
      expect(describeOrdersAfter(withOrder, atS, placed.parcelId)).toEqual(others);
      expect(withOrder.checkInvariants()).toEqual([]);
    },
  );
});

describe('a placed order is deterministic', () => {
  it('snapshot -> restore mid-journey gives the identical trace, bit for bit', () => {
    const sim = createSimulation(smallNetwork(), 7);
    sim.advanceTo(10 * 3600);
    const placed = sim.placeOrder(CHICAGO, 'chicago');
    sim.advanceTo(30 * 3600);
    const restored = restoreSimulation(structuredClone(sim.snapshot()));
    expect(restored.traceParcel(placed.parcelId)).toEqual(sim.traceParcel(placed.parcelId));
    for (const run of [sim, restored]) run.advanceTo(5 * 86400);
    const trace = sim.traceParcel(placed.parcelId)!;
    expect(trace.watch!.facts.length).toBeGreaterThan(5);
    expect(restored.traceParcel(placed.parcelId)).toEqual(trace);
    // The key still de-duplicates after a restore.
    expect(restored.placeOrder(CHICAGO, 'chicago')).toEqual(placed);
  });

  it('the same order at the same time gives the same parcel id and trace in two runs; a repeated key is a no-op', () => {
    const runs = [createSimulation(smallNetwork(), 5), createSimulation(smallNetwork(), 5)];
    const placed = runs.map((sim) => {
      sim.advanceTo(8 * 3600);
      return sim.placeOrder(CHICAGO, 'order-1');
    });
    expect(placed[1]).toEqual(placed[0]);
    const ordered = runs[0].getKpis().cumulative.ordered;
    expect(runs[0].placeOrder(CHICAGO, 'order-1')).toEqual(placed[0]);
    expect(runs[0].getKpis().cumulative.ordered).toBe(ordered);
    expect(() => runs[0].placeOrder({ ...CHICAGO, weightKg: 3 }, 'order-1')).toThrow(/order key "order-1"/);
    for (const sim of runs) sim.advanceTo(2 * 86400);
    expect(runs[1].traceParcel(placed[1].parcelId)).toEqual(runs[0].traceParcel(placed[0].parcelId));
  });

  it('a run with nothing placed watches nothing', () => {
    const sim = createSimulation(smallNetwork(), 7);
    sim.advanceTo(3600);
    expect(sim.snapshot().journal).toEqual({ watched: [] });
  });
});

describe('a placed order survives a rebuild of the network', () => {
  it('moved onto the new facilities mid-journey, it is traced to its door with valid ids, and no parcel is lost', () => {
    const sim = createSimulation(smallNetwork(), 7);
    sim.advanceTo(10 * 3600);
    const placed = sim.placeOrder(CHICAGO, 'chicago');
    sim.advanceTo(14 * 3600);
    const before = sim.traceParcel(placed.parcelId)!;
    expect(before.watch!.deliveredS).toBeNull();
    // Fewer sortation centers, more stations: every facility id after the FCs shifts.
    const { rebuilt } = sim.setParams({ sortationCenterCount: 7, deliveryStationCount: 160 });
    expect(rebuilt).toBe(true);
    expect(sim.checkInvariants()).toEqual([]);
    for (let day = 0; day < 6 && sim.traceParcel(placed.parcelId)!.watch!.deliveredS === null; day++)
      sim.advanceTo(sim.timeS + 86400);
    expect(sim.checkInvariants(), 'parcels conserved to the end').toEqual([]);

    const trace = sim.traceParcel(placed.parcelId)!;
    const watch = trace.watch!;
    expect(watch.deliveredS, 'delivered after the rebuild').not.toBeNull();
    const facilities = sim.network.facilities;
    const kindOf = (id: number) => (facilities[id] ? FACILITY_KINDS[facilities[id].kind] : undefined);
    expect(kindOf(trace.originFacility)).toBe('fulfillmentCenter');
    expect(kindOf(trace.destinationStation)).toBe('deliveryStation');
    expect(trace.path.map(kindOf)).toEqual([
      'fulfillmentCenter',
      ...trace.path.slice(1, -1).map(() => 'sortationCenter'),
      'deliveryStation',
    ]);
    // Every fact names a facility of the new network, of the kind where it happened.
    for (const fact of watch.facts) {
      if (fact.kind === 'queueJoined') {
        const expected = ['pick', 'pack', 'slam', 'fcDock'].includes(fact.queue)
          ? 'fulfillmentCenter'
          : fact.queue === 'sortCenterSort'
            ? 'sortationCenter'
            : 'deliveryStation';
        expect(kindOf(fact.facility), `${fact.queue} at ${fact.facility}`).toBe(expected);
      } else if (fact.kind === 'truckBoarded') {
        expect(kindOf(fact.fromFacility)).toBeDefined();
        expect(kindOf(fact.toFacility)).toBeDefined();
      }
    }
    // The order's station is the one that sorted it for its door, and its FC the one that picked it.
    const ready = watch.facts.find((fact) => fact.kind === 'queueJoined' && fact.queue === 'ready');
    expect(ready).toMatchObject({ facility: trace.destinationStation });
    expect(watch.facts[0]).toMatchObject({ queue: 'pick', facility: trace.originFacility });
    expect(explainJourney(trace, sim.params).delivered).toBe(true);
    // The placed order itself (what the page follows, found again by its key) names them too.
    expect(sim.placeOrder(CHICAGO, 'chicago')).toMatchObject({
      parcelId: placed.parcelId,
      stationId: trace.destinationStation,
      originFc: trace.originFacility,
    });
  });
});

describe('a bad order names the bad value', () => {
  const sim = createSimulation(smallNetwork(), 1);
  it.each([
    [{ ...CHICAGO, lon: Number.NaN }, /order lon: NaN/],
    [{ ...CHICAGO, lat: 120 }, /order lat: 120/],
    [{ ...CHICAGO, weightKg: 0 }, /order weightKg: 0 is out of range; expected 0.05 to 30 kg/],
    [{ ...CHICAGO, weightKg: 31 }, /order weightKg: 31/],
    [{ ...CHICAGO, promise: 'tomorrow' as OrderSpec['promise'] }, /order promise: "tomorrow" is unknown/],
    // The Atlantic, and Winnipeg: no delivery station within reach.
    [
      { ...CHICAGO, lon: -50, lat: 35 },
      /order address 35\.0000, -50\.0000 \(lat, lon\) is \d+ km from the nearest delivery station.*within 80 km/,
    ],
    [
      { ...CHICAGO, lon: -97.14, lat: 49.9 },
      /order address 49\.9000, -97\.1400 .* km from the nearest delivery station/,
    ],
  ])('%o', (spec, message) => {
    expect(() => sim.placeOrder(spec)).toThrow(message);
  });

  it('a refused order changes nothing', () => {
    const before = sim.getKpis().cumulative.ordered;
    expect(() => sim.placeOrder({ ...CHICAGO, weightKg: -1 })).toThrow();
    expect(sim.getKpis().cumulative.ordered).toBe(before);
  });
});
