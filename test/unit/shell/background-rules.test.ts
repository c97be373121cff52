/**
 * The desktop app around scheduled syncs (main/shell/background-rules.ts): the tray keeps it running, a login start
 * goes to the tray only when there is one, and a scheduled run that did not go cleanly raises one notification.
 */
import { describe, expect, it } from 'vitest';
import type { ScheduledRunResult, ScheduleView } from '../../../contract/features/schedule';
import { linuxAutostartEntry, loginItemSettings, opensWindowAtStart, quitWhenWindowsClosed, scheduledRunNotice, startAtLoginUnavailable, trayTooltip } from '../../../main/shell/background-rules';
import { dataDirArgs } from '../../../main/shell/launch-options';

const base: ScheduleView = { enabled: true, time: '02:00', days: 'every-day', keepInTray: true, startAtLogin: false, timeZone: 'Europe/Dublin', nextRunAt: '2026-10-27T02:00:00.000Z' };
const run = (over: Partial<ScheduledRunResult>): ScheduledRunResult => ({
  scheduledFor: '2026-10-26T02:00:00.000Z',
  startedAt: '2026-10-26T02:00:05.000Z',
  finishedAt: '2026-10-26T02:03:00.000Z',
  outcome: 'completed',
  synced: 120,
  failed: 0,
  skipped: 0,
  late: false,
  missed: 0,
  ...over,
});

describe('window and tray', () => {
  it('closing the last window quits, unless the tray keeps the app; macOS keeps apps anyway', () => {
    expect(quitWhenWindowsClosed('win32', false)).toBe(true);
    expect(quitWhenWindowsClosed('win32', true)).toBe(false);
    expect(quitWhenWindowsClosed('linux', true)).toBe(false);
    expect(quitWhenWindowsClosed('darwin', false)).toBe(false);
  });

  it('a login start goes to the tray only when there is one', () => {
    expect(opensWindowAtStart(true, true)).toBe(false);
    expect(opensWindowAtStart(true, false)).toBe(true);
    expect(opensWindowAtStart(false, true)).toBe(true);
  });

  it('start at login: hidden on every system', () => {
    expect(loginItemSettings(true, 'win32')).toEqual({ openAtLogin: true, args: ['--hidden'] });
    expect(loginItemSettings(false, 'win32')).toEqual({ openAtLogin: false });
    expect(loginItemSettings(true, 'darwin')).toEqual({ openAtLogin: true, openAsHidden: true });
    const entry = linuxAutostartEntry('CourseCo Xero Assistant', '/home/anne/Apps/CourseCo "Xero".AppImage');
    expect(entry).toContain('Exec="/home/anne/Apps/CourseCo \\"Xero\\".AppImage" --hidden');
    expect(entry.startsWith('[Desktop Entry]\nType=Application\nName=CourseCo Xero Assistant\n')).toBe(true);
  });

  it('start at login opens this profile: its folder is passed when it is not the default one', () => {
    const env = { XDG_CONFIG_HOME: '/home/anne/.config', COURSECO_XERO_DATA_DIR: '/srv/books' };
    expect(dataDirArgs('/home/anne/.config/courseco-xero-assistant', 'linux', env)).toEqual([]);
    // The variable a login does not have counts as another folder, like --data-dir.
    expect(dataDirArgs('/srv/books', 'linux', env)).toEqual(['--data-dir=/srv/books']);
    expect(loginItemSettings(true, 'win32', ['--data-dir=D:\\Books'])).toEqual({ openAtLogin: true, args: ['--hidden', '--data-dir=D:\\Books'] });
    expect(linuxAutostartEntry('App', '/opt/app', ['--data-dir=/srv/my books'])).toContain('Exec="/opt/app" --hidden "--data-dir=/srv/my books"');
  });

  it('start at login is never registered from a development run, nor on macOS for a profile in another folder', () => {
    expect(startAtLoginUnavailable(false, 'win32', [])).toBe('development');
    expect(startAtLoginUnavailable(true, 'darwin', ['--data-dir=/srv/books'])).toBe('other-folder');
    expect(startAtLoginUnavailable(true, 'darwin', [])).toBeUndefined();
    expect(startAtLoginUnavailable(true, 'win32', ['--data-dir=D:\\Books'])).toBeUndefined();
  });

  it('the tooltip names the next sync, or one running', () => {
    expect(trayTooltip('App', base, () => 'Tue 27 Oct, 02:00')).toBe('App: next sync Tue 27 Oct, 02:00');
    expect(trayTooltip('App', { ...base, runningSince: '2026-10-27T02:00:00Z' }, String)).toBe('App: scheduled sync running');
    expect(trayTooltip('App', { ...base, enabled: false }, String)).toBe('App');
  });
});

describe('the notification after a scheduled run', () => {
  it('none for a clean run, and none for a run already notified', () => {
    expect(scheduledRunNotice(base, { ...base, lastRun: run({}) })).toBeUndefined();
    const failed = { ...base, lastRun: run({ outcome: 'some-failed', failed: 2 }) };
    expect(scheduledRunNotice(failed, failed)).toBeUndefined();
  });

  it('some transactions failed: the counts and where to look', () => {
    expect(scheduledRunNotice(base, { ...base, lastRun: run({ outcome: 'some-failed', synced: 118, failed: 2 }) })).toEqual({
      title: 'Scheduled sync: some transactions failed',
      body: '118 transactions were sent to Xero and 2 failed. Open the app to see each failure and what to do.',
    });
  });

  it('stopped: the plain reason and what to do', () => {
    const stopped = run({ outcome: 'stopped', synced: 0, reason: 'Xero asked to sign in again.', fix: 'Open the app and reconnect to Xero.' });
    expect(scheduledRunNotice(base, { ...base, lastRun: stopped })).toEqual({ title: 'Scheduled sync could not run', body: 'Xero asked to sign in again. Open the app and reconnect to Xero.' });
    expect(scheduledRunNotice(base, { ...base, lastRun: { ...stopped, runId: 9, synced: 40 } })?.title).toBe('Scheduled sync did not finish');
  });
});
