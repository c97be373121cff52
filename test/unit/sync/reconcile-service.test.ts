/**
 * Reconciliation end to end against the real sandbox: a sync, then a person changes Xero behind the assistant's back
 * (sandbox/controls/person-edits.ts, under Xero's own rules), then the reconcile service reads Xero back and names each
 * change exactly once with the right kind, and the period totals differ by exactly those amounts. Reading is
 * economical: a second reconciliation with nothing changed costs a handful of calls.
 */
import path from 'node:path';
import Database from 'libsql';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { createProfileReconcileService } from '../../../main/app/reconcile-wiring';
import { booksMatch } from '../../../main/diagnostics/checks/books';
import type { Facts } from '../../../main/diagnostics/facts';
import type { ReconcileReport } from '../../../contract/features/reconcile';
import { personInXero } from '../../support/sandbox-person';
import { harnessPerTest, workload, type EngineHarness } from './engine-support';

const harness = harnessPerTest();
const RANGE = { from: '2026-09-01', to: '2026-09-30' };

function reconciler(h: EngineHarness) {
  return createProfileReconcileService({
    dataDir: h.dataDir,
    host: 'cli',
    settings: h.services.settings,
    clock: { now: () => h.sandbox.now() },
    log: h.services.log,
    connection: h.services.connection,
    journal: () => h.services.journal(),
  });
}

async function syncedWorkload(h: EngineHarness, count: number) {
  const { transactions, payments } = workload('R', count);
  h.put(transactions, payments);
  const summary = await h.engine().run({ all: true });
  expect(summary.failed).toBe(0);
  return { transactions, payments };
}

const invoiceIdOf = (h: EngineHarness, tx: string) => h.journal().get(tx)!.xeroInvoiceId!;
const gross = (r: ReconcileReport) => ({ courseco: r.total.courseco.gross, xero: r.total.xero.gross, difference: r.total.difference.gross });

describe('reconciliation against the sandbox', () => {
  it('finds the books matching right after a sync, then reads only what changed', async () => {
    const h = await harness.start();
    await syncedWorkload(h, 12);
    const service = reconciler(h);

    const first = await service.run(RANGE);
    expect(first.drift).toEqual([]);
    expect(first.matches).toBe(true);
    expect(first.total.courseco.count).toBe(12);
    expect(first.total.difference.gross).toBe('0.00');
    expect(first.reads.full).toBe(true);
    expect((await booksMatch.run({ deps: { journal: () => h.journal() } } as unknown as Facts)).status).toBe('pass');

    // A breakdown row drills down to exactly its lines: every paid transaction here has a card payment (R5, R10 unpaid).
    const card = await service.lines({ ...RANGE, dimension: 'payment-method', key: 'Card', limit: 1000 });
    expect(card.rows.map((r) => r.transactionId).sort()).toEqual(['R1', 'R11', 'R12', 'R2', 'R3', 'R4', 'R6', 'R7', 'R8', 'R9']);
    expect((await service.lines({ ...RANGE, dimension: 'payment-method', key: 'EFT/Bank Transfer', limit: 1000 })).total).toBe(4);

    const second = await service.run(RANGE);
    expect(second.matches).toBe(true);
    expect(second.reads.full).toBe(false);
    // Modified-since reads of invoices, credit notes and payments; the organisation's reference is still fresh.
    expect(second.reads.calls).toBeLessThanOrEqual(5);
  });

  it('names a draft deleted in Xero `deleted` once, at no extra call', async () => {
    const h = await harness.start();
    // Only a draft can be deleted in Xero: the profile sends invoices as drafts (no payments: Xero takes none on a draft).
    h.services.settings.update({ 'xero.invoiceStatus': 'DRAFT' });
    const { transactions } = workload('R', 4);
    h.put(transactions);
    expect((await h.engine().run({ all: true })).failed).toBe(0);
    const service = reconciler(h);
    const first = await service.run(RANGE);
    expect(first.drift).toEqual([]);
    expect(first.matches).toBe(true);
    const second = await service.run(RANGE);
    expect(second.matches).toBe(true);
    // Modified-since reads of invoices and credit notes (naming every status, DELETED too) and payments: no call more
    // for deleted documents; the organisation's reference is still fresh.
    expect(second.reads.calls).toBeLessThanOrEqual(5);

    const r3 = h.org().Invoices.find((i) => i.InvoiceID === invoiceIdOf(h, 'R3'))!;
    await personInXero(h.sandbox, h.tenantId).deleteInvoice(invoiceIdOf(h, 'R3'));
    const report = await service.run(RANGE);
    expect(report.drift.map((d) => `${d.transactionId}:${d.kind}`)).toEqual(['R3:deleted']);
    expect(report.matches).toBe(false);
    expect(report.reads.calls).toBeLessThanOrEqual(5);
    // A deleted invoice counts 0 in Xero: the gross is lower by exactly its total.
    expect(gross(report).difference).toBe(new Decimal(r3.Total as number).negated().toFixed(2));
    // Read again, it is still named once.
    expect((await service.run(RANGE)).drift.map((d) => `${d.transactionId}:${d.kind}`)).toEqual(['R3:deleted']);
  });

  it('names a payment a person added in Xero `payment-added` once, read from the payments changed', async () => {
    const h = await harness.start();
    await syncedWorkload(h, 6);
    const service = reconciler(h);
    expect((await service.run(RANGE)).matches).toBe(true);
    // R5 carries no payment (every fifth is unpaid): a person records one in Xero.
    const r5 = h.org().Invoices.find((i) => i.InvoiceID === invoiceIdOf(h, 'R5'))!;
    const added = await personInXero(h.sandbox, h.tenantId).addPayment(invoiceIdOf(h, 'R5'), { amount: 10, date: '2026-09-20', accountCode: '090' });
    // The invoice's UpdatedDateUTC does not move (the sandbox's stricter reading): only GET /Payments sees it.
    expect(h.org().Invoices.find((i) => i.InvoiceID === invoiceIdOf(h, 'R5'))!.UpdatedDateUTC).toEqual(r5.UpdatedDateUTC);
    const report = await service.run(RANGE);
    expect(report.drift.map((d) => `${d.transactionId}:${d.kind}`)).toEqual(['R5:payment-added']);
    expect(report.total.difference.paid).toBe('10.00');
    expect(JSON.stringify(report.drift[0])).toContain(String(added.PaymentID));
    expect((await service.run(RANGE)).drift.map((d) => `${d.transactionId}:${d.kind}`)).toEqual(['R5:payment-added']);
  });

  it('names each change made in Xero exactly once, and the totals differ by exactly those amounts', async () => {
    const h = await harness.start();
    await syncedWorkload(h, 12);
    const service = reconciler(h);
    expect((await service.run(RANGE)).matches).toBe(true);

    const person = personInXero(h.sandbox, h.tenantId);
    // R5 and R10 carry no payment (workload: every fifth is unpaid): one voided, one edited to a lower amount.
    const r5 = h.org().Invoices.find((i) => i.InvoiceID === invoiceIdOf(h, 'R5'))!;
    const r10Before = h.org().Invoices.find((i) => i.InvoiceID === invoiceIdOf(h, 'R10'))!;
    await person.voidInvoice(invoiceIdOf(h, 'R5'));
    await person.editInvoice(invoiceIdOf(h, 'R10'), { lines: [{ description: 'Course 3', quantity: 1, unitAmount: 100, accountCode: '200', taxType: 'TAX001' }] });
    // R1 is paid in full by one payment: it is removed in Xero.
    const [r1] = h.journal().entries({ ids: ['R1'] });
    const removed = r1!.payments[0]!;
    await person.deletePayment(removed.xeroPaymentId!);

    const report = await service.run(RANGE);
    const kinds = report.drift.map((d) => `${d.transactionId}:${d.kind}`).sort();
    expect(kinds).toEqual(['R1:payment-removed', 'R10:amount-changed', 'R5:voided'].sort());
    expect(report.matches).toBe(false);
    expect(report.reads.full).toBe(false);
    // Diagnostics shows the drift as a status, with the comparison's date, from the journal alone.
    const books = await booksMatch.run({ deps: { journal: () => h.journal() } } as unknown as Facts);
    expect(books.status).toBe('warn');
    expect(books.evidence).toMatch(/^For 1 Sep 2026 to 30 Sep 2026 \(compared on \d{1,2} [A-Z][a-z]{2} \d{4}\): 3 changes in Xero since sync \(/);
    expect(books.evidence).toContain('Voided in Xero: 1');

    // Xero's gross is lower by exactly R5's total and R10's reduction; Xero's paid lower by the removed payment.
    const r10After = h.org().Invoices.find((i) => i.InvoiceID === invoiceIdOf(h, 'R10'))!;
    const expectedGross = new Decimal(r5.Total as number).negated().plus(new Decimal(r10After.Total as number).minus(r10Before.Total as number));
    expect(gross(report).difference).toBe(expectedGross.toFixed(2));
    expect(report.total.difference.paid).toBe(new Decimal(removed.payment.amount).negated().toFixed(2));

    // Sent again from elsewhere meanwhile (another window, the command line): the journal refuses a second time, and
    // the user is told why, never that it is on its way.
    const paymentGone = report.drift.find((d) => d.kind === 'payment-removed')!;
    expect(h.journal().resendPayment(paymentGone.paymentId!).refused).toEqual([]);
    await expect(service.resolve(paymentGone.key, 'send-again')).rejects.toMatchObject({ kind: 'SendAgainRefused', message: expect.stringMatching(/^This cannot be sent again now: the payment is not recorded as sent/) });

    // Accepting Xero's version of the void leaves the other two reported.
    const voided = report.drift.find((d) => d.kind === 'voided')!;
    const after = await service.resolve(voided.key, 'accept-xero');
    expect(after.report.drift.find((d) => d.key === voided.key)?.accepted).toBe(true);
    expect(after.report.matches).toBe(false);
  });

  it('on a journal that synced before it kept baselines, a void and an edit made before the first reconciliation are still named', async () => {
    const h = await harness.start();
    await syncedWorkload(h, 12);
    // An upgraded journal: the documents were sent before reconciliation existed, so no baseline was recorded.
    const db = new Database(path.join(h.dataDir, 'journal.sqlite'));
    db.exec('DELETE FROM xero_documents');
    db.close();
    const person = personInXero(h.sandbox, h.tenantId);
    await person.voidInvoice(invoiceIdOf(h, 'R5'));
    await person.editInvoice(invoiceIdOf(h, 'R10'), { lines: [{ description: 'Course 3', quantity: 1, unitAmount: 100, accountCode: '200', taxType: 'TAX001' }] });

    const report = await reconciler(h).run(RANGE);
    expect(report.drift.map((d) => `${d.transactionId}:${d.kind}`).sort()).toEqual(['R10:amount-changed', 'R5:voided'].sort());
    expect(report.unexplained).toBe(0);
  });
});

