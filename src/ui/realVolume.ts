/**
 * Counts shown to people are the real network's. The model simulates a fraction `scale` of the
 * real parcels (Params.scale, default 0.01), so each modelled parcel stands for 1/scale real
 * ones: a page that printed modelled counts would show the network at 1% of its size. Parcel
 * counts and rates are multiplied by 1/scale for display; the modelled figure stays in tooltips
 * and exports. Robots, trailers, trucks, miles and money are real already and are not scaled.
 */
import { getKpiDescription, MODELLED_PARCELS } from '../sim/kpiDictionary';
import { useAppStore } from '../state/useAppStore';
import { formatCompact, formatCount } from './format';

/**
 * Whether a KPI column (src/sim/kpis.ts names) counts modelled parcels, flows or levels: its unit
 * in the KPI dictionary (sim/kpiDictionary.ts) is MODELLED_PARCELS. Trips, miles, money, sums of
 * hours, routes, stops, blocks, trucks and trailers are real already (or not counts) and are not
 * scaled. A name the dictionary does not know is not scaled either: its figure is shown as the
 * model counted it, never multiplied by a guess. (The KPI history holds the names the worker
 * sends, the model's own KpiNames, so every name it gives is known.)
 */
export function isParcelCountKpi(name: string): boolean {
  return getKpiDescription(name)?.unit === MODELLED_PARCELS;
}

/** Real parcels a modelled count stands for (a scale of 0 or less leaves it as it is). */
export function toRealParcels(modelled: number, scale: number): number {
  return scale > 0 ? modelled / scale : modelled;
}

/** A modelled series as real parcels, into a new array. */
export function toRealSeries(modelled: ArrayLike<number>, scale: number): Float64Array {
  const factor = scale > 0 ? 1 / scale : 1;
  const out = new Float64Array(modelled.length);
  for (let index = 0; index < modelled.length; index++) out[index] = modelled[index] * factor;
  return out;
}

/** "1.2M": a modelled parcel count shown at real volume, compact. */
export function formatRealParcels(modelled: number, scale: number): string {
  return formatCompact(toRealParcels(modelled, scale));
}

/** "1,234,500": a modelled parcel count shown at real volume, every digit. */
export function formatRealParcelCount(modelled: number, scale: number): string {
  return formatCount(toRealParcels(modelled, scale));
}

/** Tooltip text: what the model counted behind a real figure ("12,345 modelled parcels, 1 = 100 real"). */
export function describeModelled(modelled: number, scale: number): string {
  if (!(scale > 0) || scale === 1) return `${formatCount(modelled)} parcels (the model runs at full scale)`;
  return `${formatCount(modelled)} modelled parcels (1 modelled = ${formatCount(1 / scale)} real)`;
}

/** The header's one statement of the scale: "simulating 1% of parcels, shown at real volume". */
export function describeScale(scale: number): string {
  if (!(scale > 0) || scale >= 1) return 'simulating every parcel';
  const percent = scale * 100;
  const shown =
    percent >= 1 ? percent.toLocaleString('en-US', { maximumFractionDigits: 1 }) : percent.toPrecision(2);
  return `simulating ${shown}% of parcels, shown at real volume`;
}

/** Above this scale (5x the default's parcels) a run says what it costs before it starts. */
export const LARGE_SCALE = 0.05;
/**
 * The worker's memory at full scale: its peak over the warm start's replay to day 4 10:00 and
 * four minutes of play at 600x (`npm run bench -- fullScalePage`, seed 1: 2.35 GB of V8 heap and
 * array buffers; the replay to day 2 10:00, in Node, peaked at 2.34 GB RSS).
 */
const FULL_SCALE_WORKER_GB = 2.4;

/**
 * What a large scale costs, for a notice as it is chosen (a link or the slider); null at or below
 * LARGE_SCALE. A full-scale run otherwise looks frozen for minutes in its warm-up.
 */
export function describeLargeScaleCost(scale: number, defaultScale: number): string | null {
  if (!(scale > LARGE_SCALE)) return null;
  const times = Math.round(scale / defaultScale);
  const gigabytes = Math.max(0.5, Math.round(FULL_SCALE_WORKER_GB * scale * 2) / 2);
  return (
    `${describeScale(scale)[0].toUpperCase()}${describeScale(scale).slice(1)}: ${formatCount(times)} times the ` +
    `default's parcels, so the model runs about that much slower (minutes to warm up, a clock far below ` +
    `the speed chosen) and its worker needs ~${gigabytes.toLocaleString('en-US')} GB of memory. Scrubbing ` +
    `back may replay from the run's start: snapshots get what the model leaves of 2 GB, at most 1 GB.`
  );
}

/** Scenario A's scale (Params.scale) for components; 1 before the model is ready. */
export function useRealScale(): number {
  return useAppStore((state) => state.params?.scale ?? 1);
}
