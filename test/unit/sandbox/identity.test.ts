import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Issuer, generators } from 'openid-client';
import type { RunningSandbox } from '../../../sandbox/index';
import {
  ALL_SCOPES,
  admin,
  api,
  authorize,
  authorizeUrl,
  basic,
  connectWeb,
  pkceClient,
  pkcePair,
  sandbox,
  tokenRequest,
  webClient,
} from './helpers';

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await sandbox({ seed: { legacyBroadScopeClient: true } });
});
afterAll(() => sb.stop());

describe('discovery and JWKS', () => {
  it('advertises Xero-shaped endpoints with the base URL as issuer', async () => {
    const doc = (await (await fetch(`${sb.baseUrl}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(sb.baseUrl);
    expect(doc.authorization_endpoint).toBe(`${sb.baseUrl}/identity/connect/authorize`);
    expect(doc.token_endpoint).toBe(`${sb.baseUrl}/connect/token`);
    expect(doc.revocation_endpoint).toBe(`${sb.baseUrl}/connect/revocation`);
    expect(doc.jwks_uri).toBe(`${sb.baseUrl}/.well-known/openid-configuration/jwks`);
    expect(doc.code_challenge_methods_supported).toEqual(['S256']);
    const jwks = (await (await fetch(String(doc.jwks_uri))).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
  });

  it('issues Xero-like app credentials: 32 upper-case hex client IDs, 48-character secrets, none for PKCE', () => {
    for (const c of sb.clients) expect(c.clientId).toMatch(/^[0-9A-F]{32}$/);
    expect(webClient(sb).clientSecret).toMatch(/^[A-Za-z0-9_-]{48}$/);
    expect(pkceClient(sb).clientSecret).toBeUndefined();
    expect(webClient(sb).redirectUris).toEqual(['http://localhost:47318/callback', 'http://localhost:47319/callback', 'http://localhost:47320/callback']);
  });
});

describe('authorize', () => {
  it('shows Xero\'s error page and does not redirect for an unregistered redirect_uri', async () => {
    const res = await fetch(authorizeUrl(sb, { client: webClient(sb), redirectUri: 'http://localhost:9999/callback' }), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    const html = await res.text();
    expect(html).toContain('Sorry, something went wrong');
    expect(html).toContain('Error: unauthorized_client : Invalid redirect_uri');
  });

  it('matches redirect URIs exactly (a trailing slash is a different URI)', async () => {
    const res = await fetch(authorizeUrl(sb, { client: webClient(sb), redirectUri: 'http://localhost:47318/callback/' }), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });

  it('shows the unknown-client page without redirecting', async () => {
    const fake = { ...webClient(sb), clientId: '0'.repeat(32) };
    const res = await fetch(authorizeUrl(sb, { client: fake }), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('Error: unauthorized_client : Unknown client or client not enabled');
  });

  it('walks the log-in and consent pages: labelled org checkboxes, "Allow access", redirect with code, scope and state', async () => {
    const url = authorizeUrl(sb, { client: webClient(sb), state: 'st-1' });
    const login = await fetch(url, { redirect: 'manual' });
    const loginHtml = await login.text();
    expect(loginHtml).toContain('<button type="submit" class="primary">Log in as demo user</button>');
    const form = new URL(url).searchParams;
    const afterLogin = await fetch(`${sb.baseUrl}/identity/connect/login`, { method: 'POST', body: form, redirect: 'manual' });
    expect(afterLogin.status).toBe(303);
    const cookie = afterLogin.headers.get('set-cookie')!.split(';')[0]!;
    const consent = await fetch(new URL(afterLogin.headers.get('location')!, sb.baseUrl), { headers: { cookie } });
    const html = await consent.text();
    for (const t of sb.tenants) expect(html).toMatch(new RegExp(`<label for="org-\\d"><input type="checkbox" id="org-\\d" name="tenant" value="${t.tenantId}"[^>]*> ${t.name}`));
    expect(html).toContain('>Allow access</button>');

    const none = new URLSearchParams(form);
    none.set('action', 'allow');
    const refused = await fetch(`${sb.baseUrl}/identity/connect/consent`, { method: 'POST', body: none, headers: { cookie }, redirect: 'manual' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('role="alert">Select at least one organisation to connect.');

    const allow = new URLSearchParams(form);
    allow.set('action', 'allow');
    allow.append('tenant', sb.tenants[1]!.tenantId);
    const done = await fetch(`${sb.baseUrl}/identity/connect/consent`, { method: 'POST', body: allow, headers: { cookie }, redirect: 'manual' });
    expect(done.status).toBe(302);
    const cb = new URL(done.headers.get('location')!);
    expect(`${cb.origin}${cb.pathname}`).toBe(webClient(sb).redirectUris[0]);
    expect(cb.searchParams.get('code')).toMatch(/^[0-9A-F]{64}$/);
    expect(cb.searchParams.get('state')).toBe('st-1');
    expect(cb.searchParams.get('scope')).toBe(ALL_SCOPES);
    expect(cb.searchParams.get('session_state')).toBeTruthy();
  });

  it('redirects access_denied when the user cancels', async () => {
    const url = authorizeUrl(sb, { client: webClient(sb), state: 's' });
    const form = new URL(url).searchParams;
    form.set('action', 'deny');
    const res = await fetch(`${sb.baseUrl}/identity/connect/consent`, { method: 'POST', body: form, headers: { cookie: `xero_sandbox_login=${String((sb.state().user as { userId: string }).userId)}` }, redirect: 'manual' });
    const cb = new URL(res.headers.get('location')!);
    expect(cb.searchParams.get('error')).toBe('access_denied');
    expect(cb.searchParams.get('state')).toBe('s');
  });

  it('sandbox_consent picks the first org, all orgs, or one tenantId, and rejects an unknown one', async () => {
    const [ie, uk] = sb.tenants;
    const connectedTo = async (consent: string) => {
      const local = await sandbox();
      try {
        const tokens = await connectWeb(local, ALL_SCOPES, consent);
        const rows = (await (await fetch(local.endpoints.connections, { headers: { authorization: `Bearer ${tokens.access_token}` } })).json()) as { tenantId: string }[];
        return rows.map((r) => r.tenantId);
      } finally {
        await local.stop();
      }
    };
    expect(await connectedTo('first')).toEqual([ie!.tenantId]);
    expect(await connectedTo('all')).toEqual([ie!.tenantId, uk!.tenantId]);
    expect(await connectedTo(uk!.tenantId)).toEqual([uk!.tenantId]);
    const res = await fetch(authorizeUrl(sb, { client: webClient(sb), consent: '11111111-1111-4111-8111-111111111111' }), { redirect: 'manual' });
    expect(res.status).toBe(400);
  });

  it('refuses broad scopes for a granular (2026) app but accepts them for the legacy app', async () => {
    const res = await fetch(authorizeUrl(sb, { client: webClient(sb), scope: 'offline_access accounting.transactions', consent: 'all' }), { redirect: 'manual' });
    const cb = new URL(res.headers.get('location')!);
    expect(cb.searchParams.get('error')).toBe('invalid_scope');
    expect(cb.searchParams.get('error_description')).toBe('Invalid scope for client');
    const legacy = sb.clients.find((c) => c.scopeMode === 'broad')!;
    const tokens = await connectWeb(sb, 'offline_access accounting.transactions accounting.settings accounting.contacts', 'all', legacy);
    const inv = await api(sb, tokens.access_token).get('/Invoices');
    expect(inv.status).toBe(200);
  });

  it('requires S256 PKCE for the PKCE app', async () => {
    const missing = await fetch(authorizeUrl(sb, { client: pkceClient(sb), consent: 'all' }), { redirect: 'manual' });
    expect(new URL(missing.headers.get('location')!).searchParams.get('error_description')).toBe('code challenge required');
    const plain = await fetch(authorizeUrl(sb, { client: pkceClient(sb), consent: 'all', extra: { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' } }), { redirect: 'manual' });
    const q = new URL(plain.headers.get('location')!).searchParams;
    expect(q.get('error')).toBe('invalid_request');
    expect(q.get('error_description')).toBe('Transform algorithm not supported');
  });
});

describe('token endpoint', () => {
  const code = async (scope = ALL_SCOPES, challenge?: string, client = webClient(sb)) => (await authorize(sb, { client, scope, challenge })).get('code')!;

  it('exchanges a Web app code with client_secret_basic: 30-minute Bearer token, refresh token, scopes', async () => {
    const c = webClient(sb);
    const r = await tokenRequest(sb, { grant_type: 'authorization_code', code: await code(), redirect_uri: c.redirectUris[0]! }, basic(c));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ expires_in: 1800, token_type: 'Bearer', scope: ALL_SCOPES });
    expect(r.body.refresh_token).toMatch(/^[0-9A-F]{64}$/);
    const [, payload] = String(r.body.access_token).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ iss: sb.baseUrl, aud: `${sb.baseUrl}/resources`, client_id: c.clientId });
    expect(claims.scope).toEqual(ALL_SCOPES.split(' '));
    expect(claims.authentication_event_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(claims.exp) - Number(claims.nbf)).toBe(1800);
  });

  it('rejects a wrong secret, a missing Basic header and an unknown client', async () => {
    const c = webClient(sb);
    const form = { grant_type: 'authorization_code', code: await code(), redirect_uri: c.redirectUris[0]! };
    expect(await tokenRequest(sb, form, basic(c, 'wrong-secret'))).toEqual({ status: 400, body: { error: 'invalid_client' } });
    expect(await tokenRequest(sb, { ...form, client_id: c.clientId, client_secret: c.clientSecret! })).toEqual({ status: 400, body: { error: 'invalid_client' } });
    expect(await tokenRequest(sb, { ...form, client_id: c.clientId })).toEqual({ status: 400, body: { error: 'invalid_client' } });
    expect(await tokenRequest(sb, { ...form, client_id: 'F'.repeat(32) })).toEqual({ status: 400, body: { error: 'unauthorized_client' } });
    expect(await tokenRequest(sb, { grant_type: 'client_credentials' }, basic(c))).toEqual({ status: 400, body: { error: 'unauthorized_client' } });
  });

  it('checks the PKCE verifier (S256): right verifier works, wrong one is invalid_grant', async () => {
    const p = pkceClient(sb);
    const pair = pkcePair();
    const ok = await tokenRequest(sb, { grant_type: 'authorization_code', client_id: p.clientId, code: await code(ALL_SCOPES, pair.challenge, p), redirect_uri: p.redirectUris[0]!, code_verifier: pair.verifier });
    expect(ok.status).toBe(200);
    expect(ok.body.refresh_token).toBeTruthy();
    const wrong = await tokenRequest(sb, { grant_type: 'authorization_code', client_id: p.clientId, code: await code(ALL_SCOPES, pair.challenge, p), redirect_uri: p.redirectUris[0]!, code_verifier: pkcePair().verifier });
    expect(wrong).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    const none = await tokenRequest(sb, { grant_type: 'authorization_code', client_id: p.clientId, code: await code(ALL_SCOPES, pair.challenge, p), redirect_uri: p.redirectUris[0]! });
    expect(none).toEqual({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('also enforces PKCE for a Web app that sent a code_challenge (secret still required)', async () => {
    const c = webClient(sb);
    const pair = pkcePair();
    const form = { grant_type: 'authorization_code', code: await code(ALL_SCOPES, pair.challenge), redirect_uri: c.redirectUris[0]! };
    expect(await tokenRequest(sb, { ...form, code_verifier: 'x'.repeat(43) }, basic(c))).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    const form2 = { ...form, code: await code(ALL_SCOPES, pair.challenge), code_verifier: pair.verifier };
    expect(await tokenRequest(sb, { ...form2, client_id: c.clientId })).toEqual({ status: 400, body: { error: 'invalid_client' } });
    expect((await tokenRequest(sb, form2, basic(c))).status).toBe(200);
  });

  it('makes codes single-use and expires them after 5 minutes of sandbox time', async () => {
    const c = webClient(sb);
    const form = { grant_type: 'authorization_code', code: await code(), redirect_uri: c.redirectUris[0]! };
    expect((await tokenRequest(sb, form, basic(c))).status).toBe(200);
    expect(await tokenRequest(sb, form, basic(c))).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    const late = { ...form, code: await code() };
    sb.advanceClock(5 * 60 + 1);
    expect(await tokenRequest(sb, late, basic(c))).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    const wrongRedirect = { ...form, code: await code(), redirect_uri: c.redirectUris[1]! };
    expect(await tokenRequest(sb, wrongRedirect, basic(c))).toEqual({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('gives no refresh token without offline_access', async () => {
    const tokens = await connectWeb(sb, 'openid accounting.settings.read');
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.access_token).toBeTruthy();
  });

  it('rotates refresh tokens, keeps the old one for a 30-minute grace, then invalid_grant', async () => {
    const c = webClient(sb);
    const t0 = await connectWeb(sb);
    const r1 = await tokenRequest(sb, { grant_type: 'refresh_token', refresh_token: t0.refresh_token! }, basic(c));
    expect(r1.status).toBe(200);
    expect(r1.body.refresh_token).not.toBe(t0.refresh_token);
    sb.advanceClock(29 * 60);
    const replay = await tokenRequest(sb, { grant_type: 'refresh_token', refresh_token: t0.refresh_token! }, basic(c));
    expect(replay.status).toBe(200);
    sb.advanceClock(2 * 60);
    expect(await tokenRequest(sb, { grant_type: 'refresh_token', refresh_token: t0.refresh_token! }, basic(c))).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    expect((await tokenRequest(sb, { grant_type: 'refresh_token', refresh_token: String(r1.body.refresh_token) }, basic(c))).status).toBe(200);
  });

  it('expires unused refresh tokens after 60 days', async () => {
    const c = webClient(sb);
    const t = await connectWeb(sb);
    sb.advanceClock(60 * 86_400 + 1);
    expect(await tokenRequest(sb, { grant_type: 'refresh_token', refresh_token: t.refresh_token! }, basic(c))).toEqual({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refreshes a PKCE app with client_id only and refuses more scope than granted', async () => {
    const p = pkceClient(sb);
    const pair = pkcePair();
    const got = await tokenRequest(sb, { grant_type: 'authorization_code', client_id: p.clientId, code: await code('offline_access accounting.settings.read', pair.challenge, p), redirect_uri: p.redirectUris[0]!, code_verifier: pair.verifier });
    const rt = String(got.body.refresh_token);
    expect(await tokenRequest(sb, { grant_type: 'refresh_token', client_id: p.clientId, refresh_token: rt, scope: 'accounting.invoices' })).toEqual({ status: 400, body: { error: 'invalid_scope' } });
    expect((await tokenRequest(sb, { grant_type: 'refresh_token', client_id: p.clientId, refresh_token: rt })).status).toBe(200);
    expect((await tokenRequest(sb, { grant_type: 'refresh_token', client_id: webClient(sb).clientId, refresh_token: rt }, basic(webClient(sb)))).body).toEqual({ error: 'invalid_grant' });
  });
});

describe('connections and revocation', () => {
  it('lists connections as a bare array with Xero field names and 7-digit dates, deletes with 204 then 404', async () => {
    const local = await sandbox();
    try {
      const t = await connectWeb(local);
      const auth = { authorization: `Bearer ${t.access_token}` };
      const rows = (await (await fetch(local.endpoints.connections, { headers: auth })).json()) as Record<string, string>[];
      expect(rows).toHaveLength(2);
      expect(Object.keys(rows[0]!).sort()).toEqual(['authEventId', 'createdDateUtc', 'id', 'tenantId', 'tenantName', 'tenantType', 'updatedDateUtc']);
      expect(rows[0]!.createdDateUtc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}$/);
      expect(rows[0]!.tenantType).toBe('ORGANISATION');
      expect(rows[0]!.authEventId).toBe(rows[1]!.authEventId);
      const filtered = (await (await fetch(`${local.endpoints.connections}?authEventId=${rows[0]!.authEventId}`, { headers: auth })).json()) as unknown[];
      expect(filtered).toHaveLength(2);
      const del = await fetch(`${local.endpoints.connections}/${rows[1]!.id}`, { method: 'DELETE', headers: auth });
      expect(del.status).toBe(204);
      const again = await fetch(`${local.endpoints.connections}/${rows[1]!.id}`, { method: 'DELETE', headers: auth });
      expect(again.status).toBe(404);
      const after = (await (await fetch(local.endpoints.connections, { headers: auth })).json()) as unknown[];
      expect(after).toHaveLength(1);
      const forbidden = await api(local, t.access_token, rows[1]!.tenantId).get('/Organisation');
      expect(forbidden.status).toBe(403);
      // Reconnecting keeps the connection's creation date and moves its update date.
      local.advanceClock(60);
      await connectWeb(local);
      const back = (await (await fetch(local.endpoints.connections, { headers: auth })).json()) as Record<string, string>[];
      const again2 = back.find((r) => r.id === rows[1]!.id)!;
      expect(again2.createdDateUtc).toBe(rows[1]!.createdDateUtc);
      expect(again2.updatedDateUtc).not.toBe(rows[1]!.updatedDateUtc);
    } finally {
      await local.stop();
    }
  });

  it('revocation removes the user\'s connections to the app and kills the refresh token', async () => {
    const local = await sandbox();
    try {
      const c = webClient(local);
      const t = await connectWeb(local);
      const res = await fetch(local.endpoints.revocation, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(c) },
        body: new URLSearchParams({ token: t.refresh_token! }),
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
      const rows = (await (await fetch(local.endpoints.connections, { headers: { authorization: `Bearer ${t.access_token}` } })).json()) as unknown[];
      expect(rows).toEqual([]);
      expect(await tokenRequest(local, { grant_type: 'refresh_token', refresh_token: t.refresh_token! }, basic(c))).toEqual({ status: 400, body: { error: 'invalid_grant' } });
      expect((await api(local, t.access_token).get('/Organisation')).status).toBe(403);
      const state = await admin(local, 'GET', '/sandbox/state');
      expect((state.body.connections as { active: boolean }[]).every((x) => !x.active)).toBe(true);
    } finally {
      await local.stop();
    }
  });
});

describe('with openid-client (as the app will use it)', () => {
  it('completes PKCE code flow with a verified RS256 id_token (iss = issuer, aud = client_id, no nonce), then refreshes', async () => {
    const issuer = await Issuer.discover(sb.baseUrl);
    const p = pkceClient(sb);
    const client = new issuer.Client({ client_id: p.clientId, token_endpoint_auth_method: 'none', redirect_uris: [p.redirectUris[0]!], response_types: ['code'] });
    const verifier = generators.codeVerifier();
    const url = client.authorizationUrl({ scope: ALL_SCOPES, state: 'abc', code_challenge: generators.codeChallenge(verifier), code_challenge_method: 'S256', sandbox_consent: 'first' });
    const res = await fetch(url, { redirect: 'manual' });
    const params = client.callbackParams(res.headers.get('location')!);
    const ts = await client.callback(p.redirectUris[0]!, params, { state: 'abc', code_verifier: verifier });
    expect(ts.claims()).toMatchObject({ iss: sb.baseUrl, aud: p.clientId, email: 'demo.user@courseco-sandbox.example' });
    expect(ts.claims().nonce).toBeUndefined();
    const refreshed = await client.refresh(ts);
    expect(refreshed.access_token).not.toBe(ts.access_token);
    expect(refreshed.refresh_token).not.toBe(ts.refresh_token);
  });

  it('completes the Web app flow with client_secret_basic', async () => {
    const issuer = await Issuer.discover(sb.baseUrl);
    const c = webClient(sb);
    const client = new issuer.Client({ client_id: c.clientId, client_secret: c.clientSecret!, redirect_uris: [c.redirectUris[0]!] });
    const res = await fetch(client.authorizationUrl({ scope: 'offline_access accounting.settings.read', state: 'z', sandbox_consent: 'all' }), { redirect: 'manual' });
    const ts = await client.oauthCallback(c.redirectUris[0]!, client.callbackParams(res.headers.get('location')!), { state: 'z' });
    expect(ts.refresh_token).toBeTruthy();
    await client.revoke(ts.refresh_token!, 'refresh_token');
    await expect(client.refresh(ts.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});
