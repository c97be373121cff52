/**
 * Credit note allocations: which credit transaction's credit note is allocated to which invoice transaction's
 * invoice, for how much, and whether Xero has confirmed it. A run claims a credit with its planned allocations
 * (`expectAllocations`); until Xero's id is recorded the credit stays ready (journal-status.ts), so a run that stops
 * or is killed in between can never leave an allocation silently undone. Also: the invoices a booking's credits go to.
 */
import type Database from 'libsql';
import type { JournalAllocations } from './journal';
import { writeTransaction } from './journal-guard';

export interface AllocationRecord {
  creditTransactionId: string;
  invoiceTransactionId: string;
  /** Decimal string. */
  amount: string;
  /** YYYY-MM-DD */
  date: string;
  /** Null while planned and not yet confirmed in Xero. */
  xeroAllocationId: string | null;
}

export interface PlannedAllocation {
  invoiceTransactionId: string;
  amount: string;
  date: string;
}

interface AllocationRow {
  credit_transaction_id: string;
  invoice_transaction_id: string;
  amount: string;
  allocation_date: string;
  xero_allocation_id: string | null;
}

const toRecord = (r: AllocationRow): AllocationRecord => ({
  creditTransactionId: r.credit_transaction_id,
  invoiceTransactionId: r.invoice_transaction_id,
  amount: r.amount,
  date: r.allocation_date,
  xeroAllocationId: r.xero_allocation_id,
});

/** SQLite's default limit on bound parameters is far above this; chunks keep each statement small. */
const CHUNK = 400;
const chunks = <T>(list: readonly T[]): T[][] => Array.from({ length: Math.ceil(list.length / CHUNK) }, (_v, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));

export function createJournalAllocations(db: Database.Database, now: () => string): JournalAllocations {
  const allocationRecords = (transactionIds: readonly string[]): AllocationRecord[] => {
    const ids = [...new Set(transactionIds)];
    const out = new Map<string, AllocationRecord>();
    for (const part of chunks(ids)) {
      const marks = part.map(() => '?').join(', ');
      const rows = db
        .prepare(`SELECT * FROM allocations WHERE credit_transaction_id IN (${marks}) OR invoice_transaction_id IN (${marks}) ORDER BY allocation_date, credit_transaction_id`)
        .all(...part, ...part) as AllocationRow[];
      for (const row of rows) out.set(`${row.credit_transaction_id}\u0000${row.invoice_transaction_id}`, toRecord(row));
    }
    return [...out.values()];
  };

  // The expression matches the partial index `invoices_by_booking` (migration 4), so this never scans the journal.
  const bookingStmt = db.prepare("SELECT transaction_id FROM transactions WHERE kind = 'invoice' AND json_extract(source_json, '$.bookingId') = ? ORDER BY tx_date, sort_key").pluck();
  const bookingInvoiceIds = (bookingIds: readonly string[]): Map<string, string[]> => {
    const out = new Map<string, string[]>();
    for (const booking of new Set(bookingIds)) out.set(booking, bookingStmt.all(booking) as string[]);
    return out;
  };

  const dropPending = db.prepare('DELETE FROM allocations WHERE credit_transaction_id = ? AND xero_allocation_id IS NULL');
  const insertPlanned = db.prepare(
    'INSERT OR IGNORE INTO allocations (credit_transaction_id, invoice_transaction_id, amount, allocation_date, xero_allocation_id, planned_at) VALUES (?, ?, ?, ?, NULL, ?)',
  );
  /** The credit's allocations still to make are exactly these (confirmed ones are never touched). */
  const expectAllocations = (creditTransactionId: string, planned: readonly PlannedAllocation[]): void => {
    writeTransaction(db, () => {
      dropPending.run(creditTransactionId);
      for (const a of planned) insertPlanned.run(creditTransactionId, a.invoiceTransactionId, a.amount, a.date, now());
    });
  };

  const confirm = db.prepare(`
    INSERT INTO allocations (credit_transaction_id, invoice_transaction_id, amount, allocation_date, xero_allocation_id, planned_at, allocated_at)
    VALUES (@credit, @invoice, @amount, @date, @id, @now, @now)
    ON CONFLICT (credit_transaction_id, invoice_transaction_id) DO UPDATE SET amount = @amount, allocation_date = @date, xero_allocation_id = @id, allocated_at = @now`);
  const recordAllocation = (allocation: AllocationRecord & { xeroAllocationId: string }): void => {
    confirm.run({ credit: allocation.creditTransactionId, invoice: allocation.invoiceTransactionId, amount: allocation.amount, date: allocation.date, id: allocation.xeroAllocationId, now: now() });
  };

  return { allocationRecords, bookingInvoiceIds, expectAllocations, recordAllocation };
}
