/**
 * What a benchmark suite reports to `npm run bench` (scripts/bench.ts): figures with their goal,
 * so the runner prints one table with a mark where a figure misses and keeps them in
 * bench/results.json. Timings are the median of several runs with their spread.
 */

/** A goal a figure must meet: at most `max`, at least `min` (either or both). */
export interface BenchGoal {
  max?: number;
  min?: number;
}

export interface BenchFigure {
  /** What is measured, in words. */
  figure: string;
  value: number;
  unit: string;
  goal?: BenchGoal;
  /** For timings: how many runs the value is the median of, and the fastest and slowest. */
  spread?: { runs: number; min: number; max: number };
}

/** Whether a figure meets its goal (true when it has none). */
export function meetsGoal(figure: BenchFigure): boolean {
  const { goal, value } = figure;
  if (!goal) return true;
  return (goal.max === undefined || value <= goal.max) && (goal.min === undefined || value >= goal.min);
}

/** The median of `values` with their spread, as a figure. */
export function createTimingFigure(
  figure: string,
  values: readonly number[],
  unit: string,
  goal?: BenchGoal,
): BenchFigure {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return {
    figure,
    value: median,
    unit,
    goal,
    spread: { runs: sorted.length, min: sorted[0], max: sorted[sorted.length - 1] },
  };
}

/** Runs `measure` `runs` times and returns the median of what it returns, with the spread. */
export function measureMedian(
  figure: string,
  runs: number,
  unit: string,
  measure: (run: number) => number,
  goal?: BenchGoal,
): BenchFigure {
  const values: number[] = [];
  for (let run = 0; run < runs; run++) values.push(measure(run));
  return createTimingFigure(figure, values, unit, goal);
}
