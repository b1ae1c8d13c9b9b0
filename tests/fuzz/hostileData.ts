/**
 * Hostile inputs for the page's boundaries: random values, and valid inputs with one part
 * replaced by something wrong (a wrong type, an extreme number, a huge or deeply nested value, a
 * prototype key, markup).
 */
import fc from 'fast-check';

/** A list nested `depth` deep: [[[...]]]. */
export function deeplyNested(depth: number): unknown {
  let value: unknown = [];
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

/** An object whose own key is `__proto__` (as JSON.parse makes one), carrying `payload`. */
export function withPrototypeKey(payload: unknown): Record<string, unknown> {
  return JSON.parse(`{"__proto__": ${JSON.stringify(payload)}, "polluted": true}`);
}

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -1,
    -1e308,
    1e308,
    0.5,
    2 ** 53,
    '',
    '-1',
    'NaN',
    '1e999',
    '<img src=x onerror="window.pwned=1">',
    'javascript:alert(1)',
    '__proto__',
    'x'.repeat(100_000),
    [],
    {},
  ),
  fc.constant(deeplyNested(2000)),
  fc.constant(withPrototypeKey({ isAdmin: true })),
  fc.constant({ constructor: { prototype: { polluted: true } } }),
  fc.anything({ maxDepth: 3 }),
);

/** Paths into a message-like value: object keys and the first list entries, a few levels deep. */
export function listPaths(
  value: unknown,
  prefix: Array<string | number> = [],
): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [prefix];
  if (prefix.length >= 5 || ArrayBuffer.isView(value)) return out;
  if (Array.isArray(value)) {
    for (let index = 0; index < Math.min(4, value.length); index++)
      out.push(...listPaths(value[index], [...prefix, index]));
  } else if (value && typeof value === 'object')
    for (const [key, entry] of Object.entries(value)) out.push(...listPaths(entry, [...prefix, key]));
  return out;
}

/** A deep copy of `value` with the part at `path` replaced (or, for a record, a key added). */
export function replaceAt(value: unknown, path: Array<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) }) as Record<
    string | number,
    unknown
  >;
  const [head, ...rest] = path;
  // Defined, not assigned: assigning to "__proto__" would set the copy's prototype instead.
  Object.defineProperty(copy, head, {
    value: replaceAt(Object.hasOwn(copy, head) ? copy[head] : undefined, rest, replacement),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

/** `valid` with one part (chosen by the arbitrary) replaced by a hostile value, or a hostile key added. */
export function mutated(valid: unknown): fc.Arbitrary<unknown> {
  const paths = listPaths(valid);
  return fc.oneof(
    fc
      .tuple(fc.integer({ min: 0, max: paths.length - 1 }), hostileValue)
      .map(([index, hostile]) => replaceAt(valid, paths[index], hostile)),
    fc
      .tuple(
        fc.integer({ min: 0, max: paths.length - 1 }),
        fc.constantFrom('__proto__', 'constructor', 'extra', ''),
      )
      .map(([index, key]) => {
        const target = paths[index];
        return replaceAt(valid, [...target, key], { polluted: true });
      }),
  );
}
