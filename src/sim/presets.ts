/**
 * Named scenarios as data (presets.json): a description, parameter overrides and where on the
 * calendar the run starts. The UI lists them; `npm run sim -- --preset <name>` runs one.
 */
import type { Params } from './params';
import presetData from './presets.json';

export interface Preset {
  name: string;
  label: string;
  description: string;
  /** Calendar day at sim time 0 (written into startDayOfYear). */
  startDayOfYear: number;
  overrides: Partial<Params>;
}

/**
 * The presets, in the order the page lists them: data like a scenario file (presets.json);
 * tests/sim/presets.test.ts checks every override against the parameters' declarations.
 */
export const PRESETS = presetData as readonly Preset[];

export function getPreset(name: string): Preset | undefined {
  return PRESETS.find((preset) => preset.name === name);
}

/** The preset's parameters on top of `base`. */
export function applyPreset(base: Params, preset: Preset): Params {
  return { ...base, ...preset.overrides, startDayOfYear: preset.startDayOfYear };
}
