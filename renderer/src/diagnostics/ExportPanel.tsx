/**
 * "Export support bundle": runs the checks and saves one zip (report.html, diagnostics.json, the recent sync log)
 * with secrets and tokens left out and IDs and e-mail addresses masked; says where it was saved.
 */
import { useDiagnosticsStore } from './diagnostics-store';

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`;
}

export function ExportPanel() {
  const exporting = useDiagnosticsStore((s) => s.exporting);
  const exported = useDiagnosticsStore((s) => s.exported);
  const exportError = useDiagnosticsStore((s) => s.exportError);
  const exportBundle = useDiagnosticsStore((s) => s.exportBundle);
  return (
    <section className="card panel diag-export" aria-labelledby="diag-export-title">
      <h2 id="diag-export-title" className="panel-title">
        Support bundle
      </h2>
      <p className="panel-text">
        One zip file for whoever supports you: a readable report, the checks as JSON and the recent sync log. The Client Secret and sign-in tokens are
        never included; IDs and e-mail addresses are masked.
      </p>
      <div className="diag-export-row">
        <button type="button" className="button" onClick={() => void exportBundle()} disabled={exporting}>
          {exporting ? 'Exporting…' : 'Export support bundle'}
        </button>
      </div>
      <div role="status" className="diag-export-result">
        {exported ? (
          <p>
            Saved {exported.fileName} ({size(exported.bytes)}) to <code className="diag-path">{exported.path}</code>
          </p>
        ) : null}
      </div>
      {exportError ? (
        <div className="alert-box" role="alert">
          <p className="alert-box-title">The bundle could not be saved: {exportError.message}</p>
          {exportError.fix ? <p>{exportError.fix}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
