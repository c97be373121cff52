/** Handlers of the sync feature's channels (main/contract/features/sync.ts). */
import type { FeatureHandlers } from '../feature-context';
import type { syncChannels } from '../../contract/features/sync';
import type { FeatureContext } from '../feature-context';

export function createSyncHandlers(_context: FeatureContext): FeatureHandlers<keyof typeof syncChannels> {
  return {};
}
