/**
 * Scheduled syncs on screen: the words (Irish dates, 24-hour times, the computer's zone), the store that follows the
 * services, and the Settings section as it renders for the desktop app and the web host. The section is drawn with
 * react-dom/server from the store's state (no DOM here); its changes are the store's, tested through the fake host.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../contract/contract';
import type { ScheduledRunResult, ScheduleView } from '../../../contract/features/schedule';
import { installFakeHost, settle } from './fake-host';
import { ScheduleSectionView, timeChoices } from '../../../renderer/src/settings/ScheduleSection';
import { ScheduleStatusLine } from '../../../renderer/src/settings/ScheduleStatus';
import { followSchedule, useScheduleStore } from '../../../renderer/src/settings/schedule-store';
import { formatWhen, lastRunLine, lateWords, nextRunWords, progressWords, skipWords, whenWords } from '../../../renderer/src/settings/schedule-words';

const host = installFakeHost();
const DUBLIN = 'Europe/Dublin';

const view = (over: Partial<ScheduleView> = {}): ScheduleView => ({
  enabled: true,
  time: '02:00',
  days: 'every-day',
  keepInTray: false,
  startAtLogin: false,
  timeZone: DUBLIN,
  nextRunAt: '2026-10-27T02:00:00.000Z',
  ...over,
});
const run = (over: Partial<ScheduledRunResult> = {}): ScheduledRunResult => ({
  scheduledFor: '2026-10-26T02:00:00.000Z',
  startedAt: '2026-10-26T02:00:04.000Z',
  finishedAt: '2026-10-26T02:06:00.000Z',
  outcome: 'some-failed',
  synced: 120,
  failed: 2,
  skipped: 0,
  late: false,
  missed: 0,
  ...over,
});

beforeEach(() => {
  host.clear();
  useScheduleStore.setState(useScheduleStore.getInitialState(), true);
});

describe('the words', () => {
  it('dates as 26/10/2026 and 24-hour times, in the computer’s zone', () => {
    // 01:30 UTC on 26 October is 01:30 in Dublin (winter time); in July the same UTC time reads 02:30.
    expect(formatWhen('2026-10-26T01:30:00.000Z', DUBLIN)).toBe('26/10/2026 01:30');
    expect(formatWhen('2026-07-26T01:30:00.000Z', DUBLIN)).toBe('26/07/2026 02:30');
    expect(formatWhen('2026-10-26T18:05:00.000Z', 'America/New_York')).toBe('26/10/2026 14:05');
  });

  it('the next run as today, tomorrow, or the day and date', () => {
    const now = new Date('2026-10-26T10:00:00.000Z');
    expect(whenWords('2026-10-26T14:00:00.000Z', DUBLIN, now)).toBe('today at 14:00');
    expect(whenWords('2026-10-27T02:00:00.000Z', DUBLIN, now)).toBe('tomorrow at 02:00');
    expect(whenWords('2026-11-02T02:00:00.000Z', DUBLIN, now)).toBe('on Monday 02/11/2026 at 02:00');
    expect(nextRunWords(view(), now)).toBe('The next sync runs tomorrow at 02:00.');
    expect(nextRunWords(view({ enabled: false }), now)).toBe('Scheduled syncs are off.');
  });

  it('the last run as a bookkeeper reads it', () => {
    expect(lastRunLine(run(), DUBLIN)).toBe('Last scheduled sync: 26/10/2026 02:00 · 120 sent, 2 failed');
    expect(lastRunLine(run({ outcome: 'stopped', runId: 7, synced: 40, failed: 0 }), DUBLIN)).toBe('Last scheduled sync: 26/10/2026 02:00 · did not finish (40 sent, 0 failed)');
    expect(lastRunLine(run({ outcome: 'stopped', runId: 7, synced: 0, failed: 0 }), DUBLIN)).toBe('Last scheduled sync: 26/10/2026 02:00 · did not finish');
    expect(lastRunLine(run({ outcome: 'stopped', synced: 0, failed: 0 }), DUBLIN)).toBe('Last scheduled sync: 26/10/2026 02:00 · could not run');
  });

  it('a late run says why it was late, and that it ran once for the missed times', () => {
    expect(lateWords(run(), DUBLIN)).toBeUndefined();
    expect(lateWords(run({ late: true, startedAt: '2026-10-26T07:02:00.000Z', missed: 2 }), DUBLIN)).toBe(
      'It ran at 07:02 instead of 02:00: the computer was asleep or the assistant was closed at that time. 2 earlier scheduled times were missed the same way; it ran once for all of them.',
    );
  });

  it('a skipped time says why and that nothing is lost', () => {
    expect(skipWords({ scheduledFor: '2026-10-26T02:00:00.000Z', at: '2026-10-26T02:00:10.000Z', reason: 'still-running' }, DUBLIN)).toMatch(/^The sync due at 26\/10\/2026 02:00 was skipped: another sync was still running then\. Nothing is lost/);
  });

  it('progress in the status bar: sent and failed, and a wait for Xero', () => {
    const progress = { runId: 4, phase: 'invoices' as const, done: 40, total: 120, synced: 38, failed: 1, calls: 3, rateLimit: {} };
    expect(progressWords(progress)).toBe('Scheduled sync running · 38 sent, 1 failed');
    expect(progressWords({ ...progress, rateLimit: { waitingSeconds: 30 } })).toBe('Scheduled sync running · 38 sent, 1 failed · waiting for Xero');
  });
});

describe('the schedule store', () => {
  it('loads the view, saves a change through schedule.set, and follows schedule.changed', async () => {
    host.answer('schedule.get', () => view({ enabled: false }));
    host.answer('schedule.set', (choices) => view({ ...choices }));
    const stop = followSchedule();
    await settle();
    expect(useScheduleStore.getState().view?.enabled).toBe(false);
    await useScheduleStore.getState().change({ enabled: true, time: '06:30' });
    expect(host.callsTo('schedule.set')).toEqual([{ enabled: true, time: '06:30' }]);
    expect(useScheduleStore.getState().view).toMatchObject({ enabled: true, time: '06:30' });
    host.emit('schedule.changed', view({ lastRun: run() }));
    expect(useScheduleStore.getState().view?.lastRun?.synced).toBe(120);
    stop();
    expect(host.listening('schedule.changed')).toBe(0);
  });

  it('keeps the progress of a scheduled sync only while one runs', async () => {
    host.answer('schedule.get', () => view());
    const stop = followSchedule();
    await settle();
    const progress = { runId: 4, phase: 'invoices' as const, done: 4, total: 12, synced: 3, failed: 0, calls: 1, rateLimit: {} };
    // A sync started in the console is not a scheduled one.
    host.emit('sync.progress', progress);
    expect(useScheduleStore.getState().progress).toBeUndefined();
    host.emit('schedule.changed', view({ runningSince: '2026-10-27T02:00:01.000Z' }));
    host.emit('sync.progress', progress);
    expect(useScheduleStore.getState().progress).toEqual(progress);
    host.emit('schedule.changed', view({ lastRun: run() }));
    expect(useScheduleStore.getState().progress).toBeUndefined();
    stop();
  });

  it('a refused change keeps its words and what to do', async () => {
    host.answer('schedule.set', () => {
      throw new (class extends Error {})('unused');
    });
    useScheduleStore.setState({ view: view() });
    await useScheduleStore.getState().change({ time: '25:00' });
    expect(useScheduleStore.getState()).toMatchObject({ saving: false, view: { time: '02:00' } });
    expect(useScheduleStore.getState().failure?.message).toBeTruthy();
  });
});

describe('the Settings section and the status bar line', () => {
  const render = (shown: ScheduleView, hostKind: AppInfo['host']) =>
    renderToStaticMarkup(createElement(ScheduleSectionView, { view: shown, host: hostKind, saving: false, failure: undefined, change: async () => undefined }));
  const status = (shown: ScheduleView, progress?: Parameters<typeof ScheduleStatusLine>[0]['progress']) => renderToStaticMarkup(createElement(ScheduleStatusLine, { view: shown, progress }));

  it('desktop: offers the tray and start at login; the last run with its failures link', () => {
    const html = render(view({ lastRun: run() }), 'electron');
    expect(html).toContain('Keep running in the tray when the window is closed');
    expect(html).toContain('Start when I log in');
    expect(html).toContain('Time (24-hour)');
    expect(html).toMatch(/<option value="02:00" selected="">02:00<\/option>/);
    expect(html).toContain('26/10/2026 02:00');
    expect(html).toContain('120 sent, 2 failed');
    expect(html).toContain('See the 2 failed transactions and what to do');
    expect(html).toContain('To let it run after you close the window, keep the assistant in the tray.');
  });

  it('desktop, not installed: start at login is offered as off, with why', () => {
    const html = renderToStaticMarkup(createElement(ScheduleSectionView, { view: view({ startAtLogin: true }), host: 'electron', packaged: false, saving: false, failure: undefined, change: async () => undefined }));
    expect(html).toMatch(/<input type="checkbox" disabled=""\/> Start when I log in/);
    expect(html).toContain('only the installed assistant can start when you log in');
  });

  it('desktop, sample data: the tray and login start are the own profile’s, so they are not offered here', () => {
    const html = renderToStaticMarkup(createElement(ScheduleSectionView, { view: view(), host: 'electron', packaged: true, sample: true, saving: false, failure: undefined, change: async () => undefined }));
    expect(html).not.toContain('Start when I log in');
    expect(html).toContain('set in your own profile, not in the sample data');
  });

  it('web host: no tray or login choices', () => {
    const html = render(view(), 'web');
    expect(html).not.toContain('tray');
    expect(html).not.toContain('log in');
    expect(html).toContain('It runs while the assistant is running on this computer.');
    expect(html).toContain('No scheduled sync has run yet.');
  });

  it('while a change saves, the controls say they are busy but stay enabled, so keyboard focus stays on them', () => {
    const html = renderToStaticMarkup(createElement(ScheduleSectionView, { view: view(), host: 'electron', saving: true, failure: undefined, change: async () => undefined }));
    expect(html).not.toMatch(/\sdisabled=""/);
    expect(html.match(/aria-disabled="true"/g)).toHaveLength(6);
  });

  it('a run that did not finish shows the reason and what to do; nothing on screen is a developer word', () => {
    const html = render(view({ lastRun: run({ outcome: 'stopped', synced: 0, failed: 0, reason: 'Xero asked to sign in again.', fix: 'Open Setup and connect to Xero again.' }) }), 'electron');
    expect(html).toContain('could not run');
    expect(html).toContain('Xero asked to sign in again.');
    expect(html).toContain('What to do: Open Setup and connect to Xero again.');
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T|Europe\/Dublin|--run|cron/);
  });

  it('the status bar: the running sync’s progress, then the last run line', () => {
    expect(status(view({ runningSince: '2026-10-27T02:00:01.000Z' }), { runId: 4, phase: 'invoices', done: 40, total: 120, synced: 38, failed: 1, calls: 3, rateLimit: {} })).toContain('Scheduled sync running · 38 sent, 1 failed');
    expect(status(view({ lastRun: run() }))).toContain('Last scheduled sync: 26/10/2026 02:00 · 120 sent, 2 failed');
    expect(status(view())).toBe('');
  });

  it('time choices are every quarter hour, keeping a time set elsewhere', () => {
    expect(timeChoices('02:00')).toHaveLength(96);
    expect(timeChoices('02:07')).toContain('02:07');
    expect(timeChoices('02:07').indexOf('02:07')).toBe(timeChoices('02:07').indexOf('02:00') + 1);
  });
});
