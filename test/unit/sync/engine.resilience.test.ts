/**
 * The engine when things go wrong, against the real sandbox: injected faults (429 minute and day with Retry-After,
 * 500, 503, dropped connections, an access token expiring mid-run), Xero's real rate limits, a crash between
 * sending and recording, cancel / pause / resume. Every scenario ends the same way: each invoice and payment is in
 * Xero exactly once, and the journal says exactly that.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncGateway, SyncProgress } from '../../../main/sync/run';
import { expectExactlyOnce, startEngineHarness, workload, type EngineHarness, type HarnessOptions } from './engine-support';

let h: EngineHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function harness(options: HarnessOptions = {}): Promise<EngineHarness> {
  h = await startEngineHarness(options);
  return h;
}

/** Counts the gateway's calls in flight, so a test can wait for them to be answered instead of waiting a while. */
function trackCalls() {
  let inFlight = 0;
  let started = 0;
  let waiters: Array<() => void> = [];
  const settle = () => {
    inFlight--;
    if (inFlight > 0) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };
  const count =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      inFlight++;
      started++;
      return call(...args).finally(settle);
    };
  return {
    wrap: (gateway: SyncGateway): SyncGateway => ({
      ...gateway,
      taxRates: count(() => gateway.taxRates()),
      accounts: count(() => gateway.accounts()),
      contacts: count((query) => gateway.contacts(query)),
      invoices: count((query) => gateway.invoices(query)),
      creditNotes: count((query) => gateway.creditNotes(query)),
      write: count((kind, payloads, options) => gateway.write(kind, payloads, options)),
    }),
    started: () => started,
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}

describe('sync engine: faults', () => {
  it('rides out 429 (minute and day), 500, 503, dropped connections and an access token expiring mid-run', async () => {
    // The app keeps real time while the sandbox clock jumps: the expired token shows up as Xero's 401 TokenExpired.
    const hh = await harness({ appClock: 'real' });
    const w = workload('F', 150, { contacts: 40, creditEvery: 15 });
    hh.put(w.transactions, w.payments);
    const faults = [
      { kind: '503', method: 'GET', path: '/api.xro/2.0/TaxRates', count: 1 },
      { kind: '503', method: 'PUT', path: '/api.xro/2.0/Contacts', count: 1 },
      { kind: '429-minute', method: 'PUT', path: '/api.xro/2.0/Invoices', count: 1, retryAfterSeconds: 7 },
      { kind: '500', method: 'PUT', path: '/api.xro/2.0/Invoices', count: 1 },
      { kind: 'drop', method: 'PUT', path: '/api.xro/2.0/Invoices', count: 1 },
      { kind: 'drop', method: 'PUT', path: '/api.xro/2.0/Payments', count: 2 },
      { kind: '429-day', method: 'PUT', path: '/api.xro/2.0/Payments', count: 1, retryAfterSeconds: 40 },
      { kind: '500', method: 'PUT', path: '/api.xro/2.0/CreditNotes', count: 1 },
    ] as const;
    await hh.fault(...faults.map((f) => ({ ...f })));
    let writes = 0;
    const expireTokenMidRun = (gateway: SyncGateway): SyncGateway => ({
      ...gateway,
      write: async (kind, payloads, options) => {
        // Before the fifth invoices request (the faults took the first three), 31 minutes pass on Xero's side: the
        // access token (30 min) expires.
        if (kind === 'invoices' && ++writes === 5) hh.sandbox.advanceClock(31 * 60);
        return gateway.write(kind, payloads, options);
      },
    });
    const clockBefore = hh.sandbox.now();
    const summary = await hh.engine({ concurrency: 1 }, expireTokenMidRun).run({ all: true });

    expect(summary.message).toBeUndefined();
    expect(summary).toMatchObject({ outcome: 'completed', synced: 150, failed: 0, skipped: 0 });
    expectExactlyOnce(hh, [w]);
    const log = hh.sandbox.requestLog();
    expect(log.filter((r) => r.fault).map((r) => r.fault).sort()).toEqual(['429-day', '429-minute', '500', '500', '503', '503', 'drop', 'drop', 'drop']);
    expect(log.some((r) => r.status === 401 && r.path === '/api.xro/2.0/Invoices')).toBe(true);
    expect(log.filter((r) => r.method === 'POST' && r.path === '/connect/token').length).toBeGreaterThanOrEqual(2);
    // Retry-After was waited out on the sandbox clock (7 s + 40 s, plus the 31 minutes the token needed).
    expect(hh.sandbox.now() - clockBefore).toBeGreaterThanOrEqual((31 * 60 + 47) * 1000);
  });

  it('after a dropped answer and a Retry-After longer than Xero keeps idempotency keys, reads Xero instead of replaying', async () => {
    const hh = await harness();
    const w = workload('R', 20, { contacts: 5 });
    hh.put(w.transactions, w.payments);
    // The first invoices request is processed but its answer lost; the retry is told to wait 400 s (> Xero's 6-minute
    // key memory). Replaying the old key after that wait would create every invoice a second time.
    await hh.fault(
      { kind: 'drop', method: 'PUT', path: '/api.xro/2.0/Invoices', count: 1 },
      { kind: '429-minute', method: 'PUT', path: '/api.xro/2.0/Invoices', count: 1, retryAfterSeconds: 400 },
    );
    const summary = await hh.engine({ concurrency: 1 }).run({ all: true });
    expect(summary).toMatchObject({ outcome: 'completed', synced: 20, failed: 0 });
    expectExactlyOnce(hh, [w]);
  });

  it('keeps to Xero’s rate limits from its headers, waiting instead of collecting 429s', async () => {
    const hh = await harness({ limits: 'xero', rateLimits: { perMinute: 8 } });
    const w = workload('L', 60, { contacts: 12 });
    hh.put(w.transactions, w.payments);
    const seen: SyncProgress[] = [];
    const clockBefore = hh.sandbox.now();
    const summary = await hh.engine({ batchSize: 5 }).run({ all: true }, { onProgress: (p) => seen.push(p) });

    expect(summary).toMatchObject({ outcome: 'completed', synced: 60, failed: 0 });
    expectExactlyOnce(hh, [w]);
    expect(hh.apiRequests().filter((r) => r.status === 429)).toEqual([]);
    // ~30 calls at 8 a minute: at least three minutes passed on the sandbox clock, none of them in real time.
    expect(summary.calls).toBeGreaterThan(24);
    expect(hh.sandbox.now() - clockBefore).toBeGreaterThanOrEqual(3 * 60_000);
    expect(seen.some((p) => (p.rateLimit.waitingSeconds ?? 0) > 0)).toBe(true);
    expect(seen.some((p) => p.rateLimit.minuteRemaining !== undefined && p.rateLimit.dayRemaining !== undefined)).toBe(true);
    expect(seen.some((p) => p.etaSeconds !== undefined && p.etaSeconds > 0)).toBe(true);
  });

  it('stops at a used-up daily limit, leaves the rest ready, and finishes the next day without duplicates', async () => {
    const hh = await harness({ limits: 'xero', rateLimits: { perDay: 9 } });
    const w = workload('D', 40, { contacts: 8 });
    hh.put(w.transactions, w.payments);
    const first = await hh.engine({ batchSize: 10 }).run({ all: true });
    expect(first.outcome).toBe('failed');
    expect(first.message).toMatch(/Xero's daily limit of calls for this organisation is used up; Xero allows more in \d+(\.\d)? hours \(about \d\d:\d\d (today|tomorrow)\)/);
    expect(first.message).not.toMatch(/5,000/);
    expect(first.synced).toBeLessThan(40);
    expect(hh.journal().inFlight()).toEqual([]);
    expect(hh.journal().counts()).toMatchObject({ failed: 0 });

    hh.sandbox.advanceClock(24 * 3600);
    const second = await hh.engine({ batchSize: 10 }).run({ all: true });
    expect(second).toMatchObject({ outcome: 'completed', failed: 0 });
    expect(first.synced + second.synced).toBe(40);
    expectExactlyOnce(hh, [w]);
  });
});

describe('sync engine: crash recovery', () => {
  it('after a crash between sending and recording, the next run reads Xero, links what is there and sends nothing twice', async () => {
    const hh = await harness();
    const w = workload('R', 12, { contacts: 1 });
    // Billed to a contact Xero already has, so the crashed requests need no ids from earlier requests.
    for (const tx of w.transactions) tx.contact = { name: 'Aoife Byrne' };
    hh.put(w.transactions, w.payments);
    const ids = w.transactions.map((t) => t.transactionId);
    const preview = await hh.engine().preview(ids);
    const docs = preview.transactions.flatMap((t) => t.documents);
    const invoices = docs.filter((d) => d.kind === 'invoice');
    const numbered = docs.filter((d) => d.kind === 'payment' && 'InvoiceNumber' in (d.payload.Invoice as object));

    // The crashed run: claimed, intents written and sent, Xero saved everything, then the process died.
    const journal = hh.journal();
    const runId = journal.startRun({ actor: 'test', host: 'cli', requested: 12 });
    expect(journal.markInFlight(ids, runId)).toEqual(ids);
    journal.recordIntent({ batchId: 'crashed-invoices', runId, kind: 'invoices', idempotencyKey: 'crashed-invoices', memberIds: invoices.map((d) => d.key) });
    journal.markIntentSent('crashed-invoices');
    expect((await hh.gateway().write('invoices', invoices.map((d) => d.payload), { idempotencyKey: 'crashed-invoices' })).every((e) => e.id)).toBe(true);
    journal.recordIntent({ batchId: 'crashed-payments', runId, kind: 'payments', idempotencyKey: 'crashed-payments', memberIds: numbered.map((d) => d.key) });
    journal.markIntentSent('crashed-payments');
    expect((await hh.gateway().write('payments', numbered.map((d) => d.payload), { idempotencyKey: 'crashed-payments' })).every((e) => e.id)).toBe(true);
    // One more batch whose intent was written but which never left.
    journal.recordIntent({ batchId: 'never-sent', runId, kind: 'payments', idempotencyKey: 'never-sent', memberIds: ['R4-a'] });
    const before = hh.apiRequests().length;

    const summary = await hh.engine().run({ all: true });
    expect(summary).toMatchObject({ outcome: 'completed', failed: 0 });
    expectExactlyOnce(hh, [w]);
    // Reads to reconcile (invoices by Reference, payments on them), then only what Xero did not have: the payments
    // on invoices Xero numbered itself (the crashed run could not name those invoices yet).
    const after = hh.apiRequests().slice(before);
    expect(after.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual(['/api.xro/2.0/Payments']);
    expect(hh.engine().runs(2)[1]).toMatchObject({ id: runId, outcome: 'interrupted' });
  });
});

describe('sync engine: cancel, pause, resume', () => {
  it('cancel stops after the requests in flight, leaves nothing in flight, and a later run finishes exactly once', async () => {
    const hh = await harness();
    const w = workload('X', 200, { contacts: 50 });
    hh.put(w.transactions, w.payments);
    await hh.fault({ kind: 'latency', latencyMs: 20, path: '/api.xro/2.0/*' });
    const engine = hh.engine({ batchSize: 10, concurrency: 2 });
    let asked = false;
    const summary = await engine.run(
      { all: true },
      {
        onProgress: (p) => {
          if (!asked && p.phase === 'invoices' && p.done > 100) {
            asked = true;
            expect(engine.cancel()).toBe(true);
          }
        },
      },
    );
    expect(summary.outcome).toBe('cancelled');
    expect(summary.synced).toBeLessThan(200);
    expect(summary.skipped).toBeGreaterThan(0);
    expect(summary.synced + summary.skipped).toBe(200);
    expect(summary.skippedReasons[0]!.reason).toBe('the sync was cancelled before it was finished');
    const journal = hh.journal();
    expect(journal.inFlight()).toEqual([]);
    expect(journal.pendingIntents()).toEqual([]);
    expect(engine.state().state).toBe('idle');
    expect(engine.state().lastRun).toMatchObject({ outcome: 'cancelled' });
    expect(engine.cancel()).toBe(false);

    hh.sandbox.clearFaults();
    const resumed = await hh.engine().run({ all: true });
    expect(resumed).toMatchObject({ outcome: 'completed', failed: 0 });
    expectExactlyOnce(hh, [w]);
  });

  it('pause lets the requests in flight finish and sends nothing more until resumed', async () => {
    const hh = await harness();
    const w = workload('P', 120, { contacts: 30 });
    hh.put(w.transactions, w.payments);
    await hh.fault({ kind: 'latency', latencyMs: 20, path: '/api.xro/2.0/*' });
    const calls = trackCalls();
    const engine = hh.engine({ batchSize: 10 }, calls.wrap);
    let paused: Promise<void> | undefined;
    let asked = false;
    const run = engine.run(
      { all: true },
      {
        onProgress: (p) => {
          if (!asked && p.phase === 'invoices' && p.done > 40) {
            asked = true;
            paused = (async () => {
              expect(engine.pause().state).toBe('paused');
              // Settled when the calls in flight have their answers (the sandbox logs a request before it answers),
              // not after a fixed wait: on a loaded machine an answer can take longer than any such wait.
              await calls.idle();
              const settled = hh.apiRequests().length;
              const started = calls.started();
              // Nothing more may go out while paused: a pool that ignored the pause would send at once.
              await new Promise((r) => setTimeout(r, 300));
              expect(calls.started()).toBe(started);
              expect(hh.apiRequests().length).toBe(settled);
              expect(engine.state()).toMatchObject({ state: 'paused', progress: { paused: true } });
              expect(engine.resume().state).toBe('running');
            })();
          }
        },
      },
    );
    const summary = await run;
    await paused;
    expect(summary).toMatchObject({ outcome: 'completed', synced: 120 });
    expectExactlyOnce(hh, [w]);
  });
});
