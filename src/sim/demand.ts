/**
 * Demand: how many orders a step brings and where they go.
 * - Rate: parcelsPerDay x scale x demandMultiplier x calendar x weekday, shaped over the local
 *   day by the time-of-day curve (CALIBRATION.md, Volume and time: order time of day, Oberlo).
 * - Where: a share `outsideMetroDemandShare` of orders comes from addresses outside every
 *   service area (rural), drawn by metro population and placed 5-65 km beyond the metro's edge;
 *   the rest go to a delivery station in proportion to its metro's population / station count,
 *   at a point uniform in its service disk.
 * - Promise mix: sameDay / nextDay / twoDay shares, the rest standard.
 */
import type { NetworkModel } from './network';
import type { Params } from './params';
import { getDayOfYear, isWeekend } from './schedules';

/** CALIBRATION.md order time of day, index 100 = mean; linear between the given hours. */
const TIME_OF_DAY_POINTS: readonly [number, number][] = [
  [0, 104],
  [5, 22],
  [9, 75],
  [10, 103],
  [12, 142],
  [13, 151],
  [14, 149],
  [15, 145],
  [16, 142],
  [20, 132],
  [21, 134],
  [22, 133],
  [23, 123],
  [24, 104],
];

/** Relative order rate per local minute of day (1440 entries, mean exactly 1). */
export const TIME_OF_DAY_PER_MINUTE: Float64Array = (() => {
  const curve = new Float64Array(1440);
  let sum = 0;
  for (let minute = 0; minute < 1440; minute++) {
    const hour = (minute + 0.5) / 60;
    let k = 0;
    while (TIME_OF_DAY_POINTS[k + 1][0] < hour) k++;
    const [h0, v0] = TIME_OF_DAY_POINTS[k];
    const [h1, v1] = TIME_OF_DAY_POINTS[k + 1];
    curve[minute] = v0 + ((v1 - v0) * (hour - h0)) / (h1 - h0);
    sum += curve[minute];
  }
  for (let minute = 0; minute < 1440; minute++) curve[minute] *= 1440 / sum;
  return curve;
})();

/** Peak calendar (day of year, 1 = Jan 1). The largest applicable multiplier wins. */
export const PEAK_CALENDAR = {
  primeDay: { firstDay: 196, lastDay: 197 },
  cyberWeek: { firstDay: 331, lastDay: 335 },
  december: { firstDay: 335, lastDay: 354 },
} as const;

/** Whether `dayOfYear` falls in a peak's days (a function, not a closure: this runs per order). */
function isInside(range: { firstDay: number; lastDay: number }, dayOfYear: number): boolean {
  return dayOfYear >= range.firstDay && dayOfYear <= range.lastDay;
}

/** Demand on sim time `simS`'s day relative to an ordinary weekday: peaks (largest wins) x weekend. */
export function getCalendarMultiplier(params: Params, simS: number): number {
  const dayOfYear = getDayOfYear(params.startDayOfYear, simS);
  let multiplier = 1;
  if (isInside(PEAK_CALENDAR.primeDay, dayOfYear))
    multiplier = Math.max(multiplier, params.primeDayMultiplier);
  if (isInside(PEAK_CALENDAR.cyberWeek, dayOfYear))
    multiplier = Math.max(multiplier, params.cyberWeekMultiplier);
  if (isInside(PEAK_CALENDAR.december, dayOfYear))
    multiplier = Math.max(multiplier, params.decemberMultiplier);
  if (isWeekend(params.startDayOfYear, simS)) multiplier *= params.weekendDemandFactor;
  return multiplier;
}

/** Parcel weights the demand model draws, kg (a lognormal around medianParcelWeightKg, clamped). */
export const MIN_ORDER_WEIGHT_KG = 0.05;
export const MAX_ORDER_WEIGHT_KG = 30;

/** Walker alias table: O(1) draws from a discrete distribution with two uniforms. */
export interface AliasTable {
  items: Int32Array;
  probability: Float64Array;
  alias: Int32Array;
}

export function createAliasTable(items: readonly number[], weights: readonly number[]): AliasTable {
  const n = items.length;
  const total = weights.reduce((sum, w) => sum + w, 0);
  const scaled = weights.map((w) => (total > 0 ? (w * n) / total : 1));
  const probability = new Float64Array(n);
  const alias = new Int32Array(n);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((p, i) => {
    (p < 1 ? small : large).push(i);
  });
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large.pop()!;
    probability[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  for (const i of large) probability[i] = 1;
  for (const i of small) probability[i] = 1;
  return { items: Int32Array.from(items), probability, alias };
}

export function drawAlias(table: AliasTable, u: number, v: number): number {
  const n = table.items.length;
  const column = Math.min(n - 1, Math.floor(u * n));
  return table.items[v < table.probability[column] ? column : table.alias[column]];
}

/** Demand split by time zone so each zone follows its own local clock. */
export interface DemandZone {
  offsetH: number;
  /** Share of national population in this zone. */
  populationShare: number;
  /**
   * Station facility ids, weighted by their metro's population / station count; a metro left
   * without a station (network edits) is one item, -1 - its metro index, weighted by its
   * population (writeOrderAddress places its orders in the metro and serves them from afar).
   */
  stations: AliasTable;
  /** Metro indices weighted by population (for rural addresses). */
  metros: AliasTable;
}

export function buildDemandZones(model: NetworkModel): DemandZone[] {
  const offsets = [...new Set(model.metros.map((m) => m.offsetH))].sort((a, b) => b - a);
  const total = model.metros.reduce((sum, m) => sum + m.population, 0);
  return offsets.map((offsetH) => {
    const metroIndices: number[] = [];
    const metroWeights: number[] = [];
    const stationIds: number[] = [];
    const stationWeights: number[] = [];
    model.metros.forEach((metro, m) => {
      if (metro.offsetH !== offsetH) return;
      metroIndices.push(m);
      metroWeights.push(metro.population);
      for (const id of metro.stationIds) {
        stationIds.push(id);
        stationWeights.push(metro.population / metro.stationIds.length);
      }
      if (metro.stationIds.length === 0) {
        stationIds.push(-1 - m);
        stationWeights.push(metro.population);
      }
    });
    return {
      offsetH,
      populationShare: metroWeights.reduce((sum, w) => sum + w, 0) / total,
      stations: createAliasTable(stationIds, stationWeights),
      metros: createAliasTable(metroIndices, metroWeights),
    };
  });
}
