/**
 * Parcels in struct-of-arrays typed columns, indexed by slot. A slot is recycled once its
 * parcel leaves the model, so memory follows the number of live parcels, not the run length.
 * Queues (an FC's pick queue, a trailer's load) are singly linked lists threaded through the
 * `next` column, so moving a parcel between queues allocates nothing, and a whole trailer load
 * changes hands in O(1). A new parcel takes the next free slot after the last one taken in its
 * zone's blocks (allocate, slotZones.ts).
 *
 * Bytes per slot: next 4 + stage 1 + promise 1 + originFc 2 + destinationStation 2 + weight 2 +
 * destination offset 4 + generation 2 + order time 4 + 8 event ticks x 2 = 38.
 *
 * Event times after the order are kept as 16-bit ticks of EVENT_TICK_S seconds on a clock that
 * wraps every 65,535 ticks (7.6 days) and are read back relative to "now": a parcel's events are
 * never older than that unless it has waited in the network for over a week, and writing one
 * needs no read of the order time (one cache line touched per parcel move, not two).
 */
import { PARCEL_EVENTS, STAGE_FREE } from './kinds';
import { getBlockSlots, getZoneCount, SlotZones } from './slotZones';
import { growOwnedTypedArray, growTypedArray, type TypedColumn } from './typedArrays';

export const EVENT_COUNT = PARCEL_EVENTS.length;
/** Events after 'ordered' stored as ticks. */
export const TICKED_EVENTS = EVENT_COUNT - 1;
/** Resolution of stored event times, s. */
export const EVENT_TICK_S = 10;
const TICK_WRAP = 65535;
/** Parcel id = generation * SLOT_SPAN + slot; ids stay unique while a slot is reused 65,536 times. */
export const SLOT_SPAN = 2 ** 26;
export const NO_PARCEL = -1;

export interface ParcelColumns {
  capacity: number;
  /** Next slot in the same queue, or NO_PARCEL. */
  next: Int32Array;
  /** Index into PARCEL_STAGES. */
  stage: Uint8Array;
  /** Index into PROMISE_CLASSES. */
  promise: Uint8Array;
  /** Facility id of the FC it ships from. */
  originFc: Uint16Array;
  /** Facility id of the delivery station that serves its address. */
  destinationStation: Uint16Array;
  /** Weight in units of 10 g. */
  weight10g: Uint16Array;
  /** Address as an offset from the station: east, north in units of 10 m; stride 2. */
  destinationOffset: Int16Array;
  /** Bumped every time the slot is reused. */
  generation: Uint16Array;
  /** Absolute sim seconds of the order (PARCEL_EVENTS[0]). */
  orderedS: Float32Array;
  /**
   * Events 1..8 of PARCEL_EVENTS as wrapped ticks (1 + round(t / EVENT_TICK_S) mod 65535), 0 until
   * reached; stride TICKED_EVENTS. Use writeEventTime / readEventTime.
   */
  eventTicks: Uint16Array;
}

export class ParcelStore {
  columns: ParcelColumns;
  /** Which blocks of slots each zone's parcels take (slotZones.ts). */
  zones: SlotZones;
  live: number;

  /**
   * A store of `columns` (from a snapshot) and their `zones` (none: a snapshot from before zones,
   * whose blocks the zones then take as they need them), or a new one of `initialCapacity` slots;
   * parcels' zone keys run from 0 to `zoneKeys` - 1 (allocate).
   */
  constructor(columns?: ParcelColumns, zones?: SlotZones, live = 0, initialCapacity = 1024, zoneKeys = 1) {
    const capacity = columns?.capacity ?? initialCapacity;
    const zoneCount = zones?.zoneCount ?? getZoneCount(capacity, zoneKeys);
    const blockSlots = zones?.blockSlots ?? getBlockSlots(capacity, zoneCount);
    this.columns = columns ?? allocateColumns(Math.ceil(initialCapacity / blockSlots) * blockSlots);
    this.zones =
      zones ?? new SlotZones(blockSlots, Math.floor(this.columns.capacity / blockSlots), zoneCount, zoneKeys);
    this.live = live;
    if (!columns) this.linkUntaken(0, this.columns.capacity);
  }

  /** Links never-taken slots each to the next, as packColumns expects of them (isUntakenSlot). */
  private linkUntaken(from: number, to: number): void {
    const next = this.columns.next;
    for (let slot = from; slot < to; slot++) next[slot] = getUntakenNext(to, slot);
  }

  /**
   * Takes a free slot in the blocks of the zone of `zoneKey` (the parcel's destination station,
   * network.ts getParcelZoneKey), the first from where the zone's last one was taken (growing the
   * columns when no block is left for the zone); the caller fills it in. Next fit, not the
   * free list's last-freed first: parcels ordered together take neighbouring slots, so the stages
   * that walk them in order (an FC's queues, a trailer's load) read memory close together. Slots
   * handed out most recently freed first lay a queue's parcels across the whole store (1.3 GB at
   * full scale), a cache and TLB miss each.
   */
  allocate(zoneKey = 0): number {
    let slot = this.zones.take(zoneKey, this.columns.stage);
    if (slot < 0) {
      this.grow();
      slot = this.zones.take(zoneKey, this.columns.stage);
    }
    const c = this.columns;
    c.next[slot] = NO_PARCEL;
    // A loop, not eventTicks.fill: the builtin's call cost more than its 8 writes (~1 s of a
    // full-scale day's 17 M orders).
    const ticks = c.eventTicks;
    const from = slot * TICKED_EVENTS;
    for (let k = 0; k < TICKED_EVENTS; k++) ticks[from + k] = 0;
    this.live++;
    return slot;
  }

  release(slot: number): void {
    const c = this.columns;
    c.stage[slot] = STAGE_FREE;
    c.generation[slot] = (c.generation[slot] + 1) & 0xffff;
    this.zones.release(slot);
    this.live--;
  }

  getParcelId(slot: number): number {
    return this.columns.generation[slot] * SLOT_SPAN + slot;
  }

  /** The slot of a live parcel id, or -1 if that parcel has left the model. */
  getSlot(parcelId: number): number {
    const slot = parcelId % SLOT_SPAN;
    const generation = Math.floor(parcelId / SLOT_SPAN);
    const c = this.columns;
    if (!Number.isInteger(parcelId) || parcelId < 0 || slot >= c.capacity) return -1;
    return c.generation[slot] === generation && c.stage[slot] !== STAGE_FREE ? slot : -1;
  }

  private grow(): void {
    const old = this.columns;
    // x1.5 keeps free slots (bytes per live parcel) lower than doubling would.
    const { blockSlots } = this.zones;
    const capacity = Math.ceil((old.capacity * 1.5) / blockSlots) * blockSlots;
    if (capacity > SLOT_SPAN) throw new Error(`parcel store is full: ${old.capacity} live parcels`);
    // Column by column, each moved into its larger one (growOwnedTypedArray): the store holds
    // the old columns and one grown column at a time, not the old and the new store together
    // (at full scale 1.5 + 2.3 GB, past the worker's 2.5 GB, had a surge outgrown the store).
    const grown = <T extends TypedColumn>(column: T): T =>
      growOwnedTypedArray(column, (column.length / old.capacity) * capacity);
    this.columns = {
      capacity,
      next: grown(old.next),
      stage: grown(old.stage),
      promise: grown(old.promise),
      originFc: grown(old.originFc),
      destinationStation: grown(old.destinationStation),
      weight10g: grown(old.weight10g),
      destinationOffset: grown(old.destinationOffset),
      generation: grown(old.generation),
      orderedS: grown(old.orderedS),
      eventTicks: grown(old.eventTicks),
    };
    // The old last slot, if never taken, now links on into the new ones (isUntakenSlot).
    const last = old.capacity - 1;
    if (this.columns.stage[last] === STAGE_FREE && this.columns.generation[last] === 0)
      this.columns.next[last] = old.capacity;
    this.linkUntaken(old.capacity, capacity);
    this.zones.addBlocks(capacity);
  }

  /** Bytes the columns take per slot (the benchmark's "bytes per live parcel" at full use). */
  static bytesPerSlot(): number {
    return 4 + 1 + 1 + 2 + 2 + 2 + 4 + 2 + 4 + TICKED_EVENTS * 2;
  }
}

function allocateColumns(capacity: number): ParcelColumns {
  return {
    capacity,
    next: new Int32Array(capacity),
    stage: new Uint8Array(capacity),
    promise: new Uint8Array(capacity),
    originFc: new Uint16Array(capacity),
    destinationStation: new Uint16Array(capacity),
    weight10g: new Uint16Array(capacity),
    destinationOffset: new Int16Array(capacity * 2),
    generation: new Uint16Array(capacity),
    orderedS: new Float32Array(capacity),
    eventTicks: new Uint16Array(capacity * TICKED_EVENTS),
  };
}

/**
 * The columns as a snapshot keeps them: what a replay needs and no more. Every slot a parcel has
 * ever taken keeps its queue link, generation (a new parcel's id) and stage (STAGE_FREE marks
 * a free slot); the other columns hold the live slots only, in slot order. A free slot's other
 * values are dead (a parcel taking the slot writes every one of them), so a snapshot at the
 * default scale's ~65% live slots is ~30% smaller. Slots from `usedSlots` on were never taken
 * (the store links new slots in order and its zones take blocks lowest first): each links to
 * the next, with generation 0, so they are not copied. The store is sized for ~2 days of orders,
 * so the run's first snapshot, which the worker always keeps, would otherwise copy 7 bytes a slot
 * for parcels not yet ordered (243 MB at full scale). The zones have taken every block within ~2
 * days, after which a snapshot copies those 7 bytes for all of them (the trade for its locality).
 */
export interface PackedParcelColumns {
  capacity: number;
  /** Slots [0, usedSlots) are in `next`, `stage` and `generation`; the rest were never taken. */
  usedSlots: number;
  next: Int32Array;
  stage: Uint8Array;
  generation: Uint16Array;
  /** Live slots only, in slot order (strides as in ParcelColumns). */
  promise: Uint8Array;
  originFc: Uint16Array;
  destinationStation: Uint16Array;
  weight10g: Uint16Array;
  destinationOffset: Int16Array;
  orderedS: Float32Array;
  eventTicks: Uint16Array;
}

/** A packed copy of `c` (PackedParcelColumns); `live` is the number of slots not free. */
export function packColumns(c: ParcelColumns, live: number): PackedParcelColumns {
  const usedSlots = getUsedSlots(c);
  const packed: PackedParcelColumns = {
    capacity: c.capacity,
    usedSlots,
    next: c.next.slice(0, usedSlots),
    stage: c.stage.slice(0, usedSlots),
    generation: c.generation.slice(0, usedSlots),
    promise: new Uint8Array(live),
    originFc: new Uint16Array(live),
    destinationStation: new Uint16Array(live),
    weight10g: new Uint16Array(live),
    destinationOffset: new Int16Array(live * 2),
    orderedS: new Float32Array(live),
    eventTicks: new Uint16Array(live * TICKED_EVENTS),
  };
  let row = 0;
  for (let slot = 0; slot < usedSlots; slot++) {
    if (c.stage[slot] === STAGE_FREE) continue;
    if (row === live) throw new Error(`parcel store: more than its ${live} live parcels`);
    copyParcel(c, slot, packed, row);
    row++;
  }
  if (row !== live) throw new Error(`parcel store: ${row} live parcels, not ${live}`);
  return packed;
}

/** Slots up to the last one a parcel has taken: the rest are as the store linked them in. */
function getUsedSlots(c: ParcelColumns): number {
  let usedSlots = c.capacity;
  while (usedSlots > 0 && isUntakenSlot(c, usedSlots - 1)) usedSlots--;
  return usedSlots;
}

/** Bytes packColumns(c, live) would copy, without copying. */
export function getPackedColumnBytes(c: ParcelColumns, live: number): number {
  // Link, stage and generation per used slot; the rest per live parcel.
  const linkBytes = 4 + 1 + 2;
  return getUsedSlots(c) * linkBytes + live * (ParcelStore.bytesPerSlot() - linkBytes);
}

/** Full columns from a packed copy; free slots' dead values are zero. */
export function unpackColumns(packed: PackedParcelColumns): ParcelColumns {
  const { usedSlots } = packed;
  if (!(usedSlots >= 0 && usedSlots <= packed.capacity && packed.next.length === usedSlots))
    throw new Error(
      `parcel snapshot: ${usedSlots} used slots with ${packed.next.length} links in ${packed.capacity} slots`,
    );
  const c = allocateColumns(packed.capacity);
  c.next.set(packed.next);
  c.stage.set(packed.stage);
  c.generation.set(packed.generation);
  // Never-taken slots: each links to the next, the last to none (stage and generation 0).
  for (let slot = usedSlots; slot < c.capacity; slot++) c.next[slot] = getUntakenNext(c.capacity, slot);
  let row = 0;
  for (let slot = 0; slot < usedSlots; slot++) {
    if (c.stage[slot] === STAGE_FREE) continue;
    copyParcel(packed, row, c, slot);
    row++;
  }
  return c;
}

/** A never-taken slot's link: the next slot, or NO_PARCEL for the last. */
function getUntakenNext(capacity: number, slot: number): number {
  return slot + 1 < capacity ? slot + 1 : NO_PARCEL;
}

/** Whether `slot` is as the store linked it in and no parcel has taken it since (packColumns). */
function isUntakenSlot(c: ParcelColumns, slot: number): boolean {
  return (
    c.stage[slot] === STAGE_FREE &&
    c.generation[slot] === 0 &&
    c.next[slot] === getUntakenNext(c.capacity, slot)
  );
}

type ParcelValueColumns = Pick<
  ParcelColumns,
  | 'promise'
  | 'originFc'
  | 'destinationStation'
  | 'weight10g'
  | 'destinationOffset'
  | 'orderedS'
  | 'eventTicks'
>;

/** Copies one parcel's values (all but the link, stage and generation) from row `from` to row `to`. */
function copyParcel(source: ParcelValueColumns, from: number, target: ParcelValueColumns, to: number): void {
  target.promise[to] = source.promise[from];
  target.originFc[to] = source.originFc[from];
  target.destinationStation[to] = source.destinationStation[from];
  target.weight10g[to] = source.weight10g[from];
  target.destinationOffset[to * 2] = source.destinationOffset[from * 2];
  target.destinationOffset[to * 2 + 1] = source.destinationOffset[from * 2 + 1];
  target.orderedS[to] = source.orderedS[from];
  // Element by element: a subarray per parcel would allocate once for each of ~10^5 parcels.
  const fromTick = from * TICKED_EVENTS;
  const toTick = to * TICKED_EVENTS;
  for (let event = 0; event < TICKED_EVENTS; event++)
    target.eventTicks[toTick + event] = source.eventTicks[fromTick + event];
}

/** Records event (1..8 of PARCEL_EVENTS) at absolute time t; event 0 is the order time column. */
export function writeEventTime(c: ParcelColumns, slot: number, event: number, t: number): void {
  c.eventTicks[slot * TICKED_EVENTS + event - 1] = 1 + (Math.round(t / EVENT_TICK_S) % TICK_WRAP);
}

export function clearEventTime(c: ParcelColumns, slot: number, event: number): void {
  c.eventTicks[slot * TICKED_EVENTS + event - 1] = 0;
}

/** Absolute time of an event (rounded to EVENT_TICK_S), NaN if not reached; `nowS` must be after it. */
export function readEventTime(c: ParcelColumns, slot: number, event: number, nowS: number): number {
  if (event === 0) return c.orderedS[slot];
  return decodeEventTick(c.eventTicks[slot * TICKED_EVENTS + event - 1], nowS);
}

/**
 * The latest time readEventTime can return at `nowS`: an event reads back at most at now's tick
 * (so one read at a parcel's delivery is never after the delivery's tick).
 */
export function getLatestEventReadS(nowS: number): number {
  return Math.round(nowS / EVENT_TICK_S) * EVENT_TICK_S;
}

/**
 * The time of an event from its stored tick (an `eventTicks` value; 0: not reached, NaN), as
 * readEventTime reads it: for loops that gather many parcels' ticks before they use them.
 */
export function decodeEventTick(stored: number, nowS: number): number {
  if (stored === 0) return Number.NaN;
  const nowTick = Math.round(nowS / EVENT_TICK_S);
  const ago = ((((nowTick % TICK_WRAP) - (stored - 1)) % TICK_WRAP) + TICK_WRAP) % TICK_WRAP;
  return (nowTick - ago) * EVENT_TICK_S;
}

/**
 * Linked runs of parcels (queues, trailer loads) listed together, a step of each in turn. A walk
 * of one run waits at each step for the one before (slot to next slot), at full scale a cache
 * miss each; walked together, the runs' misses are in flight at once. The caller sets each run's
 * head and count (ensureRuns first); a run must hold at least `count` parcels.
 */
export class RunWalk {
  /** Run k's first parcel and how many of its parcels to list. */
  head = new Int32Array(64);
  count = new Int32Array(64);
  /** After walk(): run k's parcels are slots[from[k], from[k] + count[k]), in order. */
  from = new Int32Array(64);
  /** After walk(): the parcel after run k's last listed one (its head when none was listed). */
  after = new Int32Array(64);
  slots = new Int32Array(1024);
  private active = new Int32Array(64);

  ensureRuns(n: number): void {
    if (this.head.length >= n) return;
    const size = Math.max(n, 2 * this.head.length);
    this.head = growTypedArray(this.head, size);
    this.count = growTypedArray(this.count, size);
    this.from = new Int32Array(size);
    this.after = new Int32Array(size);
    this.active = new Int32Array(size);
  }

  /** Lists runs 0..n-1 into `slots`. */
  walk(next: Int32Array, n: number): void {
    const { head, count, from, after } = this;
    let total = 0;
    let activeCount = 0;
    for (let k = 0; k < n; k++) {
      from[k] = total;
      total += count[k];
      after[k] = head[k];
      if (count[k] > 0) this.active[activeCount++] = k;
    }
    if (this.slots.length < total) this.slots = new Int32Array(Math.max(total, 2 * this.slots.length));
    const { slots, active } = this;
    for (let step = 0; activeCount > 0; step++) {
      for (let a = 0; a < activeCount; a++) {
        const k = active[a];
        const slot = after[k];
        slots[from[k] + step] = slot;
        after[k] = next[slot];
        // A run listed in full: the last active one takes its place (and is visited next).
        if (step + 1 === count[k]) active[a--] = active[--activeCount];
      }
    }
  }
}

/**
 * FIFO queues of parcels: head, tail and count per queue id, threaded through the parcels'
 * `next` column. Queue ids are laid out by the simulation (facility queues, then lanes).
 */
export class QueueSet {
  head: Int32Array;
  tail: Int32Array;
  count: Int32Array;

  constructor(size: number, head?: Int32Array, tail?: Int32Array, count?: Int32Array) {
    this.head = head ?? new Int32Array(size).fill(NO_PARCEL);
    this.tail = tail ?? new Int32Array(size).fill(NO_PARCEL);
    this.count = count ?? new Int32Array(size);
  }

  push(next: Int32Array, queue: number, slot: number): void {
    next[slot] = NO_PARCEL;
    if (this.tail[queue] === NO_PARCEL) this.head[queue] = slot;
    else next[this.tail[queue]] = slot;
    this.tail[queue] = slot;
    this.count[queue]++;
  }

  /** Removes and returns the oldest parcel; the queue must not be empty. */
  shift(next: Int32Array, queue: number): number {
    const slot = this.head[queue];
    this.head[queue] = next[slot];
    if (this.head[queue] === NO_PARCEL) this.tail[queue] = NO_PARCEL;
    this.count[queue]--;
    return slot;
  }

  /**
   * Takes the `n` oldest parcels off `queue` as n shifts would; `after` is the parcel that
   * follows them (RunWalk.after). Their links are left as they are.
   */
  dropOldest(queue: number, n: number, after: number): void {
    if (n === 0) return;
    this.head[queue] = after;
    if (after === NO_PARCEL) this.tail[queue] = NO_PARCEL;
    this.count[queue] -= n;
  }

  /**
   * Moves the `n` oldest parcels of queue `from`, the last of them `last`, to the back of queue
   * `to` in one splice, as n shifts and pushes would (their links to each other stay).
   */
  moveOldest(next: Int32Array, from: number, to: number, n: number, last: number): void {
    if (n === 0) return;
    const first = this.head[from];
    this.dropOldest(from, n, next[last]);
    next[last] = NO_PARCEL;
    if (this.tail[to] === NO_PARCEL) this.head[to] = first;
    else next[this.tail[to]] = first;
    this.tail[to] = last;
    this.count[to] += n;
  }

  /**
   * Refills the emptied `queue` with the parcels `listed[0..n-1]` (its parcels as a walk of its
   * links listed them, oldest first) whose `marks` entry is `keptMark`, in that order, leaving
   * every link as pushing them one by one would. Two kept parcels listed one after the other are
   * linked already, so only a link across parcels not kept is written, and the last one's end:
   * a wave keeps long runs of its queue for later (each write a cache miss at full scale).
   */
  refillKept(
    next: Int32Array,
    queue: number,
    listed: Int32Array,
    marks: Uint8Array,
    keptMark: number,
    n: number,
  ): void {
    let last = NO_PARCEL;
    let lastAt = -1;
    let kept = 0;
    for (let at = 0; at < n; at++) {
      if (marks[at] !== keptMark) continue;
      const slot = listed[at];
      if (last === NO_PARCEL) this.head[queue] = slot;
      else if (lastAt !== at - 1) next[last] = slot;
      last = slot;
      lastAt = at;
      kept++;
    }
    if (last === NO_PARCEL) return;
    next[last] = NO_PARCEL;
    this.tail[queue] = last;
    this.count[queue] = kept;
  }

  clear(queue: number): void {
    this.head[queue] = NO_PARCEL;
    this.tail[queue] = NO_PARCEL;
    this.count[queue] = 0;
  }

  copy(): QueueSet {
    return new QueueSet(this.head.length, this.head.slice(), this.tail.slice(), this.count.slice());
  }
}
