/**
 * The Settings page on sample data, as a bookkeeper meets it: the connected organisation by name, country and
 * currency in words, the permissions Xero granted in plain sentences and the day the sign-in ends if unused; About;
 * the Disconnect and Forget confirmations (modal, Escape cancels, focus kept inside and given back); Reset, which asks
 * for a typed word and lands on the first screen; and leaving the sample data, which says in one line what happened.
 * axe finds nothing serious, and Tab reaches every button. Screenshots: test-results/settings-*.png (light and dark).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleProfileDir } from '../../main/paths';
import { createKeychain } from '../../main/secrets/keychain';
import { startWebHost, type WebHost } from '../../main/web-host/web-host';
import { freePorts } from '../support/free-ports';
import { lookInBothSchemes } from './support/a11y';
import { ensureRenderer, watchPageProblems } from './support/app-session';
import { launchChromium } from './support/chromium';
import { consentInSecondTab } from './support/connect';
import { connectionStatus, navButton, pageTitle } from './support/shell';

let browser: Browser;
let host: WebHost | undefined;
let dataDir: string;

beforeAll(async () => {
  ensureRenderer();
  browser = await launchChromium();
  dataDir = mkdtempSync(path.join(tmpdir(), 'ccxa-settings-'));
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  for (const dir of [dataDir, sampleProfileDir(dataDir)]) {
    await createKeychain(dir).delete('client-secret').catch(() => undefined);
    await createKeychain(dir).delete('token-set').catch(() => undefined);
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const section = (page: Page, title: string) => page.getByRole('region', { name: title });

/** Tab from the page's heading to the end of `main`, naming each control reached. */
async function tabThroughMain(page: Page): Promise<string[]> {
  await page.locator('#main').focus();
  const reached: string[] = [];
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || !document.getElementById('main')?.contains(el)) return undefined;
      return (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
    });
    if (here === undefined) break;
    reached.push(here);
  }
  return reached;
}

describe('Settings (web host + Chromium + sample data)', () => {
  it('shows the connection, About, Disconnect, Forget and Reset, and leaving the sample data, in plain words', async () => {
    const ports = await freePorts(3);
    host = await startWebHost({
      dataDir,
      port: 0,
      knobs: { callbackTimeoutMs: 60_000, sample: { oauthPorts: ports.join(','), redirectUris: ports.map((p) => `http://localhost:${p}/callback`) } },
    });
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, colorScheme: 'light', reducedMotion: 'reduce' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
    const page = await context.newPage();
    const problems = watchPageProblems(page);
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Try with sample data', exact: true }).click();
    await expect.poll(() => page.getByText('Sample data — not your books').isVisible(), { timeout: 30_000 }).toBe(true);
    await consentInSecondTab(page);

    // The connection, in words: no codes, no scope names, the sign-in's last day as 26 Oct 2026.
    await navButton(page, 'Settings').click();
    expect(await pageTitle(page).textContent()).toBe('Settings');
    const xero = section(page, 'Xero connection');
    await xero.getByText(/^Xero answered on \d{1,2} [A-Z][a-z]{2,3} \d{4} at \d{2}:\d{2}\.$/).waitFor({ timeout: 20_000 });
    const text = (await xero.textContent()) ?? '';
    expect(text).toContain('Liffey Training Academy');
    expect(text).toContain('Ireland');
    expect(text).toContain('Euro (€)');
    expect(text).toContain('Create and read invoices and credit notes');
    expect(text).toMatch(/On \d{1,2} [A-Z][a-z]{2,3} \d{4} if the assistant is not used/);
    expect(text).not.toMatch(/accounting\.|offline_access|\bIE\b|\bEUR\b|\d{4}-\d{2}-\d{2}T/);
    const computer = section(page, 'This computer');
    expect(await computer.getByText(sampleProfileDir(dataDir), { exact: true }).count()).toBe(1);
    // The browser host cannot open a folder on the computer: it offers Copy, never a button that fails.
    expect(await computer.getByRole('button', { name: 'Open folder' }).count()).toBe(0);
    await computer.getByRole('button', { name: "Copy the data folder's location" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(sampleProfileDir(dataDir));
    const about = (await section(page, 'About').textContent()) ?? '';
    expect(about).toContain('CourseCo Xero Assistant');
    expect(about).toMatch(/Version\s*0\.1\.0/);
    expect(about).toMatch(/Node\.js \d+\.\d+/);
    await lookInBothSchemes(page, 'settings-1-page');
    await section(page, 'About').scrollIntoViewIfNeeded();
    await lookInBothSchemes(page, 'settings-2-about');

    // Keyboard: Tab from the top of the page reaches every button on it.
    const buttons = await page.locator('#main button:visible').evaluateAll((items) => items.map((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim()));
    const reached = await tabThroughMain(page);
    for (const name of buttons) expect(reached, `Tab reaches "${name}"`).toContain(name);

    // Disconnect: modal, says what it does to CourseCo's own link and what is not certain; Escape cancels.
    const opener = page.getByRole('button', { name: 'Disconnect from Xero…' });
    await opener.click();
    const disconnect = page.getByRole('dialog', { name: 'Disconnect from Xero?' });
    await disconnect.waitFor();
    const words = (await disconnect.textContent()) ?? '';
    expect(words).toContain('CourseCo');
    expect(words).toContain('Not certain');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    for (let i = 0; i < 5; i += 1) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(true);
    }
    await lookInBothSchemes(page, 'settings-3-disconnect');
    await page.keyboard.press('Escape');
    await expect.poll(() => disconnect.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Disconnect from Xero…');
    await expect.poll(() => connectionStatus(page).textContent()).toContain('Connected');

    // Forget on this computer only: the sign-in goes here, Xero is not asked.
    await page.getByRole('button', { name: 'Forget on this computer only…' }).click();
    const forget = page.getByRole('dialog', { name: 'Forget the Xero sign-in on this computer?' });
    await forget.waitFor();
    expect(await forget.textContent()).toContain("CourseCo's own link to Xero keeps working");
    await lookInBothSchemes(page, 'settings-4-forget');
    await forget.getByRole('button', { name: 'Forget on this computer', exact: true }).click();
    await page.getByText(/^This computer no longer keeps a Xero sign-in\. Nothing changed in Xero\./).waitFor();
    // Its button is gone with the sign-in: focus lands on what happened, not lost on the page.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^This computer no longer keeps a Xero sign-in/);
    await expect.poll(() => connectionStatus(page).textContent()).toContain('Not connected');
    await lookInBothSchemes(page, 'settings-5-forgotten');

    // Disconnect for real: the connection removed in Xero, the sign-in ended.
    await consentInSecondTab(page);
    await page.getByRole('button', { name: 'Disconnect from Xero…' }).click();
    await page.getByRole('dialog', { name: 'Disconnect from Xero?' }).getByRole('button', { name: 'Disconnect from Xero', exact: true }).click();
    await page.getByText(/The connection to Liffey Training Academy was removed in Xero and the sign-in was ended\./).waitFor({ timeout: 20_000 });
    await expect.poll(() => connectionStatus(page).textContent()).toContain('Not connected');

    // Reset: what goes and what stays, a typed word, then the first screen.
    await page.getByRole('button', { name: 'Reset the sample data…' }).click();
    const reset = page.getByRole('dialog', { name: 'Reset the sample data?' });
    await reset.waitFor();
    const confirm = reset.getByRole('button', { name: 'Reset the sample data', exact: true });
    expect(await confirm.isDisabled()).toBe(true);
    await reset.getByLabel('Type reset to confirm').fill('reset');
    expect(await confirm.isDisabled()).toBe(false);
    await lookInBothSchemes(page, 'settings-6-reset');
    await confirm.click();
    await page.getByRole('heading', { level: 1, name: 'Setup' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Try with sample data', exact: true }).waitFor();
    expect(await page.getByText('Sample data — not your books').count()).toBe(0);
    expect(readdirSync(sampleProfileDir(dataDir))).toEqual([]);
    await lookInBothSchemes(page, 'settings-7-after-reset');

    // Leaving the sample data asks nothing (nothing is lost) and says so in one line.
    await page.getByRole('button', { name: 'Try with sample data', exact: true }).click();
    await expect.poll(() => page.getByText('Sample data — not your books').isVisible(), { timeout: 30_000 }).toBe(true);
    await page.getByRole('button', { name: 'Leave sample data', exact: true }).click();
    const note = page.getByText('Sample data closed: it is kept apart for next time, and nothing from it goes to your Xero.');
    await note.waitFor();
    await lookInBothSchemes(page, 'settings-8-left-sample');
    await page.getByRole('button', { name: 'OK', exact: true }).click();
    expect(await note.count()).toBe(0);

    // The own profile's reset names what goes and what stays in Xero; Escape leaves everything as it was.
    await navButton(page, 'Settings').click();
    await page.getByRole('button', { name: 'Reset this profile…' }).click();
    const own = page.getByRole('dialog', { name: 'Reset this profile?' });
    await own.waitFor();
    expect(await own.textContent()).toContain('everything already sent to Xero stays in Xero, unchanged');
    await lookInBothSchemes(page, 'settings-9-reset-own');
    await page.keyboard.press('Escape');
    await expect.poll(() => own.isVisible()).toBe(false);

    expect(problems).toEqual([]);
    await context.close();
  });
});
