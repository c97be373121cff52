/**
 * "Export support bundle": runs the checks and saves one zip (report.html, diagnostics.json, the recent sync log)
 * with secrets and tokens left out and IDs and e-mail addresses masked; says which folder it was saved in.
 */
import { useDiagnosticsStore } from './diagnostics-store';

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toLocaleString('en-IE', { maximumFractionDigits: 1 })} KB`;
}

/** The folder a file was saved in: where to look, without the file's own name (like the close pack's). */
function folderOf(path: string, fileName: string): string {
  return path.endsWith(fileName) ? path.slice(0, path.length - fileName.length).replace(/[\\/]+$/, '') || path : path;
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
        One file for whoever supports you: a readable report, the checks with their technical detail and the recent sync history. The Client
        Secret and the Xero sign-in are never included; IDs and e-mail addresses are masked.
      </p>
      <div className="diag-export-row">
        <button type="button" className="button" onClick={() => void exportBundle()} disabled={exporting}>
          {exporting ? 'Exporting…' : 'Export support bundle'}
        </button>
      </div>
      <div role="status" className="diag-export-result">
        {exported ? (
          <p>
            Saved the support bundle ({size(exported.bytes)}), named for today&apos;s date, in the folder <code className="diag-path">{folderOf(exported.path, exported.fileName)}</code>. Send
            it to whoever supports you.
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
