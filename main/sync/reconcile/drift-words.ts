/**
 * How drift is said to a bookkeeper: what changed (was → now) and what to do, in plain Irish English. Amounts as
 * "1,234.50 EUR", dates as "26/10/2026"; never a request, a file name or an ISO timestamp. The comparison, the
 * console, the close pack and the CLI all show these same words.
 */
import Decimal from 'decimal.js';
import type { DriftAction, DriftKind } from '../../../contract/features/reconcile';

/** "1,234.50 EUR" (the code when known), "-20.00 EUR" for a negative amount. */
export function sayMoney(amount: Decimal.Value, currency: string | null): string {
  const d = new Decimal(amount).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const [whole = '0', cents = '00'] = d.abs().toFixed(2).split('.');
  const sign = d.isNegative() && !d.isZero() ? '-' : '';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}.${cents}${currency ? ` ${currency.toUpperCase()}` : ''}`;
}

/** "26/10/2026" from "2026-10-26". */
export function sayDate(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

/** "invoice INV-0001", "credit note CN-12", or "the invoice" when Xero gave it no number. */
export function sayDocument(kind: 'invoice' | 'credit-note', number: string | null): string {
  const noun = kind === 'invoice' ? 'invoice' : 'credit note';
  return number ? `${noun} ${number}` : `the ${noun}`;
}

/** What the user may do about each kind of drift (the design's table). */
export function actionsFor(kind: DriftKind): DriftAction[] {
  switch (kind) {
    case 'voided':
    case 'deleted':
    case 'missing-in-xero':
    case 'payment-removed':
      return ['send-again', 'accept-xero'];
    default:
      return ['accept-xero'];
  }
}

const LOOK_INTO_IT = 'Look into it in Xero (open it from here):';

/** What to do, in words, for one item. `document` names it ("invoice INV-0001"). */
export function whatToDoFor(kind: DriftKind, document: string, extra: { amount?: string; neverSent?: boolean; retired?: boolean } = {}): string {
  if (extra.retired && (kind === 'voided' || kind === 'deleted' || kind === 'missing-in-xero')) {
    return `${LOOK_INTO_IT} ${document} belongs to an earlier version of this transaction (a change retired it) and ${kind === 'missing-in-xero' ? 'is no longer in Xero' : `was ${kind} there`}. The transaction's current document is not affected; put it right in Xero if needed, then accept Xero's version.`;
  }
  switch (kind) {
    case 'voided':
      return `Someone voided ${document} in Xero after it was synced. If the booking still stands, send it again: the next sync raises a new one (Xero keeps the old number taken, so the new one gets Xero's next number). If the booking was cancelled, accept Xero's version.`;
    case 'deleted':
      return `Someone deleted ${document} in Xero after it was synced. If the booking still stands, send it again: the next sync raises a new one (Xero keeps the old number taken, so the new one gets Xero's next number). If the booking was cancelled, accept Xero's version.`;
    case 'missing-in-xero':
      return extra.neverSent
        ? 'This transaction is not in Xero yet. Send it with the next sync, or exclude it in Transactions if it should stay out of Xero, or accept that Xero does not have it.'
        : `Xero no longer has ${document}. Send it again to raise it anew with the next sync, or accept Xero's version if it was removed on purpose.`;
    case 'payment-removed':
      return `A payment of ${extra.amount ?? 'this amount'} that was synced is no longer on ${document} in Xero. Send it again to record it once more with the next sync, or accept Xero's version if it was removed on purpose (for example, the payment bounced).`;
    case 'payment-added':
      // Not "record it in CourseCo too": the next import would carry it and the sync would send it to Xero a second time.
      return `${LOOK_INTO_IT} someone recorded a payment of ${extra.amount ?? 'this amount'} on ${document} that CourseCo does not have. If the money arrived, accept Xero's version; if it did not, remove the payment in Xero. Recording it in CourseCo as well would have it sent to Xero a second time.`;
    case 'only-in-xero':
      return `${LOOK_INTO_IT} Xero holds ${document}, which names a CourseCo transaction but is not the one the assistant keeps for it (a duplicate, or one raised by hand). Void it in Xero if it is a duplicate; otherwise accept Xero's version.`;
    case 'amount-changed':
    case 'contact-changed':
    case 'account-changed':
    case 'tax-changed':
    case 'date-changed':
      return `${LOOK_INTO_IT} someone edited ${document} there after it was synced. If the edit is right, accept Xero's version (and correct CourseCo to match if needed); if not, change it back in Xero.`;
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "October 2026" from "2026-10". */
export function sayMonth(period: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${month} ${match[1]}` : period;
}
