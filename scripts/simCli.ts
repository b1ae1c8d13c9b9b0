/**
 * What `npm run sim` does, as a function (scripts/sim.ts is the command; tests call it in-process):
 * `npm run sim -- --days 2 --seed 7 --scale 0.05 [--preset prime-day] [--facility ID] [--json] [--<param> value]`
 * Runs the model headless and prints the KPIs in the domain's words (or JSON); with --facility,
 * also that facility's delivery figures (the parcels it shipped, sorted or delivered; issue #7).
 * Experiments (experiments/experiments.ts): `--replications N` prints every KPI as mean +- 95% CI
 * over seeds seed..seed+N-1 (worker threads, a progress bar on stderr); `--sweep key=a:b:steps`
 * writes a CSV with CIs (`--out FILE`); `--emit-jobs FILE` writes the job list and `--job N`
 * runs one job of it (`--jobs FILE`, or the same flags) and prints its KPI JSON.
 * Network edits (src/sim/networkEdits.ts): `--edit add:station:-104.99,39.74@day2` (repeatable)
 * adds to the networkEdits parameter; `--metro NAME` prints the delivery figures of a metro's
 * stations (an edit's effect on it); `--facilities KIND` lists the ids edits refer to.
 * Bad flags or values: a message naming the parameter and its valid range, exit code 2.
 */
import { getCalibrationFigures, WARM_UP_DAYS } from '../src/sim/calibrationFigures';
import { DELIVERY_STATION, FACILITY_KINDS, FULFILLMENT_CENTER } from '../src/sim/kinds';
import { type DueOnTime, getDueOnTime, KPI_NAMES, type Kpis } from '../src/sim/kpis';
import type { DeliveryKpis } from '../src/sim/lastMile/lastMileKpis';
import {
  defaultParams,
  describeRange,
  PARAM_DECLARATIONS,
  parseParamOverrides,
  validateParams,
} from '../src/sim/params';
import { applyPreset, getPreset, PRESETS } from '../src/sim/presets';
import { EDIT_KIND_NAMES } from '../src/sim/networkEdits';
import {
  createSimulation,
  getFacilityDeliveryKpis,
  type Simulation,
  sumFacilityDeliveries,
} from '../src/sim/simulation';
import { parseSweep, runExperiment, type Sweep } from './experiments/experiments';

/** A number in en-US digits; '-' for NaN (a rate before its first parcel). */
function fmt(value: number, digits = 0): string {
  return Number.isFinite(value)
    ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '-';
}

function pct(value: number): string {
  return Number.isFinite(value) ? `${fmt(value * 100, 1)}%` : '-';
}

/** One indented label/value row. */
function line(label: string, value: string): void {
  console.log(`  ${label.padEnd(38)}${value.padStart(14)}`);
}

/** Ends the command with an exit code (thrown, so that it unwinds from wherever it is decided). */
class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function fail(message: string): never {
  console.error(message);
  console.error('Run `npm run sim -- --help` for the flags.');
  throw new CliExit(2);
}

function printHelp(): void {
  console.log('npm run sim -- [--days N] [--seed N] [--preset NAME] [--json] [--<param> value ...]\n');
  console.log('  --days     sim days to run, 0.05 to 60 (default 2)');
  console.log('  --seed     integer seed, 0 to 4294967295 (default 7)');
  console.log(`  --preset   one of ${PRESETS.map((p) => p.name).join(', ')}`);
  console.log('  --facility facility id: also print its delivery figures (on time, by carrier, by promise)');
  console.log(
    '  --metro    metro name: also print the delivery figures of its stations (e.g. "Fort Collins")',
  );
  console.log('  --edit     a network edit, repeatable (joined to --networkEdits with ;):');
  console.log(
    '               add:<fc|sc|station|hub>:<lon>,<lat>[@time]   e.g. add:station:-104.99,39.74@day2',
  );
  console.log('               remove:f<id>[@time]                          e.g. remove:f12@day2');
  console.log('               outage:f<id>:<from>-<until>                  e.g. outage:f12:day2-day3');
  console.log(
    '               capacity:f<id>:<robots|sortPerHour|vans>=<n>[@time]  e.g. capacity:f12:robots=300',
  );
  console.log('             times: day<N>[h<H>[m<M>]], day 1 starting the run; no @time: from the start');
  console.log(
    '  --facilities KIND  list the facilities of a kind (fc, sc, station, hub): id, name, lon, lat',
  );
  console.log('  --json     print the KPIs as JSON');
  console.log(
    '  --replications N        run N seeds (seed, seed+1, ...) and print every KPI as mean ± 95% CI',
  );
  console.log(
    '  --sweep key=a:b:steps   run each of steps values of a parameter (x replications) into a CSV',
  );
  console.log('  --out FILE              the sweep CSV (default sweep-<key>.csv)');
  console.log('  --workers N             worker threads (default: the cores)');
  console.log('  --emit-jobs FILE        write the experiment as a job list (JSON) for a batch engine');
  console.log(
    '  --job N [--jobs FILE]   run job N of the list (or of the list the same flags make), print its JSON',
  );
  console.log(
    '  --combine DIR           mean ± 95% CI of the --job results (*.json) collected in DIR, per group\n',
  );
  for (const d of PARAM_DECLARATIONS)
    console.log(`  --${d.key.padEnd(30)} ${describeRange(d)} (default ${d.default})`);
}

/**
 * Runs `npm run sim` with `args` (the words after `--`), printing to the console as the command
 * does, and returns its exit code: 0, or 2 for a bad flag or value (with a message on stderr).
 */
export async function runSimCli(args: readonly string[]): Promise<number> {
  try {
    return await runSim(args);
  } catch (error) {
    if (error instanceof CliExit) return error.code;
    throw error;
  }
}

async function runSim(args: readonly string[]): Promise<number> {
  let days = 2;
  let seed = 7;
  let presetName: string | undefined;
  let facilityArg: string | undefined;
  let json = false;
  let replications: number | null = null;
  let sweepSpec: string | null = null;
  let outPath: string | null = null;
  let workers: number | null = null;
  let emitJobsPath: string | null = null;
  let jobIndex: number | null = null;
  let jobsPath: string | null = null;
  let combineDir: string | null = null;
  let metroArg: string | undefined;
  let listKind: string | undefined;
  const edits: string[] = [];
  const overrides: [string, string][] = [];
  const positiveInteger = (name: string, value: string, max: number): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > max)
      fail(`${name}: ${value} is not valid; expected an integer 0 to ${max}`);
    return n;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') {
      printHelp();
      return 0;
    }
    if (arg === '--json') {
      json = true;
      continue;
    }
    if (!arg.startsWith('--')) fail(`Unexpected argument "${arg}": flags look like --days 2`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) fail(`--${name} needs a value`);
    if (name === 'days') {
      days = Number(value);
      if (!Number.isFinite(days) || days < 0.05 || days > 60)
        fail(`days: ${value} is out of range; expected 0.05 to 60 days`);
    } else if (name === 'seed') {
      seed = Number(value);
      if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) {
        fail(`seed: ${value} is not valid; expected an integer 0 to 4294967295`);
      }
    } else if (name === 'preset') {
      presetName = value;
    } else if (name === 'facility') {
      facilityArg = value;
    } else if (name === 'metro') {
      metroArg = value;
    } else if (name === 'edit') {
      edits.push(value);
    } else if (name === 'facilities') {
      listKind = value;
    } else if (name === 'replications') {
      replications = positiveInteger(name, value, 1000);
      if (replications < 1) fail('replications: expected at least 1');
    } else if (name === 'sweep') {
      sweepSpec = value;
    } else if (name === 'out') {
      outPath = value;
    } else if (name === 'workers') {
      workers = positiveInteger(name, value, 64);
    } else if (name === 'emit-jobs') {
      emitJobsPath = value;
    } else if (name === 'job') {
      jobIndex = positiveInteger(name, value, 1_000_000);
    } else if (name === 'jobs') {
      jobsPath = value;
    } else if (name === 'combine') {
      combineDir = value;
    } else {
      overrides.push([name, value]);
    }
  }

  let params = defaultParams();
  if (presetName !== undefined) {
    const preset = getPreset(presetName);
    if (!preset)
      fail(`preset: "${presetName}" is unknown; expected one of ${PRESETS.map((p) => p.name).join(', ')}`);
    params = applyPreset(params, preset);
  }
  const parsed = parseParamOverrides(overrides);
  if (parsed.errors.length > 0) fail(parsed.errors.join('\n'));
  const withEdits: Record<string, unknown> = { ...parsed.overrides };
  if (edits.length > 0)
    withEdits.networkEdits = [parsed.overrides.networkEdits ?? params.networkEdits, ...edits]
      .filter((text) => text !== '')
      .join(';');
  const checked = validateParams(withEdits, params);
  if (checked.errors.length > 0) fail(checked.errors.join('\n'));
  params = checked.params;

  if (
    replications !== null ||
    sweepSpec !== null ||
    emitJobsPath !== null ||
    jobIndex !== null ||
    jobsPath !== null ||
    combineDir !== null
  ) {
    let sweep: Sweep | null = null;
    try {
      sweep = sweepSpec === null ? null : parseSweep(sweepSpec);
    } catch (error) {
      fail((error as Error).message);
    }
    return await runExperiment({
      params,
      seed,
      days,
      replications: replications ?? 1,
      sweep,
      emitJobsPath,
      jobIndex,
      jobsPath,
      outPath,
      workers,
      combineDir,
    });
  }

  let sim: Simulation;
  try {
    sim = createSimulation(params, seed);
  } catch (error) {
    // A network edit the model cannot honour names why.
    fail((error as Error).message);
  }
  if (listKind !== undefined) {
    const kind = EDIT_KIND_NAMES[listKind];
    if (kind === undefined || !Object.hasOwn(EDIT_KIND_NAMES, listKind))
      fail(
        `facilities: "${listKind}" is not a kind; expected one of ${Object.keys(EDIT_KIND_NAMES).join(', ')}`,
      );
    for (const f of sim.network.facilities)
      if (f.kind === kind) console.log(`f${f.id}\t${f.name}\t${f.metro}\t${f.lon},${f.lat}`);
    return 0;
  }
  const metroStationIds =
    metroArg === undefined
      ? undefined
      : sim.network.facilities
          .filter((f) => f.kind === DELIVERY_STATION && f.metro === metroArg)
          .map((f) => f.id);
  if (metroStationIds !== undefined && metroStationIds.length === 0)
    fail(`metro: "${metroArg}" has no delivery station; a metro's name as --facilities station lists it`);
  const facilityId = facilityArg === undefined ? undefined : Number(facilityArg);
  const facilityCount = sim.network.facilities.length;
  if (
    facilityId !== undefined &&
    !(Number.isInteger(facilityId) && facilityId >= 0 && facilityId < facilityCount)
  )
    fail(`facility: ${facilityArg} is not a facility id; expected an integer 0 to ${facilityCount - 1}`);
  const started = performance.now();
  const endS = Math.round(days * 86400);
  for (let t = 0; t < endS; ) {
    t = Math.min(endS, t + 6 * 3600);
    sim.advanceTo(t);
    sim.drainTrips(); // nobody draws them here; keep memory flat
  }
  const wallS = (performance.now() - started) / 1000;
  const kpis: Kpis = sim.getKpis();
  // Figures for reports skip the warm-up (WARM_UP_DAYS says why); a shorter run reports none.
  const warmUpHours = WARM_UP_DAYS * 24;
  const fcCount = sim.network.facilities.filter((f) => f.kind === FULFILLMENT_CENTER).length;
  const steadyState =
    kpis.hours > warmUpHours
      ? {
          onTime: getDueOnTime(kpis.hourly, warmUpHours, kpis.hours),
          figures: getCalibrationFigures(kpis.hourly, params, fcCount, warmUpHours, kpis.hours),
        }
      : null;
  const facility = facilityId === undefined ? undefined : sim.network.facilities[facilityId];
  const facilityKpis =
    facility === undefined
      ? undefined
      : getFacilityDeliveryKpis(sim.readFacilityDeliveries().values, facility.id, params.scale);
  const metroKpis =
    metroStationIds === undefined
      ? undefined
      : getFacilityDeliveryKpis(
          sumFacilityDeliveries(sim.readFacilityDeliveries().values, metroStationIds),
          0,
          params.scale,
        );

  if (json) {
    const hourly: Record<string, number[]> = {};
    for (const name of KPI_NAMES) hourly[name] = Array.from(kpis.hourly[name]);
    console.log(
      JSON.stringify(
        {
          seed,
          days,
          preset: presetName ?? null,
          params,
          timeS: kpis.timeS,
          wallS,
          cumulative: kpis.cumulative,
          derived: kpis.derived,
          inStage: kpis.inStage,
          onTime: kpis.onTime,
          warmUpDays: WARM_UP_DAYS,
          steadyState,
          lastMile: kpis.lastMile,
          facility: facility && {
            id: facility.id,
            name: facility.name,
            kind: FACILITY_KINDS[facility.kind],
            deliveries: facilityKpis,
          },
          metro: metroStationIds && { name: metroArg, stationIds: metroStationIds, deliveries: metroKpis },
          hourly,
        },
        null,
        2,
      ),
    );
  } else {
    const perReal = 1 / params.scale;
    const c = kpis.cumulative;
    const rows: [string, number, boolean][] = [
      ['ordered', c.ordered, true],
      ['  sourced in the buyer’s region', c.sourcedInRegion, true],
      ['picked (FC)', c.picked, true],
      ['packed (FC)', c.packed, true],
      ['scanned, labelled, loaded (SLAM)', c.loadedAtFc, true],
      ['line-haul: left an FC', c.lineHaul, true],
      ['arrived at a sortation center', c.arrivedSortCenter, true],
      ['sorted (sortation center)', c.sorted, true],
      ['  transferred between regions', c.lineHaulTransfer, true],
      ['line-haul: left for a station', c.lineHaulToStation, true],
      ['arrived at a delivery station', c.atStation, true],
      ['ready at station (last-mile hand-off)', c.readyAtStation, true],
      ['handed to the last mile (wave)', c.handedToLastMile, true],
      ['delivered to the door', c.delivered, true],
    ];
    console.log(
      `Parcelscope: ${fmt(days, 2)} sim days, seed ${seed}, scale ${params.scale}` +
        `${presetName ? `, preset ${presetName}` : ''} (${fmt(wallS, 1)} s wall, ${fmt(kpis.timeS / wallS)}x realtime)\n`,
    );
    console.log(`${'stage'.padEnd(40)}${'parcels'.padStart(14)}${'real-world'.padStart(16)}`);
    for (const [label, value, scaled] of rows) {
      console.log(
        `${label.padEnd(40)}${fmt(value).padStart(14)}${(scaled ? fmt(value * perReal) : '').padStart(16)}`,
      );
    }
    console.log('\nnow');
    for (const [stage, count] of Object.entries(kpis.inStage)) {
      if (stage !== 'free') console.log(`  ${stage.padEnd(38)}${fmt(count).padStart(14)}`);
    }
    const d = kpis.derived;
    console.log('\nline-haul and service');
    console.log(`  ${'truck trips'.padEnd(38)}${fmt(c.lineHaulTrips).padStart(14)}`);
    console.log(`  ${'truck miles'.padEnd(38)}${fmt(c.lineHaulMiles).padStart(14)}`);
    console.log(`  ${'line-haul cost (USD)'.padEnd(38)}${fmt(c.lineHaulCostUsd).padStart(14)}`);
    console.log(
      `  ${'line-haul cost per parcel (USD)'.padEnd(38)}${fmt(d.lineHaulCostPerParcelUsd, 2).padStart(14)}`,
    );
    console.log(`  ${'mean trailer fill'.padEnd(38)}${`${fmt(d.meanTrailerFill * 100, 1)}%`.padStart(14)}`);
    console.log(
      `  ${'trailers that waited for a dock door'.padEnd(38)}${fmt(c.trailersWaitedForDoor).padStart(14)}`,
    );
    if (c.trailersWaitedForDoor > 0)
      line('  mean wait for the door (h)', fmt(c.doorWaitHoursSum / c.trailersWaitedForDoor, 1));
    console.log(`  ${'in-region share'.padEnd(38)}${`${fmt(d.inRegionShare * 100, 1)}%`.padStart(14)}`);
    console.log(`  ${'mean click-to-station (h)'.padEnd(38)}${fmt(d.meanClickToStationH, 1).padStart(14)}`);
    console.log(`  ${'robots busy'.padEnd(38)}${`${fmt(d.robotsBusyShare * 100, 1)}%`.padStart(14)}`);

    console.log('\non time (every parcel whose promise fell due, late if not delivered by then)');
    printDueOnTime(kpis.onTime, 'since the start');
    if (steadyState) printDueOnTime(steadyState.onTime, `steady state, after a ${WARM_UP_DAYS}-day warm-up`);
    else
      console.log(
        `  (no steady-state window: the network starts empty; run over ${WARM_UP_DAYS} days for figures after the warm-up)`,
      );

    const lm = kpis.lastMile;
    console.log('\nlast mile');
    line('delivered', fmt(lm.delivered));
    line('on time, of parcels delivered', pct(lm.onTimeRate));
    line('mean click-to-door (h)', fmt(lm.meanClickToDoorH, 1));
    line('mean lateness of late parcels (h)', fmt(lm.meanLatenessH, 1));
    line('late parcels already late at the station', pct(lm.lateBeforeLastMileShare));
    line('on their way to the door now', fmt(lm.onTheirWay));
    line('cost per parcel, all carriers (USD)', fmt(lm.costPerParcelUsd, 2));
    printDeliveries(lm);
    console.log('');
    for (const kind of ['van', 'flex'] as const) {
      const r = lm.routes[kind];
      line(`${kind} routes`, fmt(r.routes));
      line(
        '  stops / miles / hours per route',
        `${fmt(r.stopsPerRoute)} / ${fmt(r.milesPerRoute)} / ${fmt(r.hoursPerRoute, 1)}`,
      );
    }
    line(
      'Flex blocks offered/taken/unfilled',
      `${fmt(lm.flex.blocksOffered)} / ${fmt(lm.flex.blocksAccepted)} / ${fmt(lm.flex.blocksUnfilled)}`,
    );
    line('Flex effective pay (USD/h)', fmt(lm.flex.effectivePayPerHourUsd, 2));

    if (facility && facilityKpis) {
      const f = facilityKpis;
      console.log(
        `\nfacility ${facility.id}: ${facility.name} (${FACILITY_KINDS[facility.kind]}, ${facility.metro})` +
          ' - parcels it shipped, sorted or delivered',
      );
      line('delivered', fmt(f.delivered));
      line('  share of all delivered', pct(lm.delivered > 0 ? f.delivered / lm.delivered : Number.NaN));
      line('on time', pct(f.onTimeRate));
      line('mean click-to-door (h)', fmt(f.meanClickToDoorH, 1));
      line('mean lateness of late parcels (h)', fmt(f.meanLatenessH, 1));
      line('late parcels already late at the station', pct(f.lateBeforeLastMileShare));
      line('cost per parcel, all carriers (USD)', fmt(f.costPerParcelUsd, 2));
      printDeliveries(f);
    }
    if (metroStationIds && metroKpis) {
      const m = metroKpis;
      console.log(
        `\nmetro ${metroArg}: parcels delivered by its ${metroStationIds.length} delivery stations (f${metroStationIds.join(', f')})`,
      );
      line('delivered', fmt(m.delivered));
      line('on time', pct(m.onTimeRate));
      line('mean click-to-door (h)', fmt(m.meanClickToDoorH, 1));
      line('cost per parcel, all carriers (USD)', fmt(m.costPerParcelUsd, 2));
      printDeliveries(m);
    }
  }
  return 0;
}

/** When a sim time falls: "day 3 14:00" (day 1 starts at time 0). */
function simClock(timeS: number): string {
  const day = Math.floor(timeS / 86400);
  const hour = Math.floor((timeS - day * 86400) / 3600);
  return `day ${day + 1} ${String(hour).padStart(2, '0')}:00`;
}

/** Honest on-time over a window of due hours, with the window in words and per promise class. */
function printDueOnTime(onTime: DueOnTime, label: string): void {
  console.log(`  ${label}: parcels due ${simClock(onTime.fromS)} to ${simClock(onTime.toS)}`);
  line('  on time', pct(onTime.rate));
  line('  parcels due', fmt(onTime.due));
  for (const [name, by] of Object.entries(onTime.byPromise)) line(`    ${name}`, pct(by.rate));
}

/** On time, carrier mix and cost, on time by promise and the lateness histogram of deliveries. */
function printDeliveries(kpis: DeliveryKpis): void {
  console.log(
    `\n  ${'carrier'.padEnd(12)}${'share'.padStart(10)}${'on time'.padStart(10)}${'USD/parcel'.padStart(12)}`,
  );
  for (const [name, by] of Object.entries(kpis.byCarrier)) {
    console.log(
      `  ${name.padEnd(12)}${pct(by.share).padStart(10)}${pct(by.onTimeRate).padStart(10)}${fmt(by.costPerParcelUsd, 2).padStart(12)}`,
    );
  }
  console.log('\n  on time by promise');
  for (const [name, by] of Object.entries(kpis.byPromise)) line(`  ${name}`, pct(by.onTimeRate));
  console.log('\n  late parcels by hours late');
  kpis.lateness.binEdgesH.forEach((edge, i) => {
    const next = kpis.lateness.binEdgesH[i + 1];
    line(`  ${edge}${next === undefined ? '+' : `-${next}`} h`, fmt(kpis.lateness.lateParcels[i]));
  });
}
