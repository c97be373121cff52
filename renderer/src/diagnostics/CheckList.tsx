/**
 * The checks as a checklist grouped like the setup guide ("What to check", "Common issues", environment). Each row
 * shows icon, title and status word; its details (what was observed, what to do) expand, open by default when the
 * check failed or warned. Checks that cannot pass before setup reaches them come first, under "Not set up yet", in
 * the setup's order (the report's), so the real first blocker leads and is open; a result kept from an earlier run
 * says how old it is.
 */
import type { DiagnosticCheck, DiagnosticsReport } from './types';
import { ageBase, ageInWords, olderThanReport } from './age';
import { STATUS_WORDS, StatusIcon } from './StatusIcon';

const GROUPS: Array<{ id: DiagnosticCheck['group']; title: string }> = [
  { id: 'what-to-check', title: 'What to check' },
  { id: 'common-issues', title: 'Common issues' },
  { id: 'environment', title: 'Environment' },
];

function CheckRow({ check, ranAt, now, first }: { check: DiagnosticCheck; ranAt: string; now: number; first?: boolean }) {
  const open = check.status === 'fail' || check.status === 'warn' || first === true;
  const word = check.setupStep ? 'Not set up yet' : STATUS_WORDS[check.status];
  const age = olderThanReport(check.checkedAt, ranAt) ? `checked ${ageInWords(check.checkedAt!, ageBase(now, ranAt))}` : '';
  return (
    <li className="diag-check" data-status={check.status} data-check-id={check.id} {...(check.setupStep ? { 'data-setup-step': check.setupStep } : {})}>
      <details open={open}>
        <summary className="diag-summary">
          <StatusIcon status={check.status} />
          <span className="diag-title">{check.title}</span>
          <span className="diag-status-word">
            {word}
            {age ? <span className="diag-age"> · {age}</span> : null}
          </span>
        </summary>
        <dl className="facts diag-details">
          <dt>What was found</dt>
          <dd>{check.evidence}</dd>
          {check.fix ? (
            <>
              <dt>{check.setupStep ? 'What to do first' : 'What to do'}</dt>
              <dd>{check.fix}</dd>
            </>
          ) : null}
        </dl>
      </details>
    </li>
  );
}

export function CheckList({ report, now }: { report: DiagnosticsReport; now: number }) {
  const notSetUp = report.checks.filter((c) => c.setupStep);
  return (
    <>
      {notSetUp.length > 0 ? (
        <section className="card panel diag-group diag-not-set-up" aria-labelledby="diag-group-not-set-up">
          <h2 id="diag-group-not-set-up" className="panel-title">
            Not set up yet
          </h2>
          <p className="diag-group-lead">These checks can pass once setup reaches them. Start with the first; the others follow in the same order as Setup.</p>
          <ul className="diag-list" aria-labelledby="diag-group-not-set-up">
            {notSetUp.map((check, i) => (
              <CheckRow key={check.id} check={check} ranAt={report.ranAt} now={now} first={i === 0} />
            ))}
          </ul>
        </section>
      ) : null}
      {GROUPS.map((group) => {
        const checks = report.checks.filter((c) => c.group === group.id && !c.setupStep);
        if (checks.length === 0) return null;
        const headingId = `diag-group-${group.id}`;
        return (
          <section key={group.id} className="card panel diag-group" aria-labelledby={headingId}>
            <h2 id={headingId} className="panel-title">
              {group.title}
            </h2>
            <ul className="diag-list" aria-labelledby={headingId}>
              {checks.map((check) => (
                <CheckRow key={check.id} check={check} ranAt={report.ranAt} now={now} />
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
