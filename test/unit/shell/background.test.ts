/**
 * The shell's tray, start at login and notices follow the user's own profile, never the one on screen: trying the
 * sample data (whose settings have no tray and no login start) leaves them as they are, and a scheduled sync of the
 * own profile that fails while the sample is open is still told. A development run never registers a login start.
 * Against the fake `electron`, with a stub of the services' handlers and bus.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScheduleView } from '../../../contract/features/schedule';
import { createEventBus } from '../../../main/ipc/event-bus';
import { silentLogger } from '../../../main/log';
import { createFakeElectron, type FakeElectron } from './fake-electron';

const ownView: ScheduleView = { enabled: true, time: '02:00', days: 'every-day', keepInTray: true, startAtLogin: true, timeZone: 'Europe/Dublin', nextRunAt: '2026-11-11T02:00:00.000Z' };
const sampleView: ScheduleView = { ...ownView, enabled: false, keepInTray: false, startAtLogin: false };

let config: string;
beforeEach(() => {
  config = mkdtempSync(path.join(tmpdir(), 'background-'));
});
afterEach(() => {
  rmSync(config, { recursive: true, force: true });
  vi.resetModules();
});

async function started(options: { packaged: boolean; platform?: NodeJS.Platform }) {
  vi.resetModules();
  const fake: FakeElectron = createFakeElectron();
  vi.doMock('electron', () => fake);
  const { startBackground } = await import('../../../main/shell/background');
  const bus = createEventBus();
  let own = ownView;
  // The handlers the shell is given answer for the profile on screen, except the own profile's own channel.
  const handlers = { 'schedule.get': vi.fn(async () => sampleView), 'schedule.getOwn': vi.fn(async () => own) };
  const background = startBackground({
    handlers,
    bus,
    platform: options.platform ?? 'linux',
    env: { XDG_CONFIG_HOME: config },
    log: silentLogger,
    packaged: options.packaged,
    dataDirArgs: [],
    showWindow: () => undefined,
  });
  expect(handlers['schedule.getOwn']).toHaveBeenCalled();
  // The first answer has been followed once a turn of the event loop has passed.
  await new Promise((resolve) => setImmediate(resolve));
  return { fake, bus, background, setOwn: (view: ScheduleView) => (own = view) };
}

describe('the desktop shell around scheduled syncs', () => {
  it('switching to the sample data keeps the tray, the login start and the notices of the own profile', async () => {
    const { fake, bus, background } = await started({ packaged: true });
    expect(fake.Tray.instances).toHaveLength(1);
    expect(readdirSync(path.join(config, 'autostart'))).toEqual(['courseco-xero-assistant.desktop']);

    // The sample profile opens: its own schedule (tray and login start off) is what the page shows.
    bus.emit('profile.changed', { profile: 'sample', canSwitch: true });
    bus.emit('schedule.changed', sampleView);
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.Tray.instances[0]!.destroyed).toBe(false);
    expect(background.quitWhenWindowsClosed()).toBe(false);
    expect(readdirSync(path.join(config, 'autostart'))).toEqual(['courseco-xero-assistant.desktop']);

    // Meanwhile the own profile's 02:00 sync could not run: the person is told.
    const failed: ScheduleView = {
      ...ownView,
      lastRun: { scheduledFor: '2026-11-11T02:00:00.000Z', startedAt: '2026-11-11T02:00:05.000Z', finishedAt: '2026-11-11T02:00:06.000Z', outcome: 'stopped', synced: 0, failed: 0, skipped: 0, reason: 'Xero asked to sign in again.', fix: 'Open Setup and connect again.', late: false, missed: 0 },
    };
    bus.emit('schedule.ownChanged', failed);
    expect(fake.Notification.shown).toEqual([{ title: 'Scheduled sync could not run', body: 'Xero asked to sign in again. Open Setup and connect again.' }]);
  });

  it('a development run never registers itself to start at login', async () => {
    const { fake } = await started({ packaged: false });
    expect(() => readdirSync(path.join(config, 'autostart'))).toThrow();
    const windows = await started({ packaged: false, platform: 'win32' });
    expect(windows.fake.app.setLoginItemSettings).not.toHaveBeenCalled();
    expect(fake.Tray.instances).toHaveLength(1);
  });
});
