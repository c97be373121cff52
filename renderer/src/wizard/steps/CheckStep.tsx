/**
 * The last step: the way on to the everyday work (Transactions), and the guide's "What to Check", live from
 * diagnostics: a check that passes is its title (its technical proof lives on the Diagnostics page and in the support
 * bundle); one that does not says what it found and what to do.
 */
import { useCallback, useEffect, useState } from 'react';
import type { DiagnosticCheck } from '../types';
import { assistant } from '../../host/assistant';
import { describeFailure, type Failure } from '../../host/failure';
import { FailureNotice } from '../FailureNotice';
import { useAppStore } from '../../state/app-store';
import { formatTime } from '../../console/format';

const WHAT_TO_CHECK = ['connection-active', 'tenant-id', 'account-codes', 'sync-errors', 'transactions-push'];
const STATUS_TEXT: Record<DiagnosticCheck['status'], string> = { pass: 'Pass', warn: 'Warning', fail: 'Fails', 'not-run': 'Not run' };

export function CheckStep() {
  const [checks, setChecks] = useState<DiagnosticCheck[] | undefined>();
  const [ranAt, setRanAt] = useState<string | undefined>();
  const [failure, setFailure] = useState<Failure | undefined>();
  const [running, setRunning] = useState(false);

  const run = useCallback(async () => {
    setRunning(true);
    setFailure(undefined);
    try {
      const report = await assistant().diagnostics.run({});
      const wanted = WHAT_TO_CHECK.map((id) => report.checks.find((c) => c.id === id)).filter((c): c is DiagnosticCheck => c !== undefined);
      setChecks(wanted.length > 0 ? wanted : report.checks.filter((c) => c.group === 'what-to-check'));
      setRanAt(report.ranAt);
    } catch (error) {
      setFailure(describeFailure(error));
    } finally {
      setRunning(false);
    }
  }, []);

  useEffect(() => {
    void run();
  }, [run]);

  return (
    <>
      <div className="wz-way-on">
        <h3 className="wz-subheading">Next: your transactions</h3>
        <p className="wz-muted">Import CourseCo’s Xero Transactions Report and send the transactions to Xero, a batch at a time.</p>
        <button type="button" className="button wz-button button-primary" onClick={() => useAppStore.getState().navigate('transactions')}>
          Go to Transactions
        </button>
      </div>
      <p className="wz-lead">The setup guide’s five checks, run live against Xero and the assistant’s own records.</p>
      <div className="wz-actions">
        <button type="button" className="button wz-button" onClick={() => void run()} disabled={running} aria-busy={running}>
          {running ? 'Checking…' : 'Run the checks again'}
        </button>
        {ranAt ? <span className="wz-muted">Last run at {formatTime(ranAt)}</span> : null}
      </div>
      <FailureNotice failure={failure} />
      {checks ? (
        <ul className="wz-checks">
          {checks.map((c) => (
            <li key={c.id} className="wz-check" data-status={c.status}>
              <span className="wz-check-status">{STATUS_TEXT[c.status]}</span>
              <div>
                <p className="wz-check-title">{c.title}</p>
                {c.status === 'fail' || c.status === 'warn' ? (
                  <>
                    <p className="wz-help">{c.evidence}</p>
                    <p className="wz-check-fix">
                      <strong>What to do: </strong>
                      {c.fix}
                    </p>
                  </>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      ) : !failure ? (
        <p className="wz-muted" aria-busy="true">
          Running the checks…
        </p>
      ) : null}
    </>
  );
}
