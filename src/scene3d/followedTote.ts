/**
 * "Your order" in the fulfillment center (issue #9): where the followed parcel stands in the
 * 3D view while it is at the FC on screen. Its stage names the place (a bin at a pick station, a
 * tote at a pack station, a parcel at the SLAM arch, on a pallet at an outbound door); its parcel
 * id picks which station or door, so the place holds still from tick to tick. Pure, no three.js:
 * the tick handler updates it, the renderer and the label read it in useFrame.
 */
import type { ParcelStage } from '../sim/kinds';
import type { OrderTrace } from '../worker/protocol';
import { DOOR_ARRIVING, DOOR_LOADING, type DockYard } from './dockYard';
import { BELT_TOP_M } from './fcFixtures';
import { type FcLayout, writePackToteSlot, writePickBinSlot } from './fcLayout';
import { type FcSceneQuantities, getItemsAtStation } from './fcQuantities';

/** The stages a parcel spends inside its FC, in journey order: the ones the scene can show. */
export const FOLLOWED_STAGES = ['awaitingPick', 'awaitingPack', 'awaitingSlam', 'atFcDock'] as const;
export type FollowedStage = (typeof FOLLOWED_STAGES)[number];

/** What the "Your order" label says under its title, by stage. */
export const FOLLOWED_STAGE_TEXT: Record<FollowedStage, string> = {
  awaitingPick: 'in the queue at pick station',
  awaitingPack: 'in a tote at pack station',
  awaitingSlam: 'packed, at the SLAM arch',
  atFcDock: 'on a pallet at outbound door',
};

/** The highlighted item is this much larger than the bins and totes around it. */
export const FOLLOWED_SCALE = 1.5;
/** Height of the beacon's top above the floor, m: it rises over pods and racks. */
export const BEACON_TOP_M = 7;

/**
 * The followed parcel's stage if it is inside fulfillment center `facilityId` now, else null
 * (no order followed, another FC, or a stage outside the building).
 */
export function getFollowedStage(order: OrderTrace | null, facilityId: number): FollowedStage | null {
  if (!order || order.trace.originFacility !== facilityId) return null;
  const stage: ParcelStage = order.trace.stage;
  return (FOLLOWED_STAGES as readonly string[]).includes(stage) ? (stage as FollowedStage) : null;
}

/** Where the highlight stands; updated per tick, read per frame. */
export class FollowedTote {
  stage: FollowedStage | null = null;
  parcelId = -1;
  /** Pick station, pack station or outbound door (by stage) the item is at; -1 at SLAM or hidden. */
  slot = -1;
  /** Centre of the item, m (x, y, z), and its size, m (x, y, z), before FOLLOWED_SCALE. */
  readonly position = new Float32Array(3);
  readonly size = new Float32Array(3);
  /** Bumped whenever the place changes, so the label is projected again. */
  version = 0;

  /**
   * Takes the followed order as of the tick on screen. Returns whether the place changed.
   * `queues` (the tick's drawn bins and totes) put it on top of its station's stack; `yard`
   * decides the door at 'atFcDock': a door with a trailer loading, kept while it loads.
   */
  update(
    order: OrderTrace | null,
    facilityId: number,
    layout: FcLayout,
    queues: FollowedQueues,
    yard: DockYard,
  ): boolean {
    const stage = getFollowedStage(order, facilityId);
    const parcelId = order?.placed.parcelId ?? -1;
    const x = this.position[0];
    const y = this.position[1];
    const z = this.position[2];
    const previousStage = this.stage;
    const previousSlot = this.slot;
    const keepSlot = stage === previousStage && parcelId === this.parcelId ? previousSlot : -1;
    this.stage = stage;
    this.parcelId = parcelId;
    this.slot =
      stage === null ? -1 : writeFollowedPlace(this, stage, parcelId, layout, queues, yard, keepSlot);
    const changed =
      stage !== previousStage ||
      this.slot !== previousSlot ||
      x !== this.position[0] ||
      y !== this.position[1] ||
      z !== this.position[2];
    if (changed) this.version++;
    return changed;
  }

  /** The label's second line: "in the queue at pick station 7". */
  describe(): string {
    if (this.stage === null) return '';
    const text = FOLLOWED_STAGE_TEXT[this.stage];
    return this.slot >= 0 ? `${text} ${this.slot + 1}` : text;
  }
}

/** The drawn queues the highlight joins (FcSceneQuantities' fields). */
export type FollowedQueues = Pick<FcSceneQuantities, 'pickBinsShown' | 'packTotesShown'>;

/**
 * Writes the place of the followed parcel at `stage` into `out.position` and `out.size` (m) and
 * returns the station or door it is at (-1 at SLAM). At a station it is the top bin or tote of
 * the stack the scene draws there (it is one of the queue); `keepSlot` (or -1) is the door chosen
 * before: the parcel stays on it while its trailer is there.
 */
export function writeFollowedPlace(
  out: { position: Float32Array; size: Float32Array },
  stage: FollowedStage,
  parcelId: number,
  layout: FcLayout,
  queues: FollowedQueues,
  yard: DockYard,
  keepSlot = -1,
): number {
  const id = Math.max(0, parcelId);
  switch (stage) {
    case 'awaitingPick': {
      const station = id % layout.bands;
      const here = getItemsAtStation(queues.pickBinsShown, layout.bands, station);
      writePickBinSlot(out.position, layout, station, Math.max(0, here - 1));
      setSize(out, 0.5, 0.3, 0.4);
      return station;
    }
    case 'awaitingPack': {
      const packs = layout.packStationX.length;
      const station = id % packs;
      const here = getItemsAtStation(queues.packTotesShown, packs, station);
      writePackToteSlot(out.position, layout, station, Math.max(0, here - 1));
      setSize(out, 0.6, 0.35, 0.45);
      return station;
    }
    case 'awaitingSlam':
      // On the belt just before the arch (the belt runs south through it at x = slamX).
      setPlace(out, layout.slamX, BELT_TOP_M + 0.15, layout.slamZ - 1.4, 0.45, 0.3, 0.35);
      return -1;
    case 'atFcDock': {
      const door = chooseDoor(yard, id, keepSlot);
      // On top of the first pallet staged at the door (fcSceneObjects stages them there).
      setPlace(out, layout.outboundDoorX[door] - 1.4, 1.35, layout.depthM / 2 - 3, 0.45, 0.3, 0.35);
      return door;
    }
  }
}

function setPlace(
  out: { position: Float32Array; size: Float32Array },
  x: number,
  y: number,
  z: number,
  sx: number,
  sy: number,
  sz: number,
): void {
  out.position[0] = x;
  out.position[1] = y;
  out.position[2] = z;
  setSize(out, sx, sy, sz);
}

function setSize(out: { size: Float32Array }, sx: number, sy: number, sz: number): void {
  out.size[0] = sx;
  out.size[1] = sy;
  out.size[2] = sz;
}

/** A door with a trailer pulling in or loading (the kept one while it is), else any door by id. */
function chooseDoor(yard: DockYard, id: number, keepSlot: number): number {
  const isPresent = (d: number) => yard.state[d] === DOOR_LOADING || yard.state[d] === DOOR_ARRIVING;
  if (keepSlot >= 0 && keepSlot < yard.doors && isPresent(keepSlot)) return keepSlot;
  let present = 0;
  for (let d = 0; d < yard.doors; d++) if (isPresent(d)) present++;
  if (present === 0) return keepSlot >= 0 && keepSlot < yard.doors ? keepSlot : id % yard.doors;
  let nth = id % present;
  for (let d = 0; d < yard.doors; d++) {
    if (!isPresent(d)) continue;
    if (nth === 0) return d;
    nth--;
  }
  return id % yard.doors;
}
