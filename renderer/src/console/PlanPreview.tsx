/**
 * What the engine's dry run (`sync.preview`) would send for one transaction: the outcome in a sentence, its errors
 * and warnings, the rule per course each line followed, and each document in a bookkeeper's words (contact, lines
 * with account and tax rate by name, amounts). Xero's requests and their JSON bodies stay behind a closed
 * "Technical detail (for support)".
 */
import { taxRateLabel } from '../../../contract/locale';
import { ColumnHeads } from '../components/ColumnHeads';
import { AMOUNT_TYPE_WORDS, INVOICE_STATUS_WORDS, formatAmount, formatDate, plural, sentence } from './format';
import { LockedPeriodChoice } from './LockedPeriodChoice';
import type { PreviewNames, PreviewTransaction } from './sync-adapter';

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
function creditUse(plan: PreviewTransaction, currency: string | null): string {
  const amount = (kind: string) => plan.documents.filter((d) => d.kind === kind).map((d) => Number(d.payload.Amount ?? 0));
  const allocated = amount('allocation');
  const refunded = amount('refund');
  const total = (list: number[]) => formatAmount(list.reduce((a, b) => a + b, 0).toFixed(2), currency);
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

type Json = Record<string, unknown>;
const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const record = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});

const NO_NAMES: PreviewNames = { accounts: {}, taxRates: {} };

/** An account as Xero lists it ("200 Sales"); by its code alone when the organisation's name for it is not known. */
function accountLabel(account: unknown, names: PreviewNames): string {
  const a = typeof account === 'string' ? { Code: account } : record(account);
  const key = text(a.Code) || text(a.AccountID);
  return names.accounts[key] ?? (text(a.Code) ? `account ${text(a.Code)}` : 'the payment account');
}

const DOCUMENT_TITLES: Record<PreviewDocument['kind'], string> = {
  contact: 'Contact',
  invoice: 'Invoice',
  'credit-note': 'Credit note',
  payment: 'Payment',
  allocation: 'Credit applied',
  refund: 'Refund',
};

/** An invoice or credit note as the bookkeeper checks it: to whom, when, which lines on which account at which rate. */
function SalesDocument({ payload, contact, names, currency }: { payload: Json; contact: string; names: PreviewNames; currency: string | null }) {
  const money = (value: unknown) => (text(value) ? formatAmount(text(value), currency) : '—');
  const lines = Array.isArray(payload.LineItems) ? payload.LineItems.map(record) : [];
  const due = text(payload.DueDate);
  return (
    <>
      <dl className="facts console-facts">
        <dt>To</dt>
        <dd>{text(record(payload.Contact).Name) || contact}</dd>
        <dt>Date</dt>
        <dd>{text(payload.Date) ? formatDate(text(payload.Date)) : '—'}</dd>
        {due ? (
          <>
            <dt>Due</dt>
            <dd>{formatDate(due)}</dd>
          </>
        ) : null}
        <dt>Reference</dt>
        <dd>{text(payload.Reference) || '—'}</dd>
        <dt>Status</dt>
        <dd>{INVOICE_STATUS_WORDS[text(payload.Status)] ?? (text(payload.Status) || '—')}</dd>
        <dt>Amounts</dt>
        <dd>{AMOUNT_TYPE_WORDS[text(payload.LineAmountTypes)] ?? (text(payload.LineAmountTypes) || '—')}</dd>
      </dl>
      <table className="console-problems console-plan-lines">
        <ColumnHeads columns={['Line', 'Qty × price', 'Account', 'Tax rate']} />
        <tbody>
          {lines.map((line, i) => {
            const tracking = (Array.isArray(line.Tracking) ? line.Tracking.map(record) : []).map((t) => `${text(t.Name)}: ${text(t.Option)}`);
            return (
              <tr key={i}>
                <td>
                  {text(line.Description)}
                  {tracking.length > 0 ? <span className="console-plan-tracking">{tracking.join(', ')}</span> : null}
                </td>
                <td className="console-numeric">{`${text(line.Quantity) || '1'} × ${money(line.UnitAmount)}`}</td>
                <td>{accountLabel(text(line.AccountCode), names)}</td>
                <td>{text(line.TaxType) ? taxRateLabel(text(line.TaxType), names.taxRates) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** One planned document in words; a deposit's payment says where it goes. */
function DocumentInWords({ doc, contact, names, currency }: { doc: PreviewDocument; contact: PreviewTransaction['contact']; names: PreviewNames; currency: string | null }) {
  const p = doc.payload;
  const amount = formatAmount(text(p.Amount) || '0', currency);
  const on = text(p.Date) ? ` on ${formatDate(text(p.Date))}` : '';
  const body = (() => {
    switch (doc.kind) {
      case 'contact':
        return <p className="console-text">{`${text(p.Name) || contact.name}: a new contact in Xero${text(p.EmailAddress) ? ` (${text(p.EmailAddress)})` : ''}.`}</p>;
      case 'invoice':
      case 'credit-note':
        return <SalesDocument payload={p} contact={contact.name} names={names} currency={currency} />;
      case 'payment':
        return (
          <p className="console-text">
            {doc.deposit ? depositSentence(doc.deposit, currency) : `${amount}${on}, into ${accountLabel(p.Account, names)}${text(p.Reference) ? ` (“${text(p.Reference)}”)` : ''}.`}
          </p>
        );
      case 'allocation':
        return <p className="console-text">{`${amount} of the credit note goes against the booking's invoice${on}.`}</p>;
      case 'refund':
        return <p className="console-text">{`${amount} paid back to the customer${on}, from ${accountLabel(p.Account, names)}.`}</p>;
    }
  })();
  return (
    <section className="console-plan-doc" aria-label={`${doc.operation === 'update' ? 'Change to the' : 'New'} ${DOCUMENT_TITLES[doc.kind].toLowerCase()}`}>
      <h4 className="console-plan-doc-title">
        {doc.operation === 'update' ? `${DOCUMENT_TITLES[doc.kind]} (changed)` : DOCUMENT_TITLES[doc.kind]}
      </h4>
      {body}
    </section>
  );
}

export function PlanPreview({ plan, currency = null, names = NO_NAMES }: { plan: PreviewTransaction; currency?: string | null; names?: PreviewNames }) {
  const deposits = depositsLine(plan.documents);
  const matched = plan.documents.some((d) => d.kind === 'contact') ? undefined : plan.contact.name;
  return (
    <div className="console-plan">
      <p className="console-text">
        {plan.reason && plan.outcome !== 'planned' ? sentence(plan.reason) : PLAN_OUTCOMES[plan.outcome]}
        {plan.totals ? ` Total ${formatAmount(plan.totals.total, currency)}, of which VAT ${formatAmount(plan.totals.totalTax, currency)}.` : ''}
        {creditUse(plan, currency)}
      </p>
      {plan.lockedPeriod ? <LockedPeriodChoice caught={plan.lockedPeriod} /> : null}
      <PlanNotes notes={plan.errors} tone="problem" />
      <PlanNotes notes={plan.warnings} tone="attention" />
      {deposits ? <p className="console-text">Payments go to Xero as {deposits}</p> : null}
      <PlanRules plan={plan} />
      {plan.documents.length > 0 && matched ? <p className="console-text">{`Contact: ${matched}, already in Xero.`}</p> : null}
      {plan.documents.map((doc, i) => (
        <DocumentInWords key={i} doc={doc} contact={plan.contact} names={names} currency={currency} />
      ))}
      {plan.documents.length > 0 ? (
        <details className="console-plan-tech">
          <summary>Technical detail (for support)</summary>
          {plan.documents.map((doc, i) => (
            <div key={i} className="console-plan-tech-doc">
              <p className="console-note">
                {doc.request.method} {doc.request.path}
                {doc.request.query ? `?${doc.request.query}` : ''}
              </p>
              <pre className="console-payload" tabIndex={0} aria-label={`Planned ${doc.kind} (JSON)`}>
                {JSON.stringify(doc.payload, null, 2)}
              </pre>
            </div>
          ))}
        </details>
      ) : null}
    </div>
  );
}
