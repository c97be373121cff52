/** What an Accounting API handler receives once the gate (token, tenant, limits, scope) has let a request through. */
import { randomUUID } from 'node:crypto';
import type { SandboxRequest } from '../http/request';
import { jsonResponse, type SandboxResponse } from '../http/response';
import type { ClientApp, OrgState } from '../state/model';
import { envelopeDate } from '../xero-dates';

export interface ApiContext {
  req: SandboxRequest;
  org: OrgState;
  client: ClientApp;
  now: number;
}

export function envelope(ctx: ApiContext, key: string, items: unknown[], extra: Record<string, unknown> = {}): SandboxResponse {
  return jsonResponse(200, {
    Id: randomUUID(),
    Status: 'OK',
    ProviderName: ctx.client.name,
    DateTimeUTC: envelopeDate(ctx.now),
    ...extra,
    [key]: items,
  });
}
