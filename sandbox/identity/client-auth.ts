/**
 * Who is calling the token and revocation endpoints. Web apps authenticate with HTTP Basic (client_secret_basic);
 * PKCE apps are public clients identified by `client_id` in the form body.
 */
import { timingSafeEqual } from 'node:crypto';
import { header, type SandboxRequest } from '../http/request';
import { oauthError, type SandboxResponse } from '../http/response';
import type { ClientApp, SandboxState } from '../state/model';

export type ClientAuthResult = { ok: true; client: ClientApp } | { ok: false; response: SandboxResponse };

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

export function authenticateClient(req: SandboxRequest, form: URLSearchParams, state: SandboxState): ClientAuthResult {
  const authorization = header(req, 'authorization');
  if (authorization?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const sep = decoded.indexOf(':');
    if (sep < 0) return { ok: false, response: oauthError('invalid_client') };
    const id = formDecode(decoded.slice(0, sep));
    const secret = formDecode(decoded.slice(sep + 1));
    const client = state.clients.find((c) => c.clientId === id.toUpperCase());
    if (!client || client.type !== 'web' || !client.clientSecret || !safeEqual(secret, client.clientSecret)) return { ok: false, response: oauthError('invalid_client') };
    const bodyId = form.get('client_id');
    if (bodyId && bodyId.toUpperCase() !== client.clientId) return { ok: false, response: oauthError('invalid_client') };
    return { ok: true, client };
  }
  const id = form.get('client_id');
  if (!id) return { ok: false, response: oauthError('invalid_client') };
  const client = state.clients.find((c) => c.clientId === id.toUpperCase());
  if (!client) return { ok: false, response: oauthError('unauthorized_client') };
  // A Web app must prove its secret with Basic auth; a secret in the body (client_secret_post) is not accepted.
  if (client.type === 'web') return { ok: false, response: oauthError('invalid_client') };
  return { ok: true, client };
}
