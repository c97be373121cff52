/**
 * Each kind of drift in the bookkeeper's words, said once for the close pack, the CLI and anything else that lists
 * drift outside the renderer.
 */
import type { DriftKind } from '../../../contract/features/reconcile';

export const DRIFT_KIND_WORDS: Readonly<Record<DriftKind, string>> = {
  voided: 'Voided in Xero',
  deleted: 'Deleted in Xero',
  'amount-changed': 'Amount changed in Xero',
  'contact-changed': 'Contact changed in Xero',
  'account-changed': 'Account changed in Xero',
  'tax-changed': 'VAT rate changed in Xero',
  'date-changed': 'Date changed in Xero',
  'payment-removed': 'Payment removed in Xero',
  'payment-added': 'Payment added in Xero',
  'missing-in-xero': 'Missing in Xero',
  'only-in-xero': 'Only in Xero',
};

/** "2026-10" → "October 2026". */
export function monthWords(period: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${month} ${match[1]}` : period;
}

/** "2026-10-26" → "26/10/2026" (Irish order); anything else as it is. */
export function dayWords(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : day;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
