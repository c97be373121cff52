/**
 * The amounts invariant (issue 13): every invoice total the planner produces, and every invoice total Xero then holds,
 * equals what CourseCo charged the customer, to the cent. Runs the 2020-layout report (Transaction Amount, Fee,
 * Discount, Unit and Member Discount Amounts, Total; no VAT column) through import → journal → planner, and through
 * the engine into the sandbox, and compares each total with the file's own Total column, read here independently.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCourseCoExport } from '../../../main/courseco/import';
import { openJournalFile } from '../../../main/sync/journal';
import { planSync, type PlannerSettings } from '../../../main/sync/plan';
import { transactionIdFromReference } from '../../../main/sync/plan/idempotency';
import { harnessPerTest } from './engine-support';

const FIXTURES = path.resolve('test/fixtures/courseco');
const csv = (name: string) => readFileSync(path.join(FIXTURES, name));
const settings = JSON.parse(readFileSync(path.join(FIXTURES, 'irish-org.settings.json'), 'utf8')) as PlannerSettings;

/** Transaction ID → the file's Total, read without the importer (the fixture has no quoted cells). */
function chargedByCourseCo(name: string): Map<string, string> {
  const [header, ...rows] = csv(name).toString('utf8').trim().split('\n').map((line) => line.split(','));
  const id = header!.indexOf('Transaction ID');
  const total = header!.indexOf('Total');
  return new Map(rows.map((cells) => [cells[id]!, cells[total]!]));
}

function plan2020(name: string, amounts?: string) {
  const journal = openJournalFile(':memory:', { clock: { now: () => Date.parse('2024-06-01T00:00:00Z') } });
  try {
    const parsed = parseCourseCoExport(csv(name), amounts ? { amounts } : {});
    expect(parsed.errors).toEqual([]);
    journal.importTransactions(parsed.transactions);
    return { parsed, plan: planSync({ entries: journal.entries(), settings, contacts: [] }) };
  } finally {
    journal.close();
  }
}

const FIXTURE = 'report-2020-layout.transactions.csv';

describe('amounts as CourseCo meant them', () => {
  it('plans every 2020-layout invoice at exactly the Total CourseCo charged, and says which reading it used', () => {
    const charged = chargedByCourseCo(FIXTURE);
    const { parsed, plan } = plan2020(FIXTURE);
    expect(parsed.amounts).toMatchObject({ reading: 'total-includes-vat', chosenByUser: false });
    expect(parsed.amounts!.note).toMatch(/^Amounts read as: "Total" is what the customer paid, VAT included/);
    expect(plan.transactions).toHaveLength(charged.size);
    for (const tx of plan.transactions) {
      expect(tx.errors, tx.transactionId).toEqual([]);
      expect(tx.totals?.total, tx.transactionId).toBe(charged.get(tx.transactionId));
      expect(tx.courseCo?.total, tx.transactionId).toBe(charged.get(tx.transactionId));
    }
    // The €400 + 23 % booking of the issue: 400 before VAT, 92 VAT, 492 total; not 492 + VAT.
    expect(plan.transactions.find((t) => t.transactionId === '2001')!.totals).toEqual({ subTotal: '400.00', totalTax: '92.00', total: '492.00' });
  });

  it('a reading the user forces that does not explain a row rejects that transaction with the reason, never sends a wrong total', () => {
    const parsed = parseCourseCoExport(csv(FIXTURE), { amounts: 'total-before-vat' });
    // Only 2005 (no VAT: Total = Transaction Amount) adds up when Total is the amount before VAT.
    expect(parsed.transactions.map((t) => t.transactionId)).toEqual(['2005']);
    expect(parsed.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'Total'],
      [3, 'Total'],
      [4, 'Total'],
      [5, 'Total'],
    ]);
    expect(parsed.errors[0]!.reason).toBe('492.00 does not add up under the chosen reading ("Total" = "Transaction Amount" + "Fee" − "Discount" is the amount before VAT ("Discount" already holds "Unit Discount Amount" and "Member Discount Amount"); VAT is added on top at your tax rate in Xero): 400.00 is not 492.00');
  });

  const harness = harnessPerTest();

  it('the invoices in Xero (sandbox) total what CourseCo charged, and each payment of that Total settles its invoice', async () => {
    const h = await harness.start();
    // Booking 2005 charged no VAT; several Xero rates are 0 %, and the user chooses which one sales use (as in Setup).
    h.services.settings.update({ 'xero.taxTypesByRate': '0=NONE' });
    const charged = chargedByCourseCo(FIXTURE);
    const transactions = parseCourseCoExport(csv(FIXTURE));
    const payments = parseCourseCoExport(csv('report-2020-layout.payments.csv'));
    expect([transactions.errors, payments.errors]).toEqual([[], []]);
    h.put(transactions.transactions, payments.payments);

    const summary = await h.engine().run({ all: true });
    expect(summary).toMatchObject({ outcome: 'completed', failed: 0, failures: [] });
    // The sandbox org has invoices of its own; ours carry the CourseCo transaction in their reference.
    const invoices = h.org().Invoices.filter((i) => i.Status !== 'DELETED' && i.Status !== 'VOIDED' && String(i.Reference).startsWith('CourseCo Tx '));
    expect(invoices).toHaveLength(charged.size);
    for (const [transactionId, total] of charged) {
      const invoice = invoices.find((i) => transactionIdFromReference(String(i.Reference)) === transactionId)!;
      expect(Number(invoice.Total).toFixed(2), transactionId).toBe(total);
      expect([invoice.Status, Number(invoice.AmountDue)], transactionId).toEqual(['PAID', 0]);
    }
  });
});
