/**
 * Issue 13 part 4 against the sandbox: a cancelled booking's credit note is allocated to its invoice (which ends with
 * AmountDue 0), a part-paid one only up to what is due, and CourseCo's refund is paid out of the credit note; an
 * allocation whose answer never arrived is found on the credit note by the next run, minutes after Xero forgot the
 * Idempotency-Key, and exists exactly once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CourseCoPayment, CourseCoTransaction } from '../../../main/courseco/types';
import { answersLost, startEngineHarness, type EngineHarness, type Json } from './engine-support';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(async () => {
  await h.stop();
});

const line = (quantity: number) => [{ row: 2, description: 'Occupational First Aid (3 days)', quantity: String(quantity), unitAmount: '150.00', taxRate: '23' }];
const booking = (id: string, bookingId: string, name: string, delegates: number, date = '2026-09-01'): CourseCoTransaction => ({
  transactionId: id,
  kind: 'invoice',
  transactionType: 'Billed Booking',
  bookingId,
  contact: { name },
  invoiceNumber: `INV-${id}`,
  date,
  amountsIncludeTax: false,
  lines: line(delegates),
});
const cancellation = (id: string, bookingId: string, name: string, delegates: number, date = '2026-09-20'): CourseCoTransaction => ({
  transactionId: id,
  kind: 'credit',
  transactionType: 'Journal Cancel Booking',
  bookingId,
  contact: { name },
  invoiceNumber: `CN-${id}`,
  date,
  amountsIncludeTax: false,
  lines: line(delegates),
});
const payment = (id: string, tx: string, amount: string, date: string): CourseCoPayment => ({ paymentId: id, transactionId: tx, date, amount, method: 'Card', row: 2 });

const byReference = (docs: Json[], tx: string) => docs.filter((d) => d.Reference === `CourseCo Tx ${tx}` && d.Status !== 'DELETED' && d.Status !== 'VOIDED');
const one = (docs: Json[], tx: string) => {
  const found = byReference(docs, tx);
  expect(found).toHaveLength(1);
  return found[0]!;
};
/** Live allocations on a credit note as Xero's GET returns them: [InvoiceID, Amount]. */
const allocationsOf = (cn: Json) => ((cn.Allocations ?? []) as Json[]).filter((a) => a.IsDeleted !== true).map((a) => [(a.Invoice as Json).InvoiceID, a.Amount]);

describe('credit notes carried through (sandbox)', () => {
  it('allocates a cancelled booking to its invoice (AmountDue 0), caps a part-paid one at what is due, and pays the refund out of the credit note', async () => {
    // B1: unpaid, cancelled in full. B2: 100.00 paid of 184.50, cancelled; CourseCo then pays the 100.00 back.
    h.put(
      [booking('T1', 'B1', 'Inis Safety Ltd', 2), booking('T2', 'B2', 'Quay Pharmacy', 1), cancellation('C1', 'B1', 'Inis Safety Ltd', 2), cancellation('C2', 'B2', 'Quay Pharmacy', 1)],
      [payment('T2-a', 'T2', '100.00', '2026-09-05'), payment('C2-r', 'C2', '100.00', '2026-09-25')],
    );
    // The preview shows C2's credit note, its allocation (capped at what T2 still owes) and its refund.
    const preview = await h.engine().preview(['T2', 'C2']);
    expect(preview.summary).toMatchObject({ creditNotes: 1, allocations: 1, refunds: 1, payments: 1 });
    const c2Plan = preview.transactions.find((t) => t.transactionId === 'C2')!;
    expect(c2Plan.documents.map((d) => [d.kind, d.request.method, d.request.path])).toEqual([
      ['contact', 'PUT', '/api.xro/2.0/Contacts'],
      ['credit-note', 'PUT', '/api.xro/2.0/CreditNotes'],
      ['allocation', 'PUT', '/api.xro/2.0/CreditNotes/(CreditNoteID of CourseCo Tx C2)/Allocations'],
      ['refund', 'PUT', '/api.xro/2.0/Payments'],
    ]);
    expect(c2Plan.documents.find((d) => d.kind === 'allocation')!.payload).toMatchObject({ Amount: 84.5 });

    const summary = await h.engine().run({ all: true });
    expect(summary).toMatchObject({ outcome: 'completed', synced: 4, failed: 0 });

    const org = h.org();
    const [t1, t2] = [one(org.Invoices, 'T1'), one(org.Invoices, 'T2')];
    const [c1, c2] = [one(org.CreditNotes, 'C1'), one(org.CreditNotes, 'C2')];
    expect(t1).toMatchObject({ Total: 369, AmountCredited: 369, AmountDue: 0, Status: 'PAID' });
    expect(c1).toMatchObject({ Total: 369, RemainingCredit: 0, Status: 'PAID' });
    expect(t2).toMatchObject({ Total: 184.5, AmountPaid: 100, AmountCredited: 84.5, AmountDue: 0, Status: 'PAID' });
    // 84.50 allocated, the remaining 100.00 refunded: the credit note is used up.
    expect(c2).toMatchObject({ Total: 184.5, RemainingCredit: 0, Status: 'PAID' });
    expect(allocationsOf(c1)).toEqual([[t1.InvoiceID, 369]]);
    expect(allocationsOf(c2)).toEqual([[t2.InvoiceID, 84.5]]);
    const refunds = org.Payments.filter((p) => (p.CreditNote as Json | undefined)?.CreditNoteID === c2.CreditNoteID && p.Status === 'AUTHORISED');
    expect(refunds.map((p) => [p.Amount, p.PaymentType, p.Reference])).toEqual([[100, 'ARCREDITPAYMENT', 'CourseCo payment C2-r | Card']]);

    // The journal knows it all: both credits synced, their allocations confirmed with Xero's ids.
    const journal = h.journal();
    expect(journal.get('C1')!.status).toBe('synced');
    expect(journal.get('C2')!.status).toBe('synced');
    expect(journal.allocationRecords(['C1', 'C2']).map((r) => [r.creditTransactionId, r.invoiceTransactionId, r.amount, r.xeroAllocationId !== null])).toEqual([
      ['C1', 'T1', '369.00', true],
      ['C2', 'T2', '84.50', true],
    ]);
    // A second run has nothing to send.
    const before = h.apiRequests().length;
    expect(await h.engine().run({ all: true })).toMatchObject({ synced: 0, failed: 0 });
    expect(h.apiRequests().slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('an allocation whose answer never came is found on the credit note after Xero forgot the key: it exists exactly once', async () => {
    h.put([booking('T3', 'B3', 'Harbour Cafe', 1), cancellation('C3', 'B3', 'Harbour Cafe', 1)]);
    // Xero saves the allocation, but its answer never reaches the app (a dead connection after sending).
    const lostAnswers = answersLost('allocations', 'PUT /CreditNotes/{id}/Allocations');
    const first = await h.engine({ maxAttempts: 3 }, lostAnswers).run({ all: true });
    expect(first.outcome).toBe('failed');
    // The credit stays ready: its allocation is planned but not confirmed.
    expect(h.journal().get('C3')!.status).toBe('ready');
    expect(h.journal().allocationRecords(['C3'])).toEqual([expect.objectContaining({ invoiceTransactionId: 'T3', xeroAllocationId: null })]);

    // Ten minutes on: Xero's idempotency store has forgotten the key (6 minutes, xero-facts.md §6).
    h.sandbox.advanceClock(10 * 60);
    const requestsBefore = h.apiRequests().length;
    const again = await h.engine().run({ all: true });
    expect(again).toMatchObject({ outcome: 'completed', synced: 1, failed: 0 });
    // Found by reading the credit note, not sent again.
    expect(h.apiRequests().slice(requestsBefore).filter((r) => r.method === 'PUT' && r.path.endsWith('/Allocations'))).toEqual([]);

    const org = h.org();
    const [t3, c3] = [one(org.Invoices, 'T3'), one(org.CreditNotes, 'C3')];
    expect(allocationsOf(c3)).toEqual([[t3.InvoiceID, 184.5]]);
    expect(t3).toMatchObject({ AmountDue: 0, AmountCredited: 184.5, Status: 'PAID' });
    expect(h.journal().get('C3')!.status).toBe('synced');
    expect(h.journal().allocationRecords(['C3'])[0]!.xeroAllocationId).not.toBeNull();
  });
});
