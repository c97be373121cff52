/** Handlers of the transactions feature's channels (main/contract/features/transactions.ts). */
import type { FeatureHandlers } from '../feature-context';
import type { transactionsChannels } from '../../contract/features/transactions';
import type { FeatureContext } from '../feature-context';

export function createTransactionsHandlers(_context: FeatureContext): FeatureHandlers<keyof typeof transactionsChannels> {
  return {};
}
