/**
 * What a CourseCo report export becomes after import: plain, JSON-serialisable records. Amounts are decimal strings
 * ("1234.50", "-20") so nothing is lost to binary floating point between the CSV and the planner's decimal.js maths.
 */

export type ExportKind = 'transactions' | 'payments';

/** One line of a CourseCo transaction: one CSV row. */
export interface CourseCoLine {
  /** The spreadsheet row it came from (header = row 1); not part of the content hash. */
  row: number;
  description: string;
  quantity: string;
  /** Price of one unit, tax-inclusive or -exclusive as the transaction's `amountsIncludeTax` says. */
  unitAmount: string;
  /** Discount off this line (same tax basis), when the file has a Discount column and it is not zero. */
  discount?: string;
  /**
   * CourseCo's line amount after discount, on the same tax basis as unitAmount, when the file has a Total. (A Total
   * that also includes VAT in a tax-exclusive file is recognised and converted at import.) The planner checks against it.
   */
  lineTotal?: string;
  /** VAT on this line as CourseCo computed it, when the file has a VAT column. */
  taxAmount?: string;
  /** VAT rate in percent ("23", "13.5"), when the file has a rate column. */
  taxRate?: string;
  /** CourseCo's nominal code for the schedule, when present. */
  accountCode?: string;
  /** The schedule's venue or location, when the report has the column (rules per venue: sync/plan/line-rules.ts). */
  venue?: string;
  /** The course's category, when the report has the column (rules per category). */
  category?: string;
}

export interface CourseCoContact {
  name: string;
  email?: string;
  /** A CourseCo-side identifier (payer/organisation id or an external ref such as a Sage ID), when exported. */
  externalRef?: string;
}

export interface CourseCoTransaction {
  transactionId: string;
  /** `credit` for journal/credit rows and negative totals: they become Xero credit notes. */
  kind: 'invoice' | 'credit';
  /** CourseCo's label, e.g. "Booking - Pay Now", "Journal Cancel Booking". */
  transactionType?: string;
  bookingId?: string;
  contact: CourseCoContact;
  invoiceNumber?: string;
  /** Purchase order number or other customer reference. */
  reference?: string;
  /** YYYY-MM-DD */
  date: string;
  /** YYYY-MM-DD */
  dueDate?: string;
  currency?: string;
  amountsIncludeTax: boolean;
  lines: CourseCoLine[];
}

export interface CourseCoPayment {
  /** CourseCo payment identity: the file's payment id, else derived from transaction, date, amount and occurrence. */
  paymentId: string;
  transactionId: string;
  /** YYYY-MM-DD */
  date: string;
  /** Positive decimal string. */
  amount: string;
  method?: string;
  reference?: string;
  /** Spreadsheet row; not part of the content hash. */
  row: number;
}

/** A bad row: reported, never silently dropped. */
export interface ImportRowError {
  /** Line number a spreadsheet shows: header = row 1. */
  row: number;
  /** The column's header as written in the file (or the field's name when the column is missing). */
  column: string;
  reason: string;
  transactionId?: string;
  /** What kind of finding this is, the same for every row it is found on (e.g. `payment-waits-for-transaction`). */
  code?: string;
  /** The finding in words true of every row with the same code, naming no transaction: a report lists such rows once. */
  summary?: string;
}

/** A row deliberately not imported (blank, a report's total line, a failed card payment, a quote). */
export interface SkippedRow {
  row: number;
  reason: string;
}
