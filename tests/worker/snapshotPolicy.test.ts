import { describe, expect, test } from 'vitest';
import {
  boundSnapshotBytes,
  getSnapshotBytesAllowed,
  MAX_MODEL_AND_SNAPSHOT_BYTES,
  MAX_SNAPSHOT_BYTES,
  MAX_SNAPSHOTS,
  MAX_SPARSE_SNAPSHOTS,
  RECENT_SNAPSHOT_HOURS,
  SNAPSHOT_BUDGET,
  type SnapshotBudget,
  thinSnapshots,
} from '../../src/worker/snapshotPolicy';
import { createSimulation } from '../../src/sim/simulation';
import { countTypedArrayBytes } from '../../src/sim/typedArrays';
import { type RunOutput, WorkerRun } from '../../src/worker/workerRun';
import { smallParams } from '../sim/simHelpers';

describe('the snapshots kept for scrubbing', () => {
  test('stop growing by sim day 5: the first, the recent hours and at most MAX_SPARSE_SNAPSHOTS daily ones', () => {
    const kept = new Map<number, true>();
    const sizes: number[] = [];
    for (let hour = 0; hour <= 30 * 24; hour++) {
      kept.set(hour, true);
      thinSnapshots(kept, hour);
      sizes.push(kept.size);
      if (hour === 4 * 24 + RECENT_SNAPSHOT_HOURS) {
        // Daily for the first days.
        const older = [...kept.keys()].filter((at) => at !== 0 && hour - at >= RECENT_SNAPSHOT_HOURS);
        expect(older.sort((a, b) => a - b)).toEqual([24, 48, 72, 96]);
      }
    }
    const bound = 1 + MAX_SPARSE_SNAPSHOTS + RECENT_SNAPSHOT_HOURS;
    expect(Math.max(...sizes)).toBe(bound);
    expect(sizes.slice(5 * 24).every((size) => size === bound)).toBe(true);
    const hours = [...kept.keys()].sort((a, b) => a - b);
    expect(hours[0]).toBe(0);
    const latest = 30 * 24;
    for (let back = 0; back < RECENT_SNAPSHOT_HOURS; back++) expect(kept.has(latest - back)).toBe(true);
    const older = hours.filter((hour) => hour !== 0 && latest - hour >= RECENT_SNAPSHOT_HOURS);
    expect(older.every((hour) => hour % 24 === 0)).toBe(true);
  });

  test('leave gaps that widen evenly with the run: a seek far back replays at most twice the even gap', () => {
    const kept = new Map<number, true>();
    for (let hour = 0; hour <= 60 * 24; hour++) {
      kept.set(hour, true);
      thinSnapshots(kept, hour);
      if (hour % 24 !== 0 || hour < 6 * 24) continue;
      const hours = [...kept.keys()].sort((a, b) => a - b);
      const gaps = hours.slice(1).map((at, k) => at - hours[k]);
      const evenGap = hour / (MAX_SPARSE_SNAPSHOTS + 1);
      expect(Math.max(...gaps), `gaps at hour ${hour}: ${gaps}`).toBeLessThanOrEqual(2 * evenGap);
    }
  });

  test('keep a fork first snapshot, whatever its hour', () => {
    const kept = new Map<number, true>([[37, true]]);
    for (let hour = 38; hour < 200; hour++) {
      kept.set(hour, true);
      thinSnapshots(kept, hour);
    }
    expect(kept.has(37)).toBe(true);
  });

  test('keep every hour near the display clock while the worker runs hours ahead of it', () => {
    const kept = new Map<number, true>();
    const displayHour = 50;
    // At 10,000x the worker runs ~8 sim hours past the display.
    for (let hour = 0; hour <= displayHour + 8; hour++) {
      kept.set(hour, true);
      thinSnapshots(kept, hour, displayHour);
      expect(kept.size).toBeLessThanOrEqual(MAX_SNAPSHOTS);
    }
    for (let hour = displayHour - RECENT_SNAPSHOT_HOURS + 1; hour <= displayHour + 8; hour++)
      expect(kept.has(hour), `hour ${hour}`).toBe(true);
  });

  test('never keep more than MAX_SNAPSHOTS, however far ahead of the display the worker runs', () => {
    // The display behind the worker by a lag that wanders up to the look-ahead: 8.3 sim h is the
    // page's longest (10,000x), 10 sim days the message checks' limit.
    let state = 7;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    for (const lookaheadHours of [0, 3, 9, 30, 240]) {
      const kept = new Map<number, true>();
      let largest = 0;
      let displayHour = 0;
      for (let hour = 0; hour <= 40 * 24; hour++) {
        // Playing: the display only moves on.
        displayHour = Math.max(displayHour, hour - Math.floor(next() * (lookaheadHours + 1)));
        kept.set(hour, true);
        thinSnapshots(kept, hour, displayHour);
        const where = `hour ${hour}, display ${displayHour}, look-ahead ${lookaheadHours} h`;
        expect(kept.size, where).toBeLessThanOrEqual(MAX_SNAPSHOTS);
        expect([kept.has(0), kept.has(hour)], where).toEqual([true, true]);
        // Within the page's look-ahead, every hour up to the display's stays.
        if (lookaheadHours <= 9)
          for (let back = 0; back < RECENT_SNAPSHOT_HOURS && back <= displayHour; back++)
            expect(kept.has(displayHour - back), `${where}: hour ${displayHour - back}`).toBe(true);
        largest = Math.max(largest, kept.size);
      }
      if (lookaheadHours >= 30) expect(largest).toBe(MAX_SNAPSHOTS);
    }
  });
});

/** Snapshots by hour with made-up sizes, read as the worker's SnapshotStore. */
class SizedHours extends Map<number, number> {
  getHeldBytes(): number {
    let bytes = 0;
    for (const size of this.values()) bytes += size;
    return bytes;
  }
}

const MB = 1_000_000;

describe('the snapshots kept, bounded by bytes', () => {
  test('under the budget nothing goes; over it, first the hours ahead of the display (furthest first), then the oldest, never the first', () => {
    const kept = new SizedHours([
      [0, 10 * MB],
      [30, 100 * MB],
      [33, 100 * MB],
      [34, 100 * MB],
      [35, 100 * MB],
      [36, 100 * MB],
    ]);
    boundSnapshotBytes(kept, 510 * MB, 34);
    expect([...kept.keys()], 'kept hours under the budget').toEqual([0, 30, 33, 34, 35, 36]);
    boundSnapshotBytes(kept, 400 * MB, 34);
    expect([...kept.keys()], 'kept hours, two over the budget').toEqual([0, 30, 33, 34]);
    boundSnapshotBytes(kept, 250 * MB, 34);
    expect([...kept.keys()], 'kept hours, nothing ahead left to drop').toEqual([0, 33, 34]);
    expect(kept.getHeldBytes()).toBeLessThanOrEqual(250 * MB);
    // The first stays even alone over the budget: a seek before every other hour replays from it.
    const fork = new SizedHours([
      [40, 2000 * MB],
      [41, 2000 * MB],
    ]);
    boundSnapshotBytes(fork, MAX_SNAPSHOT_BYTES, 41);
    expect([...fork.keys()], "a full-scale fork's hours").toEqual([40]);
  });

  test('30 sim days of hourly snapshots thinned as the worker does: within MAX_SNAPSHOT_BYTES at every hour, at any size per snapshot', () => {
    // Default scale (~15 MB each: the bound never binds), scale 0.1 (~200 MB), full scale (~2 GB).
    for (const snapshotBytes of [15 * MB, 200 * MB, 2000 * MB]) {
      const kept = new SizedHours([[0, 1 * MB]]);
      let largest = 0;
      for (let hour = 1; hour <= 30 * 24; hour++) {
        kept.set(hour, snapshotBytes);
        thinSnapshots(kept, hour);
        boundSnapshotBytes(kept, MAX_SNAPSHOT_BYTES, hour);
        largest = Math.max(largest, kept.getHeldBytes());
      }
      const where = `${snapshotBytes / MB} MB a snapshot`;
      expect(largest, where).toBeLessThanOrEqual(MAX_SNAPSHOT_BYTES);
      expect(kept.has(0), `${where}: the run's first kept`).toBe(true);
      if (snapshotBytes === 15 * MB)
        expect(kept.size, `${where}: as many as the count allows`).toBe(
          1 + MAX_SPARSE_SNAPSHOTS + RECENT_SNAPSHOT_HOURS,
        );
      if (snapshotBytes === 200 * MB) expect(kept.size, where).toBe(5);
      if (snapshotBytes === 2000 * MB) expect([...kept.keys()], where).toEqual([0]);
    }
  });
});

describe('the worker weighs a snapshot before taking it', () => {
  /** A run whose model counts the snapshots taken; the worker keeps at most `maxBytes` of them. */
  const startRun = (budget: SnapshotBudget) => {
    const model = createSimulation(smallParams(), 4);
    const takeSnapshot = model.snapshot.bind(model);
    const taken: number[] = [];
    model.snapshot = () => {
      taken.push(model.timeS);
      return takeSnapshot();
    };
    const ticks: number[][] = [];
    const out: RunOutput = {
      send: (message) => {
        if (message.type === 'tick') ticks.push(Array.from(message.kpis.cumulative));
      },
      heartbeat: () => {},
      nowEpochMs: () => 0,
    };
    const run = new WorkerRun(model, out, 0, 0, budget);
    run.advance(0, 3 * 3600, 1800);
    run.runFor(() => false);
    return { run, taken, ticks };
  };

  test('one the byte bound would drop at once is not taken; what the run computes is the same', () => {
    const roomy = startRun(SNAPSHOT_BUDGET);
    // Hourly snapshots from the start to 03:00, all kept.
    expect(roomy.taken).toEqual([0, 1, 2, 3].map((hour) => hour * 3600));
    expect(roomy.run.getSnapshotStats().count).toBe(4);
    // A budget that holds the run's first and not one more (each later one holds more parcels).
    const firstBytes = countTypedArrayBytes(createSimulation(smallParams(), 4).snapshot());
    const tight = startRun({ snapshotBytes: 1.5 * firstBytes, withModelBytes: Number.POSITIVE_INFINITY });
    expect(tight.taken, 'snapshots taken (sim s)').toEqual([0]);
    expect(tight.run.getSnapshotStats().count).toBe(1);
    expect(tight.ticks).toEqual(roomy.ticks);
  });

  test("the model's own bytes count against the budget: snapshots get what it leaves", () => {
    const model = createSimulation(smallParams(), 4);
    const firstBytes = countTypedArrayBytes(model.snapshot());
    // The model holds more as the run goes on (its trip buffer, the last mile's slots): a budget
    // of what it holds at the start and 1.5 first snapshots leaves no room for a second.
    const crowded = startRun({
      snapshotBytes: MAX_SNAPSHOT_BYTES,
      withModelBytes: model.getHeldBytes() + 1.5 * firstBytes,
    });
    expect(crowded.taken, 'snapshots taken (sim s)').toEqual([0]);
    expect(getSnapshotBytesAllowed(SNAPSHOT_BUDGET, 1.6e9), 'beside a full-scale model').toBe(
      MAX_MODEL_AND_SNAPSHOT_BYTES - 1.6e9,
    );
    expect(getSnapshotBytesAllowed(SNAPSHOT_BUDGET, 30e6), 'beside a default-scale model').toBe(
      MAX_SNAPSHOT_BYTES,
    );
  });
});
