/** POST /connect/token: authorization_code (with PKCE S256 when a challenge was sent) and refresh_token grants. */
import { createHash } from 'node:crypto';
import { formBody, header, type SandboxRequest } from '../http/request';
import { jsonResponse, oauthError, type SandboxResponse } from '../http/response';
import type { Runtime } from '../runtime';
import { authenticateClient } from './client-auth';
import { parseScopes } from './scopes';
import { issueTokens, REFRESH_GRACE_SECONDS } from './tokens';

const VERIFIER_RE = /^[A-Za-z0-9\-._~]{43,128}$/;

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export function tokenEndpoint(rt: Runtime, req: SandboxRequest): SandboxResponse {
  const contentType = header(req, 'content-type') ?? '';
  if (!contentType.toLowerCase().includes('application/x-www-form-urlencoded')) return oauthError('invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
  const form = formBody(req);
  const state = rt.store.state;
  const auth = authenticateClient(req, form, state);
  if (!auth.ok) return auth.response;
  const client = auth.client;
  const now = rt.clock.now();
  const grantType = form.get('grant_type');

  if (grantType === 'authorization_code') {
    const code = state.identity.codes.find((c) => c.code === form.get('code'));
    if (!code || code.used || code.expiresAt <= now || code.clientId !== client.clientId) return oauthError('invalid_grant');
    // Single use: a second exchange fails even if the first one's response was lost.
    code.used = true;
    if (form.get('redirect_uri') !== code.redirectUri) return mutated(oauthError('invalid_grant'));
    if (code.codeChallenge) {
      const verifier = form.get('code_verifier');
      if (!verifier || !VERIFIER_RE.test(verifier) || s256(verifier) !== code.codeChallenge) return mutated(oauthError('invalid_grant'));
    }
    const tokens = issueTokens(rt, { clientId: client.clientId, userId: code.userId, scopes: code.scopes, authEventId: code.authEventId, authTime: code.authTime, sessionId: code.sessionId });
    return mutated(jsonResponse(200, tokens, { 'cache-control': 'no-store', pragma: 'no-cache' }));
  }

  if (grantType === 'refresh_token') {
    const rec = state.identity.refreshTokens[form.get('refresh_token') ?? ''];
    if (!rec || rec.revoked || rec.expiresAt <= now || rec.clientId !== client.clientId) return oauthError('invalid_grant');
    if (rec.rotatedAt !== undefined && now > rec.rotatedAt + REFRESH_GRACE_SECONDS * 1000) return oauthError('invalid_grant');
    let scopes = rec.scopes;
    const requested = form.get('scope');
    if (requested) {
      const wanted = parseScopes(requested);
      if (wanted.some((s) => !rec.scopes.includes(s))) return oauthError('invalid_scope');
      scopes = wanted.includes('offline_access') ? wanted : [...wanted, 'offline_access'];
    }
    rec.rotatedAt ??= now;
    const tokens = issueTokens(rt, { clientId: client.clientId, userId: rec.userId, scopes, authEventId: rec.authEventId, authTime: rec.authTime, sessionId: rec.sessionId });
    return mutated(jsonResponse(200, tokens, { 'cache-control': 'no-store', pragma: 'no-cache' }));
  }

  if (grantType === 'client_credentials') return oauthError('unauthorized_client');
  return oauthError('unsupported_grant_type');
}

function mutated(response: SandboxResponse): SandboxResponse {
  response.mutated = true;
  return response;
}
