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
 * dispatch in the day's first wave (~10:00), 30 minutes of loading (A), the station's vans pulling
 * out in VAN_LOAD_OUT_LANES a few minutes apart (getVanLoadOutLeadS).
 */
import type { Params } from '../params';
import { CARRIER_VAN } from './carrierChoice';
import { STOPS_PER_PARCEL } from './costModel';

export const VAN_LOADING_S = 30 * 60;
/**
 * A station's vans leave in this many lanes, VAN_LOAD_OUT_GAP_S apart, the last at the wave's
 * time plus VAN_LOADING_S: CALIBRATION.md's large station sends its first wave of ~160 vans out
 * over 10:00-10:30, a staging lane at a time, not all in one minute. Each van still loads for
 * VAN_LOADING_S (a lane starts loading that much before it leaves).
 */
export const VAN_LOAD_OUT_LANES = 3;
export const VAN_LOAD_OUT_GAP_S = 10 * 60;

/**
 * How much earlier than the wave's last lane van route r of a plan leaves, s: the routes take the
 * lanes in turn, so each lane holds a share of them, from every sector of the plan.
 */
export function getVanLoadOutLeadS(route: number): number {
  return (VAN_LOAD_OUT_LANES - 1 - (route % VAN_LOAD_OUT_LANES)) * VAN_LOAD_OUT_GAP_S;
}
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
  /**
   * Real stops a real parcel makes: STOPS_PER_PARCEL on a route through a full wave's doors (a
   * door takes ~1.5 parcels), nearer one where a sparse wave rarely holds two of a door's parcels.
   */
  stopsPerParcel: number;
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

/** What sets a last-mile vehicle class apart, in real terms. */
export interface RealVehicle {
  /** Carrier code (carrierChoice). */
  carrier: number;
  /** Real parcels a vehicle carries. */
  capacityParcels: number;
  /** Cargo volume, cu ft. */
  volumeCuFt: number;
  /** Seconds at one real stop. */
  secondsPerStop: number;
  loadingS: number;
  /** Hours from loading to the return: a van's shift, a Flex block. */
  workH: number;
  /** Real stops per real parcel (VehicleClass.stopsPerParcel); STOPS_PER_PARCEL when left out. */
  stopsPerParcel?: number;
}

/** A vehicle class in modelled terms at `scale` (the header says how). */
export function getVehicleClass(vehicle: RealVehicle, scale: number): VehicleClass {
  const [capacity, realPerModelled] = getScaledCapacity(vehicle.capacityParcels, scale);
  const stopsPerParcel = vehicle.stopsPerParcel ?? STOPS_PER_PARCEL;
  return {
    carrier: vehicle.carrier,
    capacity,
    realPerModelled,
    stopsPerParcel,
    volumePerUnitCuFt: vehicle.volumeCuFt / capacity,
    dwellS: vehicle.secondsPerStop * stopsPerParcel * realPerModelled,
    loadingS: vehicle.loadingS,
    maxRouteS: vehicle.workH * 3600 - vehicle.loadingS,
  };
}

/** Least share of a stop's all-in time left to it once the drive to it comes out (withDrivenLegs). */
export const MIN_STOP_TIME_SHARE = 0.5;

/**
 * The class with the drive the model does between its stops taken out of each stop's time. A
 * stop's time comes from an all-in rate (stopsPerHour: a driver's stops per hour, the drive to
 * the next door included), and the router then drives every modelled stop's leg on top of it. At
 * scale 0.01 a route's three modelled stops lie kilometres apart and the leg is ~4% of a stop's
 * time; at full scale every parcel is a door of its own and the legs are a third of it, so vans
 * ran out of shift ~35 stops short of scale 0.01's 175 and Flex took 18% of parcels, not 2.5%.
 * `legS`: the drive between neighbouring modelled stops; `allInDriveS`: the drive to the next door
 * that the stop's all-in time holds (its real parcels' legs on the model's streets when a full
 * fleet's parcels are out: getModelledDoorLegS), the most that comes out; and never below
 * MIN_STOP_TIME_SHARE of the stop's time.
 */
export function withDrivenLegs(vehicle: VehicleClass, legS: number, allInDriveS: number): VehicleClass {
  const dwellS = Math.max(MIN_STOP_TIME_SHARE * vehicle.dwellS, vehicle.dwellS - Math.min(legS, allInDriveS));
  return { ...vehicle, dwellS };
}

/** The DSP van class: a shift of `vanShiftH`, `stopsPerHour` at the doors. */
export function getVanClass(params: Params): VehicleClass {
  return getVehicleClass(
    {
      carrier: CARRIER_VAN,
      capacityParcels: params.vanCapacityParcels,
      volumeCuFt: VAN_VOLUME_CU_FT,
      secondsPerStop: 3600 / params.stopsPerHour,
      loadingS: VAN_LOADING_S,
      workH: params.vanShiftH,
    },
    params.scale,
  );
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
  return vehicle.stopsPerParcel * vehicle.realPerModelled;
}
