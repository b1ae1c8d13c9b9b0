/**
 * A signal, heard on the model's own thread, that long work is under way: the engine gives it
 * after each sim step and after each station's delivery wave. At full scale one step can plan the
 * waves of a whole time zone's stations (a second or more each), and a warm start's sim hour takes
 * tens of seconds; the worker hears the signal to tell the page it is alive, since the page's
 * watchdog takes a worker silent for 4 s for a dead one and replaces it (which, at full scale,
 * never let a run get past its warm-up). It carries no model state and draws no random numbers,
 * so no result depends on whether anyone listens.
 */
let listener: (() => void) | null = null;

/** Runs `work` with `onProgress` hearing the model's long-work signal, then restores the previous listener. */
export function runHearingLongWork<T>(onProgress: () => void, work: () => T): T {
  const previous = listener;
  listener = onProgress;
  try {
    return work();
  } finally {
    listener = previous;
  }
}

/** The model is part way through long work (called between units of it). */
export function reportLongWorkProgress(): void {
  if (listener !== null) listener();
}
