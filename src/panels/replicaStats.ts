/**
 * Statistics over replications (scenario A and the same scenario on other seeds): the 5th to
 * 95th percentile band of an hourly series, and the 95% confidence interval of a mean. Pure, so
 * it is unit-tested; with 3 to 5 runs the percentiles interpolate between the extremes (d3's
 * R-7 quantile, as a spreadsheet's PERCENTILE does).
 */
import * as d3 from 'd3';

/** Two-sided 95% Student t quantiles by degrees of freedom (runs - 1), 1 to 10. */
const T_95 = [Number.NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];

/**
 * Per hour, the `lowQ` and `highQ` quantiles over the runs' values (NaN where fewer than two
 * runs have a finite value: a band needs a spread). Runs may hold different numbers of hours.
 */
export function getPercentileBand(
  runs: readonly ArrayLike<number>[],
  lowQ = 0.05,
  highQ = 0.95,
): { lower: Float64Array; upper: Float64Array } {
  const hours = runs.reduce((most, run) => Math.max(most, run.length), 0);
  const lower = new Float64Array(hours).fill(Number.NaN);
  const upper = new Float64Array(hours).fill(Number.NaN);
  const values: number[] = [];
  for (let hour = 0; hour < hours; hour++) {
    values.length = 0;
    for (const run of runs) {
      const value = hour < run.length ? run[hour] : Number.NaN;
      if (Number.isFinite(value)) values.push(value);
    }
    if (values.length < 2) continue;
    values.sort((a, b) => a - b);
    lower[hour] = d3.quantileSorted(values, lowQ) ?? Number.NaN;
    upper[hour] = d3.quantileSorted(values, highQ) ?? Number.NaN;
  }
  return { lower, upper };
}

/** Mean and the half width of its 95% confidence interval (t distribution) over `values`. */
export function getMeanConfidenceInterval(values: readonly number[]): {
  mean: number;
  halfWidth: number;
  runs: number;
} {
  const finite = values.filter(Number.isFinite);
  const runs = finite.length;
  const mean = runs > 0 ? (d3.mean(finite) ?? Number.NaN) : Number.NaN;
  if (runs < 2) return { mean, halfWidth: Number.NaN, runs };
  const deviation = d3.deviation(finite) ?? 0;
  const t = T_95[Math.min(runs - 1, T_95.length - 1)];
  return { mean, halfWidth: (t * deviation) / Math.sqrt(runs), runs };
}
