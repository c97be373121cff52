/**
 * Which members of a batch a whole-request 400 is about. Xero lists every element sent, in order, each with its own
 * ValidationErrors (empty for the good ones; xero-facts.md §4), so when the answer lists as many elements as were
 * sent, position is trustworthy. Otherwise each complaint is matched by what Xero echoed of the element (Reference,
 * InvoiceNumber, ContactNumber, Name) to the one member that carries it. A member Xero did not complain about is
 * never failed: it is sent again. Complaints that fit no single member leave the batch undecided, and the caller
 * sends its members one at a time so that Xero's answer names each.
 */
import type { ValidationProblem } from '../../xero/xero-client-errors';

export interface Refusal {
  /** Member index → Xero's messages for it. */
  failed: Map<number, string[]>;
  /** Xero complained about something it did not tie to one member (or about the request as a whole). */
  undecided: boolean;
}

const IDENTITY_FIELDS = ['Reference', 'InvoiceNumber', 'CreditNoteNumber', 'ContactNumber', 'Name'] as const;

function identityOf(payload: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof payload !== 'object' || payload === null) return out;
  const record = payload as Record<string, unknown>;
  for (const field of IDENTITY_FIELDS) {
    const value = record[field];
    if (typeof value === 'string' && value !== '') out[field] = value;
  }
  return out;
}

export function attributeRefusal(payloads: readonly unknown[], problems: readonly ValidationProblem[], elementCount: number, requestMessage: string): Refusal {
  const failed = new Map<number, string[]>();
  if (problems.length === 0) {
    // A request-level refusal names no element: with one member it is that member's; with more, nobody's for sure.
    if (payloads.length === 1) failed.set(0, [requestMessage]);
    return { failed, undecided: payloads.length > 1 };
  }
  if (elementCount === payloads.length) {
    for (const p of problems) if (p.index < payloads.length) failed.set(p.index, [...(failed.get(p.index) ?? []), ...p.messages]);
    return { failed, undecided: false };
  }
  const identities = payloads.map(identityOf);
  let undecided = false;
  for (const p of problems) {
    const echo = p.identity ?? {};
    const candidates = identities
      .map((id, index) => ({ index, hits: IDENTITY_FIELDS.filter((f) => echo[f] !== undefined && id[f] === echo[f]).length }))
      .filter((c) => c.hits > 0);
    const best = Math.max(0, ...candidates.map((c) => c.hits));
    const top = candidates.filter((c) => c.hits === best);
    if (top.length === 1) failed.set(top[0]!.index, [...(failed.get(top[0]!.index) ?? []), ...p.messages]);
    else if (payloads.length === 1) failed.set(0, [...(failed.get(0) ?? []), ...p.messages]);
    else undecided = true;
  }
  return { failed, undecided };
}
