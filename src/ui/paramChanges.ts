/**
 * A person's changes to a running scenario, made and written down in one place: the drawer's
 * sliders, a tour step and a fork all go through here, so each one reaches the model at the time
 * on screen and leaves a labelled mark on the timeline and the charts (runEvents).
 */
import { defaultParams, getParamDeclaration, type Params } from '../sim/params';
import { applyPreset, type Preset } from '../sim/presets';
import { recordParamsChange } from '../state/replications';
import { recordRunEvent, type RunEventKind } from '../state/runEvents';
import { channelA, requestParams, requestParamsB, startCompare } from '../state/simClient';
import { displayClock, pushNotice, setDrawerScenario } from '../state/store';
import { formatParamValue } from './paramDisplay';
import { describeLargeScaleCost } from './realVolume';

/**
 * "Vans per station 180 → 20" for each key of `partial` whose value differs from `before`, joined
 * by "; " (an empty string when nothing changes).
 */
export function describeParamChanges(before: Params | null, partial: Partial<Params>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(partial) as Array<[keyof Params, number | string]>) {
    const declaration = getParamDeclaration(key);
    if (!declaration || value === undefined) continue;
    const previous = before?.[key];
    if (previous === value) continue;
    const from = previous === undefined ? '' : `${formatParamValue(declaration, previous)} → `;
    parts.push(`${declaration.label} ${from}${formatParamValue(declaration, value)}`);
  }
  return parts.join('; ');
}

/**
 * Parameters stated elsewhere on the page: the scale beside the scenario line, the calendar day
 * by the clock, the network's edits on the map and in their card.
 */
const STATED_ELSEWHERE: ReadonlySet<string> = new Set(['scale', 'startDayOfYear', 'networkEdits']);

/**
 * What `params` changes from the scenario it is named after (the preset's parameters on the
 * calibrated defaults, or the defaults), as "Vans per station 180 → 20; …": a shared link or a
 * slider moved since must not read as the scenario as calibrated. Empty when nothing differs.
 */
export function describeChangesFromScenario(params: Params, preset: Preset | undefined): string {
  const scenario = preset ? applyPreset(defaultParams(), preset) : defaultParams();
  const changed = Object.fromEntries(
    Object.entries(params).filter(([key]) => !STATED_ELSEWHERE.has(key)),
  ) as Partial<Params>;
  return describeParamChanges(scenario, changed);
}

/** Says what a large scale costs as it is chosen (a link's, or a slider moved to it). */
export function noticeLargeScale(scale: number): void {
  const cost = describeLargeScaleCost(scale, defaultParams().scale);
  if (cost) pushNotice('info', cost);
}

/**
 * Changes scenario A's (or B's) parameters at `atTimeS` (default: the time on screen) and marks
 * the change on the timeline. `label` names it ("Prime Day"); without one the changed values do.
 */
export function changeParams(
  partial: Partial<Params>,
  options: { scenario?: 'A' | 'B'; atTimeS?: number; label?: string; kind?: RunEventKind } = {},
): void {
  const scenario = options.scenario ?? 'A';
  const atTimeS = options.atTimeS ?? displayClock.timeS;
  // The worker's parameters as last confirmed: what held before this change.
  const before = scenario === 'A' ? channelA.view.params : null;
  const changes = describeParamChanges(before, partial);
  if (partial.scale !== undefined && partial.scale !== before?.scale) noticeLargeScale(partial.scale);
  if (scenario === 'A') {
    requestParams(partial, atTimeS);
    recordParamsChange(partial, atTimeS);
  } else {
    requestParamsB(partial, atTimeS);
  }
  if (!changes && !options.label) return;
  const prefix = scenario === 'B' ? 'B: ' : '';
  const movesCalendar =
    scenario === 'A' &&
    before !== null &&
    partial.startDayOfYear !== undefined &&
    partial.startDayOfYear !== before.startDayOfYear;
  recordRunEvent({
    atS: atTimeS,
    kind: options.kind ?? 'params',
    label: `${prefix}${options.label ?? changes}`,
    detail: `${prefix}${options.label ? `${options.label}${changes ? `: ${changes}` : ''}` : changes}`,
    calendar: movesCalendar
      ? { before: before.startDayOfYear, after: partial.startDayOfYear as number }
      : undefined,
  });
}

/** Keeps the run as A and starts B from its state now with `paramsB`, marked on the timeline. */
export function forkNow(paramsB: Params): void {
  const atS = channelA.view.currentTick?.timeS ?? displayClock.timeS;
  const changes = describeParamChanges(channelA.view.params, paramsB);
  recordRunEvent({
    atS,
    kind: 'fork',
    label: 'Fork: B',
    detail: `Scenario B forked from A here${changes ? ` with ${changes}` : ' (no change yet)'}`,
  });
  void startCompare(paramsB, true);
  // B is what the person will change next: the drawer opens on it.
  setDrawerScenario('B', true);
}
