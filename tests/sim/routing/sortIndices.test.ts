import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyOrderScratch, sortIndicesByKey, sortIndicesStable } from '../../../src/sim/routing/sortIndices';

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

describe('sortIndicesStable from index order', () => {
  // Keys that tie, that differ only in their last mantissa bits, of both signs, zeros of both
  // signs (which tie), tiny and huge, and infinities.
  const base = [
    -2.5,
    -1e-300,
    -0,
    0,
    1e-300,
    1,
    7,
    1e300,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  const keysToDraw = base.flatMap((key) => [key, key * (1 + Number.EPSILON), key * (1 - Number.EPSILON)]);

  it('orders the indices as the comparator sort does, ties by index, ascending and descending', () => {
    const scratch = new KeyOrderScratch();
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...keysToDraw), { maxLength: 600 }),
        fc.boolean(),
        (values, descending) => {
          const keys = Float64Array.from(values);
          const expected = Array.from(keys, (_, index) => index).sort((a, b) => {
            if (keys[a] === keys[b]) return a - b;
            return (descending ? keys[b] > keys[a] : keys[a] > keys[b]) ? 1 : -1;
          });
          const out = new Int32Array(keys.length + 1).fill(-7);
          for (let index = 0; index < keys.length; index++) out[index] = index;
          sortIndicesStable(out, keys.length, keys, descending, scratch);
          expect(Array.from(out.subarray(0, keys.length))).toEqual(expected);
          expect(out[keys.length]).toBe(-7);
        },
      ),
      { numRuns: 300, seed: 15 },
    );
  });

  it('gives the order of sortIndicesByKey on savings-like keys with many near ties', () => {
    const keys = Float64Array.from(
      { length: 3000 },
      (_, i) => 500 + ((i * 7919) % 613) / 3 + (i % 5) * 1e-13,
    );
    const expected = Int32Array.from(keys, (_, index) => index);
    sortIndicesByKey(expected, keys.length, keys, true, new Int32Array(keys.length));
    const out = Int32Array.from(keys, (_, index) => index);
    sortIndicesStable(out, keys.length, keys, true, new KeyOrderScratch());
    expect(Array.from(out)).toEqual(Array.from(expected));
  });
});

describe('sortIndicesStable', () => {
  it('keeps the given order of equal keys, so sorts by one key after another give their lexicographic order', () => {
    const scratch = new KeyOrderScratch();
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom(0, -0, 1, 2.5), fc.constantFrom(-3, 0, 1), fc.double({ noNaN: true })),
          {
            maxLength: 300,
          },
        ),
        fc.nat(),
        (rows, shuffle) => {
          const count = rows.length;
          const first = Float64Array.from(rows, (row) => row[0]);
          const second = Float64Array.from(rows, (row) => row[1]);
          const third = Float64Array.from(rows, (row) => row[2]);
          // Indices in a scrambled order, as a list that is not the identity.
          const scrambled = Int32Array.from(
            { length: count },
            (_, i) => (i * 7 + shuffle) % Math.max(1, count),
          );
          const indices = Int32Array.from(new Set(scrambled));
          const given = Array.from(indices);
          const compare = (keys: Float64Array, a: number, b: number) =>
            keys[a] === keys[b] ? 0 : keys[a] < keys[b] ? -1 : 1;
          // Array.prototype.sort is stable: ties keep the given order.
          const expected = given
            .slice()
            .sort((a, b) => compare(first, a, b) || compare(second, a, b) || compare(third, a, b));
          sortIndicesStable(indices, indices.length, third, false, scratch);
          sortIndicesStable(indices, indices.length, second, false, scratch);
          sortIndicesStable(indices, indices.length, first, false, scratch);
          expect(Array.from(indices)).toEqual(expected);
        },
      ),
      { numRuns: 300, seed: 15 },
    );
  });
});
