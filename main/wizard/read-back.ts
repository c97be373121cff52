/**
 * Step 5's proof: the invoice and payments a test sync created, read back from Xero and compared field by field with
 * what the planner says CourseCo's transaction should become (contact, totals, currency, each line's account code and
 * tax rate, payments and their account). Pure: the wizard service fetches, this compares. Compared on Xero's values
 * (codes, statuses); shown in a bookkeeper's words: €1,234.50, the tax rate's name, "Approved".
 */
import Decimal from 'decimal.js';
import type { ReadBackField } from '../../contract/features/wizard';
import { formatAmount } from '../../contract/locale';
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
/** €1,234.50 in Irish English; the plain number when the currency is unknown. */
function amountIn(currency: string | undefined): (value: string | number | undefined) => string {
  return (value) => {
    const plain = money(value);
    return plain === '—' || !currency ? plain : formatAmount(plain, currency);
  };
}
/** Xero's invoice statuses as its own screens name them. */
const STATUS_WORDS: Record<string, string> = { DRAFT: 'Draft', SUBMITTED: 'Awaiting approval', AUTHORISED: 'Approved', PAID: 'Paid', VOIDED: 'Voided', DELETED: 'Deleted' };
const statusWords = (status: string | undefined) => (status ? (STATUS_WORDS[status] ?? status) : '—');
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
  /** A tax rate's name ("23% VAT on Income") by its TaxType code. */
  taxRateName: (taxType: string) => string | undefined = () => undefined,
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
  const amount = amountIn(planned.CurrencyCode ?? invoice.currencyCode);
  fields.push(field('Subtotal', amount(tx.totals.subTotal), amount(invoice.subTotal)));
  fields.push(field('Tax', amount(tx.totals.totalTax), amount(invoice.totalTax)));
  fields.push(field('Total', amount(tx.courseCo.total ?? tx.totals.total), amount(invoice.total)));
  const statusMatch = planned.Status === invoice.status || (planned.Status === 'AUTHORISED' && invoice.status === 'PAID');
  fields.push({ label: 'Status', expected: statusWords(planned.Status), actual: statusWords(invoice.status), match: statusMatch });
  planned.LineItems.forEach((line, index) => {
    const read = invoice.lines[index];
    const n = planned.LineItems.length > 1 ? ` (line ${index + 1})` : '';
    fields.push(field(`Account code${n}`, line.AccountCode, text(read?.accountCode)));
    const rateName = (code: string | undefined) => (code ? (taxRateName(code) ?? code) : '—');
    fields.push({ label: `Tax rate${n}`, expected: rateName(line.TaxType), actual: rateName(read?.taxType), match: text(line.TaxType) === text(read?.taxType) });
  });
  if (invoice.lines.length !== planned.LineItems.length) fields.push(field('Line count', String(planned.LineItems.length), String(invoice.lines.length)));
  const plannedPayments = plan.payments.filter((p) => p.transactionIds.includes(transactionId)).map((p) => p.payload);
  if (plannedPayments.length > 0 || payments.length > 0) {
    const live = payments.filter((p) => p.status !== 'DELETED');
    const sum = (values: Array<number | undefined>) => values.reduce((acc, v) => acc.plus(v ?? 0), new Decimal(0)).toFixed(2);
    const count = (n: number) => `${n} ${n === 1 ? 'payment' : 'payments'}`;
    fields.push(
      field('Payments', `${count(plannedPayments.length)}, ${amount(sum(plannedPayments.map((p) => p.Amount)))}`, `${count(live.length)}, ${amount(sum(live.map((p) => p.amount)))}`),
    );
    // Payments sent by AccountID are compared by AccountID (the account may have no code), and shown by name.
    const byId = (id: string | undefined) => (id ? (accountName(id.toLowerCase()) ?? id.toLowerCase()) : '—');
    const plannedAccounts = [...new Set(plannedPayments.map((p) => ('AccountID' in p.Account ? byId(p.Account.AccountID) : p.Account.Code)))].join(', ');
    const sentById = plannedPayments.some((p) => 'AccountID' in p.Account);
    const liveAccounts = [...new Set(live.map((p) => (sentById ? byId(p.accountId) : (p.accountCode ?? '—'))))].join(', ');
    fields.push(field('Payment account', text(plannedAccounts), text(liveAccounts)));
  }
  return fields;
}
