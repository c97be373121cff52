/**
 * Id → record look-ups over the org's collections. Serialising one invoice names its contact, payments and credit
 * notes; with a find() each, listing tens of thousands of documents was quadratic. Collections only grow by push
 * (a refused batch swaps in new arrays instead), so an index per array only needs to catch up with its tail.
 */
import type { AllocationRecord, ContactRecord, CreditNoteRecord, InvoiceRecord, OrgState, PaymentRecord } from './model';

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

export const contactById = (org: OrgState, id: string): ContactRecord | undefined => findById(org.contacts, (c) => c.ContactID, id);
export const invoiceById = (org: OrgState, id: string): InvoiceRecord | undefined => findById(org.invoices, (i) => i.InvoiceID, id);
export const creditNoteById = (org: OrgState, id: string): CreditNoteRecord | undefined => findById(org.creditNotes, (c) => c.CreditNoteID, id);
export const paymentById = (org: OrgState, id: string): PaymentRecord | undefined => findById(org.payments, (p) => p.PaymentID, id);
export const allocationById = (org: OrgState, id: string): AllocationRecord | undefined => findById(org.allocations, (a) => a.AllocationID, id);

/** The records named by `ids`, in that order, skipping any that do not exist. */
export function recordsById<T>(ids: readonly string[], lookup: (id: string) => T | undefined): T[] {
  const out: T[] = [];
  for (const id of ids) {
    const record = lookup(id);
    if (record) out.push(record);
  }
  return out;
}
