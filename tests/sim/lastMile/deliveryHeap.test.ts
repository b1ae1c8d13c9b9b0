import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DeliveryHeap,
  type SavedDeliveryHeap,
  sortByTimeThenSlot,
} from '../../../src/sim/lastMile/deliveryHeap';
import { countHeldBytes } from '../../../src/sim/typedArrays';

/** The heap a save() of `size` parcels holds. */
function restoreSaved(saved: SavedDeliveryHeap, size: number): DeliveryHeap {
  return DeliveryHeap.restore(saved.deliverS, saved.slot, size, saved.nearSize, saved.horizonS);
}

/** A step's pushes (delivery times relative to the step's end, s) and the step's length. */
const arbitrarySteps = fc.array(
  fc.record({
    stepS: fc.constantFrom(30, 60, 120, 300, 3600, 7 * 3600),
    pushes: fc.array(
      fc.oneof(
        fc.integer({ min: -7200, max: 7200 }),
        fc.integer({ min: 0, max: 5 * 86400 }),
        // Ties, and times on the hour (a far bucket's edge).
        fc.constantFrom(0, 1, 3600, 3599.5, 86400),
      ),
      { maxLength: 40 },
    ),
  }),
  { minLength: 1, maxLength: 60 },
);

/**
 * Runs the steps as the last mile does (pushes, then every parcel due by the step's end) and
 * returns the (deliverS, slot) pairs popped, step by step; with `restoreAt`, the heap is saved
 * and restored before that step; without `advance`, peek and pop alone (an event queue's use).
 */
function runSteps(
  steps: Array<{ stepS: number; pushes: number[] }>,
  restoreAt = -1,
  advance = true,
): string[] {
  let heap = new DeliveryHeap(4);
  let t1 = 0;
  let slot = 0;
  const popped: string[] = [];
  steps.forEach(({ stepS, pushes }, step) => {
    if (step === restoreAt) {
      const saved = heap.save();
      heap = restoreSaved(saved, heap.size);
    }
    t1 += stepS;
    // Slots reused out of order, as freed parcel slots are.
    for (const offsetS of pushes) heap.push(t1 + offsetS, (slot++ * 7919) % 100_003);
    if (advance) heap.advanceTo(t1);
    while (heap.peekS() <= t1) {
      const deliverS = heap.peekS();
      popped.push(`${step}:${deliverS}:${heap.pop()}`);
    }
    expect(heap.checkOrder()).toBeNull();
  });
  return popped;
}

/** The same steps against a plain sorted list: what a delivery order must be. */
function runReference(steps: Array<{ stepS: number; pushes: number[] }>): string[] {
  const waiting: Array<[number, number]> = [];
  let t1 = 0;
  let slot = 0;
  const popped: string[] = [];
  steps.forEach(({ stepS, pushes }, step) => {
    t1 += stepS;
    for (const offsetS of pushes) waiting.push([t1 + offsetS, (slot++ * 7919) % 100_003]);
    waiting.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    while (waiting.length > 0 && waiting[0][0] <= t1) {
      const [deliverS, parcel] = waiting.shift() as [number, number];
      popped.push(`${step}:${deliverS}:${parcel}`);
    }
  });
  return popped;
}

describe('the delivery heap', () => {
  it('delivers every parcel at the first step it is due by, in (delivery time, slot) order, across the horizon and a restore', () => {
    fc.assert(
      fc.property(arbitrarySteps, fc.nat(), (steps, restoreDraw) => {
        const expected = runReference(steps);
        expect(runSteps(steps)).toEqual(expected);
        expect(runSteps(steps, restoreDraw % steps.length)).toEqual(expected);
        expect(runSteps(steps, -1, false)).toEqual(expected);
      }),
      { numRuns: 300, seed: 17 },
    );
  });

  it('saves the parcels past the horizon as well, and a restored heap saves the same', () => {
    const heap = new DeliveryHeap();
    heap.push(100, 1);
    heap.advanceTo(0);
    heap.push(5 * 3600 + 1, 2);
    heap.push(50, 3);
    heap.push(2 * 86400, 4);
    const saved = heap.save();
    expect(heap.size).toBe(4);
    expect(saved.nearSize).toBe(2);
    expect(Array.from(saved.slot).sort()).toEqual([1, 2, 3, 4]);
    const restored = restoreSaved(saved, heap.size);
    expect(restored.save()).toEqual(saved);
  });

  it('holds room for the parcels it holds: the room of a busy hour does not pass on to quiet hours', () => {
    const heap = new DeliveryHeap();
    let slot = 0;
    // Day after day, one busy hour (a van wave's 20,000 deliveries) and 200 parcels in each of
    // 40 later hours (partners' days-long holds), each hour delivered as the clock reaches it.
    for (let day = 0; day < 10; day++) {
      const dayS = day * 86_400;
      heap.advanceTo(dayS);
      for (let k = 0; k < 20_000; k++) heap.push(dayS + 7200 + (k % 3600), slot++);
      for (let hour = 3; hour < 43; hour++)
        for (let k = 0; k < 200; k++) heap.push(dayS + hour * 3600 + k, slot++);
      heap.advanceTo(dayS + 86_399);
      while (heap.peekS() <= dayS + 86_399) heap.pop();
    }
    // 19 hours of tomorrow's 200 still on their way (8 + 4 bytes each): a bucket holds up to
    // twice its parcels; with the busy hour's room kept for reuse, every far hour came to hold it.
    expect(heap.size).toBe(19 * 200);
    expect(countHeldBytes(heap)).toBeLessThan(19 * 512 * 12 + 20_000 * 2 * 12);
  });

  it('restores a snapshot whose near parcels are in any order, as snapshots saved while they were a heap hold them', () => {
    const heap = new DeliveryHeap();
    heap.advanceTo(3 * 3600);
    const near = [7000, 7200.25, 7000, 9000, 10_799.5, 7100];
    near.forEach((s, k) => {
      heap.push(s, 50 - k);
    });
    heap.push(20_000, 99);
    const saved = heap.save();
    // The near part reversed: no longer in pop order.
    saved.deliverS.subarray(0, saved.nearSize).reverse();
    saved.slot.subarray(0, saved.nearSize).reverse();
    const restored = restoreSaved(saved, heap.size);
    expect(restored.checkOrder()).toBeNull();
    const popped: string[] = [];
    while (restored.size > 0) popped.push(`${restored.peekS()}:${restored.pop()}`);
    expect(popped).toEqual([
      '7000:48',
      '7000:50',
      '7100:45',
      '7200.25:49',
      '9000:47',
      '10799.5:46',
      '20000:99',
    ]);
  });
});

describe('sorting an hour of deliveries', () => {
  it('orders times then slots as a comparison sort does: ties, whole and fractional seconds, powers of two, zero', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            s: fc.oneof(
              fc.double({ min: 0, max: 40 * 86_400, noNaN: true }),
              fc.integer({ min: 0, max: 40 * 86_400 }),
              fc.constantFrom(0, 65_536, 131_072, 131_071.99999, 3600, 1e-9),
            ),
            slot: fc.integer({ min: 0, max: 40_000_000 }),
          }),
          { maxLength: 3000 },
        ),
        (entries) => {
          const times = Float64Array.from(entries, (e) => (Object.is(e.s, -0) ? 0 : e.s));
          const slots = Int32Array.from(entries, (e) => e.slot);
          const expected = Array.from(times, (s, k) => [s, slots[k]] as const).sort(
            (a, b) => a[0] - b[0] || a[1] - b[1],
          );
          sortByTimeThenSlot(times, slots, times.length);
          expect(Array.from(times, (s, k) => [s, slots[k]])).toEqual(expected);
        },
      ),
      { numRuns: 200, seed: 23 },
    );
  });
});
