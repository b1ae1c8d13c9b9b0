/**
 * Line-haul trailers on the road: a pool of typed columns (slots reused after arrival) and a
 * binary min-heap of arrivals ordered by (arriveS, trailer slot) so ties resolve the same way
 * every run. Each trailer owns the linked list of parcels it carries (see parcels.ts). A trailer
 * still loading at its origin's dock door (dockDoors.ts: every door was busy) is in the pool from
 * the moment its load is set, and in `atDoor` until it leaves.
 */
import {
  STAGE_AT_FC_DOCK,
  STAGE_AT_SC_DOCK,
  STAGE_LINE_HAUL_TO_SC,
  STAGE_LINE_HAUL_TO_STATION,
} from './kinds';
import type { Params } from './params';
import { NO_PARCEL } from './parcels';
import { copyColumnsInto, growTypedArray } from './typedArrays';

export const LEG_FC_TO_SORT_CENTER = 0;
export const LEG_SORT_CENTER_TO_STATION = 1;
/** Sortation center to sortation center (out-of-region freight via the hubs). */
export const LEG_SORT_CENTER_TRANSFER = 2;

/** A trailer's place at the docks (TrailerColumns.dock). */
export const DOCK_NONE = 0;
/** Loading at its origin's door: it leaves at departS, its parcels wait at the dock until then. */
export const DOCK_LOADING = 1;
/** Arrived, with its turn at a destination door taken (arriveS is when unloading starts). */
export const DOCK_UNLOAD_TAKEN = 2;

export interface TrailerColumns {
  capacity: number;
  originFacility: Int32Array;
  destinationFacility: Int32Array;
  /** LEG_* */
  leg: Uint8Array;
  departS: Float64Array;
  arriveS: Float64Array;
  head: Int32Array;
  tail: Int32Array;
  count: Int32Array;
  /** DOCK_* */
  dock: Uint8Array;
  /** Next free slot when free, else -2. */
  nextFree: Int32Array;
}

/**
 * The stage of the parcels a trailer holds: at the dock of its origin while it loads at a door,
 * else on the road to a sortation center or a station.
 */
export function getTrailerParcelStage(columns: TrailerColumns, trailer: number): number {
  const leg = columns.leg[trailer];
  if (columns.dock[trailer] === DOCK_LOADING)
    return leg === LEG_FC_TO_SORT_CENTER ? STAGE_AT_FC_DOCK : STAGE_AT_SC_DOCK;
  return leg === LEG_SORT_CENTER_TO_STATION ? STAGE_LINE_HAUL_TO_STATION : STAGE_LINE_HAUL_TO_SC;
}

/** Parcels a modelled trailer holds: trailerCapacityParcels x scale, at least one. */
export function getTrailerCapacity(params: Pick<Params, 'trailerCapacityParcels' | 'scale'>): number {
  return Math.max(1, Math.round(params.trailerCapacityParcels * params.scale));
}

/** A trailer pool as a snapshot holds it: its data, no methods (structured-cloneable). */
export type TrailerPoolSnapshot = Pick<
  TrailerPool,
  'columns' | 'freeHead' | 'heap' | 'heapSize' | 'atDoor' | 'atDoorCount'
>;

/** Spare room of a kept load (TrailerPool.keepLoad), parcels: a slightly larger load needs none. */
const KEPT_LOAD_SLACK = 64;

export class TrailerPool {
  columns: TrailerColumns;
  freeHead: number;
  /** Slots of trailers on the road, as a heap on (arriveS, slot). */
  heap: Int32Array;
  heapSize: number;
  /** Slots of trailers loading at their origin's door (DOCK_LOADING), first `atDoorCount` entries. */
  atDoor: Int32Array;
  atDoorCount: number;
  /**
   * Per trailer, its parcels as its departure listed them (keepLoad), so its unloading need not
   * walk the list again: at full scale that walk, a cache miss a parcel, took ~2.5 s of a sim day.
   * Not run state: a copied or restored pool keeps none, and its trailers' lists are walked.
   */
  private keptLoads: (Int32Array | undefined)[] = [];
  private loadKept = new Uint8Array(0);

  constructor(
    columns?: TrailerColumns,
    freeHead = -1,
    heap?: Int32Array,
    heapSize = 0,
    atDoor?: Int32Array,
    atDoorCount = 0,
  ) {
    this.columns = columns ?? allocate(256);
    this.freeHead = freeHead;
    this.heap = heap ?? new Int32Array(256);
    this.heapSize = heapSize;
    this.atDoor = atDoor ?? new Int32Array(16);
    this.atDoorCount = atDoorCount;
    if (!columns) this.linkFree(0, this.columns.capacity);
  }

  private linkFree(from: number, to: number): void {
    for (let slot = to - 1; slot >= from; slot--) {
      this.columns.nextFree[slot] = this.freeHead;
      this.freeHead = slot;
    }
  }

  /** Puts a loaded trailer on the road; returns its slot. */
  dispatch(
    originFacility: number,
    destinationFacility: number,
    leg: number,
    departS: number,
    arriveS: number,
    head: number,
    tail: number,
    count: number,
  ): number {
    if (this.freeHead < 0) this.grow();
    const slot = this.freeHead;
    const c = this.columns;
    this.freeHead = c.nextFree[slot];
    c.nextFree[slot] = -2;
    c.originFacility[slot] = originFacility;
    c.destinationFacility[slot] = destinationFacility;
    c.leg[slot] = leg;
    c.departS[slot] = departS;
    c.arriveS[slot] = arriveS;
    c.head[slot] = head;
    c.tail[slot] = tail;
    c.count[slot] = count;
    c.dock[slot] = DOCK_NONE;
    this.heapPush(slot);
    return slot;
  }

  /** Marks a dispatched trailer as loading at its origin's door until its departS. */
  holdAtDoor(slot: number): void {
    this.columns.dock[slot] = DOCK_LOADING;
    if (this.atDoorCount === this.atDoor.length) {
      const grown = new Int32Array(this.atDoor.length * 2);
      grown.set(this.atDoor);
      this.atDoor = grown;
    }
    this.atDoor[this.atDoorCount++] = slot;
  }

  /** Removes entry `index` of `atDoor` (the trailer left its door); the last entry takes its place. */
  leaveDoor(index: number): void {
    this.columns.dock[this.atDoor[index]] = DOCK_NONE;
    this.atDoor[index] = this.atDoor[--this.atDoorCount];
  }

  /** Keeps trailer `slot`'s parcels, `slots[from, from + its count)`, for getKeptLoad. */
  keepLoad(slot: number, slots: Int32Array, from: number): void {
    const count = this.columns.count[slot];
    if (this.loadKept.length <= slot)
      this.loadKept = growTypedArray(this.loadKept, 2 * this.columns.capacity);
    let load = this.keptLoads[slot];
    // A slot serves trailer after trailer: its room is kept for the next unless it is over twice
    // this one's. Room for the largest load each slot had carried went on growing (46 MB after a
    // full-scale day from a restored state, against 35 MB of parcels on the road); this holds 35 MB.
    if (load === undefined || load.length < count || load.length > 2 * count + KEPT_LOAD_SLACK) {
      load = new Int32Array(count + KEPT_LOAD_SLACK);
      this.keptLoads[slot] = load;
    }
    load.set(slots.subarray(from, from + count));
    this.loadKept[slot] = 1;
  }

  /** Trailer `slot`'s parcels in list order as keepLoad kept them (its count of them), or null. */
  getKeptLoad(slot: number): Int32Array | null {
    return slot < this.loadKept.length && this.loadKept[slot] === 1
      ? (this.keptLoads[slot] as Int32Array)
      : null;
  }

  /** Puts a popped trailer back on the road, to arrive at its (later) arriveS. */
  requeueArrival(slot: number): void {
    this.heapPush(slot);
  }

  /** The earliest arrival's slot, or -1 if no trailer is on the road. */
  peekArrival(): number {
    return this.heapSize > 0 ? this.heap[0] : -1;
  }

  /** Removes the earliest arrival from the road; the caller unloads it, then calls release. */
  popArrival(): number {
    const top = this.heap[0];
    this.heapSize--;
    if (this.heapSize > 0) {
      this.heap[0] = this.heap[this.heapSize];
      this.siftDown(0);
    }
    return top;
  }

  release(slot: number): void {
    const c = this.columns;
    if (slot < this.loadKept.length) this.loadKept[slot] = 0;
    c.head[slot] = NO_PARCEL;
    c.tail[slot] = NO_PARCEL;
    c.count[slot] = 0;
    c.dock[slot] = DOCK_NONE;
    c.nextFree[slot] = this.freeHead;
    this.freeHead = slot;
  }

  private before(a: number, b: number): boolean {
    const arrive = this.columns.arriveS;
    return arrive[a] < arrive[b] || (arrive[a] === arrive[b] && a < b);
  }

  private heapPush(slot: number): void {
    if (this.heapSize === this.heap.length) {
      const heap = new Int32Array(this.heap.length * 2);
      heap.set(this.heap);
      this.heap = heap;
    }
    let i = this.heapSize++;
    this.heap[i] = slot;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(this.heap[i], this.heap[parent])) break;
      const swap = this.heap[parent];
      this.heap[parent] = this.heap[i];
      this.heap[i] = swap;
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const left = i * 2 + 1;
      const right = left + 1;
      let best = i;
      if (left < this.heapSize && this.before(this.heap[left], this.heap[best])) best = left;
      if (right < this.heapSize && this.before(this.heap[right], this.heap[best])) best = right;
      if (best === i) return;
      const swap = this.heap[best];
      this.heap[best] = this.heap[i];
      this.heap[i] = swap;
      i = best;
    }
  }

  private grow(): void {
    const old = this.columns;
    const c = allocate(old.capacity * 2);
    copyColumnsInto(c, old);
    this.columns = c;
    this.linkFree(old.capacity, c.capacity);
  }

  /** A copy for a snapshot: the pool goes on changing. */
  save(): TrailerPoolSnapshot {
    const { columns, freeHead, heap, heapSize, atDoor, atDoorCount } = this.copy();
    return { columns, freeHead, heap, heapSize, atDoor, atDoorCount };
  }

  /** A live pool from a snapshot, sharing nothing with it. */
  static load(saved: TrailerPoolSnapshot): TrailerPool {
    return new TrailerPool(
      saved.columns,
      saved.freeHead,
      saved.heap,
      saved.heapSize,
      saved.atDoor,
      saved.atDoorCount,
    ).copy();
  }

  copy(): TrailerPool {
    const c = this.columns;
    return new TrailerPool(
      {
        capacity: c.capacity,
        originFacility: c.originFacility.slice(),
        destinationFacility: c.destinationFacility.slice(),
        leg: c.leg.slice(),
        departS: c.departS.slice(),
        arriveS: c.arriveS.slice(),
        head: c.head.slice(),
        tail: c.tail.slice(),
        count: c.count.slice(),
        dock: c.dock.slice(),
        nextFree: c.nextFree.slice(),
      },
      this.freeHead,
      this.heap.slice(),
      this.heapSize,
      this.atDoor.slice(),
      this.atDoorCount,
    );
  }
}

function allocate(capacity: number): TrailerColumns {
  return {
    capacity,
    originFacility: new Int32Array(capacity),
    destinationFacility: new Int32Array(capacity),
    leg: new Uint8Array(capacity),
    departS: new Float64Array(capacity),
    arriveS: new Float64Array(capacity),
    head: new Int32Array(capacity).fill(NO_PARCEL),
    tail: new Int32Array(capacity).fill(NO_PARCEL),
    count: new Int32Array(capacity),
    dock: new Uint8Array(capacity),
    nextFree: new Int32Array(capacity).fill(-2),
  };
}
