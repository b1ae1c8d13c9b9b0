/**
 * A small, read-mostly handle on `window.parcelscope` for the e2e suite and for people poking at
 * a demo from the devtools console: the map, the app store and the model's latest view.
 */
import type { Deck } from '@deck.gl/core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapLayerStats } from '../map/mapHandle';
import type { TripLedger } from '../map/tripLedger';
import type { TripStore } from '../map/tripStore';
import { kpiHistory } from './kpiHistory';
import { getFollowedOrder, placeOrderNow } from './orders';
import { perfStats } from './perfStats';
import {
  getChannel,
  injectTrips,
  loseWorker,
  requestCrash,
  requestParams,
  requestSeek,
  simView,
} from './simClient';
import { appStore, displayClock } from './store';

export interface DebugHandle {
  map: MapLibreMap | null;
  store: typeof appStore;
  simView: typeof simView;
  /** The KPI rows the panels draw from. */
  kpiHistory: typeof kpiHistory;
  /** Scenario A's or B's channel: its view and KPI history. */
  getChannel: typeof getChannel;
  /** Changes parameters of the running model, as the drawer does. */
  setParams: typeof requestParams;
  displayClock: typeof displayClock;
  /** The page's vehicle trips (set by the map while it is mounted). */
  tripStore: TripStore | null;
  /** A's record of past door stops and departures (the page soak reads its size). */
  tripLedger: TripLedger | null;
  /**
   * The map's deck.gl instance (set by the map while it is mounted): the page benchmark and the
   * e2e suite count its attribute updates per layer.
   */
  getDeck: (() => Deck | undefined) | null;
  /** Counts of what the map's summing layers draw (set by the map while it is mounted). */
  readMapLayerStats: (() => MapLayerStats) | null;
  /** Moves the model to a sim time, as the scrubber does. */
  seek: (timeS: number) => void;
  /** Fault drill: makes scenario A's (or B's) worker throw. */
  crashWorker: typeof requestCrash;
  /** Fault drill: scenario A's (or B's) worker vanishes without a word, as when the browser kills it. */
  loseWorker: typeof loseWorker;
  /** Data-path and frame counters (benchmarks). */
  perfStats: typeof perfStats;
  /** Feeds trips to the map as the worker would (benchmarks). */
  injectTrips: typeof injectTrips;
  /**
   * Benchmarks and tests: while held, scenario A's new trips and ticks are not shown and the
   * clock runs on over what the map holds, so only time advances (SimChannel.holdOutput).
   */
  holdModelOutput: (held: boolean) => void;
  /** Places an order at the time on screen and follows it, as the order form does. */
  placeOrder: typeof placeOrderNow;
  /** The followed order as of the tick on screen (trace and journey), or null. */
  getFollowedOrder: typeof getFollowedOrder;
}

export const debugHandle: DebugHandle = {
  map: null,
  store: appStore,
  simView,
  kpiHistory,
  getChannel,
  setParams: requestParams,
  displayClock,
  tripStore: null,
  tripLedger: null,
  getDeck: null,
  readMapLayerStats: null,
  seek: requestSeek,
  crashWorker: requestCrash,
  loseWorker,
  perfStats,
  injectTrips,
  holdModelOutput: (held) => getChannel('A').holdOutput(held),
  placeOrder: placeOrderNow,
  getFollowedOrder,
};

declare global {
  interface Window {
    parcelscope?: DebugHandle;
  }
}

if (typeof window !== 'undefined') window.parcelscope = debugHandle;
