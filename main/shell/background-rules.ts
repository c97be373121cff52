/**
 * What the desktop app does around scheduled syncs, decided without Electron: whether closing the last window quits,
 * what to register for start at login, whether a start opens a window, and what a desktop notification says after a
 * scheduled run. The shell (background.ts) only carries these out.
 */
import type { ScheduledRunResult, ScheduleView } from '../../contract/features/schedule';
import { HIDDEN_FLAG } from './command-line-run';

/** Closing the last window quits, unless the tray keeps the app (and its schedule) running; macOS keeps apps anyway. */
export function quitWhenWindowsClosed(platform: NodeJS.Platform, keepInTray: boolean): boolean {
  return platform !== 'darwin' && !keepInTray;
}

/** A start at login goes to the tray when there is one; without the tray a hidden app could not be found, so it opens. */
export function opensWindowAtStart(hidden: boolean, keepInTray: boolean): boolean {
  return !(hidden && keepInTray);
}

/**
 * Why start at login is not registered with the system here, or undefined when it is. A development run (not
 * packaged) would register the bare Electron binary, which opens no app at login. macOS passes a login item no
 * arguments (Electron's setLoginItemSettings: `args` is Windows only), so a profile in another folder than the
 * default (`extraArgs`) would open the default profile at login instead of this one.
 */
export function startAtLoginUnavailable(packaged: boolean, platform: NodeJS.Platform, extraArgs: readonly string[]): 'development' | 'other-folder' | undefined {
  if (!packaged) return 'development';
  if (platform === 'darwin' && extraArgs.length > 0) return 'other-folder';
  return undefined;
}

/**
 * The arguments of app.setLoginItemSettings. Windows starts the exe with these args (`extraArgs`: the profile's
 * folder when it is not the default); macOS opens the app (its args are not passed), where `openAsHidden` asks for
 * no window. Linux has no such API in Electron: handled elsewhere.
 */
export function loginItemSettings(startAtLogin: boolean, platform: NodeJS.Platform, extraArgs: readonly string[] = []): { openAtLogin: boolean; openAsHidden?: boolean; args?: string[] } {
  if (platform === 'darwin') return { openAtLogin: startAtLogin, openAsHidden: startAtLogin };
  return { openAtLogin: startAtLogin, ...(startAtLogin ? { args: [HIDDEN_FLAG, ...extraArgs] } : {}) };
}

/** One argument of a desktop entry's Exec line, quoted as the Desktop Entry specification says. */
const execArg = (arg: string) => `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;

/**
 * Linux has no login items in Electron: desktops start what `~/.config/autostart/*.desktop` names (the XDG autostart
 * specification). `exec` is the AppImage's own path (APPIMAGE) or the installed binary; `extraArgs` as above.
 */
export function linuxAutostartEntry(appName: string, exec: string, extraArgs: readonly string[] = []): string {
  const command = [execArg(exec), HIDDEN_FLAG, ...extraArgs.map(execArg)].join(' ');
  return ['[Desktop Entry]', 'Type=Application', `Name=${appName}`, `Exec=${command}`, 'X-GNOME-Autostart-enabled=true', 'NoDisplay=true', ''].join('\n');
}

export interface Notice {
  title: string;
  body: string;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * The desktop notification for a scheduled run that just ended, or none: only a run that did not go cleanly is worth
 * interrupting someone for. `previous` is the view before; a lastRun it already had was notified then.
 */
export function scheduledRunNotice(previous: ScheduleView | undefined, next: ScheduleView): Notice | undefined {
  const run: ScheduledRunResult | undefined = next.lastRun;
  if (!run || run.outcome === 'completed') return undefined;
  if (previous?.lastRun?.startedAt === run.startedAt) return undefined;
  if (run.outcome === 'some-failed') {
    return {
      title: 'Scheduled sync: some transactions failed',
      body: `${plural(run.synced, 'transaction was', 'transactions were')} sent to Xero and ${plural(run.failed, 'failed', 'failed')}. Open the app to see each failure and what to do.`,
    };
  }
  return {
    title: run.runId === undefined ? 'Scheduled sync could not run' : 'Scheduled sync did not finish',
    body: [run.reason, run.fix].filter(Boolean).join(' ') || 'Open the app to see what stopped it.',
  };
}

/** The tray's tooltip: the app, and the next scheduled sync when one is set. */
export function trayTooltip(appName: string, view: ScheduleView | undefined, formatTime: (iso: string) => string): string {
  if (view?.runningSince) return `${appName}: scheduled sync running`;
  if (view?.enabled && view.nextRunAt) return `${appName}: next sync ${formatTime(view.nextRunAt)}`;
  return appName;
}
