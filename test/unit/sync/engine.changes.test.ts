/**
 * Changes after sync against the sandbox (issue 13 part 5): sync, change the CourseCo export, import it again; nothing
 * is sent until the change is approved; then Xero holds exactly the documents change-actions.ts promised: the unpaid
 * invoice updated in place, the paid one credited and re-issued, the unpaid cancellation voided, the part-paid
 * cancellation credited. A change's credit note is allocated to the invoice it retires, up to what that invoice owes,
 * and a re-issue's remainder to the new invoice (a cancellation's stays as the customer's credit), each once, even
 * when a run stops in between. The journal links each
 * transaction to its current invoice and keeps the old ones.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CourseCoPayment, CourseCoTransaction } from '../../../main/courseco/types';
import type { SyncGateway, WriteKind } from '../../../main/sync/run';
import { answersLost, startEngineHarness, type EngineHarness, type Json } from './engine-support';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(async () => {
  await h.stop();
});

function spy(writes: WriteKind[]) {
  return (gateway: SyncGateway): SyncGateway => ({
    ...gateway,
    write: (kind, payloads, options) => {
      writes.push(kind);
      return gateway.write(kind, payloads, options);
    },
  });
}

const booking = (id: string, unitAmount: string, type = 'Billed Booking'): CourseCoTransaction => ({
  transactionId: id,
  kind: 'invoice',
  transactionType: type,
  contact: { name: `Customer ${id}` },
  invoiceNumber: `INV-${id}`,
  date: '2026-09-01',
  amountsIncludeTax: false,
  lines: [{ row: 2, description: 'Manual Handling (1 day)', quantity: '1', unitAmount, taxRate: '23' }],
});
const paid = (id: string, amount: string): CourseCoPayment => ({ paymentId: `${id}-p`, transactionId: id, date: '2026-09-05', amount, method: 'Card', row: 2 });
const invoicesOf = (id: string) => h.org().Invoices.filter((d) => String(d.Reference).startsWith(`CourseCo Tx ${id}`));
const creditNotesOf = (id: string) => h.org().CreditNotes.filter((d) => String(d.Reference).startsWith(`CourseCo Tx ${id}`));
const pick = (d: Json) => ({ Status: d.Status, Total: d.Total, Reference: d.Reference });
const owed = (d: Json) => ({ Status: d.Status, AmountDue: d.AmountDue, AmountCredited: d.AmountCredited });
const allocationsOf = (cn: Json) => ((cn.Allocations ?? []) as Json[]).filter((a) => a.IsDeleted !== true).map((a) => [(a.Invoice as Json).InvoiceID, a.Amount]);

describe('changes after sync (sandbox)', () => {
  it('sends nothing until approved, then updates, credits and re-issues, voids and credits exactly as planned', async () => {
    const ids = ['K1', 'K2', 'K3', 'K4', 'K5'];
    h.put([booking('K1', '400.00'), booking('K2', '400.00'), booking('K3', '400.00'), booking('K4', '400.00'), booking('K5', '400.00')], [paid('K2', '492.00'), paid('K4', '200.00'), paid('K5', '200.00')]);
    expect(await h.engine().run({ all: true })).toMatchObject({ synced: 5, failed: 0 });
    const first = Object.fromEntries(ids.map((id) => [id, h.journal().get(id)!]));

    h.put([booking('K1', '500.00'), booking('K2', '500.00'), booking('K3', '400.00', 'Journal Cancel Booking'), { ...booking('K4', '400.00', 'Journal Cancel Booking'), kind: 'credit' }, booking('K5', '500.00')]);
    expect(ids.map((id) => h.journal().get(id)!.status)).toEqual(['changed', 'changed', 'changed', 'changed', 'changed']);
    const before = h.apiRequests().filter((r) => r.method !== 'GET').length;
    expect(await h.engine().run({ all: true })).toMatchObject({ synced: 0, failed: 0, calls: 0 });
    expect(h.apiRequests().filter((r) => r.method !== 'GET').length).toBe(before);

    expect(h.journal().approveChange(ids).updated).toEqual(ids);
    const writes: WriteKind[] = [];
    expect(await h.engine({}, spy(writes)).run({ all: true })).toMatchObject({ synced: 5, failed: 0 });
    expect(new Set(writes)).toEqual(new Set(['invoices', 'invoice-updates', 'credit-notes', 'allocations']));

    // Unpaid, repriced: the same invoice, updated in place.
    expect(invoicesOf('K1').map(pick)).toEqual([{ Status: 'AUTHORISED', Total: 615, Reference: 'CourseCo Tx K1' }]);
    expect(invoicesOf('K1')[0]!.InvoiceID).toBe(first.K1!.xeroInvoiceId);
    expect(creditNotesOf('K1')).toEqual([]);

    // Paid, repriced: the old invoice stays paid, a credit note for it, and a new invoice under Xero's next number.
    const k2 = invoicesOf('K2');
    expect(k2.map(pick)).toEqual([
      { Status: 'PAID', Total: 492, Reference: 'CourseCo Tx K2' },
      { Status: 'AUTHORISED', Total: 615, Reference: 'CourseCo Tx K2' },
    ]);
    expect(k2[1]!.InvoiceNumber).not.toBe('INV-K2');
    // Paid in full, the old invoice owes nothing: the whole credit note (the customer's payment) goes to the new
    // invoice, which owes only the difference.
    expect(creditNotesOf('K2').map(pick)).toEqual([{ Status: 'PAID', Total: 492, Reference: 'CourseCo Tx K2 | credits INV-K2' }]);
    expect(creditNotesOf('K2')[0]).toMatchObject({ RemainingCredit: 0 });
    expect(allocationsOf(creditNotesOf('K2')[0]!)).toEqual([[k2[1]!.InvoiceID, 492]]);
    expect(owed(k2[0]!)).toEqual({ Status: 'PAID', AmountDue: 0, AmountCredited: 0 });
    expect(owed(k2[1]!)).toEqual({ Status: 'AUTHORISED', AmountDue: 615 - 492, AmountCredited: 492 });
    expect(h.journal().get('K2')).toMatchObject({ status: 'synced', xeroInvoiceId: k2[1]!.InvoiceID, xeroNumber: k2[1]!.InvoiceNumber });
    const history = h.journal().entries({ ids: ['K2'] })[0]!.changeDocuments!;
    expect(history.map((d) => [d.role, d.xeroId, d.number])).toEqual([
      ['replaced', first.K2!.xeroInvoiceId, 'INV-K2'],
      ['credit', creditNotesOf('K2')[0]!.CreditNoteID, creditNotesOf('K2')[0]!.CreditNoteNumber],
    ]);

    // Cancelled, unpaid: voided; cancelled, part-paid: credited in full, the credit note allocated to the invoice for
    // what it still owed, the rest left as the customer's credit.
    expect(invoicesOf('K3').map(pick)).toEqual([{ Status: 'VOIDED', Total: 492, Reference: 'CourseCo Tx K3' }]);
    expect(h.journal().entries({ ids: ['K3'] })[0]!.changeDocuments!.map((d) => d.role)).toEqual(['voided']);
    expect(invoicesOf('K4').map(pick)).toEqual([{ Status: 'PAID', Total: 492, Reference: 'CourseCo Tx K4' }]);
    expect(owed(invoicesOf('K4')[0]!)).toEqual({ Status: 'PAID', AmountDue: 0, AmountCredited: 292 });
    expect(creditNotesOf('K4').map(pick)).toEqual([{ Status: 'AUTHORISED', Total: 492, Reference: 'CourseCo Tx K4 | credits INV-K4' }]);
    expect(allocationsOf(creditNotesOf('K4')[0]!)).toEqual([[first.K4!.xeroInvoiceId, 292]]);
    expect(creditNotesOf('K4')[0]).toMatchObject({ RemainingCredit: 200 });

    // Part-paid, repriced: the credit note goes first to the invoice it retires, which then owes nothing, and the
    // 200.00 paid on it to the new invoice.
    const k5 = invoicesOf('K5');
    expect(k5.map((d) => [d.InvoiceID, d.Status, d.Total, d.AmountDue])).toEqual([
      [first.K5!.xeroInvoiceId, 'PAID', 492, 0],
      [h.journal().get('K5')!.xeroInvoiceId, 'AUTHORISED', 615, 415],
    ]);
    expect(allocationsOf(creditNotesOf('K5')[0]!)).toEqual([
      [first.K5!.xeroInvoiceId, 292],
      [k5[1]!.InvoiceID, 200],
    ]);
    expect(creditNotesOf('K5')[0]).toMatchObject({ RemainingCredit: 0 });
    expect(h.journal().allocationRecords(['K2', 'K4', 'K5']).map((r) => [r.creditTransactionId, r.invoiceTransactionId, r.amount, r.xeroAllocationId !== null])).toEqual([
      ['K2', 'K2+new', '492.00', true],
      ['K4', 'K4', '292.00', true],
      ['K5', 'K5', '292.00', true],
      ['K5', 'K5+new', '200.00', true],
    ]);
    expect(ids.map((id) => h.journal().get(id)!.status)).toEqual(['synced', 'synced', 'synced', 'synced', 'synced']);

    // Nothing more to send: a second run changes nothing in Xero.
    const after = h.apiRequests().filter((r) => r.method !== 'GET').length;
    await h.engine().run({ all: true });
    expect(h.apiRequests().filter((r) => r.method !== 'GET').length).toBe(after);
  });

  it('a re-issue whose answers are lost links the new invoice and its credit note, never the old invoice that shares their Reference', async () => {
    h.put([booking('L1', '400.00')], [paid('L1', '492.00')]);
    expect(await h.engine().run({ all: true })).toMatchObject({ synced: 1, failed: 0 });
    const old = h.journal().get('L1')!.xeroInvoiceId;
    h.put([booking('L1', '500.00')]);
    h.journal().approveChange(['L1']);
    // Each write lands but its answer is lost, and the retry must wait past Xero's 6-minute key memory: the engine
    // reads Xero to learn what landed. The old invoice carries the same Reference and must not be taken for the new.
    await h.fault(
      { kind: 'drop', method: 'PUT', path: '/api.xro/2.0/Invoices', count: 1 },
      { kind: '429-minute', method: 'PUT', path: '/api.xro/2.0/Invoices', count: 1, retryAfterSeconds: 400 },
      { kind: 'drop', method: 'PUT', path: '/api.xro/2.0/CreditNotes', count: 1 },
      { kind: '429-minute', method: 'PUT', path: '/api.xro/2.0/CreditNotes', count: 1, retryAfterSeconds: 400 },
    );
    expect(await h.engine({ concurrency: 1 }).run({ all: true })).toMatchObject({ outcome: 'completed', synced: 1, failed: 0 });
    const invoices = invoicesOf('L1');
    expect(invoices.map(pick)).toEqual([
      { Status: 'PAID', Total: 492, Reference: 'CourseCo Tx L1' },
      { Status: 'AUTHORISED', Total: 615, Reference: 'CourseCo Tx L1' },
    ]);
    // The credit note, found rather than sent twice, is allocated to the new invoice it was linked to.
    expect(creditNotesOf('L1').map(pick)).toEqual([{ Status: 'PAID', Total: 492, Reference: 'CourseCo Tx L1 | credits INV-L1' }]);
    expect(allocationsOf(creditNotesOf('L1')[0]!)).toEqual([[invoices[1]!.InvoiceID, 492]]);
    expect(invoices[1]).toMatchObject({ AmountDue: 123 });
    expect(h.journal().get('L1')).toMatchObject({ status: 'synced', xeroInvoiceId: invoices[1]!.InvoiceID });
    expect(h.journal().entries({ ids: ['L1'] })[0]!.changeDocuments!.map((d) => [d.role, d.xeroId])).toEqual([
      ['replaced', old],
      ['credit', creditNotesOf('L1')[0]!.CreditNoteID],
    ]);
  });

  it('after a crash that left a re-issue in Xero unrecorded, links the new invoice by reading Xero and then sends only the credit note still owed and its allocation', async () => {
    h.put([booking('M1', '400.00')], [paid('M1', '492.00')]);
    expect(await h.engine().run({ all: true })).toMatchObject({ synced: 1, failed: 0 });
    const before = h.journal().get('M1')!;
    h.put([booking('M1', '500.00')]);
    h.journal().approveChange(['M1']);
    // A run sent the new invoice and was killed before Xero's answer reached the journal.
    h.journal().recordIntent({ batchId: 'crashed-1', kind: 'invoices', idempotencyKey: 'invoices-batch:crashed-1', memberIds: ['M1'] });
    h.journal().markIntentSent('crashed-1');
    const line = { Description: 'Manual Handling (1 day)', Quantity: 1, UnitAmount: 500, AccountCode: '200', TaxType: 'TAX001' };
    const landed = await h.gateway().write(
      'invoices',
      [{ Type: 'ACCREC', Contact: { ContactID: before.xeroContactId }, Date: '2026-09-01', DueDate: '2026-10-01', Reference: 'CourseCo Tx M1', LineAmountTypes: 'Exclusive', Status: 'AUTHORISED', LineItems: [line] }],
      { idempotencyKey: 'invoices-batch:crashed-1' },
    );

    const writes: WriteKind[] = [];
    expect(await h.engine({}, spy(writes)).run({ all: true })).toMatchObject({ synced: 1, failed: 0 });
    expect(writes).toEqual(['credit-notes', 'allocations']);
    expect(invoicesOf('M1').map((d) => [d.InvoiceID, d.Status, d.Total])).toEqual([
      [before.xeroInvoiceId, 'PAID', 492],
      [landed[0]!.id, 'AUTHORISED', 615],
    ]);
    // The customer's 492.00 goes to the linked new invoice (its id known from the journal, not bound at send time).
    expect(creditNotesOf('M1').map(pick)).toEqual([{ Status: 'PAID', Total: 492, Reference: 'CourseCo Tx M1 | credits INV-M1' }]);
    expect(allocationsOf(creditNotesOf('M1')[0]!)).toEqual([[landed[0]!.id, 492]]);
    expect(invoicesOf('M1')[1]).toMatchObject({ AmountDue: 123 });
    expect(h.journal().get('M1')).toMatchObject({ status: 'synced', xeroInvoiceId: landed[0]!.id, xeroNumber: landed[0]!.number });
  });
  it("a change's allocations whose answer never came are found on the credit note by the retried run: each exists exactly once", async () => {
    h.put([booking('N1', '400.00')], [paid('N1', '200.00')]);
    expect(await h.engine().run({ all: true })).toMatchObject({ synced: 1, failed: 0 });
    const old = h.journal().get('N1')!.xeroInvoiceId;
    // Repriced after part payment: re-issued, so the invoice the credit note retires is no longer the transaction's.
    h.put([booking('N1', '500.00')]);
    h.journal().approveChange(['N1']);
    // Xero saves the allocation, but its answer never reaches the app (a dead connection after sending).
    const lostAnswers = answersLost('allocations', 'PUT /CreditNotes/{id}/Allocations');
    expect((await h.engine({ maxAttempts: 3 }, lostAnswers).run({ all: true })).outcome).toBe('failed');
    // The credit note is recorded; its allocation is planned, not confirmed, so the transaction stays ready.
    expect(h.journal().get('N1')!.status).toBe('ready');
    expect(h.journal().allocationRecords(['N1'])).toEqual([
      expect.objectContaining({ invoiceTransactionId: 'N1', amount: '292.00', xeroAllocationId: null }),
      expect.objectContaining({ invoiceTransactionId: 'N1+new', amount: '200.00', xeroAllocationId: null }),
    ]);

    // Past Xero's 6-minute idempotency memory (xero-facts.md §6): only reading the credit note can tell.
    h.sandbox.advanceClock(10 * 60);
    const requestsBefore = h.apiRequests().length;
    expect(await h.engine().run({ all: true })).toMatchObject({ outcome: 'completed', synced: 1, failed: 0 });
    expect(h.apiRequests().slice(requestsBefore).filter((r) => r.method === 'PUT')).toEqual([]);

    const [invoice, reissued] = invoicesOf('N1');
    const [credit] = creditNotesOf('N1');
    expect(invoicesOf('N1')).toHaveLength(2);
    expect(creditNotesOf('N1')).toHaveLength(1);
    expect(allocationsOf(credit!)).toEqual([
      [old, 292],
      [reissued!.InvoiceID, 200],
    ]);
    expect(invoice!.InvoiceID).toBe(old);
    expect(owed(invoice!)).toEqual({ Status: 'PAID', AmountDue: 0, AmountCredited: 292 });
    expect(owed(reissued!)).toEqual({ Status: 'AUTHORISED', AmountDue: 615 - 200, AmountCredited: 200 });
    expect(credit).toMatchObject({ RemainingCredit: 0 });
    expect(h.journal().get('N1')!.status).toBe('synced');
    expect(h.journal().allocationRecords(['N1']).map((r) => [r.invoiceTransactionId, r.xeroAllocationId !== null])).toEqual([
      ['N1', true],
      ['N1+new', true],
    ]);

    // Nothing more to send.
    const after = h.apiRequests().filter((r) => r.method !== 'GET').length;
    await h.engine().run({ all: true });
    expect(h.apiRequests().filter((r) => r.method !== 'GET').length).toBe(after);
  });
});
