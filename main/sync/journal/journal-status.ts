/**
 * The one rule for what a transaction's status is once it has been (partly) sent to Xero. Imports, the engine's
 * results and the user's include/retry actions all settle through here, so "changed since sync" means the same
 * thing everywhere.
 */
import type Database from 'libsql';
import type { TransactionStatus } from './journal-types';

export interface StatusFacts {
  contentHash: string;
  syncedHash: string | null;
  approvedHash: string | null;
  /** Xero invoice or credit note id; null = the document is not in Xero yet. */
  documentId: string | null;
  payments: Array<{ contentHash: string; syncedHash: string | null; xeroPaymentId: string | null }>;
  /** Allocations a run planned for this credit that Xero has not confirmed yet (journal-allocations.ts). */
  allocationsPending?: number;
}

export function deriveStatus(facts: StatusFacts): Extract<TransactionStatus, 'ready' | 'synced' | 'changed'> {
  const { contentHash, syncedHash, approvedHash } = facts;
  if (syncedHash !== null && contentHash !== syncedHash && contentHash !== approvedHash) return 'changed';
  // Xero payments cannot be edited, only deleted: a payment that changed after sending needs a person.
  if (facts.payments.some((p) => p.syncedHash !== null && p.contentHash !== p.syncedHash)) return 'changed';
  if (facts.documentId === null || contentHash !== syncedHash) return 'ready';
  if (facts.payments.some((p) => p.xeroPaymentId === null)) return 'ready';
  if ((facts.allocationsPending ?? 0) > 0) return 'ready';
  return 'synced';
}

interface FactsRow {
  content_hash: string;
  synced_hash: string | null;
  approved_hash: string | null;
  document_id: string | null;
  status: TransactionStatus;
}

/** Reads what `deriveStatus` needs from the journal; undefined for an unknown transaction. */
export function createStatusReader(db: Database.Database) {
  const txFacts = db.prepare(
    'SELECT content_hash, synced_hash, approved_hash, COALESCE(xero_invoice_id, xero_credit_note_id) AS document_id, status FROM transactions WHERE transaction_id = ?',
  );
  const paymentFacts = db.prepare('SELECT content_hash, synced_hash, xero_payment_id FROM payments WHERE transaction_id = ?');
  // libsql's pluck() applies to all(), not get(): the count is read by name.
  const pendingAllocations = db.prepare('SELECT COUNT(*) AS n FROM allocations WHERE credit_transaction_id = ? AND xero_allocation_id IS NULL');
  return (transactionId: string): (StatusFacts & { status: TransactionStatus }) | undefined => {
    const row = txFacts.get(transactionId) as FactsRow | undefined;
    if (!row) return undefined;
    const payments = (paymentFacts.all(transactionId) as Array<{ content_hash: string; synced_hash: string | null; xero_payment_id: string | null }>).map((p) => ({
      contentHash: p.content_hash,
      syncedHash: p.synced_hash,
      xeroPaymentId: p.xero_payment_id,
    }));
    return {
      status: row.status,
      contentHash: row.content_hash,
      syncedHash: row.synced_hash,
      approvedHash: row.approved_hash,
      documentId: row.document_id,
      payments,
      allocationsPending: (pendingAllocations.get(transactionId) as { n: number }).n,
    };
  };
}
