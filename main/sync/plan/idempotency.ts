/**
 * Idempotency keys and the references that let a later run (or a crash reconciliation) recognise our documents in
 * Xero. Keys are derived from content, never random: the same document planned twice gets the same key, so Xero's
 * idempotency store (6 minutes) answers a retry with the first response instead of creating a duplicate. Xero caps
 * keys at 128 characters.
 */
import { createHash } from 'node:crypto';

export const MAX_IDEMPOTENCY_KEY = 128;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** `kind:id:hash16`; ids too long for the cap are replaced by their hash. */
export function documentKey(kind: string, id: string, contentHash: string): string {
  const key = `${kind}:${id}:${contentHash.slice(0, 16)}`;
  return key.length <= MAX_IDEMPOTENCY_KEY ? key : `${kind}:${sha256(id).slice(0, 40)}:${contentHash.slice(0, 16)}`;
}

/** One key per batch request, from its members' keys in order: the same batch retried is the same request. */
export function batchKey(kind: string, memberKeys: readonly string[]): string {
  return `${kind}-batch:${sha256(memberKeys.join('\n')).slice(0, 48)}`;
}

/**
 * The content hash a document's or payment's key is built from, once it is sent again after Xero lost it (voided,
 * deleted or removed there): Xero replays a key's first answer for 6 minutes (xero-facts.md §6), so the same content
 * under the same key would get back the answer that created the one now gone. Generation 0 (never sent again) keeps
 * the hash as it was, so every key planned before stays the same.
 */
export function sentAgain(contentHash: string, generation: number | undefined): string {
  return generation ? payloadHash(['sent-again', contentHash, generation]) : contentHash;
}

/** A short stable hash of any JSON-able payload (contacts have no CourseCo content hash of their own). */
export function payloadHash(payload: unknown): string {
  return sha256(JSON.stringify(payload));
}

const REFERENCE_PREFIX = 'CourseCo Tx ';
const PAYMENT_PREFIX = 'CourseCo payment ';
const XERO_REFERENCE_MAX = 255;

/** Invoice/credit note Reference: `CourseCo Tx 1234`, then ` | PO …` when CourseCo has a purchase order number. */
export function transactionReference(transactionId: string, poNumber?: string): string {
  const base = `${REFERENCE_PREFIX}${transactionId}`;
  return poNumber ? `${base} | PO ${poNumber}`.slice(0, XERO_REFERENCE_MAX) : base;
}

/** The CourseCo Transaction ID in a Reference we wrote, or undefined (exact: "Tx 12" never matches "Tx 123"). */
export function transactionIdFromReference(reference: string | undefined): string | undefined {
  const match = reference ? /^CourseCo Tx (\S+?)(?: \| .*)?$/s.exec(reference) : null;
  return match?.[1];
}

/** Payment Reference: `CourseCo payment <payment id>`, then ` | <method>`. */
export function paymentReference(paymentId: string, method?: string): string {
  const base = `${PAYMENT_PREFIX}${paymentId}`;
  return method ? `${base} | ${method}`.slice(0, XERO_REFERENCE_MAX) : base;
}

export function paymentIdFromReference(reference: string | undefined): string | undefined {
  const match = reference ? /^CourseCo payment (\S+?)(?: \| .*)?$/s.exec(reference) : null;
  return match?.[1];
}
