/**
 * Parcels on their way to the door, ordered by when they reach it: the last mile pops every
 * parcel whose time has come at each step, in (deliverS, slot) order, so ties resolve the same
 * way every run; nothing is allocated per parcel.
 *
 * Three parts. Parcels due at or after the horizon (a whole hour, moved on as the steps reach it)
 * wait unsorted in a bucket per hour. When the horizon passes an hour, its bucket is sorted once
 * (radix, sortByTimeThenSlot) onto the end of the near run, which the pops then read in order.
 * Parcels pushed before the horizon (a trip leaving within the hour) join a small binary min-heap
 * on (deliverS, slot); a pop takes the earlier of the run's head and the heap's top.
 *
 * Why not one heap for the near hour: at full scale an hour brings ~1 M deliveries, and each pop
 * from a heap that size walked ~20 levels, the lower ones cache misses (~7 s of a full-scale day);
 * a sort reads and writes the hour's entries a few times in order. Partner carriers hold parcels
 * for days (10^6 and more at full scale): in buckets they cost a push each and nothing more. The
 * keys are unique (a slot is on its way once), so the pop order is the order of (deliverS, slot)
 * whatever the parts hold: the same as a single heap's.
 */

import { growTypedArray } from '../typedArrays';

/** Width of a far bucket and the horizon's step, s. */
const FAR_BUCKET_S = 3600;

/** The parcels due in one hour past the horizon, in the order they joined. */
interface FarBucket {
  deliverS: Float64Array;
  slot: Int32Array;
  count: number;
}

/** What save() returns and restore() takes: every parcel, and where the near ones end. */
export interface SavedDeliveryHeap {
  deliverS: Float64Array;
  slot: Int32Array;
  nearSize: number;
  horizonS: number;
}

export class DeliveryHeap {
  /** The near run: entries runStart..runEnd-1, sorted by (deliverS, slot), each before `horizonS`. */
  private runS: Float64Array;
  private runSlot: Int32Array;
  private runStart = 0;
  private runEnd = 0;
  /** The late heap: entries 0..lateSize-1, pushed before the horizon after their hour was sorted. */
  private lateS: Float64Array;
  private lateSlot: Int32Array;
  private lateSize = 0;
  /** Parcels due at or after this time are in `far`; a multiple of FAR_BUCKET_S. */
  private horizonS = 0;
  /** Far buckets by hour (floor(deliverS / FAR_BUCKET_S)); an hour with no parcel has none. */
  private readonly far = new Map<number, FarBucket>();
  /** Parcels in the run, the late heap and the far buckets. */
  size = 0;

  constructor(capacity = 1024) {
    this.runS = new Float64Array(capacity);
    this.runSlot = new Int32Array(capacity);
    this.lateS = new Float64Array(64);
    this.lateSlot = new Int32Array(64);
  }

  push(deliverS: number, slot: number): void {
    this.size++;
    if (deliverS >= this.horizonS) {
      this.pushFar(deliverS, slot);
      return;
    }
    if (this.lateSize === this.lateSlot.length) {
      this.lateS = growTypedArray(this.lateS, 2 * this.lateSize);
      this.lateSlot = growTypedArray(this.lateSlot, 2 * this.lateSize);
    }
    let i = this.lateSize++;
    const keys = this.lateS;
    const slots = this.lateSlot;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] < deliverS || (keys[parent] === deliverS && slots[parent] < slot)) break;
      keys[i] = keys[parent];
      slots[i] = slots[parent];
      i = parent;
    }
    keys[i] = deliverS;
    slots[i] = slot;
  }

  /**
   * Moves the horizon past `t1`, bringing every parcel due by then into the near run (the last
   * mile calls it at each step, so the run holds what is due soon and the far buckets the rest).
   */
  advanceTo(t1: number): void {
    while (this.horizonS <= t1) {
      const hour = this.horizonS / FAR_BUCKET_S;
      this.horizonS += FAR_BUCKET_S;
      const bucket = this.far.get(hour);
      if (bucket === undefined) continue;
      this.far.delete(hour);
      // Every entry of the run is from an earlier hour: the sorted bucket goes after them.
      this.appendToRun(bucket.deliverS, bucket.slot, bucket.count);
    }
  }

  /** Delivery time of the earliest parcel, or Infinity when empty. */
  peekS(): number {
    if (this.runStart === this.runEnd && this.lateSize === 0) this.bringNearestHour();
    const runS = this.runStart < this.runEnd ? this.runS[this.runStart] : Number.POSITIVE_INFINITY;
    const lateS = this.lateSize > 0 ? this.lateS[0] : Number.POSITIVE_INFINITY;
    return Math.min(runS, lateS);
  }

  /** Removes the earliest parcel and returns its slot; the heap must not be empty. */
  pop(): number {
    if (this.runStart === this.runEnd && this.lateSize === 0) this.bringNearestHour();
    this.size--;
    if (this.runStart < this.runEnd) {
      const s = this.runS[this.runStart];
      const slot = this.runSlot[this.runStart];
      if (this.lateSize === 0 || s < this.lateS[0] || (s === this.lateS[0] && slot < this.lateSlot[0])) {
        this.runStart++;
        return slot;
      }
    }
    return this.popLate();
  }

  /** Calls `visit` for every parcel: the near ones in pop order, then each hour's, hours ascending. */
  forEach(visit: (deliverS: number, slot: number) => void): void {
    const near = this.getNearInOrder();
    for (let k = 0; k < near.slot.length; k++) visit(near.deliverS[k], near.slot[k]);
    for (const hour of this.getFarHours()) {
      const bucket = this.far.get(hour) as FarBucket;
      for (let k = 0; k < bucket.count; k++) visit(bucket.deliverS[k], bucket.slot[k]);
    }
  }

  /** What is out of order (the run unsorted, a parent after its child, a parcel on the wrong side of the horizon), or null. */
  checkOrder(): string | null {
    for (let i = this.runStart; i < this.runEnd; i++) {
      if (this.runS[i] >= this.horizonS)
        return `delivery run holds ${this.runS[i]} at ${i}, at or past its horizon ${this.horizonS}`;
      if (
        i > this.runStart &&
        (this.runS[i - 1] > this.runS[i] ||
          (this.runS[i - 1] === this.runS[i] && this.runSlot[i - 1] > this.runSlot[i]))
      )
        return `delivery run out of order at ${i} (${this.runS[i]} after ${this.runS[i - 1]})`;
    }
    for (let i = 0; i < this.lateSize; i++) {
      const parent = (i - 1) >> 1;
      if (i > 0 && this.lateS[parent] > this.lateS[i])
        return `late delivery heap out of order at ${i} (${this.lateS[i]} before its parent's ${this.lateS[parent]})`;
      if (this.lateS[i] >= this.horizonS)
        return `late delivery heap holds ${this.lateS[i]} at ${i}, at or past its horizon ${this.horizonS}`;
    }
    let count = this.runEnd - this.runStart + this.lateSize;
    for (const [hour, bucket] of this.far) {
      count += bucket.count;
      for (let k = 0; k < bucket.count; k++)
        if (Math.floor(bucket.deliverS[k] / FAR_BUCKET_S) !== hour || bucket.deliverS[k] < this.horizonS)
          return `delivery due at ${bucket.deliverS[k]} waits in hour ${hour} (horizon ${this.horizonS})`;
    }
    return count === this.size ? null : `delivery heap counts ${this.size} parcels but holds ${count}`;
  }

  /**
   * The heap as a snapshot keeps it: every parcel in forEach order (the near ones in pop order),
   * where the near ones end, and the horizon, so a restored heap pops as this one would.
   */
  save(): SavedDeliveryHeap {
    // One entry when empty: a snapshot holds no empty arrays.
    const deliverS = new Float64Array(Math.max(1, this.size));
    const slot = new Int32Array(Math.max(1, this.size));
    let k = 0;
    this.forEach((s, parcel) => {
      deliverS[k] = s;
      slot[k] = parcel;
      k++;
    });
    return { deliverS, slot, nearSize: this.runEnd - this.runStart + this.lateSize, horizonS: this.horizonS };
  }

  /**
   * The heap save() saw: its first `nearSize` of `size` entries are before the horizon (in any
   * order: a snapshot from when they were a heap restores too), the rest wait in far buckets.
   */
  static restore(
    deliverS: Float64Array,
    slot: Int32Array,
    size: number,
    nearSize: number,
    horizonS: number,
  ): DeliveryHeap {
    const heap = new DeliveryHeap(Math.max(1024, nearSize * 2));
    heap.horizonS = horizonS;
    heap.appendToRun(deliverS, slot, nearSize);
    heap.size = nearSize;
    for (let k = nearSize; k < size; k++) {
      heap.size++;
      heap.pushFar(deliverS[k], slot[k]);
    }
    return heap;
  }

  copy(): DeliveryHeap {
    const saved = this.save();
    return DeliveryHeap.restore(saved.deliverS, saved.slot, this.size, saved.nearSize, saved.horizonS);
  }

  /** The near parcels (run and late heap) in pop order, as new arrays. */
  private getNearInOrder(): { deliverS: Float64Array; slot: Int32Array } {
    const lateS = this.lateS.slice(0, this.lateSize);
    const lateSlot = this.lateSlot.slice(0, this.lateSize);
    sortByTimeThenSlot(lateS, lateSlot, this.lateSize);
    const n = this.runEnd - this.runStart + this.lateSize;
    const deliverS = new Float64Array(n);
    const slot = new Int32Array(n);
    let r = this.runStart;
    let l = 0;
    for (let k = 0; k < n; k++) {
      const takeRun =
        l === this.lateSize ||
        (r < this.runEnd &&
          (this.runS[r] < lateS[l] || (this.runS[r] === lateS[l] && this.runSlot[r] < lateSlot[l])));
      if (takeRun) {
        deliverS[k] = this.runS[r];
        slot[k] = this.runSlot[r++];
      } else {
        deliverS[k] = lateS[l];
        slot[k] = lateSlot[l++];
      }
    }
    return { deliverS, slot };
  }

  /** Sorts `count` entries and puts them after the run's, which must all come before them. */
  private appendToRun(deliverS: Float64Array, slot: Int32Array, count: number): void {
    const live = this.runEnd - this.runStart;
    const needed = live + count;
    if (needed > this.runSlot.length || (this.runSlot.length > 4 * Math.max(1024, needed) && live === 0)) {
      // Room for twice what is due, no more: a busy hour's room does not stay on for quiet ones.
      const room = Math.max(1024, 2 * needed);
      const runS = new Float64Array(room);
      const runSlot = new Int32Array(room);
      runS.set(this.runS.subarray(this.runStart, this.runEnd));
      runSlot.set(this.runSlot.subarray(this.runStart, this.runEnd));
      this.runS = runS;
      this.runSlot = runSlot;
    } else if (this.runStart > 0) {
      this.runS.copyWithin(0, this.runStart, this.runEnd);
      this.runSlot.copyWithin(0, this.runStart, this.runEnd);
    }
    this.runStart = 0;
    this.runEnd = live;
    const toS = this.runS.subarray(live, needed);
    const toSlot = this.runSlot.subarray(live, needed);
    toS.set(deliverS.subarray(0, count));
    toSlot.set(slot.subarray(0, count));
    sortByTimeThenSlot(toS, toSlot, count);
    this.runEnd = needed;
  }

  private popLate(): number {
    const keys = this.lateS;
    const slots = this.lateSlot;
    const top = slots[0];
    const n = --this.lateSize;
    if (n === 0) return top;
    const key = keys[n];
    const last = slots[n];
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (
        right < n &&
        (keys[right] < keys[left] || (keys[right] === keys[left] && slots[right] < slots[left]))
      )
        child = right;
      if (key < keys[child] || (key === keys[child] && last < slots[child])) break;
      keys[i] = keys[child];
      slots[i] = slots[child];
      i = child;
    }
    keys[i] = key;
    slots[i] = last;
    return top;
  }

  /** With nothing near: moves the horizon past the earliest far hour, if there is one. */
  private bringNearestHour(): void {
    if (this.size === 0) return;
    let hour = Number.POSITIVE_INFINITY;
    for (const key of this.far.keys()) hour = Math.min(hour, key);
    // Every far parcel is due at or after the horizon: the earliest is in that hour.
    if (Number.isFinite(hour)) this.advanceTo(hour * FAR_BUCKET_S);
  }

  private getFarHours(): number[] {
    return [...this.far.keys()].sort((a, b) => a - b);
  }

  private pushFar(deliverS: number, slot: number): void {
    const hour = Math.floor(deliverS / FAR_BUCKET_S);
    let bucket = this.far.get(hour);
    if (bucket === undefined) {
      // A new bucket, not an emptied one kept for reuse: a kept bucket carried the room of the
      // busiest hour it had held into quiet ones, and over weeks every far hour came to hold
      // that room (at the default scale the heap grew 2.5 -> 6.3 MB from day 2 to day 8 with as
      // many parcels on their way). An hour's bucket is made once: 24 small arrays a sim day.
      bucket = { deliverS: new Float64Array(256), slot: new Int32Array(256), count: 0 };
      this.far.set(hour, bucket);
    }
    if (bucket.count === bucket.slot.length) {
      bucket.deliverS = growTypedArray(bucket.deliverS, bucket.count * 2);
      bucket.slot = growTypedArray(bucket.slot, bucket.count * 2);
    }
    bucket.deliverS[bucket.count] = deliverS;
    bucket.slot[bucket.count] = slot;
    bucket.count++;
  }
}

/** Which 32-bit half of a float64 holds its low bits, on this machine's byte order. */
const LOW_WORD = new Uint32Array(new Float64Array([1]).buffer)[0] === 0 ? 0 : 1;
const HIGH_WORD = 1 - LOW_WORD;
const RADIX_BITS = 8;
const RADIX = 1 << RADIX_BITS;
const DIGITS = 64 / RADIX_BITS;

// Scratch of sortByTimeThenSlot (the model runs on one thread): the other side of each pass.
let scratchS = new Float64Array(1024);
let scratchSlot = new Int32Array(1024);
const digitCounts = new Int32Array(DIGITS * RADIX);

/**
 * Sorts the first `count` entries of (times, slots) by time, then slot, in place. Times must be
 * non-negative (their bits then sort as unsigned integers do): a least-significant-digit radix
 * sort over the bits, 8 at a time, skipping every digit all entries share (within one hour, the
 * top ~20 bits), then equal times put in slot order (radix passes keep the input's order, and
 * ties are rare). routing/sortIndices.ts's sortIndicesStable sorts the same way but moves indices
 * and reads each key through its index on every pass: over an hour at full scale (~1 M entries,
 * 8 MB of times) those reads land all over memory, so here the pairs themselves move.
 */
export function sortByTimeThenSlot(times: Float64Array, slots: Int32Array, count: number): void {
  if (count < 2) return;
  if (scratchSlot.length < count) {
    scratchS = new Float64Array(count);
    scratchSlot = new Int32Array(count);
  }
  digitCounts.fill(0);
  let words = new Uint32Array(times.buffer, times.byteOffset, 2 * count);
  for (let k = 0; k < count; k++) {
    const low = words[2 * k + LOW_WORD];
    const high = words[2 * k + HIGH_WORD];
    for (let d = 0; d < DIGITS / 2; d++) {
      digitCounts[d * RADIX + ((low >>> (d * RADIX_BITS)) & (RADIX - 1))]++;
      digitCounts[(d + DIGITS / 2) * RADIX + ((high >>> (d * RADIX_BITS)) & (RADIX - 1))]++;
    }
  }
  let fromS: Float64Array = times;
  let fromSlot: Int32Array = slots;
  let toS: Float64Array = scratchS;
  let toSlot: Int32Array = scratchSlot;
  for (let d = 0; d < DIGITS; d++) {
    const base = d * RADIX;
    const word = d < DIGITS / 2 ? LOW_WORD : HIGH_WORD;
    const shift = (d % (DIGITS / 2)) * RADIX_BITS;
    // A digit every entry shares orders nothing.
    let shared = false;
    for (let v = 0; v < RADIX; v++) {
      if (digitCounts[base + v] === count) shared = true;
      if (digitCounts[base + v] !== 0) break;
    }
    if (shared) continue;
    let at = 0;
    for (let v = 0; v < RADIX; v++) {
      const n = digitCounts[base + v];
      digitCounts[base + v] = at;
      at += n;
    }
    words = new Uint32Array(fromS.buffer, fromS.byteOffset, 2 * count);
    for (let k = 0; k < count; k++) {
      const digit = (words[2 * k + word] >>> shift) & (RADIX - 1);
      const to = digitCounts[base + digit]++;
      toS[to] = fromS[k];
      toSlot[to] = fromSlot[k];
    }
    const swapS = fromS;
    const swapSlot = fromSlot;
    fromS = toS;
    fromSlot = toSlot;
    toS = swapS;
    toSlot = swapSlot;
  }
  if (fromS !== times) {
    times.set(fromS.subarray(0, count));
    slots.set(fromSlot.subarray(0, count));
  }
  // Equal times in slot order (insertion sort within each run of them).
  for (let k = 1; k < count; k++) {
    if (times[k] !== times[k - 1] || slots[k] > slots[k - 1]) continue;
    const s = times[k];
    const slot = slots[k];
    let j = k - 1;
    while (j >= 0 && times[j] === s && slots[j] > slot) {
      slots[j + 1] = slots[j];
      j--;
    }
    slots[j + 1] = slot;
  }
}
