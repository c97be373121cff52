/**
 * CourseCo against Xero per month (totals including VAT), as bars side by side, with the same figures as a table
 * beside it: the table is what screen readers read (the drawing is one labelled image to them), and what anyone can
 * copy. Drawn by recharts as SVG; colours come from the stylesheet (light and dark), not from the chart's props.
 */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { ReconcileReport } from '../../../contract/features/reconcile';
import { ColumnHeads } from '../components/ColumnHeads';
import { differs, formatAmount, formatDifference, formatFigure, formatMonth, formatShortMonth } from './reconcile-format';
import { ScrollBox } from './ScrollBox';
import { ReconcilePanel } from './ReconcilePanel';

interface Point {
  period: string;
  label: string;
  courseco: number;
  xero: number;
}

function compact(value: number, currency: string | null): string {
  try {
    return new Intl.NumberFormat('en-IE', { notation: 'compact', maximumFractionDigits: 1, ...(currency ? { style: 'currency', currency } : {}) }).format(value);
  } catch {
    return new Intl.NumberFormat('en-IE', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
  }
}

function ChartTip({ active, payload, currency }: Pick<TooltipContentProps, 'active' | 'payload'> & { currency: string | null }) {
  const point = payload?.[0]?.payload as Point | undefined;
  if (!active || !point) return null;
  return (
    <div className="reconcile-chart-tip">
      <p className="reconcile-chart-tip-title">{formatMonth(point.period)}</p>
      <p>CourseCo {formatAmount(point.courseco.toFixed(2), currency)}</p>
      <p>Xero {formatAmount(point.xero.toFixed(2), currency)}</p>
    </div>
  );
}

export function MonthChart({ report }: { report: ReconcileReport }) {
  const data: Point[] = report.periods.map((row) => ({ period: row.period, label: formatShortMonth(row.period), courseco: Number(row.courseco.gross), xero: Number(row.xero.gross) }));
  const summary = report.periods.length
    ? `Bar chart of the total including VAT per month, CourseCo beside Xero, ${formatMonth(report.periods[0]!.period)} to ${formatMonth(report.periods[report.periods.length - 1]!.period)}. The table beside it has the same figures.`
    : 'No months to chart.';
  return (
    <ReconcilePanel titleId="reconcile-chart-title" title="CourseCo against Xero per month">
      <div className="reconcile-chart-layout">
        <figure className="reconcile-chart">
          <ul className="reconcile-legend-list" aria-hidden="true">
            <li data-series="courseco">CourseCo</li>
            <li data-series="xero">Xero</li>
          </ul>
          <div role="img" aria-label={summary} className="reconcile-chart-area">
            <ResponsiveContainer width="100%" height={240}>
              <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 8 }} barGap={2}>
                <CartesianGrid vertical={false} />
                <XAxis dataKey="label" tickLine={false} />
                <YAxis tickFormatter={(value: number) => compact(value, report.currency)} tickLine={false} axisLine={false} width={64} />
                <Tooltip content={(props) => <ChartTip active={props.active} payload={props.payload} currency={report.currency} />} cursor={{ className: 'reconcile-chart-cursor' }} isAnimationActive={false} />
                <Bar dataKey="courseco" name="CourseCo" className="reconcile-bar-courseco" isAnimationActive={false} />
                <Bar dataKey="xero" name="Xero" className="reconcile-bar-xero" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
        <ScrollBox label="Total including VAT per month">
          <table className="reconcile-table reconcile-chart-table">
            <caption className="reconcile-caption">Total including VAT per month</caption>
            <ColumnHeads columns={['Month', 'CourseCo', 'Xero', 'Difference']} />
            <tbody>
              {report.periods.map((row) => (
                <tr key={row.period}>
                  <th scope="row">{formatMonth(row.period)}</th>
                  <td className="reconcile-num">{formatFigure(row.courseco, 'gross', report.currency)}</td>
                  <td className="reconcile-num">{formatFigure(row.xero, 'gross', report.currency)}</td>
                  <td className="reconcile-num" data-differs={differs(row.difference, 'gross') ? 'true' : undefined}>
                    {formatDifference(row.difference, 'gross', report.currency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </div>
    </ReconcilePanel>
  );
}
