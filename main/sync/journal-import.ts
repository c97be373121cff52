/**
 * Upserts an import into the journal, keyed on CourseCo's Transaction ID (never the invoice number: CourseCo
 * regenerates those). One SQL transaction per import, so a crash or an error leaves the journal as it was.
 *   unchanged content            → untouched
 *   changed, never sent to Xero  → updated in place
 *   changed, already sent        → status `changed` ("changed since sync"), never silently re-sent
 */
import type Database from 'libsql';
import { contentHash } from '../courseco/content-hash';
import type { CourseCoPayment, CourseCoTransaction } from '../courseco/types';
import { createStatusReader, deriveStatus } from './journal-status';
import type { ImportCounts, TransactionStatus } from './journal-types';

export interface ImportMeta {
  fileName?: string;
  errors?: number;
  skipped?: number;
}

/** Numeric ids sort as numbers ("9" before "10"); others after them, as text. */
export function sortKey(transactionId: string): string {
  return /^\d{1,20}$/.test(transactionId) ? transactionId.padStart(20, '0') : `~${transactionId}`;
}

/**
 * The amount shown in the console's list. Display only (the planner does the real maths in decimal.js), so binary
 * floating point is fine here and saves 100,000 Decimal objects on a large import.
 */
function displayAmount(tx: CourseCoTransaction): string {
  let sum = 0;
  for (const line of tx.lines) sum += line.lineTotal !== undefined ? Number(line.lineTotal) : Number(line.quantity) * Number(line.unitAmount);
  return sum.toFixed(2);
}

interface Existing {
  status: TransactionStatus;
  content_hash: string;
  synced_hash: string | null;
}

export function createJournalImporter(db: Database.Database, now: () => string) {
  const readStatus = createStatusReader(db);
  const findTx = db.prepare('SELECT status, content_hash, synced_hash FROM transactions WHERE transaction_id = ?');
  const insertTx = db.prepare(`
    INSERT INTO transactions (transaction_id, sort_key, kind, status, tx_date, contact_name, invoice_number, reference, amount,
      currency, source_json, content_hash, imported_at, updated_at)
    VALUES (@id, @sortKey, @kind, 'ready', @date, @contact, @invoiceNumber, @reference, @amount, @currency, @source, @hash, @now, @now)`);
  const updateTx = db.prepare(`
    UPDATE transactions SET kind = @kind, status = @status, tx_date = @date, contact_name = @contact, invoice_number = @invoiceNumber,
      reference = @reference, amount = @amount, currency = @currency, source_json = @source, content_hash = @hash, updated_at = @now,
      last_error = CASE WHEN @status = 'ready' THEN NULL ELSE last_error END,
      last_error_details = CASE WHEN @status = 'ready' THEN NULL ELSE last_error_details END
    WHERE transaction_id = @id`);
  const setStatus = db.prepare('UPDATE transactions SET status = ?, updated_at = ? WHERE transaction_id = ?');
  const findPayment = db.prepare('SELECT content_hash, synced_hash FROM payments WHERE payment_id = ?');
  const insertPayment = db.prepare(`
    INSERT INTO payments (payment_id, transaction_id, payment_date, amount, source_json, content_hash, imported_at, updated_at)
    VALUES (@id, @transactionId, @date, @amount, @source, @hash, @now, @now)`);
  const updatePayment = db.prepare(`
    UPDATE payments SET transaction_id = @transactionId, payment_date = @date, amount = @amount, source_json = @source,
      content_hash = @hash, updated_at = @now WHERE payment_id = @id`);
  const recordImport = db.prepare(`
    INSERT INTO imports (imported_at, file_name, export_kind, imported, updated, unchanged, changed, errors, skipped)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);

  /** Re-settles a transaction that has been sent before; excluded and in-flight ones keep their status. */
  const resettle = (transactionId: string): TransactionStatus | undefined => {
    const facts = readStatus(transactionId);
    if (!facts || facts.status === 'excluded' || facts.status === 'in-flight') return facts?.status;
    const next = deriveStatus(facts);
    if (next !== facts.status && !(facts.status === 'failed' && next === 'ready')) setStatus.run(next, now(), transactionId);
    return next;
  };

  const anyTransaction = db.prepare('SELECT EXISTS (SELECT 1 FROM transactions) AS present');
  const importTransactions = db.transaction((transactions: readonly CourseCoTransaction[], meta: ImportMeta): ImportCounts => {
    const counts: ImportCounts = { imported: 0, updated: 0, unchanged: 0, changed: 0 };
    const at = now();
    // A first import into an empty journal needs no per-row lookup; ids repeated within the batch are still caught.
    const empty = (anyTransaction.get() as { present: number }).present === 0;
    const seen = new Set<string>();
    for (const tx of transactions) {
      const hash = contentHash(tx);
      const existing = empty && !seen.has(tx.transactionId) ? undefined : (findTx.get(tx.transactionId) as Existing | undefined);
      if (empty) seen.add(tx.transactionId);
      if (existing?.content_hash === hash) {
        counts.unchanged++;
        continue;
      }
      const params = {
        id: tx.transactionId,
        kind: tx.kind,
        date: tx.date,
        contact: tx.contact.name,
        invoiceNumber: tx.invoiceNumber ?? null,
        reference: tx.reference ?? null,
        amount: displayAmount(tx),
        currency: tx.currency ?? null,
        source: JSON.stringify(tx),
        hash,
        now: at,
      };
      if (!existing) {
        insertTx.run({ ...params, sortKey: sortKey(tx.transactionId) });
        counts.imported++;
        continue;
      }
      if (existing.synced_hash === null) {
        // Never sent: the new version simply replaces the old. A failed one becomes ready to try with the new data.
        const status = existing.status === 'failed' ? 'ready' : existing.status;
        updateTx.run({ ...params, status });
        counts.updated++;
        continue;
      }
      updateTx.run({ ...params, status: existing.status });
      const settled = resettle(tx.transactionId);
      if (settled === 'changed' || existing.status === 'in-flight' || existing.status === 'excluded') counts.changed++;
      else counts.updated++;
    }
    recordImport.run(at, meta.fileName ?? null, 'transactions', counts.imported, counts.updated, counts.unchanged, counts.changed, meta.errors ?? 0, meta.skipped ?? 0);
    return counts;
  });

  const importPayments = db.transaction((payments: readonly CourseCoPayment[], meta: ImportMeta): ImportCounts => {
    const counts: ImportCounts = { imported: 0, updated: 0, unchanged: 0, changed: 0 };
    const at = now();
    const touched = new Set<string>();
    for (const payment of payments) {
      const hash = contentHash(payment);
      const existing = findPayment.get(payment.paymentId) as { content_hash: string; synced_hash: string | null } | undefined;
      if (existing?.content_hash === hash) {
        counts.unchanged++;
        continue;
      }
      const params = { id: payment.paymentId, transactionId: payment.transactionId, date: payment.date, amount: payment.amount, source: JSON.stringify(payment), hash, now: at };
      if (!existing) {
        insertPayment.run(params);
        counts.imported++;
      } else {
        updatePayment.run(params);
        if (existing.synced_hash === null) counts.updated++;
        else counts.changed++;
      }
      touched.add(payment.transactionId);
    }
    // A new payment on a synced transaction makes it ready again (only the payment will be sent); a changed one that
    // was already sent makes it `changed`.
    for (const transactionId of touched) resettle(transactionId);
    recordImport.run(at, meta.fileName ?? null, 'payments', counts.imported, counts.updated, counts.unchanged, counts.changed, meta.errors ?? 0, meta.skipped ?? 0);
    return counts;
  });

  return {
    importTransactions: (transactions: readonly CourseCoTransaction[], meta: ImportMeta = {}) => importTransactions.immediate(transactions, meta),
    importPayments: (payments: readonly CourseCoPayment[], meta: ImportMeta = {}) => importPayments.immediate(payments, meta),
  };
}
