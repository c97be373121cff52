/**
 * Phase 5 (after credit notes): credit notes allocated to their booking's invoices, then refunds paid out of them
 * (the planner's credit-allocation.ts decides both). Exactly once, across retries and crashes:
 * - a run claims a credit with its planned allocations (`claimAllocations`): until Xero's answer (or a read) is
 *   recorded, the credit stays ready, so a run that stops or dies in between leaves it to be planned again;
 * - before anything is sent, the credit notes involved are read (paged reads carry Allocations and Payments): an
 *   allocation to the same invoice, or a refund with our Reference, already there is recorded, not sent again. Xero
 *   remembers an Idempotency-Key only 6 minutes (xero-facts.md §6), so this read, not the key, is what makes a
 *   repeat days later safe; the key still covers a lost answer within the run (engine-calls.ts `sendBatch`).
 * Xero takes one credit note per allocations request (PUT /CreditNotes/{CreditNoteID}/Allocations, OpenAPI
 * `createCreditNoteAllocation`); refunds go in batches like payments (PUT /Payments with CreditNote:{CreditNoteID}).
 */
import Decimal from 'decimal.js';
import type { Journal, JournalEntry } from '../journal';
import { allocationTarget, bindReferences, parseAllocationKey, paymentIdFromReference, type BoundIds, type CreditContext, type PlannedDocument, type SyncPlan, type XeroAllocation, type XeroRefund } from '../plan';
import { read, sendBatch, type BatchMember, type MemberResult } from './engine-calls';
import type { RunLedger } from './run-ledger';
import { refusal, sendPhase, type RunInProgress } from './send-phase';
import type { FoundDocument, SyncGateway, WrittenElement } from './xero-gateway';
import { canQuote, whereChunks, xeroString, type CountCall } from './xero-queries';

/**
 * What the planner needs to allocate the entries' credits: their bookings' invoices not among the entries (sent in an
 * earlier run, say) and every allocation from or to any of them, or to an invoice with payments to send (its amount
 * due counts the credit allocated to it).
 */
export function creditContextFor(journal: Journal, entries: readonly JournalEntry[]): CreditContext | undefined {
  const credits = entries.filter((e) => e.transaction.kind === 'credit');
  const paying = entries.filter((e) => e.transaction.kind === 'invoice' && e.payments.some((p) => p.xeroPaymentId === null));
  // Changed since sync, or credited by a change: its credit note's allocation may be planned or pending.
  const changed = entries.filter((e) => e.transaction.kind === 'invoice' && e.syncedHash !== null && (e.contentHash !== e.syncedHash || e.xero.creditNoteId !== null));
  if (credits.length === 0 && paying.length === 0 && changed.length === 0) return undefined;
  const have = new Set(entries.map((e) => e.transaction.transactionId));
  const bookings = credits.map((e) => e.transaction.bookingId).filter((b): b is string => b !== undefined);
  const invoiceIds = [...journal.bookingInvoiceIds(bookings).values()].flat();
  const related = journal.entries({ ids: invoiceIds.filter((id) => !have.has(id)) });
  const involved = [...credits, ...paying, ...changed].map((e) => e.transaction.transactionId);
  return { related, allocations: journal.allocationRecords([...involved, ...invoiceIds]) };
}

/**
 * At claim: each claimed credit's allocations still to make become exactly the planned ones (an older plan's
 * unconfirmed rows go). A credit with nothing left to send whose old planned allocation is no longer wanted (its
 * invoice got paid meanwhile) is settled here, so it does not wait forever.
 */
export function claimAllocations(journal: Journal, plan: SyncPlan, ledger: RunLedger): void {
  const planned = new Map<string, Array<{ invoiceTransactionId: string; amount: string; date: string }>>();
  for (const doc of plan.allocations ?? []) {
    const { creditTransactionId, invoiceTransactionId } = parseAllocationKey(doc.key);
    planned.set(creditTransactionId, [...(planned.get(creditTransactionId) ?? []), { invoiceTransactionId, amount: new Decimal(doc.payload.Amount).toFixed(2), date: doc.payload.Date }]);
  }
  // Credits, and invoices whose change raised a credit note (their allocation to the invoice it retires).
  const credits = plan.transactions.filter((t) => t.kind === 'credit' || planned.has(t.transactionId) || t.outcome === 'nothing-to-send');
  const stale = new Set(
    journal
      .allocationRecords(credits.filter((t) => t.outcome === 'nothing-to-send').map((t) => t.transactionId))
      .filter((r) => r.xeroAllocationId === null)
      .map((r) => r.creditTransactionId),
  );
  for (const t of credits) {
    if (ledger.claimed.has(t.transactionId)) journal.expectAllocations(t.transactionId, planned.get(t.transactionId) ?? []);
    else if (stale.has(t.transactionId)) {
      journal.expectAllocations(t.transactionId, []);
      journal.settle(t.transactionId);
    }
  }
}

export async function sendAllocationsAndRefunds(run: RunInProgress, allocations: PlannedDocument<XeroAllocation>[], refunds: PlannedDocument<XeroRefund>[]): Promise<void> {
  if (allocations.length === 0 && refunds.length === 0) return;
  const { ledger, deps } = run;
  const live = (doc: PlannedDocument<unknown>) => ledger.live(doc.transactionIds[0]!);
  const ids = freshIds(deps.journal, ledger, [...allocations, ...refunds]);
  const creditNoteIds = [...new Set([...allocations, ...refunds].filter(live).map((d) => ids.creditNoteIdByTransaction(d.transactionIds[0]!)).filter((id): id is string => id !== undefined))];
  const found = await readCreditNotes(run, creditNoteIds);

  const members: BatchMember<XeroAllocation>[] = [];
  for (const doc of allocations) {
    const tx = doc.transactionIds[0]!;
    if (!live(doc)) {
      deps.progress.answer('credit-notes');
      continue;
    }
    const creditNoteId = ids.creditNoteIdByTransaction(tx);
    // Planned with the invoice's id when it was known (a change's credit note names the invoice it retires, which is
    // no longer the transaction's own); otherwise the id the invoice got in this run or an earlier one.
    // A re-issue's allocation to its new invoice needs the transaction's invoice as this run created it.
    const invoiceOf = doc.needs?.invoiceOf;
    const invoiceId = invoiceOf ? ids.invoiceIdByTransaction(invoiceOf) : doc.payload.Invoice.InvoiceID;
    if (!creditNoteId || !invoiceId) {
      const missing = creditNoteId ? `${allocationTarget(doc.key)} is not in Xero` : 'its credit note is not in Xero';
      ledger.fail(tx, `${missing}, so the credit note was not allocated to it; fix that, then Retry this credit`);
      deps.progress.answer('credit-notes');
      continue;
    }
    const existing = found.get(creditNoteId.toLowerCase())?.allocations?.find((a) => a.invoiceId.toLowerCase() === invoiceId.toLowerCase());
    if (existing) {
      recordAllocation(run, doc, existing.id, existing.amount);
      ledger.linked++;
      continue;
    }
    members.push({ memberId: doc.key, doc, payload: bindReferences(doc, ids) });
  }
  // One credit note per request; its allocations (one per invoice of the booking) go together.
  const byCreditNote = new Map<string, BatchMember<XeroAllocation>[]>();
  for (const m of members) {
    const id = (m.payload as XeroAllocation).CreditNote.CreditNoteID;
    byCreditNote.set(id, [...(byCreditNote.get(id) ?? []), m]);
  }
  const byKey = new Map(allocations.map((d) => [d.key, d]));
  for (const group of byCreditNote.values()) {
    await deps.waitWhilePaused();
    await sendBatch(run.ctx, {
      intentKind: 'allocations',
      writeKind: 'allocations',
      members: group,
      findExisting: async (pending) => {
        const again = await readCreditNotes(run, [(pending[0]!.payload as XeroAllocation).CreditNote.CreditNoteID]);
        const out = new Map<string, WrittenElement & { id: string }>();
        for (const m of pending) {
          const p = m.payload as XeroAllocation;
          const a = again.get(p.CreditNote.CreditNoteID.toLowerCase())?.allocations?.find((x) => x.invoiceId.toLowerCase() === p.Invoice.InvoiceID.toLowerCase());
          if (a) out.set(m.memberId, { id: a.id ?? '(found)', errors: [], warnings: [] });
        }
        return out;
      },
      record: (results) => {
        for (const [key, result] of results) {
          const doc = byKey.get(key)!;
          if (result.ok) {
            recordAllocation(run, doc, result.id);
            if (result.linked) ledger.linked++;
          } else {
            ledger.fail(doc.transactionIds[0]!, refusal(`allocation of ${doc.payload.Amount.toFixed(2)} to ${allocationTarget(key)}`, result.element.errors), result.element.errors);
            deps.progress.answer('credit-notes');
          }
        }
        deps.progress.publish();
      },
    });
  }

  await sendRefunds(run, refunds, ids, found);
}

/** Xero holds it (its answer, or a read found it, perhaps for another amount: Xero's is recorded). */
function recordAllocation(run: RunInProgress, doc: PlannedDocument<XeroAllocation>, xeroId: string | undefined, amount?: string): void {
  const { creditTransactionId, invoiceTransactionId } = parseAllocationKey(doc.key);
  run.deps.journal.recordAllocation({
    creditTransactionId,
    invoiceTransactionId,
    amount: amount ?? new Decimal(doc.payload.Amount).toFixed(2),
    date: doc.payload.Date,
    xeroAllocationId: xeroId || '(found)',
  });
  run.ledger.documentDone(creditTransactionId);
  run.deps.progress.answer('credit-notes');
}

async function sendRefunds(run: RunInProgress, docs: PlannedDocument<XeroRefund>[], ids: BoundIds & { creditNoteIdByTransaction(tx: string): string | undefined }, found: Map<string, FoundDocument>): Promise<void> {
  const { ledger, deps } = run;
  const byKey = new Map(docs.map((d) => [d.key, d]));
  const members: BatchMember<XeroRefund>[] = [];
  for (const doc of docs) {
    const tx = doc.transactionIds[0]!;
    if (!ledger.live(tx)) {
      deps.progress.answer('credit-notes');
      continue;
    }
    const creditNoteId = ids.creditNoteIdByTransaction(tx);
    if (!creditNoteId) {
      ledger.fail(tx, 'its credit note is not in Xero, so its refunds were not sent');
      deps.progress.answer('credit-notes');
      continue;
    }
    const existing = found.get(creditNoteId.toLowerCase())?.payments.find((p) => paymentIdFromReference(p.reference) === doc.key);
    if (existing) {
      deps.journal.recordPaymentSynced(doc.key, existing.id, doc.sourceHash);
      ledger.linked++;
      ledger.documentDone(tx);
      deps.progress.answer('credit-notes');
      continue;
    }
    members.push({ memberId: doc.key, doc, payload: bindReferences(doc, ids) });
  }
  if (members.length === 0) return;
  await sendPhase<XeroRefund>(run, 'credit-notes', [
    {
      writeKind: 'payments',
      concurrency: run.deps.concurrency,
      members,
      request: {
        intentKind: 'payments',
        findExisting: async (pending) => {
          const notes = await readCreditNotes(run, pending.map((m) => (m.payload as XeroRefund).CreditNote.CreditNoteID));
          const out = new Map<string, WrittenElement & { id: string }>();
          for (const m of pending) {
            const p = notes.get((m.payload as XeroRefund).CreditNote.CreditNoteID.toLowerCase())?.payments.find((x) => paymentIdFromReference(x.reference) === m.memberId);
            if (p) out.set(m.memberId, { id: p.id, errors: [], warnings: [] });
          }
          return out;
        },
        record: (results) => recordRefunds(run, byKey, results),
      },
    },
  ]);
}

function recordRefunds(run: RunInProgress, byKey: Map<string, PlannedDocument<XeroRefund>>, results: Map<string, MemberResult>): void {
  const { ledger, deps } = run;
  for (const [paymentId, result] of results) {
    const doc = byKey.get(paymentId)!;
    const tx = doc.transactionIds[0]!;
    if (result.ok) {
      deps.journal.recordPaymentSynced(paymentId, result.id, doc.sourceHash);
      if (result.linked) ledger.linked++;
      ledger.documentDone(tx);
    } else ledger.fail(tx, refusal(`refund of ${doc.payload.Amount.toFixed(2)} on ${doc.payload.Date}`, result.element.errors), result.element.errors, paymentId);
    deps.progress.answer('credit-notes');
  }
  deps.progress.publish();
}

/**
 * Xero ids as the journal holds them now: credit notes and invoices created earlier in this run were recorded there
 * the moment Xero answered, and a booking's invoice may come from an earlier run (it is not among the run's entries).
 */
function freshIds(journal: Journal, ledger: RunLedger, docs: ReadonlyArray<PlannedDocument<unknown>>): BoundIds & { creditNoteIdByTransaction(tx: string): string | undefined } {
  const txs = new Set<string>();
  for (const d of docs) {
    txs.add(d.transactionIds[0]!);
    if (d.kind === 'allocation') txs.add(parseAllocationKey(d.key).invoiceTransactionId);
  }
  const entries = new Map(journal.entries({ ids: [...txs] }).map((e) => [e.transaction.transactionId, e]));
  return {
    contactIdByRef: (ref) => ledger.ids.contactIdByRef(ref),
    invoiceIdByTransaction: (tx) => ledger.ids.invoiceIdByTransaction(tx) ?? entries.get(tx)?.xero.invoiceId ?? undefined,
    creditNoteIdByTransaction: (tx) => entries.get(tx)?.xero.creditNoteId ?? undefined,
  };
}

/** Credit notes by id, read in full (the gateway's reads are paged: with Allocations and Payments). */
function readCreditNotes(run: RunInProgress, creditNoteIds: readonly string[]): Promise<Map<string, FoundDocument>> {
  return findCreditNotesById(run.deps.gateway, creditNoteIds, (r) => read(run.ctx, r));
}

export async function findCreditNotesById(gateway: SyncGateway, creditNoteIds: readonly string[], call: CountCall): Promise<Map<string, FoundDocument>> {
  const out = new Map<string, FoundDocument>();
  const clauses = [...new Set(creditNoteIds)].filter(canQuote).map((id) => `CreditNoteID==guid(${xeroString(id)})`);
  for (const where of whereChunks(clauses)) {
    for (const doc of await call(() => gateway.creditNotes({ where }))) out.set(doc.id.toLowerCase(), doc);
  }
  return out;
}
