/**
 * Issue 12 against the stricter sandbox: a retry after a refusal carries a new Idempotency-Key (Xero would replay the
 * refusal for 6 minutes), keys name the organisation; a whole-request 400 fails only the members Xero complained
 * about, matched by what it echoed; a 403 for a user role without the permission says so and names the role needed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncGateway, WriteKind } from '../../../main/sync/run';
import { XeroApiError } from '../../../main/xero/xero-client-errors';
import { startEngineHarness, workload, type EngineHarness, type Json } from './engine-support';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(async () => {
  await h.stop();
});

const live = (docs: Json[], ref: string) => docs.filter((d) => d.Reference === ref && d.Status !== 'DELETED' && d.Status !== 'VOIDED');

function keys(seen: Array<{ kind: WriteKind; key: string }>) {
  return (gateway: SyncGateway): SyncGateway => ({
    ...gateway,
    write: (kind, payloads, options) => {
      seen.push({ kind, key: options.idempotencyKey });
      return gateway.write(kind, payloads, options);
    },
  });
}

/** A gateway that answers the first invoice write with Xero's whole-request 400 carrying `body(payloads)`. */
function refuseFirstInvoiceWrite(body: (payloads: readonly unknown[]) => Json): (gateway: SyncGateway) => SyncGateway {
  let refused = false;
  return (gateway) => ({
    ...gateway,
    write: async (kind, payloads, options) => {
      if (kind === 'invoices' && !refused) {
        refused = true;
        throw XeroApiError.fromResponse({ status: 400, body: body(payloads), headers: {}, operation: 'PUT /Invoices' });
      }
      return gateway.write(kind, payloads, options);
    },
  });
}

describe('issue 12 (sandbox)', () => {
  it('a Retry after Xero refused a batch sends it under a new key, and Xero takes it', async () => {
    const w = workload('R', 1, { contacts: 1 });
    h.put(w.transactions);
    // Xero refuses the first invoice request as a whole; its answer would be replayed for that key for 6 minutes.
    let refused = false;
    const seen: Array<{ kind: WriteKind; key: string }> = [];
    const refuseOnce = (gateway: SyncGateway): SyncGateway => keys(seen)({
      ...gateway,
      write: async (kind, payloads, options) => {
        if (kind === 'invoices' && !refused) {
          refused = true;
          await gateway.write(kind, payloads, { ...options, idempotencyKey: `${options.idempotencyKey.slice(0, 100)}-probe` }).catch(() => undefined);
          throw XeroApiError.fromResponse({ status: 400, body: { ErrorNumber: 10, Type: 'ValidationException', Message: 'A validation exception occurred', Elements: [{ ...(payloads[0] as object), ValidationErrors: [{ Message: 'Invoice not of valid status for creation' }] }] }, headers: {}, operation: 'PUT /Invoices' });
        }
        return gateway.write(kind, payloads, options);
      },
    });
    const first = await h.engine({}, refuseOnce).run({ all: true });
    expect(first).toMatchObject({ failed: 1 });
    const firstKey = seen.find((s) => s.kind === 'invoices')!.key;
    h.journal().markRetry(['R1']);
    seen.length = 0;
    const again = await h.engine({}, keys(seen)).run({ all: true });
    expect(again).toMatchObject({ synced: 1, failed: 0 });
    const secondKey = seen.find((s) => s.kind === 'invoices')!.key;
    expect(secondKey).not.toBe(firstKey);
    expect(secondKey.length).toBeLessThanOrEqual(128);
  });

  it('keys name the organisation: the same batch for another tenant gets another key', async () => {
    const w = workload('T', 2, { contacts: 1 });
    h.put(w.transactions);
    const seen: Array<{ kind: WriteKind; key: string }> = [];
    const otherTenant = (gateway: SyncGateway): SyncGateway => ({ ...gateway, tenantId: () => 'another-tenant', write: () => Promise.reject(XeroApiError.fromResponse({ status: 503, body: 'offline', headers: {}, operation: 'PUT' })) });
    await h.engine({ maxAttempts: 1 }, (g) => keys(seen)(otherTenant(g))).run({ all: true });
    await h.engine({}, keys(seen)).run({ all: true });
    const contactKeys = seen.filter((s) => s.kind === 'contacts').map((s) => s.key);
    expect(contactKeys).toHaveLength(2);
    expect(contactKeys[0]).not.toBe(contactKeys[1]);
  });

  it('a whole-request 400 listing only the failed element fails that member (matched by its Reference), not the one at its position', async () => {
    const w = workload('W', 4, { contacts: 1 });
    h.put(w.transactions);
    const refuseOnce = refuseFirstInvoiceWrite((payloads) => {
      const bad = payloads.find((p) => (p as Json).Reference === 'CourseCo Tx W3') as Json;
      return { ErrorNumber: 10, Type: 'ValidationException', Elements: [{ ...bad, ValidationErrors: [{ Message: 'Invoice not of valid status for creation' }] }] };
    });
    const summary = await h.engine({}, refuseOnce).run({ all: true });
    expect(summary).toMatchObject({ synced: 3, failed: 1, failures: [{ transactionId: 'W3' }] });
    for (const id of ['W1', 'W2', 'W4']) expect(live(h.org().Invoices, `CourseCo Tx ${id}`)).toHaveLength(1);
  });

  it('a whole-request 400 that names no element fails nobody unheard: the members go again one by one', async () => {
    const w = workload('U', 3, { contacts: 1 });
    h.put(w.transactions);
    const refuseOnce = refuseFirstInvoiceWrite(() => ({ ErrorNumber: 10, Type: 'ValidationException', Message: 'A validation exception occurred', Elements: [] }));
    expect(await h.engine({}, refuseOnce).run({ all: true })).toMatchObject({ synced: 3, failed: 0 });
  });

  it('a 403 because the Xero user lacks the permission says so and names the role, not "wrong organisation"', async () => {
    const w = workload('P', 2, { contacts: 1 });
    h.put(w.transactions);
    const r = await fetch(`${h.sandbox.baseUrl}/sandbox/user-role`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sandbox-admin': h.sandbox.adminToken }, body: JSON.stringify({ tenantId: h.tenantId, role: 'read-only' }) });
    expect(r.status).toBe(200);
    const summary = await h.engine().run({ all: true });
    expect(summary.outcome).toBe('failed');
    expect(summary.message).toMatch(/not allowed/);
    expect(summary.message).toMatch(/Standard or Adviser/);
    expect(summary.message).not.toMatch(/disconnected|tenant ID is wrong/i);
  });
});
