/**
 * GET /identity/connect/authorize → log-in and consent pages → redirect to redirect_uri?code&scope&state&session_state.
 * An unknown client or an unregistered redirect_uri shows Xero's error page and never redirects (the redirect target
 * cannot be trusted). Other errors go back to the app as RFC 6749 `error=` redirects.
 * `sandbox_consent=<tenantId|first|all>` is a sandbox-only shortcut that consents at once (CLI demo, scripts).
 */
import { randomUUID } from 'node:crypto';
import { cookie, formBody, type SandboxRequest } from '../http/request';
import { htmlResponse, redirectResponse, textResponse, type SandboxResponse } from '../http/response';
import { randomHex, randomOpaqueToken } from '../ids';
import type { Runtime } from '../runtime';
import type { ClientApp } from '../state/model';
import { consentPage, errorPage, loginPage } from './pages';
import { allowedScopes, parseScopes } from './scopes';
import { CODE_SECONDS } from './tokens';

const LOGIN_COOKIE = 'xero_sandbox_login';
const CHALLENGE_RE = /^[A-Za-z0-9\-._~]{43,128}$/;

interface AuthorizeRequest {
  client: ClientApp;
  redirectUri: string;
  scopes: string[];
  state?: string;
  codeChallenge?: string;
}

type Validation = { ok: true; value: AuthorizeRequest } | { ok: false; response: SandboxResponse };

function appendQuery(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

function errorRedirect(redirectUri: string, error: string, description: string | undefined, state: string | undefined): Validation {
  return { ok: false, response: redirectResponse(appendQuery(redirectUri, { error, error_description: description, state })) };
}

export function validateAuthorize(rt: Runtime, params: URLSearchParams): Validation {
  const clientId = params.get('client_id')?.toUpperCase();
  const client = rt.store.state.clients.find((c) => c.clientId === clientId);
  if (!client) return { ok: false, response: htmlResponse(400, errorPage('unauthorized_client', 'Unknown client or client not enabled')) };
  const redirectUri = params.get('redirect_uri') ?? '';
  if (!client.redirectUris.includes(redirectUri)) return { ok: false, response: htmlResponse(400, errorPage('unauthorized_client', 'Invalid redirect_uri')) };
  const state = params.get('state') ?? undefined;
  if (params.get('response_type') !== 'code') return errorRedirect(redirectUri, 'unsupported_response_type', undefined, state);
  const scopes = parseScopes(params.get('scope'));
  const allowed = allowedScopes(client);
  if (scopes.length === 0 || scopes.some((s) => !allowed.has(s))) return errorRedirect(redirectUri, 'invalid_scope', 'Invalid scope for client', state);
  const codeChallenge = params.get('code_challenge') ?? undefined;
  const method = params.get('code_challenge_method') ?? undefined;
  if (codeChallenge || method) {
    if (method !== 'S256') return errorRedirect(redirectUri, 'invalid_request', 'Transform algorithm not supported', state);
    if (!codeChallenge || !CHALLENGE_RE.test(codeChallenge)) return errorRedirect(redirectUri, 'invalid_request', 'Invalid code_challenge', state);
  } else if (client.type === 'pkce') {
    return errorRedirect(redirectUri, 'invalid_request', 'code challenge required', state);
  }
  return { ok: true, value: { client, redirectUri, scopes, state, codeChallenge } };
}

function connectedTenantIds(rt: Runtime, clientId: string): Set<string> {
  const { identity, user } = rt.store.state;
  return new Set(identity.connections.filter((c) => c.active && c.clientId === clientId && c.userId === user.userId).map((c) => c.tenantId));
}

/** Connects the chosen orgs (one auth event), issues a 5-minute single-use code and redirects to the app. */
function grant(rt: Runtime, request: AuthorizeRequest, tenantIds: string[]): SandboxResponse {
  const now = rt.clock.now();
  const { identity, user } = rt.store.state;
  const authEventId = randomUUID();
  for (const tenantId of tenantIds) {
    const existing = identity.connections.find((c) => c.clientId === request.client.clientId && c.userId === user.userId && c.tenantId === tenantId);
    if (existing) Object.assign(existing, { active: true, authEventId, updatedAt: now });
    else identity.connections.push({ id: randomUUID(), clientId: request.client.clientId, userId: user.userId, tenantId, authEventId, createdAt: now, updatedAt: now, active: true });
  }
  const code = randomOpaqueToken();
  identity.codes.push({
    code,
    clientId: request.client.clientId,
    userId: user.userId,
    redirectUri: request.redirectUri,
    scopes: request.scopes,
    codeChallenge: request.codeChallenge,
    expiresAt: now + CODE_SECONDS * 1000,
    used: false,
    authEventId,
    authTime: now,
    sessionId: randomHex(16),
  });
  const response = redirectResponse(
    appendQuery(request.redirectUri, { code, scope: request.scopes.join(' '), state: request.state, session_state: randomHex(32) }),
  );
  response.mutated = true;
  return response;
}

function orgChoices(rt: Runtime, clientId: string) {
  const connected = connectedTenantIds(rt, clientId);
  return rt.store.state.orgs.map((o) => ({ tenantId: o.organisation.OrganisationID, name: o.organisation.Name, connected: connected.has(o.organisation.OrganisationID) }));
}

export function authorizeEndpoint(rt: Runtime, req: SandboxRequest): SandboxResponse {
  const params = req.url.searchParams;
  const v = validateAuthorize(rt, params);
  if (!v.ok) return v.response;
  const headless = params.get('sandbox_consent');
  if (headless) {
    const orgs = rt.store.state.orgs.map((o) => o.organisation.OrganisationID);
    const chosen = headless === 'all' ? orgs : headless === 'first' ? orgs.slice(0, 1) : orgs.filter((id) => id === headless.toLowerCase());
    if (chosen.length === 0) return textResponse(400, `sandbox_consent: no organisation with tenantId ${headless}. Use a tenantId, "first" or "all".`);
    return grant(rt, v.value, chosen);
  }
  const { user } = rt.store.state;
  if (cookie(req, LOGIN_COOKIE) !== user.userId) return htmlResponse(200, loginPage(params, user.email));
  return htmlResponse(200, consentPage(params, v.value.client.name, v.value.scopes, orgChoices(rt, v.value.client.clientId), user.email));
}

export function loginEndpoint(rt: Runtime, req: SandboxRequest): SandboxResponse {
  const form = formBody(req);
  const { user } = rt.store.state;
  const response = redirectResponse(`/identity/connect/authorize?${form.toString()}`, 303);
  response.headers['set-cookie'] = `${LOGIN_COOKIE}=${encodeURIComponent(user.userId)}; Path=/; HttpOnly; SameSite=Lax`;
  return response;
}

export function consentEndpoint(rt: Runtime, req: SandboxRequest): SandboxResponse {
  const form = formBody(req);
  const v = validateAuthorize(rt, form);
  if (!v.ok) return v.response;
  const { user } = rt.store.state;
  if (cookie(req, LOGIN_COOKIE) !== user.userId) return htmlResponse(200, loginPage(form, user.email));
  if (form.get('action') === 'deny') {
    return redirectResponse(appendQuery(v.value.redirectUri, { error: 'access_denied', state: v.value.state }));
  }
  const known = new Set(rt.store.state.orgs.map((o) => o.organisation.OrganisationID));
  const chosen = form.getAll('tenant').filter((t) => known.has(t));
  if (chosen.length === 0) {
    return htmlResponse(400, consentPage(form, v.value.client.name, v.value.scopes, orgChoices(rt, v.value.client.clientId), user.email, 'Select at least one organisation to connect.'));
  }
  return grant(rt, v.value, chosen);
}
