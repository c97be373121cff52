/**
 * Every response body the app uses validates against Xero's official OpenAPI schemas (../shared/xero-openapi),
 * and carries no field the schema does not declare (apart from the envelope and Xero's DateString twins).
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../sandbox/index';
import { admin, api, connectWeb, first, invoice, sandbox, type Json } from './helpers';
import { loadSchemas, type OpenApiSchemas } from './openapi-adapter';

const specDir = fileURLToPath(new URL('../../../../shared/xero-openapi/', import.meta.url));
const ENVELOPE = new Set(['Id', 'Status', 'ProviderName', 'DateTimeUTC', 'DateString', 'DueDateString']);

let accounting: OpenApiSchemas;
let identity: OpenApiSchemas;
let sb: RunningSandbox;
let x: ReturnType<typeof api>;
let token: string;

beforeAll(async () => {
  accounting = loadSchemas(`${specDir}xero_accounting.yaml`, 'accounting');
  identity = loadSchemas(`${specDir}xero-identity.yaml`, 'identity');
  sb = await sandbox();
  token = (await connectWeb(sb)).access_token;
  x = api(sb, token);
});
afterAll(() => sb.stop());

function conforms(schemas: OpenApiSchemas, name: string, body: unknown): void {
  expect(schemas.validate(name, body)).toEqual([]);
  expect(schemas.undeclared(name, body, ENVELOPE)).toEqual([]);
}

/** Xero's Error.Elements echo the failed document, so each element is also checked against that document's schema. */
function conformsError(body: Json, elementSchema: string): void {
  expect(accounting.validate('Error', body)).toEqual([]);
  const elements = body.Elements as Json[];
  expect(elements.length).toBeGreaterThan(0);
  for (const el of elements) conforms(accounting, elementSchema, el);
}

describe('Accounting responses conform to xero_accounting.yaml', () => {
  it('Organisations (with lock dates), Accounts, TaxRates, Currencies (both orgs)', async () => {
    for (const tenant of sb.tenants) {
      const t = api(sb, token, tenant.tenantId);
      conforms(accounting, 'Organisations', (await t.get('/Organisation')).body);
      conforms(accounting, 'Accounts', (await t.get('/Accounts')).body);
      conforms(accounting, 'TaxRates', (await t.get('/TaxRates')).body);
      conforms(accounting, 'Currencies', (await t.get('/Currencies')).body);
    }
    await admin(sb, 'POST', '/sandbox/organisation', { tenantId: sb.tenants[0]!.tenantId, periodLockDate: '2026-06-30', endOfYearLockDate: '2025-12-31', extraCurrencies: ['GBP'] });
    conforms(accounting, 'Organisations', (await x.get('/Organisation')).body);
    conforms(accounting, 'Currencies', (await x.get('/Currencies')).body);
  });

  it('TrackingCategories: list (with archived), create an option, and an invoice line carrying Tracking', async () => {
    conforms(accounting, 'TrackingCategories', (await x.get('/TrackingCategories?includeArchived=true')).body);
    const venue = ((await x.get('/TrackingCategories')).body.TrackingCategories as Json[])[0]!;
    conforms(accounting, 'TrackingOptions', (await x.put(`/TrackingCategories/${String(venue.TrackingCategoryID)}/Options`, { Name: 'Schema Room' })).body);
    const tracked = invoice({ LineItems: [{ Description: 'Tracked', Quantity: 1, UnitAmount: 10, AccountCode: '200', TaxType: 'TAX001', Tracking: [{ Name: 'Venue', Option: 'Dublin' }] }] });
    conforms(accounting, 'Invoices', (await x.put('/Invoices', { Invoices: [tracked] })).body);
  });

  it('Contacts: list, create, and the duplicate-name Error', async () => {
    conforms(accounting, 'Contacts', (await x.get('/Contacts?page=1')).body);
    conforms(accounting, 'Contacts', (await x.put('/Contacts', { Contacts: [{ Name: 'Schema Ltd', Addresses: [{ AddressType: 'STREET', City: 'Dublin' }], Phones: [{ PhoneType: 'MOBILE', PhoneNumber: '0871234567' }] }] })).body);
    const dup = await x.put('/Contacts', { Name: 'Schema Ltd' });
    expect(dup.status).toBe(400);
    conformsError(dup.body, 'Contact');
    conforms(accounting, 'Contacts', (await x.put('/Contacts?summarizeErrors=false', { Contacts: [{ Name: 'Schema Ltd' }] })).body);
  });

  it('Invoices: create (OK, WARNING and ERROR elements), get one, list with and without page, and the Error', async () => {
    const created = await x.put('/Invoices?summarizeErrors=false', {
      Invoices: [invoice(), invoice({ Status: 'DRAFT', SentToContact: true }), invoice({ LineItems: [{ Description: 'x', UnitAmount: 1, AccountCode: '999', TaxType: 'TAX001' }] })],
    });
    conforms(accounting, 'Invoices', created.body);
    const id = String(first(created, 'Invoices').InvoiceID);
    await x.put('/Payments', { Invoice: { InvoiceID: id }, Account: { Code: '090' }, Amount: 23 });
    conforms(accounting, 'Invoices', (await x.get(`/Invoices/${id}`)).body);
    conforms(accounting, 'Invoices', (await x.get('/Invoices')).body);
    conforms(accounting, 'Invoices', (await x.get('/Invoices?page=1&summaryOnly=true')).body);
    const bad = await x.put('/Invoices', invoice({ Contact: undefined }));
    expect(bad.status).toBe(400);
    conformsError(bad.body, 'Invoice');
  });

  it('Payments, CreditNotes and Allocations', async () => {
    const inv = first(await x.put('/Invoices', invoice()), 'Invoices');
    const paid = await x.put('/Payments', { Payments: [{ Invoice: { InvoiceID: inv.InvoiceID }, Account: { Code: '090' }, Amount: 50, Date: '2026-10-02', Reference: 'EFT' }] });
    conforms(accounting, 'Payments', paid.body);
    conforms(accounting, 'Payments', (await x.get('/Payments?page=1')).body);
    conforms(accounting, 'Payments', (await x.post(`/Payments/${String(first(paid, 'Payments').PaymentID)}`, { Status: 'DELETED' })).body);
    const cn = await x.put('/CreditNotes', { CreditNotes: [{ Type: 'ACCRECCREDIT', Contact: { Name: 'Galway Bay Safety Ltd' }, Status: 'AUTHORISED', LineItems: [{ Description: 'Credit', UnitAmount: 10, AccountCode: '200', TaxType: 'TAX001' }] }] });
    conforms(accounting, 'CreditNotes', cn.body);
    const alloc = await x.put(`/CreditNotes/${String(first(cn, 'CreditNotes').CreditNoteID)}/Allocations`, { Allocations: [{ Invoice: { InvoiceID: inv.InvoiceID }, Amount: 5, Date: '2026-10-03' }] });
    conforms(accounting, 'Allocations', alloc.body);
    conforms(accounting, 'CreditNotes', (await x.get('/CreditNotes')).body);
  });

  it('BatchPayments: create, list, get one, a refused batch, and its members under Payments', async () => {
    const a = first(await x.put('/Invoices', invoice()), 'Invoices');
    const b = first(await x.put('/Invoices', invoice()), 'Invoices');
    const body = { BatchPayments: [{ Account: { Code: '090' }, Date: '2026-10-05', Reference: 'CourseCo deposit 2026-10-05 Card', Payments: [{ Invoice: { InvoiceID: a.InvoiceID }, Amount: 23, Reference: 'CourseCo payment P1 | Card' }, { Invoice: { InvoiceID: b.InvoiceID }, Amount: 30 }] }] };
    const saved = await x.put('/BatchPayments', body);
    conforms(accounting, 'BatchPayments', saved.body);
    conforms(accounting, 'BatchPayments', (await x.get('/BatchPayments')).body);
    conforms(accounting, 'BatchPayments', (await x.get(`/BatchPayments/${String(first(saved, 'BatchPayments').BatchPaymentID)}`)).body);
    conforms(accounting, 'Payments', (await x.get('/Payments?page=1')).body);
    const refused = await x.put('/BatchPayments?summarizeErrors=false', { BatchPayments: [{ ...body.BatchPayments[0], Payments: [{ Invoice: { InvoiceID: a.InvoiceID }, Amount: 500 }] }] });
    conforms(accounting, 'BatchPayments', refused.body);
  });
});

describe('Identity responses conform to xero-identity.yaml', () => {
  it('connections array and the token response', async () => {
    const rows = (await (await fetch(sb.endpoints.connections, { headers: { authorization: `Bearer ${token}` } })).json()) as Json[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) conforms(identity, 'Connection', row);
    const tokens = await connectWeb(sb);
    expect(identity.validate('AccessToken', tokens)).toEqual([]);
    expect(identity.undeclared('AccessToken', tokens, new Set(['scope']))).toEqual([]);
  });
});
