/**
 * POST /connect/revocation with `token=<refresh_token>`: revokes the refresh token chain and removes all of this
 * user's connections to the app. Unknown tokens still get 200 (RFC 7009), so a retry is harmless.
 */
import { formBody, type SandboxRequest } from '../http/request';
import { emptyResponse, oauthError, type SandboxResponse } from '../http/response';
import type { Runtime } from '../runtime';
import { authenticateClient } from './client-auth';

export function revocationEndpoint(rt: Runtime, req: SandboxRequest): SandboxResponse {
  const form = formBody(req);
  const state = rt.store.state;
  const auth = authenticateClient(req, form, state);
  if (!auth.ok) return auth.response;
  const token = form.get('token');
  if (!token) return oauthError('invalid_request');
  const rec = state.identity.refreshTokens[token];
  const response = emptyResponse(200);
  if (!rec || rec.clientId !== auth.client.clientId) return response;
  for (const r of Object.values(state.identity.refreshTokens)) if (r.clientId === rec.clientId && r.userId === rec.userId) r.revoked = true;
  for (const c of state.identity.connections) if (c.clientId === rec.clientId && c.userId === rec.userId) c.active = false;
  response.mutated = true;
  return response;
}
