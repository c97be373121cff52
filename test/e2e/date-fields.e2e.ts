/**
 * The shared date field (renderer/src/components/DateField.tsx) in the Transactions filters, in Chromium: dates show as
 * dd/mm/yyyy whatever the browser's language (a native date input showed mm/dd/yyyy), typed 26/10/26, 26.10.2026 or
 * 2026-10-26 filter the same way, and a date that cannot be read says why beside the field. Light and dark, axe clean.
 * (The Reconcile page's dates are specified in reconcile.e2e.ts.)
 */
import { describe, expect, it } from 'vitest';
import { importExport } from '../../main/sync/import';
import { seriousA11yProblems } from './support/a11y';
import { saveScreenshot } from './support/screenshots';
import { useSandboxSessions } from './support/sandbox-session';
import { navButton } from './support/shell';

const sessions = useSandboxSessions();

const CSV = [
  'Transaction ID,Transaction Type,Organization,Payer ID,Course,Course Category,Venue,Quantity,Unit Price,VAT,Total,Invoice Date',
  '8201,Billed Booking,Munster Care Services,P-82,Manual Handling,Safety,Cork,1,100.00,23.00,123.00,02/10/2026',
  '8202,Billed Booking,Quay Training Ltd,P-83,First Aid,Safety,Cork,1,200.00,46.00,246.00,26/10/2026',
].join('\n');

describe('date fields in the Transactions filters (web host + Chromium)', () => {
  it('show dd/mm/yyyy, take the forms people type, and refuse a day that does not exist, in words', async () => {
    const session = await sessions.open();
    const { page } = session;
    expect(importExport(session.host.services.journal(), { bytes: Buffer.from(CSV), fileName: 'dates.csv', amountsIncludeTax: false }).status).toBe('imported');
    await navButton(page, 'Transactions').click();
    const filters = page.getByRole('search', { name: 'Filter transactions' });
    const from = filters.getByLabel('From', { exact: true });
    const to = filters.getByLabel('To', { exact: true });
    const matching = page.locator('.console-selection .console-muted');
    await expect.poll(() => matching.textContent(), { timeout: 20_000 }).toBe('2 transactions');
    expect(await from.getAttribute('type')).toBe('text');
    expect(await from.getAttribute('placeholder')).toBe('dd/mm/yyyy');

    await from.fill('26/10/26');
    await from.press('Tab');
    expect(await from.inputValue()).toBe('26/10/2026');
    await expect.poll(() => matching.textContent()).toBe('1 transaction matches');

    await from.fill('2026-10-02');
    await to.fill('2.10.2026');
    await to.press('Tab');
    expect([await from.inputValue(), await to.inputValue()]).toEqual(['02/10/2026', '02/10/2026']);
    await expect.poll(() => matching.textContent()).toBe('1 transaction matches');

    await to.fill('31/11/2026');
    await to.press('Tab');
    const complaint = filters.getByRole('alert');
    await expect.poll(() => complaint.textContent()).toBe('November 2026 has no day 31.');
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await saveScreenshot(page, `console-date-refused${scheme === 'dark' ? '-dark' : ''}`);
      expect(await seriousA11yProblems(page)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // Clear filters empties both fields and the complaint.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await to.fill('');
    await to.press('Tab');
    await expect.poll(() => matching.textContent()).toBe('2 transactions');
    expect([await from.inputValue(), await to.inputValue()]).toEqual(['', '']);
    expect(await complaint.count()).toBe(0);
    expect(session.problems).toEqual([]);
  });
});
