/**
 * Faults at scale: 2,000 transactions with payments and credit notes, while 10% of Accounting API requests fail
 * (429 minute, 500, 503, a dropped connection, or an answer slower than the client's timeout) and Xero's access token
 * expires every 100 requests. Everything must end in Xero exactly once, and the journal must agree.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { SyncGateway } from '../../main/sync/xero-gateway';
import { expectExactlyOnce, startEngineHarness, workload, type EngineHarness } from '../unit/sync/engine-support';

const TRANSACTIONS = 2000;
const EXPIRE_EVERY = 100;

let h: EngineHarness | undefined;
afterAll(async () => {
  await h?.stop();
});

describe('sync under 10% injected faults and token expiry every 100 requests', () => {
  it(`${TRANSACTIONS} transactions end in Xero exactly once`, async () => {
    // The app keeps real time while the sandbox's jumps: an expired token shows up as Xero's 401 TokenExpired.
    h = await startEngineHarness({ appClock: 'real' });
    const harness = h;
    const w = workload('SOAK', TRANSACTIONS, { contacts: 400, creditEvery: 25 });
    harness.put(w.transactions, w.payments);
    const api = '/api.xro/2.0/*';
    await harness.fault(
      { kind: '429-minute', path: api, probability: 0.02, retryAfterSeconds: 5 },
      { kind: '500', path: api, probability: 0.02 },
      { kind: '503', path: api, probability: 0.02 },
      { kind: 'drop', path: api, probability: 0.02 },
      // Slower than the client's 5 s timeout (startEngineHarness): a timeout, retried.
      { kind: 'latency', path: api, probability: 0.02, latencyMs: 6000 },
    );
    let requests = 0;
    // Time passes between requests (as it does while a run waits), never inside one: after every 100th answer,
    // 31 minutes pass on Xero's side, so the access token expires (and idempotency keys older than 6 minutes go).
    const expireEvery = (gateway: SyncGateway): SyncGateway => {
      const after = async <T>(call: Promise<T>): Promise<T> => {
        try {
          return await call;
        } finally {
          if (++requests % EXPIRE_EVERY === 0) harness.sandbox.advanceClock(31 * 60);
        }
      };
      return {
        ...gateway,
        contacts: (query) => after(gateway.contacts(query)),
        invoices: (query) => after(gateway.invoices(query)),
        creditNotes: (query) => after(gateway.creditNotes(query)),
        write: (kind, payloads, options) => after(gateway.write(kind, payloads, options)),
      };
    };
    // Batches of 10 make enough requests (hundreds) for the fault rate and the expiries to matter.
    const summary = await harness.engine({ batchSize: 10, concurrency: 2 }, expireEvery).run({ all: true });

    expect(summary).toMatchObject({ outcome: 'completed', synced: TRANSACTIONS, failed: 0 });
    expectExactlyOnce(harness, [w]);
    const log = harness.sandbox.requestLog();
    const faults = log.filter((r) => r.fault).length;
    const apiCalls = log.filter((r) => r.path.startsWith('/api.xro/')).length;
    expect(faults / apiCalls).toBeGreaterThan(0.05);
    expect(log.filter((r) => r.status === 401).length).toBeGreaterThan(0);
    console.log(`faults soak: ${apiCalls} API requests, ${faults} faults injected, ${requests} engine calls, ${log.filter((r) => r.status === 401).length} expired-token answers`);
  });
});
