/**
 * The checks as a checklist grouped like the setup guide ("What to check", "Common issues", environment). Each row
 * shows icon, title and status word; its details (what was observed, what to do) expand, open by default when the
 * check failed or warned.
 */
import type { DiagnosticCheck, DiagnosticsReport } from './types';
import { STATUS_WORDS, StatusIcon } from './StatusIcon';

const GROUPS: Array<{ id: DiagnosticCheck['group']; title: string }> = [
  { id: 'what-to-check', title: 'What to check' },
  { id: 'common-issues', title: 'Common issues' },
  { id: 'environment', title: 'Environment' },
];

function CheckRow({ check }: { check: DiagnosticCheck }) {
  const open = check.status === 'fail' || check.status === 'warn';
  return (
    <li className="diag-check" data-status={check.status} data-check-id={check.id}>
      <details open={open}>
        <summary className="diag-summary">
          <StatusIcon status={check.status} />
          <span className="diag-title">{check.title}</span>
          <span className="diag-status-word">{STATUS_WORDS[check.status]}</span>
        </summary>
        <dl className="facts diag-details">
          <dt>What was found</dt>
          <dd>{check.evidence}</dd>
          {check.fix ? (
            <>
              <dt>What to do</dt>
              <dd>{check.fix}</dd>
            </>
          ) : null}
        </dl>
      </details>
    </li>
  );
}

export function CheckList({ report }: { report: DiagnosticsReport }) {
  return (
    <>
      {GROUPS.map((group) => {
        const checks = report.checks.filter((c) => c.group === group.id);
        if (checks.length === 0) return null;
        const headingId = `diag-group-${group.id}`;
        return (
          <section key={group.id} className="card panel diag-group" aria-labelledby={headingId}>
            <h2 id={headingId} className="panel-title">
              {group.title}
            </h2>
            <ul className="diag-list" aria-labelledby={headingId}>
              {checks.map((check) => (
                <CheckRow key={check.id} check={check} />
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
