/**
 * The console as a bookkeeper reads it, at the window widths people use (1280 and 1024 wide), light and dark:
 * contact names shown whole, the columns named for whose number is whose, an import of payments before their
 * transactions reported as one finding rather than a green all-clear beside 32 identical notes, "Prices include VAT"
 * explained with figures, and recent syncs near the sync panel saying how many failed.
 * Screenshots: test-results/console-words-*.png; axe finds no serious or critical violations.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../main/web-host/renderer-build';
import { expectNoSeriousA11yProblems } from './support/a11y';
import { connectThroughSandbox } from './support/connect';
import { useSandboxSessions } from './support/sandbox-session';
import { saveScreenshot } from './support/screenshots';
import { navButton } from './support/shell';

const SAMPLE = path.join(REPO_ROOT, 'sandbox', 'sample-data');
const LONG_NAME = 'Kildare Precision Engineering Ltd';
const SCHEMES = ['light', 'dark'] as const;

const sessions = useSandboxSessions({
  settings: { 'xero.invoiceAccountCode': '200', 'xero.paymentAccountCode': '090', 'xero.taxRateName': '23% VAT on Income' },
});

/** Whether every contact name in view is shown whole (wrapped onto two lines at most, never cut). */
async function contactsCut(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.console-col-contactName > .console-contact')]
      .filter((e) => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)
      .map((e) => e.textContent ?? ''),
  );
}

function row(page: Page, transactionId: string): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('button', { name: `Details of transaction ${transactionId}`, exact: true }) });
}

async function sampleImported(page: Page) {
  await navButton(page, 'Transactions').click();
  await page.getByRole('button', { name: 'Try with sample data' }).click();
  await page.getByRole('button', { name: /^Details of transaction / }).first().waitFor();
}

describe('the console in a bookkeeper’s words (web host + Chromium + sandbox)', () => {
  it('shows contact names whole at 1280 and 1024 wide, and names the CourseCo ID and the Xero number', async () => {
    const session = await sessions.open();
    const { page } = session;
    await sampleImported(page);
    await page.getByRole('region', { name: 'Import' }).getByRole('button', { name: 'Dismiss' }).click();
    // A failure with Xero's words, so the status column is seen at its fullest.
    const message = "Account code '4999' is not a valid code for this document.";
    session.host.services.journal().recordFailure('5039', { message: `Xero refused the invoice: ${message}`, validationErrors: [message] });
    await navButton(page, 'Setup').click();
    await navButton(page, 'Transactions').click();
    await expect.poll(() => row(page, '5039').textContent()).toMatch(/Failed/);

    const table = page.getByRole('table', { name: 'Transactions' });
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 800 });
      await expect.poll(() => table.getByRole('columnheader', { name: /^CourseCo ID/ }).count()).toBe(1);
      expect(await table.getByRole('columnheader', { name: 'Xero number' }).count()).toBe(1);
      expect(await table.getByRole('columnheader', { name: /^(Transaction|Number)$/ }).count()).toBe(0);
      await expect.poll(() => contactsCut(page)).toEqual([]);
      // Every action is inside the table, none cut off at its right edge.
      const edges = await page.evaluate(() => {
        const box = document.querySelector('.console-table')!.getBoundingClientRect();
        const buttons = [...document.querySelectorAll('.console-row-actions .button')].map((b) => b.getBoundingClientRect().right);
        return { right: box.right, widest: Math.max(...buttons) };
      });
      expect(edges.widest).toBeLessThanOrEqual(edges.right);
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        await table.scrollIntoViewIfNeeded();
        await saveScreenshot(page, `console-words-table-${width}-${scheme}`);
      }
      await expectNoSeriousA11yProblems(page);
      await page.emulateMedia({ colorScheme: 'light' });

      // The longest name of the sample, found and shown whole.
      const all = await table.getAttribute('aria-rowcount');
      await page.getByRole('searchbox', { name: 'Search' }).fill('Kildare');
      await expect.poll(() => table.getAttribute('aria-rowcount')).not.toBe(all);
      const cell = table.getByText(LONG_NAME, { exact: true }).first();
      await cell.waitFor();
      await expect.poll(() => contactsCut(page)).toEqual([]);
      expect(await cell.getAttribute('title')).toBeNull();
      await page.getByRole('searchbox', { name: 'Search' }).fill('');
      await expect.poll(() => table.getAttribute('aria-rowcount')).toBe(all);
    }
    expect(session.problems).toEqual([]);
  });

  it('reports payments imported before their transactions as one finding with its count, never as a green all-clear', async () => {
    const session = await sessions.open();
    const { page } = session;
    await navButton(page, 'Transactions').click();
    await page.getByRole('heading', { name: 'No transactions yet' }).waitFor();
    await page.getByLabel('CourseCo export file').setInputFiles(path.join(SAMPLE, 'courseco-payments-report.csv'));
    const report = page.getByRole('region', { name: 'Import' });
    await report.getByText('courseco-payments-report.csv').first().waitFor();

    const headline = report.locator('[data-headline="true"]');
    await expect.poll(() => headline.textContent()).toBe('Every row was read, but 32 payments wait for their transactions.');
    expect(await headline.getAttribute('data-tone')).toBe('attention');
    expect(await report.locator('[data-tone="good"]').count()).toBe(0);

    // One line for the 32 payments, naming their CourseCo transactions, the rows only beside them.
    const notes = report.getByRole('table', { name: 'Notes on courseco-payments-report.csv' });
    const lines = notes.getByRole('row');
    await expect.poll(() => lines.count()).toBe(2);
    const line = ((await lines.nth(1).textContent()) ?? '').replaceAll('\u2060', '');
    expect(line).toMatch(/^5001–5003, 5005–/);
    expect(line).toContain('32 payments');
    expect(line).toContain('Each payment waits for its transaction, which has not been imported yet');
    expect(await notes.getByRole('columnheader').allTextContents()).toEqual(['CourseCo ID', 'Column', 'Problem']);

    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 800 });
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        await report.scrollIntoViewIfNeeded();
        await saveScreenshot(page, `console-words-payments-first-${width}-${scheme}`);
      }
    }
    await expectNoSeriousA11yProblems(page);

    // The transactions come next: the payments for their good rows go with them; those for rejected rows still wait.
    await page.getByLabel('CourseCo export file').setInputFiles(path.join(SAMPLE, 'courseco-transactions-report.csv'));
    await report.getByText('courseco-transactions-report.csv').first().waitFor();
    await report.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByLabel('CourseCo export file').setInputFiles(path.join(SAMPLE, 'courseco-payments-report.csv'));
    await report.getByText('courseco-payments-report.csv').first().waitFor();
    await expect.poll(() => headline.textContent()).toMatch(/^Every row was read, but [1-9] payments? waits? for (its|their) transactions?\.$/);
    expect(session.problems).toEqual([]);
  });

  it('explains "Prices include VAT" with what it does to a price', async () => {
    const session = await sessions.open();
    const { page } = session;
    await sampleImported(page);
    const box = page.getByRole('checkbox', { name: 'Prices include VAT' });
    // Its description: the example at the tax rate chosen in setup (23% VAT on Income).
    const describedBy = (await box.getAttribute('aria-describedby')) ?? '';
    const hint = (await page.locator(`[id="${describedBy}"]`).textContent()) ?? '';
    expect(hint).toBe('For the next import: ticked, a €100.00 price in CourseCo goes to Xero as €81.30 + €18.70 VAT; unticked, as €100.00 + €23.00 VAT (23%).');
    await page.getByRole('region', { name: 'Import' }).getByRole('button', { name: 'Dismiss' }).click();
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 800 });
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        await saveScreenshot(page, `console-words-vat-${width}-${scheme}`);
      }
    }
    await expectNoSeriousA11yProblems(page);
    expect(session.problems).toEqual([]);
  });

  it('shows recent syncs under the sync panel, a run with a failure never as a plain "Completed"', async () => {
    const session = await sessions.open();
    const { page } = session;
    await connectThroughSandbox(page, sessions);
    await sampleImported(page);
    // One booking billed in US dollars: the organisation has only EUR, so it fails and the rest go through.
    const usd = 'Transaction ID,Invoice Date,Organization,Course,Nominal Code,Quantity,Unit price,VAT Rate,VAT,Total,Currency\n6001,20/10/2026,Boston Training Inc,Safe Pass,200,1,100.00,23%,23.00,123.00,USD\n';
    await page.getByLabel('CourseCo export file').setInputFiles({ name: 'boston.csv', mimeType: 'text/csv', buffer: Buffer.from(usd) });
    await page.getByRole('region', { name: 'Import' }).getByText('1 new transaction').waitFor();
    await page.getByRole('region', { name: 'Import' }).getByRole('button', { name: 'Dismiss' }).click();
    await page.getByRole('button', { name: /^Sync all ready/ }).click();
    await page.getByText(/^Last run:/).waitFor({ timeout: 90_000 });

    const history = page.locator('details.console-history');
    const summary = history.locator('summary');
    await expect.poll(() => summary.textContent()).toMatch(/^Recent syncsLast: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} · Completed: \d+ sent, [1-9]\d* failed$/);
    expect(await summary.locator('.console-run-outcome').getAttribute('data-tone')).toBe('problem');
    // Right under the sync panel, above the filters and the table.
    const order = await page.evaluate(() => {
      const panel = document.querySelector('[aria-label="Send to Xero"]')!.getBoundingClientRect().bottom;
      const recent = document.querySelector('details.console-history')!.getBoundingClientRect();
      const table = document.querySelector('[role="table"][aria-label="Transactions"]')!.getBoundingClientRect().top;
      return { below: recent.top >= panel, above: recent.bottom <= table };
    });
    expect(order).toEqual({ below: true, above: true });

    await summary.click();
    const runs = page.getByRole('table', { name: 'Sync runs, newest first' });
    await runs.waitFor();
    const cells = await runs.getByRole('cell').allTextContents();
    expect(cells).not.toContain('Completed');
    expect(cells.some((c) => /^Completed: \d+ sent, [1-9]\d* failed$/.test(c))).toBe(true);
    expect(cells.some((c) => /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/.test(c))).toBe(true);
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 800 });
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        await history.scrollIntoViewIfNeeded();
        await saveScreenshot(page, `console-words-recent-syncs-${width}-${scheme}`);
      }
    }
    await expectNoSeriousA11yProblems(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousA11yProblems(page);
    expect(session.problems).toEqual([]);
  });
});
