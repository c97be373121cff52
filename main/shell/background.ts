/**
 * The desktop app's side of scheduled syncs: the tray that keeps the app (and so its services process and schedule)
 * running when the window closes, start at login, and a desktop notification when a scheduled run did not go
 * cleanly. It follows the user's own profile (`schedule.getOwn`, `schedule.ownChanged`), never the profile on screen:
 * trying the sample data must not remove the login item or the tray, nor hide a failed scheduled sync of the user's
 * own profile, whose schedule keeps running meanwhile; every decision is in
 * background-rules.ts. The notification is the main process's own (Electron's Notification), not a web page's: the
 * window's permission handler (security.ts) still refuses web notifications.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { app, Menu, nativeImage, Notification, Tray } from 'electron';
import type { ScheduleView } from '../../contract/features/schedule';
import { APP_NAME } from '../app/app-identity';
import type { Handlers } from '../ipc/dispatcher';
import type { EventBus } from '../ipc/event-bus';
import { describeError, type Logger } from '../log';
import { linuxAutostartEntry, loginItemSettings, quitWhenWindowsClosed, scheduledRunNotice, startAtLoginUnavailable, trayTooltip } from './background-rules';

// 32×32: a teal disc with a white ring, drawn for the tray (no build/ resources folder exists yet).
const TRAY_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAA30lEQVR42t2XwQ3DIAxFuXcbZmAGZqCXbsJW3oEZ2AEp9cGKIkrBCWns1NK/RNg8DDHGPF5PIylzNwCHiihAZVQhZfoWaczpAAGVUAtTiXymASytbDkooBiHADyldw3ItQqiUKxdAL5ezV5rZMNzAex25bNWZcJyAKA3+WjfBz4wAgi9YNzDN/ALPYA0OznDP30DcGdNzojjWgCx5ThRA3qxYgsAfgHQKVAfAPlCgNwCKBcCFJUA4lsgfgjFf0PxQiReilVcRuLXsYqGRLwlU9GUqmjLVTxM1DzN/vd1/AYoM1ycGzH/JgAAAABJRU5ErkJggg==';

export interface BackgroundDeps {
  handlers: Pick<Handlers, 'schedule.getOwn'>;
  bus: EventBus;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** app.isPackaged: a development run never registers itself to start at login. */
  packaged: boolean;
  /** What a start at login passes to open this profile (launch-options.ts dataDirArgs). */
  dataDirArgs: string[];
  /** Brings the window back (opens one when it was closed to the tray). */
  showWindow(): void;
}

export interface Background {
  /** Closing the last window quits the app (false while the tray keeps it). */
  quitWhenWindowsClosed(): boolean;
  keepInTray(): boolean;
  dispose(): void;
}

const formatTime = (iso: string) =>
  new Date(iso).toLocaleString('en-IE', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function applyStartAtLogin(startAtLogin: boolean, deps: BackgroundDeps): void {
  const unavailable = startAtLoginUnavailable(deps.packaged, deps.platform, deps.dataDirArgs);
  if (unavailable) {
    deps.log.info('background: start at login is not registered', { why: unavailable });
    return;
  }
  if (deps.platform !== 'linux') {
    app.setLoginItemSettings(loginItemSettings(startAtLogin, deps.platform, deps.dataDirArgs));
    return;
  }
  const file = path.join(deps.env.XDG_CONFIG_HOME ?? path.join(homedir(), '.config'), 'autostart', 'courseco-xero-assistant.desktop');
  if (!startAtLogin) return rmSync(file, { force: true });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, linuxAutostartEntry(APP_NAME, deps.env.APPIMAGE ?? process.execPath, deps.dataDirArgs));
}

export function startBackground(deps: BackgroundDeps): Background {
  let view: ScheduleView | undefined;
  let tray: Tray | undefined;

  const updateTray = () => {
    if (!view?.keepInTray) {
      tray?.destroy();
      tray = undefined;
      return;
    }
    if (!tray) {
      tray = new Tray(nativeImage.createFromDataURL(TRAY_ICON));
      tray.setContextMenu(
        Menu.buildFromTemplate([
          { label: `Open ${APP_NAME}`, click: () => deps.showWindow() },
          { type: 'separator' },
          { label: 'Quit', click: () => app.quit() },
        ]),
      );
      tray.on('click', () => deps.showWindow());
    }
    tray.setToolTip(trayTooltip(APP_NAME, view, formatTime));
  };

  const follow = (next: ScheduleView) => {
    const previous = view;
    view = next;
    updateTray();
    // The OS registration follows the setting: at start only when it is on, then on every change.
    if (previous ? previous.startAtLogin !== next.startAtLogin : next.startAtLogin) {
      try {
        applyStartAtLogin(next.startAtLogin, deps);
      } catch (error) {
        deps.log.warn('background: start at login could not be changed', { error: describeError(error) });
      }
    }
    // The first view only tells what there is; a notice is for a run that ends while the app runs.
    const notice = previous ? scheduledRunNotice(previous, next) : undefined;
    if (notice && Notification.isSupported()) {
      const shown = new Notification({ title: notice.title, body: notice.body });
      shown.on('click', () => deps.showWindow());
      shown.show();
    }
  };

  const refresh = () => {
    Promise.resolve(deps.handlers['schedule.getOwn']({}))
      .then(follow)
      .catch((error: unknown) => deps.log.warn('background: the schedule could not be read', { error: describeError(error) }));
  };

  const detach = deps.bus.attach((event, payload) => {
    if (event === 'schedule.ownChanged') follow(payload as ScheduleView);
  });
  refresh();

  return {
    quitWhenWindowsClosed: () => quitWhenWindowsClosed(deps.platform, view?.keepInTray ?? false),
    keepInTray: () => view?.keepInTray ?? false,
    dispose: () => {
      detach();
      tray?.destroy();
      tray = undefined;
    },
  };
}
