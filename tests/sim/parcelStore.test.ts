/**
 * The parcel store's growth: every live parcel keeps its columns, and where the engine can move
 * buffers (ArrayBuffer.transfer, the worker's engines) the columns it outgrew are freed at once,
 * so a growth never holds the old store and the new one together.
 */
import { describe, expect, it } from 'vitest';
import { TICKED_EVENTS, ParcelStore, QueueSet, readEventTime, writeEventTime } from '../../src/sim/parcels';
import { EVENT_PICKED, STAGE_AWAITING_PICK, STAGE_FREE } from '../../src/sim/kinds';
import { RandomStream } from '../../src/sim/rng';
import { withArrayBufferTransfer } from './arrayBufferTransfer';

/** Fills `count` parcels with values of their own, in a queue, and returns their ids. */
function fill(store: ParcelStore, queues: QueueSet, count: number): number[] {
  const ids: number[] = [];
  for (let k = 0; k < count; k++) {
    const slot = store.allocate();
    const c = store.columns;
    c.stage[slot] = 1 + (k % 5);
    c.promise[slot] = k % 4;
    c.originFc[slot] = k % 300;
    c.destinationStation[slot] = 1000 + (k % 600);
    c.weight10g[slot] = k % 3000;
    c.destinationOffset[2 * slot] = (k % 2000) - 1000;
    c.destinationOffset[2 * slot + 1] = 1000 - (k % 2000);
    c.orderedS[slot] = 3600 + k;
    writeEventTime(c, slot, EVENT_PICKED, 7200 + 10 * k);
    queues.push(c.next, k % 3, slot);
    ids.push(store.getParcelId(slot));
  }
  return ids;
}

function read(store: ParcelStore, queues: QueueSet, ids: number[]) {
  const c = store.columns;
  const queued: number[][] = [];
  for (let queue = 0; queue < 3; queue++) {
    const slots: number[] = [];
    for (let slot = queues.head[queue]; slot >= 0; slot = c.next[slot]) slots.push(slot);
    queued.push(slots);
  }
  return {
    parcels: ids.map((id) => {
      const slot = store.getSlot(id);
      return [
        slot,
        c.stage[slot],
        c.promise[slot],
        c.originFc[slot],
        c.destinationStation[slot],
        c.weight10g[slot],
        c.destinationOffset[2 * slot],
        c.destinationOffset[2 * slot + 1],
        c.orderedS[slot],
        readEventTime(c, slot, EVENT_PICKED, 7200 + 10 * ids.length),
      ];
    }),
    queued,
  };
}

describe('the parcel store', () => {
  it('keeps every parcel and queue as it grows, and frees the columns it outgrew at once where buffers can move', () => {
    const plain = new ParcelStore();
    const plainQueues = new QueueSet(3);
    const plainIds = fill(plain, plainQueues, 5000);
    const expected = read(plain, plainQueues, plainIds);
    expect(plain.columns.capacity).toBeGreaterThan(1024);

    withArrayBufferTransfer(() => {
      const store = new ParcelStore();
      const queues = new QueueSet(3);
      const first = store.columns;
      const ids = fill(store, queues, 5000);
      expect(read(store, queues, ids)).toEqual(expected);
      expect(store.columns.eventTicks.length).toBe(store.columns.capacity * TICKED_EVENTS);
      // The first columns were moved into the grown ones, not left for the garbage collector.
      expect(first.next.length).toBe(0);
      expect(first.eventTicks.length).toBe(0);
    });
  });

  it('gives parcels ordered one after another neighbouring slots, whatever order earlier ones left in', () => {
    const store = new ParcelStore(undefined, undefined, 0, 1000);
    const random = RandomStream.fromSeed(11, 0);
    const live = new Set<number>();
    const take = () => {
      const slot = store.allocate();
      // Never a slot a live parcel holds.
      expect(live.has(slot)).toBe(false);
      expect(store.columns.stage[slot]).toBe(STAGE_FREE);
      store.columns.stage[slot] = STAGE_AWAITING_PICK;
      live.add(slot);
      return slot;
    };
    for (let k = 0; k < 900; k++) take();
    // Parcels leave in random order, as deliveries do: with the last freed taken first, the next
    // orders would land all over the store.
    const leaving = [...live];
    for (let k = leaving.length - 1; k > 0; k--) {
      const j = Math.floor(random.nextFloat() * (k + 1));
      [leaving[k], leaving[j]] = [leaving[j], leaving[k]];
    }
    for (const slot of leaving.slice(0, 450)) {
      store.release(slot);
      live.delete(slot);
    }
    const next = Array.from({ length: 300 }, take);
    // The first 100 fill the never-taken end; the rest wrap round to the lowest free slots.
    expect(next.slice(0, 100)).toEqual(Array.from({ length: 100 }, (_, k) => 900 + k));
    const wrapped = next.slice(100);
    expect(wrapped).toEqual([...wrapped].sort((a, b) => a - b));
    expect(wrapped[wrapped.length - 1] - wrapped[0]).toBeLessThan(600);
    expect(store.columns.capacity).toBe(1000);
    // It grows before it is full, so a search for a free slot stays short.
    while (store.live < 950) take();
    expect(store.columns.capacity).toBe(1000);
    take();
    expect(store.columns.capacity).toBe(1500);
    expect(store.live).toBe(live.size);
  });
});
