/**
 * Whose deliveries the delivery panels show, and over which hours: the network's, or — while a
 * facility is selected — the parcels that went through it (delivered by its station, shipped from
 * the FC, sorted at the sortation center). Both come as a KpiHistory with hourly columns plus a
 * breakdown by carrier, promise and lateness over the headline's hours: the brushed window, or
 * else the last HEADLINE_HOURS (as the on-time headline), so a run's start-up on an empty network
 * drops out of the figures once a day has passed. A panel draws either without knowing which.
 */
import { useMemo } from 'react';
import { CARRIER_HUB } from '../sim/kinds';
import { FACILITY_DELIVERY_COLUMNS, getFacilityDeliveryKpis } from '../sim/lastMile/facilityDeliveries';
import type { DeliveryKpis } from '../sim/lastMile/lastMileKpis';
import { kpiHistory, type KpiHistory } from '../state/kpiHistory';
import { channelA, simView } from '../state/simClient';
import { useAppStore } from '../state/useAppStore';
import { useRealScale } from '../ui/realVolume';
import { FACILITY_LABELS } from '../ui/palette';
import {
  describeFacilityHourWindow,
  describeHourWindow,
  getHeadlineWindow,
  type HourWindow,
  sumWindowColumns,
} from './aggregate';
import { getNetworkDeliveryKpis } from './networkDeliveries';
import { useKpiRowsVersion } from './useKpiRowsVersion';

export interface DeliveryScope {
  /** The selected facility, or null for the whole network. */
  facility: { id: number; name: string; kindLabel: string } | null;
  /** Hourly rows the display has passed: delivered, deliveredOnTime, assigned per carrier. */
  history: KpiHistory;
  /** By carrier, promise class and lateness over `window`; null before the first figures. */
  breakdown: DeliveryKpis | null;
  /** The sim hours [start, end) `breakdown` covers. */
  window: [number, number];
  /** What `window` is, in words: "in the last 24 h (D1 10h–D2 10h)" or "in the window (…)". */
  windowLabel: string;
}

export function getDeliveryScope(facilityId: number, timeWindow: HourWindow): DeliveryScope {
  const facility = facilityId >= 0 ? simView.network?.facilities[facilityId] : undefined;
  const feed = channelA.facilityKpis;
  const scale = simView.params?.scale ?? 1;
  const windowIsBrushed = timeWindow !== null;
  // A carrier hub delivers nothing itself (its parcels count at their stations): network figures.
  if (!facility || facility.kind === CARRIER_HUB || feed.facilityId !== facilityId) {
    const window = getHeadlineWindow(kpiHistory, timeWindow);
    return {
      facility: null,
      history: kpiHistory,
      breakdown: getNetworkDeliveryKpis(kpiHistory, window, scale),
      window,
      windowLabel: describeHourWindow(window, windowIsBrushed),
    };
  }
  const window = getHeadlineWindow(feed.history, timeWindow);
  const totals = sumWindowColumns(feed.history, FACILITY_DELIVERY_COLUMNS, window);
  return {
    facility: { id: facilityId, name: facility.name, kindLabel: FACILITY_LABELS[facility.kind] },
    history: feed.history,
    breakdown: feed.history.hours > 0 ? getFacilityDeliveryKpis(totals, 0, scale) : null,
    window,
    windowLabel: describeFacilityHourWindow(window, windowIsBrushed, feed.foldedBeforeHour),
  };
}

/** The delivery scope for the current selection and window, recomputed as hours close. */
export function useDeliveryScope(): DeliveryScope {
  const version = useKpiRowsVersion();
  // Read from the view's parameters (set with the store's): a new scale prices the same rows anew.
  const scale = useRealScale();
  const timeWindow = useAppStore((state) => state.timeWindow);
  const selection = useAppStore((state) => state.selection);
  const facilityId = selection?.kind === 'facility' ? selection.id : -1;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the histories are mutable; version says when their rows changed
  return useMemo(() => getDeliveryScope(facilityId, timeWindow), [version, facilityId, timeWindow, scale]);
}
