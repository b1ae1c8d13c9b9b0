/**
 * Which hourly snapshots the worker keeps for scrubbing. One is ~13 MB at the default scale, so
 * keeping every hour would cost ~320 MB per sim day. Kept: every hour of the last
 * RECENT_SNAPSHOT_HOURS, one per SPARSE_SNAPSHOT_HOURS before that, the run's first always, and
 * at most MAX_SNAPSHOTS in all (the oldest sparse ones go first). Seeking before what is kept
 * replays from the nearest older snapshot: slower, still exact.
 */
export const RECENT_SNAPSHOT_HOURS = 6;
export const SPARSE_SNAPSHOT_HOURS = 24;
export const MAX_SNAPSHOTS = 20;

/** Deletes from `kept` (keyed by sim hour) what the policy drops once `latestHour` is taken. */
export function thinSnapshots(kept: Map<number, unknown>, latestHour: number): void {
  const first = Math.min(...kept.keys());
  for (const hour of [...kept.keys()]) {
    const recent = latestHour - hour < RECENT_SNAPSHOT_HOURS;
    if (!recent && hour !== first && hour % SPARSE_SNAPSHOT_HOURS !== 0) kept.delete(hour);
  }
  const sparse = [...kept.keys()].filter(
    (hour) => hour !== first && latestHour - hour >= RECENT_SNAPSHOT_HOURS,
  );
  sparse.sort((a, b) => a - b);
  while (kept.size > MAX_SNAPSHOTS && sparse.length > 0) kept.delete(sparse.shift() as number);
}
