/**
 * The transactions table: TanStack Table for the columns, TanStack Virtual for the rows, so only the rows in view
 * (plus a few) are in the DOM whether the journal holds forty transactions or a hundred thousand. Table semantics
 * are kept for assistive technology: `aria-rowcount` says how many rows there are in all and each rendered row
 * carries its `aria-rowindex`. Rows not fetched yet show a quiet placeholder and are fetched as they come into view.
 * Up/Down arrows move between rows, keeping to the same column.
 */
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent } from 'react';
import { STATUS_LABELS, STATUS_TONES, formatAmount, formatDate } from './format';
import type { TransactionRow } from './types';
import { FAILURE_KIND_WORDS } from '../../../contract/features/transactions';

export const ROW_HEIGHT = 44;

export interface TableActions {
  open(row: TransactionRow): void;
  retry(row: TransactionRow): void;
  exclude(row: TransactionRow): void;
  include(row: TransactionRow): void;
}

interface Props {
  rows: TransactionRow[];
  total: number;
  hasMore: boolean;
  loadMore(upTo: number): void;
  selected: ReadonlySet<string>;
  /** A row's checkbox was clicked; `range` when Shift was held. */
  toggle(index: number, checked: boolean, range: boolean): void;
  toggleAllLoaded(checked: boolean): void;
  actions: TableActions;
  openId: string | undefined;
  /** Called after the rows of a new answer are on screen (for the performance marks). */
  onRowsPainted(): void;
  generation: number;
  /** Id of the text explaining the keyboard use. */
  describedBy: string;
}

const column = createColumnHelper<TransactionRow>();

function StatusCell({ row }: { row: TransactionRow }) {
  // A failure in a few words (what kind of fix it needs); the full reason is in the tooltip and the drawer.
  const reason =
    row.status === 'failed'
      ? row.failure
        ? FAILURE_KIND_WORDS[row.failure.kind]
        : (row.lastErrorDetails[0] ?? row.lastError)
      : row.status === 'changed'
        ? 'CourseCo changed it after it was sent'
        : null;
  const title = row.status === 'failed' ? ([row.lastError, ...row.lastErrorDetails].filter(Boolean).join('\n') || undefined) : (reason ?? undefined);
  return (
    <span className="console-status">
      <span className="tone-badge console-badge" data-tone={STATUS_TONES[row.status]}>
        {STATUS_LABELS[row.status]}
      </span>
      {reason ? (
        <span className="console-reason" title={title}>
          {reason}
        </span>
      ) : null}
    </span>
  );
}

/** Shown whole, on two lines if need be; the tooltip carries the name only when even two lines cut it short. */
function ContactName({ name }: { name: string }) {
  const offerTitle = (event: MouseEvent<HTMLSpanElement>) => {
    const element = event.currentTarget;
    const cut = element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1;
    if (cut) element.title = name;
    else element.removeAttribute('title');
  };
  return (
    <span className="console-contact" onMouseEnter={offerTitle}>
      {name}
    </span>
  );
}

/** Room the longest contact name needs on one line (loaded rows; capped: a freak name wraps or is cut, not the table). */
const CONTACT_MIN = 120;
const CONTACT_MAX = 320;
const MEASURED_ROWS = 3000;
let measuringContext: CanvasRenderingContext2D | null | undefined;
function contactFit(rows: readonly TransactionRow[], font: string): number {
  measuringContext ??= typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!measuringContext || !font) return 200;
  measuringContext.font = font;
  let widest = 0;
  const seen = new Set<string>();
  // The first pages decide: the width stays put while scrolling, and measuring stays cheap at 100,000 rows.
  for (const row of rows.slice(0, MEASURED_ROWS)) {
    if (seen.has(row.contactName)) continue;
    seen.add(row.contactName);
    widest = Math.max(widest, measuringContext.measureText(row.contactName).width);
    if (widest >= CONTACT_MAX) break;
  }
  // The cell's side padding (2 × 8px) and a pixel of rounding.
  return Math.round(Math.min(CONTACT_MAX, Math.max(CONTACT_MIN, widest + 17)));
}

export function TransactionsTable(props: Props) {
  const { rows, total, hasMore, loadMore, selected, toggle, toggleAllLoaded, actions, openId, onRowsPainted, generation, describedBy } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const tableElement = useRef<HTMLDivElement>(null);
  const [font, setFont] = useState('');
  useLayoutEffect(() => {
    if (tableElement.current) setFont(getComputedStyle(tableElement.current).font);
  }, []);
  const contactWidth = useMemo(() => ({ '--console-contact-fit': `${contactFit(rows, font)}px` }) as CSSProperties, [rows, font]);
  const headerCheckbox = useRef<HTMLInputElement>(null);

  const columns = useMemo<ColumnDef<TransactionRow, string>[]>(
    () => [
      column.accessor('transactionId', {
        id: 'transactionId',
        // Where the window is narrow the date sits under the ID (the Date column gives its room to Contact).
        header: () => (
          <span className="console-head-stack" title="The transaction's ID in CourseCo (its Transaction ID)">
            CourseCo ID<span className="console-id-date"> and date</span>
          </span>
        ),
        cell: (info) => (
          <span className="console-head-stack">
            <button type="button" className="link-button console-link-button" data-col="open" onClick={() => actions.open(info.row.original)} aria-label={`Details of transaction ${info.getValue()}`}>
              {info.getValue()}
            </button>
            <span className="console-id-date console-sub">{formatDate(info.row.original.date)}</span>
          </span>
        ),
      }),
      column.accessor('date', { header: 'Date', cell: (info) => formatDate(info.getValue()) }),
      column.accessor('contactName', { header: 'Contact', cell: (info) => <ContactName name={info.getValue()} /> }),
      column.accessor((row) => row.xeroNumber ?? row.invoiceNumber ?? '', {
        id: 'number',
        header: () => <span title="The invoice or credit note number in Xero: CourseCo's invoice number, which Xero keeps when it is sent">Xero number</span>,
        cell: (info) => info.getValue() || '—',
      }),
      column.accessor('amount', {
        header: () => (
          <span className="console-numeric" title="As CourseCo states it; open a transaction for the amount before VAT, the VAT and the total as Xero will compute them">
            Amount
          </span>
        ),
        cell: (info) => <span className="console-numeric">{formatAmount(info.getValue(), info.row.original.currency)}</span>,
      }),
      column.display({ id: 'status', header: 'Status', cell: (info) => <StatusCell row={info.row.original} /> }),
      column.display({
        id: 'actions',
        header: () => <span className="visually-hidden">Actions</span>,
        cell: (info) => {
          const row = info.row.original;
          return (
            <span className="console-row-actions">
              {/* Retry only where it can help (Xero did not answer); any other failure opens its fix in the drawer. */}
              {row.status === 'failed' && row.failure?.temporary !== false ? (
                <button type="button" className="button button-small" data-col="retry" onClick={() => actions.retry(row)} aria-label={`Retry transaction ${row.transactionId}`}>
                  Retry
                </button>
              ) : row.status === 'failed' ? (
                <button type="button" className="button button-small" data-col="retry" onClick={() => actions.open(row)} aria-label={`How to fix transaction ${row.transactionId}`}>
                  Fix
                </button>
              ) : null}
              {row.status === 'changed' ? (
                // A change alters documents in Xero: it is approved in the drawer, after seeing which.
                <button type="button" className="button button-small" data-col="retry" onClick={() => actions.open(row)} aria-label={`Review the change to transaction ${row.transactionId}`}>
                  Review
                </button>
              ) : null}
              {row.status === 'excluded' ? (
                <button type="button" className="button button-small" data-col="include" onClick={() => actions.include(row)} aria-label={`Include transaction ${row.transactionId}`}>
                  Include
                </button>
              ) : row.status === 'ready' || row.status === 'failed' || row.status === 'changed' ? (
                <button type="button" className="button button-small" data-col="exclude" onClick={() => actions.exclude(row)} aria-label={`Exclude transaction ${row.transactionId}`}>
                  Exclude
                </button>
              ) : null}
            </span>
          );
        },
      }),
    ],
    [actions],
  );

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();

  // The table model holds only the rows in view: its cost stays the same at forty rows or a hundred thousand.
  const firstIndex = items.length ? items[0]!.index : 0;
  const endIndex = items.length ? items[items.length - 1]!.index + 1 : 0;
  const visible = useMemo(() => rows.slice(firstIndex, endIndex), [rows, firstIndex, endIndex]);
  const table = useReactTable({ data: visible, columns, getCoreRowModel: getCoreRowModel(), getRowId: (row) => row.transactionId });
  const modelRows = table.getRowModel().rows;

  // Fetch the next page as soon as a placeholder row comes into (or near) view.
  const lastIndex = items.length ? items[items.length - 1]!.index : 0;
  useEffect(() => {
    if (hasMore && lastIndex >= rows.length - 50) loadMore(lastIndex);
  }, [hasMore, lastIndex, rows.length, loadMore]);

  // A new filter starts at the top.
  const previousTotal = useRef(total);
  useEffect(() => {
    onRowsPainted();
    if (previousTotal.current !== total) scroller.current?.scrollTo({ top: 0 });
    previousTotal.current = total;
  }, [generation, onRowsPainted, total]);

  const loadedSelected = useMemo(() => rows.reduce((n, row) => n + (selected.has(row.transactionId) ? 1 : 0), 0), [rows, selected]);
  useEffect(() => {
    if (headerCheckbox.current) headerCheckbox.current.indeterminate = loadedSelected > 0 && loadedSelected < rows.length;
  }, [loadedSelected, rows.length]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const target = event.target as HTMLElement;
    const rowElement = target.closest<HTMLElement>('[data-index]');
    if (!rowElement) return;
    const col = target.dataset.col;
    const next = Number(rowElement.dataset.index) + (event.key === 'ArrowDown' ? 1 : -1);
    if (next < 0 || next >= rows.length) return;
    event.preventDefault();
    virtualizer.scrollToIndex(next, { align: 'auto' });
    const focusNext = (attempt: number) => {
      const element = scroller.current?.querySelector<HTMLElement>(`[data-index="${next}"] [data-col="${col ?? 'open'}"]`) ?? scroller.current?.querySelector<HTMLElement>(`[data-index="${next}"] [data-col="open"]`);
      if (element) element.focus();
      else if (attempt < 5) requestAnimationFrame(() => focusNext(attempt + 1));
    };
    requestAnimationFrame(() => focusNext(0));
  };

  const onCheckboxClick = (index: number) => (event: MouseEvent<HTMLInputElement>) => {
    toggle(index, event.currentTarget.checked, event.shiftKey);
  };

  const headers = table.getHeaderGroups()[0]!.headers;
  const allLoadedSelected = rows.length > 0 && loadedSelected === rows.length;

  return (
    <div ref={tableElement} className="card console-table" style={contactWidth} role="table" aria-label="Transactions" aria-rowcount={total + 1} aria-describedby={describedBy}>
      <div className="console-thead" role="rowgroup">
        <div className="console-row console-header-row" role="row" aria-rowindex={1}>
          <span className="console-cell console-select-cell" role="columnheader">
            <input
              ref={headerCheckbox}
              type="checkbox"
              className="console-checkbox"
              checked={allLoadedSelected}
              onChange={(event) => toggleAllLoaded(event.currentTarget.checked)}
              aria-label="Select all loaded rows"
              disabled={rows.length === 0}
            />
          </span>
          {headers.map((header) => (
            <span key={header.id} className={`console-cell console-col-${header.column.id}`} role="columnheader">
              {flexRender(header.column.columnDef.header, header.getContext())}
            </span>
          ))}
        </div>
      </div>
      <div className="console-scroller" ref={scroller} onKeyDown={onKeyDown} role="rowgroup">
        <div className="console-spacer" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {items.map((item) => {
            const modelRow = item.index < rows.length ? modelRows[item.index - firstIndex] : undefined;
            const transform = `translateY(${item.start}px)`;
            if (!modelRow) {
              return (
                <div key={`placeholder-${item.index}`} className="console-row console-placeholder" role="row" aria-rowindex={item.index + 2} style={{ transform }}>
                  <span className="console-cell console-placeholder-cell" role="cell">
                    Loading…
                  </span>
                </div>
              );
            }
            const row = modelRow.original;
            const isSelected = selected.has(row.transactionId);
            return (
              <div
                key={row.transactionId}
                className="console-row"
                role="row"
                aria-rowindex={item.index + 2}
                data-index={item.index}
                data-status={row.status}
                data-open={openId === row.transactionId ? 'true' : undefined}
                style={{ transform }}
              >
                <span className="console-cell console-select-cell" role="cell">
                  <input
                    type="checkbox"
                    className="console-checkbox"
                    data-col="select"
                    checked={isSelected}
                    onChange={() => undefined}
                    onClick={onCheckboxClick(item.index)}
                    aria-label={`Select transaction ${row.transactionId}`}
                  />
                </span>
                {modelRow.getVisibleCells().map((cell) => (
                  <span key={cell.id} className={`console-cell console-col-${cell.column.id}`} role="cell">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </span>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
