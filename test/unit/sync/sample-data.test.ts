/**
 * The sandbox's sample CourseCo exports (sandbox/sample-data, documented in its README) through the importer, the
 * journal and the planner, with the sandbox's Irish organisation as Xero. Every deliberate error in those files must
 * surface with its row and reason; everything else must plan cleanly.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IRISH_ORG } from '../../../sandbox/state/default-seed';
import { settingsDefaults } from '../../../main/settings/settings-schema';
import { importExport } from '../../../main/sync/import';
import { openJournalFile, type Journal } from '../../../main/sync/journal';
import { plannerSettingsFrom, planSync, type SyncPlan } from '../../../main/sync/plan';

const sample = (name: string) => readFileSync(path.resolve('sandbox/sample-data', name));

let journal: Journal;
beforeEach(() => {
  journal = openJournalFile(':memory:', { clock: { now: () => Date.parse('2026-11-01T00:00:00Z') } });
});
afterEach(() => journal.close());

function importBoth() {
  const transactions = importExport(journal, { bytes: sample('courseco-transactions-report.csv'), fileName: 'courseco-transactions-report.csv' });
  const payments = importExport(journal, { bytes: sample('courseco-payments-report.csv'), fileName: 'courseco-payments-report.csv' });
  return { transactions, payments };
}

function planAll(): SyncPlan {
  const settings = plannerSettingsFrom(
    { ...settingsDefaults, 'xero.invoiceAccountCode': '200', 'xero.paymentAccountCode': '090', 'xero.taxRateName': '23% VAT on Income' },
    IRISH_ORG.taxRates.map((r) => ({ Name: r.Name, TaxType: r.TaxType, EffectiveRate: r.Rate, Status: r.Status ?? 'ACTIVE', CanApplyToRevenue: r.applies === 'sales' || r.applies === 'both' })),
    { useNominalCodes: true },
    IRISH_ORG.accounts.map((a) => ({ Code: a.Code, Name: a.Name, Type: a.Type, SystemAccount: a.SystemAccount, TaxType: a.TaxType, Status: a.Status ?? 'ACTIVE' })),
  );
  const contacts = (IRISH_ORG.contacts ?? []).map((c, i) => ({
    ContactID: `seed-${i}`,
    Name: String(c.Name),
    ...(typeof c.ContactNumber === 'string' ? { ContactNumber: c.ContactNumber } : {}),
    ...(c.ContactStatus === 'ARCHIVED' ? { ContactStatus: 'ARCHIVED' as const } : {}),
  }));
  return planSync({ entries: journal.entries(), settings, contacts });
}

describe('sandbox sample exports', () => {
  it('imports the transactions report, reporting exactly the rows that are wrong on purpose', () => {
    const { transactions } = importBoth();
    expect(transactions).toMatchObject({ status: 'imported', kind: 'transactions', imported: 37, skipped: 0 });
    expect(transactions.status === 'imported' && transactions.errors).toEqual([
      { row: 40, column: 'Organization', reason: 'is empty: no one to bill (Organization, First Name, Last Name empty)', transactionId: '5037' },
      { row: 41, column: 'Unit price', reason: 'is not an amount: "12O.00"', transactionId: '5038' },
      { row: 43, column: 'Invoice Date', reason: 'is not a calendar date: "31/02/2026"', transactionId: '5040' },
      {
        row: 44,
        column: 'Total',
        reason: '"243.70" matches neither Quantity × Unit price (190.00) nor that plus VAT (233.70): correct the row in CourseCo rather than let the importer guess which figure is right',
        transactionId: '5041',
      },
    ]);
  });

  it('imports the payments report, skipping the failed card payment and naming payments for unknown transactions', () => {
    const { payments } = importBoth();
    expect(payments).toMatchObject({ status: 'imported', kind: 'payments', imported: 32, skipped: 1, errors: [] });
    expect(payments.status === 'imported' && payments.warnings.map((w) => [w.row, w.transactionId])).toEqual([
      [31, '5038'],
      [32, '5040'],
      [33, '7777'],
    ]);
    expect(journal.counts()).toMatchObject({ ready: 37, orphanPayments: 3 });
  });

  it('plans the rest for the sandbox’s Irish org, refusing the unknown account code and the overpayment', () => {
    importBoth();
    const plan = planAll();
    const failed = plan.transactions.filter((t) => t.outcome === 'error').map((t) => [t.transactionId, t.errors]);
    expect(failed).toEqual([
      ['5035', [expect.stringMatching(/^EUR 100\.00 more than the invoice's amount due was paid \(invoice total 1150\.00, payments 1250\.00\).*overpayment/)]],
      ['5039', [`row 42 ("HACCP Level 2"): Account code '4999' does not exist in this Xero organisation (Xero answers "Account code '4999' is not a valid code for this document."). Choose an active revenue account (for example 200 Sales, 210 Course Fees, 220 Course Materials, 260 Other Revenue, 270 Interest Income), or add account 4999 in Xero → Accounting → Chart of accounts.`]],
    ]);
    expect(plan.summary).toMatchObject({ transactions: 37, planned: 35, errors: 2, invoices: 34, creditNotes: 1 });
    // The only warnings: contacts found by name alone are said to be (issue 12), so the user checks them once.
    const planned = plan.transactions.filter((t) => t.outcome === 'planned');
    expect(planned.filter((t) => t.warnings.length > 0).every((t) => t.contact.match === 'name' && t.warnings.length === 1 && t.warnings[0]!.includes('found by name only'))).toBe(true);
    expect(planned.filter((t) => t.contact.match === 'name').every((t) => t.warnings.length === 1)).toBe(true);

    const credit = plan.creditNotes[0]!;
    expect(credit.payload).toMatchObject({
      Type: 'ACCRECCREDIT',
      CreditNoteNumber: 'CN-2434',
      Reference: 'CourseCo Tx 5034',
      LineItems: [{ Description: 'Occupational First Aid (QQI Level 5)', Quantity: 1, UnitAmount: 395, AccountCode: '210', TaxType: 'TAX005' }],
    });
    const discounted = plan.invoices.find((i) => i.key === '5008')!;
    expect(discounted.payload.LineItems).toEqual([{ Description: 'Excel Intermediate (less discount 10.00)', Quantity: 1, UnitAmount: 185, AccountCode: '200', TaxType: 'TAX001' }]);
    expect(plan.transactions.find((t) => t.transactionId === '5008')!.totals).toEqual({ subTotal: '185.00', totalTax: '42.55', total: '227.55' });
    // Dublin City Council exists in the sandbox with our ContactNumber scheme's cousin CC-ORG-12: matched by name.
    expect(plan.transactions.find((t) => t.transactionId === '5001')!.contact).toMatchObject({ match: 'name', contactId: 'seed-0' });
  });
});
