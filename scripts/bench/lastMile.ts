/**
 * The last mile (issue 4):
 * - the default scenario's realtime factor with the last mile on (goal >= 3,600x on one core),
 *   for each optimiser on the same seed, with what it buys: van routes, stops, miles and hours per
 *   route, on-time rate, van cost per parcel;
 * - cost per parcel by carrier, Flex blocks and pay, on the default scenario;
 * - the same comparison with vans short (60 a station) on the last-mile stage alone, fed the same
 *   synthetic morning hand-off at every station, where routing decides who gets a van at all.
 * Set BENCH_LAST_MILE_DAYS to change the timed days (default 2, after a warm-up day).
 */
import { LastMile } from '../../src/sim/lastMile/lastMile';
import type { LastMileHost } from '../../src/sim/lastMile/lastMileState';
import { DELIVERING_CARRIERS } from '../../src/sim/lastMile/lastMileKpis';
import { LAST_MILE_KPI_INDEX as K } from '../../src/sim/lastMile/lastMileMetrics';
import { buildNetwork } from '../../src/sim/network';
import { defaultParams, type Optimiser, OPTIMISERS, type Params } from '../../src/sim/params';
import { ParcelStore, QueueSet } from '../../src/sim/parcels';
import { createStreams, RandomStream } from '../../src/sim/rng';
import { createSimulation, type Kpis } from '../../src/sim/simulation';
import { STAGE_READY_AT_STATION } from '../../src/sim/kinds';
import { NO_JOURNAL } from '../../src/sim/parcelJournal';

export const title =
  'last mile: realtime factor with it on, what each optimiser buys, cost per parcel by carrier';

const SEED = 7;
const DAY = 86400;
const TIMED_DAYS = Number(process.env.BENCH_LAST_MILE_DAYS ?? 2);

function table(rows: string[][]): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  for (const row of rows) console.log(`| ${row.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`);
}

const pct = (value: number) => `${(100 * value).toFixed(1)}%`;

/** The default scenario with one optimiser: day 1 warms up, the next TIMED_DAYS are timed. */
function runScenario(optimiser: Optimiser): { kpis: Kpis; factor: number; cpuFactor: number } {
  const sim = createSimulation({ ...defaultParams(), optimiser }, SEED);
  const advance = (fromDay: number, toDay: number) => {
    for (let t = fromDay * DAY + 3600; t <= toDay * DAY; t += 3600) {
      sim.advanceTo(t);
      sim.drainTrips(); // the worker drains trips as it streams them
    }
  };
  advance(0, 1);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  advance(1, 1 + TIMED_DAYS);
  const wallS = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  return { kpis: sim.getKpis(), factor: (TIMED_DAYS * DAY) / wallS, cpuFactor: (TIMED_DAYS * DAY) / cpuS };
}

/** The last-mile stage alone: every station handed its share of a default day at 06:00, run 3 days. */
function runStage(params: Params) {
  const model = buildNetwork(params);
  const parcels = new ParcelStore();
  const queues = new QueueSet(model.network.facilities.length * 4);
  const host: LastMileHost = {
    parcels,
    queues,
    trips: { append: () => {} },
    streams: createStreams(SEED),
    regionStorm: new Uint8Array(model.regionCount),
    regionSpeedFactor: new Float32Array(model.regionCount).fill(1),
    vehicleSerial: 0,
    journal: NO_JOURNAL,
  };
  const readyQueueOf = (station: number) => station * 4 + 1;
  const lastMile = new LastMile(model, SEED, readyQueueOf);
  const perStation = Math.round((params.parcelsPerDay * params.scale) / model.stationIds.length);
  const random = RandomStream.fromSeed(SEED, 99);
  for (const station of model.stationIds) {
    const radius = model.serviceRadiusKm[station];
    for (let k = 0; k < perStation; k++) {
      const slot = parcels.allocate();
      const c = parcels.columns;
      const rural = random.nextFloat() < params.outsideMetroDemandShare;
      const angle = random.nextFloat() * 2 * Math.PI;
      const r = rural ? radius + 5 + 35 * random.nextFloat() : radius * Math.sqrt(random.nextFloat());
      const u = random.nextFloat();
      c.stage[slot] = STAGE_READY_AT_STATION;
      c.promise[slot] = u < 0.12 ? 0 : u < 0.57 ? 1 : u < 0.87 ? 2 : 3;
      c.destinationStation[slot] = station;
      c.weight10g[slot] = Math.round(Math.min(30, Math.max(0.05, Math.exp(0.9 * random.nextNormal()))) * 100);
      c.destinationOffset[2 * slot] = Math.round(Math.cos(angle) * r * 100);
      c.destinationOffset[2 * slot + 1] = Math.round(Math.sin(angle) * r * 100);
      c.orderedS[slot] = -4 * 3600 + random.nextFloat() * 8 * 3600;
      queues.push(c.next, readyQueueOf(station), slot);
    }
  }
  const started = performance.now();
  for (let t = 0; t < 3 * DAY; t += params.stepS) lastMile.step(t, t + params.stepS, host, params);
  return { lastMile, wallS: (performance.now() - started) / 1000 };
}

export async function run(): Promise<void> {
  const base = defaultParams();
  console.log(
    `Default scenario, seed ${SEED}, scale ${base.scale}: day 1 warms up, days 2-${1 + TIMED_DAYS} timed; figures cumulative over all ${1 + TIMED_DAYS} days.\n`,
  );
  const rows = [
    [
      'optimiser',
      'realtime (wall)',
      'realtime (CPU)',
      'van routes',
      'stops/route',
      'miles/route',
      'hours/route',
      'on time',
      'van $/parcel',
    ],
  ];
  let defaultKpis: Kpis | undefined;
  for (const optimiser of OPTIMISERS as readonly Optimiser[]) {
    const { kpis, factor, cpuFactor } = runScenario(optimiser);
    if (optimiser === base.optimiser) defaultKpis = kpis;
    const lm = kpis.lastMile;
    rows.push([
      `${optimiser}${optimiser === base.optimiser ? ' (default)' : ''}`,
      `${Math.round(factor).toLocaleString('en-US')}x`,
      `${Math.round(cpuFactor).toLocaleString('en-US')}x`,
      lm.routes.van.routes.toFixed(0),
      lm.routes.van.stopsPerRoute.toFixed(0),
      lm.routes.van.milesPerRoute.toFixed(1),
      lm.routes.van.hoursPerRoute.toFixed(2),
      pct(lm.onTimeRate),
      lm.byCarrier.van.costPerParcelUsd.toFixed(2),
    ]);
  }
  table(rows);
  console.log('goal: realtime >= 3,600x on one core\n');

  const lm = defaultKpis!.lastMile;
  const summary = [['default scenario', 'value', 'reference']];
  summary.push(['delivered (modelled parcels)', lm.delivered.toLocaleString('en-US'), '']);
  summary.push(['on time, all carriers', pct(lm.onTimeRate), '98% off-peak (ShipMatrix, M)']);
  summary.push(['mean click-to-door', `${lm.meanClickToDoorH.toFixed(1)} h`, '']);
  summary.push(['late parcels already late at the station', pct(lm.lateBeforeLastMileShare), '']);
  summary.push(['cost per parcel, all carriers', `$${lm.costPerParcelUsd.toFixed(2)}`, '']);
  for (const name of DELIVERING_CARRIERS) {
    const by = lm.byCarrier[name];
    summary.push([
      `${name}: share / on time / $ per parcel`,
      `${pct(by.share)} / ${pct(by.onTimeRate)} / $${by.costPerParcelUsd.toFixed(2)}`,
      name === 'usps' ? 'USPS share 25-35%, ~$2 (CALIBRATION.md)' : '',
    ]);
  }
  summary.push([
    'Flex blocks offered / taken / unfilled',
    `${lm.flex.blocksOffered} / ${lm.flex.blocksAccepted} / ${lm.flex.blocksUnfilled}`,
    '',
  ]);
  summary.push([
    'Flex effective pay per hour',
    `$${lm.flex.effectivePayPerHourUsd.toFixed(2)}`,
    '$18-25/h (H)',
  ]);
  summary.push([
    'van route: stops / miles / hours',
    `${lm.routes.van.stopsPerRoute.toFixed(0)} / ${lm.routes.van.milesPerRoute.toFixed(0)} / ${lm.routes.van.hoursPerRoute.toFixed(1)}`,
    '~180 stops, 60-120 mi, 10 h shift',
  ]);
  table(summary);

  console.log(
    '\nVans short (60 a station), the last-mile stage alone on one synthetic default day, same parcels:\n',
  );
  const short = [['optimiser', 'van routes', 'miles/route', 'flex blocks taken', 'on time', 'wall s']];
  for (const optimiser of OPTIMISERS as readonly Optimiser[]) {
    const { lastMile, wallS } = runStage({ ...base, optimiser, vansPerStation: 60 });
    const f = (name: keyof typeof K) => lastMile.state.metrics.flows[K[name]];
    short.push([
      optimiser,
      f('vanRoutes').toFixed(0),
      (f('vanMiles') / f('vanRoutes')).toFixed(1),
      f('flexBlocksAccepted').toFixed(0),
      pct(f('deliveredOnTime') / f('delivered')),
      wallS.toFixed(1),
    ]);
  }
  table(short);
}
