/**
 * Handlers of the diagnostics feature's channels (main/contract/features/diagnostics.ts). Each run emits
 * `diagnostics.health` for the status bar. The export is written into the data dir's `exports/` folder; the Electron
 * save dialog (choosing where) is a later step of the shell.
 */
import type { FeatureHandlers } from '../feature-context';
import type { diagnosticsChannels } from '../../contract/features/diagnostics';
import type { FeatureContext } from '../feature-context';
import { createDiagnosticsService } from '../../diagnostics/diagnostics-service';

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
    'diagnostics.export': () => diagnostics.exportBundle(),
  };
}
