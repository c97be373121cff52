/**
 * Issue 13 part 4, the sandbox held to Xero: credit note allocations (PUT /CreditNotes/{id}/Allocations) within both
 * documents' outstanding amounts, to the same contact's AUTHORISED receivable invoices, with Xero's own messages
 * (xeroizer#320, xero-php#251); refunds (payments on a credit note) within RemainingCredit; a credit note used up is
 * PAID; and what GET returns afterwards on both documents.
 */
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../sandbox/index';
import { api, first, invoice, validationMessages, type Json, useFreshSandbox } from './helpers';

let sb: RunningSandbox;
let x: ReturnType<typeof api>;

useFreshSandbox((running, token) => {
  sb = running;
  x = api(sb, token);
});

const creditNote = (amount: number, overrides: Json = {}) => ({
  CreditNotes: [
    { Type: 'ACCRECCREDIT', Contact: { Name: 'Galway Bay Safety Ltd' }, Date: '2026-10-03', Status: 'AUTHORISED', LineItems: [{ Description: 'Cancelled delegate', Quantity: 1, UnitAmount: amount, AccountCode: '200', TaxType: 'TAX001' }], ...overrides },
  ],
});

async function documents(invoiceOverrides: Json = {}, credit = 100, creditOverrides: Json = {}) {
  const inv = first(await x.put('/Invoices', { Invoices: [invoice(invoiceOverrides)] }), 'Invoices');
  const cn = first(await x.put('/CreditNotes', creditNote(credit, creditOverrides)), 'CreditNotes');
  return { inv, cn };
}

const allocate = (cn: Json, body: Json) => x.put(`/CreditNotes/${String(cn.CreditNoteID)}/Allocations`, { Allocations: [body] });
const errorsOf = (r: { body: Json }) => validationMessages((r.body.Elements as Json[])[0]!);
const getInvoice = async (inv: Json) => first(await x.get(`/Invoices/${String(inv.InvoiceID)}`), 'Invoices');
const getCreditNote = async (cn: Json) => first(await x.get(`/CreditNotes/${String(cn.CreditNoteID)}`), 'CreditNotes');
const refund = (cn: Json, amount: number) => x.put('/Payments?summarizeErrors=false', { Payments: [{ CreditNote: { CreditNoteID: cn.CreditNoteID }, Account: { Code: '090' }, Amount: amount, Date: '2026-10-05', Reference: 'refund' }] });

describe('credit note allocations', () => {
  it('a part allocation lowers the invoice AmountDue and the credit note RemainingCredit; GET returns both with the allocation', async () => {
    const { inv, cn } = await documents(); // invoice 123.00, credit 123.00
    const r = await allocate(cn, { Invoice: { InvoiceID: inv.InvoiceID }, Amount: 23, Date: '2026-10-03' });
    expect(r.status).toBe(200);
    expect(first(r, 'Allocations')).toMatchObject({ Amount: 23, Invoice: { InvoiceID: inv.InvoiceID } });
    expect(await getInvoice(inv)).toMatchObject({ Total: 123, AmountCredited: 23, AmountDue: 100, Status: 'AUTHORISED' });
    const note = await getCreditNote(cn);
    expect(note).toMatchObject({ RemainingCredit: 100, Status: 'AUTHORISED' });
    expect((note.Allocations as Json[]).map((a) => [a.Amount, (a.Invoice as Json).InvoiceID])).toEqual([[23, inv.InvoiceID]]);
  });

  it('never above the invoice AmountDue: "Credit Note cannot be allocated as amount is greater than amount outstanding"', async () => {
    const { inv, cn } = await documents({}, 200); // invoice 123.00, credit 246.00
    await x.put('/Payments', { Payments: [{ Invoice: { InvoiceID: inv.InvoiceID }, Account: { Code: '090' }, Amount: 100, Date: '2026-10-02' }] });
    const over = await allocate(cn, { Invoice: { InvoiceID: inv.InvoiceID }, Amount: 23.01, Date: '2026-10-03' });
    expect(over.status).toBe(400);
    expect(errorsOf(over)).toEqual(['Credit Note cannot be allocated as amount is greater than amount outstanding']);
    expect(await getInvoice(inv)).toMatchObject({ AmountDue: 23, AmountCredited: 0 });
    // Exactly the amount due settles the invoice: PAID, and the rest of the credit remains.
    expect((await allocate(cn, { Invoice: { InvoiceID: inv.InvoiceID }, Amount: 23, Date: '2026-10-03' })).status).toBe(200);
    expect(await getInvoice(inv)).toMatchObject({ AmountDue: 0, AmountPaid: 100, AmountCredited: 23, Status: 'PAID' });
    expect(await getCreditNote(cn)).toMatchObject({ RemainingCredit: 223, Status: 'AUTHORISED' });
    // A paid invoice takes no more credit.
    const paid = await allocate(cn, { Invoice: { InvoiceID: inv.InvoiceID }, Amount: 1, Date: '2026-10-04' });
    expect(errorsOf(paid)).toContain('The invoice you are trying to allocate to has already been paid off');
  });

  it('never above the credit note RemainingCredit, with the same message', async () => {
    const { inv, cn } = await documents({}, 50); // invoice 123.00, credit 61.50
    const over = await allocate(cn, { Invoice: { InvoiceID: inv.InvoiceID }, Amount: 61.51, Date: '2026-10-03' });
    expect(errorsOf(over)).toEqual(['Credit Note cannot be allocated as amount is greater than amount outstanding']);
    expect((await allocate(cn, { Invoice: { InvoiceID: inv.InvoiceID }, Amount: 61.5, Date: '2026-10-03' })).status).toBe(200);
    expect(await getCreditNote(cn)).toMatchObject({ RemainingCredit: 0, Status: 'PAID' });
  });

  it('both documents must be AUTHORISED, of one contact, and the invoice receivable', async () => {
    const draftNote = await documents({}, 10, { Status: 'DRAFT' });
    expect(errorsOf(await allocate(draftNote.cn, { Invoice: { InvoiceID: draftNote.inv.InvoiceID }, Amount: 1, Date: '2026-10-03' }))).toEqual([
      'Credit notes can only be allocated when the credit note and the invoice are both AUTHORISED',
    ]);
    const other = await documents({ Contact: { Name: 'Someone Else Ltd' } }, 10);
    expect(errorsOf(await allocate(other.cn, { Invoice: { InvoiceID: other.inv.InvoiceID }, Amount: 1, Date: '2026-10-03' }))).toEqual([
      'A credit note can only be allocated to an invoice of the same contact',
    ]);
    const bill = await documents({ Type: 'ACCPAY', InvoiceNumber: 'BILL-1' }, 10);
    expect(errorsOf(await allocate(bill.cn, { Invoice: { InvoiceID: bill.inv.InvoiceID }, Amount: 1, Date: '2026-10-03' }))).toContain('Credit Note cannot be allocated to an incorrect invoice type');
  });

  it('Date is required (OpenAPI schema Allocation), and nothing is saved from a refused allocation', async () => {
    const { inv, cn } = await documents();
    const r = await allocate(cn, { Invoice: { InvoiceID: inv.InvoiceID }, Amount: 5 });
    expect(errorsOf(r)).toEqual(['Date must be specified for the allocation']);
    expect(await getInvoice(inv)).toMatchObject({ AmountDue: 123, AmountCredited: 0 });
    expect((await getCreditNote(cn)).Allocations).toEqual([]);
  });
});

describe('refunds: payments on a credit note', () => {
  it('pay out of the payment account up to RemainingCredit; the credit note is PAID when used up', async () => {
    const { inv, cn } = await documents(); // credit 123.00
    expect((await allocate(cn, { Invoice: { InvoiceID: inv.InvoiceID }, Amount: 23, Date: '2026-10-03' })).status).toBe(200);
    const over = await refund(cn, 100.01);
    expect(validationMessages(first(over, 'Payments'))).toEqual(['Payment amount exceeds the amount outstanding on this document']);
    const ok = await refund(cn, 100);
    expect(first(ok, 'Payments')).toMatchObject({ Amount: 100, PaymentType: 'ARCREDITPAYMENT', Status: 'AUTHORISED' });
    const note = await getCreditNote(cn);
    expect(note).toMatchObject({ RemainingCredit: 0, Status: 'PAID' });
    expect((note.Payments as Json[]).map((p) => [p.Amount, p.Reference])).toEqual([[100, 'refund']]);
  });

  it('a DRAFT credit note takes no refund', async () => {
    const { cn } = await documents({}, 10, { Status: 'DRAFT' });
    expect(validationMessages(first(await refund(cn, 1), 'Payments'))).toContain('Payments can only be made against Authorised documents');
  });
});
