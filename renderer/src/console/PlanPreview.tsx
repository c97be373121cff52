/**
 * What the engine's dry run (`sync.preview`) would send for one transaction: the outcome in a sentence, its errors
 * and warnings, and each Xero request with its JSON body, the first and the invoice ones unfolded.
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

/** A credit's allocations and refunds in one sentence: what the credit note does once it is in Xero. */
function creditUse(plan: PreviewTransaction): string {
  const amount = (kind: string) => plan.documents.filter((d) => d.kind === kind).map((d) => Number(d.payload.Amount ?? 0));
  const allocated = amount('allocation');
  const refunded = amount('refund');
  const total = (list: number[]) => list.reduce((a, b) => a + b, 0).toFixed(2);
  const parts = [
    ...(allocated.length > 0 ? [`${allocated.length} allocation${allocated.length === 1 ? '' : 's'} to the booking's invoice (${total(allocated)})`] : []),
    ...(refunded.length > 0 ? [`${refunded.length} refund${refunded.length === 1 ? '' : 's'} from the payment account (${total(refunded)})`] : []),
  ];
  return parts.length > 0 ? ` Credit used: ${parts.join(', ')}.` : '';
}

export function PlanPreview({ plan }: { plan: PreviewTransaction }) {
  return (
    <div className="console-plan">
      <p className="console-text">
        {plan.reason && plan.outcome !== 'planned' ? sentence(plan.reason) : PLAN_OUTCOMES[plan.outcome]}
        {plan.totals ? ` Total ${plan.totals.total}, of which VAT ${plan.totals.totalTax}.` : ''}
        {creditUse(plan)}
      </p>
      <PlanNotes notes={plan.errors} tone="problem" />
      <PlanNotes notes={plan.warnings} tone="attention" />
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
