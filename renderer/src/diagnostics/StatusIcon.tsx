/** A check's status as an icon plus a word, so it never depends on colour alone. */
import type { DiagnosticCheck } from './types';

export const STATUS_WORDS: Record<DiagnosticCheck['status'], string> = { pass: 'Passed', warn: 'Warning', fail: 'Failed', 'not-run': 'Not run' };

export function StatusIcon({ status }: { status: DiagnosticCheck['status'] | 'running' }) {
  return (
    <svg className="diag-icon" data-status={status} width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <circle cx="10" cy="10" r="9" className="diag-icon-disc" />
      {status === 'pass' ? <path d="M5.5 10.5l3 3 6-7" className="diag-icon-mark" /> : null}
      {status === 'warn' ? <path d="M10 5v6M10 14v.5" className="diag-icon-mark" /> : null}
      {status === 'fail' ? <path d="M6.5 6.5l7 7M13.5 6.5l-7 7" className="diag-icon-mark" /> : null}
      {status === 'not-run' ? <path d="M6 10h8" className="diag-icon-mark" /> : null}
      {status === 'running' ? <path d="M10 5v5l3 2" className="diag-icon-mark" /> : null}
    </svg>
  );
}
