/**
 * A computer without any password store (a headless Linux, WSL, a container: where the README sends people to
 * `npm run web`). This file's process points the session bus at a socket that does not exist, so the web host's
 * services worker (same process, same environment) cannot reach a Secret Service, as on such a machine; the spec first
 * proves that the OS keychain really does not answer. Then: the user's own profile says so once, in plain words, with
 * a choice; "Try with sample data instead" reaches a verified test sync, because the sample profile's secrets (the
 * practice Xero's own) are kept in memory. Screenshots: test-results/no-keychain-*.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeychain } from '../../main/secrets/keychain';
import { startWebHost, type WebHost } from '../../main/web-host/web-host';
import { freePorts } from '../support/free-ports';
import { seriousA11yProblems } from './support/a11y';
import { ensureRenderer, watchPageProblems } from './support/app-session';
import { launchChromium } from './support/chromium';
import { saveScreenshot } from './support/screenshots';

const NO_BUS = 'unix:path=/nonexistent/ccxa-no-keychain/bus';
const previousBus = process.env.DBUS_SESSION_BUS_ADDRESS;
let browser: Browser;
let host: WebHost | undefined;
let dataDir: string;

beforeAll(async () => {
  // Set on the process (not only a worker's copy of process.env): the keyring library reads the C environment.
  process.env.DBUS_SESSION_BUS_ADDRESS = NO_BUS;
  ensureRenderer();
  browser = await launchChromium();
  dataDir = mkdtempSync(path.join(tmpdir(), 'ccxa-no-keychain-'));
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  if (previousBus === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
  else process.env.DBUS_SESSION_BUS_ADDRESS = previousBus;
});

async function screenshotAndAxe(page: Page, name: string): Promise<void> {
  await saveScreenshot(page, `no-keychain-${name}`);
  expect(await seriousA11yProblems(page), name).toEqual([]);
}

describe('a computer without a password store (web host, no Secret Service)', () => {
  it('the own profile explains it plainly and offers sample data, which reaches a verified test sync', async () => {
    // The premise, checked: on this process the OS keychain does not answer, and says so without library words.
    const probe = await createKeychain(dataDir).probe();
    expect(probe).toMatchObject({ available: false, reason: expect.stringContaining('no password store the assistant can use') });
    expect(JSON.stringify(probe)).not.toMatch(/DBus|socket|Platform failure/);

    const ports = await freePorts(3);
    host = await startWebHost({
      dataDir,
      port: 0,
      knobs: { callbackTimeoutMs: 60_000, sample: { oauthPorts: ports.join(','), redirectUris: ports.map((p) => `http://localhost:${p}/callback`) } },
    });
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, colorScheme: 'light', reducedMotion: 'reduce' });
    const page = await context.newPage();
    const problems = watchPageProblems(page);
    await page.goto(host.url);
    await page.getByRole('heading', { level: 1, name: 'Setup' }).waitFor();

    // The person's own Xero: the credentials step says there is nowhere safe to keep the secret, and what to do.
    await page.getByRole('button', { name: 'Set up with my Xero', exact: true }).click();
    await page.getByRole('navigation', { name: 'Checklist' }).getByRole('button', { name: /^Store the Client ID and Secret/ }).click();
    const notice = page.getByTestId('wz-no-keychain');
    await notice.waitFor({ timeout: 20_000 });
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('This computer has no password store the assistant can use');
    expect(text).toContain('install and unlock GNOME Keyring or KWallet');
    expect(await page.locator('body').textContent()).not.toMatch(/DBus|socket|Platform failure/);
    // No field invites a secret that could not be kept.
    expect(await page.getByLabel('Client Secret', { exact: true }).count()).toBe(0);
    await screenshotAndAxe(page, '1-own-profile');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshotAndAxe(page, '1-own-profile-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // The choice: sample data, whose secrets are the practice Xero's own and live in memory.
    await page.getByRole('button', { name: 'Try with sample data instead', exact: true }).click();
    await expect.poll(() => page.getByText('Sample data — not your books').isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.locator('#wz-panel-title').textContent()).toBe('Connect to Xero');
    await screenshotAndAxe(page, '2-sample-connect');

    // The web host opens Xero's sign-in page as a new tab by itself.
    const opened = context.waitForEvent('page', { timeout: 45_000 });
    await page.getByRole('button', { name: 'Connect to Xero', exact: true }).click();
    const xero = await opened;
    await xero.getByRole('button', { name: 'Log in as demo user', exact: true }).click();
    await xero.getByRole('checkbox', { name: 'Liffey Training Academy' }).check();
    await xero.getByRole('button', { name: 'Allow access', exact: true }).click();
    await page.locator('.wz-org-name').getByText('Connected to Liffey Training Academy').waitFor({ timeout: 45_000 });

    await page.getByLabel('Which Xero rate should 0% VAT sales use?').selectOption('TAX005');
    await page.getByRole('button', { name: 'Save choices', exact: true }).click();
    await expect.poll(() => page.locator('#wz-panel-title').textContent(), { timeout: 20_000 }).toBe('Test with one transaction');
    await page.locator('.wz-planned').waitFor();
    await page.getByRole('button', { name: 'Sync to Xero', exact: true }).click();
    await page.getByRole('heading', { name: '✓ Xero has exactly what CourseCo sent' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.wz-compare tr[data-match="false"]').count()).toBe(0);
    await screenshotAndAxe(page, '3-sample-verified');

    // Where the sample's secret is kept, said truthfully.
    await page.getByRole('navigation', { name: 'Checklist' }).getByRole('button', { name: /^Store the Client ID and Secret/ }).click();
    await page.getByText(/and its secret, in this app's memory/).waitFor();
    await screenshotAndAxe(page, '4-sample-credentials');
    expect(problems).toEqual([]);
    await context.close();
  });
});
