/**
 * The run against the real network, pure and unit-tested: the calibration targets `npm run
 * validate` checks (src/sim/calibrationTargets.json) that one ordinary run can show, each with
 * the model's figure over the last day of scenario A's KPI history, the real figure and whether
 * the model is within its tolerance. Only sums and ratios of the hourly series
 * (getCalibrationFigures); the component draws the result.
 */
import { type CalibrationFigures, getCalibrationFigures } from '../sim/calibrationFigures';
import targetRecords from '../sim/calibrationTargets.json';
import { KPI_NAMES, type KpiName } from '../sim/kpis';
import type { Params } from '../sim/params';
import { formatCompact, formatHourLabel, formatPercent } from '../ui/format';

/** Hours the figures cover: the last sim day, as validate's figures are daily. */
export const COMPARISON_HOURS = 24;
/**
 * Hours skipped before the first window: the network starts empty and fills its queues, trucks
 * and routes over about two days, so a run from midnight day 1 reads low until then. (validate
 * skips six days, WARM_UP_DAYS, for its slowest promises too; the page's run opens on day 4.)
 */
export const COMPARISON_WARM_UP_HOURS = 48;
/** The first hour the comparison can be shown at: the warm-up and one whole window after it. */
export const FIRST_COMPARISON_HOUR = COMPARISON_WARM_UP_HOURS + COMPARISON_HOURS;

/** What each confidence letter of the table means, in shared/CALIBRATION.md's legend's words. */
export const CONFIDENCE_MEANINGS: Record<string, string> = {
  H: 'H high: primary source or a named index quoted widely',
  M: 'M medium: one reputable secondary source',
  L: 'L low: blog, anecdote or old figure',
  A: 'A assumption: no source found, our own estimate',
  goal: 'goal: a bar the project set for the model, not a real-world source',
};

type TargetRecord = (typeof targetRecords)[number];
type FigureKey = Exclude<keyof CalibrationFigures, 'fromHour' | 'toHour'>;

/** Where the model's figure stands against the real one's tolerance; `none`: no figure (nothing counted). */
export type RealNetworkMark = 'within' | 'above' | 'below' | 'none';

export interface RealNetworkRow {
  /** The target's name ("on time, all carriers (off-peak)"). */
  figure: string;
  kpi: FigureKey;
  /** The model's figure in the target's unit: a share 0-1, USD, real parcels or items, a count. */
  value: number;
  /** "97.6%", "$20.10", "17.3M". */
  valueText: string;
  /** The real figure and its source, as the table states it. */
  realText: string;
  /** The tolerance in the same unit: "97.5%–100%". */
  toleranceText: string;
  mark: RealNetworkMark;
  confidence: string;
  confidenceMeaning: string;
  /**
   * Why the model misses this figure by design, when it does (the table's `whyItMisses`, a line
   * of docs/validation.md's "Where the model still differs"); '' when the model is within it.
   */
  whyItMisses: string;
}

export type RealNetworkComparison =
  | { kind: 'waiting'; hours: number; firstHour: number; text: string }
  | {
      kind: 'rows';
      window: readonly [number, number];
      rows: RealNetworkRow[];
      withinCount: number;
      summary: string;
    };

/**
 * The targets one run of the calibrated defaults answers: one scenario, the default, and a KPI
 * CalibrationFigures has (the peaks' figures need another scenario's run; `keys` are the figures'
 * names, as a run's figures hold them).
 */
export function getComparableTargets(keys: ReadonlySet<string>): TargetRecord[] {
  return targetRecords.filter(
    (target) =>
      target.scenarios.length === 1 &&
      target.scenarios[0] === 'default' &&
      keys.has(target.kpi) &&
      target.kpi !== 'fromHour' &&
      target.kpi !== 'toHour',
  );
}

/** A figure in its target's unit: "97.6%", "$20.10", "17.3M" real parcels, "412k" items, "182". */
export function formatTargetFigure(unit: string, value: number): string {
  if (!Number.isFinite(value)) return '–';
  switch (unit) {
    case 'share':
      return formatPercent(value);
    case 'usd':
      return `$${value.toFixed(2)}`;
    case 'ratio':
      return `${value.toFixed(2)}×`;
    case 'items':
    case 'count':
      // parcelsPerDay and fcItemsPerDay are real already (getCalibrationFigures divides by the scale).
      return value >= 10_000 ? formatCompact(value) : value.toFixed(value >= 100 ? 0 : 1);
    default:
      return String(value);
  }
}

function getMark(value: number, [low, high]: readonly number[]): RealNetworkMark {
  if (!Number.isFinite(value)) return 'none';
  if (value < low) return 'below';
  if (value > high) return 'above';
  return 'within';
}

/** The hourly series of the window [fromHour, toHour), keyed by KPI name, rebased to hour 0. */
function readWindow(
  history: { column(name: string, fromHour?: number, toHour?: number): Float64Array },
  fromHour: number,
  toHour: number,
): Record<KpiName, Float64Array> {
  const hourly = {} as Record<KpiName, Float64Array>;
  for (const name of KPI_NAMES) hourly[name] = history.column(name, fromHour, toHour);
  return hourly;
}

/**
 * The comparison over the last COMPARISON_HOURS completed hours of `history`, or the waiting
 * state before FIRST_COMPARISON_HOUR. `fulfillmentCenterCount`: FCs in the network (items per FC).
 */
export function getRealNetworkComparison(
  history: { hours: number; column(name: string, fromHour?: number, toHour?: number): Float64Array },
  params: Params,
  fulfillmentCenterCount: number,
): RealNetworkComparison {
  const hours = history.hours;
  if (hours < FIRST_COMPARISON_HOUR) {
    return {
      kind: 'waiting',
      hours,
      firstHour: FIRST_COMPARISON_HOUR,
      text:
        `The real-world figures appear at ${formatHourLabel(FIRST_COMPARISON_HOUR)}: a day's figures ` +
        `after a two-day warm-up. A run from midnight day 1 is still filling its pipeline (queues, ` +
        `trucks and routes start empty), so its first days read low.`,
    };
  }
  const window = [hours - COMPARISON_HOURS, hours] as const;
  const figures = getCalibrationFigures(
    readWindow(history, window[0], window[1]),
    params,
    fulfillmentCenterCount,
    0,
    COMPARISON_HOURS,
  );
  const rows = getComparableTargets(new Set(Object.keys(figures))).map((target): RealNetworkRow => {
    const kpi = target.kpi as FigureKey;
    const value = figures[kpi];
    const [low, high] = target.tolerance;
    const mark = getMark(value, target.tolerance);
    return {
      figure: target.figure,
      kpi,
      value,
      valueText: formatTargetFigure(target.unit, value),
      realText: target.source,
      toleranceText: `${formatTargetFigure(target.unit, low)}–${formatTargetFigure(target.unit, high)}`,
      mark,
      confidence: target.confidence,
      confidenceMeaning: CONFIDENCE_MEANINGS[target.confidence] ?? target.confidence,
      whyItMisses: mark === 'above' || mark === 'below' ? target.whyItMisses : '',
    };
  });
  const withinCount = rows.filter((row) => row.mark === 'within').length;
  const span = `${formatHourLabel(window[0])}–${formatHourLabel(window[1])}`;
  return {
    kind: 'rows',
    window,
    rows,
    withinCount,
    summary: `${withinCount} of ${rows.length} figures within their real-world range, last ${COMPARISON_HOURS} h (${span})`,
  };
}

/**
 * Why the figures may differ by design, or '' when the run is the calibrated ordinary week: the
 * window is in a calendar peak (`peakLabel`, "December peak") or the run changed parameters from
 * the calibrated defaults (the scenario line lists them; the note stays one short line).
 */
export function describeComparisonCaveat(peakLabel: string | null, changedParams: boolean): string {
  const reasons = [
    peakLabel ? `these hours are in the ${peakLabel}` : '',
    changedParams ? 'this run changed parameters' : '',
  ]
    .filter(Boolean)
    .join(' and ');
  if (!reasons) return '';
  return `Real figures are an ordinary week's at the calibrated defaults; ${reasons}, so the model's are expected to differ.`;
}
