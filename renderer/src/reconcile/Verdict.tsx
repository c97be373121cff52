/** The answer first: do the books match for the period, and if not, how many differences need a look. */
import type { ReconcileReport } from '../../../contract/features/reconcile';
import { formatWhen, readsText, verdictOf } from './reconcile-format';
import { useReconcileStore } from './reconcile-store';

export function Verdict({ report }: { report: ReconcileReport }) {
  const verdict = verdictOf(report);
  const drillDown = useReconcileStore((s) => s.drillDown);
  return (
    <section className="card reconcile-panel reconcile-verdict" data-tone={verdict.tone} aria-labelledby="reconcile-verdict-title">
      <h2 id="reconcile-verdict-title" className="reconcile-verdict-title">
        <span className="reconcile-verdict-mark" aria-hidden="true" />
        {verdict.title}
      </h2>
      {verdict.details.map((text) => (
        <p key={text} className="reconcile-text">
          {text}
        </p>
      ))}
      <p className="reconcile-note">
        Compared on {formatWhen(report.generatedAt)}
        {report.organisationName ? ` with ${report.organisationName}` : ''}. {readsText(report)}
      </p>
      {report.unexplained > 0 ? (
        <p className="reconcile-verdict-actions">
          <button type="button" className="button button-small" onClick={() => void drillDown({ kind: 'differences' })}>
            Show every line that differs
          </button>
        </p>
      ) : null}
    </section>
  );
}
