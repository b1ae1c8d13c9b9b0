/**
 * Means and 95% confidence intervals over replications: the half-width is Student's t for
 * n - 1 degrees of freedom times the standard error (independent replications, normal means).
 */

/** Two-sided 95% t quantiles for 1..30 degrees of freedom; 1.96 beyond. */
const T_95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
] as const;

export interface MeanCi {
  n: number;
  mean: number;
  /** Half-width of the 95% confidence interval of the mean (NaN with one replication). */
  ci95: number;
}

/** Mean and 95% CI half-width of the finite values (NaN values, e.g. a rate of nothing, are left out). */
export function getMeanCi(values: readonly number[]): MeanCi {
  const finite = values.filter((v) => Number.isFinite(v));
  const n = finite.length;
  if (n === 0) return { n, mean: Number.NaN, ci95: Number.NaN };
  const mean = finite.reduce((sum, v) => sum + v, 0) / n;
  if (n === 1) return { n, mean, ci95: Number.NaN };
  const variance = finite.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1);
  const t = n - 1 <= T_95.length ? T_95[n - 2] : 1.96;
  return { n, mean, ci95: t * Math.sqrt(variance / n) };
}
