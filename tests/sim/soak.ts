/**
 * A long run of the model, day by day: the memory it holds after a full garbage collection
 * (JS heap plus typed-array buffers, where the parcel columns live), its parcel slots, and every
 * parcel accounted for (the invariants walk: each ordered parcel live in exactly one place or
 * delivered, ordered = live + delivered). Used by the soak test and `npm run bench -- soak`.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DELIVERY_STATION } from '../../src/sim/kinds';
import type { Params } from '../../src/sim/params';
import { createSimulation, type Simulation } from '../../src/sim/simulation';
import { getTripBatchBytes } from '../../src/sim/trips';

export interface SoakDay {
  day: number;
  /** Heap used plus ArrayBuffer bytes after a full GC, bytes. */
  memoryBytes: number;
  parcelSlots: number;
  liveParcels: number;
  ordered: number;
  delivered: number;
  /** The longest any parcel ready at a delivery station at the day's end has waited there, s. */
  longestStationWaitS: number;
  /** Parcel column bytes (every slot, free or not) per live parcel at the day's end. */
  columnBytesPerLiveParcel: number;
  /** Bytes of the trip batches the day produced (what the worker streams of them). */
  tripBytes: number;
  /** Broken invariants at the day's end (empty: every parcel accounted for). */
  broken: string[];
  wallMs: number;
}

/**
 * Full collections, so memory figures compare what is held, not what is not yet collected. Two:
 * after one, the typed arrays it found dead (the hour's drained trip batches, a grown column's old
 * one) still counted in `arrayBuffers` for 5-30 MB at the default scale, day to day at random; after
 * a second the figure is steady to 0.1 MB.
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

/** The longest wait of a parcel now ready at its delivery station (its hand-off queue), s. */
function getLongestStationWaitS(sim: Simulation): number {
  let longest = 0;
  for (const facility of sim.network.facilities) {
    if (facility.kind !== DELIVERY_STATION) continue;
    // The queue is oldest first, but a parcel a wave left behind rejoins it at the back.
    for (const parcelId of sim.readReadyParcels(facility.id)) {
      const ready = sim.traceParcel(parcelId)?.events.find((event) => event.event === 'readyAtStation');
      if (ready) longest = Math.max(longest, sim.timeS - ready.timeS);
    }
  }
  return longest;
}

export function soak(params: Params, seed: number, days: number, onDay?: (day: SoakDay) => void): SoakDay[] {
  const sim = createSimulation(params, seed);
  const out: SoakDay[] = [];
  for (let day = 1; day <= days; day++) {
    const startedMs = performance.now();
    // Hour by hour, draining trips as the worker does (it drains every tick): a day of undrained
    // trips would grow the trip buffer and count as memory the model holds.
    let tripBytes = 0;
    for (let hour = 1; hour <= 24; hour++) {
      sim.advanceTo((day - 1) * 86_400 + hour * 3600);
      tripBytes += getTripBatchBytes(sim.drainTrips());
    }
    const wallMs = performance.now() - startedMs;
    // Memory first: the checks below build what the model does not hold (the KPIs' hourly
    // columns, 95 x hours x 8 B, the invariants' walk), and a buffer dropped just before a
    // reading can still count in `arrayBuffers` after the collections.
    collectGarbage();
    const memory = process.memoryUsage();
    const broken = sim.checkInvariants();
    const kpis = sim.getKpis().cumulative;
    const memoryUse = sim.readMemoryUse();
    const row: SoakDay = {
      day,
      memoryBytes: memory.heapUsed + memory.arrayBuffers,
      parcelSlots: memoryUse.parcelSlots,
      columnBytesPerLiveParcel: memoryUse.parcelColumnBytes / memoryUse.liveParcels,
      tripBytes,
      liveParcels: kpis.liveParcels,
      longestStationWaitS: getLongestStationWaitS(sim),
      ordered: kpis.ordered,
      delivered: kpis.delivered,
      broken,
      wallMs,
    };
    out.push(row);
    onDay?.(row);
  }
  return out;
}

/** Memory growth from day `baseDay` (after the network's fill) to the last day, as a fraction. */
export function getMemoryGrowth(days: readonly SoakDay[], baseDay = 2): number {
  const base = days[baseDay - 1].memoryBytes;
  return (days[days.length - 1].memoryBytes - base) / base;
}
