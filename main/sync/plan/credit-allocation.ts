/**
 * Credit notes carried through: a CourseCo credit (a cancelled booking's journal) is allocated to the invoice of the
 * same booking, up to what Xero will say that invoice's AmountDue is when the allocation is sent; money CourseCo paid
 * back (a payment row against the credit transaction) is a refund on the credit note; and a credit that cannot be
 * allocated, or refunds above it, are said in the plan with what to do.
 *
 * Xero's rules this follows (xero-facts.md §3 "Credit notes / refunds"; OpenAPI xero_accounting.yaml
 * `createCreditNoteAllocation`, schema `Allocation`: Invoice, Amount, Date required): an allocation is
 * PUT /CreditNotes/{CreditNoteID}/Allocations, both documents AUTHORISED, Amount ≤ the invoice's AmountDue and ≤ the
 * credit note's RemainingCredit; a refund is PUT /Payments with CreditNote:{CreditNoteID} (money paid out of the
 * payment account), Amount ≤ RemainingCredit. Invoice AmountDue = Total − AmountPaid − AmountCredited.
 *
 * Refunds come first: they are facts CourseCo recorded, while the allocation is ours to size. So the allocation is
 * min(credit total − refunds − what this credit already allocated, the invoice's amount due), and an invoice's
 * amount due counts every CourseCo payment on it (the payments phase runs before the allocations phase), every
 * allocation Xero confirmed, and the allocations planned earlier in the same plan.
 */
import Decimal from 'decimal.js';
import type { CourseCoTransaction } from '../../courseco/types';
import type { AllocationRecord, JournalEntry } from '../journal';
import { changeAllocation, replacementAllocation, type ChangeDecision } from './change-actions';
import { contactRef } from './contact-matching';
import { documentKey, payloadHash } from './idempotency';
import { money, planLines } from './line-maths';
import { guardDate } from './lock-dates';
import { invoicePlaceholder, lockGuarded, paymentDocument, type PlannedDocument, type TransactionPlan } from './planner';
import type { PlannerSettings } from './planner-settings';
import type { XeroPayment } from './xero-documents';

/** One allocation, as Xero's `Allocation` schema has it; CreditNote names the path's {CreditNoteID} (not sent in the body). */
export interface XeroAllocation {
  Invoice: { InvoiceID: string };
  CreditNote: { CreditNoteID: string };
  Amount: number;
  Date: string;
}

/** A refund: a payment on an ACCRECCREDIT, money paid out of the payment account (OpenAPI `Payment.CreditNote`). */
export interface XeroRefund {
  CreditNote: { CreditNoteID: string };
  Account: XeroPayment['Account'];
  Date: string;
  Amount: number;
  Reference: string;
}

/** What the planner is told beyond the entries it plans (the run and the golden tests load it from the journal). */
export interface CreditContext {
  /** Invoice transactions of the credited bookings that are not among the entries (already synced, say). */
  related: readonly JournalEntry[];
  /** Allocations, planned or confirmed, from or to the entries and the related invoices. */
  allocations: readonly AllocationRecord[];
}

/** A value Xero refuses if the engine ever forgot to bind it (as `invoicePlaceholder` for invoices). */
export function creditNotePlaceholder(transactionId: string): string {
  return `(CreditNoteID of CourseCo Tx ${transactionId})`;
}

/** `<credit tx>><invoice tx>`: one allocation per credit and invoice. */
export const allocationKey = (creditTx: string, invoiceTx: string) => `${creditTx}>${invoiceTx}`;

/**
 * A re-issue's credit note allocated to the new invoice is `<tx>><tx>+new` (journal and plan alike): `<tx>><tx>` is
 * its allocation to the invoice it retires, and the two are confirmed in Xero one by one.
 */
const NEW_INVOICE = '+new';
export const replacementInvoiceKey = (tx: string) => `${tx}${NEW_INVOICE}`;

/** The invoice an allocation key names, in words for a message: `the (new) invoice of CourseCo Tx 2002`. */
export function allocationTarget(key: string): string {
  const { invoiceTransactionId: invoice } = parseAllocationKey(key);
  return invoice.endsWith(NEW_INVOICE) ? `the new invoice of CourseCo Tx ${invoice.slice(0, -NEW_INVOICE.length)}` : `the invoice of CourseCo Tx ${invoice}`;
}

export function parseAllocationKey(key: string): { creditTransactionId: string; invoiceTransactionId: string } {
  const at = key.indexOf('>');
  return { creditTransactionId: key.slice(0, at), invoiceTransactionId: key.slice(at + 1) };
}

const ZERO = new Decimal(0);
const sum = (values: Iterable<Decimal.Value>) => [...values].reduce<Decimal>((s, v) => s.plus(v), ZERO);
const amountIn = (value: Decimal, currency: string | undefined) => `${currency ? `${currency} ` : ''}${money(value)}`;

export interface CreditPlanner {
  /** What Xero has confirmed allocated to this invoice transaction (its AmountCredited as far as we know). */
  creditedTo(invoiceTransactionId: string): Decimal;
  /** The overpayment message for an invoice, or undefined when its payments fit its amount due. */
  overpayment(tx: CourseCoTransaction, total: string, paid: Decimal): string | undefined;
  /** A credit transaction's allocations and refunds, into `planned` (committed only if the transaction is planned). */
  planCredit(step: CreditStep): void;
  /**
   * A change's credit note allocated to the invoice it retires (change-actions.ts sizes it), or its pending one.
   * True when the entry's credit note is a change's (a cancelled booking turned credit): it is then no booking credit.
   */
  planChangeCredit(step: ChangeCreditStep): boolean;
  /** Warnings that need the whole plan: an allocation waiting on an invoice this plan cannot send. */
  finish(transactions: readonly TransactionPlan[]): void;
  allocations: PlannedDocument<XeroAllocation>[];
  refunds: PlannedDocument<XeroRefund>[];
}

export interface CreditStep {
  entry: JournalEntry;
  plan: TransactionPlan;
  /** The credit note's Xero id, when it is there already and not being updated. */
  creditNoteId: string | null;
  /** The credit note is sent in this plan (created or updated). */
  sending: boolean;
  planned: Array<() => void>;
}

export interface ChangeCreditStep {
  entry: JournalEntry;
  plan: TransactionPlan;
  /** The change the entry carries (change-actions.ts), if any. */
  decision: ChangeDecision | undefined;
  planned: Array<() => void>;
}

/**
 * The one allocation request: credit transaction's credit note to an invoice transaction's invoice, dated as the
 * organisation's lock dates allow (held, or the first open day: lock-dates.ts, as documents and payments).
 */
function allocationDoc(
  plan: TransactionPlan,
  settings: PlannerSettings,
  a: { entry: JournalEntry; invoice: JournalEntry; invoiceId: string | null; creditNoteId: string | null; amount: Decimal; date: string; invoiceKey?: string },
): PlannedDocument<XeroAllocation> {
  const tx = a.entry.transaction;
  const itx = a.invoice.transaction;
  const date = lockGuarded(plan, guardDate(settings.lockDates, `the allocation of ${money(a.amount)} to the invoice`, a.date));
  const key = allocationKey(tx.transactionId, a.invoiceKey ?? itx.transactionId);
  const needs = { ...(a.invoiceId ? {} : { invoiceOf: itx.transactionId }), ...(a.creditNoteId ? {} : { creditNoteOf: tx.transactionId }) };
  return {
    kind: 'allocation',
    operation: 'create',
    key,
    transactionIds: [tx.transactionId],
    idempotencyKey: documentKey('allocation', key, payloadHash([a.entry.contentHash, a.invoice.contentHash, money(a.amount), date])),
    sourceHash: a.entry.contentHash,
    ...(Object.keys(needs).length > 0 ? { needs } : {}),
    payload: {
      Invoice: { InvoiceID: a.invoiceId ?? invoicePlaceholder(itx.transactionId) },
      CreditNote: { CreditNoteID: a.creditNoteId ?? creditNotePlaceholder(tx.transactionId) },
      Amount: a.amount.toNumber(),
      Date: date,
    },
  };
}

export function createCreditPlanner(entries: readonly JournalEntry[], context: CreditContext | undefined, settings: PlannerSettings): CreditPlanner {
  const allocations: PlannedDocument<XeroAllocation>[] = [];
  const refunds: PlannedDocument<XeroRefund>[] = [];
  const records = context?.allocations ?? [];
  // Only the credited bookings' invoices are indexed: a plan without credits pays nothing for this module.
  const credited = new Set(entries.filter((e) => e.transaction.kind === 'credit' && e.transaction.bookingId).map((e) => e.transaction.bookingId!));
  const byId = new Map<string, JournalEntry>();
  const invoicesOfBooking = new Map<string, JournalEntry[]>();
  if (credited.size > 0) {
    for (const e of [...(context?.related ?? []), ...entries]) {
      const booking = e.transaction.bookingId;
      if (e.transaction.kind !== 'invoice' || !booking || !credited.has(booking) || byId.has(e.transaction.transactionId)) continue;
      byId.set(e.transaction.transactionId, e);
      invoicesOfBooking.set(booking, [...(invoicesOfBooking.get(booking) ?? []), e]);
    }
    for (const list of invoicesOfBooking.values()) list.sort((a, b) => a.transaction.date.localeCompare(b.transaction.date));
  }
  const totals = new Map<string, Decimal>();
  const totalOf = (e: JournalEntry) => {
    const id = e.transaction.transactionId;
    let total = totals.get(id);
    if (!total) totals.set(id, (total = new Decimal(planLines(e.transaction, settings).totals.total)));
    return total;
  };
  /** Allocated to each invoice by credits planned earlier in this plan (bumped only when that credit is committed). */
  const plannedTo = new Map<string, Decimal>();
  const confirmed = (r: AllocationRecord) => r.xeroAllocationId !== null;
  const creditedSum = new Map<string, Decimal>();
  // A change's credit note allocated to the invoice it retired (`<tx>><tx>`) credits that old invoice, never the
  // transaction's current one.
  for (const r of records) if (confirmed(r) && r.creditTransactionId !== r.invoiceTransactionId) creditedSum.set(r.invoiceTransactionId, (creditedSum.get(r.invoiceTransactionId) ?? ZERO).plus(r.amount));
  const creditedTo = (invoiceTx: string) => creditedSum.get(invoiceTx) ?? ZERO;
  /** Planned allocations each waits for: the invoice transaction it needs in this plan, by credit. */
  const waitsOn = new Map<string, string[]>();

  const overpayment = (tx: CourseCoTransaction, total: string, paid: Decimal): string | undefined => {
    const credited = creditedTo(tx.transactionId);
    const due = new Decimal(total).minus(credited);
    if (paid.lte(due)) return undefined;
    const extra = paid.minus(due);
    const credit = credited.gt(0) ? `, credit notes allocated ${money(credited)}` : '';
    return (
      `${amountIn(extra, tx.currency)} more than the invoice's amount due was paid (invoice total ${total}${credit}, payments ${money(paid)}), and Xero refuses a payment above the amount due. ` +
      'Check the payments in CourseCo; if the customer really paid more, record the extra in Xero as an overpayment (Sales → Invoices → the invoice → "Overpayment") and exclude this transaction here.'
    );
  };

  const planCredit = ({ entry, plan, creditNoteId, sending, planned }: CreditStep) => {
    const tx = entry.transaction;
    const name = plan.contact.name;
    const creditTotal = new Decimal(plan.totals.total);
    const refunded = sum(entry.payments.map((p) => p.payment.amount));
    const mine = records.filter((r) => r.creditTransactionId === tx.transactionId);
    const allocatedBefore = sum(mine.filter(confirmed).map((r) => r.amount));
    const remaining = creditTotal.minus(allocatedBefore);
    if (refunded.gt(remaining)) {
      const after = allocatedBefore.gt(0) ? ` (${money(allocatedBefore)} of it is already allocated to the booking's invoice)` : '';
      plan.errors.push(
        `refunds total ${amountIn(refunded, tx.currency)} but only ${money(remaining.lt(0) ? ZERO : remaining)} of the credit note's ${money(creditTotal)} remains to refund${after}, and Xero refuses a refund above the remaining credit. Check the refunds and the credit in CourseCo.`,
      );
      return;
    }
    if (settings.invoiceStatus === 'DRAFT') {
      const pending = entry.payments.filter((p) => p.xeroPaymentId === null).length;
      if (sending || pending > 0) {
        plan.warnings.push(
          `credit notes are created as DRAFT, and Xero allocates and refunds only AUTHORISED ones: approve the credit note in Xero, then allocate it to the booking's invoice there${pending > 0 ? `; ${pending} refund(s) held back` : ''}`,
        );
      }
      return;
    }
    planAllocations({ entry, plan, creditNoteId, sending, planned }, creditTotal.minus(refunded).minus(allocatedBefore), mine, name);
    planRefunds({ entry, plan, creditNoteId, sending, planned });
  };

  const planAllocations = ({ entry, plan, creditNoteId, sending, planned }: CreditStep, available: Decimal, mine: AllocationRecord[], name: string) => {
    const tx = entry.transaction;
    const stays = `it stays in Xero as credit for "${name}" (allocate or refund it there)`;
    // Said when the credit note is first sent (or its allocation was pending), not again at every later refund.
    const pendingBefore = mine.some((r) => !confirmed(r));
    const say = (warning: string) => (sending || pendingBefore) && plan.warnings.push(warning);
    // Refunded (or allocated) in full already: nothing is left to allocate, and nothing to say.
    if (available.lte(0)) return;
    if (!tx.bookingId) {
      if (mine.length === 0) say(`not allocated to an invoice: CourseCo names no booking for this credit, so ${stays}`);
      return;
    }
    const sameRef = contactRef(tx.contact);
    const all = invoicesOfBooking.get(tx.bookingId) ?? [];
    const candidates = all.filter((e) => contactRef(e.transaction.contact) === sameRef && !mine.some((r) => confirmed(r) && r.invoiceTransactionId === e.transaction.transactionId));
    if (all.length === 0) {
      if (mine.length === 0) say(`not allocated: booking ${tx.bookingId} has no invoice in the journal, so ${stays}; to have it allocated, import the booking's invoice before syncing this credit`);
      return;
    }
    if (candidates.length === 0) {
      if (mine.length === 0) say(`not allocated: booking ${tx.bookingId}'s invoice is billed to someone else, and Xero allocates a credit note only to the same contact's invoices, so ${stays}`);
      return;
    }
    const docs: Array<{ doc: PlannedDocument<XeroAllocation>; invoiceTx: string; amount: Decimal }> = [];
    for (const invoice of candidates) {
      if (available.lte(0)) break;
      const itx = invoice.transaction;
      if ((itx.currency ?? '') !== (tx.currency ?? '')) {
        say(`not allocated to the invoice of CourseCo Tx ${itx.transactionId}: it is in ${itx.currency ?? 'the base currency'} and the credit in ${tx.currency ?? 'the base currency'}, and Xero allocates only within one currency`);
        continue;
      }
      const paid = sum(invoice.payments.map((p) => p.payment.amount));
      const due = totalOf(invoice).minus(paid).minus(creditedTo(itx.transactionId)).minus(plannedTo.get(itx.transactionId) ?? ZERO);
      if (due.lte(0)) continue;
      const amount = Decimal.min(due, available);
      available = available.minus(amount);
      const doc = allocationDoc(plan, settings, { entry, invoice, invoiceId: invoice.xero.invoiceId, creditNoteId, amount, date: itx.date > tx.date ? itx.date : tx.date });
      docs.push({ doc, invoiceTx: itx.transactionId, amount });
    }
    if (docs.length === 0) {
      if (mine.length === 0 || pendingBefore) say(`not allocated: booking ${tx.bookingId}'s invoice has nothing left to pay (paid or credited in full), so ${stays}`);
      return;
    }
    if (available.gt(0)) {
      const given = sum(docs.map((d) => d.amount));
      say(`${money(given)} of the credit is allocated to the booking's invoice (all it still owes); the other ${amountIn(available, tx.currency)} ${stays.replace('it stays', 'stays')}`);
    }
    for (const { doc, invoiceTx, amount } of docs) {
      plan.documents.push(doc.idempotencyKey);
      if (!byId.get(invoiceTx)?.xero.invoiceId) waitsOn.set(tx.transactionId, [...(waitsOn.get(tx.transactionId) ?? []), invoiceTx]);
      planned.push(() => {
        allocations.push(doc);
        plannedTo.set(invoiceTx, (plannedTo.get(invoiceTx) ?? ZERO).plus(amount));
      });
    }
  };

  const planRefunds = ({ entry, plan, creditNoteId, planned }: CreditStep) => {
    const pending = entry.payments.filter((p) => p.xeroPaymentId === null);
    if (pending.length === 0) return;
    if (settings.paymentAccountProblem) {
      plan.errors.push(settings.paymentAccountProblem);
      return;
    }
    const tx = entry.transaction;
    for (const record of pending) {
      // Money paid out is dated like any payment: held, or re-dated under a key of its own (lock-dates.ts).
      const needs = creditNoteId ? undefined : { creditNoteOf: tx.transactionId };
      const doc = paymentDocument<XeroRefund>('refund', record, tx.transactionId, plan, settings, needs, (common) => ({
        CreditNote: { CreditNoteID: creditNoteId ?? creditNotePlaceholder(tx.transactionId) },
        ...common,
      }));
      planned.push(() => refunds.push(doc));
      plan.documents.push(doc.idempotencyKey);
    }
  };

  /**
   * A change's credit note (change-actions.ts) goes to the invoice it retires, and a re-issue's remainder to the new
   * invoice, for what change-actions sized; anything left stays on it as the customer's credit, said in the change's
   * steps. Sent, claimed and recovered as any allocation here; the keys are `<tx>><tx>`, the retired invoice named by
   * its Xero id (the transaction's own invoice id may already be the new one), and `<tx>><tx>+new`, the new invoice
   * bound at send time when this run creates it (`needs.invoiceOf`: the transaction's invoice is then the new one).
   */
  const planChangeCredit = ({ entry, plan, decision, planned }: ChangeCreditStep) => {
    const tx = entry.transaction;
    const pendingFor = (invoiceKey: string) => records.find((r) => r.creditTransactionId === tx.transactionId && r.invoiceTransactionId === invoiceKey && !confirmed(r));
    const wanted = changeAllocation(entry, decision, pendingFor(tx.transactionId));
    // change-actions.ts sizes both together, so they never exceed the credit note's total.
    const toNew = replacementAllocation(entry, decision, pendingFor(replacementInvoiceKey(tx.transactionId)));
    const isChangeCredit = wanted !== undefined || toNew !== undefined || decision?.case === 'credit' || decision?.case === 'credit-and-reissue' || (entry.changeDocuments ?? []).some((d) => d.role === 'credit');
    const date = entry.synced && entry.synced.date > tx.date ? entry.synced.date : tx.date;
    const docs = [
      ...(wanted ? [allocationDoc(plan, settings, { entry, invoice: entry, invoiceId: wanted.retiredInvoiceId, creditNoteId: wanted.creditNoteId, amount: new Decimal(wanted.amount), date })] : []),
      ...(toNew
        ? [allocationDoc(plan, settings, { entry, invoice: entry, invoiceId: toNew.newInvoiceId, creditNoteId: toNew.creditNoteId, amount: new Decimal(toNew.amount), date, invoiceKey: replacementInvoiceKey(tx.transactionId) })]
        : []),
    ];
    for (const doc of docs) {
      plan.documents.push(doc.idempotencyKey);
      planned.push(() => allocations.push(doc));
    }
    return isChangeCredit;
  };

  const finish = (transactions: readonly TransactionPlan[]) => {
    const outcome = new Map(transactions.map((t) => [t.transactionId, t]));
    for (const [creditTx, invoiceTxs] of waitsOn) {
      const credit = outcome.get(creditTx);
      if (credit?.outcome !== 'planned') continue;
      for (const invoiceTx of invoiceTxs) {
        const invoice = outcome.get(invoiceTx);
        if (invoice && invoice.outcome === 'planned') continue;
        credit.warnings.push(
          `its allocation to the invoice of CourseCo Tx ${invoiceTx} will fail in this sync, because that invoice is not sent (${invoice ? (invoice.outcome === 'error' ? 'see its errors' : (invoice.reason ?? invoice.outcome)) : 'it is not in this sync'}): fix that one, then Retry this credit`,
        );
      }
    }
  };

  return { creditedTo, overpayment, planCredit, planChangeCredit, finish, allocations, refunds };
}
