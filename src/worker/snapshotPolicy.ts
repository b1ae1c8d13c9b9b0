/**
 * Which hourly snapshots the worker keeps for scrubbing. One is ~10 MB at the default scale, so
 * keeping every hour would cost ~240 MB per sim day. Kept: every hour of the last
 * RECENT_SNAPSHOT_HOURS, the run's first always, and before the recent ones at most
 * MAX_SPARSE_SNAPSHOTS taken on the SPARSE_SNAPSHOT_HOURS grid. Those are daily for the first
 * days; then, as the run grows, the one whose going leaves the shortest gap goes, so the gaps
 * widen evenly with the run. The worker's memory then stops growing by sim day 5 (minute 2 of
 * 3,600x) instead of adding a snapshot a sim day up to MAX_SNAPSHOTS.
 * The trade: seeking to a time before the recent ones replays from the nearest older snapshot,
 * at most one gap: about a day early in a run, about a fifth of the run later (a day of the
 * default scenario replays in ~8 s), instead of at most a day. Exact all the same.
 * The worker runs at most its look-ahead (8.3 sim h at 10,000x) past the display, so the recent
 * ones number at most ~15; MAX_SNAPSHOTS bounds them all.
 */
export const RECENT_SNAPSHOT_HOURS = 6;
export const SPARSE_SNAPSHOT_HOURS = 24;
export const MAX_SPARSE_SNAPSHOTS = 4;
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
  const limit = Math.max(0, Math.min(MAX_SPARSE_SNAPSHOTS, MAX_SNAPSHOTS - (kept.size - sparse.length)));
  // The oldest recent snapshot (or the anchor): the newer neighbour of the newest sparse one.
  const newest = Math.min(...[...kept.keys()].filter(isRecent), anchor);
  while (sparse.length > limit) {
    // The gap left behind each sparse snapshot if it went: from its older neighbour (the first,
    // or the previous sparse one) to its newer one (the next sparse one, or the oldest recent).
    let drop = 0;
    let shortest = Number.POSITIVE_INFINITY;
    for (let k = 0; k < sparse.length; k++) {
      const older = k > 0 ? sparse[k - 1] : first;
      const newer = k + 1 < sparse.length ? sparse[k + 1] : newest;
      if (newer - older < shortest) {
        shortest = newer - older;
        drop = k;
      }
    }
    kept.delete(sparse[drop]);
    sparse.splice(drop, 1);
  }
}
