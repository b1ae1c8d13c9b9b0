/**
 * What the last mile measures (each flow's meaning and unit: KPI_DESCRIPTIONS, kpiDictionary.ts).
 * Two kinds of numbers:
 * - flows (LAST_MILE_FLOW_KPIS), counted as they happen into a Float64Array row the engine can
 *   fold into its hourly KPI series (carrier mix per hour, deliveries per hour, ...);
 * - breakdowns (by carrier, promise class and region; lateness histogram; decision reasons),
 *   cumulative only.
 * Counts are modelled parcels; route figures (stops, miles, hours) are those of the real route a
 * modelled route stands for; costs are real USD (divide by parcels and multiply by `scale` for
 * USD per real parcel, as the line-haul cost does).
 */
import { CARRIER_COUNT, CHOICE_REASONS } from './carrierChoice';

/**
 * Late deliveries per LATENESS_BIN_EDGES_H bin, one name a bin ([edge, next edge) hours late, the
 * last bin open): the network's hourly flows and each facility's ledger columns.
 */
export const LATENESS_BIN_KPIS = [
  'late0To1H',
  'late1To2H',
  'late2To4H',
  'late4To8H',
  'late8To12H',
  'late12To24H',
  'late24To48H',
  'late48HOrMore',
] as const;

export const LAST_MILE_FLOW_KPIS = [
  'assignedVan',
  'assignedFlex',
  'assignedUsps',
  'assignedRegional',
  'delivered',
  'deliveredOnTime',
  'lateHoursSum',
  'clickToDoorHoursSum',
  'vanRoutes',
  'vanStops',
  'vanMiles',
  'vanHours',
  'flexRoutes',
  'flexStops',
  // Real parcels the blocks carried: a block's stops per parcel differ by wave (a later wave's
  // doors rarely take two parcels), so parcels are counted, not derived from stops.
  'flexParcelsOnRoutes',
  'flexMiles',
  'flexHours',
  'flexSameDayRoutes',
  'flexSameDayStops',
  'flexSameDayParcelsOnRoutes',
  'flexBlocksOffered',
  'flexBlocksAccepted',
  'flexBlocksUnfilled',
  // Real blocks beside modelled ones: a modelled block stands for 1 / (scale x real parcels per
  // modelled parcel) of its class's, so rates are taken over real blocks (acceptanceRate).
  'flexRealBlocksOffered',
  'flexRealBlocksAccepted',
  'flexRealBlocksUnfilled',
  'flexBlocksNoDriverLeft',
  'flexRealBlocksNoDriverLeft',
  'flexPayUsd',
  'vanCostUsd',
  'flexCostUsd',
  'uspsCostUsd',
  'regionalCostUsd',
  'handoffTrucks',
  'partnerDoorRuns',
  'deferredToLaterWave',
  'lateBeforeLastMile',
  // Deliveries and on-time deliveries per carrier as flows, so a window of hours has its own
  // breakdown; in carrier-code order, pairs (recordDelivery indexes them by code).
  'deliveredVan',
  'onTimeVan',
  'deliveredFlex',
  'onTimeFlex',
  'deliveredUsps',
  'onTimeUsps',
  'deliveredRegional',
  'onTimeRegional',
  // Late deliveries per LATENESS_BIN_EDGES_H bin, so a window of hours has its own histogram.
  ...LATENESS_BIN_KPIS,
] as const;
export type LastMileFlowKpi = (typeof LAST_MILE_FLOW_KPIS)[number];
export const LAST_MILE_KPI_INDEX = Object.fromEntries(
  LAST_MILE_FLOW_KPIS.map((name, k) => [name, k]),
) as Record<LastMileFlowKpi, number>;

/** Lateness histogram bin edges, hours late (the last bin is open). */
export const LATENESS_BIN_EDGES_H = [0, 1, 2, 4, 8, 12, 24, 48] as const;
export const PROMISE_CLASS_COUNT = 4;

/** The LATENESS_BIN_EDGES_H bin of a parcel `lateH` hours late (lateH > 0). */
export function getLatenessBin(lateH: number): number {
  let bin = LATENESS_BIN_EDGES_H.length - 1;
  while (bin > 0 && lateH < LATENESS_BIN_EDGES_H[bin]) bin--;
  return bin;
}

/**
 * The breakdown columns of LastMileMetrics, named once for its copy, the snapshot that saves them
 * and the restore that reads them back.
 */
export const BREAKDOWN_COLUMNS = [
  'deliveredByCarrier',
  'onTimeByCarrier',
  'deliveredByPromise',
  'onTimeByPromise',
  'deliveredByRegion',
  'onTimeByRegion',
  'latenessHistogram',
  'reasons',
] as const;
export type BreakdownColumn = (typeof BREAKDOWN_COLUMNS)[number];

export class LastMileMetrics {
  /** Flow counters; the engine may hand in its own KPI row and the offset of these in it. */
  flows: Float64Array;
  base: number;
  /** Per carrier code: delivered, on time, click-to-door hours. */
  deliveredByCarrier: Float64Array;
  onTimeByCarrier: Float64Array;
  /** Per promise class. */
  deliveredByPromise: Float64Array;
  onTimeByPromise: Float64Array;
  /** Per region. */
  deliveredByRegion: Float64Array;
  onTimeByRegion: Float64Array;
  /** Late parcels per LATENESS_BIN_EDGES_H bin. */
  latenessHistogram: Float64Array;
  /** Decisions per CHOICE_REASONS code (deferrals included). */
  reasons: Float64Array;

  constructor(regionCount: number, flows?: Float64Array, base = 0) {
    this.flows = flows ?? new Float64Array(LAST_MILE_FLOW_KPIS.length);
    this.base = base;
    this.deliveredByCarrier = new Float64Array(CARRIER_COUNT);
    this.onTimeByCarrier = new Float64Array(CARRIER_COUNT);
    this.deliveredByPromise = new Float64Array(PROMISE_CLASS_COUNT);
    this.onTimeByPromise = new Float64Array(PROMISE_CLASS_COUNT);
    this.deliveredByRegion = new Float64Array(regionCount);
    this.onTimeByRegion = new Float64Array(regionCount);
    this.latenessHistogram = new Float64Array(LATENESS_BIN_EDGES_H.length);
    this.reasons = new Float64Array(CHOICE_REASONS.length);
  }

  add(kpi: number, amount: number): void {
    this.flows[this.base + kpi] += amount;
  }

  get(kpi: number): number {
    return this.flows[this.base + kpi];
  }

  /** Books one delivered parcel. */
  recordDelivery(
    carrier: number,
    promise: number,
    region: number,
    lateS: number,
    clickToDoorS: number,
    lateAtStation: boolean,
  ): void {
    const K = LAST_MILE_KPI_INDEX;
    const onTime = lateS <= 0 ? 1 : 0;
    this.add(K.delivered, 1);
    this.add(K.deliveredOnTime, onTime);
    this.add(K.clickToDoorHoursSum, clickToDoorS / 3600);
    this.deliveredByCarrier[carrier]++;
    this.onTimeByCarrier[carrier] += onTime;
    if (carrier > 0) {
      // Carrier codes 1..4 in the order of the per-carrier flow pairs.
      this.add(K.deliveredVan + 2 * (carrier - 1), 1);
      this.add(K.onTimeVan + 2 * (carrier - 1), onTime);
    }
    this.deliveredByPromise[promise]++;
    this.onTimeByPromise[promise] += onTime;
    this.deliveredByRegion[region]++;
    this.onTimeByRegion[region] += onTime;
    if (!onTime) {
      const lateH = lateS / 3600;
      if (lateAtStation) this.add(K.lateBeforeLastMile, 1);
      this.add(K.lateHoursSum, lateH);
      const bin = getLatenessBin(lateH);
      this.latenessHistogram[bin]++;
      this.add(K.late0To1H + bin, 1);
    }
  }

  /** A copy that owns its arrays (the flow row is copied out of the engine's row). */
  copy(): LastMileMetrics {
    const out = new LastMileMetrics(this.deliveredByRegion.length);
    out.flows.set(this.flows.subarray(this.base, this.base + LAST_MILE_FLOW_KPIS.length));
    for (const key of BREAKDOWN_COLUMNS) out[key].set(this[key]);
    return out;
  }
}
