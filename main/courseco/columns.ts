/**
 * Which column holds which field. CourseCo's report headers changed between versions and users rename columns in
 * Excel, so headers are compared without case, spaces or punctuation, against synonyms taken from CourseCo's own
 * report SQL and help pages (see shared/courseco-domain.md). Order matters twice: fields listed first claim a column
 * first, and within a field the first synonym present wins ("Total" beats "Amount"). Transaction Amount, Fee, the itemised
 * discounts, Price/Income and Outstanding are fields of their own, never a Total.
 */
import { DomainError } from '../errors';
import type { ExportKind } from './types';

export const transactionFields = {
  transactionId: ['transaction id', 'tx id', 'txn id', 'trans id', 'transaction no', 'transaction number', 'transaction'],
  transactionType: ['transaction type', 'type'],
  bookingId: ['booking id', 'booking no', 'booking number', 'booking ref', 'booking'],
  invoiceNumber: ['invoice number', 'invoice no', 'inv id', 'inv no', 'invoice id', 'invoice'],
  contactName: ['contact', 'bill to', 'billed to', 'customer', 'organization', 'organisation', 'company name', 'company', 'contact name', 'customer name', 'payer', 'name'],
  firstName: ['first name', 'firstname', 'forename'],
  lastName: ['last name', 'lastname', 'surname'],
  email: ['email', 'email address', 'e mail'],
  externalRef: ['external reference', 'external reference code', 'external ref', 'contact id', 'customer id', 'payer id', 'organisation id', 'organization id', 'contact number', 'account number', 'account no'],
  description: ['course', 'schedule', 'description', 'course title', 'course name', 'course schedule', 'item'],
  accountCode: ['nominal code', 'account code', 'nominal', 'gl code'],
  reference: ['po number', 'purchase order no', 'purchase order number', 'purchase order', 'po no', 'po', 'reference', 'your reference'],
  taxRate: ['vat rate', 'tax rate', 'vat %', 'tax %'],
  taxAmount: ['vat', 'tax', 'vat amount', 'tax amount'],
  invoiceDate: ['invoice date', 'inv date'],
  date: ['date created', 'transaction date', 'date', 'created', 'booking date'],
  dueDate: ['due date'],
  quantity: ['quantity', 'delegate count', 'quantity delegate count', 'qty', 'number of delegates', 'delegates', 'places'],
  unitPrice: ['unit price', 'price', 'unit amount', 'price per person', 'unit cost'],
  discount: ['discount', 'discount amount'],
  total: ['total', 'amount', 'line total', 'line amount'],
  // The amount columns CourseCo's reports carry beside Total (amount-readings.ts decides how they add up).
  transactionAmount: ['transaction amount', 'booking amount'],
  priceIncome: ['price income', 'income'],
  fee: ['fee', 'fees', 'booking fee'],
  unitDiscountAmount: ['unit discount amount', 'unit discount'],
  memberDiscountAmount: ['member discount amount', 'member discount'],
  // Read so it is never mistaken for an amount charged: it is what is still owed.
  outstanding: ['outstanding', 'outstanding balance', 'balance outstanding', 'amount outstanding'],
  currency: ['currency', 'currency code'],
  // Last, so they never take a column an older field claimed: only rules per course read them (line-rules.ts).
  venue: ['venue', 'location', 'course venue', 'course location', 'venue name'],
  category: ['course category', 'category', 'course type'],
} as const;

export const paymentFields = {
  paymentId: ['payment id', 'payment no', 'payment number', 'receipt number', 'server tx id'],
  transactionId: transactionFields.transactionId,
  amount: ['payment amount', 'amount paid', 'paid amount', 'amount', 'payment'],
  date: ['payment date', 'date paid', 'paid date', 'date', 'date created'],
  method: ['payment type', 'payment method', 'method', 'type'],
  reference: ['reference', 'payment reference', 'note', 'notes'],
  status: ['status', 'payment status'],
  paid: ['paid'],
} as const;

export type TransactionField = keyof typeof transactionFields;
export type PaymentField = keyof typeof paymentFields;
export type ExportField = TransactionField | PaymentField;

/** Field → index of the column holding it. */
export type ColumnMap<F extends string> = Partial<Record<F, number>>;

/** What a file must provide, as alternatives: each group needs at least one of its fields. */
export const requiredFields: Record<ExportKind, readonly (readonly string[])[]> = {
  transactions: [['transactionId'], ['contactName', 'firstName', 'lastName'], ['invoiceDate', 'date'], ['total', 'unitPrice', 'transactionAmount', 'priceIncome']],
  payments: [['transactionId'], ['amount'], ['date']],
};

export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/%/g, ' percent ').replace(/[^\p{L}\p{N}]+/gu, '');
}

function fieldsOf(kind: ExportKind): Record<string, readonly string[]> {
  return kind === 'transactions' ? transactionFields : paymentFields;
}

export function fieldNames(kind: ExportKind): string[] {
  return Object.keys(fieldsOf(kind));
}

/**
 * Picks the export kind from the header alone: payment columns without any line-item column mean a payments report.
 * ("Payment Type" also appears in CourseCo's transactions report, so it is not evidence on its own.)
 */
export function detectKind(headers: readonly string[]): ExportKind {
  const present = new Set(headers.map(normaliseHeader));
  const paymentOnly = ['paymentamount', 'amountpaid', 'paidamount', 'paymentdate', 'datepaid', 'paiddate', 'paymentid'];
  const lineLike = [...transactionFields.description, ...transactionFields.unitPrice, ...transactionFields.quantity, 'total', 'transactionamount', ...transactionFields.taxAmount].map(normaliseHeader);
  const looksLikePayments = paymentOnly.some((h) => present.has(h));
  const looksLikeLines = lineLike.some((h) => present.has(h));
  return looksLikePayments && !looksLikeLines ? 'payments' : 'transactions';
}

/**
 * Resolves the columns: an explicit mapping (field → header text) first, then synonyms for the rest.
 * Throws a DomainError for a mapping that names an unknown field or a column the file does not have: that is a typo
 * to fix, not a row error.
 */
export function resolveColumns(kind: ExportKind, headers: readonly string[], explicit: Record<string, string> = {}): ColumnMap<string> {
  const fields = fieldsOf(kind);
  const map: ColumnMap<string> = {};
  const taken = new Set<number>();
  const normalised = headers.map(normaliseHeader);

  for (const [field, column] of Object.entries(explicit)) {
    if (!(field in fields)) {
      throw new DomainError('UnknownMappingField', {
        message: `The column mapping names an unknown field "${field}".`,
        fix: `Use these field names for a ${kind} export: ${Object.keys(fields).join(', ')}.`,
      });
    }
    let index = headers.indexOf(column);
    if (index < 0) index = normalised.indexOf(normaliseHeader(column));
    if (index < 0) {
      throw new DomainError('UnknownMappingColumn', {
        message: `The column mapping points ${field} at "${column}", but the file has no such column.`,
        fix: `Choose one of the file's columns: ${headers.filter((h) => h.trim()).join(', ')}.`,
      });
    }
    map[field] = index;
    taken.add(index);
  }

  for (const [field, synonyms] of Object.entries(fields)) {
    if (map[field] !== undefined) continue;
    for (const synonym of synonyms) {
      const wanted = normaliseHeader(synonym);
      const index = normalised.findIndex((h, i) => h === wanted && !taken.has(i));
      if (index >= 0) {
        map[field] = index;
        taken.add(index);
        break;
      }
    }
  }
  return map;
}

/** The required groups none of whose fields found a column, each named by its fields. */
export function missingFields(kind: ExportKind, map: ColumnMap<string>): string[] {
  return requiredFields[kind].filter((group) => group.every((field) => map[field] === undefined)).map((group) => group.join(' or '));
}
