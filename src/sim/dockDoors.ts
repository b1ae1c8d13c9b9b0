/**
 * Dock doors: each holds one trailer at a time while it is loaded or unloaded, for
 * DOOR_TURN_S. An FC's outbound doors load its line-haul trailers; a sortation center's doors
 * unload inbound trailers and load outbound ones; a station's doors unload its inbound trailers.
 *
 * A trailer leaving at `departS` was loaded at a door over the DOOR_TURN_S before it (parcels
 * join the lane as they are scanned and loaded), so while a door was free then it leaves on time
 * and nothing changes; when every door was busy, it is loaded on the first door to free up and
 * leaves DOOR_TURN_S later, its parcels waiting at the dock meanwhile. An arriving trailer is
 * unloaded on a free door at once, or waits in the yard for the first door to free up; its
 * parcels reach the sort queue when its unloading starts. Doors are taken first come, first
 * served, the earliest-free door first (ties: the lower door), so a run stays deterministic.
 *
 * Door counts scale with a facility's planned size, as buildings are built to their volume.
 * Defaults (docs/dock-doors.md has the sources and the measured use):
 * - DOOR_TURN_S, 1 h: a full truckload's dock turn (docking, loading or unloading, sealing) is
 *   usually planned at about an hour (Warehouse Improvement, "Dock doors for drop trailers",
 *   2022; a live load lasts ~2 h with the driver waiting, FreightWaves glossary). L.
 * - An FC's outbound doors, 40 for an FC of mean size: a median FC has 855k sq ft (CALIBRATION,
 *   MWPVL); distribution buildings have one dock door per 8,000-12,000 sq ft (2000s-era stock;
 *   Class-A e-commerce 4,000-6,000; M. Law, industrial lease benchmarks 2026), ~70-107 doors,
 *   about half of them receiving vendor freight (A). L / A.
 * - A sortation center's doors, 80 for one of mean size: median 385k sq ft (CALIBRATION) at a
 *   cross-dock's one door per ~4,800 sq ft. L.
 * - A station's inbound doors, 12 for one of mean volume: a 97k sq ft station went from 10 to 14
 *   loading bays (Towamencin, PA, North Penn Now 2019); a Kenosha station uses 12 of its
 *   building's 142 docks (Kenosha News 2020). M.
 */
import { DELIVERY_STATION, FULFILLMENT_CENTER, SORTATION_CENTER } from './kinds';
import type { NetworkModel } from './network';
import type { NetworkMove } from './rebuild';

/** How long a trailer holds a door while it is loaded or unloaded, s. */
export const DOOR_TURN_S = 3600;

/** Dock doors of a facility of mean size (or volume), by kind; see the header for sources. */
export const MEAN_DOCK_DOORS: Readonly<Record<number, number>> = {
  [FULFILLMENT_CENTER]: 40,
  [SORTATION_CENTER]: 80,
  [DELIVERY_STATION]: 12,
};

/**
 * A facility's dock doors: the number a network edit set, else the mean facility's of its kind
 * scaled to its planned size (at least 2: a building has a door for each direction); 0 for a
 * carrier hub (its hand-off trucks are the last mile's, not line-haul trailers).
 */
export function getFacilityDockDoors(model: NetworkModel, id: number): number {
  const edited = model.facilityDocks[id];
  if (!Number.isNaN(edited)) return edited;
  const kind = model.network.facilities[id].kind;
  const mean = MEAN_DOCK_DOORS[kind];
  if (mean === undefined) return 0;
  const size =
    kind === FULFILLMENT_CENTER
      ? model.fulfillmentCenterSize[id]
      : kind === SORTATION_CENTER
        ? model.sortCenterSize[id]
        : model.stationVolumeFactor[id];
  return Math.max(2, Math.round(mean * size));
}

/**
 * Every facility's doors and when each is free again. Doors live in one column, facility by
 * facility (`firstDoor[id]` to `firstDoor[id + 1]`); `peakBusy` keeps, per facility, the most
 * doors a trailer found busy when it asked for one (the measure of how close they come to binding).
 */
export class DockDoors {
  constructor(
    /** Per facility id, and one past the last: its first door's index in `freeAtS`. */
    readonly firstDoor: Int32Array,
    /** Per door: the sim time it is free from, s. */
    readonly freeAtS: Float64Array,
    /** Per facility id: the most doors busy when one of its trailers asked for a door. */
    readonly peakBusy: Uint16Array,
  ) {}

  static create(model: NetworkModel): DockDoors {
    const n = model.network.facilities.length;
    const firstDoor = new Int32Array(n + 1);
    for (let id = 0; id < n; id++) firstDoor[id + 1] = firstDoor[id] + getFacilityDockDoors(model, id);
    // Free since ever: a trailer leaving in the first hour was loaded before the run began.
    const freeAtS = new Float64Array(firstDoor[n]).fill(Number.NEGATIVE_INFINITY);
    return new DockDoors(firstDoor, freeAtS, new Uint16Array(n));
  }

  /** Doors of facility `id`. */
  getDoorCount(id: number): number {
    return this.firstDoor[id + 1] - this.firstDoor[id];
  }

  /**
   * Takes the facility's earliest-free door for a trailer that could start at `readyS`: returns
   * when its turn at the door starts (readyS, or later when every door is busy then) and holds
   * the door for DOOR_TURN_S from it. A facility without doors (a carrier hub) starts at once.
   */
  take(id: number, readyS: number): number {
    const from = this.firstDoor[id];
    const to = this.firstDoor[id + 1];
    if (from === to) return readyS;
    const freeAtS = this.freeAtS;
    let door = from;
    let busy = 0;
    for (let d = from; d < to; d++) {
      if (freeAtS[d] > readyS) busy++;
      if (freeAtS[d] < freeAtS[door]) door = d;
    }
    if (busy > this.peakBusy[id]) this.peakBusy[id] = busy;
    const startS = Math.max(readyS, freeAtS[door]);
    freeAtS[door] = startS + DOOR_TURN_S;
    return startS;
  }

  copy(): DockDoors {
    return new DockDoors(this.firstDoor.slice(), this.freeAtS.slice(), this.peakBusy.slice());
  }

  /**
   * The doors of a rebuilt network: an edit keeps facility ids, so each facility keeps its
   * busiest doors (as many as it now has; a door an edit adds is free); a rebuild that renumbers
   * facilities starts with free doors.
   */
  moveToNetwork(move: NetworkMove): DockDoors {
    const doors = DockDoors.create(move.newModel);
    if (move.historyMap === move.map) return doors;
    const oldCount = this.peakBusy.length;
    for (let id = 0; id < oldCount; id++) {
      const kept = Math.min(this.getDoorCount(id), doors.getDoorCount(id));
      if (kept === 0) continue;
      const busiest = this.freeAtS
        .slice(this.firstDoor[id], this.firstDoor[id + 1])
        .sort()
        .reverse()
        .subarray(0, kept);
      doors.freeAtS.set(busiest, doors.firstDoor[id]);
      doors.peakBusy[id] = this.peakBusy[id];
    }
    return doors;
  }
}
