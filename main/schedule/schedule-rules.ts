/**
 * When a scheduled sync is due, as pure functions of the schedule, what was run before, the time and the zone.
 * The scheduler (scheduler.ts) only asks `decideTick` and does what it says.
 *
 * The policy, in one place:
 * - A run is due at each scheduled wall-clock time in the computer's zone (daily, or Monday to Friday). A time the
 *   clocks skip runs once, after the jump; a time the clocks repeat runs once, the first time (zoned-time.ts).
 * - Missed while the computer slept or the app was closed: one run as soon as the app is awake and running, however
 *   many times were missed (never one per missed day), and the user is told it ran late and how many were missed.
 * - Not made up when the missed time is older than CATCH_UP_HOURS (20 h): a sync at an unexpected time of day,
 *   hours before the next scheduled one, surprises more than it helps. It is recorded as missed; the next runs on time.
 * - A sync still running (a scheduled one, or one started in the console) when the next is due: that one is skipped
 *   and recorded, never run alongside or queued.
 * - A schedule turned on (or changed) counts from that moment: 02:00 set at 10:00 first runs tomorrow at 02:00.
 */
import { addDays, instantOf, wallTimeAt, weekdayOf, type CalendarDate } from './zoned-time';

export const SCHEDULE_DAYS = ['every-day', 'weekdays'] as const;
export type ScheduleDays = (typeof SCHEDULE_DAYS)[number];

export const DEFAULT_SCHEDULE_TIME = '02:00';
export const CATCH_UP_HOURS = 20;
/** A run started within this much of its time counts as on time (the scheduler looks every 30 seconds). */
export const ON_TIME_MS = 5 * 60_000;

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

export interface Schedule {
  enabled: boolean;
  /** 24-hour "HH:MM" */
  time: string;
  days: ScheduleDays;
}

/** What the scheduler remembers between ticks and restarts (epoch milliseconds). */
export interface ScheduleMemory {
  /** When the schedule was turned on or last changed: nothing before it is due. */
  since: number;
  /** The scheduled time last run or skipped. */
  lastSlot?: number;
}

export type TickDecision =
  | { action: 'off' }
  | { action: 'wait'; nextAt: number }
  | {
      action: 'run' | 'skip';
      /** The scheduled time this run (or skip) stands for: the latest one due. */
      slot: number;
      /** Started more than ON_TIME_MS after its time (the computer slept, or the app was closed). */
      late: boolean;
      /** Earlier scheduled times that passed without a run and are not made up (0 normally). */
      missed: number;
      /** skip: why nothing runs for this slot. */
      reason?: 'still-running' | 'too-late';
      nextAt: number;
    };

export function isTimeOfDay(value: string): boolean {
  return TIME_OF_DAY.test(value);
}

export function timeOfDay(value: string): { hour: number; minute: number } {
  const match = TIME_OF_DAY.exec(value);
  if (!match) throw new RangeError(`Not a 24-hour time of day: ${value}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

function runsOn(date: CalendarDate, days: ScheduleDays): boolean {
  if (days === 'every-day') return true;
  const weekday = weekdayOf(date);
  return weekday >= 1 && weekday <= 5;
}

function slotOn(date: CalendarDate, schedule: Schedule, zone: string): number {
  const { hour, minute } = timeOfDay(schedule.time);
  return instantOf(date, hour, minute, zone);
}

/** The first scheduled time strictly after `after`. One instant per calendar day, so a repeated hour runs once. */
export function nextRunAfter(schedule: Schedule, after: number, zone: string): number {
  const start = wallTimeAt(after, zone);
  // Yesterday too: a time the clocks skip can land a day's slot on the next date (never more than an hour or two).
  for (let offset = -1; offset <= 8; offset += 1) {
    const date = addDays(start, offset);
    if (!runsOn(date, schedule.days)) continue;
    const slot = slotOn(date, schedule, zone);
    if (slot > after) return slot;
  }
  throw new Error('No scheduled time within eight days.');
}

/** The latest scheduled time at or before `now`, if any within the last eight days. */
export function latestRunAtOrBefore(schedule: Schedule, now: number, zone: string): number | undefined {
  const today = wallTimeAt(now, zone);
  for (let offset = 1; offset >= -8; offset -= 1) {
    const date = addDays(today, offset);
    if (!runsOn(date, schedule.days)) continue;
    const slot = slotOn(date, schedule, zone);
    if (slot <= now) return slot;
  }
  return undefined;
}

/** How many scheduled times fall in (from, to]: bounded, since only "one or several" matters to the user. */
function slotsBetween(schedule: Schedule, from: number, to: number, zone: string): number {
  let count = 0;
  for (let slot = nextRunAfter(schedule, from, zone); slot <= to && count < 1000; slot = nextRunAfter(schedule, slot, zone)) count += 1;
  return count;
}

export interface TickInput {
  schedule: Schedule;
  memory: ScheduleMemory;
  now: number;
  zone: string;
  /** A sync is running in this profile (scheduled, or started in the console). */
  syncBusy: boolean;
}

export function decideTick({ schedule, memory, now, zone, syncBusy }: TickInput): TickDecision {
  if (!schedule.enabled) return { action: 'off' };
  const reference = Math.max(memory.since, memory.lastSlot ?? Number.NEGATIVE_INFINITY);
  const first = nextRunAfter(schedule, reference, zone);
  if (first > now) return { action: 'wait', nextAt: first };
  const slot = latestRunAtOrBefore(schedule, now, zone) ?? first;
  const missed = slotsBetween(schedule, reference, slot, zone) - 1;
  const nextAt = nextRunAfter(schedule, now, zone);
  const late = now - slot > ON_TIME_MS;
  if (now - slot > CATCH_UP_HOURS * 3_600_000) return { action: 'skip', slot, late, missed, reason: 'too-late', nextAt };
  if (syncBusy) return { action: 'skip', slot, late, missed, reason: 'still-running', nextAt };
  return { action: 'run', slot, late, missed, nextAt };
}
