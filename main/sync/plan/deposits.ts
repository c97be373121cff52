/**
 * Deposits that match the bank feed: when the profile asks for it (`xero.batchDeposits` = on), payments CourseCo
 * received on the same day by the same method (a card processor's payout, a day's cash) go to Xero as one batch
 * payment, so the one line on the bank statement reconciles against one transaction instead of many.
 *
 * Xero's batch payments: `PUT /BatchPayments` `{"BatchPayments":[{Account, Date, Reference, Payments:[{Invoice:
 * {InvoiceID}, Amount}]}]}` (shared/xero-openapi/xero_accounting.yaml `createBatchPayment`, schema `BatchPayment`;
 * xero-facts.md §9). What may share one, and why:
 * - one account and one date: the batch carries them, not its payments (schema `BatchPayment`: Account, Date);
 * - sales invoices only: a batch is RECBATCH (sales) or PAYBATCH (bills), never both (schema `BatchPayment.Type`); the
 *   operation "Creates one or many batch payments for invoices", so credit notes (refunds) never join one;
 * - each amount at most what is due (schema `BatchPayment.Amount`: "less than or equal to the outstanding amount");
 *   the planner has already refused payments above an invoice's total;
 * - one currency: Xero takes batch deposits only for invoices in the base currency, into a base-currency account
 *   (help.xero.com "Create a batch deposit"); we group by the transaction's currency and leave the base-currency
 *   check to the currency guard;
 * - at most 50 invoices, Xero's own ceiling on a batch deposit (help.xero.com "Create a batch deposit"), and one
 *   payment per invoice (Xero's deposit screen has one row per invoice);
 * - a payment with no method in CourseCo is never grouped: nothing says it arrived with the others.
 * Whatever may not join goes as a single payment, as before. A "deposit" of one payment would be that payment, so a
 * group needs two. Each member stays its own planned payment (key = CourseCo payment id, its own Reference and
 * idempotency key), so the journal still records one Xero PaymentID per CourseCo payment.
 */
import Decimal from 'decimal.js';
import type { JournalEntry } from '../journal';
import { batchKey, payloadHash } from './idempotency';
import type { PlannedDocument } from './planner';
import type { XeroBatchPayment, XeroPayment } from './xero-documents';

/** Xero's ceiling on invoices in one batch deposit. */
export const MAX_DEPOSIT_PAYMENTS = 50;

export interface PlannedDeposit {
  /** Stable for the same members: `deposit:<date>:<hash of the member payment ids>`. */
  key: string;
  /** YYYY-MM-DD */
  date: string;
  /** CourseCo's payment method, as the first member writes it. */
  method: string;
  /** Member CourseCo payment ids (the planned payments' keys), in plan order. */
  paymentIds: string[];
  transactionIds: string[];
  /** The deposit's amount, as on the bank statement (2 decimals). */
  total: string;
  /** From the members' own keys: the same deposit planned twice has the same key. */
  idempotencyKey: string;
  /** The batch payment as it is sent (invoice ids of this run's new invoices are bound at send time). */
  payload: XeroBatchPayment;
}

const DEPOSIT_PREFIX = 'CourseCo deposit ';

/** The batch's Reference: what the bookkeeper sees beside the bank line (`CourseCo deposit 2024-04-10 Card`). */
export function depositReference(date: string, method: string, part?: { index: number; of: number }): string {
  const base = `${DEPOSIT_PREFIX}${date} ${method}`;
  return (part && part.of > 1 ? `${base} (${part.index} of ${part.of})` : base).slice(0, 255);
}

/** Whether a batch payment's Reference is one of ours. */
export function isDepositReference(reference: string | undefined): boolean {
  return reference?.startsWith(DEPOSIT_PREFIX) ?? false;
}

/** A batch member's payment: the invoice and the amount (and its own Reference); the batch carries account and date. */
export function batchMember(payment: XeroPayment): XeroBatchPayment['Payments'][number] {
  return { Invoice: payment.Invoice, Amount: payment.Amount, Reference: payment.Reference };
}

/** The batch payment for these members, in Xero's shape. */
export function batchPaymentOf(members: ReadonlyArray<PlannedDocument<XeroPayment>>, reference: string): XeroBatchPayment {
  const first = members[0]!.payload;
  return { Account: first.Account, Date: first.Date, Reference: reference, Payments: members.map((m) => batchMember(m.payload)) };
}

const methodKey = (method: string) => method.trim().toLowerCase();

/**
 * Groups the planned payments into deposits. Only payments on invoices (existing, or created earlier in the run)
 * are considered; the returned deposits name their members by payment id, and every other payment stays single.
 */
export function planDeposits(payments: ReadonlyArray<PlannedDocument<XeroPayment>>, entries: readonly JournalEntry[], baseCurrency?: string): PlannedDeposit[] {
  const entryOf = new Map(entries.map((e) => [e.transaction.transactionId, e]));
  const groups = new Map<string, Array<{ doc: PlannedDocument<XeroPayment>; method: string }>>();
  for (const doc of payments) {
    const tx = doc.transactionIds[0]!;
    const entry = entryOf.get(tx);
    const record = entry?.payments.find((p) => p.payment.paymentId === doc.key);
    const method = record?.payment.method?.trim();
    if (!entry || entry.transaction.kind !== 'invoice' || !method) continue;
    // Xero batches payments in the base currency only (see the header): a foreign one would sink its whole deposit.
    const currency = entry.transaction.currency?.toUpperCase();
    if (currency && baseCurrency && currency !== baseCurrency.toUpperCase()) continue;
    // Re-dated to the first open day after a lock date, it no longer matches its day's payout: it goes on its own.
    if (record && record.payment.date !== doc.payload.Date) continue;
    const account = JSON.stringify(doc.payload.Account);
    const key = [doc.payload.Date, methodKey(method), account, currency ?? baseCurrency?.toUpperCase() ?? ''].join('\n');
    const list = groups.get(key) ?? [];
    list.push({ doc, method });
    groups.set(key, list);
  }
  const deposits: PlannedDeposit[] = [];
  for (const group of groups.values()) {
    // One payment per invoice per deposit: a second one that day goes as a single payment.
    const seen = new Set<string>();
    const members = group.filter(({ doc }) => {
      const tx = doc.transactionIds[0]!;
      if (seen.has(tx)) return false;
      seen.add(tx);
      return true;
    });
    if (members.length < 2) continue;
    const parts: Array<typeof members> = [];
    for (let i = 0; i < members.length; i += MAX_DEPOSIT_PAYMENTS) parts.push(members.slice(i, i + MAX_DEPOSIT_PAYMENTS));
    // A last part of one payment is still a deposit of its own day and method: the bank may pay out in two lines.
    parts.forEach((part, i) => {
      const docs = part.map((m) => m.doc);
      const { Date: date } = docs[0]!.payload;
      const method = part[0]!.method;
      const reference = depositReference(date, method, { index: i + 1, of: parts.length });
      const paymentIds = docs.map((d) => d.key);
      deposits.push({
        key: `deposit:${date}:${payloadHash(paymentIds).slice(0, 16)}`,
        date,
        method,
        paymentIds,
        transactionIds: docs.map((d) => d.transactionIds[0]!),
        total: docs.reduce((sum, d) => sum.plus(d.payload.Amount), new Decimal(0)).toFixed(2),
        idempotencyKey: batchKey('deposit', docs.map((d) => d.idempotencyKey)),
        payload: batchPaymentOf(docs, reference),
      });
    });
  }
  return deposits;
}

/** The deposit each payment goes in, by payment id. */
export function depositOfPayment(deposits: readonly PlannedDeposit[] | undefined): Map<string, PlannedDeposit> {
  const out = new Map<string, PlannedDeposit>();
  for (const d of deposits ?? []) for (const id of d.paymentIds) out.set(id, d);
  return out;
}
