/**
 * Handlers of the diagnostics feature's channels (contract/features/diagnostics.ts). Each run emits
 * `diagnostics.health` for the status bar. The export goes where the host's save dialog says (Electron), or into the
 * data dir's `exports/` folder where there is no dialog (web host, CLI).
 */
import type { FeatureHandlers } from '../feature-context';
import type { diagnosticsChannels } from '../../../contract/features/diagnostics';
import type { FeatureContext } from '../feature-context';
import { createDiagnosticsService } from '../../diagnostics/diagnostics-service';
import { bundleFileName } from '../../diagnostics/export/write-bundle';
import { DomainError } from '../../errors';

export function createDiagnosticsHandlers(context: FeatureContext): FeatureHandlers<keyof typeof diagnosticsChannels> {
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
  return {
    'diagnostics.run': () => diagnostics.run(),
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
}
