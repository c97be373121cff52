/**
 * Phase 3b: deposits. The payments the plan grouped (plan/deposits.ts) go as one batch payment each — one request
 * per deposit, never split across requests, so the bank line matches one transaction in Xero. Members are prepared
 * exactly as single payments are (phase-payments.ts: already in Xero → linked; invoice missing → failed), and a
 * deposit goes with whichever members are left. The request is made safe the same way as every batch
 * (engine-calls.ts `sendBatch`): its intent names the member CourseCo payment ids, so a crash recovery looks for them
 * as for any payment, and the journal records one Xero PaymentID per CourseCo payment.
 */
import type { PlannedDeposit, PlannedDocument, XeroPayment } from '../plan';
import { depositOfPayment } from '../plan';
import { read, sendBatch, SyncCancelled, type BatchMember, type MemberResult } from './engine-calls';
import { findDepositedPayments } from './deposit-queries';
import { findExistingPayments, members as prepare } from './phase-payments';
import { answered, refusal, type RunInProgress } from './send-phase';
import type { WrittenElement } from './xero-gateway';

export async function sendDeposits(run: RunInProgress, all: PlannedDocument<XeroPayment>[]): Promise<void> {
  const depositOf = depositOfPayment(run.plan.deposits);
  const docs = all.filter((d) => depositOf.has(d.key));
  if (docs.length === 0) return;
  run.deps.progress.enter('payments');
  const ready = new Map(prepare(run, docs).map((m) => [m.memberId, m]));
  for (const deposit of run.plan.deposits ?? []) {
    const members = deposit.paymentIds.map((id) => ready.get(id)).filter((m): m is BatchMember<XeroPayment> => m !== undefined);
    if (members.length === 0) continue;
    await run.deps.waitWhilePaused();
    if (run.deps.signal.aborted) throw new SyncCancelled();
    await sendBatch(run.ctx, {
      intentKind: 'payments',
      writeKind: 'batch-payments',
      members,
      deposit: { Reference: deposit.payload.Reference },
      findExisting: (pending) => findDepositMembers(run, deposit, pending),
      record: (results) => recordDeposit(run, deposit, results),
    });
  }
}

/** Members of an uncertain deposit already in Xero: by their own Reference, then inside the deposit by invoice. */
async function findDepositMembers(run: RunInProgress, deposit: PlannedDeposit, pending: BatchMember<XeroPayment>[]): Promise<Map<string, WrittenElement & { id: string }>> {
  const found = await findExistingPayments(run, pending);
  const rest = pending.filter((m) => !found.has(m.memberId));
  const wanted = rest.flatMap((m) => {
    const invoice = (m.payload as XeroPayment).Invoice;
    return 'InvoiceID' in invoice ? [{ paymentId: m.memberId, invoiceId: invoice.InvoiceID, amount: m.doc.payload.Amount, date: m.doc.payload.Date }] : [];
  });
  const taken = new Set([...found.values()].map((f) => f.id));
  const inDeposit = await findDepositedPayments(run.deps.gateway, wanted, (r) => read(run.ctx, r), { reference: deposit.payload.Reference, taken });
  for (const [paymentId, id] of inDeposit) found.set(paymentId, { id, errors: [], warnings: [] });
  return found;
}

function recordDeposit(run: RunInProgress, deposit: PlannedDeposit, results: Map<string, MemberResult>): void {
  const { ledger } = run;
  const docOf = new Map((run.plan.payments as PlannedDocument<XeroPayment>[]).filter((d) => deposit.paymentIds.includes(d.key)).map((d) => [d.key, d]));
  for (const [paymentId, result] of results) {
    const doc = docOf.get(paymentId)!;
    const tx = doc.transactionIds[0]!;
    if (result.ok) {
      run.deps.journal.recordPaymentSynced(paymentId, result.id, doc.sourceHash);
      if (result.linked) ledger.linked++;
      ledger.documentDone(tx);
    } else {
      // Xero refuses a batch whole and its words need not name the payment at fault, so each member says so.
      const what = `deposit of ${deposit.total} on ${deposit.date} (${deposit.paymentIds.length} ${deposit.method} payments, this one ${doc.payload.Amount.toFixed(2)}), so none of them was sent`;
      const fix = 'Find the payment Xero means (its invoice may have been paid, changed or voided in Xero), correct or exclude that transaction, then sync again.';
      ledger.fail(tx, `${refusal(what, result.element.errors)} ${fix}`, result.element.errors, paymentId);
    }
  }
  answered(run, 'payments', results);
}
