import { describe, expect, test } from 'vitest';
import { createSimulation, restoreSimulation, type SimSnapshot } from '../../src/sim/simulation';
import { SnapshotStore } from '../../src/worker/snapshotStore';
import { digestTree, smallParams } from '../sim/simHelpers';

const HOUR_S = 3600;

describe("the worker's kept snapshots", () => {
  test('hand each snapshot back whole, the KPI rows kept once for them all, also after a seek back', () => {
    const store = new SnapshotStore();
    // Each snapshot as taken, by digest per column: a deep toEqual of these typed arrays took
    // two minutes of the unit suite, and a digest still names the column that differs.
    const taken = new Map<number, unknown>();
    const take = (hour: number, snapshot: SimSnapshot) => {
      taken.set(hour, digestTree(snapshot, 3));
      store.set(hour, snapshot);
    };
    const sim = createSimulation(smallParams(), 4);
    const start = sim.snapshot();
    take(0, start);
    for (let hour = 1; hour <= 30; hour++) {
      sim.advanceTo(hour * HOUR_S);
      take(hour, sim.snapshot());
      // Thinned as the worker does: older hours go, a few stay.
      if (hour > 6 && (hour - 6) % 8 !== 0) store.delete(hour - 6);
    }
    // A seek back: the run restored at hour 16 takes hours 17-20 again.
    const replay = restoreSimulation(store.get(16) as SimSnapshot);
    for (let hour = 17; hour <= 20; hour++) {
      replay.advanceTo(hour * HOUR_S);
      take(hour, replay.snapshot());
    }
    const kept = [...store.hours()];
    expect(kept.length).toBeGreaterThan(8);
    for (const hour of kept) expect(digestTree(store.get(hour), 3), `hour ${hour}`).toEqual(taken.get(hour));
    // The KPI rows once, not once a snapshot.
    const seriesBytes = (snapshot: SimSnapshot | undefined) => snapshot?.kpis.series.byteLength ?? 0;
    const storedSeries = kept.reduce((bytes, hour) => bytes + seriesBytes(store.byHour.get(hour)), 0);
    expect(storedSeries).toBe(seriesBytes(start));
  });

  test('count the bytes they hold: each kept snapshot once, the KPI rows once, less when one goes', () => {
    const arrayBytes = (value: unknown): number =>
      !value || typeof value !== 'object'
        ? 0
        : ArrayBuffer.isView(value)
          ? value.byteLength
          : Object.values(value).reduce((sum: number, item) => sum + arrayBytes(item), 0);
    const store = new SnapshotStore();
    const sim = createSimulation(smallParams(), 4);
    const taken: SimSnapshot[] = [];
    for (let hour = 1; hour <= 3; hour++) {
      sim.advanceTo(hour * HOUR_S);
      taken.push(sim.snapshot());
      store.set(hour, taken[hour - 1]);
    }
    const rowsBytes = taken[2].kpis.series.byteLength;
    const withoutRows = taken.map((snapshot) => arrayBytes(snapshot) - snapshot.kpis.series.byteLength);
    // The rows are kept once, in a column grown a quarter at a time: at most 1.25 times the latest's.
    const held = store.getHeldBytes() - withoutRows[0] - withoutRows[1] - withoutRows[2];
    expect(held).toBeGreaterThanOrEqual(rowsBytes);
    expect(held).toBeLessThanOrEqual(rowsBytes * 1.25);
    store.delete(2);
    store.set(3, taken[2]);
    expect(store.size).toBe(2);
    expect(store.getHeldBytes()).toBe(withoutRows[0] + withoutRows[2] + held);
  });
});
