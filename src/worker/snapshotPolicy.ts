/**
 * Which hourly snapshots the worker keeps for scrubbing. One is 12-15 MB at the default scale
 * (midnight-noon, seed 1, days 3-8: mostly its parcel columns), so keeping every hour would cost
 * ~300 MB per sim day. Kept: every hour of the last
 * RECENT_SNAPSHOT_HOURS, the run's first always, and before the recent ones at most
 * MAX_SPARSE_SNAPSHOTS taken on the SPARSE_SNAPSHOT_HOURS grid. Those are daily for the first
 * days; then, as the run grows, the one whose going leaves the shortest gap goes, so the gaps
 * widen evenly with the run. The worker's memory then stops growing by sim day 5 (minute 2 of
 * 3,600x) instead of adding a snapshot a sim day up to MAX_SNAPSHOTS.
 * The trade: seeking to a time before the recent ones replays from the nearest older snapshot,
 * at most one gap: about a day early in a run, about a fifth of the run later (a day of the
 * default scenario replays in ~8 s), instead of at most a day. Exact all the same.
 * The worker runs at most its look-ahead (8.3 sim h at 10,000x) past the display, so the recent
 * ones number at most ~15; MAX_SNAPSHOTS bounds them all, whatever the look-ahead (the message
 * checks allow 10 sim days): beyond it the ones furthest ahead of the display go. So the store
 * stays under ~300 MB however long the run (SnapshotStore counts its bytes).
 *
 * At larger scales a snapshot grows with the parcels in the network (seed 1, day 2 10:00: 192 MB
 * at scale 0.1; at full scale 410 MB at 06:00 on day 1, 1.05 GB at midnight, 1.74 GB at 10:00 on
 * day 2), so the store is also bounded by bytes (boundSnapshotBytes, MAX_SNAPSHOT_BYTES): at the
 * default scale it never binds; at scale 0.1 about five snapshots fit; at full scale, from the end
 * of day 1 a snapshot is larger than the whole budget, so the run's first is all that stays (the
 * worker weighs each before taking it, Simulation.getSnapshotBytes, and takes none the bound
 * would drop at once). The
 * trade: a seek back replays from the nearest kept one, which at full scale is then the run's
 * start (a sim day of full scale takes minutes of CPU), and a change at the time on screen
 * applies where the model is rather than rewinding to it.
 */
export const RECENT_SNAPSHOT_HOURS = 6;
export const SPARSE_SNAPSHOT_HOURS = 24;
export const MAX_SPARSE_SNAPSHOTS = 4;
export const MAX_SNAPSHOTS = 20;
/**
 * Bytes the kept snapshots may hold together (SnapshotStore.getHeldBytes): 20 default-scale
 * snapshots (~300 MB) fit; with the model's own state the worker stays within the page's
 * 2.5 GB goal (issue #15) wherever the model itself leaves that much room.
 */
export const MAX_SNAPSHOT_BYTES = 1_000_000_000;
/**
 * Bytes the model's run state (Simulation.getHeldBytes) and the kept snapshots may hold together:
 * the worker's goal is 2.5 GB at full scale (issue #15), and beside these it holds the trips on
 * their way to the page, its JS heap and code. At full scale the model alone holds ~1.6 GB from
 * day 1 (the parcel columns are sized for two days of orders), so a snapshot past day 1's
 * morning no longer fits and the run's first is all that stays.
 */
export const MAX_MODEL_AND_SNAPSHOT_BYTES = 2_000_000_000;

/** What the kept snapshots may hold together (SnapshotStore.getHeldBytes). */
export interface SnapshotBudget {
  /** Whatever the model holds: MAX_SNAPSHOT_BYTES. */
  snapshotBytes: number;
  /** With the model's own bytes: MAX_MODEL_AND_SNAPSHOT_BYTES. */
  withModelBytes: number;
}

export const SNAPSHOT_BUDGET: SnapshotBudget = {
  snapshotBytes: MAX_SNAPSHOT_BYTES,
  withModelBytes: MAX_MODEL_AND_SNAPSHOT_BYTES,
};

/** Bytes the kept snapshots may hold beside a model holding `modelBytes`. */
export function getSnapshotBytesAllowed(budget: SnapshotBudget, modelBytes: number): number {
  return Math.max(0, Math.min(budget.snapshotBytes, budget.withModelBytes - modelBytes));
}
/**
 * Kept hours after the display's at most: 9 covers the page's longest look-ahead (8.3 sim h at
 * 10,000x). With the first, the RECENT_SNAPSHOT_HOURS up to the display's and the sparse ones,
 * MAX_SNAPSHOTS in all.
 */
const MAX_AHEAD_SNAPSHOTS = MAX_SNAPSHOTS - 1 - RECENT_SNAPSHOT_HOURS - MAX_SPARSE_SNAPSHOTS;

/** Snapshots by sim hour as the policy reads them: a Map, or the worker's SnapshotStore. */
export interface KeptHours {
  readonly size: number;
  keys(): Iterable<number>;
  delete(hour: number): unknown;
}

/**
 * Deletes from `kept` (keyed by sim hour) what the policy drops once `latestHour` is taken.
 * "Recent" counts back from the earlier of `latestHour` and `displayHour` (the page's display
 * clock, which runs behind the worker by up to its look-ahead): a change made at the time on
 * screen rewinds to an hourly snapshot near it, however far ahead the worker is.
 */
export function thinSnapshots(
  kept: KeptHours,
  latestHour: number,
  displayHour = latestHour,
  pinnedHour = -1,
): void {
  const first = Math.min(...kept.keys());
  const anchor = Math.min(latestHour, displayHour);
  const isRecent = (hour: number) => anchor - hour < RECENT_SNAPSHOT_HOURS;
  for (const hour of [...kept.keys()]) {
    if (!isRecent(hour) && hour !== first && hour !== pinnedHour && hour % SPARSE_SNAPSHOT_HOURS !== 0)
      kept.delete(hour);
  }
  // Hours ahead of the display beyond what the page's look-ahead makes: the ones furthest ahead
  // go, not the latest (where the model goes on from), so the hours a change at the display
  // rewinds to stay, and the sparse ones too.
  const ahead = [...kept.keys()].filter(
    (hour) => hour > anchor && hour !== latestHour && hour !== first && hour !== pinnedHour,
  );
  ahead.sort((a, b) => b - a);
  while (ahead.length > MAX_AHEAD_SNAPSHOTS - 1) kept.delete(ahead.shift() as number);
  const sparse = [...kept.keys()].filter((hour) => hour !== first && hour !== pinnedHour && !isRecent(hour));
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

/** Snapshots by sim hour with their bytes: the worker's SnapshotStore. */
export interface KeptBytes extends KeptHours {
  getHeldBytes(): number;
}

/**
 * Deletes from `kept` until it holds at most `maxBytes`: first the hours ahead of the display
 * (`displayHour`), furthest ahead first (the model goes on from its own state, not from them),
 * then the oldest, never the run's first (a seek before every other kept hour replays from it,
 * so it stays whatever its size) nor `pinnedHour`.
 */
export function boundSnapshotBytes(
  kept: KeptBytes,
  maxBytes: number,
  displayHour: number,
  pinnedHour = -1,
): void {
  if (kept.getHeldBytes() <= maxBytes) return;
  const hours = [...kept.keys()].sort((a, b) => a - b);
  const first = hours.shift();
  const ahead = hours.filter((hour) => hour > displayHour).reverse();
  const past = hours.filter((hour) => hour <= displayHour);
  for (const hour of [...ahead, ...past]) {
    if (kept.getHeldBytes() <= maxBytes) return;
    if (hour !== first && hour !== pinnedHour) kept.delete(hour);
  }
}
