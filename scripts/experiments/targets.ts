/**
 * The figures of shared/CALIBRATION.md the model produces, with the goals for them, as
 * `npm run validate` checks them: where each comes from, how far to trust it (H, M, L, A; `goal`
 * for the bar set by the project rather than a source), the tolerance the model's mean must fall
 * in, and how to read it from one replication's flat KPI record (experiments/jobs.ts) of each
 * scenario it needs. A sourced figure (H or M) that misses fails the run.
 */
import type { MeanCi } from './stats';

export type Confidence = 'H' | 'M' | 'L' | 'A' | 'goal';
export type TargetUnit = 'share' | 'count' | 'usd' | 'ratio' | 'items';

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

const steady =
  (name: string) =>
  ([run]: readonly Record<string, number>[]): number =>
    run[`steadyState.${name}`];

const target = (
  figure: string,
  source: string,
  confidence: Confidence,
  tolerance: readonly [number, number],
  unit: TargetUnit,
  name: string,
  scenario = 'default',
): CalibrationTarget => ({
  figure,
  source,
  confidence,
  scenarios: [scenario],
  tolerance,
  unit,
  read: steady(name),
});

export const CALIBRATION_TARGETS: readonly CalibrationTarget[] = [
  // Speed and service
  target(
    'on time, all carriers (off-peak)',
    '98% (ShipMatrix); goal ≥ 97.5%',
    'M',
    [0.975, 1],
    'share',
    'onTime',
  ),
  target('on time, same-day promises', 'goal ≥ 95%', 'goal', [0.95, 1], 'share', 'onTimeSameDay'),
  target('on time, next-day promises', 'goal ≥ 95%', 'goal', [0.95, 1], 'share', 'onTimeNextDay'),
  target('on time, worst carrier', 'goal: none below 90%', 'goal', [0.9, 1], 'share', 'onTimeWorstCarrier'),
  target(
    'on time, December peak',
    'Amazon ~96% (A); goal 94-97%',
    'A',
    [0.94, 0.97],
    'share',
    'onTime',
    'december-peak',
  ),
  target(
    'USPS on time, December peak, weather excluded',
    'USPS 90.4% (ShipMatrix Dec 2024, excludes weather)',
    'M',
    [0.874, 0.934],
    'share',
    'onTimeUsps',
    'december-peak-fair-weather',
  ),
  target(
    'orders fulfilled in-region',
    '76% (Amazon Science); goal ± 3',
    'H',
    [0.73, 0.79],
    'share',
    'inRegionShare',
  ),
  target(
    'same-day or next-day share, top 60 metros',
    '60% of Prime orders (Amazon 2024)',
    'H',
    [0.55, 0.65],
    'share',
    'fastPromiseShareTop60',
  ),
  target(
    'pure same-day share',
    '12-15% (Red Stag estimate)',
    'L',
    [0.12, 0.15],
    'share',
    'sameDayPromiseShare',
  ),
  // Volume
  target(
    'Amazon Logistics parcels per day',
    '17.3 M (Pitney Bowes 2024)',
    'H',
    [16.9e6, 17.7e6],
    'count',
    'parcelsPerDay',
  ),
  {
    figure: 'December peak volume over an ordinary day',
    source: '1.45x (ShipMatrix)',
    confidence: 'M',
    scenarios: ['december-peak', 'default'],
    tolerance: [1.4, 1.5],
    unit: 'ratio',
    read: ([december, ordinary]) =>
      december['steadyState.parcelsPerDay'] / ordinary['steadyState.parcelsPerDay'],
  },
  {
    figure: 'Prime Day volume over an ordinary day',
    source: '2.0x (Red Stag estimate)',
    confidence: 'L',
    scenarios: ['prime-day', 'default'],
    tolerance: [1.9, 2.1],
    unit: 'ratio',
    read: ([primeDay, ordinary]) =>
      primeDay['steadyState.parcelsPerDay'] / ordinary['steadyState.parcelsPerDay'],
  },
  // Fulfillment centers
  target(
    'FC throughput, items a day (real)',
    '300k-600k typical (Bloomberg)',
    'M',
    [300e3, 600e3],
    'items',
    'fcItemsPerDay',
  ),
  // Partner carriers
  target(
    'USPS share of parcels',
    '25-35% (LA Times; RetailWire); goal 20-35%',
    'M',
    [0.25, 0.35],
    'share',
    'shareUsps',
  ),
  // DSP vans
  target(
    'van route stops',
    '~180, 120-200 (industry write-ups)',
    'L',
    [120, 200],
    'count',
    'vanStopsPerRoute',
  ),
  target(
    'van route parcels',
    '~275, 180-300 (industry write-ups)',
    'L',
    [180, 300],
    'count',
    'vanParcelsPerRoute',
  ),
  target('van stops per hour', '20-30 (industry write-ups)', 'L', [20, 30], 'count', 'vanStopsPerHour'),
  target('van route miles', '60-120', 'A', [60, 120], 'count', 'vanMilesPerRoute'),
  // Amazon Flex
  target(
    'Flex pay per block hour',
    '$18-25/h, mean ~$20 (Ars Technica; Money)',
    'H',
    [18, 25],
    'usd',
    'flexPayPerBlockHourUsd',
  ),
  target('Flex parcels per block', '40-80 (driver reports)', 'L', [40, 80], 'count', 'flexParcelsPerBlock'),
  target('Flex stops per block', '20-50 (driver reports)', 'L', [20, 50], 'count', 'flexStopsPerBlock'),
  // Cost
  target(
    'last-mile cost per van stop',
    '$6-12 per drop (benchmark sites)',
    'L',
    [6, 12],
    'usd',
    'vanCostPerStopUsd',
  ),
  target(
    'last mile share of transport cost',
    '50%, 41-53% (industry estimates)',
    'L',
    [0.41, 0.53],
    'share',
    'lastMileShareOfCost',
  ),
];

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
