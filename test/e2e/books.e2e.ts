/**
 * Books an accountant signs off (issue 13), one bookkeeper's afternoon in Chromium through the web host against the
 * sandbox: rules per course set on the Rules page (accredited training exempt, with its Venue option); CourseCo's
 * 2020-layout report imported, its amount columns explained; a cancelled booking's credit; a sync whose invoices in
 * Xero total exactly what CourseCo charged, with the credit note allocated and the exempt course sent as the rule
 * says; then a changed booking, reviewed and approved, carried to Xero. Screenshots: test-results/books-*.png.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../main/web-host/renderer-build';
import { expectNoSeriousA11yProblems } from './support/a11y';
import { connectThroughSandbox } from './support/connect';
import { saveScreenshot } from './support/screenshots';
import { useSandboxSessions } from './support/sandbox-session';
import { navButton } from './support/shell';

type Json = Record<string, unknown>;
type Document = Json & { Reference?: string; Total?: number; AmountDue?: number; Status?: string; LineItems?: Json[] };

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'courseco');
const REPORT_2020 = readFileSync(path.join(FIXTURES, 'report-2020-layout.transactions.csv'), 'utf8');
// Booking 805 (transaction 2005) is cancelled in CourseCo before it is paid: a journal credit for the whole amount.
const CANCELLED = '2006,Journal Cancel Booking,805,,0.00,,0.00,-200.00,0.00,0.00,-200.00,,Invoice,2020-10-12 10:00:00,Mary,Murphy,Quay Pharmacy';
const PAYMENTS = [
  'Transaction ID,Payment Amount,Payment Date,Payment Type,Status',
  '2001,492.00,2020-10-20,EFT/Bank Transfer,completed',
  '2002,190.65,2020-10-06,Card,completed',
  '2003,332.10,2020-10-21,EFT/Bank Transfer,completed',
  '2004,104.55,2020-10-08,Card,completed',
].join('\n');
// A course CourseCo schedules under an accredited category at the Cork venue, with its materials pack.
const COURSES = [
  'Transaction ID,Transaction Type,Organization,Payer ID,Course,Course Category,Venue,Quantity,Unit Price,VAT,Total,Invoice Date',
  '8101,Billed Booking,Munster Care Services,P-81,QQI Level 5 Care Skills,Accredited (QQI),Cork,2,300.00,0.00,600.00,05/10/2020',
  '8101,Billed Booking,Munster Care Services,P-81,Course materials pack,Accredited (QQI),Cork,2,25.00,11.50,50.00,05/10/2020',
].join('\n');

const sessions = useSandboxSessions({
  // The 2020 report's VAT-free booking needs its 0 % rate chosen: the Irish organisation has several (Setup asks).
  settings: { 'xero.invoiceAccountCode': '200', 'xero.paymentAccountCode': '090', 'xero.taxRateName': '23% VAT on Income', 'xero.taxTypesByRate': '0=NONE' },
});

/** What CourseCo charged per transaction: the 2020 report's Total column. */
function courseCoTotals(csv: string): Map<string, number> {
  const [header, ...rows] = csv.trim().split('\n');
  const columns = header!.split(',');
  const id = columns.indexOf('Transaction ID');
  const total = columns.indexOf('Total');
  return new Map(rows.map((r) => r.split(',')).map((cells) => [cells[id]!, Number(cells[total])]));
}

function xero(): { invoices: Document[]; creditNotes: Document[] } {
  const orgs = sessions.sandbox().state().organisations as Array<Json & { Invoices?: Document[]; CreditNotes?: Document[] }>;
  const org = orgs.find((o) => (o.Invoices ?? []).some((i) => String(i.Reference).startsWith('CourseCo Tx 20')))!;
  return { invoices: org.Invoices ?? [], creditNotes: org.CreditNotes ?? [] };
}

const ofTransaction = (docs: Document[], id: string) => docs.filter((d) => String(d.Reference).startsWith(`CourseCo Tx ${id}`));

async function importFile(page: Page, name: string, text: string, says: string | RegExp) {
  await page.getByLabel('CourseCo export file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`${text}\n`) });
  const report = page.getByRole('region', { name: 'Import' });
  await report.getByText(name).first().waitFor();
  await report.getByText(says).first().waitFor();
  return report;
}

const row = (page: Page, id: string) => page.getByRole('row').filter({ has: page.getByRole('button', { name: `Details of transaction ${id}`, exact: true }) });

async function syncAll(page: Page, done: string[]) {
  await page.getByRole('button', { name: /^Sync all ready/ }).click();
  for (const id of done) await expect.poll(() => row(page, id).textContent(), { timeout: 60_000 }).toMatch(/In Xero/);
}

describe('books an accountant signs off (web host + Chromium + sandbox)', () => {
  it('explains the amounts, totals what CourseCo charged, allocates the credit, follows the rules, and carries an approved change', async () => {
    const session = await sessions.open();
    const { page } = session;
    await connectThroughSandbox(page, sessions);

    // Rules per course: the example, with the accredited course's Venue option picked from Xero's categories.
    await navButton(page, 'Rules').click();
    await page.getByRole('button', { name: 'Load the example' }).click();
    const accredited = page.getByRole('group', { name: 'Then (Rule 2: Accredited training: exempt from VAT)' });
    await expect.poll(() => accredited.getByLabel('Account').inputValue()).toBe('210');
    await accredited.getByLabel('Tracking category 1').selectOption('Venue');
    await accredited.getByRole('group', { name: 'Tracking 1' }).getByLabel('Option').fill('Cork');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).textContent()).toContain('Saved 2 rules.');
    await saveScreenshot(page, 'books-rules');

    // The 2020 report: its Transaction Amount, Fee, Discount and Total columns explain each other one way only.
    await navButton(page, 'Transactions').click();
    const report = await importFile(page, 'transactions-2020.csv', `${REPORT_2020.trim()}\n${CANCELLED}`, '6 new transactions');
    await expect.poll(() => report.getByText(/^Amounts read as: "Total" is what the customer paid, VAT included/).count()).toBe(1);
    await saveScreenshot(page, 'books-amounts-explained');
    await report.getByRole('button', { name: 'Dismiss' }).click();
    await (await importFile(page, 'payments-2020.csv', PAYMENTS, /4 new payments/)).getByRole('button', { name: 'Dismiss' }).click();
    await (await importFile(page, 'courses.csv', COURSES, '1 new transaction')).getByRole('button', { name: 'Dismiss' }).click();

    // Before sending: the credit's preview says it goes to the cancelled booking's invoice.
    await page.getByRole('button', { name: 'Details of transaction 2006', exact: true }).click();
    const credit = page.getByRole('complementary', { name: 'Transaction 2006' });
    await expect.poll(() => credit.textContent(), { timeout: 20_000 }).toMatch(/1 allocation to the booking's invoice \(200\.00\)/);
    await credit.getByText(/Credit used:/).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'books-credit-preview');
    await credit.getByRole('button', { name: 'Close' }).click();

    // The exempt course's preview names the rule each line followed.
    await page.getByRole('button', { name: 'Details of transaction 8101', exact: true }).click();
    const course = page.getByRole('complementary', { name: 'Transaction 8101' });
    const applied = course.getByRole('list', { name: 'Rules per course applied to each line' });
    await expect.poll(() => applied.textContent(), { timeout: 20_000 }).toContain('Line 1 (QQI Level 5 Care Skills): rule “Accredited training: exempt from VAT”Line 2 (Course materials pack): rule “Course materials at 23%”');
    await applied.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'books-rule-preview');
    await course.getByRole('button', { name: 'Close' }).click();

    await syncAll(page, ['2001', '2002', '2003', '2004', '2005', '2006', '8101']);
    await saveScreenshot(page, 'books-synced');

    // Every invoice in Xero totals what CourseCo charged, to the cent; each fully paid one is PAID.
    const charged = courseCoTotals(REPORT_2020);
    const books = xero();
    for (const [id, total] of charged) {
      const [invoice] = ofTransaction(books.invoices, id);
      expect({ id, total: invoice?.Total }).toEqual({ id, total });
      if (id !== '2005') expect({ id, status: invoice?.Status }).toEqual({ id, status: 'PAID' });
    }
    // The cancelled booking's credit note is allocated to its invoice, which owes nothing now.
    const [cancelledInvoice] = ofTransaction(books.invoices, '2005');
    expect(cancelledInvoice).toMatchObject({ Total: 200, AmountDue: 0, Status: 'PAID' });
    expect(ofTransaction(books.creditNotes, '2006')).toMatchObject([{ Total: 200, RemainingCredit: 0, Status: 'PAID' }]);
    // The accredited course went exempt on 210 with its Venue; the materials at 23 % on 220.
    const [exempt] = ofTransaction(books.invoices, '8101');
    expect(exempt?.LineItems?.map((l) => ({ account: l.AccountCode, tax: l.TaxType, tracking: (l.Tracking as Json[] | undefined)?.map((t) => `${String(t.Name)}: ${String(t.Option)}`) }))).toEqual([
      { account: '210', tax: 'TAX005', tracking: ['Venue: Cork'] },
      { account: '220', tax: 'TAX001', tracking: [] },
    ]);
    // 600.00 exempt + 50.00 materials + 11.50 VAT on them: what CourseCo charged.
    expect(exempt?.Total).toBe(661.5);

    // CourseCo reprices booking 803 after it was paid: the report is exported again.
    const repriced = REPORT_2020.replace('2003,Billed Booking,803,Early bird,30.00,,0.00,300.00,0.00,30.00,332.10', '2003,Billed Booking,803,Early bird,30.00,,0.00,350.00,0.00,30.00,393.60');
    await (await importFile(page, 'transactions-2020-again.csv', repriced, /1 changed since sync/)).getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => row(page, '2003').textContent()).toMatch(/Changed since sync/);
    const writesBefore = sessions.sandbox().requestLog().filter((r) => r.method !== 'GET').length;
    await page.getByRole('button', { name: 'Review the change to transaction 2003' }).click();
    const change = page.getByRole('complementary', { name: 'Transaction 2003' });
    await change.getByRole('heading', { name: 'Changed in CourseCo since it was synced' }).waitFor();
    const said = await change.textContent();
    // The 2020 report has no currency column, so the amounts are shown without a symbol.
    expect(said).toContain('VAT 62.10 → 73.60Total 332.10 → 393.60');
    expect(said).toMatch(/Create a credit note of 332\.10 for invoice/);
    expect(said).toMatch(/Create a new invoice of 393\.60 for the new version/);
    // Paid in full: what the customer paid moves to the new invoice, which then owes only the price rise.
    expect(said).toContain('Allocate 332.10 of the credit note to the new invoice, which then owes 61.50');
    expect(said).not.toContain("stays on the credit note as the customer's credit");
    await saveScreenshot(page, 'books-change-review');
    await expectNoSeriousA11yProblems(page);
    // Looking is not approving: nothing was written to Xero.
    expect(sessions.sandbox().requestLog().filter((r) => r.method !== 'GET').length).toBe(writesBefore);
    await change.getByRole('button', { name: 'Approve change' }).click();
    await expect.poll(() => row(page, '2003').textContent()).toMatch(/Ready/);
    await change.getByRole('button', { name: 'Close' }).click();
    await syncAll(page, ['2003']);

    const after = xero();
    expect(ofTransaction(after.invoices, '2003').map((i) => ({ Total: i.Total, Status: i.Status, AmountDue: i.AmountDue }))).toEqual([
      { Total: 332.1, Status: 'PAID', AmountDue: 0 },
      { Total: 393.6, Status: 'AUTHORISED', AmountDue: 61.5 },
    ]);
    expect(ofTransaction(after.creditNotes, '2003')).toMatchObject([{ Total: 332.1, RemainingCredit: 0, Status: 'PAID' }]);
    await page.getByRole('button', { name: 'Details of transaction 2003', exact: true }).click();
    await page.getByRole('complementary', { name: 'Transaction 2003' }).getByRole('region', { name: 'Earlier changes carried to Xero' }).waitFor();
    await saveScreenshot(page, 'books-change-applied');
    await expectNoSeriousA11yProblems(page);
    expect(session.problems).toEqual([]);
  });
});
