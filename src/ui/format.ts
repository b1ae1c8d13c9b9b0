/** Formats sim seconds as "Day 2 · Tue 14:05" (day 1 is a Monday, 00:00 at t = 0). */
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function formatSimClock(timeS: number): string {
  const totalMinutes = Math.floor(Math.max(0, timeS) / 60);
  const day = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  return `Day ${day + 1} · ${WEEKDAYS[day % 7]} ${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

export function formatSpeed(speed: number): string {
  return `${speed.toLocaleString('en-US')}×`;
}

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
