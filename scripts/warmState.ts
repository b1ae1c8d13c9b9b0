/**
 * Writes the default link's precomputed warm state (src/worker/warmState.ts) to a file: the
 * worker's warm-up to the link's start, run here in Node through the worker's own code. Run by
 * the build (scripts/warmStatePlugin.ts), which names the fingerprint and the file:
 * `tsx scripts/warmState.ts --fingerprint <hash> --out <file>`.
 */
import { writeFileSync } from 'node:fs';
import { readUrlState } from '../src/state/urlState';
import { computeWarmState } from '../src/worker/precomputedWarmState';
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
  const bytes = encodeWarmState(computeWarmState({ fingerprint, ...getDefaultLinkRun() }));
  writeFileSync(out, bytes);
  console.log(
    `warm state ${fingerprint}: ${(bytes.length / 1e6).toFixed(1)} MB in ${((performance.now() - startedMs) / 1000).toFixed(1)} s`,
  );
}
