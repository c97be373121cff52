/** GET /connections (a bare array, Xero's field names and 7-digit dates) and DELETE /connections/{id}. */
import { queryParam, type SandboxRequest } from '../http/request';
import { emptyResponse, jsonResponse, type SandboxResponse } from '../http/response';
import type { Runtime } from '../runtime';
import { connectionDate } from '../xero-dates';
import { authenticateBearer } from './bearer';
import { notFound } from '../accounting/not-found';

export function listConnections(rt: Runtime, req: SandboxRequest): SandboxResponse {
  const auth = authenticateBearer(rt, req);
  if (!auth.ok) return auth.response;
  const { identity, orgs } = rt.store.state;
  const authEventId = queryParam(req, 'authEventId')?.toLowerCase();
  const rows = identity.connections
    .filter((c) => c.active && c.clientId === auth.token.clientId && c.userId === auth.token.userId)
    .filter((c) => !authEventId || c.authEventId === authEventId)
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((c) => ({
      id: c.id,
      authEventId: c.authEventId,
      tenantId: c.tenantId,
      tenantType: 'ORGANISATION',
      tenantName: orgs.find((o) => o.organisation.OrganisationID === c.tenantId)?.organisation.Name ?? '',
      createdDateUtc: connectionDate(c.createdAt),
      updatedDateUtc: connectionDate(c.updatedAt),
    }));
  return jsonResponse(200, rows);
}

export function deleteConnection(rt: Runtime, req: SandboxRequest): SandboxResponse {
  const auth = authenticateBearer(rt, req);
  if (!auth.ok) return auth.response;
  const id = (req.params.id ?? '').toLowerCase();
  const conn = rt.store.state.identity.connections.find((c) => c.id === id && c.active && c.clientId === auth.token.clientId && c.userId === auth.token.userId);
  if (!conn) return notFound();
  conn.active = false;
  const response = emptyResponse(204);
  response.mutated = true;
  return response;
}
