/**
 * One reconcile service per profile, built the same way for the desktop app, the web host and the CLI (as
 * createProfileSyncEngine is for syncing): the profile's journal, gateway and settings, reads through a rate limiter of
 * its own, and links into Xero with the organisation's short code.
 */
import { createReconcileService, type ReconcileService } from '../sync/reconcile';
import { createXeroGateway, createXeroReader } from '../sync/run';
import { creditNoteLink, invoiceLink } from '../xero/invoice-link';
import type { ConnectionService } from '../xero/connection-service';
import type { ProfileParts } from './features/sync-handlers';

export type ReconcileParts = ProfileParts & { connection: Pick<ConnectionService, 'xero' | 'status' | 'origins'> };

export function createProfileReconcileService(parts: ReconcileParts): ReconcileService {
  const gateway = createXeroGateway(parts.connection.xero, () => parts.settings.get('xero.tenantId'));
  return createReconcileService({
    journal: () => parts.journal(),
    gateway,
    reader: createXeroReader({ journal: () => parts.journal(), gateway, clock: parts.clock, log: parts.log }),
    settings: () => parts.settings.all(),
    clock: parts.clock,
    log: parts.log,
    documentLinks: async () => {
      const status = await parts.connection.status().catch(() => undefined);
      const shortCode = status?.organisation?.shortCode;
      const origin = parts.connection.origins.apiOrigin;
      return (kind, id) => (kind === 'invoice' ? invoiceLink(origin, id, shortCode) : creditNoteLink(origin, id, shortCode));
    },
  });
}
