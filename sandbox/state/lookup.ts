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

interface Index<T> {
  size: number;
  byId: Map<string, T>;
}

const indexes = new WeakMap<object, Index<unknown>>();

function findById<T>(list: T[], idOf: (record: T) => string, id: string): T | undefined {
  let index = indexes.get(list) as Index<T> | undefined;
  if (!index || index.size > list.length) {
    index = { size: 0, byId: new Map() };
    indexes.set(list, index);
  }
  for (; index.size < list.length; index.size++) {
    const record = list[index.size]!;
    const key = idOf(record);
    // The first record with an id wins, as find() would have it.
    if (!index.byId.has(key)) index.byId.set(key, record);
  }
  return index.byId.get(id);
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

interface NumberIndex {
  size: number;
  /** `${Type}\n${number in lower case}` → ids of the documents that carry it. */
  byNumber: Map<string, string[]>;
}

const numberIndexes = new WeakMap<object, NumberIndex>();

/**
 * The ids of documents in `list` that carry `number` for `type` (case-insensitive). Each created invoice checks its
 * number is free; a scan per write made a sync quadratic in the organisation's size.
 */
export function documentsNumbered<D extends { Type: string }>(list: D[], numberOf: (d: D) => string | undefined, idOf: (d: D) => string, type: string, number: string): readonly string[] {
  let index = numberIndexes.get(list);
  if (!index || index.size > list.length) {
    index = { size: 0, byNumber: new Map() };
    numberIndexes.set(list, index);
  }
  for (; index.size < list.length; index.size++) {
    const doc = list[index.size]!;
    const n = numberOf(doc);
    if (n === undefined) continue;
    const key = `${doc.Type}\n${n.toLowerCase()}`;
    const ids = index.byNumber.get(key);
    if (ids) ids.push(idOf(doc));
    else index.byNumber.set(key, [idOf(doc)]);
  }
  return index.byNumber.get(`${type}\n${number.toLowerCase()}`) ?? [];
}

/** After a document's number (or type) changed in place: the next look-up rebuilds the index. */
export function forgetNumbers(list: object): void {
  numberIndexes.delete(list);
}
