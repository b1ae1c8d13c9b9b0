/**
 * Network edits from the page: edit mode, a click that offers a new facility, and an edit made
 * at the time on screen. By default an edit forks the future (A keeps today's network, B gets
 * the edit) so the compare panel and the map's difference view show what it changed; with B
 * running, edits go to B. Each one is a change of the `networkEdits` parameter, so the run's
 * timeline, the link and the scenario file carry it; the model checks it and names a refusal.
 */
import { DELIVERY_STATION } from '../sim/kinds';
import {
  formatNetworkEdit,
  type NetworkEdit,
  parseNetworkEdit,
  parseNetworkEdits,
} from '../sim/networkEdits';
import type { Params } from '../sim/params';
import {
  appendNetworkEdit,
  describeNetworkEdit,
  findEditPlace,
  getEditArea,
  getEditedFacilityId,
  getPlanWithout,
} from '../state/networkEditPlan';
import { recordRunEvent } from '../state/runEvents';
import { loadTownFinder } from '../state/townFinder';
import { channelA, channelB, nameRefusalForB, startCompare, startLinkCompare } from '../state/simClient';
import type { UrlState } from '../state/urlState';
import {
  type AppliedNetworkEdit,
  appStore,
  displayClock,
  setNetworkEditUi,
  setOrderUi,
} from '../state/store';
import { changeParams, describeParamChanges } from './paramChanges';

/** Turns edit mode on or off (the order form closes: a map click means one thing at a time). */
export function toggleEditMode(on = !appStore.getState().networkEdit.active): void {
  setNetworkEditUi({ active: on, addAt: null, status: 'idle', message: '' });
  if (!on) return;
  setOrderUi({ formOpen: false, pickingAddress: false });
  // The towns a click snaps to: loading now, they are in by the first click.
  void loadTownFinder();
}

/**
 * A click on the map in edit mode, away from any facility: offer to add one there (on the
 * nearest metro's centre or town, once the towns have loaded).
 */
export function offerAddAt(lon: number, lat: number): void {
  void loadTownFinder().then((towns) => {
    if (!appStore.getState().networkEdit.active) return;
    setNetworkEditUi({
      addAt: findEditPlace(lon, lat, DELIVERY_STATION, channelA.view.network, towns),
      status: 'idle',
      message: '',
    });
  });
}

/** Whether an edit made now goes to B (B runs, or each edit forks it). */
function goesToB(): boolean {
  const { compare, networkEdit } = appStore.getState();
  return compare.active || networkEdit.forkEach;
}

/**
 * The sim time an edit made now takes effect at, whole minutes (the grammar's resolution): the
 * figures on screen when it forks B (a fork starts from A's tick on screen), else the display time.
 */
export function getEditTimeS(): number {
  const { compare, networkEdit } = appStore.getState();
  const forks = !compare.active && networkEdit.forkEach;
  const timeS = forks ? (channelA.view.currentTick?.timeS ?? displayClock.timeS) : displayClock.timeS;
  return Math.floor(timeS / 60) * 60;
}

/** The network an edit made now applies to (B's when it goes to a running B). */
export function getEditTargetNetwork() {
  return appStore.getState().compare.active && channelB.view.network
    ? channelB.view.network
    : channelA.view.network;
}

/**
 * Makes `edit` (its time: getEditTimeS). The page checks its grammar and ranges first; the model
 * checks the rest, and a refusal comes back as its message in the edit card (settleNetworkEdit).
 */
export function applyNetworkEdit(edit: NetworkEdit): void {
  const checked = parseNetworkEdit(formatNetworkEdit(edit));
  if (typeof checked === 'string') {
    setNetworkEditUi({ status: 'refused', message: checked });
    return;
  }
  const { compare, networkEdit } = appStore.getState();
  const paramsA = channelA.view.params;
  const targetParams = compare.active ? (channelB.view.params ?? compare.params) : paramsA;
  const network = getEditTargetNetwork();
  if (!paramsA || !targetParams || !network) return;
  const plan = appendNetworkEdit(targetParams.networkEdits, edit);
  const words = describeNetworkEdit(edit, network);
  const scenario = goesToB() ? 'B' : 'A';
  const atS = edit.type === 'outage' ? edit.fromS : edit.atS;
  const applied: AppliedNetworkEdit = {
    edit,
    scenario,
    words,
    facilityId: getEditedFacilityId(edit, network.facilities.length),
    atS,
  };
  const startsB = !compare.active && networkEdit.forkEach;
  // A and B are compared from the edit on: both keep their facility history exact there.
  channelA.keepWindowsAt([Math.floor(atS / 3600)]);
  setNetworkEditUi({
    status: 'applying',
    message: '',
    addAt: null,
    pending: { scenario, plan, startedB: startsB, edit: applied },
  });
  if (compare.active) {
    changeParams({ networkEdits: plan }, { scenario: 'B', label: words, kind: 'networkEdit' });
  } else if (startsB) {
    recordRunEvent({
      atS,
      kind: 'fork',
      // The words may start with a facility's name ("Atlanta FC 1 offline for 1 day"): kept as written.
      label: `Fork: B, ${words}`,
      detail: `Scenario B forked from A here with a network edit: ${words} (${formatNetworkEdit(edit)})`,
    });
    void startCompare({ ...paramsA, networkEdits: plan }, true);
  } else {
    changeParams({ networkEdits: plan }, { label: words, kind: 'networkEdit' });
  }
}

/**
 * A link's scenario B: once A is shown, B runs beside it on the same seed with the link's
 * parameters, B's network edits (`bEdits`, each at its own time, so B is the fork the edits made)
 * and B's own values (`b.<name>`, from the fork time `bAt` or from the start); the compare panel
 * explains the last edit. B starts from A's parameters as A's model runs them: network edits it
 * refused (one notice names them) are not B's either, where B's model refused them again and a
 * second notice repeated the first.
 */
export function startLinkCompareWhenReady(
  params: Params,
  networkEditsB: string | null,
  compareB: UrlState['compareB'],
): void {
  const start = () => {
    const paramsA = appStore.getState().params ?? params;
    const ownEditsB =
      networkEditsB === null ? null : getOwnEditsB(networkEditsB, params.networkEdits, paramsA.networkEdits);
    if (ownEditsB !== null) nameRefusalForB();
    const editsB = ownEditsB ?? networkEditsB;
    const base = editsB === null ? paramsA : { ...paramsA, networkEdits: editsB };
    const overrides = compareB?.overrides ?? {};
    const forkAtS = compareB?.forkAtS ?? null;
    startLinkCompare(base, overrides, forkAtS);
    // The fork is marked where it was made, as on the page the link was copied from.
    if (forkAtS !== null) {
      const changes = describeParamChanges(params, overrides);
      recordRunEvent({
        atS: forkAtS,
        kind: 'fork',
        label: 'Fork: B',
        detail: `Scenario B forked from A here${changes ? ` with ${changes}` : ''}${editsB ? ' and its network edits' : ''}`,
      });
    }
    if (!editsB) return;
    const stopWaiting = channelB.onNetwork(() => {
      stopWaiting();
      // An added facility is described by the town it stands in.
      void loadTownFinder().then(() => adoptLastEdit(editsB));
    });
  };
  if (appStore.getState().worker.phase === 'ready') {
    start();
    return;
  }
  const stop = appStore.subscribe((state) => {
    if (state.worker.phase !== 'ready') return;
    stop();
    start();
  });
}

/**
 * A link's B edits without those A's model refused (`linkEditsA`, when A runs `editsA` instead),
 * or null when A refused none or B's do not hold them all. A copied link's B plan is A's with B's
 * own edits after it: B runs its own edits, as on the page the link was copied from, and A's
 * notice names the refused ones once, for both (B's model refused its whole plan for them, its own
 * edits too, and a second notice named them again). A's model refuses a plan whole (the worker's
 * createHonoured), so A runs none of the link's edits once it refused any.
 */
function getOwnEditsB(editsB: string, linkEditsA: string, editsA: string): string | null {
  if (linkEditsA === '' || editsA === linkEditsA) return null;
  return getPlanWithout(editsB, linkEditsA);
}

/** The compare panel explains the last edit of B's plan (a link or a file brought it). */
function adoptLastEdit(plan: string): void {
  const network = channelB.view.network;
  const { edits } = parseNetworkEdits(plan);
  const edit = edits.at(-1);
  if (!edit || !network || appStore.getState().networkEdit.last) return;
  // Added facilities are numbered in plan order after the base network's: the last edit's is the last.
  const facilityId = edit.type === 'add' ? network.facilities.length - 1 : edit.facilityId;
  setNetworkEditUi({
    last: {
      edit,
      scenario: 'B',
      words: describeNetworkEdit(edit, network),
      facilityId,
      atS: edit.type === 'outage' ? edit.fromS : edit.atS,
    },
  });
}

/**
 * Both runs report the deliveries of the stations the last edit touches (getEditArea), and B
 * those of the facility it names: the compare panel sets them side by side.
 */
function focusEditArea(): void {
  const { networkEdit, compare } = appStore.getState();
  const last = networkEdit.last;
  const networkB = compare.active ? channelB.view.network : null;
  const area = last ? getEditArea(last.facilityId, [channelA.view.network, networkB]) : null;
  channelA.focusArea(area?.stationIds ?? null);
  if (channelB.running) {
    channelB.focusArea(area?.stationIds ?? null);
    channelB.focusFacility(last?.scenario === 'B' ? last.facilityId : null);
  }
}

/** The edit panel's last edit, while it still holds (B's edits end with B). */
function forgetEditsOfStoppedB(): void {
  const { networkEdit, compare } = appStore.getState();
  if (!compare.active && networkEdit.last?.scenario === 'B') setNetworkEditUi({ last: null });
}

channelA.onNetwork(focusEditArea);
channelB.onNetwork(focusEditArea);
appStore.subscribe((state, previous) => {
  if (state.compare.active !== previous.compare.active) forgetEditsOfStoppedB();
  if (
    state.networkEdit.last !== previous.networkEdit.last ||
    state.compare.active !== previous.compare.active
  )
    focusEditArea();
});

export type { AppliedNetworkEdit };
