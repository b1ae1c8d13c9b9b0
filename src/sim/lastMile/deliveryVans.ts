/**
 * DSP vans and, in the same terms, any last-mile vehicle class: what one vehicle carries (parcels
 * and volume), how long it stands at a stop, how long its route may last.
 *
 * Scale: the model runs a sample of the real volume (`scale`), while vans, routes and stations
 * keep their real counts, as trailers do. A modelled vehicle carries capacityParcels x scale
 * modelled parcels (at least one), each standing for `realPerModelled` real parcels; at a
 * modelled stop the vehicle spends the time of all the real stops that parcel stands for. So a
 * modelled route has the real route's hours, stops and cost, drawn through a few addresses.
 * At scale 1 every parcel is itself and the route drives every door.
 *
 * Van defaults (CALIBRATION.md DSP rows): 300 parcels, 700 cu ft, a 10 h shift, 25 stops/h; one
 * dispatch in the day's first wave (~10:00), 30 minutes of loading (A).
 */
import type { Params } from '../params';
import { CARRIER_VAN } from './carrierChoice';
import { STOPS_PER_PARCEL } from './costModel';

export const VAN_LOADING_S = 30 * 60;
/** Van cargo volume, cu ft (Rivian EDV 700, CALIBRATION.md, H). */
export const VAN_VOLUME_CU_FT = 700;
/** Parcel volume from weight, cu ft: 0.5 + 0.25 per kg (A: a 1 kg parcel is a shoebox-ish 0.75). */
export function getParcelVolumeCuFt(weightKg: number): number {
  return 0.5 + 0.25 * weightKg;
}

/** One class of last-mile vehicle, in modelled terms. */
export interface VehicleClass {
  /** Carrier code (carrierChoice). */
  carrier: number;
  /** Modelled parcels per vehicle (the router's capacity unit). */
  capacity: number;
  /** Real parcels one modelled parcel stands for on this vehicle. */
  realPerModelled: number;
  /** Cargo volume per modelled-parcel unit of capacity, cu ft. */
  volumePerUnitCuFt: number;
  /** Seconds at one modelled stop: the real stops it stands for x seconds per stop. */
  dwellS: number;
  loadingS: number;
  /** Longest route from leaving to re-entering the station, s (shift or block minus loading). */
  maxRouteS: number;
}

/** Modelled capacity and real parcels per modelled parcel for a real capacity at `scale`. */
export function getScaledCapacity(realCapacity: number, scale: number): [number, number] {
  const capacity = Math.max(1, Math.round(realCapacity * scale));
  return [capacity, Math.min(1 / scale, realCapacity / capacity)];
}

export function getVanClass(params: Params): VehicleClass {
  const [capacity, realPerModelled] = getScaledCapacity(params.vanCapacityParcels, params.scale);
  return {
    carrier: CARRIER_VAN,
    capacity,
    realPerModelled,
    volumePerUnitCuFt: VAN_VOLUME_CU_FT / capacity,
    dwellS: (3600 / params.stopsPerHour) * STOPS_PER_PARCEL * realPerModelled,
    loadingS: VAN_LOADING_S,
    maxRouteS: params.vanShiftH * 3600 - VAN_LOADING_S,
  };
}

/**
 * The routing demand of a parcel on a vehicle class: one capacity unit, or more when the real
 * parcels it stands for fill more than their share of the cargo volume; at most one vehicle.
 */
export function getParcelDemand(vehicle: VehicleClass, weightKg: number): number {
  const volume = getParcelVolumeCuFt(weightKg) * vehicle.realPerModelled;
  return Math.min(vehicle.capacity, Math.max(1, volume / vehicle.volumePerUnitCuFt));
}

/** Real stops one modelled stop of this class stands for. */
export function getRealStopsPerModelled(vehicle: VehicleClass): number {
  return STOPS_PER_PARCEL * vehicle.realPerModelled;
}
