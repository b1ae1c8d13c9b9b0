/**
 * The parcel store's growth: every live parcel keeps its columns, and where the engine can move
 * buffers (ArrayBuffer.transfer, the worker's engines) the columns it outgrew are freed at once,
 * so a growth never holds the old store and the new one together. And the queues threaded
 * through it: runs walked together, and a splice of a queue's oldest parcels.
 */
import { describe, expect, it } from 'vitest';
import {
  EVENT_TICK_S,
  getLatestEventReadS,
  NO_PARCEL,
  ParcelStore,
  packColumns,
  unpackColumns,
  QueueSet,
  RunWalk,
  readEventTime,
  TICKED_EVENTS,
  writeEventTime,
} from '../../src/sim/parcels';
import { EVENT_PICKED, STAGE_AWAITING_PICK, STAGE_FREE } from '../../src/sim/kinds';
import { RandomStream } from '../../src/sim/rng';
import { SlotZones } from '../../src/sim/slotZones';
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
    // One zone; blocks of 32 slots (getBlockSlots), so 1024 slots.
    const store = new ParcelStore(undefined, undefined, 0, 1000);
    expect(store.zones.blockSlots).toBe(32);
    expect(store.columns.capacity).toBe(1024);
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
    // In slot order, block after block (30 blocks for 900 parcels: a zone takes its next block
    // when its blocks are 95% full, the last slot or so of each left for later).
    const first = Array.from({ length: 900 }, take);
    expect(first).toEqual([...first].sort((a, b) => a - b));
    expect(first[first.length - 1]).toBeLessThan(960);
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
    // The first fill the never-taken end of its blocks; the rest wrap round to its lowest free slots.
    const wrapAt = next.findIndex((slot, k) => k > 0 && slot < next[k - 1]);
    expect(wrapAt).toBeGreaterThan(0);
    for (const slot of next.slice(0, wrapAt)) expect(slot).toBeGreaterThan(first[first.length - 1]);
    const wrapped = next.slice(wrapAt);
    expect(wrapped).toEqual([...wrapped].sort((a, b) => a - b));
    expect(Math.max(...next)).toBeLessThan(960);
    expect(store.zones.check(store.columns.stage)).toEqual([]);
    // It grows before it is full, so a search for a free slot stays short.
    while (store.live < 973) take();
    expect(store.columns.capacity).toBe(1024);
    take();
    expect(store.columns.capacity).toBe(1536);
    expect(store.live).toBe(live.size);
    expect(store.zones.check(store.columns.stage)).toEqual([]);
  });

  it("keeps each zone's parcels in blocks of their own, in order, and a restored store goes on taking the same slots", () => {
    // Parcels for three zones ordered in turn, as a minute's orders are for the whole country
    // (room for a zone a key: 4096 slots each at least).
    const store = new ParcelStore(undefined, undefined, 0, 3 * 4096, 3);
    expect(store.zones.zoneCount).toBe(3);
    const blockSlots = store.zones.blockSlots;
    expect(blockSlots).toBe(256);
    const taken: number[][] = [[], [], []];
    const take = (target: ParcelStore, zone: number) => {
      const slot = target.allocate(zone);
      target.columns.stage[slot] = STAGE_AWAITING_PICK;
      return slot;
    };
    for (let k = 0; k < 1200; k++) taken[k % 3].push(take(store, k % 3));
    for (let zone = 0; zone < 3; zone++) {
      // In slot order within the zone, and no block shared with another zone.
      expect(taken[zone]).toEqual([...taken[zone]].sort((a, b) => a - b));
      const blocks = new Set(taken[zone].map((slot) => Math.floor(slot / blockSlots)));
      for (let other = 0; other < 3; other++)
        if (other !== zone)
          for (const slot of taken[other]) expect(blocks.has(Math.floor(slot / blockSlots))).toBe(false);
      // 400 parcels fill 2 blocks: the zone's slots are 2 blocks, not spread over the store.
      expect(blocks.size).toBe(2);
    }
    for (const slot of taken[1].slice(0, 100)) store.release(slot);
    const restored = new ParcelStore(
      unpackColumns(packColumns(store.columns, store.live)),
      SlotZones.restore(store.zones.save()),
      store.live,
    );
    for (let k = 0; k < 300; k++) expect(take(restored, k % 3)).toBe(take(store, k % 3));
    expect(restored.zones.check(restored.columns.stage)).toEqual([]);
  });

  it('takes over the blocks of a store saved before zones, counting the parcels already in them', () => {
    const store = new ParcelStore(undefined, undefined, 0, 3 * 4096, 3);
    for (let k = 0; k < 6000; k++) store.columns.stage[store.allocate(k % 3)] = STAGE_AWAITING_PICK;
    // As a snapshot from before zones loads: the columns alone.
    const adopted = new ParcelStore(
      unpackColumns(packColumns(store.columns, store.live)),
      undefined,
      store.live,
      0,
      3,
    );
    const before = new Set<number>();
    for (let slot = 0; slot < adopted.columns.capacity; slot++)
      if (adopted.columns.stage[slot] !== STAGE_FREE) before.add(slot);
    for (let k = 0; k < 9000; k++) {
      const slot = adopted.allocate(k % 3);
      expect(before.has(slot)).toBe(false);
      adopted.columns.stage[slot] = STAGE_AWAITING_PICK;
      before.add(slot);
    }
    // Past the store's room: it grew, and every parcel kept its slot.
    expect(adopted.live).toBe(15000);
    expect(adopted.columns.capacity).toBeGreaterThan(3 * 4096);
    expect(adopted.zones.check(adopted.columns.stage)).toEqual([]);
  });

  it('never reads an event back later than the tick of the time it is read at (getLatestEventReadS)', () => {
    // The last mile reads a parcel's ready-at-station time only when its delivery's tick is past
    // the deadline: the ones it skips must read back at or before that tick, never after it.
    const store = new ParcelStore(undefined, undefined, 0, 16);
    const slot = store.allocate();
    const random = RandomStream.fromSeed(5, 0);
    let readAtTick = 0;
    for (let k = 0; k < 20000; k++) {
      const eventS = 86400 * 20 * random.nextFloat();
      // Read back from the same instant to six days on, ticks that round either way among them.
      const nowS =
        eventS + (k % 4 === 0 ? random.nextFloat() * EVENT_TICK_S : 6 * 86400 * random.nextFloat());
      writeEventTime(store.columns, slot, EVENT_PICKED, eventS);
      const readS = readEventTime(store.columns, slot, EVENT_PICKED, nowS);
      expect(readS, `event at ${eventS} s read at ${nowS} s`).toBeLessThanOrEqual(getLatestEventReadS(nowS));
      if (readS === getLatestEventReadS(nowS)) readAtTick++;
      // An event may read back after the instant it is read at, by up to half a tick.
      if (readS > nowS) expect(readS - nowS).toBeLessThanOrEqual(EVENT_TICK_S / 2);
    }
    // The bound is reached: events read within their own tick read back at it.
    expect(readAtTick).toBeGreaterThan(1000);
  });
});

describe('queues of parcels', () => {
  /** The slots of a queue, oldest first, by its links. */
  const listQueue = (queues: QueueSet, next: Int32Array, queue: number): number[] => {
    const slots: number[] = [];
    for (let slot = queues.head[queue]; slot !== NO_PARCEL; slot = next[slot]) slots.push(slot);
    return slots;
  };

  it('lists many queues walked together as each walked alone would: the first count of each, in order, and the parcel after', () => {
    const store = new ParcelStore();
    const lengths = [0, 1, 7, 3000, 12, 0, 450, 2];
    const queues = new QueueSet(lengths.length);
    const random = RandomStream.fromSeed(3, 1);
    // Parcels join the queues in a shuffled order, as a network's do.
    const joins = lengths.flatMap((length, queue) => Array.from({ length }, () => queue));
    for (let k = joins.length - 1; k > 0; k--) {
      const j = Math.floor(random.nextFloat() * (k + 1));
      [joins[k], joins[j]] = [joins[j], joins[k]];
    }
    for (const queue of joins) {
      const slot = store.allocate();
      queues.push(store.columns.next, queue, slot);
    }
    const wanted = [0, 1, 5, 3000, 12, 0, 449, 2];
    const walk = new RunWalk();
    walk.ensureRuns(lengths.length);
    lengths.forEach((_, k) => {
      walk.head[k] = queues.head[k];
      walk.count[k] = wanted[k];
    });
    walk.walk(store.columns.next, lengths.length);
    lengths.forEach((_, k) => {
      const alone = listQueue(queues, store.columns.next, k);
      const listed = Array.from(walk.slots.subarray(walk.from[k], walk.from[k] + wanted[k]));
      expect(listed, `queue ${k}`).toEqual(alone.slice(0, wanted[k]));
      expect(walk.after[k], `queue ${k}`).toBe(wanted[k] < alone.length ? alone[wanted[k]] : NO_PARCEL);
    });
  });

  it('moves a queue’s oldest parcels to the back of another in one splice, as shifting and pushing each would', () => {
    for (const [before, waiting, moved] of [
      [0, 5, 5],
      [3, 5, 2],
      [4, 2000, 1500],
      [0, 7, 0],
    ]) {
      const store = new ParcelStore();
      const spliced = new QueueSet(2);
      for (let k = 0; k < before + waiting; k++) {
        const slot = store.allocate();
        spliced.push(store.columns.next, k < before ? 1 : 0, slot);
      }
      const next = store.columns.next;
      // The reference: one at a time, on a copy of the links.
      const refNext = next.slice();
      const ref = new QueueSet(2, spliced.head.slice(), spliced.tail.slice(), spliced.count.slice());
      for (let k = 0; k < moved; k++) ref.push(refNext, 1, ref.shift(refNext, 0));
      const oldest = listQueue(spliced, next, 0);
      if (moved > 0) spliced.moveOldest(next, 0, 1, moved, oldest[moved - 1]);
      for (const queue of [0, 1]) {
        expect(listQueue(spliced, next, queue), `${before}/${waiting}/${moved}: queue ${queue}`).toEqual(
          listQueue(ref, refNext, queue),
        );
        expect(spliced.count[queue]).toBe(ref.count[queue]);
        expect(spliced.tail[queue]).toBe(ref.tail[queue]);
      }
    }
  });

  it('refills a queue with the parcels a wave kept, leaving every link as pushing each kept one would', () => {
    const random = RandomStream.fromSeed(11, 1);
    for (const [length, keptShare] of [
      [0, 0.5],
      [1, 1],
      [9, 0],
      [9, 1],
      [500, 0.3],
      [500, 0.9],
    ]) {
      const store = new ParcelStore();
      const queues = new QueueSet(2);
      // Another queue's parcels between this one's in the store, as a network's lie.
      for (let k = 0; k < 2 * length; k++)
        queues.push(store.columns.next, random.nextFloat() < 0.5 ? 0 : 1, store.allocate());
      const next = store.columns.next;
      const listed = Int32Array.from(listQueue(queues, next, 0));
      const marks = Uint8Array.from(listed, () => (random.nextFloat() < keptShare ? 2 : 1));
      const refNext = next.slice();
      const ref = new QueueSet(2, queues.head.slice(), queues.tail.slice(), queues.count.slice());
      ref.clear(0);
      listed.forEach((slot, at) => {
        if (marks[at] === 2) ref.push(refNext, 0, slot);
      });
      queues.clear(0);
      queues.refillKept(next, 0, listed, marks, 2, listed.length);
      const where = `${length} parcels, ${keptShare} kept`;
      expect(listQueue(queues, next, 0), where).toEqual(listQueue(ref, refNext, 0));
      expect(Array.from(next), where).toEqual(Array.from(refNext));
      expect([queues.head[0], queues.tail[0], queues.count[0]], where).toEqual([
        ref.head[0],
        ref.tail[0],
        ref.count[0],
      ]);
      expect(listQueue(queues, next, 1), where).toEqual(listQueue(ref, refNext, 1));
    }
  });
});
