/**
 * Reading Xero back into the journal (issue 14), against the real sandbox: a sync leaves every document in the cache
 * with its baseline; the first reconciliation reads documents a page of 1,000 at a time, a second with nothing changed
 * costs a handful of calls, and a change made in Xero behind the assistant's back (a void, a deleted payment) is read
 * by the next one, and nothing else changes in the cache. CourseCo's own push is recognised and linked, and the next
 * sync sends nothing for it.
 */
import { createXeroReader } from '../../../main/sync/run';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlannerSettings } from '../../../main/sync/plan';
import { linkCourseCoPush, refreshMirror, type CachedDocument, type MirrorDeps } from '../../../main/sync/reconcile';
import type { SyncGateway, WriteKind } from '../../../main/sync/run';
import { personInXero } from '../../support/sandbox-person';
import { startEngineHarness, workload, type EngineHarness } from './engine-support';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(async () => {
  await h.stop();
});

const SEPTEMBER = { from: '2026-09-01', to: '2026-09-30' };
const PLANNER: PlannerSettings = { invoiceAccountCode: '200', invoiceStatus: 'AUTHORISED', taxTypes: { '23': 'TAX001' } };

function mirror(): MirrorDeps {
  return { journal: h.journal(), gateway: h.gateway(), clock: { now: () => h.sandbox.now() } };
}

/**
 * Refreshes through the reader reconciliation uses (the tenant's rate limiter and a run's retries, as the app does)
 * and checks the count it reports against the requests the sandbox saw.
 */
async function refresh() {
  const before = h.apiRequests().length;
  const reader = createXeroReader({ journal: () => h.journal(), gateway: h.gateway(), clock: { now: () => h.sandbox.now() } });
  const result = await refreshMirror({ ...mirror(), call: (run) => reader.call(run) }, SEPTEMBER);
  const requests = h.apiRequests().slice(before);
  expect(requests.length).toBe(result.calls);
  expect(requests.every((r) => r.method === 'GET' && r.status === 200)).toBe(true);
  return { ...result, requests };
}

const currentById = (docs: CachedDocument[]) => new Map(docs.map((d) => [d.xeroId, JSON.stringify(d.current)]));

describe('reading Xero back into the journal (sandbox)', () => {
  it('a sync leaves each document with its baseline; the first refresh reads a page per 1,000, the second (nothing changed) a handful of calls', async () => {
    const w = workload('R', 30, { contacts: 6, creditEvery: 10 });
    h.put(w.transactions, w.payments);
    const summary = await h.engine().run({ all: true });
    expect(summary).toMatchObject({ synced: 30, failed: 0 });
    const journal = h.journal();
    const ids = w.transactions.map((t) => t.transactionId);

    // Baselines: Xero's own answers to the writes, no read needed.
    const cached = journal.cachedDocuments({ transactionIds: ids });
    expect(cached).toHaveLength(30);
    const org = h.org();
    for (const entry of journal.entries({ ids })) {
      const id = entry.transaction.kind === 'credit' ? entry.xero.creditNoteId : entry.xero.invoiceId;
      const doc = cached.find((d) => d.xeroId === id)!;
      const inXero = [...org.Invoices, ...org.CreditNotes].find((d) => (d.InvoiceID ?? d.CreditNoteID) === id)!;
      expect(doc, entry.transaction.transactionId).toMatchObject({ transactionId: entry.transaction.transactionId, origin: 'assistant', kind: entry.transaction.kind === 'credit' ? 'credit-note' : 'invoice' });
      expect(doc.baseline).toMatchObject({ id, total: Number(inXero.Total).toFixed(2), number: inXero.InvoiceNumber ?? inXero.CreditNoteNumber, reference: `CourseCo Tx ${entry.transaction.transactionId}`, status: 'AUTHORISED' });
      expect(doc.baseline!.lines.length).toBe(entry.transaction.lines.length);
      expect(doc.baseline!.lines.every((l) => l.accountCode === '200' && l.taxType === 'TAX001')).toBe(true);
    }

    const first = await refresh();
    // One page each of invoices, credit notes and the payments of the same dates (30 documents < 1,000).
    expect(first).toMatchObject({ calls: 3, full: true });
    // Every ACCREC invoice and credit note of the organisation dated from 31 days before September (the sandbox's own
    // sample documents too), each once.
    const inWindow = [...org.Invoices.filter((d) => d.Type === 'ACCREC'), ...org.CreditNotes.filter((d) => d.Type === 'ACCRECCREDIT')].filter((d) => String(d.DateString ?? d.Date).slice(0, 10) >= '2026-08-01');
    const documentsRead = first.documents;
    expect(documentsRead).toBeGreaterThanOrEqual(inWindow.length);
    expect(first.requests.map((r) => r.path).sort()).toEqual(['/api.xro/2.0/CreditNotes', '/api.xro/2.0/Invoices', '/api.xro/2.0/Payments']);
    expect(first.requests.every((r) => /page=1/.test(r.query) && /pageSize=1000/.test(r.query))).toBe(true);
    const afterFirst = journal.cachedDocuments({ transactionIds: ids });
    for (const doc of afterFirst) {
      const entry = journal.entries({ ids: [doc.transactionId!] })[0]!;
      // Xero's payments are on the documents as read now (the baseline was taken before they were sent), each with
      // the account the money went to (only GET /Payments says it).
      expect(doc.current!.payments.map((p) => p.id).sort(), doc.transactionId!).toEqual(entry.payments.map((p) => p.xeroPaymentId).sort());
      expect(doc.current!.payments.every((p) => p.account === '090')).toBe(true);
      expect(doc.baseline!.payments).toEqual([]);
    }

    const second = await refresh();
    expect(second.full).toBe(false);
    expect(second.calls).toBeLessThanOrEqual(5);
    expect(second.requests.map((r) => r.path).sort()).toEqual(['/api.xro/2.0/CreditNotes', '/api.xro/2.0/Invoices', '/api.xro/2.0/Payments']);
    // Every read of documents names every status, DELETED too: a list read may leave deleted ones out unasked.
    for (const r of [...first.requests, ...second.requests].filter((q) => q.path !== '/api.xro/2.0/Payments')) {
      expect(decodeURIComponent(r.query), r.path).toMatch(r.path.endsWith('/Invoices') ? /Statuses=DRAFT,SUBMITTED,AUTHORISED,PAID,VOIDED,DELETED/ : /Status=="DELETED"/);
    }
    // Nothing changed: the cache is as the first refresh left it.
    expect(currentById(journal.cachedDocuments({ transactionIds: ids }))).toEqual(currentById(afterFirst));
  });

  it('an invoice read again keeps the account each payment went to (only GET /Payments says it), when the payments are not read again', async () => {
    const w = workload('A', 4, { contacts: 2 });
    h.put(w.transactions, w.payments);
    await h.engine().run({ all: true });
    await refresh();
    const journal = h.journal();
    const ids = w.transactions.map((t) => t.transactionId);
    const before = currentById(journal.cachedDocuments({ transactionIds: ids }));
    expect(journal.cachedDocuments({ transactionIds: ids }).flatMap((d) => d.current!.payments.map((p) => p.account))).toEqual(expect.arrayContaining(['090']));
    // Invoices read again from long ago (their watermark put back), payments not (nothing changed since theirs).
    journal.setMark('mirror.watermark.invoice', '2026-01-01T00:00:00.000Z');
    journal.setMark('mirror.watermark.payments', new Date(h.sandbox.now() + 86_400_000).toISOString());
    const next = await refresh();
    expect(next.documents).toBeGreaterThanOrEqual(4);
    expect(currentById(journal.cachedDocuments({ transactionIds: ids }))).toEqual(before);
  });

  it('reads 1,050 synced invoices in two pages, and never more than one call per 100 documents plus a constant', async () => {
    const w = workload('K', 1050, { contacts: 40 });
    h.put(w.transactions);
    expect(await h.engine().run({ all: true })).toMatchObject({ synced: 1050, failed: 0 });
    const first = await refresh();
    const invoicePages = first.requests.filter((r) => r.path === '/api.xro/2.0/Invoices').map((r) => /page=(\d+)/.exec(r.query)?.[1]);
    expect(invoicePages).toEqual(['1', '2']);
    // Two pages of invoices, one of credit notes, one of payments.
    expect(first.calls).toBe(4);
    expect(first.documents).toBeGreaterThanOrEqual(1050);
    expect(first.calls).toBeLessThanOrEqual(Math.ceil(first.documents / 100) + 3);
    const second = await refresh();
    expect(second.calls).toBeLessThanOrEqual(5);
  });

  it('an approved change sent to Xero becomes the new baseline, so it is never taken for drift', async () => {
    const w = workload('U', 2, { contacts: 2 });
    h.put(w.transactions);
    await h.engine().run({ all: true });
    const journal = h.journal();
    const invoiceId = journal.get('U1')!.xeroInvoiceId!;
    const was = journal.cachedDocuments({ ids: [invoiceId] })[0]!.baseline!;
    const changed = { ...w.transactions[0]!, lines: w.transactions[0]!.lines.map((l) => ({ ...l, unitAmount: '500.00' })) };
    h.put([changed]);
    expect(journal.approveChange(['U1']).updated).toEqual(['U1']);
    expect(await h.engine().run({ all: true })).toMatchObject({ failed: 0 });
    const inXero = h.org().Invoices.find((d) => d.InvoiceID === journal.get('U1')!.xeroInvoiceId)!;
    const now = journal.cachedDocuments({ transactionIds: ['U1'] }).find((d) => d.xeroId === inXero.InvoiceID)!;
    expect(now.baseline!.total).toBe(Number(inXero.Total).toFixed(2));
    expect(now.baseline!.total).not.toBe(was.total);
    expect(now.baseline).toEqual(now.current);
  });

  it('after a crash between sending and recording, the documents the next run finds in Xero become their baselines', async () => {
    const w = workload('X', 4, { contacts: 2 });
    h.put(w.transactions);
    // The invoices land in Xero, then the process dies before their answers are recorded (the run stops there).
    const dies = (g: SyncGateway): SyncGateway => ({
      ...g,
      write: async (kind, payloads, options) => {
        const answer = await g.write(kind, payloads, options);
        if (kind === 'invoices') throw new Error('the process was killed');
        return answer;
      },
    });
    await expect(h.engine({}, dies).run({ all: true })).resolves.toMatchObject({ outcome: 'failed' });
    const journal = h.journal();
    const ids = w.transactions.map((t) => t.transactionId);
    expect(journal.cachedDocuments({ transactionIds: ids })).toEqual([]);
    await h.engine().run({ all: true });
    const cached = journal.cachedDocuments({ transactionIds: ids });
    expect(cached).toHaveLength(4);
    for (const doc of cached) {
      expect(doc.xeroId).toBe(journal.get(doc.transactionId!)!.xeroInvoiceId);
      expect(doc).toMatchObject({ origin: 'assistant', baseline: expect.objectContaining({ reference: `CourseCo Tx ${doc.transactionId}`, status: 'AUTHORISED' }) });
      expect(doc.baseline!.lines.length).toBeGreaterThan(0);
    }
  });

  it('a void and a deleted payment made in Xero are read by the next refresh, and nothing else in the cache changes', async () => {
    const w = workload('D', 20, { contacts: 5 });
    h.put(w.transactions, w.payments);
    await h.engine().run({ all: true });
    await refresh();
    await refresh();
    const journal = h.journal();
    const ids = w.transactions.map((t) => t.transactionId);
    const before = currentById(journal.cachedDocuments({ transactionIds: ids }));

    // D5 has no payment (every fifth), so Xero lets it be voided; D1's payment is deleted.
    const gateway = h.gateway();
    const d5 = journal.get('D5')!.xeroInvoiceId!;
    const voided = await gateway.write('invoice-updates', [{ InvoiceID: d5, Status: 'VOIDED' }], { idempotencyKey: 'person-voids-D5' });
    expect(voided[0]!.errors).toEqual([]);
    const d1 = journal.entries({ ids: ['D1'] })[0]!;
    const payment = d1.payments[0]!.xeroPaymentId!;
    await h.services.connection.xero.call('POST /Payments/{id}', (api, t) => api.deletePayment(t, payment, { status: 'DELETED' }), { tenantId: h.tenantId });

    const third = await refresh();
    expect(third.calls).toBeLessThanOrEqual(5);
    const after = journal.cachedDocuments({ transactionIds: ids });
    const changed = [...currentById(after)].filter(([id, json]) => before.get(id) !== json).map(([id]) => id).sort();
    expect(changed).toEqual([d5, d1.xero.invoiceId!].sort());

    const v = after.find((d) => d.xeroId === d5)!;
    expect(v.baseline!.status).toBe('AUTHORISED');
    expect(v.current!.status).toBe('VOIDED');
    const p = after.find((d) => d.xeroId === d1.xero.invoiceId)!;
    expect(p.current!.payments.find((x) => x.id === payment)).toMatchObject({ status: 'DELETED', amount: d1.payments[0]!.payment.amount });
    expect(p.current!.amountPaid).toBe('0.00');
    expect(p.current!.amountDue).toBe(p.current!.total);

    // Read again, the cache keeps what it learned (the payment deleted) and nothing new is found.
    const fourth = await refresh();
    expect(fourth.calls).toBeLessThanOrEqual(5);
    const again = journal.cachedDocuments({ transactionIds: ids });
    expect(again.find((d) => d.xeroId === d1.xero.invoiceId)!.current!.payments.find((x) => x.id === payment)?.status).toBe('DELETED');
  });

  it('a draft deleted in Xero is read as DELETED, before the first refresh (dated read) or after it (modified-since read), at no extra call', async () => {
    // Only a DRAFT (or SUBMITTED) invoice can be deleted in Xero: the profile sends drafts.
    h.services.settings.update({ 'xero.invoiceStatus': 'DRAFT' });
    const w = workload('E', 3, { contacts: 3 });
    h.put(w.transactions);
    expect(await h.engine().run({ all: true })).toMatchObject({ synced: 3, failed: 0 });
    const journal = h.journal();
    const ids = w.transactions.map((t) => t.transactionId);
    const idOf = (tx: string) => journal.get(tx)!.xeroInvoiceId!;
    expect(journal.cachedDocuments({ transactionIds: ids }).map((d) => d.baseline!.status)).toEqual(['DRAFT', 'DRAFT', 'DRAFT']);
    const person = personInXero(h.sandbox, h.tenantId);
    const statusOf = (tx: string) => journal.cachedDocuments({ ids: [idOf(tx)] })[0]!.current?.status;

    // Deleted before the first refresh: a dated read naming no status may not list it; ours names DELETED too.
    await person.deleteInvoice(idOf('E1'));
    const first = await refresh();
    expect(first).toMatchObject({ full: true, calls: 3 });
    expect(statusOf('E1')).toBe('DELETED');
    expect(journal.cachedDocuments({ ids: [idOf('E1')] })[0]).toMatchObject({ baseline: expect.objectContaining({ status: 'DRAFT' }) });

    // Nothing changed: a handful of calls.
    const second = await refresh();
    expect(second.calls).toBe(3);
    const before = currentById(journal.cachedDocuments({ transactionIds: ids }));

    // Deleted after the first refresh: the read of what changed (naming every status) has it.
    await person.deleteInvoice(idOf('E2'));
    const third = await refresh();
    expect(third.calls).toBe(3);
    const after = journal.cachedDocuments({ transactionIds: ids });
    expect([...currentById(after)].filter(([id, json]) => before.get(id) !== json).map(([id]) => id)).toEqual([idOf('E2')]);
    expect(statusOf('E2')).toBe('DELETED');
    expect(statusOf('E3')).toBe('DRAFT');
    const changedRead = third.requests.find((r) => r.path === '/api.xro/2.0/Invoices');
    expect(decodeURIComponent(changedRead!.query)).toMatch(/Statuses=[A-Z,]*DELETED/);
  });

  it('a linked document Xero no longer has is read once by id and marked not found', async () => {
    const w = workload('N', 3, { contacts: 3 });
    h.put(w.transactions);
    await h.engine().run({ all: true });
    await refresh();
    const journal = h.journal();
    // A document the journal links that the cache never saw (e.g. synced before reconciliation existed).
    const lost = '6f1c2d3e-0000-4000-8000-00000000abcd';
    h.put([{ ...w.transactions[0]!, transactionId: 'N9', invoiceNumber: 'INV-N-9' }]);
    journal.recordDocument('N9', { sentHash: journal.entries({ ids: ['N9'] })[0]!.contentHash, invoiceId: lost });
    const next = await refresh();
    // Read by id once, naming every status (a deleted one would be read as DELETED, not taken for missing).
    expect(next.requests.filter((r) => /IDs=/.test(r.query)).map((r) => /Statuses=[A-Z,]*DELETED/.test(decodeURIComponent(r.query)))).toEqual([true]);
    expect(journal.cachedDocuments({ ids: [lost] })).toEqual([expect.objectContaining({ xeroId: lost, transactionId: 'N9', current: null, readAt: expect.any(String) })]);
    // Asked once: the next refresh does not ask again.
    const after = await refresh();
    expect(after.requests.filter((r) => /IDs=/.test(r.query))).toHaveLength(0);
  });

  it('documents synced before reconciliation existed, outside what the dated reads cover, are read by id (credit notes by a where on their id)', async () => {
    const w = workload('T', 10, { contacts: 5, creditEvery: 5 });
    h.put(w.transactions);
    // Xero's answers without the documents: as a sync before this version recorded them (no baseline).
    const noSnapshots = (g: SyncGateway): SyncGateway => ({ ...g, write: async (kind, payloads, options) => (await g.write(kind, payloads, options)).map(({ snapshot: _s, ...e }) => e) });
    await h.engine({}, noSnapshots).run({ all: true });
    const journal = h.journal();
    const ids = w.transactions.map((t) => t.transactionId);
    expect(journal.cachedDocuments({ transactionIds: ids })).toEqual([]);
    // The cache says it is complete and read up to tomorrow: only the targeted reads can find these documents.
    const tomorrow = new Date(h.sandbox.now() + 86_400_000).toISOString();
    journal.setMark('mirror.complete-from', '2026-08-01');
    for (const c of ['invoice', 'credit-note', 'payments']) journal.setMark(`mirror.watermark.${c}`, tomorrow);

    const next = await refresh();
    expect(next.requests.filter((r) => r.path === '/api.xro/2.0/Invoices' && /IDs=/.test(r.query))).toHaveLength(1);
    expect(next.requests.filter((r) => r.path === '/api.xro/2.0/CreditNotes' && /CreditNoteID/.test(decodeURIComponent(r.query)))).toHaveLength(1);
    const cached = journal.cachedDocuments({ transactionIds: ids });
    expect(cached).toHaveLength(10);
    for (const doc of cached) {
      expect(doc.current, doc.transactionId!).not.toBeNull();
      // No baseline from a read: what was sent is judged from the journal's own record (compare-books.ts sentBaseline).
      expect(doc).toMatchObject({ origin: 'assistant', baseline: null });
    }
    expect(cached.filter((d) => d.kind === 'credit-note')).toHaveLength(2);
  });

  it('a linked document never seen that a person deleted is found by id as DELETED, not taken for missing', async () => {
    h.services.settings.update({ 'xero.invoiceStatus': 'DRAFT' });
    const w = workload('G', 2, { contacts: 2 });
    h.put(w.transactions);
    // Xero's answers without the documents: as a sync before this version recorded them (no baseline).
    const noSnapshots = (g: SyncGateway): SyncGateway => ({ ...g, write: async (kind, payloads, options) => (await g.write(kind, payloads, options)).map(({ snapshot: _s, ...e }) => e) });
    await h.engine({}, noSnapshots).run({ all: true });
    const journal = h.journal();
    const g1 = journal.get('G1')!.xeroInvoiceId!;
    await personInXero(h.sandbox, h.tenantId).deleteInvoice(g1);
    const tomorrow = new Date(h.sandbox.now() + 86_400_000).toISOString();
    journal.setMark('mirror.complete-from', '2026-08-01');
    for (const c of ['invoice', 'credit-note', 'payments']) journal.setMark(`mirror.watermark.${c}`, tomorrow);

    const next = await refresh();
    expect(next.requests.filter((r) => /IDs=/.test(r.query))).toHaveLength(1);
    expect(journal.cachedDocuments({ ids: [g1] })[0]).toMatchObject({ transactionId: 'G1', current: expect.objectContaining({ status: 'DELETED' }) });
    expect(journal.cachedDocuments({ transactionIds: ['G2'] })[0]!.current).toMatchObject({ status: 'DRAFT' });
  });

  it('CourseCo’s own push (its number, no Reference of ours) and a lost document of ours are linked, and the next sync sends neither', async () => {
    const w = workload('P', 3, { contacts: 3 });
    h.put(w.transactions, w.payments);
    const engine = h.engine();
    const preview = await engine.preview(['P1', 'P2']);
    const invoiceOf = (tx: string) => preview.transactions.find((t) => t.transactionId === tx)!.documents.find((d) => d.kind === 'invoice')!.payload as Record<string, unknown>;
    const gateway = h.gateway();
    // P1: CourseCo's "Sync to Xero" (its number INV-P-1, its own Reference). P2: ours, from a journal that was lost.
    const p1 = { ...invoiceOf('P1'), Contact: { Name: 'P Customer 1' }, Reference: 'Booking 3101' };
    const p2 = { ...invoiceOf('P2'), Contact: { Name: 'P Customer 2' } };
    const made = await gateway.write('invoices', [p1, p2], { idempotencyKey: 'seed-push' });
    expect(made.every((m) => m.id)).toBe(true);
    const pay = (i: number, paymentId: string, reference: string) => ({ Invoice: { InvoiceID: made[i]!.id }, Account: { Code: '090' }, Date: '2026-09-05', Amount: Number(w.payments.find((p) => p.paymentId === paymentId)!.amount), Reference: reference });
    const paid = await gateway.write('payments', [pay(0, 'P1-a', 'Stripe ch_3101'), pay(1, 'P2-a', 'CourseCo payment P2-a | Card')], { idempotencyKey: 'seed-push-payments' });

    await refresh();
    const journal = h.journal();
    expect(journal.cachedDocuments({ unlinked: true }).map((d) => d.xeroId)).toEqual(expect.arrayContaining([made[0]!.id, made[1]!.id]));
    const result = linkCourseCoPush({ journal, planner: PLANNER });
    expect(result.linked.sort((a, b) => a.transactionId.localeCompare(b.transactionId))).toEqual([
      { transactionId: 'P1', xeroId: made[0]!.id, origin: 'courseco-push' },
      { transactionId: 'P2', xeroId: made[1]!.id, origin: 'assistant' },
    ]);
    expect(result.courseCoPush).toBe(1);
    expect(journal.get('P1')).toMatchObject({ status: 'synced', xeroInvoiceId: made[0]!.id, xeroNumber: 'INV-P-1' });
    expect(journal.get('P2')).toMatchObject({ status: 'synced', xeroInvoiceId: made[1]!.id });
    expect(journal.entries({ ids: ['P1', 'P2'] }).flatMap((e) => e.payments.map((p) => p.xeroPaymentId))).toEqual([paid[0]!.id, paid[1]!.id]);
    const pushed = journal.cachedDocuments({ ids: [made[0]!.id!] })[0]!;
    expect(pushed).toMatchObject({ transactionId: 'P1', origin: 'courseco-push' });
    expect(pushed.baseline).toEqual(pushed.current);
    // Linking twice changes nothing.
    expect(linkCourseCoPush({ journal, planner: PLANNER }).linked).toEqual([]);

    const writes: Array<{ kind: WriteKind; ids: string[] }> = [];
    const spy = (g: SyncGateway): SyncGateway => ({
      ...g,
      write: (kind, payloads, options) => {
        writes.push({ kind, ids: payloads.map((p) => String((p as { Reference?: string }).Reference ?? '')) });
        return g.write(kind, payloads, options);
      },
    });
    const before = h.org();
    const summary = await h.engine({}, spy).run({ all: true });
    expect(summary).toMatchObject({ synced: 1, failed: 0 });
    expect(writes.flatMap((x) => x.ids).filter((r) => /P[12]\b/.test(r))).toEqual([]);
    const org = h.org();
    expect(org.Invoices.length).toBe(before.Invoices.length + 1);
    expect(org.Payments.length).toBe(before.Payments.length + w.payments.filter((p) => p.transactionId === 'P3').length);
  });
});
