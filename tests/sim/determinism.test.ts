import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  restoreSimulation,
  SIM_SNAPSHOT_VERSION,
  type SimSnapshot,
  type TripBatch,
} from '../../src/sim/simulation';
import { ParcelStore, TICKED_EVENTS } from '../../src/sim/parcels';
import { countTypedArrayBytes } from '../../src/sim/typedArrays';
import { withArrayBufferTransfer } from './arrayBufferTransfer';
import { arbitraryParams, fingerprint, smallParams } from './simHelpers';

describe('the same parameters and seed give the same result, bit for bit', () => {
  it('two runs agree on every KPI, every trip vertex and every facility, however the time is chunked', () => {
    fc.assert(
      fc.property(arbitraryParams, fc.nat(), (params, seed) => {
        const a = createSimulation(params, seed);
        const b = createSimulation(params, seed);
        const tripsA: TripBatch[] = [];
        const tripsB: TripBatch[] = [];
        a.advanceTo(14 * 3600);
        tripsA.push(a.drainTrips());
        for (let t = 1000; t <= 14 * 3600; t += 1777) b.advanceTo(t);
        b.advanceTo(14 * 3600);
        tripsB.push(b.drainTrips());
        const merged = (batches: TripBatch[]) => batches.filter((batch) => batch.length > 0);
        expect(fingerprint(b, merged(tripsB))).toEqual(fingerprint(a, merged(tripsA)));
      }),
      { numRuns: 4, seed: 11 },
    );
  });

  it('a run whose trip and parcel columns are freed as they are outgrown or drained (the browser detaches them) gives the same run', () => {
    const drainHourly = (seed: number) => {
      const sim = createSimulation(smallParams(), seed);
      const trips: TripBatch[] = [];
      for (let hour = 1; hour <= 14; hour++) {
        sim.advanceTo(hour * 3600);
        trips.push(sim.drainTrips());
      }
      return fingerprint(sim, trips);
    };
    for (const seed of [1, 2])
      expect(withArrayBufferTransfer(() => drainHourly(seed))).toEqual(drainHourly(seed));
  });

  it('a different seed gives a different day', () => {
    const a = createSimulation(smallParams(), 1);
    const b = createSimulation(smallParams(), 2);
    a.advanceTo(6 * 3600);
    b.advanceTo(6 * 3600);
    expect(a.getKpis().cumulative.ordered).not.toBe(b.getKpis().cumulative.ordered);
  });

  it('snapshot -> restore -> advance gives exactly what never snapshotting gives', () => {
    fc.assert(
      fc.property(arbitraryParams, fc.nat(), fc.integer({ min: 1, max: 20 }), (params, seed, splitH) => {
        const straight = createSimulation(params, seed);
        straight.advanceTo(splitH * 3600);
        const tripsBefore = straight.drainTrips();
        straight.advanceTo(24 * 3600);
        const expected = fingerprint(straight, [straight.drainTrips()]);

        const first = createSimulation(params, seed);
        first.advanceTo(splitH * 3600);
        expect(first.drainTrips().length).toBe(tripsBefore.length);
        // Through structuredClone, as it crosses to a worker.
        const restored = restoreSimulation(structuredClone(first.snapshot()));
        restored.advanceTo(24 * 3600);
        expect(fingerprint(restored, [restored.drainTrips()])).toEqual(expected);
      }),
      { numRuns: 4, seed: 5 },
    );
  });

  it('a snapshot keeps trips not yet drained', () => {
    const sim = createSimulation(smallParams(), 9);
    sim.advanceTo(10 * 3600);
    const restored = restoreSimulation(sim.snapshot());
    expect(fingerprint(restored, [restored.drainTrips()])).toEqual(fingerprint(sim, [sim.drainTrips()]));
  });

  it("a snapshot keeps only the live parcels' values, and a run restored from it goes on as the original", () => {
    const sim = createSimulation(smallParams(), 11);
    // A day and a half: many parcels delivered, their slots free again with dead values in them.
    sim.advanceTo(36 * 3600);
    const snapshot = sim.snapshot();
    const { columns, live } = snapshot.parcels;
    const freeSlots = columns.capacity - live;
    expect(freeSlots).toBeGreaterThan(0);
    expect(columns.orderedS.length).toBe(live);
    expect(columns.eventTicks.length).toBe(live * TICKED_EVENTS);
    const packedBytes = Object.values(columns).reduce(
      (bytes: number, value) => bytes + (ArrayBuffer.isView(value) ? value.byteLength : 0),
      0,
    );
    // Every slot ever taken keeps its link, stage and generation (7 bytes); only live ones the rest.
    expect(columns.usedSlots).toBeGreaterThanOrEqual(live);
    expect(columns.usedSlots).toBeLessThanOrEqual(columns.capacity);
    expect(packedBytes).toBe(columns.usedSlots * 7 + live * (ParcelStore.bytesPerSlot() - 7));
    const restored = restoreSimulation(structuredClone(snapshot));
    expect(fingerprint(restored, [])).toEqual(fingerprint(sim, []));
    restored.advanceTo(48 * 3600);
    sim.advanceTo(48 * 3600);
    expect(fingerprint(restored, [restored.drainTrips()])).toEqual(fingerprint(sim, [sim.drainTrips()]));
  });

  it('a snapshot leaves out the slots no parcel has taken yet, and a run restored from it goes on as the original', () => {
    const sim = createSimulation(smallParams(), 13);
    const atStart = sim.snapshot().parcels.columns;
    // The store is sized for two days of orders: at the start no slot has been taken.
    expect(atStart.usedSlots).toBe(0);
    expect(atStart.next.length + atStart.stage.length + atStart.generation.length).toBe(0);
    const fromStart = restoreSimulation(structuredClone(sim.snapshot()));
    sim.advanceTo(3 * 3600);
    const early = sim.snapshot();
    const { usedSlots, capacity } = early.parcels.columns;
    expect(usedSlots).toBeGreaterThan(0);
    expect(usedSlots, `${usedSlots} of ${capacity} slots taken by 03:00`).toBeLessThan(capacity);
    const restored = restoreSimulation(structuredClone(early));
    expect(fingerprint(restored, [])).toEqual(fingerprint(sim, []));
    fromStart.advanceTo(12 * 3600);
    restored.advanceTo(12 * 3600);
    sim.advanceTo(12 * 3600);
    const expected = fingerprint(sim, [sim.drainTrips()]);
    expect(fingerprint(restored, [restored.drainTrips()])).toEqual(expected);
    fromStart.drainTrips();
    expect(fingerprint(fromStart, [])).toEqual(fingerprint(sim, []));
  });

  it("a snapshot's bytes are known before it is taken: getSnapshotBytes counts what snapshot() holds", () => {
    const sim = createSimulation(smallParams(), 17);
    const counted: string[] = [];
    const expected: string[] = [];
    // The start, trips not yet drained, the afternoon with parcels delivered.
    for (const [timeS, drain] of [
      [0, false],
      [5 * 3600, false],
      [14 * 3600, true],
    ] as const) {
      sim.advanceTo(timeS);
      if (drain) sim.drainTrips();
      counted.push(`${timeS} s: ${sim.getSnapshotBytes()} bytes`);
      expected.push(`${timeS} s: ${countTypedArrayBytes(sim.snapshot())} bytes`);
    }
    expect(counted).toEqual(expected);
  });

  it('a snapshot of another version is refused, naming both versions', () => {
    const sim = createSimulation(smallParams(), 13);
    sim.advanceTo(3600);
    const older = { ...sim.snapshot(), version: SIM_SNAPSHOT_VERSION - 1 } as unknown as SimSnapshot;
    expect(() => restoreSimulation(older)).toThrow(
      `a snapshot of version ${SIM_SNAPSHOT_VERSION - 1}; this model reads version ${SIM_SNAPSHOT_VERSION}`,
    );
  });

  it('a snapshot whose used slots do not match its links is refused, naming both', () => {
    const sim = createSimulation(smallParams(), 13);
    sim.advanceTo(3600);
    const broken = structuredClone(sim.snapshot());
    broken.parcels.columns.usedSlots += 1;
    expect(() => restoreSimulation(broken)).toThrow(/used slots with \d+ links/);
  });

  it('the fingerprint tells apart two states one parcel apart, and names the piece that differs', () => {
    const sim = createSimulation(smallParams(), 9);
    sim.advanceTo(4 * 3600);
    const snapshot = sim.snapshot();
    const heavier = structuredClone(snapshot);
    heavier.parcels.columns.weight10g[0] += 1;
    const same = fingerprint(restoreSimulation(structuredClone(snapshot)), []) as { state: object };
    const changed = fingerprint(restoreSimulation(heavier), []) as { state: object };
    expect(fingerprint(restoreSimulation(snapshot), [])).toEqual(same);
    expect(changed).not.toEqual(same);
    const differing = Object.keys(same.state).filter(
      (key) =>
        JSON.stringify(same.state[key as keyof object]) !==
        JSON.stringify(changed.state[key as keyof object]),
    );
    expect(differing).toEqual(['parcels']);
  });

  it('common random numbers: changing FC, line-haul or sourcing parameters leaves the orders untouched', () => {
    const orders = (overrides: Parameters<typeof smallParams>[0]) => {
      const sim = createSimulation(smallParams(overrides), 21);
      sim.advanceTo(10 * 3600);
      const { hourly, cumulative } = sim.getKpis();
      return { ordered: Array.from(hourly.ordered), total: cumulative.ordered };
    };
    const base = orders({});
    expect(orders({ robotsPerFc: 500, forecastAccuracy: 0.3 })).toEqual(base);
    expect(orders({ trailerCapacityParcels: 1000, lineHaulDrivers: 'team', stormChancePerDay: 0.9 })).toEqual(
      base,
    );
  });
});
