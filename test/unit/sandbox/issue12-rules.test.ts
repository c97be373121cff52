/**
 * Issue 12, the sandbox held to Xero: idempotency keys per app (not per organisation) with errors replayed; list reads
 * without `page` are summaries; a whole-request 400 lists every element; a 403 for a user without the permission,
 * distinct from the 403 for an organisation that is not connected.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../sandbox/index';
import { admin, api, first, invoice, validationMessages, type Json, useFreshSandbox } from './helpers';

let sb: RunningSandbox;
let token: string;
let ie: ReturnType<typeof api>;
let uk: ReturnType<typeof api>;

useFreshSandbox((running, fresh) => {
  sb = running;
  token = fresh;
  ie = api(sb, token, sb.tenants[0]!.tenantId);
  uk = api(sb, token, sb.tenants[1]!.tenantId);
});

const ukInvoice = (overrides: Json = {}) => invoice({ LineItems: [{ Description: 'Manual Handling', Quantity: 1, UnitAmount: 100, AccountCode: '200', TaxType: 'OUTPUT2' }], ...overrides });

describe('Idempotency-Key is kept per app, not per organisation', () => {
  it('the same key and body sent to a second organisation gets the first organisation\'s answer back, and nothing is created there', async () => {
    // One body valid in both orgs: a contact.
    const body = { Contacts: [{ Name: 'Shared Key Ltd' }] };
    const a = await ie.put('/Contacts', body, { 'Idempotency-Key': 'same-batch' });
    expect(a.status).toBe(200);
    const b = await uk.put('/Contacts', body, { 'Idempotency-Key': 'same-batch' });
    expect(b.status).toBe(200);
    expect(b.text).toBe(a.text);
    const inUk = (await uk.get(`/Contacts?where=${encodeURIComponent('Name=="Shared Key Ltd"')}`)).body.Contacts as Json[];
    expect(inUk).toEqual([]);
  });

  it('an error answer is replayed to the second organisation too', async () => {
    const body = { Invoices: [ukInvoice({ Reference: 'ie-fails' })] };
    const a = await ie.put('/Invoices', body, { 'Idempotency-Key': 'err-batch' });
    expect(a.status).toBe(400);
    const b = await uk.put('/Invoices', body, { 'Idempotency-Key': 'err-batch' });
    expect(b.status).toBe(400);
    expect(b.text).toBe(a.text);
    // With its own key, the UK org takes the same invoice.
    expect((await uk.put('/Invoices', body, { 'Idempotency-Key': 'err-batch-uk' })).status).toBe(200);
  });
});

describe('multi-document reads without page are summaries', () => {
  beforeEach(async () => {
    // INV-0001 of the seed is AUTHORISED with a payment; add a credit note allocated to an invoice.
    const inv = first(await ie.put('/Invoices', { Invoices: [invoice({ Reference: 'credited' })] }), 'Invoices');
    const cn = first(
      await ie.put('/CreditNotes', { CreditNotes: [{ Type: 'ACCRECCREDIT', Contact: { Name: 'Galway Bay Safety Ltd' }, Date: '2026-10-02', Status: 'AUTHORISED', LineItems: [{ Description: 'Refund', Quantity: 1, UnitAmount: 10, AccountCode: '200', TaxType: 'TAX001' }] }] }),
      'CreditNotes',
    );
    const alloc = await ie.put(`/CreditNotes/${cn.CreditNoteID as string}/Allocations`, { Allocations: [{ Invoice: { InvoiceID: inv.InvoiceID }, Amount: 5, Date: '2026-10-02' }] });
    expect(alloc.status).toBe(200);
  });

  it('Invoices: no LineItems, Payments or CreditNotes without page; all of them with page and by id', async () => {
    const unpaged = (await ie.get('/Invoices?InvoiceNumbers=INV-0001')).body.Invoices as Json[];
    expect(unpaged).toHaveLength(1);
    for (const key of ['LineItems', 'Payments', 'CreditNotes', 'Prepayments', 'Overpayments']) expect(unpaged[0]).not.toHaveProperty(key);
    expect(unpaged[0]).toMatchObject({ InvoiceNumber: 'INV-0001', AmountPaid: 100 });
    const paged = (await ie.get('/Invoices?InvoiceNumbers=INV-0001&page=1')).body.Invoices as Json[];
    expect((paged[0]!.Payments as Json[]).map((p) => p.Amount)).toEqual([100]);
    expect(paged[0]!.LineItems).not.toHaveLength(0);
    const byId = first(await ie.get(`/Invoices/${unpaged[0]!.InvoiceID as string}`), 'Invoices');
    expect(byId.Payments as Json[]).toHaveLength(1);
    const credited = (await ie.get(`/Invoices?where=${encodeURIComponent('Reference=="credited"')}&page=1`)).body.Invoices as Json[];
    expect((credited[0]!.CreditNotes as Json[]).map((c) => c.AppliedAmount)).toEqual([5]);
  });

  it('CreditNotes: no LineItems or Allocations without page; both with page', async () => {
    const unpaged = (await ie.get('/CreditNotes')).body.CreditNotes as Json[];
    expect(unpaged).toHaveLength(1);
    expect(unpaged[0]).not.toHaveProperty('LineItems');
    expect(unpaged[0]).not.toHaveProperty('Allocations');
    const paged = (await ie.get('/CreditNotes?page=1')).body.CreditNotes as Json[];
    expect(paged[0]!.LineItems).toHaveLength(1);
    expect((paged[0]!.Allocations as Json[]).map((a) => a.Amount)).toEqual([5]);
  });
});

describe('a whole-request 400 lists every element', () => {
  it('summarizeErrors=true: one element per element sent, in order, each with its own ValidationErrors', async () => {
    const bad = { LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 1, AccountCode: '999', TaxType: 'TAX001' }] };
    const r = await ie.put('/Invoices', { Invoices: [invoice({ Reference: 'a' }), invoice({ Reference: 'b', ...bad }), invoice({ Reference: 'c' })] });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ErrorNumber: 10, Type: 'ValidationException' });
    const elements = r.body.Elements as Json[];
    expect(elements.map((e) => e.Reference)).toEqual(['a', 'b', 'c']);
    expect(elements.map(validationMessages)).toEqual([[], ["Account code '999' is not a valid code for this document."], []]);
    expect(elements.map((e) => e.ValidationErrors)).toEqual([[], expect.any(Array), []]);
  });
});

describe('403: a user without the permission, distinct from an organisation that is not connected', () => {
  it('a read-only user can read invoices but gets 403 with the permission sentence on writes', async () => {
    expect((await admin(sb, 'POST', '/sandbox/user-role', { tenantId: sb.tenants[0]!.tenantId, role: 'read-only' })).status).toBe(200);
    expect((await ie.get('/Invoices')).status).toBe(200);
    const r = await ie.put('/Invoices', { Invoices: [invoice()] });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ Title: 'Forbidden', Status: 403, Detail: 'You are not permitted to access this resource without the invoicing role or higher privileges.' });
    // The other organisation is untouched.
    expect((await uk.put('/Invoices', { Invoices: [ukInvoice()] })).status).toBe(200);
  });

  it('an invoice-only user may invoice but not record payments', async () => {
    await admin(sb, 'POST', '/sandbox/user-role', { tenantId: sb.tenants[0]!.tenantId, role: 'invoice-only' });
    expect((await ie.put('/Invoices', { Invoices: [invoice()] })).status).toBe(200);
    const r = await ie.put('/Payments', { Payments: [{ Invoice: { InvoiceNumber: 'INV-0001' }, Account: { Code: '090' }, Amount: 1 }] });
    expect(r.status).toBe(403);
    expect(r.body.Detail).toBe('You are not permitted to access this resource without the standard role or higher privileges.');
  });

  it('the tenant 403 keeps its own body (AuthenticationUnsuccessful)', async () => {
    const r = await api(sb, token, '00000000-0000-0000-0000-000000000001').get('/Invoices');
    expect(r.status).toBe(403);
    expect(r.body.Detail).toBe('AuthenticationUnsuccessful');
  });

  it('refuses an unknown role or organisation, and a reset gives the user the standard role back', async () => {
    expect((await admin(sb, 'POST', '/sandbox/user-role', { tenantId: sb.tenants[0]!.tenantId, role: 'owner' })).status).toBe(400);
    expect((await admin(sb, 'POST', '/sandbox/user-role', { tenantId: 'nope', role: 'read-only' })).status).toBe(400);
    await admin(sb, 'POST', '/sandbox/user-role', { tenantId: sb.tenants[0]!.tenantId, role: 'read-only' });
    sb.reset({ keepIdentity: true });
    expect((await ie.put('/Invoices', { Invoices: [invoice()] })).status).toBe(200);
  });
});
