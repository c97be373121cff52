/**
 * Reconcile: does Xero still hold what the assistant sent? The period to compare, the verdict first, then the
 * figures by month (table and chart), split by VAT rate, account and payment method, the changes made in Xero with
 * what to do about each, the lines behind any figure, and the close pack for the accountant.
 */
import { lazy, Suspense, useEffect } from 'react';
import { PageHeading } from '../components/PageHeading';
import { Breakdowns } from '../reconcile/Breakdowns';
import { ClosePackPanel } from '../reconcile/ClosePackPanel';
import { DriftDrawer } from '../reconcile/DriftDrawer';
import { DriftList } from '../reconcile/DriftList';
import { PeriodTable } from '../reconcile/FiguresTable';
import { LinesPanel } from '../reconcile/LinesPanel';
import { RangePicker } from '../reconcile/RangePicker';
import { followReconcile, useReconcileStore } from '../reconcile/reconcile-store';
import { Verdict } from '../reconcile/Verdict';
import '../reconcile/reconcile.css';

// The chart library is most of this page's weight: it loads when the page first shows a report, not with the app.
const MonthChart = lazy(() => import('../reconcile/MonthChart').then((module) => ({ default: module.MonthChart })));

export function ReconcilePage() {
  const report = useReconcileStore((s) => s.report);
  const running = useReconcileStore((s) => s.running);
  const runError = useReconcileStore((s) => s.runError);
  const ensureReport = useReconcileStore((s) => s.ensureReport);

  useEffect(() => followReconcile(), []);
  useEffect(() => {
    void ensureReport();
  }, [ensureReport]);

  return (
    <div className="reconcile">
      <PageHeading
        title="Reconcile"
        lead="CourseCo’s figures beside what Xero holds now, month by month: what was changed in Xero after sending, and what to do about it."
      />
      <RangePicker />
      {runError ? (
        <div className="alert-box" role="alert">
          <p className="alert-box-title">The comparison could not run: {runError.message}</p>
          {runError.fix ? <p>{runError.fix}</p> : null}
        </div>
      ) : null}
      {report ? (
        <div className="reconcile-report" aria-busy={running}>
          <Verdict report={report} />
          <DriftList report={report} />
          <PeriodTable report={report} />
          <LinesPanel report={report} />
          <Suspense fallback={<p className="reconcile-placeholder">Drawing the chart…</p>}>
            <MonthChart report={report} />
          </Suspense>
          <Breakdowns report={report} />
          <ClosePackPanel report={report} />
          <DriftDrawer report={report} />
        </div>
      ) : running ? null : (
        <p className="reconcile-placeholder">Nothing compared yet. Choose a month and compare: the assistant reads what Xero holds and puts it beside CourseCo’s figures.</p>
      )}
    </div>
  );
}
