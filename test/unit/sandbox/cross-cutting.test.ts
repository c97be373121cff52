import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../sandbox/index';
import { admin, api, connectWeb, first, invoice, pkceClient, validationMessages, type Json, sandbox, useFreshSandbox } from './helpers';

let sb: RunningSandbox;
let token: string;
useFreshSandbox((running, fresh) => {
  sb = running;
  token = fresh;
});

const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, number>;

describe('tenant header, token expiry and scopes', () => {
  it('answers 403 AuthenticationUnsuccessful without, or with a wrong, xero-tenant-id', async () => {
    for (const tenant of [null, '11111111-1111-4111-8111-111111111111']) {
      const r = await api(sb, token, tenant).get('/Organisation');
      expect(r.status).toBe(403);
      expect(Object.keys(r.body)).toEqual(['Type', 'Title', 'Status', 'Detail', 'Instance', 'Extensions']);
      expect(r.body).toMatchObject({ Type: null, Title: 'Forbidden', Status: 403, Detail: 'AuthenticationUnsuccessful', Extensions: {} });
      expect(r.body.Instance).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('accepts the tenant header in any case (xero-node sends xero-tenant-id, others Xero-Tenant-Id)', async () => {
    const r = await api(sb, token, null).get('/Organisation', { 'Xero-Tenant-Id': sb.tenants[0]!.tenantId.toUpperCase() });
    expect(r.status).toBe(200);
    // Raw HTTP so the header really is sent twice with different casing.
    const url = new URL(sb.apiBaseUrl);
    const both = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        const t = sb.tenants[0]!.tenantId;
        socket.end(`GET /api.xro/2.0/Organisation HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\nAccept: application/json\r\nxero-tenant-id: ${t}\r\nXero-Tenant-Id: ${t}\r\nConnection: close\r\n\r\n`);
      });
      let data = '';
      socket.on('data', (d: Buffer) => (data += d.toString()));
      socket.on('end', () => resolve(data.split('\r\n')[0]!));
      socket.on('error', reject);
    });
    expect(both).toBe('HTTP/1.1 200 OK');
  });

  it('answers 401 TokenExpired with the expiry stamp once 30 minutes of sandbox time have passed', async () => {
    const exp = decode(token).exp! * 1000;
    expect((await api(sb, token).get('/Organisation')).status).toBe(200);
    sb.advanceClock(30 * 60);
    const r = await api(sb, token).get('/Organisation');
    expect(r.status).toBe(401);
    const d = new Date(exp);
    const p = (n: number) => String(n).padStart(2, '0');
    const stamp = `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
    expect(r.body).toMatchObject({ Type: null, Title: 'Unauthorized', Status: 401, Detail: `TokenExpired: token expired at ${stamp}` });
    const conn = await fetch(sb.endpoints.connections, { headers: { authorization: `Bearer ${token}` } });
    expect(conn.status).toBe(401);
  });

  it('answers 401 for a missing or unknown bearer token', async () => {
    const r = await api(sb, 'not-a-token').get('/Organisation');
    expect(r.status).toBe(401);
    expect(r.body.Detail).toBe('AuthenticationUnsuccessful');
  });

  it('checks granular scopes per endpoint (401 AuthorizationUnsuccessful)', async () => {
    const readOnly = (await connectWeb(sb, 'offline_access accounting.settings.read accounting.contacts.read accounting.invoices.read')).access_token;
    const x = api(sb, readOnly);
    expect((await x.get('/Accounts')).status).toBe(200);
    expect((await x.get('/Invoices')).status).toBe(200);
    expect((await x.get('/CreditNotes')).status).toBe(200);
    const denied = await x.get('/Payments');
    expect(denied.status).toBe(401);
    expect(denied.body).toMatchObject({ Title: 'Unauthorized', Status: 401, Detail: 'AuthorizationUnsuccessful' });
    expect((await x.put('/Contacts', { Name: 'Nope' })).status).toBe(401);
    expect((await x.put('/Invoices', invoice())).status).toBe(401);
  });
});

describe('rate limits', () => {
  it('sends X-MinLimit-Remaining, X-DayLimit-Remaining and X-AppMinLimit-Remaining on every API response', async () => {
    const x = api(sb, token);
    const a = await x.get('/Organisation');
    expect([a.headers.get('x-minlimit-remaining'), a.headers.get('x-daylimit-remaining'), a.headers.get('x-appminlimit-remaining')]).toEqual(['59', '999', '9999']);
    const b = await x.get('/Invoices?where=broken(');
    expect(b.status).toBe(400);
    expect(b.headers.get('x-minlimit-remaining')).toBe('58');
    // The other org has its own allowance; the app-wide one is shared.
    const c = await api(sb, token, sb.tenants[1]!.tenantId).get('/Organisation');
    expect([c.headers.get('x-minlimit-remaining'), c.headers.get('x-appminlimit-remaining')]).toEqual(['59', '9997']);
  });

  it('gives 429 minute with Retry-After after 60 calls, and the window rolls with the clock', async () => {
    const x = api(sb, token);
    for (let i = 0; i < 60; i++) expect((await x.get('/Organisation')).status).toBe(200);
    sb.advanceClock(15);
    const r = await x.get('/Organisation');
    expect(r.status).toBe(429);
    expect(r.headers.get('x-rate-limit-problem')).toBe('minute');
    expect(r.headers.get('retry-after')).toBe('45');
    expect(r.headers.get('x-minlimit-remaining')).toBe('0');
    sb.advanceClock(45);
    expect((await x.get('/Organisation')).status).toBe(200);
  });

  it('gives 429 day and 429 concurrent (5 in flight per tenant)', async () => {
    const small = await sandbox({ rateLimits: { perDay: 3 } });
    try {
      const x = api(small, (await connectWeb(small)).access_token);
      for (let i = 0; i < 3; i++) await x.get('/Organisation');
      const r = await x.get('/Organisation');
      expect(r.status).toBe(429);
      expect(r.headers.get('x-rate-limit-problem')).toBe('day');
      expect(r.headers.get('x-daylimit-remaining')).toBe('0');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(86_000);
    } finally {
      await small.stop();
    }
    sb.addFault({ kind: 'latency', latencyMs: 300, method: 'GET', path: '/api.xro/2.0/Organisation' });
    const x = api(sb, token);
    const results = await Promise.all(Array.from({ length: 6 }, () => x.get('/Organisation')));
    sb.clearFaults();
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(results.find((r) => r.status === 429)!.headers.get('x-rate-limit-problem')).toBe('concurrent');
  });

  it('is off with limits: "off"', async () => {
    const off = await sandbox({ limits: 'off', rateLimits: { perMinute: 1 } });
    try {
      const x = api(off, (await connectWeb(off)).access_token);
      for (let i = 0; i < 5; i++) expect((await x.get('/Organisation')).status).toBe(200);
    } finally {
      await off.stop();
    }
  });
});

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and request, without creating twice', async () => {
    const x = api(sb, token);
    const body = { Invoices: [invoice({ Reference: 'idem-1' })] };
    const a = await x.put('/Invoices', body, { 'Idempotency-Key': 'tx-1:v1' });
    const b = await x.put('/Invoices', body, { 'Idempotency-Key': 'tx-1:v1' });
    expect(b.status).toBe(200);
    expect(first(b, 'Invoices').InvoiceID).toBe(first(a, 'Invoices').InvoiceID);
    expect(b.text).toBe(a.text);
    const found = (await x.get(`/Invoices?where=${encodeURIComponent('Reference=="idem-1"')}`)).body.Invoices as Json[];
    expect(found).toHaveLength(1);
  });

  it('replays errors too, until the key expires after 6 minutes', async () => {
    const x = api(sb, token);
    const payment = { Invoice: { InvoiceNumber: 'INV-0002' }, Account: { Code: '090' }, Amount: 10 };
    const first400 = await x.put('/Payments', payment, { 'Idempotency-Key': 'pay-1' });
    expect(validationMessages((first400.body.Elements as Json[])[0]!)).toEqual(['Payments can only be made against Authorised documents']);
    await x.post('/Invoices/INV-0002', { Status: 'AUTHORISED' });
    const replay = await x.put('/Payments', payment, { 'Idempotency-Key': 'pay-1' });
    expect(replay.status).toBe(400);
    expect(replay.text).toBe(first400.text);
    sb.advanceClock(6 * 60);
    const fresh = await x.put('/Payments', payment, { 'Idempotency-Key': 'pay-1' });
    expect(fresh.status).toBe(200);
  });

  it('refuses the same key with a different request, and keys longer than 128 characters', async () => {
    const x = api(sb, token);
    await x.put('/Contacts', { Name: 'Key Owner' }, { 'Idempotency-Key': 'k-1' });
    const other = await x.put('/Contacts', { Name: 'Someone Else' }, { 'Idempotency-Key': 'k-1' });
    expect(other.status).toBe(400);
    expect(other.body.Message).toBe('Idempotency Key: k-1 is used with a different request.');
    const long = await x.put('/Contacts', { Name: 'Long' }, { 'Idempotency-Key': 'x'.repeat(129) });
    expect(long.status).toBe(400);
    expect((await x.put('/Contacts', { Name: 'Long' }, { 'Idempotency-Key': 'x'.repeat(128) })).status).toBe(200);
  });

  it('keeps keys per app', async () => {
    const p = pkceClient(sb);
    expect(p).toBeDefined();
    const legacyLike = await sandbox({ seed: { legacyBroadScopeClient: true } });
    try {
      const webToken = (await connectWeb(legacyLike)).access_token;
      const otherApp = legacyLike.clients.find((c) => c.scopeMode === 'broad')!;
      const otherToken = (await connectWeb(legacyLike, 'accounting.contacts', 'all', otherApp)).access_token;
      expect((await api(legacyLike, webToken).put('/Contacts', { Name: 'A1' }, { 'Idempotency-Key': 'shared' })).status).toBe(200);
      expect((await api(legacyLike, otherToken).put('/Contacts', { Name: 'A2' }, { 'Idempotency-Key': 'shared' })).status).toBe(200);
    } finally {
      await legacyLike.stop();
    }
  });

  it('makes a concurrent repeat wait for the first and get the same answer', async () => {
    sb.addFault({ kind: 'latency', latencyMs: 200, method: 'PUT', path: '/api.xro/2.0/Invoices', count: 1 });
    const x = api(sb, token);
    const body = { Invoices: [invoice({ Reference: 'race' })] };
    const [a, b] = await Promise.all([x.put('/Invoices', body, { 'Idempotency-Key': 'race-1' }), x.put('/Invoices', body, { 'Idempotency-Key': 'race-1' })]);
    expect(first(a, 'Invoices').InvoiceID).toBe(first(b, 'Invoices').InvoiceID);
  });
});

describe('faults', () => {
  it('injects 500 and 503 for the next N matching requests, then behaves', async () => {
    const x = api(sb, token);
    sb.addFault({ kind: '500', method: 'PUT', path: '/api.xro/2.0/Invoices*', count: 1 });
    const r500 = await x.put('/Invoices', invoice());
    expect(r500.status).toBe(500);
    expect(r500.body).toMatchObject({ Title: 'Internal Server Error', Status: 500 });
    expect((await x.put('/Invoices', invoice())).status).toBe(200);
    const set = await admin(sb, 'POST', '/sandbox/faults', { faults: [{ kind: '503', path: '/api.xro/2.0/*', count: 2 }] });
    expect(set.status).toBe(200);
    const r503 = await x.get('/Organisation');
    expect(r503.status).toBe(503);
    expect(r503.text).toBe('The Xero API is currently offline for maintenance');
    expect((await x.get('/Accounts')).status).toBe(503);
    expect((await x.get('/Accounts')).status).toBe(200);
  });

  it('injects 429 minute/day with Retry-After, also on the token endpoint', async () => {
    const x = api(sb, token);
    sb.addFault({ kind: '429-minute', path: '/api.xro/2.0/Contacts', count: 1, retryAfterSeconds: 7 });
    const m = await x.get('/Contacts');
    expect(m.status).toBe(429);
    expect([m.headers.get('retry-after'), m.headers.get('x-rate-limit-problem')]).toEqual(['7', 'minute']);
    sb.addFault({ kind: '429-day', count: 1 });
    const d = await fetch(sb.endpoints.token, { method: 'POST' });
    expect(d.status).toBe(429);
    expect(d.headers.get('x-rate-limit-problem')).toBe('day');
  });

  it('fires by probability (deterministic random in tests)', async () => {
    const rolls = [0.2, 0.9, 0.2];
    const local = await sandbox({ random: () => rolls.shift() ?? 1 });
    try {
      const x = api(local, (await connectWeb(local)).access_token);
      local.addFault({ kind: '503', path: '/api.xro/2.0/Organisation', probability: 0.5 });
      expect((await x.get('/Organisation')).status).toBe(503);
      expect((await x.get('/Organisation')).status).toBe(200);
      expect((await x.get('/Organisation')).status).toBe(503);
    } finally {
      await local.stop();
    }
  });

  it('adds latency', async () => {
    sb.addFault({ kind: 'latency', latencyMs: 250, path: '/api.xro/2.0/Organisation', count: 1 });
    const started = Date.now();
    expect((await api(sb, token).get('/Organisation')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('drops the connection mid-response after processing; an idempotent retry returns the same invoice', async () => {
    const x = api(sb, token);
    sb.addFault({ kind: 'drop', method: 'PUT', path: '/api.xro/2.0/Invoices', count: 1 });
    const body = { Invoices: [invoice({ Reference: 'dropped' })] };
    await expect(x.put('/Invoices', body, { 'Idempotency-Key': 'drop-1' })).rejects.toThrow();
    const retry = await x.put('/Invoices', body, { 'Idempotency-Key': 'drop-1' });
    expect(retry.status).toBe(200);
    const all = (await x.get(`/Invoices?where=${encodeURIComponent('Reference=="dropped"')}`)).body.Invoices as Json[];
    expect(all.map((i) => i.InvoiceID)).toEqual([first(retry, 'Invoices').InvoiceID]);
  });

  it('cuts an answer short with no network error (a body delimited by the connection closing), as many bytes as asked', async () => {
    sb.addFault({ kind: 'cut', method: 'GET', path: '/api.xro/2.0/Organisation', count: 1, bodyBytes: 12 });
    const cut = await fetch(`${sb.apiBaseUrl}/Organisation`, { headers: { authorization: `Bearer ${token}`, 'xero-tenant-id': sb.tenants[0]!.tenantId, accept: 'application/json' } });
    expect(cut.status).toBe(200);
    expect(cut.headers.get('content-length')).toBeNull();
    expect(cut.headers.get('transfer-encoding')).toBeNull();
    const text = await cut.text();
    expect(text).toHaveLength(12);
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(sb.requestLog().at(-1)).toMatchObject({ path: '/api.xro/2.0/Organisation', status: 200, fault: 'cut' });
    expect((await api(sb, token).get('/Organisation')).status).toBe(200);
    expect((await admin(sb, 'POST', '/sandbox/faults', { kind: 'cut', bodyBytes: 1.5 })).status).toBe(400);
  });

  it('validates fault specs and clears them with DELETE /sandbox/faults', async () => {
    expect((await admin(sb, 'POST', '/sandbox/faults', { kind: 'explode' })).status).toBe(400);
    await admin(sb, 'POST', '/sandbox/faults', [{ kind: '500' }, { kind: '503', path: '/connections' }]);
    expect(((await admin(sb, 'GET', '/sandbox/faults')).body.faults as unknown[]).length).toBe(2);
    expect((await admin(sb, 'DELETE', '/sandbox/faults')).status).toBe(204);
    expect((await api(sb, token).get('/Organisation')).status).toBe(200);
  });
});

describe('controls', () => {
  afterEach(() => sb.clearFaults());

  it('need the admin token', async () => {
    expect((await admin(sb, 'GET', '/sandbox/state', undefined, 'wrong')).status).toBe(401);
    expect((await fetch(`${sb.baseUrl}/sandbox/reset`, { method: 'POST' })).status).toBe(401);
  });

  it('GET /sandbox/state shows orgs in Xero shapes and a request log with credentials masked', async () => {
    await api(sb, token).put('/Invoices', invoice({ Reference: 'in-state' }), { 'Idempotency-Key': 'st-1' });
    const res = await fetch(`${sb.baseUrl}/sandbox/state`, { headers: { 'x-sandbox-admin': sb.adminToken } });
    const text = await res.text();
    expect(text).not.toContain(token);
    expect(text).not.toContain(sb.clients[0]!.clientSecret!);
    const state = JSON.parse(text) as { organisations: Json[]; requestLog: Json[] };
    const ie = state.organisations[0]!;
    expect((ie.Invoices as Json[]).some((i) => i.Reference === 'in-state')).toBe(true);
    expect((ie.Invoices as Json[])[0]!.SandboxViewUrl).toContain('/organisationlogin/default.aspx?shortcode=!Lf7Qx&redirecturl=/AccountsReceivable/View.aspx?InvoiceID=');
    expect(ie.Contacts).toBeDefined();
    expect(ie.Payments).toBeDefined();
    expect(ie.CreditNotes).toBeDefined();
    const put = state.requestLog.find((e) => e.method === 'PUT')!;
    expect(put).toMatchObject({ path: '/api.xro/2.0/Invoices', status: 200, tenantId: sb.tenants[0]!.tenantId });
    expect((put.headers as Json).authorization).toBe('Bearer ***');
    expect((put.headers as Json)['idempotency-key']).toBe('st-1');
    const tokenCall = state.requestLog.find((e) => e.path === '/connect/token');
    expect((tokenCall?.headers as Json).authorization).toBe('Basic ***');
  });

  it('reset restores the seeded data; seed replaces the world; clock moves time', async () => {
    await api(sb, token).put('/Contacts', { Name: 'Will Vanish' });
    expect((await admin(sb, 'POST', '/sandbox/reset', { keepIdentity: true })).status).toBe(200);
    const names = ((await api(sb, token).get('/Contacts')).body.Contacts as Json[]).map((c) => c.Name);
    expect(names).not.toContain('Will Vanish');
    const clock = await admin(sb, 'POST', '/sandbox/clock', { advanceSeconds: 90 });
    expect(clock.status).toBe(200);
    expect((await admin(sb, 'POST', '/sandbox/clock', { advanceSeconds: -1 })).status).toBe(400);
    const seeded = await admin(sb, 'POST', '/sandbox/seed', {
      organisations: [{ name: 'Solo Org', version: 'GLOBAL', baseCurrency: 'EUR', countryCode: 'IE', timezone: 'GMTSTANDARDTIME', accounts: [{ Code: '090', Name: 'Bank', Type: 'BANK' }], taxRates: [{ Name: 'Tax Exempt', TaxType: 'NONE', Rate: 0, applies: 'both' }] }],
    });
    expect(seeded.status).toBe(200);
    expect(sb.tenants.map((t) => t.name)).toEqual(['Solo Org']);
    const bad = await admin(sb, 'POST', '/sandbox/seed', { organisations: [{ name: 'Bad', version: 'GLOBAL', baseCurrency: 'EUR', countryCode: 'IE', timezone: 'X', accounts: [], taxRates: [], invoices: [{ Type: 'ACCREC' }] }] });
    expect(bad.status).toBe(400);
    expect(String(bad.body.error)).toContain('Bad: invoice #1 was refused');
    // Tracking categories Xero would not let anyone build are refused too (two active at most).
    const three = ['Venue', 'Course', 'Region'].map((Name) => ({ Name, Options: [{ Name: 'A' }] }));
    const tooMany = await admin(sb, 'POST', '/sandbox/seed', { organisations: [{ name: 'Tracked', version: 'GLOBAL', baseCurrency: 'EUR', countryCode: 'IE', timezone: 'X', accounts: [], taxRates: [], trackingCategories: three }] });
    expect(tooMany.status).toBe(400);
    expect(String(tooMany.body.error)).toContain('Tracked: tracking categories: more than 2 are active');
    sb.seed({});
  });

  it('serves an invoice at Xero\'s deep-link path', async () => {
    const inv = first(await api(sb, token).put('/Invoices', invoice({ Reference: 'view-me' })), 'Invoices');
    const url = sb.invoiceUrl(sb.tenants[0]!.tenantId, String(inv.InvoiceID));
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`Invoice ${String(inv.InvoiceNumber)}`);
    expect(html).toContain('Galway Bay Safety Ltd');
    expect((await fetch(`${sb.baseUrl}/app/!Lf7Qx/invoicing/view/${String(inv.InvoiceID)}`)).status).toBe(200);
    expect((await fetch(`${sb.baseUrl}/AccountsReceivable/View.aspx?InvoiceID=00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });
});
