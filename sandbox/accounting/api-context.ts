/** What an Accounting API handler receives once the gate (token, tenant, limits, scope) has let a request through. */
import { randomUUID } from 'node:crypto';
import type { SandboxRequest } from '../http/request';
import { jsonResponse, type SandboxResponse } from '../http/response';
import type { ClientApp, OrgState } from '../state/model';
import type { CollectionRecord, RecordCollection } from '../state/lookup';
import { envelopeDate } from '../xero-dates';

export interface ApiContext {
  req: SandboxRequest;
  org: OrgState;
  client: ClientApp;
  now: number;
  /** Every record a handler creates or alters is reported here, so the state file gets it before the answer. */
  changed<C extends RecordCollection>(collection: C, record: CollectionRecord<C>): void;
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
