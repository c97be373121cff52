/** axe's verdict on the page as it stands: what matters is that nothing serious or critical is found. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { saveScreenshot } from './screenshots';

export async function seriousA11yProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export async function expectNoSeriousA11yProblems(page: Page): Promise<void> {
  expect(await seriousA11yProblems(page)).toEqual([]);
}

/**
 * The screen as it stands in both colour schemes: a screenshot of each (`name` for light, `name-dark` for dark) and
 * axe's verdict on each, nothing serious. `also` adds a check of its own in each scheme, before its screenshot. Starts
 * from the session's own scheme (`scheme`, light unless told) and goes back to it after.
 */
export async function lookInBothSchemes(page: Page, name: string, options: { scheme?: 'light' | 'dark'; also?: () => Promise<void> } = {}): Promise<void> {
  const own = options.scheme ?? 'light';
  for (const scheme of own === 'light' ? (['light', 'dark'] as const) : (['dark', 'light'] as const)) {
    const file = scheme === 'dark' ? `${name}-dark` : name;
    await page.emulateMedia({ colorScheme: scheme });
    await options.also?.();
    await saveScreenshot(page, file);
    expect(await seriousA11yProblems(page), file).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: own });
}
