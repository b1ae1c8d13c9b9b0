import { useAppStore } from '../state/useAppStore';

/** The charts' rail. Panels arrive with the D3 panels issue; until then it says what will. */
export function RightRail() {
  const phase = useAppStore((state) => state.worker.phase);
  return (
    <aside className="right-rail" aria-label="Charts">
      <h2>Network KPIs</h2>
      <p className="empty-state">
        {phase === 'ready'
          ? 'Throughput, on-time rate, carrier mix, backlog and cost charts will appear here as the model runs.'
          : 'Charts appear once the model is ready.'}
      </p>
    </aside>
  );
}
