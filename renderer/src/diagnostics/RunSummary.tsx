/** One line after the re-run button: when the checks ran and how many passed, warned, failed or could not run. */
import type { DiagnosticsReport } from './types';

function time(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function RunSummary({ report, running }: { report: DiagnosticsReport | null; running: boolean }) {
  let text = '';
  if (running) text = 'Running the checks…';
  else if (report) {
    const s = report.summary;
    const parts = [`${s.pass} passed`, `${s.warn} warning${s.warn === 1 ? '' : 's'}`, `${s.fail} failed`, ...(s.notRun ? [`${s.notRun} not run`] : [])];
    text = `Last run at ${time(report.ranAt)}: ${parts.join(', ')}.`;
  }
  return (
    <p className="diag-run-summary" role="status">
      {text}
    </p>
  );
}
