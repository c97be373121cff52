/**
 * Deposits that match the bank feed (issue 13 part 7), the engine against the sandbox: with `xero.batchDeposits` on,
 * one batch payment per day and method, every invoice paid exactly once and every CourseCo payment linked to its own
 * Xero payment; a lost answer (within Xero's idempotency window, and after it) and a crash between sending and
 * recording never make a second deposit.
 */
import { describe, expect, it } from 'vitest';
import { expectExactlyOnce, harnessPerTest, workload, type EngineHarness, type Json } from './engine-support';
import type { SyncGateway } from '../../../main/sync/run';

const harness = harnessPerTest();

const puts = (hh: EngineHarness, from = 0) => hh.apiRequests().slice(from).filter((r) => r.method === 'PUT').map((r) => r.path);

/** Our deposits in the sandbox: batch id → the CourseCo payment ids its members carry. */
function depositsInXero(hh: EngineHarness): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of hh.org().Payments) {
    if (p.Status === 'DELETED' || typeof p.BatchPaymentID !== 'string') continue;
    const id = /^CourseCo payment (\S+)/.exec(String(p.Reference))?.[1] ?? '?';
    out.set(p.BatchPaymentID, [...(out.get(p.BatchPaymentID) ?? []), id]);
  }
  return out;
}

/** Invoices read back as if Xero kept no Reference on their payments. */
const withoutMemberReferences = (g: SyncGateway): SyncGateway => ({
  ...g,
  invoices: async (q) => (await g.invoices(q)).map((d) => ({ ...d, payments: d.payments.map(({ reference: _dropped, ...p }) => p) })),
});

async function depositsOn(): Promise<EngineHarness> {
  const hh = await harness.start();
  hh.services.settings.set('xero.batchDeposits', 'on');
  return hh;
}

describe('sync engine: deposits', () => {
  it('sends one batch payment per day and method, each payment once, each linked in the journal to its own Xero payment', async () => {
    const hh = await depositsOn();
    const w = workload('D', 30, { contacts: 6 });
    hh.put(w.transactions, w.payments);
    // A preview of one transaction shows the deposit its payment goes in: planned with the other ready transactions
    // paid that day, as a sync of everything would send them.
    const preview = await hh.engine().preview(['D1']);
    expect(preview.transactions.map((t) => t.transactionId)).toEqual(['D1']);
    const cardTotal = w.payments.filter((p) => p.date === '2026-09-05').reduce((sum, p) => sum + Math.round(Number(p.amount) * 100), 0) / 100;
    const card = preview.transactions[0]!.documents.find((d) => d.kind === 'payment')!;
    expect(card).toMatchObject({ request: { method: 'PUT', path: '/api.xro/2.0/BatchPayments' }, deposit: { date: '2026-09-05', reference: 'CourseCo deposit 2026-09-05 Card', payments: 24, total: cardTotal.toFixed(2) } });

    const summary = await hh.engine().run({ all: true });
    expect(summary).toMatchObject({ outcome: 'completed', failed: 0, synced: 30 });
    expectExactlyOnce(hh, [w]);
    // The workload pays by Card on 5 September (24 payments) and by EFT on 10 September (the other half of every
    // third invoice that has payments: 8): two deposits, and not one single payment.
    expect(puts(hh).filter((p) => p.endsWith('/Payments'))).toEqual([]);
    expect(puts(hh).filter((p) => p.endsWith('/BatchPayments'))).toHaveLength(2);
    const deposits = [...depositsInXero(hh).values()].map((ids) => ids.sort());
    const byDay = (suffix: string, date: string) => w.payments.filter((p) => p.date === date && p.paymentId.endsWith(suffix)).map((p) => p.paymentId).sort();
    expect(deposits.sort((a, b) => b.length - a.length)).toEqual([byDay('-a', '2026-09-05'), byDay('-b', '2026-09-10')]);
    const batches = (await hh.gateway().batchPayments({ where: 'Reference.StartsWith("CourseCo deposit ")' })).map((b) => [b.reference, b.date, b.payments.length]);
    expect(batches.sort()).toEqual([
      ['CourseCo deposit 2026-09-05 Card', '2026-09-05', 24],
      ['CourseCo deposit 2026-09-10 EFT/Bank Transfer', '2026-09-10', 8],
    ]);
  });

  it('with deposits off (the default) every payment goes as a single payment', async () => {
    const hh = await harness.start();
    const w = workload('S', 6, { contacts: 2 });
    hh.put(w.transactions, w.payments);
    expect(await hh.engine().run({ all: true })).toMatchObject({ outcome: 'completed', failed: 0 });
    expectExactlyOnce(hh, [w]);
    expect(puts(hh).filter((p) => p.endsWith('/BatchPayments'))).toEqual([]);
    expect(depositsInXero(hh).size).toBe(0);
  });

  it('a deposit whose answer was lost is sent again under the same key, and Xero answers with the first batch', async () => {
    const hh = await depositsOn();
    const w = workload('L', 10, { contacts: 3 });
    hh.put(w.transactions, w.payments);
    await hh.fault({ kind: 'drop', method: 'PUT', path: '/api.xro/2.0/BatchPayments', count: 1 });
    expect(await hh.engine().run({ all: true })).toMatchObject({ outcome: 'completed', failed: 0 });
    expectExactlyOnce(hh, [w]);
    expect(hh.apiRequests().filter((r) => r.fault === 'drop')).toHaveLength(1);
    expect(depositsInXero(hh).size).toBe(2);
  });

  it('after Xero has forgotten the key, the lost deposit is found in Xero (by its Reference) instead of sent twice', async () => {
    const hh = await depositsOn();
    const w = workload('F', 10, { contacts: 3 });
    hh.put(w.transactions, w.payments);
    await hh.fault({ kind: 'drop', method: 'PUT', path: '/api.xro/2.0/BatchPayments', count: 1 });
    // Each wait moves the sandbox clock past Xero's 6-minute idempotency window.
    const pastTheWindow = () => {
      hh.sandbox.advanceClock(7 * 60);
      return Promise.resolve();
    };
    // And Xero need not keep a member's own Reference: the deposit is then found by its own Reference.
    const summary = await hh.engine({ sleep: pastTheWindow }, withoutMemberReferences).run({ all: true });
    expect(summary).toMatchObject({ outcome: 'completed', failed: 0 });
    expect(summary.linked).toBeGreaterThan(0);
    expectExactlyOnce(hh, [w]);
    expect(depositsInXero(hh).size).toBe(2);
  });

  it('after a crash between sending a deposit and recording it, the next run finds its payments, even without their own References', async () => {
    const hh = await depositsOn();
    const w = workload('C', 8, { contacts: 2 });
    // The invoices first, so the crashed request can name them by InvoiceID.
    hh.put(w.transactions);
    expect(await hh.engine().run({ all: true })).toMatchObject({ outcome: 'completed', failed: 0 });
    hh.put([], w.payments);
    const ids = w.transactions.map((t) => t.transactionId);
    const preview = await hh.engine().preview(ids);
    const members = preview.transactions.flatMap((t) => t.documents).filter((d) => d.deposit?.date === '2026-09-05');
    expect(members.length).toBeGreaterThan(1);

    // The crashed run: claimed, the deposit's intent written and sent, Xero saved it, then the process died.
    const journal = hh.journal();
    const runId = journal.startRun({ actor: 'test', host: 'cli', requested: ids.length });
    journal.markInFlight(ids, runId);
    journal.recordIntent({ batchId: 'crashed-deposit', runId, kind: 'payments', idempotencyKey: 'crashed-deposit', memberIds: members.map((d) => d.key) });
    journal.markIntentSent('crashed-deposit');
    const written = await hh.gateway().write('batch-payments', members.map((d) => d.payload), { idempotencyKey: 'crashed-deposit', deposit: { Reference: members[0]!.deposit!.reference } });
    expect(written.every((e) => e.id)).toBe(true);
    const before = hh.apiRequests().length;

    // Xero need not keep a batch member's own Reference: the recovery then finds it inside our deposits of its day.
    const summary = await hh.engine({}, withoutMemberReferences).run({ all: true });
    expect(summary).toMatchObject({ outcome: 'completed', failed: 0 });
    expectExactlyOnce(hh, [w]);
    const after = hh.apiRequests().slice(before);
    expect(after.some((r) => r.method === 'GET' && r.path === '/api.xro/2.0/BatchPayments')).toBe(true);
    // Only the EFT deposit of 10 September is still to send; the Card one was found.
    expect(puts(hh, before)).toEqual(['/api.xro/2.0/BatchPayments']);
    const deposits = [...depositsInXero(hh).values()];
    expect(deposits).toHaveLength(2);
    expect(deposits.map((d) => d.length).sort()).toEqual([members.length, w.payments.length - members.length].sort());
    const batch = hh.org().Payments.find((p: Json) => p.PaymentID === written[0]!.id)!;
    expect(journal.entries({ ids }).flatMap((e) => e.payments).find((p) => p.xeroPaymentId === batch.PaymentID)).toBeDefined();
  });

  it('a deposit Xero refuses fails each of its transactions with Xero\'s words and the way out, and nothing of it is saved', async () => {
    const hh = await depositsOn();
    const w = workload('R', 4, { contacts: 2 });
    hh.put(w.transactions);
    expect(await hh.engine().run({ all: true })).toMatchObject({ outcome: 'completed', failed: 0 });
    hh.put([], w.payments);
    // Someone paid R2's invoice at the desk, in Xero, after it was synced.
    const r2 = hh.journal().entries({ ids: ['R2'] })[0]!;
    const total = w.payments.find((p) => p.transactionId === 'R2')!.amount;
    const desk = await hh.gateway().write('payments', [{ Invoice: { InvoiceID: r2.xero.invoiceId }, Account: { Code: '090' }, Date: '2026-09-04', Amount: Number(total), Reference: 'Paid at the desk' }], { idempotencyKey: 'desk' });
    expect(desk[0]!.id).toBeDefined();

    const summary = await hh.engine().run({ all: true });
    expect(summary).toMatchObject({ outcome: 'completed', failed: 4 });
    const reasons = summary.failures.map((f) => f.reason);
    expect(reasons.every((r) => r.includes('Xero refused the deposit of') && r.includes('so none of them was sent') && r.includes('Payment amount exceeds the amount outstanding on this document') && r.includes('then sync again'))).toBe(true);
    expect(depositsInXero(hh).size).toBe(0);
    // The deposit's payments stay unsent; R3's single EFT payment of another day went as usual.
    const journalPayments = hh.journal().entries({ ids: ['R1', 'R2', 'R3', 'R4'] }).flatMap((e) => e.payments);
    expect(journalPayments.filter((p) => p.xeroPaymentId !== null).map((p) => p.payment.paymentId)).toEqual(['R3-b']);
  });
});
