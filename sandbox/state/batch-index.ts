/**
 * Batch payment id → its member payments. A batch is the payments that share one (model.ts `BatchHeader`), and every
 * member's JSON names its batch's total, so a scan per payment would make listing payments quadratic. Payments only
 * grow by push and a member's batch is set before it is pushed, so the index only catches up with the array's tail
 * (a refused request swaps in a new array, which starts a new index).
 */
import type { OrgState, PaymentRecord } from './model';

const indexes = new WeakMap<object, { size: number; byBatch: Map<string, PaymentRecord[]> }>();

export function batchMembers(org: OrgState, batchPaymentId: string): readonly PaymentRecord[] {
  const list = org.payments;
  let index = indexes.get(list);
  if (!index || index.size > list.length) {
    index = { size: 0, byBatch: new Map() };
    indexes.set(list, index);
  }
  for (; index.size < list.length; index.size++) {
    const p = list[index.size]!;
    const id = p.BatchPayment?.BatchPaymentID;
    if (id) index.byBatch.set(id, [...(index.byBatch.get(id) ?? []), p]);
  }
  return index.byBatch.get(batchPaymentId) ?? [];
}

/** Every batch, in the order its first member was saved. */
export function batchIds(org: OrgState): string[] {
  batchMembers(org, '');
  return [...indexes.get(org.payments)!.byBatch.keys()];
}
