/** How a person finds their way around the shell, in Playwright terms. */
import type { Locator, Page } from 'playwright-core';

export const PAGES = [
  { id: 'setup', label: 'Setup' },
  { id: 'transactions', label: 'Transactions' },
  { id: 'rules', label: 'Rules' },
  { id: 'reconcile', label: 'Reconcile' },
  { id: 'diagnostics', label: 'Diagnostics' },
  { id: 'settings', label: 'Settings' },
] as const;

export function navButton(page: Page, label: string): Locator {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: new RegExp(`^${label}\\b`) });
}

export function pageTitle(page: Page): Locator {
  return page.getByRole('main').getByRole('heading', { level: 1 });
}

export function connectionStatus(page: Page): Locator {
  return page.getByRole('contentinfo').getByRole('status');
}
