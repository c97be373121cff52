/**
 * Finding many things in Xero with few calls: `where` filters OR-ed together in chunks that keep the request URL
 * short (Xero sits behind web servers with URL limits, so ~1,800 encoded characters of filter per call), and the
 * look-ups the engine needs — contacts for matching, and our own invoices, credit notes and payments when a batch's
 * outcome is unknown (crash, dropped connection) or an invoice number is taken.
 */
import { contactRef } from './contact-matching';
import type { CourseCoContact } from '../courseco/types';
import { paymentIdFromReference, transactionIdFromReference } from './idempotency';
import type { FoundDocument, FoundPayment, SyncGateway } from './xero-gateway';
import type { KnownXeroContact } from './xero-documents';

export const MAX_WHERE_CHARS = 1800;

/** A string literal in Xero's filter language. */
export function xeroString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Clauses OR-ed into as few filters as fit `max` encoded characters each. */
export function whereChunks(clauses: readonly string[], max = MAX_WHERE_CHARS): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const clause of clauses) {
    const next = current ? `${current} OR ${clause}` : clause;
    if (current && encodeURIComponent(next).length > max) {
      chunks.push(current);
      current = clause;
    } else current = next;
  }
  if (current) chunks.push(current);
  return chunks;
}

/** Calls made by a look-up, so the engine can count them. */
export type CountCall = <T>(run: () => Promise<T>) => Promise<T>;

/**
 * The Xero contacts that could match these CourseCo contacts (by our ContactNumber, or by name), archived included.
 * Whichever costs fewer calls: targeted filters, or reading the organisation's contact list a page (1,000) at a
 * time — one page is all a small organisation has, and filters for thousands of new contacts would need dozens.
 */
export async function findContacts(gateway: SyncGateway, wanted: readonly CourseCoContact[], call: CountCall): Promise<KnownXeroContact[]> {
  if (wanted.length === 0) return [];
  const clauses = new Map<string, string>();
  for (const contact of wanted) {
    const ref = contactRef(contact);
    clauses.set(`n:${ref}`, `ContactNumber==${xeroString(ref)}`);
    clauses.set(`m:${contact.name.trim().toLowerCase()}`, `Name==${xeroString(contact.name.trim())}`);
  }
  const filters = whereChunks([...clauses.values()]);
  const byFilters = async () => {
    const found: KnownXeroContact[] = [];
    for (const where of filters) {
      for (let page = 1; ; page++) {
        const result = await call(() => gateway.contacts({ where, page }));
        found.push(...result.contacts);
        if (page >= result.pageCount) break;
      }
    }
    return found;
  };
  if (filters.length <= 1) return byFilters();
  const first = await call(() => gateway.contacts({ page: 1 }));
  if (first.pageCount - 1 >= filters.length) return byFilters();
  const all = [...first.contacts];
  for (let page = 2; page <= first.pageCount; page++) all.push(...(await call(() => gateway.contacts({ page }))).contacts);
  return all;
}

/** Our ContactNumbers already in Xero (after an interrupted contacts batch). */
export async function findContactsByNumber(gateway: SyncGateway, refs: readonly string[], call: CountCall): Promise<Map<string, KnownXeroContact>> {
  const found = new Map<string, KnownXeroContact>();
  for (const where of whereChunks(refs.map((r) => `ContactNumber==${xeroString(r)}`))) {
    for (let page = 1; ; page++) {
      const result = await call(() => gateway.contacts({ where, page }));
      for (const c of result.contacts) if (c.ContactNumber) found.set(c.ContactNumber, c);
      if (page >= result.pageCount) break;
    }
  }
  return found;
}

const LIVE = (d: FoundDocument) => d.status !== 'DELETED' && d.status !== 'VOIDED';

/** The live documents whose Reference says they are these CourseCo transactions' (`CourseCo Tx <id>`). */
export async function findOurDocuments(
  gateway: SyncGateway,
  kind: 'invoices' | 'credit-notes',
  transactionIds: readonly string[],
  call: CountCall,
): Promise<Map<string, FoundDocument>> {
  const wanted = new Set(transactionIds);
  const found = new Map<string, FoundDocument>();
  const type = kind === 'invoices' ? 'ACCREC' : 'ACCRECCREDIT';
  const clauses = transactionIds.map((id) => `Reference.StartsWith(${xeroString(`CourseCo Tx ${id}`)})`);
  for (const filter of whereChunks(clauses, MAX_WHERE_CHARS - 40)) {
    const where = `Type==${xeroString(type)} AND (${filter})`;
    const docs = await call(() => (kind === 'invoices' ? gateway.invoices({ where }) : gateway.creditNotes({ where })));
    for (const doc of docs) {
      const id = transactionIdFromReference(doc.reference);
      if (id && wanted.has(id) && LIVE(doc) && !found.has(id)) found.set(id, doc);
    }
  }
  return found;
}

/** ACCREC invoices holding these numbers (Xero keeps them unique), by number in lower case. */
export async function findInvoicesByNumber(gateway: SyncGateway, numbers: readonly string[], call: CountCall): Promise<Map<string, FoundDocument>> {
  const found = new Map<string, FoundDocument>();
  for (let i = 0; i < numbers.length; i += 50) {
    const docs = await call(() => gateway.invoices({ numbers: numbers.slice(i, i + 50) }));
    for (const doc of docs) if (doc.number && (doc.type === undefined || doc.type === 'ACCREC')) found.set(doc.number.toLowerCase(), doc);
  }
  return found;
}

export async function findCreditNotesByNumber(gateway: SyncGateway, numbers: readonly string[], call: CountCall): Promise<Map<string, FoundDocument>> {
  const found = new Map<string, FoundDocument>();
  for (const where of whereChunks(numbers.map((n) => `CreditNoteNumber==${xeroString(n)}`))) {
    for (const doc of await call(() => gateway.creditNotes({ where }))) if (doc.number) found.set(doc.number.toLowerCase(), doc);
  }
  return found;
}

/** Payments on these invoices, keyed by the CourseCo payment id in their Reference (ours only). */
export async function findOurPayments(gateway: SyncGateway, invoiceIds: readonly string[], call: CountCall): Promise<Map<string, FoundPayment>> {
  const found = new Map<string, FoundPayment>();
  const ids = [...new Set(invoiceIds)];
  for (let i = 0; i < ids.length; i += 50) {
    const docs = await call(() => gateway.invoices({ ids: ids.slice(i, i + 50) }));
    for (const doc of docs) {
      for (const p of doc.payments) {
        const paymentId = paymentIdFromReference(p.reference);
        if (paymentId && !found.has(paymentId)) found.set(paymentId, p);
      }
    }
  }
  return found;
}
