/**
 * Connecting to Xero through the web host, with Chromium as the system browser: the page stores the credentials and
 * starts the sign-in over the contract, a second tab follows the authorize URL through the sandbox's log-in and
 * consent pages, Xero's redirect lands on the assistant's loopback listener, and the app shows the organisation.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { createAppServices } from '../../main/app/app-services';
import { createKeychain } from '../../main/secrets/keychain';
import { openNodeSettingsStore } from '../../main/settings/settings-store';
import { openApp, type AppSession } from './support/app-session';
import { launchChromium } from './support/chromium';
import { saveScreenshot } from './support/screenshots';
import { connectionStatus } from './support/shell';
import { freePorts } from '../support/free-ports';


type Outcome = { ok: true; organisation?: string; state: string } | { ok: false; kind?: string; message: string };
type PageWithConnect = { __connect?: Promise<Outcome> };

let browser: Browser;
let sandbox: RunningSandbox;
let ports: number[];
let session: AppSession | undefined;
let dataDir: string | undefined;

beforeAll(async () => {
  browser = await launchChromium();
  ports = await freePorts(3);
  sandbox = await startSandbox({ redirectUris: ports.map((p) => `http://localhost:${p}/callback`) });
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});
afterEach(async () => {
  if (dataDir) {
    const keychain = createKeychain(dataDir);
    await keychain.delete('token-set');
    await keychain.delete('client-secret');
  }
  await session?.close();
  session = undefined;
  dataDir = undefined;
});

/** The web host's services, pointed at the sandbox only through settings. */
function sandboxServices(dir: string) {
  dataDir = dir;
  const settings = openNodeSettingsStore(dir);
  settings.update({ 'xero.issuer': sandbox.baseUrl, 'xero.apiOrigin': sandbox.baseUrl, 'oauth.ports': ports.join(',') });
  return createAppServices({ host: 'web', dataDir: dir, settings, keychain: createKeychain(dir), clock: { now: () => sandbox.now() } });
}

describe('connect to Xero from the app (web host + Chromium + sandbox)', () => {
  it('follows the consent page in a browser tab and shows the connected organisation', async () => {
    session = await openApp(browser, { services: sandboxServices });
    const { page, context } = session;
    const web = sandbox.clients.find((c) => c.type === 'web' && c.scopeMode === 'granular' && c.clientSecret)!;
    const liffey = sandbox.tenants[0]!;

    const stored = await page.evaluate((credentials) => window.assistant.credentials.set(credentials), { clientId: web.clientId, clientSecret: web.clientSecret! });
    expect(stored).toMatchObject({ ok: true, value: { secretStored: true, appType: 'web' } });
    expect(JSON.stringify(stored)).not.toContain(web.clientSecret!);
    const uris = await page.evaluate(() => window.assistant.connection.redirectUris());
    expect(uris.ok && uris.value.redirectUris).toEqual(ports.map((p) => `http://localhost:${p}/callback`));

    // Start the sign-in from the page; the web host has no system browser, so the URL comes as an event.
    const authorizeUrl = await page.evaluate(
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

    const outcome = await page.evaluate(() => (window as unknown as PageWithConnect).__connect!);
    expect(outcome).toEqual({ ok: true, organisation: liffey.name, state: 'connected' });
    await expect.poll(() => connectionStatus(page).textContent()).toBe(`Connected to ${liffey.name}`);
    const checked = await page.evaluate(() => window.assistant.connection.check());
    expect(checked).toMatchObject({ ok: true, value: { state: 'connected', check: { ok: true }, organisation: { name: liffey.name, baseCurrency: 'EUR' } } });
    expect(JSON.stringify(checked)).not.toMatch(/access_token|refresh_token/);
    await saveScreenshot(page, 'connect-connected');
    expect(session.problems).toEqual([]);
  });

  it('Cancel on the consent page comes back to the app as "access was not allowed"', async () => {
    session = await openApp(browser, { services: sandboxServices });
    const { page, context } = session;
    const pkce = sandbox.clients.find((c) => c.type === 'pkce')!;
    await page.evaluate((clientId) => window.assistant.credentials.set({ clientId }), pkce.clientId);
    const authorizeUrl = await page.evaluate(
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
    const xero = await context.newPage();
    await xero.goto(authorizeUrl);
    await xero.getByRole('button', { name: 'Log in as demo user' }).click();
    await xero.getByRole('button', { name: 'Cancel' }).click();
    await xero.getByRole('heading', { name: 'Not connected' }).waitFor();
    const outcome = await page.evaluate(() => (window as unknown as PageWithConnect).__connect!);
    expect(outcome).toMatchObject({ ok: false, kind: 'AuthorizationDenied' });
    await expect.poll(() => connectionStatus(page).textContent()).toContain('Not connected to Xero');
  });
});
