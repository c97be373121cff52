/**
 * The Reconcile page's store and words: the last report without calling Xero, the period asked for, progress only
 * while comparing, drill-downs that never show an older answer, drift actions, the close pack, and the verdict.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ReconcileReport, type ClosePack, type ReconcileLine } from '../../../contract/features/reconcile';
import { followReconcile, LINES_PAGE, monthChoice, useReconcileStore } from '../../../renderer/src/reconcile/reconcile-store';
import { formatDay, formatDifference, lastFullMonth, monthOptions, rangeLabel, verdictOf } from '../../../renderer/src/reconcile/reconcile-format';
import { DRIFT, line, matchingReport, sampleReport } from '../../fixtures/reconcile-report';
import { deferred, failure, installFakeHost, settle } from './fake-host';

const host = installFakeHost();
const store = () => useReconcileStore.getState();
type LinesAnswer = { rows: ReconcileLine[]; total: number; nextCursor: string | null };

beforeEach(() => {
  host.clear();
  useReconcileStore.setState(useReconcileStore.getInitialState(), true);
});

describe('the fixture', () => {
  it('is a report the contract accepts', () => {
    expect(() => ReconcileReport.parse(sampleReport())).not.toThrow();
    expect(() => ReconcileReport.parse(matchingReport())).not.toThrow();
  });
});

describe('the period', () => {
  it('is the last full month unless the person chooses otherwise', () => {
    expect(lastFullMonth(new Date(2026, 10, 3))).toBe('2026-10');
    expect(lastFullMonth(new Date(2027, 0, 1))).toBe('2026-12');
    // "A month" is a plain list in the app's words: newest first, across the year's turn, an older chosen month kept.
    const months = monthOptions(new Date(2027, 1, 15), '2026-10');
    expect(months.slice(0, 4)).toEqual([
      { value: '2027-02', label: 'February 2027' },
      { value: '2027-01', label: 'January 2027' },
      { value: '2026-12', label: 'December 2026' },
      { value: '2026-11', label: 'November 2026' },
    ]);
    expect(months).toHaveLength(24);
    expect(monthOptions(new Date(2027, 1, 15), '2020-03').at(-1)).toEqual({ value: '2020-03', label: 'March 2020' });
    expect(store().choice).toEqual(monthChoice(lastFullMonth(new Date())));
  });

  it('is sent as the chosen month’s first and last day, or the chosen dates', async () => {
    host.answer('reconcile.run', ({ from, to }) => sampleReport({ from: from!, to: to! }));
    store().chooseMonth('2028-02');
    await store().run();
    store().chooseKind('dates');
    store().chooseDates('2026-10-03', '2026-11-15');
    await store().run();
    expect(host.callsTo('reconcile.run')).toEqual([
      { from: '2028-02-01', to: '2028-02-29' },
      { from: '2026-10-03', to: '2026-11-15' },
    ]);
  });

  it('refuses a start after the end without asking the services', async () => {
    store().chooseKind('dates');
    store().chooseDates('2026-11-15', '2026-10-03');
    await store().run();
    expect(host.callsTo('reconcile.run')).toEqual([]);
    expect(store().runError?.message).toBe('Choose a start date on or before the end date.');
  });
});

describe('the report', () => {
  it('shows the last report without comparing again, with its own period chosen', async () => {
    host.answer('reconcile.last', () => sampleReport({ from: '2026-10-01', to: '2026-10-31' }));
    await store().ensureReport();
    await store().ensureReport();
    expect(store().report?.from).toBe('2026-10-01');
    expect(store().choice).toEqual(monthChoice('2026-10'));
    expect(host.callsTo('reconcile.last')).toHaveLength(1);
    expect(host.callsTo('reconcile.run')).toEqual([]);
  });

  it('keeps a range that is not a whole month as dates', async () => {
    host.answer('reconcile.last', () => sampleReport({ from: '2026-09-01', to: '2026-10-31' }));
    await store().ensureReport();
    expect(store().choice).toMatchObject({ kind: 'dates', from: '2026-09-01', to: '2026-10-31' });
  });

  it('before the first comparison, shows nothing and waits for the person', async () => {
    host.answer('reconcile.last', () => null);
    await store().ensureReport();
    expect(store()).toMatchObject({ report: null, running: false, runError: null });
    expect(host.callsTo('reconcile.run')).toEqual([]);
  });

  it('compares once at a time, shows progress only while comparing, and keeps the last report when a comparison fails', async () => {
    const stop = followReconcile();
    host.emit('reconcile.progress', { phase: 'reading', documents: 5, calls: 1 });
    expect(store().progress).toBeNull();

    const first = deferred<ReconcileReport>();
    host.answer('reconcile.run', () => first.promise);
    const running = store().run();
    await store().run();
    host.emit('reconcile.progress', { phase: 'reading', documents: 1000, calls: 2 });
    expect(store().progress).toEqual({ phase: 'reading', documents: 1000, calls: 2 });
    first.resolve(sampleReport());
    await running;
    expect(host.callsTo('reconcile.run')).toHaveLength(1);
    expect(store()).toMatchObject({ running: false, progress: null, report: { from: '2026-09-01' } });

    host.answer('reconcile.run', () => {
      throw failure('Xero asked for the connection to be approved again.', 'Connect to Xero again in Setup.');
    });
    await store().run();
    expect(store().runError).toEqual({ message: 'Xero asked for the connection to be approved again.', fix: 'Connect to Xero again in Setup.' });
    expect(store().report?.generatedAt).toBe('2026-11-03T10:12:00Z');

    stop();
    expect(host.listening('reconcile.progress')).toBe(0);
  });

  it('a comparison started while the last report is still on its way is not overwritten by it', async () => {
    const last = deferred<ReconcileReport | null>();
    host.answer('reconcile.last', () => last.promise);
    host.answer('reconcile.run', () => sampleReport({ generatedAt: '2026-11-04T08:00:00Z' }));
    const loading = store().ensureReport();
    await store().run();
    last.resolve(sampleReport({ generatedAt: '2026-11-01T08:00:00Z' }));
    await loading;
    expect(store().report?.generatedAt).toBe('2026-11-04T08:00:00Z');
  });
});

describe('drilling down to the lines', () => {
  beforeEach(() => {
    useReconcileStore.setState({ report: sampleReport() });
  });

  it('asks for the lines of a month, a split’s group, every difference or a drift item’s month, in the report’s range', async () => {
    host.answer('reconcile.lines', () => ({ rows: [line('T-1012')], total: 1, nextCursor: null }));
    await store().drillDown({ kind: 'period', period: '2026-10' });
    await store().drillDown({ kind: 'breakdown', dimension: 'account', key: '200', label: '200 Sales' });
    await store().drillDown({ kind: 'differences' });
    await store().drillDown({ kind: 'drift', item: DRIFT[2]! });
    const range = { from: '2026-09-01', to: '2026-10-31', limit: LINES_PAGE };
    expect(host.callsTo('reconcile.lines')).toEqual([
      { ...range, period: '2026-10' },
      { ...range, dimension: 'account', key: '200' },
      { ...range, differencesOnly: true },
      { ...range, period: '2026-09', differencesOnly: true },
    ]);
    expect(store().drill).toMatchObject({ rows: [{ transactionId: 'T-1012' }], total: 1, loading: false });
  });

  it('adds the next page after the last line, with the same filter', async () => {
    host.answer('reconcile.lines', ({ after }) =>
      after === 'c1' ? { rows: [line('T-1003')], total: 3, nextCursor: null } : { rows: [line('T-1001'), line('T-1002')], total: 3, nextCursor: 'c1' },
    );
    await store().drillDown({ kind: 'period', period: '2026-10' });
    await store().moreLines();
    expect(host.callsTo('reconcile.lines')[1]).toEqual({ from: '2026-09-01', to: '2026-10-31', period: '2026-10', limit: LINES_PAGE, after: 'c1' });
    expect(store().drill?.rows.map((row) => row.transactionId)).toEqual(['T-1001', 'T-1002', 'T-1003']);
    expect(store().drill?.nextCursor).toBeNull();
    await store().moreLines();
    expect(host.callsTo('reconcile.lines')).toHaveLength(2);
  });

  it('never shows an earlier drill-down’s late answer', async () => {
    const september = deferred<LinesAnswer>();
    host.answer('reconcile.lines', ({ period }) => (period === '2026-09' ? september.promise : { rows: [line('T-1015')], total: 1, nextCursor: null }));
    const slow = store().drillDown({ kind: 'period', period: '2026-09' });
    await store().drillDown({ kind: 'period', period: '2026-10' });
    september.resolve({ rows: [line('T-0909', { period: '2026-09' })], total: 1, nextCursor: null });
    await slow;
    expect(store().drill).toMatchObject({ target: { period: '2026-10' }, rows: [{ transactionId: 'T-1015' }] });

    const late = deferred<LinesAnswer>();
    host.answer('reconcile.lines', () => late.promise);
    const closing = store().drillDown({ kind: 'differences' });
    store().closeDrill();
    late.resolve({ rows: [line('T-1012')], total: 1, nextCursor: null });
    await closing;
    expect(store().drill).toBeNull();
  });

  it('says why the lines could not be read', async () => {
    host.answer('reconcile.lines', () => {
      throw failure('The journal is busy.', 'Try again in a moment.');
    });
    await store().drillDown({ kind: 'period', period: '2026-10' });
    expect(store().drill).toMatchObject({ loading: false, rows: [], error: { message: 'The journal is busy.', fix: 'Try again in a moment.' } });
  });
});

describe('drift actions', () => {
  beforeEach(() => {
    useReconcileStore.setState({ report: sampleReport() });
  });

  it('carries out the chosen action, shows the report compared again and keeps the item open while it is still listed', async () => {
    const voided = DRIFT[0]!;
    const after = sampleReport({ drift: DRIFT.map((item) => (item.key === voided.key ? { ...item, accepted: true } : item)) });
    host.answer('reconcile.resolve', () => ({ message: 'Xero’s version of INV-0012 is accepted.', report: after }));
    host.answer('reconcile.lines', () => ({ rows: [line('T-1012')], total: 1, nextCursor: null }));
    store().openDrift(voided.key);
    await store().drillDown({ kind: 'drift', item: voided });
    await store().resolve(voided.key, 'accept-xero');
    await settle();
    expect(host.callsTo('reconcile.resolve')).toEqual([{ key: voided.key, action: 'accept-xero' }]);
    expect(store()).toMatchObject({ resolving: null, openDriftKey: voided.key, notice: { tone: 'good', text: 'Xero’s version of INV-0012 is accepted.' } });
    expect(store().report?.drift.find((item) => item.key === voided.key)?.accepted).toBe(true);
    // The lines on screen are read again against the new report.
    expect(host.callsTo('reconcile.lines')).toHaveLength(2);
  });

  it('closes the drawer when the item is gone, and keeps the report when the action fails', async () => {
    const removed = DRIFT[2]!;
    host.answer('reconcile.resolve', () => ({ message: 'The payment will be sent again with the next sync.', report: sampleReport({ drift: DRIFT.filter((item) => item !== removed) }) }));
    store().openDrift(removed.key);
    await store().resolve(removed.key, 'send-again');
    expect(store().openDriftKey).toBeNull();
    expect(store().report?.drift).toHaveLength(3);

    const before = store().report;
    host.answer('reconcile.resolve', () => {
      throw failure('That difference has changed since this report.', 'Compare again.');
    });
    await store().resolve(DRIFT[0]!.key, 'send-again');
    expect(store().report).toBe(before);
    expect(store().notice).toEqual({ tone: 'problem', text: 'That difference has changed since this report. Compare again.' });
  });
});

describe('the close pack', () => {
  it('is written for the report on screen and says where it went', async () => {
    const pack: ClosePack = { folder: '/home/aoife/CourseCo Xero/exports', pdf: '/home/aoife/CourseCo Xero/exports/close-pack-2026-10.pdf', csv: '/home/aoife/CourseCo Xero/exports/close-pack-2026-10.csv', pages: 3 };
    host.answer('reconcile.exportClosePack', () => pack);
    await store().exportClosePack();
    expect(host.callsTo('reconcile.exportClosePack')).toEqual([]);

    useReconcileStore.setState({ report: sampleReport({ from: '2026-10-01', to: '2026-10-31' }) });
    store().chooseMonth('2026-11');
    await store().exportClosePack();
    expect(host.callsTo('reconcile.exportClosePack')).toEqual([{ from: '2026-10-01', to: '2026-10-31' }]);
    expect(store()).toMatchObject({ exporting: false, closePack: pack, exportError: null });

    host.answer('reconcile.exportClosePack', () => {
      throw failure('The exports folder cannot be written.', 'Free some disk space.');
    });
    await store().exportClosePack();
    expect(store()).toMatchObject({ closePack: null, exportError: { message: 'The exports folder cannot be written.', fix: 'Free some disk space.' } });

    // Cancelling the desktop app's save dialog is a choice: nothing to report.
    host.answer('reconcile.exportClosePack', () => {
      throw failure('The close pack was not saved: the save dialog was cancelled.', undefined, 'ExportCancelled');
    });
    await store().exportClosePack();
    expect(store()).toMatchObject({ exporting: false, closePack: null, exportError: null });
  });
});

describe('the words', () => {
  it('says how many differences need a look, and which', () => {
    expect(verdictOf(sampleReport())).toEqual({
      tone: 'attention',
      title: '3 differences need a look',
      details: [
        '01/09/2026 to 31/10/2026: 3 changes made in Xero after sending.',
        '1 difference accepted as Xero’s version.',
        '2 documents sent by CourseCo’s own “Sync to Xero” are recognised and linked.',
        '1 transaction you excluded from Xero is counted on neither side.',
      ],
    });
    const one = verdictOf(sampleReport({ drift: [], unexplained: 1, excluded: 0, linked: { courseCoPush: 0, justNow: 0 } }));
    expect(one.title).toBe('1 difference needs a look');
    expect(one.details).toEqual(['01/09/2026 to 31/10/2026: 1 line that differs for another reason.']);
    // What is missing on one side is not a change made in Xero, and is not called one.
    const gaps = [
      { ...DRIFT[0]!, key: 'm1', kind: 'missing-in-xero' as const },
      { ...DRIFT[0]!, key: 'm2', kind: 'missing-in-xero' as const },
      { ...DRIFT[0]!, key: 'o1', kind: 'only-in-xero' as const },
      DRIFT[1]!,
    ];
    expect(verdictOf(sampleReport({ drift: gaps, excluded: 0, linked: { courseCoPush: 0, justNow: 0 } }))).toMatchObject({
      title: '4 differences need a look',
      details: ['01/09/2026 to 31/10/2026: 1 change made in Xero after sending, 2 transactions not in Xero, 1 document only in Xero.'],
    });
  });

  it('says the books match for a month, counting what was accepted', () => {
    const verdict = verdictOf({ ...matchingReport(), from: '2026-10-01', to: '2026-10-31' });
    expect(verdict.tone).toBe('good');
    expect(verdict.title).toBe('CourseCo and Xero match for October 2026');
    expect(verdict.details[0]).toBe('4 differences accepted as Xero’s version.');
  });

  it('writes dates as 26/10/2026 and differences with their sign', () => {
    expect(formatDay('2026-10-26')).toBe('26/10/2026');
    expect(rangeLabel('2028-02-01', '2028-02-29')).toBe('February 2028');
    expect(rangeLabel('2026-10-03', '2026-11-15')).toBe('03/10/2026 to 15/11/2026');
    const difference = sampleReport().periods[1]!.difference;
    expect(formatDifference(difference, 'gross', 'EUR')).toBe('−€169.00');
    expect(formatDifference(difference, 'count', 'EUR')).toBe('−1');
    expect(formatDifference(difference, 'paid', 'EUR')).toBe('€0.00');
    expect(formatDifference(sampleReport().periods[0]!.difference, 'outstanding', 'EUR')).toBe('+€61.50');
  });
});
