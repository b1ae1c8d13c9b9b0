/**
 * The parcel store's growth: every live parcel keeps its columns, and where the engine can move
 * buffers (ArrayBuffer.transfer, the worker's engines) the columns it outgrew are freed at once,
 * so a growth never holds the old store and the new one together.
 */
import { describe, expect, it } from 'vitest';
import { TICKED_EVENTS, ParcelStore, QueueSet, readEventTime, writeEventTime } from '../../src/sim/parcels';
import { EVENT_PICKED } from '../../src/sim/kinds';
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
});
