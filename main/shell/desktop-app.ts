/**
 * The desktop app's lifecycle: the only place that touches Electron's singletons. Each step is delegated to a small
 * module (protocol, window, security, IPC, settings) and to the same `createAppServices` the web host and CLI use;
 * nothing here decides anything a test could not check on those modules directly.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { APP_NAME } from '../app/app-identity';
import { createAppServices, type AppServices } from '../app/app-services';
import { createProfileHost } from '../app/profiles';
import { createLogger, describeError, type Logger } from '../log';
import { createKeychain } from '../secrets/keychain';
import type { SettingsStore } from '../settings/settings-store';
import { APP_ENTRY_URL, APP_SCHEME_PRIVILEGES, registerAppProtocol } from './app-protocol';
import { createElectronDispatch, forwardEvents, registerIpc, unregisterIpc } from './ipc';
import { bundleLayout, desktopDataDir, type BundleLayout } from './launch-options';
import { guardWebContents, restrictPermissions, isSignInUrl, type ExternalLinks } from './security';
import { openElectronSettingsStore } from './settings-electron';
import { createMainWindow, focusWindow } from './window';

export interface DesktopRuntime {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  versions: NodeJS.ProcessVersions;
  log: Logger;
}

const defaultRuntime = (): DesktopRuntime => ({
  argv: process.argv,
  env: process.env,
  platform: process.platform,
  versions: process.versions,
  log: createLogger((line) => process.stderr.write(`${line}\n`)),
});

interface RunningApp {
  services: AppServices;
  layout: BundleLayout;
  window: BrowserWindow | undefined;
}

function openMainWindow(running: RunningApp, log: Logger): BrowserWindow {
  const window = createMainWindow(running.layout.preload);
  const detachEvents = forwardEvents(running.services.bus, window.webContents);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    detachEvents();
    if (running.window === window) running.window = undefined;
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => log.error('The window could not load the app', { error: describeError(error) }));
  return window;
}

function warnIfRendererMissing(layout: BundleLayout, log: Logger): void {
  if (!existsSync(path.join(layout.rendererDir, 'index.html'))) {
    log.error('The renderer is not built; run `npm run build` (or `npm start`, which builds it).', { rendererDir: layout.rendererDir });
  }
}

function startServices(dataDir: string, settings: SettingsStore, runtime: DesktopRuntime): AppServices {
  const { node, electron, chrome } = runtime.versions;
  const servicesFor = (profileDir: string, profileSettings: SettingsStore): AppServices =>
    createAppServices({
      host: 'electron',
      dataDir: profileDir,
      settings: profileSettings,
      keychain: createKeychain(profileDir),
      log: runtime.log,
      versions: { node, ...(electron ? { electron } : {}), ...(chrome ? { chrome } : {}) },
      // Xero's authorize page opens in the system browser; the loopback listener receives the redirect.
      openExternal: async (url) => {
        if (!isSignInUrl(url)) throw new Error('Refused to open a sign-in page that is neither https nor loopback http.');
        await shell.openExternal(url);
      },
      chooseSavePath: async (defaultName) => {
        const options = { defaultPath: path.join(app.getPath('documents'), defaultName), filters: [{ name: 'Support bundle', extensions: ['zip'] }] };
        const focused = BrowserWindow.getFocusedWindow();
        const answer = focused ? await dialog.showSaveDialog(focused, options) : await dialog.showSaveDialog(options);
        return answer.canceled ? undefined : answer.filePath;
      },
    });
  // The user's own profile plus the switchable sample-data profile (main/app/profiles.ts).
  return createProfileHost({ own: servicesFor(dataDir, settings), dataDir, servicesFor });
}

/** Everything that needs `app` to be ready. */
function whenReady(dataDir: string, settingsHolder: { settings?: SettingsStore }, runtime: DesktopRuntime): RunningApp {
  restrictPermissions(session.defaultSession);
  const layout = bundleLayout(app.getAppPath());
  warnIfRendererMissing(layout, runtime.log);
  registerAppProtocol(protocol, layout.rendererDir);
  const settings = openElectronSettingsStore(app.getPath('userData'));
  settingsHolder.settings = settings;
  const services = startServices(dataDir, settings, runtime);
  registerIpc(ipcMain, createElectronDispatch(services.handlers, runtime.log), runtime.log);
  const running: RunningApp = { services, layout, window: undefined };
  running.window = openMainWindow(running, runtime.log);

  app.on('window-all-closed', () => {
    if (runtime.platform !== 'darwin') app.quit();
  });
  // macOS keeps the app alive without windows; clicking the dock icon brings one back.
  app.on('activate', () => {
    if (!running.window) running.window = openMainWindow(running, runtime.log);
  });
  app.on('will-quit', () => {
    unregisterIpc(ipcMain);
    void services.dispose();
  });
  return running;
}

/**
 * Runs synchronously up to `whenReady`: scheme privileges, the sandbox switch and the userData path must all be set
 * before Electron finishes starting. Returns a promise that settles once the window exists (or startup failed).
 */
export function startDesktopApp(runtime: DesktopRuntime = defaultRuntime()): Promise<RunningApp | undefined> {
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([...APP_SCHEME_PRIVILEGES]);
  const dataDir = desktopDataDir(runtime.argv, runtime.env);
  // Before the lock: Chromium keeps the single-instance lock in userData, so each data dir is its own instance.
  app.setPath('userData', dataDir);
  if (!app.requestSingleInstanceLock()) {
    // Another instance owns this profile; it has been told (via 'second-instance') to come to the front.
    app.quit();
    return Promise.resolve(undefined);
  }

  const settingsHolder: { settings?: SettingsStore } = {};
  const links: ExternalLinks = {
    openExternal: (url) => shell.openExternal(url),
    courseCoDomain: () => settingsHolder.settings?.get('courseco.domain'),
  };
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, links));

  let running: RunningApp | undefined;
  app.on('second-instance', () => focusWindow(running?.window));
  return app
    .whenReady()
    .then(() => {
      running = whenReady(dataDir, settingsHolder, runtime);
      return running;
    })
    .catch((error: unknown) => {
      runtime.log.error('The app could not start', { error: describeError(error) });
      dialog.showErrorBox(APP_NAME, `The app could not start: ${describeError(error)}`);
      app.exit(1);
      return undefined;
    });
}
