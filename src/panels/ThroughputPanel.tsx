import { useMemo } from 'react';
import { kpiHistory } from '../state/kpiHistory';
import { useAppStore } from '../state/useAppStore';
import { formatCompact } from './format';
import { type Series, TimeSeriesChart } from './TimeSeriesChart';
import { useKpiVersion } from './useKpiVersion';

/** Stages in the order a parcel meets them; colours from Okabe & Ito's set. */
export const THROUGHPUT_STAGES = [
  { kpi: 'ordered', label: 'Ordered', color: '#e3ebf3' },
  { kpi: 'picked', label: 'Picked', color: '#e69f00' },
  { kpi: 'packed', label: 'Packed', color: '#f0e442' },
  { kpi: 'lineHaul', label: 'Line-haul', color: '#d55e00' },
  { kpi: 'sorted', label: 'Sorted', color: '#0072b2' },
  // Given a carrier at a dispatch wave: on a van or Flex car, or handed to USPS or a regional carrier.
  { kpi: 'handedToLastMile', label: 'Out for delivery', color: '#56b4e9' },
  { kpi: 'delivered', label: 'Delivered', color: '#009e73' },
] as const;

/**
 * Parcels per sim hour through each stage (modelled parcels; scale is in the drawer). Always the
 * network's: a selected facility's own throughput is in its panel at the top of the rail.
 */
export function ThroughputPanel() {
  const version = useKpiVersion();
  const facilitySelected = useAppStore((state) => state.selection?.kind === 'facility');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the history is mutable; version says when it changed
  const series = useMemo<Series[]>(
    () =>
      THROUGHPUT_STAGES.filter((stage) => kpiHistory.has(stage.kpi)).map((stage) => ({
        key: stage.kpi,
        label: stage.label,
        color: stage.color,
        values: kpiHistory.column(stage.kpi),
      })),
    [version],
  );
  return (
    <TimeSeriesChart
      title={facilitySelected ? 'Network throughput by stage' : 'Throughput by stage'}
      unit="parcels/h"
      series={series}
      formatValue={formatCompact}
      testId="panel-throughput"
      emptyText="Parcels per hour through each stage appear after the first sim hour."
    />
  );
}
