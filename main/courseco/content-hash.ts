/**
 * A stable fingerprint of a transaction's or payment's content. Every field is written at a fixed position (so key
 * order and absent-vs-undefined cannot matter), row numbers are left out (re-sorting the report must not mark
 * everything changed), and amounts are already canonical decimal strings, so the same CourseCo data always hashes
 * the same whatever Excel did to the file's formatting. Fixed tuples are also what keeps 100,000-row imports fast.
 * Adding a field changes every hash: bump the version prefix and say so in the journal migration that needs it.
 */
import { createHash } from 'node:crypto';
import type { CourseCoLine, CourseCoPayment, CourseCoTransaction } from './types';

const VERSION = 'v1';

// Venue and category (read for rules per course) are left out: reports that carry them were imported before they
// were read, and a fingerprint that grew would mark every such synced transaction "changed" on the next import, each
// approval raising a credit note and a new invoice for the same money. A venue edited in CourseCo after sync is
// therefore not a change to Xero's document (its tracking option stays as sent).
const lineTuple = (l: CourseCoLine) => [l.description, l.quantity, l.unitAmount, l.discount ?? null, l.lineTotal ?? null, l.taxAmount ?? null, l.taxRate ?? null, l.accountCode ?? null];

export function transactionFingerprint(tx: CourseCoTransaction): string {
  const c = tx.contact;
  return JSON.stringify([
    VERSION,
    tx.transactionId,
    tx.kind,
    tx.transactionType ?? null,
    tx.bookingId ?? null,
    [c.name, c.email ?? null, c.externalRef ?? null],
    tx.invoiceNumber ?? null,
    tx.reference ?? null,
    tx.date,
    tx.dueDate ?? null,
    tx.currency ?? null,
    tx.amountsIncludeTax,
    tx.lines.map(lineTuple),
  ]);
}

export function paymentFingerprint(p: CourseCoPayment): string {
  return JSON.stringify([VERSION, p.paymentId, p.transactionId, p.date, p.amount, p.method ?? null, p.reference ?? null]);
}

export function contentHash(value: CourseCoTransaction | CourseCoPayment): string {
  const text = 'lines' in value ? transactionFingerprint(value) : paymentFingerprint(value);
  return createHash('sha256').update(text).digest('hex');
}
