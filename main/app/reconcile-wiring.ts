/**
 * One reconcile service per profile, built the same way for the desktop app, the web host and the CLI (as
 * createProfileSyncEngine is for syncing).
 */
import { DomainError } from '../errors';
import type { ReconcileService } from '../sync/reconcile';
import type { ProfileParts } from './features/sync-handlers';

export function createProfileReconcileService(_parts: ProfileParts): ReconcileService {
  // Being wired (issue 14): the reading and comparing slices land first.
  const unavailable = (): never => {
    throw new DomainError('NotAvailable', { message: 'Reconciliation is not available yet.' });
  };
  return { run: async () => unavailable(), last: unavailable, lines: unavailable, allLines: unavailable, resolve: unavailable };
}
