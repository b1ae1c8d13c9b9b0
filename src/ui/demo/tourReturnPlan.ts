/**
 * Where the presenter was when a tour started, and how the page gets back there. A tour seeks,
 * changes the speed and the parameters and may run its own scenario B; ending it keeps the page as
 * its last step left it, and "Back to where you were" puts the presenter's run back. Pure: no DOM,
 * no store; `tourReturn.ts` acts.
 */
import type { Params } from '../../sim/params';
import type { RunEvent } from '../../state/runEvents';
import type { Selection } from '../../state/store';
import { getValuesChangedInB } from '../../state/urlState';
import type { TimelineChange } from '../../worker/protocol';
import { formatSimClock } from '../format';
import type { ScenarioB } from './scenarioFile';

/** The presenter's page when the tour started. */
export interface TourReturnPoint {
  /** The sim time on screen (seconds since the scenario start). */
  timeS: number;
  playing: boolean;
  /** Sim seconds per wall second. */
  speed: number;
  /** Scenario A's parameters in force. */
  params: Params;
  /** A's changes so far (worker timeline, oldest first): a tour's seek back before one undoes it. */
  timelineA: readonly TimelineChange[];
  /** The marks of those changes on the timeline and the charts (runEvents). */
  events: ReadonlyArray<Omit<RunEvent, 'id'>>;
  /** The presenter's scenario B (null: none ran), and its own changes since it started. */
  scenarioB: (ScenarioB & { timeline: readonly TimelineChange[]; mapSource: 'A' | 'B' | 'diff' }) | null;
  selection: Selection;
  sceneOpen: boolean;
  /** The order the journey panel followed, with how it showed it. */
  order: { followedKey: string | null; tracking: boolean; stagesOpen: boolean };
  camera: { center: [number, number]; zoom: number; pitch: number; bearing: number } | null;
}

/** What the tours since the return point did to the run. */
export interface TourEffects {
  /** The earliest sim time a step moved the run to (null: no step seeked). */
  earliestSeekS: number | null;
  /** A step ran the tour's own scenario B (in place of the presenter's, if one ran). */
  ranOwnB: boolean;
}

/** A scenario B started again as a copied link starts it (simClient's startLinkCompare). */
export interface ScenarioBRestart {
  /** A's parameters with B's network edits: what B runs from the start. */
  base: Params;
  /** B's values that differ from A's, applied at `forkAtS` (or from the start when null). */
  overrides: Partial<Params>;
  forkAtS: number | null;
}

export interface TourReturnPlan {
  /**
   * Sim seconds to seek to first: every change a tour made is after it (a step's change is made at
   * the step's time or the time on screen, never before the tour started or its earliest seek).
   */
  cutS: number;
  /** The presenter's changes after `cutS` that the cut undoes, made again in order (A's, B's). */
  remakeA: TimelineChange[];
  remakeB: TimelineChange[];
  /** Their marks, recorded again. */
  events: Array<Omit<RunEvent, 'id'>>;
  /** Scenario B: left as it runs, stopped (the tour's own), or started again (the presenter's). */
  scenarioB: 'keep' | 'stop' | ScenarioBRestart;
  /** What could not be put back exactly, in sentences for the page. */
  notRestored: string[];
}

/**
 * How to go back from what tours did (`effects`) to the presenter's `point`: seek before every
 * change a tour made, make the presenter's own changes after that again, then seek to the time
 * they were at. A B the tour replaced can only be started again from its values and fork time, as
 * a copied link does; the plan says so.
 */
export function getTourReturnPlan(point: TourReturnPoint, effects: TourEffects): TourReturnPlan {
  // One second before: a change made exactly at the earliest seek (the tour's first step) goes too.
  const cutS = Math.max(0, Math.min(point.timeS, effects.earliestSeekS ?? point.timeS) - 1);
  const plan: TourReturnPlan = {
    cutS,
    remakeA: point.timelineA.filter((change) => change.atS > cutS),
    remakeB: [],
    events: point.events.filter((event) => event.atS > cutS),
    scenarioB: 'keep',
    notRestored: [],
  };
  const presenterB = point.scenarioB;
  if (!presenterB) {
    if (effects.ranOwnB) plan.scenarioB = 'stop';
    return plan;
  }
  if (!effects.ranOwnB) {
    plan.remakeB = presenterB.timeline.filter((change) => change.atS > cutS);
    return plan;
  }
  plan.scenarioB = {
    base: { ...point.params, networkEdits: presenterB.params.networkEdits },
    overrides: getValuesChangedInB(point.params, presenterB.params),
    forkAtS: presenterB.forkAtS,
  };
  const startDay = point.params.startDayOfYear;
  const bFrom =
    presenterB.forkAtS === null
      ? "your B values from the run's start"
      : `A's values as you left them up to the fork at ${formatSimClock(presenterB.forkAtS, startDay)}, your B values from there`;
  plan.notRestored.push(
    `Scenario B was started again as a copied link starts it: ${bFrom}. ` +
      "Changes made to A or B during the run are not made again at their own times, so B's figures may differ from your B's.",
  );
  return plan;
}
