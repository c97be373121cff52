/**
 * The period table: for each month, CourseCo's figures, Xero's and the difference (Xero less CourseCo) for the number
 * of documents, before VAT, VAT, total, paid and outstanding; then the whole range's total. Each month opens its lines.
 */
import type { Comparison, ReconcileReport } from '../../../contract/features/reconcile';
import { differs, formatDifference, formatFigure, formatMonth, MEASURE_LABELS, MEASURES, rangeLabel, type Measure } from './reconcile-format';
import { ScrollBox } from './ScrollBox';
import { useReconcileStore } from './reconcile-store';
import { ReconcilePanel } from './ReconcilePanel';

const SIDES = [
  { side: 'courseco', label: 'CourseCo' },
  { side: 'xero', label: 'Xero' },
  { side: 'difference', label: 'Difference' },
] as const;

/** One group's three rows (CourseCo, Xero, difference) under its title, with a button opening its lines. */
export function ComparisonGroup({ title, comparison, currency, measures = MEASURES, onShow }: { title: string; comparison: Comparison; currency: string | null; measures?: readonly Measure[]; onShow?: () => void }) {
  return (
    <tbody className="reconcile-group">
      {SIDES.map(({ side, label }, index) => (
        <tr key={side} data-side={side}>
          {index === 0 ? (
            <th scope="rowgroup" rowSpan={3} className="reconcile-group-head">
              <span className="reconcile-group-title">{title}</span>
              {onShow ? (
                <button type="button" className="link-button reconcile-show" onClick={onShow} aria-label={`Show the lines of ${title}`}>
                  Show lines
                </button>
              ) : null}
            </th>
          ) : null}
          <th scope="row" className="reconcile-side">
            {label}
          </th>
          {measures.map((measure) => (
            <td key={measure} className="reconcile-num" data-differs={side === 'difference' && differs(comparison.difference, measure) ? 'true' : undefined}>
              {side === 'difference' ? formatDifference(comparison.difference, measure, currency) : formatFigure(comparison[side], measure, currency)}
            </td>
          ))}
        </tr>
      ))}
    </tbody>
  );
}

export function PeriodTable({ report }: { report: ReconcileReport }) {
  const drillDown = useReconcileStore((s) => s.drillDown);
  return (
    <ReconcilePanel titleId="reconcile-periods-title" title="By month">
      <p className="reconcile-note">Difference is Xero’s figure less CourseCo’s. Credit notes count as negative on both sides.</p>
      <ScrollBox label="Figures by month">
        <table className="reconcile-table reconcile-figures">
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">
                <span className="visually-hidden">Side</span>
              </th>
              {MEASURES.map((measure) => (
                <th key={measure} scope="col" className="reconcile-num">
                  {MEASURE_LABELS[measure]}
                </th>
              ))}
            </tr>
          </thead>
          {report.periods.map((row) => (
            <ComparisonGroup key={row.period} title={formatMonth(row.period)} comparison={row} currency={report.currency} onShow={() => void drillDown({ kind: 'period', period: row.period })} />
          ))}
          {report.periods.length !== 1 ? (
            <ComparisonGroup title={`All of ${rangeLabel(report.from, report.to)}`} comparison={report.total} currency={report.currency} />
          ) : null}
        </table>
      </ScrollBox>
      {report.periods.length === 0 ? <p className="reconcile-text">Neither CourseCo nor Xero has anything in this period.</p> : null}
    </ReconcilePanel>
  );
}
