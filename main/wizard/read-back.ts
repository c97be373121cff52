/**
 * Step 5's proof: the invoice and payments a test sync created, read back from Xero and compared field by field with
 * what the planner says CourseCo's transaction should become (contact, totals, currency, each line's account code and
 * tax type, payments and their account). Pure: the wizard service fetches, this compares.
 */
import Decimal from 'decimal.js';
import type { ReadBackField } from '../../contract/features/wizard';
import type { SyncPlan } from '../sync/plan';

export interface ReadInvoice {
  invoiceId: string;
  invoiceNumber?: string;
  contactName?: string;
  status?: string;
  currencyCode?: string;
  subTotal?: number;
  totalTax?: number;
  total?: number;
  lines: Array<{ accountCode?: string; taxType?: string; lineAmount?: number }>;
}

export interface ReadPayment {
  amount?: number;
  accountId?: string;
  accountCode?: string;
  status?: string;
}

const money = (value: string | number | undefined): string => (value === undefined || value === '' ? '—' : new Decimal(value).toFixed(2));
const text = (value: string | undefined): string => (value === undefined || value === '' ? '—' : value);

function field(label: string, expected: string, actual: string, equal: (a: string, b: string) => boolean = (a, b) => a === b): ReadBackField {
  return { label, expected, actual, match: equal(expected, actual) };
}

/** Compares the read-back documents with the plan of the same transaction (planned as if it had never been sent). */
export function compareReadBack(
  plan: SyncPlan,
  transactionId: string,
  invoice: ReadInvoice,
  payments: readonly ReadPayment[],
  /** How to name an account the bookkeeper knows ("090 Business Bank Account", "AIB Current (no code)") by AccountID. */
  accountName: (accountId: string) => string | undefined = () => undefined,
): ReadBackField[] {
  const tx = plan.transactions.find((t) => t.transactionId === transactionId);
  const planned = plan.invoices.find((d) => d.transactionIds.includes(transactionId))?.payload;
  const fields: ReadBackField[] = [];
  if (!tx || !planned) {
    fields.push({ label: 'Plan', expected: 'an invoice for this transaction', actual: tx?.errors.join(' ') || tx?.reason || 'nothing planned', match: false });
    return fields;
  }
  fields.push(field('Contact', tx.contact.name, text(invoice.contactName), (a, b) => a.trim().toLowerCase() === b.trim().toLowerCase()));
  if (planned.CurrencyCode) fields.push(field('Currency', planned.CurrencyCode, text(invoice.currencyCode)));
  fields.push(field('Subtotal', money(tx.totals.subTotal), money(invoice.subTotal)));
  fields.push(field('Tax', money(tx.totals.totalTax), money(invoice.totalTax)));
  fields.push(field('Total', money(tx.courseCo.total ?? tx.totals.total), money(invoice.total)));
  fields.push(field('Status', planned.Status, text(invoice.status), (a, b) => a === b || (a === 'AUTHORISED' && b === 'PAID')));
  planned.LineItems.forEach((line, index) => {
    const read = invoice.lines[index];
    const n = planned.LineItems.length > 1 ? ` (line ${index + 1})` : '';
    fields.push(field(`Account code${n}`, line.AccountCode, text(read?.accountCode)));
    fields.push(field(`Tax type${n}`, text(line.TaxType), text(read?.taxType)));
  });
  if (invoice.lines.length !== planned.LineItems.length) fields.push(field('Line count', String(planned.LineItems.length), String(invoice.lines.length)));
  const plannedPayments = plan.payments.filter((p) => p.transactionIds.includes(transactionId)).map((p) => p.payload);
  if (plannedPayments.length > 0 || payments.length > 0) {
    const live = payments.filter((p) => p.status !== 'DELETED');
    const sum = (values: Array<number | undefined>) => values.reduce((acc, v) => acc.plus(v ?? 0), new Decimal(0)).toFixed(2);
    fields.push(field('Payments', `${plannedPayments.length} · ${sum(plannedPayments.map((p) => p.Amount))}`, `${live.length} · ${sum(live.map((p) => p.amount))}`));
    // Payments sent by AccountID are compared by AccountID (the account may have no code), and shown by name.
    const byId = (id: string | undefined) => (id ? (accountName(id.toLowerCase()) ?? id.toLowerCase()) : '—');
    const plannedAccounts = [...new Set(plannedPayments.map((p) => ('AccountID' in p.Account ? byId(p.Account.AccountID) : p.Account.Code)))].join(', ');
    const sentById = plannedPayments.some((p) => 'AccountID' in p.Account);
    const liveAccounts = [...new Set(live.map((p) => (sentById ? byId(p.accountId) : (p.accountCode ?? '—'))))].join(', ');
    fields.push(field('Payment account', text(plannedAccounts), text(liveAccounts)));
  }
  return fields;
}
