/**
 * What each way to the door costs, in USD per real parcel, from the parameters (CALIBRATION.md,
 * Flex, DSP vans, partner carriers and cost rows). Carrier choice compares these; the metrics
 * book the cost actually incurred (route hours and stops driven, blocks paid, rates charged).
 *
 * - DSP van: vanCostPerHourUsd per route hour (driver, van, DSP margin; $45/h, A from the $6-12
 *   per-drop benchmark, L) plus vanCostPerStopUsd per stop (fuel, wear, scanning; $0.40, A).
 *   A parcel's marginal cost before routing: its share of a stop's time, its stop cost, and its
 *   share of the drive out to its neighbourhood and back.
 * - Flex: pay per block = flexPayPerHourUsd x flexBlockH x (1 + surge at peaks); per parcel, the
 *   block's pay over the parcels it carries.
 * - USPS (Parcel Select): uspsRatePerParcelUsd for up to 1 kg, +12% of it per extra kg, a light
 *   parcel (under 13 oz, 0.37 kg: the First-Class Package limit) at 60% of it, plus $0.005 per km from the station
 *   (zones); refuses parcels above uspsMaxWeightKg (A around the $2 figure of Bernstein, M).
 * - Regional carrier: regionalRatePerParcelUsd, +8% per extra kg above 1 kg, plus $0.01 per km
 *   (A; "others" carried 0.8 B US parcels in 2024, Pitney Bowes, L).
 */
import type { Params } from '../params';
import { ARTERIAL_SPEED_KMH } from './streetGrid';

/** Stops per parcel: ~180 stops for ~275 parcels on a DSP route (CALIBRATION.md DSP route, L). */
export const STOPS_PER_PARCEL = 180 / 275;
/** Parcels of a typical van route, to share the drive out and back between (CALIBRATION.md, L). */
export const PARCELS_PER_VAN_ROUTE = 275;
/** Below this a parcel rides USPS at the light-package rate: 13 oz, the First-Class Package limit (A). */
export const LIGHT_PARCEL_KG = 0.37;

/**
 * A partner's tariff around its base rate per parcel (up to 1 kg): each extra kg adds a share of
 * the base, each km from the station adds a zone charge; USPS rates light parcels at a fraction
 * of the base (the figures in this file's header, A).
 */
interface PartnerTariff {
  perExtraKgShare: number;
  perKmUsd: number;
  lightParcelFactor: number;
}
const USPS_TARIFF: PartnerTariff = { perExtraKgShare: 0.12, perKmUsd: 0.005, lightParcelFactor: 0.6 };
const REGIONAL_TARIFF: PartnerTariff = { perExtraKgShare: 0.08, perKmUsd: 0.01, lightParcelFactor: 1 };

function getPartnerRateUsd(
  base: number,
  tariff: PartnerTariff,
  weightKg: number,
  distanceKm: number,
): number {
  const weighted =
    weightKg < LIGHT_PARCEL_KG
      ? base * tariff.lightParcelFactor
      : base * (1 + tariff.perExtraKgShare * Math.max(0, weightKg - 1));
  return weighted + tariff.perKmUsd * distanceKm;
}

/** The cost figures carrier choice and the metrics use, read once per wave from the params. */
export interface CostModel {
  vanCostPerHourUsd: number;
  vanCostPerStopUsd: number;
  /** Seconds a van spends per real stop, driving between neighbours included (3600 / stopsPerHour). */
  vanSecondsPerStop: number;
  flexPayPerHourUsd: number;
  flexBlockH: number;
  uspsRatePerParcelUsd: number;
  uspsMaxWeightKg: number;
  regionalRatePerParcelUsd: number;
}

export function createCostModel(params: Params): CostModel {
  return {
    vanCostPerHourUsd: params.vanCostPerHourUsd,
    vanCostPerStopUsd: params.vanCostPerStopUsd,
    vanSecondsPerStop: 3600 / params.stopsPerHour,
    flexPayPerHourUsd: params.flexPayPerHourUsd,
    flexBlockH: params.flexBlockH,
    uspsRatePerParcelUsd: params.uspsRatePerParcelUsd,
    uspsMaxWeightKg: params.uspsMaxWeightKg,
    regionalRatePerParcelUsd: params.regionalRatePerParcelUsd,
  };
}

/** Marginal cost of one parcel on a DSP van route, before routing, at `distanceKm` from the station. */
export function estimateVanCostUsd(cost: CostModel, distanceKm: number): number {
  const stopH = (cost.vanSecondsPerStop * STOPS_PER_PARCEL) / 3600;
  const driveShareH = (2 * distanceKm) / ARTERIAL_SPEED_KMH / PARCELS_PER_VAN_ROUTE;
  return (stopH + driveShareH) * cost.vanCostPerHourUsd + STOPS_PER_PARCEL * cost.vanCostPerStopUsd;
}

/** Cost of a van route: its hours and its real stops. */
export function getVanRouteCostUsd(cost: CostModel, routeH: number, realStops: number): number {
  return routeH * cost.vanCostPerHourUsd + realStops * cost.vanCostPerStopUsd;
}

/** Pay of one Flex block, surge included (surge is a fraction: 0.3 = +30%). */
export function getFlexBlockPayUsd(cost: CostModel, surge: number): number {
  return cost.flexPayPerHourUsd * cost.flexBlockH * (1 + surge);
}

/** USPS rate for a parcel, or Infinity above its weight limit. */
export function getUspsRateUsd(cost: CostModel, weightKg: number, distanceKm: number): number {
  if (weightKg > cost.uspsMaxWeightKg) return Number.POSITIVE_INFINITY;
  return getPartnerRateUsd(cost.uspsRatePerParcelUsd, USPS_TARIFF, weightKg, distanceKm);
}

/** Regional carrier rate for a parcel (no weight limit, no light-parcel rate). */
export function getRegionalRateUsd(cost: CostModel, weightKg: number, distanceKm: number): number {
  return getPartnerRateUsd(cost.regionalRatePerParcelUsd, REGIONAL_TARIFF, weightKg, distanceKm);
}
