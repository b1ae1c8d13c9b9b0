/**
 * One station wave, decided and dispatched: carrier choice per parcel, van and Flex routes, Flex
 * blocks offered and taken, partner hand-offs and door runs, trips and metrics. The rules are in
 * lastMile.ts's header; this file is their mechanics. Scratch columns are allocated once and
 * grown, so a wave allocates only its routing instances.
 */
import { getPromiseDeadlineS } from '../demand';
import { greatCircleKm, KM_PER_MILE, LAT_DEG_PER_KM, lonDegPerKm } from '../geo';
import { CARRIER_HUB } from '../kinds';
import type { NetworkModel } from '../network';
import type { Params } from '../params';
import { EVENT_COUNT } from '../parcels';
import { EVENT_ORDERED } from '../kinds';
import { RoutePlanner, writeRouteTiming } from '../trips';
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
  getFlexBlockPayUsd,
  getRegionalRateUsd,
  getUspsRateUsd,
  getVanRouteCostUsd,
  STOPS_PER_PARCEL,
} from './costModel';
import { getParcelDemand, getRealStopsPerModelled, getVanClass, type VehicleClass } from './deliveryVans';
import { getFlexAcceptance, getFlexClass, getFlexSurge, isFlexBlockAccepted } from './flexBlocks';
import type { LastMileHost, LastMileState } from './lastMile';
import { LAST_MILE_KPI_INDEX as K } from './lastMileMetrics';
import {
  drawPartnerServiceH,
  getPartnerExpectedS,
  HANDOFF_EXPECTED_DRIVE_S,
  HANDOFF_LOADING_S,
  PARTNER_DWELL_S,
  PARTNER_RUN_STOPS,
} from './partnerCarriers';
import { getPlanningSpeedFactor, type RouteFrame, RouteTripScratch, writeRouteTrip } from './routeTrips';
import { createStreetGrid } from './streetGrid';
import { planWaveRoutes, type WavePlan } from './waveRoutes';

export const STAGE_OUT_FOR_DELIVERY = 11;
export const STAGE_WITH_CARRIER = 12;
/** A hub farther than this from a station gets no drawn hand-off truck (a local unit takes over), km (A). */
export const HANDOFF_MAX_KM = 80;
/** Hours from tomorrow's first wave to a van's typical delivery, for "would be late by tomorrow" (A). */
const VAN_EXPECTED_DELIVERY_S = 5 * 3600;
/** BHH constant: a tour through n random points in area A is ~0.7124 sqrt(n A) long. */
const BHH = 0.7124;

const PENDING = 0;
const DISPATCHED = 1;
const REQUEUE = 2;

export interface WaveContext {
  params: Params;
  state: LastMileState;
  host: LastMileHost;
  station: number;
  queue: number;
  waveIndex: number;
  waveS: number;
  lastWave: boolean;
  nextFirstWaveS: number;
  calendarMultiplier: number;
  routingSeed: number;
}

export class LastMileDispatcher {
  private readonly routes: RoutePlanner;
  /** Per facility id (stations only): nearest carrier hub and its km and offset from the station. */
  private readonly hubId: Int32Array;
  private readonly hubKm: Float64Array;
  private readonly grids: ReturnType<typeof createStreetGrid>[] = [];
  private readonly trip = new RouteTripScratch();
  private truckOffsets = new Float32Array(512);
  private routeXy = new Float64Array(64);
  private runOrder = new Int32Array(32);
  // Wave scratch, one entry per parcel taken from the queue.
  private slots = new Int32Array(256);
  private xy = new Float64Array(512);
  private deadline = new Float64Array(256);
  private weightKg = new Float64Array(256);
  private mark = new Uint8Array(256);
  private reasonOf = new Uint8Array(256);
  // Subset scratch for one planning call or run.
  private subset = new Int32Array(256);
  private subXy = new Float64Array(512);
  private subDeadline = new Float64Array(256);
  private subDemand = new Float64Array(256);
  private stopParcelIds = new Float64Array(256);

  constructor(
    readonly model: NetworkModel,
    readonly seed: number,
  ) {
    const facilities = model.network.facilities;
    this.routes = new RoutePlanner(model);
    this.hubId = new Int32Array(facilities.length).fill(-1);
    this.hubKm = new Float64Array(facilities.length);
    for (const station of model.stationIds) {
      let best = -1;
      let bestKm = Number.POSITIVE_INFINITY;
      for (const f of facilities) {
        if (f.kind !== CARRIER_HUB) continue;
        const km = greatCircleKm(facilities[station].lon, facilities[station].lat, f.lon, f.lat);
        if (km < bestKm) {
          bestKm = km;
          best = f.id;
        }
      }
      this.hubId[station] = best;
      this.hubKm[station] = bestKm;
      this.grids[station] = createStreetGrid(station);
    }
  }

  private ensure(n: number): void {
    if (this.slots.length >= n) return;
    let size = this.slots.length;
    while (size < n) size *= 2;
    this.slots = new Int32Array(size);
    this.xy = new Float64Array(size * 2);
    this.deadline = new Float64Array(size);
    this.weightKg = new Float64Array(size);
    this.mark = new Uint8Array(size);
    this.reasonOf = new Uint8Array(size);
    this.subset = new Int32Array(size);
    this.subXy = new Float64Array(size * 2);
    this.subDeadline = new Float64Array(size);
    this.subDemand = new Float64Array(size);
    this.stopParcelIds = new Float64Array(size);
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

  runWave(wave: WaveContext, count: number): void {
    const { model } = this;
    const { host, station, params } = wave;
    this.ensure(count);
    const c = host.parcels.columns;
    const offsetH = model.facilityOffsetH[station];
    const region = model.facilityRegion[station];
    const stormy = host.regionStorm[region] === 1;
    const radiusKm = model.serviceRadiusKm[station];
    const cost = createCostModel(params);
    const facts: ParcelFacts = {
      weightKg: 0,
      distanceKm: 0,
      insideServiceArea: true,
      deadlineS: 0,
      uspsExpectedS: 0,
      regionalExpectedS: 0,
    };
    let ownCount = 0;
    for (let i = 0; i < count; i++) {
      const slot = host.queues.shift(c.next, wave.queue);
      this.slots[i] = slot;
      const x = c.destinationOffset[2 * slot] / 100;
      const y = c.destinationOffset[2 * slot + 1] / 100;
      this.xy[2 * i] = x;
      this.xy[2 * i + 1] = y;
      const promise = c.promise[slot];
      this.deadline[i] = getPromiseDeadlineS(
        c.eventTimes[slot * EVENT_COUNT + EVENT_ORDERED],
        promise,
        offsetH,
      );
      this.weightKg[i] = c.weight10g[slot] / 100;
      this.mark[i] = PENDING;
      facts.weightKg = this.weightKg[i];
      facts.distanceKm = Math.hypot(x, y);
      facts.insideServiceArea = facts.distanceKm <= radiusKm;
      facts.deadlineS = this.deadline[i];
      facts.uspsExpectedS = getPartnerExpectedS(CARRIER_USPS, promise, region, stormy, wave.waveS);
      facts.regionalExpectedS = getPartnerExpectedS(CARRIER_REGIONAL, promise, region, stormy, wave.waveS);
      const reason = chooseFirstReason(cost, facts);
      this.reasonOf[i] = reason;
      if (reason === REASON_OWN_ROUTE) ownCount++;
    }
    const frame = this.frameOf(wave);
    // Stop spacing of the real route behind a modelled one (for its miles), from the wave's density.
    const realStopsInWave = Math.max(1, (ownCount / params.scale) * STOPS_PER_PARCEL);
    const spacingKm = BHH * Math.sqrt((Math.PI * radiusKm * radiusKm) / realStopsInWave);

    // Own fleet: vans in the first wave, Flex for what they leave and for urgent later parcels.
    const flexReason = wave.waveIndex === 0 ? REASON_FLEX_OVERFLOW : REASON_FLEX_SAME_DAY;
    let n = 0;
    if (wave.waveIndex === 0) {
      const van = getVanClass(params);
      n = this.collect(REASON_OWN_ROUTE, van, count);
      const plan = this.plan(wave, frame, van, n, params.vansPerStation, 0);
      this.dispatchRoutes(wave, frame, van, plan, REASON_OWN_ROUTE, cost, spacingKm, true);
      n = this.collectLeftover(plan, flexReason);
    } else {
      for (let i = 0; i < count; i++) {
        if (this.reasonOf[i] !== REASON_OWN_ROUTE) continue;
        if (this.deadline[i] < wave.nextFirstWaveS + VAN_EXPECTED_DELIVERY_S) this.reasonOf[i] = flexReason;
        else this.mark[i] = REQUEUE;
      }
    }
    const flex = getFlexClass(params);
    n = this.collect(flexReason, flex, count);
    if (n > 0) {
      const plan = this.plan(wave, frame, flex, n, Number.POSITIVE_INFINITY, 1);
      this.dispatchRoutes(wave, frame, flex, plan, flexReason, cost, spacingKm, false);
    }
    // Parcels no vehicle took: the next wave, or at the day's last wave a partner carrier.
    for (let i = 0; i < count; i++) {
      if (this.mark[i] !== PENDING || carrierOfReason(this.reasonOf[i]) === CARRIER_USPS) continue;
      const reason = this.reasonOf[i];
      if (reason !== REASON_FLEX_OVERFLOW && reason !== REASON_FLEX_SAME_DAY) continue;
      if (!wave.lastWave) {
        this.mark[i] = REQUEUE;
        wave.state.metrics.reasons[REASON_DEFERRED]++;
        wave.state.metrics.add(K.deferredToLaterWave, 1);
        continue;
      }
      const slot = this.slots[i];
      facts.weightKg = this.weightKg[i];
      facts.distanceKm = Math.hypot(this.xy[2 * i], this.xy[2 * i + 1]);
      facts.deadlineS = this.deadline[i];
      facts.uspsExpectedS = getPartnerExpectedS(CARRIER_USPS, c.promise[slot], region, stormy, wave.waveS);
      facts.regionalExpectedS = getPartnerExpectedS(
        CARRIER_REGIONAL,
        c.promise[slot],
        region,
        stormy,
        wave.waveS,
      );
      this.reasonOf[i] =
        choosePartnerCarrier(cost, facts) === CARRIER_USPS ? REASON_USPS_OVERFLOW : REASON_REGIONAL_OVERFLOW;
    }
    this.dispatchPartner(wave, frame, CARRIER_USPS, count, cost);
    this.dispatchPartner(wave, frame, CARRIER_REGIONAL, count, cost);
    for (let i = 0; i < count; i++) {
      if (this.mark[i] === REQUEUE) host.queues.push(c.next, wave.queue, this.slots[i]);
    }
  }

  /** Gathers the pending parcels with `reason` into the subset scratch; returns how many. */
  private collect(reason: number, vehicle: VehicleClass, count: number): number {
    let n = 0;
    for (let i = 0; i < count; i++) {
      if (this.reasonOf[i] !== reason || this.mark[i] !== PENDING) continue;
      this.subset[n] = i;
      this.subXy[2 * n] = this.xy[2 * i];
      this.subXy[2 * n + 1] = this.xy[2 * i + 1];
      this.subDeadline[n] = this.deadline[i];
      this.subDemand[n] = getParcelDemand(vehicle, this.weightKg[i]);
      n++;
    }
    return n;
  }

  /** Re-labels the parcels a plan left over for the Flex step; returns how many. */
  private collectLeftover(plan: WavePlan, reason: number): number {
    for (let k = 0; k < plan.leftoverCount; k++) this.reasonOf[this.subset[plan.leftover[k]]] = reason;
    return plan.leftoverCount;
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
        optimiser: wave.params.optimiser,
        iterationsPerStop: 0,
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
    const { host, params, state, station } = wave;
    const { metrics } = state;
    const offsetH = this.model.facilityOffsetH[station];
    const localDayS = wave.waveS + offsetH * 3600;
    const waveSerial = Math.floor(localDayS / 86400) * 8 + wave.waveIndex;
    const surge = isVan ? 0 : getFlexSurge(params.flexSurgePay, wave.calendarMultiplier);
    const payPerHour = params.flexPayPerHourUsd * (1 + surge);
    const stormy = host.regionStorm[this.model.facilityRegion[station]] === 1;
    const localStartH = ((((localDayS + vehicle.loadingS) % 86400) + 86400) % 86400) / 3600;
    const acceptance = isVan
      ? 1
      : getFlexAcceptance(params.flexBaseAcceptance, payPerHour, stormy, localStartH);
    if (!isVan) metrics.add(K.flexBlocksOffered, plan.routeCount);
    const realStops = getRealStopsPerModelled(vehicle);
    const representedRoutes = 1 / (params.scale * vehicle.realPerModelled);
    const c = host.parcels.columns;
    for (let r = 0; r < plan.routeCount; r++) {
      if (!isVan && !isFlexBlockAccepted(this.seed, station, waveSerial, r, acceptance)) {
        metrics.add(K.flexBlocksUnfilled, 1);
        continue;
      }
      const start = plan.routeStart[r];
      const k = plan.routeStart[r + 1] - start;
      this.ensureRoute(k);
      for (let j = 0; j < k; j++) {
        const i = this.subset[plan.stops[start + j]];
        this.routeXy[2 * j] = this.xy[2 * i];
        this.routeXy[2 * j + 1] = this.xy[2 * i + 1];
      }
      const departS = wave.waveS + vehicle.loadingS;
      writeRouteTrip(this.trip, frame, this.routeXy, k, 0, 0, departS, vehicle.dwellS, true);
      for (let j = 0; j < k; j++) {
        const i = this.subset[plan.stops[start + j]];
        const slot = this.slots[i];
        this.deliver(wave, i, slot, this.trip.arriveS[j] + vehicle.dwellS / 2, vehicle.carrier, reason);
        this.stopParcelIds[j] = host.parcels.getParcelId(slot);
        c.stage[slot] = STAGE_OUT_FOR_DELIVERY;
      }
      this.appendTrip(host, vehicle.carrier, k, station, station, departS, k);
      const hours = (this.trip.durationS + vehicle.loadingS) / 3600;
      const localKm = k * Math.max(0, realStops - 1) * spacingKm;
      const prefix = isVan ? 'van' : 'flex';
      metrics.add(K[`${prefix}Routes`], 1);
      metrics.add(K[`${prefix}Stops`], k * realStops);
      metrics.add(K[`${prefix}Miles`], (this.trip.pathKm + localKm) / KM_PER_MILE);
      metrics.add(K[`${prefix}Hours`], hours);
      if (isVan) {
        metrics.add(K.assignedVan, k);
        metrics.add(K.vanCostUsd, getVanRouteCostUsd(cost, hours, k * realStops) * representedRoutes);
      } else {
        const pay = getFlexBlockPayUsd(cost, surge);
        metrics.add(K.assignedFlex, k);
        metrics.add(K.flexBlocksAccepted, 1);
        metrics.add(K.flexPayUsd, pay);
        metrics.add(K.flexCostUsd, pay * representedRoutes);
      }
    }
  }

  /** Puts one parcel on its way: delivery time, carrier, reason, booking. */
  private deliver(
    wave: WaveContext,
    i: number,
    slot: number,
    deliverS: number,
    carrier: number,
    reason: number,
  ): void {
    const { state } = wave;
    state.heap.push(deliverS, slot);
    state.carrier[slot] = carrier;
    state.reason[slot] = reason;
    state.metrics.reasons[reason]++;
    this.mark[i] = DISPATCHED;
  }

  private appendTrip(
    host: LastMileHost,
    carrier: number,
    parcels: number,
    origin: number,
    destination: number,
    departS: number,
    stops: number,
  ): void {
    host.trips.append(
      {
        vehicleKind: carrier,
        vehicleId: host.vehicleSerial++,
        parcelsAboard: parcels,
        stopCount: stops,
        originFacility: origin,
        destinationFacility: destination,
        departS,
      },
      this.trip.positions,
      this.trip.offsetsS,
      this.trip.vertexCount,
    );
    host.trips.appendStops?.(this.trip.stopVertex, this.stopParcelIds, stops);
  }

  /**
   * Hands a carrier its parcels of this wave: one hand-off truck to its hub (when the hub is
   * near), then door runs per promise class (at most PARTNER_RUN_STOPS doors each, by angle).
   */
  private dispatchPartner(
    wave: WaveContext,
    frame: RouteFrame,
    carrier: number,
    count: number,
    cost: CostModel,
  ): void {
    const { host, params, state, station } = wave;
    const { metrics } = state;
    const c = host.parcels.columns;
    const byPromise: number[][] = [[], [], [], []];
    let n = 0;
    for (let i = 0; i < count; i++) {
      if (this.mark[i] !== PENDING || carrierOfReason(this.reasonOf[i]) !== carrier) continue;
      byPromise[c.promise[this.slots[i]]].push(i);
      n++;
    }
    if (n === 0) return;
    const hub = this.hubId[station];
    const departS = wave.waveS + HANDOFF_LOADING_S;
    let arriveS = departS + HANDOFF_EXPECTED_DRIVE_S;
    let originX = 0;
    let originY = 0;
    let origin = station;
    if (hub >= 0 && this.hubKm[station] <= HANDOFF_MAX_KM) {
      const route = this.routes.getRoute(station, hub);
      if (this.truckOffsets.length < route.vertexCount)
        this.truckOffsets = new Float32Array(route.vertexCount * 2);
      const driveS = writeRouteTiming(this.truckOffsets, route, departS, {
        truckSpeedMph: params.truckSpeedMph,
        roadDistanceFactor: params.roadDistanceFactor,
        rushHourSpeedFactor: params.rushHourSpeedFactor,
        regionSpeedFactor: host.regionSpeedFactor,
      });
      // A zero-length connector (hub beside the metro centre) would repeat a timestamp.
      for (let v = 1; v < route.vertexCount; v++) {
        if (this.truckOffsets[v] <= this.truckOffsets[v - 1])
          this.truckOffsets[v] = this.truckOffsets[v - 1] + 0.05;
      }
      host.trips.append(
        {
          vehicleKind: carrier,
          vehicleId: host.vehicleSerial++,
          parcelsAboard: n,
          stopCount: 1,
          originFacility: station,
          destinationFacility: hub,
          departS,
        },
        route.positions,
        this.truckOffsets,
        route.vertexCount,
      );
      metrics.add(K.handoffTrucks, 1);
      arriveS = departS + driveS;
      const hubFacility = this.model.network.facilities[hub];
      originX = (hubFacility.lon - frame.lon) / frame.lonDegPerKm;
      originY = (hubFacility.lat - frame.lat) / frame.latDegPerKm;
      origin = hub;
    }
    const region = this.model.facilityRegion[station];
    const stormy = host.regionStorm[region] === 1;
    for (let promise = 0; promise < byPromise.length; promise++) {
      const list = byPromise[promise];
      if (list.length === 0) continue;
      const angle = (i: number) => Math.atan2(this.xy[2 * i + 1] - originY, this.xy[2 * i] - originX);
      list.sort((a, b) => angle(a) - angle(b) || a - b);
      const runs = Math.ceil(list.length / PARTNER_RUN_STOPS);
      for (let run = 0; run < runs; run++) {
        const from = Math.floor((run * list.length) / runs);
        const to = Math.floor(((run + 1) * list.length) / runs);
        const k = this.orderNearestNeighbour(list, from, to, originX, originY);
        const serviceH = drawPartnerServiceH(host.streams.carriers, carrier, promise, region, stormy);
        const runS = arriveS + serviceH * 3600;
        writeRouteTrip(this.trip, frame, this.routeXy, k, originX, originY, runS, PARTNER_DWELL_S, true);
        for (let j = 0; j < k; j++) {
          const i = this.runOrder[j];
          const slot = this.slots[i];
          const km = Math.hypot(this.xy[2 * i], this.xy[2 * i + 1]);
          const rate =
            carrier === CARRIER_USPS
              ? getUspsRateUsd(cost, this.weightKg[i], km)
              : getRegionalRateUsd(cost, this.weightKg[i], km);
          metrics.add(carrier === CARRIER_USPS ? K.uspsCostUsd : K.regionalCostUsd, rate / params.scale);
          metrics.add(carrier === CARRIER_USPS ? K.assignedUsps : K.assignedRegional, 1);
          this.deliver(wave, i, slot, this.trip.arriveS[j] + PARTNER_DWELL_S / 2, carrier, this.reasonOf[i]);
          this.stopParcelIds[j] = host.parcels.getParcelId(slot);
          c.stage[slot] = STAGE_WITH_CARRIER;
        }
        this.appendTrip(host, carrier, k, origin, origin, runS, k);
        metrics.add(K.partnerDoorRuns, 1);
      }
    }
  }

  private ensureRoute(k: number): void {
    if (this.runOrder.length >= k) return;
    let size = this.runOrder.length;
    while (size < k) size *= 2;
    this.runOrder = new Int32Array(size);
    this.routeXy = new Float64Array(size * 2);
  }

  /** Orders list[from, to) greedily nearest-first from the origin into runOrder and routeXy. */
  private orderNearestNeighbour(list: number[], from: number, to: number, x: number, y: number): number {
    const k = to - from;
    this.ensureRoute(k);
    for (let j = 0; j < k; j++) this.runOrder[j] = list[from + j];
    for (let j = 0; j < k; j++) {
      let best = j;
      let bestKm2 = Number.POSITIVE_INFINITY;
      for (let m = j; m < k; m++) {
        const i = this.runOrder[m];
        const d2 = (this.xy[2 * i] - x) ** 2 + (this.xy[2 * i + 1] - y) ** 2;
        if (d2 < bestKm2) {
          bestKm2 = d2;
          best = m;
        }
      }
      const chosen = this.runOrder[best];
      this.runOrder[best] = this.runOrder[j];
      this.runOrder[j] = chosen;
      x = this.xy[2 * chosen];
      y = this.xy[2 * chosen + 1];
      this.routeXy[2 * j] = x;
      this.routeXy[2 * j + 1] = y;
    }
    return k;
  }
}
