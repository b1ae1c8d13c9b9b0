import { describe, expect, it } from 'vitest';
import type { ReplicationResult } from '../../scripts/experiments/jobs';
import { CALIBRATION_TARGETS } from '../../scripts/experiments/targets';
import { evaluateTargets, formatTable, getSourcedMisses } from '../../scripts/validate';

/** A replication whose steady-state figures are those given (others absent: NaN). */
function result(group: string, seed: number, figures: Record<string, number>): ReplicationResult {
  const kpis: Record<string, number> = {};
  for (const [name, value] of Object.entries(figures)) kpis[`steadyState.${name}`] = value;
  return { index: seed, group, seed, days: 8, wallS: 1, kpis };
}

describe('npm run validate', () => {
  const ordinary = [0.976, 0.98, 0.984].map((onTime, i) =>
    result('default', i + 1, { onTime, inRegionShare: 0.7 + i * 0.001, parcelsPerDay: 17.3e6 }),
  );
  const december = [1, 2, 3].map((seed) =>
    result('december-peak', seed, { onTime: 0.96, parcelsPerDay: 25.1e6 }),
  );

  it('judges every figure the scenarios run can give by its mean against the tolerance, with a 95% CI', () => {
    const results = evaluateTargets({ default: ordinary, 'december-peak': december });
    const byFigure = new Map(results.map((r) => [`${r.target.figure}|${r.target.scenarios.join('/')}`, r]));
    const onTime = byFigure.get('on time, all carriers (off-peak)|default')!;
    expect(onTime.value.mean).toBeCloseTo(0.98, 9);
    expect(onTime.value.ci95).toBeCloseTo(4.303 * (0.004 / Math.sqrt(3)), 6);
    expect(onTime.pass).toBe(true);
    expect(byFigure.get('orders fulfilled in-region|default')!.pass).toBe(false);
    const volume = byFigure.get('December peak volume over an ordinary day|december-peak/default')!;
    expect(volume.value.mean).toBeCloseTo(25.1 / 17.3, 9);
    expect(volume.pass).toBe(true);
    // A figure needing a scenario that was not run is left out, not failed.
    const ran = new Set(['default', 'december-peak']);
    expect(results.some((r) => r.target.scenarios.includes('prime-day'))).toBe(false);
    expect(results.some((r) => r.target.scenarios.includes('december-peak-fair-weather'))).toBe(false);
    expect(results.length).toBe(
      CALIBRATION_TARGETS.filter((t) => t.scenarios.every((s) => ran.has(s))).length,
    );
  });

  it('fails the run on a sourced (H or M) miss only, and says so in the table', () => {
    const results = evaluateTargets({ default: ordinary, 'december-peak': december });
    const misses = getSourcedMisses(results);
    expect(misses.map((m) => m.target.figure)).toContain('orders fulfilled in-region');
    expect(misses.every((m) => m.target.confidence === 'H' || m.target.confidence === 'M')).toBe(true);
    // Figures of no replication (NaN) are misses too, but only the sourced ones fail the run.
    expect(results.filter((r) => !r.pass && r.target.confidence === 'L').length).toBeGreaterThan(0);
    const table = formatTable(results);
    expect(table).toContain(
      '| default | orders fulfilled in-region | 76% (Amazon Science); goal ± 3 | H | 73.0% to 79.0% |',
    );
    expect(table).toContain('| **miss** |');
    expect(table).toContain(
      '| default | on time, all carriers (off-peak) | 98% (ShipMatrix); goal ≥ 97.5% | M | 97.5% to 100.0% | 98.0% ± 1.0 pt | pass |',
    );
  });
});
