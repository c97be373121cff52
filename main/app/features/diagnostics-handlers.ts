/**
 * Handlers of the diagnostics feature's channels (contract/features/diagnostics.ts). Each run emits
 * `diagnostics.health` for the status bar. The export goes where the host's save dialog says (Electron), or into the
 * data dir's `exports/` folder where there is no dialog (web host, CLI).
 *
 * Never stale: after every channel that can change what a check sees (an import, a sync, a settings or connection
 * change, a reconciliation) — whether it succeeded or failed, since a failed sync is exactly what must not leave
 * "Checks passed" behind — the checks that ask Xero nothing run again (see FULL_RUN_FRESH_MS for why not all of them).
 */
import type { ChannelName } from '../../../contract/contract';
import type { Handlers } from '../../ipc/dispatcher';
import type { FeatureHandlers } from '../feature-context';
import type { diagnosticsChannels } from '../../../contract/features/diagnostics';
import type { FeatureContext } from '../feature-context';
import { createDiagnosticsService } from '../../diagnostics/diagnostics-service';
import { bundleFileName } from '../../diagnostics/export/write-bundle';
import { DomainError } from '../../errors';

/** The channels after which the local checks run again (their answer, or their failure, changed the journal or settings). */
export const REFRESH_DIAGNOSTICS_AFTER: readonly ChannelName[] = [
  'transactions.import',
  'transactions.sampleData',
  'transactions.exclude',
  'transactions.include',
  'transactions.retry',
  'transactions.approveChange',
  'sync.run',
  'settings.set',
  'credentials.set',
  'credentials.clear',
  'connection.connect',
  'connection.choose',
  'connection.disconnect',
  'connection.forget',
  'wizard.choose',
  'rules.save',
  'reconcile.run',
  'reconcile.resolve',
];

export interface DiagnosticsFeature {
  handlers: FeatureHandlers<keyof typeof diagnosticsChannels>;
  /** Wraps the REFRESH_DIAGNOSTICS_AFTER handlers so that each, once settled, refreshes the local checks. */
  refreshAfterChanges(handlers: Handlers): Handlers;
}

export function createDiagnosticsFeature(context: FeatureContext): DiagnosticsFeature {
  const diagnostics = createDiagnosticsService({
    host: context.host,
    dataDir: context.dataDir,
    settings: context.settings,
    keychain: context.keychain,
    clock: context.clock,
    connection: context.connection,
    journal: context.journal,
    onHealth: (health) => context.bus.emit('diagnostics.health', health),
  });
  const refreshLocal = () => {
    // In the background: the answer to the user's action must not wait for the checks.
    diagnostics.refreshLocal().catch((error: unknown) => context.log.warn('diagnostics: the local checks could not run again', { error: error instanceof Error ? error.message : String(error) }));
  };
  // A sync that goes on by itself after Xero's daily limit finishes without any channel being called.
  const detach = context.bus.attach((event) => {
    if (event === 'sync.finished') refreshLocal();
  });
  context.onDispose(async () => {
    detach();
    await diagnostics.settled();
  });

  const handlers: DiagnosticsFeature['handlers'] = {
    'diagnostics.run': () => diagnostics.run(),
    'diagnostics.refresh': () => diagnostics.refresh(),
    'diagnostics.last': () => diagnostics.last(),
    'diagnostics.export': async () => {
      if (!context.chooseSavePath) return diagnostics.exportBundle();
      const chosen = await context.chooseSavePath(bundleFileName(new Date(context.clock.now()).toISOString()));
      if (!chosen) {
        throw new DomainError('ExportCancelled', { message: 'The support bundle was not saved: the save dialog was cancelled.', fix: 'Export again and choose where to save it.' });
      }
      return diagnostics.exportBundle(chosen);
    },
  };

  return {
    handlers,
    refreshAfterChanges(all) {
      const wrapped: Record<string, unknown> = { ...all };
      for (const channel of REFRESH_DIAGNOSTICS_AFTER) {
        const inner = all[channel] as ((...args: unknown[]) => unknown) | undefined;
        if (!inner) continue;
        wrapped[channel] = async (...args: unknown[]) => {
          try {
            return await inner(...args);
          } finally {
            refreshLocal();
          }
        };
      }
      return wrapped as Handlers;
    },
  };
}
