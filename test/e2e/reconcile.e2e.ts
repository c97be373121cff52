/**
 * The Reconcile page in Chromium through the web host. First with the services answering a fixed, realistic report
 * (the page's own behaviour: verdict, tables, chart, tabs, drill-down, drift drawer and its action, close pack, light
 * and dark, keyboard, axe). Screenshots: test-results/reconcile-*.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ResultOf } from '../../contract/contract';
import { createAppServices } from '../../main/app/app-services';
import { createKeychain } from '../../main/secrets/keychain';
import { openNodeSettingsStore } from '../../main/settings/settings-store';
import { DRIFT, line, sampleReport } from '../fixtures/reconcile-report';
import { expectNoSeriousA11yProblems } from './support/a11y';
import { useAppSessions } from './support/lifecycle';
import { saveScreenshot } from './support/screenshots';
import { navButton, pageTitle } from './support/shell';

const app = useAppSessions();

/** The default services, with reconciliation answering the fixture report (and recording what it was asked). */
function fixtureServices(asked: Array<{ channel: string; args: unknown }>) {
  return (dataDir: string) => {
    const services = createAppServices({ host: 'web', dataDir, settings: openNodeSettingsStore(dataDir), keychain: createKeychain(dataDir) });
    let report = sampleReport();
    services.handlers['reconcile.last'] = () => report;
    services.handlers['reconcile.run'] = (args) => {
      asked.push({ channel: 'reconcile.run', args });
      services.bus.emit('reconcile.progress', { phase: 'reading', documents: 27, calls: 1 });
      return report;
    };
    services.handlers['reconcile.lines'] = (args) => {
      asked.push({ channel: 'reconcile.lines', args });
      const rows = [
        line('T-1012', { documentNumber: 'INV-0012', xeroStatus: 'VOIDED', xero: { count: 0, net: '0.00', tax: '0.00', gross: '0.00', paid: '0.00', outstanding: '0.00' }, difference: { count: -1, net: '-100.00', tax: '-23.00', gross: '-123.00', paid: '0.00', outstanding: '-123.00' }, drift: ['voided'] }),
        line('T-1015', { documentNumber: 'INV-0015', contactName: 'Liffey Rowing Club', courseco: { count: 1, net: '200.00', tax: '46.00', gross: '246.00', paid: '0.00', outstanding: '246.00' }, xero: { count: 1, net: '162.60', tax: '37.40', gross: '200.00', paid: '0.00', outstanding: '200.00' }, difference: { count: 0, net: '-37.40', tax: '-8.60', gross: '-46.00', paid: '0.00', outstanding: '-46.00' }, drift: ['amount-changed'] }),
        line('T-1020', { documentNumber: 'INV-0020', contactName: 'Howth Yacht Club', origin: 'courseco-push' }),
      ];
      return { rows, total: rows.length, nextCursor: null };
    };
    services.handlers['reconcile.resolve'] = ({ key, action }) => {
      asked.push({ channel: 'reconcile.resolve', args: { key, action } });
      report = { ...report, drift: report.drift.map((item) => (item.key === key ? { ...item, accepted: true } : item)) };
      return { message: 'Xero’s version of INV-0015 is accepted: it is no longer reported.', report };
    };
    services.handlers['reconcile.exportClosePack'] = (args): ResultOf<'reconcile.exportClosePack'> => {
      asked.push({ channel: 'reconcile.exportClosePack', args });
      return { folder: `${dataDir}/exports`, pdf: `${dataDir}/exports/close-pack-2026-09-01-to-2026-10-31.pdf`, csv: `${dataDir}/exports/close-pack-2026-09-01-to-2026-10-31.csv`, pages: 3 };
    };
    return services;
  };
}

const main = (page: Page) => page.getByRole('main');

/** Brings a part of the page to the top of the page's own pane (scrollIntoView would move the whole frame). */
async function scrollTo(page: Page, selector: string): Promise<void> {
  await page.locator('.app-main').evaluate((pane, target) => {
    const element = document.querySelector(target)!;
    pane.scrollTop += element.getBoundingClientRect().top - pane.getBoundingClientRect().top - 16;
  }, selector);
}

describe('the Reconcile page', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`${scheme}: the verdict first, the months as table and chart, the splits, the changes in Xero; nothing serious for axe`, async () => {
      const asked: Array<{ channel: string; args: unknown }> = [];
      const session = await app.open({ colorScheme: scheme, services: fixtureServices(asked) });
      const { page } = session;
      await navButton(page, 'Reconcile').click();
      expect(await pageTitle(page).textContent()).toBe('Reconcile');
      // The last report shows at once, without a new comparison.
      await expect.poll(() => main(page).getByRole('heading', { level: 2, name: '3 differences need a look' }).isVisible()).toBe(true);
      expect(asked.filter((a) => a.channel === 'reconcile.run')).toEqual([]);
      await expect.poll(() => page.locator('.reconcile-bar-courseco path').count()).toBe(2);
      // The chart's figures are in a table beside it, and the drawing is one labelled image.
      const chartTable = main(page).getByRole('table', { name: 'Total including VAT per month' });
      expect(await chartTable.getByRole('row', { name: /October 2026/ }).textContent()).toContain('−€169.00');
      expect(await main(page).getByRole('img', { name: /Bar chart of the total including VAT per month/ }).count()).toBe(1);
      await expectNoSeriousA11yProblems(page);
      await saveScreenshot(page, `reconcile-view-${scheme}`);
      await scrollTo(page, '#reconcile-chart-title');
      await saveScreenshot(page, `reconcile-chart-${scheme}`);
      expect(session.problems).toEqual([]);
    });
  }

  it('compares the chosen month with progress, drills down to the lines, settles a change in its drawer and exports the close pack', async () => {
    const asked: Array<{ channel: string; args: unknown }> = [];
    const session = await app.open({ services: fixtureServices(asked) });
    const { page } = session;
    await navButton(page, 'Reconcile').click();
    await main(page).getByRole('heading', { name: '3 differences need a look' }).waitFor();

    // A month, by keyboard and native input: Compare with Xero sends its first and last day.
    await main(page).getByRole('radio', { name: 'A month' }).check();
    await main(page).getByLabel('Month', { exact: true }).fill('2026-10');
    await main(page).getByRole('button', { name: 'Compare with Xero' }).click();
    await expect.poll(() => asked.filter((a) => a.channel === 'reconcile.run').map((a) => a.args)).toEqual([{ from: '2026-10-01', to: '2026-10-31' }]);

    // The breakdown tabs answer the arrow keys.
    const tab = main(page).getByRole('tab', { name: 'VAT rate' });
    await tab.focus();
    await page.keyboard.press('ArrowRight');
    expect(await main(page).getByRole('tab', { name: 'Account' }).getAttribute('aria-selected')).toBe('true');
    expect(await main(page).getByRole('tabpanel').getByRole('rowgroup').filter({ hasText: '200 Sales' }).textContent()).toContain('−€137.40');

    // A month's lines, with who put each in Xero.
    await main(page).getByRole('button', { name: 'Show the lines of October 2026' }).click();
    const lines = main(page).getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Sent by' }) });
    await expect.poll(() => lines.getByRole('row').count()).toBe(4);
    expect(await lines.getByRole('row', { name: /T-1020/ }).textContent()).toContain('CourseCo’s “Sync to Xero”');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Lines of October 2026');
    expect(asked.find((a) => a.channel === 'reconcile.lines')?.args).toMatchObject({ from: '2026-09-01', to: '2026-10-31', period: '2026-10' });
    await saveScreenshot(page, 'reconcile-lines');

    // A change made in Xero, in its drawer: was → now, what to do, its one action.
    const amount = DRIFT[1]!;
    await main(page).getByRole('button', { name: `Details: Amount changed in Xero, ${amount.documentNumber}` }).click();
    const drawer = page.getByRole('complementary', { name: 'Amount changed in Xero' });
    await drawer.waitFor();
    expect(await drawer.textContent()).toContain('€246.00→Now€200.00');
    expect(await drawer.getByRole('link', { name: 'Open in Xero' }).getAttribute('href')).toBe(amount.xeroUrl);
    expect(await drawer.getByRole('button', { name: 'Send again' }).count()).toBe(0);
    await expectNoSeriousA11yProblems(page);
    await saveScreenshot(page, 'reconcile-drift-detail');
    await drawer.getByRole('button', { name: 'Accept Xero’s version' }).click();
    await expect.poll(() => drawer.getByRole('status').textContent()).toContain('no longer reported');
    expect(asked.find((a) => a.channel === 'reconcile.resolve')?.args).toEqual({ key: amount.key, action: 'accept-xero' });
    await expect.poll(() => main(page).getByRole('heading', { level: 2, name: '2 differences need a look' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await drawer.count()).toBe(0);

    // The close pack, said in words: which folder, which file is which.
    await main(page).getByRole('button', { name: 'Export close pack' }).click();
    await expect.poll(() => main(page).getByRole('status').filter({ hasText: 'Saved in the folder' }).textContent()).toContain('(3 pages)');
    expect(asked.find((a) => a.channel === 'reconcile.exportClosePack')?.args).toEqual({ from: '2026-09-01', to: '2026-10-31' });
    expect(session.problems).toEqual([]);
  });
});
