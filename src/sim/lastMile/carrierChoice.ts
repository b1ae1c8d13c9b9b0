/**
 * Who takes a parcel to the door, and why. The rule (DESIGN.md, the last mile): the cheapest option
 * that still meets the promise, with Amazon's own last mile serving first inside a station's
 * service area.
 *
 * At a wave, each parcel ready at the station gets a first decision:
 * - address outside the service area (rural): the cheaper partner carrier that meets the promise,
 *   else the cheaper one (`uspsRural` / `regionalRural`);
 * - inside, a parcel USPS takes cheaper than a van would (light parcels) and still on time goes
 *   to USPS (`uspsCheaper`); everything else is for the own fleet (`ownRoute`).
 * Then the own fleet's routing decides the rest: DSP vans first; what exceeds the vans goes into
 * Flex blocks (`flexOverflow`, or `flexSameDay` for urgent parcels of a later wave); parcels of
 * unfilled blocks wait for a later wave when that still meets the promise (`deferred`, not a
 * final decision) or go to the partner carrier that meets it (`regionalOverflow`/`uspsOverflow`).
 */
import { type CostModel, estimateVanCostUsd, getRegionalRateUsd, getUspsRateUsd } from './costModel';

/** Carrier codes: the index into VEHICLE_KINDS of the vehicle that delivers. */
export const CARRIER_NONE = 0;
export const CARRIER_VAN = 1;
export const CARRIER_FLEX = 2;
export const CARRIER_USPS = 3;
export const CARRIER_REGIONAL = 4;
/** Carriers in code order (index 0 unused: line-haul never delivers). */
export const CARRIER_NAMES = ['none', 'van', 'flex', 'usps', 'regional'] as const;
export type CarrierName = (typeof CARRIER_NAMES)[number];
export const CARRIER_COUNT = CARRIER_NAMES.length;

/** Why a parcel went where it went; the index is the code in the per-parcel reason column. */
export const CHOICE_REASONS = [
  'none',
  'ownRoute', // inside the service area: a DSP van route
  'flexOverflow', // more parcels than the vans carry: a Flex block was taken
  'flexSameDay', // a later wave's urgent parcel: a same-day Flex block
  'uspsCheaper', // USPS cheaper than a van at the parcel's weight (a light one at the default rate) and on time
  'uspsRural', // outside the service area: USPS cheapest on time (or fastest)
  'regionalRural', // outside the service area: regional carrier cheapest on time (or fastest)
  'regionalOverflow', // no van or Flex capacity left: regional carrier
  'uspsOverflow', // no van or Flex capacity left: USPS
  'deferred', // waiting for a later wave (not final)
] as const;
export type ChoiceReason = (typeof CHOICE_REASONS)[number];
export const REASON_OWN_ROUTE = 1;
export const REASON_FLEX_OVERFLOW = 2;
export const REASON_FLEX_SAME_DAY = 3;
export const REASON_USPS_CHEAPER = 4;
export const REASON_USPS_RURAL = 5;
export const REASON_REGIONAL_RURAL = 6;
export const REASON_REGIONAL_OVERFLOW = 7;
export const REASON_USPS_OVERFLOW = 8;
export const REASON_DEFERRED = 9;

/** What the choice needs to know about one parcel. */
export interface ParcelFacts {
  weightKg: number;
  /** Straight-line km from the station to the address. */
  distanceKm: number;
  insideServiceArea: boolean;
  deadlineS: number;
  /** Expected delivery if handed to USPS / the regional carrier now (partnerCarriers). */
  uspsExpectedS: number;
  regionalExpectedS: number;
}

/**
 * The partner carrier for a parcel: the cheaper of those expected on time; when neither can be
 * on time, the cheaper all the same (paying more buys no on-time parcel). Returns CARRIER_USPS
 * or CARRIER_REGIONAL (USPS refuses parcels over its weight limit).
 */
export function choosePartnerCarrier(cost: CostModel, parcel: ParcelFacts): number {
  const usps = getUspsRateUsd(cost, parcel.weightKg, parcel.distanceKm);
  const regional = getRegionalRateUsd(cost, parcel.weightKg, parcel.distanceKm);
  const uspsOnTime = usps < Number.POSITIVE_INFINITY && parcel.uspsExpectedS <= parcel.deadlineS;
  const regionalOnTime = parcel.regionalExpectedS <= parcel.deadlineS;
  if (uspsOnTime !== regionalOnTime) return uspsOnTime ? CARRIER_USPS : CARRIER_REGIONAL;
  return usps <= regional ? CARRIER_USPS : CARRIER_REGIONAL;
}

/**
 * The first decision at a wave: a reason code, REASON_OWN_ROUTE for the own fleet, or one of
 * the partner reasons (the carrier follows from it: carrierOfReason).
 */
export function chooseFirstReason(cost: CostModel, parcel: ParcelFacts): number {
  if (!parcel.insideServiceArea) {
    return choosePartnerCarrier(cost, parcel) === CARRIER_USPS ? REASON_USPS_RURAL : REASON_REGIONAL_RURAL;
  }
  const usps = getUspsRateUsd(cost, parcel.weightKg, parcel.distanceKm);
  if (usps < estimateVanCostUsd(cost, parcel.distanceKm) && parcel.uspsExpectedS <= parcel.deadlineS) {
    return REASON_USPS_CHEAPER;
  }
  return REASON_OWN_ROUTE;
}

/** The carrier a final reason implies. */
export function carrierOfReason(reason: number): number {
  switch (reason) {
    case REASON_OWN_ROUTE:
      return CARRIER_VAN;
    case REASON_FLEX_OVERFLOW:
    case REASON_FLEX_SAME_DAY:
      return CARRIER_FLEX;
    case REASON_USPS_CHEAPER:
    case REASON_USPS_RURAL:
    case REASON_USPS_OVERFLOW:
      return CARRIER_USPS;
    case REASON_REGIONAL_RURAL:
    case REASON_REGIONAL_OVERFLOW:
      return CARRIER_REGIONAL;
    default:
      return CARRIER_NONE;
  }
}
