/**
 * The selected facility's own figures: its throughput and backlog per sim hour from the start of
 * the run (the worker keeps every facility's hours; selecting one fetches them all), at real
 * volume. Shown at the top of the rail while a facility is selected (from the map or the backlog
 * panel); "Back to the network" clears the selection. The delivery panels below then show the
 * parcels through it.
 */
import { useMemo } from 'react';
import { channelA, simView } from '../state/simClient';
import { select } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { formatCompact } from '../ui/format';
import { FACILITY_LABELS, OKABE_ITO, ON_TIME_COLOR, toCss } from '../ui/palette';
import { toRealSeries, useRealScale } from '../ui/realVolume';
import { getPercentileBand } from './replicaStats';
import { TimeSeriesChart } from './TimeSeriesChart';
import { useReplicaRuns } from './useReplicaRuns';
import { useKpiRowsVersion } from './useKpiRowsVersion';

/** Which parcels the delivery panels count for a facility of each kind (FACILITY_KINDS order). */
const DELIVERY_SCOPE_NOTES = [
  'On time, carriers, lateness and cost below: the parcels this FC shipped.',
  'On time, carriers, lateness and cost below: the parcels sorted here.',
  'On time, carriers, lateness and cost below: the parcels this station delivered.',
  "Delivery figures below are the network's: parcels handed over here count at their stations.",
] as const;

const EMPTY_TEXT = "This facility's hourly figures appear after its first sim hour on screen.";

/** The facility's charts: each one series of its hourly rows (facilityKpis.ts), at real volume. */
const FACILITY_CHARTS = [
  {
    testId: 'facility-throughput',
    title: 'Throughput',
    unit: 'parcels/h',
    column: 'throughputPerHour',
    label: 'Processed',
    color: toCss(ON_TIME_COLOR),
  },
  {
    testId: 'facility-backlog',
    title: 'Backlog',
    unit: 'parcels queued at the hour',
    column: 'backlogParcels',
    label: 'Queued',
    color: toCss(OKABE_ITO.orange),
  },
] as const;

export function FacilityPanel() {
  const version = useKpiRowsVersion();
  const scale = useRealScale();
  const selection = useAppStore((state) => state.selection);
  const facilityId = selection?.kind === 'facility' ? selection.id : -1;
  const replicaRuns = useReplicaRuns();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the feeds are mutable; the versions say when they changed
  const series = useMemo(() => {
    const feed = channelA.facilityKpis;
    // Until the worker's rows for this facility arrive, the feed still holds another's (or none).
    const history = feed.facilityId === facilityId ? feed.history : null;
    const replicas = replicaRuns.facility(facilityId);
    return FACILITY_CHARTS.map(({ column, label, color }) => {
      const values = toRealSeries(history?.column(column) ?? [], scale);
      const runs = [values, ...replicas.map((replica) => toRealSeries(replica.column(column), scale))];
      const band =
        replicas.length > 0
          ? { ...getPercentileBand(runs), label: `5th to 95th percentile of ${runs.length} runs` }
          : undefined;
      return [{ key: column, label, color, values, band }];
    });
  }, [version, facilityId, scale, replicaRuns.version, replicaRuns.count]);
  const facility = facilityId >= 0 ? simView.network?.facilities[facilityId] : undefined;
  if (!facility) return null;
  return (
    <section
      className="panel facility-panel"
      aria-label="Selected facility's history"
      data-testid="panel-facility"
    >
      <h3>
        <span className="facility-panel-name" title={`${facility.name} · ${facility.metro}`}>
          {facility.name}
        </span>
        <span className="chart-unit">{FACILITY_LABELS[facility.kind]}</span>
        <button
          type="button"
          className="panel-figure"
          onClick={() => select(null)}
          data-testid="back-to-network"
        >
          Back to the network
        </button>
      </h3>
      {FACILITY_CHARTS.map((chart, index) => (
        <TimeSeriesChart
          key={chart.testId}
          title={chart.title}
          unit={chart.unit}
          modelledScale={scale}
          series={series[index]}
          formatValue={formatCompact}
          testId={chart.testId}
          emptyText={EMPTY_TEXT}
        />
      ))}
      <p className="kpi-note">{DELIVERY_SCOPE_NOTES[facility.kind]}</p>
    </section>
  );
}
