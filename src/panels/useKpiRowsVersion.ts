import { useEffect, useReducer, useState } from 'react';
import { channelA, channelB } from '../state/simClient';
import { KpiRowsWatch } from './kpiRowsWatch';

const CHANNELS = [channelA, channelB] as const;

/**
 * Re-renders the caller when the hourly rows of A or B change (kpiRowsWatch.ts: an hour closed,
 * a warm start's or a seek's replayed hours, a reset or a seek back), or their network does: once
 * a sim hour where useKpiVersion re-renders at every tick. For panels that show hours only; a
 * figure that moves within the hour (the backlog now) keeps useKpiVersion.
 */
export function useKpiRowsVersion(): number {
  const [version, bump] = useReducer((count: number) => count + 1, 0);
  // What the first render read: rows that changed before the effect subscribed still count.
  const [watch] = useState(() => new KpiRowsWatch(CHANNELS));
  useEffect(() => {
    const bumpIfRowsChanged = () => {
      if (watch.hasChanged()) bump();
    };
    const stops = CHANNELS.flatMap((channel) => [
      channel.onTick(bumpIfRowsChanged),
      channel.onHistory(bumpIfRowsChanged),
      // Rare, and a panel reads the network's facilities (names, kinds) beside its rows.
      channel.onNetwork(() => {
        watch.hasChanged();
        bump();
      }),
    ]);
    bumpIfRowsChanged();
    return () => {
      for (const stop of stops) stop();
    };
  }, [watch]);
  return version;
}
