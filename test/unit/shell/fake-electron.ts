/**
 * A stand-in for the `electron` module, just rich enough for the shell and preload to run against: it records what
 * they register and lets a test play Chromium (fire events, invoke IPC handlers as a given frame, answer invokes).
 * Electron's binary cannot run here, so this is how the glue is exercised.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, vi } from 'vitest';
import { silentLogger } from '../../../main/log';
import { ensureServicesBundle } from '../../../main/services-process/services-bundle';
import type { DesktopRuntime } from '../../../main/shell/desktop-app';

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details?: unknown) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin?: string, details?: unknown) => boolean;
type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };
type IpcHandler = (event: { senderFrame: { url: string } | null }, args: unknown) => unknown;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | undefined;
  permissionCheckHandler: PermissionCheckHandler | undefined;
  setPermissionRequestHandler(handler: PermissionRequestHandler) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler) {
    this.permissionCheckHandler = handler;
  }
}

export class FakeWebContents extends EventEmitter {
  readonly sent: Array<[string, unknown]> = [];
  windowOpenHandler: WindowOpenHandler | undefined;
  destroyed = false;
  constructor(readonly session: FakeSession) {
    super();
  }
  setWindowOpenHandler(handler: WindowOpenHandler) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** Like Electron's printToPDF: the options it was given, and a PDF's bytes (a test may replace it). */
  printToPDF = vi.fn(async (_options: Record<string, unknown>): Promise<Buffer> => Buffer.from('%PDF-1.4\n<</Type /Page>>\n%%EOF', 'latin1'));
  /** Plays a navigation the way Chromium does; returns whether a listener prevented it. */
  navigate(kind: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url: string): boolean {
    let prevented = false;
    this.emit(kind, { url, preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

export function createFakeElectron() {
  const calls: string[] = [];
  const paths = new Map<string, string>([['userData', '/fake/userData']]);
  let becomeReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (becomeReady = resolve));
  const defaultSession = new FakeSession();

  const app = Object.assign(new EventEmitter(), {
    lockGranted: true,
    appPath: '/fake/app',
    enableSandbox: vi.fn(() => calls.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => {
      calls.push('requestSingleInstanceLock');
      return app.lockGranted;
    }),
    setPath: vi.fn((name: string, value: string) => {
      calls.push(`setPath:${name}`);
      paths.set(name, value);
    }),
    getPath: (name: string) => paths.get(name) ?? `/fake/${name}`,
    getAppPath: () => app.appPath,
    whenReady: () => ready,
    quit: vi.fn(() => calls.push('quit')),
    exit: vi.fn(),
    isPackaged: false,
    setLoginItemSettings: vi.fn(),
    dock: { hide: vi.fn() },
    /** Test control: Electron finishes starting. */
    becomeReady: () => {
      calls.push('ready');
      becomeReady();
    },
  });

  class BrowserWindow extends EventEmitter {
    static readonly instances: BrowserWindow[] = [];
    readonly webContents = new FakeWebContents(defaultSession);
    loadedUrl: string | undefined;
    minimized = false;
    shown = false;
    focused = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      BrowserWindow.instances.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    static getAllWindows() {
      return BrowserWindow.instances;
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    destroy() {
      this.webContents.destroyed = true;
    }
    isDestroyed() {
      return this.webContents.destroyed;
    }
    isMinimized() {
      return this.minimized;
    }
    restore() {
      this.minimized = false;
    }
    show() {
      this.shown = true;
    }
    focus() {
      this.focused = true;
    }
  }

  const ipcMain = {
    handlers: new Map<string, IpcHandler>(),
    handle(channel: string, handler: IpcHandler) {
      // Like Electron: a second handler for the same channel is a programming error.
      if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      this.handlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      this.handlers.delete(channel);
    },
    /** Test control: a renderer frame at `frameUrl` calls `ipcRenderer.invoke(channel, args)`. */
    async invokeAs(frameUrl: string | null, channel: string, args: unknown) {
      const handler = this.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, args);
    },
  };

  const protocol = {
    privileged: [] as unknown[],
    handlers: new Map<string, (request: Request) => Promise<Response>>(),
    registerSchemesAsPrivileged: vi.fn((schemes: unknown[]) => {
      calls.push('registerSchemesAsPrivileged');
      protocol.privileged.push(...schemes);
    }),
    handle(scheme: string, handler: (request: Request) => Promise<Response>) {
      protocol.handlers.set(scheme, handler);
    },
  };

  const contextBridge = {
    exposed: new Map<string, unknown>(),
    exposeInMainWorld: vi.fn((key: string, api: unknown) => contextBridge.exposed.set(key, api)),
  };

  const ipcRenderer = Object.assign(new EventEmitter(), {
    answer: vi.fn(async (_channel: string, _args: unknown): Promise<unknown> => ({ ok: true, value: null })),
    invoke: vi.fn((channel: string, args: unknown) => ipcRenderer.answer(channel, args)),
  });

  /**
   * Like Electron's utilityProcess, over a worker thread running the services bundle the web host uses: the same
   * entry, the same messages. `forked` lets a test kill one the way a crash would.
   */
  const forked: Array<EventEmitter & { modulePath: string; worker: Worker; kill(): boolean }> = [];
  const utilityProcess = {
    fork: vi.fn((modulePath: string, _args?: string[], _options?: Record<string, unknown>) => {
      const worker = new Worker(ensureServicesBundle());
      const child = Object.assign(new EventEmitter(), {
        modulePath,
        worker,
        postMessage: (message: unknown) => worker.postMessage(message),
        kill: () => {
          void worker.terminate();
          return true;
        },
      });
      worker.on('message', (message) => child.emit('message', message));
      worker.on('exit', (code) => child.emit('exit', code));
      forked.push(child);
      return child;
    }),
    forked,
  };

  const shell = { openExternal: vi.fn(async (_url: string) => undefined), openPath: vi.fn(async (_path: string) => '') };
  const dialog = { showErrorBox: vi.fn() };
  const session = { defaultSession };

  /** The tray icons the shell made (scheduled syncs: keep running when the window is closed). */
  class Tray extends EventEmitter {
    static readonly instances: Tray[] = [];
    tooltip = '';
    destroyed = false;
    menu: unknown;
    constructor(readonly image: unknown) {
      super();
      Tray.instances.push(this);
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setContextMenu(menu: unknown) {
      this.menu = menu;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  const Menu = { buildFromTemplate: (template: unknown[]) => ({ template }) };
  const nativeImage = { createFromDataURL: (url: string) => ({ url }) };
  class Notification extends EventEmitter {
    static readonly shown: Array<{ title: string; body: string }> = [];
    static isSupported() {
      return true;
    }
    constructor(readonly options: { title: string; body: string }) {
      super();
    }
    show() {
      Notification.shown.push(this.options);
    }
  }

  const modules = { app, BrowserWindow, ipcMain, protocol, session, shell, dialog, contextBridge, ipcRenderer, utilityProcess, Tray, Menu, nativeImage, Notification };
  return { ...modules, default: modules, calls };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/**
 * The desktop shell as a spec starts it: each test gets a temporary app folder (with a built renderer) and profile
 * folder, and each `load` a fresh fake `electron` and a freshly imported shell, as a new process would have. After each
 * test the services workers of its starts are ended (as the app's will-quit would) and the folders removed. Call once
 * at the top of a spec file.
 */
export function desktopAppHarness(prefix: string) {
  let base = '';
  let running: FakeElectron[] = [];
  const folders = {
    get appPath() {
      return path.join(base, 'app');
    },
    get dataDir() {
      return path.join(base, 'profile');
    },
  };

  beforeEach(() => {
    base = mkdtempSync(path.join(tmpdir(), prefix));
    mkdirSync(path.join(folders.appPath, 'dist', 'renderer'), { recursive: true });
    writeFileSync(path.join(folders.appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>assistant</title>');
  });

  afterEach(async () => {
    await Promise.all(running.flatMap((fake) => fake.utilityProcess.forked.map((child) => child.worker.terminate())));
    running = [];
    rmSync(base, { recursive: true, force: true });
    vi.restoreAllMocks();
    vi.resetModules();
  });

  /** `args`: what follows `--data-dir <profile>` on the command line; `configure` readies the fake before the start. */
  async function load(args: string[] = [], configure: (fake: FakeElectron) => void = () => undefined) {
    vi.resetModules();
    const fake = createFakeElectron();
    running.push(fake);
    fake.app.appPath = folders.appPath;
    configure(fake);
    vi.doMock('electron', () => fake);
    const { startDesktopApp } = await import('../../../main/shell/desktop-app');
    const runtime: DesktopRuntime = {
      argv: ['/opt/electron', folders.appPath, '--data-dir', folders.dataDir, ...args],
      env: {},
      platform: 'linux',
      versions: { ...process.versions, electron: '45.4.1', chrome: '142.0.0.0' },
      log: silentLogger,
    };
    return { fake, start: () => startDesktopApp(runtime) };
  }

  return Object.assign(folders, { load });
}
