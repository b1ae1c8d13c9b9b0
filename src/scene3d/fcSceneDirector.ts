/**
 * The state of one fulfillment center's 3D view outside React: the floor plan, the robot traffic,
 * the dock yard and the quantities of the latest tick. Ticks set targets (`applyTick`); frames
 * move things toward them (`advance`). The renderer reads it in useFrame; nothing here touches
 * three.js or the DOM, so the bench drives it in Node.
 */
import type { FacilityStateColumns, OrderTrace } from '../worker/protocol';
import { DockYard } from './dockYard';
import { createFcLayout, type FcLayout, getPathLength } from './fcLayout';
import {
  createFcSceneQuantities,
  easeToward,
  type FcSceneQuantities,
  MAX_ROBOT_INSTANCES,
  type SceneCapacity,
  type SceneParams,
  writeFcSceneQuantities,
} from './fcQuantities';
import { FollowedTote } from './followedTote';
import { RobotTraffic } from './robotTraffic';

/** Wall seconds a robot takes to cross one cell (1.25 m: about 2.5 m/s, a brisk drive unit). */
export const ROBOT_STEP_S = 0.5;
/** Time constant with which drawn counts follow the model's, wall seconds. */
const EASE_TAU_S = 1.5;
/** Belt speeds, m per wall second. */
const TOTE_SPEED_M_S = 2;
const PARCEL_SPEED_M_S = 2.5;
/** The "Your order" highlight pulses once per this many wall seconds. */
export const FOLLOWED_PULSE_S = 1.6;

export interface FcSceneDirectorOptions {
  maxRobotInstances?: number;
  /**
   * The FC's outbound dock doors in the model (a tick's `dockDoors` column); the layout draws
   * that many, at most MAX_DRAWN_OUTBOUND_DOORS. Default 12.
   */
  outboundDoors?: number;
  /** A floor plan of its own (tests); `outboundDoors` is then the plan's. */
  layout?: FcLayout;
}

export class FcSceneDirector {
  readonly layout: FcLayout;
  /** The model's outbound dock doors this view was built for (the layout may draw fewer). */
  readonly outboundDoors: number;
  readonly traffic: RobotTraffic;
  readonly yard: DockYard;
  readonly capacity: SceneCapacity;
  readonly quantities: FcSceneQuantities = createFcSceneQuantities();
  readonly totePathLengthM: number;
  readonly parcelPathLengthM: number;
  /** Whether a tick for this facility has been applied yet. */
  hasTick = false;
  /** Fraction (0-1) of the current robot step done; robots are drawn that far along. */
  stepPhase = 0;
  toteOffsetM = 0;
  parcelOffsetM = 0;
  /** The followed order's parcel while it is in this FC ("Your order"), else stage null. */
  readonly followed = new FollowedTote();
  /** Fraction (0-1) of the highlight's pulse; advances only while playing. */
  pulsePhase = 0;
  /** Moving robots drawn, eased toward the tick's figure (fractional; rounded when applied). */
  private movingEased = 0;

  constructor(options: FcSceneDirectorOptions = {}) {
    this.layout = options.layout ?? createFcLayout({ outboundDoors: options.outboundDoors });
    this.outboundDoors = options.layout ? this.layout.outboundDoorX.length : (options.outboundDoors ?? 12);
    const maxRobotInstances = options.maxRobotInstances ?? MAX_ROBOT_INSTANCES;
    this.traffic = new RobotTraffic(this.layout, maxRobotInstances);
    this.yard = new DockYard(this.layout.outboundDoorX.length);
    this.capacity = {
      maxRobotInstances,
      movingCapacity: this.traffic.movingCapacity,
      pickStations: this.layout.bands,
      packStations: this.layout.packStationX.length,
      outboundDoors: this.layout.outboundDoorX.length,
    };
    this.totePathLengthM = getPathLength(this.layout.totePath);
    this.parcelPathLengthM = getPathLength(this.layout.parcelPath);
  }

  /** Takes the model's state of facility `id`: counts change at once, motion eases toward it. */
  applyTick(columns: FacilityStateColumns, id: number, params: SceneParams): void {
    const q = writeFcSceneQuantities(this.quantities, columns, id, this.capacity, params);
    if (!this.hasTick) this.movingEased = q.movingRobotInstances;
    this.movingEased = Math.min(this.movingEased, q.robotInstances);
    this.traffic.setCounts(q.robotInstances, Math.round(this.movingEased));
    this.yard.setTarget(q.trailersShown, q.trailerFill);
    this.hasTick = true;
  }

  /**
   * Takes the followed order as of the tick on screen (or null) for FC `facilityId`; call after
   * applyTick, so the order joins the tick's queues and, at the dock, a door holding a trailer.
   * Returns whether its place changed.
   */
  applyFollowedOrder(order: OrderTrace | null, facilityId: number): boolean {
    return this.followed.update(order, facilityId, this.layout, this.quantities, this.yard);
  }

  /**
   * Advances `dtS` wall seconds (nothing moves when `playing` is false). Returns whether anything
   * is in motion, i.e. whether another frame is needed.
   */
  advance(dtS: number, playing: boolean): boolean {
    if (!playing || dtS <= 0) return this.yard.isMoving;
    const dt = Math.min(dtS, 0.25);
    const target = this.quantities.movingRobotInstances;
    this.movingEased = easeToward(this.movingEased, target, dt, EASE_TAU_S);
    const moving = Math.round(this.movingEased);
    if (moving !== this.traffic.moving) this.traffic.setCounts(this.traffic.robots, moving);
    this.stepPhase += dt / ROBOT_STEP_S;
    while (this.stepPhase >= 1) {
      this.stepPhase -= 1;
      this.traffic.step();
    }
    this.yard.advance(dt);
    this.toteOffsetM = (this.toteOffsetM + dt * TOTE_SPEED_M_S) % this.totePathLengthM;
    this.parcelOffsetM = (this.parcelOffsetM + dt * PARCEL_SPEED_M_S) % this.parcelPathLengthM;
    this.pulsePhase = (this.pulsePhase + dt / FOLLOWED_PULSE_S) % 1;
    return (
      this.followed.stage !== null ||
      this.traffic.moving > 0 ||
      this.quantities.totesMoving > 0 ||
      this.quantities.parcelsMoving > 0 ||
      this.yard.isMoving ||
      Math.abs(this.movingEased - target) > 0.5
    );
  }
}
