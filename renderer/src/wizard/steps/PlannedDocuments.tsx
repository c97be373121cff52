/**
 * The exact invoice and payments a test sync will create, from `sync.preview` (Xero's own field names), or — until a
 * preview is available — what CourseCo's transaction holds and the accounts it will be posted to.
 */
import type { TransactionDetail } from '../types';
import type { WizardState } from '../types';
import { isRecord } from '../optional-channels';

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
  lines: PlannedLine[];
  payments: Array<{ amount: string; account: string; date: string }>;
}

const str = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** Finds Xero documents in a preview of whatever wrapper shape: invoices carry Type ACCREC, payments Account + Amount. */
function collect(value: unknown, invoices: Record<string, unknown>[], payments: Record<string, unknown>[], depth = 0): void {
  if (depth > 8) return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, invoices, payments, depth + 1);
    return;
  }
  if (!isRecord(value)) return;
  if (value.Type === 'ACCREC' && Array.isArray(value.LineItems)) invoices.push(value);
  else if (isRecord(value.Account) && value.Amount !== undefined && isRecord(value.Invoice)) payments.push(value);
  else for (const child of Object.values(value)) collect(child, invoices, payments, depth + 1);
}

/** The contact's name as the preview tells it for one transaction (the invoice may refer to it by ContactID only). */
function contactNameOf(value: unknown, transactionId: string, depth = 0): string {
  if (depth > 8) return '';
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = contactNameOf(item, transactionId, depth + 1);
      if (found) return found;
    }
    return '';
  }
  if (!isRecord(value)) return '';
  if (value.transactionId === transactionId && isRecord(value.contact) && typeof value.contact.name === 'string') return value.contact.name;
  for (const child of Object.values(value)) {
    const found = contactNameOf(child, transactionId, depth + 1);
    if (found) return found;
  }
  return '';
}

export function plannedFromPreview(preview: unknown, transactionId: string): Planned | undefined {
  const invoices: Record<string, unknown>[] = [];
  const payments: Record<string, unknown>[] = [];
  collect(preview, invoices, payments);
  const invoice = invoices.find((i) => str(i.Reference).includes(transactionId)) ?? invoices[0];
  if (!invoice) return undefined;
  const contact = (isRecord(invoice.Contact) ? str(invoice.Contact.Name) : '') || contactNameOf(preview, transactionId) || 'an existing Xero contact';
  return {
    contact,
    date: str(invoice.Date),
    reference: str(invoice.Reference),
    status: str(invoice.Status),
    amounts: str(invoice.LineAmountTypes),
    lines: (invoice.LineItems as unknown[]).filter(isRecord).map((l) => ({
      description: str(l.Description),
      quantity: str(l.Quantity),
      unitAmount: str(l.UnitAmount),
      accountCode: str(l.AccountCode),
      taxType: str(l.TaxType),
    })),
    payments: payments.map((p) => ({ amount: str(p.Amount), account: isRecord(p.Account) ? str(p.Account.Code) : '', date: str(p.Date) })),
  };
}

export function PlannedDocuments({ planned, detail, state, sent = false }: { planned: Planned | undefined; detail: TransactionDetail | undefined; state: WizardState; sent?: boolean }) {
  if (planned) {
    return (
      <section className="wz-planned" aria-labelledby="wz-planned-title">
        <h3 id="wz-planned-title" className="wz-subheading">
          {sent ? 'What was sent to Xero' : 'What will be created in Xero'}
        </h3>
        <dl className="wz-facts">
          <dt>Invoice to</dt>
          <dd>{planned.contact}</dd>
          <dt>Date</dt>
          <dd>{planned.date}</dd>
          <dt>Reference</dt>
          <dd>{planned.reference}</dd>
          <dt>Status</dt>
          <dd>{planned.status}</dd>
          <dt>Amounts are</dt>
          <dd>{planned.amounts}</dd>
        </dl>
        <table className="wz-lines">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Qty</th>
              <th scope="col">Unit</th>
              <th scope="col">Account</th>
              <th scope="col">Tax type</th>
            </tr>
          </thead>
          <tbody>
            {planned.lines.map((l, i) => (
              <tr key={i}>
                <td>{l.description}</td>
                <td>{l.quantity}</td>
                <td>{l.unitAmount}</td>
                <td>{l.accountCode}</td>
                <td>{l.taxType}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {planned.payments.length > 0 ? (
          <p className="wz-muted">
            Payments: {planned.payments.map((p) => `${p.amount} on ${p.date} to account ${p.account}`).join('; ')}.
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
