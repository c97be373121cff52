/**
 * The sync console: import CourseCo exports, find transactions (status, dates, text), select them, send them to
 * Xero and follow the run, fix what failed (retry, exclude), and look at any one in detail. Data comes only through
 * `transactions.*` and `sync.*`; the journal is the single source of truth, so every change simply refreshes.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { assistant } from '../host/assistant';
import { useAppStore } from '../state/app-store';
import { DetailDrawer } from './DetailDrawer';
import { ImportSummary, MappingForm, type MappingChoice } from './ImportReport';
import { RunHistory } from './RunHistory';
import { SyncPanel, type SyncView } from './SyncPanel';
import { STATUS_LABELS, STATUS_ORDER, errorText, plural, toBase64 } from './format';
import { syncEngine, type SyncSummary } from './sync-adapter';
import { TransactionsTable, type TableActions } from './TransactionsTable';
import type { ActionResult, ImportResult, StatusCounts, TransactionFilter, TransactionRow, TransactionStatus } from './types';
import { useTransactionRows } from './use-transaction-rows';
import './console.css';

const MAX_FILE_BYTES = 50 * 1024 * 1024;

type ImportState =
  | { phase: 'idle' }
  | { phase: 'working'; label: string }
  | { phase: 'done'; results: Array<Extract<ImportResult, { status: 'imported' }>> }
  | { phase: 'mapping'; result: Extract<ImportResult, { status: 'needs-mapping' }>; contentBase64: string }
  | { phase: 'error'; message: string; fix: string | undefined };

type Notice = { tone: 'good' | 'problem' | 'neutral'; text: string } | undefined;

function describeAction(verb: string, result: ActionResult): Notice {
  const parts: string[] = [];
  if (result.updated.length) parts.push(`${plural(result.updated.length, 'transaction')} ${verb}`);
  if (result.refused.length) {
    const first = result.refused[0]!;
    parts.push(`${plural(result.refused.length, 'transaction')} left as ${result.refused.length === 1 ? 'it was' : 'they were'} (${first.transactionId}: ${first.reason}${result.refused.length > 1 ? ', …' : ''})`);
  }
  if (!parts.length) parts.push('Nothing needed to change');
  return { tone: result.refused.length ? 'problem' : 'good', text: `${parts.join('; ')}.` };
}

export function Console() {
  const ids = useId();
  const [counts, setCounts] = useState<StatusCounts | undefined>(undefined);
  const [countsError, setCountsError] = useState<{ message: string; fix: string | undefined } | undefined>(undefined);
  const [status, setStatus] = useState<TransactionStatus | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [textInput, setTextInput] = useState('');
  const [text, setText] = useState('');
  const [refreshKey, setRefreshKey] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [openId, setOpenId] = useState<string | undefined>(undefined);
  const [importState, setImportState] = useState<ImportState>({ phase: 'idle' });
  const returnTo = useAppStore((s) => s.returnTo);
  const [amountsIncludeTax, setAmountsIncludeTax] = useState(false);
  const [syncView, setSyncView] = useState<SyncView>({ phase: 'idle' });
  const [notice, setNotice] = useState<Notice>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);
  const lastClicked = useRef<number | undefined>(undefined);
  const returnFocus = useRef<HTMLElement | null>(null);
  const pendingFilterMark = useRef(false);
  const firstMarked = useRef(false);

  useEffect(() => {
    performance.mark('console:mount');
  }, []);

  // Text filter: applied 150 ms after the last key, so typing stays smooth.
  useEffect(() => {
    const timer = setTimeout(() => setText(textInput.trim()), 150);
    return () => clearTimeout(timer);
  }, [textInput]);

  const filter = useMemo<TransactionFilter>(() => {
    const value: TransactionFilter = {};
    if (status) value.status = status;
    if (/^\d{4}-\d{2}-\d{2}$/.test(from)) value.from = from;
    if (/^\d{4}-\d{2}-\d{2}$/.test(to)) value.to = to;
    if (text) value.text = text;
    return value;
  }, [status, from, to, text]);

  const previousFilter = useRef(filter);
  if (previousFilter.current !== filter) {
    previousFilter.current = filter;
    pendingFilterMark.current = true;
    performance.mark('console:filter-start');
  }

  const { view, loadMore } = useTransactionRows(filter, refreshKey);

  const refresh = useCallback(() => setRefreshKey((k) => k + 1), []);

  useEffect(() => {
    let live = true;
    assistant()
      .transactions.counts({})
      .then(
        (value) => {
          if (!live) return;
          setCounts(value);
          setCountsError(undefined);
        },
        (error: unknown) => live && setCountsError(errorText(error)),
      );
    return () => {
      live = false;
    };
  }, [refreshKey]);

  // A run already under way (started before this page opened, or from another window) shows its progress at once.
  useEffect(() => {
    let live = true;
    syncEngine.state().then(
      (state) => {
        if (live && state?.progress && (state.state === 'running' || state.state === 'paused')) setSyncView({ phase: 'running', progress: state.progress });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  // Follow the journal: our own changes, and the sync engine's progress (at most every 1.5 s) and end.
  useEffect(() => {
    const api = assistant();
    const offChanged = api.events.transactionsChanged(() => refresh());
    // A profile switch (own ↔ sample data) or a new organisation shows up as a connection change.
    const offConnection = api.events.connectionChanged(() => refresh());
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const offProgress = syncEngine.onProgress((progress) => {
      setSyncView((current) => (current.phase === 'cancelling' ? { phase: 'cancelling', progress } : { phase: 'running', progress }));
      const wait = 1500 - (Date.now() - last);
      if (wait <= 0) {
        last = Date.now();
        refresh();
      } else if (!timer) {
        timer = setTimeout(() => {
          timer = undefined;
          last = Date.now();
          refresh();
        }, wait);
      }
    });
    const offFinished = syncEngine.onFinished((summary: SyncSummary) => {
      setSyncView({ phase: 'finished', summary });
      refresh();
    });
    return () => {
      offChanged();
      offConnection();
      offProgress();
      offFinished();
      if (timer) clearTimeout(timer);
    };
  }, [refresh]);

  const onRowsPainted = useCallback(() => {
    if (view.phase !== 'ready') return;
    if (!firstMarked.current && view.rows.length > 0) {
      firstMarked.current = true;
      performance.mark('console:first-rows');
      performance.measure('console:first-render', 'console:mount', 'console:first-rows');
      pendingFilterMark.current = false;
    } else if (pendingFilterMark.current) {
      pendingFilterMark.current = false;
      performance.mark('console:filter-rows');
      performance.measure('console:filter', 'console:filter-start', 'console:filter-rows');
    }
  }, [view.phase, view.rows.length]);

  // ---- selection ----------------------------------------------------------------------------------------------
  const toggle = useCallback(
    (index: number, checked: boolean, range: boolean) => {
      // Read the anchor now: the updater below runs later, after it has moved.
      const anchor = range ? lastClicked.current : undefined;
      const start = anchor !== undefined ? Math.min(anchor, index) : index;
      const end = anchor !== undefined ? Math.max(anchor, index) : index;
      setSelected((current) => {
        const next = new Set(current);
        for (let i = start; i <= end; i++) {
          const row = view.rows[i];
          if (!row) continue;
          if (checked) next.add(row.transactionId);
          else next.delete(row.transactionId);
        }
        return next;
      });
      lastClicked.current = index;
    },
    [view.rows],
  );

  const toggleAllLoaded = useCallback(
    (checked: boolean) => {
      setSelected((current) => {
        const next = new Set(current);
        for (const row of view.rows) {
          if (checked) next.add(row.transactionId);
          else next.delete(row.transactionId);
        }
        return next;
      });
    },
    [view.rows],
  );

  const selectAllMatching = async () => {
    try {
      const answer = await assistant().transactions.ids(filter);
      setSelected(new Set(answer.ids));
      setNotice({ tone: 'neutral', text: `${plural(answer.ids.length, 'transaction')} selected.` });
    } catch (error) {
      setNotice({ tone: 'problem', text: errorText(error).message });
    }
  };

  // ---- actions ------------------------------------------------------------------------------------------------
  const act = useCallback(
    async (action: 'exclude' | 'include' | 'retry', transactionIds: string[]) => {
      if (transactionIds.length === 0) return;
      const verbs = { exclude: 'excluded', include: 'included again', retry: 'queued to retry' } as const;
      try {
        // What changed comes back as transactions.changed, which refreshes the table (above).
        const result = await assistant().transactions[action]({ ids: transactionIds });
        setNotice(describeAction(verbs[action], result));
      } catch (error) {
        const { message, fix } = errorText(error);
        setNotice({ tone: 'problem', text: `${message}${fix ? ` ${fix}` : ''}` });
        refresh();
      }
    },
    [refresh],
  );

  const actions = useMemo<TableActions>(
    () => ({
      open: (row: TransactionRow) => {
        returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        setOpenId(row.transactionId);
      },
      retry: (row) => void act('retry', [row.transactionId]),
      exclude: (row) => void act('exclude', [row.transactionId]),
      include: (row) => void act('include', [row.transactionId]),
    }),
    [act],
  );

  const closeDrawer = useCallback(() => {
    setOpenId(undefined);
    returnFocus.current?.focus();
  }, []);

  // ---- import -------------------------------------------------------------------------------------------------
  const sendImport = async (fileName: string, contentBase64: string, extra: Partial<MappingChoice> = {}) => {
    const result = await assistant().transactions.import({ fileName, contentBase64, amountsIncludeTax, ...extra });
    if (result.status === 'needs-mapping') setImportState({ phase: 'mapping', result, contentBase64 });
    else setImportState({ phase: 'done', results: [result] });
  };

  const importFile = async (file: File) => {
    if (file.size > MAX_FILE_BYTES) {
      setImportState({ phase: 'error', message: `${file.name} is larger than 50 MB.`, fix: 'Export a shorter date range from CourseCo and import the files one after another.' });
      return;
    }
    setImportState({ phase: 'working', label: `Importing ${file.name}…` });
    try {
      const contentBase64 = toBase64(new Uint8Array(await file.arrayBuffer()));
      await sendImport(file.name, contentBase64);
    } catch (error) {
      setImportState({ phase: 'error', ...errorText(error) });
    }
  };

  const importMapped = async (choice: MappingChoice) => {
    if (importState.phase !== 'mapping') return;
    const { result, contentBase64 } = importState;
    setImportState({ phase: 'working', label: `Importing ${result.fileName}…` });
    try {
      await sendImport(result.fileName, contentBase64, choice);
    } catch (error) {
      setImportState({ phase: 'error', ...errorText(error) });
    }
  };

  const loadSample = async () => {
    setImportState({ phase: 'working', label: 'Importing the sample CourseCo exports…' });
    try {
      const { imports } = await assistant().transactions.sampleData({});
      setImportState({ phase: 'done', results: imports.filter((r): r is Extract<ImportResult, { status: 'imported' }> => r.status === 'imported') });
    } catch (error) {
      setImportState({ phase: 'error', ...errorText(error) });
    }
  };

  const chooseFile = () => fileInput.current?.click();

  // ---- sync ---------------------------------------------------------------------------------------------------
  const runSync = async (request: { transactionIds: string[] } | { all: true }, requested: number) => {
    setSyncView({ phase: 'starting', requested });
    try {
      // The run's end also arrives as sync.finished, which refreshes the table (above).
      const summary = await syncEngine.run(request);
      setSyncView({ phase: 'finished', summary });
      if ('transactionIds' in request) setSelected(new Set());
    } catch (error) {
      setSyncView({ phase: 'error', ...errorText(error) });
      refresh();
    }
  };

  const cancelSync = async () => {
    setSyncView((current) => ({ phase: 'cancelling', progress: current.phase === 'running' ? current.progress : undefined }));
    try {
      await syncEngine.cancel();
    } catch (error) {
      setSyncView({ phase: 'error', ...errorText(error) });
    }
  };

  const clearFilters = () => {
    setStatus('');
    setFrom('');
    setTo('');
    setTextInput('');
    setText('');
  };

  // ---- render -------------------------------------------------------------------------------------------------
  const fileControl = (
    <input
      ref={fileInput}
      type="file"
      accept=".csv,text/csv"
      className="visually-hidden"
      tabIndex={-1}
      aria-label="CourseCo export file"
      onChange={(event) => {
        const file = event.currentTarget.files?.[0];
        event.currentTarget.value = '';
        if (file) void importFile(file);
      }}
    />
  );

  const importPanel =
    importState.phase === 'idle' ? null : (
      <section className="card console-panel console-import" aria-labelledby={`${ids}-import`} aria-live="polite">
        <div className="console-panel-head">
          <h2 id={`${ids}-import`} className="console-panel-title">
            Import
          </h2>
          {importState.phase === 'done' || importState.phase === 'error' ? (
            <button type="button" className="button" onClick={() => setImportState({ phase: 'idle' })}>
              Dismiss
            </button>
          ) : null}
        </div>
        {importState.phase === 'working' ? <p className="console-note">{importState.label}</p> : null}
        {importState.phase === 'error' ? (
          <p className="console-text" data-tone="problem">
            {importState.message} {importState.fix}
          </p>
        ) : null}
        {importState.phase === 'done' ? importState.results.map((result) => <ImportSummary key={result.fileName} result={result} />) : null}
        {importState.phase === 'done' && returnTo && importState.results.some((r) => r.imported + r.updated > 0) ? (
          <button type="button" className="button button-primary console-return" onClick={() => useAppStore.getState().navigate(returnTo.page)}>
            {returnTo.label}
          </button>
        ) : null}
        {importState.phase === 'mapping' ? (
          <MappingForm result={importState.result} busy={false} onSubmit={(choice) => void importMapped(choice)} onCancel={() => setImportState({ phase: 'idle' })} />
        ) : null}
      </section>
    );

  if (countsError && !counts) {
    return (
      <div className="console">
        <section className="card console-panel" aria-labelledby={`${ids}-error`}>
          <h2 id={`${ids}-error`} className="console-panel-title">
            The transactions could not be loaded
          </h2>
          <p className="console-text" data-tone="problem">
            {countsError.message} {countsError.fix}
          </p>
          <button type="button" className="button" onClick={refresh}>
            Try again
          </button>
        </section>
      </div>
    );
  }

  if (!counts) {
    return (
      <div className="console" aria-busy="true">
        <p className="console-note console-loading">Loading transactions…</p>
      </div>
    );
  }

  if (counts.total === 0) {
    return (
      <div className="console">
        {fileControl}
        {importPanel}
        <section className="card console-panel console-empty" aria-labelledby={`${ids}-empty`}>
          <h2 id={`${ids}-empty`} className="console-panel-title">
            No transactions yet
          </h2>
          <p className="console-text">
            Import the <strong>Xero Transactions</strong> report you export from CourseCo (as CSV), then its payments report. Or try the console with sample data from a fictional Irish training centre.
          </p>
          <div className="console-actions">
            <button type="button" className="button button-primary" onClick={chooseFile} disabled={importState.phase === 'working'}>
              Import a CourseCo export…
            </button>
            <button type="button" className="button" onClick={() => void loadSample()} disabled={importState.phase === 'working'}>
              Try with sample data
            </button>
          </div>
        </section>
      </div>
    );
  }

  const filtered = Boolean(status || from || to || text);
  const selectedCount = selected.size;
  const selectedIds = [...selected];

  return (
    <div className="console">
      {fileControl}
      <div className="console-toolbar">
        <div className="console-import-controls">
          <button type="button" className="button" onClick={chooseFile} disabled={importState.phase === 'working'}>
            Import CourseCo export…
          </button>
          <label className="console-check">
            <input type="checkbox" checked={amountsIncludeTax} onChange={(e) => setAmountsIncludeTax(e.currentTarget.checked)} />
            <span>Prices include VAT</span>
          </label>
        </div>
        <p className="console-counts" aria-label="Transactions by status">
          {STATUS_ORDER.filter((s) => counts[s] > 0).map((s) => (
            <span key={s} className="console-count" data-status={s}>
              {STATUS_LABELS[s]} <strong>{counts[s].toLocaleString('en-IE')}</strong>
            </span>
          ))}
        </p>
      </div>

      {importPanel}

      <SyncPanel
        view={syncView}
        selectedCount={selectedCount}
        readyCount={counts.ready}
        onSyncSelected={() => void runSync({ transactionIds: selectedIds }, selectedCount)}
        onSyncAll={() => void runSync({ all: true }, counts.ready)}
        onCancel={() => void cancelSync()}
        onPause={() => void syncEngine.pause().catch((error: unknown) => setSyncView({ phase: 'error', ...errorText(error) }))}
        onResume={() => void syncEngine.resume().catch((error: unknown) => setSyncView({ phase: 'error', ...errorText(error) }))}
        onShowFailed={() => setStatus('failed')}
      />

      <form className="console-filters" role="search" aria-label="Filter transactions" onSubmit={(e) => e.preventDefault()}>
        <label className="console-field">
          <span>Status</span>
          <select className="field" value={status} onChange={(e) => setStatus(e.currentTarget.value as TransactionStatus | '')}>
            <option value="">All ({counts.total.toLocaleString('en-IE')})</option>
            {STATUS_ORDER.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]} ({counts[s].toLocaleString('en-IE')})
              </option>
            ))}
          </select>
        </label>
        <label className="console-field">
          <span>From</span>
          <input className="field" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label className="console-field">
          <span>To</span>
          <input className="field" type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        </label>
        <label className="console-field console-field-grow">
          <span>Search</span>
          <input className="field" type="search" value={textInput} placeholder="Transaction, contact, number or reference" onChange={(e) => setTextInput(e.currentTarget.value)} />
        </label>
        <button type="button" className="button" onClick={clearFilters} disabled={!filtered && !textInput}>
          Clear filters
        </button>
      </form>

      <div className="console-selection" aria-live="polite">
        <span className="console-muted">
          {view.phase === 'loading' ? 'Loading…' : `${plural(view.total, 'transaction')}${filtered ? ' match' : ''}`}
          {selectedCount ? ` · ${selectedCount.toLocaleString('en-IE')} selected` : ''}
        </span>
        <button type="button" className="link-button console-link-button" onClick={() => void selectAllMatching()} disabled={view.total === 0}>
          Select all {view.total.toLocaleString('en-IE')} {filtered ? 'matching' : ''}
        </button>
        {selectedCount ? (
          <>
            <button
              type="button"
              className="link-button console-link-button"
              onClick={() => {
                setSelected(new Set());
                setNotice(undefined);
              }}
            >
              Clear selection
            </button>
            <button type="button" className="button button-small" onClick={() => void act('retry', selectedIds)}>
              Retry selected
            </button>
            <button type="button" className="button button-small" onClick={() => void act('exclude', selectedIds)}>
              Exclude selected
            </button>
            <button type="button" className="button button-small" onClick={() => void act('include', selectedIds)}>
              Include selected
            </button>
          </>
        ) : null}
        {notice ? (
          <span className="console-notice" data-tone={notice.tone}>
            {notice.text}
          </span>
        ) : null}
      </div>

      {view.phase === 'error' ? (
        <p className="console-text" data-tone="problem">
          {view.error?.message} {view.error?.fix}{' '}
          <button type="button" className="link-button console-link-button console-inline" onClick={refresh}>
            Try again
          </button>
        </p>
      ) : null}

      <TransactionsTable
        rows={view.rows}
        total={view.total}
        hasMore={view.hasMore}
        loadMore={loadMore}
        selected={selected}
        toggle={toggle}
        toggleAllLoaded={toggleAllLoaded}
        actions={actions}
        openId={openId}
        onRowsPainted={onRowsPainted}
        generation={view.generation}
        describedBy={`${ids}-table-help`}
      />
      {view.phase === 'ready' && view.total === 0 ? (
        <p className="console-note console-no-match">
          No transaction matches these filters.{' '}
          <button type="button" className="link-button console-link-button console-inline" onClick={clearFilters}>
            Clear filters
          </button>
        </p>
      ) : null}
      <p id={`${ids}-table-help`} className="visually-hidden">
        Up and Down arrows move between rows. Shift-click a checkbox to select a range.
      </p>

      <RunHistory refreshKey={refreshKey} />

      {openId ? (
        <DetailDrawer
          transactionId={openId}
          refreshKey={refreshKey}
          onClose={closeDrawer}
          onRetry={(row) => void act('retry', [row.transactionId])}
          onExclude={(row) => void act('exclude', [row.transactionId])}
          onInclude={(row) => void act('include', [row.transactionId])}
        />
      ) : null}
    </div>
  );
}
