/**
 * Everything that changes as the model runs, declared once (as params.ts declares parameters).
 * Each piece says how it starts, how it is copied into a snapshot and read back, and how it
 * moves onto a rebuilt network; RunState and RunStateSnapshot are derived from the declaration,
 * and creating, snapshotting, restoring, rebuilding and the determinism tests' fingerprint all
 * walk it. A new piece of state is one entry here, and none of them can forget it.
 */
import { DockDoors } from './dockDoors';
import { KPI_COUNT, KPI_INDEX, KpiRecorder } from './kpis';
import {
  getLastMileSnapshotBytes,
  type LastMileSnapshot,
  LastMileState,
  readLastMileSnapshot,
  resizeLastMileRegions,
  writeLastMileSnapshot,
} from './lastMile/lastMileState';
import { getParcelZoneKeyCount, type NetworkModel } from './network';
import type { Params } from './params';
import {
  getPackedColumnBytes,
  type PackedParcelColumns,
  packColumns,
  ParcelStore,
  QueueSet,
  unpackColumns,
} from './parcels';
import { PlacedOrders, type PlacedOrdersSnapshot } from './placedOrders';
import { getQueueLayout } from './queueLayout';
import {
  createNetworkMove,
  type NetworkMove,
  remapParcels,
  remapQueues,
  remapTrailers,
  resizeRegions,
} from './rebuild';
import { createStreams, type RandomStreams, readStreamStates, writeStreamStates } from './rng';
import { TrailerPool, type TrailerPoolSnapshot } from './trailers';
import { type TripBatch, TripBuffer } from './trips';
import { type SavedSlotZones, SlotZones } from './slotZones';
import { countTypedArrayBytes } from './typedArrays';

/** What a piece of run state starts from. */
export interface RunStart {
  model: NetworkModel;
  params: Params;
  seed: number;
}

/** One piece of run state: its start, its snapshot copy and back, and its move to a rebuilt network. */
interface StatePiece<T, S> {
  create(start: RunStart): T;
  /** A structured-cloneable copy: the live value goes on changing. */
  save(value: T): S;
  /** A live value from a snapshot, sharing nothing with it. */
  load(saved: S, model: NetworkModel): T;
  /**
   * Bytes of the typed arrays `save` would copy, counted without copying: for the pieces that
   * grow with the parcels (the worker weighs a snapshot before taking it). Others are saved and
   * counted.
   */
  savedBytes?(value: T): number;
  /** The value on the rebuilt network; 'keep' for state that names no facility or region. */
  rebuild: 'keep' | ((value: T, move: NetworkMove) => T);
}

function declare<T, S>(piece: StatePiece<T, S>): StatePiece<T, S> {
  return piece;
}

/** A number that names no facility, starting at `initial`. */
function scalar(initial: number): StatePiece<number, number> {
  return { create: () => initial, save: (value) => value, load: (saved) => saved, rebuild: 'keep' };
}

/** A typed array's copy through its own constructor. */
function copyInto<T extends Float32Array | Uint8Array>(create: (length: number) => T, values: T): T {
  const copy = create(values.length);
  copy.set(values);
  return copy;
}

function perFacility(): StatePiece<Float32Array, Float32Array> {
  return {
    create: ({ model }) => new Float32Array(model.network.facilities.length),
    save: (value) => value.slice(),
    load: (saved) => saved.slice(),
    // Rates and averages restart on new facilities; an edit keeps the ids, and so the values of
    // the facilities still operating (one closed or offline does no work).
    rebuild: (value, move) => {
      const values = new Float32Array(move.newModel.network.facilities.length);
      if (move.historyMap === move.map) return values;
      const { operating } = move.newModel;
      for (let id = 0; id < value.length; id++) if (operating[id]) values[id] = value[id];
      return values;
    },
  };
}

function perRegion<T extends Float32Array | Uint8Array>(
  create: (regionCount: number) => T,
  fill: number,
): StatePiece<T, T> {
  return {
    create: ({ model }) => {
      const values = create(model.regionCount);
      values.fill(fill);
      return values;
    },
    save: (value) => copyInto(create, value),
    load: (saved) => copyInto(create, saved),
    rebuild: (value, move) => resizeRegions(value, move, create, fill),
  };
}

/**
 * Room for ~2 days of orders from the start: the steady state of an ordinary week holds ~1.7
 * days of volume live, so the store rarely grows after day 1.
 */
function getInitialParcelSlots(params: Params): number {
  return Math.max(1024, Math.ceil(2 * params.parcelsPerDay * params.scale * params.demandMultiplier));
}

export const RUN_STATE = {
  /** Sim seconds since the start (always a whole number of steps). */
  timeS: scalar(0),
  parcels: declare<ParcelStore, { columns: PackedParcelColumns; live: number; zones?: SavedSlotZones }>({
    create: ({ params, model }) =>
      new ParcelStore(undefined, undefined, 0, getInitialParcelSlots(params), getParcelZoneKeyCount(model)),
    // Packed: the worker keeps several snapshots and the page a checkpoint.
    save: (parcels) => ({
      columns: packColumns(parcels.columns, parcels.live),
      live: parcels.live,
      zones: parcels.zones.save(),
    }),
    // A snapshot from before zones has none: the zones take its blocks as they need them.
    load: (saved, model) =>
      new ParcelStore(
        unpackColumns(saved.columns),
        saved.zones ? SlotZones.restore(saved.zones) : undefined,
        saved.live,
        undefined,
        getParcelZoneKeyCount(model),
      ),
    savedBytes: (parcels) =>
      getPackedColumnBytes(parcels.columns, parcels.live) + parcels.zones.getSavedBytes(),
    rebuild: remapParcels,
  }),
  /** Every queue and lane (queueLayout.ts), threaded through the parcels' `next` column. */
  queues: declare<QueueSet, { head: Int32Array; tail: Int32Array; count: Int32Array }>({
    create: ({ model }) => new QueueSet(getQueueLayout(model).size),
    save: (queues) => ({ head: queues.head.slice(), tail: queues.tail.slice(), count: queues.count.slice() }),
    load: (saved) =>
      new QueueSet(saved.head.length, saved.head.slice(), saved.tail.slice(), saved.count.slice()),
    rebuild: remapQueues,
  }),
  /** Trailers on the road. */
  trailers: declare<TrailerPool, TrailerPoolSnapshot>({
    create: () => new TrailerPool(),
    save: (trailers) => trailers.save(),
    load: TrailerPool.load,
    rebuild: remapTrailers,
  }),
  /** Each facility's dock doors and when each is free again (dockDoors.ts). */
  dockDoors: declare<DockDoors, { firstDoor: Int32Array; freeAtS: Float64Array; peakBusy: Uint16Array }>({
    create: ({ model }) => DockDoors.create(model),
    save: (doors) => {
      const { firstDoor, freeAtS, peakBusy } = doors.copy();
      return { firstDoor, freeAtS, peakBusy };
    },
    load: (saved) => new DockDoors(saved.firstDoor, saved.freeAtS, saved.peakBusy).copy(),
    rebuild: (doors, move) => doors.moveToNetwork(move),
  }),
  /** Vehicle trips not yet drained by the page (they keep the facility ids they were drawn with). */
  trips: declare<TripBuffer, TripBatch>({
    create: () => new TripBuffer(),
    save: (trips) => trips.peek(),
    load: (saved) => {
      const trips = new TripBuffer();
      trips.restore(saved);
      return trips;
    },
    savedBytes: (trips) => trips.getPeekBytes(),
    rebuild: 'keep',
  }),
  /** Next vehicle id. */
  vehicleSerial: scalar(0),
  /** Speed multiplier per region (stormSpeedFactor while a storm lasts, else 1). */
  regionSpeedFactor: perRegion((n) => new Float32Array(n), 1),
  /** 1 while a region's storm lasts. */
  regionStorm: perRegion((n) => new Uint8Array(n), 0),
  nextWeatherS: scalar(0),
  kpis: declare<KpiRecorder, { cumulative: Float64Array; series: Float64Array; hours: number }>({
    create: () => new KpiRecorder(),
    save: (kpis) => ({
      cumulative: kpis.cumulative.slice(),
      series: kpis.series.slice(0, Math.max(KPI_COUNT, kpis.hours * KPI_COUNT)),
      hours: kpis.hours,
    }),
    load: (saved) =>
      new KpiRecorder(saved.cumulative.slice(), growSeries(saved.series, saved.hours), saved.hours),
    rebuild: 'keep',
  }),
  /** The KPI row at the last hour close (the next hour's flows are measured from it). */
  previousHourClose: declare<Float64Array, Float64Array>({
    create: () => new Float64Array(KPI_COUNT),
    save: (value) => value.slice(),
    load: (saved) => saved.slice(),
    rebuild: 'keep',
  }),
  nextHourS: scalar(3600),
  /** Per facility id: parcels processed per hour (exponential average, 1 h time constant). */
  throughputPerHour: perFacility(),
  /** Per facility id: drive units busy (real robots), averaged over ~15 min. */
  robotsBusy: perFacility(),
  /** The seeded PRNG streams, one per concern (rng.ts). */
  streams: declare<RandomStreams, Uint32Array>({
    create: ({ seed }) => createStreams(seed),
    save: writeStreamStates,
    load: readStreamStates,
    rebuild: 'keep',
  }),
  /** Parcels on their way to the door, their carriers, and the last mile's breakdowns. */
  lastMile: declare<LastMileState, LastMileSnapshot>({
    create: ({ model }) => new LastMileState(model.regionCount),
    save: writeLastMileSnapshot,
    // Its flow counters live in the KPI row: the engine points them there (Engine constructor).
    load: (saved) => readLastMileSnapshot(saved, new Float64Array(KPI_COUNT), KPI_INDEX.assignedVan),
    savedBytes: getLastMileSnapshotBytes,
    rebuild: (lastMile, move) => {
      resizeLastMileRegions(lastMile, move.newModel.regionCount);
      // Facility ids change with the network: each facility's delivery figures follow its parcels.
      lastMile.facilityDeliveries.remapFacilities(move.historyMap, move.newModel.network.facilities.length);
      lastMile.remapStationTallies(move.historyMap, move.newModel.network.facilities.length);
      return lastMile;
    },
  }),
  /** Orders placed by hand and watched to the door: the journal the stages write to. */
  journal: declare<PlacedOrders, PlacedOrdersSnapshot>({
    create: () => new PlacedOrders(),
    save: (journal) => journal.snapshot(),
    load: (saved) => new PlacedOrders(saved),
    rebuild: (journal, move) => {
      journal.remapFacilities(move);
      return journal;
    },
  }),
} as const;

type Declared = typeof RUN_STATE;
export type RunStateKey = keyof Declared;
/** The run state: what each piece of RUN_STATE creates. */
export type RunState = { [K in RunStateKey]: Declared[K] extends StatePiece<infer T, infer _S> ? T : never };
/** Its snapshot: what each piece saves (structured-cloneable). */
export type RunStateSnapshot = {
  [K in RunStateKey]: Declared[K] extends StatePiece<infer _T, infer S> ? S : never;
};

export const RUN_STATE_KEYS = Object.keys(RUN_STATE) as RunStateKey[];

/** Runs `action` on every piece with its key, in declaration order. */
function forEachPiece(
  action: <K extends RunStateKey>(key: K, piece: StatePiece<RunState[K], RunStateSnapshot[K]>) => void,
): void {
  for (const key of RUN_STATE_KEYS) {
    // TypeScript cannot tie RUN_STATE[key] to RunState[key] for a key ranging over a union; the
    // mapped types above are defined from the same declaration, so they line up key by key.
    action(key, RUN_STATE[key] as unknown as StatePiece<RunState[typeof key], RunStateSnapshot[typeof key]>);
  }
}

export function createRunState(start: RunStart): RunState {
  const state: Partial<RunState> = {};
  forEachPiece((key, piece) => {
    state[key] = piece.create(start);
  });
  return state as RunState;
}

export function saveRunState(state: RunState): RunStateSnapshot {
  const saved: Partial<RunStateSnapshot> = {};
  forEachPiece((key, piece) => {
    saved[key] = piece.save(state[key]);
  });
  return saved as RunStateSnapshot;
}

/** Bytes of the typed arrays saveRunState(state) would hold, without copying the large pieces. */
export function getRunStateSnapshotBytes(state: RunState): number {
  let bytes = 0;
  forEachPiece((key, piece) => {
    bytes += piece.savedBytes ? piece.savedBytes(state[key]) : countTypedArrayBytes(piece.save(state[key]));
  });
  return bytes;
}

export function loadRunState(saved: RunStateSnapshot, model: NetworkModel): RunState {
  const state: Partial<RunState> = {};
  forEachPiece((key, piece) => {
    state[key] = piece.load(saved[key], model);
  });
  return state as RunState;
}

/** Rewrites `state` in place for `newModel` (parcels first: the queues are rebuilt from their new facilities). */
export function moveRunStateToNetwork(state: RunState, oldModel: NetworkModel, newModel: NetworkModel): void {
  const move = createNetworkMove(oldModel, newModel, state.parcels);
  forEachPiece((key, piece) => {
    if (piece.rebuild !== 'keep') state[key] = piece.rebuild(state[key], move);
  });
}

function growSeries(series: Float64Array, hours: number): Float64Array {
  const out = new Float64Array(Math.max(KPI_COUNT * 48, (hours + 1) * KPI_COUNT * 2));
  out.set(series);
  return out;
}
