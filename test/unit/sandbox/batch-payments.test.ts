/**
 * Batch payments (issue 13 part 7), held to Xero's spec: PUT /BatchPayments saves one batch whose members are
 * ordinary payments (visible under GET /Payments with their BatchPaymentID, each invoice paid), GET /BatchPayments
 * finds it by `where`, GET /BatchPayments/{id} returns it; a batch with any member Xero would refuse is refused whole
 * and nothing of it is saved; a repeated Idempotency-Key gets the first answer back and saves nothing twice.
 */
import { describe, expect, it } from 'vitest';
import { api, first, invoice, validationMessages, type Json, useFreshSandbox } from './helpers';

let x: ReturnType<typeof api>;

useFreshSandbox((sb, token) => {
  x = api(sb, token);
});

const newInvoice = async (overrides: Json = {}) => first(await x.put('/Invoices', invoice(overrides)), 'Invoices');
const batch = (payments: Json[], extra: Json = {}) => ({ BatchPayments: [{ Account: { Code: '090' }, Date: '2026-10-05', Reference: 'CourseCo deposit 2026-10-05 Card', Payments: payments, ...extra }] });
const refusal = async (body: Json) => {
  const r = await x.put('/BatchPayments?summarizeErrors=false', body);
  expect(r.status).toBe(200);
  const element = first(r, 'BatchPayments');
  // The BatchPayment schema has no StatusAttributeString: a refused batch is one with ValidationErrors and no id.
  expect(element.BatchPaymentID).toBeUndefined();
  return validationMessages(element);
};

describe('PUT /BatchPayments', () => {
  it('saves one RECBATCH whose payments pay each invoice, each keeping its own Reference', async () => {
    const a = await newInvoice();
    const b = await newInvoice({ LineItems: [{ Description: 'First Aid', Quantity: 2, UnitAmount: 100, AccountCode: '200', TaxType: 'TAX001' }] });
    const r = await x.put('/BatchPayments', batch([
      { Invoice: { InvoiceID: a.InvoiceID }, Amount: 123, Reference: 'CourseCo payment P1 | Card' },
      { Invoice: { InvoiceID: b.InvoiceID }, Amount: 100 },
    ]));
    expect(r.status).toBe(200);
    const saved = first(r, 'BatchPayments');
    expect(saved).toMatchObject({ Type: 'RECBATCH', Status: 'AUTHORISED', TotalAmount: 223, Reference: 'CourseCo deposit 2026-10-05 Card', DateString: '2026-10-05T00:00:00', IsReconciled: false });
    const members = saved.Payments as Json[];
    expect(members.map((m) => [(m.Invoice as Json).InvoiceID, m.Amount, m.Reference])).toEqual([
      [a.InvoiceID, 123, 'CourseCo payment P1 | Card'],
      [b.InvoiceID, 100, undefined],
    ]);
    expect(members.every((m) => typeof m.PaymentID === 'string')).toBe(true);

    expect(first(await x.get(`/Invoices/${String(a.InvoiceID)}`), 'Invoices')).toMatchObject({ Status: 'PAID', AmountDue: 0 });
    expect(first(await x.get(`/Invoices/${String(b.InvoiceID)}`), 'Invoices')).toMatchObject({ Status: 'AUTHORISED', AmountPaid: 100, AmountDue: 146 });
    const payments = ((await x.get('/Payments')).body.Payments as Json[]).filter((p) => p.BatchPaymentID === saved.BatchPaymentID);
    expect(payments.map((p) => p.PaymentID).sort()).toEqual(members.map((m) => m.PaymentID).sort());
    expect(payments[0]).toMatchObject({ PaymentType: 'ACCRECPAYMENT', Account: { Code: '090' }, BatchPayment: { BatchPaymentID: saved.BatchPaymentID, Type: 'RECBATCH', Status: 'AUTHORISED', TotalAmount: 223 } });
  });

  it('is found by GET /BatchPayments with a where on its Reference or its Date, and by GET /BatchPayments/{id}', async () => {
    const a = await newInvoice();
    const saved = first(await x.put('/BatchPayments', batch([{ Invoice: { InvoiceID: a.InvoiceID }, Amount: 23 }])), 'BatchPayments');
    const byReference = await x.get(`/BatchPayments?where=${encodeURIComponent('Reference=="CourseCo deposit 2026-10-05 Card"')}`);
    expect((byReference.body.BatchPayments as Json[]).map((b) => b.BatchPaymentID)).toEqual([saved.BatchPaymentID]);
    const byDate = await x.get(`/BatchPayments?where=${encodeURIComponent('Date==DateTime(2026, 10, 05)')}`);
    expect((byDate.body.BatchPayments as Json[]).map((b) => b.BatchPaymentID)).toEqual([saved.BatchPaymentID]);
    const otherDay = await x.get(`/BatchPayments?where=${encodeURIComponent('Date==DateTime(2026, 10, 06)')}`);
    expect(otherDay.body.BatchPayments).toEqual([]);
    const one = first(await x.get(`/BatchPayments/${String(saved.BatchPaymentID)}`), 'BatchPayments');
    const { StatusAttributeString: _written, ...asSaved } = saved;
    expect(one).toEqual(asSaved);
    expect((await x.get('/BatchPayments/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('refuses the whole batch, saving nothing, for a member Xero would refuse: over the amount due, not AUTHORISED, unknown', async () => {
    const a = await newInvoice();
    const b = await newInvoice();
    const draft = await newInvoice({ Status: 'DRAFT' });
    expect(await refusal(batch([{ Invoice: { InvoiceID: a.InvoiceID }, Amount: 123 }, { Invoice: { InvoiceID: b.InvoiceID }, Amount: 123.01 }]))).toEqual(['Payment amount exceeds the amount outstanding on this document']);
    expect(await refusal(batch([{ Invoice: { InvoiceID: a.InvoiceID }, Amount: 10 }, { Invoice: { InvoiceID: draft.InvoiceID }, Amount: 10 }]))).toEqual(['Payments can only be made against Authorised documents']);
    expect(await refusal(batch([{ Invoice: { InvoiceID: a.InvoiceID }, Amount: 10 }, { Invoice: { InvoiceID: '00000000-0000-4000-8000-000000000001' }, Amount: 10 }]))).toEqual([
      'The invoice 00000000-0000-4000-8000-000000000001 could not be found.',
    ]);
    expect(first(await x.get(`/Invoices/${String(a.InvoiceID)}`), 'Invoices')).toMatchObject({ AmountPaid: 0, AmountDue: 123 });
    expect((await x.get('/BatchPayments')).body.BatchPayments).toEqual([]);
    expect(((await x.get('/Payments')).body.Payments as Json[]).filter((p) => p.BatchPaymentID)).toEqual([]);
  });

  it('refuses credit notes, a mix of sales invoices and bills, one invoice twice, more than 50 invoices, and a non-payment account', async () => {
    const a = await newInvoice();
    const bill = await newInvoice({ Type: 'ACCPAY', Contact: { Name: 'Print Shop Ltd' }, LineItems: [{ Description: 'Printing', Quantity: 1, UnitAmount: 10, AccountCode: '429', TaxType: 'NONE' }] });
    const credit = first(await x.put('/CreditNotes', { CreditNotes: [{ ...invoice({ Type: 'ACCRECCREDIT' }), DueDate: undefined }] }), 'CreditNotes');
    expect(await refusal(batch([{ Invoice: { InvoiceID: a.InvoiceID }, Amount: 10 }, { CreditNote: { CreditNoteID: credit.CreditNoteID }, Amount: 10 }]))).toEqual(['Batch payments can only be made against invoices.']);
    expect(bill).toMatchObject({ Type: 'ACCPAY', Status: 'AUTHORISED' });
    expect(await refusal(batch([{ Invoice: { InvoiceID: a.InvoiceID }, Amount: 10 }, { Invoice: { InvoiceID: bill.InvoiceID }, Amount: 1 }]))).toEqual(['A batch payment cannot contain both sales invoices and bills.']);
    expect(await refusal(batch([{ Invoice: { InvoiceID: a.InvoiceID }, Amount: 10 }, { Invoice: { InvoiceID: a.InvoiceID }, Amount: 10 }]))).toEqual([`The invoice ${String(a.InvoiceNumber)} appears more than once in this batch payment.`]);
    const many = await Promise.all(Array.from({ length: 51 }, () => newInvoice()));
    expect(await refusal(batch(many.map((i) => ({ Invoice: { InvoiceID: i.InvoiceID }, Amount: 1 }))))).toEqual(['A batch payment can include at most 50 invoices.']);
    expect(await refusal(batch([{ Invoice: { InvoiceID: a.InvoiceID }, Amount: 10 }], { Account: { Code: '200' } }))).toEqual(['Account type is invalid for making a payment to/from']);
    expect(await refusal(batch([]))).toEqual(['A batch payment must contain at least one payment.']);
  });

  it('refuses a payments-enabled account that is not a bank account, a batch without a Date, and deleting one of its payments alone', async () => {
    const a = await newInvoice();
    // Xero's batch deposit goes "in a base currency bank account" (help.xero.com); 615 Stripe Clearing only has payments enabled.
    expect(await refusal(batch([{ Invoice: { InvoiceID: a.InvoiceID }, Amount: 10 }], { Account: { Code: '615' } }))).toEqual(['Batch payments can only be made into a bank account.']);
    expect(await refusal(batch([{ Invoice: { InvoiceID: a.InvoiceID }, Amount: 10 }], { Date: undefined }))).toEqual(['Date must be specified for the batch payment']);
    const saved = first(await x.put('/BatchPayments', batch([{ Invoice: { InvoiceID: a.InvoiceID }, Amount: 10 }])), 'BatchPayments');
    const member = (saved.Payments as Json[])[0]!;
    const refused = await x.post(`/Payments/${String(member.PaymentID)}`, { Payments: [{ Status: 'DELETED' }] });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('Payments within a batch cannot be deleted.');
    expect(first(await x.get(`/Invoices/${String(a.InvoiceID)}`), 'Invoices')).toMatchObject({ AmountPaid: 10 });
  });

  it('with summarizeErrors left at its default, a refused batch is a 400 ValidationException', async () => {
    const a = await newInvoice();
    const r = await x.put('/BatchPayments', batch([{ Invoice: { InvoiceID: a.InvoiceID }, Amount: 500 }]));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ Type: 'ValidationException' });
    expect(validationMessages((r.body.Elements as Json[])[0]!)).toEqual(['Payment amount exceeds the amount outstanding on this document']);
  });

  it('a repeated Idempotency-Key answers with the first response and saves one batch', async () => {
    const a = await newInvoice();
    const body = batch([{ Invoice: { InvoiceID: a.InvoiceID }, Amount: 50 }]);
    const one = await x.put('/BatchPayments', body, { 'Idempotency-Key': 'deposit-key-1' });
    const two = await x.put('/BatchPayments', body, { 'Idempotency-Key': 'deposit-key-1' });
    expect(two.text).toBe(one.text);
    expect((await x.get('/BatchPayments')).body.BatchPayments).toHaveLength(1);
    expect(first(await x.get(`/Invoices/${String(a.InvoiceID)}`), 'Invoices')).toMatchObject({ AmountPaid: 50 });
    const other = await x.put('/BatchPayments', batch([{ Invoice: { InvoiceID: a.InvoiceID }, Amount: 51 }]), { 'Idempotency-Key': 'deposit-key-1' });
    expect(other.status).toBe(400);
    expect(other.text).toContain('Idempotency Key: deposit-key-1 is used with a different request.');
  });
});
