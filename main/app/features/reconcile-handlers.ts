/**
 * Handlers of reconciliation (contract/features/reconcile.ts): each channel is one call of the profile's reconcile
 * service (main/app/reconcile-wiring.ts), built on first use; a comparison's progress goes out as `reconcile.progress`.
 *
 * The close pack (PDF + CSV) comes with its own slice; until it lands, exporting one says so in plain words.
 */
import type { reconcileChannels } from '../../../contract/features/reconcile';
import { DomainError } from '../../errors';
import type { ReconcileService } from '../../sync/reconcile';
import type { FeatureContext, FeatureHandlers } from '../feature-context';
import { createProfileReconcileService } from '../reconcile-wiring';

export function createReconcileHandlers(context: FeatureContext): FeatureHandlers<keyof typeof reconcileChannels> {
  let service: ReconcileService | undefined;
  const get = () => (service ??= createProfileReconcileService(context));
  return {
    'reconcile.run': (range) => get().run(range, (progress) => context.bus.emit('reconcile.progress', progress)),
    'reconcile.last': () => get().last(),
    'reconcile.lines': (query) => get().lines(query),
    'reconcile.resolve': ({ key, action }) => get().resolve(key, action),
    'reconcile.exportClosePack': () => {
      throw new DomainError('ReconcileNotAvailable', {
        message: 'The close pack is not available yet.',
        fix: 'Update the assistant to a version that writes the close pack.',
      });
    },
  };
}
