/**
 * "Replications" in the rail's head: off by default; 2 to 4 more runs of the scenario on other
 * seeds, for the bands on the time charts and the headline's confidence interval.
 */
import { useStore } from 'zustand';
import { REPLICA_COUNTS, replicationStore, setReplicaCount } from '../state/replications';
import { useAppStore } from '../state/useAppStore';

export function ReplicationControl() {
  const count = useStore(replicationStore, (state) => state.count);
  const ready = useStore(replicationStore, (state) => state.ready);
  const modelReady = useAppStore((state) => state.worker.phase === 'ready');
  return (
    <label
      className="replication-control"
      title="Run the same scenario on other seeds beside this one: time charts show the 5th to 95th percentile of the runs and the on-time rate its 95% confidence interval. Each run is a whole model: it uses the machine's cores."
    >
      Replications{' '}
      <select
        value={count}
        disabled={!modelReady}
        onChange={(event) => setReplicaCount(Number(event.currentTarget.value))}
        data-testid="replications"
      >
        {REPLICA_COUNTS.map((option) => (
          <option key={option} value={option}>
            {option === 0 ? 'Off' : `+${option} seeds`}
          </option>
        ))}
      </select>
      {count > 0 && ready < count && (
        <span className="replication-status" data-testid="replications-status">
          {ready} of {count} caught up
        </span>
      )}
    </label>
  );
}
