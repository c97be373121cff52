/**
 * Contract entries of scheduled syncs, merged into `channels` / `events` by contract.ts.
 *
 * - `schedule.get`: the profile's schedule, when it runs next, whether a scheduled sync is running, and the last
 *   scheduled run's result (and the last time one was skipped, with why).
 * - `schedule.set`: changes any of the choices (validated; the one door to the `schedule.*` and `app.*` settings);
 *   answers with the new view, also sent as `schedule.changed`.
 * - `schedule.changed`: after a change, when a scheduled sync starts and when it ends. Its progress meanwhile is the
 *   sync's own `sync.progress`: a scheduled sync is the console's sync, started by the clock.
 *
 * - `schedule.getOwn` / `schedule.ownChanged`: the same view of the user's own profile, whichever profile is open: what
 *   the desktop app's tray, start at login and scheduled-run notifications follow (looking at the sample data must not
 *   turn them off, nor hide a failed scheduled sync of the user's own). A single profile is its own.
 *
 * Times are ISO instants; the renderer shows them in the computer's zone (`timeZone`), e.g. 26/10/2026 02:00.
 */
import { z } from 'zod';

const Empty = z.object({}).strict();
const Count = z.number().int().nonnegative();

export const ScheduleDaysChoice = z.enum(['every-day', 'weekdays']);
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a 24-hour time such as 02:00');

export const ScheduledRunResult = z.object({
  /** The scheduled time this run stood for. */
  scheduledFor: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /**
   * completed: everything ready was sent; some-failed: sent, with failed transactions (see the console's failures);
   * stopped: the sync stopped early or could not start (`reason`, `fix`).
   */
  outcome: z.enum(['completed', 'some-failed', 'stopped']),
  runId: z.number().int().positive().optional(),
  synced: Count,
  failed: Count,
  skipped: Count,
  reason: z.string().optional(),
  fix: z.string().optional(),
  /** Started well after its time: the computer was asleep or the app was closed then. */
  late: z.boolean(),
  /** Earlier scheduled times missed the same way and not made up (only the latest runs). */
  missed: Count,
});
export type ScheduledRunResult = z.infer<typeof ScheduledRunResult>;

export const ScheduledSkip = z.object({
  scheduledFor: z.string(),
  at: z.string(),
  /** still-running: a sync was still going at that time; too-late: the app was not running for hours after it. */
  reason: z.enum(['still-running', 'too-late']),
});
export type ScheduledSkip = z.infer<typeof ScheduledSkip>;

export const ScheduleView = z.object({
  enabled: z.boolean(),
  time: TimeOfDay,
  days: ScheduleDaysChoice,
  /** Desktop app only: closing the window leaves the app in the tray so the schedule keeps running. */
  keepInTray: z.boolean(),
  /** Desktop app only: the app starts (in the tray) when the user logs in. */
  startAtLogin: z.boolean(),
  /** The computer's time zone the times are in (IANA name). */
  timeZone: z.string(),
  nextRunAt: z.string().optional(),
  /** A scheduled sync is running now (started at this time); its progress comes as `sync.progress`. */
  runningSince: z.string().optional(),
  lastRun: ScheduledRunResult.optional(),
  lastSkip: ScheduledSkip.optional(),
});
export type ScheduleView = z.infer<typeof ScheduleView>;

export const scheduleChannels = {
  'schedule.get': { args: Empty, result: ScheduleView },
  'schedule.set': {
    args: z
      .object({ enabled: z.boolean(), time: TimeOfDay, days: ScheduleDaysChoice, keepInTray: z.boolean(), startAtLogin: z.boolean() })
      .partial()
      .strict(),
    result: ScheduleView,
  },
  'schedule.getOwn': { args: Empty, result: ScheduleView },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export const scheduleEvents = {
  'schedule.changed': ScheduleView,
  'schedule.ownChanged': ScheduleView,
} as const satisfies Record<string, z.ZodType>;
