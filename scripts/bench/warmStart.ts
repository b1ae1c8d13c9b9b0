/**
 * The default link's warm start in Node, as the worker runs it: `init` (the network built) and
 * the seek to day 4 10:00 through SimHost (hourly KPI rows and facility hours, the trip sieve,
 * sparse snapshots), against the model alone run to the same time reading nothing but its trips.
 * The page's "network built -> first trips" is this warm-up plus the page's own work; the gap
 * between the host and the model alone is what the worker adds (a V8 hidden-class trap in the
 * KPI records once doubled it). Each run is a fresh process, as each page's worker is a fresh
 * isolate: the cold run (code not yet optimised) costs about twice a repeat in one process. CPU
 * seconds beside wall time: a busy machine disturbs them less. The default link restores the
 * state precomputed at build time instead (src/worker/warmState.ts): its seek, read from the
 * file's bytes, is measured the same way. `npm run bench -- warmStart`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultParams } from '../../src/sim/params';
import { createSimulation } from '../../src/sim/simulation';
import { DEFAULT_SEED, WARM_START_S } from '../../src/state/urlState';
import { type PageMessage, PROTOCOL_VERSION } from '../../src/worker/protocol';
import { computeWarmState } from '../../src/worker/precomputedWarmState';
import { type HostScheduler, SimHost } from '../../src/worker/simHost';
import { encodeWarmState } from '../../src/worker/warmState';
import { type BenchFigure, createTimingFigure } from '../benchFigures';

/** Where the default link opens, as its figures name it ("day 4 10:00"): WARM_START_S, not a copy. */
export const WARM_START_AT = `day ${Math.floor(WARM_START_S / 86_400) + 1} ${String(Math.floor((WARM_START_S % 86_400) / 3600)).padStart(2, '0')}:00`;

export const title = `the default link's warm-up to ${WARM_START_AT} in Node: through the worker's host, and the model alone`;

const RUNS = 3;

interface Timing {
  wallS: number;
  cpuS: number;
}

function time(run: () => void): Timing {
  const started = performance.now();
  const cpu = process.cpuUsage();
  run();
  const used = process.cpuUsage(cpu);
  return { wallS: (performance.now() - started) / 1000, cpuS: (used.user + used.system) / 1e6 };
}

/** The `init` the page posts for the default link. */
function defaultLinkInit(): PageMessage {
  return {
    type: 'init',
    version: PROTOCOL_VERSION,
    params: defaultParams(),
    seed: DEFAULT_SEED,
    startTimeS: WARM_START_S,
  };
}

/** The host's clock and timers in Node; no slices run (each message runs to its end). */
const NODE_SCHEDULER: HostScheduler = {
  schedule: () => {},
  scheduleAfter: (ms, task) => setTimeout(task, ms),
  nowMs: () => performance.now(),
  nowEpochMs: () => performance.now(),
};

/** `init` then the seek, as the page posts them; returns the build and the warm-up apart. */
function warmStartThroughHost(): { build: Timing; warmUp: Timing } {
  const host = new SimHost({ post: () => {} }, NODE_SCHEDULER);
  const build = time(() => host.receive(defaultLinkInit()));
  const warmUp = time(() => host.receive({ type: 'seek', timeS: WARM_START_S }));
  if (host.model?.timeS !== WARM_START_S) throw new Error(`the warm start ended at ${host.model?.timeS} s`);
  return { build, warmUp };
}

/** The fingerprint of the bench's own file (any will do: the host checks the file carries it). */
const BENCH_FINGERPRINT = 'bench';

/**
 * `init` then the seek with the precomputed state at `path` (its bytes read before `init`, as the
 * worker's fetch is done by then): the seek decodes, checks and restores it.
 */
async function warmStartRestored(path: string): Promise<{ build: Timing; warmUp: Timing }> {
  const bytes = readFileSync(path);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  let seeked = false;
  const host = new SimHost({ post: (message) => (seeked ||= message.type === 'seeked') }, NODE_SCHEDULER, {
    fingerprint: BENCH_FINGERPRINT,
    load: () => Promise.resolve(buffer),
  });
  const build = time(() => host.receive(defaultLinkInit()));
  const started = performance.now();
  const cpu = process.cpuUsage();
  host.receive({ type: 'seek', timeS: WARM_START_S });
  // The file's promise settles, and the held seek runs, in the next turns.
  while (!seeked) await new Promise((resolve) => setImmediate(resolve));
  const used = process.cpuUsage(cpu);
  if (host.model?.timeS !== WARM_START_S) throw new Error(`the restored start is at ${host.model?.timeS} s`);
  return {
    build,
    warmUp: { wallS: (performance.now() - started) / 1000, cpuS: (used.user + used.system) / 1e6 },
  };
}

function modelAlone(): Timing {
  const sim = createSimulation(defaultParams(), DEFAULT_SEED);
  return time(() => {
    for (let hour = 1; hour <= WARM_START_S / 3600; hour++) {
      sim.advanceTo(hour * 3600);
      sim.drainTrips();
    }
  });
}

/** Run in a child process: `--warm-start-child host|alone|restored [file]` prints its timings as JSON. */
const CHILD_FLAG = '--warm-start-child';

function runChild(mode: 'host' | 'alone' | 'restored', file = ''): { build?: Timing; warmUp: Timing } {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), CHILD_FLAG, mode, file],
    { encoding: 'utf8' },
  );
  return JSON.parse(output.trim().split('\n').at(-1) as string);
}

const childMode = process.argv[process.argv.indexOf(CHILD_FLAG) + 1];
if (process.argv.includes(CHILD_FLAG)) {
  if (childMode === 'restored')
    console.log(JSON.stringify(await warmStartRestored(process.argv[process.argv.indexOf(CHILD_FLAG) + 2])));
  else console.log(JSON.stringify(childMode === 'host' ? warmStartThroughHost() : { warmUp: modelAlone() }));
}

export async function run(): Promise<BenchFigure[]> {
  const builds: Timing[] = [];
  const warmUps: Timing[] = [];
  const alone: Timing[] = [];
  const restored: Timing[] = [];
  // The precomputed state, made as the build makes it (its time is the build's, not the page's).
  const file = join(tmpdir(), `parcelscope-warm-state-bench-${process.pid}.bin`);
  writeFileSync(
    file,
    encodeWarmState(
      computeWarmState({
        fingerprint: BENCH_FINGERPRINT,
        params: defaultParams(),
        seed: DEFAULT_SEED,
        timeS: WARM_START_S,
      }),
    ),
  );
  for (let run = 0; run < RUNS; run++) {
    restored.push(runChild('restored', file).warmUp);
    const host = runChild('host');
    builds.push(host.build as Timing);
    warmUps.push(host.warmUp);
    alone.push(runChild('alone').warmUp);
    console.log(
      `run ${run + 1}: build ${builds[run].wallS.toFixed(2)} s, warm-up ${warmUps[run].wallS.toFixed(2)} s (${warmUps[run].cpuS.toFixed(2)} CPU s), model alone ${alone[run].wallS.toFixed(2)} s (${alone[run].cpuS.toFixed(2)} CPU s), restored ${restored[run].wallS.toFixed(2)} s (${restored[run].cpuS.toFixed(2)} CPU s)`,
    );
  }
  rmSync(file, { force: true });
  return [
    createTimingFigure(
      'network built (init), default link',
      builds.map((timing) => timing.wallS),
      's',
    ),
    createTimingFigure(
      `warm-up to ${WARM_START_AT} through the host (the seek), wall`,
      warmUps.map((timing) => timing.wallS),
      's',
    ),
    createTimingFigure(
      `warm-up to ${WARM_START_AT} through the host (the seek), CPU`,
      warmUps.map((timing) => timing.cpuS),
      's',
    ),
    createTimingFigure(
      "the default link's seek restoring the precomputed state (decode, check, restore), CPU",
      restored.map((timing) => timing.cpuS),
      's',
      { max: 1 },
    ),
    createTimingFigure(
      `the model alone to ${WARM_START_AT}, CPU`,
      alone.map((timing) => timing.cpuS),
      's',
    ),
    createTimingFigure(
      "the host's warm-up CPU over the model alone's",
      warmUps.map((timing, run) => timing.cpuS / alone[run].cpuS),
      'x',
      { max: 1.3 },
    ),
  ];
}
