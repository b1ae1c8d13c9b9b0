/**
 * Scenario files: a run's preset, parameters and seed as JSON, to keep or hand on, with scenario B
 * when one ran beside it (its network edits, its values that differ from A's, the time it forked).
 * Reading is strict: a wrong format tag, an unknown parameter or a bad value is named and nothing
 * is applied.
 */
import { defaultParams, type Params, validateParams } from '../../sim/params';
import { applyPreset, getPreset, PRESETS } from '../../sim/presets';
import { parseDataFile } from '../../state/dataFile';
import { buildShareUrl, formatCompareB, getValuesChangedInB } from '../../state/urlState';

export const SCENARIO_FORMAT = 'parcelscope-scenario';
export const SCENARIO_VERSION = 1;
const MAX_SEED = 2 ** 31 - 1;
/** A fork's time is a time of the run: a year of sim seconds bounds it (a link's `t` alike). */
const MAX_FORK_S = 366 * 86_400;

export interface ScenarioFile {
  format: typeof SCENARIO_FORMAT;
  version: typeof SCENARIO_VERSION;
  /** The preset the run started from, or null for the calibrated defaults. */
  presetName: string | null;
  /** Every parameter (not only changes), so a file reads the same when defaults move. */
  params: Params;
  seed: number;
  /**
   * Scenario B's network edits, when an edit forked one (absent otherwise): B runs beside A on
   * the same seed with these edits in place of A's (each at its own time).
   */
  networkEditsB?: string;
  /**
   * Scenario B's values that differ from A's, network edits aside (absent when none): an A/B of a
   * slider's change or a fork with one.
   */
  paramsB?: Partial<Params>;
  /** The sim time B forked from A (absent: B ran beside A from the start). */
  forkAtS?: number;
}

/** Scenario B as the page runs it: all of its parameters, and the time it forked (null: from the start). */
export interface ScenarioB {
  params: Params;
  forkAtS: number | null;
}

export function createScenarioFile(
  params: Params,
  seed: number,
  presetName: string | null,
  scenarioB: ScenarioB | null = null,
): ScenarioFile {
  const file: ScenarioFile = {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    presetName,
    params: { ...params },
    seed,
  };
  if (!scenarioB) return file;
  if (scenarioB.params.networkEdits !== params.networkEdits)
    file.networkEditsB = scenarioB.params.networkEdits;
  const paramsB = getValuesChangedInB(params, scenarioB.params);
  if (Object.keys(paramsB).length > 0) file.paramsB = paramsB;
  if (scenarioB.forkAtS !== null) file.forkAtS = Math.floor(scenarioB.forkAtS);
  return file;
}

/** Scenario B of a file read back (parseScenarioFile), or null when the file has none. */
export function getScenarioB(file: ScenarioFile): ScenarioB | null {
  if (file.networkEditsB === undefined && file.paramsB === undefined && file.forkAtS === undefined)
    return null;
  return {
    params: {
      ...file.params,
      ...file.paramsB,
      networkEdits: file.networkEditsB ?? file.params.networkEdits,
    },
    forkAtS: file.forkAtS ?? null,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses and checks a scenario file's text. Returns the scenario only when it has no error;
 * each error names the field and what was expected. Parameters left out take the preset's value.
 */
export function parseScenarioFile(text: string): { scenario: ScenarioFile | null; errors: string[] } {
  const parsed = parseDataFile(text);
  if (parsed.error !== undefined) return { scenario: null, errors: [parsed.error] };
  const input = parsed.value;
  if (!isRecord(input)) return { scenario: null, errors: ['expected a JSON object'] };
  const errors: string[] = [];
  if (input.format !== SCENARIO_FORMAT) {
    errors.push(
      `format: ${JSON.stringify(input.format)} is not a Parcelscope scenario; expected "${SCENARIO_FORMAT}"`,
    );
    return { scenario: null, errors };
  }
  if (input.version !== SCENARIO_VERSION) {
    errors.push(`version: ${JSON.stringify(input.version)} is not supported; expected ${SCENARIO_VERSION}`);
  }
  let base = defaultParams();
  let presetName: string | null = null;
  if (input.presetName !== null && input.presetName !== undefined) {
    const preset = typeof input.presetName === 'string' ? getPreset(input.presetName) : undefined;
    if (preset) {
      base = applyPreset(base, preset);
      presetName = preset.name;
    } else {
      errors.push(
        `presetName: ${JSON.stringify(input.presetName)} is not one of ${PRESETS.map((item) => item.name).join(', ')}`,
      );
    }
  }
  if (input.seed === undefined) errors.push(`seed: missing; expected a whole number from 0 to ${MAX_SEED}`);
  else if (!Number.isInteger(input.seed) || (input.seed as number) < 0 || (input.seed as number) > MAX_SEED) {
    errors.push(
      `seed: ${JSON.stringify(input.seed)} is not valid; expected a whole number from 0 to ${MAX_SEED}`,
    );
  }
  let params = base;
  if (!isRecord(input.params)) {
    errors.push('params: expected an object of parameter values');
  } else {
    const checked = validateParams(input.params, base);
    errors.push(...checked.errors.map((error) => `params.${error}`));
    params = checked.params;
  }
  let paramsB = params;
  if (input.networkEditsB !== undefined) {
    const checked = validateParams({ networkEdits: input.networkEditsB }, params);
    if (checked.errors.length > 0) errors.push(...checked.errors.map((error) => `networkEditsB: ${error}`));
    else paramsB = { ...paramsB, networkEdits: checked.params.networkEdits };
  }
  if (input.paramsB !== undefined) {
    if (!isRecord(input.paramsB)) errors.push("paramsB: expected an object of B's parameter values");
    else if ('networkEdits' in input.paramsB)
      errors.push("paramsB.networkEdits: B's network edits go in networkEditsB");
    else {
      const checked = validateParams(input.paramsB, paramsB);
      errors.push(...checked.errors.map((error) => `paramsB.${error}`));
      paramsB = checked.params;
    }
  }
  let forkAtS: number | null = null;
  if (input.forkAtS !== undefined) {
    if (
      Number.isInteger(input.forkAtS) &&
      (input.forkAtS as number) >= 0 &&
      (input.forkAtS as number) <= MAX_FORK_S
    )
      forkAtS = input.forkAtS as number;
    else
      errors.push(
        `forkAtS: ${JSON.stringify(input.forkAtS)} is not valid; expected the whole sim seconds B forked at, from 0 to ${MAX_FORK_S}`,
      );
  }
  if (errors.length > 0) return { scenario: null, errors };
  const scenarioB = paramsB !== params || forkAtS !== null ? { params: paramsB, forkAtS } : null;
  return { scenario: createScenarioFile(params, input.seed as number, presetName, scenarioB), errors };
}

/**
 * The link that opens a file's scenario as a fresh run (`href`: the page's address, whose `style`
 * is kept): at the start, or at B's fork, which a link places at or before its time.
 */
export function getScenarioUrl(href: string, scenario: ScenarioFile, speed: number): string {
  const extra: Record<string, string> = {};
  const style = new URL(href).searchParams.get('style');
  if (style) extra.style = style;
  const scenarioB = getScenarioB(scenario);
  if (scenarioB) Object.assign(extra, formatCompareB(scenario.params, scenarioB.params, scenarioB.forkAtS));
  return buildShareUrl(
    href,
    scenario.params,
    scenario.seed,
    scenarioB?.forkAtS ?? 0,
    speed,
    extra,
    scenario.presetName,
  );
}
