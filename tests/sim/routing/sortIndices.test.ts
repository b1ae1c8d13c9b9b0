import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortIndicesByKey } from '../../../src/sim/routing/sortIndices';

describe('sortIndicesByKey', () => {
  it('orders indices as the comparator sort does, ties by index, ascending and descending', () => {
    fc.assert(
      fc.property(
        // Few distinct keys so that ties are common; -0 and 0 tie as the comparator has them.
        fc.array(fc.constantFrom(-2.5, -0, 0, 1, 1e-300, 7, 1e300), { maxLength: 300 }),
        fc.boolean(),
        fc.nat(),
        (values, descending, shuffle) => {
          const keys = Float64Array.from(values);
          const count = keys.length;
          const indices = new Int32Array(count);
          // Indices in a scrambled order: the result must not depend on it.
          for (let i = 0; i < count; i++) indices[i] = (i * 7 + shuffle) % Math.max(1, count);
          const unique = Int32Array.from(new Set(indices));
          const expected = Array.from(unique).sort((a, b) =>
            descending ? keys[b] - keys[a] || a - b : keys[a] - keys[b] || a - b,
          );
          sortIndicesByKey(unique, unique.length, keys, descending, new Int32Array(unique.length));
          expect(Array.from(unique)).toEqual(expected);
        },
      ),
      { numRuns: 300, seed: 15 },
    );
  });

  it('sorts only the first `count` entries', () => {
    const indices = Int32Array.from([2, 1, 0, 3]);
    sortIndicesByKey(indices, 3, Float64Array.from([5, 4, 3, 0]), false, new Int32Array(3));
    expect(Array.from(indices)).toEqual([2, 1, 0, 3]);
    sortIndicesByKey(indices, 3, Float64Array.from([5, 4, 3, 0]), true, new Int32Array(3));
    expect(Array.from(indices)).toEqual([0, 1, 2, 3]);
  });
});
