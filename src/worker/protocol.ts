/**
 * The messages between the page and the simulation worker, declared once and imported by both
 * sides. Discriminated unions on `type`; typed arrays travel in transfer lists, never cloned.
 *
 * Versioned: bump PROTOCOL_VERSION on any incompatible change and record the new shape in
 * PROTOCOL_SHAPES (tests/worker/protocolVersion.test.ts fails, printing the hash, when the
 * declarations below change without a bump). The worker refuses a page of another version with
 * a clear error instead of misreading its messages (a page and a worker from two deployments).
 */
import type { Params } from '../sim/params';
import type { LastMileKpis } from '../sim/lastMile/lastMileKpis';
import type { Journey } from '../sim/journey';
import type { OrderSpec, PlacedOrder } from '../sim/placedOrders';
import type {
  FacilityState,
  LonLatBounds,
  Network,
  ParcelTrace,
  SimSnapshot,
  TripBatch,
} from '../sim/simulation';

export const PROTOCOL_VERSION = 15;

/**
 * SHA-256 (first 16 hex digits) of this file's declarations, comments and blank space removed,
 * per version. A version's entry never changes once landed: a new shape is a new version.
 */
export const PROTOCOL_SHAPES: Readonly<Record<number, string>> = {
  2: '19ceaf690b8e734d',
  // Version 3 changed a type this file imports (the journey), not this file's text.
  4: 'ca5724a23cfd2e6b',
  // Version 5: `init.startTimeS` (a warm start; the worker runs no look-ahead from the start).
  5: '88589c6ecb609343',
  // Version 6: the network in force (which facilities operate, which stations serve each metro)
  // on a tick when it changed; `focusArea` and its `areaHours` (network edits).
  6: '712e45bf5a1e5493',
  // Version 7: a warm start's `progress` carries the hours it closed (`hours`).
  7: 'a3208b2bb46eab22',
  // Version 8: a tick's facility columns carry `dockDoors`; snapshots hold the dock doors and the
  // trailers loading at them.
  8: '87314787b3a12cbf',
  // Version 9: facility and area hours in Float64 with the hour their folded days end
  // (`foldedBeforeHour`); the hours a window starts at (`windowHours`, `keepWindowsAt`).
  9: '4d5a944d8599d536',
  // Version 10: `seeked.warmState`, whether a precomputed warm state was restored (or why not).
  10: 'e33f12e071088a8e',
  // Version 11: `ready.hoursBeforeStart`, a precomputed warm start's hours sent with the network.
  11: '8537548e4bc31123',
  // Version 12: `viewport` and `drawStreets` (street detail only for trips in view), `trips.streetPaths`.
  12: '910061ccc2c60c65',
  // Version 13: `trips.atStart`, a precomputed warm start's opening trips sent ahead of its seek;
  // `seeked.keepsTrips`, the seek that restored that state keeps them.
  13: 'c9dfb0b15ba5da2a',
  // Version 14: `trips.replacesAtStart`: the opening trips sent ahead are those of its first half
  // hour, and the seek restoring the state sends all of its trips to replace them.
  14: 'b395984bef366467',
  // Version 15: `tripsAtStartTaken`, the page took the opening trips (a warm state's fetch waits for it).
  15: 'd3d4f5e667441c73',
};

/**
 * The levels a `facilityHours` row carries after the delivery ledger's columns, each as at the
 * hour's close: FacilityState's throughput per hour and backlog (modelled parcels).
 */
export const FACILITY_LEVEL_COLUMNS = ['throughputPerHour', 'backlogParcels'] as const;

/**
 * A change a person made to a run at sim time `atS` (a whole number of steps): new parameters
 * (a slider, a preset, a tour step) or a placed order. The run is a function of its start and
 * these, so replaying them lands on the same state.
 */
export type TimelineChange =
  | { atS: number; params: Params; order?: undefined }
  | { atS: number; order: { spec: OrderSpec; orderKey: string }; params?: undefined };

/**
 * What a new worker needs to carry on where a failed one stopped: the changes made so far,
 * recent snapshots the page kept (`checkpoints`, oldest first; may be empty) and the time on
 * screen to come back to.
 */
export interface ResumeState {
  timeline: TimelineChange[];
  checkpoints: SimSnapshot[];
  timeS: number;
}

/** Page → worker. */
export type PageMessage =
  /**
   * A new run; with `resume`, the run a failed worker held, brought back to `resume.timeS`. With
   * `startTimeS` (a warm start), the page's first seek goes there: no look-ahead from the start.
   */
  | {
      type: 'init';
      version: number;
      params: Params;
      seed: number;
      resume?: ResumeState;
      startTimeS?: number;
      /** Hours a figure the page reads can start at, as `keepWindowsAt` (before any replay). */
      windowHours?: number[];
    }
  /** Simulate until `displayTimeS + lookaheadS`, streaming trips and ticks on the way. */
  | { type: 'advance'; displayTimeS: number; lookaheadS: number; tickIntervalS: number }
  /**
   * Change parameters at sim time `atTimeS` (the page's display time): the worker rewinds to it
   * when it has run ahead, and answers `rewound` before the new ticks. Without it, where the
   * model is.
   */
  | { type: 'setParams'; partial: Partial<Params>; atTimeS?: number }
  /** Move the model to `timeS`, back or forward (restores the nearest snapshot and replays). */
  | { type: 'seek'; timeS: number }
  /** Start from another run's state (a fork) with these parameters; `resume` as for `init`. */
  | {
      type: 'initFromSnapshot';
      version: number;
      snapshot: SimSnapshot;
      params: Params;
      resume?: ResumeState;
      windowHours?: number[];
    }
  /** Send the model's whole state at sim time `atTimeS` (to fork a second run from it). */
  | { type: 'snapshot'; atTimeS: number }
  /**
   * "Place your order": the order enters the run at `atTimeS` (the display time; the worker
   * rewinds to it), answered by `orderPlaced` or `orderRejected`, then traced on every tick.
   */
  | { type: 'placeOrder'; order: OrderSpec; orderKey: string; atTimeS: number }
  /** The facility whose per-hour delivery figures the page wants (`facilityHours`), or none. */
  | { type: 'focusFacility'; facilityId: number | null }
  /**
   * Facilities whose per-hour delivery figures the page wants summed (`areaHours`): the stations
   * and region a network edit touches, compared between A and B. null: none.
   */
  | { type: 'focusArea'; facilityIds: number[] | null }
  /**
   * Sim hours a figure the page reads can start at (another run's network edit, compared with
   * this one): the per-facility history keeps its older days exact from there.
   */
  | { type: 'keepWindowsAt'; hours: number[] }
  /**
   * What the map shows (degrees) at which zoom: from now on, last-mile trips whose path meets the
   * view at street zoom are drawn street by street and the others stop to stop
   * (streetDetailView.ts). Sent at start and when the map stops moving.
   */
  | { type: 'viewport'; bounds: LonLatBounds; zoom: number }
  /**
   * Trips sent stop to stop (TripBatch.streetGridStation) that the map now shows at street zoom:
   * answered by `trips` with `streetPaths`, the same trips drawn street by street.
   */
  | { type: 'drawStreets'; batch: TripBatch }
  /**
   * The page has taken in the trips sent ahead of a warm start's state (`trips.atStart`): the
   * worker fetches that state only now, or after a short wait without it, so the fetch does not
   * compete with the trips' way to the screen (simHost.ts TRIPS_AT_START_WAIT_MS).
   */
  | { type: 'tripsAtStartTaken' }
  /** Are you there? Answered by `alive` at the worker's next chance. */
  | { type: 'ping' }
  /** Fault drill: the worker fails as if its code had thrown, to prove the page survives it. */
  | { type: 'crash' };

/**
 * The network as the page draws it: sent after a build, and again on the first tick after the
 * network in force changed (a network edit's time passed) or after a seek or a rewind.
 */
export interface NetworkMessage {
  facilities: Network['facilities'];
  operating: Network['operating'];
  metroStations: Network['metroStations'];
  highwayPaths: Network['highwayPaths'];
  serviceAreas: Network['serviceAreas'];
}

/** Worker → page. */
export type WorkerMessage =
  /**
   * How far a long job has got. A warm start's replay sends one each sim hour with the hours it
   * completed (`hours`), so the page's charts fill while it runs instead of after it.
   */
  | { type: 'progress'; phase: string; fraction: number; hours?: KpiHourRows }
  | {
      type: 'ready';
      version: number;
      network: NetworkMessage;
      params: Params;
      seed: number;
      timeS: number;
      /** The order of the KPI columns in every tick's `kpis`. */
      kpiNames: string[];
      /** Wall clock (timeOrigin + now) when `init` arrived and when the network was built. */
      initReceivedAtEpochMs: number;
      builtAtEpochMs: number;
      /**
       * A warm start's completed hours before its start, when known ahead (the build's
       * precomputed warm state, warmState.ts WarmHours): the charts show them at once, before the
       * state is restored. The seek's tick brings the same rows again.
       */
      hoursBeforeStart?: KpiHourRows;
    }
  /**
   * Newly dispatched trips. `epochS` is the absolute sim time the page subtracts from its clock
   * before comparing with the batch's Float32 vertex times, so GPU floats stay small. Those still
   * on the road at the display time, and line-haul trucks that left in the FLOW_WINDOW_S before
   * it (tripSieve.ts): after a seek, the trucks the lane flows sum come again.
   */
  | {
      type: 'trips';
      batch: TripBatch;
      /**
       * The answer to `drawStreets`: trips the page holds, their paths now street by street. The
       * page swaps each vehicle's path and keeps what else it has of the trip.
       */
      streetPaths?: true;
      /**
       * A warm start's trips on the road at the time it opens at, known ahead (the build's
       * precomputed warm state, warmState.ts WarmTrips) and sent before its seek: the page takes
       * them while it warms up, so the map draws them with the network: those that depart in
       * its first half hour, some of the seek's. The seek that restores the state keeps them
       * (`seeked.keepsTrips`) until its own trips replace them (`replacesAtStart`); one that
       * replays drops them and sends its own.
       */
      atStart?: true;
      /**
       * The trips of the seek that restored a warm state, of which those sent `atStart` were a
       * part: the page swaps the trips it holds for these at once (no frame without vehicles).
       */
      replacesAtStart?: true;
      /** Wall clock when the worker posted it (performance.timeOrigin + now), for latency figures. */
      postedAtEpochMs: number;
    }
  /** Facility state and KPI figures valid at sim time `timeS` (apply when the display reaches it). */
  | {
      type: 'tick';
      timeS: number;
      facilities: FacilityStateColumns;
      kpis: TickKpis;
      /** Placed orders the run holds at `timeS`, traced and explained. */
      orders: OrderTrace[];
      /** The network in force from `timeS` on, when it may not be the one the page was sent last. */
      network?: NetworkMessage;
    }
  | { type: 'orderPlaced'; orderKey: string; placed: PlacedOrder }
  | { type: 'orderRejected'; orderKey: string; message: string }
  /**
   * The run moved to `timeS`. A warm start's seek says whether it restored a precomputed state
   * (warmState.ts) or replayed, and why. `keepsTrips`: the trips the page holds (`trips` sent
   * `atStart`) are on the road at `timeS`; the page keeps them until trips `replacesAtStart`
   * come (none do when they were all).
   * Without it the page drops what it holds and the seek's own trips follow.
   */
  | { type: 'seeked'; timeS: number; warmState?: WarmStateUse; keepsTrips?: true }
  /**
   * One facility's figures per sim hour from `firstHour` on: hours x (FACILITY_DELIVERY_COLUMNS
   * then FACILITY_LEVEL_COLUMNS), each row that hour's amounts of the model's delivery ledger and
   * the levels at its close. Sent for all hours from the run's start when the page focuses a
   * facility, then as hours close (ahead of the display).
   */
  | {
      type: 'facilityHours';
      facilityId: number;
      firstHour: number;
      hourRows: Float64Array;
      /**
       * Hours before this one read as folded days (facilityHours.ts): flows spread over segments
       * of at most a day, split at every window hour; levels 4-hour means.
       */
      foldedBeforeHour: number;
    }
  /** The `focusArea` facilities' rows summed, as `facilityHours` (hours x the same columns). */
  | { type: 'areaHours'; firstHour: number; hourRows: Float64Array; foldedBeforeHour: number }
  | { type: 'snapshot'; snapshot: SimSnapshot }
  /** The parameters in force; `network` when they rebuilt it (facility ids changed). */
  | { type: 'paramsApplied'; params: Params; rebuilt: boolean; errors: string[]; network?: NetworkMessage }
  /**
   * The run went back to `timeS` to make a change there: ticks after it and trips of vehicles
   * numbered `firstVehicleId` and up (dispatched after it) no longer hold; new ones follow.
   */
  | { type: 'rewound'; timeS: number; firstVehicleId: number }
  /** The run's changes as they stand now (sent whenever they change): what a resume replays. */
  | { type: 'timeline'; changes: TimelineChange[] }
  /** A snapshot at a time the display has passed, for the page to keep against a worker failure. */
  | { type: 'checkpoint'; snapshot: SimSnapshot }
  /** The answer to `ping`, and a sign of life during long work. */
  | { type: 'alive' }
  /** A message the worker could not use (named), ignored; the run goes on. */
  | { type: 'rejected'; message: string }
  /**
   * The run stopped. `recoverable`: a new worker resumed from the page's timeline would carry
   * on (a thrown error); otherwise retrying cannot help (e.g. another protocol version).
   */
  | { type: 'error'; message: string; detail?: string; recoverable: boolean };

/**
 * What became of a precomputed warm state (warmState.ts) offered to a warm start's seek: restored,
 * or why not (the seek then replayed).
 */
export type WarmStateUse = { used: true } | { used: false; why: string };

/** A placed order as a tick carries it: where it is, and its journey against the promise. */
export interface OrderTrace {
  orderKey: string;
  placed: PlacedOrder;
  trace: ParcelTrace;
  journey: Journey;
}

/**
 * FacilityState's columns, as copies the worker transfers. Listed, not derived, so that a new
 * column changes this file's shape (and so the version), and the worker's copy must name it.
 */
export type FacilityStateColumns = Pick<
  FacilityState,
  | 'backlogParcels'
  | 'throughputPerHour'
  | 'robotsBusy'
  | 'robotsTotal'
  | 'pickQueue'
  | 'packQueue'
  | 'trailersAtDock'
  | 'trailerFill'
  | 'dockDoors'
  | 'weatherSpeedFactor'
>;

/** The KPI figures a tick carries, columns in the order of `ready.kpiNames`. */
/** Completed sim hours from `firstHour` on, row-major (hours x kpiNames.length). */
export interface KpiHourRows {
  hourRows: Float64Array;
  firstHour: number;
}

export interface TickKpis extends KpiHourRows {
  /** Flows since the start and levels now, at the tick's time. */
  cumulative: Float64Array;
  /** Last-mile breakdowns (by carrier, promise class, lateness, Flex), cumulative; null before any. */
  lastMile: LastMileKpis | null;
}

/** Typed arrays inside a message, for the transfer list. */
export function collectTransferables(value: unknown, out: Transferable[] = []): Transferable[] {
  if (ArrayBuffer.isView(value)) {
    if (!out.includes(value.buffer as ArrayBuffer)) out.push(value.buffer as ArrayBuffer);
  } else if (Array.isArray(value)) {
    for (const item of value) collectTransferables(item, out);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) collectTransferables(item, out);
  }
  return out;
}
