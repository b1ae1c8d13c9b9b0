/**
 * What the page keeps of every trip after it leaves the road, for the layers that sum over time:
 * door stops (where, when, late or on time, the station whose van or Flex car served it) for the
 * lateness hexagons and the service areas' on-time shading, and line-haul departures (lane,
 * parcels) for the flow arcs.
 *
 * Fed with every trip batch the worker sends. Vehicle ids rise in dispatch order and a replay
 * (after a seek) sends the same trips again with the same ids, so a trip whose id is not above the
 * highest seen is already here. A rewind drops the trips of vehicles from its first id on.
 * Columns grow by doubling; nothing is allocated per stop.
 */
import { VEHICLE_LINE_HAUL } from '../sim/kinds';
import type { TripBatch } from '../sim/simulation';
import { growTypedArray } from './typedArrays';

/** Vehicle kinds whose stops a station's own fleet serves (van, Flex): its on-time shading. */
const OWN_FLEET_KINDS = new Set([1, 2]);

export class TripLedger {
  /** Bumped when the columns change. */
  version = 0;
  /** Bumped when recorded trips are dropped (a rewind, a new run): sums over past hours change. */
  resets = 0;
  private maxVehicleId = -1;

  /** Door stops: lon, lat (stride 2), arrival (absolute sim s), late (1) or not, serving station (-1: a partner carrier). */
  stopCount = 0;
  /**
   * The earliest arrival recorded, absolute sim s (Infinity before any): a page opened at a later
   * time holds only the trips its first replay sent, so sums "since the start" begin here.
   */
  earliestArriveS = Number.POSITIVE_INFINITY;
  stopPositions = new Float32Array(2048);
  stopArriveS = new Float64Array(1024);
  stopLate = new Uint8Array(1024);
  stopStation = new Int32Array(1024);
  /** Per recorded trip with stops (in id order): its vehicle id and first stop, for rewinds. */
  private stopTripCount = 0;
  private stopTripVehicle = new Uint32Array(256);
  private stopTripFirst = new Uint32Array(256);

  /** Line-haul departures, in dispatch order. */
  truckCount = 0;
  truckVehicle = new Uint32Array(256);
  truckOrigin = new Int32Array(256);
  truckDestination = new Int32Array(256);
  truckDepartS = new Float64Array(256);
  truckParcels = new Float32Array(256);

  /** Records the trips of a batch not seen before. */
  append(batch: TripBatch): void {
    let changed = false;
    for (let trip = 0; trip < batch.length; trip++) {
      const vehicleId = batch.vehicleId[trip];
      if (vehicleId <= this.maxVehicleId) continue;
      this.maxVehicleId = vehicleId;
      changed = true;
      if (batch.vehicleKind[trip] === VEHICLE_LINE_HAUL) this.appendTruck(batch, trip);
      else this.appendStops(batch, trip);
    }
    if (changed) this.version++;
  }

  private appendTruck(batch: TripBatch, trip: number): void {
    if (this.truckCount === this.truckVehicle.length) {
      const capacity = this.truckCount * 2;
      this.truckVehicle = growTypedArray(this.truckVehicle, capacity);
      this.truckOrigin = growTypedArray(this.truckOrigin, capacity);
      this.truckDestination = growTypedArray(this.truckDestination, capacity);
      this.truckDepartS = growTypedArray(this.truckDepartS, capacity);
      this.truckParcels = growTypedArray(this.truckParcels, capacity);
    }
    const k = this.truckCount++;
    this.truckVehicle[k] = batch.vehicleId[trip];
    this.truckOrigin[k] = batch.originFacility[trip];
    this.truckDestination[k] = batch.destinationFacility[trip];
    this.truckDepartS[k] = batch.departS[trip];
    this.truckParcels[k] = batch.parcelsAboard[trip];
  }

  private appendStops(batch: TripBatch, trip: number): void {
    const firstStop = batch.stopStartIndices?.[trip] ?? 0;
    const stops = (batch.stopStartIndices?.[trip + 1] ?? 0) - firstStop;
    if (stops <= 0 || !batch.stopVertexIndices) return;
    if (this.stopTripCount === this.stopTripVehicle.length) {
      this.stopTripVehicle = growTypedArray(this.stopTripVehicle, this.stopTripCount * 2);
      this.stopTripFirst = growTypedArray(this.stopTripFirst, this.stopTripCount * 2);
    }
    this.stopTripVehicle[this.stopTripCount] = batch.vehicleId[trip];
    this.stopTripFirst[this.stopTripCount] = this.stopCount;
    this.stopTripCount++;
    if (this.stopCount + stops > this.stopLate.length) {
      const capacity = Math.max(this.stopCount + stops, this.stopLate.length * 2);
      this.stopPositions = growTypedArray(this.stopPositions, capacity * 2);
      this.stopArriveS = growTypedArray(this.stopArriveS, capacity);
      this.stopLate = growTypedArray(this.stopLate, capacity);
      this.stopStation = growTypedArray(this.stopStation, capacity);
    }
    const station = OWN_FLEET_KINDS.has(batch.vehicleKind[trip]) ? batch.originFacility[trip] : -1;
    const firstVertex = batch.pathStartIndices[trip];
    for (let k = 0; k < stops; k++) {
      const vertex = firstVertex + batch.stopVertexIndices[firstStop + k];
      const stop = this.stopCount++;
      const arriveS = batch.departS[trip] + batch.vertexOffsetsS[vertex];
      this.stopPositions[stop * 2] = batch.positions[vertex * 2];
      this.stopPositions[stop * 2 + 1] = batch.positions[vertex * 2 + 1];
      this.stopArriveS[stop] = arriveS;
      if (arriveS < this.earliestArriveS) this.earliestArriveS = arriveS;
      this.stopLate[stop] = arriveS > (batch.stopDueS?.[firstStop + k] ?? Number.POSITIVE_INFINITY) ? 1 : 0;
      this.stopStation[stop] = station;
    }
  }

  /** Forgets trips of vehicles numbered `firstVehicleId` and up (a rewind changed their future). */
  dropVehiclesFrom(firstVehicleId: number): void {
    let trips = this.stopTripCount;
    while (trips > 0 && this.stopTripVehicle[trips - 1] >= firstVehicleId) trips--;
    if (trips < this.stopTripCount) {
      this.stopCount = this.stopTripFirst[trips];
      this.stopTripCount = trips;
    }
    while (this.truckCount > 0 && this.truckVehicle[this.truckCount - 1] >= firstVehicleId) this.truckCount--;
    this.maxVehicleId = Math.min(this.maxVehicleId, firstVehicleId - 1);
    this.version++;
    this.resets++;
  }

  /** Forgets everything (a new run or network). */
  clear(): void {
    this.stopCount = 0;
    this.earliestArriveS = Number.POSITIVE_INFINITY;
    this.stopTripCount = 0;
    this.truckCount = 0;
    this.maxVehicleId = -1;
    this.version++;
    this.resets++;
  }
}
