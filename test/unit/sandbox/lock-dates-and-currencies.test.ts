/**
 * Lock dates and multi-currency, as Xero documents them (sandbox/accounting/lock-dates.ts and settings.ts cite the
 * sources): approved documents, payments and allocations dated on or before a lock date are refused with Xero's own
 * words, drafts may sit in a locked period, advisers pass the period lock but not the end-of-year one; an
 * organisation takes its base currency and those enabled (GET /Currencies), nothing else. Both are set the way an
 * adviser would in Xero, through `POST /sandbox/organisation`, and survive a restart.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { STERLING_SEED, type RunningSandbox } from '../../../sandbox/index';
import { toStartOptions } from '../../../sandbox/cli';
import { admin, api, connectWeb, first, invoice, sandbox, useFreshSandbox, validationMessages, type Json } from './helpers';

let sb: RunningSandbox;
let x: ReturnType<typeof api>;
let tenantId: string;

useFreshSandbox(
  (fresh, token) => {
    sb = fresh;
    x = api(sb, token);
    tenantId = sb.tenants[0]!.tenantId;
  },
  { tempPrefix: 'sandbox-locks-' },
);

const PERIOD = 'The document date cannot be before the period lock date, currently set at 30-Jun-2026';
const END_OF_YEAR = 'The document date cannot be before the end of year lock date, currently set at 31-Dec-2025';
const lock = (body: Json) => admin(sb, 'POST', '/sandbox/organisation', { tenantId, ...body });
const errorsOf = async (path: string, body: Json, method: 'put' | 'post' = 'put') => {
  const r = await x[method](path, body);
  return r.status === 200 ? [] : validationMessages((r.body.Elements as Json[])[0]!);
};
const created = async (body: Json) => {
  const r = await x.put('/Invoices', body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return first(r, 'Invoices');
};

describe('lock dates', () => {
  beforeEach(async () => {
    expect((await lock({ periodLockDate: '2026-06-30', endOfYearLockDate: '2025-12-31' })).status).toBe(200);
  });

  it('shows them on the Organisation, and clears them with null', async () => {
    expect(first(await x.get('/Organisation'), 'Organisations')).toMatchObject({ PeriodLockDate: '/Date(1782777600000+0000)/', EndOfYearLockDate: '/Date(1767139200000+0000)/' });
    expect((await lock({ periodLockDate: null, endOfYearLockDate: null })).body).toMatchObject({ PeriodLockDate: null, EndOfYearLockDate: null });
    const org = first(await x.get('/Organisation'), 'Organisations');
    expect(org).not.toHaveProperty('PeriodLockDate');
    expect(org).not.toHaveProperty('EndOfYearLockDate');
  });

  it('refuses an approved document dated on or before the lock date, with Xero’s words; both locks speak when both apply', async () => {
    expect(await errorsOf('/Invoices', invoice({ Date: '2026-06-30' }))).toEqual([PERIOD]);
    expect(await errorsOf('/Invoices', invoice({ Date: '2025-12-31' }))).toEqual([PERIOD, END_OF_YEAR]);
    expect(await errorsOf('/CreditNotes', { ...invoice({ Type: 'ACCRECCREDIT', Date: '2026-05-01' }), DueDate: undefined })).toEqual([PERIOD]);
    expect(await errorsOf('/Invoices', invoice({ Date: '2026-07-01' }))).toEqual([]);
  });

  it('lets a draft sit in a locked period, but not be approved there', async () => {
    const draft = await created(invoice({ Date: '2026-06-15', Status: 'DRAFT' }));
    expect(await errorsOf(`/Invoices/${String(draft.InvoiceID)}`, { Invoices: [{ Status: 'AUTHORISED' }] }, 'post')).toEqual([PERIOD]);
    expect(await errorsOf(`/Invoices/${String(draft.InvoiceID)}`, { Invoices: [{ Status: 'AUTHORISED', Date: '2026-07-01' }] }, 'post')).toEqual([]);
  });

  it('refuses changes to an approved document once the period is locked over it', async () => {
    await lock({ periodLockDate: null, endOfYearLockDate: null });
    const inv = await created(invoice({ Date: '2026-06-15' }));
    await lock({ periodLockDate: '2026-06-30' });
    const id = String(inv.InvoiceID);
    expect(await errorsOf(`/Invoices/${id}`, { Invoices: [{ Reference: 'moved' }] }, 'post')).toEqual([PERIOD]);
    // Moving it out of the period is a change in the period too.
    expect(await errorsOf(`/Invoices/${id}`, { Invoices: [{ Date: '2026-07-02' }] }, 'post')).toEqual([PERIOD]);
    expect(await errorsOf(`/Invoices/${id}`, { Invoices: [{ Status: 'VOIDED' }] }, 'post')).toEqual([PERIOD]);
  });

  it('refuses payments and credit allocations dated in a locked period, and the deletion of a locked payment', async () => {
    const inv = await created(invoice({ Date: '2026-07-01' }));
    const pay = (date: string) => ({ Payments: [{ Invoice: { InvoiceID: inv.InvoiceID }, Account: { Code: '090' }, Date: date, Amount: 10 }] });
    expect(await errorsOf('/Payments', pay('2026-06-30'))).toEqual([PERIOD]);
    const paid = await x.put('/Payments', pay('2026-07-02'));
    expect(paid.status).toBe(200);
    const cn = first(await x.put('/CreditNotes', { ...invoice({ Type: 'ACCRECCREDIT', Date: '2026-07-01' }), DueDate: undefined }), 'CreditNotes');
    const allocation = (date: string) => x.put(`/CreditNotes/${String(cn.CreditNoteID)}/Allocations`, { Allocations: [{ Invoice: { InvoiceID: inv.InvoiceID }, Amount: 5, Date: date }] });
    const refused = await allocation('2026-06-01');
    expect(refused.status).toBe(400);
    expect(validationMessages((refused.body.Elements as Json[])[0]!)).toEqual([PERIOD]);
    expect((await allocation('2026-07-03')).status).toBe(200);
    // The period is then locked over the payment: it can no longer be deleted.
    await lock({ periodLockDate: '2026-07-31' });
    const del = await x.post(`/Payments/${String(first(paid, 'Payments').PaymentID)}`, { Payments: [{ Status: 'DELETED' }] });
    expect(del.status).toBe(400);
    expect(validationMessages((del.body.Elements as Json[])[0]!)).toEqual(['The document date cannot be before the period lock date, currently set at 31-Jul-2026']);
  });

  it('lets an adviser through the period lock, never through the end-of-year lock', async () => {
    expect((await admin(sb, 'POST', '/sandbox/user-role', { tenantId, role: 'adviser' })).status).toBe(200);
    expect(await errorsOf('/Invoices', invoice({ Date: '2026-06-15' }))).toEqual([]);
    expect(await errorsOf('/Invoices', invoice({ Date: '2025-12-31' }))).toEqual([END_OF_YEAR]);
  });

  it('refuses settings that are not dates, and names no organisation it does not have', async () => {
    expect((await lock({ periodLockDate: '30/06/2026' })).status).toBe(400);
    expect((await admin(sb, 'POST', '/sandbox/organisation', { tenantId: 'nope', periodLockDate: '2026-01-01' })).status).toBe(400);
    expect(first(await x.get('/Organisation'), 'Organisations')).toMatchObject({ PeriodLockDate: '/Date(1782777600000+0000)/' });
  });
});

describe('currencies', () => {
  it('lists the base currency alone without multi-currency, and refuses a foreign CurrencyCode with Xero’s message', async () => {
    expect((await x.get('/Currencies')).body.Currencies).toEqual([{ Code: 'EUR', Description: 'Euro' }]);
    expect(await errorsOf('/Invoices', invoice({ CurrencyCode: 'GBP' }))).toEqual(['Organisation is not subscribed to currency GBP']);
  });

  it('takes a currency once it is enabled, and lists it', async () => {
    expect((await admin(sb, 'POST', '/sandbox/organisation', { tenantId, extraCurrencies: ['GBP'] })).body).toMatchObject({ currencies: ['EUR', 'GBP'] });
    expect((await x.get('/Currencies')).body.Currencies).toEqual([{ Code: 'EUR', Description: 'Euro' }, { Code: 'GBP', Description: 'Pound Sterling' }]);
    expect((await x.get(`/Currencies?where=${encodeURIComponent('Code=="GBP"')}`)).body.Currencies).toEqual([{ Code: 'GBP', Description: 'Pound Sterling' }]);
    expect((await created(invoice({ CurrencyCode: 'GBP' }))).CurrencyCode).toBe('GBP');
    expect((await admin(sb, 'POST', '/sandbox/organisation', { tenantId, extraCurrencies: ['euro'] })).status).toBe(400);
  });

  it('offers a sterling world: the GBP organisation alone, without multi-currency', async () => {
    expect(toStartOptions({ preset: 'sterling', port: 0 }).seed).toBe(STERLING_SEED);
    expect(() => toStartOptions({ preset: 'nowhere' })).toThrow(/--preset must be one of default, sterling/);
    const gbp = await sandbox({ seed: STERLING_SEED });
    try {
      expect(gbp.tenants.map((t) => t.name)).toEqual(['Thames Valley Courses Ltd']);
      const y = api(gbp, (await connectWeb(gbp)).access_token, gbp.tenants[0]!.tenantId);
      expect((await y.get('/Currencies')).body.Currencies).toEqual([{ Code: 'GBP', Description: 'Pound Sterling' }]);
      const r = await y.put('/Invoices', invoice({ CurrencyCode: 'EUR', LineItems: [{ Description: 'Manual Handling', Quantity: 1, UnitAmount: 100, AccountCode: '200', TaxType: 'OUTPUT2' }] }));
      expect(validationMessages((r.body.Elements as Json[])[0]!)).toEqual(['Organisation is not subscribed to currency EUR']);
    } finally {
      await gbp.stop();
    }
  });
});
