/**
 * Sorts `indices[0..count)` by `keys[index]`, ascending (or descending), equal keys by index
 * ascending: the order `indices.sort((a, b) => keys[a] - keys[b] || a - b)` gives (keys[b] -
 * keys[a] descending) for keys without NaN, as that comparator is a total order. A typed array's
 * sort calls its comparator for every comparison; this compares inline (insertion sort for short
 * runs, then bottom-up merges through `scratch`, at least `count` long).
 */
export function sortIndicesByKey(
  indices: Int32Array,
  count: number,
  keys: Float64Array,
  descending: boolean,
  scratch: Int32Array,
): void {
  const run = 16;
  for (let from = 0; from < count; from += run) {
    const to = Math.min(count, from + run);
    for (let i = from + 1; i < to; i++) {
      const index = indices[i];
      const key = keys[index];
      let j = i - 1;
      while (j >= from && comesBefore(key, index, keys[indices[j]], indices[j], descending)) {
        indices[j + 1] = indices[j];
        j--;
      }
      indices[j + 1] = index;
    }
  }
  let source = indices;
  let target = scratch;
  for (let width = run; width < count; width *= 2) {
    for (let from = 0; from < count; from += 2 * width) {
      const middle = Math.min(count, from + width);
      const to = Math.min(count, from + 2 * width);
      let left = from;
      let right = middle;
      let out = from;
      while (left < middle && right < to) {
        const a = source[left];
        const b = source[right];
        if (comesBefore(keys[b], b, keys[a], a, descending)) {
          target[out++] = b;
          right++;
        } else {
          target[out++] = a;
          left++;
        }
      }
      while (left < middle) target[out++] = source[left++];
      while (right < to) target[out++] = source[right++];
    }
    const swapped = source;
    source = target;
    target = swapped;
  }
  if (source !== indices) indices.set(source.subarray(0, count));
}

/** Whether (keyA, a) sorts before (keyB, b). */
function comesBefore(keyA: number, a: number, keyB: number, b: number, descending: boolean): boolean {
  if (keyA === keyB) return a < b;
  return descending ? keyA > keyB : keyA < keyB;
}
