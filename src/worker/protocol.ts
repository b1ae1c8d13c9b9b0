/**
 * The messages between the page and the simulation worker, declared once and imported by both
 * sides. Discriminated unions on `type`; typed arrays travel in transfer lists, never cloned.
 * Bump PROTOCOL_VERSION on any incompatible change: the worker refuses a page of another version
 * with a clear error instead of misreading its messages.
 */
import type { Params } from '../sim/params';
import type { LastMileKpis } from '../sim/lastMile/lastMileKpis';
import type { Journey } from '../sim/journey';
import type { OrderSpec, PlacedOrder } from '../sim/placedOrders';
import type { FacilityState, Network, ParcelTrace, SimSnapshot, TripBatch } from '../sim/simulation';

export const PROTOCOL_VERSION = 3;

/**
 * The levels a `facilityHours` row carries after the delivery ledger's columns, each as at the
 * hour's close: FacilityState's throughput per hour and backlog (modelled parcels).
 */
export const FACILITY_LEVEL_COLUMNS = ['throughputPerHour', 'backlogParcels'] as const;

/** Page → worker. */
export type PageMessage =
  | { type: 'init'; version: number; params: Params; seed: number }
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
  /** Start from another run's state (a fork) with these parameters. */
  | { type: 'initFromSnapshot'; version: number; snapshot: SimSnapshot; params: Params }
  /** Send the model's whole state at sim time `atTimeS` (to fork a second run from it). */
  | { type: 'snapshot'; atTimeS: number }
  /**
   * "Place your order": the order enters the run at `atTimeS` (the display time; the worker
   * rewinds to it), answered by `orderPlaced` or `orderRejected`, then traced on every tick.
   */
  | { type: 'placeOrder'; order: OrderSpec; orderKey: string; atTimeS: number }
  /** The facility whose per-hour delivery figures the page wants (`facilityHours`), or none. */
  | { type: 'focusFacility'; facilityId: number | null }
  /** Test and fault-drill hook: makes the worker throw, to prove the page survives it. */
  | { type: 'crash' };

/** Static network description, sent once after a build. */
export interface NetworkMessage {
  facilities: Network['facilities'];
  highwayPaths: Network['highwayPaths'];
  serviceAreas: Network['serviceAreas'];
}

/** Worker → page. */
export type WorkerMessage =
  | { type: 'progress'; phase: string; fraction: number }
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
    }
  /**
   * Newly dispatched trips. `epochS` is the absolute sim time the page subtracts from its clock
   * before comparing with the batch's Float32 vertex times, so GPU floats stay small.
   */
  | {
      type: 'trips';
      batch: TripBatch;
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
    }
  | { type: 'orderPlaced'; orderKey: string; placed: PlacedOrder }
  | { type: 'orderRejected'; orderKey: string; message: string }
  | { type: 'seeked'; timeS: number }
  /**
   * One facility's figures per sim hour from `firstHour` on: hours x (FACILITY_DELIVERY_COLUMNS
   * then FACILITY_LEVEL_COLUMNS), each row that hour's amounts of the model's delivery ledger and
   * the levels at its close. Sent for all hours from the run's start when the page focuses a
   * facility, then as hours close (ahead of the display).
   */
  | { type: 'facilityHours'; facilityId: number; firstHour: number; hourRows: Float32Array }
  | { type: 'snapshot'; snapshot: SimSnapshot }
  /** The parameters in force; `network` when they rebuilt it (facility ids changed). */
  | { type: 'paramsApplied'; params: Params; rebuilt: boolean; errors: string[]; network?: NetworkMessage }
  /**
   * The run went back to `timeS` to make a change there: ticks after it and trips of vehicles
   * numbered `firstVehicleId` and up (dispatched after it) no longer hold; new ones follow.
   */
  | { type: 'rewound'; timeS: number; firstVehicleId: number }
  | { type: 'error'; message: string; detail?: string };

/** A placed order as a tick carries it: where it is, and its journey against the promise. */
export interface OrderTrace {
  orderKey: string;
  placed: PlacedOrder;
  trace: ParcelTrace;
  journey: Journey;
}

/** FacilityState without its time, as copies the worker transfers. */
export type FacilityStateColumns = Omit<FacilityState, 'timeS'>;

/** The KPI figures a tick carries, columns in the order of `ready.kpiNames`. */
export interface TickKpis {
  /** Flows since the start and levels now, at the tick's time. */
  cumulative: Float64Array;
  /** Completed sim hours from `firstHour` on, row-major (hours x kpiNames.length). */
  hourRows: Float64Array;
  firstHour: number;
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
