/**
 * Fulfillment centers, downstream first so a parcel moves one stage per step: SLAM (scan, label,
 * manifest) and sort into the outbound trailer for its next sortation center; pack; pick (robots
 * bringing pods to pick stations, same-day orders first, stopping while the pack buffer is full).
 * All within the staffed hours. Scheduled departures are the carrier cut-offs: a trailer leaves
 * at one if it is full enough or its oldest parcel has waited the hold limit.
 */
import { KPI_INDEX as K } from './kpis';
import {
  EVENT_LOADED_AT_FC,
  EVENT_PACKED,
  EVENT_PICKED,
  STAGE_AT_FC_DOCK,
  STAGE_AWAITING_PACK,
  STAGE_AWAITING_SLAM,
} from './kinds';
import { getFcRobots, getNextSortCenter } from './network';
import { type JournalQueue, recordQueueJoined } from './parcelJournal';
import { RunWalk, readEventTime, writeEventTime } from './parcels';
import {
  CAP_PACK,
  CAP_PICK,
  CAP_SLAM,
  QUEUE_PACK,
  QUEUE_PICK,
  QUEUE_PICK_SAME_DAY,
  QUEUE_SLAM,
  type QueueLayout,
  getQueueId,
} from './queueLayout';
import { crossesSchedule, getFcCutoffIntervalS, getLastScheduledS, isFcStaffed } from './schedules';
import { getStepCapacity, updateThroughput } from './stepCapacity';
import { getTrailerCapacity, LEG_FC_TO_SORT_CENTER } from './trailers';
import { departLane, type LineHaulContext } from './lineHaul';
import type { Params } from './params';

/** What the FC stage reads, and the state it may change besides line-haul's (robots busy, throughput). */
export interface FulfillmentCenterContext extends LineHaulContext {
  readonly seed: number;
  readonly layout: QueueLayout;
  readonly state: LineHaulContext['state'] & {
    readonly robotsBusy: Float32Array;
    readonly throughputPerHour: Float32Array;
  };
}

/** Totes the pack buffer holds in the model (packQueueCapacityParcels x scale, at least one). */
export function getPackBufferCapacity(params: Pick<Params, 'packQueueCapacityParcels' | 'scale'>): number {
  return Math.max(1, Math.round(params.packQueueCapacityParcels * params.scale));
}

/**
 * A parcel an FC station (pick, pack or SLAM) served at `t`: the event stamped, the stage set, and
 * queued for what comes next; a watched parcel notes the queue it joined and the parcels ahead.
 */
function passOn(
  state: FulfillmentCenterContext['state'],
  fc: number,
  slot: number,
  t: number,
  event: number,
  stage: number,
  queue: number,
  joined: JournalQueue,
): void {
  const c = state.parcels.columns;
  writeEventTime(c, slot, event, t);
  c.stage[slot] = stage;
  state.queues.push(c.next, queue, slot);
  recordQueueJoined(state.journal, slot, joined, t, fc, state.queues.count[queue] - 1);
}

// The parcels every FC serves in a step, listed together before any is served (RunWalk): an FC's
// queues hold parcels for stations all over the country, each in its station's blocks of the
// store (slotZones.ts), so a walk of one queue waits for a cache miss at each parcel; walked
// together, the misses of every FC's queues are in flight at once (the model runs on one thread).
const serving = new RunWalk();
/** Runs of an FC in `serving`, from RUNS_PER_FC x its index on: SLAM, pack, same-day pick, pick. */
const RUNS_PER_FC = 4;
const RUN_SLAM = 0;
const RUN_PACK = 1;
const RUN_PICK_SAME_DAY = 2;
const RUN_PICK = 3;

export function runFulfillmentCenters(
  context: FulfillmentCenterContext,
  t0: number,
  t1: number,
  dt: number,
): void {
  const { model, params, state, layout, seed } = context;
  const { queues, kpis } = state;
  const c = state.parcels.columns;
  const next = c.next;
  const hours = dt / 3600;
  const pickUnitsPerHour = Math.min(
    params.pickStationsPerFc * params.pickRatePerStationHour,
    params.robotsPerFc * params.unitsPerRobotHour,
  );
  const pickRate = (pickUnitsPerHour * params.scale * hours) / params.itemsPerParcel;
  const packRate = params.packStationsPerFc * params.packRatePerStationHour * params.scale * hours;
  const slamRate = params.slamRatePerFcHour * params.scale * hours;
  const packBuffer = getPackBufferCapacity(params);
  const capacity = getTrailerCapacity(params);
  const departureIntervalS = getFcCutoffIntervalS(params);
  const scCount = layout.scCount;
  const fcList = model.fulfillmentCenterIds;
  serving.ensureRuns(RUNS_PER_FC * fcList.length);
  // How many parcels each station of each FC serves this step, from the queues as they stand: a
  // stage takes from its own queue and feeds the next one down (pick -> pack -> SLAM), which it
  // serves first, so only the pick's room in the pack buffer depends on the pack's count.
  for (let i = 0; i < fcList.length; i++) {
    const fc = fcList[i];
    const run = RUNS_PER_FC * i;
    const pickQueue = getQueueId(fc, QUEUE_PICK);
    const sameDayQueue = getQueueId(fc, QUEUE_PICK_SAME_DAY);
    const packQueue = getQueueId(fc, QUEUE_PACK);
    const slamQueue = getQueueId(fc, QUEUE_SLAM);
    let slammed = 0;
    let packed = 0;
    let picked = 0;
    if (isFcStaffed(params, t0, model.facilityOffsetH[fc])) {
      // The parameters describe an FC of mean size; each is staffed and equipped to its plan.
      const size = model.fulfillmentCenterSize[fc];
      // Robots a network edit set: picks are bounded by them instead of the mean FC's fleet.
      const editedRobots = model.facilityCapacity[fc];
      const fcPickRate = Number.isNaN(editedRobots)
        ? pickRate * size
        : (Math.min(
            params.pickStationsPerFc * params.pickRatePerStationHour * size,
            editedRobots * params.unitsPerRobotHour,
          ) *
            params.scale *
            hours) /
          params.itemsPerParcel;
      slammed = Math.min(queues.count[slamQueue], getStepCapacity(seed, slamRate * size, fc, CAP_SLAM, t0));
      packed = Math.min(queues.count[packQueue], getStepCapacity(seed, packRate * size, fc, CAP_PACK, t0));
      const room = Math.max(0, packBuffer - (queues.count[packQueue] - packed));
      picked = Math.min(
        queues.count[pickQueue] + queues.count[sameDayQueue],
        room,
        getStepCapacity(seed, fcPickRate, fc, CAP_PICK, t0),
      );
    }
    // Same-day orders first (their promise is hours away), then the rest oldest first.
    const pickedSameDay = Math.min(queues.count[sameDayQueue], picked);
    setRun(run + RUN_SLAM, queues.head[slamQueue], slammed);
    setRun(run + RUN_PACK, queues.head[packQueue], packed);
    setRun(run + RUN_PICK_SAME_DAY, queues.head[sameDayQueue], pickedSameDay);
    setRun(run + RUN_PICK, queues.head[pickQueue], picked - pickedSameDay);
  }
  serving.walk(next, RUNS_PER_FC * fcList.length);
  const slots = serving.slots;
  for (let i = 0; i < fcList.length; i++) {
    const fc = fcList[i];
    const run = RUNS_PER_FC * i;
    const offsetH = model.facilityOffsetH[fc];
    const pickQueue = getQueueId(fc, QUEUE_PICK);
    const sameDayQueue = getQueueId(fc, QUEUE_PICK_SAME_DAY);
    const packQueue = getQueueId(fc, QUEUE_PACK);
    const slamQueue = getQueueId(fc, QUEUE_SLAM);
    const laneBase = layout.fcLaneBase + model.kindIndex[fc] * scCount;
    const slammed = serving.count[run + RUN_SLAM];
    queues.dropOldest(slamQueue, slammed, serving.after[run + RUN_SLAM]);
    for (let k = 0, from = serving.from[run + RUN_SLAM]; k < slammed; k++) {
      const slot = slots[from + k];
      const t = t0 + ((k + 1) / slammed) * dt;
      const sc = getNextSortCenter(model, fc, c.destinationStation[slot]);
      const lane = laneBase + model.kindIndex[sc];
      passOn(state, fc, slot, t, EVENT_LOADED_AT_FC, STAGE_AT_FC_DOCK, lane, 'fcDock');
      if (queues.count[lane] >= capacity) departLane(context, lane, fc, sc, LEG_FC_TO_SORT_CENTER, t);
    }
    const packed = serving.count[run + RUN_PACK];
    queues.dropOldest(packQueue, packed, serving.after[run + RUN_PACK]);
    for (let k = 0, from = serving.from[run + RUN_PACK]; k < packed; k++)
      passOn(
        state,
        fc,
        slots[from + k],
        t0 + ((k + 1) / packed) * dt,
        EVENT_PACKED,
        STAGE_AWAITING_SLAM,
        slamQueue,
        'slam',
      );
    const pickedSameDay = serving.count[run + RUN_PICK_SAME_DAY];
    const picked = pickedSameDay + serving.count[run + RUN_PICK];
    queues.dropOldest(sameDayQueue, pickedSameDay, serving.after[run + RUN_PICK_SAME_DAY]);
    queues.dropOldest(pickQueue, picked - pickedSameDay, serving.after[run + RUN_PICK]);
    for (let k = 0; k < picked; k++) {
      const slot =
        k < pickedSameDay
          ? slots[serving.from[run + RUN_PICK_SAME_DAY] + k]
          : slots[serving.from[run + RUN_PICK] + k - pickedSameDay];
      passOn(
        state,
        fc,
        slot,
        t0 + ((k + 1) / picked) * dt,
        EVENT_PICKED,
        STAGE_AWAITING_PACK,
        packQueue,
        'pack',
      );
    }
    // Robot-hours the picks used (real drive units); the facility view smooths over ~15 min
    // because at small scales a step picks only a parcel or two.
    const robotHours = (picked * params.itemsPerParcel) / params.scale / params.unitsPerRobotHour;
    const blend = Math.min(1, dt / 900);
    state.robotsBusy[fc] +=
      (Math.min(getFcRobots(model, params, fc), robotHours / hours) - state.robotsBusy[fc]) * blend;
    kpis.cumulative[K.robotBusyHours] += robotHours;
    kpis.cumulative[K.picked] += picked;
    kpis.cumulative[K.packed] += packed;
    kpis.cumulative[K.loadedAtFc] += slammed;
    updateThroughput(state.throughputPerHour, fc, packed, dt);
    if (crossesSchedule(t0, t1, offsetH, 0, departureIntervalS)) {
      const departS = getLastScheduledS(t1, offsetH, 0, departureIntervalS);
      const minimum = params.minTrailerFill * capacity;
      const holdS = params.maxTrailerHoldH * 3600;
      for (let s = 0; s < scCount; s++) {
        const lane = laneBase + s;
        const count = queues.count[lane];
        if (count === 0) continue;
        const oldestS = readEventTime(c, queues.head[lane], EVENT_LOADED_AT_FC, t1);
        if (count >= minimum || departS - oldestS >= holdS) {
          // A departure time inside the step (a schedule off the step grid) waits for the
          // parcels this step loaded after it: no parcel leaves before it was loaded.
          const newestS = readEventTime(c, queues.tail[lane], EVENT_LOADED_AT_FC, t1);
          const leaveS = Math.max(departS, newestS);
          departLane(context, lane, fc, model.sortationCenterIds[s], LEG_FC_TO_SORT_CENTER, leaveS);
        }
      }
    }
  }
  // The trailers that left, their parcels marked on the road together (DepartureMarks).
  context.departures.markAll(c, context.state.trailers);
}

/** Sets run `k` of `serving`: `count` parcels from `head` on. */
function setRun(k: number, head: number, count: number): void {
  serving.head[k] = head;
  serving.count[k] = count;
}
