/**
 * Amazon Flex, the elastic layer: blocks of a few hours offered through the app when a wave's
 * parcels exceed what the DSP vans carry (and for same-day parcels in the later waves). Each
 * block is taken, or not, by a driver in their own car.
 *
 * Acceptance is logistic in pay and conditions (A, no public figure; shaped so the defaults give
 * the CALIBRATION.md picture of blocks usually but not always taken):
 *   logit(p) = logit(flexBaseAcceptance) + 3 ln(pay per hour / $20)
 *              - 1.2 in a storm - 1.0 x (hours the block starts after 17:00 local, up to 4) / 4.
 * So raising pay never lowers acceptance, bad weather and late blocks lower it.
 *
 * Whether block k of a wave is taken is decided by a shared random number of (seed, station,
 * wave, k), not a stream draw: the same block meets the same driver whatever else changed, so
 * changing the pay moves acceptance one way only (common random numbers, as the engine's
 * capacities do).
 */
import type { Params } from '../params';
import { exp, expm1, log } from '../portableMath';
import { hashUniform } from '../rng';
import { CARRIER_FLEX } from './carrierChoice';
import { STOPS_PER_PARCEL } from './costModel';
import { getVehicleClass, type VehicleClass } from './deliveryVans';
import { ARTERIAL_SPACING_KM, ARTERIAL_SPEED_KMH, LOCAL_BLOCK_KM, LOCAL_SPEED_KMH } from './streetGrid';

/** Pay per hour at which flexBaseAcceptance holds (CALIBRATION.md Flex pay, mean ~$20/h, H). */
export const FLEX_REFERENCE_PAY_PER_HOUR_USD = 20;
const PAY_ELASTICITY = 3;
const STORM_PENALTY = 1.2;
const LATE_PENALTY = 1;
const LATE_FROM_LOCAL_H = 17;
/** Calendar multiplier from which a day counts as a peak and blocks carry surge pay (A). */
export const FLEX_PEAK_CALENDAR_MULTIPLIER = 1.2;
/** Minutes of loading before a Flex driver leaves the station (A). */
export const FLEX_LOADING_S = 15 * 60;
/** Flex drivers are slower per stop than DSP drivers: unfamiliar routes, a car not a van (A). */
export const FLEX_STOP_TIME_FACTOR = 1.25;
const SALT = 0x0f1e8b10;

function logit(p: number): number {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return log(q / (1 - q));
}

/**
 * Chance a driver takes a block.
 * @param baseAcceptance flexBaseAcceptance: the chance at $20/h in fair weather by day.
 * @param payPerHourUsd offered pay, surge included.
 * @param stormy the station's region is in a storm.
 * @param localStartH local hour the block starts (0-24).
 */
export function getFlexAcceptance(
  baseAcceptance: number,
  payPerHourUsd: number,
  stormy: boolean,
  localStartH: number,
): number {
  if (baseAcceptance <= 0) return 0;
  if (baseAcceptance >= 1) return 1;
  const lateH = Math.min(4, Math.max(0, localStartH - LATE_FROM_LOCAL_H));
  const z =
    logit(baseAcceptance) +
    PAY_ELASTICITY * log(Math.max(1e-6, payPerHourUsd) / FLEX_REFERENCE_PAY_PER_HOUR_USD) -
    (stormy ? STORM_PENALTY : 0) -
    (LATE_PENALTY * lateH) / 4;
  return 1 / (1 + exp(-z));
}

/** Surge fraction on a day with this calendar multiplier (flexSurgePay at peaks, else 0). */
export function getFlexSurge(flexSurgePay: number, calendarMultiplier: number): number {
  return calendarMultiplier >= FLEX_PEAK_CALENDAR_MULTIPLIER ? flexSurgePay : 0;
}

/** Whether block `block` of wave `waveSerial` at `station` is taken, given its acceptance chance. */
export function isFlexBlockAccepted(
  seed: number,
  station: number,
  waveSerial: number,
  block: number,
  acceptance: number,
): boolean {
  return hashUniform(seed ^ SALT, station, waveSerial * 4096 + block) < acceptance;
}

/** A Flex driver's car, cu ft: a sedan's trunk and back seat (A; 40-80 parcels, CALIBRATION.md, L). */
export const FLEX_CAR_VOLUME_CU_FT = 50;

/** The Flex vehicle class: car capacity, slower stops, a block instead of a shift. */
export function getFlexClass(params: Params): VehicleClass {
  return getVehicleClass(
    {
      carrier: CARRIER_FLEX,
      capacityParcels: params.flexCapacityParcels,
      volumeCuFt: FLEX_CAR_VOLUME_CU_FT,
      secondsPerStop: (3600 / params.stopsPerHour) * FLEX_STOP_TIME_FACTOR,
      loadingS: FLEX_LOADING_S,
      workH: params.flexBlockH,
    },
    params.scale,
  );
}

/**
 * Free-flow seconds to drive `km` between two doors on the street grid (streetGrid.ts): on local
 * streets, or, when quicker, a quarter of an arterial cell of local street at each end and the
 * rest on arterials.
 */
export function getDoorToDoorDriveS(km: number): number {
  const localKm = Math.min(km, ARTERIAL_SPACING_KM / 2);
  const viaArterialH = localKm / LOCAL_SPEED_KMH + (km - localKm) / ARTERIAL_SPEED_KMH;
  return Math.min(km / LOCAL_SPEED_KMH, viaArterialH) * 3600;
}

/**
 * A good tour through doors on the street grid runs this much longer than the BHH tour on a grid
 * (getTourDoorSpacingKm): its streets turn only at their lines, so a leg between doors on
 * neighbouring streets goes round by a cross street. Measured with the wave router on 20-180
 * random doors a tour over 1.2 and 2.5 km, the driveways (below) apart: 1.01-1.31, mean 1.15,
 * the densest lowest (doors on one street are driven along it; before, 1.20-1.40 on the same
 * doors, and 1.25 was used).
 */
const GRID_TOUR_FACTOR = 1.15;
/**
 * A door's driveway, km: doors lie anywhere in a block, each reached from its own street, so a
 * driveway is on average a quarter of a block (LOCAL_BLOCK_KM); measured 49-54 m. A leg drives two.
 */
const MEAN_DRIVEWAY_KM = LOCAL_BLOCK_KM / 4;

/**
 * Free-flow seconds the model drives from a door to the next on a tour through doors
 * `spacingKm` apart (BHH on the grid): the tour along the grid's streets and a driveway at each
 * end. What the router's own street paths cost, so a stop's all-in time can give up the drive the
 * model does (withDrivenLegs); at full scale that is ~1.7x the BHH figure alone.
 */
export function getModelledDoorLegS(spacingKm: number): number {
  return (
    getDoorToDoorDriveS(GRID_TOUR_FACTOR * spacingKm) + ((2 * MEAN_DRIVEWAY_KM) / LOCAL_SPEED_KMH) * 3600
  );
}

/** Where a later wave's Flex blocks go: the spacing of their doors and of a full route's. */
export interface SameDayBlockGeometry {
  /** Km from one of the wave's Flex doors to the next on a tour through them all (on the grid). */
  doorSpacingKm: number;
  /** Km between neighbouring doors of a full van route at the station, which a stop's time already drives. */
  routeDoorSpacingKm: number;
  /** Km from the station to a mean door of its area, on the grid: a block's drive out (and back). */
  meanDoorKm: number;
  /** Real stops per real parcel among the wave's Flex doors (getSparseStopsPerParcel). */
  stopsPerParcel: number;
}

/**
 * A door's mean parcels a day, its days without any counted, taking a door's parcels of a day as
 * Poisson with this mean m: on a day it gets any it then gets as many as a full route's stop
 * takes, 1 / STOPS_PER_PARCEL (E[N | N >= 1] = m / (1 - e^-m) = 1.53 at m ~0.92). Solved once by
 * bisection.
 */
const DOOR_PARCELS_PER_DAY = (() => {
  const target = 1 / STOPS_PER_PARCEL;
  let low = 1e-6;
  let high = 10;
  for (let k = 0; k < 60; k++) {
    const m = (low + high) / 2;
    if (m / -expm1(-m) < target) low = m;
    else high = m;
  }
  return (low + high) / 2;
})();

/**
 * Real stops per real parcel of a wave holding `shareOfDay` of its station's daily parcels, at
 * random among them: a door then gets Poisson(shareOfDay x DOOR_PARCELS_PER_DAY) of them, and a
 * stop holds its mean given one or more. A full day's wave (share 1) gives STOPS_PER_PARCEL; a
 * later wave's few parcels (a twentieth of the day) ~0.98 stops a parcel: a household's parcels
 * of a day rarely all come after the vans left, so a same-day block stops at nearly every parcel.
 */
export function getSparseStopsPerParcel(shareOfDay: number): number {
  const m = Math.min(1, Math.max(0, shareOfDay)) * DOOR_PARCELS_PER_DAY;
  // expm1: 1 - e^-m loses its digits for a tiny m, and the ratio must not pass 1.
  return m === 0 ? 1 : -expm1(-m) / m;
}

/**
 * The Flex class of a later wave's blocks (same-day blocks: lastMile.ts). Their parcels are the
 * few of the day that cannot wait for tomorrow's vans, spread over the station's whole area, so a
 * driver spends most of a block driving between doors: a stop takes a Flex stop's time (which
 * drives to a neighbour at a full route's density, as stopsPerHour does) plus the drive to the
 * next of these doors beyond that, and a block carries the parcels its hours leave time for after
 * the drive out and back (at most a car's, `flexCapacityParcels`). Drivers report same-day blocks
 * of 10-20 parcels against 40-80 (CALIBRATION.md, Flex, L). The drive between doors counts for the
 * real stops a modelled stop stands for beyond itself; the router drives to the modelled stop.
 */
export function getSameDayFlexClass(params: Params, geometry: SameDayBlockGeometry): VehicleClass {
  const ordinary = getFlexClass(params);
  const extraDriveS = getDoorToDoorDriveS(Math.max(0, geometry.doorSpacingKm - geometry.routeDoorSpacingKm));
  const outAndBackS = 2 * getDoorToDoorDriveS(geometry.meanDoorKm);
  const onTheRoadS = Math.max(0, ordinary.maxRouteS - outAndBackS);
  const ordinaryStopS = (3600 / params.stopsPerHour) * FLEX_STOP_TIME_FACTOR;
  const { stopsPerParcel } = geometry;
  let vehicle = ordinary;
  // The share of real stops beyond the modelled one depends on the class's own scaling: settle it
  // in two passes (the second changes the capacity by at most a parcel).
  for (let pass = 0; pass < 2; pass++) {
    const realStops = stopsPerParcel * vehicle.realPerModelled;
    const secondsPerStop = ordinaryStopS + extraDriveS * Math.max(0, 1 - 1 / realStops);
    const parcels = onTheRoadS / secondsPerStop / stopsPerParcel;
    vehicle = getVehicleClass(
      {
        carrier: CARRIER_FLEX,
        capacityParcels: Math.max(1, Math.min(params.flexCapacityParcels, Math.round(parcels))),
        volumeCuFt: FLEX_CAR_VOLUME_CU_FT,
        secondsPerStop,
        loadingS: FLEX_LOADING_S,
        workH: params.flexBlockH,
        stopsPerParcel,
      },
      params.scale,
    );
  }
  return vehicle;
}
