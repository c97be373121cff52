/**
 * The door every Accounting API request goes through, in Xero's order: bearer token (401), tenant header and an
 * active connection (403), rate limits (429, headers on every response), scope (401), then Idempotency-Key replay
 * for PUT/POST, and finally XML unless JSON was asked for.
 */
import { header, jsonBody, JsonBodyError, type SandboxRequest } from '../http/request';
import { apiException, problem, type SandboxResponse } from '../http/response';
import type { Handler } from '../http/router';
import { jsonBodyToXml } from '../http/xml';
import { fingerprint } from '../idempotency';
import { authenticateBearer } from '../identity/bearer';
import { scopeAllows, type ApiResource } from '../identity/scopes';
import { roleRefusal } from '../identity/user-roles';
import type { Runtime } from '../runtime';
import type { ApiContext } from './api-context';

export type ApiHandler = (ctx: ApiContext, body: unknown) => SandboxResponse;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function forbidden(): SandboxResponse {
  return problem(403, 'Forbidden', 'AuthenticationUnsuccessful');
}

function withHeaders(response: SandboxResponse, headers: Record<string, string>): SandboxResponse {
  Object.assign(response.headers, headers);
  return response;
}

function asXmlIfAsked(req: SandboxRequest, response: SandboxResponse): SandboxResponse {
  const accept = header(req, 'accept') ?? '';
  if (accept.toLowerCase().includes('application/json')) return response;
  if (!response.headers['content-type']?.startsWith('application/json') || response.body === '') return response;
  try {
    return { ...response, body: jsonBodyToXml(response.body), headers: { ...response.headers, 'content-type': 'text/xml; charset=utf-8' } };
  } catch {
    return response;
  }
}

export function apiRoute(rt: Runtime, resource: ApiResource, write: boolean, handler: ApiHandler): Handler {
  return async (req) => {
    const auth = authenticateBearer(rt, req);
    if (!auth.ok) return auth.response;
    const state = rt.store.state;
    // Some clients send both `xero-tenant-id` and `Xero-Tenant-Id`; Node joins repeated headers with ", ".
    const tenantIds = [...new Set((header(req, 'xero-tenant-id') ?? '').split(',').map((t) => t.trim().toLowerCase()))];
    const tenantId = tenantIds.length === 1 ? tenantIds[0]! : '';
    const connected = tenantId !== '' && state.identity.connections.some((c) => c.active && c.tenantId === tenantId && c.clientId === auth.token.clientId && c.userId === auth.token.userId);
    const org = connected ? state.orgs.find((o) => o.organisation.OrganisationID === tenantId) : undefined;
    const client = state.clients.find((c) => c.clientId === auth.token.clientId);
    if (!org || !client) return forbidden();
    req.tenantId = tenantId;

    const admission = rt.limiter.admit(client.clientId, tenantId);
    if (!admission.ok) {
      return withHeaders(problem(429, 'Too Many Requests', `Rate limit exceeded: ${admission.problem}`), {
        ...admission.headers,
        'retry-after': String(admission.retryAfterSeconds),
        'x-rate-limit-problem': admission.problem,
      });
    }
    try {
      if (!scopeAllows(auth.token.scopes, resource, write)) return withHeaders(problem(401, 'Unauthorized', 'AuthorizationUnsuccessful'), admission.headers);
      // The user's role in the organisation (see identity/user-roles.ts): a 403 distinct from the tenant's.
      const refusal = roleRefusal(org.userRole, resource, write);
      if (refusal) return withHeaders(problem(403, 'Forbidden', refusal), admission.headers);
      let body: unknown;
      if (write) {
        try {
          body = jsonBody(req);
        } catch (e) {
          if (e instanceof JsonBodyError) return withHeaders(apiException(400, 14, 'PostDataInvalidException', e.message), admission.headers);
          throw e;
        }
      }
      const ctx: ApiContext = {
        req,
        org,
        client,
        now: rt.clock.now(),
        changed: (collection, record) => rt.store.changed(org.organisation.OrganisationID, collection, record),
      };
      // Added latency is slow processing: it happens after Xero has registered the Idempotency-Key, so a client that
      // times out and retries with the same key waits for this first request instead of being processed twice.
      const exec = async () => {
        if (req.latencyMs) await sleep(req.latencyMs);
        return handler(ctx, body);
      };
      const key = write ? header(req, 'idempotency-key') : undefined;
      const response =
        key !== undefined && key !== ''
          ? await rt.idempotency.run(
              client.clientId,
              key,
              fingerprint({ method: req.method, path: req.path, query: req.url.search, body: req.rawBody }),
              exec,
            )
          : await exec();
      return asXmlIfAsked(req, withHeaders(response, admission.headers));
    } finally {
      admission.release();
    }
  };
}
