/**
 * Finding and picking transactions: the counts by status, the filter form (status, dates, search), and the
 * selection line with its bulk actions and the notice saying what the last action did.
 */
import { useEffect } from 'react';
import { DateField } from '../components/DateField';
import { isFiltered, useConsoleStore } from './console-store';
import { STATUS_LABELS, STATUS_ORDER, plural } from './format';
import type { StatusCounts as Counts, TransactionStatus } from './types';
import type { RowsView } from './use-transaction-rows';

/** Search applies this long after the last key, so typing stays smooth. */
export const SEARCH_PAUSE_MS = 150;

export function StatusCounts({ counts }: { counts: Counts }) {
  return (
    <p className="console-counts" aria-label="Transactions by status">
      {STATUS_ORDER.filter((s) => counts[s] > 0).map((s) => (
        <span key={s} className="console-count" data-status={s}>
          {STATUS_LABELS[s]} <strong>{counts[s].toLocaleString('en-IE')}</strong>
        </span>
      ))}
    </p>
  );
}

function useFiltered(): boolean {
  return useConsoleStore((s) => isFiltered(s));
}

export function FilterForm({ counts }: { counts: Counts }) {
  const status = useConsoleStore((s) => s.status);
  const from = useConsoleStore((s) => s.from);
  const to = useConsoleStore((s) => s.to);
  const textInput = useConsoleStore((s) => s.textInput);
  const filtered = useFiltered();
  const { setStatus, setFrom, setTo, setTextInput, clearFilters } = useConsoleStore.getState();

  useEffect(() => {
    const timer = setTimeout(() => useConsoleStore.getState().applyText(), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [textInput]);

  return (
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
      <DateField className="console-field" label="From" value={from} max={to || undefined} onChange={setFrom} />
      <DateField className="console-field" label="To" value={to} min={from || undefined} onChange={setTo} />
      <label className="console-field console-field-grow">
        <span>Search</span>
        <input className="field" type="search" value={textInput} placeholder="Transaction, contact, number or reference" onChange={(e) => setTextInput(e.currentTarget.value)} />
      </label>
      <button type="button" className="button" onClick={clearFilters} disabled={!filtered && !textInput}>
        Clear filters
      </button>
    </form>
  );
}

export function SelectionBar({ view }: { view: RowsView }) {
  const selected = useConsoleStore((s) => s.selected);
  const notice = useConsoleStore((s) => s.notice);
  const filtered = useFiltered();
  const { act, clearSelection, selectAllMatching } = useConsoleStore.getState();
  const selectedCount = selected.size;
  const selectedIds = [...selected];

  return (
    <div className="console-selection" aria-live="polite">
      <span className="console-muted">
        {view.phase === 'loading' ? 'Loading…' : `${plural(view.total, 'transaction')}${filtered ? (view.total === 1 ? ' matches' : ' match') : ''}`}
        {selectedCount ? ` · ${selectedCount.toLocaleString('en-IE')} selected` : ''}
      </span>
      <button type="button" className="link-button console-link-button" onClick={() => void selectAllMatching()} disabled={view.total === 0}>
        Select all {view.total.toLocaleString('en-IE')} {filtered ? 'matching' : ''}
      </button>
      {selectedCount ? (
        <>
          <button type="button" className="link-button console-link-button" onClick={clearSelection}>
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
  );
}
