/**
 * The build's precomputed warm state (scripts/warmStatePlugin.ts serves this module): where the
 * app serves the file, the model code's fingerprint it must carry, and the run it is of. null
 * when the build made none.
 */
declare module 'virtual:warm-state' {
  export const WARM_STATE_FILE: {
    url: string;
    /** The same state's charted hours (warmState.ts WarmHours), a file of a few kB. */
    hoursUrl: string;
    /** The same state's opening trips (warmState.ts WarmTrips), a file of a few MB. */
    tripsUrl: string;
    fingerprint: string;
    params: import('../sim/params').Params;
    seed: number;
    timeS: number;
  } | null;
}
