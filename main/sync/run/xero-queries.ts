/**
 * Finding many things in Xero with few calls: `where` filters OR-ed together in chunks that keep the request URL
 * short (Xero sits behind web servers with URL limits, so ~1,800 encoded characters of filter per call), and the
 * look-ups the engine needs — contacts for matching, and our own invoices, credit notes and payments when a batch's
 * outcome is unknown (crash, dropped connection) or an invoice number is taken.
 */
import { contactRef, paymentIdFromReference, transactionIdFromReference, type KnownXeroContact } from '../plan';
import type { CourseCoContact } from '../../courseco/types';
import { DomainError } from '../../errors';
import type { JournalEntry } from '../journal';
import type { FoundDocument, FoundPayment, SyncGateway } from './xero-gateway';

export const MAX_WHERE_CHARS = 1800;

/**
 * Whether a `where` string can carry this value. Xero's filter strings have no escape: `\"` and `""` both answer 400
 * "Syntax error" (XeroAPI/Xero-Java#347, waynerobinson/xeroizer#160; xero-facts.md §9), and a backslash's meaning is
 * not documented, so values holding either are found another way (`searchTerm`, matched exactly on our side).
 */
export function canQuote(value: string): boolean {
  return !/["\\]/.test(value);
}

/** A string literal in Xero's filter language, for a value `canQuote` accepts (as written: Xero has no escapes). */
export function xeroString(value: string): string {
  if (!canQuote(value)) throw new Error(`a Xero where string cannot carry ${JSON.stringify(value)}`);
  return `"${value}"`;
}

/** Xero answered a read with 400 (the engine's reads turn that into this kind): the look-up itself was refused. */
const refusedRead = (error: unknown): error is DomainError => error instanceof DomainError && error.kind === 'XeroBadRequest';

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

/** What a contact look-up found, and the contacts it could not look up (by our ref) with the reason in plain words. */
export interface ContactLookup {
  contacts: KnownXeroContact[];
  failures: Map<string, string>;
}

/**
 * The Xero contacts that could match these CourseCo contacts (by our ContactNumber, or by name), archived included.
 * Whichever costs fewer calls: targeted filters, or reading the organisation's contact list a page (1,000) at a
 * time — one page is all a small organisation has, and filters for thousands of new contacts would need dozens.
 * Names and numbers a `where` cannot carry are searched with `searchTerm`. A read Xero refuses (400) never halts the
 * run: a refused filter is retried clause by clause, and only the contacts whose own read is refused are reported.
 */
export async function findContacts(gateway: SyncGateway, wanted: readonly CourseCoContact[], call: CountCall): Promise<ContactLookup> {
  const failures = new Map<string, string>();
  if (wanted.length === 0) return { contacts: [], failures };
  /** Filter clause → the refs it looks up; search term → the refs it looks up. */
  const clauses = new Map<string, Set<string>>();
  const searches = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, ref: string) => map.set(key, (map.get(key) ?? new Set<string>()).add(ref));
  for (const contact of wanted) {
    const ref = contactRef(contact);
    const name = contact.name.trim();
    for (const [value, clause] of [
      [ref, () => `ContactNumber==${xeroString(ref)}`],
      [name, () => `Name==${xeroString(name)}`],
    ] as const) {
      if (canQuote(value)) add(clauses, clause(), ref);
      else add(searches, value.toLowerCase(), ref);
    }
  }
  const refusal = (name: string, error: DomainError) =>
    `Xero refused to look up the contact "${name}" (it answered: ${error.message}), so this transaction is not sent, to avoid creating a duplicate contact; the rest of the sync goes on. Try again later, or create the contact in Xero with this payer's contact number.`;
  const nameOf = new Map(wanted.map((c) => [contactRef(c), c.name.trim()]));
  const fail = (refs: Iterable<string>, error: DomainError) => {
    for (const ref of refs) if (!failures.has(ref)) failures.set(ref, refusal(nameOf.get(ref) ?? ref, error));
  };
  const pages = async (query: { where?: string; searchTerm?: string }) => {
    const found: KnownXeroContact[] = [];
    for (let page = 1; ; page++) {
      const result = await call(() => gateway.contacts({ ...query, page }));
      found.push(...result.contacts);
      if (page >= result.pageCount) break;
    }
    return found;
  };
  const found: KnownXeroContact[] = [];
  const byFilter = async (group: readonly string[]) => {
    try {
      found.push(...(await pages({ where: group.join(' OR ') })));
    } catch (error) {
      if (!refusedRead(error)) throw error;
      if (group.length === 1) fail(clauses.get(group[0]!)!, error);
      else for (const clause of group) await byFilter([clause]);
    }
  };
  const bySearch = async () => {
    for (const [term, refs] of searches) {
      try {
        found.push(...(await pages({ searchTerm: term })));
      } catch (error) {
        if (!refusedRead(error)) throw error;
        fail(refs, error);
      }
    }
  };
  const groups = chunkClauses([...clauses.keys()]);
  if (groups.length > 1) {
    const first = await call(() => gateway.contacts({ page: 1 }));
    if (first.pageCount - 1 < groups.length + searches.size) {
      const all = [...first.contacts];
      for (let page = 2; page <= first.pageCount; page++) all.push(...(await call(() => gateway.contacts({ page }))).contacts);
      return { contacts: all, failures };
    }
  }
  for (const group of groups) await byFilter(group);
  await bySearch();
  return { contacts: found, failures };
}

/** Clauses grouped the way `whereChunks` joins them, so a refused filter can be retried clause by clause. */
function chunkClauses(clauses: readonly string[], max = MAX_WHERE_CHARS): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  for (const clause of clauses) {
    const next = [...current, clause];
    if (current.length > 0 && encodeURIComponent(next.join(' OR ')).length > max) {
      groups.push(current);
      current = [clause];
    } else current = next;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Our ContactNumbers already in Xero (after an interrupted contacts batch). */
export async function findContactsByNumber(gateway: SyncGateway, refs: readonly string[], call: CountCall): Promise<Map<string, KnownXeroContact>> {
  const found = new Map<string, KnownXeroContact>();
  const wanted = new Set(refs);
  const queries = [
    ...whereChunks(refs.filter(canQuote).map((r) => `ContactNumber==${xeroString(r)}`)).map((where) => ({ where })),
    ...refs.filter((r) => !canQuote(r)).map((searchTerm) => ({ searchTerm })),
  ];
  for (const query of queries) {
    for (let page = 1; ; page++) {
      const result = await call(() => gateway.contacts({ ...query, page }));
      for (const c of result.contacts) if (c.ContactNumber && wanted.has(c.ContactNumber)) found.set(c.ContactNumber, c);
      if (page >= result.pageCount) break;
    }
  }
  return found;
}

const LIVE = (d: FoundDocument) => d.status !== 'DELETED' && d.status !== 'VOIDED';

/** The live documents whose Reference says they are these CourseCo transactions' (`CourseCo Tx <id>`). */
/** The Xero documents the journal already links to these transactions (current, replaced, voided, credit), lower case. */
export function knownDocumentIds(entries: readonly JournalEntry[]): Set<string> {
  const ids = new Set<string>();
  for (const e of entries) {
    for (const id of [e.xero.invoiceId, e.xero.creditNoteId, ...(e.changeDocuments ?? []).map((d) => d.xeroId)]) if (id) ids.add(id.toLowerCase());
  }
  return ids;
}

export async function findOurDocuments(
  gateway: SyncGateway,
  kind: 'invoices' | 'credit-notes',
  transactionIds: readonly string[],
  call: CountCall,
  /** Documents the journal already links (an invoice a change replaced carries the same Reference): never "found". */
  known: ReadonlySet<string> = new Set(),
): Promise<Map<string, FoundDocument>> {
  const wanted = new Set(transactionIds);
  const found = new Map<string, FoundDocument>();
  const type = kind === 'invoices' ? 'ACCREC' : 'ACCRECCREDIT';
  // CourseCo's transaction ids are numbers; one a where string could not carry is left out rather than halt the look-up.
  const clauses = transactionIds.filter((id) => canQuote(id)).map((id) => `Reference.StartsWith(${xeroString(`CourseCo Tx ${id}`)})`);
  for (const filter of whereChunks(clauses, MAX_WHERE_CHARS - 40)) {
    const where = `Type==${xeroString(type)} AND (${filter})`;
    const docs = await call(() => (kind === 'invoices' ? gateway.invoices({ where }) : gateway.creditNotes({ where })));
    for (const doc of docs) {
      const id = transactionIdFromReference(doc.reference);
      if (id && wanted.has(id) && LIVE(doc) && !found.has(id) && !known.has(doc.id.toLowerCase())) found.set(id, doc);
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
  for (const where of whereChunks(numbers.filter(canQuote).map((n) => `CreditNoteNumber==${xeroString(n)}`))) {
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
