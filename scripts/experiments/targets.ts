/**
 * The figures of shared/CALIBRATION.md the model produces, with the goals for them, as
 * `npm run validate` checks them: where each comes from, how far to trust it (H, M, L, A; `goal`
 * for the bar set by the project rather than a source), the tolerance the model's mean must fall
 * in, and the KPI it reads from one replication's flat record (experiments/jobs.ts) of each
 * scenario it needs. The table itself is data, in src/sim/calibrationTargets.json so that the page
 * compares its run with the same figures. A sourced figure (H or M) that misses fails the run.
 */
import type { MeanCi } from './stats';
import targetRecords from '../../src/sim/calibrationTargets.json';

const CONFIDENCES = ['H', 'M', 'L', 'A', 'goal'] as const;
const TARGET_UNITS = ['share', 'count', 'usd', 'ratio', 'items'] as const;
export type Confidence = (typeof CONFIDENCES)[number];
export type TargetUnit = (typeof TARGET_UNITS)[number];

export interface CalibrationTarget {
  figure: string;
  /** The CALIBRATION.md row (or the goal) and its number. */
  source: string;
  confidence: Confidence;
  /** Scenarios whose replications (paired by seed) the figure needs, in `read`'s order. */
  scenarios: readonly string[];
  /** The model's mean passes within [low, high]. */
  tolerance: readonly [number, number];
  unit: TargetUnit;
  read: (runs: readonly Record<string, number>[]) => number;
}

type TargetRecord = (typeof targetRecords)[number];

/**
 * A target of calibrationTargets.json, checked: its confidence and unit known, its tolerance
 * [low, high], one scenario, or two whose KPIs it divides (the first's over the second's, paired
 * by seed: a peak's volume over an ordinary day's).
 */
function toTarget(record: TargetRecord): CalibrationTarget {
  const { figure, source, confidence, scenarios, kpi, tolerance, unit } = record;
  const isOneOf = <T extends string>(values: readonly T[], value: string): value is T =>
    (values as readonly string[]).includes(value);
  if (!isOneOf(CONFIDENCES, confidence) || !isOneOf(TARGET_UNITS, unit)) {
    throw new Error(
      `calibrationTargets.json, ${figure}: confidence ${confidence} or unit ${unit} is unknown`,
    );
  }
  const [low, high] = tolerance;
  if (tolerance.length !== 2 || !(low <= high) || scenarios.length < 1 || scenarios.length > 2) {
    throw new Error(
      `calibrationTargets.json, ${figure}: expected a tolerance [low, high] and one or two scenarios`,
    );
  }
  const key = `steadyState.${kpi}`;
  const read: CalibrationTarget['read'] =
    scenarios.length === 1 ? ([run]) => run[key] : ([run, base]) => run[key] / base[key];
  return { figure, source, confidence, scenarios, tolerance: [low, high], unit, read };
}

export const CALIBRATION_TARGETS: readonly CalibrationTarget[] = targetRecords.map(toTarget);

/** A value in the target's unit: "97.6%", "$20.0", "1.45x", "259k", "180". */
export function formatTargetValue(target: CalibrationTarget, value: number, isSpread = false): string {
  if (!Number.isFinite(value)) return '-';
  switch (target.unit) {
    case 'share':
      return `${(value * 100).toFixed(1)}${isSpread ? ' pt' : '%'}`;
    case 'usd':
      return `$${value.toFixed(2)}`;
    case 'ratio':
      return `${value.toFixed(3)}x`;
    case 'items':
      return `${Math.round(value / 1000)}k`;
    default:
      return value >= 1e6 ? `${(value / 1e6).toFixed(2)} M` : value.toFixed(value >= 100 ? 0 : 1);
  }
}

/** Mean +- CI of a target as text. */
export function formatMeanCi(target: CalibrationTarget, value: MeanCi): string {
  return `${formatTargetValue(target, value.mean)} ± ${formatTargetValue(target, value.ci95, true)}`;
}
