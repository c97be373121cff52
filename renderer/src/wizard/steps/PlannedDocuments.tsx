/**
 * The exact invoice and payments a test sync will create, from `sync.preview` (Xero's own field names), or — until a
 * preview is available — what CourseCo's transaction holds and the accounts it will be posted to.
 */
import type { PreviewTransaction, TransactionDetail, WizardState } from '../types';
import { ColumnHeads } from '../../components/ColumnHeads';
import { AMOUNT_TYPE_WORDS as AMOUNT_WORDS, INVOICE_STATUS_WORDS as STATUS_WORDS, formatAmount, formatDate } from '../../console/format';
import { useWizardStore } from '../wizard-store';

interface PlannedLine {
  description: string;
  quantity: string;
  unitAmount: string;
  accountCode: string;
  taxType: string;
}

export interface Planned {
  contact: string;
  date: string;
  reference: string;
  status: string;
  amounts: string;
  currency: string | null;
  lines: PlannedLine[];
  payments: Array<{ amount: string; account: string; date: string }>;
}

type Json = Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const record = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});

/** The preview's invoice and payments for one transaction, in the words a person checks them by. */
export function plannedFromPreview(tx: PreviewTransaction | undefined): Planned | undefined {
  const invoice = tx?.documents.find((d) => d.kind === 'invoice')?.payload;
  if (!tx || !invoice) return undefined;
  const lines = Array.isArray(invoice.LineItems) ? invoice.LineItems.map(record) : [];
  return {
    contact: tx.contact.name || 'an existing Xero contact',
    date: str(invoice.Date),
    reference: str(invoice.Reference),
    status: str(invoice.Status),
    amounts: str(invoice.LineAmountTypes),
    currency: str(invoice.CurrencyCode) || null,
    lines: lines.map((l) => ({
      description: str(l.Description),
      quantity: str(l.Quantity),
      unitAmount: str(l.UnitAmount),
      accountCode: str(l.AccountCode),
      taxType: str(l.TaxType),
    })),
    payments: tx.documents
      .filter((d) => d.kind === 'payment')
      .map(({ payload: p }) => ({ amount: str(p.Amount), account: str(record(p.Account).Code), date: str(p.Date) })),
  };
}


export function PlannedDocuments({ planned, detail, state, sent = false }: { planned: Planned | undefined; detail: TransactionDetail | undefined; state: WizardState; sent?: boolean }) {
  const names = useWizardStore((s) => s.taxRateNames);
  const rateName = (code: string) => names[code] ?? (state.facts.taxRate?.taxType === code ? state.facts.taxRate.name : code);
  const paymentAccount = state.facts.paymentAccount ? `${state.facts.paymentAccount.code ? `${state.facts.paymentAccount.code} ` : ''}${state.facts.paymentAccount.name}` : 'the payment account';
  if (planned) {
    const money = (value: string) => formatAmount(value, planned.currency);
    return (
      <section className="wz-planned" aria-labelledby="wz-planned-title">
        <h3 id="wz-planned-title" className="wz-subheading">
          {sent ? 'What was sent to Xero' : 'What will be created in Xero'}
        </h3>
        <dl className="wz-facts">
          <dt>Invoice to</dt>
          <dd>{planned.contact}</dd>
          <dt>Date</dt>
          <dd>{formatDate(planned.date)}</dd>
          <dt>Reference</dt>
          <dd>{planned.reference}</dd>
          <dt>Status</dt>
          <dd>{STATUS_WORDS[planned.status] ?? planned.status}</dd>
          <dt>Amounts</dt>
          <dd>{AMOUNT_WORDS[planned.amounts] ?? planned.amounts}</dd>
        </dl>
        <table className="wz-lines">
          <ColumnHeads columns={['Line', 'Qty', 'Unit price', 'Account', 'Tax rate']} />
          <tbody>
            {planned.lines.map((l, i) => (
              <tr key={i}>
                <td>{l.description}</td>
                <td>{l.quantity}</td>
                <td>{money(l.unitAmount)}</td>
                <td>{l.accountCode}</td>
                <td>{rateName(l.taxType)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {planned.payments.length > 0 ? (
          <p className="wz-muted">
            {planned.payments.length === 1 ? 'Payment' : 'Payments'}:{' '}
            {planned.payments.map((p) => `${money(p.amount)} on ${formatDate(p.date)} into ${p.account && p.account !== state.facts.paymentAccount?.code ? p.account : paymentAccount}`).join('; ')}.
          </p>
        ) : (
          <p className="wz-muted">No payment: nothing has been paid on this transaction yet.</p>
        )}
      </section>
    );
  }
  if (!detail) return null;
  return (
    <section className="wz-planned" aria-labelledby="wz-planned-title">
      <h3 id="wz-planned-title" className="wz-subheading">
        What CourseCo has
      </h3>
      <dl className="wz-facts">
        <dt>Contact</dt>
        <dd>{detail.row.contactName}</dd>
        <dt>Total</dt>
        <dd>
          {detail.row.amount} {detail.row.currency ?? ''}
        </dd>
        <dt>Posted to</dt>
        <dd>
          account {state.facts.invoiceAccount?.code ?? '—'}, payments to {state.facts.paymentAccount?.code ?? '—'}
        </dd>
      </dl>
      <ul className="wz-plain-list">
        {detail.lines.map((l, i) => (
          <li key={i}>
            {l.quantity} × {l.description} at {l.unitAmount}
            {l.taxRate ? ` (VAT ${l.taxRate})` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
