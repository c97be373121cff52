/**
 * Diagnostics: the guide's "What to Check" and "Common Issues" run automatically against Xero, as a live checklist
 * with the evidence and the fix for each, a re-run button, and the redacted support bundle for support.
 */
import { useEffect } from 'react';
import { PageHeading } from '../components/PageHeading';
import { CheckList } from '../diagnostics/CheckList';
import { useDiagnosticsStore } from '../diagnostics/diagnostics-store';
import { RunSummary } from '../diagnostics/RunSummary';
import { ExportPanel } from '../diagnostics/ExportPanel';
import '../diagnostics/diagnostics.css';

export function DiagnosticsPage() {
  const report = useDiagnosticsStore((s) => s.report);
  const running = useDiagnosticsStore((s) => s.running);
  const runError = useDiagnosticsStore((s) => s.runError);
  const run = useDiagnosticsStore((s) => s.run);
  const ensureReport = useDiagnosticsStore((s) => s.ensureReport);

  useEffect(() => {
    void ensureReport();
  }, [ensureReport]);

  return (
    <div className="diag-page">
      <PageHeading title="Diagnostics" lead="Checks for the problems that most often stop transactions reaching Xero, each with what was found and the fix." />
      <div className="diag-toolbar">
        <button type="button" className="button button-primary" onClick={() => void run()} disabled={running}>
          {running ? 'Running checks…' : report ? 'Run checks again' : 'Run checks'}
        </button>
        <RunSummary report={report} running={running} now={Date.now()} />
      </div>
      {runError ? (
        <div className="alert-box" role="alert">
          <p className="alert-box-title">The checks could not run: {runError.message}</p>
          {runError.fix ? <p>{runError.fix}</p> : null}
        </div>
      ) : null}
      {report ? (
        <div className="diag-groups" aria-busy={running}>
          <CheckList report={report} now={Date.now()} />
        </div>
      ) : running ? (
        <p className="diag-placeholder">Running the checks…</p>
      ) : null}
      <ExportPanel />
    </div>
  );
}
