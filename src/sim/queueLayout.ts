/**
 * Where parcels wait: every queue in the model has an id in one QueueSet. A facility owns
 * FACILITY_QUEUES consecutive ids (pick, pack, SLAM, same-day pick at an FC; sort and ready at a
 * station; sort at a sortation center); lanes (trailers loading at a door) follow.
 */
import {
  DELIVERY_STATION,
  FULFILLMENT_CENTER,
  SORTATION_CENTER,
  STAGE_AT_FC_DOCK,
  STAGE_AT_SC_DOCK,
  STAGE_AWAITING_PACK,
  STAGE_AWAITING_PICK,
  STAGE_AWAITING_SC_SORT,
  STAGE_AWAITING_SLAM,
  STAGE_AWAITING_STATION_SORT,
  STAGE_FREE,
  STAGE_READY_AT_STATION,
} from './kinds';
import type { NetworkModel } from './network';

/** Queues per facility: queue id = facility id * FACILITY_QUEUES + slot. */
export const FACILITY_QUEUES = 4;
export const QUEUE_PICK = 0;
export const QUEUE_PACK = 1;
export const QUEUE_SLAM = 2;
/** Sortation centers and stations use slot 0 for arrivals waiting to be sorted. */
export const QUEUE_SORT = 0;
/** Stations: slot 1 holds parcels ready for the last mile. */
export const QUEUE_READY = 1;
/** FCs: same-day orders wait in their own pick queue and are picked before the others. */
export const QUEUE_PICK_SAME_DAY = 3;

/** The QueueSet id of a facility's queue `slot` (QUEUE_PICK, QUEUE_SORT, ...). */
export function getQueueId(facility: number, slot: number): number {
  return facility * FACILITY_QUEUES + slot;
}

/** The pick queue an order of promise class `promise` waits in at its FC (same-day orders have their own, picked first). */
export function getPickQueueId(fc: number, promise: number): number {
  return getQueueId(fc, promise === 0 ? QUEUE_PICK_SAME_DAY : QUEUE_PICK);
}

/** Per-step capacity keys for hashUniform: facility id * 8 + one of these. */
export const CAP_PICK = 0;
export const CAP_PACK = 1;
export const CAP_SLAM = 2;
export const CAP_SORT = 3;

/**
 * Queue ids for lanes (a lane = the trailer loading at a door for one destination): FC lanes
 * (FC x sortation center), then sortation-center lanes to stations (one per station, at its
 * parent), then sortation-center to sortation-center lanes (SC x SC).
 */
export interface QueueLayout {
  facilityCount: number;
  fcCount: number;
  scCount: number;
  stationCount: number;
  fcLaneBase: number;
  scLaneBase: number;
  transferLaneBase: number;
  size: number;
}

export function getQueueLayout(model: NetworkModel): QueueLayout {
  const facilityCount = model.network.facilities.length;
  const fcCount = model.fulfillmentCenterIds.length;
  const scCount = model.sortationCenterIds.length;
  const stationCount = model.stationIds.length;
  const fcLaneBase = facilityCount * FACILITY_QUEUES;
  const scLaneBase = fcLaneBase + fcCount * scCount;
  const transferLaneBase = scLaneBase + stationCount;
  return {
    facilityCount,
    fcCount,
    scCount,
    stationCount,
    fcLaneBase,
    scLaneBase,
    transferLaneBase,
    size: transferLaneBase + scCount * scCount,
  };
}

/** The stage of a parcel waiting in each queue slot, per facility kind (STAGE_FREE: the slot is unused). */
const SLOT_STAGES: Record<number, readonly number[]> = {
  [FULFILLMENT_CENTER]: [STAGE_AWAITING_PICK, STAGE_AWAITING_PACK, STAGE_AWAITING_SLAM, STAGE_AWAITING_PICK],
  [SORTATION_CENTER]: [STAGE_AWAITING_SC_SORT, STAGE_FREE, STAGE_FREE, STAGE_FREE],
  [DELIVERY_STATION]: [STAGE_AWAITING_STATION_SORT, STAGE_READY_AT_STATION, STAGE_FREE, STAGE_FREE],
};

/**
 * The stage every parcel waiting in each queue has (STAGE_FREE: the queue holds none): the one
 * statement of which stage waits where. The invariants check parcels against it; the per-stage
 * counts sum queues by it.
 */
export function getQueueStages(model: NetworkModel, layout: QueueLayout): Uint8Array {
  const stages = new Uint8Array(layout.size);
  for (const facility of model.network.facilities) {
    const slotStages = SLOT_STAGES[facility.kind];
    if (!slotStages) continue;
    for (let slot = 0; slot < FACILITY_QUEUES; slot++)
      stages[getQueueId(facility.id, slot)] = slotStages[slot];
  }
  stages.fill(STAGE_AT_FC_DOCK, layout.fcLaneBase, layout.scLaneBase);
  stages.fill(STAGE_AT_SC_DOCK, layout.scLaneBase, layout.size);
  return stages;
}
