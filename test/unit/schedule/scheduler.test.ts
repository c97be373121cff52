/**
 * The scheduler's own bookkeeping, with a stub sync and a clock the spec moves: a profile without a schedule is not
 * touched (no file, no question to the sync); a schedule changed from any door (the CLI's `config set` included)
 * counts from the change; a run interrupted by a crash is not run again on restart; a sync that throws is recorded
 * with its words.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScheduleView } from '../../../contract/features/schedule';
import type { SyncRunSummary } from '../../../contract/features/sync';
import { DomainError } from '../../../main/errors';
import { silentLogger } from '../../../main/log';
import { createScheduler, SCHEDULE_STATE_FILE, type SchedulerDeps } from '../../../main/schedule/scheduler';
import { openNodeSettingsStore } from '../../../main/settings/settings-store';
import { makeTempDir } from '../../support/temp-dir';

const ZONE = 'Europe/Dublin';
let temp: ReturnType<typeof makeTempDir>;
let now: number;
beforeEach(() => {
  temp = makeTempDir('ccxa-schedule-');
  now = Date.parse('2026-11-10T10:00:00Z');
});
afterEach(() => temp.cleanup());

const summary = (over: Partial<SyncRunSummary> = {}): SyncRunSummary => ({ runId: 1, outcome: 'completed', synced: 3, failed: 0, skipped: 0, calls: 4, durationMs: 10, failures: [], skippedReasons: [], linked: 0, ...over });

function scheduler(over: Partial<SchedulerDeps> = {}) {
  const asked = { syncBusy: 0, runSync: 0 };
  const views: ScheduleView[] = [];
  const settings = openNodeSettingsStore(temp.dir);
  const built = createScheduler({
    dataDir: temp.dir,
    settings,
    clock: { now: () => now },
    log: silentLogger,
    timeZone: ZONE,
    runSync: async () => {
      asked.runSync += 1;
      return summary();
    },
    syncBusy: async () => {
      asked.syncBusy += 1;
      return false;
    },
    onChanged: (view) => views.push(view),
    ...over,
  });
  return { scheduler: built, settings, asked, views };
}

describe('the scheduler', () => {
  it('leaves a profile without a schedule alone: no file, no question to the sync', async () => {
    const { scheduler: s, asked } = scheduler();
    expect(s.view()).toMatchObject({ enabled: false, time: '02:00', days: 'every-day', timeZone: ZONE });
    expect(s.view().nextRunAt).toBeUndefined();
    await s.tick();
    expect(asked).toEqual({ syncBusy: 0, runSync: 0 });
    expect(existsSync(path.join(temp.dir, SCHEDULE_STATE_FILE))).toBe(false);
  });

  it('a schedule set from the command line counts from the change, like one set in the app', async () => {
    const { scheduler: s, settings, asked } = scheduler();
    // 02:00 was set at 10:00 (from `config set`): nothing is due until tomorrow at 02:00.
    settings.update({ 'schedule.enabled': 'on', 'schedule.time': '02:00' });
    await s.tick();
    expect(asked.runSync).toBe(0);
    expect(s.view().nextRunAt).toBe('2026-11-11T02:00:00.000Z');
    now = Date.parse('2026-11-11T02:00:20Z');
    await s.tick();
    expect(asked.runSync).toBe(1);
    expect(s.view().lastRun).toMatchObject({ outcome: 'completed', synced: 3, late: false, scheduledFor: '2026-11-11T02:00:00.000Z' });
  });

  it('a run cut short by a crash is not run again when the app starts again', async () => {
    const first = scheduler({ runSync: () => new Promise<SyncRunSummary>(() => undefined) });
    first.scheduler.set({ enabled: true, time: '11:00' });
    now = Date.parse('2026-11-10T11:00:05Z');
    void first.scheduler.tick();
    await expect.poll(() => first.views.some((v) => v.runningSince)).toBe(true);
    // The process dies here; a new one opens the same profile a minute later.
    now += 60_000;
    const second = scheduler();
    await second.scheduler.tick();
    expect(second.asked.runSync).toBe(0);
    expect(second.scheduler.view().nextRunAt).toBe('2026-11-11T11:00:00.000Z');
  });

  it('a time that comes while its scheduled sync still runs is skipped, not queued behind it', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let finish!: (summary: SyncRunSummary) => void;
    let runs = 0;
    // syncBusy says idle throughout: only the scheduler's own memory of its run can tell that one is going.
    const { scheduler: s } = scheduler({
      runSync: () => {
        runs += 1;
        started();
        // Only the first run is held; a second one (the bug) would end at once and be counted.
        return runs === 1 ? new Promise<SyncRunSummary>((resolve) => (finish = resolve)) : Promise.resolve(summary());
      },
    });
    s.set({ enabled: true, time: '11:00' });
    now = Date.parse('2026-11-10T11:00:05Z');
    const first = s.tick();
    await running;
    // Still going the next day at 11:00.
    now = Date.parse('2026-11-11T11:00:05Z');
    const second = s.tick();
    // Every pending step runs before the next macrotask: the second tick has decided by then, if it could.
    await new Promise((resolve) => setImmediate(resolve));
    finish(summary());
    await Promise.all([first, second]);
    await s.tick();
    expect(runs).toBe(1);
    expect(s.view().lastSkip).toMatchObject({ reason: 'still-running', scheduledFor: '2026-11-11T11:00:00.000Z' });
    expect(s.view().lastRun).toMatchObject({ scheduledFor: '2026-11-10T11:00:00.000Z', outcome: 'completed' });
  });

  it('held (for a reset), a due time starts nothing; released (the reset refused), the time runs', async () => {
    const { scheduler: s, asked } = scheduler();
    s.set({ enabled: true, time: '11:00' });
    now = Date.parse('2026-11-10T11:00:05Z');
    const release = await s.hold();
    await s.tick();
    expect(asked.runSync).toBe(0);
    release();
    await s.tick();
    expect(asked.runSync).toBe(1);
  });

  it('a sync that cannot start is recorded with its reason and its fix', async () => {
    const { scheduler: s } = scheduler({
      runSync: async () => {
        throw new DomainError('NotConnected', { message: 'Xero asked to sign in again.', fix: 'Open Setup and connect to Xero again.' });
      },
    });
    s.set({ enabled: true, time: '11:00' });
    now = Date.parse('2026-11-10T11:00:05Z');
    await s.tick();
    expect(s.view().lastRun).toMatchObject({ outcome: 'stopped', reason: 'Xero asked to sign in again.', fix: 'Open Setup and connect to Xero again.', synced: 0 });
    expect(s.view().lastRun!.runId).toBeUndefined();
  });

  it('stopped at Xero’s daily limit: counts kept, and that nothing is lost', async () => {
    const { scheduler: s } = scheduler({
      runSync: async () => summary({ outcome: 'failed', synced: 900, message: 'Xero’s daily limit for this organisation ran out.', dailyLimit: { continueAt: '2026-11-11T00:00:00Z', waitSeconds: 3600, continuesByItself: true } }),
    });
    s.set({ enabled: true, time: '11:00' });
    now = Date.parse('2026-11-10T11:00:05Z');
    await s.tick();
    expect(s.view().lastRun).toMatchObject({ outcome: 'stopped', synced: 900, runId: 1, reason: 'Xero’s daily limit for this organisation ran out.' });
    expect(s.view().lastRun!.fix).toMatch(/^Nothing is lost: it goes on by itself/);
  });

  it('refuses a time that is not a 24-hour time of day, changing nothing', () => {
    const { scheduler: s } = scheduler();
    expect(() => s.set({ time: '25:00' })).toThrow(/24-hour time/);
    expect(s.view().time).toBe('02:00');
  });
});
