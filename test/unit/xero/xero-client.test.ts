import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenService } from '../../../main/xero/token-service';
import { createXeroClient } from '../../../main/xero/xero-client';
import { parseXeroNodeError, XeroApiError } from '../../../main/xero/xero-client-errors';

type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void;

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const ORG = { Organisations: [{ OrganisationID: 'org-1', Name: 'Demo Training Ltd', CountryCode: 'IE', BaseCurrency: 'EUR', ShortCode: '!abc12', Version: 'GLOBAL', OrganisationStatus: 'ACTIVE' }] };

let server: Server;
let origin: string;
let seen: Seen[];
let route: Route;

beforeEach(async () => {
  seen = [];
  route = (_req, res) => json(res, 200, ORG, { 'x-daylimit-remaining': '4999', 'x-minlimit-remaining': '59', 'x-appminlimit-remaining': '9999' });
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      route(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function stubTokens(): TokenService & { renewals: string[] } {
  let current = 'token-A';
  const renewals: string[] = [];
  return {
    renewals,
    state: async () => ({ kind: 'none' }),
    saveGrant: async () => undefined,
    accessToken: async () => current,
    renewAfterRejection: async (rejected) => {
      renewals.push(rejected);
      current = 'token-B';
      return current;
    },
    revoke: async () => undefined,
    clear: async () => undefined,
    markReconnectNeeded: async () => undefined,
  };
}

// The server is in this process: a process held off the CPU for a while wakes with the client's timer due before it
// reads the answer, so the limit for answers that do come is generous; only the hang spec sets a short one.
function client(tokens = stubTokens(), timeoutMs = 15_000) {
  return createXeroClient({ tokens, apiOrigin: () => origin, tenantId: () => 'tenant-1', clock: { now: () => 1_000 }, timeoutMs });
}

describe('Xero client (xero-node AccountingApi with our base path, token, timeout and errors)', () => {
  it('calls ${apiOrigin}/api.xro/2.0 with the bearer token, tenant header and JSON, and records the rate-limit headers', async () => {
    const xero = client();
    const org = await xero.getOrganisation();
    expect(org).toEqual({ tenantId: 'tenant-1', organisationId: 'org-1', name: 'Demo Training Ltd', countryCode: 'IE', baseCurrency: 'EUR', shortCode: '!abc12', version: 'GLOBAL', organisationStatus: 'ACTIVE' });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/api.xro/2.0/Organisation' });
    expect(seen[0]!.headers).toMatchObject({ authorization: 'Bearer token-A', 'xero-tenant-id': 'tenant-1', accept: 'application/json' });
    expect(xero.rateLimits()).toEqual({ dayRemaining: 4999, minuteRemaining: 59, appMinuteRemaining: 9999, at: 1_000 });
  });

  it('passes the Idempotency-Key through and serialises the models', async () => {
    route = (_req, res) => json(res, 200, { Contacts: [{ ContactID: 'c-1', Name: 'Ann' }] });
    const xero = client();
    const result = await xero.createContacts({ contacts: [{ name: 'Ann', contactNumber: 'CC-1' }] }, { idempotencyKey: 'key-123', summarizeErrors: false });
    expect(result.contacts?.[0]?.contactID).toBe('c-1');
    expect(seen[0]).toMatchObject({ method: 'PUT' });
    expect(seen[0]!.url).toBe('/api.xro/2.0/Contacts?summarizeErrors=false');
    expect(seen[0]!.headers['idempotency-key']).toBe('key-123');
    expect(JSON.parse(seen[0]!.body)).toEqual({ Contacts: [{ Name: 'Ann', ContactNumber: 'CC-1' }] });
  });

  it('renews the token once on 401 TokenExpired and retries', async () => {
    let calls = 0;
    route = (_req, res) => {
      calls += 1;
      if (calls === 1) json(res, 401, { Type: null, Title: 'Unauthorized', Status: 401, Detail: 'TokenExpired: token expired at 11/25/2026 09:30:00' });
      else json(res, 200, ORG);
    };
    const tokens = stubTokens();
    const org = await client(tokens).getOrganisation();
    expect(org.name).toBe('Demo Training Ltd');
    expect(tokens.renewals).toEqual(['token-A']);
    expect(seen.map((s) => s.headers.authorization)).toEqual(['Bearer token-A', 'Bearer token-B']);
  });

  it('renews once and retries on a 401 whose body is not JSON (cut off before Xero said why), never calling it revoked', async () => {
    const cutOff = '{"Type":null,"Title":"Unauthorized","St';
    let calls = 0;
    route = (_req, res) => {
      calls += 1;
      if (calls === 1) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(cutOff);
      } else json(res, 200, ORG);
    };
    const tokens = stubTokens();
    expect((await client(tokens).getOrganisation()).name).toBe('Demo Training Ltd');
    expect(tokens.renewals).toEqual(['token-A']);

    // Still unreadable after the renewal: one renewal only, and an error that says so instead of "revoked".
    route = (_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(cutOff);
    };
    const again = stubTokens();
    const e = (await client(again).getOrganisation().catch((x: unknown) => x)) as XeroApiError;
    expect(e).toMatchObject({ kind: 'UnauthorizedAnswerUnreadable', status: 401, retryable: true });
    expect(e.message).not.toMatch(/revoked/);
    expect(again.renewals).toEqual(['token-A']);
  });

  it('treats a 401 whose WWW-Authenticate says invalid_token as expired, whatever its body', async () => {
    const e = XeroApiError.fromResponse({ status: 401, body: { Title: 'Unauthorized' }, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' }, operation: 'GET /Organisation' });
    expect(e).toMatchObject({ kind: 'TokenExpired', tokenExpired: true, renewalMayCure: true });
    const scope = XeroApiError.fromResponse({ status: 401, body: { Title: 'Unauthorized', Detail: 'AuthorizationUnsuccessful' }, headers: {}, operation: 'GET /Organisation' });
    expect(scope).toMatchObject({ kind: 'XeroUnauthorized', renewalMayCure: false });
  });

  it('turns a 400 ValidationException into per-element messages', async () => {
    route = (_req, res) =>
      json(res, 400, {
        ErrorNumber: 10,
        Type: 'ValidationException',
        Message: 'A validation exception occurred',
        Elements: [
          { InvoiceNumber: 'CC-1', ValidationErrors: [{ Message: "Account code '999' is not a valid code for this document." }] },
          { InvoiceNumber: 'CC-2', ValidationErrors: [] },
          { InvoiceNumber: 'CC-3', ValidationErrors: [{ Message: 'The TaxType code GST on Income does not exist or cannot be used for this type of transaction.' }, { Message: 'One or more line items must be specified' }] },
        ],
      });
    const error = await client().createInvoices({ invoices: [] }, { idempotencyKey: 'k' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XeroApiError);
    const e = error as XeroApiError;
    expect(e.kind).toBe('XeroValidationFailed');
    expect(e.message).toBe("Xero refused the request: Account code '999' is not a valid code for this document. (and 2 more)");
    expect(e.validation).toEqual([
      { index: 0, reference: 'InvoiceNumber CC-1', identity: { InvoiceNumber: 'CC-1' }, messages: ["Account code '999' is not a valid code for this document."] },
      { index: 2, reference: 'InvoiceNumber CC-3', identity: { InvoiceNumber: 'CC-3' }, messages: ['The TaxType code GST on Income does not exist or cannot be used for this type of transaction.', 'One or more line items must be specified'] },
    ]);
    // Xero lists every element sent, so the engine may trust positions when the count matches its batch.
    expect(e.elementCount).toBe(3);
  });

  it('turns 429 into RateLimited with Retry-After and which limit', async () => {
    route = (_req, res) => json(res, 429, { Title: 'Too Many Requests' }, { 'retry-after': '42', 'x-rate-limit-problem': 'minute', 'x-minlimit-remaining': '0', 'x-daylimit-remaining': '4000' });
    const xero = client();
    const e = (await xero.getOrganisation().catch((x: unknown) => x)) as XeroApiError;
    expect(e).toMatchObject({ kind: 'RateLimited', status: 429, retryAfterSeconds: 42, rateLimitProblem: 'minute', retryable: true });
    expect(e.message).toMatch(/per-minute .* 42 seconds/);
    expect(xero.rateLimits()).toMatchObject({ minuteRemaining: 0, dayRemaining: 4000 });
  });

  it('turns 403 into TenantNotConnected and 401 AuthorizationUnsuccessful into an unauthorised error without retry', async () => {
    route = (_req, res) => json(res, 403, { Type: null, Title: 'Forbidden', Status: 403, Detail: 'AuthenticationUnsuccessful', Instance: 'x', Extensions: {} });
    await expect(client().getOrganisation()).rejects.toMatchObject({ kind: 'TenantNotConnected', status: 403, detail: 'AuthenticationUnsuccessful' });
    route = (_req, res) => json(res, 401, { Title: 'Unauthorized', Status: 401, Detail: 'AuthorizationUnsuccessful' });
    const tokens = stubTokens();
    await expect(client(tokens).getAccounts()).rejects.toMatchObject({ kind: 'XeroUnauthorized' });
    expect(tokens.renewals).toEqual([]);
  });

  it('turns a 403 for a user role without the permission into XeroPermissionMissing, naming the role needed', async () => {
    route = (_req, res) => json(res, 403, { Type: null, Title: 'Forbidden', Status: 403, Detail: 'You are not permitted to access this resource without the invoicing role or higher privileges.', Instance: 'x', Extensions: {} });
    const e = (await client().getOrganisation().catch((x: unknown) => x)) as XeroApiError;
    expect(e).toMatchObject({ kind: 'XeroPermissionMissing', status: 403, retryable: false });
    expect(e.message).toMatch(/not allowed/);
    expect(e.fix).toMatch(/Standard or Adviser/);
    expect(`${e.message} ${e.fix}`).not.toMatch(/disconnected|Tenant ID/);
  });

  it('times out a request that hangs, as a retryable unreachable error', async () => {
    route = () => undefined; // never answers
    const e = (await client(stubTokens(), 150).getOrganisation().catch((x: unknown) => x)) as XeroApiError;
    expect(e).toMatchObject({ kind: 'XeroUnreachable', status: 0, retryable: true });
    expect(e.evidence).toMatch(/timeout/);
  });

  it('never keeps a token in the error', async () => {
    route = (_req, res) => json(res, 500, { Message: 'boom' });
    const e = (await client().getOrganisation().catch((x: unknown) => x)) as XeroApiError;
    expect(e.kind).toBe('XeroUnavailable');
    expect(JSON.stringify({ ...e, message: e.message, evidence: e.evidence })).not.toContain('token-A');
  });
});

describe('parseXeroNodeError', () => {
  it('parses xero-node 20 JSON strings, network failures (statusCode 0) and plain errors', () => {
    const string = JSON.stringify({ response: { statusCode: 0, body: 'connect ECONNREFUSED 127.0.0.1:9', headers: {}, request: {} }, body: 'connect ECONNREFUSED 127.0.0.1:9' });
    expect(parseXeroNodeError(string, 'GET /Accounts')).toMatchObject({ kind: 'XeroUnreachable', retryable: true });
    const missing = parseXeroNodeError(new Error('Required parameter xeroTenantId was null or undefined when calling getAccounts.'), 'GET /Accounts');
    expect(missing).not.toBeInstanceOf(XeroApiError);
    expect(missing.message).toMatch(/Required parameter/);
    expect(parseXeroNodeError('not json at all', 'GET /x')).toMatchObject({ kind: 'XeroUnreachable' });
  });
});
