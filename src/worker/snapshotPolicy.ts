/**
 * Which hourly snapshots the worker keeps for scrubbing. One is ~13 MB at the default scale, so
 * keeping every hour would cost ~320 MB per sim day. Kept: every hour of the last
 * RECENT_SNAPSHOT_HOURS, one per SPARSE_SNAPSHOT_HOURS before that, the run's first always, and
 * at most MAX_SNAPSHOTS in all (the oldest sparse ones go first). The worker runs at most its
 * look-ahead (8.3 sim h at 10,000x) past the display, so the recent ones number at most ~15.
 * Seeking before what is kept replays from the nearest older snapshot: slower, still exact.
 */
export const RECENT_SNAPSHOT_HOURS = 6;
export const SPARSE_SNAPSHOT_HOURS = 24;
export const MAX_SNAPSHOTS = 20;

/**
 * Deletes from `kept` (keyed by sim hour) what the policy drops once `latestHour` is taken.
 * "Recent" counts back from the earlier of `latestHour` and `displayHour` (the page's display
 * clock, which runs behind the worker by up to its look-ahead): a change made at the time on
 * screen rewinds to an hourly snapshot near it, however far ahead the worker is.
 */
export function thinSnapshots(
  kept: Map<number, unknown>,
  latestHour: number,
  displayHour = latestHour,
): void {
  const first = Math.min(...kept.keys());
  const anchor = Math.min(latestHour, displayHour);
  const isRecent = (hour: number) => anchor - hour < RECENT_SNAPSHOT_HOURS;
  for (const hour of [...kept.keys()]) {
    if (!isRecent(hour) && hour !== first && hour % SPARSE_SNAPSHOT_HOURS !== 0) kept.delete(hour);
  }
  const sparse = [...kept.keys()].filter((hour) => hour !== first && !isRecent(hour));
  sparse.sort((a, b) => a - b);
  while (kept.size > MAX_SNAPSHOTS && sparse.length > 0) kept.delete(sparse.shift() as number);
}
