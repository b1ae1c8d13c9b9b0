import { useEffect, useReducer } from 'react';
import { channelA, channelB } from '../state/simClient';

/**
 * Re-renders the caller when a tick (and its KPI rows) of A or B becomes current, a few times a
 * second, or when a warm start's replay adds hours: for a figure that moves within the hour (the
 * backlog now). A panel of hourly rows uses useKpiRowsVersion, once a sim hour.
 */
export function useKpiVersion(): number {
  const [version, bump] = useReducer((count: number) => count + 1, 0);
  useEffect(() => {
    const stops = [
      channelA.onTick(bump),
      channelA.onHistory(bump),
      channelA.onNetwork(bump),
      channelB.onTick(bump),
      channelB.onHistory(bump),
      channelB.onNetwork(bump),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }, []);
  return version;
}
