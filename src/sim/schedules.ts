/**
 * The model's clocks and timetables, in one place: the calendar (date and weekday of a sim
 * time), facilities' local clocks, the FC shift, the carrier cut-offs and sortation departures,
 * the delivery stations' dispatch waves and the promise due times. Stages run on these, the
 * journey explains against them and the page's clock shows them.
 *
 * Sim time is seconds since 00:00 US Eastern on day `startDayOfYear` of MODEL_YEAR; a facility's
 * local time is sim time + its UTC offset relative to Eastern (`offsetH`: 0 Eastern, -1 Central,
 * -2 Mountain, -3 Pacific; its metro's US time zone, timeZones.ts). Daylight saving time is not
 * modelled.
 *
 * A periodic schedule fires at local midnight + phaseS + k x intervalS. Every function here
 * computes an instant as floor((t + shift) / interval) x interval - shift with the same operands,
 * so a stage and its explanation agree on every instant to the bit.
 */
import type { Params } from './params';
import { positiveRemainder } from './portableMath';

export const HOUR_S = 3600;
export const DAY_S = 86400;
export const HOURS_PER_DAY = DAY_S / HOUR_S;

// ---------------------------------------------------------------------------------------------
// Calendar

/**
 * The year the calendar runs in: 2026, whose 1 January is a Thursday. Runs last at most a few
 * weeks, so a run starting in December goes on into 2027 (also 365 days, starting on a Friday).
 */
export const MODEL_YEAR = 2026;
/** Weekday of 1 January MODEL_YEAR, 0 = Monday (a Thursday). */
const JAN_1_WEEKDAY = 3;
const DAYS_IN_YEAR = 365;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** Days since 1 January MODEL_YEAR of the sim day holding `simS` (Eastern midnight boundaries). */
function getDaysSinceJan1(startDayOfYear: number, simS: number): number {
  return startDayOfYear - 1 + Math.floor(simS / DAY_S);
}

/** Day of year (1 = 1 January) of sim time `simS`; wraps into the next year after 31 December. */
export function getDayOfYear(startDayOfYear: number, simS: number): number {
  return (getDaysSinceJan1(startDayOfYear, simS) % DAYS_IN_YEAR) + 1;
}

/** Weekday of sim time `simS`, 0 = Monday to 6 = Sunday; continuous across the new year. */
export function getWeekday(startDayOfYear: number, simS: number): number {
  return (getDaysSinceJan1(startDayOfYear, simS) + JAN_1_WEEKDAY) % 7;
}

export function isWeekend(startDayOfYear: number, simS: number): boolean {
  return getWeekday(startDayOfYear, simS) >= 5;
}

export interface CalendarDate {
  year: number;
  /** 1 = January. */
  month: number;
  dayOfMonth: number;
  dayOfYear: number;
  /** 0 = Monday. */
  weekday: number;
}

/** The date (US Eastern) of sim time `simS`. */
export function getCalendarDate(startDayOfYear: number, simS: number): CalendarDate {
  const days = getDaysSinceJan1(startDayOfYear, simS);
  const dayOfYear = (days % DAYS_IN_YEAR) + 1;
  let month = 0;
  let dayOfMonth = dayOfYear;
  while (dayOfMonth > MONTH_DAYS[month]) dayOfMonth -= MONTH_DAYS[month++];
  return {
    year: MODEL_YEAR + Math.floor(days / DAYS_IN_YEAR),
    month: month + 1,
    dayOfMonth,
    dayOfYear,
    weekday: (days + JAN_1_WEEKDAY) % 7,
  };
}

/** "10:05": the sim clock's time of day (US Eastern) at sim time `simS`. */
export function formatClockTime(simS: number): string {
  const minutes = Math.floor((simS - Math.floor(simS / DAY_S) * DAY_S) / 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "Thu 17 Sep 10:05": weekday, date and time (US Eastern, the sim clock) of sim time `simS`. */
export function formatCalendarTime(startDayOfYear: number, simS: number): string {
  const date = getCalendarDate(startDayOfYear, simS);
  return `${WEEKDAY_NAMES[date.weekday]} ${date.dayOfMonth} ${MONTH_NAMES[date.month - 1]} ${formatClockTime(simS)}`;
}

// ---------------------------------------------------------------------------------------------
// Local clocks and periodic schedules

/** Hours since local midnight (0 to 24) at sim time `t` on a clock `offsetH` from Eastern. */
export function getLocalHour(t: number, offsetH: number): number {
  return positiveRemainder(t + offsetH * HOUR_S, DAY_S) / HOUR_S;
}

/** Local day number (days since sim day 0's local midnight) at sim time `t`. */
export function getLocalDay(t: number, offsetH: number): number {
  return Math.floor((t + offsetH * HOUR_S) / DAY_S);
}

/** True if an instant of the schedule (local midnight + phaseS + k x intervalS) falls in (t0, t1]. */
export function crossesSchedule(
  t0: number,
  t1: number,
  offsetH: number,
  phaseS: number,
  intervalS: number,
): boolean {
  const shift = offsetH * HOUR_S - phaseS;
  return Math.floor((t1 + shift) / intervalS) > Math.floor((t0 + shift) / intervalS);
}

/** The schedule's latest instant at or before t (sim seconds). */
export function getLastScheduledS(t: number, offsetH: number, phaseS: number, intervalS: number): number {
  const shift = offsetH * HOUR_S - phaseS;
  return Math.floor((t + shift) / intervalS) * intervalS - shift;
}

/** The schedule's first instant strictly after t (sim seconds). */
export function getNextScheduledS(t: number, offsetH: number, phaseS: number, intervalS: number): number {
  const shift = offsetH * HOUR_S - phaseS;
  return (Math.floor((t + shift) / intervalS) + 1) * intervalS - shift;
}

// ---------------------------------------------------------------------------------------------
// Fulfillment centers: the shift and the carrier cut-offs

type ShiftParams = Pick<Params, 'fcShiftStartHour' | 'fcStaffedHoursPerDay'>;

/** Hours since the FC shift started (0 to 24) at sim time `t`, local. */
function getHoursIntoShift(params: ShiftParams, t: number, offsetH: number): number {
  return positiveRemainder(t / HOUR_S + offsetH - params.fcShiftStartHour, 24);
}

/** True while the FC is staffed (fcShiftStartHour for fcStaffedHoursPerDay, local). */
export function isFcStaffed(params: ShiftParams, t: number, offsetH: number): boolean {
  return getHoursIntoShift(params, t, offsetH) < params.fcStaffedHoursPerDay;
}

/** Seconds from `t` to the next shift start while the FC is closed; 0 while it is staffed. */
export function getFcClosedWaitS(params: ShiftParams, t: number, offsetH: number): number {
  const hours = getHoursIntoShift(params, t, offsetH);
  return hours < params.fcStaffedHoursPerDay ? 0 : (24 - hours) * HOUR_S;
}

/** Interval of an FC's scheduled trailer departures (the carrier cut-offs, from local midnight). */
export function getFcCutoffIntervalS(params: Pick<Params, 'fcDeparturesPerDay'>): number {
  return DAY_S / params.fcDeparturesPerDay;
}

/** Interval of a sortation center's scheduled departures (from local midnight). */
export function getSortCenterDepartureIntervalS(
  params: Pick<Params, 'sortCenterDepartureIntervalH'>,
): number {
  return params.sortCenterDepartureIntervalH * HOUR_S;
}

// ---------------------------------------------------------------------------------------------
// Delivery stations: dispatch waves

/**
 * Waves relative to the local firstWaveHour, hours (A): an early partner hand-off (USPS and
 * regional trucks leave before the vans, as the dawn drops at post offices do), the van wave
 * (CALIBRATION.md: first wave ~10:00), then Flex and same-day waves.
 */
export const WAVE_OFFSETS_H = [-4, 0, 3, 6, 8] as const;
export const WAVE_COUNT = WAVE_OFFSETS_H.length;
/** The index of the van wave in WAVE_OFFSETS_H. */
export const VAN_WAVE = 1;
/** The day's last wave: what no vehicle took goes to a partner carrier. */
export const LAST_WAVE = WAVE_COUNT - 1;

/**
 * Each station's day against firstWaveHour, hours (A): a station's waves run when its overnight
 * sort is done, which differs by station, so a time zone's stations load out over an hour rather
 * than at one instant (CALIBRATION.md: one large station's first wave 10:00-10:30). Centred on
 * firstWaveHour, so the zone's mean is the parameter's.
 */
export const STATION_WAVE_SHIFTS_H = [-0.5, -0.25, 0, 0.25, 0.5] as const;

/**
 * A station's shift of all its waves (STATION_WAVE_SHIFTS_H), from its facility id: a
 * multiplicative hash, so neighbouring ids (a metro's stations) spread over the shifts.
 */
export function getStationWaveShiftH(station: number): number {
  const hash = Math.imul(station + 1, 0x9e3779b1) >>> 0;
  return STATION_WAVE_SHIFTS_H[(hash >>> 16) % STATION_WAVE_SHIFTS_H.length];
}

/** Local time of day of wave `waveIndex` at a station shifted `shiftH`, seconds after midnight. */
export function getWavePhaseS(
  params: Pick<Params, 'firstWaveHour'>,
  waveIndex: number,
  shiftH: number,
): number {
  return (params.firstWaveHour + shiftH + WAVE_OFFSETS_H[waveIndex]) * HOUR_S;
}

/** The instant of wave `waveIndex` at a station (`shiftH` its shift) if it falls in (t0, t1], else NaN. */
export function getWaveInStepS(
  params: Pick<Params, 'firstWaveHour'>,
  waveIndex: number,
  offsetH: number,
  shiftH: number,
  t0: number,
  t1: number,
): number {
  const phaseS = getWavePhaseS(params, waveIndex, shiftH);
  return crossesSchedule(t0, t1, offsetH, phaseS, DAY_S)
    ? getLastScheduledS(t1, offsetH, phaseS, DAY_S)
    : Number.NaN;
}

/** The next day's van wave after wave `waveIndex` at `waveS`. */
export function getTomorrowsVanWaveS(waveS: number, waveIndex: number): number {
  return waveS - (WAVE_OFFSETS_H[waveIndex] - WAVE_OFFSETS_H[VAN_WAVE]) * HOUR_S + DAY_S;
}

export interface ScheduledWave {
  waveS: number;
  waveIndex: number;
}

/** A station's waves (`shiftH` its shift) strictly after t over the next `days` days, in time order. */
export function listWavesAfter(
  params: Pick<Params, 'firstWaveHour'>,
  offsetH: number,
  shiftH: number,
  t: number,
  days = 2,
): ScheduledWave[] {
  const waves: ScheduledWave[] = [];
  for (let w = 0; w < WAVE_COUNT; w++) {
    const first = getNextScheduledS(t, offsetH, getWavePhaseS(params, w, shiftH), DAY_S);
    for (let d = 0; d < days; d++) waves.push({ waveS: first + d * DAY_S, waveIndex: w });
  }
  return waves.sort((a, b) => a.waveS - b.waveS || a.waveIndex - b.waveIndex);
}

// ---------------------------------------------------------------------------------------------
// Promise due times

/** Days added to the order's local day for each promise class (index = PROMISE_CLASSES). */
const PROMISE_DAYS = [0, 1, 2, 5] as const;
/** Every promise is due at 21:00 local on its day. */
const PROMISE_DUE_LOCAL_S = 21 * HOUR_S;
/** A same-day order placed after 12:00 local is due the next day. */
const SAME_DAY_CUTOFF_LOCAL_S = 12 * HOUR_S;

/** Promise deadline, absolute sim seconds: 21:00 local (station) on the promised day. */
export function getPromiseDeadlineS(orderS: number, promise: number, offsetH: number): number {
  const localS = orderS + offsetH * HOUR_S;
  const localDay = Math.floor(localS / DAY_S);
  let days: number = PROMISE_DAYS[promise];
  if (promise === 0 && localS - localDay * DAY_S >= SAME_DAY_CUTOFF_LOCAL_S) days = 1;
  return (localDay + days) * DAY_S + PROMISE_DUE_LOCAL_S - offsetH * HOUR_S;
}
