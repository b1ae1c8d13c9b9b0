/**
 * What happened to this run, at the sim time it happened: a preset applied, a slider moved, a
 * fork, an order placed. The timeline marks each one and every time chart draws a labelled rule
 * at it, so a presenter can point at "here we cut the vans" and the curve that followed.
 *
 * The list mirrors the worker's timeline of changes: a seek back before a change undoes it in
 * the model (the worker drops it), so it is dropped here too.
 */
import { createStore } from 'zustand/vanilla';
import { onSeekRequested } from './simClient';

export type RunEventKind = 'preset' | 'params' | 'fork' | 'order' | 'networkEdit';

export interface RunEvent {
  id: number;
  /** Sim seconds the change took effect at. */
  atS: number;
  kind: RunEventKind;
  /** A few words for the mark ("Prime Day", "Vans per station 180 → 20"). */
  label: string;
  /** A sentence for the hover title. */
  detail: string;
  /** The calendar moved (Params.startDayOfYear before and after): later peaks fall elsewhere. */
  calendar?: { before: number; after: number };
}

export interface RunEventsState {
  events: RunEvent[];
}

export const runEventsStore = createStore<RunEventsState>(() => ({ events: [] }));

let nextEventId = 1;

/** Adds an event; events stay in time order (a change is made at the time on screen). */
export function recordRunEvent(event: Omit<RunEvent, 'id'>): void {
  const recorded = { ...event, id: nextEventId++ };
  runEventsStore.setState((state) => ({
    events: [...state.events, recorded].sort((a, b) => a.atS - b.atS || a.id - b.id),
  }));
}

/** Forgets events after `timeS` (a seek back undoes the changes made later). */
export function dropRunEventsAfter(timeS: number): void {
  const { events } = runEventsStore.getState();
  if (events.every((event) => event.atS <= timeS)) return;
  runEventsStore.setState({ events: events.filter((event) => event.atS <= timeS) });
}

/** Forgets every event (a new run). */
export function clearRunEvents(): void {
  if (runEventsStore.getState().events.length > 0) runEventsStore.setState({ events: [] });
}

// The worker undoes the changes made after the time moved to; so do their marks.
onSeekRequested(dropRunEventsAfter);
