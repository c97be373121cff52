/**
 * What changed in CourseCo since a transaction was sent to Xero, field by field, in the bookkeeper's words
 * ("Total €492.00 → €615.00"). Pure: the version sent (kept by the journal) and the version CourseCo has now, read
 * through the same line maths the planner uses, so account, tax and totals are the ones Xero got and would get.
 */
import type { CourseCoLine, CourseCoTransaction } from '../../courseco/types';
import { planLines, type Totals } from './line-maths';
import type { PlannerSettings } from './planner-settings';
import type { XeroLineItem } from './xero-documents';

export interface FieldChange {
  /** Where: "Contact", "Date", "Line 2 quantity", "Total"… */
  field: string;
  before: string;
  after: string;
  /** The change in one line: `Total €492.00 → €615.00`. */
  text: string;
}

export interface ChangeDiff {
  /** False when the journal did not keep what was sent (synced by an older version): nothing can be compared. */
  known: boolean;
  changes: FieldChange[];
  /** Xero's totals for the version sent and for the version now (null when the version sent is unknown). */
  totals: { before: Totals; after: Totals } | null;
}

const SYMBOLS: Record<string, string> = { EUR: '€', GBP: '£', USD: '$' };
const NONE = '(none)';

/** An amount as the bookkeeper reads it: `€1,234.50`, or `1,234.50 CHF` for currencies without a symbol here. */
export function formatMoney(amount: string, currency: string | undefined): string {
  const [whole = '0', cents = '00'] = Number(amount).toFixed(2).replace('-', '').split('.');
  const sign = amount.trim().startsWith('-') && Number(amount) !== 0 ? '-' : '';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const symbol = currency ? SYMBOLS[currency.toUpperCase()] : undefined;
  if (symbol) return `${sign}${symbol}${grouped}.${cents}`;
  return `${sign}${grouped}.${cents}${currency ? ` ${currency.toUpperCase()}` : ''}`;
}

function change(field: string, before: string, after: string): FieldChange {
  return { field, before, after, text: `${field} ${before} → ${after}` };
}

function contactText(tx: CourseCoTransaction): string {
  return tx.contact.email ? `${tx.contact.name} <${tx.contact.email}>` : tx.contact.name;
}

function lineChanges(index: number, before: CourseCoLine | undefined, after: CourseCoLine | undefined, xeroBefore: XeroLineItem | undefined, xeroAfter: XeroLineItem | undefined, currency: string | undefined): FieldChange[] {
  const label = `Line ${index + 1}`;
  if (!before && after) return [change(label, NONE, `added: "${after.description}", ${after.quantity} × ${formatMoney(after.unitAmount, currency)}`)];
  if (before && !after) return [change(label, `"${before.description}", ${before.quantity} × ${formatMoney(before.unitAmount, currency)}`, 'removed')];
  if (!before || !after) return [];
  const out: FieldChange[] = [];
  const compare = (what: string, a: string | undefined, b: string | undefined) => {
    if ((a ?? '') !== (b ?? '')) out.push(change(`${label} ${what}`, a || NONE, b || NONE));
  };
  compare('description', before.description, after.description);
  if (Number(before.quantity) !== Number(after.quantity)) compare('quantity', before.quantity, after.quantity);
  if (Number(before.unitAmount) !== Number(after.unitAmount)) compare('unit amount', formatMoney(before.unitAmount, currency), formatMoney(after.unitAmount, currency));
  if (Number(before.discount ?? 0) !== Number(after.discount ?? 0)) compare('discount', formatMoney(before.discount ?? '0', currency), formatMoney(after.discount ?? '0', currency));
  compare('tax', xeroBefore?.TaxType, xeroAfter?.TaxType);
  compare('account', xeroBefore?.AccountCode, xeroAfter?.AccountCode);
  return out;
}

/** The difference between the version sent to Xero (`sent`; undefined/null when not kept) and CourseCo's version now. */
export function diffTransactions(sent: CourseCoTransaction | null | undefined, now: CourseCoTransaction, settings: PlannerSettings): ChangeDiff {
  if (!sent) return { known: false, changes: [], totals: null };
  const changes: FieldChange[] = [];
  const compare = (field: string, a: string | undefined, b: string | undefined) => {
    if ((a ?? '') !== (b ?? '')) changes.push(change(field, a || NONE, b || NONE));
  };
  compare('Type', sent.transactionType, now.transactionType);
  compare('Contact', contactText(sent), contactText(now));
  compare('Date', sent.date, now.date);
  compare('Due date', sent.dueDate, now.dueDate);
  compare('Invoice number', sent.invoiceNumber, now.invoiceNumber);
  compare('Reference', sent.reference, now.reference);
  compare('Currency', sent.currency, now.currency);
  if (sent.amountsIncludeTax !== now.amountsIncludeTax) {
    const words = (inc: boolean) => (inc ? 'amounts include VAT' : 'amounts before VAT');
    changes.push(change('Amounts', words(sent.amountsIncludeTax), words(now.amountsIncludeTax)));
  }
  const mathsBefore = planLines(sent, settings);
  const mathsAfter = planLines(now, settings);
  const currency = now.currency ?? sent.currency;
  for (let i = 0; i < Math.max(sent.lines.length, now.lines.length); i++) {
    changes.push(...lineChanges(i, sent.lines[i], now.lines[i], mathsBefore.lineItems[i], mathsAfter.lineItems[i], currency));
  }
  const before = mathsBefore.totals;
  const after = mathsAfter.totals;
  if (before.subTotal !== after.subTotal) changes.push(change('Before VAT', formatMoney(before.subTotal, currency), formatMoney(after.subTotal, currency)));
  if (before.totalTax !== after.totalTax) changes.push(change('VAT', formatMoney(before.totalTax, currency), formatMoney(after.totalTax, currency)));
  if (before.total !== after.total) changes.push(change('Total', formatMoney(before.total, currency), formatMoney(after.total, currency)));
  return { known: true, changes, totals: { before, after } };
}
