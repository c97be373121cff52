/**
 * Connecting to Xero through the web host, with Chromium as the system browser: the page stores the credentials and
 * starts the sign-in over the contract, a second tab follows the authorize URL through the sandbox's log-in and
 * consent pages, Xero's redirect lands on the assistant's loopback listener, and the app shows the organisation.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/screenshots';
import { useSandboxSessions } from './support/sandbox-session';
import { connectionStatus } from './support/shell';

type Outcome = { ok: true; organisation?: string; state: string } | { ok: false; kind?: string; message: string };
type PageWithConnect = { __connect?: Promise<Outcome> };

const sessions = useSandboxSessions();

/**
 * Starts the sign-in from the page and resolves with the authorize URL; the web host has no system browser, so the
 * URL comes as an event. The sign-in's own outcome is left on the page for `signInOutcome`.
 */
function startSignIn(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const off = window.assistant.events.connectionAuthorizeUrl((payload) => {
          off();
          resolve(payload.url);
        });
        (window as unknown as PageWithConnect).__connect = window.assistant.connection.connect({}).then(
          (envelope): Outcome =>
            envelope.ok
              ? { ok: true, organisation: envelope.value.organisation?.name, state: envelope.value.status.state }
              : { ok: false, kind: envelope.error.kind, message: envelope.error.message },
        );
      }),
  );
}

function signInOutcome(page: Page): Promise<Outcome> {
  return page.evaluate(() => (window as unknown as PageWithConnect).__connect!);
}

describe('connect to Xero from the app (web host + Chromium + sandbox)', () => {
  it('follows the consent page in a browser tab and shows the connected organisation', async () => {
    const session = await sessions.open();
    const { page, context } = session;
    const sandbox = sessions.sandbox();
    const ports = sessions.ports();
    const web = sandbox.clients.find((c) => c.type === 'web' && c.scopeMode === 'granular' && c.clientSecret)!;
    const liffey = sandbox.tenants[0]!;

    const stored = await page.evaluate((credentials) => window.assistant.credentials.set(credentials), { clientId: web.clientId, clientSecret: web.clientSecret! });
    expect(stored).toMatchObject({ ok: true, value: { secretStored: true, appType: 'web' } });
    expect(JSON.stringify(stored)).not.toContain(web.clientSecret!);
    const uris = await page.evaluate(() => window.assistant.connection.redirectUris());
    expect(uris.ok && uris.value.redirectUris).toEqual(ports.map((p) => `http://localhost:${p}/callback`));

    const authorizeUrl = await startSignIn(page);
    expect(new URL(authorizeUrl).origin).toBe(sandbox.baseUrl);
    await expect.poll(() => connectionStatus(page).textContent()).toContain('Connecting to Xero');

    // The "system browser": log in, pick the organisation, allow access.
    const xero = await context.newPage();
    await xero.goto(authorizeUrl);
    await xero.getByRole('button', { name: 'Log in as demo user' }).click();
    await xero.getByRole('checkbox', { name: liffey.name }).check();
    await saveScreenshot(xero, 'connect-consent');
    await xero.getByRole('button', { name: 'Allow access' }).click();
    await xero.getByRole('heading', { name: 'Connected to Xero' }).waitFor();
    expect(new URL(xero.url()).origin).toBe(`http://localhost:${ports[0]}`);
    expect(await xero.textContent('body')).toContain(`connected to ${liffey.name}`);
    await saveScreenshot(xero, 'connect-callback');

    const outcome = await signInOutcome(page);
    expect(outcome).toEqual({ ok: true, organisation: liffey.name, state: 'connected' });
    await expect.poll(() => connectionStatus(page).textContent()).toBe(`Connected to ${liffey.name}`);
    const checked = await page.evaluate(() => window.assistant.connection.check());
    expect(checked).toMatchObject({ ok: true, value: { state: 'connected', check: { ok: true }, organisation: { name: liffey.name, baseCurrency: 'EUR' } } });
    expect(JSON.stringify(checked)).not.toMatch(/access_token|refresh_token/);
    await saveScreenshot(page, 'connect-connected');
    expect(session.problems).toEqual([]);
  });

  it('Cancel on the consent page comes back to the app as "access was not allowed"', async () => {
    const { page, context } = await sessions.open();
    const pkce = sessions.sandbox().clients.find((c) => c.type === 'pkce')!;
    await page.evaluate((clientId) => window.assistant.credentials.set({ clientId }), pkce.clientId);
    const authorizeUrl = await startSignIn(page);
    const xero = await context.newPage();
    await xero.goto(authorizeUrl);
    await xero.getByRole('button', { name: 'Log in as demo user' }).click();
    await xero.getByRole('button', { name: 'Cancel' }).click();
    await xero.getByRole('heading', { name: 'Not connected' }).waitFor();
    const outcome = await signInOutcome(page);
    expect(outcome).toMatchObject({ ok: false, kind: 'AuthorizationDenied' });
    await expect.poll(() => connectionStatus(page).textContent()).toContain('Not connected to Xero');
  });
});
