/**
 * Hands the parcels a wave gave to USPS or a regional carrier over: one hand-off truck per carrier
 * to its hub (when the hub is within HANDOFF_MAX_KM; else a local unit takes them and no truck is
 * drawn), then the carrier's door runs per promise class, a run's worth of parcels each
 * (cut by angle around the origin, driven nearest-first), starting in daytime on the carrier's
 * delivery day (partnerCarriers). Each truck and run is a trip of that carrier's vehicle kind.
 */
import { greatCircleKm } from '../geo';
import { STAGE_WITH_CARRIER } from '../kinds';
import type { NetworkModel } from '../network';
import type { Params } from '../params';
import { getFreeFlowDriveS, RoutePlanner, writeLineHaulTrip } from '../trips';
import { CARRIER_USPS, carrierOfReason } from './carrierChoice';
import { type CostModel, getRegionalRateUsd, getUspsRateUsd } from './costModel';
import { recordHandoff, type WaveContext } from './waveContext';
import { LAST_MILE_KPI_INDEX as K } from './lastMileMetrics';
import {
  drawPartnerRunStartS,
  getPartnerRunClass,
  getPartnerTypicalRunS,
  HANDOFF_EXPECTED_DRIVE_S,
  HANDOFF_LOADING_S,
} from './partnerCarriers';
import { type RouteFrame, writeRouteTrip } from './routeTrips';
import { MIN_STOP_TIME_SHARE } from './deliveryVans';
import { PENDING, type WaveParcels } from './waveParcels';
import { atan2, hypot } from '../portableMath';
import { KeyOrderScratch, sortIndicesStable } from '../routing/sortIndices';

/** A hub farther than this from a station gets no drawn hand-off truck, km (A). */
export const HANDOFF_MAX_KM = 80;
/** Longest list sortByBearing sorts by insertion (a radix sort's passes cost ~4,000 steps). */
const INSERTION_SORT_MAX = 48;

export class PartnerHandoffs {
  private readonly routes: RoutePlanner;
  /** Per facility id (stations only): the nearest carrier hub and its distance. */
  private readonly hubId: Int32Array;
  private readonly hubKm: Float64Array;
  private truckOffsets = new Float32Array(512);
  private truckPositions = new Float32Array(1024);
  private routeXy = new Float64Array(64);
  private runOrder = new Int32Array(32);
  private angles = new Float64Array(256);
  // Scratch of sortByBearing.
  private bearingOrder = new Int32Array(256);
  private readonly sortScratch = new KeyOrderScratch();

  constructor(readonly model: NetworkModel) {
    const facilities = model.network.facilities;
    this.routes = new RoutePlanner(model);
    this.hubId = new Int32Array(facilities.length).fill(-1);
    this.hubKm = new Float64Array(facilities.length);
    for (const station of model.stationIds) {
      let best = -1;
      let bestKm = Number.POSITIVE_INFINITY;
      for (const hub of model.carrierHubIds) {
        const f = facilities[hub];
        const km = greatCircleKm(facilities[station].lon, facilities[station].lat, f.lon, f.lat);
        if (km < bestKm) {
          bestKm = km;
          best = f.id;
        }
      }
      this.hubId[station] = best;
      this.hubKm[station] = bestKm;
    }
  }

  /**
   * When a hand-off truck leaving at a wave at `waveS` can be counted on to reach the carrier:
   * loading, then the drive to the hub at rush-hour speed (the early wave meets the morning
   * rush), or the fixed local hand-off when no hub is near.
   */
  getExpectedArrivalS(station: number, waveS: number, params: Params): number {
    const hub = this.hubId[station];
    if (hub < 0 || this.hubKm[station] > HANDOFF_MAX_KM)
      return waveS + HANDOFF_LOADING_S + HANDOFF_EXPECTED_DRIVE_S;
    const route = this.routes.getRoute(station, hub);
    const driveS = getFreeFlowDriveS(route, params.truckSpeedMph, params.roadDistanceFactor);
    return waveS + HANDOFF_LOADING_S + driveS / params.rushHourSpeedFactor;
  }

  /**
   * Hands a carrier its parcels of this wave: one hand-off truck to its hub (when the hub is
   * near), then door runs per promise class (a run's worth of parcels each, by angle).
   */
  dispatch(
    wave: WaveContext,
    frame: RouteFrame,
    carrier: number,
    count: number,
    cost: CostModel,
    parcels: WaveParcels,
  ): void {
    const { host, params, state, station } = wave;
    const { metrics } = state;
    const c = host.parcels.columns;
    const byPromise: number[][] = [[], [], [], []];
    let n = 0;
    for (let i = 0; i < count; i++) {
      if (parcels.mark[i] !== PENDING || carrierOfReason(parcels.reasonOf[i]) !== carrier) continue;
      // The wave read every parcel's promise already: the store's column would be a cache miss each.
      byPromise[parcels.promise[i]].push(i);
      n++;
    }
    if (n === 0) return;
    const hub = this.hubId[station];
    const departS = wave.waveS + HANDOFF_LOADING_S;
    let arriveS = departS + HANDOFF_EXPECTED_DRIVE_S;
    let originX = 0;
    let originY = 0;
    let origin = station;
    let truckId = -1;
    if (hub >= 0 && this.hubKm[station] <= HANDOFF_MAX_KM) {
      const route = this.routes.getRoute(station, hub);
      if (this.truckOffsets.length < 3 * route.vertexCount) {
        this.truckOffsets = new Float32Array(6 * route.vertexCount);
        this.truckPositions = new Float32Array(12 * route.vertexCount);
      }
      // A local drive: hours of service never bind, so a solo driver is as good as a team.
      const vertices = writeLineHaulTrip(this.truckPositions, this.truckOffsets, route, departS, {
        truckSpeedMph: params.truckSpeedMph,
        roadDistanceFactor: params.roadDistanceFactor,
        rushHourSpeedFactor: params.rushHourSpeedFactor,
        regionSpeedFactor: host.regionSpeedFactor,
        soloDriver: true,
      });
      // A zero-length connector (hub beside the metro centre) would repeat a timestamp.
      for (let v = 1; v < vertices; v++) {
        if (this.truckOffsets[v] <= this.truckOffsets[v - 1])
          this.truckOffsets[v] = this.truckOffsets[v - 1] + 0.05;
      }
      const driveS = this.truckOffsets[vertices - 1];
      truckId = host.vehicleSerial++;
      host.trips.append(
        {
          vehicleKind: carrier,
          vehicleId: truckId,
          parcelsAboard: n,
          stopCount: 1,
          originFacility: station,
          destinationFacility: hub,
          departS,
        },
        this.truckPositions,
        this.truckOffsets,
        vertices,
      );
      metrics.add(K.handoffTrucks, 1);
      arriveS = departS + driveS;
      const hubFacility = this.model.network.facilities[hub];
      originX = (hubFacility.lon - frame.lon) / frame.lonDegPerKm;
      originY = (hubFacility.lat - frame.lat) / frame.latDegPerKm;
      origin = hub;
    }
    const stormy = host.regionStorm[this.model.facilityRegion[station]] === 1;
    const offsetH = this.model.facilityOffsetH[station];
    const runClass = getPartnerRunClass(params);
    for (let promise = 0; promise < byPromise.length; promise++) {
      const list = byPromise[promise];
      if (list.length === 0) continue;
      // Each parcel's bearing once, not twice per comparison (by wave index: no map per parcel).
      const angles = this.ensureAngles(count);
      for (const i of list) angles[i] = atan2(parcels.xy[2 * i + 1] - originY, parcels.xy[2 * i] - originX);
      const byBearing = this.sortByBearing(list, angles);
      const runs = Math.ceil(list.length / runClass.capacity);
      for (let run = 0; run < runs; run++) {
        const from = Math.floor((run * list.length) / runs);
        const to = Math.floor(((run + 1) * list.length) / runs);
        const k = this.orderNearestNeighbour(parcels, byBearing, from, to, originX, originY);
        // The run takes its carrier's all-in time a stop (the drive to the next door included):
        // MIN_STOP_TIME_SHARE of it at each door, the rest spent on the legs between doors, drawn
        // on the streets and timed within it. The carrier's route passes its Amazon doors on its
        // way; a run that drove every leg at street speed on top of the all-in time took 3.4x as
        // long a parcel at scale 0.2 as at 0.01 among rural doors, and at full scale its last
        // doors came after the promise (USPS on time 89.6% at full scale, 97.8% at 0.1, day 3).
        const atDoorS = k > 1 ? MIN_STOP_TIME_SHARE * runClass.dwellS : runClass.dwellS;
        const runS = drawPartnerRunStartS(
          host.streams.carriers,
          carrier,
          arriveS,
          offsetH,
          stormy,
          wave.calendarMultiplier,
        );
        writeRouteTrip(
          parcels.trip,
          frame,
          this.routeXy,
          k,
          originX,
          originY,
          runS,
          atDoorS,
          true,
          null,
          host.trips.streetDetailBounds,
          (k - 1) * (runClass.dwellS - atDoorS),
        );
        parcels.readTripStops(host.parcels, this.runOrder, k);
        for (let j = 0; j < k; j++) {
          const i = this.runOrder[j];
          const slot = parcels.slots[i];
          const km = hypot(parcels.xy[2 * i], parcels.xy[2 * i + 1]);
          const rate =
            carrier === CARRIER_USPS
              ? getUspsRateUsd(cost, parcels.weightKg[i], km)
              : getRegionalRateUsd(cost, parcels.weightKg[i], km);
          metrics.add(carrier === CARRIER_USPS ? K.uspsCostUsd : K.regionalCostUsd, rate / params.scale);
          metrics.add(carrier === CARRIER_USPS ? K.assignedUsps : K.assignedRegional, 1);
          state.facilityDeliveries.recordAssignment(
            this.model,
            parcels.stopOriginFc[j],
            station,
            carrier,
            rate / params.scale,
          );
          parcels.deliver(wave.state, i, parcels.trip.arriveS[j] + atDoorS / 2, carrier, parcels.reasonOf[i]);
          parcels.stopDueS[j] = parcels.deadlineS[i];
          c.stage[slot] = STAGE_WITH_CARRIER;
          wave.state.countHandedToCarrier();
        }
        const vehicleId = parcels.appendTrip(host, carrier, k, origin, origin, runS, k, station);
        metrics.add(K.partnerDoorRuns, 1);
        for (let j = 0; j < k; j++) {
          const i = this.runOrder[j];
          if (!host.journal.isWatched(parcels.slots[i])) continue;
          recordHandoff(wave, i, parcels, {
            vehicleId,
            departS: runS,
            plannedDeliveryS: parcels.trip.arriveS[j] + atDoorS / 2,
            handoffTruck: truckId >= 0 ? { vehicleId: truckId, departS, arriveS, hubFacility: hub } : null,
            carrierReceivedS: arriveS,
            typicalServiceS: getPartnerTypicalRunS(carrier, arriveS, offsetH) - arriveS,
          });
        }
      }
    }
  }

  /** Scratch bearings by wave index, for at least `count` parcels. */
  private ensureAngles(count: number): Float64Array {
    if (this.angles.length < count) this.angles = new Float64Array(Math.max(count, 2 * this.angles.length));
    return this.angles;
  }

  private ensureRoute(k: number): void {
    if (this.runOrder.length >= k) return;
    let size = this.runOrder.length;
    while (size < k) size *= 2;
    this.runOrder = new Int32Array(size);
    this.routeXy = new Float64Array(size * 2);
  }

  /**
   * `list` (wave indices, ascending) in scratch, by bearing, ties in index order (0 and -0 tie):
   * a radix sort for long lists, insertion for short ones, where its fixed cost would dominate
   * (a comparison sort of plain arrays was ~0.5 s of a full-scale day).
   */
  private sortByBearing(list: number[], angles: Float64Array): Int32Array {
    const n = list.length;
    if (this.bearingOrder.length < n) this.bearingOrder = new Int32Array(2 * n);
    const order = this.bearingOrder;
    for (let k = 0; k < n; k++) order[k] = list[k];
    if (n > INSERTION_SORT_MAX) sortIndicesStable(order, n, angles, false, this.sortScratch);
    else
      for (let k = 1; k < n; k++) {
        const index = order[k];
        const angle = angles[index];
        let to = k - 1;
        for (; to >= 0 && angles[order[to]] > angle; to--) order[to + 1] = order[to];
        order[to + 1] = index;
      }
    return order;
  }

  /** Orders list[from, to) greedily nearest-first from the origin into runOrder and routeXy. */
  private orderNearestNeighbour(
    parcels: WaveParcels,
    list: Int32Array,
    from: number,
    to: number,
    x: number,
    y: number,
  ): number {
    const k = to - from;
    this.ensureRoute(k);
    for (let j = 0; j < k; j++) this.runOrder[j] = list[from + j];
    for (let j = 0; j < k; j++) {
      let best = j;
      let bestKm2 = Number.POSITIVE_INFINITY;
      for (let m = j; m < k; m++) {
        const i = this.runOrder[m];
        const d2 = (parcels.xy[2 * i] - x) ** 2 + (parcels.xy[2 * i + 1] - y) ** 2;
        if (d2 < bestKm2) {
          bestKm2 = d2;
          best = m;
        }
      }
      const chosen = this.runOrder[best];
      this.runOrder[best] = this.runOrder[j];
      this.runOrder[j] = chosen;
      x = parcels.xy[2 * chosen];
      y = parcels.xy[2 * chosen + 1];
      this.routeXy[2 * j] = x;
      this.routeXy[2 * j + 1] = y;
    }
    return k;
  }
}
