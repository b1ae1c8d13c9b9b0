/**
 * Moving a running model onto a rebuilt network (a parameter that changes facility counts,
 * regions or service areas). Every live parcel is kept (conservation): each old facility maps
 * to the nearest new facility of the same kind, and a parcel keeps its stage at the mapped
 * facility. A parcel at a sortation center whose station now belongs to another sortation
 * center is re-sorted where it stands; trucks on the road keep their arrival times and deliver
 * to the mapped facility. Queue order is kept (old queues are walked in id order).
 */
import { resizeLastMileRegions } from './lastMile/lastMileState';
import {
  FACILITY_QUEUES,
  getQueueLayout,
  QUEUE_PACK,
  QUEUE_PICK,
  QUEUE_PICK_SAME_DAY,
  QUEUE_READY,
  QUEUE_SLAM,
  QUEUE_SORT,
} from './queueLayout';
import type { EngineState } from './engine';
import { greatCircleKm, LAT_DEG_PER_KM, lonDegPerKm } from './geo';
import {
  STAGE_AT_FC_DOCK,
  STAGE_AT_SC_DOCK,
  STAGE_AWAITING_PACK,
  STAGE_AWAITING_PICK,
  STAGE_AWAITING_SC_SORT,
  STAGE_AWAITING_SLAM,
  STAGE_AWAITING_STATION_SORT,
  STAGE_READY_AT_STATION,
} from './kinds';
import { getNextSortCenter, type NetworkModel } from './network';
import { NO_PARCEL, QueueSet } from './parcels';

/** For each old facility id, the nearest new facility of the same kind (ties: lower id). */
export function mapFacilities(oldModel: NetworkModel, newModel: NetworkModel): Int32Array {
  const oldFacilities = oldModel.network.facilities;
  const newFacilities = newModel.network.facilities;
  const map = new Int32Array(oldFacilities.length);
  for (const old of oldFacilities) {
    let best = -1;
    let bestKm = Number.POSITIVE_INFINITY;
    for (const candidate of newFacilities) {
      if (candidate.kind !== old.kind) continue;
      const km = greatCircleKm(old.lon, old.lat, candidate.lon, candidate.lat);
      if (km < bestKm) {
        bestKm = km;
        best = candidate.id;
      }
    }
    map[old.id] = best;
  }
  return map;
}

/** Rewrites `state` in place for `newModel`. */
export function moveStateToNetwork(state: EngineState, oldModel: NetworkModel, newModel: NetworkModel): void {
  const map = mapFacilities(oldModel, newModel);
  const oldLayout = getQueueLayout(oldModel);
  const layout = getQueueLayout(newModel);
  const c = state.parcels.columns;
  const oldFacilities = oldModel.network.facilities;
  const newFacilities = newModel.network.facilities;

  const remapParcel = (slot: number) => {
    c.originFc[slot] = map[c.originFc[slot]];
    const oldStation = oldFacilities[c.destinationStation[slot]];
    const newStationId = map[oldStation.id];
    const newStation = newFacilities[newStationId];
    c.destinationStation[slot] = newStationId;
    // Keep the address where it is: re-express its offset from the new station.
    const east =
      c.destinationOffset[slot * 2] / 100 + (oldStation.lon - newStation.lon) / lonDegPerKm(oldStation.lat);
    const north =
      c.destinationOffset[slot * 2 + 1] / 100 + (oldStation.lat - newStation.lat) / LAT_DEG_PER_KM;
    c.destinationOffset[slot * 2] = Math.max(-32768, Math.min(32767, Math.round(east * 100)));
    c.destinationOffset[slot * 2 + 1] = Math.max(-32768, Math.min(32767, Math.round(north * 100)));
  };

  const queues = new QueueSet(layout.size);
  const old = state.queues;
  for (let q = 0; q < oldLayout.size; q++) {
    // Facility of the old queue (only used for parcels waiting at a sortation center).
    const oldFacility = q < oldLayout.fcLaneBase ? Math.floor(q / FACILITY_QUEUES) : -1;
    // Sortation centre a lane loads at (station lanes load at the station's parent).
    const oldLaneSortCenter =
      q >= oldLayout.transferLaneBase
        ? oldModel.sortationCenterIds[Math.floor((q - oldLayout.transferLaneBase) / oldLayout.scCount)]
        : q >= oldLayout.scLaneBase
          ? oldModel.stationParentSortCenter[oldModel.stationIds[q - oldLayout.scLaneBase]]
          : -1;
    let slot = old.head[q];
    while (slot !== NO_PARCEL) {
      const following = c.next[slot];
      remapParcel(slot);
      const origin = c.originFc[slot];
      const station = c.destinationStation[slot];
      let target: number;
      switch (c.stage[slot]) {
        case STAGE_AWAITING_PICK:
          target = origin * FACILITY_QUEUES + (c.promise[slot] === 0 ? QUEUE_PICK_SAME_DAY : QUEUE_PICK);
          break;
        case STAGE_AWAITING_PACK:
          target = origin * FACILITY_QUEUES + QUEUE_PACK;
          break;
        case STAGE_AWAITING_SLAM:
          target = origin * FACILITY_QUEUES + QUEUE_SLAM;
          break;
        case STAGE_AT_FC_DOCK:
          target =
            layout.fcLaneBase +
            newModel.kindIndex[origin] * layout.scCount +
            newModel.kindIndex[getNextSortCenter(newModel, origin, station)];
          break;
        case STAGE_AWAITING_SC_SORT:
          target = map[oldFacility] * FACILITY_QUEUES + QUEUE_SORT;
          break;
        case STAGE_AT_SC_DOCK:
          // Re-sorted where it stands: its next hop may differ on the new network.
          c.stage[slot] = STAGE_AWAITING_SC_SORT;
          target = map[oldLaneSortCenter] * FACILITY_QUEUES + QUEUE_SORT;
          break;
        case STAGE_AWAITING_STATION_SORT:
          target = station * FACILITY_QUEUES + QUEUE_SORT;
          break;
        case STAGE_READY_AT_STATION:
          target = station * FACILITY_QUEUES + QUEUE_READY;
          break;
        default:
          throw new Error(`parcel in slot ${slot} has stage ${c.stage[slot]} but sits in queue ${q}`);
      }
      queues.push(c.next, target, slot);
      slot = following;
    }
  }
  state.queues = queues;

  const trailers = state.trailers;
  const tc = trailers.columns;
  for (let h = 0; h < trailers.heapSize; h++) {
    const trailer = trailers.heap[h];
    tc.originFacility[trailer] = map[tc.originFacility[trailer]];
    tc.destinationFacility[trailer] = map[tc.destinationFacility[trailer]];
    for (let slot = tc.head[trailer]; slot !== NO_PARCEL; slot = c.next[slot]) remapParcel(slot);
  }
  // Parcels on their way to the door keep their delivery times; their station is remapped.
  const onTheirWay = state.lastMile.heap;
  for (let h = 0; h < onTheirWay.size; h++) remapParcel(onTheirWay.slot[h]);
  resizeLastMileRegions(state.lastMile, newModel.regionCount);
  // Facility ids change with the network: each facility's delivery figures follow its parcels.
  state.lastMile.facilityDeliveries.remapFacilities(map, newFacilities.length);

  const regionSpeedFactor = new Float32Array(newModel.regionCount).fill(1);
  const regionStorm = new Uint8Array(newModel.regionCount);
  for (let r = 0; r < Math.min(regionStorm.length, state.regionStorm.length); r++) {
    regionSpeedFactor[r] = state.regionSpeedFactor[r];
    regionStorm[r] = state.regionStorm[r];
  }
  state.regionSpeedFactor = regionSpeedFactor;
  state.regionStorm = regionStorm;
  state.throughputPerHour = new Float32Array(layout.facilityCount);
  state.robotsBusy = new Float32Array(layout.facilityCount);
}
