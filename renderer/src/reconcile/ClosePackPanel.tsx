/**
 * The accountant's close pack: the report on screen as a PDF and every line as a spreadsheet (CSV), saved together;
 * says in words which folder they went to (the files are named for the period; their names stay off the screen).
 */
import type { ReconcileReport } from '../../../contract/features/reconcile';
import { plural, rangeLabel } from './reconcile-format';
import { useReconcileStore } from './reconcile-store';
import { ReconcilePanel } from './ReconcilePanel';

export function ClosePackPanel({ report }: { report: ReconcileReport }) {
  const exporting = useReconcileStore((s) => s.exporting);
  const closePack = useReconcileStore((s) => s.closePack);
  const exportError = useReconcileStore((s) => s.exportError);
  const exportClosePack = useReconcileStore((s) => s.exportClosePack);
  return (
    <ReconcilePanel titleId="reconcile-pack-title" title="Close pack for your accountant">
      <p className="reconcile-text">
        The reconciliation of {rangeLabel(report.from, report.to)} as a PDF, and every line behind it as a spreadsheet file (CSV).
      </p>
      <button type="button" className="button" onClick={() => void exportClosePack()} disabled={exporting}>
        {exporting ? 'Exporting…' : 'Export close pack'}
      </button>
      <div role="status" className="reconcile-pack-result">
        {closePack ? (
          <p className="reconcile-text">
            Saved in the folder <code className="reconcile-path">{closePack.folder}</code>: the report as a PDF ({plural(closePack.pages, 'page')}) and every
            line as a spreadsheet (CSV), both named for {rangeLabel(report.from, report.to)}.
          </p>
        ) : null}
      </div>
      {exportError ? (
        <div className="alert-box" role="alert">
          <p className="alert-box-title">The close pack could not be saved: {exportError.message}</p>
          {exportError.fix ? <p>{exportError.fix}</p> : null}
        </div>
      ) : null}
    </ReconcilePanel>
  );
}
