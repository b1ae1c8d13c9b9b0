/**
 * The parcel journal: what happened to a watched parcel, written down by the stage where it
 * happened. A stage calls `journal.record(slot, fact)` with what it knows at that moment (the
 * queue the parcel joined and how many were ahead, the truck it boarded, why a wave left it
 * behind, the vehicle that took it to the door). Recording is a no-op unless the parcel in that
 * slot is watched (an order placed with placeOrder); stages ask `isWatched(slot)` first so that
 * nothing is built for the millions of parcels nobody follows.
 *
 * "Why was it late" (journey.ts) is a fold over these facts: the model never re-derives its own
 * rules to explain itself. Facts are plain data (snapshots copy them).
 */
import type { CarrierName, ChoiceReason } from './lastMile/carrierChoice';

/** What the stages may do with the journal: ask, then record. */
export interface ParcelJournal {
  isWatched(slot: number): boolean;
  /**
   * Whether any parcel on its way is watched: a stage that walks a whole load only to find the
   * watched ones skips the walk when none is (each step of a walk is a cache miss at full scale).
   */
  watchesAny(): boolean;
  /** Appends a fact to the journal of the parcel in `slot`; a no-op unless it is watched. */
  record(slot: number, fact: JourneyFact): void;
}

/** A journal that watches nothing (last-mile tests run the stage without one). */
export const NO_JOURNAL: ParcelJournal = {
  isWatched: () => false,
  watchesAny: () => false,
  record: () => {},
};

/**
 * The queue a parcel joined: its FC's pick queue (ordered), pack buffer (picked), SLAM queue
 * (packed), an outbound trailer at the FC dock (labelled), a sortation center's or its station's
 * sort queue (unloaded there), its station's ready queue (sorted to a route).
 */
export type JournalQueue = 'pick' | 'pack' | 'slam' | 'fcDock' | 'sortCenterSort' | 'stationSort' | 'ready';

export interface QueueJoined {
  kind: 'queueJoined';
  queue: JournalQueue;
  timeS: number;
  facility: number;
  /** Parcels that leave the queue before it (same-day orders are picked first). */
  parcelsAhead: number;
}

export type LineHaulLegKind = 'fcToSortCenter' | 'sortCenterTransfer' | 'sortCenterToStation';

export interface TruckBoarded {
  kind: 'truckBoarded';
  leg: LineHaulLegKind;
  /** TripBatch.vehicleId of the truck: the page follows it on the map with this. */
  vehicleId: number;
  fromFacility: number;
  toFacility: number;
  /** UTC offset of the destination, h (its departure schedule runs on local time). */
  toUtcOffsetH: number;
  departS: number;
  arriveS: number;
  /** The same drive (route, departure time, traffic, hours of service) in fair weather, s. */
  fairWeatherDriveS: number;
  /** The slower of the origin's and destination's regional speed factors at departure. */
  weatherSpeedFactor: number;
  storm: boolean;
  parcelsAboard: number;
  /** How long its trailer waited at the origin for a dock door (every door busy), s; 0 when none did. */
  doorWaitS: number;
}

/**
 * Why a dispatch wave left a parcel ready at its station behind, as the dispatcher decided it:
 * - partnerWaveOnly: the early wave hands over partner carriers' parcels only (normal);
 * - waitingForVans: a later wave, and the rule let it wait for tomorrow's vans (normal);
 * - noFlexDriver: it was on a Flex block that no driver took;
 * - noRoute: no route took it this wave (vans full, and beyond what a Flex block could reach).
 */
export type DeferralCause = 'partnerWaveOnly' | 'waitingForVans' | 'noFlexDriver' | 'noRoute';

export interface WaveDeferred {
  kind: 'waveDeferred';
  waveS: number;
  /** Index into WAVE_OFFSETS_H (schedules.ts). */
  waveIndex: number;
  cause: DeferralCause;
}

/** The wave that gave the parcel to a vehicle or a partner carrier, and that vehicle. */
export interface HandedOff {
  kind: 'handedOff';
  waveS: number;
  waveIndex: number;
  carrier: CarrierName;
  reason: ChoiceReason;
  /** The vehicle that reaches its door (van or Flex route, or the partner's door run). */
  vehicleId: number;
  /** When that vehicle leaves (a partner's door run leaves after its service time). */
  departS: number;
  /** A partner's hand-off truck from the station to its hub, when the hub is near; else null. */
  handoffTruck: { vehicleId: number; departS: number; arriveS: number; hubFacility: number } | null;
  /** When it reaches the door. */
  plannedDeliveryS: number;
  /** The station region's speed factor at the wave. */
  weatherSpeedFactor: number;
  storm: boolean;
  /**
   * The first wave after its arrival and one step of sorting that would have taken a parcel
   * like it with vehicles to spare, by the dispatcher's own rules: the station's nominal.
   */
  nominalWaveS: number;
  /** Partner carriers: when the carrier had it (at its hub), and its typical fair-weather service time. */
  carrierReceivedS: number;
  typicalServiceS: number;
}

export interface Delivered {
  kind: 'delivered';
  timeS: number;
}

export type JourneyFact = QueueJoined | TruckBoarded | WaveDeferred | HandedOff | Delivered;

/** The time a fact happened at (a truck: its departure; a wave: the wave). */
export function getFactTimeS(fact: JourneyFact): number {
  switch (fact.kind) {
    case 'truckBoarded':
      return fact.departS;
    case 'waveDeferred':
    case 'handedOff':
      return fact.waveS;
    default:
      return fact.timeS;
  }
}

/** Records that the parcel in `slot` joined `queue`; builds nothing unless it is watched. */
export function recordQueueJoined(
  journal: ParcelJournal,
  slot: number,
  queue: JournalQueue,
  timeS: number,
  facility: number,
  parcelsAhead: number,
): void {
  if (journal.isWatched(slot))
    journal.record(slot, { kind: 'queueJoined', queue, timeS, facility, parcelsAhead });
}
