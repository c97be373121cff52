/**
 * Wall-clock time in an IANA time zone, from the platform's Intl data (no library): what the clock on the wall says
 * at an instant, and the instant a wall time names. The zone is always a parameter, so the rules are tested in
 * Europe/Dublin and America/New_York whatever zone the test machine is in.
 */

export interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export interface WallTime extends CalendarDate {
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const HOUR_MS = 3_600_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** True when the platform knows the zone (Intl throws a RangeError for a name it does not). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The computer's own zone, as the services process sees it. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function wallTimeAt(instant: number, zone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(instant))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

/** The zone's offset from UTC at an instant, in whole minutes' milliseconds (seconds are ignored). */
function offsetAt(instant: number, zone: string): number {
  const wall = wallTimeAt(instant, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return asUtc - Math.floor(instant / 60_000) * 60_000;
}

/** The calendar date `days` after `date` (days may be negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

export function weekdayOf(date: CalendarDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/**
 * The instant the wall clock shows `hour:minute` on `date` in `zone`, resolved the way Temporal's default
 * ('compatible') does it: a time that happens twice (clocks go back) is its first occurrence; a time that does not
 * exist (clocks go forward) moves on by the length of the jump (01:30 in Dublin on the spring day is 02:30 summer
 * time; 02:00 in New York is 03:00). Assumes at most one change of offset within 12 hours, as every zone has.
 */
export function instantOf(date: CalendarDate, hour: number, minute: number, zone: string): number {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const before = offsetAt(asUtc - 12 * HOUR_MS, zone);
  const after = offsetAt(asUtc + 12 * HOUR_MS, zone);
  const matches = [asUtc - before, asUtc - after]
    .sort((a, b) => a - b)
    .filter((instant) => {
      const wall = wallTimeAt(instant, zone);
      return wall.year === date.year && wall.month === date.month && wall.day === date.day && wall.hour === hour && wall.minute === minute;
    });
  return matches[0] ?? asUtc - before;
}
