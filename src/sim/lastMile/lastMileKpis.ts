/**
 * The last mile's metrics as the charts read them (Kpis.lastMile): rates and means derived from
 * the counters of LastMileMetrics. Counts are modelled parcels; costs are USD per real parcel;
 * route figures are per real route (a modelled route stands for one).
 * Per-hour series (carrier mix, deliveries, on time) are in Kpis.hourly under the names of
 * LAST_MILE_FLOW_KPIS.
 */
import { PROMISE_CLASSES, type PromiseClass } from '../kinds';
import { CARRIER_NAMES, CHOICE_REASONS, type ChoiceReason } from './carrierChoice';
import { LAST_MILE_KPI_INDEX as K, LATENESS_BIN_EDGES_H, type LastMileMetrics } from './lastMileMetrics';

export type DeliveringCarrier = 'van' | 'flex' | 'usps' | 'regional';
export const DELIVERING_CARRIERS: readonly DeliveringCarrier[] = ['van', 'flex', 'usps', 'regional'];

export interface CarrierKpis {
  /** Parcels given to this carrier (modelled). */
  assigned: number;
  /** Share of all parcels given to a carrier. */
  share: number;
  delivered: number;
  /** On-time share of its delivered parcels (NaN before the first). */
  onTimeRate: number;
  /** USD per real parcel. */
  costPerParcelUsd: number;
}

export interface RouteKpis {
  routes: number;
  stopsPerRoute: number;
  milesPerRoute: number;
  hoursPerRoute: number;
}

export interface LastMileKpis {
  delivered: number;
  deliveredOnTime: number;
  onTimeRate: number;
  /** Order to door, hours, mean over delivered parcels. */
  meanClickToDoorH: number;
  /** Mean lateness of late parcels, hours. */
  meanLatenessH: number;
  /** Share of late parcels that were already past their promise when ready at the station. */
  lateBeforeLastMileShare: number;
  /** Parcels on a vehicle or with a partner carrier now. */
  onTheirWay: number;
  byCarrier: Record<DeliveringCarrier, CarrierKpis>;
  byPromise: Record<PromiseClass, { delivered: number; onTimeRate: number }>;
  /** Per region index. */
  byRegion: { delivered: number[]; onTimeRate: number[] };
  /** Late parcels per bin: [binEdgesH[i], binEdgesH[i + 1]) hours late, the last bin open. */
  lateness: { binEdgesH: readonly number[]; lateParcels: number[] };
  routes: { van: RouteKpis; flex: RouteKpis };
  flex: {
    blocksOffered: number;
    blocksAccepted: number;
    blocksUnfilled: number;
    /** Of the unfilled, those no driver was left for (the station's pool had a block each). */
    blocksNoDriverLeft: number;
    acceptanceRate: number;
    /** Pay over the hours actually worked (blocks end early when the route does). */
    effectivePayPerHourUsd: number;
  };
  /** All carriers: USD per real parcel. */
  costPerParcelUsd: number;
  /** Decisions by reason (deferred counts each wave a parcel waited). */
  reasons: Record<ChoiceReason, number>;
  handoffTrucks: number;
  partnerDoorRuns: number;
}

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : Number.NaN);

/**
 * Cumulative delivery counters as the network (LastMileMetrics) and each facility
 * (facilityDeliveries) keep them. Carrier arrays are in DELIVERING_CARRIERS order, promise
 * arrays in PROMISE_CLASSES order, the histogram in LATENESS_BIN_EDGES_H order. Costs real USD.
 */
export interface DeliveryCounters {
  delivered: number;
  deliveredOnTime: number;
  lateHoursSum: number;
  clickToDoorHoursSum: number;
  lateBeforeLastMile: number;
  assignedByCarrier: ArrayLike<number>;
  costUsdByCarrier: ArrayLike<number>;
  deliveredByCarrier: ArrayLike<number>;
  onTimeByCarrier: ArrayLike<number>;
  deliveredByPromise: ArrayLike<number>;
  onTimeByPromise: ArrayLike<number>;
  latenessHistogram: ArrayLike<number>;
}

/** The delivery part of LastMileKpis: what the network and a single facility both report. */
export type DeliveryKpis = Pick<
  LastMileKpis,
  | 'delivered'
  | 'deliveredOnTime'
  | 'onTimeRate'
  | 'meanClickToDoorH'
  | 'meanLatenessH'
  | 'lateBeforeLastMileShare'
  | 'byCarrier'
  | 'byPromise'
  | 'lateness'
  | 'costPerParcelUsd'
>;

/** Rates and means from delivery counters; `scale` (Params.scale) gives USD per real parcel. */
export function getDeliveryKpis(counters: DeliveryCounters, scale: number): DeliveryKpis {
  const { delivered, deliveredOnTime, assignedByCarrier, costUsdByCarrier } = counters;
  let totalAssigned = 0;
  let totalCostUsd = 0;
  for (let c = 0; c < DELIVERING_CARRIERS.length; c++) {
    totalAssigned += assignedByCarrier[c];
    totalCostUsd += costUsdByCarrier[c];
  }
  const byCarrier = {} as Record<DeliveringCarrier, CarrierKpis>;
  DELIVERING_CARRIERS.forEach((name, c) => {
    byCarrier[name] = {
      assigned: assignedByCarrier[c],
      share: rate(assignedByCarrier[c], totalAssigned),
      delivered: counters.deliveredByCarrier[c],
      onTimeRate: rate(counters.onTimeByCarrier[c], counters.deliveredByCarrier[c]),
      costPerParcelUsd: rate(costUsdByCarrier[c] * scale, assignedByCarrier[c]),
    };
  });
  const byPromise = {} as LastMileKpis['byPromise'];
  PROMISE_CLASSES.forEach((name, p) => {
    byPromise[name] = {
      delivered: counters.deliveredByPromise[p],
      onTimeRate: rate(counters.onTimeByPromise[p], counters.deliveredByPromise[p]),
    };
  });
  return {
    delivered,
    deliveredOnTime,
    onTimeRate: rate(deliveredOnTime, delivered),
    meanClickToDoorH: rate(counters.clickToDoorHoursSum, delivered),
    meanLatenessH: rate(counters.lateHoursSum, delivered - deliveredOnTime),
    lateBeforeLastMileShare: rate(counters.lateBeforeLastMile, delivered - deliveredOnTime),
    byCarrier,
    byPromise,
    lateness: { binEdgesH: LATENESS_BIN_EDGES_H, lateParcels: Array.from(counters.latenessHistogram) },
    costPerParcelUsd: rate(totalCostUsd * scale, totalAssigned),
  };
}

export function getLastMileKpis(metrics: LastMileMetrics, scale: number, onTheirWay: number): LastMileKpis {
  const f = (k: number) => metrics.get(k);
  // Carrier codes 1..4 are DELIVERING_CARRIERS in order (code 0: no carrier yet).
  const first = CARRIER_NAMES.indexOf(DELIVERING_CARRIERS[0]);
  const deliveries = getDeliveryKpis(
    {
      delivered: f(K.delivered),
      deliveredOnTime: f(K.deliveredOnTime),
      lateHoursSum: f(K.lateHoursSum),
      clickToDoorHoursSum: f(K.clickToDoorHoursSum),
      lateBeforeLastMile: f(K.lateBeforeLastMile),
      assignedByCarrier: [f(K.assignedVan), f(K.assignedFlex), f(K.assignedUsps), f(K.assignedRegional)],
      costUsdByCarrier: [f(K.vanCostUsd), f(K.flexCostUsd), f(K.uspsCostUsd), f(K.regionalCostUsd)],
      deliveredByCarrier: metrics.deliveredByCarrier.subarray(first),
      onTimeByCarrier: metrics.onTimeByCarrier.subarray(first),
      deliveredByPromise: metrics.deliveredByPromise,
      onTimeByPromise: metrics.onTimeByPromise,
      latenessHistogram: metrics.latenessHistogram,
    },
    scale,
  );
  const route = (prefix: 'van' | 'flex'): RouteKpis => {
    const routes = f(K[`${prefix}Routes`]);
    return {
      routes,
      stopsPerRoute: rate(f(K[`${prefix}Stops`]), routes),
      milesPerRoute: rate(f(K[`${prefix}Miles`]), routes),
      hoursPerRoute: rate(f(K[`${prefix}Hours`]), routes),
    };
  };
  const reasons = {} as Record<ChoiceReason, number>;
  CHOICE_REASONS.forEach((name, code) => {
    reasons[name] = metrics.reasons[code];
  });
  return {
    delivered: deliveries.delivered,
    deliveredOnTime: deliveries.deliveredOnTime,
    onTimeRate: deliveries.onTimeRate,
    meanClickToDoorH: deliveries.meanClickToDoorH,
    meanLatenessH: deliveries.meanLatenessH,
    lateBeforeLastMileShare: deliveries.lateBeforeLastMileShare,
    onTheirWay,
    byCarrier: deliveries.byCarrier,
    byPromise: deliveries.byPromise,
    byRegion: {
      delivered: Array.from(metrics.deliveredByRegion),
      onTimeRate: Array.from(metrics.deliveredByRegion, (d, r) => rate(metrics.onTimeByRegion[r], d)),
    },
    lateness: deliveries.lateness,
    routes: { van: route('van'), flex: route('flex') },
    flex: {
      blocksOffered: f(K.flexBlocksOffered),
      blocksAccepted: f(K.flexBlocksAccepted),
      blocksUnfilled: f(K.flexBlocksUnfilled),
      blocksNoDriverLeft: f(K.flexBlocksNoDriverLeft),
      // Of real blocks, as drivers meet them: a same-day block carries fewer parcels, so a modelled
      // one stands for more real blocks than a van wave's, and the modelled blocks' ratio differs.
      acceptanceRate: rate(f(K.flexRealBlocksAccepted), f(K.flexRealBlocksOffered)),
      effectivePayPerHourUsd: rate(f(K.flexPayUsd), f(K.flexHours)),
    },
    costPerParcelUsd: deliveries.costPerParcelUsd,
    reasons,
    handoffTrucks: f(K.handoffTrucks),
    partnerDoorRuns: f(K.partnerDoorRuns),
  };
}
