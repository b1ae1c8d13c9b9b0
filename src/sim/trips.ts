/**
 * Vehicle trips for the map, and the routes line-haul trucks drive.
 * A trip is recorded once, at departure, with every vertex's time offset, so the page animates
 * it on the GPU and the model never touches it again.
 */
import { greatCircleKm, KM_PER_MILE } from './geo';
import { positiveRemainder } from './portableMath';
import { getLink, ROAD_CLASS_SPEED, ROAD_METRO_STREETS, ROAD_US_HIGHWAY } from './highway';
import type { NetworkModel } from './network';
import { growOwnedTypedArray, releaseTypedArray, type TypedColumn } from './typedArrays';
import type { LineHaulDrivers } from './params';

/** New vehicle trips since the last drain; binary columns deck.gl accepts as-is. */
export interface TripBatch {
  length: number;
  /** Index into VEHICLE_KINDS. */
  vehicleKind: Uint8Array;
  vehicleId: Uint32Array;
  parcelsAboard: Uint16Array;
  stopCount: Uint16Array;
  originFacility: Int32Array;
  /** -1 when the trip ends at doors. */
  destinationFacility: Int32Array;
  /** Absolute sim seconds. */
  departS: Float64Array;
  /** Trip i's vertices are [pathStartIndices[i], pathStartIndices[i + 1]); length + 1 entries. */
  pathStartIndices: Uint32Array;
  /** lon, lat; stride 2. */
  positions: Float32Array;
  /** Seconds since the trip's departS, per vertex. */
  vertexOffsetsS: Float32Array;
  /**
   * Door stops of last-mile trips (line-haul trucks have none): trip i's stops are
   * [stopStartIndices[i], stopStartIndices[i + 1]); length + 1 entries. Optional so batches
   * built by hand (tests, the page's fixtures) need not list stops.
   */
  stopStartIndices?: Uint32Array;
  /** Per stop: the vertex (index into the trip's own path) where the vehicle reaches the door. */
  stopVertexIndices?: Uint32Array;
  /** Per stop: the id of the parcel dropped there (Float64: ids exceed 2^32). */
  stopParcelIds?: Float64Array;
  /** Per stop: the parcel's promise deadline, absolute sim seconds (late if reached after it). */
  stopDueS?: Float64Array;
  /**
   * Per trip: the delivery station whose street grid the trip drives, when its path is drawn stop
   * to stop (vertices at its origin, at each door as it arrives and leaves, and at its end; the
   * streets between left out, TripBuffer.streetDetailBounds); -1 when the path is drawn in full.
   * streetPaths.ts draws the streets back in. Optional: batches built by hand are drawn in full.
   */
  streetGridStation?: Int32Array;
}

/** A box in degrees: west and east longitudes, south and north latitudes. */
export interface LonLatBounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Whether a path whose box is (west, south, east, north), degrees, meets `bounds`. */
export function boxMeetsBounds(
  bounds: LonLatBounds,
  west: number,
  south: number,
  east: number,
  north: number,
): boolean {
  return west <= bounds.east && east >= bounds.west && south <= bounds.north && north >= bounds.south;
}

/** Street detail for every trip: the model's default (Node, tests, the CLI). */
export const EVERYWHERE: LonLatBounds = {
  west: Number.NEGATIVE_INFINITY,
  south: Number.NEGATIVE_INFINITY,
  east: Number.POSITIVE_INFINITY,
  north: Number.POSITIVE_INFINITY,
};

/** Bytes of a batch's typed arrays: what crosses to the page in the transfer list. */
export function getTripBatchBytes(batch: TripBatch): number {
  let bytes = 0;
  for (const value of Object.values(batch)) if (ArrayBuffer.isView(value)) bytes += value.byteLength;
  return bytes;
}

/** The per-trip columns of a TripBatch besides its path and stops. */
type TripColumn =
  | 'vehicleKind'
  | 'vehicleId'
  | 'parcelsAboard'
  | 'stopCount'
  | 'originFacility'
  | 'destinationFacility'
  | 'departS';

/** One trip as a stage hands it to the buffer: a number for each of its columns. */
export type TripRecord = Record<TripColumn, number>;

/** A TripBuffer's smallest room: trips, vertices and door stops. */
const MIN_TRIPS = 64;
const MIN_VERTICES = 512;
const MIN_STOPS = 256;

/** Vertices below which a drain copies its trips out whatever its room (drain). */
const HAND_OVER_MIN_VERTICES = 1 << 16;

/**
 * Sim seconds of drains in a row that use less than a quarter of the room before it is given
 * back, when the room is at most KEEP_ROOM_MAX_BYTES. The worker drains every tick (and mid-step
 * past its limits, setFlush), and at full scale the ticks of a wave hour fill the room while those
 * around them use a tenth of it: giving it back at the first quiet tick grew it again by doubling
 * at the next wave, each growth a fresh allocation and copy (~7% of the worker's time over a
 * minute of full-scale play at 600x before either change). Two sim hours, not a count of drains:
 * a count (48, two sim hours of ticks at 600x) kept a busy hour's room for two days of hourly
 * drains (the soak's, a replay's), and memory from day 2 to day 30 grew 10% with it.
 */
export const KEEP_ROOM_S = 2 * 3600;
/** Room above this is given back at the first drain that used under a quarter of it (a replay's hour). */
export const KEEP_ROOM_MAX_BYTES = 128 * 1024 * 1024;

/** How long a TripBuffer keeps room its drains leave unused (tests set it small). */
export interface RoomKeeping {
  /** Sim seconds of drains in a row, each using under a quarter of the room, before it is given back. */
  seconds: number;
  /** Room above this many bytes is given back at the first such drain. */
  maxBytes: number;
}

/**
 * Growable trip columns (doubling); drained into a TripBatch of exactly its trips: copies, or the
 * columns themselves (views, their room with them) when at least half full. Drains that used
 * less than a quarter of the room give the room back (down to twice what the last one used): at
 * once when it is large (a replay drains a sim hour at a time: at full scale a morning hour's
 * vans, ~17 million street vertices, 400 MB of room), else once they have gone on for KEEP_ROOM_S.
 */
export class TripBuffer {
  /**
   * Last-mile trips whose path meets these bounds keep their street-level vertices; the others
   * are drawn stop to stop (about 70% fewer vertices), and null draws every one stop to stop. The
   * worker sets it from the page's view: streets matter only where a person sees them. It changes
   * what a trip looks like, never a time the model computes (the full path is timed before it is
   * thinned), and is not run state: a restored buffer draws everywhere until told otherwise.
   */
  streetDetailBounds: LonLatBounds | null = EVERYWHERE;
  length = 0;
  vertexCount = 0;
  stopTotal = 0;
  private tripCapacity = MIN_TRIPS;
  private vertexCapacity = MIN_VERTICES;
  /** Sim time of the first of the drains in a row that used under a quarter of the room, or NaN. */
  private roomySinceS = Number.NaN;
  /** setFlush's: called before a trip is appended once the buffer holds more than its limits. */
  private flush: (() => void) | null = null;
  private flushAtVertices = Number.POSITIVE_INFINITY;
  private flushAtStops = Number.POSITIVE_INFINITY;
  vehicleKind = new Uint8Array(0);
  vehicleId = new Uint32Array(0);
  parcelsAboard = new Uint16Array(0);
  stopCount = new Uint16Array(0);
  originFacility = new Int32Array(0);
  destinationFacility = new Int32Array(0);
  departS = new Float64Array(0);
  streetGridStation = new Int32Array(0);
  pathStartIndices = new Uint32Array(0);
  positions = new Float32Array(0);
  vertexOffsetsS = new Float32Array(0);
  stopStartIndices = new Uint32Array(0);
  stopVertexIndices = new Uint32Array(0);
  stopParcelIds = new Float64Array(0);
  stopDueS = new Float64Array(0);

  constructor(
    private readonly keepRoom: RoomKeeping = { seconds: KEEP_ROOM_S, maxBytes: KEEP_ROOM_MAX_BYTES },
  ) {
    this.allocateEmpty(MIN_TRIPS, MIN_VERTICES, MIN_STOPS);
  }

  /**
   * New empty columns with room for the given trips, vertices and stops. The columns replaced are
   * the buffer's alone (a drain copies them out): freed at once, not at the next garbage
   * collection (a full-scale replay's last hour leaves ~270 MB of room).
   */
  private allocateEmpty(trips: number, vertices: number, stops: number): void {
    for (const column of this.listColumns()) releaseTypedArray(column);
    this.allocateColumns(trips, vertices, stops);
  }

  /** New empty columns, leaving the ones they replace to whoever holds them. */
  private allocateColumns(trips: number, vertices: number, stops: number): void {
    this.tripCapacity = trips;
    this.vertexCapacity = vertices;
    this.vehicleKind = new Uint8Array(trips);
    this.vehicleId = new Uint32Array(trips);
    this.parcelsAboard = new Uint16Array(trips);
    this.stopCount = new Uint16Array(trips);
    this.originFacility = new Int32Array(trips);
    this.destinationFacility = new Int32Array(trips);
    this.departS = new Float64Array(trips);
    this.streetGridStation = new Int32Array(trips);
    this.pathStartIndices = new Uint32Array(trips + 1);
    this.positions = new Float32Array(vertices * 2);
    this.vertexOffsetsS = new Float32Array(vertices);
    this.stopStartIndices = new Uint32Array(trips + 1);
    this.stopVertexIndices = new Uint32Array(stops);
    this.stopParcelIds = new Float64Array(stops);
    this.stopDueS = new Float64Array(stops);
  }

  /** The buffer's columns. */
  private listColumns() {
    return [
      this.vehicleKind,
      this.vehicleId,
      this.parcelsAboard,
      this.stopCount,
      this.originFacility,
      this.destinationFacility,
      this.departS,
      this.streetGridStation,
      this.pathStartIndices,
      this.positions,
      this.vertexOffsetsS,
      this.stopStartIndices,
      this.stopVertexIndices,
      this.stopParcelIds,
      this.stopDueS,
    ];
  }

  /** Bytes of the buffer's columns, room included. */
  getHeldBytes(): number {
    return (
      this.tripCapacity * 29 +
      (this.tripCapacity + 1) * 8 +
      this.vertexCapacity * 12 +
      this.stopParcelIds.length * 20
    );
  }

  /**
   * Calls `flush` before a trip is appended while the buffer holds more than `maxVertices`
   * vertices (with the trip's) or `maxStops` door stops, each trip before it whole with its stops:
   * the worker drains the buffer there and sends the trips on, so a step that dispatches millions
   * of vertices needs no room for all of them. Not run state (a restored buffer has none), null in
   * Node: what the model computes never depends on it.
   */
  setFlush(flush: (() => void) | null, maxVertices: number, maxStops: number): void {
    this.flush = flush;
    this.flushAtVertices = maxVertices;
    this.flushAtStops = maxStops;
  }

  /** Appends a trip whose path is positions[0, 2 * vertexCount) with the given offsets. */
  append(trip: TripRecord, positions: Float32Array, offsetsS: Float32Array, vertexCount: number): void {
    if (
      this.flush !== null &&
      (this.vertexCount + vertexCount > this.flushAtVertices || this.stopTotal > this.flushAtStops)
    )
      this.flush();
    if (this.length + 1 >= this.tripCapacity) this.growTrips();
    while (this.vertexCount + vertexCount > this.vertexCapacity) this.growVertices();
    const i = this.length;
    this.vehicleKind[i] = trip.vehicleKind;
    this.vehicleId[i] = trip.vehicleId;
    this.parcelsAboard[i] = Math.min(65535, trip.parcelsAboard);
    this.stopCount[i] = trip.stopCount;
    this.originFacility[i] = trip.originFacility;
    this.destinationFacility[i] = trip.destinationFacility;
    this.departS[i] = trip.departS;
    this.streetGridStation[i] = -1;
    this.positions.set(positions.subarray(0, vertexCount * 2), this.vertexCount * 2);
    this.vertexOffsetsS.set(offsetsS.subarray(0, vertexCount), this.vertexCount);
    this.vertexCount += vertexCount;
    this.length++;
    this.pathStartIndices[this.length] = this.vertexCount;
    this.stopStartIndices[this.length] = this.stopTotal;
  }

  /**
   * Adds door stops to the trip appended last: its arrival vertex, parcel id and the parcel's
   * promise deadline per stop. With `streetGridStation` (a last-mile trip on that station's street
   * grid, whose vertex after each arrival is where it leaves the door), a trip whose path misses
   * streetDetailBounds keeps only its stop-level vertices (keepStopLevelPath); one
   * `drawnStopToStop` has only those already (writeRouteTrip left its streets out).
   */
  appendStops(
    stopVertex: Uint32Array,
    parcelIds: Float64Array,
    dueS: Float64Array,
    stopCount: number,
    streetGridStation = -1,
    drawnStopToStop = false,
  ): void {
    if (this.stopTotal + stopCount > this.stopParcelIds.length) {
      let size = this.stopParcelIds.length;
      while (size < this.stopTotal + stopCount) size *= 2;
      this.stopVertexIndices = growOwnedTypedArray(this.stopVertexIndices, size);
      this.stopParcelIds = growOwnedTypedArray(this.stopParcelIds, size);
      this.stopDueS = growOwnedTypedArray(this.stopDueS, size);
    }
    this.stopVertexIndices.set(stopVertex.subarray(0, stopCount), this.stopTotal);
    if (streetGridStation >= 0 && drawnStopToStop)
      this.streetGridStation[this.length - 1] = streetGridStation;
    else if (streetGridStation >= 0 && !this.pathMeets(this.length - 1, this.streetDetailBounds)) {
      this.keepStopLevelPath(this.length - 1, this.stopTotal, stopCount);
      this.streetGridStation[this.length - 1] = streetGridStation;
    }
    this.stopParcelIds.set(parcelIds.subarray(0, stopCount), this.stopTotal);
    this.stopDueS.set(dueS.subarray(0, stopCount), this.stopTotal);
    this.stopTotal += stopCount;
    this.stopStartIndices[this.length] = this.stopTotal;
  }

  /** Whether trip `trip`'s path (its box) meets `bounds`; never for null bounds. */
  private pathMeets(trip: number, bounds: LonLatBounds | null): boolean {
    if (!bounds) return false;
    if (bounds === EVERYWHERE) return true;
    const { positions } = this;
    let west = Number.POSITIVE_INFINITY;
    let south = Number.POSITIVE_INFINITY;
    let east = Number.NEGATIVE_INFINITY;
    let north = Number.NEGATIVE_INFINITY;
    for (let v = this.pathStartIndices[trip]; v < this.pathStartIndices[trip + 1]; v++) {
      const lon = positions[2 * v];
      const lat = positions[2 * v + 1];
      if (lon < west) west = lon;
      if (lon > east) east = lon;
      if (lat < south) south = lat;
      if (lat > north) north = lat;
    }
    // The path's box: a trip that crosses the view without a vertex in it is in view all the same.
    return boxMeetsBounds(bounds, west, south, east, north);
  }

  /**
   * Thins trip `trip` (the last one) to its stop-level vertices: the first, each stop's arrival
   * and the vertex after it (where it leaves the door, the same place after the dwell), and the
   * last; re-indexes its stops [firstStop, firstStop + stopCount) into the thinned path. Vertex
   * times are kept as they were, so the trip reaches every door at the same time.
   */
  private keepStopLevelPath(trip: number, firstStop: number, stopCount: number): void {
    const first = this.pathStartIndices[trip];
    const last = this.pathStartIndices[trip + 1] - 1 - first;
    const stopVertexIndices = this.stopVertexIndices;
    // Vertices (indices within the trip) are kept in ascending order, each once: `kept` so far,
    // and `next` the first not yet considered. Moving a vertex down never overwrites one unread.
    let kept = 1;
    let next = 1;
    for (let s = firstStop; s < firstStop + stopCount; s++) {
      const arrival = stopVertexIndices[s];
      if (arrival >= next) {
        this.moveVertex(first + arrival, first + kept++);
        next = arrival + 1;
      }
      stopVertexIndices[s] = kept - 1;
      if (arrival + 1 >= next && arrival + 1 <= last) {
        this.moveVertex(first + arrival + 1, first + kept++);
        next = arrival + 2;
      }
    }
    if (last >= next) this.moveVertex(first + last, first + kept++);
    this.vertexCount = first + kept;
    this.pathStartIndices[trip + 1] = this.vertexCount;
  }

  private moveVertex(from: number, to: number): void {
    this.positions[2 * to] = this.positions[2 * from];
    this.positions[2 * to + 1] = this.positions[2 * from + 1];
    this.vertexOffsetsS[to] = this.vertexOffsetsS[from];
  }

  /**
   * The trips, out of the buffer, which is then empty. A buffer at least half full hands its
   * columns over (cut to length, no copy) and takes new ones as large; else they are copied out
   * and the room stays (or is given back, below). `nowS`: the sim time of the drain.
   */
  drain(nowS: number): TripBatch {
    if (this.isWorthHandingOver()) return this.handOver();
    const batch = this.peek();
    const roomy = (capacity: number, used: number, least: number) => capacity > 4 * Math.max(least, used);
    if (
      roomy(this.tripCapacity, this.length, MIN_TRIPS) ||
      roomy(this.vertexCapacity, this.vertexCount, MIN_VERTICES) ||
      roomy(this.stopParcelIds.length, this.stopTotal, MIN_STOPS)
    ) {
      if (Number.isNaN(this.roomySinceS)) this.roomySinceS = nowS;
    } else this.roomySinceS = Number.NaN;
    if (
      !Number.isNaN(this.roomySinceS) &&
      (nowS - this.roomySinceS >= this.keepRoom.seconds || this.getHeldBytes() > this.keepRoom.maxBytes)
    ) {
      this.roomySinceS = Number.NaN;
      this.allocateEmpty(
        Math.max(MIN_TRIPS, 2 * this.length),
        Math.max(MIN_VERTICES, 2 * this.vertexCount),
        Math.max(MIN_STOPS, 2 * this.stopTotal),
      );
    }
    this.length = 0;
    this.vertexCount = 0;
    this.stopTotal = 0;
    return batch;
  }

  /**
   * Whether a drain should hand the columns over rather than copy them: their vertices and stops
   * fill at least half their room, so what goes with the trips (the room past them: to the page
   * with a message, or kept by the caller) is at most as large as they are. At full scale a drain
   * carries millions of vertices, and the copy cost ~2.5% of the worker's time in play and of a
   * sim day in Node.
   */
  private isWorthHandingOver(): boolean {
    const halfFull = (used: number, room: number) => 2 * used >= room;
    return (
      this.vertexCount >= HAND_OVER_MIN_VERTICES &&
      halfFull(this.vertexCount, this.vertexCapacity) &&
      halfFull(this.stopTotal, this.stopParcelIds.length)
    );
  }

  /**
   * The columns themselves, cut to their trips, as the batch; new columns of the same room, or of
   * the least room when it is over keepRoom.maxBytes, as a quiet drain would give it back. Only a
   * drain without mid-step flushes fills that much (a replay's hour: at full scale the 10:00 van
   * wave's, ~250 MB), and that room kept empty beside the batch handed over was most of the
   * worker's peak at the end of a full-scale warm start (2.44 GB of its 2.5). A busy hour after
   * it grows the room again by doubling, as after any quiet drain.
   */
  private handOver(): TripBatch {
    const batch = this.cutToTrips(false);
    // The batch's now: not released.
    if (this.getHeldBytes() > this.keepRoom.maxBytes)
      this.allocateColumns(MIN_TRIPS, MIN_VERTICES, MIN_STOPS);
    else this.allocateColumns(this.tripCapacity, this.vertexCapacity, this.stopParcelIds.length);
    this.roomySinceS = Number.NaN;
    this.length = 0;
    this.vertexCount = 0;
    this.stopTotal = 0;
    return batch;
  }

  /** A structured-cloneable copy of the undrained trips (for snapshots); the buffer keeps them. */
  peek(): TripBatch {
    return this.cutToTrips(true);
  }

  /** The columns cut to the trips held: copies, or views of the buffer's own memory. */
  private cutToTrips(copy: boolean): TripBatch {
    const n = this.length;
    const v = this.vertexCount;
    const stops = this.stopTotal;
    const cut = <T extends TypedColumn>(column: T, end: number): T =>
      (copy ? column.slice(0, end) : column.subarray(0, end)) as T;
    return {
      length: n,
      vehicleKind: cut(this.vehicleKind, n),
      vehicleId: cut(this.vehicleId, n),
      parcelsAboard: cut(this.parcelsAboard, n),
      stopCount: cut(this.stopCount, n),
      originFacility: cut(this.originFacility, n),
      destinationFacility: cut(this.destinationFacility, n),
      departS: cut(this.departS, n),
      streetGridStation: cut(this.streetGridStation, n),
      pathStartIndices: cut(this.pathStartIndices, n + 1),
      positions: cut(this.positions, v * 2),
      vertexOffsetsS: cut(this.vertexOffsetsS, v),
      stopStartIndices: cut(this.stopStartIndices, n + 1),
      stopVertexIndices: cut(this.stopVertexIndices, stops),
      stopParcelIds: cut(this.stopParcelIds, stops),
      stopDueS: cut(this.stopDueS, stops),
    };
  }

  /** Bytes of the typed arrays peek() would copy, without copying. */
  getPeekBytes(): number {
    const n = this.length;
    // Per trip: kind 1, id 4, parcels 2, stops 2, origin 4, destination 4, departure 8, street
    // grid 4; two start-index columns of n + 1; per vertex lon, lat and offset 4 each; per stop
    // 4 + 8 + 8.
    return n * 29 + (n + 1) * 8 + this.vertexCount * 12 + this.stopTotal * 20;
  }

  restore(batch: TripBatch): void {
    for (let i = 0; i < batch.length; i++) {
      const start = batch.pathStartIndices[i];
      const end = batch.pathStartIndices[i + 1];
      this.append(
        {
          vehicleKind: batch.vehicleKind[i],
          vehicleId: batch.vehicleId[i],
          parcelsAboard: batch.parcelsAboard[i],
          stopCount: batch.stopCount[i],
          originFacility: batch.originFacility[i],
          destinationFacility: batch.destinationFacility[i],
          departS: batch.departS[i],
        },
        batch.positions.subarray(start * 2, end * 2),
        batch.vertexOffsetsS.subarray(start, end),
        end - start,
      );
      const firstStop = batch.stopStartIndices?.[i] ?? 0;
      const stops = (batch.stopStartIndices?.[i + 1] ?? 0) - firstStop;
      if (stops > 0 && batch.stopVertexIndices && batch.stopParcelIds) {
        this.appendStops(
          batch.stopVertexIndices.subarray(firstStop),
          batch.stopParcelIds.subarray(firstStop),
          batch.stopDueS?.subarray(firstStop) ?? new Float64Array(stops).fill(Number.POSITIVE_INFINITY),
          stops,
        );
      }
      this.streetGridStation[this.length - 1] = batch.streetGridStation?.[i] ?? -1;
    }
  }

  /** Doubles the trip columns' room; each column's bytes move into its larger one (growOwnedTypedArray). */
  private growTrips(): void {
    const capacity = this.tripCapacity * 2;
    this.vehicleKind = growOwnedTypedArray(this.vehicleKind, capacity);
    this.vehicleId = growOwnedTypedArray(this.vehicleId, capacity);
    this.parcelsAboard = growOwnedTypedArray(this.parcelsAboard, capacity);
    this.stopCount = growOwnedTypedArray(this.stopCount, capacity);
    this.originFacility = growOwnedTypedArray(this.originFacility, capacity);
    this.destinationFacility = growOwnedTypedArray(this.destinationFacility, capacity);
    this.departS = growOwnedTypedArray(this.departS, capacity);
    this.streetGridStation = growOwnedTypedArray(this.streetGridStation, capacity);
    this.pathStartIndices = growOwnedTypedArray(this.pathStartIndices, capacity + 1);
    this.stopStartIndices = growOwnedTypedArray(this.stopStartIndices, capacity + 1);
    this.tripCapacity = capacity;
  }

  private growVertices(): void {
    this.vertexCapacity *= 2;
    this.positions = growOwnedTypedArray(this.positions, this.vertexCapacity * 2);
    this.vertexOffsetsS = growOwnedTypedArray(this.vertexOffsetsS, this.vertexCapacity);
  }
}

/** A facility-to-facility route along the highway graph. Segment i joins vertex i and i + 1. */
export interface Route {
  vertexCount: number;
  /** lon, lat; stride 2. */
  positions: Float32Array;
  /** Great-circle km per segment (road km = this x getRoadKmPerPathKm). */
  segmentKm: Float64Array;
  /** Road class per segment (index into ROAD_CLASS_SPEED). */
  segmentClass: Uint8Array;
  /** Region and local-time offset at each segment's start (for weather and traffic). */
  segmentRegion: Uint8Array;
  segmentOffsetH: Int8Array;
  /** Sum of segmentKm. */
  totalKm: number;
  /** Great-circle km between the two facilities. */
  directKm: number;
}

/**
 * Road km per km of a route's path. A road between two places runs `roadDistanceFactor` times
 * the great-circle distance between them (its circuity); a path through the highway graph's metros
 * already bends on its way from one to the next, and counting that bend and the circuity both
 * made a 280-mile drive (Chicago to Detroit through South Bend and Fort Wayne) 366 road miles.
 * So the road is the longer of the direct distance x roadDistanceFactor and the path itself.
 */
export function getRoadKmPerPathKm(route: Route, roadDistanceFactor: number): number {
  if (route.totalKm <= 0) return roadDistanceFactor;
  return Math.max(1, (roadDistanceFactor * route.directKm) / route.totalKm);
}

/** Routes between facilities, computed on first use and cached (the network is fixed). */
export class RoutePlanner {
  private readonly cache = new Map<number, Route>();

  constructor(private readonly model: NetworkModel) {}

  getRoute(fromFacility: number, toFacility: number): Route {
    const key = fromFacility * 65536 + toFacility;
    let route = this.cache.get(key);
    if (!route) {
      route = this.buildRoute(fromFacility, toFacility);
      this.cache.set(key, route);
    }
    return route;
  }

  private buildRoute(fromFacility: number, toFacility: number): Route {
    const { model } = this;
    const graph = model.highway;
    const facilities = model.network.facilities;
    const fromMetro = model.facilityMetro[fromFacility];
    const toMetro = model.facilityMetro[toFacility];
    const lons: number[] = [facilities[fromFacility].lon];
    const lats: number[] = [facilities[fromFacility].lat];
    const classes: number[] = [];
    const regions: number[] = [model.facilityRegion[fromFacility]];
    const offsets: number[] = [model.facilityOffsetH[fromFacility]];
    if (fromMetro !== toMetro) {
      // Connector to the metro centre, then metro to metro along next hops.
      let node = fromMetro;
      lons.push(graph.nodeLon[node]);
      lats.push(graph.nodeLat[node]);
      classes.push(ROAD_METRO_STREETS);
      while (node !== toMetro) {
        const hop = graph.nextHop[node * graph.nodeCount + toMetro];
        const link = getLink(graph, node, hop);
        const linkClass = link >= 0 ? graph.edgeClass[link] : ROAD_US_HIGHWAY;
        // A link that bends round water: its bend is a vertex of the route too.
        if (link >= 0 && !Number.isNaN(graph.edgeViaLon[link])) {
          regions.push(model.metros[node].region);
          offsets.push(model.metros[node].offsetH);
          classes.push(linkClass);
          lons.push(graph.edgeViaLon[link]);
          lats.push(graph.edgeViaLat[link]);
        }
        regions.push(model.metros[node].region);
        offsets.push(model.metros[node].offsetH);
        classes.push(linkClass);
        node = hop;
        lons.push(graph.nodeLon[node]);
        lats.push(graph.nodeLat[node]);
      }
      regions.push(model.metros[node].region);
      offsets.push(model.metros[node].offsetH);
    }
    lons.push(facilities[toFacility].lon);
    lats.push(facilities[toFacility].lat);
    classes.push(ROAD_METRO_STREETS);
    const vertexCount = lons.length;
    const positions = new Float32Array(vertexCount * 2);
    const segmentKm = new Float64Array(vertexCount - 1);
    let totalKm = 0;
    for (let i = 0; i < vertexCount; i++) {
      positions[i * 2] = lons[i];
      positions[i * 2 + 1] = lats[i];
      if (i > 0) {
        segmentKm[i - 1] = greatCircleKm(lons[i - 1], lats[i - 1], lons[i], lats[i]);
        totalKm += segmentKm[i - 1];
      }
    }
    return {
      vertexCount,
      positions,
      segmentKm,
      segmentClass: Uint8Array.from(classes),
      segmentRegion: Uint8Array.from(regions),
      segmentOffsetH: Int8Array.from(offsets),
      totalKm,
      directKm: greatCircleKm(
        facilities[fromFacility].lon,
        facilities[fromFacility].lat,
        facilities[toFacility].lon,
        facilities[toFacility].lat,
      ),
    };
  }
}

export interface DrivingConditions {
  truckSpeedMph: number;
  roadDistanceFactor: number;
  rushHourSpeedFactor: number;
  /** Speed multiplier per region (1 fair, stormSpeedFactor in a storm). */
  regionSpeedFactor: Float32Array;
  /** Solo drivers stop as hours of service require; team drivers take turns and keep going. */
  soloDriver: boolean;
}

/** FMCSA hours of service (CALIBRATION.md, Cost and line-haul, H). */
const BREAK_AFTER_DRIVING_S = 8 * 3600;
const BREAK_S = 30 * 60;
const MAX_DRIVING_S = 11 * 3600;
const OFF_DUTY_S = 10 * 3600;

/**
 * A team's second driver, USD per mile on top of the truck's operating cost: driver wages
 * $0.78 + benefits $0.20 a mile (ATRI operational costs 2024, H).
 */
export const TEAM_DRIVER_COST_PER_MILE_USD = 0.98;

/** Driving time of a route at its road classes' speeds, s (no traffic, weather or stops). */
export function getFreeFlowDriveS(route: Route, truckSpeedMph: number, roadDistanceFactor: number): number {
  const baseKmh = truckSpeedMph * KM_PER_MILE;
  const roadKmPerKm = getRoadKmPerPathKm(route, roadDistanceFactor);
  let driveS = 0;
  for (let i = 0; i < route.vertexCount - 1; i++)
    driveS +=
      ((route.segmentKm[i] * roadKmPerKm) / (baseKmh * ROAD_CLASS_SPEED[route.segmentClass[i]])) * 3600;
  return driveS;
}

/**
 * Whether a solo driver takes this route: always with `solo` drivers, never with `team`; with
 * `mixed`, when it is within one shift's 11 h of driving (a longer lane gets a team, which
 * saves the 10 h rest on the way).
 */
export function isSoloDrive(
  drivers: LineHaulDrivers,
  route: Route,
  truckSpeedMph: number,
  roadDistanceFactor: number,
): boolean {
  if (drivers !== 'mixed') return drivers === 'solo';
  return getFreeFlowDriveS(route, truckSpeedMph, roadDistanceFactor) <= MAX_DRIVING_S;
}

/**
 * Whether a trip writeLineHaulTrip wrote stops for a solo driver's 10 h off duty (a stop is a
 * repeated vertex; no shorter stop lasts that long).
 */
export function hasOffDutyRest(
  positions: Float32Array,
  offsetsS: Float32Array,
  vertexCount: number,
): boolean {
  for (let i = 1; i < vertexCount; i++) {
    const parked = positions[i * 2] === positions[i * 2 - 2] && positions[i * 2 + 1] === positions[i * 2 - 1];
    if (parked && offsetsS[i] - offsetsS[i - 1] >= OFF_DUTY_S) return true;
  }
  return false;
}

/** Rush hours (local): 07:00-09:00 and 16:00-19:00. */
export function isRushHour(localS: number): boolean {
  const hour = Math.floor(positiveRemainder(localS, 86400) / 3600);
  return (hour >= 7 && hour < 9) || (hour >= 16 && hour < 19);
}

/**
 * Writes a line-haul trip's path (lon, lat; stride 2) and each vertex's time offset from
 * departure, and returns the vertex count; the last offset is the arrival. Each segment's speed
 * is set when the truck enters it: road class x traffic at that local hour x the weather of the
 * region it starts in. A solo driver who would pass 8 h of driving takes a 30 min break, and one
 * who would pass 11 h rests 10 h, at the metro before the segment; a stop is a repeated vertex
 * (the map shows the truck parked). The output buffers need room for 3 x route.vertexCount.
 */
export function writeLineHaulTrip(
  outPositions: Float32Array,
  outOffsetsS: Float32Array,
  route: Route,
  departS: number,
  conditions: DrivingConditions,
): number {
  const baseKmh = conditions.truckSpeedMph * KM_PER_MILE;
  const roadKmPerKm = getRoadKmPerPathKm(route, conditions.roadDistanceFactor);
  const positions = route.positions;
  let elapsedS = 0;
  let sinceBreakS = 0;
  let shiftDrivingS = 0;
  let n = 0;
  const writeVertex = (vertex: number) => {
    outPositions[n * 2] = positions[vertex * 2];
    outPositions[n * 2 + 1] = positions[vertex * 2 + 1];
    outOffsetsS[n] = elapsedS;
    n++;
  };
  writeVertex(0);
  for (let i = 0; i < route.vertexCount - 1; i++) {
    const localS = departS + elapsedS + route.segmentOffsetH[i] * 3600;
    const kmh =
      baseKmh *
      ROAD_CLASS_SPEED[route.segmentClass[i]] *
      (isRushHour(localS) ? conditions.rushHourSpeedFactor : 1) *
      conditions.regionSpeedFactor[route.segmentRegion[i]];
    const segmentS = ((route.segmentKm[i] * roadKmPerKm) / kmh) * 3600;
    if (conditions.soloDriver && shiftDrivingS > 0 && shiftDrivingS + segmentS > MAX_DRIVING_S) {
      elapsedS += OFF_DUTY_S;
      shiftDrivingS = 0;
      sinceBreakS = 0;
      writeVertex(i);
    } else if (conditions.soloDriver && sinceBreakS > 0 && sinceBreakS + segmentS > BREAK_AFTER_DRIVING_S) {
      elapsedS += BREAK_S;
      sinceBreakS = 0;
      writeVertex(i);
    }
    elapsedS += segmentS;
    sinceBreakS += segmentS;
    shiftDrivingS += segmentS;
    writeVertex(i + 1);
  }
  return n;
}
