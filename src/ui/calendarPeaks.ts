/**
 * The calendar peaks a run meets (Prime Day, Cyber Week, the December peak) as stretches of sim
 * time, for the timeline and the charts to mark; and where to put the calendar when a preset is
 * picked mid-run. The peak days and multipliers are the model's (PEAK_CALENDAR, Params); this
 * module only lays them on the run's clock. Pure.
 */
import { PEAK_CALENDAR } from '../sim/demand';
import type { Params } from '../sim/params';
import type { Preset } from '../sim/presets';
import { getCalendarDate, getDayOfYear, MONTH_NAMES } from '../sim/schedules';

const DAY_S = 86_400;
const DAYS_PER_YEAR = 365;

type PeakName = keyof typeof PEAK_CALENDAR;

/** `inSentence`: the peak as a sentence names it ("in the December peak", "in Prime Day"). */
const PEAKS: ReadonlyArray<{
  name: PeakName;
  label: string;
  inSentence: string;
  multiplierKey: keyof Params;
}> = [
  { name: 'primeDay', label: 'Prime Day', inSentence: 'Prime Day', multiplierKey: 'primeDayMultiplier' },
  { name: 'cyberWeek', label: 'Cyber Week', inSentence: 'Cyber Week', multiplierKey: 'cyberWeekMultiplier' },
  {
    name: 'december',
    label: 'December peak',
    inSentence: 'the December peak',
    multiplierKey: 'decemberMultiplier',
  },
];

export interface PeakPeriod {
  startS: number;
  endS: number;
  label: string;
  /** Demand multiplier over the period (Params). */
  multiplier: number;
}

/** From `fromS` on the run's calendar starts at `startDayOfYear` (a change of it moves the calendar). */
export interface CalendarSegment {
  fromS: number;
  startDayOfYear: number;
}

/** The peak on a day of the year; where two meet (Cyber Monday) the larger multiplier wins, as in the model. */
function getPeakOn(dayOfYear: number, params: Params): (typeof PEAKS)[number] | undefined {
  let best: (typeof PEAKS)[number] | undefined;
  for (const peak of PEAKS) {
    const range = PEAK_CALENDAR[peak.name];
    if (dayOfYear < range.firstDay || dayOfYear > range.lastDay) continue;
    if (!best || Number(params[peak.multiplierKey]) > Number(params[best.multiplierKey])) best = peak;
  }
  return best;
}

/**
 * The peak periods in [0, untilS) on a calendar that may have moved mid-run (`segments`, in time
 * order, the first from 0). Adjacent days of one peak merge into one period.
 */
export function getPeakPeriods(
  params: Params,
  segments: readonly CalendarSegment[],
  untilS: number,
): PeakPeriod[] {
  const periods: PeakPeriod[] = [];
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index];
    const segmentEndS = Math.min(untilS, segments[index + 1]?.fromS ?? untilS);
    for (let day = Math.floor(segment.fromS / DAY_S); day * DAY_S < segmentEndS; day++) {
      const peak = getPeakOn(getDayOfYear(segment.startDayOfYear, day * DAY_S), params);
      if (!peak) continue;
      const startS = Math.max(segment.fromS, day * DAY_S);
      const endS = Math.min(segmentEndS, (day + 1) * DAY_S);
      const last = periods[periods.length - 1];
      if (last && last.label === peak.label && last.endS === startS) last.endS = endS;
      else periods.push({ startS, endS, label: peak.label, multiplier: Number(params[peak.multiplierKey]) });
    }
  }
  return periods;
}

/**
 * The calendar's segments from the run's changes (events that moved it, in time order) and the
 * start day in force now.
 */
export function getCalendarSegments(
  events: ReadonlyArray<{ atS: number; calendar?: { before: number; after: number } }>,
  startDayOfYearNow: number,
): CalendarSegment[] {
  const moves = events.filter((event) => event.calendar);
  if (moves.length === 0) return [{ fromS: 0, startDayOfYear: startDayOfYearNow }];
  const segments: CalendarSegment[] = [
    { fromS: 0, startDayOfYear: moves[0].calendar?.before ?? startDayOfYearNow },
  ];
  for (const move of moves)
    segments.push({ fromS: move.atS, startDayOfYear: move.calendar?.after ?? startDayOfYearNow });
  return segments;
}

/** The first peak day in the first week from `startDayOfYear`: days to it and its peak (null: none). */
function findFirstPeak(
  startDayOfYear: number,
  params: Params,
): { offset: number; peak: (typeof PEAKS)[number] } | null {
  for (let offset = 0; offset < 7; offset++) {
    const peak = getPeakOn(getDayOfYear(startDayOfYear, offset * DAY_S), params);
    if (peak) return { offset, peak };
  }
  return null;
}

/** The day of the year a preset is about: its calendar peak if its first week meets one, else its start. */
export function getPresetFocusDay(preset: Preset, params: Params): number {
  const offset = findFirstPeak(preset.startDayOfYear, params)?.offset ?? 0;
  return getDayOfYear(preset.startDayOfYear, offset * DAY_S);
}

/** The startDayOfYear that makes the sim day holding `timeS` fall on `dayOfYear`. */
export function getStartDayForToday(dayOfYear: number, timeS: number): number {
  const day = Math.floor(Math.max(0, timeS) / DAY_S);
  return ((((dayOfYear - 1 - day) % DAYS_PER_YEAR) + DAYS_PER_YEAR) % DAYS_PER_YEAR) + 1;
}

/**
 * What a preset picked mid-run does from now: its peak ("Prime Day from today: 2 days at 2×
 * demand.", its description being about a run that starts before the peak) or its description.
 */
export function describePresetFromNow(preset: Preset, params: Params): string {
  const focusDay = getPresetFocusDay(preset, params);
  const peak = getPeakOn(focusDay, params);
  if (!peak) return preset.description;
  const days = PEAK_CALENDAR[peak.name].lastDay - focusDay + 1;
  const multiplier = Number(params[peak.multiplierKey]);
  return `${peak.label} from today: ${days} day${days === 1 ? '' : 's'} at ${multiplier}× demand.`;
}

/**
 * A run's calendar moved from its scenario's (a link's startDayOfYear): "Calendar from 8 Dec, in
 * the December peak (1.45× demand)", naming the peak its first week meets. The scenario line says
 * it, or an ordinary week's words would stand beside a December clock.
 */
export function describeCalendarChange(params: Params): string {
  const start = getCalendarDate(params.startDayOfYear, 0);
  const from = `Calendar from ${start.dayOfMonth} ${MONTH_NAMES[start.month - 1]}`;
  const first = findFirstPeak(params.startDayOfYear, params);
  if (!first) return from;
  const { offset, peak } = first;
  const when = offset === 0 ? 'in' : `${offset} day${offset === 1 ? '' : 's'} before`;
  return `${from}, ${when} ${peak.inSentence} (${Number(params[peak.multiplierKey])}× demand)`;
}
