/** Shared set-up for the sandbox specs: start a sandbox, connect an app headlessly, call the API. */
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { startSandbox, type RunningSandbox, type SandboxClientInfo, type StartSandboxOptions } from '../../../sandbox/index';
import { makeTempDir } from '../../support/temp-dir';

export const ALL_SCOPES = 'openid profile email offline_access accounting.invoices accounting.payments accounting.contacts accounting.settings';

export async function sandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox(options);
}

/**
 * One sandbox for the spec file, put back to its seed and signed in to afresh before each test: `each` receives the
 * sandbox and a new access token (all scopes, every organisation consented). With `persisted`, the sandbox keeps its
 * world in a state file in a temporary folder named by `tempPrefix`, and after each test that file must bring the same
 * world back (`expectStateFileMatches`): every spec in the file then also proves persistence.
 */
export function useFreshSandbox(each: (sb: RunningSandbox, token: string) => void, persisted?: { tempPrefix: string }): void {
  const stateDir = persisted ? makeTempDir(persisted.tempPrefix) : undefined;
  const stateFile = stateDir ? path.join(stateDir.dir, 'world.json') : undefined;
  let sb: RunningSandbox | undefined;
  beforeAll(async () => {
    sb = await sandbox(stateFile ? { stateFile } : {});
  });
  afterAll(async () => {
    await sb?.stop();
    stateDir?.cleanup();
  });
  if (stateFile) afterEach(() => expectStateFileMatches(sb!, stateFile));
  beforeEach(async () => {
    sb!.reset();
    each(sb!, (await connectWeb(sb!)).access_token);
  });
}

export function webClient(sb: RunningSandbox): SandboxClientInfo {
  return sb.clients.find((c) => c.type === 'web')!;
}

export function pkceClient(sb: RunningSandbox): SandboxClientInfo {
  return sb.clients.find((c) => c.type === 'pkce')!;
}

export function basic(client: SandboxClientInfo, secret = client.clientSecret ?? ''): string {
  return `Basic ${Buffer.from(`${client.clientId}:${secret}`).toString('base64')}`;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface AuthorizeParams {
  client: SandboxClientInfo;
  scope?: string;
  redirectUri?: string;
  state?: string;
  challenge?: string;
  consent?: string;
  extra?: Record<string, string>;
}

export function authorizeUrl(sb: RunningSandbox, p: AuthorizeParams): string {
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: p.client.clientId,
    redirect_uri: p.redirectUri ?? p.client.redirectUris[0]!,
    scope: p.scope ?? ALL_SCOPES,
    state: p.state ?? 'state-123',
    ...(p.challenge ? { code_challenge: p.challenge, code_challenge_method: 'S256' } : {}),
    ...(p.consent ? { sandbox_consent: p.consent } : {}),
    ...p.extra,
  };
  return `${sb.endpoints.authorization}?${new URLSearchParams(params).toString()}`;
}

/** Headless consent: returns the callback URL's query. */
export async function authorize(sb: RunningSandbox, p: AuthorizeParams): Promise<URLSearchParams> {
  const res = await fetch(authorizeUrl(sb, { consent: 'all', ...p }), { redirect: 'manual' });
  if (res.status !== 302) throw new Error(`authorize returned ${res.status}: ${await res.text()}`);
  return new URL(res.headers.get('location')!).searchParams;
}

export async function tokenRequest(sb: RunningSandbox, form: Record<string, string>, authorization?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(sb.endpoints.token, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization ? { authorization } : {}) },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export interface Tokens {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  expires_in: number;
  token_type: string;
  scope: string;
}

/** Connects the Web app (or another web client) with headless consent and returns its tokens. */
export async function connectWeb(sb: RunningSandbox, scope = ALL_SCOPES, consent = 'all', client = webClient(sb)): Promise<Tokens> {
  const q = await authorize(sb, { client, scope, consent });
  const r = await tokenRequest(sb, { grant_type: 'authorization_code', code: q.get('code')!, redirect_uri: client.redirectUris[0]! }, basic(client));
  if (r.status !== 200) throw new Error(`token exchange failed: ${JSON.stringify(r.body)}`);
  return r.body as unknown as Tokens;
}

export interface ApiResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** `tenantId` null sends no xero-tenant-id header. */
export function api(sb: RunningSandbox, token: string, tenantId: string | null = sb.tenants[0]!.tenantId) {
  const call = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResult<T>> => {
    const res = await fetch(`${sb.apiBaseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(tenantId ? { 'xero-tenant-id': tenantId } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // XML and plain-text bodies stay strings.
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  };
  return {
    get: <T = Record<string, unknown>>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers),
    put: <T = Record<string, unknown>>(path: string, body: unknown, headers?: Record<string, string>) => call<T>('PUT', path, body, headers),
    post: <T = Record<string, unknown>>(path: string, body: unknown, headers?: Record<string, string>) => call<T>('POST', path, body, headers),
  };
}

export async function admin(sb: RunningSandbox, method: string, path: string, body?: unknown, token = sb.adminToken): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sb.baseUrl}${path}`, {
    method,
    headers: { 'x-sandbox-admin': token, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export type Json = Record<string, unknown>;

export function first<T = Json>(result: ApiResult, key: string): T {
  return (result.body[key] as T[])[0]!;
}

export function validationMessages(element: Json): string[] {
  return ((element.ValidationErrors as { Message: string }[] | undefined) ?? []).map((v) => v.Message);
}

export const invoice = (overrides: Json = {}): Json => ({
  Type: 'ACCREC',
  Contact: { Name: 'Galway Bay Safety Ltd' },
  Date: '2026-10-01',
  DueDate: '2026-10-15',
  Status: 'AUTHORISED',
  LineItems: [{ Description: 'Manual Handling', Quantity: 1, UnitAmount: 100, AccountCode: '200', TaxType: 'TAX001' }],
  ...overrides,
});

/** What a restart must keep, minus what legitimately differs between two processes (port, clock reading, log). */
function persistentView(sb: RunningSandbox): unknown {
  const s = sb.state() as { organisations: { Invoices: Json[] }[]; connections: unknown; clients: unknown; clockOffsetSeconds: unknown; user: unknown };
  return {
    organisations: s.organisations.map((o) => ({ ...o, Invoices: o.Invoices.map(({ SandboxViewUrl: _url, ...rest }) => rest) })),
    connections: s.connections,
    clients: s.clients,
    clockOffsetSeconds: s.clockOffsetSeconds,
    user: s.user,
  };
}

/**
 * Starts a second sandbox from a copy of `stateFile` and checks it holds the same world as `sb` does in memory:
 * every change a handler made reached the file.
 */
export async function expectStateFileMatches(sb: RunningSandbox, stateFile: string): Promise<void> {
  const copy = `${stateFile}.restart-check`;
  copyFileSync(stateFile, copy);
  const again = await startSandbox({ stateFile: copy });
  try {
    expect(persistentView(again)).toEqual(persistentView(sb));
  } finally {
    await again.stop();
    rmSync(copy, { force: true });
  }
}
