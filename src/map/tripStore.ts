/**
 * The page's copy of the vehicle trips the worker streamed, kept as binary columns deck.gl draws
 * as-is. Trips are grouped into generations (those that arrived within one sim hour, up to
 * MAX_GENERATION_VERTICES) and, inside one, by vehicle kind; a sealed generation never changes
 * (its columns are fitted to its trips as it seals, and uploaded that once more), so only the
 * open generation is re-uploaded as trips arrive. A generation is dropped when its last trip has
 * ended before the display clock. No per-vehicle work happens per frame.
 */
import type { FloatColumn } from './binaryColumns';
import { boxMeetsBounds, type LonLatBounds, type TripBatch } from '../sim/simulation';
import { growTypedArray } from '../sim/typedArrays';

/** Trips arriving within this much sim time share a generation (and an epoch). */
const GENERATION_SPAN_S = 3600;
/**
 * A generation holding this many path vertices takes no more batches: the next opens a new one.
 * The open generation is uploaded again with every batch and its columns double as it fills, then
 * are copied once more as it seals; at full scale an hour of a morning's van waves is ~10 M
 * vertices, and its growth copies and fitting were main-thread tasks of 1-2 s (a minute at 600x:
 * 7.4 s of growTypedArray, 3.6 s of fitColumns), while software WebGL re-uploaded the whole hour
 * with each batch. A cap keeps each of those bounded, at the price of more, smaller layers.
 */
export const MAX_GENERATION_VERTICES = 1 << 21;
/**
 * Trips longer than this (sim s) get generations of their own: only line-haul runs last longer
 * (last-mile trips end within ~14 h of leaving).
 */
export const LONG_TRIP_S = 16 * 3600;
export const VEHICLE_KIND_COUNT = 5;

/** Trips in the binary form deck.gl's path layers take: no per-trip objects. */
export interface BinaryTrips {
  length: number;
  /** The columns these were made from (a pick's index is a trip in them). */
  source: KindTrips;
  startIndices: Uint32Array;
  attributes: {
    getPath: FloatColumn<2>;
    getTimestamps: FloatColumn<1>;
  };
}

/** Growable binary columns for the trips of one vehicle kind in one generation. */
export class KindTrips {
  /** Index into VEHICLE_KINDS. */
  readonly kind: number;
  /** Absolute sim second that time 0 of these columns stands for (the generation's epoch). */
  readonly epochS: number;
  tripCount = 0;
  vertexCount = 0;
  /** Vertex offset of each trip; tripCount + 1 entries are valid. */
  startIndices = new Uint32Array(64);
  /** lon, lat; stride 2. */
  positions = new Float32Array(512);
  /** Seconds since the generation's epoch, per vertex. */
  timestamps = new Float32Array(256);
  vehicleId = new Uint32Array(64);
  /** Facility the trip starts from (the delivery station for last-mile routes), -1 if none. */
  originFacility = new Int32Array(64);
  /** Facility the trip ends at (-1 for a carrier's door run that ends at the last door). */
  destinationFacility = new Int32Array(64);
  parcelsAboard = new Uint16Array(64);
  stopCount = new Uint16Array(64);
  departS = new Float64Array(64);
  endS = new Float64Array(64);
  /**
   * The station whose street grid a trip drawn stop to stop drives (TripBatch.streetGridStation),
   * -1 once its path is street by street.
   */
  streetGridStation = new Int32Array(64);
  /** Door stops of trip i are [stopStart[i], stopStart[i + 1]); tripCount + 1 entries are valid. */
  stopStart = new Uint32Array(65);
  stopCountTotal = 0;
  /** Where each stop is: lon, lat; stride 2. */
  stopPositions = new Float32Array(128);
  /** Per stop, seconds since the generation's epoch: trip departure, arrival at the door, trip end; stride 3. */
  stopTimes = new Float32Array(192);
  /** Per stop: the parcel's promise deadline, seconds since the generation's epoch. */
  stopDueS = new Float32Array(64);
  /** Per stop: when the vehicle leaves the door (it stands there from its arrival), seconds since the epoch. */
  stopLeaveS = new Float32Array(64);
  /** The earliest departure and latest end of its trips, absolute sim s (the layers draw nothing outside them). */
  firstDepartS = Number.POSITIVE_INFINITY;
  lastEndS = Number.NEGATIVE_INFINITY;
  /** Bumped on every change, so deck.gl sees new data identity only when there is new data. */
  version = 0;
  private layerData: BinaryTrips | null = null;
  private layerDataVersion = -1;

  constructor(kind: number, epochS = 0) {
    this.kind = kind;
    this.epochS = epochS;
  }

  /** The binary data object for deck.gl; the same object until the trips change. */
  getLayerData(): BinaryTrips {
    if (!this.layerData || this.layerDataVersion !== this.version) {
      this.layerDataVersion = this.version;
      this.layerData = {
        length: this.tripCount,
        source: this,
        startIndices: this.startIndices,
        attributes: {
          getPath: { value: this.positions, size: 2 },
          getTimestamps: { value: this.timestamps, size: 1 },
        },
      };
    }
    return this.layerData;
  }

  appendTrip(batch: TripBatch, trip: number, epochS: number): void {
    const first = batch.pathStartIndices[trip];
    const last = batch.pathStartIndices[trip + 1];
    const vertices = last - first;
    this.reserve(this.tripCount + 1, this.vertexCount + vertices);
    const departS = batch.departS[trip];
    const offsetS = departS - epochS;
    this.startIndices[this.tripCount] = this.vertexCount;
    this.positions.set(batch.positions.subarray(first * 2, last * 2), this.vertexCount * 2);
    for (let vertex = 0; vertex < vertices; vertex++) {
      this.timestamps[this.vertexCount + vertex] = offsetS + batch.vertexOffsetsS[first + vertex];
    }
    this.vehicleId[this.tripCount] = batch.vehicleId[trip];
    this.originFacility[this.tripCount] = batch.originFacility[trip];
    this.destinationFacility[this.tripCount] = batch.destinationFacility[trip];
    this.parcelsAboard[this.tripCount] = batch.parcelsAboard[trip];
    this.stopCount[this.tripCount] = batch.stopCount[trip];
    this.departS[this.tripCount] = departS;
    this.endS[this.tripCount] = departS + (vertices > 0 ? batch.vertexOffsetsS[last - 1] : 0);
    if (departS < this.firstDepartS) this.firstDepartS = departS;
    if (this.endS[this.tripCount] > this.lastEndS) this.lastEndS = this.endS[this.tripCount];
    this.streetGridStation[this.tripCount] = batch.streetGridStation?.[trip] ?? -1;
    this.appendStops(batch, trip, offsetS, this.endS[this.tripCount] - epochS);
    this.tripCount++;
    this.vertexCount += vertices;
    this.startIndices[this.tripCount] = this.vertexCount;
    this.stopStart[this.tripCount] = this.stopCountTotal;
    this.version++;
  }

  /** Copies the door stops of batch trip `trip` (its departure and end `departOffsetS`, `endOffsetS` after the epoch). */
  private appendStops(batch: TripBatch, trip: number, departOffsetS: number, endOffsetS: number): void {
    const firstStop = batch.stopStartIndices?.[trip] ?? 0;
    const stops = (batch.stopStartIndices?.[trip + 1] ?? 0) - firstStop;
    this.stopStart[this.tripCount] = this.stopCountTotal;
    if (stops <= 0 || !batch.stopVertexIndices) return;
    this.reserve(this.tripCount + 1, this.vertexCount, this.stopCountTotal + stops);
    const firstVertex = batch.pathStartIndices[trip];
    for (let k = 0; k < stops; k++) {
      const vertex = firstVertex + batch.stopVertexIndices[firstStop + k];
      const stop = this.stopCountTotal + k;
      this.stopPositions[stop * 2] = batch.positions[vertex * 2];
      this.stopPositions[stop * 2 + 1] = batch.positions[vertex * 2 + 1];
      this.stopTimes[stop * 3] = departOffsetS;
      this.stopTimes[stop * 3 + 1] = departOffsetS + batch.vertexOffsetsS[vertex];
      this.stopTimes[stop * 3 + 2] = endOffsetS;
      const dueS = batch.stopDueS?.[firstStop + k] ?? Number.POSITIVE_INFINITY;
      this.stopDueS[stop] = dueS - (batch.departS[trip] - departOffsetS);
      // The vertex after the arrival is the same place, reached when the dwell is over.
      const leaveVertex = vertex + 1 < batch.pathStartIndices[trip + 1] ? vertex + 1 : vertex;
      this.stopLeaveS[stop] = departOffsetS + batch.vertexOffsetsS[leaveVertex];
    }
    this.stopCountTotal += stops;
  }

  /**
   * Copies every column to the length its trips use: a sealed generation gets no more trips, and
   * growth by doubling leaves up to half of each column unused (in Node, 30 sim days of the
   * default scenario at 3,600x: 102 MB allocated at midnight for ~72 MB of trips). A new version,
   * so the layers upload the columns once more.
   */
  fitColumns(): void {
    const trips = this.tripCount;
    const stops = this.stopCountTotal;
    this.startIndices = this.startIndices.slice(0, trips + 1);
    this.stopStart = this.stopStart.slice(0, trips + 1);
    this.vehicleId = this.vehicleId.slice(0, trips);
    this.originFacility = this.originFacility.slice(0, trips);
    this.destinationFacility = this.destinationFacility.slice(0, trips);
    this.parcelsAboard = this.parcelsAboard.slice(0, trips);
    this.stopCount = this.stopCount.slice(0, trips);
    this.departS = this.departS.slice(0, trips);
    this.endS = this.endS.slice(0, trips);
    this.streetGridStation = this.streetGridStation.slice(0, trips);
    this.positions = this.positions.slice(0, this.vertexCount * 2);
    this.timestamps = this.timestamps.slice(0, this.vertexCount);
    this.stopPositions = this.stopPositions.slice(0, stops * 2);
    this.stopTimes = this.stopTimes.slice(0, stops * 3);
    this.stopDueS = this.stopDueS.slice(0, stops);
    this.stopLeaveS = this.stopLeaveS.slice(0, stops);
    this.version++;
  }

  /** The trip door stop `stop` belongs to (a binary search over stopStart). */
  getTripOfStop(stop: number): number {
    let low = 0;
    let high = this.tripCount - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.stopStart[middle] <= stop) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** Drops trips from the first one of vehicle `firstVehicleId` or later (ids rise in dispatch order). */
  truncateFromVehicle(firstVehicleId: number): boolean {
    let trip = this.tripCount;
    while (trip > 0 && this.vehicleId[trip - 1] >= firstVehicleId) trip--;
    if (trip === this.tripCount) return false;
    this.tripCount = trip;
    this.vertexCount = this.startIndices[trip];
    this.stopCountTotal = this.stopStart[trip];
    this.version++;
    return true;
  }

  /** Whether trip `trip`'s path box meets `bounds`. */
  pathMeets(trip: number, bounds: LonLatBounds): boolean {
    let west = Number.POSITIVE_INFINITY;
    let south = Number.POSITIVE_INFINITY;
    let east = Number.NEGATIVE_INFINITY;
    let north = Number.NEGATIVE_INFINITY;
    for (let v = this.startIndices[trip]; v < this.startIndices[trip + 1]; v++) {
      const lon = this.positions[2 * v];
      const lat = this.positions[2 * v + 1];
      if (lon < west) west = lon;
      if (lon > east) east = lon;
      if (lat < south) south = lat;
      if (lat > north) north = lat;
    }
    return boxMeetsBounds(bounds, west, south, east, north);
  }

  /**
   * Swaps the paths of trips `trips` (ascending) for those of `batch`'s trips `from` (the same
   * vehicles, street by street): every column after the first swapped vertex moves, so it is one
   * pass for all of them, and a new version (the layers upload the paths once more). A trip's
   * stops, times and figures stay: only the way between its doors changes.
   */
  replacePaths(trips: readonly number[], batch: TripBatch, from: readonly number[]): void {
    if (trips.length === 0) return;
    let added = 0;
    trips.forEach((trip, k) => {
      added +=
        batch.pathStartIndices[from[k] + 1] -
        batch.pathStartIndices[from[k]] -
        (this.startIndices[trip + 1] - this.startIndices[trip]);
    });
    const vertexCount = this.vertexCount + added;
    // An open generation keeps its spare room; a sealed one's columns stay fitted.
    const capacity = Math.max(vertexCount, this.timestamps.length + added);
    const positions = new Float32Array(capacity * 2);
    const timestamps = new Float32Array(capacity);
    const startIndices = this.startIndices.slice();
    let k = 0;
    let vertex = 0;
    for (let trip = 0; trip < this.tripCount; trip++) {
      startIndices[trip] = vertex;
      if (k < trips.length && trips[k] === trip) {
        const b = from[k++];
        const first = batch.pathStartIndices[b];
        const end = batch.pathStartIndices[b + 1];
        positions.set(batch.positions.subarray(first * 2, end * 2), vertex * 2);
        const offsetS = this.departS[trip] - this.epochS;
        for (let v = first; v < end; v++) timestamps[vertex + v - first] = offsetS + batch.vertexOffsetsS[v];
        vertex += end - first;
        this.streetGridStation[trip] = -1;
      } else {
        const first = this.startIndices[trip];
        const end = this.startIndices[trip + 1];
        positions.set(this.positions.subarray(first * 2, end * 2), vertex * 2);
        timestamps.set(this.timestamps.subarray(first, end), vertex);
        vertex += end - first;
      }
    }
    startIndices[this.tripCount] = vertex;
    this.startIndices = startIndices;
    this.positions = positions;
    this.timestamps = timestamps;
    this.vertexCount = vertex;
    this.version++;
  }

  /**
   * Makes room for `trips` trips, `vertices` vertices and `stops` door stops in all: each column
   * too short grows once, to at least twice its length (so trips added one by one cost amortised
   * copies), and TripStore.append asks once per batch for all its trips.
   */
  reserve(trips: number, vertices: number, stops = 0): void {
    if (trips + 1 > this.startIndices.length) {
      const capacity = Math.max(trips + 1, this.startIndices.length * 2);
      this.startIndices = growTypedArray(this.startIndices, capacity);
      this.stopStart = growTypedArray(this.stopStart, capacity);
      this.vehicleId = growTypedArray(this.vehicleId, capacity);
      this.originFacility = growTypedArray(this.originFacility, capacity);
      this.destinationFacility = growTypedArray(this.destinationFacility, capacity);
      this.parcelsAboard = growTypedArray(this.parcelsAboard, capacity);
      this.stopCount = growTypedArray(this.stopCount, capacity);
      this.departS = growTypedArray(this.departS, capacity);
      this.endS = growTypedArray(this.endS, capacity);
      this.streetGridStation = growTypedArray(this.streetGridStation, capacity);
    }
    if (vertices > this.timestamps.length) {
      const capacity = Math.max(vertices, this.timestamps.length * 2);
      this.timestamps = growTypedArray(this.timestamps, capacity);
      this.positions = growTypedArray(this.positions, capacity * 2);
    }
    if (stops > this.stopDueS.length) {
      const capacity = Math.max(stops, this.stopDueS.length * 2);
      this.stopPositions = growTypedArray(this.stopPositions, capacity * 2);
      this.stopTimes = growTypedArray(this.stopTimes, capacity * 3);
      this.stopDueS = growTypedArray(this.stopDueS, capacity);
      this.stopLeaveS = growTypedArray(this.stopLeaveS, capacity);
    }
  }
}

export interface TripGeneration {
  id: number;
  /** Absolute sim second that timestamp 0 stands for. */
  epochS: number;
  /** The latest trip end in this generation, absolute sim seconds. */
  lastEndS: number;
  sealed: boolean;
  /** Whether it holds the trips longer than LONG_TRIP_S (see TripStore.append). */
  long: boolean;
  kinds: KindTrips[];
}

/** Path vertices of every kind's trips in `generation`. */
function countGenerationVertices(generation: TripGeneration): number {
  let vertices = 0;
  for (const kindTrips of generation.kinds) vertices += kindTrips.vertexCount;
  return vertices;
}

/** Closes `generation` to new trips and fits its columns to the trips it holds. */
function seal(generation: TripGeneration): void {
  generation.sealed = true;
  for (const kindTrips of generation.kinds) kindTrips.fitColumns();
}

/**
 * Whether batch trip `trip` is long (over LONG_TRIP_S, a generation of its own), or null when it
 * ended before `skipEndedBeforeS` and is left out.
 */
function isLongTrip(batch: TripBatch, trip: number, range: AppendRange): boolean | null {
  const departS = batch.departS[trip];
  if (departS < range.departFromS || departS >= range.departBeforeS) return null;
  const lastVertex = batch.pathStartIndices[trip + 1] - 1;
  const durationS = lastVertex >= 0 ? batch.vertexOffsetsS[lastVertex] : 0;
  if (departS + durationS < range.skipEndedBeforeS) return null;
  return durationS > LONG_TRIP_S;
}

/** Which of a batch's trips an append takes: those departing in [departFromS, departBeforeS) that had not ended before skipEndedBeforeS. */
interface AppendRange {
  skipEndedBeforeS: number;
  departFromS: number;
  departBeforeS: number;
}

export class TripStore {
  generations: TripGeneration[] = [];
  /** A batch's trips, vertices and door stops per generation (short, long) and kind; stride 3. */
  private readonly batchRoom = new Float64Array(2 * VEHICLE_KIND_COUNT * 3);
  /**
   * Bumped when trips are added or dropped or their paths swapped: the layer list must be rebuilt
   * (the vehicle layers take their sublayers' data again).
   */
  version = 0;
  private nextGenerationId = 1;
  /** The part of a batch `append` left for appendDeferred: its trips departing from departFromS on. */
  private deferred: { batch: TripBatch; skipEndedBeforeS: number; departFromS: number } | null = null;

  /**
   * Adds a batch; trips that ended before `skipEndedBeforeS` are left out (a seek or a catch-up
   * replays hours of trips, most of them long over). Trips over LONG_TRIP_S (line-haul runs with
   * a driver's rests, up to ~4 days) go to generations of their own: a generation is kept until
   * its last trip ends, so one long run in an hour's generation kept that hour's thousands of
   * van and carrier trips for days (the page's heap grew to ~1.5 GB at 3,600x).
   * Trips departing at `deferDepartingFromS` or later wait for appendDeferred (or the next
   * append or rewind): the page's opening batch holds the trips of hours ahead (48,500 at
   * the default scale, 80% of them not on the road yet), and appending them all delayed the
   * first frame of vehicles by ~0.2 s of a cold main thread.
   */
  append(
    batch: TripBatch,
    skipEndedBeforeS = Number.NEGATIVE_INFINITY,
    deferDepartingFromS = Number.POSITIVE_INFINITY,
  ): void {
    // Deferred trips came first: they join before anything that came after them.
    this.appendDeferred();
    if (batch.length === 0) return;
    if (deferDepartingFromS < Number.POSITIVE_INFINITY)
      this.deferred = { batch, skipEndedBeforeS, departFromS: deferDepartingFromS };
    this.appendRange(batch, {
      skipEndedBeforeS,
      departFromS: Number.NEGATIVE_INFINITY,
      departBeforeS: deferDepartingFromS,
    });
  }

  /** Whether trips of the last batch wait for appendDeferred. */
  hasDeferred(): boolean {
    return this.deferred !== null;
  }

  /** Adds the trips `append` deferred (those departing later), if any. */
  appendDeferred(): void {
    const deferred = this.deferred;
    if (!deferred) return;
    this.deferred = null;
    this.appendRange(deferred.batch, {
      skipEndedBeforeS: deferred.skipEndedBeforeS,
      departFromS: deferred.departFromS,
      departBeforeS: Number.POSITIVE_INFINITY,
    });
  }

  private appendRange(batch: TripBatch, range: AppendRange): void {
    const { skipEndedBeforeS } = range;
    // The generations every trail has left go as new trips come, whether or not a frame prunes
    // them: in software WebGL the map's frames wait on its drawings, and a frame that drew or
    // was held back never reached the prune, so at 3,600x the store kept every hour's trips
    // (page soak: trips 180 -> 954 MB from minute 2 to 10, the page's memory +329%).
    this.prune(skipEndedBeforeS);
    const opened: Array<TripGeneration | null> = [null, null];
    // First the room each kind's columns need for the batch, so each grows once: trip by trip,
    // the opening batch (thousands of trips) grew every column by doubling a dozen times over,
    // about half of its append on the page's main thread.
    const room = this.batchRoom.fill(0);
    for (let trip = 0; trip < batch.length; trip++) {
      const long = isLongTrip(batch, trip, range);
      if (long === null) continue;
      const generation = opened[long ? 1 : 0] ?? this.openGeneration(long, batch.departS[trip]);
      opened[long ? 1 : 0] = generation;
      const kind = batch.vehicleKind[trip];
      if (!generation.kinds[kind]) continue;
      const slot = ((long ? VEHICLE_KIND_COUNT : 0) + kind) * 3;
      room[slot]++;
      room[slot + 1] += batch.pathStartIndices[trip + 1] - batch.pathStartIndices[trip];
      if (batch.stopStartIndices && batch.stopVertexIndices)
        room[slot + 2] += batch.stopStartIndices[trip + 1] - batch.stopStartIndices[trip];
    }
    opened.forEach((generation, long) => {
      generation?.kinds.forEach((kindTrips, kind) => {
        const slot = (long * VEHICLE_KIND_COUNT + kind) * 3;
        if (room[slot] > 0)
          kindTrips.reserve(
            kindTrips.tripCount + room[slot],
            kindTrips.vertexCount + room[slot + 1],
            kindTrips.stopCountTotal + room[slot + 2],
          );
      });
    });
    for (let trip = 0; trip < batch.length; trip++) {
      const long = isLongTrip(batch, trip, range);
      if (long === null) continue;
      const generation = opened[long ? 1 : 0] as TripGeneration;
      const kindTrips = generation.kinds[batch.vehicleKind[trip]];
      if (!kindTrips) continue;
      kindTrips.appendTrip(batch, trip, generation.epochS);
      generation.lastEndS = Math.max(generation.lastEndS, kindTrips.endS[kindTrips.tripCount - 1]);
    }
    this.version++;
  }

  /** The open generation of long or short trips, or a new one when it has spanned its hour. */
  private openGeneration(long: boolean, firstDepartS: number): TripGeneration {
    let open: TripGeneration | undefined;
    for (let index = this.generations.length - 1; index >= 0 && !open; index--)
      if (this.generations[index].long === long) open = this.generations[index];
    if (
      open &&
      !open.sealed &&
      firstDepartS - open.epochS < GENERATION_SPAN_S &&
      countGenerationVertices(open) < MAX_GENERATION_VERTICES
    )
      return open;
    if (open && !open.sealed) seal(open);
    const epochS = Math.floor(firstDepartS / 60) * 60;
    const generation: TripGeneration = {
      id: this.nextGenerationId++,
      epochS,
      lastEndS: firstDepartS,
      sealed: false,
      long,
      kinds: Array.from({ length: VEHICLE_KIND_COUNT }, (_, kind) => new KindTrips(kind, epochS)),
    };
    this.generations.push(generation);
    return generation;
  }

  /** Drops generations whose every trip ended before `beforeS`; returns whether any went. */
  prune(beforeS: number): boolean {
    const kept = this.generations.filter(
      (generation) => !generation.sealed || generation.lastEndS >= beforeS,
    );
    if (kept.length === this.generations.length) return false;
    this.generations = kept;
    this.version++;
    return true;
  }

  /** Bytes the columns hold (allocated, not only used): what the trips on the page cost. */
  getHeldBytes(): number {
    let bytes = 0;
    for (const generation of this.generations)
      for (const kindTrips of generation.kinds)
        for (const value of Object.values(kindTrips))
          if (ArrayBuffer.isView(value)) bytes += value.byteLength;
    return bytes;
  }

  clear(): void {
    this.deferred = null;
    this.generations = [];
    this.version++;
  }

  /**
   * Drops the trips of vehicles numbered `firstVehicleId` and up: the worker rewound and those
   * were dispatched in a future that changed. Generations left empty go.
   */
  dropVehiclesFrom(firstVehicleId: number): void {
    // Deferred trips of vehicles before the cut stay; the later ones go with the rest.
    this.appendDeferred();
    let changed = false;
    for (const generation of this.generations) {
      for (const kindTrips of generation.kinds)
        changed = kindTrips.truncateFromVehicle(firstVehicleId) || changed;
    }
    if (!changed) return;
    this.generations = this.generations.filter((generation) =>
      generation.kinds.some((kindTrips) => kindTrips.tripCount > 0),
    );
    // New trips open a generation of their own rather than join one cut short.
    for (const generation of this.generations) if (!generation.sealed) seal(generation);
    this.version++;
  }

  /**
   * The trips drawn stop to stop whose path meets `bounds` and that are still on the road at
   * `afterS`, but for vehicles in `asked` (those are added to it), as a batch for the worker to
   * draw street by street (`drawStreets`); null when there are none. Paths without stops: the
   * answer swaps paths only (replacePaths).
   */
  collectStopLevelTrips(bounds: LonLatBounds, afterS: number, asked: Set<number>): TripBatch | null {
    const picked: Array<{ kindTrips: KindTrips; trip: number }> = [];
    let vertices = 0;
    for (const generation of this.generations) {
      for (const kindTrips of generation.kinds) {
        for (let trip = 0; trip < kindTrips.tripCount; trip++) {
          if (kindTrips.streetGridStation[trip] < 0 || kindTrips.endS[trip] <= afterS) continue;
          if (asked.has(kindTrips.vehicleId[trip]) || !kindTrips.pathMeets(trip, bounds)) continue;
          asked.add(kindTrips.vehicleId[trip]);
          picked.push({ kindTrips, trip });
          vertices += kindTrips.startIndices[trip + 1] - kindTrips.startIndices[trip];
        }
      }
    }
    if (picked.length === 0) return null;
    const n = picked.length;
    const batch: TripBatch = {
      length: n,
      vehicleKind: new Uint8Array(n),
      vehicleId: new Uint32Array(n),
      parcelsAboard: new Uint16Array(n),
      stopCount: new Uint16Array(n),
      originFacility: new Int32Array(n),
      destinationFacility: new Int32Array(n),
      departS: new Float64Array(n),
      streetGridStation: new Int32Array(n),
      pathStartIndices: new Uint32Array(n + 1),
      positions: new Float32Array(vertices * 2),
      vertexOffsetsS: new Float32Array(vertices),
    };
    let vertex = 0;
    picked.forEach(({ kindTrips, trip }, i) => {
      batch.vehicleKind[i] = kindTrips.kind;
      batch.vehicleId[i] = kindTrips.vehicleId[trip];
      batch.parcelsAboard[i] = kindTrips.parcelsAboard[trip];
      batch.stopCount[i] = kindTrips.stopCount[trip];
      batch.originFacility[i] = kindTrips.originFacility[trip];
      batch.destinationFacility[i] = kindTrips.destinationFacility[trip];
      batch.departS[i] = kindTrips.departS[trip];
      (batch.streetGridStation as Int32Array)[i] = kindTrips.streetGridStation[trip];
      const first = kindTrips.startIndices[trip];
      const end = kindTrips.startIndices[trip + 1];
      batch.positions.set(kindTrips.positions.subarray(first * 2, end * 2), vertex * 2);
      // Back to seconds since departure, as the worker's trips count them.
      const offsetS = kindTrips.departS[trip] - kindTrips.epochS;
      for (let v = first; v < end; v++)
        batch.vertexOffsetsS[vertex + v - first] = kindTrips.timestamps[v] - offsetS;
      vertex += end - first;
      batch.pathStartIndices[i + 1] = vertex;
    });
    return batch;
  }

  /**
   * Swaps in the paths of `batch` (the worker's answer to `drawStreets`) for the trips of the same
   * vehicles drawn stop to stop; a vehicle no longer held (its trip ended and went) is skipped.
   */
  replacePaths(batch: TripBatch): void {
    const byVehicle = new Map<number, number>();
    for (let trip = 0; trip < batch.length; trip++) byVehicle.set(batch.vehicleId[trip], trip);
    let swapped = 0;
    for (const generation of this.generations) {
      for (const kindTrips of generation.kinds) {
        const trips: number[] = [];
        const from: number[] = [];
        for (let trip = 0; trip < kindTrips.tripCount; trip++) {
          const b = byVehicle.get(kindTrips.vehicleId[trip]);
          if (
            b === undefined ||
            kindTrips.streetGridStation[trip] < 0 ||
            batch.vehicleKind[b] !== kindTrips.kind
          )
            continue;
          trips.push(trip);
          from.push(b);
        }
        kindTrips.replacePaths(trips, batch, from);
        swapped += trips.length;
      }
    }
    // The layers read new data only when the store's version moves (and a selected vehicle's halo
    // follows its new path).
    if (swapped > 0) this.version++;
  }

  /**
   * The trip vehicle `vehicleId` of `kind` is driving at `timeS` (or its latest before), or null.
   * A scan over that kind's columns: called on selection and while following, not per vehicle.
   */
  findTrip(
    kind: number,
    vehicleId: number,
    timeS: number,
  ): { generation: TripGeneration; trip: number } | null {
    let best: { generation: TripGeneration; trip: number } | null = null;
    let bestDepartS = Number.NEGATIVE_INFINITY;
    for (const generation of this.generations) {
      const kindTrips = generation.kinds[kind];
      if (!kindTrips) continue;
      for (let trip = 0; trip < kindTrips.tripCount; trip++) {
        if (kindTrips.vehicleId[trip] !== vehicleId) continue;
        const departS = kindTrips.departS[trip];
        if (departS <= timeS && departS > bestDepartS) {
          best = { generation, trip };
          bestDepartS = departS;
        }
      }
    }
    return best;
  }

  /**
   * Last-mile vehicles (kinds 1-4) on the road at `timeS`, counted by the facility they left
   * from, into `out` (length = facility count). Run at tick rate for the national-zoom view.
   */
  countActiveLastMileByOrigin(timeS: number, out: Float32Array): Float32Array {
    out.fill(0);
    for (const generation of this.generations) {
      for (let kind = 1; kind < VEHICLE_KIND_COUNT; kind++) {
        const kindTrips = generation.kinds[kind];
        for (let trip = 0; trip < kindTrips.tripCount; trip++) {
          const origin = kindTrips.originFacility[trip];
          if (
            origin >= 0 &&
            origin < out.length &&
            kindTrips.departS[trip] <= timeS &&
            kindTrips.endS[trip] >= timeS
          ) {
            out[origin]++;
          }
        }
      }
    }
    return out;
  }

  /** Vehicles on the road at `timeS`, by kind (for the legend and tests; not per frame). */
  countActive(timeS: number, out = new Uint32Array(VEHICLE_KIND_COUNT)): Uint32Array {
    out.fill(0);
    for (const generation of this.generations) {
      generation.kinds.forEach((kindTrips, kind) => {
        for (let trip = 0; trip < kindTrips.tripCount; trip++) {
          if (kindTrips.departS[trip] <= timeS && kindTrips.endS[trip] >= timeS) out[kind]++;
        }
      });
    }
    return out;
  }
}
