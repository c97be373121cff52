/**
 * The diagnostics store: on opening, the last report at once and then a refresh (never stale); one run or export at a
 * time; the health badge, and the report fetched again when the checks ran behind the page.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { deferred, failure, installFakeHost, settle } from './fake-host';
import { followDiagnosticsHealth, useDiagnosticsStore } from '../../../renderer/src/diagnostics/diagnostics-store';
import type { DiagnosticsHealth, DiagnosticsReport } from '../../../renderer/src/diagnostics/types';

const host = installFakeHost();
const store = () => useDiagnosticsStore.getState();

const report = (ranAt: string): DiagnosticsReport => ({ version: 1, ranAt, checks: [], summary: { pass: 3, warn: 0, fail: 0, notRun: 0 } });
const health = (status: DiagnosticsHealth['status']): DiagnosticsHealth => ({ status, summary: `${status} health` });

beforeEach(() => {
  host.clear();
  useDiagnosticsStore.setState(useDiagnosticsStore.getInitialState(), true);
});

describe('the diagnostics store', () => {
  it('on opening, shows the session’s last report at once, then the refreshed one; the services decide what runs', async () => {
    host.answer('diagnostics.last', () => ({ report: report('2026-12-03T09:00:00.000Z'), health: health('good') }));
    const refreshed = deferred<DiagnosticsReport>();
    host.answer('diagnostics.refresh', () => refreshed.promise);
    const opening = store().ensureReport();
    await settle();
    expect(store()).toMatchObject({ report: { ranAt: '2026-12-03T09:00:00.000Z' }, running: true });
    refreshed.resolve(report('2026-12-03T11:00:00.000Z'));
    await opening;
    expect(store()).toMatchObject({ report: { ranAt: '2026-12-03T11:00:00.000Z' }, running: false });
    expect(host.callsTo('diagnostics.run')).toEqual([]);
  });

  it('opening again refreshes again, even with a report shown; a refresh that fails keeps its words', async () => {
    useDiagnosticsStore.setState({ report: report('2026-12-03T09:00:00.000Z') });
    host.answer('diagnostics.refresh', () => {
      throw failure('The journal is busy.', 'Try again in a minute.');
    });
    await store().ensureReport();
    expect(host.callsTo('diagnostics.last')).toEqual([]);
    expect(host.callsTo('diagnostics.refresh')).toHaveLength(1);
    expect(store()).toMatchObject({ running: false, report: { ranAt: '2026-12-03T09:00:00.000Z' }, runError: { message: 'The journal is busy.', fix: 'Try again in a minute.' } });
  });

  it('when the checks ran again behind the page (an import, a sync), fetches what they found', async () => {
    useDiagnosticsStore.setState({ report: report('2026-12-03T09:00:00.000Z') });
    host.answer('diagnostics.last', () => ({ report: report('2026-12-03T10:00:00.000Z'), health: health('bad') }));
    const stop = followDiagnosticsHealth();
    await settle();
    host.calls.length = 0;
    host.emit('diagnostics.health', { status: 'bad', summary: '1 problem: No sync errors', ranAt: '2026-12-03T10:00:00.000Z' });
    await settle();
    expect(host.callsTo('diagnostics.last')).toHaveLength(1);
    expect(store()).toMatchObject({ report: { ranAt: '2026-12-03T10:00:00.000Z' }, health: { status: 'bad' } });
    // The same run again: nothing to fetch.
    host.emit('diagnostics.health', { status: 'bad', summary: '1 problem: No sync errors', ranAt: '2026-12-03T10:00:00.000Z' });
    await settle();
    expect(host.callsTo('diagnostics.last')).toHaveLength(1);
    stop();
  });

  it('runs once at a time, and keeps a failed run’s words', async () => {
    const answer = deferred<DiagnosticsReport>();
    host.answer('diagnostics.run', () => answer.promise);
    const first = store().run();
    expect(store().running).toBe(true);
    await store().run();
    answer.reject(failure('The checks could not start.', 'Restart the assistant.'));
    await first;
    expect(host.callsTo('diagnostics.run')).toHaveLength(1);
    expect(store()).toMatchObject({ running: false, runError: { message: 'The checks could not start.', fix: 'Restart the assistant.' } });
  });

  it('keeps where the bundle was saved and the report it holds', async () => {
    host.answer('diagnostics.export', () => ({ path: '/tmp/exports/b.zip', fileName: 'b.zip', bytes: 2048, report: report('export') }));
    await store().exportBundle();
    expect(store()).toMatchObject({ exporting: false, exported: { path: '/tmp/exports/b.zip', fileName: 'b.zip', bytes: 2048 }, report: { ranAt: 'export' }, exportError: null });
  });

  it('treats a cancelled save dialog as a choice, not a failure', async () => {
    host.answer('diagnostics.export', () => {
      throw failure('Cancelled.', undefined, 'ExportCancelled');
    });
    await store().exportBundle();
    expect(store()).toMatchObject({ exporting: false, exportError: null, exported: null });
    host.answer('diagnostics.export', () => {
      throw failure('The disk is full.', 'Free some space.', 'ExportFailed');
    });
    await store().exportBundle();
    expect(store().exportError).toEqual({ message: 'The disk is full.', fix: 'Free some space.' });
  });

  it('follows the health events, and an event beats the slower first answer', async () => {
    const last = deferred<{ report: DiagnosticsReport | null; health: DiagnosticsHealth }>();
    host.answer('diagnostics.last', () => last.promise);
    const stop = followDiagnosticsHealth();
    host.emit('diagnostics.health', health('bad'));
    last.resolve({ report: null, health: health('good') });
    await settle();
    expect(store().health?.status).toBe('bad');
    stop();
    host.emit('diagnostics.health', health('warn'));
    expect(store().health?.status).toBe('bad');
  });

  it('takes the first answer when no event came before it', async () => {
    host.answer('diagnostics.last', () => ({ report: null, health: health('warn') }));
    const stop = followDiagnosticsHealth();
    await settle();
    expect(store().health?.status).toBe('warn');
    stop();
  });
});
