/** Handlers of the diagnostics feature's channels (main/contract/features/diagnostics.ts). */
import type { FeatureHandlers } from '../feature-context';
import type { diagnosticsChannels } from '../../contract/features/diagnostics';
import type { FeatureContext } from '../feature-context';

export function createDiagnosticsHandlers(_context: FeatureContext): FeatureHandlers<keyof typeof diagnosticsChannels> {
  return {};
}
