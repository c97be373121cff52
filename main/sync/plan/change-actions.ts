/**
 * What an approved change after sync does in Xero: the one place that decides it, so the preview, the console's
 * drawer, the CLI and the run can never disagree. Xero's rules decide (xero-facts.md §3 Invoices "Transitions";
 * §4 "This document cannot be edited as it has a payment or credit note allocated to it."):
 *   invoice, no payments in Xero        → updated in place (POST /Invoices with its InvoiceID)
 *   invoice with payments (part or full) → a credit note for the version sent, and a new invoice for the new version
 *   booking cancelled, no payments       → the invoice is voided (DELETED when it went to Xero as a DRAFT)
 *   booking cancelled, with payments     → a credit note for the version sent
 *   credit note                          → updated in place
 * Pure: journal entry + settings in, decision and documents out.
 */
import Decimal from 'decimal.js';
import type { CourseCoTransaction } from '../../courseco/types';
import type { AllocationRecord, JournalEntry } from '../journal';
import { formatMoney } from './change-diff';
import { documentText } from './document-text';
import { documentKey, payloadHash, transactionReference } from './idempotency';
import { guardDate } from './lock-dates';
import { money, planLines } from './line-maths';
import type { PlannedDocument } from './planner';
import type { PlannerSettings } from './planner-settings';
import type { XeroContactRef, XeroCreditNote, XeroInvoiceStatusChange } from './xero-documents';

export type ChangeCase = 'update' | 'credit-and-reissue' | 'void' | 'delete' | 'credit' | 'update-credit-note';

export interface ChangeStep {
  document: 'invoice' | 'credit-note' | 'allocation';
  action: 'update' | 'void' | 'delete' | 'create' | 'allocate';
  /** In words, naming the document: `Update invoice INV-0100 in place (…)`. */
  text: string;
}

export interface ChangeDecision {
  case: ChangeCase;
  /** CourseCo now shows the booking cancelled. */
  cancelled: boolean;
  /** Payments already in Xero on the invoice (part or full). */
  paid: string;
  steps: ChangeStep[];
  /** Why the change cannot be carried to Xero as planned, with the fix; the transaction is then a plan error. */
  refusal?: string;
  /**
   * How the credit note of a cancelled or re-issued invoice is allocated: to the invoice it retires, up to what that
   * invoice owes in Xero; a re-issue's remainder to the new invoice, up to what that one will owe; whatever is left
   * stays on the credit note as the customer's credit. Sent by the credit-note allocation step (credit-allocation.ts
   * `planChangeCredit`, run/phase-allocations.ts), as every allocation.
   */
  allocations: Array<{ to: 'old-invoice' | 'new-invoice'; amount: string }>;
  /** A credit note for the replaced invoice is all that is left to send (an earlier run sent the new invoice). */
  creditOnly?: boolean;
}

const CANCELLED = /cancel/i;

const allocate = (text: string): ChangeStep => ({ document: 'allocation', action: 'allocate', text });

/** CourseCo's sign that a booking is cancelled: a cancellation type ("Journal Cancel Booking"), or the same Tx ID turned into a journal/credit. */
export function isCancellation(sent: CourseCoTransaction | null | undefined, now: CourseCoTransaction): boolean {
  return CANCELLED.test(now.transactionType ?? '') || (now.kind === 'credit' && sent?.kind !== 'credit');
}

/** A replaced invoice whose credit note has not been recorded yet (a run stopped between the two). */
function pendingCredit(entry: JournalEntry) {
  const docs = entry.changeDocuments ?? [];
  return docs.find((d) => d.role === 'replaced' && !docs.some((c) => c.role === 'credit' && c.contentHash === d.contentHash));
}

/**
 * The change this journal entry carries, or undefined when it is not a change after sync (never sent, or Xero already
 * holds this content). Decided whether or not the user approved it: the preview shows it before approval.
 * `credited`: what other credit notes already allocated to the invoice in Xero (its AmountCredited, as far as the
 * journal knows), so its credit note is allocated no more than Xero will say it owes.
 */
export function decideChange(entry: JournalEntry, settings: PlannerSettings, credited: Decimal.Value = 0): ChangeDecision | undefined {
  if (entry.syncedHash === null) return undefined;
  const tx = entry.transaction;
  const pending = pendingCredit(entry);
  const changed = entry.contentHash !== entry.syncedHash;
  if (!changed && !pending) return undefined;
  const currency = tx.currency;
  const paid = entry.payments.filter((p) => p.xeroPaymentId !== null).reduce((sum, p) => sum.plus(p.payment.amount), new Decimal(0));
  const base = { paid: money(paid), steps: [] as ChangeStep[], allocations: [] as ChangeDecision['allocations'] };

  if (!changed && pending) {
    const number = pending.number ?? 'the replaced invoice';
    const decision: ChangeDecision = {
      ...base,
      case: 'credit-and-reissue',
      cancelled: false,
      creditOnly: true,
      steps: [{ document: 'credit-note', action: 'create', text: `Create a credit note for ${number}, which the new invoice replaced (an earlier run stopped before sending it)` }],
      ...(pending.content ? {} : { refusal: noSentVersion(number) }),
    };
    if (pending.content) {
      const total = new Decimal(planLines(pending.content, settings).totals.total);
      const toOld = Decimal.min(total, Decimal.max(total.minus(paid).minus(credited), 0));
      const fmt = (d: Decimal) => formatMoney(money(d), currency);
      allocateToRetired(decision, toOld, number, fmt);
      allocateToReplacement(decision, entry, settings, total.minus(toOld), entry.xero.number ?? undefined, fmt);
    }
    return decision;
  }

  if (entry.xero.creditNoteId !== null && entry.xero.invoiceId === null) {
    return { ...base, case: 'update-credit-note', cancelled: false, steps: [{ document: 'credit-note', action: 'update', text: `Update credit note ${entry.xero.number ?? entry.xero.creditNoteId} in place with CourseCo's new version` }] };
  }
  const invoiceId = entry.xero.invoiceId;
  if (invoiceId === null) return undefined;
  const number = entry.xero.number ?? 'the invoice';
  const cancelled = isCancellation(entry.synced, tx);
  // Xero refuses to edit or void an invoice with a payment or a credit note allocated to it (xero-facts.md, errors:
  // "cannot be edited as it has a payment or credit note allocated to it"), so credit counts as paid here.
  const isPaid = paid.greaterThan(0) || new Decimal(credited).greaterThan(0);
  const oldTotal = entry.synced ? new Decimal(planLines(entry.synced, settings).totals.total) : null;
  const newTotal = new Decimal(planLines(tx, settings).totals.total);
  const fmt = (d: Decimal) => formatMoney(money(d), currency);

  if (cancelled && !isPaid) {
    const draft = settings.invoiceStatus === 'DRAFT';
    return {
      ...base,
      case: draft ? 'delete' : 'void',
      cancelled,
      steps: [
        draft
          ? { document: 'invoice', action: 'delete', text: `Delete draft invoice ${number} (the booking is cancelled in CourseCo and nothing was paid)` }
          : { document: 'invoice', action: 'void', text: `Void invoice ${number} (the booking is cancelled in CourseCo and nothing was paid)` },
      ],
    };
  }
  if (!isPaid) {
    return { ...base, case: 'update', cancelled, steps: [{ document: 'invoice', action: 'update', text: `Update invoice ${number} in place (no payments on it in Xero)` }] };
  }

  // Paid or part-paid: Xero refuses edits and voids, so the old invoice is credited in full.
  const decision: ChangeDecision = { ...base, case: cancelled ? 'credit' : 'credit-and-reissue', cancelled };
  if (!oldTotal) return { ...decision, refusal: noSentVersion(number) };
  // Xero's AmountDue = Total − AmountPaid − AmountCredited; the allocation may not exceed it (xero-facts.md §3).
  const oldDue = Decimal.max(oldTotal.minus(paid).minus(credited), 0);
  const toOld = Decimal.min(oldTotal, oldDue);
  const rest = oldTotal.minus(toOld);
  decision.steps.push({ document: 'credit-note', action: 'create', text: `Create a credit note of ${fmt(oldTotal)} for invoice ${number} (${fmt(paid)} of it is paid, so Xero allows no edit)` });
  const newNumber = cancelled ? undefined : replacementNumber(entry);
  if (!cancelled) {
    decision.steps.push({
      document: 'invoice',
      action: 'create',
      text: `Create a new invoice${newNumber ? ` ${newNumber}` : ''} of ${fmt(newTotal)} for the new version${newNumber ? '' : ` (Xero gives it its next number: ${number} stays taken)`}`,
    });
  }
  allocateToRetired(decision, toOld, number, fmt);
  if (cancelled) staysAsCredit(decision, rest, 'refund it, or use it on a later invoice', fmt);
  else allocateToReplacement(decision, entry, settings, rest, newNumber, fmt);
  return decision;
}

/** The credit note's allocation to the invoice it retires, in words. */
function allocateToRetired(decision: ChangeDecision, toOld: Decimal, number: string, fmt: (d: Decimal) => string): void {
  if (!toOld.greaterThan(0)) return;
  decision.allocations.push({ to: 'old-invoice', amount: money(toOld) });
  decision.steps.push(allocate(`Allocate ${fmt(toOld)} of the credit note to invoice ${number}, which then owes nothing`));
}

function staysAsCredit(decision: ChangeDecision, rest: Decimal, use: string, fmt: (d: Decimal) => string): void {
  if (rest.greaterThan(0)) decision.steps.push(allocate(`${fmt(rest)} stays on the credit note as the customer's credit (${use})`));
}

/**
 * A re-issue's credit beyond what the retired invoice owed (for a fully paid one, all of it: the customer's payment)
 * goes to the new invoice, up to what Xero will say it owes when the allocation is sent: AmountDue = Total −
 * AmountPaid − AmountCredited (xero-facts.md §3), where AmountPaid is CourseCo's payments not yet in Xero (the
 * payments phase sends them to the new invoice before the allocations phase; those already in Xero are on the old
 * one). What is left after both (the new version costs less than was paid) stays as the customer's credit.
 */
function allocateToReplacement(decision: ChangeDecision, entry: JournalEntry, settings: PlannerSettings, rest: Decimal, newNumber: string | undefined, fmt: (d: Decimal) => string): void {
  if (!rest.greaterThan(0)) return;
  const name = `the new invoice${newNumber ? ` ${newNumber}` : ''}`;
  // Xero allocates only to AUTHORISED invoices (xero-facts.md §3 Credit notes); a DRAFT one must be approved first.
  if (settings.invoiceStatus === 'DRAFT') return staysAsCredit(decision, rest, `approve ${name} in Xero, then allocate the credit note to it there`, fmt);
  const unsent = entry.payments.filter((p) => p.xeroPaymentId === null).reduce((sum, p) => sum.plus(p.payment.amount), new Decimal(0));
  const newDue = Decimal.max(new Decimal(planLines(entry.transaction, settings).totals.total).minus(unsent), 0);
  const toNew = Decimal.min(rest, newDue);
  if (toNew.greaterThan(0)) {
    decision.allocations.push({ to: 'new-invoice', amount: money(toNew) });
    const owes = newDue.minus(toNew);
    decision.steps.push(allocate(`Allocate ${fmt(toNew)} of the credit note to ${name}, which then owes ${owes.greaterThan(0) ? fmt(owes) : 'nothing'}`));
  }
  staysAsCredit(decision, rest.minus(toNew), 'refund it, or use it on a later invoice', fmt);
}

function noSentVersion(number: string): string {
  return `the version sent to Xero as ${number} was not kept by this journal (it was sent by an older version of the assistant), so its credit note cannot be built: raise the credit note in Xero by hand, then exclude this transaction`;
}

/** CourseCo's number for the new invoice, when it regenerated one; undefined = Xero numbers it (the old number stays taken). */
export function replacementNumber(entry: JournalEntry): string | undefined {
  const number = entry.transaction.invoiceNumber;
  if (!number) return undefined;
  const taken = [entry.xero.number, entry.synced?.invoiceNumber, ...(entry.changeDocuments ?? []).map((d) => d.number)];
  return taken.some((t) => t && t.toLowerCase() === number.toLowerCase()) ? undefined : number;
}

export interface ChangeDocuments {
  invoices: PlannedDocument<XeroInvoiceStatusChange>[];
  creditNotes: PlannedDocument<XeroCreditNote>[];
  errors: string[];
  /** Said on the transaction's plan (a credit note re-dated to the first open day). */
  notes: string[];
  unitdp4: boolean;
}

/**
 * The documents a change sends besides an update or a new invoice (those the planner builds as it builds any
 * invoice): the void (or delete) of the old invoice, and the credit note for the version Xero holds.
 */
export function changeDocuments(entry: JournalEntry, decision: ChangeDecision, settings: PlannerSettings, contact: XeroContactRef): ChangeDocuments {
  const out: ChangeDocuments = { invoices: [], creditNotes: [], errors: [], notes: [], unitdp4: false };
  const tx = entry.transaction;
  if (decision.case === 'void' || decision.case === 'delete') {
    const status = decision.case === 'void' ? 'VOIDED' : 'DELETED';
    // Voiding is a change to the document Xero holds, judged on its date (lock-dates.ts: held, never re-dated).
    const held = guardDate(settings.lockDates, `the invoice to ${decision.case}`, entry.synced?.date ?? tx.date, 'update').error;
    if (held) {
      out.errors.push(held);
      return out;
    }
    out.invoices.push({
      kind: 'invoice',
      operation: 'update',
      key: tx.transactionId,
      transactionIds: [tx.transactionId],
      idempotencyKey: documentKey(`invoice-${status.toLowerCase()}`, tx.transactionId, entry.contentHash),
      sourceHash: entry.contentHash,
      change: 'voided',
      payload: { InvoiceID: entry.xero.invoiceId!, Status: status },
    });
    return out;
  }
  if (decision.case !== 'credit' && decision.case !== 'credit-and-reissue') return out;
  const replaced = decision.creditOnly ? (entry.changeDocuments ?? []).find((d) => d.role === 'replaced' && d.content) : undefined;
  const old = decision.creditOnly ? replaced?.content : entry.synced;
  const oldNumber = decision.creditOnly ? replaced?.number : entry.xero.number;
  if (!old) return out;
  const maths = planLines(old, settings);
  const text = documentText(old, maths.lineItems, false);
  out.errors.push(...maths.errors, ...text.errors);
  out.unitdp4 = maths.needsUnitdp4;
  const reference = `${transactionReference(tx.transactionId)}${oldNumber ? ` | credits ${oldNumber}` : ''}`.slice(0, 255);
  // Held or re-dated like any new document: a credit note Xero refused would leave the old and the new invoice both
  // counted as revenue, so a held one holds the whole change (its error stops the transaction's plan).
  const guarded = guardDate(settings.lockDates, 'the credit note for the change', tx.date);
  if (guarded.error) out.errors.push(guarded.error);
  if (guarded.note) out.notes.push(guarded.note);
  out.creditNotes.push({
    kind: 'credit-note',
    operation: 'create',
    key: tx.transactionId,
    transactionIds: [tx.transactionId],
    // A re-dated credit note is another request: its key says so (as for documents, planner.ts).
    idempotencyKey: documentKey('credit-note-change', tx.transactionId, guarded.date === tx.date ? entry.contentHash : payloadHash([entry.contentHash, guarded.date])),
    sourceHash: entry.contentHash,
    change: 'credit',
    payload: {
      Type: 'ACCRECCREDIT',
      Contact: entry.xero.contactId ? { ContactID: entry.xero.contactId } : contact,
      // Dated as CourseCo dates the change: the credit belongs to the period the booking changed in.
      Date: guarded.date,
      Reference: reference,
      LineAmountTypes: maths.lineAmountTypes,
      // Allocation needs an AUTHORISED credit note (xero-facts.md §3 Credit notes).
      Status: 'AUTHORISED',
      ...(old.currency ? { CurrencyCode: old.currency } : {}),
      LineItems: text.lineItems,
    },
  });
  return out;
}

/**
 * The allocation of a change's credit note still to send: the one `decision` sizes (its credit note is created in
 * the same plan), or one an earlier run planned and Xero has not confirmed (`pending`: the run stopped after the
 * credit note), with the credit note it recorded. Undefined when there is none.
 */
export function changeAllocation(
  entry: JournalEntry,
  decision: ChangeDecision | undefined,
  pending: AllocationRecord | undefined,
): { retiredInvoiceId: string; creditNoteId: string | null; amount: string } | undefined {
  if (decision) {
    const amount = decision.allocations.find((a) => a.to === 'old-invoice')?.amount;
    if (decision.refusal || !amount || (decision.case !== 'credit' && decision.case !== 'credit-and-reissue')) return undefined;
    const retired = decision.creditOnly ? pendingCredit(entry)?.xeroId : entry.xero.invoiceId;
    return retired ? { retiredInvoiceId: retired, creditNoteId: null, amount } : undefined;
  }
  const creditNoteId = entry.xero.creditNoteId;
  if (!pending || pending.xeroAllocationId !== null || !creditNoteId) return undefined;
  const docs = entry.changeDocuments ?? [];
  const credit = docs.find((d) => d.role === 'credit' && d.xeroId === creditNoteId);
  // A re-issue's credit note retires the invoice replaced by the same approved content; a cancellation's, the
  // transaction's own invoice (it is not replaced).
  const replaced = credit && docs.find((d) => d.role === 'replaced' && d.contentHash === credit.contentHash);
  const retired = replaced?.xeroId ?? entry.xero.invoiceId;
  return retired ? { retiredInvoiceId: retired, creditNoteId, amount: pending.amount } : undefined;
}

/**
 * A re-issue's allocation to the new invoice still to send: the one `decision` sizes (the new invoice is created in the
 * same plan unless an earlier run sent it, so its id is bound at send time), or one an earlier run planned and Xero
 * has not confirmed (`pending`), once the journal holds the new invoice and the credit note. Undefined when there is none.
 */
export function replacementAllocation(
  entry: JournalEntry,
  decision: ChangeDecision | undefined,
  pending: AllocationRecord | undefined,
): { newInvoiceId: string | null; creditNoteId: string | null; amount: string } | undefined {
  if (decision) {
    const amount = decision.allocations.find((a) => a.to === 'new-invoice')?.amount;
    if (decision.refusal || !amount || decision.case !== 'credit-and-reissue') return undefined;
    return { newInvoiceId: decision.creditOnly ? entry.xero.invoiceId : null, creditNoteId: null, amount };
  }
  const { creditNoteId, invoiceId } = entry.xero;
  if (!pending || pending.xeroAllocationId !== null || !creditNoteId || !invoiceId) return undefined;
  return { newInvoiceId: invoiceId, creditNoteId, amount: pending.amount };
}
