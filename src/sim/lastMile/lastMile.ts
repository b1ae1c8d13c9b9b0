/**
 * The last mile: the stage that takes parcels sorted at a delivery station (the hand-off queue,
 * STAGE_READY_AT_STATION) to the door.
 *
 * Each station runs dispatch waves on its local clock (schedules.ts: WAVE_OFFSETS_H around
 * firstWaveHour). At a wave it takes every parcel in its hand-off queue and decides
 * (carrierChoice; the early wave hands over the partner carriers' parcels only):
 * - partner parcels (rural, or light and cheaper by USPS) go on a hand-off truck per carrier, and
 *   the carrier's door runs deliver them after its service time (partnerCarriers);
 * - the first wave routes the own parcels onto the station's DSP vans (waveRoutes, deliveryVans);
 *   what the vans cannot take is offered as Flex blocks (flexBlocks), as are a later wave's
 *   parcels that would be late by tomorrow's vans, and vans the morning left at the station
 *   (a van drives one shift a day) take what Flex does not; other parcels of later waves wait;
 * - parcels no vehicle took wait for the next wave, and at the day's last wave go to a partner
 *   carrier.
 * Every vehicle's trip goes to the trip sink with its stops; every parcel is then on board (its
 * delivery time in the delivery heap) until the step that reaches that time delivers it, books
 * the metrics and frees its slot.
 *
 * Random numbers: routing seeds from the `lastMile` stream (one draw per station wave, whatever
 * the optimiser), partner service times from `carriers`, Flex acceptance from shared numbers
 * (flexBlocks). Nothing else is random.
 */
import { getCalendarMultiplier } from '../demand';
import {
  getPromiseDeadlineS,
  getTomorrowsVanWaveS,
  getWaveInStepS,
  LAST_WAVE,
  VAN_WAVE,
  WAVE_COUNT,
} from '../schedules';
import { LAT_DEG_PER_KM, lonDegPerKm } from '../geo';
import type { NetworkModel } from '../network';
import type { Params } from '../params';
import { type ParcelStore, type QueueSet, readEventTime } from '../parcels';
import type { RandomStreams } from '../rng';
import type { TripRecord } from '../trips';
import type { ParcelJournal } from '../parcelJournal';
import { DEFAULT_DISPATCH_RULES, type DispatchRules } from './dispatchRules';
import { LastMileDispatcher } from './lastMileDispatcher';
import {
  CARRIER_NAMES,
  CARRIER_NONE,
  type CarrierName,
  CHOICE_REASONS,
  type ChoiceReason,
} from './carrierChoice';
import { DeliveryHeap } from './deliveryHeap';
import { DueLedger } from '../dueLedger';
import { FacilityDeliveryLedger } from './facilityDeliveries';
import { LAST_MILE_KPI_INDEX as K, LastMileMetrics } from './lastMileMetrics';

/** Stages after the hand-off (PARCEL_STAGES continues with these). */
import { EVENT_READY_AT_STATION, STAGE_OUT_FOR_DELIVERY, STAGE_WITH_CARRIER } from '../kinds';

export { STAGE_OUT_FOR_DELIVERY, STAGE_WITH_CARRIER };

/** Where last-mile trips go: the engine's TripBuffer (stops are an optional second call). */
export interface LastMileTripSink {
  append(trip: TripRecord, positions: Float32Array, offsetsS: Float32Array, vertexCount: number): void;
  /** The stops of the trip appended last: arrival vertex and parcel id per stop. */
  appendStops?(stopVertex: Uint32Array, parcelIds: Float64Array, stopCount: number): void;
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
   * one shift a day); grown on first use.
   */
  vansUsed: Int32Array;
  vanDay: Int32Array;
  /** Parcels by the hour their promise falls due, and how many arrived in time (honest on-time). */
  due: DueLedger;

  constructor(regionCount: number, from?: LastMileState) {
    this.carrier = from ? from.carrier.slice() : new Uint8Array(1024);
    this.reason = from ? from.reason.slice() : new Uint8Array(1024);
    this.heap = from ? from.heap.copy() : new DeliveryHeap();
    this.metrics = from ? from.metrics.copy() : new LastMileMetrics(regionCount);
    this.facilityDeliveries = from ? from.facilityDeliveries.copy() : new FacilityDeliveryLedger();
    this.vansUsed = from ? from.vansUsed.slice() : new Int32Array(0);
    this.vanDay = from ? from.vanDay.slice() : new Int32Array(0);
    this.due = from ? from.due.copy() : new DueLedger();
  }

  /** Vans a station still has on local day `day`. */
  getVansLeft(station: number, day: number, fleet: number): number {
    if (station >= this.vansUsed.length) {
      const used = new Int32Array(station + 1);
      used.set(this.vansUsed);
      const days = new Int32Array(station + 1).fill(-1);
      days.set(this.vanDay);
      this.vansUsed = used;
      this.vanDay = days;
    }
    if (this.vanDay[station] !== day) {
      this.vanDay[station] = day;
      this.vansUsed[station] = 0;
    }
    return Math.max(0, fleet - this.vansUsed[station]);
  }

  ensureSlots(capacity: number): void {
    if (this.carrier.length >= capacity) return;
    const carrier = new Uint8Array(capacity);
    carrier.set(this.carrier);
    const reason = new Uint8Array(capacity);
    reason.set(this.reason);
    this.carrier = carrier;
    this.reason = reason;
  }

  copy(): LastMileState {
    return new LastMileState(this.metrics.deliveredByRegion.length, this);
  }
}

export class LastMile {
  readonly dispatcher: LastMileDispatcher;

  constructor(
    readonly model: NetworkModel,
    public params: Params,
    readonly seed: number,
    /** Queue id of a station's hand-off queue in the host's QueueSet. */
    readonly readyQueueOf: (stationId: number) => number,
    public state: LastMileState = new LastMileState(model.regionCount),
    /** Which wave offers a vehicle to which parcel (dispatchRules.ts). */
    readonly rules: DispatchRules = DEFAULT_DISPATCH_RULES,
  ) {
    this.dispatcher = new LastMileDispatcher(model, seed);
    state.facilityDeliveries.ensureFacilities(model.network.facilities.length);
  }

  /** Runs every wave whose time falls in (t0, t1], then delivers what reaches the door by t1. */
  step(t0: number, t1: number, host: LastMileHost): void {
    this.runWaves(t0, t1, host);
    this.deliverDue(t1, host);
  }

  runWaves(t0: number, t1: number, host: LastMileHost): void {
    const { model, params } = this;
    for (let w = 0; w < WAVE_COUNT; w++) {
      for (const station of model.stationIds) {
        const waveS = getWaveInStepS(params, w, model.facilityOffsetH[station], t0, t1);
        if (!Number.isNaN(waveS)) this.runWave(station, w, waveS, host);
      }
    }
  }

  /** Runs wave `waveIndex` of a station at `waveS` on every parcel in its hand-off queue. */
  runWave(station: number, waveIndex: number, waveS: number, host: LastMileHost): void {
    const queue = this.readyQueueOf(station);
    const count = host.queues.count[queue];
    // One routing seed per station wave, drawn even when idle so other streams never shift.
    const routingSeed = host.streams.lastMile.nextUint32();
    if (count === 0) return;
    const { params, state } = this;
    state.ensureSlots(host.parcels.columns.capacity);
    const calendar = getCalendarMultiplier(params, waveS);
    this.dispatcher.runWave(
      {
        params,
        rules: this.rules,
        state,
        host,
        station,
        offsetH: this.model.facilityOffsetH[station],
        region: this.model.facilityRegion[station],
        queue,
        waveIndex,
        waveS,
        partnerOnly: waveIndex < VAN_WAVE,
        vanWave: waveIndex === VAN_WAVE,
        lastWave: waveIndex === LAST_WAVE,
        nextFirstWaveS: getTomorrowsVanWaveS(waveS, waveIndex),
        calendarMultiplier: calendar,
        routingSeed,
      },
      count,
    );
  }

  /** Delivers every parcel whose door time is at or before t1: books it and frees its slot. */
  deliverDue(t1: number, host: LastMileHost): void {
    const { model, state } = this;
    const { heap, metrics, facilityDeliveries } = state;
    const parcels = host.parcels;
    const c = parcels.columns;
    while (heap.size > 0 && heap.deliverS[0] <= t1) {
      const deliverS = heap.deliverS[0];
      const slot = heap.pop();
      const station = c.destinationStation[slot];
      const orderS = c.orderedS[slot];
      const promise = c.promise[slot];
      const deadlineS = getPromiseDeadlineS(orderS, promise, model.facilityOffsetH[station]);
      const carrier = state.carrier[slot];
      const lateAtStation = readEventTime(c, slot, EVENT_READY_AT_STATION, deliverS) > deadlineS;
      if (deliverS <= deadlineS) state.due.recordOnTime(deadlineS, promise);
      metrics.recordDelivery(
        carrier,
        promise,
        model.facilityRegion[station],
        deliverS - deadlineS,
        deliverS - orderS,
        lateAtStation,
      );
      facilityDeliveries.recordDelivery(
        model,
        c.originFc[slot],
        station,
        carrier,
        promise,
        deliverS - deadlineS,
        deliverS - orderS,
        lateAtStation,
      );
      if (host.journal.isWatched(slot)) host.journal.record(slot, { kind: 'delivered', timeS: deliverS });
      // A recycled slot starts with no decision.
      state.carrier[slot] = CARRIER_NONE;
      state.reason[slot] = 0;
      parcels.release(slot);
    }
  }

  /** Parcels on board a vehicle or with a partner carrier. */
  get onTheirWay(): number {
    return this.state.heap.size;
  }

  /** Flow counter by name (see LAST_MILE_FLOW_KPIS). */
  getFlow(name: keyof typeof K): number {
    return this.state.metrics.get(K[name]);
  }
}

/** Degrees per km at a station, for drawing its street grid. */
export function getStationFrameDegrees(lat: number): [number, number] {
  return [lonDegPerKm(lat), LAT_DEG_PER_KM];
}

/** The last mile's part of a snapshot: structured-cloneable typed arrays. */
export interface LastMileSnapshot {
  carrier: Uint8Array;
  reason: Uint8Array;
  heapDeliverS: Float64Array;
  heapSlot: Int32Array;
  heapSize: number;
  /** Breakdowns (the flow counters live in the engine's KPI row). */
  deliveredByCarrier: Float64Array;
  onTimeByCarrier: Float64Array;
  deliveredByPromise: Float64Array;
  onTimeByPromise: Float64Array;
  deliveredByRegion: Float64Array;
  onTimeByRegion: Float64Array;
  latenessHistogram: Float64Array;
  reasons: Float64Array;
  /** FacilityDeliveryLedger.values: facilities x FACILITY_DELIVERY_COLUMNS, row-major. */
  facilityDeliveries: Float64Array;
  vansUsed: Int32Array;
  vanDay: Int32Array;
  /** DueLedger.counts: the open due hours. */
  dueCounts: Float64Array;
}

export function writeLastMileSnapshot(state: LastMileState): LastMileSnapshot {
  const m = state.metrics;
  return {
    carrier: state.carrier.slice(),
    reason: state.reason.slice(),
    heapDeliverS: state.heap.deliverS.slice(0, Math.max(1, state.heap.size)),
    heapSlot: state.heap.slot.slice(0, Math.max(1, state.heap.size)),
    heapSize: state.heap.size,
    deliveredByCarrier: m.deliveredByCarrier.slice(),
    onTimeByCarrier: m.onTimeByCarrier.slice(),
    deliveredByPromise: m.deliveredByPromise.slice(),
    onTimeByPromise: m.onTimeByPromise.slice(),
    deliveredByRegion: m.deliveredByRegion.slice(),
    onTimeByRegion: m.onTimeByRegion.slice(),
    latenessHistogram: m.latenessHistogram.slice(),
    reasons: m.reasons.slice(),
    facilityDeliveries: state.facilityDeliveries.values.slice(),
    vansUsed: state.vansUsed.slice(),
    vanDay: state.vanDay.slice(),
    dueCounts: state.due.counts.slice(),
  };
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
  const capacity = Math.max(1024, snapshot.heapSlot.length * 2);
  const deliverS = new Float64Array(capacity);
  deliverS.set(snapshot.heapDeliverS);
  const slot = new Int32Array(capacity);
  slot.set(snapshot.heapSlot);
  state.heap = new DeliveryHeap(deliverS, slot, snapshot.heapSize);
  const m = new LastMileMetrics(snapshot.deliveredByRegion.length, flows, base);
  m.deliveredByCarrier.set(snapshot.deliveredByCarrier);
  m.onTimeByCarrier.set(snapshot.onTimeByCarrier);
  m.deliveredByPromise.set(snapshot.deliveredByPromise);
  m.onTimeByPromise.set(snapshot.onTimeByPromise);
  m.deliveredByRegion.set(snapshot.deliveredByRegion);
  m.onTimeByRegion.set(snapshot.onTimeByRegion);
  m.latenessHistogram.set(snapshot.latenessHistogram);
  m.reasons.set(snapshot.reasons);
  state.metrics = m;
  state.facilityDeliveries = new FacilityDeliveryLedger(snapshot.facilityDeliveries.slice());
  state.vansUsed = snapshot.vansUsed.slice();
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
  for (let h = 0; h < heap.size; h++) {
    const slot = heap.slot[h];
    if (seen[slot]) errors.push(`parcel slot ${slot} is on its way to the door twice, or also in a queue`);
    seen[slot] = 1;
    if (stage[slot] !== STAGE_OUT_FOR_DELIVERY && stage[slot] !== STAGE_WITH_CARRIER)
      errors.push(`parcel slot ${slot} is on its way to the door but has stage ${stage[slot]}`);
    const parent = (h - 1) >> 1;
    if (h > 0 && heap.deliverS[parent] > heap.deliverS[h])
      errors.push(
        `delivery heap out of order at ${h} (${heap.deliverS[h]} before its parent's ${heap.deliverS[parent]})`,
      );
  }
  return errors;
}

/** Grows the per-region breakdowns after a rebuild with more regions (counts keep their index). */
export function resizeLastMileRegions(state: LastMileState, regionCount: number): void {
  const m = state.metrics;
  if (m.deliveredByRegion.length >= regionCount) return;
  const delivered = new Float64Array(regionCount);
  delivered.set(m.deliveredByRegion);
  const onTime = new Float64Array(regionCount);
  onTime.set(m.onTimeByRegion);
  m.deliveredByRegion = delivered;
  m.onTimeByRegion = onTime;
}

/** Who is taking a parcel to the door and why (for the parcel trace); null before a decision. */
export function describeLastMileChoice(
  state: LastMileState,
  slot: number,
): { carrier: CarrierName; reason: ChoiceReason } | null {
  if (slot >= state.carrier.length || state.carrier[slot] === CARRIER_NONE) return null;
  return { carrier: CARRIER_NAMES[state.carrier[slot]], reason: CHOICE_REASONS[state.reason[slot]] };
}
