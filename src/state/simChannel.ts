/**
 * One running model as the page sees it: its worker, what it streamed (network, ticks, trips)
 * and the KPI history. Scenario A is always there; scenario B (A/B compare, fork) is a second
 * channel. Render loops read `view` directly; the store hears about changes a few times a second.
 */
import type { Params } from '../sim/params';
import type { OrderSpec, PlacedOrder } from '../sim/placedOrders';
import type { SimSnapshot, TripBatch } from '../sim/simulation';
import {
  collectTransferables,
  type FacilityStateColumns,
  type NetworkMessage,
  type OrderTrace,
  PROTOCOL_VERSION,
  type PageMessage,
  type TickKpis,
  type WorkerMessage,
} from '../worker/protocol';
import { FacilityKpiFeed } from './facilityKpis';
import { KpiHistory } from './kpiHistory';
import { countTypedArrayBytes, perfStats } from './perfStats';

export interface Tick {
  timeS: number;
  facilities: FacilityStateColumns;
  kpis: TickKpis;
  /** Placed orders ("Place your order") as the run holds them at `timeS`. */
  orders: OrderTrace[];
}

export interface SimView {
  network: NetworkMessage | null;
  params: Params | null;
  seed: number;
  /** The tick the display clock has reached (the latest with timeS <= display time). */
  currentTick: Tick | null;
  /** Ticks the worker sent ahead of the display clock, oldest first. */
  pendingTicks: Tick[];
  /** How far this worker has simulated (sim seconds). */
  simulatedTimeS: number;
}

/** What a channel tells the page's store; A and B differ only in where they write. */
export interface ChannelHooks {
  onProgress(phase: string, fraction: number): void;
  onReady(view: SimView, timeS: number): void;
  onSimulated(timeS: number): void;
  onSeeked(timeS: number): void;
  onParamsApplied(params: Params, rebuilt: boolean, errors: string[]): void;
  onFail(message: string): void;
}

type Listener = () => void;

export class SimChannel {
  readonly view: SimView = {
    network: null,
    params: null,
    seed: 0,
    currentTick: null,
    pendingTicks: [],
    simulatedTimeS: 0,
  };
  /** The focused facility's delivery figures per hour (see focusFacility). */
  readonly facilityKpis = new FacilityKpiFeed();
  /** The facility the worker was last asked about (-1: none). */
  private focusedFacilityId = -1;
  private worker: Worker | null = null;
  private readonly networkListeners = new Set<Listener>();
  private readonly tickListeners = new Set<Listener>();
  private readonly tripListeners = new Set<(batch: TripBatch) => void>();
  private readonly resetListeners = new Set<Listener>();
  private readonly rewindListeners = new Set<(firstVehicleId: number) => void>();
  private snapshotWaiters: Array<(snapshot: SimSnapshot) => void> = [];
  private orderWaiters = new Map<
    string,
    { resolve: (placed: PlacedOrder) => void; reject: (error: Error) => void }
  >();

  constructor(
    /** Scenario A, B, or a replication of A on another seed. */
    readonly label: 'A' | 'B' | 'replica',
    private readonly hooks: ChannelHooks,
    readonly kpiHistory: KpiHistory = new KpiHistory(),
  ) {}

  get running(): boolean {
    return this.worker !== null;
  }

  onNetwork(listener: Listener): () => void {
    this.networkListeners.add(listener);
    return () => this.networkListeners.delete(listener);
  }
  onTick(listener: Listener): () => void {
    this.tickListeners.add(listener);
    return () => this.tickListeners.delete(listener);
  }
  /** Trips shown so far no longer hold (a new network, or a seek): drop them. */
  onTripsReset(listener: Listener): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }
  /** The run went back to make a change: trips of vehicles `firstVehicleId` and up no longer hold. */
  onTripsRewound(listener: (firstVehicleId: number) => void): () => void {
    this.rewindListeners.add(listener);
    return () => this.rewindListeners.delete(listener);
  }
  onTrips(listener: (batch: TripBatch) => void): () => void {
    this.tripListeners.add(listener);
    return () => this.tripListeners.delete(listener);
  }
  /** Hands trips to the map as if the worker had sent them (benchmarks drive the map with this). */
  injectTrips(batch: TripBatch): void {
    for (const listener of this.tripListeners) listener(batch);
  }

  /** Starts the worker on a scenario from t = 0, or from a snapshot (a fork). */
  start(
    params: Params,
    seed: number,
    options: {
      startTimeS?: number;
      snapshot?: SimSnapshot;
      /** Runs after `init` is posted and before the seek to `startTimeS` (a link's placed order). */
      beforeSeek?: () => void;
    } = {},
  ): void {
    if (this.worker) return;
    let worker: Worker;
    try {
      worker = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module' });
    } catch (error) {
      this.hooks.onFail(`The simulation worker could not start (${(error as Error).message}).`);
      return;
    }
    this.worker = worker;
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => this.handle(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.hooks.onFail(
        `The simulation worker failed: ${event.message || 'unknown error'}. The page keeps what it has shown.`,
      );
    };
    worker.onmessageerror = () =>
      this.hooks.onFail('A message from the simulation worker could not be read.');
    if (this.label === 'A') perfStats.initPostedMs = performance.now();
    if (options.snapshot) {
      this.post(
        { type: 'initFromSnapshot', version: PROTOCOL_VERSION, snapshot: options.snapshot, params },
        collectTransferables(options.snapshot),
      );
    } else {
      this.post({ type: 'init', version: PROTOCOL_VERSION, params, seed });
      options.beforeSeek?.();
      if (options.startTimeS && options.startTimeS > 0)
        this.post({ type: 'seek', timeS: options.startTimeS });
    }
  }

  stop(): void {
    this.worker?.terminate();
    this.worker = null;
    this.view.network = null;
    this.view.currentTick = null;
    this.view.pendingTicks.length = 0;
    this.focusedFacilityId = -1;
    this.facilityKpis.clear();
    for (const listener of this.resetListeners) listener();
  }

  post(message: PageMessage, transfer: Transferable[] = []): void {
    this.worker?.postMessage(message, transfer);
  }

  advance(displayTimeS: number, lookaheadS: number, tickIntervalS: number): void {
    this.post({ type: 'advance', displayTimeS, lookaheadS, tickIntervalS });
  }
  /** Changes parameters at sim time `atTimeS` (the display time: the worker rewinds to it). */
  setParams(partial: Partial<Params>, atTimeS?: number): void {
    this.post({ type: 'setParams', partial, atTimeS });
  }
  seek(timeS: number): void {
    this.post({ type: 'seek', timeS });
  }
  /** Asks for one facility's delivery figures per hour (facilityKpis), or stops them. */
  focusFacility(facilityId: number | null): void {
    const id = facilityId ?? -1;
    if (id === this.focusedFacilityId) return;
    this.focusedFacilityId = id;
    this.facilityKpis.clear(id);
    this.post({ type: 'focusFacility', facilityId });
  }
  crash(): void {
    this.post({ type: 'crash' });
  }

  /**
   * Places an order at sim time `atTimeS` (the display time: the worker rewinds to it); resolves
   * with where it entered the model, rejects with the reason it could not (e.g. no station near).
   */
  placeOrder(order: OrderSpec, orderKey: string, atTimeS: number): Promise<PlacedOrder> {
    return new Promise((resolve, reject) => {
      this.orderWaiters.set(orderKey, { resolve, reject });
      this.post({ type: 'placeOrder', order, orderKey, atTimeS });
    });
  }

  /** The model's full state at sim time `atTimeS`, for a fork. */
  requestSnapshot(atTimeS: number): Promise<SimSnapshot> {
    return new Promise((resolve) => {
      this.snapshotWaiters.push(resolve);
      this.post({ type: 'snapshot', atTimeS });
    });
  }

  /** Moves ticks the display clock has reached into `currentTick`; returns whether it changed. */
  applyDueTicks(displayTimeS: number): boolean {
    const view = this.view;
    let changed = false;
    while (view.pendingTicks.length > 0 && view.pendingTicks[0].timeS <= displayTimeS) {
      const tick = view.pendingTicks.shift();
      if (!tick) break;
      view.currentTick = tick;
      this.kpiHistory.setRows(tick.kpis.firstHour, tick.kpis.hourRows);
      this.kpiHistory.setCumulative(tick.timeS, tick.kpis.cumulative);
      changed = true;
    }
    if (this.facilityKpis.syncTo(displayTimeS)) changed = true;
    if (changed) for (const listener of this.tickListeners) listener();
    return changed;
  }

  private handle(message: WorkerMessage): void {
    const view = this.view;
    switch (message.type) {
      case 'progress':
        this.hooks.onProgress(message.phase, message.fraction);
        break;
      case 'ready':
        if (this.label === 'A') {
          perfStats.initReceivedMs = message.initReceivedAtEpochMs - performance.timeOrigin;
          perfStats.networkBuiltMs = message.builtAtEpochMs - performance.timeOrigin;
        }
        view.network = message.network;
        view.params = message.params;
        view.seed = message.seed;
        view.pendingTicks.length = 0;
        view.currentTick = null;
        view.simulatedTimeS = message.timeS;
        this.kpiHistory.reset(message.kpiNames);
        // A new run: the worker starts with no facility in focus.
        this.focusedFacilityId = -1;
        this.facilityKpis.clear();
        this.hooks.onReady(view, message.timeS);
        for (const listener of this.resetListeners) listener();
        for (const listener of this.networkListeners) listener();
        break;
      case 'trips':
        if (this.label === 'A') {
          if (perfStats.firstTripsMs < 0) {
            perfStats.firstTripsMs = performance.now();
            perfStats.firstTripsPostedMs = message.postedAtEpochMs - performance.timeOrigin;
          }
          perfStats.tripMessages++;
          perfStats.tripBytes += countTypedArrayBytes(message.batch);
        }
        for (const listener of this.tripListeners) listener(message.batch);
        break;
      case 'tick':
        if (this.label === 'A') {
          perfStats.tickMessages++;
          perfStats.tickBytes +=
            countTypedArrayBytes(message.facilities) + countTypedArrayBytes(message.kpis);
        }
        view.pendingTicks.push({
          timeS: message.timeS,
          facilities: message.facilities,
          kpis: message.kpis,
          orders: message.orders,
        });
        view.simulatedTimeS = message.timeS;
        this.hooks.onSimulated(message.timeS);
        break;
      case 'seeked':
        view.pendingTicks.length = 0;
        view.simulatedTimeS = message.timeS;
        this.kpiHistory.truncate(Math.floor(message.timeS / 3600));
        this.facilityKpis.truncate(Math.floor(message.timeS / 3600));
        for (const listener of this.resetListeners) listener();
        this.hooks.onSeeked(message.timeS);
        break;
      case 'rewound': {
        // What the worker computed past the rewind point belongs to a future that changed.
        view.pendingTicks = view.pendingTicks.filter((tick) => tick.timeS <= message.timeS);
        view.simulatedTimeS = message.timeS;
        this.kpiHistory.truncate(Math.floor(message.timeS / 3600));
        this.facilityKpis.truncate(Math.floor(message.timeS / 3600));
        for (const listener of this.rewindListeners) listener(message.firstVehicleId);
        this.hooks.onSimulated(message.timeS);
        break;
      }
      case 'orderPlaced':
        this.orderWaiters.get(message.orderKey)?.resolve(message.placed);
        this.orderWaiters.delete(message.orderKey);
        break;
      case 'orderRejected':
        this.orderWaiters.get(message.orderKey)?.reject(new Error(message.message));
        this.orderWaiters.delete(message.orderKey);
        break;
      case 'facilityHours':
        if (message.facilityId === this.facilityKpis.facilityId)
          this.facilityKpis.receive(message.facilityId, message.firstHour, message.hourRows);
        break;
      case 'paramsApplied':
        view.params = message.params;
        if (message.network) {
          // A rebuild renumbers facilities: per-facility history and views start again.
          view.network = message.network;
          this.facilityKpis.clear(this.focusedFacilityId);
          for (const listener of this.networkListeners) listener();
        }
        this.hooks.onParamsApplied(message.params, message.rebuilt, message.errors);
        break;
      case 'snapshot': {
        const waiters = this.snapshotWaiters;
        this.snapshotWaiters = [];
        for (const resolve of waiters) resolve(message.snapshot);
        break;
      }
      case 'error':
        this.hooks.onFail(
          `The model${this.label === 'B' ? ' for scenario B' : ''} stopped: ${message.message}`,
        );
        break;
    }
  }
}
