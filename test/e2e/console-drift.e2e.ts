/**
 * Drift as a status in the console, in Chromium through the web host against the sandbox: the sample synced, a person
 * in Xero voids an invoice and removes a payment, Reconcile compares; back on Transactions a line above the table says
 * what changed in Xero since sync and when it was compared, the voided transaction's drawer says so too, and "Open
 * Reconcile" leads there. Light and dark, axe clean. Screenshots: test-results/console-drift-*.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { personInXero } from '../support/sandbox-person';
import { expectNoSeriousA11yProblems } from './support/a11y';
import { syncTheSample } from './support/connect';
import { useSandboxSessions } from './support/sandbox-session';
import { saveScreenshot } from './support/screenshots';
import { navButton, pageTitle } from './support/shell';

// The accounts and tax rate the wizard would have chosen, so the sample can be sent as it is.
const sessions = useSandboxSessions({
  settings: { 'xero.invoiceAccountCode': '200', 'xero.paymentAccountCode': '090', 'xero.taxRateName': '23% VAT on Income', 'xero.taxTypesByRate': '0=NONE' },
});

type XeroInvoice = { InvoiceID: string; AmountPaid?: number; AmountCredited?: number };

const status = (page: Page) => page.getByRole('region', { name: /^Xero changed since sync/ });

async function find(page: Page, transactionId: string): Promise<void> {
  await page.getByLabel('Search').fill(transactionId);
  await page.getByRole('button', { name: `Details of transaction ${transactionId}`, exact: true }).waitFor();
}

async function compareWithXero(page: Page): Promise<void> {
  await navButton(page, 'Reconcile').click();
  const main = page.getByRole('main');
  await main.getByRole('radio', { name: 'Dates' }).check();
  await main.getByLabel('From', { exact: true }).fill('2026-09-01');
  await main.getByLabel('To', { exact: true }).fill('2026-10-31');
  await main.getByRole('button', { name: 'Compare with Xero' }).click();
  await expect.poll(() => page.locator('#reconcile-verdict-title').textContent(), { timeout: 60_000 }).toBe('3 differences need a look');
}

describe('drift as a status in the console (web host + Chromium + sandbox)', () => {
  it('says what changed in Xero since sync above the table and in the drawer, and leads to Reconcile', async () => {
    const session = await sessions.open();
    const { page } = session;
    const services = session.host.services;
    await syncTheSample(page, sessions);
    // Never compared yet: nothing to say.
    expect(await status(page).count()).toBe(0);

    // A person in Xero voids an unpaid invoice and removes a payment (Xero voids only what nothing is paid against).
    const synced = services.journal().entries({ statuses: ['synced'] });
    const org = (sessions.sandbox().state().organisations as Array<{ Invoices?: XeroInvoice[] }>).find((o) => (o.Invoices ?? []).some((i) => i.InvoiceID === synced[0]!.xero.invoiceId))!;
    const inXero = (id: string | null) => org.Invoices!.find((i) => i.InvoiceID === id);
    const voided = synced.find((e) => e.payments.length === 0 && inXero(e.xero.invoiceId)?.AmountPaid === 0 && inXero(e.xero.invoiceId)?.AmountCredited === 0)!;
    const paid = synced.find((e) => e.xero.invoiceId && e.payments.length === 1 && e.payments[0]!.xeroPaymentId)!;
    const person = personInXero(sessions.sandbox(), services.settings.get('xero.tenantId')!);
    await person.voidInvoice(voided.xero.invoiceId!);
    await person.deletePayment(paid.payments[0]!.xeroPaymentId!);

    // Compared on the Reconcile page (the sample's booking that fails to send counts as not in Xero), then back.
    await compareWithXero(page);
    await navButton(page, 'Transactions').click();
    await status(page).waitFor();
    const line = (await status(page).textContent()) ?? '';
    expect(line).toMatch(/^Xero changed since sync: 3 changes/);
    expect(line).toContain('Voided in Xero 1');
    expect(line).toContain('Payment removed in Xero 1');
    expect(line).toContain('Not in Xero 1');
    expect(line).toMatch(/Compared on \d{1,2} \w{3} 2026, for 1 Sep 2026 to 31 Oct 2026\./);
    // Above the table.
    const [statusBox, tableBox] = [await status(page).boundingBox(), await page.getByRole('table', { name: 'Transactions' }).boundingBox()];
    expect(statusBox!.y).toBeLessThan(tableBox!.y);
    await expectNoSeriousA11yProblems(page);
    await saveScreenshot(page, 'console-drift-light');

    // The voided transaction's drawer says what changed in Xero (found by its number: the table loads rows as they
    // come into view).
    await find(page, voided.transaction.transactionId);
    await page.getByRole('button', { name: `Details of transaction ${voided.transaction.transactionId}`, exact: true }).click();
    const drawer = page.getByRole('complementary', { name: `Transaction ${voided.transaction.transactionId}` });
    const changed = drawer.getByRole('region', { name: 'Changed in Xero since sync' });
    await changed.waitFor();
    expect(await changed.textContent()).toContain('Voided in Xero.');
    await expectNoSeriousA11yProblems(page);
    await saveScreenshot(page, 'console-drift-drawer');

    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousA11yProblems(page);
    await saveScreenshot(page, 'console-drift-drawer-dark');
    await drawer.getByRole('button', { name: 'Close' }).click();
    await expectNoSeriousA11yProblems(page);
    await saveScreenshot(page, 'console-drift-dark');

    // A transaction Xero still agrees with says nothing of the kind.
    const untouched = synced.find((e) => e !== voided && e !== paid)!;
    await find(page, untouched.transaction.transactionId);
    await page.getByRole('button', { name: `Details of transaction ${untouched.transaction.transactionId}`, exact: true }).click();
    const other = page.getByRole('complementary', { name: `Transaction ${untouched.transaction.transactionId}` });
    await other.getByText('Lines').first().waitFor();
    expect(await other.getByRole('region', { name: 'Changed in Xero since sync' }).count()).toBe(0);
    await other.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await status(page).getByRole('button', { name: 'Open Reconcile' }).click();
    expect(await pageTitle(page).textContent()).toBe('Reconcile');
    expect(session.problems).toEqual([]);
  });
});
