/**
 * A replication is an independent job: parameters and a seed in, every KPI as a flat JSON record
 * out. Jobs carry everything they need, so a list of them can run here in worker threads, or one
 * at a time on any batch engine (`npm run sim -- ... --job N`; docs/batch.md).
 */
import { getCalibrationFigures, WARM_UP_DAYS } from '../../src/sim/calibrationFigures';
import { FULFILLMENT_CENTER } from '../../src/sim/kinds';
import type { Kpis } from '../../src/sim/kpis';
import type { Params } from '../../src/sim/params';
import { createSimulation } from '../../src/sim/simulation';

export interface ReplicationJob {
  /** Position in the job list: the batch engine's completion index. */
  index: number;
  /** What the job is a replication of: a scenario name or a sweep point such as "vansPerStation=60". */
  group: string;
  params: Params;
  seed: number;
  /** Sim days to run. */
  days: number;
}

export interface ReplicationResult {
  index: number;
  group: string;
  seed: number;
  days: number;
  wallS: number;
  /** Every KPI of the run, flattened to "section.name" keys (flattenKpis). */
  kpis: Record<string, number>;
}

/** Runs one job to the end and flattens its KPIs; steady-state figures when it ran past the warm-up. */
export function runReplicationJob(job: ReplicationJob): ReplicationResult {
  const started = performance.now();
  const sim = createSimulation(job.params, job.seed);
  const endS = Math.round(job.days * 86400);
  for (let t = 0; t < endS; ) {
    t = Math.min(endS, t + 6 * 3600);
    sim.advanceTo(t);
    sim.drainTrips();
  }
  const kpis = sim.getKpis();
  const warmUpHours = WARM_UP_DAYS * 24;
  const fcCount = sim.network.facilities.filter((f) => f.kind === FULFILLMENT_CENTER).length;
  const figures =
    kpis.hours > warmUpHours
      ? getCalibrationFigures(kpis.hourly, sim.params, fcCount, warmUpHours, kpis.hours)
      : null;
  return {
    index: job.index,
    group: job.group,
    seed: job.seed,
    days: job.days,
    wallS: (performance.now() - started) / 1000,
    kpis: flattenKpis(kpis, figures),
  };
}

/**
 * The KPIs of a run as one flat record: `steadyState.*` (CALIBRATION's figures after the
 * warm-up, when the run is long enough), `onTime.*` (honest, since the start), `lastMile.*`,
 * `derived.*` and `cumulative.*` (counts of modelled parcels, miles, USD).
 */
export function flattenKpis(
  kpis: Kpis,
  figures: ReturnType<typeof getCalibrationFigures> | null,
): Record<string, number> {
  const out: Record<string, number> = {};
  if (figures) {
    for (const [name, value] of Object.entries(figures))
      if (name !== 'fromHour' && name !== 'toHour') out[`steadyState.${name}`] = value;
  }
  out['onTime.rate'] = kpis.onTime.rate;
  out['onTime.due'] = kpis.onTime.due;
  for (const [promise, by] of Object.entries(kpis.onTime.byPromise)) out[`onTime.${promise}`] = by.rate;
  const lastMile = kpis.lastMile;
  out['lastMile.delivered'] = lastMile.delivered;
  out['lastMile.onTimeRateOfDelivered'] = lastMile.onTimeRate;
  out['lastMile.meanClickToDoorH'] = lastMile.meanClickToDoorH;
  out['lastMile.costPerParcelUsd'] = lastMile.costPerParcelUsd;
  for (const [carrier, by] of Object.entries(lastMile.byCarrier)) {
    out[`lastMile.${carrier}.share`] = by.share;
    out[`lastMile.${carrier}.onTimeRate`] = by.onTimeRate;
    out[`lastMile.${carrier}.costPerParcelUsd`] = by.costPerParcelUsd;
  }
  out['lastMile.flexAcceptance'] = lastMile.flex.acceptanceRate;
  for (const [name, value] of Object.entries(kpis.derived)) out[`derived.${name}`] = value;
  for (const [name, value] of Object.entries(kpis.cumulative)) out[`cumulative.${name}`] = value;
  return out;
}
