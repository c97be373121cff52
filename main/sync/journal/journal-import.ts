/**
 * Upserts an import into the journal, keyed on CourseCo's Transaction ID (never the invoice number: CourseCo
 * regenerates those).
 *   unchanged content            → untouched
 *   changed, never sent to Xero  → updated in place
 *   changed, already sent        → status `changed` ("changed since sync"), never silently re-sent
 *
 * Written in transactions of `IMPORT_CHUNK` rows, not one per file: a sync in another process waits for the write
 * lock between its requests, and one transaction for 100,000 rows held it for seconds — longer than a sync waits —
 * so the sync died with "database is locked". Each chunk is whole or absent, so an export of up to `IMPORT_CHUNK`
 * rows (a typical month) is still all-or-nothing. A larger file that stops part-way (disk full, the app killed)
 * keeps its first chunks, complete and consistent, and says so; importing the same file again finishes the job,
 * because rows are keyed on the Transaction ID: the saved ones count as unchanged, nothing is doubled. The import's
 * entry in the history is written with its last chunk, so only a finished import is listed.
 */
import type Database from 'libsql';
import { contentHash } from '../../courseco/content-hash';
import type { CourseCoPayment, CourseCoTransaction } from '../../courseco/types';
import { DomainError } from '../../errors';
import type { JournalImporter } from './journal';
import { createStatusReader, deriveStatus } from './journal-status';
import type { ImportCounts, TransactionStatus } from './journal-types';

/** Rows per write transaction: a few hundred milliseconds at most, well inside the busy wait of a sync beside it. */
export const IMPORT_CHUNK = 5000;

/** How the journal runs one write transaction (waiting out a busy journal, and saying what went wrong in words). */
export type WriteChunk = <T>(body: () => T) => T;

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

const zero = (): ImportCounts => ({ imported: 0, updated: 0, unchanged: 0, changed: 0 });
const add = (a: ImportCounts, b: ImportCounts): ImportCounts => ({ imported: a.imported + b.imported, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged, changed: a.changed + b.changed });

/** A large file that stopped after some chunks were saved: the reason, what is in, and how to finish. */
function stoppedPartWay(error: unknown, saved: number, total: number, kind: 'transactions' | 'payments'): unknown {
  if (!(error instanceof DomainError)) return error;
  return new DomainError(error.kind, {
    message: `${error.message} The import stopped part-way: the first ${saved} of the ${total} ${kind} in this file were saved, the rest were not.`,
    fix: `${error.fix ?? ''} Then import the same file again: the ${kind} already saved are recognised, not added twice.`.trim(),
    ...(error.evidence ? { evidence: error.evidence } : {}),
    cause: error,
  });
}

interface Existing {
  status: TransactionStatus;
  content_hash: string;
  synced_hash: string | null;
}

export function createJournalImporter(db: Database.Database, now: () => string, write: WriteChunk, chunk = IMPORT_CHUNK): JournalImporter {
  const readStatus = createStatusReader(db);
  const findTx = db.prepare('SELECT status, content_hash, synced_hash FROM transactions WHERE transaction_id = ?');
  const insertTx = db.prepare(`
    INSERT INTO transactions (transaction_id, sort_key, kind, status, tx_date, contact_name, invoice_number, reference, amount,
      currency, source_json, content_hash, imported_at, updated_at)
    VALUES (@id, @sortKey, @kind, 'ready', @date, @contact, @invoiceNumber, @reference, @amount, @currency, @source, @hash, @now, @now)`);
  // The content being replaced is kept as `synced_json` when it is what Xero holds: a change's difference is shown
  // against it, and a replaced invoice is credited with it.
  const updateTx = db.prepare(`
    UPDATE transactions SET synced_json = CASE WHEN synced_hash = content_hash THEN source_json ELSE synced_json END,
      kind = @kind, status = @status, tx_date = @date, contact_name = @contact, invoice_number = @invoiceNumber,
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

  const countTransactions = db.prepare('SELECT count(*) AS n FROM transactions');
  /**
   * A first import into an empty journal needs no per-row lookup, chunk after chunk, for as long as the journal holds
   * exactly what this import inserted (another process writing between two chunks ends the shortcut); ids repeated
   * within the file are still caught by `seen`.
   */
  interface FirstImport {
    empty: boolean;
    inserted: number;
    seen: Set<string>;
  }
  const transactionsChunk = (transactions: readonly CourseCoTransaction[], at: string, first: FirstImport): ImportCounts => {
    const counts = zero();
    first.empty = first.empty && (countTransactions.get() as { n: number }).n === first.inserted;
    const { empty, seen } = first;
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
        first.inserted++;
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
    return counts;
  };

  const paymentsChunk = (payments: readonly CourseCoPayment[], at: string): ImportCounts => {
    const counts = zero();
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
    return counts;
  };

  /** Chunk by chunk, each in its own transaction; the history entry goes with the last one. */
  const inChunks = <T>(rows: readonly T[], kind: 'transactions' | 'payments', meta: ImportMeta, writeRows: (part: readonly T[], at: string) => ImportCounts): ImportCounts => {
    const counts = zero();
    const at = now();
    for (let start = 0; start === 0 || start < rows.length; start += chunk) {
      const last = start + chunk >= rows.length;
      let part: ImportCounts;
      try {
        part = write(() => {
          const written = writeRows(rows.slice(start, start + chunk), at);
          if (last) {
            const total = add(counts, written);
            recordImport.run(at, meta.fileName ?? null, kind, total.imported, total.updated, total.unchanged, total.changed, meta.errors ?? 0, meta.skipped ?? 0);
          }
          return written;
        });
      } catch (error) {
        throw start > 0 ? stoppedPartWay(error, start, rows.length, kind) : error;
      }
      Object.assign(counts, add(counts, part));
    }
    return counts;
  };

  return {
    importTransactions: (transactions: readonly CourseCoTransaction[], meta: ImportMeta = {}) => {
      const first: FirstImport = { empty: true, inserted: 0, seen: new Set() };
      return inChunks(transactions, 'transactions', meta, (part, at) => transactionsChunk(part, at, first));
    },
    importPayments: (payments: readonly CourseCoPayment[], meta: ImportMeta = {}) => inChunks(payments, 'payments', meta, paymentsChunk),
  };
}
