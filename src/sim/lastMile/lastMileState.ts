/**
 * What the last mile keeps between steps (the parcels on their way to the door, each parcel's
 * carrier and reason, the breakdowns and ledgers) and what it uses of the engine's state, with
 * its snapshot, invariants and rebuild resizing. The stage itself is lastMile.ts.
 */
import { DueLedger } from '../dueLedger';
import { STAGE_OUT_FOR_DELIVERY, STAGE_WITH_CARRIER } from '../kinds';
import type { ParcelJournal } from '../parcelJournal';
import type { ParcelStore, QueueSet } from '../parcels';
import type { RandomStreams } from '../rng';
import type { LonLatBounds, TripRecord } from '../trips';
import {
  CARRIER_NAMES,
  CARRIER_NONE,
  type CarrierName,
  CHOICE_REASONS,
  type ChoiceReason,
} from './carrierChoice';
import { growTypedArray } from '../typedArrays';
import { DeliveryHeap } from './deliveryHeap';
import { FacilityDeliveryLedger } from './facilityDeliveries';
import { BREAKDOWN_COLUMNS, type BreakdownColumn, LastMileMetrics } from './lastMileMetrics';

/** Where last-mile trips go: the engine's TripBuffer (stops are an optional second call). */
export interface LastMileTripSink {
  append(trip: TripRecord, positions: Float32Array, offsetsS: Float32Array, vertexCount: number): void;
  /**
   * The stops of the trip appended last: arrival vertex, parcel id and its deadline (sim s) per
   * stop; `streetGridStation`, the station whose street grid the trip drives (TripBuffer);
   * `drawnStopToStop`, its path has no streets between its doors (writeRouteTrip left them out).
   */
  appendStops?(
    stopVertex: Uint32Array,
    parcelIds: Float64Array,
    dueS: Float64Array,
    stopCount: number,
    streetGridStation: number,
    drawnStopToStop?: boolean,
  ): void;
  /** Where last-mile trips are drawn street by street (TripBuffer); absent: everywhere. */
  readonly streetDetailBounds?: LonLatBounds | null;
}

/** What the last mile uses of the engine's state (EngineState satisfies it). */
export interface LastMileHost {
  parcels: ParcelStore;
  queues: QueueSet;
  trips: LastMileTripSink;
  streams: RandomStreams;
  /** 1 while a region's storm lasts. */
  regionStorm: Uint8Array;
  regionSpeedFactor: Float32Array;
  /** Next vehicle id; the last mile takes ids from it. */
  vehicleSerial: number;
  /** Where watched parcels' hand-offs, deferrals and deliveries are written down. */
  journal: ParcelJournal;
}

/** Everything the last mile keeps between steps; copied whole by snapshots. */
export class LastMileState {
  /** Per parcel slot: carrier code and decision reason (carrierChoice), kept for the trace. */
  carrier: Uint8Array;
  reason: Uint8Array;
  heap: DeliveryHeap;
  metrics: LastMileMetrics;
  /** Delivery figures per facility (station, origin FC, sortation centers crossed). */
  facilityDeliveries: FacilityDeliveryLedger;
  /**
   * Per facility id (stations): vans already sent out on the local day `vanDay` (a van drives
   * one shift a day) and Flex blocks already taken that day (the station's drivers are a finite
   * pool); grown on first use.
   */
  vansUsed: Int32Array;
  flexBlocksTaken: Int32Array;
  vanDay: Int32Array;
  /** Parcels by the hour their promise falls due, and how many arrived in time (honest on-time). */
  due: DueLedger;
  /**
   * Parcels in the heap handed to a partner carrier (the others are out for delivery in a van or
   * a Flex car), counted as they come and go, so the per-stage count the worker makes for every
   * tick (engine.countParcelsByStage) need not read the stage of each parcel on its way: millions
   * at full scale, where that read was 15% of the worker's time. -1 until counted (a restore).
   */
  withCarrierOnTheirWay: number;

  constructor(regionCount: number, from?: LastMileState) {
    this.carrier = from ? from.carrier.slice() : new Uint8Array(1024);
    this.reason = from ? from.reason.slice() : new Uint8Array(1024);
    this.heap = from ? from.heap.copy() : new DeliveryHeap();
    this.metrics = from ? from.metrics.copy() : new LastMileMetrics(regionCount);
    this.facilityDeliveries = from ? from.facilityDeliveries.copy() : new FacilityDeliveryLedger();
    this.vansUsed = from ? from.vansUsed.slice() : new Int32Array(0);
    this.flexBlocksTaken = from ? from.flexBlocksTaken.slice() : new Int32Array(0);
    this.vanDay = from ? from.vanDay.slice() : new Int32Array(0);
    this.due = from ? from.due.copy() : new DueLedger();
    this.withCarrierOnTheirWay = from ? from.withCarrierOnTheirWay : 0;
  }

  /** Counts a parcel handed to a partner carrier as it joins the heap. */
  countHandedToCarrier(): void {
    if (this.withCarrierOnTheirWay >= 0) this.withCarrierOnTheirWay++;
  }

  /** Parcels in the heap with a partner carrier; counted once after a restore, then kept. */
  readWithCarrierOnTheirWay(stage: Uint8Array): number {
    if (this.withCarrierOnTheirWay < 0) {
      let count = 0;
      this.heap.forEach((_, slot) => {
        if (stage[slot] === STAGE_WITH_CARRIER) count++;
      });
      this.withCarrierOnTheirWay = count;
    }
    return this.withCarrierOnTheirWay;
  }

  /** Vans a station still has on local day `day`. */
  getVansLeft(station: number, day: number, fleet: number): number {
    this.openStationDay(station, day);
    return Math.max(0, fleet - this.vansUsed[station]);
  }

  /** Flex blocks a station's driver pool can still take on local day `day`. */
  getFlexBlocksLeft(station: number, day: number, pool: number): number {
    this.openStationDay(station, day);
    return Math.max(0, pool - this.flexBlocksTaken[station]);
  }

  /** Grows the per-station tallies to `station` and clears them when its local day turns. */
  private openStationDay(station: number, day: number): void {
    if (station >= this.vansUsed.length) {
      this.vansUsed = growTypedArray(this.vansUsed, station + 1, 0);
      this.flexBlocksTaken = growTypedArray(this.flexBlocksTaken, station + 1, 0);
      this.vanDay = growTypedArray(this.vanDay, station + 1, -1);
    }
    if (this.vanDay[station] !== day) {
      this.vanDay[station] = day;
      this.vansUsed[station] = 0;
      this.flexBlocksTaken[station] = 0;
    }
  }

  /**
   * Moves the per-station tallies to a rebuilt network's facility ids (`map`: old id -> new id);
   * stations that merge add up what they used today.
   */
  remapStationTallies(map: Int32Array, newFacilityCount: number): void {
    const vansUsed = new Int32Array(newFacilityCount);
    const flexBlocksTaken = new Int32Array(newFacilityCount);
    const vanDay = new Int32Array(newFacilityCount).fill(-1);
    for (let id = 0; id < Math.min(map.length, this.vansUsed.length); id++) {
      const to = map[id];
      if (to < 0 || to >= newFacilityCount) continue;
      vansUsed[to] += this.vansUsed[id];
      flexBlocksTaken[to] += this.flexBlocksTaken[id];
      vanDay[to] = Math.max(vanDay[to], this.vanDay[id]);
    }
    this.vansUsed = vansUsed;
    this.flexBlocksTaken = flexBlocksTaken;
    this.vanDay = vanDay;
  }

  ensureSlots(capacity: number): void {
    if (this.carrier.length >= capacity) return;
    this.carrier = growTypedArray(this.carrier, capacity);
    this.reason = growTypedArray(this.reason, capacity);
  }

  copy(): LastMileState {
    return new LastMileState(this.metrics.deliveredByRegion.length, this);
  }
}

/**
 * The last mile's part of a snapshot: structured-cloneable typed arrays, with the metrics'
 * breakdowns (the flow counters live in the engine's KPI row).
 */
export interface LastMileSnapshot extends Pick<LastMileMetrics, BreakdownColumn> {
  carrier: Uint8Array;
  reason: Uint8Array;
  /** The delivery heap's parcels (DeliveryHeap.save order) and their count. */
  heapDeliverS: Float64Array;
  heapSlot: Int32Array;
  heapSize: number;
  /** The first heapNearSize parcels are the near ones, in pop order; the rest wait past the horizon. */
  heapNearSize: number;
  heapHorizonS: number;
  /** FacilityDeliveryLedger.values: facilities x FACILITY_DELIVERY_COLUMNS, row-major. */
  facilityDeliveries: Float64Array;
  vansUsed: Int32Array;
  flexBlocksTaken: Int32Array;
  vanDay: Int32Array;
  /** DueLedger.counts: the open due hours. */
  dueCounts: Float64Array;
}

function writeHeapSnapshot(
  heap: DeliveryHeap,
): Pick<LastMileSnapshot, 'heapDeliverS' | 'heapSlot' | 'heapSize' | 'heapNearSize' | 'heapHorizonS'> {
  const saved = heap.save();
  return {
    heapDeliverS: saved.deliverS,
    heapSlot: saved.slot,
    heapSize: heap.size,
    heapNearSize: saved.nearSize,
    heapHorizonS: saved.horizonS,
  };
}

export function writeLastMileSnapshot(state: LastMileState): LastMileSnapshot {
  const m = state.metrics;
  return {
    carrier: state.carrier.slice(),
    reason: state.reason.slice(),
    ...writeHeapSnapshot(state.heap),
    ...(Object.fromEntries(BREAKDOWN_COLUMNS.map((key) => [key, m[key].slice()])) as Pick<
      LastMileMetrics,
      BreakdownColumn
    >),
    facilityDeliveries: state.facilityDeliveries.values.slice(),
    vansUsed: state.vansUsed.slice(),
    flexBlocksTaken: state.flexBlocksTaken.slice(),
    vanDay: state.vanDay.slice(),
    dueCounts: state.due.counts.slice(),
  };
}

/** Bytes of the typed arrays writeLastMileSnapshot(state) would copy, without copying. */
export function getLastMileSnapshotBytes(state: LastMileState): number {
  const m = state.metrics;
  let bytes = state.carrier.byteLength + state.reason.byteLength;
  bytes += Math.max(1, state.heap.size) * (Float64Array.BYTES_PER_ELEMENT + Int32Array.BYTES_PER_ELEMENT);
  for (const key of BREAKDOWN_COLUMNS) bytes += m[key].byteLength;
  bytes += state.facilityDeliveries.values.byteLength;
  bytes += state.vansUsed.byteLength + state.flexBlocksTaken.byteLength + state.vanDay.byteLength;
  return bytes + state.due.counts.byteLength;
}

/**
 * Rebuilds the last mile's state from a snapshot; its flow counters are the engine's KPI row
 * `flows` from index `base` on.
 */
export function readLastMileSnapshot(
  snapshot: LastMileSnapshot,
  flows: Float64Array,
  base: number,
): LastMileState {
  const state = new LastMileState(snapshot.deliveredByRegion.length);
  state.carrier = snapshot.carrier.slice();
  state.reason = snapshot.reason.slice();
  state.heap = DeliveryHeap.restore(
    snapshot.heapDeliverS,
    snapshot.heapSlot,
    snapshot.heapSize,
    snapshot.heapNearSize,
    snapshot.heapHorizonS,
  );
  // The snapshot does not hold it: counted from the parcels' stages when first asked.
  state.withCarrierOnTheirWay = -1;
  const m = new LastMileMetrics(snapshot.deliveredByRegion.length, flows, base);
  for (const key of BREAKDOWN_COLUMNS) m[key].set(snapshot[key]);
  state.metrics = m;
  state.facilityDeliveries = new FacilityDeliveryLedger(snapshot.facilityDeliveries.slice());
  state.vansUsed = snapshot.vansUsed.slice();
  state.flexBlocksTaken = snapshot.flexBlocksTaken.slice();
  state.vanDay = snapshot.vanDay.slice();
  state.due = new DueLedger(snapshot.dueCounts.slice());
  return state;
}

/**
 * Broken last-mile invariants, in words: every parcel on its way is live, in a last-mile stage,
 * and in the delivery heap once. Marks those slots in `seen` (the engine's walk of its queues).
 */
export function checkLastMileInvariants(
  state: LastMileState,
  parcels: ParcelStore,
  seen: Uint8Array,
): string[] {
  const errors: string[] = [];
  const { heap } = state;
  const stage = parcels.columns.stage;
  let withCarrier = 0;
  heap.forEach((_, slot) => {
    if (stage[slot] === STAGE_WITH_CARRIER) withCarrier++;
    if (seen[slot]) errors.push(`parcel slot ${slot} is on its way to the door twice, or also in a queue`);
    seen[slot] = 1;
    if (stage[slot] !== STAGE_OUT_FOR_DELIVERY && stage[slot] !== STAGE_WITH_CARRIER)
      errors.push(`parcel slot ${slot} is on its way to the door but has stage ${stage[slot]}`);
  });
  const order = heap.checkOrder();
  if (order !== null) errors.push(order);
  if (state.withCarrierOnTheirWay >= 0 && state.withCarrierOnTheirWay !== withCarrier)
    errors.push(
      `the last mile counts ${state.withCarrierOnTheirWay} parcels with a partner carrier, but ${withCarrier} are`,
    );
  return errors;
}

/** Grows the per-region breakdowns after a rebuild with more regions (counts keep their index). */
export function resizeLastMileRegions(state: LastMileState, regionCount: number): void {
  const m = state.metrics;
  if (m.deliveredByRegion.length >= regionCount) return;
  m.deliveredByRegion = growTypedArray(m.deliveredByRegion, regionCount);
  m.onTimeByRegion = growTypedArray(m.onTimeByRegion, regionCount);
}

/**
 * Clears the carrier decision a recycled slot still holds from the parcel delivered from it, for
 * the new order in it. Deliveries leave their decision behind: the store hands slots to orders in
 * turn, so clearing here writes lines the order writes anyway, where clearing at delivery cost
 * one more scattered cache line a delivery at full scale.
 */
export function clearLastMileChoice(state: Pick<LastMileState, 'carrier' | 'reason'>, slot: number): void {
  // Slots past the columns' end (the store grew since the last wave) are zero when they are grown.
  if (slot >= state.carrier.length) return;
  state.carrier[slot] = CARRIER_NONE;
  state.reason[slot] = 0;
}

/** Who is taking a parcel to the door and why (for the parcel trace); null before a decision. */
export function describeLastMileChoice(
  state: LastMileState,
  slot: number,
): { carrier: CarrierName; reason: ChoiceReason } | null {
  if (slot >= state.carrier.length || state.carrier[slot] === CARRIER_NONE) return null;
  return { carrier: CARRIER_NAMES[state.carrier[slot]], reason: CHOICE_REASONS[state.reason[slot]] };
}
