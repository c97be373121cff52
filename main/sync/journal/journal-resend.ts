/**
 * Sending again what someone removed in Xero behind the assistant's back (reconciliation's "send again"): the journal
 * forgets the Xero ids of what is gone, so the next sync sends it as it sends anything not yet in Xero, under a new
 * Idempotency-Key (the resend generation, migration 7: Xero replays a key's first answer for 6 minutes, xero-facts.md
 * §6, so the key that created the removed document or payment must never be reused).
 *
 * - A payment removed in Xero: its Xero id and sent hash are cleared; the next sync records it again.
 * - A document voided, deleted or not found in Xero: kept in `change_documents` as 'resent' (Xero keeps a voided or
 *   deleted invoice's number taken, so the planner's `replacementNumber` leaves the new one's number to Xero, and the
 *   comparison never reports the old one again); the transaction's ids for it are cleared, and so are its payments'
 *   (Xero voids or deletes an invoice only once its payments are removed, and a lost document takes them with it).
 *   A credit note sent again is allocated again: its confirmed allocations went with the old one.
 * - A transaction never sent whose last attempt failed: back to ready, as a retry would.
 * Nothing here calls Xero; what to send is the planner's business (plan/planner.ts, plan/change-actions.ts).
 */
import type Database from 'libsql';
import { writeTransaction } from './journal-guard';
import { createStatusReader, deriveStatus } from './journal-status';
import type { ActionResult } from './journal-types';

export interface JournalResend {
  /** A payment Xero no longer holds goes again with the next sync, under a new key. */
  resendPayment(paymentId: string): ActionResult;
  /**
   * The transaction's document `xeroId` (voided, deleted or not found in Xero) goes again as a new document with the
   * next sync, under a new key and without the number Xero keeps taken; `xeroId` null: a transaction never sent
   * (a failed one goes back to ready).
   */
  resendDocument(transactionId: string, xeroId: string | null): ActionResult;
}

interface TransactionRow {
  status: string;
  kind: 'invoice' | 'credit';
  xero_invoice_id: string | null;
  xero_credit_note_id: string | null;
  xero_number: string | null;
}

export function createJournalResend(db: Database.Database, now: () => string): JournalResend {
  const readStatus = createStatusReader(db);
  const txRow = db.prepare('SELECT status, kind, xero_invoice_id, xero_credit_note_id, xero_number FROM transactions WHERE transaction_id = ?');
  const paymentRow = db.prepare('SELECT transaction_id, xero_payment_id FROM payments WHERE payment_id = ?');
  const forgetPayment = db.prepare(
    'UPDATE payments SET xero_payment_id = NULL, synced_hash = NULL, synced_at = NULL, last_error = NULL, last_error_details = NULL, resend_generation = resend_generation + 1, updated_at = ? WHERE payment_id = ?',
  );
  const forgetPaymentsOf = db.prepare(
    'UPDATE payments SET xero_payment_id = NULL, synced_hash = NULL, synced_at = NULL, last_error = NULL, last_error_details = NULL, resend_generation = resend_generation + 1, updated_at = ? WHERE transaction_id = ? AND xero_payment_id IS NOT NULL',
  );
  const keepResent = db.prepare(`
    INSERT OR IGNORE INTO change_documents (transaction_id, role, kind, xero_id, number, content_hash, source_json, recorded_at)
    SELECT transaction_id, 'resent', @kind, @xeroId, xero_number, content_hash,
      CASE WHEN synced_hash = content_hash THEN source_json ELSE synced_json END, @now
    FROM transactions WHERE transaction_id = @transactionId`);
  const forgetInvoice = db.prepare(
    'UPDATE transactions SET xero_invoice_id = NULL, xero_number = NULL, synced_hash = NULL, resend_generation = resend_generation + 1, last_error = NULL, last_error_details = NULL, updated_at = ? WHERE transaction_id = ?',
  );
  const forgetCreditNote = db.prepare(
    'UPDATE transactions SET xero_credit_note_id = NULL, xero_number = CASE WHEN xero_invoice_id IS NULL THEN NULL ELSE xero_number END, synced_hash = NULL, resend_generation = resend_generation + 1, last_error = NULL, last_error_details = NULL, updated_at = ? WHERE transaction_id = ?',
  );
  const dropAllocationsOf = db.prepare('DELETE FROM allocations WHERE credit_transaction_id = ?');
  // Xero voids an invoice only once no credit is allocated to it: those allocations are gone there. They go back to
  // planned, so their credit notes are ready again and the next sync allocates them to the new invoice.
  const creditsAllocatedTo = db.prepare('SELECT DISTINCT credit_transaction_id FROM allocations WHERE invoice_transaction_id = ?');
  const replanAllocationsTo = db.prepare('UPDATE allocations SET xero_allocation_id = NULL, allocated_at = NULL WHERE invoice_transaction_id = ?');
  const setStatus = db.prepare('UPDATE transactions SET status = ?, last_error = NULL, last_error_details = NULL, updated_at = ? WHERE transaction_id = ?');

  /** The status its facts now give (ready, once something is to be sent again); an excluded one stays excluded. */
  const resettle = (transactionId: string): void => {
    const facts = readStatus(transactionId);
    if (!facts || facts.status === 'excluded') return;
    setStatus.run(deriveStatus(facts), now(), transactionId);
  };

  const busy = (status: string): string | undefined =>
    status === 'in-flight' ? 'a sync run is sending it right now: try again when it has finished' : status === 'excluded' ? 'it is excluded from Xero: include it first' : undefined;

  const resendPayment = (paymentId: string): ActionResult =>
    writeTransaction(db, (): ActionResult => {
      const payment = paymentRow.get(paymentId) as { transaction_id: string; xero_payment_id: string | null } | undefined;
      if (!payment) return { updated: [], refused: [{ transactionId: '', reason: `payment ${paymentId} is not in the journal` }] };
      const tx = txRow.get(payment.transaction_id) as TransactionRow | undefined;
      const refuse = (reason: string): ActionResult => ({ updated: [], refused: [{ transactionId: payment.transaction_id, reason }] });
      if (!tx) return refuse('its transaction is not in the journal');
      const why = busy(tx.status);
      if (why) return refuse(why);
      if (payment.xero_payment_id === null) return refuse('the payment is not recorded as sent: the next sync sends it anyway');
      forgetPayment.run(now(), paymentId);
      resettle(payment.transaction_id);
      return { updated: [payment.transaction_id], refused: [] };
    });

  const resendDocument = (transactionId: string, xeroId: string | null): ActionResult =>
    writeTransaction(db, (): ActionResult => {
      const tx = txRow.get(transactionId) as TransactionRow | undefined;
      const refuse = (reason: string): ActionResult => ({ updated: [], refused: [{ transactionId, reason }] });
      if (!tx) return refuse('it is not in the journal');
      const why = busy(tx.status);
      if (why) return refuse(why);
      const own = xeroId !== null && (xeroId === tx.xero_invoice_id || xeroId === tx.xero_credit_note_id);
      if (xeroId === null || !own) {
        if (xeroId !== null) return refuse('that document is not the one the journal keeps for this transaction now (an earlier change retired it): look into it in Xero');
        if (tx.xero_invoice_id !== null || tx.xero_credit_note_id !== null) return refuse('it is in Xero: say which of its documents to send again');
        if (tx.status !== 'failed') return { updated: [], refused: [] };
        resettle(transactionId);
        return { updated: [transactionId], refused: [] };
      }
      const at = now();
      const kind = xeroId === tx.xero_invoice_id ? 'invoice' : 'credit-note';
      keepResent.run({ transactionId, kind, xeroId, now: at });
      if (kind === 'invoice') {
        forgetInvoice.run(at, transactionId);
        const credits = (creditsAllocatedTo.all(transactionId) as Array<{ credit_transaction_id: string }>).map((r) => r.credit_transaction_id);
        replanAllocationsTo.run(transactionId);
        for (const credit of credits) resettle(credit);
      } else {
        forgetCreditNote.run(at, transactionId);
        dropAllocationsOf.run(transactionId);
      }
      forgetPaymentsOf.run(at, transactionId);
      resettle(transactionId);
      return { updated: [transactionId], refused: [] };
    });

  return { resendPayment, resendDocument };
}
