/**
 * Amounts as CourseCo meant them, in the console (web host + Chromium): a 2020-layout report whose columns explain
 * each other is imported with the reading named; one whose columns add up several ways is not imported until the
 * user picks a reading from the figures shown side by side.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectToSandbox } from '../../main/app/sandbox-profile';
import { REPO_ROOT } from '../../main/web-host/renderer-build';
import { expectNoSeriousA11yProblems } from './support/a11y';
import { saveScreenshot } from './support/screenshots';
import { useSandboxSessions } from './support/sandbox-session';
import { navButton } from './support/shell';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'courseco');
const file = (name: string) => ({ name, mimeType: 'text/csv', buffer: readFileSync(path.join(FIXTURES, name)) });

const sessions = useSandboxSessions({
  settings: { 'xero.invoiceAccountCode': '200', 'xero.paymentAccountCode': '090', 'xero.taxRateName': '23% VAT on Income' },
});

describe('amounts of a 2020-layout CourseCo report (web host + Chromium)', () => {
  it('names the reading it used, and asks once, with each reading side by side, when the amounts add up several ways', async () => {
    const session = await sessions.open();
    const { page } = session;
    // Connected, so the drawer's preview and the question's figures use the org's 23 % rate as Xero would.
    await connectToSandbox(session.host.services, sessions.sandbox());
    await navButton(page, 'Transactions').click();
    await page.getByRole('heading', { name: 'No transactions yet' }).waitFor();
    const region = page.getByRole('region', { name: 'Import' });

    await page.getByLabel('CourseCo export file').setInputFiles(file('report-2020-layout.transactions.csv'));
    await region.getByText('5 new transactions').waitFor();
    await expect.poll(() => region.getByText(/^Amounts read as: "Total" is what the customer paid, VAT included/).count()).toBe(1);
    await saveScreenshot(page, 'amounts-explained');
    await region.getByRole('button', { name: 'Dismiss' }).click();

    // The €400 + VAT booking: the drawer shows it the way Xero will compute it, 400 + 92 = 492, not 492 + VAT.
    await page.getByRole('button', { name: 'Details of transaction 2001', exact: true }).click();
    const drawer = page.getByRole('complementary', { name: 'Transaction 2001' });
    await drawer.getByText(/Total €?492\.00, of which VAT €?92\.00\./).waitFor();
    const fact = (term: string) => drawer.locator('dt', { hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]');
    expect([await fact('Before VAT').textContent(), await fact('VAT').textContent(), await fact('Total').textContent()]).toEqual(['400.00', '92.00', '492.00']);
    await saveScreenshot(page, 'amounts-drawer');
    await drawer.getByRole('button', { name: 'Close' }).click();

    await page.getByLabel('CourseCo export file').setInputFiles(file('layout-2020-ambiguous.transactions.csv'));
    const form = page.getByRole('form', { name: 'How do the amounts in layout-2020-ambiguous.transactions.csv add up?' });
    await form.waitFor();
    const radios = form.getByRole('radio');
    await expect.poll(() => radios.count()).toBe(3);
    // The same booking under each reading: 400 with no VAT, 400 + 92, or 325.20 + 74.80 inside 400.
    for (const total of ['400.00', '492.00']) await expect.poll(() => form.getByRole('cell', { name: total, exact: true }).count()).toBeGreaterThan(0);
    await expect.poll(() => form.getByRole('button', { name: 'Import with this reading' }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'amounts-question');
    await expectNoSeriousA11yProblems(page);
    // Nothing of the ambiguous file is in the journal while the question stands.
    await expect.poll(() => page.getByRole('button', { name: 'Details of transaction 2401', exact: true }).count()).toBe(0);

    await form.getByRole('radio', { name: /is the amount before VAT; VAT is added on top/ }).check();
    await form.getByRole('button', { name: 'Import with this reading' }).click();
    await region.getByText('2 new transactions').waitFor();
    await expect.poll(() => region.getByText(/^Amounts read as you chose: "Total" = "Transaction Amount" \+ "Fee" − "Discount" is the amount before VAT/).count()).toBe(1);
    await page.getByRole('button', { name: 'Details of transaction 2401', exact: true }).waitFor();
    await saveScreenshot(page, 'amounts-answered');
    expect(session.problems).toEqual([]);
  });
});
