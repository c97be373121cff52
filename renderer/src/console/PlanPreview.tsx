/**
 * What the engine's dry run (`sync.preview`) would send for one transaction: the outcome in a sentence, its errors
 * and warnings, the rule per course each line followed, and each Xero request with its JSON body, the first and the invoice ones unfolded.
 */
import { sentence } from './format';
import type { PreviewTransaction } from './sync-adapter';

const PLAN_OUTCOMES: Record<PreviewTransaction['outcome'], string> = {
  planned: 'These documents would be sent, exactly as shown.',
  error: 'Nothing would be sent: the plan has errors.',
  skipped: 'Skipped.',
  'nothing-to-send': 'Nothing left to send: Xero already has everything.',
};

function PlanNotes({ notes, tone }: { notes: readonly string[]; tone: 'problem' | 'attention' }) {
  if (notes.length === 0) return null;
  return (
    <ul className="console-plan-list" data-tone={tone}>
      {notes.map((note, i) => (
        <li key={i}>{note}</li>
      ))}
    </ul>
  );
}

/** Which rule per course each line followed (the first that matched), named as the Rules page names it. */
function PlanRules({ plan }: { plan: PreviewTransaction }) {
  if (!plan.lineRules) return null;
  const doc = plan.documents.find((d) => d.kind === 'invoice' || d.kind === 'credit-note');
  const items = Array.isArray(doc?.payload.LineItems) ? (doc.payload.LineItems as Array<{ Description?: unknown }>) : [];
  return (
    <ol className="console-plan-list" aria-label="Rules per course applied to each line">
      {plan.lineRules.map((rule, i) => {
        const description = typeof items[i]?.Description === 'string' ? ` (${String(items[i]!.Description)})` : '';
        const applied = rule === null ? "no rule matched: Setup's account and tax rate" : rule === 'default' ? 'the default rule' : `rule “${rule}”`;
        return <li key={i}>{`Line ${i + 1}${description}: ${applied}`}</li>;
      })}
    </ol>
  );
}

export function PlanPreview({ plan }: { plan: PreviewTransaction }) {
  return (
    <div className="console-plan">
      <p className="console-text">
        {plan.reason && plan.outcome !== 'planned' ? sentence(plan.reason) : PLAN_OUTCOMES[plan.outcome]}
        {plan.totals ? ` Total ${plan.totals.total}, of which VAT ${plan.totals.totalTax}.` : ''}
      </p>
      <PlanNotes notes={plan.errors} tone="problem" />
      <PlanNotes notes={plan.warnings} tone="attention" />
      <PlanRules plan={plan} />
      {plan.documents.map((doc, i) => (
        <details key={i} className="console-plan-doc" open={i === 0 || doc.kind === 'invoice' || doc.kind === 'credit-note'}>
          <summary>
            {doc.operation === 'update' ? 'Update' : 'Create'} {doc.kind.replace('-', ' ')} · {doc.request.method} {doc.request.path}
            {doc.request.query ? `?${doc.request.query}` : ''}
          </summary>
          <pre className="console-payload" tabIndex={0} aria-label={`Planned ${doc.kind} (JSON)`}>
            {JSON.stringify(doc.payload, null, 2)}
          </pre>
        </details>
      ))}
    </div>
  );
}
