/**
 * Golden plans for credit notes carried through (issue 13 part 4): allocation to the booking's invoice, capped at its
 * amount due; refunds out of the credit note; overpayments reported. Same fixtures layout as planner.golden.test.ts
 * (test/fixtures/courseco/<case>.*), plus what earlier runs left in the journal: documents synced (optionally with
 * their payments), loaded through the run's own credit context, so the booking's invoice is found as a run finds it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCourseCoExport } from '../../../main/courseco/import';
import { openJournalFile } from '../../../main/sync/journal';
import { planSync, type KnownXeroContact, type PlannerSettings } from '../../../main/sync/plan';
import { creditContextFor } from '../../../main/sync/run/phase-allocations';

const FIXTURES = path.resolve('test/fixtures/courseco');
const CASES = ['credit-allocated', 'credit-capped', 'credit-refund', 'overpayment'];

interface CreditCase {
  description: string;
  import: { amountsIncludeTax: boolean };
  contacts: KnownXeroContact[];
  synced?: Array<{ transactionId: string; contactId: string; invoiceId: string; number: string; paymentsSynced?: boolean }>;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as T;
const baseSettings = readJson<PlannerSettings>('irish-org.settings.json');

function planCase(name: string, overrides: Partial<PlannerSettings> = {}) {
  const spec = readJson<CreditCase>(`${name}.json`);
  const journal = openJournalFile(':memory:', { clock: { now: () => Date.parse('2024-06-30T00:00:00Z') } });
  try {
    const txs = parseCourseCoExport(readFileSync(path.join(FIXTURES, `${name}.transactions.csv`)), { amountsIncludeTax: spec.import.amountsIncludeTax });
    expect(txs.errors).toEqual([]);
    journal.importTransactions(txs.transactions);
    const paymentsFile = path.join(FIXTURES, `${name}.payments.csv`);
    if (existsSync(paymentsFile)) {
      const pays = parseCourseCoExport(readFileSync(paymentsFile));
      expect(pays.errors).toEqual([]);
      journal.importPayments(pays.payments);
    }
    for (const done of spec.synced ?? []) {
      const runId = journal.startRun({ actor: 'golden', host: 'test', requested: 1 });
      journal.markInFlight([done.transactionId], runId);
      const entry = journal.entries({ ids: [done.transactionId] })[0]!;
      journal.recordDocument(done.transactionId, { sentHash: entry.contentHash, contactId: done.contactId, invoiceId: done.invoiceId, number: done.number });
      if (done.paymentsSynced) entry.payments.forEach((p, i) => journal.recordPaymentSynced(p.payment.paymentId, `${done.invoiceId.slice(0, -4)}p00${i}`, p.contentHash));
      journal.settle(done.transactionId);
    }
    const entries = journal.entries();
    return planSync({ entries, settings: { ...baseSettings, ...overrides }, contacts: spec.contacts, credits: creditContextFor(journal, entries) });
  } finally {
    journal.close();
  }
}

describe('planner golden plans: credit notes, refunds, overpayments', () => {
  it.each(CASES)('%s', (name) => {
    const plan = planCase(name);
    const file = path.join(FIXTURES, `${name}.plan.json`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, `${JSON.stringify(plan, null, 2)}\n`);
    expect(plan).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });

  // The properties the golden files are checked for, stated once more so a regenerated file cannot hide a regression.
  it('allocates a cancelled booking in full to its invoice, binding both new documents at send time', () => {
    const plan = planCase('credit-allocated');
    expect(plan.allocations).toEqual([expect.objectContaining({ kind: 'allocation', key: '2002>2001', transactionIds: ['2002'], needs: { invoiceOf: '2001', creditNoteOf: '2002' } })]);
    expect(plan.allocations![0]!.payload).toMatchObject({ Amount: 184.5, Date: '2024-03-20' });
    expect(plan.transactions.find((t) => t.transactionId === '2002')!.warnings.filter((w) => /alloc|credit/.test(w))).toEqual([]);
  });

  it('caps the allocation at the amount due after a part payment and says what stays as credit', () => {
    const plan = planCase('credit-capped');
    expect(plan.allocations!.map((a) => a.payload)).toEqual([
      { Invoice: { InvoiceID: '9f1e2d3c-0000-4000-8000-000000002101' }, CreditNote: { CreditNoteID: '(CreditNoteID of CourseCo Tx 2102)' }, Amount: 84.5, Date: '2024-04-15' },
    ]);
    expect(plan.transactions.find((t) => t.transactionId === '2102')!.warnings.join(' ')).toMatch(/84\.50 of the credit is allocated.*100\.00 stays in Xero as credit for "Harbour Cafe"/);
  });

  it('refunds a paid, cancelled booking out of its credit note and allocates nothing', () => {
    const plan = planCase('credit-refund');
    expect(plan.allocations).toBeUndefined();
    expect(plan.refunds).toEqual([expect.objectContaining({ kind: 'refund', needs: { creditNoteOf: '2202' } })]);
    expect(plan.refunds![0]!.payload).toMatchObject({ CreditNote: { CreditNoteID: '(CreditNoteID of CourseCo Tx 2202)' }, Account: { Code: '090' }, Amount: 184.5, Date: '2024-05-12' });
    expect(plan.summary).toMatchObject({ creditNotes: 1, refunds: 1, payments: 0 });
  });

  it('guards a refund dated in a locked period like any payment: held, or paid out on the first open day', () => {
    const held = planCase('credit-refund', { lockDates: { periodLockDate: '2024-05-31', choice: 'hold' } });
    expect(held.transactions.find((t) => t.transactionId === '2202')!.errors).toContainEqual(expect.stringMatching(/^the refund of 184\.50 is dated 2024-05-12, on or before the organisation's period lock date \(2024-05-31\)/));
    expect(held.refunds).toBeUndefined();
    const moved = planCase('credit-refund', { lockDates: { periodLockDate: '2024-05-31', choice: 'first-open-day' } });
    expect(moved.refunds![0]!.payload.Date).toBe('2024-06-01');
    expect(moved.refunds![0]!.idempotencyKey).not.toBe(planCase('credit-refund').refunds![0]!.idempotencyKey);
  });

  it('reports an overpayment with the amount and what to do, and sends nothing of it', () => {
    const plan = planCase('overpayment');
    const t = plan.transactions[0]!;
    expect(t.outcome).toBe('error');
    expect(t.errors.join(' ')).toMatch(/^50\.00 more than the invoice's amount due was paid \(invoice total 184\.50, payments 234\.50\).*overpayment/);
    expect(plan.invoices).toEqual([]);
    expect(plan.payments).toEqual([]);
  });

  it('refuses refunds above what is left of the credit once part of it was allocated', () => {
    const journal = openJournalFile(':memory:');
    try {
      const txs = parseCourseCoExport(readFileSync(path.join(FIXTURES, 'credit-refund.transactions.csv')), { amountsIncludeTax: false });
      journal.importTransactions(txs.transactions);
      journal.importPayments(parseCourseCoExport(readFileSync(path.join(FIXTURES, 'credit-refund.payments.csv'))).payments.filter((p) => p.transactionId === '2202'));
      // An earlier run allocated 84.50 of 2202's credit note to 2201's invoice: only 100.00 is left to refund.
      journal.recordAllocation({ creditTransactionId: '2202', invoiceTransactionId: '2201', amount: '84.50', date: '2024-05-10', xeroAllocationId: 'a1' });
      const entries = journal.entries({ ids: ['2202'] });
      const plan = planSync({ entries, settings: baseSettings, credits: creditContextFor(journal, entries) });
      expect(plan.transactions[0]!.outcome).toBe('error');
      expect(plan.transactions[0]!.errors[0]).toMatch(/refunds total 184\.50 but only 100\.00 of the credit note's 184\.50 remains to refund \(84\.50 of it is already allocated/);
    } finally {
      journal.close();
    }
  });
  // The allocation carries a Date, and Xero refuses it in a locked period as it refuses documents and payments: the
  // credit note was sent before the period was locked, so only its allocation is left to guard.
  it.each([
    ['hold', undefined],
    ['first-open-day', '2024-05-01'],
  ] as const)('guards an allocation dated in a locked period (%s)', (choice, dated) => {
    const journal = openJournalFile(':memory:');
    try {
      const txs = parseCourseCoExport(readFileSync(path.join(FIXTURES, 'credit-capped.transactions.csv')), { amountsIncludeTax: false });
      journal.importTransactions(txs.transactions);
      journal.importPayments(parseCourseCoExport(readFileSync(path.join(FIXTURES, 'credit-capped.payments.csv'))).payments);
      const runId = journal.startRun({ actor: 'golden', host: 'test', requested: 2 });
      journal.markInFlight(['2101', '2102'], runId);
      for (const entry of journal.entries({ ids: ['2101', '2102'] })) {
        const tx = entry.transaction.transactionId;
        const ids = tx === '2101' ? { invoiceId: '9f1e2d3c-0000-4000-8000-000000002101' } : { creditNoteId: '7c0ffee0-0000-4000-8000-000000002102' };
        journal.recordDocument(tx, { sentHash: entry.contentHash, contactId: '5b0d3c3e-0000-4000-8000-0000000000c7', ...ids });
        entry.payments.forEach((p, n) => journal.recordPaymentSynced(p.payment.paymentId, `pay-${n}`, p.contentHash));
      }
      // The run that sent 2102's credit note stopped before its allocation was confirmed.
      journal.expectAllocations('2102', [{ invoiceTransactionId: '2101', amount: '84.50', date: '2024-04-15' }]);
      journal.settle('2101');
      expect(journal.settle('2102')).toBe('ready');
      const entries = journal.entries({ ids: ['2102'] });
      const settings = { ...baseSettings, lockDates: { periodLockDate: '2024-04-30', choice } };
      const plan = planSync({ entries, settings, credits: creditContextFor(journal, entries) });
      const t = plan.transactions[0]!;
      if (!dated) {
        expect(t.outcome).toBe('error');
        expect(t.errors).toEqual([expect.stringMatching(/^the allocation of 84\.50 to the invoice is dated 2024-04-15, on or before the organisation's period lock date \(2024-04-30\), and Xero refuses documents in a locked period, so it is held\. Ask your adviser/)]);
        expect(t.lockedPeriod).toMatchObject({ action: 'held', firstOpenDay: '2024-05-01' });
        expect(plan.allocations).toBeUndefined();
      } else {
        expect(t.outcome).toBe('planned');
        expect(plan.allocations!.map((a) => a.payload)).toEqual([
          { Invoice: { InvoiceID: '9f1e2d3c-0000-4000-8000-000000002101' }, CreditNote: { CreditNoteID: '7c0ffee0-0000-4000-8000-000000002102' }, Amount: 84.5, Date: dated },
        ]);
        expect(t.warnings).toContain(`the allocation of 84.50 to the invoice is dated 2024-04-15, on or before the organisation's period lock date (2024-04-30): it goes to Xero dated ${dated}, the first open day, as this profile chose for documents in a locked period`);
      }
    } finally {
      journal.close();
    }
  });
});
