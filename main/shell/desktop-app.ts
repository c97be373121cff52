/**
 * The desktop app's lifecycle: the only place that touches Electron's singletons. Each step is delegated to a small
 * module (protocol, window, security, IPC). The services (journal, imports, planning, sync, Xero, the sample sandbox)
 * run in a utilityProcess opened through the same composition root the web host and the CLI use; this process keeps
 * the windows responsive and only carries the contract across. Nothing here decides anything a test could not check
 * on those modules directly.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, utilityProcess } from 'electron';
import { APP_NAME } from '../app/app-identity';
import { createLogger, describeError, type Logger } from '../log';
import { createServicesClient, type RemoteServices } from '../services-process/services-client';
import { peekSetting } from '../settings/settings-store';
import { APP_ENTRY_URL, APP_SCHEME_PRIVILEGES, registerAppProtocol } from './app-protocol';
import { createElectronDispatch, forwardEvents, registerIpc, unregisterIpc } from './ipc';
import { bundleLayout, dataDirArgs, desktopDataDir, type BundleLayout } from './launch-options';
import { guardWebContents, restrictPermissions, isSignInUrl, type ExternalLinks } from './security';
import { startBackground, type Background } from './background';
import { opensWindowAtStart } from './background-rules';
import { runCommandLine } from './command-line';
import { launchRequest } from './command-line-run';
import { checkForUpdates, updateDecision } from './updates';
import { printHtmlToPdf } from './print-to-pdf';
import { forkServicesProcess } from './services-utility-process';
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

/** The save dialog's file type, from the name the services suggest: a support bundle, or a close pack's PDF. */
export function saveFilters(defaultName: string): Array<{ name: string; extensions: string[] }> {
  if (/\.pdf$/i.test(defaultName)) return [{ name: 'Close pack (PDF; its CSV is saved beside it)', extensions: ['pdf'] }];
  return [{ name: 'Support bundle', extensions: ['zip'] }];
}

/** The data folder or a folder inside it: the only folders the window's process opens for the services. */
export function isProfileFolder(dataDir: string, folder: string): boolean {
  const root = path.resolve(dataDir);
  const target = path.resolve(folder);
  return target === root || target.startsWith(`${root}${path.sep}`);
}

interface RunningApp {
  services: RemoteServices;
  layout: BundleLayout;
  window: BrowserWindow | undefined;
  background: Background;
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

function startServices(dataDir: string, layout: BundleLayout, runtime: DesktopRuntime): RemoteServices {
  const { node, electron, chrome } = runtime.versions;
  return createServicesClient({
    // The user's own profile plus the switchable sample-data profile, opened in the services process.
    options: {
      host: 'electron',
      dataDir,
      logLevel: 'info',
      versions: { node, ...(electron ? { electron } : {}), ...(chrome ? { chrome } : {}) },
      packaged: app.isPackaged,
      capabilities: ['openExternal', 'chooseSavePath', 'printToPdf', 'openFolder'],
    },
    spawn: () => forkServicesProcess(utilityProcess, layout.services),
    hostRequests: {
      // Xero's authorize page opens in the system browser; the loopback listener receives the redirect.
      openExternal: async (url) => {
        if (!isSignInUrl(url)) throw new Error('Refused to open a sign-in page that is neither https nor loopback http.');
        await shell.openExternal(url);
      },
      chooseSavePath: async (defaultName) => {
        const options = { defaultPath: path.join(app.getPath('documents'), defaultName), filters: saveFilters(defaultName) };
        const focused = BrowserWindow.getFocusedWindow();
        const answer = focused ? await dialog.showSaveDialog(focused, options) : await dialog.showSaveDialog(options);
        return answer.canceled ? undefined : answer.filePath;
      },
      // The close pack, printed by Electron's own Chromium; the answer crosses to the services process as base64.
      printToPdf: async (html) => Buffer.from(await printHtmlToPdf(html)).toString('base64'),
      // Settings → "Open folder": only the profile's own folders, whatever the services process asks for.
      openFolder: async (folder) => {
        if (!isProfileFolder(dataDir, folder)) throw new Error('Refused to open a folder outside the app\'s data folder.');
        const problem = await shell.openPath(folder);
        if (problem) throw new Error(problem);
        return undefined;
      },
    },
    log: runtime.log,
  });
}

/** Brings the window back, opening it again when it was closed to the tray. */
function showWindow(running: RunningApp, log: Logger): void {
  if (running.window) focusWindow(running.window);
  else running.window = openMainWindow(running, log);
}

/** Everything that needs `app` to be ready. `hidden`: started at login, to the tray when the tray is on. */
function whenReady(dataDir: string, runtime: DesktopRuntime, hidden: boolean): RunningApp {
  restrictPermissions(session.defaultSession);
  const layout = bundleLayout(app.getAppPath());
  warnIfRendererMissing(layout, runtime.log);
  registerAppProtocol(protocol, layout.rendererDir);
  const services = startServices(dataDir, layout, runtime);
  registerIpc(ipcMain, createElectronDispatch(services.handlers, runtime.log), runtime.log);
  const background = startBackground({
    handlers: services.handlers,
    bus: services.bus,
    platform: runtime.platform,
    env: runtime.env,
    log: runtime.log,
    packaged: app.isPackaged,
    dataDirArgs: dataDirArgs(dataDir, runtime.platform, runtime.env),
    showWindow: () => showWindow(running, runtime.log),
  });
  const running: RunningApp = { services, layout, window: undefined, background };
  // Read from the file at start (the services answer later): a login start stays in the tray only if there is one.
  if (opensWindowAtStart(hidden, peekSetting(dataDir, 'app.keepInTray') === 'on')) running.window = openMainWindow(running, runtime.log);
  void checkForUpdates(updateDecision(runtime.env, runtime.platform), runtime.log);

  app.on('window-all-closed', () => {
    // With the tray on, the app (and its scheduled syncs) keeps running without a window.
    if (running.background.quitWhenWindowsClosed()) app.quit();
  });
  // macOS keeps the app alive without windows; clicking the dock icon brings one back.
  app.on('activate', () => {
    if (!running.window) running.window = openMainWindow(running, runtime.log);
  });
  app.on('will-quit', () => {
    running.background.dispose();
    unregisterIpc(ipcMain);
    void services.dispose();
  });
  return running;
}

/** `--run <command>`: the CLI's command without a window; the app ends with its exit code. */
function startCommandLine(request: Exclude<ReturnType<typeof launchRequest>, { kind: 'window' }>, dataDir: string): void {
  if (request.kind === 'refused') {
    process.stderr.write(`${request.message}\n`);
    app.exit(request.exitCode);
    return;
  }
  runCommandLine(request, { utilityProcess, cliBundle: bundleLayout(app.getAppPath()).cli, dataDir, stderr: process.stderr }).then(
    (code) => app.exit(code),
    (error: unknown) => {
      process.stderr.write(`The command could not run: ${describeError(error)}\n`);
      app.exit(1);
    },
  );
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
  const request = launchRequest(runtime.argv, dataDir);
  if (request.kind !== 'window') {
    startCommandLine(request, dataDir);
    return Promise.resolve(undefined);
  }
  if (!app.requestSingleInstanceLock()) {
    // Another instance owns this profile; it has been told (via 'second-instance') to come to the front.
    app.quit();
    return Promise.resolve(undefined);
  }

  const links: ExternalLinks = {
    openExternal: (url) => shell.openExternal(url),
    // Read from the file the services process writes: this process never writes settings.
    courseCoDomain: () => peekSetting(dataDir, 'courseco.domain'),
  };
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, links));

  let running: RunningApp | undefined;
  app.on('second-instance', (_event, argv: string[]) => {
    // A scheduled `--run` found the app open: it says so itself and ends; no window pops up at 02:00.
    if (launchRequest(argv, dataDir).kind !== 'window') return;
    if (running) showWindow(running, runtime.log);
  });
  return app
    .whenReady()
    .then(() => {
      running = whenReady(dataDir, runtime, request.hidden);
      return running;
    })
    .catch((error: unknown) => {
      runtime.log.error('The app could not start', { error: describeError(error) });
      dialog.showErrorBox(APP_NAME, `The app could not start: ${describeError(error)}`);
      app.exit(1);
      return undefined;
    });
}
