/**
 * The Diagnostics page in Chromium on the web host, against the sandbox: a connected profile with a tax code title in
 * the wrong case shows that check failed (icon + word, details open with the fix) and the status bar badge says
 * "problems"; after the fix, "Run checks again" shows every check passed. The support bundle is saved and its folder
 * shown. No serious or critical axe violations, and no developer words (ISO times, codes, HTTP), in any state, light
 * and dark.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../main/app/app-services';
import { connectToSandbox } from '../../main/app/sandbox-profile';
import { importExport } from '../../main/sync/import';
import { developerWords, judgeInBothSchemes } from './support/plain-words';
import { saveScreenshot } from './support/screenshots';
import { useSandboxSessions } from './support/sandbox-session';
import { navButton } from './support/shell';

const sessions = useSandboxSessions();

/** Connects the session's services to Liffey Training Academy and configures them like the wizard would. */
async function connectAndConfigure(s: AppServices) {
  await connectToSandbox(s, sessions.sandbox());
  s.settings.update({ 'xero.invoiceAccountCode': '200', 'xero.paymentAccountCode': '090', 'xero.taxRateName': '23% vat on income' });
  const csv = readFileSync(path.resolve('test/fixtures/courseco/single-line.transactions.csv'));
  expect(importExport(s.journal(), { bytes: csv, fileName: 'transactions.csv', amountsIncludeTax: false }).status).toBe('imported');
}

const checkRow = (page: Page, title: string) => page.locator('.diag-check', { has: page.getByText(title, { exact: true }) });

describe('Diagnostics page (web host + Chromium + sandbox)', () => {
  it('shows a failing check with its fix, then every check passing after the fix; exports the bundle', async () => {
    const session = await sessions.open();
    const { page } = session;
    await connectAndConfigure(session.host.services);

    await navButton(page, 'Diagnostics').click();
    const taxRow = checkRow(page, 'Tax code title matches Xero exactly');
    await expect.poll(() => taxRow.getAttribute('data-status'), { timeout: 20_000 }).toBe('fail');
    expect(await taxRow.locator('.diag-status-word').textContent()).toBe('Failed');
    expect(await taxRow.textContent()).toContain("Use '23% VAT on Income' exactly");
    expect(await taxRow.locator('details').getAttribute('open')).not.toBeNull();
    expect(await checkRow(page, 'Connection is active').getAttribute('data-status')).toBe('pass');
    // The run's time on the 24-hour clock, without seconds.
    expect(await page.getByRole('status').filter({ hasText: 'Last run at' }).textContent()).toMatch(/^Last run at \d\d:\d\d: 14 passed, 0 warnings, 2 failed, 1 not run\./);
    // Every failed row says what to do.
    for (const row of await page.locator('.diag-check[data-status="fail"], .diag-check[data-status="warn"]').all()) {
      expect(await row.locator('dt').allTextContents()).toEqual(['What was found', 'What to do']);
    }
    const badge = page.getByRole('contentinfo').getByRole('button', { name: /Checks/ });
    await expect.poll(() => badge.textContent()).toBe('Checks: problems');
    await judgeInBothSchemes(page, 'diagnostics-failing');

    // The fix, then a re-run from the page.
    await page.evaluate(() => window.assistant.settings.set({ key: 'xero.taxRateName', value: '23% VAT on Income' }));
    await page.getByRole('button', { name: 'Run checks again' }).click();
    await expect.poll(() => taxRow.getAttribute('data-status')).toBe('pass');
    await expect.poll(() => page.locator('.diag-check:not([data-status="pass"]):not([data-status="not-run"])').count()).toBe(0);
    expect(await page.locator('.diag-check[data-status="not-run"]').allTextContents()).toEqual([expect.stringContaining('CourseCo and Xero match')]);
    await expect.poll(() => badge.textContent()).toBe('Checks passed');
    // "CourseCo and Xero match" has nothing to say before the first reconciliation.
    expect(await page.getByRole('status').filter({ hasText: 'Last run at' }).textContent()).toMatch(/16 passed, 0 warnings, 0 failed, 1 not run\./);
    // Details of a passing check expand on request.
    const tenantRow = checkRow(page, 'The chosen organisation is connected');
    await tenantRow.locator('summary').click();
    expect(await tenantRow.locator('dd').first().textContent()).toBe("'Liffey Training Academy' is chosen and connected.");
    // Every row open, so every word on the page is judged.
    const closed = page.locator('.diag-check details:not([open]) summary');
    while ((await closed.count()) > 0) await closed.first().click();
    await judgeInBothSchemes(page, 'diagnostics-passing');

    await page.getByRole('button', { name: 'Export support bundle' }).click();
    const saved = page.getByRole('status').filter({ hasText: 'Saved the support bundle' });
    await saved.waitFor();
    // The folder to look in; the file's own name stays off the screen.
    expect(await saved.locator('code').textContent()).toBe(path.join(session.dataDir, 'exports'));
    expect(readdirSync(path.join(session.dataDir, 'exports')).filter((f) => f.endsWith('.zip'))).toHaveLength(1);
    expect(await saved.textContent()).not.toMatch(/\.zip/);
    await saveScreenshot(page, 'diagnostics-exported');
    expect(session.problems).toEqual([]);
  });

  it('on a profile that is not set up (dark mode), says "not set up yet" with what to do first, and stays accessible', async () => {
    const session = await sessions.open({ colorScheme: 'dark' });
    const { page } = session;
    await navButton(page, 'Diagnostics').click();
    const connectionRow = checkRow(page, 'Connection is active');
    await expect.poll(() => connectionRow.getAttribute('data-setup-step'), { timeout: 20_000 }).toBe('credentials');
    expect(await connectionRow.locator('.diag-status-word').textContent()).toBe('Not set up yet');
    expect(await connectionRow.locator('dd').first().textContent()).toBe('No Xero app credentials are stored, so the assistant cannot connect.');
    // The section and the status word say "Not set up yet"; the rows' findings do not repeat it.
    expect(await page.locator('.diag-not-set-up dd').allTextContents()).not.toContainEqual(expect.stringMatching(/Not set up yet/i));
    // The fix that sends the bookkeeper to Xero says where, in words.
    expect(await checkRow(page, 'Redirect URI matches exactly').textContent()).toContain("Xero's developer portal (sign in at developer.xero.com, open My Apps");
    expect(await checkRow(page, 'Keychain available').getAttribute('data-status')).toBe('pass');
    expect(await checkRow(page, 'Xero granted the permissions the assistant needs').getAttribute('data-setup-step')).toBe('connect');
    expect(await page.locator('.diag-check[data-status="fail"]').count()).toBe(0);
    await expect.poll(() => page.getByRole('contentinfo').getByRole('button', { name: /Not set up yet|Checks/ }).textContent()).toBe('Not set up yet');
    await judgeInBothSchemes(page, 'diagnostics-page-not-set-up', 'dark');
    expect(await developerWords(page)).toEqual([]);
    expect(session.problems).toEqual([]);
  });
});
