/**
 * Deposits that match the bank feed (issue 13 part 7) in Chromium through the web host: with deposits on, the
 * sample's Card payment of 14 October (transaction 5021) and one more booking paid by Card that day (6101, imported
 * here) are previewed in the drawer as one deposit, and a sync sends them to the sandbox as one batch payment.
 * Screenshot: test-results/console-deposit-drawer.png.
 */
import { describe, expect, it } from 'vitest';
import { expectNoSeriousA11yProblems } from './support/a11y';
import { saveScreenshot } from './support/screenshots';
import { connectThroughSandbox } from './support/connect';
import { useSandboxSessions } from './support/sandbox-session';
import { navButton } from './support/shell';

const sessions = useSandboxSessions({
  settings: { 'xero.invoiceAccountCode': '200', 'xero.paymentAccountCode': '090', 'xero.taxRateName': '23% VAT on Income', 'xero.batchDeposits': 'on' },
});

describe('deposits in the console (web host + Chromium + sandbox)', () => {
  it('the drawer says which deposit a payment goes in, and the sync sends that deposit as one batch payment', async () => {
    const { page } = await sessions.open();
    await connectThroughSandbox(page, sessions);
    await navButton(page, 'Transactions').click();
    await page.getByRole('button', { name: 'Try with sample data' }).click();
    await page.getByRole('button', { name: /^Details of transaction / }).first().waitFor();
    const report = page.getByRole('region', { name: 'Import' });
    await page.getByLabel('CourseCo export file').setInputFiles({
      name: 'quay.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Transaction ID,Invoice Date,Organization,Course,Nominal Code,Quantity,Unit price,VAT Rate,VAT,Total,Currency\n6101,14/10/2026,Quay Training Ltd,Safe Pass,200,1,100.00,23%,23.00,123.00,EUR\n'),
    });
    await report.getByText('1 new transaction').waitFor();
    await report.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByLabel('CourseCo export file').setInputFiles({
      name: 'quay-payments.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Payment ID,Transaction ID,Customer,Paid,Payment Amount,Date,Payment Method,Status\n9101,6101,Quay Training Ltd,YES,123.00,2026-10-14 10:00:00,Card,completed\n'),
    });
    await report.getByText('quay-payments.csv').first().waitFor();
    await report.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('5021');
    await page.getByRole('button', { name: 'Details of transaction 5021', exact: true }).click();
    const drawer = page.getByRole('complementary', { name: 'Transaction 5021' });
    await drawer.getByRole('heading', { name: 'What will be sent to Xero' }).waitFor();
    const deposit = drawer.getByText(/This payment goes to Xero in a deposit of/);
    await deposit.waitFor();
    expect(await deposit.textContent()).toMatch(/in a deposit of €[\d,.]+ on 2026-10-14, with 1 other payment \("CourseCo deposit 2026-10-14 Card"\)/);
    expect(await drawer.textContent()).toContain('Payments go to Xero as 1 deposit (2 payments).');
    await deposit.scrollIntoViewIfNeeded();
    await expectNoSeriousA11yProblems(page);
    await saveScreenshot(page, 'console-deposit-drawer');
    await drawer.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.getByRole('button', { name: /^Sync all ready/ }).click();
    await page.getByText(/^Last run:/).waitFor({ timeout: 90_000 });
    const org = (sessions.sandbox().state().organisations as Array<{ Payments: Array<Record<string, unknown>> }>).find((o) => o.Payments.some((p) => p.BatchPaymentID))!;
    const members = org.Payments.filter((p) => p.BatchPaymentID);
    expect(new Set(members.map((p) => p.BatchPaymentID)).size).toBe(1);
    expect(members.map((p) => String(p.Reference)).sort()).toEqual([expect.stringMatching(/^CourseCo payment \S+ \| Card$/), expect.stringMatching(/^CourseCo payment \S+ \| Card$/)]);
  });
});
