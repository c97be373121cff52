/**
 * The deposit rules of plan/deposits.ts beyond the golden plans: Xero's ceiling of 50 invoices a batch (the rest a
 * second deposit of the same day and method), one currency per deposit, credit transactions never in one, and the
 * plan's summary and minimum calls counting each deposit as one request.
 */
import { describe, expect, it } from 'vitest';
import type { CourseCoPayment, CourseCoTransaction } from '../../../main/courseco/types';
import { openJournalFile } from '../../../main/sync/journal';
import { planSync, type PlannerSettings } from '../../../main/sync/plan';

const settings: PlannerSettings = { invoiceAccountCode: '200', paymentAccountCode: '090', invoiceStatus: 'AUTHORISED', taxTypes: { '23': 'TAX001', '0': 'NONE' }, defaultTaxRate: '23', batchDeposits: true };

function tx(id: string, extra: Partial<CourseCoTransaction> = {}): CourseCoTransaction {
  return { transactionId: id, kind: 'invoice', contact: { name: `Payer ${id}` }, date: '2026-05-01', amountsIncludeTax: false, lines: [{ row: 2, description: 'Course', quantity: '1', unitAmount: '100.00', taxRate: '0' }], invoiceNumber: `INV-${id}`, ...extra };
}
const pay = (id: string, extra: Partial<CourseCoPayment> = {}): CourseCoPayment => ({ paymentId: `${id}-p`, transactionId: id, date: '2026-05-02', amount: '100.00', method: 'Card', row: 2, ...extra });

function plan(transactions: CourseCoTransaction[], payments: CourseCoPayment[], overrides: Partial<PlannerSettings> = {}) {
  const journal = openJournalFile(':memory:', { clock: { now: () => Date.parse('2026-05-03T00:00:00Z') } });
  try {
    journal.importTransactions(transactions);
    journal.importPayments(payments);
    return planSync({ entries: journal.entries(), settings: { ...settings, ...overrides } });
  } finally {
    journal.close();
  }
}

describe('planner: deposits', () => {
  it('puts at most 50 invoices in a deposit; the 51st and after go in a second deposit of that day and method', () => {
    const ids = Array.from({ length: 53 }, (_, i) => `T${String(i + 1).padStart(2, '0')}`);
    const p = plan(ids.map((id) => tx(id)), ids.map((id) => pay(id)));
    expect(p.deposits!.map((d) => [d.payload.Reference, d.paymentIds.length, d.total])).toEqual([
      ['CourseCo deposit 2026-05-02 Card (1 of 2)', 50, '5000.00'],
      ['CourseCo deposit 2026-05-02 Card (2 of 2)', 3, '300.00'],
    ]);
    expect(p.summary).toMatchObject({ payments: 53, deposits: 2, depositPayments: 53 });
    // contacts (2 requests of 50) + invoices (2) + 0 single payments + 2 deposits.
    expect(p.summary.minimumCalls).toBe(2 + 2 + 0 + 2);
    expect(new Set(p.deposits!.map((d) => d.idempotencyKey)).size).toBe(2);
  });

  it('keeps currencies apart, and leaves credit transactions and lone payments single', () => {
    const p = plan(
      [tx('E1'), tx('E2'), tx('G1', { currency: 'GBP' }), tx('G2', { currency: 'GBP' }), tx('L1'), tx('C1', { kind: 'credit', lines: [{ row: 2, description: 'Refund', quantity: '1', unitAmount: '-50.00', taxRate: '0' }] })],
      [pay('E1'), pay('E2'), pay('G1'), pay('G2'), pay('L1', { method: 'Cash' }), pay('C1', { amount: '50.00' })],
    );
    expect(p.deposits!.map((d) => d.transactionIds)).toEqual([['E1', 'E2'], ['G1', 'G2']]);
    expect(p.transactions.find((t) => t.transactionId === 'C1')!.outcome).toBe('error');
    expect(p.payments.map((d) => d.key)).toContain('L1-p');
  });

  it('plans nothing as a deposit with the setting off, and the same plan otherwise', () => {
    const on = plan([tx('A'), tx('B')], [pay('A'), pay('B')]);
    const off = plan([tx('A'), tx('B')], [pay('A'), pay('B')], { batchDeposits: false });
    expect(off.deposits).toBeUndefined();
    expect(off.summary).not.toHaveProperty('deposits');
    const { deposits: _d, summary: onSummary, ...onRest } = on;
    const { summary: offSummary, ...offRest } = off;
    expect(onRest).toEqual(offRest);
    expect(onSummary.minimumCalls).toBe(offSummary.minimumCalls);
  });
  it('keeps out of a deposit a payment in a currency other than the base (Xero batches the base currency only)', () => {
    const p = plan([tx('E1'), tx('E2'), tx('U1', { currency: 'USD' }), tx('U2', { currency: 'USD' })], [pay('E1'), pay('E2'), pay('U1'), pay('U2')], { currencies: { base: 'EUR', enabled: ['EUR', 'USD'] } });
    expect(p.deposits!.map((d) => d.paymentIds)).toEqual([['E1-p', 'E2-p']]);
    expect(p.payments.map((d) => d.key)).toEqual(expect.arrayContaining(['U1-p', 'U2-p']));
  });

  it('sends on its own a payment re-dated to the first open day: it no longer matches its own day\'s payout', () => {
    const lockDates = { periodLockDate: '2026-05-02', choice: 'first-open-day' as const };
    const p = plan([tx('L1'), tx('L2'), tx('L3'), tx('L4')], [pay('L1'), pay('L2'), pay('L3', { date: '2026-05-03' }), pay('L4', { date: '2026-05-03' })], { lockDates });
    // L1 and L2 (2 May, locked) go singly on 3 May; only the real 3 May payout is a deposit.
    expect(p.deposits!.map((d) => [d.date, d.paymentIds])).toEqual([['2026-05-03', ['L3-p', 'L4-p']]]);
  });
});
