/**
 * Tracking categories as Xero documents them (sandbox/accounting/tracking.ts): reads with and without archived
 * categories and options, writes only with `accounting.settings`, Xero's limits (two active categories, 100 active
 * options), and document lines whose `Tracking` names an unknown or archived category or option refused.
 */
import { describe, expect, it } from 'vitest';
import { IRISH_ORG, startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { api, connectWeb, first, invoice, validationMessages, type Json, useFreshSandbox } from './helpers';

let sb: RunningSandbox;
let ie: ReturnType<typeof api>;

useFreshSandbox((running, token) => {
  sb = running;
  ie = api(sb, token, sb.tenants[0]!.tenantId);
});

type Category = { Name: string; Status: string; TrackingCategoryID: string; Options: Array<{ Name: string; Status: string; TrackingOptionID: string }> };
const categories = async (query = '') => (await ie.get(`/TrackingCategories${query}`)).body.TrackingCategories as Category[];
const venue = async (query = '') => (await categories(query)).find((c) => c.Name === 'Venue')!;
const line = (tracking: unknown, extra: Json = {}) => ({ Description: 'Manual Handling', Quantity: 1, UnitAmount: 100, AccountCode: '200', TaxType: 'TAX001', Tracking: tracking, ...extra });

describe('GET /TrackingCategories', () => {
  it('lists the active categories with their active options; includeArchived adds the archived ones', async () => {
    const active = await venue();
    expect(active.Status).toBe('ACTIVE');
    expect(active.Options.map((o) => o.Name)).toEqual(['Dublin', 'Cork']);
    const all = await venue('?includeArchived=true');
    expect(all.Options.map((o) => [o.Name, o.Status])).toEqual([['Dublin', 'ACTIVE'], ['Cork', 'ACTIVE'], ['Limerick', 'ARCHIVED']]);
    const one = await ie.get(`/TrackingCategories/${active.TrackingCategoryID}`);
    expect(first<Category>(one, 'TrackingCategories').Name).toBe('Venue');
  });

  it('is readable with accounting.settings.read alone', async () => {
    const readOnly = api(sb, (await connectWeb(sb, 'offline_access accounting.invoices accounting.settings.read')).access_token, sb.tenants[0]!.tenantId);
    expect((await readOnly.get('/TrackingCategories')).status).toBe(200);
  });
});

describe('PUT /TrackingCategories/{id}/Options', () => {
  it('adds an option with accounting.settings, and the option is then usable on lines', async () => {
    const { TrackingCategoryID } = await venue();
    const res = await ie.put(`/TrackingCategories/${TrackingCategoryID}/Options`, { Name: 'Galway' });
    expect(res.status).toBe(200);
    expect(first<Json>(res, 'Options')).toMatchObject({ Name: 'Galway', Status: 'ACTIVE' });
    expect((await venue()).Options.map((o) => o.Name)).toEqual(['Dublin', 'Cork', 'Galway']);
    const sent = await ie.put('/Invoices', { Invoices: [invoice({ LineItems: [line([{ Name: 'Venue', Option: 'Galway' }])] })] });
    expect(sent.status).toBe(200);
  });

  it('is refused without accounting.settings (the .read scope is for reads only): 401 AuthorizationUnsuccessful, nothing added', async () => {
    const readOnly = api(sb, (await connectWeb(sb, 'offline_access accounting.invoices accounting.settings.read')).access_token, sb.tenants[0]!.tenantId);
    const { TrackingCategoryID } = await venue();
    const res = await readOnly.put(`/TrackingCategories/${TrackingCategoryID}/Options`, { Name: 'Galway' });
    expect(res.status).toBe(401);
    expect(res.body.Detail).toBe('AuthorizationUnsuccessful');
    expect((await venue()).Options.map((o) => o.Name)).toEqual(['Dublin', 'Cork']);
  });

  it('takes one option per request, as the OpenAPI request body is one TrackingOption', async () => {
    const { TrackingCategoryID } = await venue();
    const res = await ie.put(`/TrackingCategories/${TrackingCategoryID}/Options`, { Options: [{ Name: 'Galway' }, { Name: 'Sligo' }] });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('Create one tracking category or option per request');
    expect((await venue()).Options.map((o) => o.Name)).toEqual(['Dublin', 'Cork']);
  });

  it('refuses a duplicate (any letter case), an archived duplicate and a name over 100 characters', async () => {
    const { TrackingCategoryID } = await venue();
    const put = (name: string) => ie.put(`/TrackingCategories/${TrackingCategoryID}/Options`, { Name: name });
    const messages = async (name: string) => {
      const res = await put(name);
      expect(res.status).toBe(400);
      return validationMessages((res.body.Elements as Json[])[0]!);
    };
    expect(await messages('cork')).toEqual(["The tracking option 'cork' already exists in the tracking category 'Venue'."]);
    expect(await messages('Limerick')).toEqual(["The tracking option 'Limerick' already exists in the tracking category 'Venue'."]);
    expect(await messages('x'.repeat(101))).toEqual(['Name must be 100 characters or fewer.']);
  });

  it('refuses the 101st active option (archived ones do not count)', async () => {
    // A seeded organisation: 100 requests would meet the sandbox's 60-a-minute limit first, as they would Xero's.
    const options = [...Array.from({ length: 99 }, (_, i) => ({ Name: `Room ${i}` })), { Name: 'Old room', Status: 'ARCHIVED' as const }];
    const full = await startSandbox({ seed: { organisations: [{ ...IRISH_ORG, trackingCategories: [{ Name: 'Venue', Options: options }] }] } });
    try {
      const client = api(full, (await connectWeb(full)).access_token, full.tenants[0]!.tenantId);
      const id = ((await client.get('/TrackingCategories')).body.TrackingCategories as Category[])[0]!.TrackingCategoryID;
      expect((await client.put(`/TrackingCategories/${id}/Options`, { Name: 'Room 99' })).status).toBe(200);
      const refusedRes = await client.put(`/TrackingCategories/${id}/Options`, { Name: 'One too many' });
      expect(refusedRes.status).toBe(400);
      expect(validationMessages((refusedRes.body.Elements as Json[])[0]!)).toEqual([
        "The tracking category 'Venue' already has 100 active options, the most it can have. Archive an option before adding another.",
      ]);
    } finally {
      await full.stop();
    }
  });

  it('answers an unknown category id with the 500 Xero gives', async () => {
    const res = await ie.put('/TrackingCategories/6f1b1b3c-0000-4000-8000-000000000000/Options', { Name: 'Galway' });
    expect(res.status).toBe(500);
  });
});

describe('PUT /TrackingCategories', () => {
  it('creates a second active category, and refuses a third', async () => {
    const created = await ie.put('/TrackingCategories', { Name: 'Channel' });
    expect(created.status).toBe(200);
    expect(first<Category>(created, 'TrackingCategories')).toMatchObject({ Name: 'Channel', Status: 'ACTIVE', Options: [] });
    const third = await ie.put('/TrackingCategories', { Name: 'Trainer' });
    expect(third.status).toBe(400);
    expect(validationMessages((third.body.Elements as Json[])[0]!)).toEqual(['You can only have 2 active tracking categories. Archive a tracking category before adding another.']);
    expect((await categories()).map((c) => c.Name)).toEqual(['Venue', 'Channel']);
  });
});

describe('line Tracking on invoices and credit notes', () => {
  const refused = async (path: string, body: Json) => {
    const res = await ie.put(path, body);
    expect(res.status).toBe(400);
    return validationMessages((res.body.Elements as Json[])[0]!);
  };

  it('stores Xero\'s names and ids for a known option, named exactly as Xero names it (no source says Xero forgives case)', async () => {
    expect(await refused('/Invoices', { Invoices: [invoice({ LineItems: [line([{ Name: 'venue', Option: 'Dublin' }])] })] })).toEqual(["There is no ACTIVE tracking category with the name 'venue'"]);
    expect(await refused('/Invoices', { Invoices: [invoice({ LineItems: [line([{ Name: 'Venue', Option: 'DUBLIN' }])] })] })).toEqual([
      "There is no ACTIVE tracking option with the name 'DUBLIN' in the tracking category 'Venue'",
    ]);
    expect(await refused('/Invoices', { Invoices: [invoice({ LineItems: [line({ Name: 'Venue', Option: 'Dublin' })] })] })).toEqual([
      'Tracking must be a list of tracking categories and options',
    ]);
    const res = await ie.put('/Invoices', { Invoices: [invoice({ LineItems: [line([{ Name: 'Venue', Option: 'Dublin' }])] })] });
    expect(res.status).toBe(200);
    const tracking = (first<Json>(res, 'Invoices').LineItems as Json[])[0]!.Tracking as Json[];
    const { TrackingCategoryID, Options } = await venue();
    expect(tracking).toEqual([{ Name: 'Venue', Option: 'Dublin', TrackingCategoryID, TrackingOptionID: Options[0]!.TrackingOptionID }]);
  });

  it('refuses an unknown category, an unknown option, an archived option, two options of one category and a third entry', async () => {
    expect(await refused('/Invoices', { Invoices: [invoice({ LineItems: [line([{ Name: 'Region', Option: 'North' }])] })] })).toEqual(["There is no ACTIVE tracking category with the name 'Region'"]);
    expect(await refused('/Invoices', { Invoices: [invoice({ LineItems: [line([{ Name: 'Venue', Option: 'Sligo' }])] })] })).toEqual([
      "There is no ACTIVE tracking option with the name 'Sligo' in the tracking category 'Venue'",
    ]);
    expect(await refused('/Invoices', { Invoices: [invoice({ LineItems: [line([{ Name: 'Venue', Option: 'Limerick' }])] })] })).toEqual([
      "There is no ACTIVE tracking option with the name 'Limerick' in the tracking category 'Venue'",
    ]);
    expect(await refused('/Invoices', { Invoices: [invoice({ LineItems: [line([{ Name: 'Venue', Option: 'Dublin' }, { Name: 'Venue', Option: 'Cork' }])] })] })).toEqual([
      "A line item can have only one option from the tracking category 'Venue'.",
    ]);
    const three = [{ Name: 'Venue', Option: 'Dublin' }, { Name: 'Venue', Option: 'Cork' }, { Name: 'Venue', Option: 'Dublin' }];
    expect(await refused('/Invoices', { Invoices: [invoice({ LineItems: [line(three)] })] })).toContain('A line item can have a maximum of 2 tracking categories.');
  });

  it('refuses the same on credit notes', async () => {
    const note = { Type: 'ACCRECCREDIT', Contact: { Name: 'Dublin City Council' }, Date: '2026-10-01', Status: 'AUTHORISED', LineItems: [line([{ Name: 'Venue', Option: 'Sligo' }])] };
    expect(await refused('/CreditNotes', { CreditNotes: [note] })).toEqual(["There is no ACTIVE tracking option with the name 'Sligo' in the tracking category 'Venue'"]);
  });
});
