/**
 * What a bookkeeper must not meet on a GUI screen (issue 15, finding 5): ISO timestamps, tax-rate codes, US 12-hour
 * times, HTTP calls, "tenant", "journal", "by root". Read from the page's visible text (main and the status bar), so a
 * word in a tooltip-less attribute or a hidden test id does not count, and one on screen does.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { seriousA11yProblems } from './a11y';
import { saveScreenshot } from './screenshots';

const DEVELOPER_WORDS: Array<[string, RegExp]> = [
  ['an ISO timestamp', /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/],
  ['an ISO date', /\b\d{4}-\d{2}-\d{2}\b/],
  // A code only where no name is known, said as such ("the tax rate Xero calls TAX009").
  ['a tax-rate code', /(?<!Xero calls )\b(TAX0\d\d|OUTPUT\d)\b/],
  ['a 12-hour time', /\d (AM|PM)\b/],
  ['an HTTP call', /\b(GET|POST|PUT) \//],
  ['"tenant"', /\btenant/i],
  ['"journal"', /\bjournal\b/i],
  ['"by root"', /\bby root\b/],
];

/** The developer words found in the page's visible text, each with the words around it. */
export async function developerWords(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const found: string[] = [];
  for (const [what, pattern] of DEVELOPER_WORDS) {
    const match = new RegExp(pattern.source, `${pattern.flags}g`).exec(text);
    if (match) found.push(`${what}: …${text.slice(Math.max(0, match.index - 40), match.index + match[0].length + 40).replace(/\s+/g, ' ')}…`);
  }
  return found;
}

/**
 * The screen as it stands in both colour schemes: a screenshot of each (`name` for light, `name-dark` for dark), axe
 * clean and free of developer words in each; back to the session's own scheme after.
 */
export async function judgeInBothSchemes(page: Page, name: string, scheme: 'light' | 'dark' = 'light'): Promise<void> {
  const file = (s: 'light' | 'dark') => (s === 'dark' ? `${name}-dark` : name);
  for (const s of scheme === 'light' ? (['light', 'dark'] as const) : (['dark', 'light'] as const)) {
    await page.emulateMedia({ colorScheme: s });
    expect(await developerWords(page)).toEqual([]);
    await saveScreenshot(page, file(s));
    expect(await seriousA11yProblems(page)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: scheme });
}
