import { useMemo } from 'react';
import { kpiHistory } from '../state/kpiHistory';
import { useAppStore } from '../state/useAppStore';
import { formatCompact } from '../ui/format';
import { INK_COLOR, OKABE_ITO, ON_TIME_COLOR, toCss } from '../ui/palette';
import { toRealSeries, useRealScale } from '../ui/realVolume';
import { getPercentileBand } from './replicaStats';
import { type Series, TimeSeriesChart } from './TimeSeriesChart';
import { useReplicaRuns } from './useReplicaRuns';
import { useKpiRowsVersion } from './useKpiRowsVersion';

/** Stages in the order a parcel meets them; colours from Okabe & Ito's set. */
export const THROUGHPUT_STAGES = [
  { kpi: 'ordered', label: 'Ordered', color: toCss(INK_COLOR) },
  { kpi: 'picked', label: 'Picked', color: toCss(OKABE_ITO.orange) },
  { kpi: 'packed', label: 'Packed', color: toCss(OKABE_ITO.yellow) },
  { kpi: 'lineHaul', label: 'Line-haul', color: toCss(OKABE_ITO.vermillion) },
  { kpi: 'sorted', label: 'Sorted', color: toCss(OKABE_ITO.blue) },
  // Given a carrier at a dispatch wave: on a van or Flex car, or handed to USPS or a regional carrier.
  { kpi: 'handedToLastMile', label: 'Out for delivery', color: toCss(OKABE_ITO.skyBlue) },
  { kpi: 'delivered', label: 'Delivered', color: toCss(ON_TIME_COLOR) },
] as const;

/**
 * Parcels per sim hour through each stage, at real volume (modelled x 1/scale). Always the
 * network's: a selected facility's own throughput is in its panel at the top of the rail.
 */
export function ThroughputPanel() {
  const version = useKpiRowsVersion();
  const facilitySelected = useAppStore((state) => state.selection?.kind === 'facility');
  const scale = useRealScale();
  const replicaRuns = useReplicaRuns();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the histories are mutable; the versions say when they changed
  const series = useMemo<Series[]>(
    () =>
      THROUGHPUT_STAGES.filter((stage) => kpiHistory.has(stage.kpi)).map((stage) => {
        const values = toRealSeries(kpiHistory.column(stage.kpi), scale);
        const replicas = replicaRuns.networks.map((history) =>
          toRealSeries(history.column(stage.kpi), scale),
        );
        return {
          key: stage.kpi,
          label: stage.label,
          color: stage.color,
          values,
          band:
            replicas.length > 0
              ? {
                  ...getPercentileBand([values, ...replicas]),
                  label: `${stage.label}: 5th to 95th percentile of ${replicas.length + 1} runs`,
                }
              : undefined,
        };
      }),
    [version, scale, replicaRuns.version, replicaRuns.count],
  );
  return (
    <TimeSeriesChart
      title={facilitySelected ? 'Network throughput by stage' : 'Throughput by stage'}
      unit="parcels/h"
      modelledScale={scale}
      series={series}
      formatValue={formatCompact}
      testId="panel-throughput"
      emptyText="Parcels per hour through each stage appear after the first sim hour."
    />
  );
}
