/**
 * Handlers of the sync feature's channels (contract/features/sync.ts), over one sync engine per profile. The
 * CLI and the demo build the same engine with `createProfileSyncEngine`, so every host syncs the same way.
 */
import type { syncChannels } from '../../../contract/features/sync';
import type { Clock } from '../../clock';
import type { Logger } from '../../log';
import type { SettingsStore } from '../../settings/settings-store';
import { createSyncEngine, createXeroGateway, syncReadiness, type SyncEngine, type SyncEngineDeps, type SyncEngineOptions } from '../../sync/run';
import type { Journal } from '../../sync/journal';
import type { ConnectionService } from '../../xero/connection-service';
import type { FeatureContext, FeatureHandlers } from '../feature-context';

/** What a host has that a sync engine needs (FeatureContext and the CLI's services both provide it). */
export interface ProfileParts {
  dataDir: string;
  host: string;
  settings: SettingsStore;
  clock: Clock;
  log: Logger;
  connection: Pick<ConnectionService, 'xero'>;
  journal(): Journal;
}

export function createProfileSyncEngine(parts: ProfileParts, options: SyncEngineOptions = {}, events: Pick<SyncEngineDeps, 'onProgress' | 'onFinished'> = {}): SyncEngine {
  return createSyncEngine({
    dataDir: parts.dataDir,
    host: parts.host,
    journal: () => parts.journal(),
    settings: () => parts.settings.all(),
    gateway: createXeroGateway(parts.connection.xero, () => parts.settings.get('xero.tenantId')),
    clock: parts.clock,
    log: parts.log,
    options,
    ...events,
  });
}

export function createSyncHandlers(context: FeatureContext): FeatureHandlers<keyof typeof syncChannels> {
  let engine: SyncEngine | undefined;
  let running: Promise<unknown> | undefined;
  const get = () =>
    // A long-lived host: a sync that meets Xero's daily limit goes on by itself after the reset.
    (engine ??= createProfileSyncEngine(context, { afterDailyLimit: 'continue' }, {
      onProgress: (progress) => context.bus.emit('sync.progress', progress),
      onFinished: (summary) => context.bus.emit('sync.finished', summary),
    }));
  context.onDispose(async () => {
    // Closing the app mid-run: stop cleanly (requests in flight are recorded) before the journal closes.
    if (engine?.cancel()) await running?.catch(() => undefined);
  });

  return {
    'sync.preview': ({ transactionIds }) => get().preview(transactionIds),
    'sync.run': async ({ transactionIds, all }) => {
      const run = get().run(all ? { all: true } : { transactionIds: transactionIds ?? [] });
      running = run;
      try {
        return await run;
      } finally {
        if (running === run) running = undefined;
      }
    },
    'sync.cancel': () => ({ cancelled: get().cancel() }),
    'sync.pause': () => get().pause(),
    'sync.resume': () => get().resume(),
    'sync.state': () => get().state(),
    'sync.readiness': async () => {
      const settings = context.settings.all();
      const status = await context.connection.status();
      return syncReadiness({
        credentials: Boolean(settings['xero.clientId']),
        connection: status.state,
        tenantId: settings['xero.tenantId'],
        invoiceAccountCode: settings['xero.invoiceAccountCode'],
        paymentAccount: Boolean(settings['xero.paymentAccountId'] || settings['xero.paymentAccountCode']),
      });
    },
    'sync.runs': ({ limit }) => ({ runs: get().runs(limit) }),
  };
}
