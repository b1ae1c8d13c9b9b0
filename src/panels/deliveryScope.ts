/**
 * Whose deliveries the delivery panels show: the network's, or — while a facility is selected —
 * the parcels that went through it (delivered by its station, shipped from the FC, sorted at
 * the sortation center). Both come as a KpiHistory with the same column names (delivered,
 * deliveredOnTime, assignedVan, ...) plus a breakdown by carrier, promise and lateness, so a
 * panel draws either without knowing which.
 */
import { useMemo } from 'react';
import { CARRIER_HUB } from '../sim/kinds';
import { FACILITY_DELIVERY_COLUMNS, getFacilityDeliveryKpis } from '../sim/lastMile/facilityDeliveries';
import type { DeliveryKpis } from '../sim/lastMile/lastMileKpis';
import { kpiHistory, type KpiHistory } from '../state/kpiHistory';
import { channelA, simView } from '../state/simClient';
import { useAppStore } from '../state/useAppStore';
import { FACILITY_LABELS } from '../ui/palette';
import { type HourWindow, sumWindowColumns } from './aggregate';
import { useKpiVersion } from './useKpiVersion';

export interface DeliveryScope {
  /** The selected facility, or null for the whole network. */
  facility: { id: number; name: string; kindLabel: string } | null;
  /** Hourly rows the display has passed: delivered, deliveredOnTime, assigned per carrier. */
  history: KpiHistory;
  /** By carrier, promise class and lateness; null before the first figures. */
  breakdown: DeliveryKpis | null;
  /** Whether `breakdown` is for the brushed window (a facility's rows) or the whole run. */
  breakdownIsWindowed: boolean;
}

export function getDeliveryScope(facilityId: number, window: HourWindow): DeliveryScope {
  const facility = facilityId >= 0 ? simView.network?.facilities[facilityId] : undefined;
  const feed = channelA.facilityKpis;
  // A carrier hub delivers nothing itself (its parcels count at their stations): network figures.
  if (!facility || facility.kind === CARRIER_HUB || feed.facilityId !== facilityId) {
    return {
      facility: null,
      history: kpiHistory,
      breakdown: simView.currentTick?.kpis.lastMile ?? null,
      breakdownIsWindowed: false,
    };
  }
  const totals = sumWindowColumns(feed.history, FACILITY_DELIVERY_COLUMNS, window);
  return {
    facility: { id: facilityId, name: facility.name, kindLabel: FACILITY_LABELS[facility.kind] },
    history: feed.history,
    breakdown: feed.history.hours > 0 ? getFacilityDeliveryKpis(totals, 0, simView.params?.scale ?? 1) : null,
    breakdownIsWindowed: window !== null,
  };
}

/** The delivery scope for the current selection and window, recomputed as ticks arrive. */
export function useDeliveryScope(): DeliveryScope {
  const version = useKpiVersion();
  const timeWindow = useAppStore((state) => state.timeWindow);
  const selection = useAppStore((state) => state.selection);
  const facilityId = selection?.kind === 'facility' ? selection.id : -1;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the histories are mutable; version says when they changed
  return useMemo(() => getDeliveryScope(facilityId, timeWindow), [version, facilityId, timeWindow]);
}
