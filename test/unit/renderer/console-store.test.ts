/** The console's store: filters, selection, actions, import, sync state and following the journal, against a fake host. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deferred, failure, installFakeHost, settle } from './fake-host';
import {
  MAX_FILE_BYTES,
  PROGRESS_REFRESH_MS,
  describeAction,
  driftStatusOf,
  filterOf,
  followConsole,
  isFiltered,
  useConsoleStore,
  withRows,
  type SyncView,
} from '../../../renderer/src/console/console-store';
import type { SyncProgress, SyncSummary } from '../../../renderer/src/console/sync-adapter';
import type { ImportResult, StatusCounts, TransactionRow } from '../../../renderer/src/console/types';
import { DRIFT, matchingReport, sampleReport } from '../../fixtures/reconcile-report';

const host = installFakeHost();
const store = () => useConsoleStore.getState();

const rows = (...ids: string[]) => ids.map((transactionId) => ({ transactionId }) as TransactionRow);
const ids = () => [...store().selected].sort();

const COUNTS: StatusCounts = { ready: 3, excluded: 1, 'in-flight': 0, synced: 2, failed: 1, changed: 0, total: 7, orphanPayments: 0 };
const PROGRESS: SyncProgress = { runId: 1, phase: 'invoices', done: 2, total: 10, synced: 2, failed: 0, calls: 3, rateLimit: {} };
const SUMMARY: SyncSummary = { runId: 1, outcome: 'completed', synced: 3, failed: 0, skipped: 0, calls: 5, durationMs: 1200, failures: [], skippedReasons: [], linked: 0 };
const imported = (fileName: string, imported = 2): Extract<ImportResult, { status: 'imported' }> => ({
  status: 'imported',
  kind: 'transactions',
  fileName,
  imported,
  updated: 0,
  unchanged: 0,
  changed: 0,
  skipped: 0,
  errors: [],
  warnings: [],
  usedSavedMapping: false,
});
const file = (name: string, content: string, size = content.length) => ({ name, size, arrayBuffer: async () => new TextEncoder().encode(content).buffer as ArrayBuffer });

beforeEach(() => {
  host.clear();
  store().reset();
});

describe('the filter', () => {
  it('sends only what is set, and a date only once it is a whole date', () => {
    expect(filterOf({ status: '', from: '', to: '', text: '' })).toEqual({});
    expect(filterOf({ status: 'failed', from: '2026-09-01', to: '2026-09', text: 'Acme' })).toEqual({ status: 'failed', from: '2026-09-01', text: 'Acme' });
  });

  it('counts as filtered when any part is set', () => {
    expect(isFiltered({ status: '', from: '', to: '', text: '' })).toBe(false);
    expect(isFiltered({ status: '', from: '', to: '2026', text: '' })).toBe(true);
  });

  it('applies the search text trimmed, and clears every part at once', () => {
    store().setTextInput('  Nursing ');
    expect(store().text).toBe('');
    store().applyText();
    expect(store().text).toBe('Nursing');
    store().setStatus('excluded');
    store().setFrom('2026-01-01');
    store().clearFilters();
    expect({ ...store() }).toMatchObject({ status: '', from: '', to: '', textInput: '', text: '' });
  });
});

describe('selection', () => {
  it('adds and removes rows without touching the others', () => {
    const selected = withRows(new Set(['x']), rows('a', 'b'), true);
    expect([...selected].sort()).toEqual(['a', 'b', 'x']);
    expect([...withRows(selected, rows('a', 'x'), false)]).toEqual(['b']);
  });

  it('selects a range from the last row clicked when Shift is held', () => {
    const loaded = rows('r0', 'r1', 'r2', 'r3', 'r4', 'r5');
    store().toggle(loaded, 1, true, false);
    store().toggle(loaded, 4, true, true);
    expect(ids()).toEqual(['r1', 'r2', 'r3', 'r4']);
    // The anchor moved to 4: a Shift-click on 3 unticks 3 and 4 only.
    store().toggle(loaded, 3, false, true);
    expect(ids()).toEqual(['r1', 'r2']);
    // Without Shift, one row.
    store().toggle(loaded, 5, true, false);
    expect(ids()).toEqual(['r1', 'r2', 'r5']);
  });

  it('ticks every loaded row, and clearing also drops the notice', () => {
    store().toggleAll(rows('a', 'b', 'c'), true);
    expect(ids()).toEqual(['a', 'b', 'c']);
    useConsoleStore.setState({ notice: { tone: 'good', text: 'Done.' } });
    store().clearSelection();
    expect(ids()).toEqual([]);
    expect(store().notice).toBeUndefined();
  });

  it('selects every match of the current filter, as the services list them', async () => {
    host.answer('transactions.ids', () => ({ ids: ['5004', '5019'], total: 2 }) as never);
    store().setStatus('failed');
    store().setFrom('2026-1');
    await store().selectAllMatching();
    expect(host.callsTo('transactions.ids')).toEqual([{ status: 'failed' }]);
    expect(ids()).toEqual(['5004', '5019']);
    expect(store().notice).toEqual({ tone: 'neutral', text: '2 transactions selected.' });
  });
});

describe('row actions', () => {
  it('words what changed and what was refused', () => {
    expect(describeAction('excluded', { updated: ['a', 'b'], refused: [] })).toEqual({ tone: 'good', text: '2 transactions excluded.' });
    expect(describeAction('excluded', { updated: ['a'], refused: [{ transactionId: 'b', reason: 'already in Xero' }] })).toEqual({
      tone: 'problem',
      text: '1 transaction excluded; 1 transaction left as it was (b: already in Xero).',
    });
    expect(describeAction('queued to retry', { updated: [], refused: [{ transactionId: 'b', reason: 'r1' }, { transactionId: 'c', reason: 'r2' }] })?.text).toBe(
      '2 transactions left as they were (b: r1, …).',
    );
    expect(describeAction('included again', { updated: [], refused: [] })).toEqual({ tone: 'good', text: 'Nothing needed to change.' });
  });

  it('sends the action for the ids and shows its notice', async () => {
    host.answer('transactions.retry', ({ ids }) => ({ updated: ids, refused: [] }));
    await store().act('retry', ['5039']);
    expect(host.callsTo('transactions.retry')).toEqual([{ ids: ['5039'] }]);
    expect(store().notice).toEqual({ tone: 'good', text: '1 transaction queued to retry.' });
  });

  it('says why an action failed, with the fix, and reloads the table', async () => {
    host.answer('transactions.exclude', () => {
      throw failure('The journal is busy.', 'Try again in a moment.');
    });
    const before = store().refreshKey;
    await store().act('exclude', ['1']);
    expect(store().notice).toEqual({ tone: 'problem', text: 'The journal is busy. Try again in a moment.' });
    expect(store().refreshKey).toBe(before + 1);
  });

  it('asks nothing for an empty selection', async () => {
    await store().act('include', []);
    expect(host.calls).toEqual([]);
  });
});

describe('import', () => {
  it('refuses a file over 50 MB without sending it', async () => {
    await store().importFile(file('huge.csv', '', MAX_FILE_BYTES + 1));
    expect(store().importState).toMatchObject({ phase: 'error', message: 'huge.csv is larger than 50 MB.' });
    expect(host.calls).toEqual([]);
  });

  it('shows the work under way, sends the file in base64 with the VAT choice, then the report', async () => {
    const answer = deferred<ImportResult>();
    host.answer('transactions.import', () => answer.promise);
    store().setAmountsIncludeTax(true);
    const done = store().importFile(file('report.csv', 'a,b\n1,2\n'));
    expect(store().importState).toEqual({ phase: 'working', label: 'Importing report.csv…' });
    await settle();
    expect(host.callsTo('transactions.import')).toEqual([{ fileName: 'report.csv', contentBase64: Buffer.from('a,b\n1,2\n').toString('base64'), amountsIncludeTax: true }]);
    answer.resolve(imported('report.csv'));
    await done;
    expect(store().importState).toEqual({ phase: 'done', results: [imported('report.csv')] });
  });

  it('asks for the mapping of an unknown layout, then sends the same content with the choice', async () => {
    const needs: ImportResult = { status: 'needs-mapping', fileName: 'other.csv', columns: ['Ref'], missing: ['transactionId'], fields: ['transactionId'], mapping: {} };
    host.answer('transactions.import', (args) => (args.mapping ? imported('other.csv', 1) : needs));
    await store().importFile(file('other.csv', 'Ref\nA1\n'));
    expect(store().importState).toMatchObject({ phase: 'mapping', result: needs });
    await store().importMapped({ mapping: { transactionId: 'Ref' }, kind: 'transactions', amountsIncludeTax: false, dateOrder: 'mdy' });
    const [, second] = host.callsTo('transactions.import') as Array<Record<string, unknown>>;
    expect(second).toMatchObject({ fileName: 'other.csv', contentBase64: Buffer.from('Ref\nA1\n').toString('base64'), mapping: { transactionId: 'Ref' }, dateOrder: 'mdy' });
    expect(store().importState).toMatchObject({ phase: 'done' });
  });

  it('asks once how the amounts add up, then sends the same content with the mapping already chosen and the reading', async () => {
    const question = { reason: 'several-fit' as const, message: 'Choose.', readings: [{ id: 'total-before-vat', label: 'before VAT', fits: true }], samples: [] };
    const needsMapping: ImportResult = { status: 'needs-mapping', fileName: 'old.csv', columns: ['Ref'], missing: ['transactionId'], fields: ['transactionId'], mapping: {} };
    const needsAmounts: ImportResult = { status: 'needs-amounts', fileName: 'old.csv', question };
    host.answer('transactions.import', (args) => (!args.mapping ? needsMapping : args.amounts ? imported('old.csv', 2) : needsAmounts));
    await store().importFile(file('old.csv', 'Ref\n1\n'));
    await store().importMapped({ mapping: { transactionId: 'Ref' }, kind: 'transactions', amountsIncludeTax: false, dateOrder: 'dmy' });
    expect(store().importState).toMatchObject({ phase: 'amounts', result: needsAmounts });
    await store().importWithAmounts('total-before-vat');
    const calls = host.callsTo('transactions.import') as Array<Record<string, unknown>>;
    expect(calls).toHaveLength(3);
    expect(calls[2]).toMatchObject({ fileName: 'old.csv', contentBase64: Buffer.from('Ref\n1\n').toString('base64'), mapping: { transactionId: 'Ref' }, amounts: 'total-before-vat' });
    expect(store().importState).toEqual({ phase: 'done', results: [imported('old.csv', 2)] });
  });

  it('shows a failed import in the host’s words', async () => {
    host.answer('transactions.import', () => {
      throw failure('That is not a CSV file.', 'Export it as CSV.');
    });
    await store().importFile(file('x.csv', 'x'));
    expect(store().importState).toEqual({ phase: 'error', message: 'That is not a CSV file.', fix: 'Export it as CSV.' });
  });

  it('reports only the sample files that were imported', async () => {
    const needs: ImportResult = { status: 'needs-mapping', fileName: 'odd.csv', columns: [], missing: [], fields: [], mapping: {} };
    host.answer('transactions.sampleData', () => ({ imports: [imported('a.csv'), needs, imported('b.csv')] }) as never);
    await store().loadSample();
    expect(store().importState).toEqual({ phase: 'done', results: [imported('a.csv'), imported('b.csv')] });
    store().dismissImport();
    expect(store().importState).toEqual({ phase: 'idle' });
  });
});

describe('sync state', () => {
  it('goes from starting to the summary, and empties the selection it sent', async () => {
    const run = deferred<SyncSummary>();
    host.answer('sync.run', () => run.promise);
    store().toggleAll(rows('a', 'b'), true);
    const done = store().runSync({ transactionIds: ['a', 'b'] }, 2);
    expect(store().syncView).toEqual({ phase: 'starting', requested: 2 });
    run.resolve(SUMMARY);
    await done;
    expect(store().syncView).toEqual({ phase: 'finished', summary: SUMMARY });
    expect(ids()).toEqual([]);
  });

  it('keeps the selection after "Sync all ready"', async () => {
    host.answer('sync.run', () => SUMMARY);
    store().toggleAll(rows('a'), true);
    await store().runSync({ all: true }, 3);
    expect(ids()).toEqual(['a']);
  });

  it('shows a run that could not start, and reloads the table', async () => {
    host.answer('sync.run', () => {
      throw failure('Not connected to Xero.', 'Connect first.');
    });
    await store().runSync({ all: true }, 3);
    expect(store().syncView).toEqual({ phase: 'error', message: 'Not connected to Xero.', fix: 'Connect first.' });
    expect(store().refreshKey).toBe(1);
  });

  it('keeps the progress on screen while cancelling, and progress does not undo the cancelling', async () => {
    host.answer('sync.cancel', () => ({ cancelled: true }));
    store().syncProgressed(PROGRESS);
    expect(store().syncView).toEqual({ phase: 'running', progress: PROGRESS });
    await store().cancelSync();
    expect(store().syncView).toEqual({ phase: 'cancelling', progress: PROGRESS });
    const later = { ...PROGRESS, done: 3 };
    store().syncProgressed(later);
    expect(store().syncView).toEqual<SyncView>({ phase: 'cancelling', progress: later });
  });

  it('shows a failed pause as an error', async () => {
    host.answer('sync.pause', () => {
      throw failure('No run to pause.');
    });
    await store().pauseSync();
    expect(store().syncView).toMatchObject({ phase: 'error', message: 'No run to pause.' });
  });

  it('shows a run already under way, and nothing for an idle engine', async () => {
    host.answer('sync.state', () => ({ state: 'idle' }));
    await store().adoptRunningSync();
    expect(store().syncView).toEqual({ phase: 'idle' });
    host.answer('sync.state', () => ({ state: 'paused', progress: { ...PROGRESS, paused: true } }));
    await store().adoptRunningSync();
    expect(store().syncView).toEqual({ phase: 'running', progress: { ...PROGRESS, paused: true } });
  });
});

describe('counts and resets', () => {
  it('keeps the newest counts when answers arrive out of order', async () => {
    const first = deferred<StatusCounts>();
    const second = deferred<StatusCounts>();
    const answers = [first, second];
    host.answer('transactions.counts', () => answers.shift()!.promise);
    const a = store().loadCounts();
    const b = store().loadCounts();
    second.resolve({ ...COUNTS, total: 9 });
    await b;
    first.resolve(COUNTS);
    await a;
    expect(store().counts?.total).toBe(9);
  });

  it('keeps the last counts on screen when a reload fails', async () => {
    host.answer('transactions.counts', () => COUNTS);
    await store().loadCounts();
    host.answer('transactions.counts', () => {
      throw failure('The journal is locked.');
    });
    await store().loadCounts();
    expect(store().counts).toEqual(COUNTS);
    expect(store().countsError).toEqual({ message: 'The journal is locked.', fix: undefined });
  });

  it('drops an answer that arrives after the console was left', async () => {
    const answer = deferred<ImportResult>();
    host.answer('transactions.import', () => answer.promise);
    const done = store().importFile(file('late.csv', 'x'));
    await settle();
    store().reset();
    answer.resolve(imported('late.csv'));
    await done;
    expect(store().importState).toEqual({ phase: 'idle' });
  });
});

describe('following the journal', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reloads on every change, and on a connection change (a profile switch)', () => {
    const stop = followConsole();
    host.emit('transactions.changed', { reason: 'import' } as never);
    host.emit('connection.changed', { state: 'connected' } as never);
    expect(store().refreshKey).toBe(2);
    stop();
    host.emit('transactions.changed', { reason: 'import' } as never);
    expect(store().refreshKey).toBe(2);
    expect(host.listening('transactions.changed') + host.listening('sync.progress') + host.listening('sync.finished')).toBe(0);
  });

  it('follows a run’s progress, reloading the table at most every 1.5 s', () => {
    vi.useFakeTimers();
    let now = 10_000;
    const stop = followConsole(() => now);
    host.emit('sync.progress', PROGRESS);
    expect(store().syncView).toEqual({ phase: 'running', progress: PROGRESS });
    expect(store().refreshKey).toBe(1);
    now += 100;
    host.emit('sync.progress', { ...PROGRESS, done: 3 });
    now += 100;
    host.emit('sync.progress', { ...PROGRESS, done: 4 });
    expect(store().refreshKey).toBe(1);
    vi.advanceTimersByTime(PROGRESS_REFRESH_MS - 100 - 1);
    expect(store().refreshKey).toBe(1);
    vi.advanceTimersByTime(1);
    expect(store().refreshKey).toBe(2);
    expect(store().syncView).toMatchObject({ progress: { done: 4 } });
    stop();
  });

  it('shows the summary when a run ends, and reloads', () => {
    const stop = followConsole();
    host.emit('sync.finished', SUMMARY);
    expect(store().syncView).toEqual({ phase: 'finished', summary: SUMMARY });
    expect(store().refreshKey).toBe(1);
    stop();
  });
});

describe('what the last reconciliation found changed in Xero', () => {
  // The fixture: voided (T-1012), amount changed (T-1015), payment removed (T-0909), all open; a date change accepted.
  it('counts only the changes nobody accepted, by kind in the contract’s order, and keeps the range and when', () => {
    const report = sampleReport({ drift: [...DRIFT, { ...DRIFT[0]!, key: 'voided:T-1013', transactionId: 'T-1013' }] });
    expect(driftStatusOf(report)).toEqual({
      changes: 4,
      kinds: [
        { kind: 'voided', count: 2 },
        { kind: 'amount-changed', count: 1 },
        { kind: 'payment-removed', count: 1 },
      ],
      from: '2026-09-01',
      to: '2026-10-31',
      comparedAt: '2026-11-03T10:12:00Z',
      byTransaction: { 'T-1012': ['voided'], 'T-1013': ['voided'], 'T-1015': ['amount-changed'], 'T-0909': ['payment-removed'] },
    });
  });

  it('says nothing before the first reconciliation, when the books match, or when every change was accepted', () => {
    expect(driftStatusOf(null)).toBeUndefined();
    expect(driftStatusOf(matchingReport())).toBeUndefined();
    // Lines that differ for another reason (changed in CourseCo since sync) are the console's own "Changed" status.
    expect(driftStatusOf(sampleReport({ drift: DRIFT.map((d) => ({ ...d, accepted: true })), matches: false, unexplained: 2 }))).toBeUndefined();
  });

  it('lists a transaction’s kinds once each; a document only Xero holds counts but belongs to no transaction', () => {
    const onlyInXero = { ...DRIFT[0]!, key: 'only-in-xero:x-9', kind: 'only-in-xero' as const, transactionId: null };
    const status = driftStatusOf(sampleReport({ drift: [DRIFT[1]!, { ...DRIFT[1]!, key: 'again' }, { ...DRIFT[1]!, key: 'tax', kind: 'tax-changed' }, onlyInXero] }))!;
    expect(status.changes).toBe(4);
    expect(status.byTransaction).toEqual({ 'T-1015': ['amount-changed', 'tax-changed'] });
  });

  it('reads the last report (never a new comparison) and shows its status', async () => {
    host.answer('reconcile.last', () => sampleReport());
    await store().loadDrift();
    expect(host.callsTo('reconcile.last')).toEqual([{}]);
    expect(host.callsTo('reconcile.run')).toEqual([]);
    expect(store().drift).toMatchObject({ changes: 3 });
  });

  it('clears the status once the books match again, and keeps the last one when the report cannot be read', async () => {
    host.answer('reconcile.last', () => sampleReport());
    await store().loadDrift();
    host.answer('reconcile.last', () => {
      throw failure('The journal could not be read.');
    });
    await store().loadDrift();
    expect(store().drift).toMatchObject({ changes: 3 });
    host.answer('reconcile.last', () => matchingReport());
    await store().loadDrift();
    expect(store().drift).toBeUndefined();
  });

  it('keeps the newest answer when two arrive out of order, and drops one that arrives after the console was left', async () => {
    const older = deferred<ReturnType<typeof sampleReport>>();
    const newer = deferred<ReturnType<typeof sampleReport>>();
    const answers = [older.promise, newer.promise];
    host.answer('reconcile.last', () => answers.shift()!);
    const first = store().loadDrift();
    const second = store().loadDrift();
    newer.resolve(matchingReport());
    older.resolve(sampleReport());
    await Promise.all([first, second]);
    expect(store().drift).toBeUndefined();

    const late = deferred<ReturnType<typeof sampleReport>>();
    host.answer('reconcile.last', () => late.promise);
    const leaving = store().loadDrift();
    store().reset();
    late.resolve(sampleReport());
    await leaving;
    expect(store().drift).toBeUndefined();
  });

  it('reads the report again when a run ends and when the profile or organisation changes', async () => {
    host.answer('reconcile.last', () => sampleReport());
    const stop = followConsole();
    host.emit('sync.finished', SUMMARY);
    await settle();
    expect(store().drift).toMatchObject({ changes: 3 });
    host.answer('reconcile.last', () => null);
    host.emit('connection.changed', { state: 'connected' } as never);
    await settle();
    expect(store().drift).toBeUndefined();
    expect(host.callsTo('reconcile.last')).toHaveLength(2);
    stop();
  });
});
