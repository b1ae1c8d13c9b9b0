/**
 * The parcels of one station wave while it is decided: scratch columns indexed by the parcel's
 * position in the wave (allocated once, grown by doubling), and the two things every dispatch
 * does with them: put a parcel on its way, and hand a vehicle's trip and stops to the sink.
 */
import type { ParcelStore } from '../parcels';
import type { LastMileHost, LastMileState } from './lastMileState';
import { RouteTripScratch } from './routeTrips';

/** A wave parcel's state. */
export const PENDING = 0;
export const DISPATCHED = 1;
export const REQUEUE = 2;

export class WaveParcels {
  slots = new Int32Array(256);
  /** km east, north of the station; stride 2. */
  xy = new Float64Array(512);
  deadlineS = new Float64Array(256);
  weightKg = new Float64Array(256);
  /** Order time (sim s) and promise code, read from the store before the deadline is worked out. */
  orderedS = new Float64Array(256);
  promise = new Uint8Array(256);
  /** PENDING, DISPATCHED or REQUEUE. */
  mark = new Uint8Array(256);
  /** Decision reason so far (carrierChoice). */
  reasonOf = new Uint8Array(256);
  /** 1 if this wave offered it a Flex block that no driver took (the cause of its deferral). */
  blockDeclined = new Uint8Array(256);
  /** Parcel id and promise deadline (absolute sim seconds) per stop of the trip being written. */
  stopParcelIds = new Float64Array(256);
  stopDueS = new Float64Array(256);
  /** Origin FC per stop of the trip being written (readTripStops). */
  stopOriginFc = new Int32Array(256);
  readonly trip = new RouteTripScratch();

  ensure(n: number): void {
    if (this.slots.length >= n) return;
    let size = this.slots.length;
    while (size < n) size *= 2;
    this.slots = new Int32Array(size);
    this.xy = new Float64Array(size * 2);
    this.deadlineS = new Float64Array(size);
    this.weightKg = new Float64Array(size);
    this.orderedS = new Float64Array(size);
    this.promise = new Uint8Array(size);
    this.mark = new Uint8Array(size);
    this.reasonOf = new Uint8Array(size);
    this.blockDeclined = new Uint8Array(size);
    this.stopParcelIds = new Float64Array(size);
    this.stopDueS = new Float64Array(size);
    this.stopOriginFc = new Int32Array(size);
  }

  /**
   * Reads what the trip's first `k` stops need of the store (parcel id, origin FC; wave indices
   * in `order`) into stopParcelIds and stopOriginFc, in one short loop. The parcels lie all over
   * the store, so at full scale each read is a cache miss; read one parcel at a time between the
   * trip's bookings they waited for each other (~5 s of a full-scale day), here many are in flight.
   */
  readTripStops(store: ParcelStore, order: Int32Array, k: number): void {
    const c = store.columns;
    for (let j = 0; j < k; j++) {
      const slot = this.slots[order[j]];
      this.stopParcelIds[j] = store.getParcelId(slot);
      this.stopOriginFc[j] = c.originFc[slot];
    }
  }

  /** Puts wave parcel i on its way: its delivery time in the heap, carrier, reason, count. */
  deliver(state: LastMileState, i: number, deliverS: number, carrier: number, reason: number): void {
    const slot = this.slots[i];
    state.heap.push(deliverS, slot);
    state.carrier[slot] = carrier;
    state.reason[slot] = reason;
    state.metrics.reasons[reason]++;
    this.mark[i] = DISPATCHED;
  }

  /**
   * Appends the trip in `trip` (stops' parcel ids and deadlines in stopParcelIds, stopDueS), driven
   * on the street grid of `station`, to the host's sink; returns its vehicle id.
   */
  appendTrip(
    host: LastMileHost,
    carrier: number,
    parcels: number,
    origin: number,
    destination: number,
    departS: number,
    stops: number,
    station: number,
  ): number {
    const vehicleId = host.vehicleSerial++;
    host.trips.append(
      {
        vehicleKind: carrier,
        vehicleId,
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
    host.trips.appendStops?.(
      this.trip.stopVertex,
      this.stopParcelIds,
      this.stopDueS,
      stops,
      station,
      !this.trip.drewStreets,
    );
    return vehicleId;
  }
}
