import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../../contract/contract';
import { silentLogger } from '../../../main/log';
import type { DesktopRuntime } from '../../../main/shell/desktop-app';
import { createFakeElectron, type FakeElectron } from './fake-electron';

let base: string;
let appPath: string;
let dataDir: string;

beforeEach(() => {
  base = mkdtempSync(path.join(tmpdir(), 'desktop-app-'));
  appPath = path.join(base, 'app');
  dataDir = path.join(base, 'profile');
  mkdirSync(path.join(appPath, 'dist', 'renderer'), { recursive: true });
  writeFileSync(path.join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>assistant</title>');
});

let running: FakeElectron[] = [];

afterEach(async () => {
  // The services processes of this test's starts, ended as the app's will-quit would.
  await Promise.all(running.flatMap((fake) => fake.utilityProcess.forked.map((child) => child.worker.terminate())));
  running = [];
  rmSync(base, { recursive: true, force: true });
  vi.resetModules();
});

/** A fresh fake `electron` for each start, as a new process would have. */
async function load(configure: (fake: FakeElectron) => void = () => undefined) {
  vi.resetModules();
  const fake = createFakeElectron();
  running.push(fake);
  fake.app.appPath = appPath;
  configure(fake);
  vi.doMock('electron', () => fake);
  const { startDesktopApp } = await import('../../../main/shell/desktop-app');
  const runtime: DesktopRuntime = {
    argv: ['/opt/electron', appPath, '--data-dir', dataDir],
    env: {},
    platform: 'linux',
    versions: { ...process.versions, electron: '45.4.1', chrome: '142.0.0.0' },
    log: silentLogger,
  };
  return { fake, start: () => startDesktopApp(runtime) };
}

async function started() {
  const { fake, start } = await load();
  const running = start();
  fake.app.becomeReady();
  await running;
  const window = fake.BrowserWindow.instances[0]!;
  return { fake, window };
}

describe('desktop app start-up', () => {
  it('sets the sandbox, scheme privileges and data dir before Electron is ready, then takes the lock', async () => {
    const { fake, start } = await load();
    const running = start();
    fake.app.becomeReady();
    await running;
    expect(fake.calls.slice(0, 5)).toEqual(['enableSandbox', 'registerSchemesAsPrivileged', 'setPath:userData', 'requestSingleInstanceLock', 'ready']);
    expect(fake.app.setPath).toHaveBeenCalledWith('userData', dataDir);
    expect(fake.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('quits without a window or IPC when another instance holds the lock', async () => {
    const { fake, start } = await load((f) => (f.app.lockGranted = false));
    await expect(start()).resolves.toBeUndefined();
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.BrowserWindow.instances).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('opens one secured window on app://assistant with the built preload', async () => {
    const { fake, window } = await started();
    expect(fake.BrowserWindow.instances).toHaveLength(1);
    expect(window.loadedUrl).toBe('app://assistant/index.html');
    expect(window.options).toMatchObject({
      webPreferences: {
        preload: path.join(appPath, 'dist', 'electron', 'preload.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
      },
    });
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('serves the renderer directory over the app protocol', async () => {
    const { fake } = await started();
    const response = await fake.protocol.handlers.get('app')!(new Request('app://assistant/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>assistant</title>');
    expect((await fake.protocol.handlers.get('app')!(new Request('app://assistant/..%2f..%2fprofile%2fsettings.json'))).status).toBe(403);
  });

  it('guards the main window: navigation prevented, new windows denied, permissions refused', async () => {
    const { fake, window } = await started();
    expect(window.webContents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(window.webContents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const callback = vi.fn();
    fake.session.defaultSession.permissionRequestHandler!({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
  });

  it('registers every contract channel and answers the app frame, refusing any other', async () => {
    const { fake } = await started();
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...channelNames].sort());
    expect(await fake.ipcMain.invokeAs('app://assistant/index.html', 'app.info', {})).toMatchObject({
      ok: true,
      value: { host: 'electron', dataDir, versions: { electron: '45.4.1' } },
    });
    expect(await fake.ipcMain.invokeAs('https://evil.example/', 'app.info', {})).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
  });

  it('keeps settings in <data dir>/settings.json and forwards the resulting event to the window', async () => {
    const { fake, window } = await started();
    const envelope = await fake.ipcMain.invokeAs('app://assistant/index.html', 'settings.set', { key: 'courseco.domain', value: 'school.example.com' });
    expect(envelope).toMatchObject({ ok: true });
    expect(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).toContain('school.example.com');
    expect(window.webContents.sent.map(([channel]) => channel)).toContain('event:connection.changed');
  });

  it('opens links to the CourseCo domain from settings in the browser, as soon as it is saved', async () => {
    const { fake, window } = await started();
    window.webContents.windowOpenHandler!({ url: 'https://school.example.com/admin' });
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
    await fake.ipcMain.invokeAs('app://assistant/index.html', 'settings.set', { key: 'courseco.domain', value: 'school.example.com' });
    window.webContents.windowOpenHandler!({ url: 'https://school.example.com/admin' });
    expect(fake.shell.openExternal).toHaveBeenCalledWith('https://school.example.com/admin');
  });

  it('opens the profile\'s data folder in the file manager when the Settings page asks, and no folder outside it', async () => {
    const { fake } = await started();
    expect(await fake.ipcMain.invokeAs('app://assistant/index.html', 'app.folders', {})).toMatchObject({ ok: true, value: { data: dataDir, canOpen: true } });
    expect(await fake.ipcMain.invokeAs('app://assistant/index.html', 'app.openFolder', { folder: 'data' })).toMatchObject({ ok: true, value: { opened: true } });
    expect(fake.shell.openPath).toHaveBeenCalledWith(dataDir);
    // A window names a folder, never a path.
    expect(await fake.ipcMain.invokeAs('app://assistant/index.html', 'app.openFolder', { folder: '/etc' })).toMatchObject({ ok: false });
    const { isProfileFolder } = await import('../../../main/shell/desktop-app');
    expect(isProfileFolder(dataDir, path.join(dataDir, 'sample-profile'))).toBe(true);
    expect(isProfileFolder(dataDir, `${dataDir}-other`)).toBe(false);
    expect(isProfileFolder(dataDir, path.join(dataDir, '..'))).toBe(false);
    expect(fake.shell.openPath).toHaveBeenCalledTimes(1);
  });

  it('brings the window forward when the app is started a second time', async () => {
    const { fake, window } = await started();
    window.minimized = true;
    fake.app.emit('second-instance', {}, [], '/');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('stops forwarding events to a closed window and quits when the last window closes (not on macOS)', async () => {
    const { fake, window } = await started();
    window.emit('closed');
    await fake.ipcMain.invokeAs('app://assistant/index.html', 'settings.set', { key: 'courseco.domain', value: 'x.example.com' });
    expect(window.webContents.sent).toEqual([]);
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).toHaveBeenCalled();
    fake.app.emit('will-quit');
    expect(fake.ipcMain.handlers.size).toBe(0);
  });
});
