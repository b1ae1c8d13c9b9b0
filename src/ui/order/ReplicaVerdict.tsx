/**
 * How the followed order fared in each run while replications are on: the same order placed at
 * the same time in the same scenario on other seeds ("On time in 3 of 4 runs"). Nothing while
 * they are off.
 */
import { useStore } from 'zustand';
import type { Journey } from '../../sim/journey';
import { getReplicas, replicationStore } from '../../state/replications';

/** A run's outcome for the order: at the door in time, late (delivered or past due), or not yet known. */
export function getRunOutcome(journey: Journey | undefined): 'onTime' | 'late' | 'pending' {
  if (!journey) return 'pending';
  if (journey.isLate) return 'late';
  return journey.delivered ? 'onTime' : 'pending';
}

export function ReplicaVerdict({ orderKey, journey }: { orderKey: string; journey: Journey }) {
  const count = useStore(replicationStore, (state) => state.count);
  useStore(replicationStore, (state) => state.version);
  if (count === 0) return null;
  const outcomes = [
    getRunOutcome(journey),
    ...getReplicas().map((replica) =>
      getRunOutcome(replica.view.currentTick?.orders.find((order) => order.orderKey === orderKey)?.journey),
    ),
  ];
  const onTime = outcomes.filter((outcome) => outcome === 'onTime').length;
  const pending = outcomes.filter((outcome) => outcome === 'pending').length;
  return (
    <p
      className="journey-runs"
      data-testid="journey-runs"
      data-on-time={onTime}
      data-runs={outcomes.length}
      title="The same order at the same time in this scenario on other seeds"
    >
      On time in {onTime} of {outcomes.length} runs
      {pending > 0 ? ` (${pending} still on the way)` : ''}
    </p>
  );
}
