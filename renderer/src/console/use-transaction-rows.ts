/**
 * The console's window onto the journal: the first page for the current filter, further pages fetched on demand
 * as the table scrolls towards them (keyset paging, newest first), and a refresh that keeps what is on screen
 * until the new answer is in, so nothing flashes or jumps.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TransactionFilter, TransactionRow } from './types';
import { assistant } from '../host/assistant';
import { errorText } from './format';

export const FIRST_PAGE = 100;
const NEXT_PAGE = 2000;
const MAX_PAGE = 5000;

export interface RowsView {
  rows: TransactionRow[];
  total: number;
  /** `loading` only before the first answer for a filter; later fetches keep the rows on screen. */
  phase: 'loading' | 'ready' | 'error';
  error: { message: string; fix: string | undefined } | undefined;
  /** Bumps each time a new answer for a new filter (or a refresh) is on screen. */
  generation: number;
  hasMore: boolean;
}

export function useTransactionRows(filter: TransactionFilter, refreshKey: number) {
  const [view, setView] = useState<RowsView>({ rows: [], total: 0, phase: 'loading', error: undefined, generation: 0, hasMore: false });
  const cursor = useRef<string | null>(null);
  const request = useRef(0);
  const loadingMore = useRef(false);
  const loaded = useRef(0);
  const lastFilter = useRef<string>('');

  useEffect(() => {
    const key = JSON.stringify(filter);
    const sameFilter = key === lastFilter.current;
    lastFilter.current = key;
    const id = ++request.current;
    loadingMore.current = false;
    // A refresh of the same filter reloads as many rows as are already on screen, so the scroll position holds.
    const limit = sameFilter ? Math.min(MAX_PAGE, Math.max(FIRST_PAGE, loaded.current)) : FIRST_PAGE;
    if (!sameFilter) setView((v) => ({ ...v, phase: v.generation === 0 ? 'loading' : v.phase }));
    assistant()
      .transactions.list({ ...filter, limit })
      .then(
        (page) => {
          if (id !== request.current) return;
          cursor.current = page.nextCursor;
          loaded.current = page.rows.length;
          setView((v) => ({ rows: page.rows, total: page.total, phase: 'ready', error: undefined, generation: v.generation + 1, hasMore: page.nextCursor !== null }));
        },
        (error: unknown) => {
          if (id !== request.current) return;
          setView((v) => ({ ...v, phase: 'error', error: errorText(error) }));
        },
      );
  }, [filter, refreshKey]);

  /** Fetches the next page; `upTo` (a row index in view) makes it a bigger one when the scrollbar jumped far ahead. */
  const loadMore = useCallback((upTo = 0) => {
    const after = cursor.current;
    if (!after || loadingMore.current) return;
    loadingMore.current = true;
    const id = request.current;
    const limit = Math.min(MAX_PAGE, Math.max(NEXT_PAGE, upTo - loaded.current + 200));
    assistant()
      .transactions.list({ ...filter, limit, after })
      .then(
        (page) => {
          if (id !== request.current) return;
          loadingMore.current = false;
          cursor.current = page.nextCursor;
          setView((v) => {
            const rows = v.rows.concat(page.rows);
            loaded.current = rows.length;
            return { ...v, rows, total: page.total, hasMore: page.nextCursor !== null };
          });
        },
        () => {
          loadingMore.current = false;
        },
      );
  }, [filter]);

  return { view, loadMore };
}
