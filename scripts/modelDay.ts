/**
 * One sim day of the model from a saved state, for profiling and A/B timing of model changes:
 * - `tsx scripts/modelDay.ts save --scale 0.1 --seed 7 --day 3 --out <file>` runs days 1 to
 *   day-1 as the bench does (an hour at a time, trips drained) and writes the snapshot (node:v8);
 * - `tsx scripts/modelDay.ts run --state <file> [--hours N]` restores it and runs the next day (or
 *   its first N hours) the same way, trips also handed out mid-step at the worker's limits
 *   (`--street-detail none`: trips stop to stop, as the page at a national view asks for),
 *   printing its CPU seconds, each hour's wall seconds and a digest of everything observable (tests/sim/simHelpers.ts
 *   fingerprint), so a change that should keep results bit for bit can be checked on the same
 *   state. Run it under `node --cpu-prof --import tsx` for a profile of the day alone.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import type { Engine } from '../src/sim/engine';
import { placeOrders } from '../src/sim/orders';
import type { KpiName } from '../src/sim/kpis';
import { defaultParams, type Params } from '../src/sim/params';
import { createSimulation, restoreSimulation, type SimSnapshot, type TripBatch } from '../src/sim/simulation';
import { TRIP_FLUSH_LIMITS } from '../src/worker/workerRun';
import { digestTree, fingerprint } from '../tests/sim/simHelpers';

/** A saved state; restoreSimulation refuses one of another snapshot version, naming both. */
function readState(file: string): SimSnapshot {
  return deserialize(readFileSync(file)) as SimSnapshot;
}

function readFlag(name: string, fallback?: string): string {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? process.argv[at + 1] : fallback;
  if (value === undefined) throw new Error(`scripts/modelDay.ts needs ${name} <value>`);
  return value;
}

const mode = process.argv[2];
if (mode === 'save') {
  const scale = Number(readFlag('--scale', '0.1'));
  const seed = Number(readFlag('--seed', '7'));
  const day = Number(readFlag('--day', '3'));
  const sim = createSimulation({ ...defaultParams(), scale }, seed);
  for (let hour = 1; hour <= (day - 1) * 24; hour++) {
    sim.advanceTo(hour * 3600);
    sim.drainTrips();
  }
  writeFileSync(readFlag('--out'), serialize(sim.snapshot()));
  console.log(`saved scale ${scale} seed ${seed} at the start of day ${day}`);
} else if (mode === 'run') {
  const snapshot = readState(readFlag('--state'));
  const sim = restoreSimulation(snapshot);
  const changes: Record<string, number | string> = {};
  process.argv.forEach((arg, at) => {
    if (arg !== '--set') return;
    const [name, value] = (process.argv[at + 1] ?? '').split('=');
    changes[name] = Number.isFinite(Number(value)) ? Number(value) : value;
  });
  if (Object.keys(changes).length > 0) sim.setParams(changes as Partial<Params>);
  // `--street-detail none`: every last-mile trip drawn stop to stop, as the page asks for at a
  // national view (below street zoom); the default draws every trip street by street.
  if (readFlag('--street-detail', 'all') === 'none') sim.setStreetDetailBounds(null);
  const before = { ...sim.getKpis().cumulative };
  const startS = sim.timeS;
  const trips: TripBatch[] = [];
  // Trips handed out mid-step at the worker's limits, as the page's worker and the bench do: a
  // full-scale van wave (one step) would otherwise grow the trip buffer by doubling.
  sim.setTripFlush(() => trips.push(sim.drainTrips()), TRIP_FLUSH_LIMITS.vertices, TRIP_FLUSH_LIMITS.stops);
  const hourWallS: number[] = [];
  const cpu = process.cpuUsage();
  const startedMs = performance.now();
  // `--hours N`: only the day's first N hours (a full-scale morning, for a profile of its waves).
  const hours = Number(readFlag('--hours', '24'));
  for (
    let hour = Math.min(1, hours);
    hour <= hours;
    hour = hour === hours ? hours + 1 : Math.min(hours, hour + 1)
  ) {
    const hourStarted = performance.now();
    sim.advanceTo(startS + hour * 3600);
    trips.push(sim.drainTrips());
    hourWallS.push(Number(((performance.now() - hourStarted) / 1000).toFixed(2)));
  }
  const used = process.cpuUsage(cpu);
  const cpuS = (used.user + used.system) / 1e6;
  const wallS = (performance.now() - startedMs) / 1000;
  // Digests of what the day showed (KPIs, trips, facilities) and of each piece of run state, so
  // a change that only lays state out differently can be told from one that changes results.
  const digests: Record<string, string> = {};
  if (!process.argv.includes('--no-digest')) {
    const { state, ...shown } = fingerprint(sim, trips) as { state: Record<string, unknown> };
    const hash = (value: unknown) =>
      createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12);
    digests.shown = hash(shown);
    for (const [key, value] of Object.entries(state)) digests[key] = hash(value);
  }
  const after = sim.getKpis().cumulative;
  const day = (name: KpiName) => after[name] - before[name];
  const share = (part: number, whole: number) => Number(((100 * part) / whole).toFixed(3));
  const handed = day('assignedVan') + day('assignedFlex') + day('assignedUsps') + day('assignedRegional');
  const lastMile = {
    dueOnTimePct: share(day('dueOnTime'), day('dueParcels')),
    flexPct: share(day('assignedFlex'), handed),
    partnerPct: share(day('assignedUsps') + day('assignedRegional'), handed),
    vanRoutes: day('vanRoutes'),
    vanMiles: Math.round(day('vanMiles')),
    flexRoutes: day('flexRoutes'),
    flexMiles: Math.round(day('flexMiles')),
    vanStopsPerRoute: Number((day('vanStops') / day('vanRoutes')).toFixed(1)),
    vanHoursPerRoute: Number((day('vanHours') / day('vanRoutes')).toFixed(2)),
    vanStopsPerHour: Number((day('vanStops') / day('vanHours')).toFixed(1)),
  };
  console.log(
    JSON.stringify({
      cpuS,
      wallS,
      hourWallS: hourWallS.join(' '),
      ordered: sim.getKpis().cumulative.ordered,
      ...changes,
      ...lastMile,
      ...digests,
    }),
  );
} else if (mode === 'orders') {
  // Only the day's ordering (placeOrders, step by step, nothing else runs): its CPU seconds and a
  // digest of the parcels and streams it leaves.
  const snapshot = readState(readFlag('--state'));
  const sim = restoreSimulation(snapshot);
  // The engine is private to the simulation: this timing harness reaches in on purpose.
  const engine = (sim as unknown as { engine: Engine }).engine;
  const stepS = sim.params.stepS;
  const startS = sim.timeS;
  const cpu = process.cpuUsage();
  for (let t = startS; t < startS + 86400; t += stepS) placeOrders(engine, t, stepS);
  const used = process.cpuUsage(cpu);
  const after = sim.snapshot();
  const hash = (value: unknown) =>
    createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12);
  console.log(
    JSON.stringify({
      cpuS: (used.user + used.system) / 1e6,
      ordered: engine.state.kpis.cumulative[0],
      parcels: hash(digestTree(after.parcels)),
      queues: hash(digestTree(after.queues)),
      kpis: hash(digestTree(after.kpis)),
      lastMile: hash(digestTree(after.lastMile)),
    }),
  );
} else {
  console.error('usage: tsx scripts/modelDay.ts save|run ...');
  process.exit(2);
}
