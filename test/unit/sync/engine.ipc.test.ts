/**
 * The `sync.*` channels and events through the real dispatcher (arguments and results checked against the
 * contract), over the app services of a profile connected to the sandbox.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels, events, type EventName } from '../../../contract/contract';
import { createDispatcher, type Dispatch } from '../../../main/ipc/dispatcher';
import { wireBody } from '../../../main/sync/run/xero-gateway';
import { startEngineHarness, workload, type EngineHarness } from './engine-support';

let h: EngineHarness;
let dispatch: Dispatch;
let seen: Array<{ event: EventName; payload: unknown }>;
beforeEach(async () => {
  h = await startEngineHarness();
  dispatch = createDispatcher({ handlers: h.services.handlers, isTrustedSender: () => true });
  seen = [];
  h.services.bus.attach((event, payload) => seen.push({ event, payload }));
});
afterEach(async () => {
  await h.stop();
});

const call = async (channel: string, args: unknown) => dispatch(channel, args, 'app://assistant/index.html');
const value = async (channel: string, args: unknown) => {
  const envelope = await call(channel, args);
  if (!envelope.ok) throw new Error(`${channel}: ${JSON.stringify(envelope.error)}`);
  return envelope.value as Record<string, unknown>;
};

describe('sync.* channels', () => {
  it('sync.preview shows exactly what would be sent, per document, with plan errors', async () => {
    const w = workload('I', 3, { contacts: 3 });
    w.transactions[0]!.contact = { name: 'Aoife Byrne' };
    w.transactions[2]!.lines = [{ row: 2, description: 'Course', quantity: '1', unitAmount: '100', lineTotal: '100', taxAmount: '23.05' }];
    h.put(w.transactions, w.payments);
    const preview = await value('sync.preview', { transactionIds: ['I1', 'I2', 'I3', 'nope'] });
    expect(channels['sync.preview'].result.safeParse(preview).success).toBe(true);
    const [i1, i2] = preview.transactions as Array<Record<string, unknown> & { documents: Array<Record<string, unknown>> }>;
    expect(preview.unknownIds).toEqual(['nope']);

    // Billed to a contact Xero has: the invoice goes as it is, its payment gets the new invoice's id when sent.
    expect(i1!.contact).toMatchObject({ match: 'name', name: 'Aoife Byrne' });
    expect(i1!.documents.map((d) => [d.kind, d.operation, (d.request as { method: string; path: string }).method, (d.request as { path: string }).path])).toEqual([
      ['invoice', 'create', 'PUT', '/api.xro/2.0/Invoices'],
      ['payment', 'create', 'PUT', '/api.xro/2.0/Payments'],
    ]);
    const invoice = i1!.documents[0]!;
    expect(invoice.request).toMatchObject({ query: 'summarizeErrors=false' });
    expect(invoice.payload).toMatchObject({ Type: 'ACCREC', InvoiceNumber: 'INV-I-1', Reference: 'CourseCo Tx I1', Status: 'AUTHORISED', LineAmountTypes: 'Exclusive' });
    expect(invoice.bindsAtSend).toEqual([]);
    expect(i1!.documents[1]!.bindsAtSend).toEqual(['Invoice.InvoiceID: the invoice of CourseCo Tx I1 (created by the invoices request)']);
    // xero-node puts exactly this JSON on the wire.
    expect(await wireBody('Invoices', [invoice.payload])).toEqual({ Invoices: [invoice.payload] });

    // A new contact: created first, then named by its id.
    expect(i2!.documents.map((d) => d.kind)).toEqual(['contact', 'invoice', 'payment']);
    expect(i2!.documents[1]!.bindsAtSend).toEqual([expect.stringMatching(/^Contact\.ContactID: the new contact CC-N[0-9a-f]{20} \(created by the contacts request\)$/)]);
    expect(preview.transactions).toContainEqual(expect.objectContaining({ transactionId: 'I3', outcome: 'error', documents: [], errors: expect.arrayContaining([expect.stringMatching(/^Xero's total would be 123.00 but CourseCo's is 123.05/)]) }));

    const tooMany = await call('sync.preview', { transactionIds: Array.from({ length: 101 }, (_, i) => String(i)) });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    // Previews send nothing.
    expect(h.apiRequests().filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('sync.run resolves with the summary, emits progress and sync.finished, and what Xero received is what the preview showed', async () => {
    const w = workload('J', 12, { contacts: 4 });
    w.transactions[0]!.contact = { name: 'Aoife Byrne' };
    h.put(w.transactions, w.payments);
    const preview = await value('sync.preview', { transactionIds: ['J1'] });
    const planned = (preview.transactions as Array<{ documents: Array<{ kind: string; payload: Record<string, unknown> }> }>)[0]!.documents.find((d) => d.kind === 'invoice')!.payload;

    const summary = await value('sync.run', { transactionIds: w.transactions.map((t) => t.transactionId) });
    expect(channels['sync.run'].result.safeParse(summary).success).toBe(true);
    expect(summary).toMatchObject({ outcome: 'completed', synced: 12, failed: 0, skipped: 0, failures: [] });
    expect(typeof summary.runId).toBe('number');
    const progress = seen.filter((e) => e.event === 'sync.progress').map((e) => e.payload as Record<string, unknown>);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p) => events['sync.progress'].safeParse(p).success && p.runId === summary.runId)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ phase: 'finishing', synced: 12, failed: 0 });
    const finished = seen.filter((e) => e.event === 'sync.finished');
    expect(finished).toEqual([{ event: 'sync.finished', payload: summary }]);

    const inXero = h.org().Invoices.find((i) => i.Reference === 'CourseCo Tx J1')!;
    expect(inXero).toMatchObject({ InvoiceNumber: planned.InvoiceNumber, Reference: planned.Reference, Status: 'PAID', LineAmountTypes: planned.LineAmountTypes });
    expect((inXero.Contact as { Name: string }).Name).toBe('Aoife Byrne');

    expect(await value('sync.state', {})).toMatchObject({ state: 'idle', lastRun: { id: summary.runId, outcome: 'completed', synced: 12 } });
    expect(((await value('sync.runs', { limit: 5 })).runs as unknown[])[0]).toMatchObject({ id: summary.runId, host: 'cli', calls: summary.calls });
    expect(await value('sync.cancel', {})).toEqual({ cancelled: false });
  });

  it('sync.run takes either transactionIds or all, and one run at a time; state, pause and cancel work mid-run', async () => {
    expect(await call('sync.run', {})).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await call('sync.run', { all: true, transactionIds: ['1'] })).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await call('sync.run', { transactionIds: Array.from({ length: 100_001 }, (_, i) => String(i)) })).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });

    const w = workload('K', 60, { contacts: 10 });
    h.put(w.transactions, w.payments);
    await h.fault({ kind: 'latency', latencyMs: 40, path: '/api.xro/2.0/*' });
    const first = call('sync.run', { all: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await call('sync.run', { all: true })).toMatchObject({ ok: false, error: { code: 'domain', kind: 'SyncAlreadyRunning' } });
    const running = await value('sync.state', {});
    expect(running).toMatchObject({ state: 'running' });
    expect(await value('sync.pause', {})).toMatchObject({ state: 'paused' });
    expect(await value('sync.resume', {})).toMatchObject({ state: 'running' });
    expect(await value('sync.cancel', {})).toEqual({ cancelled: true });
    const summary = await first;
    expect(summary).toMatchObject({ ok: true, value: { outcome: 'cancelled' } });
    expect(await value('sync.state', {})).toMatchObject({ state: 'idle', lastRun: { outcome: 'cancelled' } });
  });
});
