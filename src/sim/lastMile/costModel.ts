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
 * - USPS (Parcel Select): uspsRatePerParcelUsd at 1 kg, +12% of it per extra kg; below 1 kg the
 *   rate falls with the weight, as USPS's ounce and pound tiers do: from 100% at 1 kg to 80% at
 *   13 oz (0.37 kg, the First-Class Package limit), and a light parcel below that from 70% to 40%
 *   of it, 60% at a light parcel's typical weight; plus $0.005 per km from the station (zones);
 *   refuses parcels above uspsMaxWeightKg (A around the $2 figure of Bernstein, M). One factor for
 *   every light parcel made USPS's share a switch: all of them left USPS between a rate of $2.20
 *   and $2.50 and none moved between $2.50 and $3.
 * - Regional carrier: regionalRatePerParcelUsd, +8% per extra kg above 1 kg, plus $0.01 per km
 *   (A; "others" carried 0.8 B US parcels in 2024, Pitney Bowes, L).
 * - Partners' peak season: from October to mid-January each partner adds a surcharge to every
 *   parcel it takes, as carriers do to pay for the peak's extra staff and vehicles. USPS charges
 *   $0.35 to $5.50 more on Ground Advantage and Parcel Select from Oct 5 to Jan 18 by distance and
 *   weight (FreightWaves, Aug 2025, M); Amazon's parcels enter at the delivery unit, the nearest
 *   zone, so the model takes the low end. FedEx Ground charges residential parcels $0.40-$0.65 from
 *   Oct 27 to Jan 18 (Green Mountain, Sep 2025, M); a regional carrier is priced at its middle (A).
 *   Prime Day has no partner surcharge: the carriers' windows are the holiday season's.
 */
import type { Params } from '../params';
import { getDayOfYear } from '../schedules';
import { ARTERIAL_SPEED_KMH } from './streetGrid';

/** Stops per parcel: ~180 stops for ~275 parcels on a DSP route (CALIBRATION.md DSP route, L). */
export const STOPS_PER_PARCEL = 180 / 275;
/** Parcels of a typical van route, to share the drive out and back between (CALIBRATION.md, L). */
export const PARCELS_PER_VAN_ROUTE = 275;
/** Below this a parcel rides USPS at the light-package rate: 13 oz, the First-Class Package limit (A). */
export const LIGHT_PARCEL_KG = 0.37;

/**
 * A partner's tariff around its base rate per parcel (at 1 kg): each extra kg adds a share of the
 * base, each km from the station adds a zone charge; below 1 kg the rate falls with the weight
 * to `firstKgFrom` of the base at LIGHT_PARCEL_KG, and a light parcel pays from `lightFrom` (at
 * no weight) to `lightTo` of it (the figures in this file's header, A). In its peak season, from
 * `peakFromDay` of the year to `peakToDay` of the next (days of the year, 1 = Jan 1), every
 * parcel costs `peakSurchargeUsd` more.
 */
interface PartnerTariff {
  perExtraKgShare: number;
  perKmUsd: number;
  lightFrom: number;
  lightTo: number;
  firstKgFrom: number;
  peakSurchargeUsd: number;
  peakFromDay: number;
  peakToDay: number;
}
/** Oct 5 (day 278) to Jan 18 (FreightWaves, Aug 2025). */
const USPS_TARIFF: PartnerTariff = {
  perExtraKgShare: 0.12,
  perKmUsd: 0.005,
  lightFrom: 0.4,
  lightTo: 0.7,
  firstKgFrom: 0.8,
  peakSurchargeUsd: 0.35,
  peakFromDay: 278,
  peakToDay: 18,
};
/** Oct 27 (day 300) to Jan 18 (Green Mountain, Sep 2025). */
const REGIONAL_TARIFF: PartnerTariff = {
  perExtraKgShare: 0.08,
  perKmUsd: 0.01,
  lightFrom: 1,
  lightTo: 1,
  firstKgFrom: 1,
  peakSurchargeUsd: 0.5,
  peakFromDay: 300,
  peakToDay: 18,
};

/** A partner's surcharge on `dayOfYear` (1 = Jan 1): its peak season runs across the new year. */
function getPartnerPeakSurchargeUsd(tariff: PartnerTariff, dayOfYear: number): number {
  const inSeason = dayOfYear >= tariff.peakFromDay || dayOfYear <= tariff.peakToDay;
  return inSeason ? tariff.peakSurchargeUsd : 0;
}

function getPartnerRateUsd(
  base: number,
  tariff: PartnerTariff,
  surchargeUsd: number,
  weightKg: number,
  distanceKm: number,
): number {
  let factor: number;
  if (weightKg < LIGHT_PARCEL_KG) {
    factor = tariff.lightFrom + ((tariff.lightTo - tariff.lightFrom) * weightKg) / LIGHT_PARCEL_KG;
  } else if (weightKg < 1) {
    factor =
      tariff.firstKgFrom + ((1 - tariff.firstKgFrom) * (weightKg - LIGHT_PARCEL_KG)) / (1 - LIGHT_PARCEL_KG);
  } else {
    factor = 1 + tariff.perExtraKgShare * (weightKg - 1);
  }
  const weighted = base * factor;
  return weighted + tariff.perKmUsd * distanceKm + surchargeUsd;
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
  /** The partners' peak-season surcharges on the day the cost model is for (0 out of season). */
  uspsPeakSurchargeUsd: number;
  regionalPeakSurchargeUsd: number;
}

/** The partners' peak-season surcharges on sim time `simS`'s day, USD a parcel (0 out of season). */
export function getPartnerPeakSurchargesUsd(
  startDayOfYear: number,
  simS: number,
): { usps: number; regional: number } {
  const dayOfYear = getDayOfYear(startDayOfYear, simS);
  return {
    usps: getPartnerPeakSurchargeUsd(USPS_TARIFF, dayOfYear),
    regional: getPartnerPeakSurchargeUsd(REGIONAL_TARIFF, dayOfYear),
  };
}

/** The cost figures of sim time `simS`'s day (the partners' surcharges follow the calendar). */
export function createCostModel(params: Params, simS: number): CostModel {
  const surcharges = getPartnerPeakSurchargesUsd(params.startDayOfYear, simS);
  return {
    vanCostPerHourUsd: params.vanCostPerHourUsd,
    vanCostPerStopUsd: params.vanCostPerStopUsd,
    vanSecondsPerStop: 3600 / params.stopsPerHour,
    flexPayPerHourUsd: params.flexPayPerHourUsd,
    flexBlockH: params.flexBlockH,
    uspsRatePerParcelUsd: params.uspsRatePerParcelUsd,
    uspsMaxWeightKg: params.uspsMaxWeightKg,
    regionalRatePerParcelUsd: params.regionalRatePerParcelUsd,
    uspsPeakSurchargeUsd: surcharges.usps,
    regionalPeakSurchargeUsd: surcharges.regional,
  };
}

/**
 * The cost model carrier choice plans on: the partners' contract rates, without their peak
 * surcharges. What Amazon hands its partners is set by contract and by its stations' sort plans,
 * not repriced each day, so a season's surcharge changes the bill, not who carries what (A: a
 * choice on the day's price moved a third of USPS's parcels to Flex in a December week, 30% to
 * 18.5% of parcels, where peaks lean on the partners more, not less).
 */
export function getContractCostModel(cost: CostModel): CostModel {
  return { ...cost, uspsPeakSurchargeUsd: 0, regionalPeakSurchargeUsd: 0 };
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
  return getPartnerRateUsd(
    cost.uspsRatePerParcelUsd,
    USPS_TARIFF,
    cost.uspsPeakSurchargeUsd,
    weightKg,
    distanceKm,
  );
}

/** Regional carrier rate for a parcel (no weight limit, no light-parcel rate). */
export function getRegionalRateUsd(cost: CostModel, weightKg: number, distanceKm: number): number {
  return getPartnerRateUsd(
    cost.regionalRatePerParcelUsd,
    REGIONAL_TARIFF,
    cost.regionalPeakSurchargeUsd,
    weightKg,
    distanceKm,
  );
}
