import { describe, expect, it, vi } from 'vitest';
import { createAppServices } from '../../../main/app/app-services';
import { channelNames } from '../../../contract/contract';
import type { Dispatch, Handlers } from '../../../main/ipc/dispatcher';
import { createEventBus } from '../../../main/ipc/event-bus';
import { createLogger, silentLogger } from '../../../main/log';
import type { Keychain } from '../../../main/secrets/keychain';
import { createSettingsStore } from '../../../main/settings/settings-store';
import { createElectronDispatch, forwardEvents, isTrustedElectronSender, registerIpc, unregisterIpc } from '../../../main/shell/ipc';
import { FakeSession, FakeWebContents, createFakeElectron } from './fake-electron';

const APP_FRAME = 'app://assistant/index.html';

function memorySettings() {
  let stored: unknown;
  return createSettingsStore({ get: () => stored, set: (_key, value) => (stored = value) });
}

const noKeychain = { service: 'test' } as Keychain;

function wired(overrides: Partial<Handlers> = {}) {
  const services = createAppServices({ host: 'electron', dataDir: '/tmp/x', settings: memorySettings(), keychain: noKeychain });
  const handlers = { ...services.handlers, ...overrides } as Handlers;
  const { ipcMain } = createFakeElectron();
  registerIpc(ipcMain, createElectronDispatch(handlers, silentLogger), silentLogger);
  return { ipcMain, services };
}

describe('registerIpc', () => {
  it('registers exactly one ipcMain.handle per contract channel', () => {
    const { ipcMain } = wired();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...channelNames].sort());
  });

  it('removes them all again', () => {
    const { ipcMain } = wired();
    unregisterIpc(ipcMain);
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('answers a call from the app frame with the handler result', async () => {
    const { ipcMain } = wired();
    const envelope = await ipcMain.invokeAs(APP_FRAME, 'app.ping', { message: 'hello' });
    expect(envelope).toMatchObject({ ok: true, value: { echo: 'hello' } });
  });

  it.each(['https://evil.example/', 'file:///tmp/index.html', 'app://evil/index.html', 'http://127.0.0.1:5173/'])(
    'refuses a call from a frame at %s with untrusted-sender, without running the handler',
    async (frameUrl) => {
      const ping = vi.fn();
      const { ipcMain } = wired({ 'app.ping': ping });
      const envelope = await ipcMain.invokeAs(frameUrl, 'app.ping', { message: 'hello' });
      expect(envelope).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
      expect(ping).not.toHaveBeenCalled();
    },
  );

  it('refuses a call whose frame is gone (senderFrame null)', async () => {
    const { ipcMain } = wired();
    expect(await ipcMain.invokeAs(null, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
  });

  it.each([[{ message: 42 }], [{ message: 'x', extra: true }], ['not an object'], [{ message: 'x'.repeat(1001) }]])(
    'rejects malformed arguments %j with invalid-arguments, without running the handler',
    async (args) => {
      const ping = vi.fn();
      const { ipcMain } = wired({ 'app.ping': ping });
      const envelope = await ipcMain.invokeAs(APP_FRAME, 'app.ping', args);
      expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
      expect(ping).not.toHaveBeenCalled();
    },
  );

  it('has no listener for a channel outside the contract, and the dispatcher refuses one by name', async () => {
    const { ipcMain } = wired();
    expect(ipcMain.handlers.has('shell.exec')).toBe(false);
    const dispatch = createElectronDispatch(createAppServices({ host: 'electron', dataDir: '/x', settings: memorySettings(), keychain: noKeychain }).handlers, silentLogger);
    expect(await dispatch('shell.exec', {}, APP_FRAME)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('answers internal, logging the channel but no argument value, when the dispatch rejects or throws', async () => {
    const lines: string[] = [];
    const log = createLogger((line) => lines.push(line), 'debug');
    const { ipcMain } = createFakeElectron();
    // app.ping's dispatch rejects; every other channel's throws before returning a promise.
    const broken: Dispatch = (channel) => {
      if (channel === 'app.ping') return Promise.reject(new Error('dispatcher bug'));
      throw new Error('sync bug');
    };
    registerIpc(ipcMain, broken, log);
    await expect(ipcMain.invokeAs(APP_FRAME, 'app.ping', { message: 'argument-value' })).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    await expect(ipcMain.invokeAs(APP_FRAME, 'app.info', { secret: 'argument-value' })).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(lines.join('\n')).toMatch(/app\.ping[\s\S]*app\.info/);
    expect(lines.join('\n')).not.toContain('argument-value');
  });

  it('answers internal when reading the calling frame throws (Electron does so for a disposed frame)', async () => {
    const { ipcMain } = createFakeElectron();
    const dispatch = vi.fn(createElectronDispatch(wired().services.handlers, silentLogger));
    registerIpc(ipcMain, dispatch, silentLogger);
    const handler = ipcMain.handlers.get('app.ping')!;
    const event = Object.defineProperty({}, 'senderFrame', {
      get: () => {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    }) as { senderFrame: { url: string } | null };
    await expect(Promise.resolve(handler(event, { message: 'x' }))).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('trusts only the app:// origin', () => {
    expect(isTrustedElectronSender('app://assistant/index.html')).toBe(true);
    expect(isTrustedElectronSender('app://assistant/')).toBe(true);
    expect(isTrustedElectronSender('app://assistant.evil/')).toBe(false);
    expect(isTrustedElectronSender(undefined)).toBe(false);
  });
});

describe('forwardEvents', () => {
  it('sends bus events to the window on their event: channel until detached', () => {
    const bus = createEventBus();
    const contents = new FakeWebContents(new FakeSession());
    const detach = forwardEvents(bus, contents);
    bus.emit('connection.changed', { state: 'disconnected' });
    detach();
    bus.emit('connection.changed', { state: 'connected' });
    expect(contents.sent).toEqual([['event:connection.changed', { state: 'disconnected' }]]);
  });

  it('skips a destroyed window instead of throwing', () => {
    const bus = createEventBus();
    const contents = new FakeWebContents(new FakeSession());
    forwardEvents(bus, contents);
    contents.destroyed = true;
    bus.emit('connection.changed', { state: 'connecting' });
    expect(contents.sent).toEqual([]);
  });
});
