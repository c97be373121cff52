/**
 * Connects the page's app to the sandbox as a person would: the Client ID and secret typed in through the contract,
 * Connect pressed, and the consent page followed in a second tab (the sandbox's `sandbox_consent=first` picks the
 * first organisation). Shared by the console, changes, books and settings specs.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { SandboxSessions } from './sandbox-session';
import { navButton } from './shell';

/**
 * Starts Connect through the contract, waits for the authorize URL the app announces and follows it in a second tab, as
 * a person consenting in their browser would; the connect must then succeed. `consent`: which organisation the
 * sandbox's consent page grants (a tenantId), the first one unless told.
 */
export async function consentInSecondTab(page: Page, consent = 'first'): Promise<void> {
  const authorizeUrl = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const off = window.assistant.events.connectionAuthorizeUrl((payload) => {
          off();
          resolve(payload.url);
        });
        (window as unknown as { __connect?: Promise<unknown> }).__connect = window.assistant.connection.connect({});
      }),
  );
  const tab = await page.context().newPage();
  await tab.goto(`${authorizeUrl}&sandbox_consent=${encodeURIComponent(consent)}`);
  await tab.close();
  expect(await page.evaluate(() => (window as unknown as { __connect: Promise<{ ok: boolean }> }).__connect)).toMatchObject({ ok: true });
}

/** `consent`: which organisation the consent page grants (a tenantId), the first one unless told. */
export async function connectThroughSandbox(page: Page, sessions: SandboxSessions, consent = 'first'): Promise<void> {
  const web = sessions.sandbox().clients.find((c) => c.type === 'web' && c.scopeMode === 'granular' && c.clientSecret)!;
  await page.evaluate((credentials) => window.assistant.credentials.set(credentials), { clientId: web.clientId, clientSecret: web.clientSecret! });
  await consentInSecondTab(page, consent);
}

/**
 * The sample synced as a person does it: connected through the sandbox, Transactions, "Try with sample data", then
 * "Sync all ready" and the run's end (the reconcile and console-drift specs start from here).
 */
export async function syncTheSample(page: Page, sessions: SandboxSessions): Promise<void> {
  await connectThroughSandbox(page, sessions);
  await navButton(page, 'Transactions').click();
  await page.getByRole('button', { name: 'Try with sample data' }).click();
  await page.getByRole('button', { name: /^Details of transaction / }).first().waitFor();
  await page.getByRole('button', { name: /^Sync all ready/ }).click();
  await page.getByText(/^Last run:/).waitFor({ timeout: 120_000 });
}
