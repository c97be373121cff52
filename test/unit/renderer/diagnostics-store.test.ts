/** The diagnostics store: the last report or a fresh run, one run or export at a time, and the health badge. */
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
  it('shows the session’s last report without running the checks again', async () => {
    host.answer('diagnostics.last', () => ({ report: report('earlier'), health: health('good') }));
    await store().ensureReport();
    expect(store()).toMatchObject({ report: { ranAt: 'earlier' }, health: { status: 'good' } });
    expect(host.callsTo('diagnostics.run')).toEqual([]);
  });

  it('runs the checks when there is no report yet, or the last one cannot be read', async () => {
    host.answer('diagnostics.last', () => ({ report: null, health: health('unknown') }));
    host.answer('diagnostics.run', () => report('now'));
    await store().ensureReport();
    expect(store().report?.ranAt).toBe('now');

    useDiagnosticsStore.setState({ report: null });
    host.answer('diagnostics.last', () => {
      throw failure('No answer.');
    });
    await store().ensureReport();
    expect(host.callsTo('diagnostics.run')).toHaveLength(2);
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
