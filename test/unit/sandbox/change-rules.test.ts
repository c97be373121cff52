/**
 * What Xero lets change once an invoice is in it (issue 13 part 8, for changes after sync): an unpaid AUTHORISED
 * invoice may be edited or voided; once a payment is on it, neither (only "limited edits" such as the Reference);
 * a PAID invoice cannot be voided; only DRAFT and SUBMITTED may be DELETED; a VOIDED invoice never changes.
 * Sources: xero-facts.md §3 (Invoices "Transitions", "No edits … limited edits after payment") and §4 (messages).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../sandbox/index';
import { api, first, invoice, useFreshSandbox, validationMessages, type Json } from './helpers';

let x: ReturnType<typeof api>;
useFreshSandbox((sb: RunningSandbox, token: string) => {
  x = api(sb, token);
});

const NOT_VALID = 'Invoice not of valid status for modification';
const ALLOCATED = 'This document cannot be edited as it has a payment or credit note allocated to it.';
const errorsOf = (r: { body: Json }) => validationMessages((r.body.Elements as Json[])[0]!);
const line = (amount: number) => [{ Description: 'Manual Handling', Quantity: 1, UnitAmount: amount, AccountCode: '200', TaxType: 'TAX001' }];

let id: string;
beforeEach(async () => {
  id = String(first(await x.put('/Invoices', invoice()), 'Invoices').InvoiceID);
});
const pay = (amount: number) => x.put('/Payments', { Payments: [{ Invoice: { InvoiceID: id }, Account: { Code: '090' }, Amount: amount, Date: '2026-10-02' }] });
const read = async () => first(await x.get(`/Invoices/${id}`), 'Invoices');

describe('changing an invoice already in Xero', () => {
  it('updates an AUTHORISED invoice without payments in place (POST with its InvoiceID)', async () => {
    const updated = first(await x.post('/Invoices', { Invoices: [{ InvoiceID: id, LineItems: line(125) }] }), 'Invoices');
    expect(updated).toMatchObject({ InvoiceID: id, Status: 'AUTHORISED', Total: 153.75, AmountDue: 153.75 });
  });

  it('refuses to edit the lines of a part-paid AUTHORISED invoice, with Xero\'s message, but takes a new Reference', async () => {
    await pay(23);
    const refused = await x.post('/Invoices', { Invoices: [{ InvoiceID: id, LineItems: line(125) }] });
    expect(refused.status).toBe(400);
    expect(errorsOf(refused)).toEqual([ALLOCATED]);
    expect(await read()).toMatchObject({ Total: 123, AmountPaid: 23 });
    expect(first(await x.post(`/Invoices/${id}`, { Reference: 'PO 42' }), 'Invoices')).toMatchObject({ Reference: 'PO 42', Total: 123 });
  });

  it('voids an unpaid AUTHORISED invoice, and a VOIDED invoice then never changes', async () => {
    expect(first(await x.post('/Invoices', { Invoices: [{ InvoiceID: id, Status: 'VOIDED' }] }), 'Invoices')).toMatchObject({ Status: 'VOIDED' });
    expect(errorsOf(await x.post(`/Invoices/${id}`, { Reference: 'late' }))).toEqual([NOT_VALID]);
    expect(errorsOf(await x.post(`/Invoices/${id}`, { Status: 'AUTHORISED' }))).toEqual([NOT_VALID]);
    expect((await pay(10)).status).toBe(400);
  });

  it('refuses to void an AUTHORISED invoice with a payment on it', async () => {
    await pay(23);
    expect(errorsOf(await x.post('/Invoices', { Invoices: [{ InvoiceID: id, Status: 'VOIDED' }] }))).toEqual([ALLOCATED]);
    expect((await read()).Status).toBe('AUTHORISED');
  });

  it('refuses to void a PAID invoice', async () => {
    await pay(123);
    expect((await read()).Status).toBe('PAID');
    expect(errorsOf(await x.post('/Invoices', { Invoices: [{ InvoiceID: id, Status: 'VOIDED' }] }))).toEqual([NOT_VALID]);
    expect((await read()).Status).toBe('PAID');
  });

  it('deletes only DRAFT or SUBMITTED invoices; an AUTHORISED one must be voided instead', async () => {
    expect(errorsOf(await x.post('/Invoices', { Invoices: [{ InvoiceID: id, Status: 'DELETED' }] }))).toEqual([NOT_VALID]);
    const draft = String(first(await x.put('/Invoices', invoice({ Status: 'DRAFT' })), 'Invoices').InvoiceID);
    expect(first(await x.post('/Invoices', { Invoices: [{ InvoiceID: draft, Status: 'DELETED' }] }), 'Invoices')).toMatchObject({ Status: 'DELETED' });
    const submitted = String(first(await x.put('/Invoices', invoice({ Status: 'SUBMITTED' })), 'Invoices').InvoiceID);
    expect(first(await x.post('/Invoices', { Invoices: [{ InvoiceID: submitted, Status: 'DELETED' }] }), 'Invoices')).toMatchObject({ Status: 'DELETED' });
  });

  it('refuses to void an invoice a credit note is allocated to', async () => {
    const cn = first(await x.put('/CreditNotes', { CreditNotes: [{ ...invoice({ Type: 'ACCRECCREDIT' }), DueDate: undefined, LineItems: line(10) }] }), 'CreditNotes');
    const allocated = await x.put(`/CreditNotes/${String(cn.CreditNoteID)}/Allocations`, { Allocations: [{ Invoice: { InvoiceID: id }, Amount: 12.3, Date: '2026-10-02' }] });
    expect(allocated.status).toBe(200);
    expect(errorsOf(await x.post('/Invoices', { Invoices: [{ InvoiceID: id, Status: 'VOIDED' }] }))).toEqual([ALLOCATED]);
  });
});
