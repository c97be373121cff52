/**
 * The sync console: import CourseCo exports, find transactions (status, dates, text), select them, send them to
 * Xero and follow the run, fix what failed (retry, exclude), see what changed in Xero since sync, and look at any one
 * in detail. This is the layout; the state is in `console-store.ts` and each part below reads it for itself.
 */
import { useEffect, useId, useRef } from 'react';
import { followConsole, useConsoleFilter, useConsoleStore } from './console-store';
import { DetailDrawer } from './DetailDrawer';
import { EmptyConsole, ImportControls, ImportFileInput, ImportPanel } from './ImportPanel';
import { RunHistory } from './RunHistory';
import { StatusCounts } from './Filters';
import { SyncPanel } from './SyncPanel';
import { TransactionsPanel } from './TransactionsPanel';
import { useTransactionRows } from './use-transaction-rows';
import { XeroChangesStatus } from './XeroChanges';
import './console.css';

export function Console() {
  const ids = useId();
  const counts = useConsoleStore((s) => s.counts);
  const countsError = useConsoleStore((s) => s.countsError);
  const refreshKey = useConsoleStore((s) => s.refreshKey);
  const fileInput = useRef<HTMLInputElement>(null);
  const filter = useConsoleFilter();
  // Fetched from the first render, beside the counts, so the first rows are not held up by them.
  const rows = useTransactionRows(filter, refreshKey);

  useEffect(() => {
    performance.mark('console:mount');
    const store = useConsoleStore.getState();
    void store.adoptRunningSync();
    void store.loadDrift();
    const unfollow = followConsole();
    return () => {
      unfollow();
      // Like any page, the console opens fresh the next time.
      store.reset();
    };
  }, []);

  useEffect(() => {
    void useConsoleStore.getState().loadCounts();
  }, [refreshKey]);

  const chooseFile = () => fileInput.current?.click();

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
          <button type="button" className="button" onClick={useConsoleStore.getState().refresh}>
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
        <ImportFileInput ref={fileInput} />
        <ImportPanel />
        <EmptyConsole chooseFile={chooseFile} />
      </div>
    );
  }

  return (
    <div className="console">
      <ImportFileInput ref={fileInput} />
      <div className="console-toolbar">
        <ImportControls chooseFile={chooseFile} />
        <StatusCounts counts={counts} />
      </div>
      <ImportPanel />
      <SyncPanel readyCount={counts.ready} />
      <RunHistory />
      <XeroChangesStatus />
      <TransactionsPanel counts={counts} filter={filter} rows={rows} />
      <DetailDrawer />
    </div>
  );
}
