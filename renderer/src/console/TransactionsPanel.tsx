/**
 * The journal's transactions: the filter form, the selection line, the virtualized table and what to say when
 * nothing matches. Also where the console's performance marks are set (`console:first-render`, `console:filter`),
 * because only the table knows when rows are on screen.
 */
import { useCallback, useId, useMemo, useRef } from 'react';
import { useConsoleStore } from './console-store';
import { FilterForm, SelectionBar } from './Filters';
import { TransactionsTable, type TableActions } from './TransactionsTable';
import type { StatusCounts, TransactionFilter, TransactionRow } from './types';
import type { useTransactionRows } from './use-transaction-rows';

interface Props {
  counts: StatusCounts;
  filter: TransactionFilter;
  rows: ReturnType<typeof useTransactionRows>;
}

export function TransactionsPanel({ counts, filter, rows: { view, loadMore } }: Props) {
  const helpId = useId();
  const selected = useConsoleStore((s) => s.selected);
  const openId = useConsoleStore((s) => s.openId);
  const { act, toggle, toggleAll, refresh, clearFilters } = useConsoleStore.getState();
  const pendingFilterMark = useRef(false);
  const firstMarked = useRef(false);

  const previousFilter = useRef(filter);
  if (previousFilter.current !== filter) {
    previousFilter.current = filter;
    pendingFilterMark.current = true;
    performance.mark('console:filter-start');
  }

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

  const actions = useMemo<TableActions>(
    () => ({
      open: (row: TransactionRow) => useConsoleStore.getState().open(row.transactionId),
      retry: (row) => void act('retry', [row.transactionId]),
      exclude: (row) => void act('exclude', [row.transactionId]),
      include: (row) => void act('include', [row.transactionId]),
    }),
    [act],
  );

  return (
    <>
      <FilterForm counts={counts} />
      <SelectionBar view={view} />
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
        toggle={(index, checked, range) => toggle(view.rows, index, checked, range)}
        toggleAllLoaded={(checked) => toggleAll(view.rows, checked)}
        actions={actions}
        openId={openId}
        onRowsPainted={onRowsPainted}
        generation={view.generation}
        describedBy={helpId}
      />
      {view.phase === 'ready' && view.total === 0 ? (
        <p className="console-note console-no-match">
          No transaction matches these filters.{' '}
          <button type="button" className="link-button console-link-button console-inline" onClick={clearFilters}>
            Clear filters
          </button>
        </p>
      ) : null}
      <p id={helpId} className="visually-hidden">
        Up and Down arrows move between rows. Shift-click a checkbox to select a range.
      </p>
    </>
  );
}
