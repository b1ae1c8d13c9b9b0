/**
 * The replications' figures for the panels: each running replication's KPI history and, while a
 * facility is selected, its per-hour figures for that facility (as A's panels read them), plus a
 * version that moves when any of them changed. Empty while replications are off.
 */
import { useStore } from 'zustand';
import type { KpiHistory } from '../state/kpiHistory';
import { getReplicas, replicationStore } from '../state/replications';

export interface ReplicaRuns {
  /** Replications running (0: off). */
  count: number;
  version: number;
  /** Each replication's network KPI history. */
  networks: KpiHistory[];
  /** Each replication's per-hour history of facility `facilityId` (those that have it). */
  facility: (facilityId: number) => KpiHistory[];
}

export function useReplicaRuns(): ReplicaRuns {
  const count = useStore(replicationStore, (state) => state.count);
  const version = useStore(replicationStore, (state) => state.version);
  const replicas = getReplicas();
  return {
    count,
    version,
    networks: replicas.map((replica) => replica.kpiHistory),
    facility: (facilityId) =>
      replicas
        .filter((replica) => replica.facilityKpis.facilityId === facilityId)
        .map((replica) => replica.facilityKpis.history),
  };
}
