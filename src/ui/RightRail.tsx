import { useEffect } from 'react';
import { BacklogPanel } from '../panels/BacklogPanel';
import { CarrierMixPanel } from '../panels/CarrierMixPanel';
import { ComparePanel } from '../panels/ComparePanel';
import { FacilityPanel } from '../panels/FacilityPanel';
import { CostPanel } from '../panels/CostPanel';
import { LatenessPanel } from '../panels/LatenessPanel';
import { OnTimePanel } from '../panels/OnTimePanel';
import { RealNetworkPanel } from '../panels/RealNetworkPanel';
import { ThroughputPanel } from '../panels/ThroughputPanel';
import { kpiHistory } from '../state/kpiHistory';
import { perfStats } from '../state/perfStats';
import { appStore } from '../state/store';
import { JourneyPanel } from './order/JourneyPanel';
import { useAppStore } from '../state/useAppStore';
import { formatHourLabel } from './format';
import { ReplicationControl } from './ReplicationControl';
import { useCoveredByScene } from './useCoveredByScene';

/** The charts' rail: D3 panels over the model's KPIs, linked by a shared crosshair and brush. */
export function RightRail() {
  const covered = useCoveredByScene();
  const phase = useAppStore((state) => state.worker.phase);
  // A warm start's charts fill hour by hour as the model simulates the hours before it opens.
  const warmingUp = useAppStore(
    (state) => state.worker.phase === 'building' && state.worker.warmUpToS !== undefined,
  );
  // A run whose worker stopped for good keeps its charts: the page keeps what it showed.
  const stopped = phase === 'error' && kpiHistory.hours > 0;
  const chartsMounted = phase === 'ready' || warmingUp || stopped;
  useEffect(() => {
    if (!chartsMounted || perfStats.chartsMountedMs >= 0) return;
    // What the start-up benchmarks time: charts mounted with hours, not hours merely received (a
    // rail that mounted its charts later, after the map's first frame, would otherwise look sooner).
    perfStats.chartsMountedMs = performance.now();
    if (perfStats.historyShownMs < 0 && kpiHistory.hours > 0)
      perfStats.historyShownMs = perfStats.chartsMountedMs;
  }, [chartsMounted]);
  const timeWindow = useAppStore((state) => state.timeWindow);
  const facilitySelected = useAppStore((state) => state.selection?.kind === 'facility');
  const orderFollowed = useAppStore((state) => state.order.followedKey !== null);
  // The heading names what the rail opens with: the followed order's journey comes first.
  const heading = orderFollowed ? 'Your order and KPIs' : facilitySelected ? 'Facility KPIs' : 'Network KPIs';
  return (
    <aside className="right-rail" aria-label="Charts" inert={covered}>
      <div className="rail-head">
        <h2 data-testid="rail-heading">{heading}</h2>
        <ReplicationControl />
        {timeWindow && (
          <button
            type="button"
            onClick={() => appStore.setState({ timeWindow: null })}
            data-testid="clear-window"
          >
            {formatHourLabel(timeWindow[0])} – {formatHourLabel(timeWindow[1])} ×
          </button>
        )}
      </div>
      {chartsMounted ? (
        <>
          {/* What acts on the run (an order, a facility, scenario B) needs the run open. */}
          {phase === 'ready' && (
            <>
              <JourneyPanel />
              <FacilityPanel />
              <ComparePanel />
            </>
          )}
          <OnTimePanel />
          <ThroughputPanel />
          <CarrierMixPanel />
          {/* A summary line under the network's on-time and carriers; its table opens on demand. */}
          <RealNetworkPanel />
          <LatenessPanel />
          <CostPanel />
          <BacklogPanel />
        </>
      ) : (
        <p className="empty-state">Charts appear once the model is ready.</p>
      )}
    </aside>
  );
}
