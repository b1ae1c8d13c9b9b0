/**
 * The run in the URL: parameters (any declared key), seed, sim time, speed. Reading is strict
 * and forgiving at once: every bad or unknown value is named in a notice and falls back to its
 * default, and the page still opens.
 */
import { defaultParams, type Params, parseParamOverrides, validateParams } from '../sim/params';

/** Query keys that are not model parameters. */
const PAGE_KEYS = new Set(['seed', 't', 'speed', 'style', 'paused']);
export const DEFAULT_SEED = 1;
const MAX_SEED = 2 ** 31 - 1;

export interface UrlState {
  params: Params;
  seed: number;
  /** Sim time to open at (seconds); 0 = the scenario start. */
  startTimeS: number;
  speed: number | null;
  paused: boolean;
  /** One line per refused value, naming it and what was expected. */
  errors: string[];
}

function parseInteger(raw: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(raw.trim())) return null;
  const value = Number(raw);
  return value >= min && value <= max ? value : null;
}

export function readUrlState(search: string): UrlState {
  const query = new URLSearchParams(search);
  const errors: string[] = [];
  const paramEntries = [...query.entries()].filter(([key]) => !PAGE_KEYS.has(key));
  const { overrides, errors: paramErrors } = parseParamOverrides(paramEntries);
  errors.push(...paramErrors);
  const { params, errors: crossErrors } = validateParams(
    overrides as Record<string, unknown>,
    defaultParams(),
  );
  errors.push(...crossErrors);

  let seed = DEFAULT_SEED;
  const rawSeed = query.get('seed');
  if (rawSeed !== null) {
    const parsed = parseInteger(rawSeed, 0, MAX_SEED);
    if (parsed === null)
      errors.push(`seed: "${rawSeed}" is not valid; expected a whole number from 0 to ${MAX_SEED}`);
    else seed = parsed;
  }
  let startTimeS = 0;
  const rawTime = query.get('t');
  if (rawTime !== null) {
    const parsed = parseInteger(rawTime, 0, 366 * 86_400);
    if (parsed === null)
      errors.push(`t: "${rawTime}" is not valid; expected sim seconds from 0 to ${366 * 86_400}`);
    else startTimeS = parsed;
  }
  let speed: number | null = null;
  const rawSpeed = query.get('speed');
  if (rawSpeed !== null) {
    const parsed = parseInteger(rawSpeed, 1, 10_000);
    if (parsed === null)
      errors.push(`speed: "${rawSpeed}" is not valid; expected 1 to 10000 sim seconds per second`);
    else speed = parsed;
  }
  const paused = query.get('paused') === '1';
  return { params, seed, startTimeS, speed, paused, errors };
}
