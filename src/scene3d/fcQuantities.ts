/**
 * From the model's facility state for one fulfillment center to what the 3D view draws: how many
 * robot instances (and what one stands for), how many of them move, how many order bins wait at
 * the pick stations, totes at the pack stations, trailers at the docks and their fill. Pure, so
 * the mapping is unit-tested; the figures in labels are the model's own, never the drawn counts.
 */
import type { FacilityStateColumns } from '../worker/protocol';

/** Most robot instances the scene draws; a bigger fleet is shown at a ratio (default cap). */
export const MAX_ROBOT_INSTANCES = 3_000;
/** Ratios the scene may use for "1 shown = N", in increasing order (round numbers people read). */
export const RATIO_STEPS = [1, 2, 4, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000] as const;

/** Most order bins drawn per pick station and totes per pack station. */
export const MAX_BINS_PER_PICK_STATION = 12;
export const MAX_TOTES_PER_PACK_STATION = 10;
/** Most totes riding the conveyor and parcels on the sorter at once. */
export const MAX_TOTES_MOVING = 160;
export const MAX_PARCELS_MOVING = 200;

/** The smallest ratio in RATIO_STEPS that shows `count` things in at most `cap` instances. */
export function getUnitsPerInstance(count: number, cap: number): number {
  if (!(count > 0) || cap <= 0) return 1;
  for (const ratio of RATIO_STEPS) if (count / ratio <= cap) return ratio;
  return Math.ceil(count / cap);
}

/** Instances drawn for `count` things at `ratio` (a nonzero count always shows at least one). */
export function getInstanceCount(count: number, ratio: number): number {
  if (!(count > 0)) return 0;
  return Math.max(1, Math.round(count / ratio));
}

export interface FcSceneQuantities {
  /** Model figures for this FC at the tick (robots are real drive units; queues modelled parcels). */
  robotsTotal: number;
  robotsBusy: number;
  pickQueueParcels: number;
  packQueueParcels: number;
  trailersAtDock: number;
  /** Mean fill of the loading trailers, 0-1. */
  trailerFill: number;
  backlogParcels: number;
  /** Of the backlog, what is packed and not yet on a trailer: at SLAM and in the outbound lanes. */
  packedParcels: number;
  throughputPerHour: number;
  /** Drawn: robot instances, how many move, and real drive units per instance. */
  robotInstances: number;
  movingRobotInstances: number;
  robotsPerInstance: number;
  /**
   * Drawn: order bins waiting at the pick stations and totes waiting at the pack stations, one
   * per modelled parcel (so one stands for 1/scale real parcels), capped by the racks drawn.
   */
  pickBinsShown: number;
  packTotesShown: number;
  /** Drawn: totes riding the conveyor and parcels on the sorter, from the hourly throughput. */
  totesMoving: number;
  parcelsMoving: number;
  /** Drawn: trailers at the outbound doors (at most the doors drawn). */
  trailersShown: number;
}

export function createFcSceneQuantities(): FcSceneQuantities {
  return {
    robotsTotal: 0,
    robotsBusy: 0,
    pickQueueParcels: 0,
    packQueueParcels: 0,
    trailersAtDock: 0,
    trailerFill: 0,
    backlogParcels: 0,
    packedParcels: 0,
    throughputPerHour: 0,
    robotInstances: 0,
    movingRobotInstances: 0,
    robotsPerInstance: 1,
    pickBinsShown: 0,
    packTotesShown: 0,
    totesMoving: 0,
    parcelsMoving: 0,
    trailersShown: 0,
  };
}

export interface SceneCapacity {
  /** Robot instances the scene can draw (MAX_ROBOT_INSTANCES by default). */
  maxRobotInstances: number;
  /** Robots the loops can move at once (RobotTraffic.movingCapacity). */
  movingCapacity: number;
  pickStations: number;
  packStations: number;
  outboundDoors: number;
}

/** What the scene needs from the parameters: `scale` (modelled / real volume). */
export interface SceneParams {
  scale: number;
}

/**
 * Writes the scene quantities of facility `id` into `out` (allocation-free, called per tick).
 * Fractions follow the model: moving instances / instances = robotsBusy / robotsTotal, up to what
 * the loops can carry.
 */
export function writeFcSceneQuantities(
  out: FcSceneQuantities,
  columns: FacilityStateColumns,
  id: number,
  capacity: SceneCapacity,
  params: SceneParams,
): FcSceneQuantities {
  out.robotsTotal = columns.robotsTotal[id];
  out.robotsBusy = Math.min(columns.robotsBusy[id], out.robotsTotal);
  out.pickQueueParcels = columns.pickQueue[id];
  out.packQueueParcels = columns.packQueue[id];
  out.trailersAtDock = columns.trailersAtDock[id];
  out.trailerFill = Math.min(1, Math.max(0, columns.trailerFill[id]));
  out.backlogParcels = columns.backlogParcels[id];
  // The FC's backlog holds its pick and pack queues too, which their own areas show.
  out.packedParcels = Math.max(0, out.backlogParcels - out.pickQueueParcels - out.packQueueParcels);
  out.throughputPerHour = columns.throughputPerHour[id];

  out.robotsPerInstance = getUnitsPerInstance(out.robotsTotal, capacity.maxRobotInstances);
  out.robotInstances = Math.min(
    capacity.maxRobotInstances,
    getInstanceCount(out.robotsTotal, out.robotsPerInstance),
  );
  const busyShare = out.robotsTotal > 0 ? out.robotsBusy / out.robotsTotal : 0;
  out.movingRobotInstances = Math.min(
    capacity.movingCapacity,
    out.robotInstances,
    out.robotsBusy > 0 ? Math.max(1, Math.round(out.robotInstances * busyShare)) : 0,
  );

  out.pickBinsShown = Math.min(
    MAX_BINS_PER_PICK_STATION * capacity.pickStations,
    Math.ceil(Math.max(0, out.pickQueueParcels)),
  );
  out.packTotesShown = Math.min(
    MAX_TOTES_PER_PACK_STATION * capacity.packStations,
    Math.ceil(Math.max(0, out.packQueueParcels)),
  );
  // Moving items follow the real hourly rate (the model's is scaled): one tote per 40 parcels/h.
  const realPerHour = params.scale > 0 ? out.throughputPerHour / params.scale : 0;
  out.totesMoving = Math.min(MAX_TOTES_MOVING, Math.round(realPerHour / 40));
  out.parcelsMoving = Math.min(MAX_PARCELS_MOVING, Math.round(realPerHour / 30));
  out.trailersShown = Math.min(capacity.outboundDoors, Math.round(out.trailersAtDock));
  return out;
}

/** Of `total` items spread over `stations` stations (the first ones take the remainder), station `s`'s. */
export function getItemsAtStation(total: number, stations: number, s: number): number {
  return Math.floor(total / stations) + (s < total % stations ? 1 : 0);
}

/**
 * Moves a drawn quantity toward the model's over wall time: the model's busy figure jumps between
 * steps at small scales, and robots popping in and out of the aisles would read as noise.
 * `tauS` is the time constant in wall seconds.
 */
export function easeToward(current: number, target: number, dtS: number, tauS: number): number {
  if (tauS <= 0) return target;
  return current + (target - current) * (1 - Math.exp(-dtS / tauS));
}

/** "1 robot shown = 4 drive units", or null at 1:1. */
export function describeRobotRatio(robotsPerInstance: number): string | null {
  return robotsPerInstance > 1
    ? `1 robot shown = ${robotsPerInstance.toLocaleString('en-US')} drive units`
    : null;
}
