/**
 * Writes the default link's precomputed warm state (src/worker/warmState.ts) to a file: the
 * worker's warm-up to the link's start, run here in Node through the worker's own code. Run by
 * the build (scripts/warmStatePlugin.ts), which names the fingerprint and the files, the state's
 * its charted hours' and its opening trips' (both sent to the page ahead of the state):
 * `tsx scripts/warmState.ts --fingerprint <hash> --out <file> --hours-out <file> --trips-out <file>`.
 */
import { writeFileSync } from 'node:fs';
import { readUrlState } from '../src/state/urlState';
import { computeWarmHours, computeWarmState, computeWarmTrips } from '../src/worker/precomputedWarmState';
import { encodeWarmState } from '../src/worker/warmState';

/** The run a link without parameters opens (as the worker reads it: virtual:warm-state). */
function getDefaultLinkRun() {
  const link = readUrlState('');
  return { params: link.params, seed: link.seed, timeS: link.startTimeS };
}

function readFlag(name: string): string {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? process.argv[at + 1] : undefined;
  if (!value) throw new Error(`scripts/warmState.ts needs ${name} <value>`);
  return value;
}

if (process.argv.includes('--out')) {
  const out = readFlag('--out');
  const fingerprint = readFlag('--fingerprint');
  const startedMs = performance.now();
  const state = computeWarmState({ fingerprint, ...getDefaultLinkRun() });
  const bytes = encodeWarmState(state);
  const hoursBytes = encodeWarmState(computeWarmHours(state));
  const tripsBytes = encodeWarmState(computeWarmTrips(state));
  writeFileSync(readFlag('--hours-out'), hoursBytes);
  writeFileSync(readFlag('--trips-out'), tripsBytes);
  writeFileSync(out, bytes);
  console.log(
    `warm state ${fingerprint}: ${(bytes.length / 1e6).toFixed(1)} MB, its hours ${(hoursBytes.length / 1e3).toFixed(1)} kB, its trips ${(tripsBytes.length / 1e6).toFixed(1)} MB, in ${((performance.now() - startedMs) / 1000).toFixed(1)} s`,
  );
}
