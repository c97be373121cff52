/**
 * The lines behind a figure: each transaction (or document only Xero holds) with CourseCo's total, Xero's and the
 * difference, who put it in Xero, the drift or note explaining it, and the document in Xero. Opened from a month, a
 * split's group, the verdict or a drift item; its heading takes the focus so keyboard and screen-reader users land on it.
 * The document number opens it in Xero. TanStack Table for the columns, as in the console; pages of 200 lines, "Show
 * more" for the next.
 */
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useEffect, useMemo, useRef } from 'react';
import type { ReconcileLine, ReconcileReport } from '../../../contract/features/reconcile';
import { revealInPane } from '../components/reveal';
import { DIMENSION_LABELS, differs, DRIFT_LABELS, formatDay, formatDifference, formatFigure, formatMonth, plural, rangeLabel } from './reconcile-format';
import { ScrollBox } from './ScrollBox';
import { useReconcileStore, type DrillTarget } from './reconcile-store';

/** Who put the document in Xero, under the column "Sent by". */
export const ORIGIN_LABELS: Record<ReconcileLine['origin'], string> = {
  assistant: 'The assistant',
  'courseco-push': 'CourseCo’s “Sync to Xero”',
  none: 'Not sent yet',
  'xero-only': 'Someone in Xero',
};

export function drillTitle(target: DrillTarget, report: ReconcileReport): string {
  switch (target.kind) {
    case 'period':
      return `Lines of ${formatMonth(target.period)}`;
    case 'breakdown':
      return `Lines by ${DIMENSION_LABELS[target.dimension].toLowerCase()}: ${target.label}`;
    case 'differences':
      return `Lines that differ, ${rangeLabel(report.from, report.to)}`;
    case 'drift':
      return `Lines that differ in ${formatMonth(target.item.period)}`;
  }
}

const column = createColumnHelper<ReconcileLine>();

export function LinesPanel({ report }: { report: ReconcileReport }) {
  const drill = useReconcileStore((s) => s.drill);
  const { moreLines, closeDrill } = useReconcileStore.getState();
  const heading = useRef<HTMLHeadingElement>(null);
  const target = drill?.target;

  // A new drill-down brings its lines into view and the focus onto their heading.
  useEffect(() => {
    if (!target || !heading.current) return;
    revealInPane(heading.current);
    heading.current.focus();
  }, [target]);

  const currency = report.currency;
  const columns = useMemo<ColumnDef<ReconcileLine, string>[]>(
    () => [
      column.accessor((row) => row.transactionId ?? 'None in CourseCo', {
        id: 'transaction',
        header: 'Transaction',
        cell: (info) => {
          const line = info.row.original;
          const document = line.documentNumber ?? (line.xeroId ? 'No number' : 'Not in Xero');
          return (
            <>
              {info.getValue()}
              <span className="reconcile-sub">
                {line.xeroUrl ? (
                  <a href={line.xeroUrl} target="_blank" rel="noreferrer noopener" aria-label={`Open ${line.documentNumber ?? 'the document'} in Xero`}>
                    {document}
                  </a>
                ) : (
                  document
                )}{' '}
                · {formatDay(line.date)}
              </span>
            </>
          );
        },
      }),
      column.accessor('contactName', { header: 'Contact' }),
      column.accessor((row) => formatFigure(row.courseco, 'gross', currency), { id: 'courseco', header: () => <span className="reconcile-num">CourseCo total</span>, cell: (info) => <span className="reconcile-num">{info.getValue()}</span> }),
      column.accessor((row) => formatFigure(row.xero, 'gross', currency), { id: 'xero', header: () => <span className="reconcile-num">Xero total</span>, cell: (info) => <span className="reconcile-num">{info.getValue()}</span> }),
      column.display({
        id: 'difference',
        header: () => <span className="reconcile-num">Difference</span>,
        cell: (info) => {
          const line = info.row.original;
          const paid = differs(line.difference, 'paid');
          return (
            <span className="reconcile-num">
              <span data-differs={differs(line.difference, 'gross') ? 'true' : undefined}>{formatDifference(line.difference, 'gross', currency)}</span>
              {paid ? (
                <span className="reconcile-sub" data-differs="true">
                  paid {formatDifference(line.difference, 'paid', currency)}
                </span>
              ) : null}
            </span>
          );
        },
      }),
      column.display({
        id: 'why',
        header: 'Sent by',
        cell: (info) => {
          const line = info.row.original;
          return (
            <span className="reconcile-why">
              <span>{ORIGIN_LABELS[line.origin]}</span>
              {line.drift.map((kind) => (
                <span key={kind} className="tone-badge reconcile-badge" data-tone="attention">
                  {DRIFT_LABELS[kind]}
                </span>
              ))}
              {line.note ? <span className="reconcile-sub">{line.note}</span> : null}
            </span>
          );
        },
      }),
    ],
    [currency],
  );

  const rows = drill?.rows ?? [];
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel(), getRowId: (row, index) => `${row.transactionId ?? row.xeroId ?? 'row'}-${index}` });
  if (!drill || !target) return null;

  const marked = target.kind === 'drift' ? target.item : undefined;
  const isMarked = (line: ReconcileLine) => Boolean(marked && ((marked.transactionId && line.transactionId === marked.transactionId) || (marked.xeroId && line.xeroId === marked.xeroId)));
  return (
    <section className="card reconcile-panel reconcile-lines" aria-labelledby="reconcile-lines-title" aria-busy={drill.loading}>
      <div className="reconcile-panel-head">
        <h2 id="reconcile-lines-title" className="reconcile-panel-title" tabIndex={-1} ref={heading}>
          {drillTitle(target, report)}
        </h2>
        <button type="button" className="button button-small" onClick={closeDrill}>
          Close lines
        </button>
      </div>
      {target.kind === 'breakdown' ? <p className="reconcile-note">Each line shows its whole document’s totals; the split above counts only its part.</p> : null}
      {drill.error ? (
        <p className="reconcile-text" data-tone="problem" role="alert">
          The lines could not be read: {drill.error.message} {drill.error.fix ?? ''}
        </p>
      ) : null}
      {!drill.loading && !drill.error && rows.length === 0 ? <p className="reconcile-text">No lines.</p> : null}
      {rows.length > 0 ? (
        <ScrollBox label="Lines">
          <table className="reconcile-table reconcile-lines-table">
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => (
                    <th key={header.id} scope="col">
                      {flexRender(header.column.columnDef.header, header.getContext())}
                    </th>
                  ))}
                </tr>
              ))}
            </thead>
            <tbody>
              {table.getRowModel().rows.map((row) => (
                <tr key={row.id} data-marked={isMarked(row.original) ? 'true' : undefined}>
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      ) : null}
      <div className="reconcile-lines-foot">
        <p className="reconcile-note" role="status">
          {drill.loading ? 'Reading the lines…' : `Showing ${plural(rows.length, 'line')} of ${drill.total.toLocaleString('en-IE')}.`}
        </p>
        {drill.nextCursor && !drill.loading ? (
          <button type="button" className="button button-small" onClick={() => void moreLines()}>
            Show more
          </button>
        ) : null}
      </div>
    </section>
  );
}
