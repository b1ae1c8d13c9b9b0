/**
 * The figures of a run that shared/CALIBRATION.md has real-world numbers for, over a window of
 * completed sim hours, in CALIBRATION's units (real parcels, real routes, USD). Computed from the
 * hourly KPI series only, so any window of a run (a steady state after its warm-up) has them.
 *
 * On-time is honest (dueLedger.ts): parcels whose promise fell due in the window, late if not
 * delivered by then. Per carrier, on-time is over the parcels it delivered in the window.
 */
import { getDueOnTime, type KpiName, sumHours } from './kpis';
import { STOPS_PER_PARCEL } from './lastMile/costModel';
import type { Params } from './params';

/**
 * Warm-up skipped by every figure meant for a report, days. The network starts empty: queues
 * and trucks on the road reach their daily rhythm within about three days, and the slowest
 * promise (standard, five days to 21:00 local) first falls due on day 6, so a window that starts
 * earlier holds too few slow, easy parcels and reads low.
 */
export const WARM_UP_DAYS = 6;

export interface CalibrationFigures {
  /** Window of completed sim hours [fromHour, toHour). */
  fromHour: number;
  toHour: number;
  onTime: number;
  onTimeSameDay: number;
  onTimeNextDay: number;
  onTimeTwoDay: number;
  onTimeStandard: number;
  onTimeVan: number;
  onTimeFlex: number;
  onTimeUsps: number;
  onTimeRegional: number;
  /** Lowest on-time of a carrier that delivered at least 0.5% of the window's parcels. */
  onTimeWorstCarrier: number;
  shareVan: number;
  shareFlex: number;
  shareUsps: number;
  shareRegional: number;
  inRegionShare: number;
  /** Share of orders from the 60 largest metros promised same-day or next-day. */
  fastPromiseShareTop60: number;
  /** Share of all orders promised same-day. */
  sameDayPromiseShare: number;
  vanStopsPerRoute: number;
  vanParcelsPerRoute: number;
  vanMilesPerRoute: number;
  vanHoursPerRoute: number;
  vanStopsPerHour: number;
  /** Van routes' cost (driver, van, DSP) over their real stops, USD. */
  vanCostPerStopUsd: number;
  /** Parcels and stops of the van wave's Flex blocks (the vans' overflow). */
  flexParcelsPerBlock: number;
  flexStopsPerBlock: number;
  /** Parcels of the later waves' Flex blocks (same-day blocks). */
  flexSameDayParcelsPerBlock: number;
  /** Pay per block hour offered (the rate drivers see), USD/h. */
  flexPayPerBlockHourUsd: number;
  /** Pay over the hours Flex drivers worked (a block ends early when its route does), USD/h. */
  flexPayPerHourWorkedUsd: number;
  /** Blocks accepted over blocks offered, those no driver was left for included. */
  flexAcceptance: number;
  /**
   * Blocks offered that no driver was left for (every Flex driver around the station had a block
   * that day already), over blocks offered: the pool, not the pay, leaving parcels behind.
   */
  flexNoDriverLeftShare: number;
  /** Real items picked per FC per day. */
  fcItemsPerDay: number;
  /** Real parcels ordered per day. */
  parcelsPerDay: number;
  lastMileCostPerParcelUsd: number;
  lineHaulCostPerParcelUsd: number;
  /** Last mile's share of the transport cost the model books (line-haul + last mile). */
  lastMileShareOfCost: number;
  meanClickToDoorH: number;
}

/** Parcels from stops x parcels per stop: drops the float noise of the round trip (40 not 39.99999). */
function roundOff(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Figures over completed hours [fromHour, toHour) of a run's hourly KPI series. */
export function getCalibrationFigures(
  hourly: Record<KpiName, ArrayLike<number>>,
  params: Params,
  fulfillmentCenterCount: number,
  fromHour: number,
  toHour: number,
): CalibrationFigures {
  const sum = (name: KpiName) => sumHours(hourly[name], fromHour, toHour);
  const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
  const due = getDueOnTime(hourly, fromHour, toHour);
  const days = (toHour - fromHour) / 24;
  const assigned = {
    van: sum('assignedVan'),
    flex: sum('assignedFlex'),
    usps: sum('assignedUsps'),
    regional: sum('assignedRegional'),
  };
  const assignedTotal = assigned.van + assigned.flex + assigned.usps + assigned.regional;
  const delivered = {
    van: sum('deliveredVan'),
    flex: sum('deliveredFlex'),
    usps: sum('deliveredUsps'),
    regional: sum('deliveredRegional'),
  };
  const onTime = {
    van: ratio(sum('onTimeVan'), delivered.van),
    flex: ratio(sum('onTimeFlex'), delivered.flex),
    usps: ratio(sum('onTimeUsps'), delivered.usps),
    regional: ratio(sum('onTimeRegional'), delivered.regional),
  };
  const deliveredTotal = delivered.van + delivered.flex + delivered.usps + delivered.regional;
  let worst = Number.NaN;
  for (const carrier of ['van', 'flex', 'usps', 'regional'] as const) {
    if (delivered[carrier] < 0.005 * deliveredTotal) continue;
    if (!(onTime[carrier] >= worst)) worst = onTime[carrier];
  }
  const vanRoutes = sum('vanRoutes');
  const vanStops = sum('vanStops');
  // The van wave's Flex blocks: all of them less the later waves' (same-day) ones.
  const flexRoutes = sum('flexRoutes') - sum('flexSameDayRoutes');
  const flexStops = sum('flexStops') - sum('flexSameDayStops');
  const flexParcels = sum('flexParcelsOnRoutes') - sum('flexSameDayParcelsOnRoutes');
  const costs = sum('vanCostUsd') + sum('flexCostUsd') + sum('uspsCostUsd') + sum('regionalCostUsd');
  return {
    fromHour,
    toHour,
    onTime: due.rate,
    onTimeSameDay: due.byPromise.sameDay.rate,
    onTimeNextDay: due.byPromise.nextDay.rate,
    onTimeTwoDay: due.byPromise.twoDay.rate,
    onTimeStandard: due.byPromise.standard.rate,
    onTimeVan: onTime.van,
    onTimeFlex: onTime.flex,
    onTimeUsps: onTime.usps,
    onTimeRegional: onTime.regional,
    onTimeWorstCarrier: worst,
    shareVan: ratio(assigned.van, assignedTotal),
    shareFlex: ratio(assigned.flex, assignedTotal),
    shareUsps: ratio(assigned.usps, assignedTotal),
    shareRegional: ratio(assigned.regional, assignedTotal),
    inRegionShare: ratio(sum('sourcedInRegion'), sum('ordered')),
    fastPromiseShareTop60: ratio(sum('topMetroFastPromises'), sum('topMetroOrders')),
    sameDayPromiseShare: ratio(
      sum('promisedSameDay'),
      sum('promisedSameDay') + sum('promisedNextDay') + sum('promisedTwoDay') + sum('promisedStandard'),
    ),
    vanStopsPerRoute: ratio(vanStops, vanRoutes),
    vanParcelsPerRoute: roundOff(ratio(vanStops, vanRoutes) / STOPS_PER_PARCEL),
    vanMilesPerRoute: ratio(sum('vanMiles'), vanRoutes),
    vanHoursPerRoute: ratio(sum('vanHours'), vanRoutes),
    vanStopsPerHour: ratio(vanStops, sum('vanHours')),
    // USD per real van parcel, times real parcels per stop.
    vanCostPerStopUsd: (ratio(sum('vanCostUsd'), assigned.van) * params.scale) / STOPS_PER_PARCEL,
    flexParcelsPerBlock: roundOff(ratio(flexParcels, flexRoutes)),
    flexStopsPerBlock: ratio(flexStops, flexRoutes),
    flexSameDayParcelsPerBlock: roundOff(ratio(sum('flexSameDayParcelsOnRoutes'), sum('flexSameDayRoutes'))),
    flexPayPerBlockHourUsd: ratio(sum('flexPayUsd'), sum('flexBlocksAccepted') * params.flexBlockH),
    flexPayPerHourWorkedUsd: ratio(sum('flexPayUsd'), sum('flexHours')),
    flexAcceptance: ratio(sum('flexBlocksAccepted'), sum('flexBlocksOffered')),
    flexNoDriverLeftShare: ratio(sum('flexBlocksNoDriverLeft'), sum('flexBlocksOffered')),
    fcItemsPerDay: ratio(
      (sum('picked') * params.itemsPerParcel) / params.scale,
      fulfillmentCenterCount * days,
    ),
    parcelsPerDay: ratio(sum('ordered') / params.scale, days),
    lastMileCostPerParcelUsd: ratio(costs * params.scale, assignedTotal),
    lineHaulCostPerParcelUsd: ratio(sum('lineHaulCostUsd') * params.scale, sum('lineHaul')),
    lastMileShareOfCost: ratio(costs, costs + sum('lineHaulCostUsd')),
    meanClickToDoorH: ratio(sum('clickToDoorHoursSum'), sum('delivered')),
  };
}
