/**
 * Honest on-time: parcels counted by the hour their promise falls due, not by when (or whether)
 * they were delivered. A parcel joins the count of its due hour when it is ordered (the deadline
 * is known then) and is marked on time when it reaches the door by its deadline. Once a due hour
 * has passed, its figures are final: a parcel not delivered by then is late whether or not it
 * has arrived since. So on-time over any window of due hours counts every parcel that fell due
 * in it, and a network that starts empty, or a backlog that never drains, cannot flatter it.
 *
 * The ledger keeps the open hours (from now to the longest promise ahead) in a ring; closing an
 * hour adds its counts to the engine's KPI row as flows (`dueParcels`, `dueOnTime` and the
 * per-promise columns), so the hourly series holds "parcels due in hour h, and how many of them
 * arrived in time", and the cumulative row sums every closed hour.
 */
import { PROMISE_CLASSES } from './kinds';

/** Hours the ring holds ahead of now: longer than any promise (five days to 21:00 local, 166 h). */
export const DUE_RING_HOURS = 256;
/** Columns per due hour: due by promise class, then on time by promise class. */
const PROMISE_COUNT = PROMISE_CLASSES.length;
const COLUMNS = 2 * PROMISE_COUNT;

/** The hour a deadline belongs to: (h * 3600, (h + 1) * 3600] is due hour h, closed at its end. */
export function getDueHour(deadlineS: number): number {
  return Math.ceil(deadlineS / 3600) - 1;
}

export class DueLedger {
  /** Ring of open due hours: slot (hour mod DUE_RING_HOURS) x COLUMNS. */
  readonly counts: Float64Array;

  constructor(counts?: Float64Array) {
    this.counts = counts ?? new Float64Array(DUE_RING_HOURS * COLUMNS);
  }

  /** A parcel ordered with this deadline and promise class (index into PROMISE_CLASSES). */
  recordOrder(deadlineS: number, promise: number): void {
    this.counts[this.row(deadlineS) + promise]++;
  }

  /** A parcel delivered by its deadline (late ones need nothing: they count as due, not on time). */
  recordOnTime(deadlineS: number, promise: number): void {
    this.counts[this.row(deadlineS) + PROMISE_COUNT + promise]++;
  }

  /**
   * Closes due hour `hour`: adds its counts to `flows` (the KPI row) at `dueBase` (dueParcels,
   * dueOnTime, then due and on time per promise class in PROMISE_CLASSES order) and clears it.
   */
  closeHour(hour: number, flows: Float64Array, dueBase: number): void {
    const row = (((hour % DUE_RING_HOURS) + DUE_RING_HOURS) % DUE_RING_HOURS) * COLUMNS;
    for (let p = 0; p < PROMISE_COUNT; p++) {
      const due = this.counts[row + p];
      const onTime = this.counts[row + PROMISE_COUNT + p];
      flows[dueBase] += due;
      flows[dueBase + 1] += onTime;
      flows[dueBase + 2 + 2 * p] += due;
      flows[dueBase + 3 + 2 * p] += onTime;
    }
    this.counts.fill(0, row, row + COLUMNS);
  }

  copy(): DueLedger {
    return new DueLedger(this.counts.slice());
  }

  private row(deadlineS: number): number {
    const hour = getDueHour(deadlineS);
    return (((hour % DUE_RING_HOURS) + DUE_RING_HOURS) % DUE_RING_HOURS) * COLUMNS;
  }
}
