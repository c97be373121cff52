/**
 * Crash recovery: whatever a previous run left open — intents written but not resolved, transactions still
 * `in-flight` — is settled by reading Xero before anything is sent again. An intent still `pending` never left
 * (it is marked `sent` just before its request goes), so it is dropped. For a `sent` one Xero is asked what it holds:
 * invoices and credit notes by our Reference (`CourseCo Tx <id>`), payments by their Reference on the invoices they
 * pay (or, sent in a deposit, inside our batch payments of their day: deposit-queries.ts); what is found is linked in the journal exactly as if the answer had arrived. Contacts need no read: the next
 * plan looks contacts up by our ContactNumber anyway. Then the run's in-flight transactions are released (to ready,
 * or settled when their documents are all in Xero).
 */
import { read, type CallContext } from './engine-calls';
import { documentIds, type Intent, type JournalEntry } from '../journal';
import { findOurDocuments, findOurPayments, knownDocumentIds } from './xero-queries';
import { findDepositedPayments } from './deposit-queries';

export interface RecoveryReport {
  /** Open intents found. */
  intents: number;
  /** Documents found in Xero and linked. */
  linked: number;
  /** In-flight transactions released. */
  released: number;
}

export async function recoverInterrupted(ctx: CallContext): Promise<RecoveryReport> {
  const { journal } = ctx;
  const open = journal.pendingIntents();
  const inFlight = journal.inFlight();
  const report: RecoveryReport = { intents: open.length, linked: 0, released: 0 };
  if (open.length === 0 && inFlight.length === 0) return report;
  const call = <T>(run: () => Promise<T>) => read(ctx, run);

  // Allocations need no read here: an unconfirmed one keeps its credit ready, and the allocations phase reads the credit
  // note's Allocations before it sends anything (phase-allocations.ts). Refunds are found there too, by Reference.
  const sent: Record<Intent['kind'], Intent[]> = { contacts: [], invoices: [], payments: [], 'credit-notes': [], allocations: [] };
  for (const intent of open) {
    if (intent.state === 'pending') journal.markIntentResolved(intent.batchId, 'abandoned');
    else sent[intent.kind].push(intent);
  }

  for (const kind of ['invoices', 'credit-notes'] as const) {
    const ids = [...new Set(sent[kind].flatMap((i) => i.memberIds))];
    if (ids.length === 0) continue;
    const entries = journal.entries({ ids }).filter((e) => awaitsDocument(e, kind));
    if (entries.length > 0) {
      // The documents the journal already links share the Reference of a replacement or a change's credit note.
      const found = await findOurDocuments(ctx.gateway, kind, entries.map((e) => e.transaction.transactionId), call, knownDocumentIds(entries));
      for (const entry of entries) {
        const doc = found.get(entry.transaction.transactionId);
        if (!doc) continue;
        const ids = documentIds(kind === 'invoices' ? 'invoice' : 'credit-note', entry.contentHash, doc);
        // A credit note on a transaction whose invoice is in Xero is an approved change's credit (change-actions.ts).
        journal.recordDocument(entry.transaction.transactionId, kind === 'credit-notes' && entry.xero.invoiceId !== null ? { ...ids, change: 'credit' } : ids);
        // The document as found stands in for the answer that was lost: reconciliation's baseline.
        if (doc.snapshot) journal.recordBaseline(entry.transaction.transactionId, doc.snapshot, 'assistant');
        report.linked++;
      }
    }
  }

  const paymentIds = [...new Set(sent.payments.flatMap((i) => i.memberIds))];
  if (paymentIds.length > 0) {
    const owners = journal.paymentOwners(paymentIds);
    const entries = journal.entries({ ids: [...new Set(owners.values())] });
    const wanted = new Set(paymentIds);
    const pending = entries.flatMap((e) => e.payments.filter((p) => wanted.has(p.payment.paymentId) && p.xeroPaymentId === null));
    const invoiceIds = entries.map((e) => e.xero.invoiceId).filter((id): id is string => id !== null);
    if (pending.length > 0 && invoiceIds.length > 0) {
      const found = await findOurPayments(ctx.gateway, invoiceIds, call);
      for (const record of pending) {
        const payment = found.get(record.payment.paymentId);
        if (!payment) continue;
        journal.recordPaymentSynced(record.payment.paymentId, payment.id, record.contentHash);
        report.linked++;
      }
      // A payment sent in a deposit whose own Reference Xero did not keep is found inside our deposits of its day.
      const invoiceOf = new Map(entries.flatMap((e) => e.payments.map((p) => [p.payment.paymentId, e.xero.invoiceId] as const)));
      const missing = pending.filter((r) => !found.has(r.payment.paymentId) && invoiceOf.get(r.payment.paymentId));
      if (missing.length > 0) {
        const taken = new Set([...entries.flatMap((e) => e.payments.map((p) => p.xeroPaymentId)), ...[...found.values()].map((p) => p.id)].filter((id): id is string => id !== null));
        const wanted = missing.map((r) => ({ paymentId: r.payment.paymentId, invoiceId: invoiceOf.get(r.payment.paymentId)!, amount: r.payment.amount, date: r.payment.date }));
        for (const [paymentId, id] of await findDepositedPayments(ctx.gateway, wanted, call, { taken })) {
          journal.recordPaymentSynced(paymentId, id, missing.find((r) => r.payment.paymentId === paymentId)!.contentHash);
          report.linked++;
        }
      }
    }
  }

  for (const intent of [...sent.contacts, ...sent.invoices, ...sent['credit-notes'], ...sent.payments, ...sent.allocations]) journal.markIntentResolved(intent.batchId, 'confirmed');
  const stranded = journal.inFlight();
  journal.releaseInFlight(stranded);
  report.released = stranded.length;
  if (report.intents > 0 || report.released > 0) ctx.log.info('sync: recovered an interrupted run', { ...report });
  return report;
}

/**
 * Whether a sent batch of this kind may have created a document the journal does not link yet: a first invoice or
 * credit note, or one an approved change sends (a replacement invoice; a credit note for the invoice it retires).
 */
function awaitsDocument(entry: JournalEntry, kind: 'invoices' | 'credit-notes'): boolean {
  const changing = entry.syncedHash !== null && entry.contentHash !== entry.syncedHash;
  if (kind === 'invoices') return entry.xero.invoiceId === null || changing;
  if (entry.xero.invoiceId === null) return entry.xero.creditNoteId === null;
  const changes = entry.changeDocuments ?? [];
  const credited = changes.some((c) => c.role === 'credit' && c.contentHash === entry.contentHash);
  return !credited && (changing || changes.some((c) => c.role === 'replaced' && c.contentHash === entry.contentHash));
}
