import { describe, expect, test } from 'vitest';
import { MAX_SNAPSHOTS, RECENT_SNAPSHOT_HOURS, thinSnapshots } from '../../src/worker/snapshotPolicy';

describe('the snapshots kept for scrubbing', () => {
  test('stay bounded over a month of sim hours, keeping the first, the recent hours and daily ones', () => {
    const kept = new Map<number, true>();
    for (let hour = 0; hour <= 30 * 24; hour++) {
      kept.set(hour, true);
      thinSnapshots(kept, hour);
      expect(kept.size).toBeLessThanOrEqual(MAX_SNAPSHOTS);
    }
    const hours = [...kept.keys()].sort((a, b) => a - b);
    expect(hours[0]).toBe(0);
    const latest = 30 * 24;
    for (let back = 0; back < RECENT_SNAPSHOT_HOURS; back++) expect(kept.has(latest - back)).toBe(true);
    const older = hours.filter((hour) => hour !== 0 && latest - hour >= RECENT_SNAPSHOT_HOURS);
    expect(older.every((hour) => hour % 24 === 0)).toBe(true);
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
