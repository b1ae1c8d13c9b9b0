/**
 * The storefront's delivery promise: an order is offered the fastest promise its path can keep,
 * as a real storefront shows "arrives tomorrow" only when the item sits where tomorrow is
 * possible. The buyer asks for a speed (the promise mix of the parameters); the order carries
 * the slower of that and the earliest day the network plans to reach the door from the FC the
 * order ships from.
 *
 * The plan walks the parcel's path on the network's timetables (schedules.ts) with planning
 * allowances (A, set so that nine parcels in ten or more beat them in the steady state):
 * - FC: closed hours wait for the shift; FC_HANDLING_S to pick, pack and load; then the next
 *   carrier cut-off (busy lanes leave earlier, full);
 * - each line-haul leg: its free-flow drive x TRAFFIC_ALLOWANCE, plus the hours-of-service rests
 *   of a solo driver (writeLineHaulTrip's rules; mixed crews send a team where the 10 h rest
 *   would fall);
 * - each sortation center: SORT_CENTER_HANDLING_S, then the next departure to the station, or,
 *   on a consolidated lane, TRANSFER_WAIT_S for the trailer to fill;
 * - the station: STATION_HANDLING_S to sort it to a route.
 * At a calendar peak the allowances grow with the day's demand multiplier. Then the earliest
 * delivery day: an address inside the station's service area is delivered the day its parcel is
 * ready by the van wave (or, for a same-day promise, by the first same-day Flex wave); a rural
 * address goes to a partner carrier, which delivers the day its parcel is ready, with a margin,
 * by the early partner wave.
 */
import { getCalendarMultiplier } from './demand';
import { getNextSortCenter, type NetworkModel } from './network';
import type { Params } from './params';
import {
  DAY_S,
  getFcClosedWaitS,
  getFcCutoffIntervalS,
  getLocalDay,
  getNextScheduledS,
  getSortCenterDepartureIntervalS,
  getStationWaveShiftH,
  getWavePhaseS,
  HOUR_S,
  VAN_WAVE,
} from './schedules';
import { getFreeFlowDriveS, isSoloDrive, RoutePlanner } from './trips';

/** Picking, packing and loading at the FC at planning pace, s (A). */
export const FC_HANDLING_S = 1 * HOUR_S;
/** Planned drive = free-flow drive x this (rush hours, A). */
export const TRAFFIC_ALLOWANCE = 1.15;
/** Unloading and sorting at a sortation center, s (A). */
export const SORT_CENTER_HANDLING_S = 1 * HOUR_S;
/** A consolidated lane's trailer waits to fill, s (A: half the hold limit of 12 h). */
export const TRANSFER_WAIT_S = 6 * HOUR_S;
/** Unloading and sorting to a route at the delivery station, s (A). */
export const STATION_HANDLING_S = 0.5 * HOUR_S;
/** The wave a same-day parcel must be ready by: the first after the van wave (13:00, Flex). */
export const SAME_DAY_READY_WAVE = VAN_WAVE + 1;
/** The early partner wave: a rural parcel ready by it goes out with the carrier that day. */
export const PARTNER_READY_WAVE = 0;
/**
 * A rural promise counts on the parcel being ready this long before the early partner wave (A):
 * a parcel that misses it waits a whole day for the carrier, where a van parcel still has the
 * later Flex waves.
 */
export const PARTNER_READY_MARGIN_S = 2 * HOUR_S;

/** Days after the order's local day each promise class is due (PROMISE_CLASSES order). */
const PROMISE_DAYS = [0, 1, 2, 5] as const;
/** Hours of service (FMCSA, H), as writeLineHaulTrip applies them to a solo driver. */
const BREAK_AFTER_DRIVING_S = 8 * HOUR_S;
const BREAK_S = 0.5 * HOUR_S;
const MAX_DRIVING_S = 11 * HOUR_S;
const OFF_DUTY_S = 10 * HOUR_S;

/**
 * The first local day whose `wave` (at its local phase, `shiftH` the station's shift) comes at or
 * after `atS`.
 */
function getDayOfWave(params: Params, offsetH: number, shiftH: number, wave: number, atS: number): number {
  const waveS = getNextScheduledS(atS - 1, offsetH, getWavePhaseS(params, wave, shiftH), DAY_S);
  return getLocalDay(waveS, offsetH);
}

// A plan's values in its row of DeliveryPromises.plans: the FC cut-off and the day's load it was
// worked out for, the ready time at the station, and the local days of the first van wave, early
// partner wave (with its margin) and same-day wave after it.
const PLAN_CUTOFF_S = 0;
const PLAN_LOAD = 1;
const PLAN_READY_S = 2;
const PLAN_VAN_DAY = 3;
const PLAN_PARTNER_DAY = 4;
const PLAN_SAME_DAY_DAY = 5;
const PLAN_STRIDE = 6;

/** A plan's row and offset (getPlan's answer, reused: nothing allocated per order). */
interface PlanAt {
  row: Float64Array;
  at: number;
}
const planAt: PlanAt = { row: new Float64Array(0), at: 0 };

export class DeliveryPromises {
  private readonly routes: RoutePlanner;
  /**
   * Planned drive per (from, to) facility pair, for the driving parameters below: a row per
   * `from` (FCs and sortation centers), NaN until asked. Read for every order's path; a Map lookup
   * was ~1% of a full-scale sim day.
   */
  private driveS: Array<Float64Array | null>;
  /** The driving parameters `driveS` holds drives for (compared per order: no key string built). */
  private driveSpeedMph = Number.NaN;
  private driveDistanceFactor = Number.NaN;
  private driveDrivers: Params['lineHaulDrivers'] | '' = '';
  /**
   * The last order's plan per (FC, station), for the parameters `planParams`: a row per FC,
   * PLAN_STRIDE values per station (see PLAN_*), NaN until asked. Past its FC's cut-off an order's
   * plan depends on it only through the cut-off it makes and the day's load, and an FC sends a
   * station many orders per cut-off: the path's hops and wave days were ~1.5% of a full-scale day.
   */
  private plans: Array<Float64Array | null>;
  private planParams: Params | null = null;

  constructor(private readonly model: NetworkModel) {
    this.routes = new RoutePlanner(model);
    this.driveS = model.network.facilities.map(() => null);
    this.plans = model.network.facilities.map(() => null);
  }

  /**
   * When an order placed at `orderS`, shipping from `fc`, is planned to be ready at `station`
   * (absolute sim seconds).
   */
  getPlannedReadyS(params: Params, orderS: number, fc: number, station: number): number {
    const plan = this.getPlan(params, orderS, fc, station);
    return plan.row[plan.at + PLAN_READY_S];
  }

  /**
   * The plan of an order placed at `orderS` from `fc` to `station`: its row in `plans` and where
   * in it, worked out (planPath) the first time an order makes that FC cut-off on that day's load.
   */
  private getPlan(params: Params, orderS: number, fc: number, station: number): PlanAt {
    const { model } = this;
    if (
      params.truckSpeedMph !== this.driveSpeedMph ||
      params.roadDistanceFactor !== this.driveDistanceFactor ||
      params.lineHaulDrivers !== this.driveDrivers
    ) {
      this.driveS = this.driveS.map(() => null);
      this.driveSpeedMph = params.truckSpeedMph;
      this.driveDistanceFactor = params.roadDistanceFactor;
      this.driveDrivers = params.lineHaulDrivers;
    }
    // A run's parameters change only as a whole new object (setParams).
    if (params !== this.planParams) {
      this.plans = this.plans.map(() => null);
      this.planParams = params;
    }
    const fcOffsetH = model.facilityOffsetH[fc];
    // At a calendar peak every site is busier: the storefront pads its handling allowances by the
    // day's demand multiplier, as a real one moves its order-by times earlier in December.
    const load = Math.max(1, getCalendarMultiplier(params, orderS));
    const readyAtFcS = orderS + getFcClosedWaitS(params, orderS, fcOffsetH) + FC_HANDLING_S * load;
    const cutoffS = getNextScheduledS(readyAtFcS, fcOffsetH, 0, getFcCutoffIntervalS(params));
    let row = this.plans[fc];
    if (row === null) {
      row = new Float64Array(PLAN_STRIDE * model.network.facilities.length).fill(Number.NaN);
      this.plans[fc] = row;
    }
    const at = PLAN_STRIDE * station;
    if (row[at + PLAN_CUTOFF_S] !== cutoffS || row[at + PLAN_LOAD] !== load) {
      const readyS = this.planPath(params, cutoffS, load, fc, station);
      const offsetH = model.facilityOffsetH[station];
      const shiftH = getStationWaveShiftH(station);
      row[at + PLAN_CUTOFF_S] = cutoffS;
      row[at + PLAN_LOAD] = load;
      row[at + PLAN_READY_S] = readyS;
      row[at + PLAN_VAN_DAY] = getDayOfWave(params, offsetH, shiftH, VAN_WAVE, readyS);
      row[at + PLAN_PARTNER_DAY] = getDayOfWave(
        params,
        offsetH,
        shiftH,
        PARTNER_READY_WAVE,
        readyS + PARTNER_READY_MARGIN_S,
      );
      row[at + PLAN_SAME_DAY_DAY] = getDayOfWave(params, offsetH, shiftH, SAME_DAY_READY_WAVE, readyS);
    }
    planAt.row = row;
    planAt.at = at;
    return planAt;
  }

  /** When a parcel leaving `fc` at its cut-off `t` is planned to be ready at `station`. */
  private planPath(params: Params, t: number, load: number, fc: number, station: number): number {
    const { model } = this;
    let at = fc;
    for (;;) {
      const hop = getNextSortCenter(model, at, station);
      const next = hop < 0 ? station : hop;
      t += this.getPlannedDriveS(params, at, next);
      if (next === station) break;
      t += SORT_CENTER_HANDLING_S * load;
      if (getNextSortCenter(model, next, station) < 0)
        t = getNextScheduledS(t, model.facilityOffsetH[next], 0, getSortCenterDepartureIntervalS(params));
      else t += TRANSFER_WAIT_S;
      at = next;
    }
    return t + STATION_HANDLING_S * load;
  }

  /**
   * The promise class (index into PROMISE_CLASSES) the storefront offers: `requested`, or the
   * fastest slower class the planned path can keep. A rural address (`insideServiceArea` false)
   * is delivered by a partner carrier.
   */
  offerPromise(
    params: Params,
    orderS: number,
    fc: number,
    station: number,
    insideServiceArea: boolean,
    requested: number,
  ): number {
    const { row, at } = this.getPlan(params, orderS, fc, station);
    const orderDay = getLocalDay(orderS, this.model.facilityOffsetH[station]);
    const earliestDay = insideServiceArea ? row[at + PLAN_VAN_DAY] : row[at + PLAN_PARTNER_DAY];
    const sameDayPossible = insideServiceArea && row[at + PLAN_SAME_DAY_DAY] === orderDay && requested === 0;
    if (sameDayPossible) return 0;
    for (let promise = Math.max(1, requested); promise < PROMISE_DAYS.length; promise++) {
      if (orderDay + PROMISE_DAYS[promise] >= earliestDay) return promise;
    }
    return PROMISE_DAYS.length - 1;
  }

  private getPlannedDriveS(params: Params, from: number, to: number): number {
    let row = this.driveS[from];
    if (row === null) {
      row = new Float64Array(this.model.network.facilities.length).fill(Number.NaN);
      this.driveS[from] = row;
    }
    let driveS = row[to];
    if (Number.isNaN(driveS)) {
      const route = this.routes.getRoute(from, to);
      driveS = getFreeFlowDriveS(route, params.truckSpeedMph, params.roadDistanceFactor) * TRAFFIC_ALLOWANCE;
      const solo = isSoloDrive(
        params.lineHaulDrivers,
        route,
        params.truckSpeedMph,
        params.roadDistanceFactor,
      );
      // Mixed crews send a team wherever traffic would make a solo driver rest 10 h (lineHaul.ts).
      const teamInTraffic = params.lineHaulDrivers === 'mixed' && driveS > MAX_DRIVING_S;
      if (solo && !teamInTraffic) {
        if (driveS > MAX_DRIVING_S) driveS += OFF_DUTY_S * Math.floor(driveS / MAX_DRIVING_S);
        else if (driveS > BREAK_AFTER_DRIVING_S) driveS += BREAK_S;
      }
      row[to] = driveS;
    }
    return driveS;
  }
}
