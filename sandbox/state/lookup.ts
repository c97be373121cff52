/**
 * Id → record look-ups over the org's collections. Serialising one invoice names its contact, payments and credit
 * notes; with a find() each, listing tens of thousands of documents was quadratic. Collections only grow by push
 * (a refused batch swaps in new arrays instead), so an index per array only needs to catch up with its tail.
 */
import type { OrgState } from './model';

/** The org's record collections, each keyed by its record's id. */
export type RecordCollection = 'contacts' | 'invoices' | 'payments' | 'creditNotes' | 'allocations';
export type CollectionRecord<C extends RecordCollection> = OrgState[C][number];

const ID_OF: { [C in RecordCollection]: (record: CollectionRecord<C>) => string } = {
  contacts: (c) => c.ContactID,
  invoices: (i) => i.InvoiceID,
  payments: (p) => p.PaymentID,
  creditNotes: (c) => c.CreditNoteID,
  allocations: (a) => a.AllocationID,
};

export const RECORD_COLLECTIONS = Object.keys(ID_OF) as readonly RecordCollection[];

export function recordId<C extends RecordCollection>(collection: C, record: CollectionRecord<C>): string {
  return ID_OF[collection](record);
}

/** An index over one array that catches up with what was pushed since; a shorter array starts a new one. */
interface TailIndex<M> {
  size: number;
  map: M;
}

function caughtUp<T, M>(cache: WeakMap<object, TailIndex<M>>, list: readonly T[], create: () => M, add: (map: M, record: T) => void): M {
  let index = cache.get(list);
  if (!index || index.size > list.length) {
    index = { size: 0, map: create() };
    cache.set(list, index);
  }
  for (; index.size < list.length; index.size++) add(index.map, list[index.size]!);
  return index.map;
}

const idIndexes = new WeakMap<object, TailIndex<Map<string, unknown>>>();

function findById<T>(list: T[], idOf: (record: T) => string, id: string): T | undefined {
  const byId = caughtUp(idIndexes, list, () => new Map<string, unknown>(), (map, record) => {
    const key = idOf(record);
    // The first record with an id wins, as find() would have it.
    if (!map.has(key)) map.set(key, record);
  });
  return byId.get(id) as T | undefined;
}

export function recordById<C extends RecordCollection>(org: OrgState, collection: C, id: string): CollectionRecord<C> | undefined {
  return findById(org[collection] as CollectionRecord<C>[], ID_OF[collection], id);
}

export const contactById = (org: OrgState, id: string) => recordById(org, 'contacts', id);
export const invoiceById = (org: OrgState, id: string) => recordById(org, 'invoices', id);
export const creditNoteById = (org: OrgState, id: string) => recordById(org, 'creditNotes', id);
export const paymentById = (org: OrgState, id: string) => recordById(org, 'payments', id);
export const allocationById = (org: OrgState, id: string) => recordById(org, 'allocations', id);

/** The records named by `ids`, in that order, skipping any that do not exist. */
export function recordsById<T>(ids: readonly string[], lookup: (id: string) => T | undefined): T[] {
  const out: T[] = [];
  for (const id of ids) {
    const record = lookup(id);
    if (record) out.push(record);
  }
  return out;
}

/** `${Type}\n${number in lower case}` → ids of the documents that carry it. */
const numberIndexes = new WeakMap<object, TailIndex<Map<string, string[]>>>();

/**
 * The ids of documents in `list` that carry `number` for `type` (case-insensitive). Each created invoice checks its
 * number is free; a scan per write made a sync quadratic in the organisation's size.
 */
export function documentsNumbered<D extends { Type: string }>(list: D[], numberOf: (d: D) => string | undefined, idOf: (d: D) => string, type: string, number: string): readonly string[] {
  const byNumber = caughtUp(numberIndexes, list, () => new Map<string, string[]>(), (map, doc) => {
    const n = numberOf(doc);
    if (n === undefined) return;
    const key = `${doc.Type}\n${n.toLowerCase()}`;
    const ids = map.get(key);
    if (ids) ids.push(idOf(doc));
    else map.set(key, [idOf(doc)]);
  });
  return byNumber.get(`${type}\n${number.toLowerCase()}`) ?? [];
}

/** After a document's number (or type) changed in place: the next look-up rebuilds the index. */
export function forgetNumbers(list: object): void {
  numberIndexes.delete(list);
}
