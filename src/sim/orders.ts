/**
 * Orders placed in a step (demand.ts says how many and where), their sourcing (a forecast hit
 * ships from one of the station's nearest FCs in its region, a miss from one outside it, by the
 * plan in the network) and the promise the storefront offers for that path (deliveryPromises).
 * Every order takes a fixed number of draws from the demand and sourcing streams so that other
 * parameters never shift them (common random numbers).
 */
import { createOrderAddress, writeOrderAddress } from './addresses';
import { clearLastMileChoice, type LastMileState } from './lastMile/lastMileState';
import { KPI_INDEX as K, type KpiRecorder } from './kpis';
import { STAGE_AWAITING_PICK } from './kinds';
import { FAR_FC_COUNT, getParcelZoneKey, NEAR_FC_COUNT, type NetworkModel } from './network';
import { getPickQueueId } from './queueLayout';
import { getSourcingShares } from './sourcingPlan';
import type { DeliveryPromises } from './deliveryPromises';
import {
  type DemandZone,
  getCalendarMultiplier,
  MAX_ORDER_WEIGHT_KG,
  MIN_ORDER_WEIGHT_KG,
  TIME_OF_DAY_PER_MINUTE as TIME_OF_DAY,
} from './demand';
import type { Params } from './params';
import type { ParcelStore, QueueSet } from './parcels';
import type { RandomStreams } from './rng';
import { getPromiseDeadlineS } from './schedules';
import { exp, hypot, log, positiveRemainder } from './portableMath';

/** What ordering reads, and the state it may change (new parcels in the pick queues, the due ledger, KPIs). */
export interface OrderContext {
  readonly model: NetworkModel;
  readonly params: Params;
  readonly zones: readonly DemandZone[];
  /** The storefront's promises: the fastest an order's path can keep. */
  readonly promises: DeliveryPromises;
  readonly state: {
    readonly parcels: ParcelStore;
    readonly queues: QueueSet;
    readonly kpis: KpiRecorder;
    readonly streams: RandomStreams;
    readonly lastMile: Pick<LastMileState, 'due' | 'carrier' | 'reason'>;
  };
}

/** The metros CALIBRATION's same-day or next-day share is quoted for (metros are by population). */
export const TOP_METRO_COUNT = 60;

/** Where the order being placed goes (reused: nothing allocated per order). */
const address = createOrderAddress();

export function placeOrders(context: OrderContext, t0: number, dt: number): void {
  const { model, params, state } = context;
  const { demand, sourcing } = state.streams;
  const { queues, kpis } = state;
  const base =
    params.parcelsPerDay *
    params.scale *
    params.demandMultiplier *
    getCalendarMultiplier(params, t0) *
    (dt / 86400);
  const sameDay = params.sameDayShare;
  const nextDay = sameDay + params.nextDayShare;
  const twoDay = nextDay + params.twoDayShare;
  const logMedian = log(params.medianParcelWeightKg);
  for (const zone of context.zones) {
    const localMidS = t0 + dt / 2 + zone.offsetH * 3600;
    const minute = Math.floor(positiveRemainder(localMidS, 86400) / 60);
    const mean = base * zone.populationShare * TIME_OF_DAY[minute];
    const orders = demand.nextPoisson(mean);
    for (let i = 0; i < orders; i++) {
      // A fixed number of draws per order so other parameters never shift the stream.
      const orderS = t0 + demand.nextFloat() * dt;
      const isRural = demand.nextFloat() < params.outsideMetroDemandShare;
      const u = demand.nextFloat();
      const v = demand.nextFloat();
      const angle = demand.nextFloat() * 2 * Math.PI;
      const radial = demand.nextFloat();
      const promiseDraw = demand.nextFloat();
      const weightKg = Math.min(
        MAX_ORDER_WEIGHT_KG,
        Math.max(MIN_ORDER_WEIGHT_KG, exp(logMedian + 0.9 * demand.nextNormal())),
      );
      const { station, east10m, north10m } = writeOrderAddress(
        address,
        model,
        zone.stations,
        zone.metros,
        isRural,
        u,
        v,
        angle,
        radial,
      );
      // Sourcing: two draws per order from its own stream (common random numbers).
      const draw = sourcing.nextFloat();
      const pick = sourcing.nextFloat();
      const fc = chooseSourcingFc(model, station, draw, pick, params.forecastAccuracy);
      if (model.facilityRegion[fc] === model.facilityRegion[station]) kpis.cumulative[K.sourcedInRegion] += 1;

      // The buyer asks for a speed; the storefront offers the fastest its path can keep.
      const requested = promiseDraw < sameDay ? 0 : promiseDraw < nextDay ? 1 : promiseDraw < twoDay ? 2 : 3;
      const inside = isInsideServiceArea(model, station, east10m, north10m);
      const promise = context.promises.offerPromise(params, orderS, fc, station, inside, requested);
      kpis.cumulative[K.promisedSameDay + promise] += 1;
      if (!isRural && model.facilityMetro[station] < TOP_METRO_COUNT) {
        kpis.cumulative[K.topMetroOrders] += 1;
        if (promise <= 1) kpis.cumulative[K.topMetroFastPromises] += 1;
      }

      const slot = state.parcels.allocate(getParcelZoneKey(model, station));
      clearLastMileChoice(state.lastMile, slot);
      const c = state.parcels.columns;
      c.stage[slot] = STAGE_AWAITING_PICK;
      c.promise[slot] = promise;
      c.originFc[slot] = fc;
      c.destinationStation[slot] = station;
      c.weight10g[slot] = Math.round(weightKg * 100);
      c.destinationOffset[slot * 2] = east10m;
      c.destinationOffset[slot * 2 + 1] = north10m;
      c.orderedS[slot] = orderS;
      // From the stored (Float32) order time, as the delivery will compute it.
      state.lastMile.due.recordOrder(
        getPromiseDeadlineS(c.orderedS[slot], c.promise[slot], model.facilityOffsetH[station]),
        c.promise[slot],
      );
      queues.push(c.next, getPickQueueId(fc, c.promise[slot]), slot);
    }
    kpis.cumulative[K.ordered] += orders;
  }
}

/**
 * Whether an address `east10m`, `north10m` (10 m units from its station, as the parcel store
 * keeps it) lies within the station's service area, where its own vans and Flex deliver.
 */
export function isInsideServiceArea(
  model: NetworkModel,
  station: number,
  east10m: number,
  north10m: number,
): boolean {
  return hypot(east10m / 100, north10m / 100) <= model.serviceRadiusKm[station];
}

/**
 * The FC an order for `station` ships from, by the network's plan (sourcingPlan.ts): `draw`
 * (uniform [0, 1)) below the forecast accuracy a is a hit, shipping from a near FC in the
 * station's region; below a + (1 - a) a a near miss, from one of the nearest FCs of another
 * region; else a far miss, from any FC of another region. `pick` (uniform [0, 1)) chooses among
 * the candidates by their planned shares. One draw decides hit or miss, so a lower accuracy
 * never turns a miss into a hit.
 */
export function chooseSourcingFc(
  model: NetworkModel,
  station: number,
  draw: number,
  pick: number,
  forecastAccuracy: number,
): number {
  const stationIndex = model.kindIndex[station];
  const shares = getSourcingShares(forecastAccuracy);
  if (draw < shares.hit)
    return drawCandidate(
      model.inRegionFcs,
      model.inRegionFcShares,
      stationIndex * NEAR_FC_COUNT,
      NEAR_FC_COUNT,
      pick,
    );
  if (draw < shares.hit + shares.nearMiss)
    return drawCandidate(
      model.outOfRegionFcs,
      model.outOfRegionFcShares,
      stationIndex * FAR_FC_COUNT,
      FAR_FC_COUNT,
      pick,
    );
  const outside = model.fcsOutsideRegion[model.facilityRegion[station]];
  return outside[Math.min(outside.length - 1, Math.floor(pick * outside.length))];
}

/** Picks a candidate by its cumulative share (the last one catches rounding). */
function drawCandidate(
  candidates: Int32Array,
  cumulative: Float32Array,
  offset: number,
  count: number,
  u: number,
): number {
  for (let k = 0; k < count - 1; k++) if (u < cumulative[offset + k]) return candidates[offset + k];
  return candidates[offset + count - 1];
}
