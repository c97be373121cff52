/**
 * The desktop shell around scheduled syncs, against the fake `electron`: `--run sync` runs the CLI's command in a
 * utility process with no window and exits with its code; with the app already open on the profile it says so and
 * exits 69; a command that needs a person is refused; a `--run` start never brings the open window forward; with the
 * tray chosen, closing the last window leaves the app (and its schedule) running.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CLI_ARGS_MARKER } from '../../../main/cli/installed-args';
import { desktopAppHarness } from './fake-electron';

const desktop = desktopAppHarness('desktop-background-');
const { load } = desktop;

describe('the installed app’s command line', () => {
  it('--run sync: the CLI’s sync of every ready transaction in a utility process, no window, its exit code', async () => {
    const { fake, start } = await load(['--run', 'sync']);
    await expect(start()).resolves.toBeUndefined();
    fake.app.becomeReady();
    await expect.poll(() => fake.utilityProcess.fork.mock.calls.length, { timeout: 30_000 }).toBe(1);
    const [modulePath, args, options] = fake.utilityProcess.fork.mock.calls[0]!;
    expect(modulePath).toBe(path.join(desktop.appPath, 'dist', 'electron', 'cli.mjs'));
    expect(args).toEqual([CLI_ARGS_MARKER, '--data-dir', desktop.dataDir, 'sync', '--all']);
    expect(options).toMatchObject({ stdio: 'inherit' });
    expect(fake.BrowserWindow.instances).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
    fake.utilityProcess.forked[0]!.emit('exit', 75);
    await expect.poll(() => fake.app.exit.mock.calls).toEqual([[75]]);
  });

  it('with the app open on the same profile: says so and exits 69, running nothing', async () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    const { fake, start } = await load(['--run', 'sync'], (f) => (f.app.lockGranted = false));
    await start();
    await expect.poll(() => fake.app.exit.mock.calls).toEqual([[69]]);
    expect(written.join('')).toMatch(/already open for this profile .*Close the app and run it again/);
    expect(fake.utilityProcess.fork).not.toHaveBeenCalled();
  });

  it('a command that needs a person is refused with the ones that can run (exit 2)', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const { fake, start } = await load(['--run', 'connect']);
    await start();
    expect(fake.app.exit).toHaveBeenCalledWith(2);
    expect(fake.utilityProcess.fork).not.toHaveBeenCalled();
  });
});

describe('the open app', () => {
  async function opened(settings: Record<string, string> = {}) {
    mkdirSync(desktop.dataDir, { recursive: true });
    writeFileSync(path.join(desktop.dataDir, 'settings.json'), JSON.stringify({ settings }));
    const { fake, start } = await load([]);
    const starting = start();
    fake.app.becomeReady();
    await starting;
    return fake;
  }

  it('a scheduled --run started elsewhere does not bring the window forward', async () => {
    const fake = await opened();
    const window = fake.BrowserWindow.instances[0]!;
    fake.app.emit('second-instance', {}, ['/opt/electron', '--run', 'sync'], '/');
    expect(window.focused).toBe(false);
    fake.app.emit('second-instance', {}, ['/opt/electron'], '/');
    expect(window.focused).toBe(true);
  });

  it('with the tray chosen: a tray icon, and closing the last window does not quit', async () => {
    const fake = await opened({ 'app.keepInTray': 'on' });
    // The services process answers first (it may take a while to start on a loaded machine).
    await expect.poll(() => fake.Tray.instances.length, { timeout: 30_000 }).toBe(1);
    expect(fake.Tray.instances[0]!.tooltip).toBe('CourseCo Xero Assistant');
    fake.BrowserWindow.instances[0]!.emit('closed');
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).not.toHaveBeenCalled();
    // The tray brings a window back.
    fake.Tray.instances[0]!.emit('click');
    expect(fake.BrowserWindow.instances).toHaveLength(2);
  });

  it('without the tray, closing the last window quits as before', async () => {
    const fake = await opened();
    await expect.poll(async () => (await fake.ipcMain.invokeAs('app://assistant/index.html', 'schedule.get', {})) as { ok: boolean }, { timeout: 30_000 }).toMatchObject({ ok: true });
    expect(fake.Tray.instances).toHaveLength(0);
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).toHaveBeenCalled();
  });
});
