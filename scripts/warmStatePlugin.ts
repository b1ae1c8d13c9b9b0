/**
 * The default link's precomputed warm state (src/worker/warmState.ts) in the build and the dev
 * server. The file is made by scripts/warmState.ts in a child Node process (the worker's own
 * code, ~5 CPU s at the default scale) and kept in node_modules/.cache under its fingerprint, a
 * hash of everything it depends on; a build emits it as `warm-state/<fingerprint>.bin`, with its
 * charted hours (a few kB the worker sends with `ready`) as `warm-state/<fingerprint>.hours.bin`
 * and its opening trips (a few MB, sent with `ready` too) as `warm-state/<fingerprint>.trips.bin`,
 * and the module `virtual:warm-state` tells the worker where they are and what they must carry. Nothing is
 * committed: a fresh clone makes it on its first build, and again whenever the model changes.
 * The dev server makes it in the background and answers 204 until it has it (the worker then
 * replays, as it does for any file it cannot use).
 */
import { type ChildProcess, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { setPriority } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

const VIRTUAL_ID = 'virtual:warm-state';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;
/**
 * What the state depends on: the model, the worker (its replay, the trips it keeps, the hours it
 * records), the data, the link's defaults, the generator, and the dependencies (the PRNG).
 */
const FINGERPRINT_INPUTS = [
  'src/sim',
  'src/worker',
  'src/data',
  'src/state/urlState.ts',
  'scripts/warmState.ts',
  'scripts/warmStatePlugin.ts',
  'package-lock.json',
];
const CACHE_DIR = 'node_modules/.cache/parcelscope-warm-state';
/** Files of other fingerprints kept in the cache (switching branches back and forth). */
const KEPT_OLDER_FILES = 3;

function listFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => listFiles(join(path, name)));
}

/** SHA-256 (first 16 hex digits) of every input file's path and bytes, in a fixed order. */
export function getWarmStateFingerprint(root: string): { fingerprint: string; files: string[] } {
  const hash = createHash('sha256');
  const files = FINGERPRINT_INPUTS.flatMap((input) => listFiles(join(root, input)));
  for (const file of files) {
    hash.update(relative(root, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return { fingerprint: hash.digest('hex').slice(0, 16), files };
}

/**
 * The file names of a fingerprint's state, of its charted hours and of its opening trips
 * (warmState.ts WarmHours, WarmTrips).
 */
function getWarmStateFileNames(fingerprint: string): { state: string; hours: string; trips: string } {
  return {
    state: `${fingerprint}.bin`,
    hours: `${fingerprint}.hours.bin`,
    trips: `${fingerprint}.trips.bin`,
  };
}

/** Makes the files of `fingerprint` in the cache unless they are there; resolves with the state's path. */
function makeWarmStateFile(root: string, fingerprint: string, background: boolean): Promise<string> {
  const dir = join(root, CACHE_DIR);
  const names = getWarmStateFileNames(fingerprint);
  const path = join(dir, names.state);
  const hoursPath = join(dir, names.hours);
  // The state is written last: with it, both are there.
  if (existsSync(path)) return Promise.resolve(path);
  mkdirSync(dir, { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  const hoursPartial = `${hoursPath}.${process.pid}.partial`;
  const tripsPath = join(dir, names.trips);
  const tripsPartial = `${tripsPath}.${process.pid}.partial`;
  return new Promise((resolve, reject) => {
    const child: ChildProcess = execFile(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'scripts/warmState.ts'),
        '--fingerprint',
        fingerprint,
        '--out',
        partial,
        '--hours-out',
        hoursPartial,
        '--trips-out',
        tripsPartial,
      ],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        if (error) {
          rmSync(partial, { force: true });
          rmSync(hoursPartial, { force: true });
          rmSync(tripsPartial, { force: true });
          reject(new Error(`scripts/warmState.ts failed: ${error.message}\n${stderr}`));
          return;
        }
        renameSync(hoursPartial, hoursPath);
        renameSync(tripsPartial, tripsPath);
        renameSync(partial, path);
        pruneCache(dir, fingerprint);
        resolve(path);
      },
    );
    // The dev server's page stays responsive while it runs.
    if (background && child.pid !== undefined) setPriority(child.pid, 15);
  });
}

/** Keeps `keep`'s files and those of the KEPT_OLDER_FILES fingerprints made last before it. */
function pruneCache(dir: string, keep: string): void {
  const others = readdirSync(dir)
    .filter((name) => /^[0-9a-f]+\.bin$/.test(name) && name !== `${keep}.bin`)
    .map((name) => ({ fingerprint: name.slice(0, -4), modifiedMs: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.modifiedMs - a.modifiedMs);
  for (const old of others.slice(KEPT_OLDER_FILES)) {
    const names = getWarmStateFileNames(old.fingerprint);
    rmSync(join(dir, names.state), { force: true });
    rmSync(join(dir, names.hours), { force: true });
    rmSync(join(dir, names.trips), { force: true });
  }
}

/**
 * The module `virtual:warm-state`: where the file is served, what it must carry, and the run it
 * is of, read from the link's defaults in the worker as scripts/warmState.ts reads them (this
 * config imports no app code). For the page's build and the worker's (its own plugin list).
 */
export function warmStateModule(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'parcelscope-warm-state-module',
    configResolved(resolved) {
      config = resolved;
    },
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : null),
    load(id) {
      if (id !== RESOLVED_ID) return null;
      const { fingerprint, files } = getWarmStateFingerprint(config.root);
      // The dev server makes the module again when one of them changes (a new fingerprint).
      for (const file of files) this.addWatchFile(file);
      const names = getWarmStateFileNames(fingerprint);
      const url = `${config.base}warm-state/${names.state}`;
      const hoursUrl = `${config.base}warm-state/${names.hours}`;
      const tripsUrl = `${config.base}warm-state/${names.trips}`;
      const urlState = JSON.stringify(join(config.root, 'src/state/urlState.ts'));
      return [
        `import { readUrlState } from ${urlState};`,
        `const link = readUrlState('');`,
        `export const WARM_STATE_FILE = { url: ${JSON.stringify(url)}, hoursUrl: ${JSON.stringify(hoursUrl)}, tripsUrl: ${JSON.stringify(tripsUrl)}, fingerprint: ${JSON.stringify(fingerprint)}, params: link.params, seed: link.seed, timeS: link.startTimeS };`,
      ].join('\n');
    },
  };
}

/** Makes the file: emitted by a build, served by the dev server. */
export function warmStateFile(): Plugin {
  let config: ResolvedConfig;
  let made: Promise<{ fingerprint: string; path: string }> | null = null;
  return {
    name: 'parcelscope-warm-state-file',
    configResolved(resolved) {
      config = resolved;
    },
    buildStart() {
      if (config.command !== 'build' || process.env.VITEST) return;
      // Alongside the bundling (the machine's other core).
      const { fingerprint } = getWarmStateFingerprint(config.root);
      made = makeWarmStateFile(config.root, fingerprint, false).then((path) => ({ fingerprint, path }));
      // Awaited in generateBundle; a failure is reported there.
      made.catch(() => {});
    },
    async generateBundle() {
      if (!made) return;
      const { fingerprint, path } = await made;
      const names = getWarmStateFileNames(fingerprint);
      this.emitFile({ type: 'asset', fileName: `warm-state/${names.state}`, source: readFileSync(path) });
      this.emitFile({
        type: 'asset',
        fileName: `warm-state/${names.hours}`,
        source: readFileSync(join(dirname(path), names.hours)),
      });
      this.emitFile({
        type: 'asset',
        fileName: `warm-state/${names.trips}`,
        source: readFileSync(join(dirname(path), names.trips)),
      });
    },
    configureServer(server) {
      if (process.env.VITEST) return;
      const making = new Map<string, Promise<string>>();
      const make = (fingerprint: string) => {
        if (!making.has(fingerprint)) {
          const promise = makeWarmStateFile(config.root, fingerprint, true);
          promise.catch((error) => {
            making.delete(fingerprint);
            config.logger.warn(`The warm state was not made (the page replays instead): ${error.message}`);
          });
          making.set(fingerprint, promise);
        }
      };
      make(getWarmStateFingerprint(config.root).fingerprint);
      const prefix = `${config.base}warm-state/`;
      server.middlewares.use((request, response, next) => {
        const url = request.url?.split('?')[0] ?? '';
        if (!url.startsWith(prefix)) return next();
        // Only the model code's as it is now: an older page's request gets none.
        const { fingerprint } = getWarmStateFingerprint(config.root);
        const names = getWarmStateFileNames(fingerprint);
        const name = url.slice(prefix.length);
        const dir = join(config.root, CACHE_DIR);
        const isOurs = name === names.state || name === names.hours || name === names.trips;
        // All or none: the state is written last.
        const path = join(dir, name);
        if (!isOurs || !existsSync(join(dir, names.state))) {
          if (isOurs) make(fingerprint);
          response.statusCode = 204;
          response.end();
          return;
        }
        response.setHeader('Content-Type', 'application/octet-stream');
        response.end(readFileSync(path));
      });
    },
  };
}
