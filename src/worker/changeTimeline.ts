/**
 * The changes a person made to a run, each at the sim time it was made: parameters (a slider, a
 * preset, a tour step) and placed orders. The run is a function of the seed, the start
 * parameters and this list, so every replay — a seek, a rewind to the display time — makes them
 * again at the same moments and lands on the same state.
 */
import type { Params } from '../sim/params';
import type { OrderSpec } from '../sim/placedOrders';
import type { Simulation } from '../sim/simulation';
import type { TimelineChange } from './protocol';

export type { TimelineChange } from './protocol';

/** How a replay advances the model and makes a parameter change (the worker records hours). */
export interface ReplayHooks {
  advance(model: Simulation, timeS: number): void;
  setParams(model: Simulation, params: Params): void;
}

const PLAIN_REPLAY: ReplayHooks = {
  advance: (model, timeS) => model.advanceTo(timeS),
  setParams: (model, params) => {
    model.setParams(params);
  },
};

export class ChangeTimeline {
  private changes: TimelineChange[] = [];
  /** Bumped on every change to the list, so the worker tells the page only when it moved. */
  version = 0;

  clear(): void {
    if (this.changes.length > 0) this.version++;
    this.changes = [];
  }

  /** Starts from a list a failed worker held (as the page mirrored it), oldest first. */
  load(changes: readonly TimelineChange[]): void {
    this.changes = [...changes].sort((a, b) => a.atS - b.atS);
    this.version++;
  }

  /** The changes, oldest first (a copy). */
  list(): TimelineChange[] {
    return this.changes.slice();
  }

  /** Adds a change made now (changes are made in time order: later ones were dropped first). */
  push(change: TimelineChange): void {
    this.changes.push(change);
    this.version++;
  }

  get orderCount(): number {
    return this.changes.filter((change) => change.order).length;
  }

  /** Placed orders made at or before `timeS`, oldest first. */
  ordersUntil(timeS: number): Array<{ spec: OrderSpec; orderKey: string }> {
    const out: Array<{ spec: OrderSpec; orderKey: string }> = [];
    for (const change of this.changes) if (change.order && change.atS <= timeS) out.push(change.order);
    return out;
  }

  /** Forgets changes made after `timeS` (a seek back or a rewind undoes them); returns whether any went. */
  dropAfter(timeS: number): boolean {
    const kept = this.changes.filter((change) => change.atS <= timeS);
    const dropped = kept.length !== this.changes.length;
    this.changes = kept;
    if (dropped) this.version++;
    return dropped;
  }

  /**
   * Runs `model` from its time to `timeS`, making the changes on the way. A change made exactly
   * at a snapshot's time may be in the snapshot or not (the worker snapshots before it reads the
   * page's messages): setting the same parameters again changes nothing, and an order's key
   * makes placing it again a no-op, so it is made again all the same.
   */
  replay(model: Simulation, timeS: number, hooks: ReplayHooks = PLAIN_REPLAY): void {
    for (const change of this.changes) {
      if (change.atS < model.timeS) continue;
      if (change.atS > timeS) break;
      hooks.advance(model, change.atS);
      if (change.order) model.placeOrder(change.order.spec, change.order.orderKey);
      else hooks.setParams(model, change.params);
    }
    hooks.advance(model, Math.max(model.timeS, timeS));
  }
}
