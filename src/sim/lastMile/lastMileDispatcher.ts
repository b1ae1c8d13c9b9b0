/**
 * One station wave, decided and dispatched: carrier choice per parcel, van and Flex routes, Flex
 * blocks offered and taken, partner hand-offs and door runs, trips and metrics. The rules are in
 * lastMile.ts's header; this file is their mechanics. Scratch columns are allocated once and
 * grown, so a wave allocates only its routing instances.
 */
import { EVENT_READY_AT_STATION, STAGE_OUT_FOR_DELIVERY } from '../kinds';
import { decodeEventTick, readEventTime, TICKED_EVENTS } from '../parcels';
import { mayKeepPastLastWave, mayWaitForVans } from './dispatchRules';
import { KM_PER_MILE, LAT_DEG_PER_KM, lonDegPerKm } from '../geo';
import type { NetworkModel } from '../network';
import { hypot } from '../portableMath';
import { hashUniform } from '../rng';
import { getMeanServiceReachKm } from '../serviceAreas';
import { getLocalDay, getLocalHour, getPromiseDeadlineS } from '../schedules';
import {
  CARRIER_REGIONAL,
  CARRIER_USPS,
  carrierOfReason,
  choosePartnerCarrier,
  chooseFirstReason,
  type ParcelFacts,
  REASON_DEFERRED,
  REASON_FLEX_OVERFLOW,
  REASON_FLEX_SAME_DAY,
  REASON_OWN_ROUTE,
  REASON_REGIONAL_OVERFLOW,
  REASON_USPS_OVERFLOW,
} from './carrierChoice';
import {
  type CostModel,
  createCostModel,
  getContractCostModel,
  getFlexBlockPayUsd,
  getVanRouteCostUsd,
  STOPS_PER_PARCEL,
} from './costModel';
import {
  getParcelDemand,
  getRealStopsPerModelled,
  getVanClass,
  getVanLoadOutLeadS,
  type VehicleClass,
  withDrivenLegs,
} from './deliveryVans';
import {
  getFlexAcceptance,
  getModelledDoorLegS,
  getFlexClass,
  getFlexSurge,
  getSameDayFlexClass,
  getSparseStopsPerParcel,
  isFlexBlockAccepted,
} from './flexBlocks';
import { LAST_MILE_KPI_INDEX as K } from './lastMileMetrics';
import { getPartnerExpectedS } from './partnerCarriers';
import {
  getMeanSecondsPerFreeFlowS,
  getPlanningSpeedFactor,
  type RouteFrame,
  writeRouteTrip,
} from './routeTrips';
import { ANCHOR_STRIDE, createStreetGrid } from './streetGrid';
import { PartnerHandoffs } from './partnerHandoffs';
import { planWaveRoutes, SHIFT_MARGIN_S, type WavePlan } from './waveRoutes';
import { PENDING, REQUEUE, WaveParcels } from './waveParcels';
import { recordHandoff, type WaveContext } from './waveContext';
import type { DeferralCause } from '../parcelJournal';
import type { Params } from '../params';
import type { LonLatBounds } from '../trips';

/**
 * BHH constant: a tour through n random points in area A is ~0.7124 sqrt(n A) long; on a street
 * grid x 4/pi, the mean ratio of grid to straight-line distance over all directions.
 */
const BHH_ON_GRID = (0.7124 * 4) / Math.PI;

/** Km from door to door on a tour through `doors` doors spread evenly over a disc of `reachKm`. */
export function getTourDoorSpacingKm(reachKm: number, doors: number): number {
  return BHH_ON_GRID * Math.sqrt((Math.PI * reachKm * reachKm) / doors);
}

/**
 * The optimiser's budget as work, not time, so runs stay deterministic: every
 * RR_BUDGET_MS_PER_ITERATION ms of optimiserTimeBudgetMs buy one ruin-and-recreate iteration per
 * stop after savings + local search, fractions too (a sector gets its stops x that, rounded), at
 * most MAX_RR_ITERATIONS_PER_STOP. The default is none: savings + local search plan a van's
 * few routed stops (waveRoutes' MAX_ROUTED_STOPS_PER_VEHICLE) about as well alone. Day 3 of
 * seed 7 from one saved day-2 state, half an iteration a stop (the default before) against none:
 * at scale 0.1 the day took 12.3 s against 10.5 s of wall time, for van miles 0.07% shorter, Flex
 * routes 1.9% fewer (Flex's share 1.542% -> 1.524% of parcels) and on time 98.317% -> 98.319%;
 * at full scale (to 11:00, the Eastern and Central van waves) 44.3 s against 37.8 s, van miles
 * 0.01% shorter, Flex routes 2.0% fewer. Earlier: on 5,024 van sectors of a scale-0.1 day one
 * iteration a stop cost 1.29x the routing CPU for 0.05% shorter plans and 0.2% fewer routes.
 */
export const RR_BUDGET_MS_PER_ITERATION = 100;
const MAX_RR_ITERATIONS_PER_STOP = 20;

export function getIterationsPerStop(budgetMs: number): number {
  return Math.min(MAX_RR_ITERATIONS_PER_STOP, budgetMs / RR_BUDGET_MS_PER_ITERATION);
}

/** Salt of the shared numbers that round a station's modelled van count (getModelledVansLeft). */
const VAN_ROUNDING_SALT = 0x7a11d05e;
const FLEX_ROUNDING_SALT = 0x3f1e9b07;

export class LastMileDispatcher {
  private readonly partners: PartnerHandoffs;
  private readonly grids: ReturnType<typeof createStreetGrid>[] = [];
  private readonly parcels = new WaveParcels();
  private routeXy = new Float64Array(64);
  /** The route's stops' street anchors, then the station's (writeRouteTrip). */
  private routeAnchors = new Float64Array(64 * ANCHOR_STRIDE);
  // Subset scratch for one planning call.
  private subset = new Int32Array(256);
  /** Wave indices of the route being dispatched, in stop order. */
  private tripOrder = new Int32Array(256);
  private subXy = new Float64Array(512);
  private subDeadline = new Float64Array(256);
  /** Ready-at-station ticks of the parcels a wave asks needsFlexToday about (readReadyTicks). */
  private readyTicks = new Uint16Array(256);
  private subDemand = new Float64Array(256);

  constructor(
    readonly model: NetworkModel,
    readonly seed: number,
  ) {
    this.partners = new PartnerHandoffs(model);
    for (const station of model.stationIds) this.grids[station] = createStreetGrid(station);
  }

  private ensure(n: number): void {
    this.parcels.ensure(n);
    if (this.subset.length >= n) return;
    let size = this.subset.length;
    while (size < n) size *= 2;
    this.subset = new Int32Array(size);
    this.tripOrder = new Int32Array(size);
    this.subXy = new Float64Array(size * 2);
    this.subDeadline = new Float64Array(size);
    this.readyTicks = new Uint16Array(size);
    this.subDemand = new Float64Array(size);
  }

  private frameOf(wave: WaveContext): RouteFrame {
    const { model } = this;
    const f = model.network.facilities[wave.station];
    const region = model.facilityRegion[wave.station];
    return {
      grid: this.grids[wave.station],
      lon: f.lon,
      lat: f.lat,
      lonDegPerKm: lonDegPerKm(f.lat),
      latDegPerKm: LAT_DEG_PER_KM,
      offsetH: model.facilityOffsetH[wave.station],
      rushFactor: wave.params.rushHourSpeedFactor,
      weatherFactor: wave.host.regionSpeedFactor[region],
    };
  }

  /**
   * Runs the wave on the `count` parcels of the station's hand-off queue, listed (oldest first) in
   * `walked` from `walkedFrom`; the queue is emptied, and what waits for a later wave rejoins it.
   */
  runWave(wave: WaveContext, count: number, walked: Int32Array, walkedFrom: number): void {
    const p = this.parcels;
    const { model } = this;
    const { host, station, params } = wave;
    this.ensure(count);
    const c = host.parcels.columns;
    const offsetH = model.facilityOffsetH[station];
    const radiusKm = model.serviceRadiusKm[station];
    // A partner's delivery day depends on when the wave hands over, not on the parcel.
    const atCarrierS = this.partners.getExpectedArrivalS(station, wave.waveS, params);
    const uspsExpectedS = getPartnerExpectedS(CARRIER_USPS, atCarrierS, offsetH);
    const regionalExpectedS = getPartnerExpectedS(CARRIER_REGIONAL, atCarrierS, offsetH);
    const cost = createCostModel(params, wave.waveS);
    const contractCost = getContractCostModel(cost);
    const facts: ParcelFacts = {
      weightKg: 0,
      distanceKm: 0,
      insideServiceArea: true,
      deadlineS: 0,
      uspsExpectedS: 0,
      regionalExpectedS: 0,
    };
    let ownCount = 0;
    host.queues.clear(wave.queue);
    // What the wave reads of its parcels, in a loop of reads alone: the parcels lie all over the
    // store, and here many of their cache misses are in flight at once.
    for (let i = 0; i < count; i++) {
      const slot = walked[walkedFrom + i];
      p.slots[i] = slot;
      p.xy[2 * i] = c.destinationOffset[2 * slot] / 100;
      p.xy[2 * i + 1] = c.destinationOffset[2 * slot + 1] / 100;
      p.orderedS[i] = c.orderedS[slot];
      p.promise[i] = c.promise[slot];
      p.weightKg[i] = c.weight10g[slot] / 100;
    }
    for (let i = 0; i < count; i++) {
      const x = p.xy[2 * i];
      const y = p.xy[2 * i + 1];
      p.deadlineS[i] = getPromiseDeadlineS(p.orderedS[i], p.promise[i], offsetH);
      p.mark[i] = PENDING;
      p.blockDeclined[i] = 0;
      facts.weightKg = p.weightKg[i];
      facts.distanceKm = hypot(x, y);
      facts.insideServiceArea = facts.distanceKm <= radiusKm;
      facts.deadlineS = p.deadlineS[i];
      facts.uspsExpectedS = uspsExpectedS;
      facts.regionalExpectedS = regionalExpectedS;
      const reason = chooseFirstReason(contractCost, facts);
      p.reasonOf[i] = reason;
      if (reason === REASON_OWN_ROUTE) ownCount++;
    }
    const frame = this.frameOf(wave);
    // Stop spacing of the real route behind a modelled one (for its miles): the wave's real stops
    // lie where its modelled doors are drawn, the station's area, and the routes share them out
    // (a route's stops fill its share of the area), so a stop is a tour of all of them over their
    // count from its neighbour. The same area the modelled stops, and so the route's drive out
    // to its first stop and back, come from (getMeanServiceReachKm says why the mean reach).
    const realStopsInWave = Math.max(1, (ownCount / params.scale) * STOPS_PER_PARCEL);
    const doorReachKm = getMeanServiceReachKm(model.serviceReachKm, model.kindIndex[station]);
    const spacingKm = getTourDoorSpacingKm(doorReachKm, realStopsInWave);
    // The drive between modelled stops, which the vehicles' all-in stop times already hold
    // (withDrivenLegs): the legs of a tour through the wave's modelled doors, and the drive to
    // the next door of a full van route at the station, which is what a stop's time holds.
    const modelledLegS = getModelledDoorLegS(getTourDoorSpacingKm(doorReachKm, Math.max(1, ownCount)));
    const fullRoute = getVanClass(params);
    const fleetParcels = Math.max(
      1,
      this.getVanFleet(params, station) * fullRoute.capacity * fullRoute.realPerModelled,
    );
    const routeDoorSpacingKm = getTourDoorSpacingKm(doorReachKm, fleetParcels * STOPS_PER_PARCEL);
    // What a real parcel's all-in time holds of the drive the model does: its leg on the model's
    // streets when the station's full fleet of parcels is out, each parcel a door of its own as
    // the model draws them (real doors take 1.5 parcels each, and a real driveway is walked).
    // So at full scale, where modelled doors are real parcels' doors, a route's time is its stops'
    // all-in times as at scale 0.01, not ~40% more drive; sparser doors still drive the rest.
    const routeParcelLegS = getModelledDoorLegS(getTourDoorSpacingKm(doorReachKm, fleetParcels));

    // Own fleet: vans in the first wave, Flex for what they leave and for urgent later parcels.
    const flexReason = wave.vanWave ? REASON_FLEX_OVERFLOW : REASON_FLEX_SAME_DAY;
    const localDay = getLocalDay(wave.waveS, offsetH);
    const van = withDrivenLegs(fullRoute, modelledLegS, fullRoute.realPerModelled * routeParcelLegS);
    let n = 0;
    if (wave.partnerOnly) {
      for (let i = 0; i < count; i++)
        if (p.reasonOf[i] === REASON_OWN_ROUTE) this.defer(wave, i, 'partnerWaveOnly');
    } else if (wave.vanWave) {
      n = this.collect(REASON_OWN_ROUTE, van, count);
      const vans = this.getModelledVansLeft(wave, van, localDay);
      const plan = this.plan(wave, frame, van, n, vans, 0);
      this.dispatchRoutes(wave, frame, van, plan, REASON_OWN_ROUTE, cost, spacingKm, true);
      this.bookVansUsed(wave, van, plan.routeCount);
      n = this.collectLeftover(plan, flexReason, wave);
    } else {
      this.readReadyTicks(wave, null, count);
      for (let i = 0; i < count; i++) {
        if (p.reasonOf[i] !== REASON_OWN_ROUTE) continue;
        if (this.needsFlexToday(wave, i, this.readyTicks[i])) p.reasonOf[i] = flexReason;
        else this.defer(wave, i, 'waitingForVans');
      }
    }
    // A later wave's Flex blocks are same-day blocks: their few doors lie far apart, and a block
    // carries what its hours leave time for (getSameDayFlexClass); the van wave's overflow blocks
    // share the route density of the wave's doors. The wave's real stops are its modelled parcels
    // over the scale: below a scale of ~0.005 a later wave holds one modelled parcel or none, which
    // stands for more parcels than a real later wave has, so there its doors look closer.
    const ordinaryFlex = getFlexClass(params);
    let flex = withDrivenLegs(ordinaryFlex, modelledLegS, ordinaryFlex.realPerModelled * routeParcelLegS);
    let flexSpacingKm = spacingKm;
    if (!wave.partnerOnly && !wave.vanWave) {
      // The wave's few parcels rarely share a door: nearly a stop each (getSparseStopsPerParcel),
      // against a full fleet's day of parcels.
      const realFlexParcels = this.countPending(flexReason, count) / params.scale;
      const stopsPerParcel = getSparseStopsPerParcel(realFlexParcels / fleetParcels);
      flexSpacingKm = getTourDoorSpacingKm(doorReachKm, Math.max(1, realFlexParcels * stopsPerParcel));
      flex = getSameDayFlexClass(params, {
        doorSpacingKm: flexSpacingKm,
        routeDoorSpacingKm,
        // Doors are uniform in area out to the reach: the mean lies 2/3 of the way out.
        meanDoorKm: ((2 / 3) * doorReachKm * 4) / Math.PI,
        stopsPerParcel,
      });
    }
    n = wave.partnerOnly ? 0 : this.collect(flexReason, flex, count);
    if (n > 0) {
      const plan = this.plan(wave, frame, flex, n, Number.POSITIVE_INFINITY, 1);
      this.dispatchRoutes(wave, frame, flex, plan, flexReason, cost, flexSpacingKm, false);
    }
    // After a later wave's Flex blocks: vans the morning left at the station take what remains.
    if (!wave.partnerOnly && !wave.vanWave) {
      const vans = this.getModelledVansLeft(wave, van, localDay);
      n = vans > 0 ? this.collect(flexReason, van, count) : 0;
      if (n > 0) {
        const plan = this.plan(wave, frame, van, n, vans, 2);
        this.dispatchRoutes(wave, frame, van, plan, REASON_OWN_ROUTE, cost, spacingKm, true);
        this.bookVansUsed(wave, van, plan.routeCount);
      }
    }
    // Parcels no vehicle took: the next wave; at the day's last wave a partner carrier, unless
    // the parcel may stay for tomorrow's vans (mayKeepPastLastWave).
    for (let i = 0; i < count; i++) {
      if (p.mark[i] !== PENDING || carrierOfReason(p.reasonOf[i]) === CARRIER_USPS) continue;
      const reason = p.reasonOf[i];
      if (reason !== REASON_FLEX_OVERFLOW && reason !== REASON_FLEX_SAME_DAY) continue;
      if (!wave.lastWave || this.mayKeepPastLastWave(wave, i)) {
        this.defer(wave, i, p.blockDeclined[i] ? 'noFlexDriver' : 'noRoute');
        wave.state.metrics.reasons[REASON_DEFERRED]++;
        wave.state.metrics.add(K.deferredToLaterWave, 1);
        continue;
      }
      facts.weightKg = p.weightKg[i];
      facts.distanceKm = hypot(p.xy[2 * i], p.xy[2 * i + 1]);
      facts.deadlineS = p.deadlineS[i];
      facts.uspsExpectedS = uspsExpectedS;
      facts.regionalExpectedS = regionalExpectedS;
      p.reasonOf[i] =
        choosePartnerCarrier(contractCost, facts) === CARRIER_USPS
          ? REASON_USPS_OVERFLOW
          : REASON_REGIONAL_OVERFLOW;
    }
    this.partners.dispatch(wave, frame, CARRIER_USPS, count, cost, p);
    this.partners.dispatch(wave, frame, CARRIER_REGIONAL, count, cost, p);
    // What waits for a later wave rejoins the queue (cleared above), in its order.
    host.queues.refillKept(c.next, wave.queue, p.slots, p.mark, REQUEUE, count);
  }

  /**
   * Whether own-fleet wave parcel i is offered a Flex block today: its promise cannot wait for
   * tomorrow's vans, or it has waited for vans a day already (MAX_WAIT_FOR_VANS_S).
   */
  private needsFlexToday(wave: WaveContext, i: number, readyTick: number): boolean {
    const p = this.parcels;
    if (wave.rules.needsFlexToday(p.deadlineS[i], wave.nextFirstWaveS)) return true;
    return !mayWaitForVans(decodeEventTick(readyTick, wave.waveS), wave.waveS);
  }

  /**
   * Into readyTicks[k]: the stored ready-at-station tick of wave parcel `indices[k]` (null: of
   * wave parcel k, if on its own fleet's route), for k < n, where needsFlexToday will read it
   * (its deadline alone does not send it to Flex). In one short loop: the parcels lie all over
   * the store, at full scale a cache miss each, and here many are in flight (read one parcel at a
   * time as each was decided, they were ~2% of a full-scale day).
   */
  private readReadyTicks(wave: WaveContext, indices: Int32Array | null, n: number): void {
    const p = this.parcels;
    const ticks = wave.host.parcels.columns.eventTicks;
    for (let k = 0; k < n; k++) {
      const i = indices === null ? k : this.subset[indices[k]];
      const asked = indices !== null || p.reasonOf[i] === REASON_OWN_ROUTE;
      this.readyTicks[k] =
        !asked || wave.rules.needsFlexToday(p.deadlineS[i], wave.nextFirstWaveS)
          ? 0
          : ticks[p.slots[i] * TICKED_EVENTS + EVENT_READY_AT_STATION - 1];
    }
  }

  /**
   * Whether own-fleet wave parcel i, which no vehicle took at the day's last wave, may stay for
   * tomorrow's vans rather than go to a partner carrier (dispatchRules: mayKeepPastLastWave).
   */
  private mayKeepPastLastWave(wave: WaveContext, i: number): boolean {
    const p = this.parcels;
    const readyS = readEventTime(wave.host.parcels.columns, p.slots[i], EVENT_READY_AT_STATION, wave.waveS);
    return mayKeepPastLastWave(wave.rules, readyS, wave.waveS, p.deadlineS[i], wave.nextFirstWaveS);
  }

  /** Leaves wave parcel i for a later wave, and notes why in its journal. */
  private defer(wave: WaveContext, i: number, cause: DeferralCause): void {
    const p = this.parcels;
    p.mark[i] = REQUEUE;
    const journal = wave.host.journal;
    if (journal.isWatched(p.slots[i]))
      journal.record(p.slots[i], {
        kind: 'waveDeferred',
        waveS: wave.waveS,
        waveIndex: wave.waveIndex,
        cause,
      });
  }

  /**
   * Vans based at a station: vansPerStation for a station of mean volume, scaled to its own, or
   * the fleet a network edit gave it.
   */
  private getVanFleet(params: Params, station: number): number {
    const edited = this.model.facilityCapacity[station];
    if (!Number.isNaN(edited)) return edited;
    return Math.round(params.vansPerStation * this.model.stationVolumeFactor[station]);
  }

  /**
   * Modelled van routes the station can still send today. A modelled route stands for
   * 1 / (scale x realPerModelled) real ones (one below scale 1/300, where a modelled parcel fills
   * a van), and the fleet counts real vans.
   */
  private getModelledVansLeft(wave: WaveContext, van: VehicleClass, localDay: number): number {
    const real = wave.state.getVansLeft(wave.station, localDay, this.getVanFleet(wave.params, wave.station));
    return this.toModelledRoutes(real, wave, van, localDay, VAN_ROUNDING_SALT);
  }

  /**
   * Modelled Flex blocks the station's driver pool can still take today: flexDriversPerStation
   * for a station of mean volume, scaled to its own, grown with a peak's volume and surge pay.
   */
  private getModelledFlexBlocksLeft(
    wave: WaveContext,
    flex: VehicleClass,
    localDay: number,
    surge: number,
  ): number {
    const { params, station } = wave;
    // Amazon onboards drivers ahead of a peak and its surge pay brings more of them out.
    const peakGrowth = Math.max(1, wave.calendarMultiplier) * (1 + surge);
    const pool = Math.round(
      params.flexDriversPerStation * this.model.stationVolumeFactor[station] * peakGrowth,
    );
    const real = wave.state.getFlexBlocksLeft(station, localDay, pool);
    return this.toModelledRoutes(real, wave, flex, localDay, FLEX_ROUNDING_SALT);
  }

  /**
   * Real routes as modelled ones, rounded up with the chance of the fraction (a shared number per
   * station and day), so that at small scales a fleet carries what it would on average rather
   * than a route less a day.
   */
  private toModelledRoutes(
    real: number,
    wave: WaveContext,
    vehicle: VehicleClass,
    localDay: number,
    salt: number,
  ): number {
    const modelled = real * wave.params.scale * vehicle.realPerModelled;
    const whole = Math.floor(modelled + 1e-9);
    return whole + (hashUniform(this.seed ^ salt, wave.station, localDay) < modelled - whole ? 1 : 0);
  }

  /** The real routes `routes` modelled ones stand for. */
  private toRealRoutes(wave: WaveContext, vehicle: VehicleClass, routes: number): number {
    return Math.round(routes / (wave.params.scale * vehicle.realPerModelled));
  }

  /** Books `routes` modelled van routes as the real vans they stand for. */
  private bookVansUsed(wave: WaveContext, van: VehicleClass, routes: number): void {
    wave.state.vansUsed[wave.station] += this.toRealRoutes(wave, van, routes);
  }

  /** How many wave parcels are pending with `reason`. */
  private countPending(reason: number, count: number): number {
    const p = this.parcels;
    let n = 0;
    for (let i = 0; i < count; i++) if (p.reasonOf[i] === reason && p.mark[i] === PENDING) n++;
    return n;
  }

  /** Gathers the pending parcels with `reason` into the subset scratch; returns how many. */
  private collect(reason: number, vehicle: VehicleClass, count: number): number {
    const p = this.parcels;
    let n = 0;
    for (let i = 0; i < count; i++) {
      if (p.reasonOf[i] !== reason || p.mark[i] !== PENDING) continue;
      this.subset[n] = i;
      this.subXy[2 * n] = p.xy[2 * i];
      this.subXy[2 * n + 1] = p.xy[2 * i + 1];
      this.subDeadline[n] = p.deadlineS[i];
      this.subDemand[n] = getParcelDemand(vehicle, p.weightKg[i]);
      n++;
    }
    return n;
  }

  /** Re-labels the parcels a plan left over for the Flex step; returns how many. */
  /**
   * The van wave's leftovers: a parcel tomorrow's vans can still bring in time waits for them
   * (Flex is the overflow for what cannot wait); the others get `reason` for a Flex block.
   * Returns how many go to Flex.
   */
  private collectLeftover(plan: WavePlan, reason: number, wave: WaveContext): number {
    const p = this.parcels;
    let urgent = 0;
    this.readReadyTicks(wave, plan.leftover, plan.leftoverCount);
    for (let k = 0; k < plan.leftoverCount; k++) {
      const i = this.subset[plan.leftover[k]];
      if (this.needsFlexToday(wave, i, this.readyTicks[k])) {
        p.reasonOf[i] = reason;
        urgent++;
      } else {
        this.defer(wave, i, 'waitingForVans');
        wave.state.metrics.reasons[REASON_DEFERRED]++;
        wave.state.metrics.add(K.deferredToLaterWave, 1);
      }
    }
    return urgent;
  }

  private plan(
    wave: WaveContext,
    frame: RouteFrame,
    vehicle: VehicleClass,
    n: number,
    vehicles: number,
    salt: number,
  ): WavePlan {
    const departS = wave.waveS + vehicle.loadingS;
    const factor = getPlanningSpeedFactor(frame, departS, vehicle.maxRouteS);
    return planWaveRoutes(
      {
        grid: frame.grid,
        stopXy: this.subXy.subarray(0, 2 * n),
        demand: this.subDemand.subarray(0, n),
        deadlineS: this.subDeadline.subarray(0, n),
        count: n,
        departS,
        secondsPerFreeFlowS: 1 / factor,
        driven: {
          departLocalS: departS + frame.offsetH * 3600,
          rushFactor: frame.rushFactor,
          weatherFactor: frame.weatherFactor,
          meanSecondsPerFreeFlowS: getMeanSecondsPerFreeFlowS(frame, departS, vehicle.maxRouteS),
        },
        optimiser: wave.params.optimiser,
        iterationsPerStop: getIterationsPerStop(wave.params.optimiserTimeBudgetMs),
        seed: (wave.routingSeed ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0,
      },
      { capacity: vehicle.capacity, dwellS: vehicle.dwellS, maxRouteS: vehicle.maxRouteS, vehicles },
    );
  }

  /** Drives a plan's routes (Flex: only the blocks a driver takes); books trips, parcels, metrics. */
  private dispatchRoutes(
    wave: WaveContext,
    frame: RouteFrame,
    vehicle: VehicleClass,
    plan: WavePlan,
    reason: number,
    cost: CostModel,
    spacingKm: number,
    isVan: boolean,
  ): void {
    const p = this.parcels;
    const { host, params, state, station } = wave;
    const { metrics } = state;
    const offsetH = this.model.facilityOffsetH[station];
    const localDay = getLocalDay(wave.waveS, offsetH);
    const waveSerial = localDay * 8 + wave.waveIndex;
    const surge = isVan ? 0 : getFlexSurge(params.flexSurgePay, wave.calendarMultiplier);
    const payPerHour = params.flexPayPerHourUsd * (1 + surge);
    const stormy = host.regionStorm[this.model.facilityRegion[station]] === 1;
    const localStartH = getLocalHour(wave.waveS + vehicle.loadingS, offsetH);
    const acceptance = isVan
      ? 1
      : getFlexAcceptance(params.flexBaseAcceptance, payPerHour, stormy, localStartH);
    let flexBlocksLeft = isVan ? 0 : this.getModelledFlexBlocksLeft(wave, vehicle, localDay, surge);
    let flexBlocksTaken = 0;
    const realStops = getRealStopsPerModelled(vehicle);
    const representedRoutes = 1 / (params.scale * vehicle.realPerModelled);
    if (!isVan) {
      metrics.add(K.flexBlocksOffered, plan.routeCount);
      metrics.add(K.flexRealBlocksOffered, plan.routeCount * representedRoutes);
    }
    const c = host.parcels.columns;
    for (let r = 0; r < plan.routeCount; r++) {
      const start = plan.routeStart[r];
      const k = plan.routeStart[r + 1] - start;
      if (
        !isVan &&
        (flexBlocksLeft <= 0 || !isFlexBlockAccepted(this.seed, station, waveSerial, r, acceptance))
      ) {
        // Declined, or every driver around the station has a block today already.
        metrics.add(K.flexBlocksUnfilled, 1);
        metrics.add(K.flexRealBlocksUnfilled, representedRoutes);
        if (flexBlocksLeft <= 0) {
          metrics.add(K.flexBlocksNoDriverLeft, 1);
          metrics.add(K.flexRealBlocksNoDriverLeft, representedRoutes);
        }
        for (let j = 0; j < k; j++) p.blockDeclined[this.subset[plan.stops[start + j]]] = 1;
        continue;
      }
      if (!isVan) {
        flexBlocksLeft--;
        flexBlocksTaken++;
      }
      if (this.routeXy.length < 2 * k) this.routeXy = new Float64Array(4 * k);
      if (this.routeAnchors.length < (k + 1) * ANCHOR_STRIDE)
        this.routeAnchors = new Float64Array(2 * (k + 1) * ANCHOR_STRIDE);
      const anchors = this.routeAnchors;
      for (let j = 0; j < k; j++) {
        const stop = plan.stops[start + j];
        const i = this.subset[stop];
        this.tripOrder[j] = i;
        this.routeXy[2 * j] = p.xy[2 * i];
        this.routeXy[2 * j + 1] = p.xy[2 * i + 1];
        for (let a = 0; a < ANCHOR_STRIDE; a++)
          anchors[j * ANCHOR_STRIDE + a] = plan.anchors[stop * ANCHOR_STRIDE + a];
      }
      // The station, the plan's last anchor.
      const stationAnchor = plan.anchors.length - ANCHOR_STRIDE;
      anchors.set(plan.anchors.subarray(stationAnchor, stationAnchor + ANCHOR_STRIDE), k * ANCHOR_STRIDE);
      // A short route (waveRoutes.ts) stands for a real route of fewer stops than a full one.
      const dwellS = plan.routeDwellS[r];
      const realStopsPerParcel = realStops * (dwellS / vehicle.dwellS);
      // Vans leave lane by lane, up to VAN_LOAD_OUT_LANES - 1 gaps before the time the plan was
      // driven for. Earlier they meet less of the evening rush, so a route rarely takes longer; one
      // that would outlast its shift (a wave moved into the morning rush) leaves with the last lane.
      // The shift as the plan kept it: less its margin for the trip's Float32 timestamps.
      const plannedDepartS = wave.waveS + vehicle.loadingS;
      let departS = isVan ? plannedDepartS - getVanLoadOutLeadS(r) : plannedDepartS;
      this.driveRoute(frame, k, departS, dwellS, host.trips.streetDetailBounds);
      if (departS !== plannedDepartS && p.trip.durationS > vehicle.maxRouteS - SHIFT_MARGIN_S) {
        departS = plannedDepartS;
        this.driveRoute(frame, k, departS, dwellS, host.trips.streetDetailBounds);
      }
      p.readTripStops(host.parcels, this.tripOrder, k);
      for (let j = 0; j < k; j++) {
        const i = this.tripOrder[j];
        p.deliver(wave.state, i, p.trip.arriveS[j] + dwellS / 2, vehicle.carrier, reason);
        p.stopDueS[j] = p.deadlineS[i];
        c.stage[p.slots[i]] = STAGE_OUT_FOR_DELIVERY;
      }
      const vehicleId = p.appendTrip(host, vehicle.carrier, k, station, station, departS, k, station);
      for (let j = 0; j < k; j++) {
        const i = this.subset[plan.stops[start + j]];
        if (host.journal.isWatched(p.slots[i]))
          recordHandoff(wave, i, p, {
            vehicleId,
            departS,
            plannedDeliveryS: p.trip.arriveS[j] + dwellS / 2,
            handoffTruck: null,
            carrierReceivedS: wave.waveS,
            typicalServiceS: 0,
          });
      }
      const hours = (p.trip.durationS + vehicle.loadingS) / 3600;
      const localKm = k * Math.max(0, realStopsPerParcel - 1) * spacingKm;
      const prefix = isVan ? 'van' : 'flex';
      metrics.add(K[`${prefix}Routes`], 1);
      metrics.add(K[`${prefix}Stops`], k * realStopsPerParcel);
      metrics.add(K[`${prefix}Miles`], (p.trip.pathKm + localKm) / KM_PER_MILE);
      metrics.add(K[`${prefix}Hours`], hours);
      // The real parcels behind the route's real stops (a short route stands for fewer of both).
      const realParcels = (k * realStopsPerParcel) / vehicle.stopsPerParcel;
      if (!isVan) metrics.add(K.flexParcelsOnRoutes, realParcels);
      if (!isVan && !wave.vanWave) {
        metrics.add(K.flexSameDayRoutes, 1);
        metrics.add(K.flexSameDayStops, k * realStopsPerParcel);
        metrics.add(K.flexSameDayParcelsOnRoutes, realParcels);
      }
      let routeCostUsd: number;
      if (isVan) {
        routeCostUsd = getVanRouteCostUsd(cost, hours, k * realStopsPerParcel) * representedRoutes;
        metrics.add(K.assignedVan, k);
        metrics.add(K.vanCostUsd, routeCostUsd);
      } else {
        const pay = getFlexBlockPayUsd(cost, surge);
        routeCostUsd = pay * representedRoutes;
        metrics.add(K.assignedFlex, k);
        metrics.add(K.flexBlocksAccepted, 1);
        metrics.add(K.flexRealBlocksAccepted, representedRoutes);
        metrics.add(K.flexPayUsd, pay);
        metrics.add(K.flexCostUsd, routeCostUsd);
      }
      // Per facility: the route's cost split evenly over the parcels it carries.
      for (let j = 0; j < k; j++) {
        state.facilityDeliveries.recordAssignment(
          this.model,
          p.stopOriginFc[j],
          station,
          vehicle.carrier,
          routeCostUsd / k,
        );
      }
    }
    if (flexBlocksTaken > 0)
      state.flexBlocksTaken[station] += this.toRealRoutes(wave, vehicle, flexBlocksTaken);
  }

  /**
   * Drives the route whose `k` stops are in routeXy and routeAnchors (the station after them) from
   * the station at `departS` and back, into the wave parcels' trip scratch.
   */
  private driveRoute(
    frame: RouteFrame,
    k: number,
    departS: number,
    dwellS: number,
    /** The host's (undefined: everywhere, writeRouteTrip's default). */
    streetDetailBounds: LonLatBounds | null | undefined,
  ): void {
    writeRouteTrip(
      this.parcels.trip,
      frame,
      this.routeXy,
      k,
      0,
      0,
      departS,
      dwellS,
      true,
      this.routeAnchors,
      streetDetailBounds,
    );
  }
}
