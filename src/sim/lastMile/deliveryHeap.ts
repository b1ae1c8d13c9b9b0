/**
 * Parcels on their way to the door, ordered by when they reach it: a binary min-heap on
 * (deliverS, slot) in typed arrays, so ties resolve the same way every run and nothing is
 * allocated per parcel. The last mile pops every parcel whose time has come at each step.
 */
export class DeliveryHeap {
  deliverS: Float64Array;
  slot: Int32Array;
  size: number;

  constructor(deliverS?: Float64Array, slot?: Int32Array, size = 0) {
    this.deliverS = deliverS ?? new Float64Array(1024);
    this.slot = slot ?? new Int32Array(1024);
    this.size = size;
  }

  push(deliverS: number, slot: number): void {
    if (this.size === this.slot.length) this.grow();
    let i = this.size++;
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

  /** Delivery time of the earliest parcel, or Infinity when empty. */
  peekS(): number {
    return this.size > 0 ? this.deliverS[0] : Number.POSITIVE_INFINITY;
  }

  /** Removes the earliest parcel and returns its slot; the heap must not be empty. */
  pop(): number {
    const keys = this.deliverS;
    const slots = this.slot;
    const top = slots[0];
    const n = --this.size;
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

  copy(): DeliveryHeap {
    return new DeliveryHeap(this.deliverS.slice(), this.slot.slice(), this.size);
  }

  private grow(): void {
    const keys = new Float64Array(this.slot.length * 2);
    keys.set(this.deliverS);
    const slots = new Int32Array(this.slot.length * 2);
    slots.set(this.slot);
    this.deliverS = keys;
    this.slot = slots;
  }
}
