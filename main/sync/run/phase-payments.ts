/**
 * Phase 3: payments, on the invoices now in Xero. A payment already on a linked invoice (ours by Reference, or
 * CourseCo's own push by amount and date) is linked, not sent again; one whose invoice is not in Xero fails its
 * transaction.
 */
import { bindReferences, depositOfPayment, matchExistingPayment, type PlannedDocument, type XeroPayment } from '../plan';
import { read, type BatchMember, type MemberResult } from './engine-calls';
import { answered, refusal, sendPhase, type RunInProgress } from './send-phase';
import type { WrittenElement } from './xero-gateway';
import { findOurPayments } from './xero-queries';

export async function sendPayments(run: RunInProgress, all: PlannedDocument<XeroPayment>[]): Promise<void> {
  // Payments in a deposit go as batch payments, right after these (phase-deposits.ts).
  const inDeposit = depositOfPayment(run.plan.deposits);
  const docs = inDeposit.size > 0 ? all.filter((d) => !inDeposit.has(d.key)) : all;
  const byKey = new Map(docs.map((d) => [d.key, d]));
  await sendPhase<XeroPayment>(run, 'payments', [
    {
      writeKind: 'payments',
      concurrency: run.deps.concurrency,
      members: members(run, docs),
      request: {
        intentKind: 'payments',
        findExisting: (pending) => findExistingPayments(run, pending),
        record: (results) => recordPayments(run, byKey, results),
      },
    },
  ]);
}

/** The payments still to send, with their invoice ids bound; the rest are linked (or fail) here. */
export function members(run: RunInProgress, docs: PlannedDocument<XeroPayment>[]): BatchMember<XeroPayment>[] {
  const { ledger, deps } = run;
  const usedExisting = new Set<string>();
  const out: BatchMember<XeroPayment>[] = [];
  for (const doc of docs) {
    const tx = doc.transactionIds[0]!;
    if (!ledger.live(tx)) {
      deps.progress.answer('payments');
      continue;
    }
    if (!ledger.ids.invoiceIdByTransaction(tx)) {
      ledger.fail(tx, 'its invoice is not in Xero, so its payments were not sent');
      deps.progress.answer('payments');
      continue;
    }
    const existing = ledger.linkedInvoices.get(tx);
    const match = existing && matchExistingPayment({ payments: existing.doc.payments, byCourseCo: existing.byCourseCo }, { paymentId: doc.key, date: doc.payload.Date, amount: doc.payload.Amount }, usedExisting);
    if (match) {
      deps.journal.recordPaymentSynced(doc.key, match.id, doc.sourceHash);
      ledger.linked++;
      ledger.documentDone(tx);
      deps.progress.answer('payments');
      continue;
    }
    out.push({ memberId: doc.key, doc, payload: bindReferences(doc, ledger.ids) });
  }
  return out;
}

/** Payments of an uncertain batch that reached Xero, by our Reference on the invoices they pay. */
export async function findExistingPayments(run: RunInProgress, pending: BatchMember<XeroPayment>[]): Promise<Map<string, WrittenElement & { id: string }>> {
  const invoices = pending.map((m) => run.ledger.ids.invoiceIdByTransaction(m.doc.transactionIds[0]!)).filter((id): id is string => id !== undefined);
  const found = await findOurPayments(run.deps.gateway, invoices, (r) => read(run.ctx, r));
  const out = new Map<string, WrittenElement & { id: string }>();
  for (const m of pending) {
    const p = found.get(m.memberId);
    if (p) out.set(m.memberId, { id: p.id, errors: [], warnings: [] });
  }
  return out;
}

function recordPayments(run: RunInProgress, byKey: Map<string, PlannedDocument<XeroPayment>>, results: Map<string, MemberResult>): void {
  const { ledger } = run;
  for (const [paymentId, result] of results) {
    const doc = byKey.get(paymentId)!;
    const tx = doc.transactionIds[0]!;
    if (result.ok) {
      run.deps.journal.recordPaymentSynced(paymentId, result.id, doc.sourceHash);
      if (result.linked) ledger.linked++;
      ledger.documentDone(tx);
    } else ledger.fail(tx, refusal(`payment of ${doc.payload.Amount.toFixed(2)} on ${doc.payload.Date}`, result.element.errors), result.element.errors, paymentId);
  }
  answered(run, 'payments', results);
}
