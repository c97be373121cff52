/**
 * Token issuance and look-up. Access tokens are RS256 JWTs with Xero's claims (30 minutes); refresh tokens are
 * opaque (60 days, rotated on use, the previous one usable for a 30-minute grace). Lifetimes follow the sandbox
 * clock, except id_token times, which clients check against their real clock.
 */
import { randomUUID } from 'node:crypto';
import { randomOpaqueToken } from '../ids';
import type { Runtime } from '../runtime';
import type { AccessTokenRecord, RefreshTokenRecord } from '../state/model';
import { atHash, signJwt } from './keys';

export const ACCESS_TOKEN_SECONDS = 30 * 60;
export const REFRESH_TOKEN_SECONDS = 60 * 24 * 3600;
export const REFRESH_GRACE_SECONDS = 30 * 60;
export const CODE_SECONDS = 5 * 60;
export const ID_TOKEN_SECONDS = 5 * 60;

export interface Grant {
  clientId: string;
  userId: string;
  scopes: string[];
  authEventId: string;
  authTime: number;
  sessionId: string;
}

export interface TokenResponse {
  id_token?: string;
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  refresh_token?: string;
  scope: string;
}

function pruneExpired(rt: Runtime, now: number): void {
  const id = rt.store.state.identity;
  // Keep expired access tokens for a day so callers still get "TokenExpired" rather than "unknown token".
  for (const [token, rec] of Object.entries(id.accessTokens)) if (rec.expiresAt + 86_400_000 < now) Reflect.deleteProperty(id.accessTokens, token);
  for (const [token, rec] of Object.entries(id.refreshTokens)) if (rec.expiresAt < now || rec.revoked) Reflect.deleteProperty(id.refreshTokens, token);
  id.codes = id.codes.filter((c) => c.expiresAt + 3_600_000 > now);
}

export function issueTokens(rt: Runtime, grant: Grant): TokenResponse {
  const now = rt.clock.now();
  pruneExpired(rt, now);
  const { state } = rt.store;
  const user = state.user;
  const nowSec = Math.floor(now / 1000);
  const access = signJwt(rt.key, {
    nbf: nowSec,
    exp: nowSec + ACCESS_TOKEN_SECONDS,
    iss: rt.baseUrl,
    aud: `${rt.baseUrl}/resources`,
    client_id: grant.clientId,
    sub: user.sub,
    auth_time: Math.floor(grant.authTime / 1000),
    idp: 'Xero',
    xero_userid: user.userId,
    global_session_id: grant.sessionId,
    sid: grant.sessionId,
    jti: randomUUID().replace(/-/g, '').toUpperCase(),
    authentication_event_id: grant.authEventId,
    scope: grant.scopes,
    amr: ['pwd'],
  });
  const record: AccessTokenRecord = {
    clientId: grant.clientId,
    userId: grant.userId,
    scopes: grant.scopes,
    issuedAt: now,
    expiresAt: now + ACCESS_TOKEN_SECONDS * 1000,
    authEventId: grant.authEventId,
  };
  state.identity.accessTokens[access] = record;
  const response: TokenResponse = { access_token: access, expires_in: ACCESS_TOKEN_SECONDS, token_type: 'Bearer', scope: grant.scopes.join(' ') };
  if (grant.scopes.includes('offline_access')) {
    const refresh: RefreshTokenRecord = {
      token: randomOpaqueToken(),
      clientId: grant.clientId,
      userId: grant.userId,
      scopes: grant.scopes,
      issuedAt: now,
      expiresAt: now + REFRESH_TOKEN_SECONDS * 1000,
      revoked: false,
      authEventId: grant.authEventId,
      authTime: grant.authTime,
      sessionId: grant.sessionId,
    };
    state.identity.refreshTokens[refresh.token] = refresh;
    response.refresh_token = refresh.token;
  }
  if (grant.scopes.includes('openid')) {
    const wall = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      nbf: wall,
      exp: wall + ID_TOKEN_SECONDS,
      iss: rt.baseUrl,
      aud: grant.clientId,
      iat: wall,
      at_hash: atHash(access),
      sid: grant.sessionId,
      sub: user.sub,
      auth_time: Math.min(wall, Math.floor(grant.authTime / 1000)),
      idp: 'Xero',
      xero_userid: user.userId,
      global_session_id: grant.sessionId,
    };
    if (grant.scopes.includes('profile')) Object.assign(claims, { preferred_username: user.email, given_name: user.givenName, family_name: user.familyName });
    if (grant.scopes.includes('email')) claims.email = user.email;
    response.id_token = signJwt(rt.key, claims);
  }
  return response;
}
