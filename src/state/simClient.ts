/**
 * The page's models: scenario A (always) and scenario B (A/B compare or a fork), each a
 * SimChannel. This module wires their news into the app store and keeps the names the rest of
 * the page uses for A (`simView`, `onTick`, `requestParams`, ...).
 */
import { getEditChangeHours } from '../sim/networkEdits';
import { type Params, renumbersFacilities } from '../sim/params';
import type { TripBatch } from '../sim/simulation';
import { kpiHistory as kpiHistoryA } from './kpiHistory';
import { perfStats } from './perfStats';
import { type NetworkChange, SimChannel, type SimView } from './simChannel';
import { appStore, dismissNotice, displayClock, pushNotice, setNetworkEditUi } from './store';
import { createWorkerTransport } from './workerTransport';

export type { Tick } from './simChannel';

export const channelA = new SimChannel(
  'A',
  {
    onProgress(phase, fraction) {
      appStore.setState({ worker: { phase: 'building', progress: fraction, message: phase } });
    },
    onWarmingUp(toS, fraction) {
      // The clock reads the time the run opens at; the map shows the network meanwhile.
      displayClock.timeS = toS;
      appStore.setState({
        params: channelA.view.params,
        worker: { phase: 'building', progress: fraction, message: 'Warming up', warmUpToS: toS },
        displayTimeS: toS,
        simulatedTimeS: toS,
      });
    },
    onReady(view, timeS) {
      displayClock.timeS = timeS;
      appStore.setState({
        params: view.params,
        worker: { phase: 'ready', progress: 1, message: 'Model ready' },
        displayTimeS: timeS,
        simulatedTimeS: timeS,
      });
      focusSelectedFacility();
    },
    onSimulated(timeS) {
      appStore.setState({ simulatedTimeS: timeS });
    },
    onSeeked(timeS) {
      displayClock.timeS = timeS;
      appStore.setState({ displayTimeS: timeS, simulatedTimeS: timeS });
    },
    onParamsApplied(params, rebuilt, errors) {
      const before = appStore.getState().params;
      appStore.setState({ params });
      // Network edits keep facility ids (the edit's own panel says what changed); other rebuilds do not.
      if (rebuilt && (!before || renumbersFacilities(before, params))) {
        // Facility ids are renumbered by a rebuild: a selected facility is no longer the same one.
        if (appStore.getState().selection?.kind === 'facility') appStore.setState({ selection: null });
        pushNotice('info', 'The network was rebuilt for the new facility counts.');
      }
      const noticeIds = errors.map((error) => pushNotice('warning', error));
      if (noticeIds.length > 0) refusalNoticeIdsA = noticeIds;
      settleNetworkEdit('A', params, errors);
    },
    onFail(message) {
      appStore.setState({ worker: { phase: 'error', progress: 0, message } });
      pushNotice('error', message);
    },
    onRecovering(message) {
      // The display clock waits (phase not 'ready') until the new worker is back.
      appStore.setState({ worker: { phase: 'building', progress: 0.5, message: 'Restarting the model…' } });
      showRecoveryNotice('A', 'warning', message);
    },
    onRecovered(timeS, recoveryMs, reason) {
      perfStats.lastRecoveryMs = recoveryMs;
      perfStats.recoveries++;
      appStore.setState({ worker: { phase: 'ready', progress: 1, message: 'Model ready' } });
      showRecoveryNotice(
        'A',
        'info',
        `The model's worker failed (${reason}) and was replaced in ${(recoveryMs / 1000).toFixed(1)} s; the run carries on where it was.`,
      );
      displayClock.timeS = timeS;
    },
    onWarning(message) {
      pushNotice('warning', message);
    },
  },
  createWorkerTransport,
  kpiHistoryA,
);

export const channelB = new SimChannel(
  'B',
  {
    onProgress() {},
    onReady(view) {
      appStore.setState((state) => ({ compare: { ...state.compare, phase: 'ready', params: view.params } }));
      if (view.params) settleNetworkEdit('B', view.params, []);
    },
    onSimulated() {},
    onSeeked() {},
    onParamsApplied(params, rebuilt, errors) {
      const before = appStore.getState().compare.params;
      appStore.setState((state) => ({ compare: { ...state.compare, params } }));
      if (rebuilt && (!before || renumbersFacilities(before, params)))
        pushNotice('info', 'Scenario B: the network was rebuilt for the new facility counts.');
      for (const error of errors) pushNotice('warning', `Scenario B: ${error}`);
      settleNetworkEdit('B', params, errors);
    },
    onFail(message) {
      appStore.setState((state) => ({ compare: { ...state.compare, phase: 'error' } }));
      pushNotice('error', message);
    },
    onRecovering(message) {
      appStore.setState((state) => ({ compare: { ...state.compare, phase: 'building' } }));
      showRecoveryNotice('B', 'warning', message);
    },
    onRecovered(_timeS, recoveryMs, reason) {
      appStore.setState((state) => ({ compare: { ...state.compare, phase: 'ready' } }));
      showRecoveryNotice(
        'B',
        'info',
        `Scenario B's worker failed (${reason}) and was replaced in ${(recoveryMs / 1000).toFixed(1)} s; it carries on where it was.`,
      );
    },
    onWarning(message) {
      pushNotice('warning', `Scenario B: ${message}`);
    },
  },
  createWorkerTransport,
);

/**
 * A network edit sent to `scenario` is in once its parameters carry the plan; refused when they
 * come back without it and a message (the model's, shown in the edit card). A refused edit that
 * started B stops it: A runs on as it was, nothing lost.
 */
function settleNetworkEdit(scenario: 'A' | 'B', params: Params, errors: string[]): void {
  const { pending } = appStore.getState().networkEdit;
  if (!pending || pending.scenario !== scenario) return;
  if (params.networkEdits === pending.plan) {
    setNetworkEditUi({ pending: null, last: pending.edit, status: 'applied', message: '' });
  } else if (errors.length > 0) {
    setNetworkEditUi({ pending: null, status: 'refused', message: errors.join(' ') });
    if (pending.startedB) stopCompare();
  }
}

/** The notices naming what A's model last refused (a link's network edits it cannot honour). */
let refusalNoticeIdsA: number[] = [];

/**
 * Says in the notices of A's last refusal that it holds for B too: a link's B leaves out the
 * network edits A's model refused (startLinkCompareWhenReady), named once for both, where B's
 * model refused them again in a notice of its own ('Scenario B: ...').
 */
export function nameRefusalForB(): void {
  const ids = new Set(refusalNoticeIdsA);
  refusalNoticeIdsA = [];
  appStore.setState((state) => ({
    notices: state.notices.map((notice) =>
      ids.has(notice.id) ? { ...notice, text: `Scenarios A and B: ${notice.text}` } : notice,
    ),
  }));
}

/** One line per channel about a worker failure: the news replaces the channel's last line. */
const recoveryNoticeIds = { A: -1, B: -1 };
function showRecoveryNotice(label: 'A' | 'B', level: 'warning' | 'info', text: string): void {
  if (recoveryNoticeIds[label] >= 0) dismissNotice(recoveryNoticeIds[label]);
  recoveryNoticeIds[label] = pushNotice(level, text);
}

/** Scenario A's panels follow the selected facility: the worker sends its figures per hour. */
function focusSelectedFacility(): void {
  const selection = appStore.getState().selection;
  channelA.focusFacility(selection?.kind === 'facility' ? selection.id : null);
}
appStore.subscribe((state, previous) => {
  if (state.selection !== previous.selection) focusSelectedFacility();
});

/** Scenario A's view (network, current tick), read by render loops and panels. */
export const simView = channelA.view;

/** The view the map shows: B's when the compare panel says B or the difference, else A's. */
export function getShownView(): SimView {
  const { compare } = appStore.getState();
  return compare.active && compare.mapSource !== 'A' && channelB.view.network ? channelB.view : channelA.view;
}

export const onNetwork = (listener: (change: NetworkChange) => void) => channelA.onNetwork(listener);
export const onTick = (listener: () => void) => channelA.onTick(listener);
export const onTripsReset = (listener: () => void) => channelA.onTripsReset(listener);
export const onTrips = (listener: (batch: TripBatch) => void) => channelA.onTrips(listener);
export const injectTrips = (batch: TripBatch) => channelA.injectTrips(batch);

/**
 * Starts scenario A (and moves to `startTimeS`); once per page. `beforeSeek` posts what must be
 * in the run before the move (a link's placed order: the seek then replays it).
 */
export function startSimulation(params: Params, seed: number, startTimeS = 0, beforeSeek?: () => void): void {
  channelA.start(params, seed, { startTimeS, beforeSeek });
}

export function requestAdvance(displayTimeS: number, lookaheadS: number, tickIntervalS: number): void {
  channelA.advance(displayTimeS, lookaheadS, tickIntervalS);
  if (channelB.running) channelB.advance(displayTimeS, lookaheadS, tickIntervalS);
}

/**
 * Changes scenario A's parameters at `atTimeS` (default: the display time, so the change shows
 * at once instead of after what the worker had already simulated ahead).
 */
export function requestParams(partial: Partial<Params>, atTimeS = displayClock.timeS): void {
  channelA.setParams(partial, atTimeS);
}

const seekListeners = new Set<(timeS: number) => void>();

/** Hears every move of the clock a person or a tour asks for (what follows A moves too). */
export function onSeekRequested(listener: (timeS: number) => void): () => void {
  seekListeners.add(listener);
  return () => seekListeners.delete(listener);
}

export function requestSeek(timeS: number): void {
  for (const listener of seekListeners) listener(timeS);
  channelA.seek(timeS);
  if (channelB.running) channelB.seek(timeS);
}

/** Fault drills (e2e suite, devtools): a worker throws, or vanishes without a word. */
export function requestCrash(label: 'A' | 'B' = 'A'): void {
  getChannel(label).crash();
}
export function loseWorker(label: 'A' | 'B' = 'A'): void {
  getChannel(label).loseWorkerSilently();
}

/** Moves ticks the display clock has reached into each channel's `currentTick`. */
export function applyDueTicks(displayTimeS: number): boolean {
  const changedA = channelA.applyDueTicks(displayTimeS);
  const changedB = channelB.running ? channelB.applyDueTicks(displayTimeS) : false;
  return changedA || changedB;
}

/** How far every running model has simulated: the display may not pass it. */
export function simulatedLimitS(): number {
  const limitA = appStore.getState().simulatedTimeS;
  return channelB.running && channelB.view.network ? Math.min(limitA, channelB.view.simulatedTimeS) : limitA;
}

/**
 * Marks scenario B as building with `paramsB` (its mode and fork time) after stopping any B
 * running; false when A has no run yet to compare with.
 */
function beginCompare(paramsB: Params, mode: 'ab' | 'fork', forkTimeS: number): boolean {
  if (channelB.running) channelB.stop();
  if (!channelA.view.params) return false;
  // A's figures are read from B's edits on: A's worker keeps its facility history exact there.
  channelA.keepWindowsAt(getEditChangeHours(paramsB.networkEdits));
  appStore.setState((state) => ({
    compare: { ...state.compare, active: true, phase: 'building', mode, params: paramsB, forkTimeS },
  }));
  return true;
}

/** The time A's figures on screen are for: where B forks, or replays to. */
function getShownTickS(): number {
  return channelA.view.currentTick?.timeS ?? displayClock.timeS;
}

/**
 * Starts scenario B beside A, with B's parameters. `fork`: from A's state now (both share the
 * past; the futures differ); otherwise from the start on the same seed (common random numbers).
 */
export async function startCompare(paramsB: Params, fork: boolean): Promise<void> {
  if (!fork) {
    startLinkCompare(paramsB, {}, null);
    return;
  }
  if (!beginCompare(paramsB, 'fork', displayClock.timeS)) return;
  // Fork at the time A's figures on screen are for, so both columns start equal.
  const snapshot = await channelA.requestSnapshot(getShownTickS());
  appStore.setState((state) => ({ compare: { ...state.compare, forkTimeS: snapshot.timeS } }));
  channelB.start(paramsB, channelA.view.seed, { snapshot });
}

/**
 * B from the run's start on the same seed, replayed silently up to the display time: `base` (A's
 * parameters, with B's network edits) and B's own values `overrides`, from the start beside A or,
 * with `forkAtS` (a link's fork, urlState's compareB), from that sim time on: B replays A's run to
 * the fork and changes there, which is the state the fork started from (the model is a function of
 * its start and its changes), without A's worker going back to it. B opens at `startTimeS` (default:
 * the time A's figures on screen are for; a caller that has just sought A says where to).
 */
export function startLinkCompare(
  base: Params,
  overrides: Partial<Params>,
  forkAtS: number | null,
  startTimeS = getShownTickS(),
): void {
  const paramsB = { ...base, ...overrides };
  if (!beginCompare(paramsB, forkAtS === null ? 'ab' : 'fork', forkAtS ?? 0)) return;
  if (forkAtS === null) {
    channelB.start(paramsB, channelA.view.seed, { startTimeS });
    return;
  }
  const changesAtFork = Object.keys(overrides).length > 0;
  channelB.start(base, channelA.view.seed, {
    startTimeS,
    beforeSeek: changesAtFork ? () => channelB.setParams(overrides, forkAtS) : undefined,
  });
}

export function stopCompare(): void {
  channelB.stop();
  appStore.setState((state) => ({
    compare: { ...state.compare, active: false, phase: 'starting', params: null },
  }));
}

export function requestParamsB(partial: Partial<Params>, atTimeS = displayClock.timeS): void {
  channelB.setParams(partial, atTimeS);
}

export function getChannel(label: 'A' | 'B'): SimChannel {
  return label === 'A' ? channelA : channelB;
}

export type { SimView } from './simChannel';
