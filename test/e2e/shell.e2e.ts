import { describe, expect, it } from 'vitest';
import { useAppSessions } from './support/lifecycle';
import { saveScreenshot } from './support/screenshots';
import { connectionStatus, navButton, PAGES, pageTitle } from './support/shell';

const app = useAppSessions();

describe('the app shell', () => {
  it('loads with header, navigation, the Setup page and a status bar, and runs clean under the CSP', async () => {
    const session = await app.open();
    const { page } = session;
    await expect(page.title()).resolves.toBe('CourseCo Xero Assistant');
    expect(await page.getByRole('banner').textContent()).toContain('CourseCo Xero Assistant');
    for (const { label } of PAGES) expect(await navButton(page, label).isVisible()).toBe(true);
    expect(await pageTitle(page).textContent()).toBe('Setup');
    expect(await navButton(page, 'Setup').getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('main').getAttribute('aria-labelledby')).toBe('page-title');
    expect(await page.getByRole('contentinfo').isVisible()).toBe(true);
    expect(session.problems).toEqual([]);
  });

  it('takes the token out of the address bar and keeps it only in this tab’s session storage', async () => {
    const session = await app.open();
    const { page, host } = session;
    expect(page.url()).toBe(`${host.origin}/`);
    expect(await page.evaluate(() => sessionStorage.getItem('courseco-xero.web-host-token'))).toBe(host.token);
    // A reload (no fragment any more) still connects, using the stored token.
    await page.reload();
    await expect.poll(() => connectionStatus(page).textContent()).toContain('Not set up');
  });

  it('navigates by clicking, marking the open page with aria-current', async () => {
    const session = await app.open();
    const { page } = session;
    for (const { label } of [...PAGES].reverse()) {
      await navButton(page, label).click();
      expect(await pageTitle(page).textContent()).toBe(label);
      expect(await navButton(page, label).getAttribute('aria-current')).toBe('page');
      const others = PAGES.filter((p) => p.label !== label);
      for (const other of others) expect(await navButton(page, other.label).getAttribute('aria-current')).toBeNull();
    }
  });

  it('navigates with the keyboard alone: Tab into the navigation, arrows to move, Enter to open', async () => {
    const session = await app.open();
    const { page } = session;
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');

    await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('Skip to content');
    await page.keyboard.press('Tab');
    expect(await focusedText()).toMatch(/^Setup/);

    await page.keyboard.press('ArrowDown');
    expect(await focusedText()).toMatch(/^Transactions/);
    await page.keyboard.press('Enter');
    expect(await pageTitle(page).textContent()).toBe('Transactions');

    await page.keyboard.press('End');
    await page.keyboard.press('Space');
    expect(await pageTitle(page).textContent()).toBe('Settings');

    await page.keyboard.press('ArrowDown'); // wraps round to the first item
    expect(await focusedText()).toMatch(/^Setup/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedText()).toMatch(/^Setup/);

    // The focused button shows a visible focus ring.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
    await saveScreenshot(page, 'shell-keyboard-focus');
  });

  it('offers a skip link that moves focus to the page content', async () => {
    const session = await app.open();
    const { page } = session;
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(page.url()).toBe(`${session.host.origin}/`);
  });

  it('shows each page as a calm empty state (screenshots in test-results/)', async () => {
    const session = await app.open();
    const { page } = session;
    await expect.poll(() => connectionStatus(page).textContent()).toContain('Not set up');
    await expect.poll(() => page.getByRole('contentinfo').textContent()).toContain('Version 0.1.0 · Web host');
    for (const { id, label } of PAGES) {
      await navButton(page, label).click();
      const text = (await page.getByRole('main').textContent()) ?? '';
      expect(text).not.toMatch(/\bTODO\b|lorem|placeholder/i);
      await saveScreenshot(page, `shell-${id}`);
    }
    expect(session.problems).toEqual([]);
  });
});
