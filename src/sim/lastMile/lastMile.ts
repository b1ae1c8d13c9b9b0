/**
 * The last mile: the stage that takes parcels sorted at a delivery station (the hand-off queue,
 * STAGE_READY_AT_STATION) to the door.
 *
 * Each station runs dispatch waves on its local clock (schedules.ts: WAVE_OFFSETS_H around
 * firstWaveHour, shifted by the station's own getStationWaveShiftH). At a wave it takes every
 * parcel in its hand-off queue and decides (carrierChoice; the early wave hands over the partner
 * carriers' parcels only):
 * - partner parcels (rural, or light and cheaper by USPS) go on a hand-off truck per carrier, and
 *   the carrier's door runs deliver them after its service time (partnerCarriers);
 * - the first wave routes the own parcels onto the station's DSP vans (waveRoutes, deliveryVans);
 *   what the vans cannot take is offered as Flex blocks (flexBlocks) when tomorrow's vans would
 *   be late for it or it has already waited a day for them (else it waits; stations clear
 *   their floor daily), as are a later wave's parcels that would be late by tomorrow's vans or
 *   have waited a day, and vans the morning left at the station
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
import { EVENT_READY_AT_STATION, STAGE_WITH_CARRIER } from '../kinds';
import type { NetworkModel } from '../network';
import type { Params } from '../params';
import { reportLongWorkProgress } from '../longWork';
import { getLatestEventReadS, readEventTime, RunWalk } from '../parcels';
import {
  getPromiseDeadlineS,
  getTomorrowsVanWaveS,
  getStationWaveShiftH,
  getWaveInStepS,
  LAST_WAVE,
  VAN_WAVE,
  WAVE_COUNT,
} from '../schedules';
import { DEFAULT_DISPATCH_RULES, type DispatchRules } from './dispatchRules';
import { LastMileDispatcher } from './lastMileDispatcher';
import { LAST_MILE_KPI_INDEX as K } from './lastMileMetrics';
import { type LastMileHost, LastMileState } from './lastMileState';

/** Deliveries gathered and booked together (deliverDue): enough misses in flight, all in L2. */
const DELIVERY_BATCH = 256;

/** What deliverDue reads of a batch of parcels, gathered before it books them. */
class DeliveryBatch {
  readonly deliverS = new Float64Array(DELIVERY_BATCH);
  readonly slot = new Int32Array(DELIVERY_BATCH);
  readonly withCarrier = new Uint8Array(DELIVERY_BATCH);
  readonly station = new Int32Array(DELIVERY_BATCH);
  readonly orderedS = new Float64Array(DELIVERY_BATCH);
  readonly promise = new Uint8Array(DELIVERY_BATCH);
  readonly carrier = new Uint8Array(DELIVERY_BATCH);
  readonly originFc = new Int32Array(DELIVERY_BATCH);
  /** The generation and reason columns' values, read for their cache lines only. */
  readonly touched = new Int32Array(DELIVERY_BATCH);
}

export class LastMile {
  readonly dispatcher: LastMileDispatcher;
  private readonly batch = new DeliveryBatch();
  /** The step's wave's stations, their wave times, and their hand-off queues listed (runWaves). */
  private waveStations = new Int32Array(64);
  private waveTimes = new Float64Array(64);
  private readonly walk = new RunWalk();
  private readonly singleWalk = new RunWalk();

  constructor(
    readonly model: NetworkModel,
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
  step(t0: number, t1: number, host: LastMileHost, params: Params): void {
    this.runWaves(t0, t1, host, params);
    this.deliverDue(t1, host);
  }

  /** Runs every station's waves whose time falls in (t0, t1], with the run's current parameters. */
  runWaves(t0: number, t1: number, host: LastMileHost, params: Params): void {
    const { model, walk } = this;
    if (this.waveStations.length < model.stationIds.length) {
      this.waveStations = new Int32Array(model.stationIds.length);
      this.waveTimes = new Float64Array(model.stationIds.length);
    }
    for (let w = 0; w < WAVE_COUNT; w++) {
      let n = 0;
      for (const station of model.stationIds) {
        const waveS = getWaveInStepS(
          params,
          w,
          model.facilityOffsetH[station],
          getStationWaveShiftH(station),
          t0,
          t1,
        );
        if (Number.isNaN(waveS)) continue;
        this.waveStations[n] = station;
        this.waveTimes[n] = waveS;
        n++;
      }
      if (n === 0) continue;
      // A wave changes no other station's queue, so every queue can be listed before the first
      // runs. A time zone's stations of one shift share their wave times: their queues walked together.
      walk.ensureRuns(n);
      for (let k = 0; k < n; k++) {
        const queue = this.readyQueueOf(this.waveStations[k]);
        walk.head[k] = host.queues.head[queue];
        walk.count[k] = host.queues.count[queue];
      }
      walk.walk(host.parcels.columns.next, n);
      for (let k = 0; k < n; k++) {
        this.runWave(this.waveStations[k], w, this.waveTimes[k], host, params, walk.from[k], walk.count[k]);
        reportLongWorkProgress();
      }
    }
  }

  /**
   * Runs wave `waveIndex` of a station at `waveS` on every parcel in its hand-off queue; with
   * `walkedFrom`, the queue's `walkedCount` parcels are already listed in the walk from there
   * (runWaves). A queue that no longer holds that many is walked again.
   */
  runWave(
    station: number,
    waveIndex: number,
    waveS: number,
    host: LastMileHost,
    params: Params,
    walkedFrom = -1,
    walkedCount = -1,
  ): void {
    const queue = this.readyQueueOf(station);
    const count = host.queues.count[queue];
    // One routing seed per station wave, drawn even when idle so other streams never shift.
    const routingSeed = host.streams.lastMile.nextUint32();
    if (count === 0) return;
    let walk = this.walk;
    let from = walkedFrom;
    if (from < 0 || walkedCount !== count) {
      // On its own: a walk of its own, leaving the step's (runWaves) to the stations after it.
      walk = this.singleWalk;
      walk.ensureRuns(1);
      walk.head[0] = host.queues.head[queue];
      walk.count[0] = count;
      walk.walk(host.parcels.columns.next, 1);
      from = 0;
    }
    const { state } = this;
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
      walk.slots,
      from,
    );
  }

  /**
   * Delivers every parcel whose door time is at or before t1: books it and frees its slot.
   *
   * In batches of DELIVERY_BATCH, in pop order: first every column a delivery reads is gathered
   * for the batch in one short loop, then each parcel is booked and freed. Parcels reach the door
   * in no order the store's slots follow, so each read is a cache miss at full scale (~1.3 GB of
   * parcel columns); in the short loop the misses of many parcels are in flight at once, where the
   * booking between one parcel's reads and the next's kept them one parcel at a time. The order
   * of bookings is the pop order, as before: results are the same to the bit.
   */
  deliverDue(t1: number, host: LastMileHost): void {
    const { model, state } = this;
    const { heap, metrics, facilityDeliveries } = state;
    const parcels = host.parcels;
    const c = parcels.columns;
    const b = this.batch;
    const watching = host.journal.watchesAny();
    heap.advanceTo(t1);
    while (heap.peekS() <= t1) {
      let n = 0;
      while (n < DELIVERY_BATCH && heap.peekS() <= t1) {
        b.deliverS[n] = heap.peekS();
        b.slot[n] = heap.pop();
        n++;
      }
      for (let k = 0; k < n; k++) {
        const slot = b.slot[k];
        b.withCarrier[k] = c.stage[slot] === STAGE_WITH_CARRIER ? 1 : 0;
        b.station[k] = c.destinationStation[slot];
        b.orderedS[k] = c.orderedS[slot];
        b.promise[k] = c.promise[slot];
        b.carrier[k] = state.carrier[slot];
        b.originFc[k] = c.originFc[slot];
        // Read only so that freeing the slot below finds its line in cache.
        b.touched[k] = c.generation[slot];
      }
      for (let k = 0; k < n; k++) {
        const slot = b.slot[k];
        const deliverS = b.deliverS[k];
        if (b.withCarrier[k] === 1 && state.withCarrierOnTheirWay > 0) state.withCarrierOnTheirWay--;
        const station = b.station[k];
        const orderS = b.orderedS[k];
        const promise = b.promise[k];
        const deadlineS = getPromiseDeadlineS(orderS, promise, model.facilityOffsetH[station]);
        const carrier = b.carrier[k];
        // Ready at the station after the deadline: only a parcel delivered late can be, as no event
        // reads back later than its delivery's tick; so only those (~1%) read the event's row.
        const lateAtStation =
          getLatestEventReadS(deliverS) > deadlineS &&
          readEventTime(c, slot, EVENT_READY_AT_STATION, deliverS) > deadlineS;
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
          b.originFc[k],
          station,
          carrier,
          promise,
          deliverS - deadlineS,
          deliverS - orderS,
          lateAtStation,
        );
        if (watching && host.journal.isWatched(slot))
          host.journal.record(slot, { kind: 'delivered', timeS: deliverS });
        // Its carrier decision stays until the slot's next order clears it (clearLastMileChoice).
        parcels.release(slot);
      }
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
