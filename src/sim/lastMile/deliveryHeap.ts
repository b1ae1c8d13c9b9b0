/**
 * Parcels on their way to the door, ordered by when they reach it: the last mile pops every
 * parcel whose time has come at each step, in (deliverS, slot) order, so ties resolve the same
 * way every run; nothing is allocated per parcel.
 *
 * Two levels. Parcels due before the horizon (a whole hour, moved on as the steps reach it) are in
 * a binary min-heap on (deliverS, slot) in typed arrays; later ones wait unsorted in a bucket per
 * hour and join the heap when the horizon passes their hour. Partner carriers hold parcels for
 * days (10^6 and more at full scale), and in one heap every pop walked ~20 levels of cache misses
 * for them; the heap now holds about an hour's deliveries. The keys are unique (a slot is on its
 * way once), so the pop order is the order of (deliverS, slot) whatever the heap's shape: the
 * same as a single heap's.
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

export class DeliveryHeap {
  /** The near heap: entries 0..nearSize-1, each before `horizonS`. */
  private deliverS: Float64Array;
  private slot: Int32Array;
  private nearSize = 0;
  /** Parcels due at or after this time are in `far`; a multiple of FAR_BUCKET_S. */
  private horizonS = 0;
  /** Far buckets by hour (floor(deliverS / FAR_BUCKET_S)); an hour with no parcel has none. */
  private readonly far = new Map<number, FarBucket>();
  /** Parcels in the heap and the far buckets. */
  size = 0;

  constructor(capacity = 1024) {
    this.deliverS = new Float64Array(capacity);
    this.slot = new Int32Array(capacity);
  }

  push(deliverS: number, slot: number): void {
    this.size++;
    if (deliverS >= this.horizonS) {
      this.pushFar(deliverS, slot);
      return;
    }
    if (this.nearSize === this.slot.length) this.growNear();
    let i = this.nearSize++;
    const keys = this.deliverS;
    const slots = this.slot;
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
   * Moves the horizon past `t1`, bringing every parcel due by then into the heap (the last mile
   * calls it at each step, so the heap holds what is due soon and the far buckets the rest).
   */
  advanceTo(t1: number): void {
    while (this.horizonS <= t1) {
      const hour = this.horizonS / FAR_BUCKET_S;
      this.horizonS += FAR_BUCKET_S;
      const bucket = this.far.get(hour);
      if (bucket === undefined) continue;
      this.far.delete(hour);
      this.size -= bucket.count;
      for (let k = 0; k < bucket.count; k++) this.push(bucket.deliverS[k], bucket.slot[k]);
    }
  }

  /** Delivery time of the earliest parcel, or Infinity when empty. */
  peekS(): number {
    if (this.nearSize === 0) this.bringNearestHour();
    return this.nearSize > 0 ? this.deliverS[0] : Number.POSITIVE_INFINITY;
  }

  /** Removes the earliest parcel and returns its slot; the heap must not be empty. */
  pop(): number {
    if (this.nearSize === 0) this.bringNearestHour();
    const keys = this.deliverS;
    const slots = this.slot;
    const top = slots[0];
    this.size--;
    const n = --this.nearSize;
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

  /** Calls `visit` for every parcel: the heap's in array order, then each hour's, hours ascending. */
  forEach(visit: (deliverS: number, slot: number) => void): void {
    for (let i = 0; i < this.nearSize; i++) visit(this.deliverS[i], this.slot[i]);
    for (const hour of this.getFarHours()) {
      const bucket = this.far.get(hour) as FarBucket;
      for (let k = 0; k < bucket.count; k++) visit(bucket.deliverS[k], bucket.slot[k]);
    }
  }

  /** What is out of order, in words (a parent after its child, a far parcel in the wrong hour), or null. */
  checkOrder(): string | null {
    for (let i = 1; i < this.nearSize; i++) {
      const parent = (i - 1) >> 1;
      if (this.deliverS[parent] > this.deliverS[i])
        return `delivery heap out of order at ${i} (${this.deliverS[i]} before its parent's ${this.deliverS[parent]})`;
      if (this.deliverS[i] >= this.horizonS)
        return `delivery heap holds ${this.deliverS[i]} at ${i}, at or past its horizon ${this.horizonS}`;
    }
    let count = this.nearSize;
    for (const [hour, bucket] of this.far) {
      count += bucket.count;
      for (let k = 0; k < bucket.count; k++)
        if (Math.floor(bucket.deliverS[k] / FAR_BUCKET_S) !== hour || bucket.deliverS[k] < this.horizonS)
          return `delivery due at ${bucket.deliverS[k]} waits in hour ${hour} (horizon ${this.horizonS})`;
    }
    return count === this.size ? null : `delivery heap counts ${this.size} parcels but holds ${count}`;
  }

  /**
   * The heap as a snapshot keeps it: every parcel in forEach order, and where the heap's part
   * ends and the horizon, so a restored heap is this one entry for entry (restore()).
   */
  save(): { deliverS: Float64Array; slot: Int32Array; nearSize: number; horizonS: number } {
    // One entry when empty: a snapshot holds no empty arrays.
    const deliverS = new Float64Array(Math.max(1, this.size));
    const slot = new Int32Array(Math.max(1, this.size));
    let k = 0;
    this.forEach((s, parcel) => {
      deliverS[k] = s;
      slot[k] = parcel;
      k++;
    });
    return { deliverS, slot, nearSize: this.nearSize, horizonS: this.horizonS };
  }

  /** The heap save() saw: its first `nearSize` of `size` entries are the heap, in its order. */
  static restore(
    deliverS: Float64Array,
    slot: Int32Array,
    size: number,
    nearSize: number,
    horizonS: number,
  ): DeliveryHeap {
    const heap = new DeliveryHeap(Math.max(1024, nearSize * 2));
    heap.deliverS.set(deliverS.subarray(0, nearSize));
    heap.slot.set(slot.subarray(0, nearSize));
    heap.nearSize = nearSize;
    heap.size = nearSize;
    heap.horizonS = horizonS;
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

  /** With the heap empty: moves the horizon past the earliest far hour, if there is one. */
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

  private growNear(): void {
    this.deliverS = growTypedArray(this.deliverS, this.slot.length * 2);
    this.slot = growTypedArray(this.slot, this.slot.length * 2);
  }
}
