/**
 * Scenario files: a run's preset, parameters and seed as JSON, to keep or hand on. Reading is
 * strict: a wrong format tag, an unknown parameter or a bad value is named and nothing is applied.
 */
import { defaultParams, type Params, validateParams } from '../../sim/params';
import { applyPreset, getPreset, PRESETS } from '../../sim/presets';
import { parseDataFile } from '../../state/dataFile';

export const SCENARIO_FORMAT = 'parcelscope-scenario';
export const SCENARIO_VERSION = 1;
const MAX_SEED = 2 ** 31 - 1;

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
}

export function createScenarioFile(
  params: Params,
  seed: number,
  presetName: string | null,
  networkEditsB: string | null = null,
): ScenarioFile {
  const file: ScenarioFile = {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    presetName,
    params: { ...params },
    seed,
  };
  if (networkEditsB !== null) file.networkEditsB = networkEditsB;
  return file;
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
  if (!Number.isInteger(input.seed) || (input.seed as number) < 0 || (input.seed as number) > MAX_SEED) {
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
  let networkEditsB: string | null = null;
  if (input.networkEditsB !== undefined) {
    const checked = validateParams({ networkEdits: input.networkEditsB }, params);
    if (checked.errors.length > 0) errors.push(...checked.errors.map((error) => `networkEditsB: ${error}`));
    else networkEditsB = checked.params.networkEdits;
  }
  if (errors.length > 0) return { scenario: null, errors };
  return { scenario: createScenarioFile(params, input.seed as number, presetName, networkEditsB), errors };
}
