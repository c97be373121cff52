import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices } from '../../main/app/app-services';
import { channelNames } from '../../contract/contract';
import { createKeychain } from '../../main/secrets/keychain';
import { openNodeSettingsStore } from '../../main/settings/settings-store';
import { useAppSessions } from './support/lifecycle';
import { saveScreenshot } from './support/screenshots';
import { connectionStatus, navButton, pageTitle } from './support/shell';

const app = useAppSessions();

describe('the contract, called from the page', () => {
  it('round-trips app.ping through window.assistant', async () => {
    const session = await app.open();
    const envelope = await session.page.evaluate(() => window.assistant.app.ping({ message: 'hello from the page' }));
    if (!envelope.ok) throw new Error(envelope.error.message);
    expect(envelope.value.echo).toBe('hello from the page');
    expect(Number.isNaN(Date.parse(envelope.value.receivedAt))).toBe(false);
  });

  it('rejects a malformed call with invalid-arguments, and the app stays up', async () => {
    const session = await app.open();
    const { page } = session;
    // Deliberately wrong type, as untrusted page code might send. window.assistant answers with a plain envelope
    // (it must cross Electron's contextBridge intact); the renderer's wrapper turns it into a thrown error.
    const failure = await page.evaluate(() => window.assistant.app.ping({ message: 42 as unknown as string }));
    expect(failure).toMatchObject({ ok: false, error: { code: 'invalid-arguments', issues: [{ path: 'message' }] } });

    // Still up: navigation works and the next call succeeds.
    await navButton(page, 'Diagnostics').click();
    expect(await pageTitle(page).textContent()).toBe('Diagnostics');
    expect(await page.evaluate(() => window.assistant.app.ping({ message: 'again' }))).toMatchObject({ ok: true, value: { echo: 'again' } });
    expect(session.problems).toEqual([]);
  });

  it('exposes exactly the contract, fixed in place: no generic invoke, and page code cannot replace it', async () => {
    const session = await app.open();
    const shape = await session.page.evaluate(() => {
      const api = window.assistant as unknown as Record<string, Record<string, unknown>>;
      const replaced = Reflect.set(window, 'assistant', {});
      return { groups: Object.keys(api).sort(), app: Object.keys(api.app!).sort(), replaced, same: window.assistant === (api as unknown) };
    });
    const contractGroups = [...new Set(channelNames.map((channel) => channel.split('.')[0]!)), 'events'].sort();
    expect(shape).toEqual({ groups: contractGroups, app: ['folders', 'info', 'openFolder', 'ping'], replaced: false, same: true });
  });
});

describe('the status bar', () => {
  it('shows the connection state from the services and follows connection.changed events', async () => {
    const session = await app.open();
    const { page } = session;
    await expect.poll(() => connectionStatus(page).textContent()).toContain('Not set up');

    // Storing a Client ID changes the state; the services emit connection.changed and the bar follows.
    await page.evaluate(() => window.assistant.credentials.set({ clientId: 'ABCDEF0123456789ABCDEF0123456789' }));
    await expect.poll(() => connectionStatus(page).textContent()).toContain('Not connected to Xero');

    // Events pushed by the host (here straight from its bus) reach the page too.
    session.host.services.bus.emit('connection.changed', { state: 'connected', organisationName: 'Demo Company (UK)', tenantId: 'f5c3c9a0-0000-4000-8000-000000000001' });
    await expect.poll(() => connectionStatus(page).textContent()).toBe('Connected to Demo Company (UK)');
    expect(await connectionStatus(page).getAttribute('data-tone')).toBe('good');
  });

  it('says plainly when the page was opened without the access token', async () => {
    const session = await app.open({ withoutToken: true });
    const { page } = session;
    await expect.poll(() => connectionStatus(page).textContent()).toContain('Assistant unavailable');
    expect(await connectionStatus(page).textContent()).toContain('Open the full address the web host printed');
    await saveScreenshot(page, 'shell-host-unavailable');
    const failure = await page.evaluate(() => window.assistant.app.ping({ message: 'x' }));
    expect(failure).toMatchObject({ ok: false, error: { code: 'domain', kind: 'HostUnavailable' } });
    // The browser logs the refused handshake itself; nothing else went wrong.
    expect(session.problems.filter((p) => !p.includes('WebSocket connection'))).toEqual([]);
  });
});

describe('when the web host goes away', () => {
  it('rejects calls still waiting, and later ones, with a plain-words error instead of hanging', async () => {
    const session = await app.open({
      services: (dataDir) => {
        const services = createAppServices({ host: 'web', dataDir, settings: openNodeSettingsStore(dataDir), keychain: createKeychain(dataDir) });
        // A handler that never answers, so the call is still in flight when the host stops.
        services.handlers['app.ping'] = () => new Promise(() => undefined);
        return services;
      },
    });
    const { page, host } = session;
    await page.evaluate(() => {
      const outcome = window.assistant.app.ping({ message: 'in flight' }).then((envelope) =>
        envelope.ok ? 'answered' : `${envelope.error.kind}: ${envelope.error.message}`,
      );
      (window as unknown as { inFlight: Promise<string> }).inFlight = outcome;
    });
    await host.stop();
    const inFlight = await page.evaluate(() => (window as unknown as { inFlight: Promise<string> }).inFlight);
    expect(inFlight).toBe('HostUnavailable: The connection to the assistant’s web host closed.');
    const later = await page.evaluate(() => window.assistant.app.info({}).then((envelope) => (envelope.ok ? 'answered' : envelope.error.fix)));
    expect(later).toContain('npm run web');
  });
});

describe('the web host against a foreign page', () => {
  let foreign: Server;
  let foreignOrigin: string;

  beforeAll(async () => {
    // Another site on the same machine that has somehow learned the token.
    foreign = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><title>elsewhere</title>');
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    foreignOrigin = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => foreign.close(resolve));
  });

  it('refuses its socket to a page from another origin even with the right token', async () => {
    const session = await app.open();
    const { host } = session;
    const page = await session.context.newPage();
    await page.goto(foreignOrigin);
    const outcome = await page.evaluate(
      ({ url, token }) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(url, ['courseco-ipc.v1', `courseco-token.${token}`]);
          socket.onopen = () => resolve('opened');
          socket.onclose = () => resolve('refused');
        }),
      { url: `ws://${new URL(host.origin).host}/ipc`, token: host.token },
    );
    expect(outcome).toBe('refused');
  });
});
