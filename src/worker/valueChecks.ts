/**
 * Small checks for data that crosses a boundary (messages between threads, files, links): each
 * problem is pushed as a sentence naming the field, the value (shortened) and what was expected.
 */

/** Problems found so far, each naming the field and what was expected. */
export type Problems = string[];

/** A short, safe rendering of any value for a message (no cycles, no megabyte strings). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined)
    return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/** A finite number in [min, max] (whole when `integer`), or a problem naming it. */
function checkRange(
  problems: Problems,
  where: string,
  value: unknown,
  range: { min: number; max: number; integer: boolean },
): void {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= range.min &&
    value <= range.max &&
    (!range.integer || Number.isInteger(value));
  if (!ok)
    problems.push(
      `${where}: ${describeValue(value)} is not valid; expected a ${range.integer ? 'whole number' : 'number'} from ${range.min} to ${range.max}`,
    );
}

type RangeCheck = (problems: Problems, where: string, value: unknown, min: number, max: number) => void;

/** A finite number in [min, max]. */
export const checkNumber: RangeCheck = (problems, where, value, min, max) =>
  checkRange(problems, where, value, { min, max, integer: false });

/** A whole number in [min, max]. */
export const checkInteger: RangeCheck = (problems, where, value, min, max) =>
  checkRange(problems, where, value, { min, max, integer: true });

/** Every problem up to a few, then how many more: a message stays one readable line. */
export function summarize(problems: readonly string[], limit = 5): string {
  const shown = problems.slice(0, limit).join('; ');
  return problems.length > limit ? `${shown}; and ${problems.length - limit} more` : shown;
}
