import { describe, expect, test } from 'vitest';
import {
  MAX_SNAPSHOTS,
  MAX_SPARSE_SNAPSHOTS,
  RECENT_SNAPSHOT_HOURS,
  thinSnapshots,
} from '../../src/worker/snapshotPolicy';

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
});
