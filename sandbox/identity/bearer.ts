/** Bearer-token check shared by /connections, /connect/userinfo and the Accounting API. */
import { header, type SandboxRequest } from '../http/request';
import { problem, type SandboxResponse } from '../http/response';
import type { Runtime } from '../runtime';
import type { AccessTokenRecord } from '../state/model';
import { tokenExpiredStamp } from '../xero-dates';

export type BearerResult = { ok: true; token: AccessTokenRecord } | { ok: false; response: SandboxResponse };

export function unauthorized(detail: string): SandboxResponse {
  const r = problem(401, 'Unauthorized', detail);
  r.headers['www-authenticate'] = 'Bearer error="invalid_token"';
  return r;
}

export function authenticateBearer(rt: Runtime, req: SandboxRequest): BearerResult {
  const authorization = header(req, 'authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) return { ok: false, response: unauthorized('AuthenticationUnsuccessful') };
  const token = rt.store.state.identity.accessTokens[match[1]!];
  if (!token) return { ok: false, response: unauthorized('AuthenticationUnsuccessful') };
  if (token.expiresAt <= rt.clock.now()) return { ok: false, response: unauthorized(`TokenExpired: token expired at ${tokenExpiredStamp(token.expiresAt)}`) };
  req.clientId = token.clientId;
  return { ok: true, token };
}
