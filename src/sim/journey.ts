/**
 * Why a watched parcel was late: a fold over its journal (parcelJournal.ts, the facts the stages
 * recorded) that cuts the journey into the stages a person recognises, each with what it took,
 * what it would take with nothing in the way (the nominal) and the causes that cost the rest,
 * as structured data with figures; the page puts them into words. Pure: no model state.
 *
 * Stages are contiguous: each starts where the one before ended, so their durations add up to
 * click-to-door (or to the time so far while the parcel is on its way; stages not reached are
 * 'pending').
 */
import type { CarrierName, ChoiceReason } from './lastMile/carrierChoice';
import type { Params } from './params';
import type {
  DeferralCause,
  HandedOff,
  JourneyFact,
  JournalQueue,
  LineHaulLegKind,
  QueueJoined,
  TruckBoarded,
  WaveDeferred,
} from './parcelJournal';
import type { ParcelWatch } from './placedOrders';
import {
  getFcClosedWaitS,
  getFcCutoffIntervalS,
  getNextScheduledS,
  getSortCenterDepartureIntervalS,
} from './schedules';
import type { ParcelTrace } from './simulation';

export type JourneyStageKind = 'atFc' | 'atFcDock' | 'lineHaul' | 'atSortCenter' | 'atStation' | 'lastMile';
export type JourneyStageStatus = 'done' | 'inProgress' | 'pending';

/** What cost a stage time (costS: seconds of its excess put down to it; 0 for one that only explains). */
export type JourneyCause =
  /** Ordered outside the FC's staffed hours: part of the nominal, said for clarity. */
  | { kind: 'fcClosed'; costS: number; closedS: number; shiftStartHour: number }
  /** Orders ahead of it in the FC's pick queue; waitS until a robot picked it (or so far). */
  | { kind: 'fcQueue'; costS: number; parcelsAhead: number; waitS: number; picked: boolean }
  /** Its trailer skipped scheduled departures (not full enough to leave). */
  | {
      kind: 'missedCutoff';
      costS: number;
      /** The first cut-off after it was loaded, sim seconds, and the FC's UTC offset (its local clock). */
      cutoffS: number;
      utcOffsetH: number;
      cutoffsMissed: number;
      waitedS: number;
    }
  /** A storm slowed its vehicles (speedFactor of the region, 1 = fair). */
  | { kind: 'weather'; costS: number; vehicles: 'trucks' | 'vansAndCars'; speedFactor: number }
  /** Parcels ahead of it in a sort queue; waitS: how long sorting took it (or the delay past the next departure). */
  | { kind: 'sortQueue'; costS: number; at: 'sortCenter' | 'station'; parcelsAhead: number; waitS: number }
  /** A sortation trailer left later than the next scheduled departure. */
  | { kind: 'waitedForDeparture'; costS: number; lateS: number }
  /** Every dock door was busy: its trailer waited waitS for one before it could be loaded (dockDoors.ts). */
  | { kind: 'dockDoors'; costS: number; waitS: number }
  /** Waves that could have taken it and did not, by the dispatcher's recorded cause. */
  | { kind: 'noFlexDriver' | 'noRoute'; costS: number; waves: number; waitingS: number }
  /** It reached the station after the wave that could take it: waited for the next day's vans (nominal). */
  | { kind: 'waitedForVans'; costS: number; waves: number }
  /** Who took it to the door and why (carrierChoice). */
  | { kind: 'lastMileChoice'; costS: number; carrier: CarrierName; reason: ChoiceReason }
  /** A partner carrier took longer than its typical time to start the door run. */
  | { kind: 'carrierSlow'; costS: number; storm: boolean; serviceS: number; typicalS: number };

export interface JourneyStage {
  kind: JourneyStageKind;
  /** Line-haul stages: which leg. */
  leg: LineHaulLegKind | null;
  /** The last mile, once handed off: who takes it to the door. */
  carrier: CarrierName | null;
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

/** The facts of a journal, sorted out by kind (each list in time order). */
interface JournalFold {
  joined: Record<JournalQueue, QueueJoined[]>;
  trucks: TruckBoarded[];
  deferrals: WaveDeferred[];
  handedOff: HandedOff | null;
}

function foldFacts(facts: readonly JourneyFact[]): JournalFold {
  const fold: JournalFold = {
    joined: { pick: [], pack: [], slam: [], fcDock: [], sortCenterSort: [], stationSort: [], ready: [] },
    trucks: [],
    deferrals: [],
    handedOff: null,
  };
  for (const fact of facts) {
    if (fact.kind === 'queueJoined') fold.joined[fact.queue].push(fact);
    else if (fact.kind === 'truckBoarded') fold.trucks.push(fact);
    else if (fact.kind === 'waveDeferred') fold.deferrals.push(fact);
    else if (fact.kind === 'handedOff') fold.handedOff = fact;
  }
  return fold;
}

/** Explains a watched parcel's journey against its promise; throws for a trace without `watch`. */
export function explainJourney(trace: ParcelTrace, params: Params): Journey {
  const watch = trace.watch;
  if (!watch)
    throw new Error(
      `parcel ${trace.parcelId} is not watched: only orders placed with placeOrder can be explained`,
    );
  const fold = foldFacts(watch.facts);
  const { joined, trucks } = fold;
  const orderedS = joined.pick[0]?.timeS ?? trace.events[0].timeS;
  const arrivals = [...joined.sortCenterSort, ...joined.stationSort];
  const legCount = trace.path.length - 1;
  const nowS = watch.tracedAtS;
  const loaded = joined.fcDock[0] ?? null;
  const stages: JourneyStage[] = [
    buildFcStage(params, watch, trace.originFacility, orderedS, fold),
    buildDockStage(params, watch, trace.originFacility, loaded?.timeS ?? null, trucks[0] ?? null),
  ];
  for (let i = 0; i < legCount; i++) {
    const truck = trucks[i] ?? null;
    stages.push(buildLegStage(trace.path[i], trace.path[i + 1], truck, arrivals[i]?.timeS ?? null));
    if (i < legCount - 1)
      stages.push(
        buildSortCenterStage(params, trace.path[i + 1], arrivals[i] ?? null, trucks[i + 1] ?? null, truck),
      );
  }
  const atStation = joined.stationSort.at(-1) ?? null;
  stages.push(buildStationStage(params, trace.destinationStation, atStation, fold, nowS));
  stages.push(buildLastMileStage(params, trace.destinationStation, fold.handedOff, watch.deliveredS));

  for (const stage of stages) {
    if (stage.startS === null) {
      stage.endS = null;
      stage.causes = [];
      continue;
    }
    stage.status = stage.endS === null ? 'inProgress' : 'done';
    stage.durationS = (stage.endS ?? nowS) - stage.startS;
    stage.excessS = stage.durationS - stage.expectedS;
    if (stage.status === 'inProgress' && stage.excessS < 0) stage.excessS = 0;
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
  facility: number,
  startS: number | null,
  endS: number | null,
  expectedS: number,
): JourneyStage {
  return {
    kind,
    leg: null,
    carrier: null,
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

/**
 * At the FC, order to loaded on its outbound trailer. Nominal: an idle FC picks, packs and
 * labels it one step each (3 x stepS), after waiting for the shift when ordered outside the
 * staffed hours (schedules.ts).
 */
function buildFcStage(
  params: Params,
  watch: ParcelWatch,
  fc: number,
  orderedS: number,
  fold: JournalFold,
): JourneyStage {
  const closedS = getFcClosedWaitS(params, orderedS, watch.originUtcOffsetH);
  const loadedS = fold.joined.fcDock[0]?.timeS ?? null;
  const stage = createStage('atFc', fc, orderedS, loadedS, 3 * params.stepS + closedS);
  if (closedS > 0)
    stage.causes.push({ kind: 'fcClosed', costS: 0, closedS, shiftStartHour: params.fcShiftStartHour });
  const ordered = fold.joined.pick[0];
  const excess = (loadedS ?? watch.tracedAtS) - orderedS - stage.expectedS;
  if (ordered && excess > params.stepS) {
    // A pack buffer over its capacity re-stows totes: the last time it left for the pack buffer counts.
    const picked = fold.joined.pack.at(-1);
    stage.causes.push({
      kind: 'fcQueue',
      costS: excess,
      parcelsAhead: ordered.parcelsAhead,
      waitS: Math.max(0, (picked?.timeS ?? watch.tracedAtS) - orderedS - closedS),
      picked: picked !== undefined,
    });
  }
  return stage;
}

/** At the FC dock, loaded to departed. Nominal: the wait for the next carrier cut-off (schedules.ts). */
function buildDockStage(
  params: Params,
  watch: ParcelWatch,
  fc: number,
  loadedS: number | null,
  truck: TruckBoarded | null,
): JourneyStage {
  const intervalS = getFcCutoffIntervalS(params);
  const offsetH = watch.originUtcOffsetH;
  const cutoffS = loadedS === null ? 0 : getNextScheduledS(loadedS, offsetH, 0, intervalS);
  const departedS = truck?.departS ?? null;
  const stage = createStage('atFcDock', fc, loadedS, departedS, loadedS === null ? 0 : cutoffS - loadedS);
  if (truck) stage.vehicleIds.push(truck.vehicleId);
  // A wait for a dock door comes after the cut-off the trailer was ready for: the door's, not the cut-off's.
  const doorWaitS = truck?.doorWaitS ?? 0;
  if (doorWaitS > 0) stage.causes.push({ kind: 'dockDoors', costS: doorWaitS, waitS: doorWaitS });
  const endS = (departedS ?? watch.tracedAtS) - doorWaitS;
  if (loadedS !== null && endS > cutoffS + params.stepS) {
    stage.causes.push({
      kind: 'missedCutoff',
      costS: endS - cutoffS,
      cutoffS,
      utcOffsetH: offsetH,
      cutoffsMissed: Math.floor((endS - cutoffS) / intervalS) + (departedS === null ? 1 : 0),
      waitedS: endS - loadedS,
    });
  }
  return stage;
}

type WeatherCause = Extract<JourneyCause, { kind: 'weather' }>;

/** What a storm cost a stretch: `costS` beyond its fair-weather time, its region's speed factor. */
function getWeatherCause(
  vehicles: WeatherCause['vehicles'],
  costS: number,
  speedFactor: number,
): WeatherCause {
  return { kind: 'weather', costS, vehicles, speedFactor };
}

/** On a truck between facilities. Nominal: the same drive in fair weather (recorded at boarding). */
function buildLegStage(
  from: number,
  to: number,
  truck: TruckBoarded | null,
  arrivedS: number | null,
): JourneyStage {
  const stage = createStage(
    'lineHaul',
    from,
    truck?.departS ?? null,
    arrivedS,
    truck?.fairWeatherDriveS ?? 0,
  );
  stage.toFacility = to;
  if (!truck) return stage;
  stage.leg = truck.leg;
  stage.vehicleIds.push(truck.vehicleId);
  const driveS = (arrivedS ?? truck.arriveS) - truck.departS;
  if (truck.weatherSpeedFactor < 1 && driveS > truck.fairWeatherDriveS)
    stage.causes.push(getWeatherCause('trucks', driveS - truck.fairWeatherDriveS, truck.weatherSpeedFactor));
  return stage;
}

/**
 * At a sortation center, arrival to departure. Nominal: one step to sort, then the wait for
 * the next scheduled departure (schedules.ts, on the sortation center's local clock).
 */
function buildSortCenterStage(
  params: Params,
  sc: number,
  arrived: QueueJoined | null,
  outbound: TruckBoarded | null,
  inbound: TruckBoarded | null,
): JourneyStage {
  const arrivedS = arrived?.timeS ?? null;
  const nextS =
    arrivedS === null
      ? 0
      : getNextScheduledS(
          arrivedS + params.stepS,
          inbound?.toUtcOffsetH ?? 0,
          0,
          getSortCenterDepartureIntervalS(params),
        );
  const departedS = outbound?.departS ?? null;
  const stage = createStage(
    'atSortCenter',
    sc,
    arrivedS,
    departedS,
    arrivedS === null ? 0 : nextS - arrivedS,
  );
  const doorWaitS = outbound?.doorWaitS ?? 0;
  if (doorWaitS > 0) stage.causes.push({ kind: 'dockDoors', costS: doorWaitS, waitS: doorWaitS });
  if (arrived && departedS !== null && departedS - doorWaitS > nextS + params.stepS) {
    const lateS = departedS - doorWaitS - nextS;
    stage.causes.push(
      arrived.parcelsAhead > 0
        ? {
            kind: 'sortQueue',
            costS: lateS,
            at: 'sortCenter',
            parcelsAhead: arrived.parcelsAhead,
            waitS: lateS,
          }
        : { kind: 'waitedForDeparture', costS: lateS, lateS },
    );
  }
  return stage;
}

/** Deferral causes that cost time: a wave that would have taken it did not. */
const MISSED_WAVE = ['noFlexDriver', 'noRoute'] as const satisfies readonly DeferralCause[];

/**
 * At the delivery station, arrival to the hand-off wave. Nominal: the first wave after one step
 * of sorting that takes a parcel like it with vehicles to spare, as the dispatcher recorded it
 * at the hand-off; while it waits, the first wave that could have taken it and did not, else the
 * time so far.
 */
function buildStationStage(
  params: Params,
  station: number,
  arrived: QueueJoined | null,
  fold: JournalFold,
  nowS: number,
): JourneyStage {
  const arrivedS = arrived?.timeS ?? null;
  const { handedOff } = fold;
  const deferrals = fold.deferrals.filter((wait) => arrivedS !== null && wait.waveS > arrivedS);
  const missed = deferrals.filter((wait) => wait.cause === 'noFlexDriver' || wait.cause === 'noRoute');
  const endS = handedOff?.waveS ?? nowS;
  const nominalEndS = handedOff?.nominalWaveS ?? missed[0]?.waveS ?? endS;
  const stage = createStage(
    'atStation',
    station,
    arrivedS,
    handedOff?.waveS ?? null,
    arrivedS === null ? 0 : Math.max(0, nominalEndS - arrivedS),
  );
  if (arrivedS === null) return stage;
  const excess = endS - arrivedS - stage.expectedS;
  let explained = 0;
  for (const kind of MISSED_WAVE) {
    const waits = missed.filter((wait) => wait.cause === kind);
    if (waits.length === 0) continue;
    // From the first wave that left it behind to the hand-off is what the missing vehicles cost.
    const costS = Math.max(0, Math.min(excess - explained, endS - waits[0].waveS));
    explained += costS;
    stage.causes.push({ kind, costS, waves: waits.length, waitingS: endS - waits[0].waveS });
  }
  const readyS = fold.joined.ready.find((ready) => ready.timeS >= arrivedS)?.timeS ?? endS;
  const sortS = readyS - arrivedS;
  if (sortS > 2 * params.stepS && excess - explained > 0) {
    const costS = Math.min(excess - explained, sortS - params.stepS);
    explained += costS;
    stage.causes.push({
      kind: 'sortQueue',
      costS,
      at: 'station',
      parcelsAhead: arrived?.parcelsAhead ?? 0,
      waitS: sortS,
    });
  }
  const forVans = deferrals.filter((wait) => wait.cause === 'waitingForVans').length;
  if (forVans > 0)
    stage.causes.push({ kind: 'waitedForVans', costS: Math.max(0, excess - explained), waves: forVans });
  return stage;
}

/**
 * Out for delivery (van or Flex) or with a partner carrier, hand-off wave to the door. Nominal:
 * own fleet, the same route in fair weather (driving time x the region's speed factor, an
 * approximation: stops are not slowed); partner, the carrier's typical (median, fair-weather)
 * service time in place of the drawn one, both recorded at the hand-off.
 */
function buildLastMileStage(
  params: Params,
  station: number,
  handedOff: HandedOff | null,
  deliveredS: number | null,
): JourneyStage {
  const stage = createStage('lastMile', station, handedOff?.waveS ?? null, deliveredS, 0);
  if (!handedOff) return stage;
  const { carrier, waveS } = handedOff;
  stage.carrier = carrier;
  if (handedOff.handoffTruck) stage.vehicleIds.push(handedOff.handoffTruck.vehicleId);
  stage.vehicleIds.push(handedOff.vehicleId);
  const actualS = (deliveredS ?? handedOff.plannedDeliveryS) - waveS;
  stage.causes.push({ kind: 'lastMileChoice', costS: 0, carrier, reason: handedOff.reason });
  if (carrier === 'usps' || carrier === 'regional') {
    const serviceS = handedOff.departS - handedOff.carrierReceivedS;
    const typicalS = handedOff.typicalServiceS;
    stage.expectedS = actualS - serviceS + typicalS;
    if (serviceS > typicalS + params.stepS)
      stage.causes.push({
        kind: 'carrierSlow',
        costS: serviceS - typicalS,
        storm: handedOff.storm,
        serviceS,
        typicalS,
      });
  } else {
    const loadingS = Math.max(0, handedOff.departS - waveS);
    stage.expectedS = loadingS + Math.max(0, actualS - loadingS) * handedOff.weatherSpeedFactor;
    if (handedOff.weatherSpeedFactor < 1)
      stage.causes.push(
        getWeatherCause('vansAndCars', actualS - stage.expectedS, handedOff.weatherSpeedFactor),
      );
  }
  return stage;
}
