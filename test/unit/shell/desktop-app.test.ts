import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../../contract/contract';
import { desktopAppHarness } from './fake-electron';

const desktop = desktopAppHarness('desktop-app-');
const { load } = desktop;

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
    expect(fake.app.setPath).toHaveBeenCalledWith('userData', desktop.dataDir);
    expect(fake.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('quits without a window or IPC when another instance holds the lock', async () => {
    const { fake, start } = await load([], (f) => (f.app.lockGranted = false));
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
        preload: path.join(desktop.appPath, 'dist', 'electron', 'preload.cjs'),
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
      value: { host: 'electron', dataDir: desktop.dataDir, versions: { electron: '45.4.1' } },
    });
    expect(await fake.ipcMain.invokeAs('https://evil.example/', 'app.info', {})).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
  });

  it('keeps settings in <data dir>/settings.json and forwards the resulting event to the window', async () => {
    const { fake, window } = await started();
    const envelope = await fake.ipcMain.invokeAs('app://assistant/index.html', 'settings.set', { key: 'courseco.domain', value: 'school.example.com' });
    expect(envelope).toMatchObject({ ok: true });
    expect(readFileSync(path.join(desktop.dataDir, 'settings.json'), 'utf8')).toContain('school.example.com');
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
    expect(await fake.ipcMain.invokeAs('app://assistant/index.html', 'app.folders', {})).toMatchObject({ ok: true, value: { data: desktop.dataDir, canOpen: true } });
    expect(await fake.ipcMain.invokeAs('app://assistant/index.html', 'app.openFolder', { folder: 'data' })).toMatchObject({ ok: true, value: { opened: true } });
    expect(fake.shell.openPath).toHaveBeenCalledWith(desktop.dataDir);
    // A window names a folder, never a path.
    expect(await fake.ipcMain.invokeAs('app://assistant/index.html', 'app.openFolder', { folder: '/etc' })).toMatchObject({ ok: false });
    const { isProfileFolder } = await import('../../../main/shell/desktop-app');
    expect(isProfileFolder(desktop.dataDir, path.join(desktop.dataDir, 'sample-profile'))).toBe(true);
    expect(isProfileFolder(desktop.dataDir, `${desktop.dataDir}-other`)).toBe(false);
    expect(isProfileFolder(desktop.dataDir, path.join(desktop.dataDir, '..'))).toBe(false);
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
