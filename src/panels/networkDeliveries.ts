/**
 * The network's delivery figures over a window of sim hours, from the hourly columns of its KPI
 * history (the model keeps its breakdowns whole from the start; the hourly flows let a window,
 * such as the headline's last day, have its own). Pure: the panels and their tests call it.
 */
import { type DeliveryKpis, getDeliveryKpis } from '../sim/lastMile/lastMileKpis';
import { LATENESS_BIN_KPIS } from '../sim/lastMile/lastMileMetrics';
import type { KpiHistory } from '../state/kpiHistory';
import { sumWindowColumns } from './aggregate';

/**
 * The network's hourly columns that make its delivery counters (the model's names: per carrier
 * van, flex, usps, regional; lateness bins in LATENESS_BIN_EDGES_H order). By promise class the
 * network counts parcels by due hour (honest: late if not delivered by the deadline).
 */
const NETWORK_DELIVERY_COLUMNS = {
  totals: ['delivered', 'deliveredOnTime', 'lateHoursSum', 'clickToDoorHoursSum', 'lateBeforeLastMile'],
  assignedByCarrier: ['assignedVan', 'assignedFlex', 'assignedUsps', 'assignedRegional'],
  costUsdByCarrier: ['vanCostUsd', 'flexCostUsd', 'uspsCostUsd', 'regionalCostUsd'],
  deliveredByCarrier: ['deliveredVan', 'deliveredFlex', 'deliveredUsps', 'deliveredRegional'],
  onTimeByCarrier: ['onTimeVan', 'onTimeFlex', 'onTimeUsps', 'onTimeRegional'],
  deliveredByPromise: ['dueSameDay', 'dueNextDay', 'dueTwoDay', 'dueStandard'],
  onTimeByPromise: ['dueSameDayOnTime', 'dueNextDayOnTime', 'dueTwoDayOnTime', 'dueStandardOnTime'],
  latenessHistogram: LATENESS_BIN_KPIS,
} as const;

/**
 * The network's delivery figures over the sim hours [start, end) of its KPI history; `scale`
 * (Params.scale) gives costs per real parcel. Null before anything was handed to a carrier.
 */
export function getNetworkDeliveryKpis(
  history: KpiHistory,
  window: readonly [number, number],
  scale: number,
): DeliveryKpis | null {
  if (history.hours === 0 || !history.has('assignedVan')) return null;
  const sums = (names: readonly string[]) => sumWindowColumns(history, names, window);
  const columns = NETWORK_DELIVERY_COLUMNS;
  const [delivered, deliveredOnTime, lateHoursSum, clickToDoorHoursSum, lateBeforeLastMile] = sums(
    columns.totals,
  );
  return getDeliveryKpis(
    {
      delivered,
      deliveredOnTime,
      lateHoursSum,
      clickToDoorHoursSum,
      lateBeforeLastMile,
      assignedByCarrier: sums(columns.assignedByCarrier),
      costUsdByCarrier: sums(columns.costUsdByCarrier),
      deliveredByCarrier: sums(columns.deliveredByCarrier),
      onTimeByCarrier: sums(columns.onTimeByCarrier),
      deliveredByPromise: sums(columns.deliveredByPromise),
      onTimeByPromise: sums(columns.onTimeByPromise),
      latenessHistogram: sums(columns.latenessHistogram),
    },
    scale,
  );
}

/**
 * Line-haul cost a real parcel: the modelled trucks' cost over the real parcels the modelled
 * parcels leaving FCs stand for (calibrationFigures' lineHaulCostPerParcelUsd).
 */
export function getLineHaulCostPerParcelUsd(costUsd: number, modelledParcels: number, scale: number): number {
  return modelledParcels > 0 ? (costUsd * scale) / modelledParcels : Number.NaN;
}
