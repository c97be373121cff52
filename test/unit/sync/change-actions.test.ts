/**
 * The rules of a change after sync, one by one (change-diff.ts, change-actions.ts): the difference in words, and what
 * approving each kind of change does in Xero, including the cases the golden plans leave out.
 */
import { describe, expect, it } from 'vitest';
import type { CourseCoLine, CourseCoTransaction } from '../../../main/courseco/types';
import type { JournalEntry } from '../../../main/sync/journal';
import { allocationTarget, changeAllocation, decideChange, replacementAllocation, diffTransactions, formatMoney, isCancellation, planSync, type PlannerSettings } from '../../../main/sync/plan';
import { readyEntry } from '../../support/journal-entry';

const settings: PlannerSettings = { invoiceAccountCode: '200', paymentAccountCode: '090', invoiceStatus: 'AUTHORISED', taxTypes: { '23': 'TAX001', '13.5': 'TAX002' }, defaultTaxRate: '23' };

function tx(overrides: Partial<CourseCoTransaction> = {}, lines: Partial<CourseCoLine>[] = [{}]): CourseCoTransaction {
  return {
    transactionId: '9',
    kind: 'invoice',
    transactionType: 'Billed Booking',
    contact: { name: 'Acme Ltd' },
    invoiceNumber: 'INV-9',
    date: '2024-03-01',
    currency: 'EUR',
    amountsIncludeTax: false,
    lines: lines.map((l, i) => ({ row: i + 2, description: 'Safe Pass', quantity: '1', unitAmount: '400', taxRate: '23', ...l })),
    ...overrides,
  };
}

const sentEntry = (sent: CourseCoTransaction, now: CourseCoTransaction, extra: Partial<JournalEntry> = {}): JournalEntry =>
  readyEntry(now, { contentHash: 'n'.repeat(64), syncedHash: 's'.repeat(64), approvedHash: 'n'.repeat(64), synced: sent, xero: { contactId: 'c9', invoiceId: 'i9', creditNoteId: null, number: 'INV-9' }, ...extra });
const paid = (amount: string, pending = false) => ({
  payment: { paymentId: `p-${amount}`, transactionId: '9', date: '2024-03-05', amount, row: 2 },
  contentHash: 'p'.repeat(64),
  syncedHash: pending ? null : 'p'.repeat(64),
  xeroPaymentId: pending ? null : `xp-${amount}`,
  lastError: null,
});

describe('the difference, field by field', () => {
  it('names each changed field in plain words, lines by number, and the totals Xero computes', () => {
    const before = tx({ dueDate: '2024-03-31', reference: 'PO-1', contact: { name: 'Acme Ltd', email: 'a@acme.ie' } });
    const after = tx({ date: '2024-03-02', reference: 'PO-2', contact: { name: 'Acme Training Ltd', email: 'a@acme.ie' } }, [{ quantity: '2', taxRate: '13.5', description: 'Safe Pass (2 days)' }, { description: 'Manual', unitAmount: '50' }]);
    expect(diffTransactions(before, after, settings).changes.map((c) => c.text)).toEqual([
      'Contact Acme Ltd <a@acme.ie> → Acme Training Ltd <a@acme.ie>',
      'Date 2024-03-01 → 2024-03-02',
      'Due date 2024-03-31 → (none)',
      'Reference PO-1 → PO-2',
      'Line 1 description Safe Pass → Safe Pass (2 days)',
      'Line 1 quantity 1 → 2',
      'Line 1 tax TAX001 → TAX002',
      'Line 2 (none) → added: "Manual", 1 × €50.00',
      'Before VAT €400.00 → €850.00',
      'VAT €92.00 → €119.50',
      'Total €492.00 → €969.50',
    ]);
    expect(diffTransactions(after, before, settings).changes.find((c) => c.field === 'Line 2')?.text).toBe('Line 2 "Manual", 1 × €50.00 → removed');
    expect(diffTransactions(undefined, after, settings)).toEqual({ known: false, changes: [], totals: null });
  });

  it('writes amounts as the bookkeeper reads them', () => {
    expect([formatMoney('1234.5', 'EUR'), formatMoney('-20', 'GBP'), formatMoney('7', 'CHF'), formatMoney('0.1', undefined)]).toEqual(['€1,234.50', '-£20.00', '7.00 CHF', '0.10']);
  });
});

describe('what approving a change does in Xero', () => {
  it('deletes, never voids, an unpaid cancelled invoice that went to Xero as a DRAFT', () => {
    const e = sentEntry(tx(), tx({ transactionType: 'Journal Cancel Booking' }));
    expect(decideChange(e, { ...settings, invoiceStatus: 'DRAFT' })).toMatchObject({ case: 'delete', steps: [{ action: 'delete', text: 'Delete draft invoice INV-9 (the booking is cancelled in CourseCo and nothing was paid)' }] });
    expect(planSync({ entries: [e], settings: { ...settings, invoiceStatus: 'DRAFT' } }).voids.map((d) => d.payload)).toEqual([{ InvoiceID: 'i9', Status: 'DELETED' }]);
  });

  it('recognises a cancellation by CourseCo type, or by the same Tx ID turned into a credit', () => {
    expect(isCancellation(tx(), tx({ transactionType: 'Journal Cancel Booking' }))).toBe(true);
    expect(isCancellation(tx(), tx({ kind: 'credit', transactionType: 'Journal Credit' }))).toBe(true);
    expect(isCancellation(tx(), tx({}, [{ unitAmount: '1' }]))).toBe(false);
  });

  it('refuses to carry a cancellation while CourseCo records payments Xero has not had', () => {
    const e = sentEntry(tx(), tx({ transactionType: 'Journal Cancel Booking' }), { payments: [paid('100', true)] });
    const plan = planSync({ entries: [e], settings });
    expect(plan.transactions[0]!.errors).toEqual(['CourseCo records 1 payment(s) not yet in Xero on this cancelled booking: check them in CourseCo (a refund or a cancelled payment?), import again, then approve']);
    expect([plan.voids, plan.creditNotes, plan.payments]).toEqual([[], [], []]);
  });

  it('updates a changed credit note in place', () => {
    const credit = (unitAmount: string) => tx({ kind: 'credit', transactionType: 'Journal Credit', invoiceNumber: 'CN-9' }, [{ unitAmount }]);
    const e = sentEntry(credit('50'), credit('60'), { xero: { contactId: 'c9', invoiceId: null, creditNoteId: 'cn9', number: 'CN-9' } });
    expect(decideChange(e, settings)).toMatchObject({ case: 'update-credit-note' });
    expect(planSync({ entries: [e], settings }).creditNotes.map((d) => [d.operation, d.payload.CreditNoteID])).toEqual([['update', 'cn9']]);
  });

  it('keeps CourseCo’s new number for the new invoice when it regenerated one', () => {
    const e = sentEntry(tx(), tx({ invoiceNumber: 'INV-10' }, [{ unitAmount: '500' }]), { payments: [paid('492.00')] });
    const plan = planSync({ entries: [e], settings });
    expect(plan.invoices.map((d) => d.payload.InvoiceNumber)).toEqual(['INV-10']);
    expect(plan.transactions[0]!.change!.steps[1]).toBe('Create a new invoice INV-10 of €615.00 for the new version');
  });

  it("allocates a re-issue's credit note to the invoice it retires, up to what Xero says it owes, the rest to the new invoice", () => {
    // 492.00 invoiced, 200.00 paid, 92.00 already credited by another credit note: Xero's AmountDue is 200.00.
    const e = sentEntry(tx(), tx({}, [{ unitAmount: '500' }]), { payments: [paid('200')] });
    const decision = decideChange(e, settings, '92.00')!;
    expect(decision.case).toBe('credit-and-reissue');
    expect(decision.allocations).toEqual([
      { to: 'old-invoice', amount: '200.00' },
      { to: 'new-invoice', amount: '292.00' },
    ]);
    expect(decision.steps.map((st) => st.text).slice(2)).toEqual([
      'Allocate €200.00 of the credit note to invoice INV-9, which then owes nothing',
      'Allocate €292.00 of the credit note to the new invoice, which then owes €323.00',
    ]);
    expect(changeAllocation(e, decision, undefined)).toEqual({ retiredInvoiceId: 'i9', creditNoteId: null, amount: '200.00' });
    // The new invoice is created in the same run: its id is bound when the allocation is sent.
    expect(replacementAllocation(e, decision, undefined)).toEqual({ newInvoiceId: null, creditNoteId: null, amount: '292.00' });
  });

  it("sizes the new invoice's allocation by what it will owe: CourseCo payments not yet in Xero go to it first", () => {
    // Paid 492.00 in Xero, repriced to 615.00, and CourseCo records 100.00 more: the new invoice owes 615 − 100.
    const e = sentEntry(tx(), tx({}, [{ unitAmount: '500' }]), { payments: [paid('492.00'), paid('100.00', true)] });
    const decision = decideChange(e, settings)!;
    expect(decision.allocations).toEqual([{ to: 'new-invoice', amount: '492.00' }]);
    expect(decision.steps.map((st) => st.text).slice(2)).toEqual(['Allocate €492.00 of the credit note to the new invoice, which then owes €23.00']);
    const plan = planSync({ entries: [e], settings });
    expect(plan.allocations!.map((a) => [a.key, a.needs?.invoiceOf, a.payload.Amount])).toEqual([['9>9+new', '9', 492]]);
    // A refusal names it as the bookkeeper knows it.
    expect([allocationTarget('9>9+new'), allocationTarget('9>9')]).toEqual(['the new invoice of CourseCo Tx 9', 'the invoice of CourseCo Tx 9']);
  });

  it('leaves as credit what the cheaper new version cannot take, and allocates nothing to a DRAFT new invoice', () => {
    // Paid 492.00, repriced down to 369.00: the new invoice takes 369.00, 123.00 is the customer's credit.
    const cheaper = sentEntry(tx(), tx({}, [{ unitAmount: '300' }]), { payments: [paid('492.00')] });
    expect(decideChange(cheaper, settings)!.steps.map((st) => st.text).slice(2)).toEqual([
      'Allocate €369.00 of the credit note to the new invoice, which then owes nothing',
      "€123.00 stays on the credit note as the customer's credit (refund it, or use it on a later invoice)",
    ]);
    const draft = decideChange(cheaper, { ...settings, invoiceStatus: 'DRAFT' })!;
    expect(draft.allocations).toEqual([]);
    expect(draft.steps.map((st) => st.text).slice(2)).toEqual([
      "€492.00 stays on the credit note as the customer's credit (approve the new invoice in Xero, then allocate the credit note to it there)",
    ]);
    expect(replacementAllocation(cheaper, draft, undefined)).toBeUndefined();
  });

  it("keeps a cancelled paid booking's credit as the customer's: there is no new invoice", () => {
    const e = sentEntry(tx(), tx({ transactionType: 'Journal Cancel Booking' }), { payments: [paid('492.00')] });
    const decision = decideChange(e, settings)!;
    expect(decision.case).toBe('credit');
    expect(decision.allocations).toEqual([]);
    expect(decision.steps.map((st) => st.text).slice(1)).toEqual(["€492.00 stays on the credit note as the customer's credit (refund it, or use it on a later invoice)"]);
    expect(replacementAllocation(e, decision, undefined)).toBeUndefined();
  });

  it('after a run stopped between credit note and allocation, retries the allocation to the invoice the credit note retired, not the new one', () => {
    const doc = (role: 'replaced' | 'credit', xeroId: string, hash: string) => ({ role, kind: role === 'credit' ? ('credit-note' as const) : ('invoice' as const), xeroId, number: null, contentHash: hash, content: null, recordedAt: '2024-03-09' });
    const e = readyEntry(tx({}, [{ unitAmount: '500' }]), {
      contentHash: 'n'.repeat(64),
      syncedHash: 'n'.repeat(64),
      xero: { contactId: 'c9', invoiceId: 'i9-new', creditNoteId: 'cn-2', number: 'INV-10' },
      changeDocuments: [doc('replaced', 'i9-first', 'a'.repeat(64)), doc('credit', 'cn-1', 'a'.repeat(64)), doc('replaced', 'i9', 'n'.repeat(64)), doc('credit', 'cn-2', 'n'.repeat(64))],
    });
    const pending = { creditTransactionId: '9', invoiceTransactionId: '9', amount: '292.00', date: '2024-03-01', xeroAllocationId: null };
    expect(decideChange(e, settings)).toBeUndefined();
    expect(changeAllocation(e, undefined, pending)).toEqual({ retiredInvoiceId: 'i9', creditNoteId: 'cn-2', amount: '292.00' });
    expect(changeAllocation(e, undefined, { ...pending, xeroAllocationId: 'alloc-1' })).toBeUndefined();
    // Its allocation to the new invoice, pending too, now names the invoice the journal links the transaction to.
    const toNew = { ...pending, invoiceTransactionId: '9+new', amount: '200.00' };
    expect(replacementAllocation(e, undefined, toNew)).toEqual({ newInvoiceId: 'i9-new', creditNoteId: 'cn-2', amount: '200.00' });
    expect(replacementAllocation(e, undefined, { ...toNew, xeroAllocationId: 'alloc-2' })).toBeUndefined();
  });

  it('is no change at all for a transaction never sent, or sent as it is', () => {
    expect(decideChange(readyEntry(tx()), settings)).toBeUndefined();
    expect(decideChange(sentEntry(tx(), tx(), { contentHash: 's'.repeat(64) }), settings)).toBeUndefined();
  });
  it('treats an invoice with credit allocated as paid: Xero refuses to edit or void it, so it is credited', () => {
    const e = sentEntry(tx(), tx({}, [{ unitAmount: '500' }]));
    expect(decideChange(e, settings)?.case).toBe('update');
    expect(decideChange(e, settings, '92')?.case).toBe('credit-and-reissue');
  });

  it("holds a change whose credit note or void falls in a locked period, with the whole transaction's plan", () => {
    const lockDates = { periodLockDate: '2024-03-31', choice: 'hold' as const };
    const reissue = sentEntry(tx(), tx({}, [{ unitAmount: '500' }]), { payments: [paid('492.00')] });
    const heldCredit = planSync({ entries: [reissue], settings: { ...settings, lockDates } }).transactions[0]!;
    expect(heldCredit.outcome).toBe('error');
    expect(heldCredit.errors.join(' | ')).toMatch(/the credit note for the change is dated 2024-03-01, on or before the organisation's period lock date/);
    const cancel = sentEntry(tx(), tx({ transactionType: 'Journal Cancel Booking' }));
    const heldVoid = planSync({ entries: [cancel], settings: { ...settings, lockDates } });
    expect(heldVoid.voids).toEqual([]);
    expect(heldVoid.transactions[0]!.errors.join(' | ')).toMatch(/the invoice to void is dated 2024-03-01.*held/);
    // Re-dated, the credit note goes on the first open day under a key of its own.
    const redated = planSync({ entries: [reissue], settings: { ...settings, lockDates: { ...lockDates, choice: 'first-open-day' } } });
    const creditNote = redated.creditNotes.find((d) => d.change === 'credit')!;
    expect(creditNote.payload.Date).toBe('2024-04-01');
    const undated = planSync({ entries: [reissue], settings }).creditNotes.find((d) => d.change === 'credit')!;
    expect(creditNote.idempotencyKey).not.toBe(undated.idempotencyKey);
  });
});
