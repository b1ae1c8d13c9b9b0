/**
 * Why a watched parcel was late (issue #9): its trace (ParcelTrace with `watch`, from a parcel
 * placed with placeOrder) cut into the stages a person recognises, each with what it took, what
 * it would take with nothing in the way (the nominal, from the parameters) and, in plain words
 * with figures, what cost the rest. Pure: no DOM, no model state; the page calls it on a trace.
 *
 * Stages are contiguous: each starts where the one before ended, so their durations add up to
 * click-to-door (or to the time so far while the parcel is on its way; stages not reached are
 * 'pending').
 */
import { CARRIER_NAMES } from './lastMile/carrierChoice';
import { needsFlexToday } from './lastMile/lastMileDispatcher';
import { getPartnerMedianH, HANDOFF_EXPECTED_DRIVE_S, HANDOFF_LOADING_S } from './lastMile/partnerCarriers';
import { PROMISE_CLASSES } from './kinds';
import type { Params } from './params';
import type { LineHaulLeg, ParcelWatch, WatchedEvent } from './placedOrders';
import {
  getFcClosedWaitS,
  getFcCutoffIntervalS,
  getNextScheduledS,
  getSortCenterDepartureIntervalS,
  getTomorrowsVanWaveS,
  listWavesAfter,
  VAN_WAVE,
} from './schedules';
import type { ParcelTrace } from './simulation';

export type JourneyStageKind = 'atFc' | 'atFcDock' | 'lineHaul' | 'atSortCenter' | 'atStation' | 'lastMile';
export type JourneyStageStatus = 'done' | 'inProgress' | 'pending';

/**
 * What cost a stage time:
 * - fcQueue: orders ahead of it at the FC (pick, pack and label queues);
 * - fcClosed: ordered outside the FC's staffed hours (part of the nominal, said for clarity);
 * - missedCutoff: its trailer skipped scheduled departures (not full enough to leave);
 * - weather: a storm slowed the trucks or the carrier;
 * - sortQueue: parcels ahead of it in a sort queue;
 * - waitedForDeparture: a sortation trailer left later than the next scheduled departure;
 * - noFlexDriver: vans were full and no Flex driver took its block: it waited for later waves;
 * - waitedForVans: it reached the station after the wave that could take it (nominal, said);
 * - partnerCarrier: handed to a partner carrier (USPS, regional), and why;
 * - carrierSlow: the carrier's service took longer than its typical time.
 */
export type JourneyCauseKind =
  | 'fcQueue'
  | 'fcClosed'
  | 'missedCutoff'
  | 'weather'
  | 'sortQueue'
  | 'waitedForDeparture'
  | 'noFlexDriver'
  | 'waitedForVans'
  | 'partnerCarrier'
  | 'carrierSlow';

export interface JourneyCause {
  kind: JourneyCauseKind;
  /** Plain words with figures, e.g. "joined a pick queue of 3,214 parcels". */
  text: string;
  /** Seconds of the stage's excess put down to this cause; 0 for a cause that only explains. */
  costS: number;
}

export interface JourneyStage {
  kind: JourneyStageKind;
  /** E.g. "At the fulfillment center (pick, pack, label)". */
  label: string;
  /** Facility id where it happens (a line-haul leg: its origin). */
  facility: number;
  /** A line-haul leg's destination, else -1. */
  toFacility: number;
  status: JourneyStageStatus;
  /** Sim seconds; null while pending (endS also while in progress). */
  startS: number | null;
  endS: number | null;
  /** endS - startS, or the time so far while in progress; null while pending. */
  durationS: number | null;
  /** The nominal duration (what it takes with nothing in the way: see each stage's builder). */
  expectedS: number;
  /** durationS - expectedS (negative when faster); null while pending. */
  excessS: number | null;
  causes: JourneyCause[];
  /** Vehicles (TripBatch.vehicleId) that carried it in this stage. */
  vehicleIds: number[];
}

export interface Journey {
  parcelId: number;
  orderedS: number;
  promiseDeadlineS: number;
  delivered: boolean;
  deliveredS: number | null;
  /** deliveredS - orderedS, null until delivered. */
  clickToDoorS: number | null;
  /** deliveredS (or the trace time while on its way) - promiseDeadlineS: > 0 is late. */
  lateS: number;
  isLate: boolean;
  stages: JourneyStage[];
  /** Stages whose excess explains the lateness, largest excess first; empty when on time. */
  costliestStages: JourneyStage[];
}

const H = 3600;

/** Explains a watched parcel's journey against its promise; throws for a trace without `watch`. */
export function explainJourney(trace: ParcelTrace, params: Params): Journey {
  const watch = trace.watch;
  if (!watch)
    throw new Error(
      `parcel ${trace.parcelId} is not watched: only orders placed with placeOrder can be explained`,
    );
  const log = watch.log;
  const find = (event: string) => log.find((e) => e.event === event);
  const departures = log.filter((e) => e.event === 'departedFc' || e.event === 'departedSortCenter');
  const arrivals = log.filter((e) => e.event === 'arrivedSortCenter' || e.event === 'arrivedStation');
  const orderedS = find('ordered')?.timeS ?? trace.events[0].timeS;
  const legCount = trace.path.length - 1;
  const stages: JourneyStage[] = [];
  const nowS = watch.tracedAtS;

  const fc = trace.originFacility;
  const loaded = find('loadedAtFc');
  stages.push(buildFcStage(params, watch, fc, orderedS, loaded, log));
  stages.push(buildDockStage(params, watch, fc, loaded?.timeS ?? null, departures[0]?.timeS ?? null));
  for (let i = 0; i < legCount; i++) {
    const from = trace.path[i];
    const to = trace.path[i + 1];
    const leg = watch.legs[i];
    stages.push(buildLegStage(from, to, departures[i]?.timeS ?? null, arrivals[i]?.timeS ?? null, leg));
    if (i < legCount - 1) {
      stages.push(
        buildSortCenterStage(params, to, arrivals[i] ?? null, departures[i + 1]?.timeS ?? null, leg),
      );
    }
  }
  const handedOff = find('handedOff');
  stages.push(
    buildStationStage(params, trace, arrivals[legCount - 1] ?? null, find('readyAtStation'), handedOff),
  );
  stages.push(buildLastMileStage(params, trace, handedOff?.timeS ?? null, watch.deliveredS));

  // Contiguous by construction; fill status and durations.
  for (const stage of stages) {
    if (stage.startS === null) {
      stage.status = 'pending';
      stage.endS = null;
      stage.durationS = null;
      stage.excessS = null;
      stage.causes = [];
    } else {
      stage.status = stage.endS === null ? 'inProgress' : 'done';
      stage.durationS = (stage.endS ?? nowS) - stage.startS;
      stage.excessS = stage.durationS - stage.expectedS;
      if (stage.status === 'inProgress' && stage.excessS < 0) stage.excessS = 0;
    }
  }
  const deliveredS = watch.deliveredS;
  const lateS = (deliveredS ?? nowS) - trace.promiseDeadlineS;
  const isLate = lateS > 0;
  const costliestStages: JourneyStage[] = [];
  if (isLate) {
    let explained = 0;
    const byExcess = stages
      .filter((stage) => (stage.excessS ?? 0) > params.stepS)
      .sort((a, b) => (b.excessS ?? 0) - (a.excessS ?? 0));
    for (const stage of byExcess) {
      if (explained >= lateS) break;
      costliestStages.push(stage);
      explained += stage.excessS ?? 0;
    }
  }
  return {
    parcelId: trace.parcelId,
    orderedS,
    promiseDeadlineS: trace.promiseDeadlineS,
    delivered: deliveredS !== null,
    deliveredS,
    clickToDoorS: deliveredS !== null ? deliveredS - orderedS : null,
    lateS,
    isLate,
    stages,
    costliestStages,
  };
}

function createStage(
  kind: JourneyStageKind,
  label: string,
  facility: number,
  startS: number | null,
  endS: number | null,
  expectedS: number,
): JourneyStage {
  return {
    kind,
    label,
    facility,
    toFacility: -1,
    status: 'pending',
    startS,
    endS: startS === null ? null : endS,
    durationS: null,
    expectedS,
    excessS: null,
    causes: [],
    vehicleIds: [],
  };
}

function formatHours(seconds: number): string {
  return `${(seconds / H).toFixed(1)} h`;
}

function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Local clock time (HH:MM) of sim seconds t at UTC offset offsetH. */
function formatLocalTime(t: number, offsetH: number): string {
  const minutes = Math.floor(((((t + offsetH * H) % 86400) + 86400) % 86400) / 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * At the FC, order to loaded on its outbound trailer. Nominal: an idle FC picks, packs and
 * labels it one step each (3 x stepS), after waiting for the shift when ordered outside the
 * staffed hours (fcShiftStartHour, fcStaffedHoursPerDay, local).
 */
function buildFcStage(
  params: Params,
  watch: ParcelWatch,
  fc: number,
  orderedS: number,
  loaded: WatchedEvent | undefined,
  log: WatchedEvent[],
): JourneyStage {
  const closedS = getFcClosedWaitS(params, orderedS, watch.originUtcOffsetH);
  const stage = createStage(
    'atFc',
    'At the fulfillment center (pick, pack, label)',
    fc,
    orderedS,
    loaded?.timeS ?? null,
    3 * params.stepS + closedS,
  );
  if (closedS > 0)
    stage.causes.push({
      kind: 'fcClosed',
      text: `ordered while the FC was closed: ${formatHours(closedS)} until the shift at ${String(params.fcShiftStartHour).padStart(2, '0')}:00`,
      costS: 0,
    });
  const ordered = log.find((e) => e.event === 'ordered');
  const excess = (stage.endS ?? watch.tracedAtS) - orderedS - stage.expectedS;
  if (ordered && excess > params.stepS) {
    const picked = log.find((e) => e.event === 'picked');
    const pickWaitS = (picked?.timeS ?? watch.tracedAtS) - orderedS - closedS;
    stage.causes.push({
      kind: 'fcQueue',
      text: picked
        ? `joined a pick queue of ${formatCount(ordered.queueParcels)} parcels: ${formatHours(Math.max(0, pickWaitS))} before a robot picked it`
        : `joined a pick queue of ${formatCount(ordered.queueParcels)} parcels: waiting for a robot for ${formatHours(Math.max(0, pickWaitS))} so far`,
      costS: Math.max(0, excess),
    });
  }
  return stage;
}

/**
 * At the FC dock, loaded to departed. Nominal: the wait for the next scheduled departure (the
 * carrier cut-off: fcDeparturesPerDay, local midnight phase) after it was loaded.
 */
function buildDockStage(
  params: Params,
  watch: ParcelWatch,
  fc: number,
  loadedS: number | null,
  departedS: number | null,
): JourneyStage {
  const intervalS = getFcCutoffIntervalS(params);
  const cutoffS = loadedS === null ? 0 : getNextScheduledS(loadedS, watch.originUtcOffsetH, 0, intervalS);
  const stage = createStage(
    'atFcDock',
    'Waiting at the FC dock for its trailer',
    fc,
    loadedS,
    departedS,
    loadedS === null ? 0 : cutoffS - loadedS,
  );
  const leg = watch.legs[0];
  if (leg) stage.vehicleIds.push(leg.vehicleId);
  const endS = departedS ?? watch.tracedAtS;
  if (loadedS !== null && endS > cutoffS + params.stepS) {
    const missed = Math.floor((endS - cutoffS) / intervalS) + (departedS === null ? 1 : 0);
    stage.causes.push({
      kind: 'missedCutoff',
      text: `missed the trailer cut-off at ${formatLocalTime(cutoffS, watch.originUtcOffsetH)} (trailer not full enough to leave${missed > 1 ? `, ${missed} cut-offs` : ''}): waited ${formatHours(endS - loadedS)} at the dock`,
      costS: endS - cutoffS,
    });
  }
  return stage;
}

/** On a truck between facilities. Nominal: the same drive in fair weather (LineHaulLeg.fairWeatherDriveS). */
function buildLegStage(
  from: number,
  to: number,
  departedS: number | null,
  arrivedS: number | null,
  leg: LineHaulLeg | undefined,
): JourneyStage {
  const toStation = leg ? leg.kind === 'sortCenterToStation' : false;
  const label = leg
    ? leg.kind === 'fcToSortCenter'
      ? 'Line-haul to the sortation center'
      : toStation
        ? 'Line-haul to the delivery station'
        : 'Line-haul between sortation centers'
    : 'Line-haul';
  const stage = createStage('lineHaul', label, from, departedS, arrivedS, leg ? leg.fairWeatherDriveS : 0);
  stage.toFacility = to;
  if (leg) {
    stage.vehicleIds.push(leg.vehicleId);
    const driveS = (arrivedS ?? leg.arriveS) - (departedS ?? leg.departS);
    if (leg.weatherSpeedFactor < 1 && driveS > leg.fairWeatherDriveS)
      stage.causes.push({
        kind: 'weather',
        text: `storm in the region: trucks at ${Math.round(leg.weatherSpeedFactor * 100)}% speed (${formatHours(driveS - leg.fairWeatherDriveS)} longer)`,
        costS: driveS - leg.fairWeatherDriveS,
      });
  }
  return stage;
}

/**
 * At a sortation center, arrival to departure. Nominal: one step to sort, then the wait for
 * the next scheduled departure (every sortCenterDepartureIntervalH, local).
 */
function buildSortCenterStage(
  params: Params,
  sc: number,
  arrived: WatchedEvent | null,
  departedS: number | null,
  inbound: LineHaulLeg | undefined,
): JourneyStage {
  const intervalS = getSortCenterDepartureIntervalS(params);
  const offsetH = inbound?.toUtcOffsetH ?? 0;
  const arrivedS = arrived?.timeS ?? null;
  const sortedS = arrivedS === null ? 0 : arrivedS + params.stepS;
  const nextS = arrivedS === null ? 0 : getNextScheduledS(sortedS, offsetH, 0, intervalS);
  const stage = createStage(
    'atSortCenter',
    'At the sortation center',
    sc,
    arrivedS,
    departedS,
    arrivedS === null ? 0 : nextS - arrivedS,
  );
  if (arrived && departedS !== null && departedS > nextS + params.stepS) {
    stage.causes.push({
      kind: arrived.queueParcels > 1 ? 'sortQueue' : 'waitedForDeparture',
      text:
        arrived.queueParcels > 1
          ? `joined a sort queue of ${formatCount(arrived.queueParcels)} parcels: left ${formatHours(departedS - nextS)} after the next departure`
          : `its trailer left ${formatHours(departedS - nextS)} after the next scheduled departure`,
      costS: departedS - nextS,
    });
  }
  return stage;
}

/** Reasons that send a parcel to a partner carrier at the first wave it meets. */
const PARTNER_FIRST = new Set(['uspsCheaper', 'uspsRural', 'regionalRural']);

/**
 * At the delivery station, arrival to the hand-off wave. Nominal: one step to sort, then the
 * first wave that takes a parcel like it with vans and Flex drivers to spare: any wave for a
 * partner carrier's parcel; otherwise the van wave, or a later wave's Flex block when the
 * promise cannot wait for tomorrow's vans (lastMile.ts's rules).
 */
function buildStationStage(
  params: Params,
  trace: ParcelTrace,
  arrived: WatchedEvent | null,
  ready: WatchedEvent | undefined,
  handedOff: WatchedEvent | undefined,
): JourneyStage {
  const watch = trace.watch as ParcelWatch;
  const arrivedS = arrived?.timeS ?? null;
  let expectedS = 0;
  if (arrivedS !== null) {
    const readyS = arrivedS + params.stepS;
    const partner = trace.lastMile !== null && PARTNER_FIRST.has(trace.lastMile.reason);
    const wave = listWavesAfter(params, watch.stationUtcOffsetH, readyS).find(({ waveS, waveIndex }) => {
      if (partner) return true;
      if (waveIndex === VAN_WAVE) return true;
      if (waveIndex < VAN_WAVE) return false;
      return needsFlexToday(trace.promiseDeadlineS, getTomorrowsVanWaveS(waveS, waveIndex));
    });
    expectedS = (wave?.waveS ?? readyS) - arrivedS;
  }
  const stage = createStage(
    'atStation',
    'At the delivery station (sort, wait for its wave)',
    trace.destinationStation,
    arrivedS,
    handedOff?.timeS ?? null,
    expectedS,
  );
  if (arrivedS === null) return stage;
  const endS = handedOff?.timeS ?? watch.tracedAtS;
  const excess = endS - arrivedS - expectedS;
  const unfilled = watch.waveWaits.filter((wait) => wait.cause === 'noFlexDriver');
  let explained = 0;
  if (unfilled.length > 0) {
    // The time from the first unfilled wave to the hand-off is what the missing drivers cost.
    const costS = Math.max(0, Math.min(excess, endS - unfilled[0].waveS));
    explained += costS;
    stage.causes.push({
      kind: 'noFlexDriver',
      text: `no Flex driver: deferred ${unfilled.length} wave${unfilled.length > 1 ? 's' : ''} (vans full, ${formatHours(endS - unfilled[0].waveS)} waiting)`,
      costS,
    });
  }
  const sortQueue = arrived?.queueParcels ?? -1;
  const sortS = (ready?.timeS ?? endS) - arrivedS;
  if (sortS > 2 * params.stepS && excess - explained > 0) {
    const costS = Math.min(excess - explained, sortS - params.stepS);
    explained += costS;
    stage.causes.push({
      kind: 'sortQueue',
      text: `joined a station sort queue of ${formatCount(Math.max(1, sortQueue))} parcels: sorted after ${formatHours(sortS)}`,
      costS,
    });
  }
  const forVans = watch.waveWaits.filter((wait) => wait.cause === 'waitingForVans').length;
  if (forVans > 0)
    stage.causes.push({
      kind: 'waitedForVans',
      text: `reached the station after the van wave: waited ${forVans} wave${forVans > 1 ? 's' : ''} for the next day's vans`,
      costS: Math.max(0, excess - explained),
    });
  return stage;
}

const REASON_TEXT: Record<string, string> = {
  ownRoute: 'on a DSP van route',
  flexOverflow: 'on a Flex driver’s block (the vans were full)',
  flexSameDay: 'on a same-day Flex block',
  uspsCheaper: 'handed to USPS (light parcel: cheaper than a van)',
  uspsRural: 'handed to USPS (rural address)',
  regionalRural: 'handed to a regional carrier (rural address)',
  regionalOverflow: 'handed to a regional carrier (no van or Flex capacity left)',
  uspsOverflow: 'handed to USPS (no van or Flex capacity left)',
};

/**
 * Out for delivery (van or Flex) or with a partner carrier, hand-off wave to the door. Nominal:
 * own fleet, the same route in fair weather (driving time x the region's speed factor, an
 * approximation: stops are not slowed); partner, the carrier's typical (median, fair-weather)
 * service time in place of the drawn one (partnerCarriers.ts).
 */
function buildLastMileStage(
  params: Params,
  trace: ParcelTrace,
  handedOffS: number | null,
  deliveredS: number | null,
): JourneyStage {
  const watch = trace.watch as ParcelWatch;
  const handoff = watch.handoff;
  const choice = trace.lastMile;
  const stage = createStage(
    'lastMile',
    choice && (choice.carrier === 'usps' || choice.carrier === 'regional')
      ? 'With the carrier'
      : 'Out for delivery',
    trace.destinationStation,
    handedOffS,
    deliveredS,
    0,
  );
  if (handedOffS === null || !handoff) return stage;
  if (handoff.handoffTruck) stage.vehicleIds.push(handoff.handoffTruck.vehicleId);
  if (handoff.vehicleId >= 0) stage.vehicleIds.push(handoff.vehicleId);
  const endS = deliveredS ?? handoff.plannedDeliveryS;
  const actualS = endS - handedOffS;
  const partner = choice !== null && (choice.carrier === 'usps' || choice.carrier === 'regional');
  if (choice)
    stage.causes.push({
      kind: 'partnerCarrier',
      text: REASON_TEXT[choice.reason] ?? choice.reason,
      costS: 0,
    });
  if (partner && choice) {
    const atCarrierS =
      handoff.handoffTruck?.arriveS ?? handedOffS + HANDOFF_LOADING_S + HANDOFF_EXPECTED_DRIVE_S;
    const serviceS = handoff.departS - atCarrierS;
    const carrierCode = CARRIER_NAMES.indexOf(choice.carrier);
    const typicalS =
      getPartnerMedianH(carrierCode, PROMISE_CLASSES.indexOf(trace.promise), watch.stationRegion, false) * H;
    stage.expectedS = actualS - serviceS + typicalS;
    if (serviceS > typicalS + params.stepS)
      stage.causes.push({
        kind: handoff.storm ? 'weather' : 'carrierSlow',
        text: `${handoff.storm ? 'storm in the region: ' : ''}the carrier took ${formatHours(serviceS)} to start its door run (typically ${formatHours(typicalS)})`,
        costS: serviceS - typicalS,
      });
  } else {
    const loadingS = Math.max(0, handoff.departS - handedOffS);
    const drivingS = Math.max(0, actualS - loadingS);
    stage.expectedS = loadingS + drivingS * handoff.weatherSpeedFactor;
    if (handoff.weatherSpeedFactor < 1)
      stage.causes.push({
        kind: 'weather',
        text: `storm in the region: vans and cars at ${Math.round(handoff.weatherSpeedFactor * 100)}% speed`,
        costS: actualS - stage.expectedS,
      });
  }
  return stage;
}
