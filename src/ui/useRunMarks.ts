/**
 * What the timeline and every time chart mark on the run's clock: the changes a person made
 * (runEvents) and the calendar peaks the run meets up to `untilS`.
 */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { type RunEvent, runEventsStore } from '../state/runEvents';
import { useAppStore } from '../state/useAppStore';
import { getCalendarSegments, getPeakPeriods, type PeakPeriod } from './calendarPeaks';

export interface RunMarks {
  events: RunEvent[];
  peaks: PeakPeriod[];
}

export function useRunMarks(untilS: number): RunMarks {
  const events = useStore(runEventsStore, (state) => state.events);
  const params = useAppStore((state) => state.params);
  return useMemo(() => {
    if (!params) return { events, peaks: [] };
    const segments = getCalendarSegments(events, params.startDayOfYear);
    return { events, peaks: getPeakPeriods(params, segments, untilS) };
  }, [events, params, untilS]);
}
