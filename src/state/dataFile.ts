/**
 * Files a person hands the page (scenario files, tour files) are data only: JSON, size-limited,
 * not too deep, and without the keys that reach an object's prototype when copied
 * (`__proto__`, `constructor`, `prototype`: JSON.parse keeps them as plain keys, but
 * Object.assign or a spread into another object would then set that object's prototype). Nothing
 * in them is executed or inserted as HTML; the checks here run before any field is read, and
 * each refusal names where the file went wrong.
 */

export interface DataFileLimits {
  /** Largest file accepted, in bytes (UTF-16 code units of its text). */
  maxBytes: number;
  /** Deepest nesting of objects and lists. */
  maxDepth: number;
  /** Most values (of any kind) in the whole file. */
  maxValues: number;
}

/** Scenario and tour files are a few kB; these leave two orders of magnitude of room. */
export const DATA_FILE_LIMITS: DataFileLimits = { maxBytes: 1_000_000, maxDepth: 12, maxValues: 50_000 };

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.ceil(bytes / 1000)} kB`;
}

/** A refusal for a file too large to read at all (checked before its text is loaded), or null. */
export function checkFileSize(sizeBytes: number, limits: DataFileLimits = DATA_FILE_LIMITS): string | null {
  return sizeBytes > limits.maxBytes
    ? `the file is ${formatBytes(sizeBytes)}; at most ${formatBytes(limits.maxBytes)} is read`
    : null;
}

/**
 * Parses `text` as a data file. Returns the value, or an error naming the problem and where it
 * is ("params.__proto__: a key that is not allowed in a data file").
 */
export function parseDataFile(
  text: string,
  limits: DataFileLimits = DATA_FILE_LIMITS,
): { value: unknown; error?: undefined } | { error: string } {
  const sizeError = checkFileSize(text.length, limits);
  if (sizeError) return { error: sizeError };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `not a JSON file (${(error as Error).message})` };
  }
  // Walked with a stack, not recursion: a file nested a million deep must not overflow it.
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value, depth: 0, path: '' }];
  let values = 0;
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; depth: number; path: string };
    values++;
    if (values > limits.maxValues)
      return { error: `more than ${limits.maxValues} values; not a file of this kind` };
    if (typeof item.value !== 'object' || item.value === null) continue;
    const where = item.path || 'the file';
    if (item.depth >= limits.maxDepth)
      return { error: `${where}: nested deeper than ${limits.maxDepth} levels; not a file of this kind` };
    if (Array.isArray(item.value)) {
      for (let index = 0; index < item.value.length; index++)
        stack.push({ value: item.value[index], depth: item.depth + 1, path: `${item.path}[${index}]` });
      continue;
    }
    for (const [key, entry] of Object.entries(item.value)) {
      const path = item.path ? `${item.path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) return { error: `${path}: a key that is not allowed in a data file` };
      stack.push({ value: entry, depth: item.depth + 1, path });
    }
  }
  return { value };
}
