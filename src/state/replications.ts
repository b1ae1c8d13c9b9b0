/**
 * Replications while you watch: 2-4 more workers run scenario A on other seeds, with A's changes
 * made again at the same sim times (its parameters from the start, each slider move, preset and
 * placed order), so the charts can draw the spread of outcomes (5th to 95th percentile per hour)
 * and the headline its confidence interval. Off by default: each replication is a whole model,
 * and the machine's cores are shared with A.
 *
 * The replications follow A's clock from here (a timer, a few times a second, like A's own
 * playback loop), A's seeks (onSeekRequested) and A's changes (changeParams and placeOrderNow
 * call recordParamsChange and recordOrder whether replications run or not, so starting them later
 * replays the same run).
 */
import { createStore } from 'zustand/vanilla';
import type { Params } from '../sim/params';
import type { OrderSpec } from '../sim/placedOrders';
import { KpiHistory } from './kpiHistory';
import { getReplicaSeed } from './replicaSeeds';
import { SimChannel } from './simChannel';
import { channelA, onSeekRequested } from './simClient';
import { appStore, displayClock, pushNotice } from './store';
import { createWorkerTransport } from './workerTransport';

export const REPLICA_COUNTS = [0, 2, 3, 4] as const;
/** How often the replications hear about the display clock, wall ms (as A's playback loop). */
const FOLLOW_INTERVAL_MS = 250;
/** They simulate this far ahead of the display (sim seconds), like A at moderate speeds. */
const MIN_LOOKAHEAD_S = 1800;
const LOOKAHEAD_WALL_S = 3;

export interface ReplicationState {
  /** Replications running besides A (0: off). */
  count: number;
  /** How many of them have built their network and reached the display time. */
  ready: number;
  /** Bumped when any replication's figures on screen change (charts redraw). */
  version: number;
}

export const replicationStore = createStore<ReplicationState>(() => ({ count: 0, ready: 0, version: 0 }));

/** A's run as the replications remake it: parameters at the start, then its changes in order. */
let startParams: Params | null = null;
const paramChanges: Array<{ atS: number; partial: Partial<Params> }> = [];
const orders: Array<{ atS: number; spec: OrderSpec; orderKey: string }> = [];

let replicas: SimChannel[] = [];
let followTimer: ReturnType<typeof setInterval> | null = null;

// A's first network comes with the parameters its run started from.
channelA.onNetwork(() => {
  if (!startParams) startParams = channelA.view.params;
});

/** A's parameters changed at `atS` (a slider, a preset, a tour step): replications make it too. */
export function recordParamsChange(partial: Partial<Params>, atS: number): void {
  paramChanges.push({ atS, partial });
  for (const replica of replicas) replica.setParams(partial, atS);
}

/** An order was placed in A at `atS`: the replications place it too, under the same key. */
export function recordOrder(spec: OrderSpec, orderKey: string, atS: number): void {
  orders.push({ atS, spec, orderKey });
  // Their answers are not waited for: a refusal there leaves that run without the order.
  for (const replica of replicas) void replica.placeOrder(spec, orderKey, atS).catch(() => undefined);
}

/** The running replications (empty when off). */
export function getReplicas(): readonly SimChannel[] {
  return replicas;
}

function bumpVersion(): void {
  replicationStore.setState((state) => ({ version: state.version + 1 }));
}

function follow(): void {
  const timeS = displayClock.timeS;
  const speed = appStore.getState().playback.speed;
  const lookaheadS = Math.max(MIN_LOOKAHEAD_S, speed * LOOKAHEAD_WALL_S);
  const tickIntervalS = Math.max(60, Math.round((speed * FOLLOW_INTERVAL_MS) / 1000 / 60) * 60);
  let changed = false;
  let ready = 0;
  for (const replica of replicas) {
    replica.advance(timeS, lookaheadS, tickIntervalS);
    if (replica.applyDueTicks(timeS)) changed = true;
    if (replica.view.currentTick && replica.view.simulatedTimeS >= timeS) ready++;
  }
  if (ready !== replicationStore.getState().ready) replicationStore.setState({ ready });
  if (changed) bumpVersion();
}

function stopReplicas(): void {
  for (const replica of replicas) replica.stop();
  replicas = [];
  if (followTimer !== null) clearInterval(followTimer);
  followTimer = null;
}

/** Runs `count` replications of A (0 stops them). */
export function setReplicaCount(count: number): void {
  stopReplicas();
  replicationStore.setState({ count, ready: 0 });
  const params = startParams ?? channelA.view.params;
  if (count === 0 || !params) {
    bumpVersion();
    return;
  }
  const atS = displayClock.timeS;
  for (let k = 1; k <= count; k++) {
    const replica: SimChannel = new SimChannel(
      'replica',
      {
        onProgress() {},
        onReady() {},
        onSimulated() {},
        onSeeked() {},
        onParamsApplied() {},
        onFail(message) {
          pushNotice('warning', `Replication ${k} stopped (${message}); the others go on.`);
          replica.stop();
          replicas = replicas.filter((running) => running !== replica);
          replicationStore.setState({ count: replicas.length });
        },
        // A failed replication's worker is replaced like A's, without a word: it is a spread, not the run.
        onRecovering() {},
        onRecovered() {},
        onWarning(message) {
          pushNotice('warning', `Replication ${k}: ${message}`);
        },
      },
      createWorkerTransport,
      new KpiHistory(),
    );
    replica.start(params, getReplicaSeed(channelA.view.seed, k), {
      startTimeS: atS,
      // A's changes at their times, before the move to the display time replays them.
      beforeSeek: () => {
        for (const change of paramChanges) replica.setParams(change.partial, change.atS);
        for (const order of orders)
          void replica.placeOrder(order.spec, order.orderKey, order.atS).catch(() => undefined);
      },
    });
    replicas.push(replica);
    // A replication's first network: focus it on the facility on screen, as A is.
    const stopWaiting = replica.onNetwork(() => {
      stopWaiting();
      const selection = appStore.getState().selection;
      replica.focusFacility(selection?.kind === 'facility' ? selection.id : null);
    });
  }
  followTimer = setInterval(follow, FOLLOW_INTERVAL_MS);
}

// A seek back undoes the changes made after it, in A and in its replications.
onSeekRequested((timeS) => {
  const keep = <T extends { atS: number }>(list: T[]) => {
    const kept = list.filter((item) => item.atS <= timeS);
    list.splice(0, list.length, ...kept);
  };
  keep(paramChanges);
  keep(orders);
  for (const replica of replicas) replica.seek(timeS);
});

/** The replications follow the selected facility too: its per-hour figures feed its bands. */
function focusSelectedFacility(): void {
  const selection = appStore.getState().selection;
  for (const replica of replicas) replica.focusFacility(selection?.kind === 'facility' ? selection.id : null);
}
appStore.subscribe((state, previous) => {
  if (state.selection !== previous.selection) focusSelectedFacility();
});
