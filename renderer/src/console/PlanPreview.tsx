/**
 * What the engine's dry run (`sync.preview`) would send for one transaction: the outcome in a sentence, its errors
 * and warnings, the rule per course each line followed, and each Xero request with its JSON body, the first and the invoice ones unfolded.
 */
import { formatAmount, plural, sentence } from './format';
import { LockedPeriodChoice } from './LockedPeriodChoice';
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

type PreviewDocument = PreviewTransaction['documents'][number];

/** "N deposits (M payments)": the batch payments this transaction's payments go in, counted by their Reference. */
function depositsLine(docs: readonly PreviewDocument[]): string | undefined {
  const deposits = new Map<string, number>();
  for (const doc of docs) if (doc.deposit) deposits.set(doc.deposit.reference, doc.deposit.payments);
  if (deposits.size === 0) return undefined;
  const payments = [...deposits.values()].reduce((n, m) => n + m, 0);
  return `${plural(deposits.size, 'deposit')} (${plural(payments, 'payment')}).`;
}

/** Where a payment in a deposit goes, in the bookkeeper's words. */
function depositSentence(deposit: NonNullable<PreviewDocument['deposit']>, currency: string | null): string {
  const others = deposit.payments - 1;
  return `This payment goes to Xero in a deposit of ${formatAmount(deposit.total, currency)} on ${deposit.date}${others > 0 ? `, with ${plural(others, 'other payment')}` : ''} ("${deposit.reference}"), so the one line on the bank statement matches it.`;
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

export function PlanPreview({ plan, currency = null }: { plan: PreviewTransaction; currency?: string | null }) {
  const deposits = depositsLine(plan.documents);
  return (
    <div className="console-plan">
      <p className="console-text">
        {plan.reason && plan.outcome !== 'planned' ? sentence(plan.reason) : PLAN_OUTCOMES[plan.outcome]}
        {plan.totals ? ` Total ${plan.totals.total}, of which VAT ${plan.totals.totalTax}.` : ''}
        {creditUse(plan)}
      </p>
      {plan.lockedPeriod ? <LockedPeriodChoice caught={plan.lockedPeriod} /> : null}
      <PlanNotes notes={plan.errors} tone="problem" />
      <PlanNotes notes={plan.warnings} tone="attention" />
      {deposits ? <p className="console-text">Payments go to Xero as {deposits}</p> : null}
      <PlanRules plan={plan} />
      {plan.documents.map((doc, i) => (
        <details key={i} className="console-plan-doc" open={i === 0 || doc.kind === 'invoice' || doc.kind === 'credit-note' || doc.deposit !== undefined}>
          <summary>
            {doc.operation === 'update' ? 'Update' : 'Create'} {doc.kind.replace('-', ' ')} · {doc.request.method} {doc.request.path}
            {doc.request.query ? `?${doc.request.query}` : ''}
          </summary>
          {doc.deposit ? <p className="console-text">{depositSentence(doc.deposit, currency)}</p> : null}
          <pre className="console-payload" tabIndex={0} aria-label={`Planned ${doc.kind} (JSON)`}>
            {JSON.stringify(doc.payload, null, 2)}
          </pre>
        </details>
      ))}
    </div>
  );
}
