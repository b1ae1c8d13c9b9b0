/**
 * The selected facility's own figures: its throughput and backlog per sim hour. Shown at the top
 * of the rail while a facility is selected (from the map or the backlog panel); "Back to the
 * network" clears the selection. The delivery panels below then show the parcels through it.
 */
import { useMemo } from 'react';
import { facilityHistory } from '../state/facilityHistory';
import { simView } from '../state/simClient';
import { select } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { FACILITY_LABELS } from '../ui/palette';
import { formatCompact } from './format';
import { TimeSeriesChart } from './TimeSeriesChart';
import { useKpiVersion } from './useKpiVersion';

/** Which parcels the delivery panels count for a facility of each kind (FACILITY_KINDS order). */
const DELIVERY_SCOPE_NOTES = [
  'On time, carriers, lateness and cost below: the parcels this FC shipped.',
  'On time, carriers, lateness and cost below: the parcels sorted here.',
  'On time, carriers, lateness and cost below: the parcels this station delivered.',
  "Delivery figures below are the network's: parcels handed over here count at their stations.",
] as const;

export function FacilityPanel() {
  const version = useKpiVersion();
  const selection = useAppStore((state) => state.selection);
  const facilityId = selection?.kind === 'facility' ? selection.id : -1;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the history is mutable; version says when it changed
  const series = useMemo(() => {
    if (facilityId < 0) return null;
    const { throughputPerHour, backlogParcels } = facilityHistory.series(facilityId);
    return {
      throughput: [{ key: 'throughput', label: 'Processed', color: '#009e73', values: throughputPerHour }],
      backlog: [{ key: 'backlog', label: 'Queued', color: '#e69f00', values: backlogParcels }],
    };
  }, [version, facilityId]);
  const facility = facilityId >= 0 ? simView.network?.facilities[facilityId] : undefined;
  if (!facility || !series) return null;
  return (
    <section className="panel facility-panel" aria-label="Selected facility" data-testid="panel-facility">
      <h3>
        {facility.name}
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
      <TimeSeriesChart
        title="Throughput"
        unit="parcels/h"
        series={series.throughput}
        formatValue={formatCompact}
        emptyText="This facility's hourly figures appear after its first sim hour on screen."
      />
      <TimeSeriesChart
        title="Backlog"
        unit="parcels queued at the hour"
        series={series.backlog}
        formatValue={formatCompact}
        emptyText="This facility's hourly figures appear after its first sim hour on screen."
      />
      <p className="kpi-note">{DELIVERY_SCOPE_NOTES[facility.kind]}</p>
    </section>
  );
}
