/**
 * The Xero Accounting API documents the planner produces, in Xero's own JSON shape (PascalCase, as PUT/POST take
 * them; see shared/xero-openapi/xero_accounting.yaml). Only the fields we send are declared. Amounts are JSON numbers
 * with at most 2 (amounts) or 4 (UnitAmount, Quantity) decimals, so they survive the trip exactly.
 */

export interface XeroContactRef {
  ContactID?: string;
  ContactNumber?: string;
  Name?: string;
}

export interface XeroContact {
  Name: string;
  /** External system's id for the contact (≤ 50); ours is derived from CourseCo's data. */
  ContactNumber: string;
  EmailAddress?: string;
}

export type LineAmountTypes = 'Exclusive' | 'Inclusive' | 'NoTax';

export interface XeroLineItem {
  Description: string;
  Quantity: number;
  UnitAmount: number;
  AccountCode: string;
  TaxType?: string;
  /** Up to two `{ Name, Option }` (OpenAPI LineItemTracking), from rules per course (line-rules.ts). */
  Tracking?: Array<{ Name: string; Option: string }>;
}

export interface XeroInvoice {
  Type: 'ACCREC';
  /** Present only when updating an invoice already in Xero. */
  InvoiceID?: string;
  Contact: XeroContactRef;
  Date: string;
  DueDate: string;
  InvoiceNumber?: string;
  Reference: string;
  LineAmountTypes: LineAmountTypes;
  Status: 'DRAFT' | 'AUTHORISED';
  CurrencyCode?: string;
  LineItems: XeroLineItem[];
}

/**
 * An invoice voided (AUTHORISED → VOIDED) or deleted (DRAFT → DELETED) by changing its status: Xero's way, not a
 * DELETE request (Xero's Invoices docs, "Deleting and voiding invoices"; XeroAPI/Xero-NetStandard#79).
 */
export interface XeroInvoiceStatusChange {
  InvoiceID: string;
  Status: 'VOIDED' | 'DELETED';
}

export interface XeroCreditNote {
  Type: 'ACCRECCREDIT';
  CreditNoteID?: string;
  Contact: XeroContactRef;
  Date: string;
  CreditNoteNumber?: string;
  Reference: string;
  LineAmountTypes: LineAmountTypes;
  Status: 'DRAFT' | 'AUTHORISED';
  CurrencyCode?: string;
  LineItems: XeroLineItem[];
}

export interface XeroPayment {
  Invoice: { InvoiceID: string } | { InvoiceNumber: string };
  Account: { Code: string } | { AccountID: string };
  Date: string;
  Amount: number;
  Reference: string;
}

/**
 * A batch payment (OpenAPI schema `BatchPayment`): several receipts as one bank-statement line. The batch carries the
 * account and the date; each payment names its invoice and amount (and keeps its own Reference, as Xero's example
 * for GET /BatchPayments/{id} shows on a member payment).
 */
export interface XeroBatchPayment {
  Account: XeroPayment['Account'];
  Date: string;
  Reference: string;
  Payments: Array<Pick<XeroPayment, 'Invoice' | 'Amount' | 'Reference'>>;
}

/** A contact as read from Xero, for matching. */
export interface KnownXeroContact {
  ContactID: string;
  Name: string;
  ContactNumber?: string;
  EmailAddress?: string;
  ContactStatus?: 'ACTIVE' | 'ARCHIVED' | 'GDPRREQUEST';
}
