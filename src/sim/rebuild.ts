/**
 * Moving a running model onto a rebuilt network (a parameter that changes facility counts,
 * regions or service areas): the pieces of run state that hold facility ids or per-facility
 * arrays say how they move (runState.ts declares which piece uses which of these). Every live
 * parcel is kept (conservation): each old facility maps to the nearest new facility of the same
 * kind, and a parcel keeps its stage at the mapped facility. A parcel at a sortation center whose
 * station now belongs to another sortation center is re-sorted where it stands; trucks on the
 * road keep their arrival times and deliver to the mapped facility. Queue order is kept (old
 * queues are walked in id order).
 *
 * A network edit (networkEdits.ts) keeps every facility's id: a facility still operating maps to
 * itself, and one that closed or went offline hands its work to a neighbour by the network's own
 * rules: a station's parcels to the nearest operating station of its metro (the one its addresses
 * would be served from), an FC's orders to the nearest operating FC of its region (the first of
 * its stations' sourcing alternatives), a sortation center's to the nearest one operating, and
 * the facilities' delivery history stays with them.
 */
import { FACILITY_QUEUES, getQueueLayout, QUEUE_SORT, type QueueLayout, getQueueId } from './queueLayout';
import { greatCircleKm, LAT_DEG_PER_KM, lonDegPerKm } from './geo';
import { FULFILLMENT_CENTER, SORTATION_CENTER, STAGE_AWAITING_SC_SORT, STAGE_FREE } from './kinds';
import { getNextSortCenter, type NetworkModel } from './network';
import { NO_PARCEL, type ParcelStore, QueueSet } from './parcels';
import type { TrailerPool } from './trailers';

/** A rebuild in progress: the two networks, the facility map and the queue layouts. */
export interface NetworkMove {
  oldModel: NetworkModel;
  newModel: NetworkModel;
  /** Per old facility id: the new facility it becomes (mapFacilities). */
  map: Int32Array;
  /**
   * Per old facility id: the new id its history (delivery figures, journal facts) is kept under:
   * itself when the new network keeps the old ids (an edit), else `map`.
   */
  historyMap: Int32Array;
  oldLayout: QueueLayout;
  newLayout: QueueLayout;
  /** The run's parcels: remapped first, so the queues can be rebuilt from their new facilities. */
  parcels: ParcelStore;
}

/**
 * True when the new network holds every old facility under the same id (a network edit, which
 * appends added facilities and keeps closed ones).
 */
export function keepsFacilityIds(oldModel: NetworkModel, newModel: NetworkModel): boolean {
  const oldFacilities = oldModel.network.facilities;
  const newFacilities = newModel.network.facilities;
  if (newFacilities.length < oldFacilities.length) return false;
  return oldFacilities.every((old, id) => {
    const now = newFacilities[id];
    return now.kind === old.kind && now.lon === old.lon && now.lat === old.lat && now.metro === old.metro;
  });
}

/**
 * For each old facility id, the new facility it becomes: itself when the new network keeps the
 * ids and it still operates; else the nearest operating new facility of the same kind (ties:
 * lower id), preferring, when the ids are kept, its own metro for a station or a carrier hub and
 * its own region for an FC.
 */
export function mapFacilities(oldModel: NetworkModel, newModel: NetworkModel): Int32Array {
  const oldFacilities = oldModel.network.facilities;
  const newFacilities = newModel.network.facilities;
  const map = new Int32Array(oldFacilities.length);
  const keepsIds = keepsFacilityIds(oldModel, newModel);
  for (const old of oldFacilities) {
    if (keepsIds && newModel.operating[old.id]) {
      map[old.id] = old.id;
      continue;
    }
    let best = -1;
    let bestKm = Number.POSITIVE_INFINITY;
    for (const candidate of newFacilities) {
      if (candidate.kind !== old.kind || !newModel.operating[candidate.id]) continue;
      const elsewhere =
        old.kind === FULFILLMENT_CENTER
          ? candidate.region !== old.region
          : old.kind !== SORTATION_CENTER && candidate.metro !== old.metro;
      const km =
        greatCircleKm(old.lon, old.lat, candidate.lon, candidate.lat) + (keepsIds && elsewhere ? 1e6 : 0);
      if (km < bestKm) {
        bestKm = km;
        best = candidate.id;
      }
    }
    map[old.id] = best;
  }
  return map;
}

export function createNetworkMove(
  oldModel: NetworkModel,
  newModel: NetworkModel,
  parcels: ParcelStore,
): NetworkMove {
  const map = mapFacilities(oldModel, newModel);
  return {
    oldModel,
    newModel,
    map,
    historyMap: keepsFacilityIds(oldModel, newModel)
      ? Int32Array.from(oldModel.network.facilities, (facility) => facility.id)
      : map,
    oldLayout: getQueueLayout(oldModel),
    newLayout: getQueueLayout(newModel),
    parcels,
  };
}

/**
 * Every live parcel's facilities on the new network: its origin FC and its station, with its
 * address kept where it is (its offset re-expressed from the new station).
 */
export function remapParcels(parcels: ParcelStore, move: NetworkMove): ParcelStore {
  const { map } = move;
  const c = parcels.columns;
  const oldFacilities = move.oldModel.network.facilities;
  const newFacilities = move.newModel.network.facilities;
  for (let slot = 0; slot < c.capacity; slot++) {
    if (c.stage[slot] === STAGE_FREE) continue;
    c.originFc[slot] = map[c.originFc[slot]];
    const oldStation = oldFacilities[c.destinationStation[slot]];
    const newStation = newFacilities[map[oldStation.id]];
    c.destinationStation[slot] = newStation.id;
    const east =
      c.destinationOffset[slot * 2] / 100 + (oldStation.lon - newStation.lon) / lonDegPerKm(oldStation.lat);
    const north =
      c.destinationOffset[slot * 2 + 1] / 100 + (oldStation.lat - newStation.lat) / LAT_DEG_PER_KM;
    c.destinationOffset[slot * 2] = Math.max(-32768, Math.min(32767, Math.round(east * 100)));
    c.destinationOffset[slot * 2 + 1] = Math.max(-32768, Math.min(32767, Math.round(north * 100)));
  }
  return parcels;
}

/** The queues of the new network, each parcel in its stage's queue at its (remapped) facility. */
export function remapQueues(old: QueueSet, move: NetworkMove): QueueSet {
  const { map, oldModel, newModel, oldLayout, newLayout: layout } = move;
  const c = move.parcels.columns;
  const queues = new QueueSet(layout.size);
  for (let q = 0; q < oldLayout.size; q++) {
    // A facility's queue moves to the same slot at the facility it maps to: for an FC or a
    // station that is its parcels' origin or destination, remapped above.
    const facilityQueue =
      q < oldLayout.fcLaneBase ? getQueueId(map[Math.floor(q / FACILITY_QUEUES)], q % FACILITY_QUEUES) : -1;
    const atFcDock = q >= oldLayout.fcLaneBase && q < oldLayout.scLaneBase;
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
      let target = facilityQueue;
      if (atFcDock) {
        const origin = c.originFc[slot];
        target =
          layout.fcLaneBase +
          newModel.kindIndex[origin] * layout.scCount +
          newModel.kindIndex[getNextSortCenter(newModel, origin, c.destinationStation[slot])];
      } else if (oldLaneSortCenter >= 0) {
        // Re-sorted where it stands: its next hop may differ on the new network.
        c.stage[slot] = STAGE_AWAITING_SC_SORT;
        target = getQueueId(map[oldLaneSortCenter], QUEUE_SORT);
      }
      queues.push(c.next, target, slot);
      slot = following;
    }
  }
  return queues;
}

/** Trucks on the road keep their loads and arrival times and head for the mapped facilities. */
export function remapTrailers(trailers: TrailerPool, move: NetworkMove): TrailerPool {
  const tc = trailers.columns;
  for (let h = 0; h < trailers.heapSize; h++) {
    const trailer = trailers.heap[h];
    tc.originFacility[trailer] = move.map[tc.originFacility[trailer]];
    tc.destinationFacility[trailer] = move.map[tc.destinationFacility[trailer]];
  }
  return trailers;
}

/** A per-region array for the new region count: regions that remain keep their value, new ones get `fill`. */
export function resizeRegions<T extends Float32Array | Uint8Array>(
  values: T,
  move: NetworkMove,
  create: (regionCount: number) => T,
  fill: number,
): T {
  const resized = create(move.newModel.regionCount);
  resized.fill(fill);
  resized.set(values.subarray(0, Math.min(values.length, resized.length)));
  return resized;
}
