/**
 * The one rule for "is this Xero document (or payment) already ours?", asked by a sync whose invoice number Xero says
 * is taken (run/phase-documents.ts, phase-payments.ts) and by reconciliation when it recognises CourseCo's own "Sync to
 * Xero" push (reconcile/link-push.ts). A document is this transaction's when it carries our Reference for it, or
 * when it holds the transaction's CourseCo number with no Reference of ours and the same contact and total (CourseCo's
 * push writes the number, never our Reference). Its payments are ours by our payment Reference, or (CourseCo's push)
 * by the same amount and date.
 */
import Decimal from 'decimal.js';
import { normaliseName } from './contact-matching';
import { paymentIdFromReference, transactionIdFromReference } from './idempotency';

/** What the rule reads of a Xero document (the run's FoundDocument and reconciliation's snapshot both fit). */
export interface DocumentFacts {
  status?: string | null | undefined;
  reference?: string | null | undefined;
  total?: string | null | undefined;
  contactId?: string | null | undefined;
  contactName?: string | null | undefined;
}

/** What the rule reads of the CourseCo transaction: its total as Xero computes it, and its payer's name. */
export interface TransactionFacts {
  total: string;
  contactName: string;
}

export type DocumentVerdict<D> = { link: D; byCourseCo: boolean } | { link?: undefined; reason: string };

const ref = (value: string | null | undefined) => value ?? undefined;

/** Is the document that holds this number ours (our Reference), CourseCo's own push (same contact and total), or not? */
export function judgeCollision<D extends DocumentFacts>(
  found: D | undefined,
  number: string,
  tx: string,
  ours: TransactionFacts,
  contactId: string | undefined,
  what: 'invoice' | 'credit note',
): DocumentVerdict<D> {
  const fix = `Xero never allows a number twice: if it is the same sale, exclude this transaction; otherwise give it another number in CourseCo and import again.`;
  if (!found) return { reason: `Xero says ${what} number ${number} is already used, but that ${what} could not be read back (Xero keeps numbers of deleted ${what}s too). ${fix}` };
  if (found.status === 'DELETED' || found.status === 'VOIDED') {
    return { reason: `${what} number ${number} belongs to a ${found.status.toLowerCase()} ${what} in Xero, and Xero never reuses a number. Give this ${what} another number in CourseCo, or exclude the transaction.` };
  }
  const owner = transactionIdFromReference(ref(found.reference));
  if (owner === tx) return { link: found, byCourseCo: false };
  if (owner !== undefined) return { reason: `${what} number ${number} is already used in Xero by CourseCo transaction ${owner}: two CourseCo transactions carry the same number. Correct it in CourseCo and import again.` };
  const sameTotal = found.total !== undefined && found.total !== null && new Decimal(found.total).eq(ours.total);
  const sameContact = (contactId !== undefined && found.contactId === contactId) || (!!found.contactName && normaliseName(found.contactName) === normaliseName(ours.contactName));
  if (sameTotal && sameContact) return { link: found, byCourseCo: true };
  const theirs = `${found.contactName ? `for "${found.contactName}", ` : ''}total ${found.total ?? '?'}${found.reference ? `, reference "${found.reference}"` : ''}`;
  return { reason: `Xero already has ${what} number ${number} (${theirs}), and it is not this transaction's (for "${ours.contactName}", total ${ours.total}). ${fix}` };
}

/** What the rule reads of a payment already on a linked document. */
export interface PaymentFacts {
  id: string;
  amount: string;
  /** YYYY-MM-DD */
  date: string;
  reference?: string | null | undefined;
  status?: string | undefined;
}

/**
 * The payment already on a linked document that is this CourseCo payment: ours by its Reference, or, on a document
 * of CourseCo's own push, one with no Reference of ours and the same date and amount. `used` keeps one Xero payment
 * from matching two of ours; the match is added to it.
 */
export function matchExistingPayment<P extends PaymentFacts>(
  existing: { payments: readonly P[]; byCourseCo: boolean },
  payment: { paymentId: string; date: string; amount: string | number | Decimal },
  used: Set<string>,
): P | undefined {
  const match = existing.payments.find(
    (p) =>
      p.status !== 'DELETED' &&
      !used.has(p.id) &&
      (paymentIdFromReference(ref(p.reference)) === payment.paymentId ||
        (existing.byCourseCo && paymentIdFromReference(ref(p.reference)) === undefined && p.date === payment.date && new Decimal(p.amount).eq(payment.amount))),
  );
  if (match) used.add(match.id);
  return match;
}
