import { describe, expect, it } from 'vitest';
import { IRISH_ORG, type RunningSandbox } from '../../../sandbox/index';
import { api, connectWeb, first, invoice, sandbox, useFreshSandbox, validationMessages, type Json } from './helpers';

// Every spec here also proves persistence: the world it leaves behind must come back whole from the state file.
let sb: RunningSandbox;
let x: ReturnType<typeof api>;
let uk: ReturnType<typeof api>;

useFreshSandbox(
  (fresh, token) => {
    sb = fresh;
    x = api(sb, token);
    uk = api(sb, token, sb.tenants[1]!.tenantId);
  },
  { tempPrefix: 'sandbox-accounting-' },
);

type Row = Json;
const list = (r: { body: Json }, key: string) => r.body[key] as Row[];

describe('Organisation, Accounts, TaxRates', () => {
  it('describes the Irish org as a GLOBAL org in EUR and the UK org in GBP', async () => {
    const ie = first(await x.get('/Organisation'), 'Organisations');
    expect(ie).toMatchObject({ Name: 'Liffey Training Academy', Version: 'GLOBAL', BaseCurrency: 'EUR', CountryCode: 'IE', OrganisationStatus: 'ACTIVE', ShortCode: '!Lf7Qx' });
    expect(ie.OrganisationID).toBe(sb.tenants[0]!.tenantId);
    expect(first(await uk.get('/Organisation'), 'Organisations')).toMatchObject({ Version: 'UK', BaseCurrency: 'GBP', CountryCode: 'GB' });
  });

  it('wraps responses in Xero\'s envelope with MS-JSON dates', async () => {
    const r = await x.get('/Accounts');
    expect(r.body).toMatchObject({ Status: 'OK', ProviderName: 'CourseCo Xero Assistant (Web app)' });
    expect(r.body.DateTimeUTC).toMatch(/^\/Date\(\d+\)\/$/);
    expect(list(r, 'Accounts')[0]!.UpdatedDateUTC).toMatch(/^\/Date\(\d+\+0000\)\/$/);
  });

  it('seeds what real orgs have (issue 12): an uncoded bank account, several active 0% sales rates, a deleted and an archived rate', async () => {
    const banks = list(await x.get(`/Accounts?where=${encodeURIComponent('Type=="BANK" AND Status=="ACTIVE"')}`), 'Accounts');
    const uncoded = banks.find((a) => a.Name === 'Course Bookings Current Account')!;
    // Xero leaves the field out when the user gave the bank account no code; only its AccountID names it.
    expect(uncoded).not.toHaveProperty('Code');
    expect(uncoded).toMatchObject({ Type: 'BANK', BankAccountType: 'BANK', Status: 'ACTIVE' });
    expect(uncoded.AccountID).toMatch(/^[0-9a-f-]{36}$/);
    const rates = list(await x.get('/TaxRates'), 'TaxRates');
    const zeroSales = rates.filter((r) => r.Status === 'ACTIVE' && r.CanApplyToRevenue === true && Number(r.EffectiveRate) === 0).map((r) => `${r.Name} ${r.TaxType}`);
    expect(zeroSales).toEqual(['Tax on Sales OUTPUT', 'Tax Exempt NONE', 'Exempt TAX005']);
    expect(rates.filter((r) => r.Status !== 'ACTIVE').map((r) => `${r.Name} ${r.Status}`)).toEqual(['21% VAT on Income DELETED', '4.8% VAT on Income ARCHIVED']);
  });

  it('filters Accounts with where on Type, Status, Code and Class', async () => {
    const banks = list(await x.get(`/Accounts?where=${encodeURIComponent('Type=="BANK"')}`), 'Accounts');
    expect(banks.map((a) => a.Code ?? null)).toEqual(['090', '091', null]);
    const activeRevenue = list(await x.get(`/Accounts?where=${encodeURIComponent('Status=="ACTIVE" AND Class=="REVENUE"')}`), 'Accounts');
    expect(activeRevenue.map((a) => a.Code)).toEqual(['200', '210', '220', '260', '270']);
    const archived = list(await x.get(`/Accounts?where=${encodeURIComponent('Status=="ARCHIVED"')}`), 'Accounts');
    expect(archived.map((a) => a.Code)).toEqual(['250']);
    const payable = list(await x.get(`/Accounts?where=${encodeURIComponent('EnablePaymentsToAccount==true && Type!="BANK"')}`), 'Accounts');
    expect(payable.map((a) => a.Code)).toEqual(['615', '970']);
    const one = list(await x.get(`/Accounts?where=${encodeURIComponent('Code=="200"')}`), 'Accounts');
    expect(one[0]).toMatchObject({ Name: 'Sales', Type: 'REVENUE', Class: 'REVENUE', TaxType: 'TAX001', EnablePaymentsToAccount: false });
  });

  it('lists the Irish VAT rates the user created (TAX00n) beside the 0% Global defaults', async () => {
    const rates = list(await x.get('/TaxRates'), 'TaxRates');
    const byName = Object.fromEntries(rates.map((r) => [r.Name, r]));
    expect(byName['23% VAT on Income']).toMatchObject({ TaxType: 'TAX001', EffectiveRate: 23, CanApplyToRevenue: true, Status: 'ACTIVE' });
    expect(byName['13.5% VAT on Income']).toMatchObject({ TaxType: 'TAX002', EffectiveRate: 13.5 });
    expect(byName['9% VAT on Income']).toMatchObject({ TaxType: 'TAX003', EffectiveRate: 9 });
    expect(byName.Exempt).toMatchObject({ TaxType: 'TAX005', EffectiveRate: 0 });
    expect(byName['Tax on Sales']).toMatchObject({ TaxType: 'OUTPUT', EffectiveRate: 0 });
    expect(byName['Tax on Purchases']).toMatchObject({ TaxType: 'INPUT', CanApplyToRevenue: false });
    expect(byName['Tax Exempt']).toMatchObject({ TaxType: 'NONE' });
    const active = list(await x.get(`/TaxRates?where=${encodeURIComponent('Status=="ACTIVE"')}`), 'TaxRates');
    expect(active.some((r) => r.TaxType === 'TAX006')).toBe(false);
    const ukRates = list(await uk.get('/TaxRates'), 'TaxRates');
    expect(ukRates.find((r) => r.TaxType === 'OUTPUT2')).toMatchObject({ Name: '20% (VAT on Income)', EffectiveRate: 20 });
  });

  it('answers a where it cannot parse with a 400', async () => {
    const r = await x.get(`/Accounts?where=${encodeURIComponent('Type=="BANK" AND')}`);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ Type: 'QueryParseException' });
    const unknown = await x.get(`/Accounts?where=${encodeURIComponent('Colour=="red"')}`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.Message).toBe("No property or field 'Colour' exists in type 'Account'");
  });

  it('answers in XML unless JSON is asked for', async () => {
    const r = await x.get('/Organisation', { accept: 'application/xml' });
    expect(r.headers.get('content-type')).toContain('text/xml');
    expect(r.text).toContain('<Organisations><Organisation><OrganisationID>');
  });
});

describe('Contacts', () => {
  it('creates a contact and finds it by Name, ContactNumber and EmailAddress', async () => {
    const created = await x.put('/Contacts', { Contacts: [{ Name: 'Cork Harbour Ferries', ContactNumber: 'CC-77', EmailAddress: 'ap@corkferries.example.ie' }] });
    expect(created.status).toBe(200);
    const c = first(created, 'Contacts');
    expect(c).toMatchObject({ Name: 'Cork Harbour Ferries', ContactStatus: 'ACTIVE', StatusAttributeString: 'OK' });
    for (const where of ['Name=="Cork Harbour Ferries"', 'ContactNumber=="CC-77"', 'EmailAddress=="ap@corkferries.example.ie"', 'Name.Contains("Harbour")']) {
      const found = list(await x.get(`/Contacts?where=${encodeURIComponent(where)}`), 'Contacts');
      expect(found.map((f) => f.ContactID)).toEqual([c.ContactID]);
    }
    expect(first(await x.get(`/Contacts/${String(c.ContactID)}`), 'Contacts')).toMatchObject({ Name: 'Cork Harbour Ferries' });
    expect(first(await x.get('/Contacts/CC-77'), 'Contacts')).toMatchObject({ ContactID: c.ContactID });
  });

  it('refuses a duplicate active name with Xero\'s message, but allows an archived contact\'s name', async () => {
    const dup = await x.put('/Contacts', { Contacts: [{ Name: 'Dublin City Council' }] });
    expect(dup.status).toBe(400);
    expect(dup.body).toMatchObject({ ErrorNumber: 10, Type: 'ValidationException', Message: 'A validation exception occurred' });
    const el = (dup.body.Elements as Json[])[0]!;
    expect(validationMessages(el)).toEqual([
      'The contact name Dublin City Council is already assigned to another contact. The contact name must be unique across all active contacts.',
    ]);
    const archivedName = await x.put('/Contacts', { Name: 'Shannon Logistics Ltd' });
    expect(archivedName.status).toBe(200);
    const number = await x.put('/Contacts', { Name: 'Someone Else', ContactNumber: 'CC-ORG-12' });
    expect(validationMessages((number.body.Elements as Json[])[0]!)).toEqual(['Another contact has this contact number. Please enter a different contact number.']);
  });

  it('excludes archived contacts unless includeArchived=true, and pages with a pagination object', async () => {
    const names = list(await x.get('/Contacts'), 'Contacts').map((c) => c.Name);
    expect(names).not.toContain('Shannon Logistics Ltd');
    expect(list(await x.get('/Contacts?includeArchived=true'), 'Contacts').map((c) => c.Name)).toContain('Shannon Logistics Ltd');
    await x.put('/Contacts', { Contacts: Array.from({ length: 5 }, (_, i) => ({ Name: `Paging ${i}` })) });
    const p2 = await x.get('/Contacts?page=2&pageSize=3');
    expect(p2.body.pagination).toEqual({ page: 2, pageSize: 3, pageCount: 3, itemCount: 7 });
    expect(list(p2, 'Contacts')).toHaveLength(3);
    expect((await x.get('/Contacts?pageSize=5000')).body.pagination).toMatchObject({ pageSize: 1000 });
  });

  it('updates a contact with POST and its ContactID', async () => {
    const c = first(await x.put('/Contacts', { Name: 'Temp Name' }), 'Contacts');
    const upd = await x.post('/Contacts', { Contacts: [{ ContactID: c.ContactID, EmailAddress: 'new@example.ie' }] });
    expect(first(upd, 'Contacts')).toMatchObject({ Name: 'Temp Name', EmailAddress: 'new@example.ie' });
  });
});

describe('Invoices: create and validate', () => {
  const putOne = async (inv: Json, query = '') => x.put(`/Invoices${query}`, { Invoices: [inv] });
  const errorsOf = async (inv: Json) => {
    const r = await putOne(inv);
    expect(r.status).toBe(400);
    return validationMessages((r.body.Elements as Json[])[0]!);
  };

  it('auto-numbers ACCREC invoices (INV-0003 after the two seeded) and computes per-line rounded totals', async () => {
    const r = await putOne(
      invoice({
        LineItems: [
          { Description: 'Course A', Quantity: 3, UnitAmount: 33.33, AccountCode: '200', TaxType: 'TAX001' },
          { Description: 'Course B', Quantity: 1, UnitAmount: 10.01, AccountCode: '200', TaxType: 'TAX002' },
          { Description: 'Course C', Quantity: 1, UnitAmount: 10.01, AccountCode: '200', TaxType: 'TAX002' },
        ],
      }),
    );
    expect(r.status).toBe(200);
    const inv = first(r, 'Invoices');
    // 99.99 × 23% = 22.9977 → 23.00; 10.01 × 13.5% = 1.35135 → 1.35 per line (2.70, where sum-then-round gives 2.70 too)
    expect(inv).toMatchObject({ InvoiceNumber: 'INV-0003', Status: 'AUTHORISED', SubTotal: 120.01, TotalTax: 25.7, Total: 145.71, AmountDue: 145.71, AmountPaid: 0, StatusAttributeString: 'OK' });
    expect(inv.Date).toBe('/Date(1790812800000+0000)/');
    expect(inv.DateString).toBe('2026-10-01T00:00:00');
    expect((inv.LineItems as Json[]).map((l) => l.TaxAmount)).toEqual([23, 1.35, 1.35]);
    const second = first(await putOne(invoice()), 'Invoices');
    expect(second.InvoiceNumber).toBe('INV-0004');
  });

  it('rounds per line: three lines of 0.05 tax 23% each give 0.03 + 0.03 + 0.03', async () => {
    const line = { Description: 'Tiny', Quantity: 1, UnitAmount: 0.13, AccountCode: '200', TaxType: 'TAX001' };
    const inv = first(await putOne(invoice({ LineItems: [line, line, line] })), 'Invoices');
    // 0.13 × 23% = 0.0299 → 0.03 each; sum-then-round would be 0.0897 → 0.09 as well, but per line 0.03 × 3 = 0.09
    expect(inv).toMatchObject({ SubTotal: 0.39, TotalTax: 0.09, Total: 0.48 });
    const incl = first(await putOne(invoice({ LineAmountTypes: 'Inclusive', LineItems: [{ Description: 'Incl', Quantity: 1, UnitAmount: 123, AccountCode: '200', TaxType: 'TAX001' }] })), 'Invoices');
    expect(incl).toMatchObject({ Total: 123, TotalTax: 23, SubTotal: 100, LineAmountTypes: 'Inclusive' });
  });

  it('keeps ACCREC invoice numbers unique, even against deleted invoices', async () => {
    expect(await errorsOf(invoice({ InvoiceNumber: 'INV-0001' }))).toEqual(['Invoice # must be unique.']);
    const draft = first(await putOne(invoice({ InvoiceNumber: 'CC-500', Status: 'DRAFT' })), 'Invoices');
    await x.post(`/Invoices/${String(draft.InvoiceID)}`, { Status: 'DELETED' });
    expect(await errorsOf(invoice({ InvoiceNumber: 'CC-500' }))).toEqual(['Invoice # must be unique.']);
    const bills = await x.put('/Invoices', { Invoices: [invoice({ Type: 'ACCPAY', InvoiceNumber: 'SUP-1', LineItems: [{ Description: 'Trainer', UnitAmount: 50, AccountCode: '320', TaxType: 'TAX004' }] }), invoice({ Type: 'ACCPAY', InvoiceNumber: 'SUP-1', LineItems: [{ Description: 'Trainer', UnitAmount: 50, AccountCode: '320', TaxType: 'TAX004' }] })] });
    expect(bills.status).toBe(200);
  });

  it('a renumbered invoice frees its old number and holds the new one', async () => {
    const draft = first(await putOne(invoice({ InvoiceNumber: 'CC-600', Status: 'DRAFT' })), 'Invoices');
    expect(await errorsOf(invoice({ InvoiceNumber: 'CC-600' }))).toEqual(['Invoice # must be unique.']);
    const renumbered = await x.post(`/Invoices/${String(draft.InvoiceID)}`, { InvoiceNumber: 'CC-601' });
    expect(first(renumbered, 'Invoices').InvoiceNumber).toBe('CC-601');
    expect(await errorsOf(invoice({ InvoiceNumber: 'CC-601' }))).toEqual(['Invoice # must be unique.']);
    expect((await putOne(invoice({ InvoiceNumber: 'CC-600' }))).status).toBe(200);
  });

  it('reports bad, archived and missing account codes', async () => {
    const line = (code?: string) => ({ Description: 'x', UnitAmount: 10, ...(code ? { AccountCode: code } : {}), TaxType: 'TAX001' });
    expect(await errorsOf(invoice({ LineItems: [line('999')] }))).toEqual(["Account code '999' is not a valid code for this document."]);
    expect(await errorsOf(invoice({ LineItems: [line('090')] }))).toEqual(["Account code '090' is not a valid code for this document."]);
    expect(await errorsOf(invoice({ LineItems: [line('250')] }))).toEqual(["Account code '250' has been archived, or has been deleted. Each line item must reference a valid account."]);
    expect(await errorsOf(invoice({ LineItems: [line()] }))).toEqual(['Account code or ID must be specified']);
    expect((await putOne(invoice({ Status: 'DRAFT', LineItems: [line()] }))).status).toBe(200);
  });

  it('rejects a tax rate Name used as TaxType, and a TaxType that does not fit the account', async () => {
    expect(await errorsOf(invoice({ LineItems: [{ Description: 'x', UnitAmount: 10, AccountCode: '200', TaxType: '23% VAT on Income' }] }))).toEqual([
      'The TaxType code 23% VAT on Income does not exist or cannot be used for this type of transaction.',
      "The TaxType code '23% VAT on Income' cannot be used with account code '200'.",
    ]);
    expect(await errorsOf(invoice({ LineItems: [{ Description: 'x', UnitAmount: 10, AccountCode: '200', TaxType: 'INPUT' }] }))).toEqual([
      "The TaxType code 'INPUT' cannot be used with account code '200'.",
    ]);
    expect(await errorsOf(invoice({ LineItems: [{ Description: 'x', UnitAmount: 10, AccountCode: '200', TaxType: 'TAX006' }] }))).toContain(
      'The TaxType code TAX006 does not exist or cannot be used for this type of transaction.',
    );
    // Codes are matched exactly: "tax001" is not TAX001.
    expect(await errorsOf(invoice({ LineItems: [{ Description: 'x', UnitAmount: 10, AccountCode: '200', TaxType: 'tax001' }] }))).toContain(
      'The TaxType code tax001 does not exist or cannot be used for this type of transaction.',
    );
  });

  it('requires a contact and line items, and a valid status for creation', async () => {
    const { Contact: _c, ...noContact } = invoice();
    expect(await errorsOf(noContact)).toEqual(['A Contact must be specified for this type of transaction']);
    expect(await errorsOf(invoice({ Contact: { EmailAddress: 'x@y.ie' } }))).toEqual([
      'The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber',
    ]);
    expect(await errorsOf(invoice({ LineItems: [] }))).toEqual(['One or more line items must be specified']);
    expect(await errorsOf(invoice({ Status: 'PAID' }))).toEqual(['Invoice not of valid status for creation']);
    expect(await errorsOf(invoice({ CurrencyCode: 'USD' }))).toEqual(['Organisation is not subscribed to currency USD']);
  });

  it('refuses documents dated on or before the period lock date (seeded; more in lock-dates-and-currencies.test.ts)', async () => {
    const locked = await sandbox({ seed: { organisations: [{ ...IRISH_ORG, periodLockDate: '2026-06-30', invoices: [], payments: [] }] } });
    try {
      const l = api(locked, (await connectWeb(locked)).access_token);
      const r = await l.put('/Invoices', invoice({ Date: '2026-06-30' }));
      expect(validationMessages((r.body.Elements as Json[])[0]!)).toEqual(['The document date cannot be before the period lock date, currently set at 30-Jun-2026']);
      expect((await l.put('/Invoices', invoice({ Date: '2026-07-01' }))).status).toBe(200);
    } finally {
      await locked.stop();
    }
  });

  it('creates an unknown contact named on an invoice, and reuses an existing one by name', async () => {
    const a = first(await putOne(invoice({ Contact: { Name: 'Brand New Ltd' } })), 'Invoices');
    const b = first(await putOne(invoice({ Contact: { Name: 'brand new ltd' } })), 'Invoices');
    expect((a.Contact as Json).ContactID).toBe((b.Contact as Json).ContactID);
    expect(list(await x.get(`/Contacts?where=${encodeURIComponent('Name=="Brand New Ltd"')}`), 'Contacts')).toHaveLength(1);
  });

  it('summarizeErrors=true (default): one bad element fails the whole batch with 400 and saves nothing', async () => {
    const before = list(await x.get('/Invoices'), 'Invoices').length;
    const r = await x.put('/Invoices', { Invoices: [invoice(), invoice({ LineItems: [{ Description: 'x', UnitAmount: 1, AccountCode: '999', TaxType: 'TAX001' }] })] });
    expect(r.status).toBe(400);
    // Every element is listed, in order, each with its own ValidationErrors (empty for the good one).
    expect((r.body.Elements as Json[]).map(validationMessages)).toEqual([[], ["Account code '999' is not a valid code for this document."]]);
    expect(list(await x.get('/Invoices'), 'Invoices')).toHaveLength(before);
  });

  it('summarizeErrors=false: 200, good elements saved, each marked OK / WARNING / ERROR', async () => {
    const r = await x.put('/Invoices?summarizeErrors=false', {
      Invoices: [
        invoice({ Reference: 'good' }),
        invoice({ Reference: 'bad', LineItems: [{ Description: 'x', UnitAmount: 1, AccountCode: '999', TaxType: 'TAX001' }] }),
        invoice({ Reference: 'warn', Status: 'DRAFT', SentToContact: true }),
      ],
    });
    expect(r.status).toBe(200);
    const [good, bad, warn] = list(r, 'Invoices');
    expect(good).toMatchObject({ StatusAttributeString: 'OK', Reference: 'good' });
    expect(bad).toMatchObject({ StatusAttributeString: 'ERROR', HasErrors: true, InvoiceID: '00000000-0000-0000-0000-000000000000' });
    expect(validationMessages(bad!)).toEqual(["Account code '999' is not a valid code for this document."]);
    expect(warn).toMatchObject({ StatusAttributeString: 'WARNING', Warnings: [{ Message: 'Only AUTHORISED invoices may have SentToContact updated.' }] });
    const refs = list(await x.get('/Invoices'), 'Invoices').map((i) => i.Reference);
    expect(refs).toContain('good');
    expect(refs).not.toContain('bad');
  });
});

describe('Invoices: read, filter, page, update', () => {
  it('gets by InvoiceID or InvoiceNumber, 404 when unknown', async () => {
    const inv = first(await x.get('/Invoices/INV-0001'), 'Invoices');
    expect(inv).toMatchObject({ InvoiceNumber: 'INV-0001', Reference: 'CourseCo TX 1001', Status: 'AUTHORISED', Total: 233.7, AmountPaid: 100, AmountDue: 133.7 });
    expect((inv.LineItems as Json[])[0]).toMatchObject({ AccountCode: '200', TaxType: 'TAX001', LineAmount: 190, TaxAmount: 43.7 });
    expect(first(await x.get(`/Invoices/${String(inv.InvoiceID)}`), 'Invoices').InvoiceNumber).toBe('INV-0001');
    const missing = await x.get('/Invoices/INV-9999');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ Title: 'Not Found', Status: 404 });
  });

  it('filters by InvoiceNumbers, Statuses, IDs, ContactIDs and where; omits line items unless a page is asked for', async () => {
    const two = list(await x.get('/Invoices?InvoiceNumbers=INV-0001,INV-0002&order=InvoiceNumber%20ASC'), 'Invoices');
    expect(two.map((i) => i.InvoiceNumber)).toEqual(['INV-0001', 'INV-0002']);
    expect(two[0]!.LineItems).toBeUndefined();
    expect(list(await x.get('/Invoices?InvoiceNumbers=INV-0001&page=1'), 'Invoices')[0]!.LineItems).toBeDefined();
    expect(list(await x.get('/Invoices?Statuses=DRAFT'), 'Invoices').map((i) => i.InvoiceNumber)).toEqual(['INV-0002']);
    const id = String(two[1]!.InvoiceID);
    expect(list(await x.get(`/Invoices?IDs=${id}`), 'Invoices')).toHaveLength(1);
    const contactId = String((two[0]!.Contact as Json).ContactID);
    expect(list(await x.get(`/Invoices?ContactIDs=${contactId}`), 'Invoices').map((i) => i.InvoiceNumber)).toEqual(['INV-0001']);
    for (const where of [
      `InvoiceId=guid("${id}")`,
      'Reference=="CourseCo TX 1002"',
      'Contact.Name=="Aoife Byrne"',
      'Status=="DRAFT" OR AmountDue > 10000',
      'Type=="ACCREC" && Date >= DateTime(2026, 09, 02)',
    ]) {
      expect(list(await x.get(`/Invoices?where=${encodeURIComponent(where)}`), 'Invoices').map((i) => i.InvoiceNumber)).toEqual(['INV-0002']);
    }
  });

  it('pages 100 by default, at most 1000, with a pagination object', async () => {
    await x.put('/Invoices', { Invoices: Array.from({ length: 120 }, (_, i) => invoice({ Reference: `bulk-${i}`, Status: 'DRAFT' })) });
    const p1 = await x.get('/Invoices?page=1');
    expect(list(p1, 'Invoices')).toHaveLength(100);
    expect(p1.body.pagination).toEqual({ page: 1, pageSize: 100, pageCount: 2, itemCount: 122 });
    expect(list(await x.get('/Invoices?page=2'), 'Invoices')).toHaveLength(22);
    expect((await x.get('/Invoices?page=1&pageSize=0')).body.pagination).toMatchObject({ pageSize: 1 });
  });

  it('honours If-Modified-Since (ISO, as xero-node sends it)', async () => {
    sb.advanceClock(3600);
    x = api(sb, (await connectWeb(sb)).access_token);
    const since = new Date(sb.now()).toISOString();
    const fresh = first(await x.put('/Invoices', invoice({ Reference: 'fresh' })), 'Invoices');
    const rows = list(await x.get('/Invoices', { 'If-Modified-Since': since }), 'Invoices');
    expect(rows.map((r) => r.InvoiceID)).toEqual([fresh.InvoiceID]);
  });

  it('follows Xero\'s status transitions', async () => {
    const draft = first(await x.put('/Invoices', invoice({ Status: 'DRAFT' })), 'Invoices');
    const id = String(draft.InvoiceID);
    expect(first(await x.post(`/Invoices/${id}`, { Status: 'SUBMITTED' }), 'Invoices').Status).toBe('SUBMITTED');
    expect(first(await x.post(`/Invoices/${id}`, { Invoices: [{ Status: 'AUTHORISED' }] }), 'Invoices').Status).toBe('AUTHORISED');
    const back = await x.post(`/Invoices/${id}`, { Status: 'DRAFT' });
    expect(back.status).toBe(400);
    expect(validationMessages((back.body.Elements as Json[])[0]!)).toEqual(['Invoice not of valid status for modification']);
    expect(first(await x.post('/Invoices', { Invoices: [{ InvoiceID: id, Status: 'VOIDED' }] }), 'Invoices').Status).toBe('VOIDED');
    const edit = await x.post(`/Invoices/${id}`, { Reference: 'too late' });
    expect(validationMessages((edit.body.Elements as Json[])[0]!)).toEqual(['Invoice not of valid status for modification']);
  });

  it('replaces lines on update; refuses edits once a payment is allocated', async () => {
    const inv = first(await x.put('/Invoices', invoice()), 'Invoices');
    const id = String(inv.InvoiceID);
    const upd = first(await x.post(`/Invoices/${id}`, { LineItems: [{ Description: 'Two people', Quantity: 2, UnitAmount: 100, AccountCode: '200', TaxType: 'TAX001' }] }), 'Invoices');
    expect(upd).toMatchObject({ Total: 246, AmountDue: 246 });
    expect((upd.LineItems as Json[])[0]!.LineItemID).not.toBe(((inv.LineItems as Json[])[0]!).LineItemID);
    await x.put('/Payments', { Payments: [{ Invoice: { InvoiceID: id }, Account: { Code: '090' }, Amount: 46, Date: '2026-10-02' }] });
    const locked = await x.post(`/Invoices/${id}`, { LineItems: [{ Description: 'x', UnitAmount: 1, AccountCode: '200', TaxType: 'TAX001' }] });
    expect(validationMessages((locked.body.Elements as Json[])[0]!)).toEqual(['This document cannot be edited as it has a payment or credit note allocated to it.']);
  });
});

describe('Payments', () => {
  const pay = (p: Json) => x.put('/Payments', { Payments: [p] });
  const payErrors = async (p: Json) => {
    const r = await pay(p);
    expect(r.status).toBe(400);
    return validationMessages((r.body.Elements as Json[])[0]!);
  };

  it('pays an AUTHORISED invoice to a BANK account; full payment makes it PAID', async () => {
    const inv = first(await x.put('/Invoices', invoice()), 'Invoices');
    const part = first(await pay({ Invoice: { InvoiceID: inv.InvoiceID }, Account: { Code: '090' }, Amount: 23, Date: '2026-10-05', Reference: 'EFT' }), 'Payments');
    expect(part).toMatchObject({ Amount: 23, Status: 'AUTHORISED', PaymentType: 'ACCRECPAYMENT', Account: { Code: '090' }, Invoice: { AmountDue: 100, AmountPaid: 23, Status: 'AUTHORISED' } });
    const rest = first(await pay({ Invoice: { InvoiceNumber: inv.InvoiceNumber }, Account: { Code: '615' }, Amount: 100, Date: '2026-10-06' }), 'Payments');
    expect(rest.Invoice).toMatchObject({ Status: 'PAID', AmountDue: 0, AmountPaid: 123 });
    const after = first(await x.get(`/Invoices/${String(inv.InvoiceID)}`), 'Invoices');
    expect(after).toMatchObject({ Status: 'PAID', FullyPaidOnDate: '/Date(1791244800000+0000)/' });
    expect((after.Payments as Json[]).map((p) => p.Amount)).toEqual([23, 100]);
  });

  it('refuses DRAFT and PAID invoices, over-payment, bad accounts and a missing account', async () => {
    expect(await payErrors({ Invoice: { InvoiceNumber: 'INV-0002' }, Account: { Code: '090' }, Amount: 10 })).toEqual(['Payments can only be made against Authorised documents']);
    expect(await payErrors({ Invoice: { InvoiceNumber: 'INV-0001' }, Account: { Code: '090' }, Amount: 133.71 })).toEqual(['Payment amount exceeds the amount outstanding on this document']);
    expect(await payErrors({ Invoice: { InvoiceNumber: 'INV-0001' }, Account: { Code: '620' }, Amount: 10 })).toEqual(['Account type is invalid for making a payment to/from']);
    expect(await payErrors({ Invoice: { InvoiceNumber: 'INV-0001' }, Account: { Code: '200' }, Amount: 10 })).toEqual(['Account type is invalid for making a payment to/from']);
    expect(await payErrors({ Invoice: { InvoiceNumber: 'INV-0001' }, Amount: 10 })).toEqual(['You must specify an Account code or Account ID for the payment']);
    const inv = first(await x.put('/Invoices', invoice()), 'Invoices');
    await pay({ Invoice: { InvoiceID: inv.InvoiceID }, Account: { Code: '090' }, Amount: 123 });
    expect(await payErrors({ Invoice: { InvoiceID: inv.InvoiceID }, Account: { Code: '090' }, Amount: 1 })).toEqual([
      'Payments can only be made against Authorised documents',
      'Payment amount exceeds the amount outstanding on this document',
    ]);
  });

  it('creates a single payment with POST /Payments (xero-node createPayment)', async () => {
    const r = await x.post('/Payments', { Invoice: { InvoiceNumber: 'INV-0001' }, Account: { Code: '091' }, Amount: 33.7, Date: '2026-10-01' });
    expect(r.status).toBe(200);
    expect(first(r, 'Payments')).toMatchObject({ Amount: 33.7, Invoice: { AmountDue: 100 } });
  });

  it('deletes a payment with Status DELETED and reopens the invoice; reconciled payments stay', async () => {
    const inv = first(await x.put('/Invoices', invoice()), 'Invoices');
    const p = first(await pay({ Invoice: { InvoiceID: inv.InvoiceID }, Account: { Code: '090' }, Amount: 123 }), 'Payments');
    const del = await x.post(`/Payments/${String(p.PaymentID)}`, { Status: 'DELETED' });
    expect(first(del, 'Payments').Status).toBe('DELETED');
    expect(first(await x.get(`/Invoices/${String(inv.InvoiceID)}`), 'Invoices')).toMatchObject({ Status: 'AUTHORISED', AmountDue: 123, AmountPaid: 0 });
    const modify = await x.post(`/Payments/${String(p.PaymentID)}`, { Amount: 5 });
    expect(validationMessages((modify.body.Elements as Json[])[0]!)).toEqual(['Payments cannot be modified, only created and deleted']);
    const rec = first(await pay({ Invoice: { InvoiceID: inv.InvoiceID }, Account: { Code: '090' }, Amount: 1, IsReconciled: true }), 'Payments');
    const refused = await x.post(`/Payments/${String(rec.PaymentID)}`, { Payments: [{ Status: 'DELETED' }] });
    expect(validationMessages((refused.body.Elements as Json[])[0]!)).toEqual(['This payment has been reconciled and cannot be deleted']);
    const listed = list(await x.get(`/Payments?where=${encodeURIComponent('Status=="AUTHORISED"')}`), 'Payments');
    expect(listed.some((row) => row.PaymentID === p.PaymentID)).toBe(false);
  });
});

describe('Credit notes', () => {
  it('creates an AUTHORISED credit note and allocates it to an invoice', async () => {
    const inv = first(await x.put('/Invoices', invoice()), 'Invoices');
    const cn = first(
      await x.put('/CreditNotes', { CreditNotes: [{ Type: 'ACCRECCREDIT', Contact: { Name: 'Galway Bay Safety Ltd' }, Date: '2026-10-03', Status: 'AUTHORISED', LineItems: [{ Description: 'Cancelled delegate', Quantity: 1, UnitAmount: 50, AccountCode: '200', TaxType: 'TAX001' }] }] }),
      'CreditNotes',
    );
    expect(cn).toMatchObject({ CreditNoteNumber: 'CN-0001', Total: 61.5, RemainingCredit: 61.5, Status: 'AUTHORISED' });
    const alloc = await x.put(`/CreditNotes/${String(cn.CreditNoteID)}/Allocations`, { Allocations: [{ Invoice: { InvoiceID: inv.InvoiceID }, Amount: 61.5, Date: '2026-10-03' }] });
    expect(alloc.status).toBe(200);
    expect(first(await x.get(`/CreditNotes/${String(cn.CreditNoteID)}`), 'CreditNotes')).toMatchObject({ RemainingCredit: 0, Status: 'PAID' });
    expect(first(await x.get(`/Invoices/${String(inv.InvoiceID)}`), 'Invoices')).toMatchObject({ AmountCredited: 61.5, AmountDue: 61.5 });
    const over = await x.put(`/CreditNotes/${String(cn.CreditNoteID)}/Allocations`, { Allocations: [{ Invoice: { InvoiceID: inv.InvoiceID }, Amount: 1 }] });
    expect(over.status).toBe(400);
  });

  it('keeps four decimals of a UnitAmount with unitdp=4 on every document write, and rounds to two without it', async () => {
    const line = (unit: number) => [{ Description: 'Part day', Quantity: 1, UnitAmount: unit, AccountCode: '200', TaxType: 'TAX001' }];
    const unitOf = (doc: Json) => (doc.LineItems as Json[])[0]!.UnitAmount;
    const draft = (extra: Json = {}) => ({ Type: 'ACCRECCREDIT', Contact: { Name: 'Galway Bay Safety Ltd' }, Date: '2026-10-03', Status: 'DRAFT', LineItems: line(12.3456), ...extra });
    const rounded = first(await x.put('/CreditNotes', { CreditNotes: [draft()] }), 'CreditNotes');
    expect(unitOf(rounded)).toBe(12.35);
    const cn = first(await x.put('/CreditNotes?unitdp=4', { CreditNotes: [draft()] }), 'CreditNotes');
    expect(unitOf(cn)).toBe(12.3456);
    const updated = first(await x.post(`/CreditNotes/${String(cn.CreditNoteID)}?unitdp=4`, { CreditNotes: [{ LineItems: line(7.8912) }] }), 'CreditNotes');
    expect(unitOf(updated)).toBe(7.8912);
    const inv = first(await x.put('/Invoices?unitdp=4', invoice({ LineItems: line(9.8765) })), 'Invoices');
    expect(unitOf(inv)).toBe(9.8765);
    const invUpdated = first(await x.post(`/Invoices/${String(inv.InvoiceID)}?unitdp=4`, { Invoices: [{ LineItems: line(1.2345) }] }), 'Invoices');
    expect(unitOf(invUpdated)).toBe(1.2345);
  });
});
