import { useEffect, useReducer } from 'react';
import { onNetwork, onTick } from '../state/simClient';

/** Re-renders the caller when a tick (and its KPI rows) becomes current: a few times a second. */
export function useKpiVersion(): number {
  const [version, bump] = useReducer((count: number) => count + 1, 0);
  useEffect(() => {
    const stopTick = onTick(bump);
    const stopNetwork = onNetwork(bump);
    return () => {
      stopTick();
      stopNetwork();
    };
  }, []);
  return version;
}
