/**
 * Handlers of scheduled syncs (contract/features/schedule.ts) over one scheduler per profile. The scheduler starts the
 * sync feature's own `sync.run`, so a scheduled sync is the console's sync, started by the clock: same engine, same
 * one-run-at-a-time rule, same `sync.progress` and `sync.finished` events.
 */
import type { scheduleChannels } from '../../../contract/features/schedule';
import type { syncChannels } from '../../../contract/features/sync';
import { describeError } from '../../log';
import { createScheduler, TICK_INTERVAL_MS, type Scheduler } from '../../schedule/scheduler';
import type { FeatureContext, FeatureHandlers } from '../feature-context';

/** Calls `tick` now and then until the returned function stops it. */
export type ScheduleTicker = (tick: () => Promise<void>) => () => void;

/** Every 30 seconds; unref'd, so a ticker alone never keeps a process alive. */
export const intervalTicker: ScheduleTicker = (tick) => {
  const timer = setInterval(() => void tick(), TICK_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
};

export interface ScheduleFeatureOptions {
  /** Hosts that stay running (desktop, web) tick; the CLI, which runs one command and ends, does not. */
  ticker?: ScheduleTicker;
  timeZone?: string;
}

export function createScheduleFeature(
  context: FeatureContext,
  sync: FeatureHandlers<keyof typeof syncChannels>,
  options: ScheduleFeatureOptions = {},
): { scheduler: Scheduler; handlers: FeatureHandlers<keyof typeof scheduleChannels> } {
  const scheduler = createScheduler({
    dataDir: context.dataDir,
    settings: context.settings,
    clock: context.clock,
    log: context.log,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    runSync: async () => sync['sync.run']({ all: true }),
    syncBusy: async () => (await sync['sync.state']({})).state !== 'idle',
    onChanged: (view) => {
      context.bus.emit('schedule.changed', view);
      // A single profile is its own; the profile host relays only its own profile's.
      context.bus.emit('schedule.ownChanged', view);
    },
  });
  if (options.ticker) {
    const stop = options.ticker(() =>
      scheduler.tick().catch((error: unknown) => context.log.error('schedule: a tick failed', { error: describeError(error) })),
    );
    // Only the ticker: the sync feature cancels a running sync on closing, and the scheduled run's record follows.
    context.onDispose(stop);
  }
  return {
    scheduler,
    handlers: {
      'schedule.get': () => scheduler.view(),
      // One profile is its own; the profile host (profiles.ts) answers this with the own profile's view.
      'schedule.getOwn': () => scheduler.view(),
      'schedule.set': (choices) => scheduler.set(choices),
    },
  };
}
