/**
 * What a bookkeeper must not meet on a GUI screen (issue 15, finding 5): ISO timestamps, tax-rate codes, US 12-hour
 * times, HTTP calls, "tenant", "journal", "by root". Read from the page's visible text (main and the status bar), so a
 * word in a tooltip-less attribute or a hidden test id does not count, and one on screen does.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { lookInBothSchemes } from './a11y';

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

/** The screen as it stands in both colour schemes (see `lookInBothSchemes`), free of developer words in each. */
export async function judgeInBothSchemes(page: Page, name: string, scheme: 'light' | 'dark' = 'light'): Promise<void> {
  await lookInBothSchemes(page, name, { scheme, also: async () => expect(await developerWords(page)).toEqual([]) });
}
