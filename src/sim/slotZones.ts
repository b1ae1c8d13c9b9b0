/**
 * Where the parcel store puts a new parcel (ParcelStore.allocate): its slots fall in blocks of
 * `blockSlots`, each block taken by one zone, and a zone's next fit goes round its own blocks
 * only. A parcel's zone is its key's (network.ts getParcelZoneKey: its destination station),
 * keys in runs of neighbours per zone where the store is too small for a zone a key: each zone
 * holds MIN_ZONE_SLOTS of the store's slots at least (at the default scale 84 zones for 600
 * stations, from scale ~0.07 one a station), so that its day-to-day swings stay small against
 * the room it takes.
 *
 * Why: every stage after the sortation centers works a region or a station at a time (a sort
 * center's sort, a trailer to a station, a station's sort and waves), and its parcels were
 * ordered across the whole country at once. Laid in slots in order-time order (one next fit for
 * all), a station's parcels lay all over the store (1.3 GB at full scale): a cache miss each, and
 * a TLB miss whose page-table walk missed too. Within its zone's blocks (~0.1% of the store at
 * full scale), one station's parcels share pages and the page tables' lines stay in cache. Measured on
 * random reads of a 35 M-slot store: ~115 ns a parcel spread over all of it, ~41 ns within a
 * sixteenth of it.
 *
 * A zone takes another block when its blocks are MAX_OCCUPANCY full (so its next fit passes ~20
 * slots at most on average, as the store's one next fit did), the lowest-numbered block no zone
 * has taken from where the last search stopped; when none is left the store grows. A zone keeps
 * its blocks: volumes are steady from day to day, and a peak's extra blocks serve the next peak.
 * (A network edit that adds or removes stations moves keys from zone to zone; the zones keep their
 * blocks, and one that now gets more parcels takes more, growing the store if none is left.)
 */
import { STAGE_FREE } from './kinds';
import { growTypedArray } from './typedArrays';

/** Share of a zone's slots live at which it takes another block. */
const MAX_OCCUPANCY = 0.95;
/**
 * Slots of the store a zone has at least: with fewer parcels a zone's swings from day to day (a
 * zone keeps the blocks its busiest day took) outgrew the store's room (at 1/5 of the default
 * scale, a zone a station of ~40 parcels grew the store by half on day 14).
 */
const MIN_ZONE_SLOTS = 4096;
/** Largest block: at full scale a block holds ~50 minutes of one station's orders. */
const MAX_BLOCK_SLOTS = 1024;
/**
 * A store's blocks are small enough that every zone's part-filled block together is at most
 * 1 / ZONE_ROOM_SHARE of it (at 1/20 of the default scale, 4 zones of 128-slot blocks): the
 * rounding costs few bytes per live parcel.
 */
const ZONE_ROOM_SHARE = 16;

/** What a snapshot keeps of a store's zones (SlotZones.save). */
export interface SavedSlotZones {
  blockSlots: number;
  zoneCount: number;
  keyCount: number;
  blockZone: Int32Array;
  nextBlock: Int32Array;
  zoneCursor: Int32Array;
  zoneLive: Int32Array;
  zoneSlots: Int32Array;
  zoneLastBlock: Int32Array;
  searchFrom: number;
}

/** Zones for a store of `capacity` slots and parcels of `keyCount` keys. */
export function getZoneCount(capacity: number, keyCount: number): number {
  return Math.max(1, Math.min(keyCount, Math.floor(capacity / MIN_ZONE_SLOTS)));
}

/** Slots per block for a store of `capacity` slots shared by `zoneCount` zones: a power of two. */
export function getBlockSlots(capacity: number, zoneCount: number): number {
  let blockSlots = 1;
  while (blockSlots < MAX_BLOCK_SLOTS && 2 * blockSlots * zoneCount * ZONE_ROOM_SHARE <= capacity)
    blockSlots *= 2;
  return blockSlots;
}

export class SlotZones {
  /** Per block: its zone + 1, or 0 while no zone has taken it. */
  private blockZone: Int32Array;
  /** Per block: the next block of its zone's ring. */
  private nextBlock: Int32Array;
  /** Per zone: the slot its next fit looks at first. */
  private zoneCursor: Int32Array;
  /** Per zone: live parcels in its blocks. */
  private zoneLive: Int32Array;
  /** Per zone: slots in its blocks. */
  private zoneSlots: Int32Array;
  /** Per zone: the block it took last (its ring goes on from there to its first), or -1. */
  private zoneLastBlock: Int32Array;
  /** Where the search for a block no zone has taken starts. */
  private searchFrom: number;
  /** log2(blockSlots): a slot's block is slot >> blockShift. */
  private readonly blockShift: number;

  constructor(
    readonly blockSlots: number,
    blockCount: number,
    readonly zoneCount: number,
    readonly keyCount: number,
    saved?: SavedSlotZones,
  ) {
    this.blockZone = saved?.blockZone.slice() ?? new Int32Array(blockCount);
    this.nextBlock = saved?.nextBlock.slice() ?? new Int32Array(blockCount);
    // A zone a saved copy lacks (it kept only the zones that had taken a block) starts empty.
    const perZone = (values: Int32Array | undefined, empty: number) => {
      const zones = new Int32Array(zoneCount).fill(empty);
      if (values) zones.set(values.subarray(0, zoneCount));
      return zones;
    };
    this.zoneCursor = perZone(saved?.zoneCursor, 0);
    this.zoneLive = perZone(saved?.zoneLive, 0);
    this.zoneSlots = perZone(saved?.zoneSlots, 0);
    this.zoneLastBlock = perZone(saved?.zoneLastBlock, -1);
    this.searchFrom = saved?.searchFrom ?? 0;
    this.blockShift = Math.log2(blockSlots);
    if (!Number.isInteger(this.blockShift))
      throw new Error(`slot zones: blocks of ${blockSlots} slots, not a power of two`);
  }

  static restore(saved: SavedSlotZones): SlotZones {
    return new SlotZones(saved.blockSlots, saved.blockZone.length, saved.zoneCount, saved.keyCount, saved);
  }

  save(): SavedSlotZones {
    return {
      blockSlots: this.blockSlots,
      zoneCount: this.zoneCount,
      keyCount: this.keyCount,
      blockZone: this.blockZone.slice(),
      nextBlock: this.nextBlock.slice(),
      zoneCursor: this.zoneCursor.slice(),
      zoneLive: this.zoneLive.slice(),
      zoneSlots: this.zoneSlots.slice(),
      zoneLastBlock: this.zoneLastBlock.slice(),
      searchFrom: this.searchFrom,
    };
  }

  /** Bytes save() copies. */
  getSavedBytes(): number {
    return 4 * (2 * this.blockZone.length + 4 * this.zoneCount);
  }

  /**
   * Blocks of a store grown to `capacity` slots (a store saved before zones may end in part of a
   * block, which no zone takes until a growth makes it whole).
   */
  addBlocks(capacity: number): void {
    const blocks = Math.floor(capacity / this.blockSlots);
    if (blocks <= this.blockZone.length) return;
    this.blockZone = growTypedArray(this.blockZone, blocks);
    this.nextBlock = growTypedArray(this.nextBlock, blocks);
  }

  /**
   * A free slot in the zone of `key` for a new parcel, counted live in it; -1 when the store has
   * no block left to give the zone (grow it, addBlocks, and ask again). `stage` is the store's
   * stage column.
   */
  take(key: number, stage: Uint8Array): number {
    // A key past keyCount (a network edit added stations) joins the last zone.
    const zone = Math.min(this.zoneCount - 1, Math.floor((key * this.zoneCount) / this.keyCount));
    while (this.zoneLive[zone] >= this.zoneSlots[zone] * MAX_OCCUPANCY)
      if (!this.takeBlock(zone, stage)) return -1;
    const mask = this.blockSlots - 1;
    const shift = this.blockShift;
    let slot = this.zoneCursor[zone];
    // ~1 / (1 - MAX_OCCUPANCY) slots passed at most on average; a sequential byte scan.
    while (stage[slot] !== STAGE_FREE) {
      slot++;
      if ((slot & mask) === 0) slot = this.nextBlock[(slot - 1) >> shift] << shift;
    }
    let after = slot + 1;
    if ((after & mask) === 0) after = this.nextBlock[slot >> shift] << shift;
    this.zoneCursor[zone] = after;
    this.zoneLive[zone]++;
    return slot;
  }

  /** Counts a parcel leaving `slot` out of its zone. */
  release(slot: number): void {
    const owner = this.blockZone[slot >> this.blockShift];
    // A slot in a block no zone has taken: a parcel of a store saved before zones (ParcelStore's
    // constructor), whose block no zone has needed yet.
    if (owner > 0) this.zoneLive[owner - 1]--;
  }

  /**
   * What is wrong with the zones against the store's `stage` column: a zone's count of live
   * parcels or slots that its blocks do not hold, a ring that does not close; empty when none.
   */
  check(stage: Uint8Array): string[] {
    const errors: string[] = [];
    for (let zone = 0; zone < this.zoneCount; zone++) {
      const last = this.zoneLastBlock[zone];
      let live = 0;
      let slots = 0;
      if (last >= 0) {
        let block = last;
        do {
          block = this.nextBlock[block];
          if (this.blockZone[block] !== zone + 1) {
            errors.push(`zone ${zone}'s ring holds block ${block} of zone ${this.blockZone[block] - 1}`);
            break;
          }
          slots += this.blockSlots;
          for (let slot = block * this.blockSlots; slot < (block + 1) * this.blockSlots; slot++)
            if (stage[slot] !== STAGE_FREE) live++;
        } while (block !== last && slots <= this.blockZone.length * this.blockSlots);
      }
      if (slots !== this.zoneSlots[zone])
        errors.push(`zone ${zone} counts ${this.zoneSlots[zone]} slots, its blocks hold ${slots}`);
      if (live !== this.zoneLive[zone])
        errors.push(`zone ${zone} counts ${this.zoneLive[zone]} live parcels, its blocks hold ${live}`);
    }
    return errors;
  }

  /**
   * Gives `zone` the first block no zone has, from where the last search stopped, into its ring
   * after the block it took last; false when every block is taken. The block's live parcels (from
   * a store made before zones) count as the zone's.
   */
  private takeBlock(zone: number, stage: Uint8Array): boolean {
    const blocks = this.blockZone.length;
    let block = -1;
    for (let k = 0; k < blocks; k++) {
      const candidate = (this.searchFrom + k) % blocks;
      if (this.blockZone[candidate] === 0) {
        block = candidate;
        break;
      }
    }
    if (block < 0) return false;
    this.searchFrom = (block + 1) % blocks;
    this.blockZone[block] = zone + 1;
    const last = this.zoneLastBlock[zone];
    this.nextBlock[block] = last < 0 ? block : this.nextBlock[last];
    if (last >= 0) this.nextBlock[last] = block;
    this.zoneLastBlock[zone] = block;
    this.zoneSlots[zone] += this.blockSlots;
    const first = block * this.blockSlots;
    for (let slot = first; slot < first + this.blockSlots; slot++)
      if (stage[slot] !== STAGE_FREE) this.zoneLive[zone]++;
    // The zone fills its new block from its start.
    this.zoneCursor[zone] = first;
    return true;
  }
}
