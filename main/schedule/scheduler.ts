/**
 * Runs the profile's sync by itself at the scheduled time, in the services process of the desktop app and the web
 * host (never in the window's process). It starts exactly the sync the console starts (`runSync`, the sync feature's
 * own `sync.run` for every ready transaction): there is no second sync path. Every decision is schedule-rules.ts's;
 * this only reads the settings, keeps its memory in `schedule-state.json`, runs, and records what happened.
 *
 * Ticks come from the host's ticker (every 30 seconds; tests call `tick()` with a clock they move). Comparing the
 * wall clock on each tick, instead of one long timer, is what notices a computer that slept through the time.
 */
import path from 'node:path';
import { z } from 'zod';
import type { SyncRunSummary } from '../../contract/features/sync';
import { ScheduledRunResult, ScheduledSkip, type ScheduleView } from '../../contract/features/schedule';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { openJsonFile } from '../json-file';
import { describeError, type Logger } from '../log';
import type { SettingsStore } from '../settings/settings-store';
import { decideTick, DEFAULT_SCHEDULE_TIME, nextRunAfter, type Schedule, type ScheduleDays } from './schedule-rules';
import { systemTimeZone } from './zoned-time';

export const SCHEDULE_STATE_FILE = 'schedule-state.json';
export const TICK_INTERVAL_MS = 30_000;

const ScheduleState = z.object({
  /** The schedule these times belong to ("on|02:00|every-day"): a change, from any door, starts the count again. */
  fingerprint: z.string(),
  since: z.number(),
  lastSlot: z.number().optional(),
  lastRun: ScheduledRunResult.optional(),
  lastSkip: ScheduledSkip.optional(),
});
type ScheduleState = z.infer<typeof ScheduleState>;

export interface ScheduleChoices {
  enabled?: boolean;
  time?: string;
  days?: ScheduleDays;
  keepInTray?: boolean;
  startAtLogin?: boolean;
}

export interface SchedulerDeps {
  dataDir: string;
  settings: SettingsStore;
  clock: Clock;
  log: Logger;
  /** The computer's zone; a parameter so tests choose it. */
  timeZone?: string;
  /** The console's sync of every ready transaction. */
  runSync(): Promise<SyncRunSummary>;
  /** Whether a sync of this profile is running (or paused) now, whoever started it. */
  syncBusy(): Promise<boolean>;
  /** The view after every change, start and end of a scheduled run. */
  onChanged(view: ScheduleView): void;
}

export interface Scheduler {
  view(): ScheduleView;
  set(choices: ScheduleChoices): ScheduleView;
  /** Looks at the clock once; resolves when whatever it started has finished. */
  tick(): Promise<void>;
  /** Resolves when no scheduled run is going (for closing the profile). */
  idle(): Promise<void>;
  /**
   * Ticks start nothing until the returned function is called; resolves once the tick deciding now (if any) has
   * decided, so a reset that checks "is a sync running?" next cannot be overtaken by a run starting after its check.
   */
  hold(): Promise<() => void>;
}

const onOff = (value: boolean) => (value ? 'on' : 'off');

/** Why a run stopped or could not start, in the words the console would use. */
function stoppedBy(error: unknown): { reason: string; fix?: string } {
  if (error instanceof DomainError) return { reason: error.message, ...(error.fix ? { fix: error.fix } : {}) };
  return { reason: `The sync could not run: ${describeError(error)}`, fix: 'Open the app and start the sync from Transactions to see what stops it.' };
}

export function resultOf(summary: SyncRunSummary): Pick<ScheduledRunResult, 'outcome' | 'runId' | 'synced' | 'failed' | 'skipped' | 'reason' | 'fix'> {
  const counts = { runId: summary.runId, synced: summary.synced, failed: summary.failed, skipped: summary.skipped };
  if (summary.outcome === 'completed') return { ...counts, outcome: summary.failed > 0 ? 'some-failed' : 'completed' };
  const reason = summary.message ?? (summary.outcome === 'cancelled' ? 'The sync was stopped before it finished.' : 'The sync stopped before it finished.');
  const fix = summary.dailyLimit
    ? summary.dailyLimit.continuesByItself
      ? 'Nothing is lost: it goes on by itself after Xero’s daily limit resets, while the app is running.'
      : 'Nothing is lost: start the sync again after Xero’s daily limit resets.'
    : 'Nothing is lost: what was not sent stays ready and goes with the next sync.';
  return { ...counts, outcome: 'stopped', reason, fix };
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const zone = deps.timeZone ?? systemTimeZone();
  const file = openJsonFile(path.join(deps.dataDir, SCHEDULE_STATE_FILE), ScheduleState);
  let running: { since: number; done: Promise<void> } | undefined;
  // Ticks decide one at a time, so two ticks never both start the same slot.
  let deciding: Promise<void> = Promise.resolve();
  let holds = 0;

  const schedule = (): Schedule => {
    const settings = deps.settings.all();
    return { enabled: settings['schedule.enabled'] === 'on', time: settings['schedule.time'] ?? DEFAULT_SCHEDULE_TIME, days: settings['schedule.days'] ?? 'every-day' };
  };
  const fingerprintOf = (s: Schedule) => `${onOff(s.enabled)}|${s.time}|${s.days}`;

  /** The remembered state, started afresh (counting from now) when the schedule changed since it was written. */
  const state = (): ScheduleState => {
    const current = schedule();
    const stored = file.read();
    if (stored?.fingerprint === fingerprintOf(current)) return stored;
    const fresh: ScheduleState = { ...stored, fingerprint: fingerprintOf(current), since: deps.clock.now() };
    delete fresh.lastSlot;
    // A profile that never had a schedule gets no file until it has one.
    return stored || current.enabled ? file.write(fresh) : fresh;
  };

  const view = (): ScheduleView => {
    const s = schedule();
    const memory = state();
    const settings = deps.settings.all();
    // The next time to come; a time just passed and not yet run is started by the next tick, within seconds.
    const reference = Math.max(memory.since, deps.clock.now());
    return {
      enabled: s.enabled,
      time: s.time,
      days: s.days,
      keepInTray: settings['app.keepInTray'] === 'on',
      startAtLogin: settings['app.startAtLogin'] === 'on',
      timeZone: zone,
      ...(s.enabled ? { nextRunAt: new Date(nextRunAfter(s, reference, zone)).toISOString() } : {}),
      ...(running ? { runningSince: new Date(running.since).toISOString() } : {}),
      ...(memory.lastRun ? { lastRun: memory.lastRun } : {}),
      ...(memory.lastSkip ? { lastSkip: memory.lastSkip } : {}),
    };
  };

  const changed = () => deps.onChanged(view());

  const runFor = async (decision: { slot: number; late: boolean; missed: number }): Promise<void> => {
    const startedAt = deps.clock.now();
    const base = { scheduledFor: new Date(decision.slot).toISOString(), startedAt: new Date(startedAt).toISOString(), late: decision.late, missed: decision.missed };
    let result: ScheduledRunResult;
    try {
      const summary = await deps.runSync();
      result = { ...base, finishedAt: new Date(deps.clock.now()).toISOString(), ...resultOf(summary) };
    } catch (error) {
      result = { ...base, finishedAt: new Date(deps.clock.now()).toISOString(), outcome: 'stopped', synced: 0, failed: 0, skipped: 0, ...stoppedBy(error) };
    }
    deps.log.info('schedule: scheduled sync finished', { outcome: result.outcome, synced: result.synced, failed: result.failed, late: result.late, missed: result.missed, reason: result.reason });
    file.write({ ...state(), lastRun: result });
  };

  /**
   * Decides one tick. A run it starts is handed back wrapped (`{ done }`), never as the promise itself: an async
   * function returning a promise would wait for the whole run, the next tick would queue behind it and find nothing
   * running, and a slot that comes during a run would run after it instead of being skipped.
   */
  const decide = async (): Promise<{ done: Promise<void> } | undefined> => {
    if (holds > 0) return undefined;
    const current = schedule();
    // Most ticks end here, without touching the journal or the state file.
    if (!current.enabled) return undefined;
    const memory = state();
    const input = { schedule: current, memory, now: deps.clock.now(), zone };
    let decision = decideTick({ ...input, syncBusy: false });
    if (decision.action === 'off' || decision.action === 'wait') return undefined;
    if (running !== undefined || (await deps.syncBusy())) decision = decideTick({ ...input, syncBusy: true });
    if (decision.action === 'off' || decision.action === 'wait') return undefined;
    if (decision.action === 'skip') {
      const skip: ScheduledSkip = { scheduledFor: new Date(decision.slot).toISOString(), at: new Date(deps.clock.now()).toISOString(), reason: decision.reason ?? 'still-running' };
      deps.log.warn('schedule: a scheduled sync was skipped', { ...skip });
      file.write({ ...memory, lastSlot: decision.slot, lastSkip: skip });
      changed();
      return undefined;
    }
    // The slot is taken before the run starts: a crash or a restart mid-run never runs it twice.
    file.write({ ...memory, lastSlot: decision.slot });
    deps.log.info('schedule: starting the scheduled sync', { scheduledFor: new Date(decision.slot).toISOString(), late: decision.late, missed: decision.missed });
    const since = deps.clock.now();
    const done = runFor(decision)
      .catch((error: unknown) => deps.log.error('schedule: recording the scheduled sync failed', { error: describeError(error) }))
      .finally(() => {
        running = undefined;
        changed();
      });
    running = { since, done };
    changed();
    return { done };
  };

  return {
    view,
    set(choices) {
      const patch: Parameters<SettingsStore['update']>[0] = {};
      if (choices.enabled !== undefined) patch['schedule.enabled'] = onOff(choices.enabled);
      if (choices.time !== undefined) patch['schedule.time'] = choices.time;
      if (choices.days !== undefined) patch['schedule.days'] = choices.days;
      if (choices.keepInTray !== undefined) patch['app.keepInTray'] = onOff(choices.keepInTray);
      if (choices.startAtLogin !== undefined) patch['app.startAtLogin'] = onOff(choices.startAtLogin);
      if (Object.keys(patch).length > 0) deps.settings.update(patch);
      const next = view();
      deps.onChanged(next);
      return next;
    },
    async tick() {
      const turn = deciding.then(decide);
      deciding = turn.then(
        () => undefined,
        (error: unknown) => deps.log.error('schedule: a tick failed', { error: describeError(error) }),
      );
      // The next tick waits only for this decision; this caller also waits for the run it started.
      const started = await turn;
      await started?.done;
    },
    idle: async () => {
      await running?.done;
    },
    async hold() {
      holds += 1;
      await deciding;
      let released = false;
      return () => {
        if (!released) holds -= 1;
        released = true;
      };
    },
  };
}
