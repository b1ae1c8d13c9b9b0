/**
 * What the page keeps of every trip after it leaves the road, for the layers that sum over time:
 * door stops for the service areas' on-time shading and the lateness hexagons, and line-haul
 * departures (lane, parcels) for the flow arcs.
 *
 * It keeps only what those layers read, so a long run costs kilobytes a sim day, not megabytes:
 * - the doors a station's own vans and Flex cars reach, as counts (doors, on time) per row of
 *   station, departure and arrival hour: the service areas sum whole hours (getSumWindow);
 * - the late doors of every carrier one by one (position, arrival): the hexagons bin them at the
 *   zoom's resolution, and few doors are late;
 * - the line-haul departures of the last TRUCK_KEEP_S: the flows sum the hour before the display
 *   time. A seek drops them all (`dropTrucks`), and the worker sends the trucks of the hour before
 *   its time again (tripSieve.ts), so the ledger holds a day of trucks however long the run.
 * On-time doors of partner carriers feed no layer and are not kept.
 *
 * Fed with every trip batch the worker sends. Vehicle ids rise in dispatch order and a replay
 * (after a seek) sends the same trips again with the same ids, so a door trip whose id is not
 * above the highest seen is already here; a truck is looked up among the trucks kept. A rewind
 * drops the trips of vehicles from its first id on.
 * Columns grow by a quarter (they live all run: doubling would hold up to twice what is used);
 * nothing is allocated per stop.
 */
import { VEHICLE_LINE_HAUL } from '../sim/kinds';
import type { TripBatch } from '../sim/simulation';
import { growTypedArray } from '../sim/typedArrays';

/** Vehicle kinds whose stops a station's own fleet serves (van, Flex): its on-time shading. */
const OWN_FLEET_KINDS = new Set([1, 2]);
/** A facility id that does not fit the 16-bit columns: no lane or station figure is drawn for it. */
export const NO_FACILITY = 0xffff;
/** A door row's counts are 16-bit: a full row is closed and the wave goes on in a new one. */
const MAX_ROW_DOORS = 0xffff;
/**
 * How many of the latest door rows a trip's doors may join: a station's wave (its vans, leaving
 * together) arrives as consecutive trips, so its rows are among the last few.
 */
const ROW_LOOKBACK = 64;

/**
 * Line-haul departures are kept this long before the latest one. The flows read the hour before
 * the display time and scan 6 h further back (departures are in dispatch order within a dock
 * door's wait), and the latest departure is at most the worker's look-ahead (8.3 sim h at
 * 10,000x) and a door's wait past the display. A day of the default scenario is ~15,000 trucks,
 * 0.27 MB (seed 1, days 3-8).
 */
export const TRUCK_KEEP_S = 24 * 3600;

/** Capacity for at least `needed` entries, a quarter larger than `current`. */
function grownCapacity(current: number, needed: number): number {
  return Math.max(needed, Math.ceil(current * 1.25), 256);
}

export class TripLedger {
  /** Bumped when the columns change. */
  version = 0;
  /** Bumped when recorded trips are dropped (a rewind, a new run): sums over past hours change. */
  resets = 0;
  private maxVehicleId = -1;
  /**
   * The earliest door arrival recorded, absolute sim s (Infinity before any): a page opened at a
   * later time holds only the trips its first replay sent, so sums "since the start" begin here.
   */
  earliestArriveS = Number.POSITIVE_INFINITY;

  /**
   * Own-fleet door counts, one row per (station, departure, arrival hour), rows in the order of
   * their first vehicle: 12 bytes a row. A row's trips are one station's wave (same departure),
   * dispatched in one model step, and a rewind cuts between steps: a rewind drops whole rows.
   */
  doorRowCount = 0;
  /** Arrival hour, floor(arrival s / 3600): a run is at most 366 sim days (8,784 hours; the message checks' limit). */
  doorRowHour = new Uint16Array(256);
  /** Serving station's facility id (NO_FACILITY past 16 bits). */
  doorRowStation = new Uint16Array(256);
  doorRowDoors = new Uint16Array(256);
  doorRowOnTimeDoors = new Uint16Array(256);
  /** The lowest vehicle id counted in the row. */
  private doorRowFirstVehicle = new Uint32Array(256);
  /**
   * Departure (absolute sim s) of the latest ROW_LOOKBACK rows, by row % ROW_LOOKBACK: the key a
   * later trip of the wave joins on. Older rows are never joined, so they need none.
   */
  private readonly recentRowDepartS = new Float64Array(ROW_LOOKBACK);

  /** Late doors of every carrier, in vehicle id order: lon, lat (stride 2); arrival, absolute sim s. */
  lateCount = 0;
  latePositions = new Float32Array(512);
  lateArriveS = new Float64Array(256);
  private lateVehicle = new Uint32Array(256);

  /**
   * Line-haul departures of the last TRUCK_KEEP_S, in vehicle id (dispatch) order; facility ids
   * past 16 bits are NO_FACILITY.
   */
  truckCount = 0;
  truckVehicle = new Uint32Array(256);
  truckOrigin = new Uint16Array(256);
  truckDestination = new Uint16Array(256);
  truckDepartS = new Float64Array(256);
  /** Parcels aboard (modelled), as the batch's 16-bit column. */
  truckParcels = new Uint16Array(256);
  /** The latest departure kept, absolute sim s: trucks that left TRUCK_KEEP_S before it go. */
  private newestTruckDepartS = Number.NEGATIVE_INFINITY;
  /** A batch whose door stops `append` left for appendDeferredDoors. */
  private deferredDoors: TripBatch | null = null;

  /**
   * Records the trips of a batch not seen before. With `deferDoors`, the door stops wait for
   * appendDeferredDoors (or the next append, rewind or seek): a page's opening batch holds tens
   * of thousands of doors, ~0.1 s of a cold main thread before its first vehicles are drawn,
   * and none of them is shown at the opening's zoom; its trucks (the flows) are recorded at once.
   */
  append(batch: TripBatch, deferDoors = false): void {
    this.appendDeferredDoors();
    let changed = false;
    for (let trip = 0; trip < batch.length; trip++) {
      if (batch.vehicleKind[trip] === VEHICLE_LINE_HAUL) {
        // Trucks come again after a seek (the page dropped them): each is looked up.
        if (this.addTruck(batch, trip)) changed = true;
      }
    }
    if (deferDoors) this.deferredDoors = batch;
    else if (this.appendDoors(batch)) changed = true;
    if (changed) this.version++;
  }

  /** Records the door stops `append` deferred, if any. */
  appendDeferredDoors(): void {
    const batch = this.deferredDoors;
    if (!batch) return;
    this.deferredDoors = null;
    if (this.appendDoors(batch)) this.version++;
  }

  /** Records the door stops of a batch's trips not seen before; whether there were any. */
  private appendDoors(batch: TripBatch): boolean {
    let changed = false;
    for (let trip = 0; trip < batch.length; trip++) {
      if (batch.vehicleKind[trip] === VEHICLE_LINE_HAUL) continue;
      const vehicleId = batch.vehicleId[trip];
      if (vehicleId <= this.maxVehicleId) continue;
      this.maxVehicleId = vehicleId;
      changed = true;
      this.appendStops(batch, trip);
    }
    return changed;
  }

  /**
   * Writes into `doors` and `onTimeDoors` (indexed by facility id, zeroed first) the own-fleet doors
   * of each station whose arrival hour starts in [fromS, toS): for a window of whole hours, as the
   * page sums, exactly the doors reached in it.
   */
  writeStationDoors(doors: Float32Array, onTimeDoors: Float32Array, fromS: number, toS: number): void {
    doors.fill(0);
    onTimeDoors.fill(0);
    const fromHour = Math.ceil(fromS / 3600);
    const toHour = Math.ceil(toS / 3600);
    for (let row = 0; row < this.doorRowCount; row++) {
      const hour = this.doorRowHour[row];
      const station = this.doorRowStation[row];
      if (hour < fromHour || hour >= toHour || station >= doors.length) continue;
      doors[station] += this.doorRowDoors[row];
      onTimeDoors[station] += this.doorRowOnTimeDoors[row];
    }
  }

  /** Bytes the columns hold (allocated, not only used): what a long run costs the page. */
  getHeldBytes(): number {
    let bytes = 0;
    for (const value of Object.values(this)) if (ArrayBuffer.isView(value)) bytes += value.byteLength;
    return bytes;
  }

  /** Keeps truck `trip` of `batch` in vehicle id order; false if it is here already. */
  private addTruck(batch: TripBatch, trip: number): boolean {
    const vehicleId = batch.vehicleId[trip];
    const departS = batch.departS[trip];
    if (this.truckCount === this.truckVehicle.length) this.makeTruckRoom();
    let at = this.truckCount;
    // Trucks come in id order but after a seek: then found by bisection, or put in their place.
    if (at > 0 && this.truckVehicle[at - 1] >= vehicleId) {
      let low = 0;
      let high = at;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (this.truckVehicle[mid] < vehicleId) low = mid + 1;
        else high = mid;
      }
      if (low < this.truckCount && this.truckVehicle[low] === vehicleId) return false;
      at = low;
      this.moveTrucks(at + 1, at);
    }
    this.truckCount++;
    this.truckVehicle[at] = vehicleId;
    this.truckOrigin[at] = toFacility16(batch.originFacility[trip]);
    this.truckDestination[at] = toFacility16(batch.destinationFacility[trip]);
    this.truckDepartS[at] = departS;
    this.truckParcels[at] = batch.parcelsAboard[trip];
    if (departS > this.newestTruckDepartS) this.newestTruckDepartS = departS;
    return true;
  }

  /**
   * Room for one more truck: the trucks that left TRUCK_KEEP_S before the latest go from the
   * front; the columns grow by a quarter only when that frees less than a quarter of them.
   */
  private makeTruckRoom(): void {
    const cutoffS = this.newestTruckDepartS - TRUCK_KEEP_S;
    let gone = 0;
    while (gone < this.truckCount && this.truckDepartS[gone] < cutoffS) gone++;
    if (gone > 0) {
      this.moveTrucks(0, gone);
      this.truckCount -= gone;
    }
    if (this.truckVehicle.length - this.truckCount >= this.truckVehicle.length / 4) return;
    const capacity = grownCapacity(this.truckVehicle.length, this.truckCount + 1);
    this.truckVehicle = growTypedArray(this.truckVehicle, capacity);
    this.truckOrigin = growTypedArray(this.truckOrigin, capacity);
    this.truckDestination = growTypedArray(this.truckDestination, capacity);
    this.truckDepartS = growTypedArray(this.truckDepartS, capacity);
    this.truckParcels = growTypedArray(this.truckParcels, capacity);
  }

  /** Moves the trucks from `start` to the last to `target` on, in every truck column. */
  private moveTrucks(target: number, start: number): void {
    this.truckVehicle.copyWithin(target, start, this.truckCount);
    this.truckOrigin.copyWithin(target, start, this.truckCount);
    this.truckDestination.copyWithin(target, start, this.truckCount);
    this.truckDepartS.copyWithin(target, start, this.truckCount);
    this.truckParcels.copyWithin(target, start, this.truckCount);
  }

  private appendStops(batch: TripBatch, trip: number): void {
    const firstStop = batch.stopStartIndices?.[trip] ?? 0;
    const stops = (batch.stopStartIndices?.[trip + 1] ?? 0) - firstStop;
    if (stops <= 0 || !batch.stopVertexIndices) return;
    const vehicleId = batch.vehicleId[trip];
    const departS = batch.departS[trip];
    const station = OWN_FLEET_KINDS.has(batch.vehicleKind[trip])
      ? toFacility16(batch.originFacility[trip])
      : -1;
    const firstVertex = batch.pathStartIndices[trip];
    // A route's doors come in driving order, so their hours rise: the previous door's row is
    // tried first.
    let row = -1;
    for (let k = 0; k < stops; k++) {
      const vertex = firstVertex + batch.stopVertexIndices[firstStop + k];
      const arriveS = departS + batch.vertexOffsetsS[vertex];
      if (arriveS < this.earliestArriveS) this.earliestArriveS = arriveS;
      const late = arriveS > (batch.stopDueS?.[firstStop + k] ?? Number.POSITIVE_INFINITY);
      if (late)
        this.appendLate(vehicleId, arriveS, batch.positions[vertex * 2], batch.positions[vertex * 2 + 1]);
      if (station < 0) continue;
      const hour = Math.floor(arriveS / 3600);
      if (row < 0 || this.doorRowHour[row] !== hour || this.doorRowDoors[row] === MAX_ROW_DOORS)
        row = this.findOrAddDoorRow(station, departS, hour, vehicleId);
      this.doorRowDoors[row]++;
      if (!late) this.doorRowOnTimeDoors[row]++;
    }
  }

  /** The row of (station, departure, hour) among the latest, else a new one. */
  private findOrAddDoorRow(station: number, departS: number, hour: number, vehicleId: number): number {
    const oldest = Math.max(0, this.doorRowCount - ROW_LOOKBACK);
    for (let row = this.doorRowCount - 1; row >= oldest; row--) {
      if (
        this.doorRowHour[row] === hour &&
        this.doorRowStation[row] === station &&
        this.recentRowDepartS[row % ROW_LOOKBACK] === departS &&
        this.doorRowDoors[row] < MAX_ROW_DOORS
      )
        return row;
    }
    if (this.doorRowCount === this.doorRowHour.length) {
      const capacity = grownCapacity(this.doorRowCount, this.doorRowCount + 1);
      this.doorRowHour = growTypedArray(this.doorRowHour, capacity);
      this.doorRowStation = growTypedArray(this.doorRowStation, capacity);
      this.doorRowDoors = growTypedArray(this.doorRowDoors, capacity);
      this.doorRowOnTimeDoors = growTypedArray(this.doorRowOnTimeDoors, capacity);
      this.doorRowFirstVehicle = growTypedArray(this.doorRowFirstVehicle, capacity);
    }
    const row = this.doorRowCount++;
    this.doorRowHour[row] = hour;
    this.doorRowStation[row] = station;
    this.recentRowDepartS[row % ROW_LOOKBACK] = departS;
    this.doorRowDoors[row] = 0;
    this.doorRowOnTimeDoors[row] = 0;
    this.doorRowFirstVehicle[row] = vehicleId;
    return row;
  }

  private appendLate(vehicleId: number, arriveS: number, lon: number, lat: number): void {
    if (this.lateCount === this.lateArriveS.length) {
      const capacity = grownCapacity(this.lateCount, this.lateCount + 1);
      this.latePositions = growTypedArray(this.latePositions, capacity * 2);
      this.lateArriveS = growTypedArray(this.lateArriveS, capacity);
      this.lateVehicle = growTypedArray(this.lateVehicle, capacity);
    }
    const k = this.lateCount++;
    this.latePositions[k * 2] = lon;
    this.latePositions[k * 2 + 1] = lat;
    this.lateArriveS[k] = arriveS;
    this.lateVehicle[k] = vehicleId;
  }

  /** Forgets trips of vehicles numbered `firstVehicleId` and up (a rewind changed their future). */
  dropVehiclesFrom(firstVehicleId: number): void {
    // Deferred doors of vehicles before the cut stay; the later ones go with the rest.
    this.appendDeferredDoors();
    // Rows are in the order of their first vehicle, and all of a row's vehicles fall on one side
    // of the cut (see doorRowCount): the dropped rows are the last ones.
    while (this.doorRowCount > 0 && this.doorRowFirstVehicle[this.doorRowCount - 1] >= firstVehicleId)
      this.doorRowCount--;
    // The departures of dropped rows would stand for kept ones: later trips start rows of their own.
    this.recentRowDepartS.fill(Number.NaN);
    while (this.lateCount > 0 && this.lateVehicle[this.lateCount - 1] >= firstVehicleId) this.lateCount--;
    while (this.truckCount > 0 && this.truckVehicle[this.truckCount - 1] >= firstVehicleId) this.truckCount--;
    this.maxVehicleId = Math.min(this.maxVehicleId, firstVehicleId - 1);
    this.version++;
    this.resets++;
  }

  /**
   * Forgets the line-haul departures (a seek: the worker sends those of the hour before its time
   * again, and every later one as it runs on).
   */
  dropTrucks(): void {
    // The doors came before the seek: kept, as every door seen is.
    this.appendDeferredDoors();
    this.truckCount = 0;
    this.newestTruckDepartS = Number.NEGATIVE_INFINITY;
    this.version++;
  }

  /** Forgets everything (a new run or network). */
  clear(): void {
    this.deferredDoors = null;
    this.doorRowCount = 0;
    this.recentRowDepartS.fill(Number.NaN);
    this.lateCount = 0;
    this.earliestArriveS = Number.POSITIVE_INFINITY;
    this.truckCount = 0;
    this.newestTruckDepartS = Number.NEGATIVE_INFINITY;
    this.maxVehicleId = -1;
    this.version++;
    this.resets++;
  }
}

/** A facility id in a 16-bit column; one that does not fit (or none, -1) is NO_FACILITY. */
function toFacility16(facilityId: number): number {
  return facilityId >= 0 && facilityId < NO_FACILITY ? facilityId : NO_FACILITY;
}
