import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useAppSessions } from './support/lifecycle';
import { saveScreenshot } from './support/screenshots';
import { connectionStatus, navButton, PAGES, pageTitle } from './support/shell';

const app = useAppSessions();

/** Relative luminance of a computed `rgb(...)` colour, 0 (black) to 1 (white). */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const backgroundOf = (page: Page, selector: string) => page.$eval(selector, (el) => getComputedStyle(el).backgroundColor);

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

describe('appearance and accessibility', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`${scheme} mode: every page has no serious or critical axe violations`, async () => {
      const session = await app.open({ colorScheme: scheme });
      const { page } = session;
      await expect.poll(() => connectionStatus(page).textContent()).toContain('Not set up');
      for (const { id, label } of PAGES) {
        await navButton(page, label).click();
        expect(await pageTitle(page).textContent()).toBe(label);
        expect(await seriousViolations(page), `${label} (${scheme})`).toEqual([]);
        if (scheme === 'dark') await saveScreenshot(page, `shell-${id}-dark`);
      }
      expect(session.problems).toEqual([]);
    });
  }

  it('follows the OS colour scheme: dark surfaces with light text in dark mode, the reverse in light', async () => {
    const session = await app.open({ colorScheme: 'dark' });
    const { page } = session;
    const darkBody = luminance(await backgroundOf(page, 'body'));
    const darkText = luminance(await page.$eval('body', (el) => getComputedStyle(el).color));
    expect(darkBody).toBeLessThan(0.05);
    expect(darkText).toBeGreaterThan(0.6);

    await page.emulateMedia({ colorScheme: 'light' });
    expect(luminance(await backgroundOf(page, 'body'))).toBeGreaterThan(0.85);
    expect(luminance(await backgroundOf(page, '.status-bar'))).toBeGreaterThan(0.85);
  });

  it('keeps the frame still: the status bar and navigation do not move when pages or states change', async () => {
    const session = await app.open();
    const { page } = session;
    await expect.poll(() => connectionStatus(page).textContent()).toContain('Not set up');
    const boxes = async () => ({
      status: await page.getByRole('contentinfo').boundingBox(),
      nav: await page.getByRole('navigation', { name: 'Main' }).boundingBox(),
      title: await pageTitle(page).boundingBox(),
    });
    const before = await boxes();
    await navButton(page, 'Diagnostics').click();
    session.host.services.bus.emit('connection.changed', { state: 'reconnect-needed', reason: 'Xero asked for the connection to be approved again, because the refresh token expired after 60 days.' });
    await expect.poll(() => connectionStatus(page).textContent()).toContain('Reconnect needed');
    expect(await boxes()).toEqual(before);
  });
});
