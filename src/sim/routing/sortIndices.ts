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

/** Word of a Float64's Uint32 view that holds its sign, exponent and top mantissa bits. */
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const keyBits = new Float64Array(1);
const keyWords = new Uint32Array(keyBits.buffer);

/** Scratch of `sortIndicesStable`, grown by doubling; one per caller, reused. */
export class KeyOrderScratch {
  /** Per index: its key as two Uint32 words (high, low) that sort as unsigned integers. */
  words = new Uint32Array(128);
  order = new Int32Array(64);
  readonly counts = new Int32Array(8 * 256);

  /** Room for `count` entries and indices below `indexLimit`. */
  ensure(count: number, indexLimit = count): void {
    if (this.order.length < count) this.order = new Int32Array(grown(this.order.length, count));
    if (this.words.length < 2 * indexLimit)
      this.words = new Uint32Array(grown(this.words.length, 2 * indexLimit));
  }
}

function grown(size: number, needed: number): number {
  while (size < needed) size *= 2;
  return size;
}

/**
 * Writes `key` into words[2 * index] (high) and words[2 * index + 1] (low) as two unsigned integers
 * that compare as the keys do (reversed when `descending`); returns the high word.
 */
function writeKeyWords(words: Uint32Array, index: number, key: number, descending: boolean): number {
  // 0 for -0, so that the two tie.
  keyBits[0] = key + 0;
  let high = keyWords[HIGH_WORD];
  let low = keyWords[1 - HIGH_WORD];
  // IEEE order as unsigned: a positive key gets its sign bit set, a negative one all bits flipped.
  if (high >>> 31) {
    high = ~high >>> 0;
    low = ~low >>> 0;
  } else high = (high | 0x80000000) >>> 0;
  if (descending) {
    high = ~high >>> 0;
    low = ~low >>> 0;
  }
  words[2 * index] = high;
  words[2 * index + 1] = low;
  return high;
}

/**
 * One stable counting pass over source[0..count) into target by the byte of words[2 * index + word]
 * at `shift`, from the byte counts at counts[base..base + 256), which it turns into offsets.
 * Returns false, writing nothing, when every entry has the same byte.
 */
function writeBytePass(
  source: Int32Array,
  target: Int32Array,
  count: number,
  words: Uint32Array,
  word: number,
  shift: number,
  counts: Int32Array,
  base: number,
): boolean {
  let sum = 0;
  let single = false;
  for (let digit = 0; digit < 256; digit++) {
    const n = counts[base + digit];
    if (n === count) single = true;
    counts[base + digit] = sum;
    sum += n;
  }
  if (single) return false;
  for (let at = 0; at < count; at++) {
    const index = source[at];
    target[counts[base + ((words[2 * index + word] >>> shift) & 255)]++] = index;
  }
  return true;
}

/**
 * Sorts `indices[0..count)` by `keys[index]`, ascending (or descending), equal keys keeping their
 * order in `indices` (so a list in index order gets the order of sortIndicesByKey, and sorts by
 * one key after another, the least significant first, give their lexicographic order). Keys
 * without NaN; 0 and -0 tie. A least-significant-digit radix sort: each key's bits become an
 * unsigned integer in the wanted order, sorted a byte at a time by stable counting passes (a
 * pass whose byte is the same for every key is skipped), so no comparison is made. About twice
 * as fast as the merge sort on the ~1,300 savings of a wave's sector.
 */
export function sortIndicesStable(
  indices: Int32Array,
  count: number,
  keys: Float64Array,
  descending: boolean,
  scratch: KeyOrderScratch,
): void {
  scratch.ensure(count, keys.length);
  const { words, counts } = scratch;
  counts.fill(0);
  for (let at = 0; at < count; at++) {
    const index = indices[at];
    const high = writeKeyWords(words, index, keys[index], descending);
    const low = words[2 * index + 1];
    counts[low & 255]++;
    counts[256 + ((low >>> 8) & 255)]++;
    counts[512 + ((low >>> 16) & 255)]++;
    counts[768 + (low >>> 24)]++;
    counts[1024 + (high & 255)]++;
    counts[1280 + ((high >>> 8) & 255)]++;
    counts[1536 + ((high >>> 16) & 255)]++;
    counts[1792 + (high >>> 24)]++;
  }
  let source: Int32Array = indices;
  let target: Int32Array = scratch.order;
  // Bytes from the least significant: passes 0-3 read the low word, 4-7 the high one.
  for (let pass = 0; pass < 8; pass++) {
    const word = pass < 4 ? 1 : 0;
    if (!writeBytePass(source, target, count, words, word, (pass & 3) * 8, counts, pass * 256)) continue;
    const swapped = source;
    source = target;
    target = swapped;
  }
  if (source !== indices) indices.set(source.subarray(0, count));
}
