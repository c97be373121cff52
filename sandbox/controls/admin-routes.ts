/**
 * Sandbox-only controls under /sandbox/... (never Xero's API). Each needs `X-Sandbox-Admin: <adminToken>`.
 *   GET    /sandbox/state    orgs with their data in Xero JSON shapes, connections, faults and the request log
 *   POST   /sandbox/reset    {"keepIdentity"?: boolean}
 *   POST   /sandbox/seed     a SeedData document (replaces the seed, then resets)
 *   POST   /sandbox/clock    {"advanceSeconds": N}
 *   GET    /sandbox/faults   active faults
 *   POST   /sandbox/faults   one fault spec, an array, or {"faults": [...]}
 *   DELETE /sandbox/faults   clears them
 *   POST   /sandbox/user-role {"tenantId", "role": standard|adviser|read-only|invoice-only}: the demo user's role in
 *                             that organisation (a role without the permission gets Xero's 403 on the API)
 *   POST   /sandbox/organisation {"tenantId", "periodLockDate"?, "endOfYearLockDate"? (YYYY-MM-DD or null to clear),
 *                             "extraCurrencies"? (codes enabled beside the base; [] = no multi-currency)}: what an
 *                             adviser sets in Xero's Financial settings and Currencies (organisation-settings.ts)
 *   POST   /sandbox/person   {"tenantId", "action", ...}: a person changes Xero in its web app behind the assistant's
 *                             back (void/delete/edit an invoice, void a credit note, remove/add a payment), under the
 *                             API's own rules (person-edits.ts)
 */
import { timingSafeEqual } from 'node:crypto';
import { header, jsonBody, JsonBodyError, type SandboxRequest } from '../http/request';
import { emptyResponse, jsonResponse, type SandboxResponse } from '../http/response';
import type { Router } from '../http/router';
import { FaultSpecError, validateFaultSpec } from '../faults';
import { reseed, resetWorld } from '../lifecycle';
import type { Runtime } from '../runtime';
import { SeedError } from '../state/build-state';
import type { SeedData } from '../state/seed-types';
import { serializeContacts, serializeCreditNote, serializeInvoice, serializeOrganisation, serializePayment } from '../accounting/serialize';
import { connectionDate } from '../xero-dates';
import { invoiceDeepLink } from './invoice-viewer';
import { isUserRole, USER_ROLES } from '../identity/user-roles';
import { applyOrganisationSettings } from './organisation-settings';
import { applyPersonEdit } from './person-edits';

function adminOk(rt: Runtime, req: SandboxRequest): boolean {
  const given = Buffer.from(header(req, 'x-sandbox-admin') ?? '');
  const expected = Buffer.from(rt.store.state.adminToken);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function badRequest(message: string): SandboxResponse {
  return jsonResponse(400, { error: message });
}

function admin(rt: Runtime, fn: (req: SandboxRequest, body: unknown) => SandboxResponse): (req: SandboxRequest) => SandboxResponse {
  return (req) => {
    if (!adminOk(rt, req)) return jsonResponse(401, { error: 'X-Sandbox-Admin header missing or wrong' });
    let body: unknown;
    try {
      body = jsonBody(req);
    } catch (e) {
      if (e instanceof JsonBodyError) return badRequest(e.message);
      throw e;
    }
    return fn(req, body);
  };
}

function mutated(r: SandboxResponse): SandboxResponse {
  r.mutated = true;
  return r;
}

export function snapshot(rt: Runtime): Record<string, unknown> {
  const state = rt.store.state;
  const now = rt.clock.now();
  return {
    baseUrl: rt.baseUrl,
    now: new Date(now).toISOString(),
    clockOffsetSeconds: Math.round(state.clockOffsetMs / 1000),
    limits: rt.limiter.enabled ? 'xero' : 'off',
    user: { userId: state.user.userId, email: state.user.email, name: `${state.user.givenName} ${state.user.familyName}` },
    clients: state.clients.map((c) => ({ clientId: c.clientId, name: c.name, type: c.type, scopeMode: c.scopeMode, redirectUris: c.redirectUris })),
    organisations: state.orgs.map((org) => ({
      tenantId: org.organisation.OrganisationID,
      name: org.organisation.Name,
      Organisation: serializeOrganisation(org),
      Contacts: serializeContacts(org, org.contacts),
      Invoices: org.invoices.map((i) => ({ ...serializeInvoice(org, i), SandboxViewUrl: invoiceDeepLink(rt.baseUrl, org.organisation.ShortCode, i.InvoiceID, i.Type) })),
      Payments: org.payments.map((p) => serializePayment(org, p)),
      CreditNotes: org.creditNotes.map((c) => serializeCreditNote(org, c)),
    })),
    connections: state.identity.connections.map((c) => ({
      id: c.id,
      clientId: c.clientId,
      tenantId: c.tenantId,
      authEventId: c.authEventId,
      active: c.active,
      createdDateUtc: connectionDate(c.createdAt),
      updatedDateUtc: connectionDate(c.updatedAt),
    })),
    faults: rt.faults.list(),
    requestLog: rt.log.list().map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
  };
}

export function registerAdminRoutes(router: Router, rt: Runtime): void {
  router
    .add('GET', '/sandbox/state', admin(rt, () => jsonResponse(200, snapshot(rt))))
    .add(
      'POST',
      '/sandbox/reset',
      admin(rt, (_req, body) => {
        const keepIdentity = typeof body === 'object' && body !== null && (body as { keepIdentity?: unknown }).keepIdentity === true;
        resetWorld(rt, { keepIdentity });
        return mutated(jsonResponse(200, { ok: true }));
      }),
    )
    .add(
      'POST',
      '/sandbox/seed',
      admin(rt, (_req, body) => {
        if (typeof body !== 'object' || body === null || Array.isArray(body)) return badRequest('body must be a SeedData object');
        const { keepIdentity, ...seed } = body as SeedData & { keepIdentity?: boolean };
        try {
          reseed(rt, seed, { keepIdentity: keepIdentity === true });
        } catch (e) {
          if (e instanceof SeedError || e instanceof TypeError) return badRequest(e.message);
          throw e;
        }
        return mutated(jsonResponse(200, { ok: true, tenants: rt.store.state.orgs.map((o) => ({ tenantId: o.organisation.OrganisationID, name: o.organisation.Name })) }));
      }),
    )
    .add(
      'POST',
      '/sandbox/clock',
      admin(rt, (_req, body) => {
        const seconds = typeof body === 'object' && body !== null ? (body as { advanceSeconds?: unknown }).advanceSeconds : undefined;
        if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return badRequest('advanceSeconds must be a non-negative number');
        rt.clock.advance(seconds);
        rt.store.state.clockOffsetMs = rt.clock.offset;
        return mutated(jsonResponse(200, { now: new Date(rt.clock.now()).toISOString(), clockOffsetSeconds: Math.round(rt.clock.offset / 1000) }));
      }),
    )
    .add(
      'POST',
      '/sandbox/user-role',
      admin(rt, (_req, body) => {
        const { tenantId, role } = (typeof body === 'object' && body !== null ? body : {}) as { tenantId?: unknown; role?: unknown };
        const org = rt.store.state.orgs.find((o) => typeof tenantId === 'string' && o.organisation.OrganisationID === tenantId.toLowerCase());
        if (!org) return badRequest('tenantId must name an organisation of the sandbox');
        if (!isUserRole(role)) return badRequest(`role must be one of ${USER_ROLES.join(', ')}`);
        if (role === 'standard') Reflect.deleteProperty(org, 'userRole');
        else org.userRole = role;
        return mutated(jsonResponse(200, { tenantId: org.organisation.OrganisationID, role }));
      }),
    )
    .add(
      'POST',
      '/sandbox/organisation',
      admin(rt, (_req, body) => {
        const result = applyOrganisationSettings(rt.store.state.orgs, body);
        return 'error' in result ? badRequest(result.error) : mutated(jsonResponse(200, result));
      }),
    )
    .add(
      'POST',
      '/sandbox/person',
      admin(rt, (req, body) => {
        const result = applyPersonEdit(rt, req, body);
        return 'error' in result ? badRequest(result.error) : mutated(jsonResponse(200, result.body));
      }),
    )
    .add('GET', '/sandbox/faults', admin(rt, () => jsonResponse(200, { faults: rt.faults.list() })))
    .add(
      'POST',
      '/sandbox/faults',
      admin(rt, (_req, body) => {
        const raw = Array.isArray(body) ? body : typeof body === 'object' && body !== null && Array.isArray((body as { faults?: unknown }).faults) ? (body as { faults: unknown[] }).faults : [body];
        try {
          const specs = raw.map(validateFaultSpec);
          return jsonResponse(200, { faults: specs.map((s) => rt.faults.add(s)) });
        } catch (e) {
          if (e instanceof FaultSpecError) return badRequest(e.message);
          throw e;
        }
      }),
    )
    .add(
      'DELETE',
      '/sandbox/faults',
      admin(rt, () => {
        rt.faults.clear();
        return emptyResponse(204);
      }),
    );
}
