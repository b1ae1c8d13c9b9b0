/**
 * Seeded baseline: a fixed run's summary figures, checked in. A change in the model's behaviour
 * shows up as a diff of tests/sim/baseline/*.json to review; accept it with `vitest -u`.
 */
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../src/sim/params';
import { applyPreset, getPreset } from '../../src/sim/presets';
import { createSimulation } from '../../src/sim/simulation';

function summarise(presetName: string, hours: number): string {
  const params = applyPreset({ ...defaultParams(), scale: 0.002 }, getPreset(presetName)!);
  const sim = createSimulation(params, 7);
  sim.advanceTo(hours * 3600);
  const kpis = sim.getKpis();
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const summary = {
    preset: presetName,
    seed: 7,
    scale: params.scale,
    hours,
    cumulative: Object.fromEntries(
      Object.entries(kpis.cumulative).map(([name, value]) => [name, round(value)]),
    ),
    derived: Object.fromEntries(Object.entries(kpis.derived).map(([name, value]) => [name, round(value)])),
    inStage: kpis.inStage,
    lastMile: {
      delivered: kpis.lastMile.delivered,
      onTimeRate: round(kpis.lastMile.onTimeRate),
      meanClickToDoorH: round(kpis.lastMile.meanClickToDoorH),
      costPerParcelUsd: round(kpis.lastMile.costPerParcelUsd),
      carrierShare: Object.fromEntries(
        Object.entries(kpis.lastMile.byCarrier).map(([name, by]) => [name, round(by.share)]),
      ),
      flexBlocksOffered: kpis.lastMile.flex.blocksOffered,
      flexBlocksTaken: kpis.lastMile.flex.blocksAccepted,
      // Objects, not arrays: Biome formats JSON arrays of numbers onto one line, JSON.stringify does not.
      lateParcelsByHoursLate: Object.fromEntries(
        kpis.lastMile.lateness.binEdgesH.map((edge, i) => [
          `${edge}h+`,
          kpis.lastMile.lateness.lateParcels[i],
        ]),
      ),
    },
    trips: sim.drainTrips().length,
  };
  return `${JSON.stringify(summary, null, 2)}\n`;
}

describe('seeded baselines', () => {
  it('an ordinary week, seed 7, 48 sim hours', async () => {
    await expect(summarise('default', 48)).toMatchFileSnapshot('./baseline/default-seed7-48h.json');
  });

  it('Prime Day, seed 7, 48 sim hours', async () => {
    await expect(summarise('prime-day', 48)).toMatchFileSnapshot('./baseline/prime-day-seed7-48h.json');
  });
});
