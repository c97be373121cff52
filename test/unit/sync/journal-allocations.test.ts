/**
 * The journal's credit note allocations (migration 4): a run's planned allocations keep their credit ready until Xero
 * confirms them, a new plan replaces what an older one planned but never touches what Xero confirmed, and a booking's
 * invoices are found by its id.
 */
import { describe, expect, it } from 'vitest';
import type { CourseCoTransaction } from '../../../main/courseco/types';
import { openJournalFile } from '../../../main/sync/journal';

const tx = (id: string, kind: 'invoice' | 'credit', bookingId?: string, date = '2026-09-01'): CourseCoTransaction => ({
  transactionId: id,
  kind,
  ...(bookingId ? { bookingId } : {}),
  contact: { name: 'Inis Safety Ltd' },
  date,
  amountsIncludeTax: false,
  lines: [{ row: 2, description: 'First Aid', quantity: '1', unitAmount: '150.00', taxRate: '23' }],
});

function journalWithCredit() {
  const journal = openJournalFile(':memory:');
  journal.importTransactions([tx('I2', 'invoice', 'B1', '2026-09-02'), tx('I1', 'invoice', 'B1'), tx('I9', 'invoice', 'B9'), tx('C1', 'credit', 'B1', '2026-09-20')]);
  const entry = journal.entries({ ids: ['C1'] })[0]!;
  journal.recordDocument('C1', { sentHash: entry.contentHash, creditNoteId: 'cn-1' });
  return journal;
}

describe('journal: credit note allocations', () => {
  it('a credit with a planned, unconfirmed allocation stays ready; once Xero confirms it, it is synced', () => {
    const journal = journalWithCredit();
    journal.expectAllocations('C1', [{ invoiceTransactionId: 'I1', amount: '184.50', date: '2026-09-20' }]);
    expect(journal.settle('C1')).toBe('ready');
    journal.releaseInFlight(['C1']);
    expect(journal.get('C1')!.status).toBe('ready');
    journal.recordAllocation({ creditTransactionId: 'C1', invoiceTransactionId: 'I1', amount: '184.50', date: '2026-09-20', xeroAllocationId: 'alloc-1' });
    expect(journal.settle('C1')).toBe('synced');
    expect(journal.allocationRecords(['I1'])).toEqual([{ creditTransactionId: 'C1', invoiceTransactionId: 'I1', amount: '184.50', date: '2026-09-20', xeroAllocationId: 'alloc-1' }]);
  });

  it('a new plan replaces the unconfirmed allocations and keeps the confirmed ones', () => {
    const journal = journalWithCredit();
    journal.recordAllocation({ creditTransactionId: 'C1', invoiceTransactionId: 'I1', amount: '100.00', date: '2026-09-20', xeroAllocationId: 'alloc-1' });
    journal.expectAllocations('C1', [{ invoiceTransactionId: 'I2', amount: '84.50', date: '2026-09-20' }]);
    journal.expectAllocations('C1', []);
    expect(journal.allocationRecords(['C1']).map((r) => [r.invoiceTransactionId, r.xeroAllocationId])).toEqual([['I1', 'alloc-1']]);
    // Planning the confirmed pair again never undoes Xero's id.
    journal.expectAllocations('C1', [{ invoiceTransactionId: 'I1', amount: '1.00', date: '2026-09-21' }]);
    expect(journal.allocationRecords(['C1'])).toEqual([expect.objectContaining({ invoiceTransactionId: 'I1', amount: '100.00', xeroAllocationId: 'alloc-1' })]);
    expect(journal.settle('C1')).toBe('synced');
  });

  it("finds a booking's invoices (not its credits) in CourseCo's order", () => {
    const journal = journalWithCredit();
    expect(Object.fromEntries(journal.bookingInvoiceIds(['B1', 'B9', 'B404']))).toEqual({ B1: ['I1', 'I2'], B9: ['I9'], B404: [] });
  });
});
