/**
 * The scenario in the header: a preset picker. Picking one applies it at the time on screen (its
 * parameters on top of the run's, the calendar moved so its period starts today), marks it on the
 * timeline and keeps what the person changed before; "Restart" starts a fresh run of it from
 * day 1 (a new page load with `?preset=`, reproducible and shareable).
 */
import { defaultParams, type Params } from '../sim/params';
import { getPreset, type Preset, PRESETS } from '../sim/presets';
import { buildShareUrl } from '../state/urlState';
import { channelA, channelB, requestParamsB, simView } from '../state/simClient';
import { appStore, displayClock } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { HeaderButton } from './HeaderButton';
import { getPresetFocusDay, getStartDayForToday } from './calendarPeaks';
import { changeParams } from './paramChanges';

/** The picker's value for the calibrated defaults. */
const DEFAULTS_VALUE = '';
const DEFAULT_PRESET_NAME = 'default';

/**
 * Whether a preset is about a date (the calibrated defaults' ordinary week, a peak, the winter
 * storm) rather than the network (fewer robots, a USPS disruption): only the first moves the
 * calendar; moved to its mid-September, a December run lost its peak.
 */
function dates(preset: Preset): boolean {
  return (
    preset.name === DEFAULT_PRESET_NAME ||
    preset.startDayOfYear !== getPreset(DEFAULT_PRESET_NAME)?.startDayOfYear
  );
}

/**
 * What picking preset `name` changes now: the previous preset's own values back to their
 * defaults (unless the person moved them since), the new preset's values, and the calendar.
 */
export function getPresetChange(name: string, current: Params, previousName: string | null, timeS: number) {
  const preset = getPreset(name || DEFAULT_PRESET_NAME);
  if (!preset) return null;
  const defaults = defaultParams();
  const partial: Partial<Record<keyof Params, unknown>> = {};
  const previous = previousName ? getPreset(previousName) : undefined;
  for (const [key, value] of Object.entries(previous?.overrides ?? {}) as Array<[keyof Params, unknown]>) {
    if (current[key] === value) partial[key] = defaults[key];
  }
  Object.assign(partial, preset.overrides);
  // A preset about the network keeps today's date: the default run went back three days.
  if (dates(preset))
    partial.startDayOfYear = getStartDayForToday(
      getPresetFocusDay(preset, { ...current, ...(partial as Partial<Params>) }),
      timeS,
    );
  return { preset, partial: partial as Partial<Params> };
}

/**
 * Applies preset `name` at the time on screen. While B runs it applies to B as well: a preset is
 * the world both scenarios meet (a calendar peak, storms), and B is A with the person's change,
 * so B keeps that change and meets the same world; applied to A alone, a fork that changed
 * nothing read "Ordered -50%" once A met Prime Day and B stayed in September.
 */
export function applyPresetNow(name: string): void {
  const state = appStore.getState();
  const current = channelA.view.params ?? state.params;
  if (!current) return;
  const timeS = displayClock.timeS;
  const change = getPresetChange(name, current, state.presetName, timeS);
  if (!change) return;
  const currentB = state.compare.active ? (channelB.view.params ?? state.compare.params) : null;
  const changeB = currentB ? getPresetChange(name, currentB, state.presetName, timeS) : null;
  // One mark for both: the timeline is A's, and the label says B met the preset too.
  const label = changeB ? `${change.preset.label} (A and B)` : change.preset.label;
  changeParams(change.partial, { label, kind: 'preset', atTimeS: timeS });
  if (changeB) requestParamsB(changeB.partial, timeS);
  appStore.setState({
    presetName: name === DEFAULTS_VALUE ? null : change.preset.name,
    presetAppliedAtS: timeS,
  });
}

/** The parameters and preset the run started with (the link's), for Restart; set at start-up. */
let runStart: { params: Params; presetName: string | null } | null = null;

export function rememberRunStart(params: Params, presetName: string | null): void {
  runStart = { params: { ...params }, presetName };
}

/**
 * The link of a fresh run from day 1 00:00 of the scenario the run started with (the link's
 * values: its scale and network size too) and the preset in force now, without the changes made
 * since. Restart once dropped every value but the preset and the seed: a small network opened
 * for a demo came back as the full one at the default scale.
 */
export function getRestartUrl(
  href: string,
  start: { params: Params; presetName: string | null },
  presetName: string | null,
  seed: number,
  speed: number,
): string {
  let params = start.params;
  // A preset picked since: as picking it at the run's start would, from its own first day (a peak
  // preset's starts before the peak; picked mid-run, the peak starts today).
  const change =
    presetName === start.presetName
      ? null
      : getPresetChange(presetName ?? DEFAULTS_VALUE, params, start.presetName, 0);
  if (change) {
    params = { ...params, ...change.partial };
    if (dates(change.preset)) params.startDayOfYear = change.preset.startDayOfYear;
  }
  const extra: Record<string, string> = {};
  const style = new URL(href).searchParams.get('style');
  if (style) extra.style = style;
  // From midnight on day 1, as the button says (a link without `t` would open warm, on day 4).
  return buildShareUrl(href, params, seed, 0, speed, extra, presetName);
}

/** A fresh run from day 1: the person asked to drop the run so far. */
function restartWithPreset(): void {
  const { presetName, params, playback } = appStore.getState();
  const start = runStart ?? (params ? { params, presetName } : null);
  if (!start) return;
  window.location.assign(
    getRestartUrl(window.location.href, start, presetName, simView.seed || 1, playback.speed),
  );
}

export function PresetPicker() {
  const presetName = useAppStore((state) => state.presetName);
  const ready = useAppStore((state) => state.worker.phase === 'ready');
  return (
    <div className="preset-picker">
      <label title="Picking a scenario applies it from the time on screen">
        <span className="visually-hidden">Scenario</span>
        <select
          value={presetName ?? DEFAULTS_VALUE}
          data-testid="preset-picker"
          disabled={!ready}
          onChange={(event) => applyPresetNow(event.currentTarget.value)}
        >
          <option value={DEFAULTS_VALUE}>Calibrated defaults</option>
          {PRESETS.map((preset) => (
            <option key={preset.name} value={preset.name} title={preset.description}>
              {preset.label}
            </option>
          ))}
        </select>
      </label>
      <HeaderButton
        onClick={restartWithPreset}
        testId="preset-restart"
        title="Start this scenario again from day 1 00:00, without the changes made since"
      >
        Restart
      </HeaderButton>
    </div>
  );
}
