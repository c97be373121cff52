/**
 * Writing status: the user's actions (exclude, include, retry) and the engine's results. Every change goes through
 * `deriveStatus` or an explicit allowed-from list, so a synced transaction can never be quietly put back in the queue.
 */
import type Database from 'libsql';
import type { JournalActions } from './journal';
import { writeTransaction } from './journal-guard';
import { createStatusReader, deriveStatus } from './journal-status';
import type { ActionResult, TransactionStatus, XeroFailure } from './journal-types';

export interface DocumentIds {
  /** Content hash of the transaction as it was sent (the engine planned from it). */
  sentHash: string;
  contactId?: string;
  invoiceId?: string;
  creditNoteId?: string;
  /** The number Xero shows for the document. */
  number?: string;
  /**
   * What an approved change did with this document: `voided` the transaction's invoice, or raised a `credit` note
   * against its old invoice (the invoice stays the transaction's, and keeps its number). Kept in `change_documents`.
   */
  change?: 'voided' | 'credit';
}

/**
 * The journal's link to the invoice or credit note Xero holds for a transaction, however it was learnt: Xero's answer
 * to a write, a read after a crash, or a matching number already in Xero.
 */
export function documentIds(
  kind: 'invoice' | 'credit-note',
  sentHash: string,
  doc: { id: string; number?: string | undefined; contactId?: string | undefined },
): DocumentIds {
  return {
    sentHash,
    ...(kind === 'invoice' ? { invoiceId: doc.id } : { creditNoteId: doc.id }),
    ...(doc.number ? { number: doc.number } : {}),
    ...(doc.contactId ? { contactId: doc.contactId } : {}),
  };
}

const WHY_NOT: Partial<Record<TransactionStatus, string>> = {
  synced: 'it is already in Xero',
  'in-flight': 'a sync run is sending it right now',
};

export function createJournalActions(db: Database.Database, now: () => string): JournalActions {
  const readStatus = createStatusReader(db);
  const setStatus = db.prepare('UPDATE transactions SET status = ?, updated_at = ? WHERE transaction_id = ?');

  /** Applies `decide` to each id inside one transaction; `decide` returns the new status or a refusal reason. */
  const act = (ids: readonly string[], decide: (id: string, facts: NonNullable<ReturnType<typeof readStatus>>) => TransactionStatus | { refuse: string }) =>
    writeTransaction(db, (): ActionResult => {
      const result: ActionResult = { updated: [], refused: [] };
      for (const id of new Set(ids)) {
        const facts = readStatus(id);
        if (!facts) {
          result.refused.push({ transactionId: id, reason: 'it is not in the journal' });
          continue;
        }
        const next = decide(id, facts);
        if (typeof next === 'object') result.refused.push({ transactionId: id, reason: next.refuse });
        else if (next !== facts.status) {
          setStatus.run(next, now(), id);
          result.updated.push(id);
        }
      }
      return result;
    });

  const exclude = (ids: readonly string[]) =>
    act(ids, (_id, facts) => {
      const why = WHY_NOT[facts.status];
      return why ? { refuse: `cannot exclude: ${why}` } : 'excluded';
    });

  const include = (ids: readonly string[]) =>
    act(ids, (_id, facts) => (facts.status === 'excluded' ? deriveStatus(facts) : facts.status));

  const approve = db.prepare('UPDATE transactions SET approved_hash = content_hash, last_error = NULL, last_error_details = NULL, updated_at = ? WHERE transaction_id = ?');
  const clearError = db.prepare('UPDATE transactions SET last_error = NULL, last_error_details = NULL WHERE transaction_id = ?');
  /**
   * failed → ready (the old error is cleared: it described an attempt that is over; attempts keep counting).
   * A change after sync is never approved by a retry: it changes documents in Xero, so it is approved on its own
   * (`approveChange`), after the user has seen which.
   */
  const markRetry = (ids: readonly string[]) =>
    act(ids, (id, facts) => {
      if (facts.status === 'failed') {
        clearError.run(id);
        return 'ready';
      }
      if (facts.status === 'changed') return { refuse: 'cannot retry: it changed in CourseCo since it was synced. Open it to see the difference and which documents will change in Xero, then approve the change' };
      const why = WHY_NOT[facts.status];
      return why ? { refuse: `cannot retry: ${why}` } : facts.status;
    });

  /** changed → ready, recording that the user wants this content sent (what that does in Xero: change-actions.ts). */
  const approveChange = (ids: readonly string[]) =>
    act(ids, (id, facts) => {
      if (facts.status !== 'changed') return { refuse: `nothing to approve: it is ${facts.status}, not changed since sync` };
      if (facts.payments.some((p) => p.syncedHash !== null && p.contentHash !== p.syncedHash)) {
        return { refuse: 'cannot approve: a payment changed after it was sent, and Xero payments cannot be edited. Delete that payment in Xero first.' };
      }
      approve.run(now(), id);
      return 'ready';
    });

  // ---- engine results ------------------------------------------------------------------------------------------

  const markInFlightStmt = db.prepare(
    "UPDATE transactions SET status = 'in-flight', attempts = attempts + 1, last_run_id = ?, updated_at = ? WHERE transaction_id = ? AND status = 'ready'",
  );
  /** Claims ready transactions for a run; returns the ids actually claimed (others were not ready). */
  const markInFlight = (ids: readonly string[], runId: number): string[] =>
    writeTransaction(db, () => ids.filter((id) => markInFlightStmt.run(runId, now(), id).changes > 0));

  const recordDocumentStmt = db.prepare(`
    UPDATE transactions SET synced_hash = @sentHash,
      xero_contact_id = COALESCE(@contactId, xero_contact_id), xero_invoice_id = COALESCE(@invoiceId, xero_invoice_id),
      xero_credit_note_id = COALESCE(@creditNoteId, xero_credit_note_id), xero_number = COALESCE(@number, xero_number),
      synced_at = @now, updated_at = @now
    WHERE transaction_id = @transactionId`);
  // A new invoice id for a transaction that had one: the old invoice was replaced (an approved change of a paid
  // invoice); it goes to the history with the content it carried before the transaction points at the new one.
  const keepReplacedStmt = db.prepare(`
    INSERT OR IGNORE INTO change_documents (transaction_id, role, kind, xero_id, number, content_hash, source_json, recorded_at)
    SELECT transaction_id, 'replaced', 'invoice', xero_invoice_id, xero_number, @sentHash, synced_json, @now FROM transactions
    WHERE transaction_id = @transactionId AND xero_invoice_id IS NOT NULL AND xero_invoice_id <> @invoiceId`);
  const keepChangeStmt = db.prepare(`
    INSERT OR IGNORE INTO change_documents (transaction_id, role, kind, xero_id, number, content_hash, source_json, recorded_at)
    SELECT transaction_id, @role, @kind, @xeroId, @number, @sentHash, synced_json, @now FROM transactions WHERE transaction_id = @transactionId`);
  const recordChangeCreditStmt = db.prepare(`
    UPDATE transactions SET synced_hash = @sentHash, xero_credit_note_id = @creditNoteId, synced_at = @now, updated_at = @now
    WHERE transaction_id = @transactionId`);
  /** Stores Xero's ids the moment they are known, so a crash right after cannot lose them. Status is settled later. */
  const recordDocument = (transactionId: string, ids: DocumentIds): void => {
    const at = now();
    const inOne = (body: () => void) => (db.inTransaction ? body() : writeTransaction(db, body));
    inOne(() => {
      if (ids.change === 'credit' && ids.creditNoteId) {
        keepChangeStmt.run({ transactionId, role: 'credit', kind: 'credit-note', xeroId: ids.creditNoteId, number: ids.number ?? null, sentHash: ids.sentHash, now: at });
        recordChangeCreditStmt.run({ transactionId, sentHash: ids.sentHash, creditNoteId: ids.creditNoteId, now: at });
        return;
      }
      if (ids.invoiceId) keepReplacedStmt.run({ transactionId, invoiceId: ids.invoiceId, sentHash: ids.sentHash, now: at });
      if (ids.change === 'voided' && ids.invoiceId) {
        keepChangeStmt.run({ transactionId, role: 'voided', kind: 'invoice', xeroId: ids.invoiceId, number: ids.number ?? null, sentHash: ids.sentHash, now: at });
      }
      recordDocumentStmt.run({
        transactionId,
        sentHash: ids.sentHash,
        contactId: ids.contactId ?? null,
        invoiceId: ids.invoiceId ?? null,
        creditNoteId: ids.creditNoteId ?? null,
        number: ids.number ?? null,
        now: at,
      });
    });
  };

  const recordContactStmt = db.prepare('UPDATE transactions SET xero_contact_id = ?, updated_at = ? WHERE transaction_id = ?');
  const recordContact = (transactionIds: readonly string[], contactId: string): void => {
    writeTransaction(db, () => {
      for (const id of transactionIds) recordContactStmt.run(contactId, now(), id);
    });
  };

  const paymentSyncedStmt = db.prepare(
    'UPDATE payments SET xero_payment_id = ?, synced_hash = ?, last_error = NULL, last_error_details = NULL, synced_at = ?, updated_at = ? WHERE payment_id = ?',
  );
  const recordPaymentSynced = (paymentId: string, xeroPaymentId: string, sentHash: string): void => {
    const at = now();
    paymentSyncedStmt.run(xeroPaymentId, sentHash, at, at, paymentId);
  };

  const settleStmt = db.prepare('UPDATE transactions SET status = ?, last_error = NULL, last_error_details = NULL, updated_at = ? WHERE transaction_id = ?');
  /** After a run has done all it could for a transaction: synced, ready (more to send) or changed (edited meanwhile). */
  const settle = (transactionId: string): TransactionStatus | undefined => {
    const facts = readStatus(transactionId);
    if (!facts) return undefined;
    const next = deriveStatus(facts);
    settleStmt.run(next, now(), transactionId);
    return next;
  };

  const failStmt = db.prepare("UPDATE transactions SET status = 'failed', last_error = ?, last_error_details = ?, updated_at = ? WHERE transaction_id = ?");
  const failPaymentStmt = db.prepare('UPDATE payments SET last_error = ?, last_error_details = ?, updated_at = ? WHERE payment_id = ?');
  /** The transaction failed (optionally because of one payment): the reason is kept for the console and retry. */
  const recordFailure = (transactionId: string, failure: XeroFailure, paymentId?: string): void => {
    const details = JSON.stringify(failure.validationErrors ?? []);
    writeTransaction(db, () => {
      failStmt.run(failure.message, details, now(), transactionId);
      if (paymentId) failPaymentStmt.run(failure.message, details, now(), paymentId);
    });
  };

  const releaseStmt = db.prepare("UPDATE transactions SET status = 'ready', updated_at = ? WHERE transaction_id = ? AND status = 'in-flight'");
  /** Puts in-flight transactions back (run cancelled before sending them); ones with Xero ids are settled instead. */
  const releaseInFlight = (ids: readonly string[]): void => {
    writeTransaction(db, () => {
      for (const id of ids) {
        const facts = readStatus(id);
        if (facts?.status !== 'in-flight') continue;
        if (facts.syncedHash !== null) settle(id);
        else releaseStmt.run(now(), id);
      }
    });
  };

  const inFlightIds = db.prepare("SELECT transaction_id FROM transactions WHERE status = 'in-flight' ORDER BY tx_date, sort_key").pluck();
  const inFlight = (): string[] => inFlightIds.all() as string[];

  return { exclude, include, markRetry, approveChange, markInFlight, recordDocument, recordContact, recordPaymentSynced, settle, recordFailure, releaseInFlight, inFlight };
}
