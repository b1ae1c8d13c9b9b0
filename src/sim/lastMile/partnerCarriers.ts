/**
 * USPS and regional carriers: what happens after a station hands parcels over.
 *
 * - Hand-off: at each wave, one truck per carrier takes the station's parcels for that carrier to
 *   the carrier's hub (a network facility of kind carrierHub), drawn as that carrier's vehicle.
 * - Delivery day: a carrier delivers on the day parcels reach it when they arrive by its
 *   cut-off, else the next day. USPS takes Amazon's parcels at the delivery unit at dawn and its
 *   carriers take them out that morning (cut-off 09:00 local); a regional carrier sorts a little
 *   later (09:30). So the station's early partner wave (06:00) makes the same day, later waves the
 *   next (CALIBRATION: USPS role, rural last mile, dropped presorted at local post offices, M).
 * - Door runs go out in daytime: each run starts at a local hour drawn uniformly over
 *   RUN_START_EARLIEST_H to + RUN_START_SPREAD_H (09:00-13:00) and drives its doors on the
 *   station's street grid, drawn as that carrier's vehicle; the last doors are reached by early
 *   evening, never at night.
 * - Reliability: a run slips to the next day with a carrier's slip chance (USPS 3%, regional
 *   4%; x2.5 in a storm). At peaks the carrier's own network is as loaded as Amazon's (the
 *   calendar's demand multiplier) and its sorts and routes overrun the way a loaded queue's
 *   waiting grows, as rho / (1 - rho) (M/M/1), not in proportion to the load: see
 *   getPeakSlipFactor. Shaped on ShipMatrix's December 2024 on-time figures, which exclude
 *   weather (USPS 90.4%, UPS 96.5%, M).
 */
import type { Params } from '../params';
import type { RandomStream } from '../rng';
import { DAY_S, getLocalDay, getLocalHour, HOUR_S } from '../schedules';
import { CARRIER_REGIONAL, CARRIER_USPS } from './carrierChoice';
import { STOPS_PER_PARCEL } from './costModel';
import { getScaledCapacity } from './deliveryVans';

/** A partner's door run in modelled terms: parcels per run and seconds per modelled stop. */
export function getPartnerRunClass(params: Pick<Params, 'scale'>): { capacity: number; dwellS: number } {
  const [capacity, realPerModelled] = getScaledCapacity(PARTNER_RUN_PARCELS, params.scale);
  return { capacity, dwellS: PARTNER_SECONDS_PER_STOP * STOPS_PER_PARCEL * realPerModelled };
}

/** Per carrier code: local hour by which parcels must reach it to go out that day (A). */
export const PARTNER_CUTOFF_LOCAL_H: Readonly<Record<number, number>> = {
  [CARRIER_USPS]: 9,
  [CARRIER_REGIONAL]: 9.5,
};
/** Per carrier code: chance a door run slips to the next day in fair weather (A, see header). */
export const PARTNER_SLIP_CHANCE: Readonly<Record<number, number>> = {
  [CARRIER_USPS]: 0.03,
  [CARRIER_REGIONAL]: 0.04,
};
/** A storm multiplies the slip chance by this (A). */
export const STORM_SLIP_FACTOR = 2.5;
/**
 * How busy a partner's sorts and routes are on an ordinary day (A): with the December load
 * (x1.45) this puts USPS near ShipMatrix's December on-time without weather (90.4%, M).
 */
export const PARTNER_ORDINARY_UTILISATION = 0.55;
/** The busiest a partner's network runs (A): past it, extra parcels wait for the next day anyway. */
export const PARTNER_MAX_UTILISATION = 0.9;

/**
 * How many times likelier a door run slips when the carrier carries `loadMultiplier` times an
 * ordinary day's load: the mean wait of a single-server queue, rho / (1 - rho), at the loaded
 * utilisation over that at the ordinary one. 1 on an ordinary day; x3.2 in the December peak
 * (x1.45), where a linear rule would give x1.45 and miss how overruns pile up near capacity.
 */
export function getPeakSlipFactor(loadMultiplier: number): number {
  const waitAt = (utilisation: number) => utilisation / (1 - utilisation);
  const loaded = Math.min(
    PARTNER_MAX_UTILISATION,
    PARTNER_ORDINARY_UTILISATION * Math.max(1, loadMultiplier),
  );
  return waitAt(loaded) / waitAt(PARTNER_ORDINARY_UTILISATION);
}
/** Door runs start between 09:00 and 13:00 local (A: carriers load after the morning sort). */
export const RUN_START_EARLIEST_H = 9;
export const RUN_START_SPREAD_H = 4;
/**
 * Seconds a partner's driver spends per real stop, the drive to the next one included (A: a
 * rural carrier makes 25-40 deliveries an hour on a spread-out route).
 */
export const PARTNER_SECONDS_PER_STOP = 120;
/**
 * Parcels on one partner door run (A: Amazon's share of a carrier's route). Runs are modelled
 * like vans: a modelled run carries this x scale parcels, each standing for the real parcels
 * (and stops) it represents, so a run lasts what the real one does at any scale.
 */
export const PARTNER_RUN_PARCELS = 120;
/** Loading a hand-off truck at the station, s (A). */
export const HANDOFF_LOADING_S = 30 * 60;
/** Hand-off drive when no hub is near enough for a truck (a local unit takes the parcels), s (A). */
export const HANDOFF_EXPECTED_DRIVE_S = 3600;
/**
 * Hours from the latest run start to the last door of a run (A): a run's ~80 stops take ~2.7 h
 * plus the drive out to its area; carrier choice counts on the run's end.
 */
export const DOOR_RUN_ALLOWANCE_S = 5 * 3600;

/** The local day a carrier takes parcels out when they reach it at `atCarrierS` (no slip). */
function getPartnerDeliveryDay(carrier: number, atCarrierS: number, offsetH: number): number {
  const cutoffH = PARTNER_CUTOFF_LOCAL_H[carrier] ?? PARTNER_CUTOFF_LOCAL_H[CARRIER_USPS];
  return getLocalDay(atCarrierS, offsetH) + (getLocalHour(atCarrierS, offsetH) <= cutoffH ? 0 : 1);
}

/** Sim seconds of local hour `hour` on local day `day`. */
function getLocalTimeS(day: number, hour: number, offsetH: number): number {
  return day * DAY_S + hour * HOUR_S - offsetH * HOUR_S;
}

/**
 * When a run carrying parcels that reached the carrier at `atCarrierS` typically starts: mid
 * morning of its delivery day, without a slip. The journey compares the actual start with it.
 */
export function getPartnerTypicalRunS(carrier: number, atCarrierS: number, offsetH: number): number {
  return getLocalTimeS(
    getPartnerDeliveryDay(carrier, atCarrierS, offsetH),
    RUN_START_EARLIEST_H + RUN_START_SPREAD_H / 2,
    offsetH,
  );
}

/**
 * When a parcel that reaches a carrier at `atCarrierS` can be counted on to arrive (absolute sim
 * seconds): the last door of the latest run of its delivery day. Carrier choice compares this
 * with the promise, so a partner is chosen when its delivery day meets it.
 */
export function getPartnerExpectedS(carrier: number, atCarrierS: number, offsetH: number): number {
  const day = getPartnerDeliveryDay(carrier, atCarrierS, offsetH);
  return getLocalTimeS(day, RUN_START_EARLIEST_H + RUN_START_SPREAD_H, offsetH) + DOOR_RUN_ALLOWANCE_S;
}

/**
 * When a door run of parcels that reached the carrier at `atCarrierS` starts: a daytime hour of
 * its delivery day, or of the next day when the run slips (`calendarMultiplier`: the day's
 * demand multiplier, getCalendarMultiplier). Two draws from the stream.
 */
export function drawPartnerRunStartS(
  stream: RandomStream,
  carrier: number,
  atCarrierS: number,
  offsetH: number,
  stormy: boolean,
  calendarMultiplier: number,
): number {
  const slipChance =
    (PARTNER_SLIP_CHANCE[carrier] ?? PARTNER_SLIP_CHANCE[CARRIER_USPS]) *
    (stormy ? STORM_SLIP_FACTOR : 1) *
    getPeakSlipFactor(calendarMultiplier);
  const slip = stream.nextFloat() < slipChance ? 1 : 0;
  const startH = RUN_START_EARLIEST_H + RUN_START_SPREAD_H * stream.nextFloat();
  // After the cut-off the day is the next one, so a run never starts before its parcels arrive.
  return getLocalTimeS(getPartnerDeliveryDay(carrier, atCarrierS, offsetH) + slip, startH, offsetH);
}
