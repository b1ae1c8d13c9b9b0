/**
 * The last mile's delivery figures per facility (selecting a facility filters the panels to
 * it): one cumulative ledger, facilities x FACILITY_DELIVERY_COLUMNS, row-major.
 *
 * A parcel counts for every facility it crossed: its origin FC, each sortation center on its
 * path (getNextSortCenter, as the parcel trace walks it) and its delivery station. So a
 * station's row and an FC's row each split the network's figures exactly (every delivered
 * parcel has one station and one origin FC), while a sortation center's row holds the parcels
 * it sorted. Assignments and costs are booked when a carrier takes a parcel: a partner
 * carrier's rate per parcel as charged; a van route's cost or a Flex block's pay split evenly
 * over the parcels the route carries (the network books it once per route).
 * Counts are modelled parcels; costs are real USD (as LastMileMetrics).
 */
import { PROMISE_CLASSES } from '../kinds';
import { getNextSortCenter, type NetworkModel } from '../network';
import { getDeliveryKpis, type DeliveryKpis } from './lastMileKpis';
import { getLatenessBin, LATENESS_BIN_EDGES_H, LATENESS_BIN_KPIS } from './lastMileMetrics';

/**
 * Columns of the ledger, index = column. Carrier blocks are in DELIVERING_CARRIERS order (van,
 * flex, usps, regional; carrier code - 1), promise blocks in PROMISE_CLASSES order, lateness
 * bins in LATENESS_BIN_EDGES_H order ([edge i, edge i + 1) hours late, the last bin open).
 */
export const FACILITY_DELIVERY_COLUMNS = [
  'delivered',
  'deliveredOnTime',
  'deliveredByVan',
  'deliveredByFlex',
  'deliveredByUsps',
  'deliveredByRegional',
  'onTimeByVan',
  'onTimeByFlex',
  'onTimeByUsps',
  'onTimeByRegional',
  'deliveredSameDay',
  'deliveredNextDay',
  'deliveredTwoDay',
  'deliveredStandard',
  'onTimeSameDay',
  'onTimeNextDay',
  'onTimeTwoDay',
  'onTimeStandard',
  ...LATENESS_BIN_KPIS,
  'lateHoursSum', // over late parcels: mean lateness = this / (delivered - deliveredOnTime)
  'clickToDoorHoursSum', // mean = this / delivered
  'lateBeforeLastMile', // delivered late, and already past the promise when ready at the station
  'assignedVan',
  'assignedFlex',
  'assignedUsps',
  'assignedRegional',
  'vanCostUsd',
  'flexCostUsd',
  'uspsCostUsd',
  'regionalCostUsd',
] as const;
export type FacilityDeliveryColumn = (typeof FACILITY_DELIVERY_COLUMNS)[number];
export const FACILITY_DELIVERY_COLUMN_INDEX = Object.fromEntries(
  FACILITY_DELIVERY_COLUMNS.map((name, k) => [name, k]),
) as Record<FacilityDeliveryColumn, number>;

/** Columns per facility row. */
const STRIDE = FACILITY_DELIVERY_COLUMNS.length;
const COL = FACILITY_DELIVERY_COLUMN_INDEX;
const CARRIERS = 4;
const PROMISES = PROMISE_CLASSES.length;
const BINS = LATENESS_BIN_EDGES_H.length;
/** More hops than any path has (gateway, hub, parent): a guard against a cycle, not a limit. */
const MAX_SORT_HOPS = 8;

/** The cumulative delivery ledger of every facility; copied whole by snapshots. */
export class FacilityDeliveryLedger {
  /** facilities x FACILITY_DELIVERY_COLUMNS, row-major (facility id * STRIDE + column). */
  values: Float64Array;

  constructor(values: Float64Array = new Float64Array(0)) {
    this.values = values;
  }

  get facilityCount(): number {
    return this.values.length / STRIDE;
  }

  /** Grows the ledger to `count` facility rows (new rows start at zero). */
  ensureFacilities(count: number): void {
    if (this.values.length >= count * STRIDE) return;
    const values = new Float64Array(count * STRIDE);
    values.set(this.values);
    this.values = values;
  }

  /**
   * Books one delivered parcel for its station, its origin FC and each sortation center on its
   * path. `carrier` is a carrier code (carrierChoice: 1 van .. 4 regional).
   */
  recordDelivery(
    model: NetworkModel,
    originFc: number,
    station: number,
    carrier: number,
    promise: number,
    lateS: number,
    clickToDoorS: number,
    lateAtStation: boolean,
  ): void {
    const onTime = lateS <= 0 ? 1 : 0;
    const lateH = onTime ? 0 : lateS / 3600;
    const lateBin = onTime ? -1 : getLatenessBin(lateH);
    const clickToDoorH = clickToDoorS / 3600;
    const lateBefore = !onTime && lateAtStation ? 1 : 0;
    const v = this.values;
    let facility = station;
    let at = originFc;
    // Station first, then the origin FC, then each sortation center from the FC on.
    for (let hop = -1; facility >= 0 && hop < MAX_SORT_HOPS; hop++) {
      const row = facility * STRIDE;
      v[row + COL.delivered]++;
      v[row + COL.deliveredOnTime] += onTime;
      v[row + COL.deliveredByVan + carrier - 1]++;
      v[row + COL.onTimeByVan + carrier - 1] += onTime;
      v[row + COL.deliveredSameDay + promise]++;
      v[row + COL.onTimeSameDay + promise] += onTime;
      v[row + COL.clickToDoorHoursSum] += clickToDoorH;
      if (!onTime) {
        v[row + COL.late0To1H + lateBin]++;
        v[row + COL.lateHoursSum] += lateH;
        v[row + COL.lateBeforeLastMile] += lateBefore;
      }
      if (hop < 0) facility = originFc;
      else {
        facility = getNextSortCenter(model, at, station);
        at = facility;
      }
    }
  }

  /**
   * Books one parcel given to a carrier and its share of the cost (real USD) for its station,
   * its origin FC and each sortation center on its path.
   */
  recordAssignment(
    model: NetworkModel,
    originFc: number,
    station: number,
    carrier: number,
    costUsd: number,
  ): void {
    const v = this.values;
    let facility = station;
    let at = originFc;
    for (let hop = -1; facility >= 0 && hop < MAX_SORT_HOPS; hop++) {
      const row = facility * STRIDE;
      v[row + COL.assignedVan + carrier - 1]++;
      v[row + COL.vanCostUsd + carrier - 1] += costUsd;
      if (hop < 0) facility = originFc;
      else {
        facility = getNextSortCenter(model, at, station);
        at = facility;
      }
    }
  }

  copy(): FacilityDeliveryLedger {
    return new FacilityDeliveryLedger(this.values.slice());
  }

  /**
   * Moves the ledger onto a rebuilt network: each old facility's row is added to the row of the
   * facility it maps to (rebuild.ts mapFacilities: nearest of the same kind), the way its live
   * parcels move there. Sums over stations and over FCs stay equal to the network's figures.
   */
  remapFacilities(map: Int32Array, newFacilityCount: number): void {
    const old = this.values;
    const values = new Float64Array(newFacilityCount * STRIDE);
    const oldCount = Math.min(map.length, old.length / STRIDE);
    for (let id = 0; id < oldCount; id++) {
      const to = map[id];
      if (to < 0) continue; // no facility of that kind any more: cannot happen (counts are >= 1)
      for (let k = 0; k < STRIDE; k++) values[to * STRIDE + k] += old[id * STRIDE + k];
    }
    this.values = values;
  }
}

/**
 * A facility's delivery figures from the ledger's `values` (FacilityDeliveryLedger.values or
 * Simulation.readFacilityDeliveries().values), in the shape of the matching parts of
 * LastMileKpis. `scale` turns modelled parcels into real ones for costs per parcel (Params.scale).
 * Rates are NaN before the first parcel.
 */
/**
 * The rows of `facilityIds` added into one ledger row (facility 0 of the result): the figures of
 * a group of facilities, such as a metro's delivery stations, for getFacilityDeliveryKpis.
 */
export function sumFacilityDeliveries(values: Float64Array, facilityIds: readonly number[]): Float64Array {
  const sum = new Float64Array(STRIDE);
  for (const id of facilityIds) {
    if (id < 0 || (id + 1) * STRIDE > values.length)
      throw new Error(`facility ${id} is not in the delivery ledger (${values.length / STRIDE} facilities)`);
    for (let k = 0; k < STRIDE; k++) sum[k] += values[id * STRIDE + k];
  }
  return sum;
}

export function getFacilityDeliveryKpis(
  values: Float64Array,
  facilityId: number,
  scale: number,
): DeliveryKpis {
  const row = facilityId * STRIDE;
  if (facilityId < 0 || row + STRIDE > values.length)
    throw new Error(
      `facility ${facilityId} is not in the delivery ledger (${values.length / STRIDE} facilities)`,
    );
  const block = (first: number, length: number) => values.subarray(row + first, row + first + length);
  return getDeliveryKpis(
    {
      delivered: values[row + COL.delivered],
      deliveredOnTime: values[row + COL.deliveredOnTime],
      lateHoursSum: values[row + COL.lateHoursSum],
      clickToDoorHoursSum: values[row + COL.clickToDoorHoursSum],
      lateBeforeLastMile: values[row + COL.lateBeforeLastMile],
      assignedByCarrier: block(COL.assignedVan, CARRIERS),
      costUsdByCarrier: block(COL.vanCostUsd, CARRIERS),
      deliveredByCarrier: block(COL.deliveredByVan, CARRIERS),
      onTimeByCarrier: block(COL.onTimeByVan, CARRIERS),
      deliveredByPromise: block(COL.deliveredSameDay, PROMISES),
      onTimeByPromise: block(COL.onTimeSameDay, PROMISES),
      latenessHistogram: block(COL.late0To1H, BINS),
    },
    scale,
  );
}
