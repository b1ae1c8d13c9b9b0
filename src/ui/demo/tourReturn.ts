/**
 * "Back to where you were before the tour": the presenter's page is kept when a tour starts, and
 * once it ends the page offers to put it back (tourReturnPlan.ts says how). The offer stays until
 * taken or declined; a tour started meanwhile keeps the first point, where the presenter was.
 */
import { createStore } from 'zustand/vanilla';
import { mapHandle } from '../../map/mapHandle';
import { recordOrder, recordParamsChange } from '../../state/replications';
import { recordRunEvent, runEventsStore } from '../../state/runEvents';
import {
  channelA,
  channelB,
  requestParams,
  requestParamsB,
  requestSeek,
  startLinkCompare,
  stopCompare,
} from '../../state/simClient';
import { appStore, displayClock, pushNotice, select, setOrderUi, setSpeed } from '../../state/store';
import type { TimelineChange } from '../../worker/protocol';
import { formatSimClock } from '../format';
import { type TourEffects, type TourReturnPoint, getTourReturnPlan } from './tourReturnPlan';

export interface TourReturnState {
  /** Where the presenter was when the first tour since the last return started (null: none kept). */
  point: TourReturnPoint | null;
  effects: TourEffects;
  /** The way back is offered (a tour ended and the presenter has not chosen yet). */
  offered: boolean;
}

const NO_EFFECTS: TourEffects = { earliestSeekS: null, ranOwnB: false };

export const tourReturnStore = createStore<TourReturnState>(() => ({
  point: null,
  effects: NO_EFFECTS,
  offered: false,
}));

/** The presenter's page now, as a return point. */
function readReturnPoint(): TourReturnPoint | null {
  const state = appStore.getState();
  if (!state.params) return null;
  const map = mapHandle.map;
  const center = map?.getCenter();
  const { compare } = state;
  return {
    timeS: displayClock.timeS,
    playing: state.playback.playing,
    speed: state.playback.speed,
    params: state.params,
    timelineA: channelA.getTimeline().slice(),
    events: runEventsStore.getState().events.map(({ id: _id, ...event }) => event),
    scenarioB:
      compare.active && compare.params
        ? {
            params: compare.params,
            forkAtS: compare.mode === 'fork' ? compare.forkTimeS : null,
            timeline: channelB.getTimeline().slice(),
            mapSource: compare.mapSource,
          }
        : null,
    selection: state.selection,
    sceneOpen: state.panes.sceneOpen,
    order: {
      followedKey: state.order.followedKey,
      tracking: state.order.tracking,
      stagesOpen: state.order.stagesOpen,
    },
    camera:
      map && center
        ? {
            center: [center.lng, center.lat],
            zoom: map.getZoom(),
            pitch: map.getPitch(),
            bearing: map.getBearing(),
          }
        : null,
  };
}

/** A tour starts: keeps the presenter's page, unless the way back to an earlier one is still open. */
export function keepReturnPoint(): void {
  const { point, offered } = tourReturnStore.getState();
  if (point && offered) {
    tourReturnStore.setState({ offered: false });
    return;
  }
  tourReturnStore.setState({ point: readReturnPoint(), effects: NO_EFFECTS, offered: false });
}

/** A tour step moved the run to `timeS`. */
export function noteTourSeek(timeS: number): void {
  const { effects } = tourReturnStore.getState();
  if (effects.earliestSeekS !== null && effects.earliestSeekS <= timeS) return;
  tourReturnStore.setState({ effects: { ...effects, earliestSeekS: timeS } });
}

/** A tour step ran the tour's own scenario B. */
export function noteTourRanB(): void {
  const { effects } = tourReturnStore.getState();
  if (!effects.ranOwnB) tourReturnStore.setState({ effects: { ...effects, ranOwnB: true } });
}

/** A tour ended: the way back is offered. */
export function offerReturn(): void {
  if (tourReturnStore.getState().point) tourReturnStore.setState({ offered: true });
}

/** The presenter stays where the tour left them. */
export function declineReturn(): void {
  tourReturnStore.setState({ point: null, effects: NO_EFFECTS, offered: false });
}

/** Makes the presenter's changes again, each at its own time, on the channel they were made on. */
function remakeChanges(changes: readonly TimelineChange[], scenario: 'A' | 'B'): void {
  for (const change of changes) {
    if (change.params) {
      if (scenario === 'B') {
        requestParamsB(change.params, change.atS);
        continue;
      }
      requestParams(change.params, change.atS);
      recordParamsChange(change.params, change.atS);
    } else if (scenario === 'A') {
      const { spec, orderKey } = change.order;
      // The page still knows the order by its key; the run only lost it to the seek.
      void channelA.placeOrder(spec, orderKey, change.atS).catch(() => undefined);
      recordOrder(spec, orderKey, change.atS);
    }
  }
}

/**
 * Puts the presenter's page back: the run at their time with their changes (made again where a
 * tour's seek undid them), their speed, scenario B, selection, followed order and camera. The
 * camera of a tour step still in flight must be stopped first (tourRunner's returnFromTour).
 */
export function restoreReturnPoint(): void {
  const { point, effects } = tourReturnStore.getState();
  declineReturn();
  if (!point) return;
  const plan = getTourReturnPlan(point, effects);

  if (plan.scenarioB !== 'keep') stopCompare();
  requestSeek(plan.cutS);
  // A change the model made ahead of the time on screen (it simulates ahead) goes after the seek
  // there, which would undo it: where it was before the tour.
  const isBefore = (change: TimelineChange) => change.atS <= point.timeS;
  const isAfter = (change: TimelineChange) => change.atS > point.timeS;
  remakeChanges(plan.remakeA.filter(isBefore), 'A');
  if (channelB.running) remakeChanges(plan.remakeB.filter(isBefore), 'B');
  for (const event of plan.events) recordRunEvent(event);
  requestSeek(point.timeS);
  remakeChanges(plan.remakeA.filter(isAfter), 'A');
  if (channelB.running) remakeChanges(plan.remakeB.filter(isAfter), 'B');
  // At the presenter's time: the tick on screen is the tour's until the seeks are answered.
  if (typeof plan.scenarioB === 'object')
    startLinkCompare(plan.scenarioB.base, plan.scenarioB.overrides, plan.scenarioB.forkAtS, point.timeS);

  setSpeed(point.speed);
  appStore.setState((state) => ({
    playback: { ...state.playback, playing: point.playing },
    panes: { ...state.panes, sceneOpen: point.sceneOpen },
    compare: point.scenarioB ? { ...state.compare, mapSource: point.scenarioB.mapSource } : state.compare,
  }));
  select(point.selection);
  setOrderUi(point.order);
  if (point.camera && mapHandle.map) mapHandle.map.jumpTo(point.camera);

  const clock = formatSimClock(point.timeS, point.params.startDayOfYear);
  pushNotice(
    plan.notRestored.length > 0 ? 'warning' : 'info',
    `Back to where you were before the tour: ${clock} at ${point.speed}×, your parameters${point.scenarioB ? ' and scenario B' : ''}.`,
    plan.notRestored,
  );
}
