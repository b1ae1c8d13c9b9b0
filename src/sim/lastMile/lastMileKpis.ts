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

export function getLastMileKpis(metrics: LastMileMetrics, scale: number, onTheirWay: number): LastMileKpis {
  const f = (k: number) => metrics.get(k);
  const delivered = f(K.delivered);
  const onTime = f(K.deliveredOnTime);
  const assigned = [0, f(K.assignedVan), f(K.assignedFlex), f(K.assignedUsps), f(K.assignedRegional)];
  const costs = [0, f(K.vanCostUsd), f(K.flexCostUsd), f(K.uspsCostUsd), f(K.regionalCostUsd)];
  const totalAssigned = assigned.reduce((a, b) => a + b, 0);
  const byCarrier = {} as Record<DeliveringCarrier, CarrierKpis>;
  for (const name of DELIVERING_CARRIERS) {
    const code = CARRIER_NAMES.indexOf(name);
    byCarrier[name] = {
      assigned: assigned[code],
      share: rate(assigned[code], totalAssigned),
      delivered: metrics.deliveredByCarrier[code],
      onTimeRate: rate(metrics.onTimeByCarrier[code], metrics.deliveredByCarrier[code]),
      costPerParcelUsd: rate(costs[code] * scale, assigned[code]),
    };
  }
  const byPromise = {} as LastMileKpis['byPromise'];
  PROMISE_CLASSES.forEach((name, p) => {
    byPromise[name] = {
      delivered: metrics.deliveredByPromise[p],
      onTimeRate: rate(metrics.onTimeByPromise[p], metrics.deliveredByPromise[p]),
    };
  });
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
    delivered,
    deliveredOnTime: onTime,
    onTimeRate: rate(onTime, delivered),
    meanClickToDoorH: rate(f(K.clickToDoorHoursSum), delivered),
    meanLatenessH: rate(f(K.lateHoursSum), delivered - onTime),
    lateBeforeLastMileShare: rate(f(K.lateBeforeLastMile), delivered - onTime),
    onTheirWay,
    byCarrier,
    byPromise,
    byRegion: {
      delivered: Array.from(metrics.deliveredByRegion),
      onTimeRate: Array.from(metrics.deliveredByRegion, (d, r) => rate(metrics.onTimeByRegion[r], d)),
    },
    lateness: { binEdgesH: LATENESS_BIN_EDGES_H, lateParcels: Array.from(metrics.latenessHistogram) },
    routes: { van: route('van'), flex: route('flex') },
    flex: {
      blocksOffered: f(K.flexBlocksOffered),
      blocksAccepted: f(K.flexBlocksAccepted),
      blocksUnfilled: f(K.flexBlocksUnfilled),
      acceptanceRate: rate(f(K.flexBlocksAccepted), f(K.flexBlocksOffered)),
      effectivePayPerHourUsd: rate(f(K.flexPayUsd), f(K.flexHours)),
    },
    costPerParcelUsd: rate(costs.reduce((a, b) => a + b, 0) * scale, totalAssigned),
    reasons,
    handoffTrucks: f(K.handoffTrucks),
    partnerDoorRuns: f(K.partnerDoorRuns),
  };
}
