/**
 * USPS and regional carriers: what happens after a station hands parcels over.
 *
 * - Hand-off: at each wave, one truck per carrier takes the station's parcels for that carrier to
 *   the carrier's hub (a network facility of kind carrierHub), drawn as that carrier's vehicle.
 * - Door delivery is the carrier's business: a run starts after a service time drawn from a
 *   log-normal per carrier, promise class (the service level bought for it) and region, and then
 *   drives its parcels' doors on the station's street grid, drawn as that carrier's vehicle.
 *
 * Median service hours from hand-off to the start of the door run (A; shaped on CALIBRATION.md's
 * on-time figures: USPS 90% at the December peak, a regional carrier a little faster but dearer):
 *
 * | carrier  | sameDay | nextDay | twoDay | standard |
 * |----------|---------|---------|--------|----------|
 * | USPS     | 6       | 8       | 26     | 50       |
 * | regional | 5       | 7       | 22     | 46       |
 *
 * Regions differ by a fixed factor 0.9-1.2 (a hash of the region: rural sprawl, carrier
 * density; A), and a storm slows them by STORM_SERVICE_FACTOR. Spread: sigma 0.25 in log space.
 */
import { mix32, type RandomStream } from '../rng';
import { CARRIER_REGIONAL, CARRIER_USPS } from './carrierChoice';

export const PARTNER_MEDIAN_H: Readonly<Record<number, readonly number[]>> = {
  [CARRIER_USPS]: [6, 8, 26, 50],
  [CARRIER_REGIONAL]: [5, 7, 22, 46],
};
export const PARTNER_SIGMA = 0.25;
export const STORM_SERVICE_FACTOR = 1.25;
/** Seconds a partner driver spends at a door (A). */
export const PARTNER_DWELL_S = 90;
/** Most stops on one partner door run; a bigger batch is cut by angle into several runs (A). */
export const PARTNER_RUN_STOPS = 40;
/** Loading a hand-off truck at the station, s (A). */
export const HANDOFF_LOADING_S = 30 * 60;
/** Expected hand-off drive for the carrier-choice promise check when no hub is known, s (A). */
export const HANDOFF_EXPECTED_DRIVE_S = 3600;

/** Fixed service-speed factor of a region, 0.9-1.2. */
export function getRegionServiceFactor(region: number): number {
  return 0.9 + 0.3 * (mix32(region * 0x2545f491 + 0x4f1bbcdd) / 4294967296);
}

/** Median hours from hand-off to the carrier's door run. */
export function getPartnerMedianH(carrier: number, promise: number, region: number, stormy: boolean): number {
  const table = PARTNER_MEDIAN_H[carrier] ?? PARTNER_MEDIAN_H[CARRIER_USPS];
  return table[promise] * getRegionServiceFactor(region) * (stormy ? STORM_SERVICE_FACTOR : 1);
}

/** z of the 90th percentile: carrier choice counts on the time by which 9 in 10 parcels arrive. */
const RELIABLE_Z = 1.2816;
/** Allowance for the door run after the service time (a run of up to 40 doors), s (A). */
export const DOOR_RUN_ALLOWANCE_S = 2 * 3600;

/**
 * When a parcel handed to a carrier at a wave at `waveS` can be counted on to arrive (absolute
 * sim seconds): hand-off, the 90th percentile of the service time, and the door run. Carrier
 * choice compares this with the promise, so a partner is chosen only with room to spare.
 */
export function getPartnerExpectedS(
  carrier: number,
  promise: number,
  region: number,
  stormy: boolean,
  waveS: number,
): number {
  return (
    waveS +
    HANDOFF_LOADING_S +
    HANDOFF_EXPECTED_DRIVE_S +
    getPartnerMedianH(carrier, promise, region, stormy) * Math.exp(RELIABLE_Z * PARTNER_SIGMA) * 3600 +
    DOOR_RUN_ALLOWANCE_S
  );
}

/** A service time drawn from the carrier's log-normal, hours. Two draws from the stream. */
export function drawPartnerServiceH(
  stream: RandomStream,
  carrier: number,
  promise: number,
  region: number,
  stormy: boolean,
): number {
  return getPartnerMedianH(carrier, promise, region, stormy) * Math.exp(PARTNER_SIGMA * stream.nextNormal());
}
