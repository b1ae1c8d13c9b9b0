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
  return `a ${typeof value}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

export function checkNumber(
  problems: Problems,
  where: string,
  value: unknown,
  min: number,
  max: number,
): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
    problems.push(`${where}: ${describeValue(value)} is not valid; expected a number from ${min} to ${max}`);
}

export function checkInteger(
  problems: Problems,
  where: string,
  value: unknown,
  min: number,
  max: number,
): void {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
    problems.push(
      `${where}: ${describeValue(value)} is not valid; expected a whole number from ${min} to ${max}`,
    );
}

/** Every problem up to a few, then how many more: a message stays one readable line. */
export function summarize(problems: readonly string[], limit = 5): string {
  const shown = problems.slice(0, limit).join('; ');
  return problems.length > limit ? `${shown}; and ${problems.length - limit} more` : shown;
}
