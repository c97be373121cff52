/**
 * Field rules Xero applies before anything else is checked, held here so the sandbox is never kinder than Xero:
 * length limits and the contact e-mail format. Each limit names its source.
 */
import { msg } from './messages';

/** Longest values Xero takes. */
export const FIELD_LIMITS = {
  /** Contact.Name "max length = 255" (OpenAPI Contact.Name maxLength 255). */
  contactName: 255,
  /** Contact.EmailAddress "(max length = 255)" (OpenAPI Contact.EmailAddress maxLength 255). */
  contactEmail: 255,
  /** Invoice.InvoiceNumber "(max length = 255)" (OpenAPI Invoice.InvoiceNumber maxLength 255). */
  invoiceNumber: 255,
  /** Invoice.Reference: "ACCREC only, ≤255" (Xero's Invoices docs, xero-facts.md §3 Invoices; the OpenAPI gives none). */
  reference: 255,
  /** LineItem.Description "≥1 char, ≤4000" (Xero's Invoices docs, xero-facts.md §3 Invoices). */
  lineDescription: 4000,
} as const;

/**
 * Xero refuses a contact whose EmailAddress is not a valid address ("a contact will always require a valid email if
 * provided", Xero staff in waynerobinson/xeroizer#477; xero-facts.md §9), and with it every document that creates
 * the contact inline. Xero's exact test is not published: this one refuses what no mail server takes — no `@`,
 * two addresses in one field, spaces, an empty side, a domain without a dot — and accepts ordinary addresses.
 */
const EMAIL = /^[^\s@,;<>()[\]"]+@[^\s@,;<>()[\]"]+\.[^\s@,;<>()[\]".]{2,}$/u;

export function emailErrors(value: string | undefined): string[] {
  if (value === undefined || value === '') return [];
  if (value.length > FIELD_LIMITS.contactEmail) return [msg.fieldTooLong('EmailAddress', FIELD_LIMITS.contactEmail)];
  const [local = '', domain = ''] = value.split('@');
  if (!EMAIL.test(value) || local.startsWith('.') || local.endsWith('.') || domain.includes('..') || domain.startsWith('.')) return [msg.emailInvalid];
  return [];
}

/** An error when `value` is longer than `max` characters (Xero counts characters, not bytes). */
export function lengthErrors(fieldName: string, value: string | undefined, max: number): string[] {
  return value !== undefined && [...value].length > max ? [msg.fieldTooLong(fieldName, max)] : [];
}
