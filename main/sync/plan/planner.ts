/**
 * The planner: journal entries + settings + the contacts Xero already has → exactly the Xero documents a sync would
 * send, in Xero's JSON shape. Pure and deterministic (same input, same plan, same idempotency keys), so `sync
 * --dry-run` prints what will be sent and a retried run sends byte-identical batches.
 *
 * Documents that depend on ones created in the same run (an invoice for a new contact, a payment on a new invoice)
 * name that dependency in `needs`; `bindReferences` swaps in Xero's ids once the engine has them.
 */
import Decimal from 'decimal.js';
import type { CourseCoTransaction } from '../../courseco/types';
import { changeDocuments, decideChange, replacementNumber, type ChangeDecision } from './change-actions';
import { diffTransactions } from './change-diff';
import { activeContactNames, contactRef, createContactIndex, type ContactMatch } from './contact-matching';
import { createContactNamer } from './contact-names';
import { currencyNotices, currencyProblem } from './currency-guard';
import { planDeposits, type PlannedDeposit } from './deposits';
import { createCreditPlanner, type CreditContext, type XeroAllocation, type XeroRefund } from './credit-allocation';
import { documentText } from './document-text';
import { documentKey, payloadHash, paymentReference, sentAgain, transactionReference } from './idempotency';
import type { JournalEntry } from '../journal';
import { money, planLines, type Totals } from './line-maths';
import { dueDateAfter, guardDate, lockDateNotices, type GuardedDate, type LockedPeriodCatch } from './lock-dates';
import { optionsToAdd, type MissingOption } from './line-rules';
import type { PlannerSettings } from './planner-settings';
import type { KnownXeroContact, LineAmountTypes, XeroContact, XeroContactRef, XeroCreditNote, XeroInvoice, XeroInvoiceStatusChange, XeroPayment } from './xero-documents';

export const MAX_BATCH = 50;

export interface PlannedDocument<P> {
  kind: 'contact' | 'invoice' | 'credit-note' | 'payment' | 'allocation' | 'refund';
  /** create: PUT. update: POST to a document already in Xero (only after the user approved a changed transaction). */
  operation: 'create' | 'update';
  /** Contact ref, transaction id or payment id. */
  key: string;
  /** Transactions this document serves (a contact may serve many). */
  transactionIds: string[];
  idempotencyKey: string;
  /** Content hash to record as sent (journal `recordDocument` / `recordPaymentSynced`). */
  sourceHash: string;
  /** Documents of this run this one refers to; the engine binds their Xero ids before sending. */
  needs?: { contactRef?: string; invoiceOf?: string; creditNoteOf?: string };
  /** What an approved change does with it, for the journal's history (change-actions.ts). */
  change?: 'voided' | 'credit';
  payload: P;
}

export type TransactionOutcome = 'planned' | 'error' | 'skipped' | 'nothing-to-send';

export interface TransactionPlan {
  transactionId: string;
  kind: CourseCoTransaction['kind'];
  outcome: TransactionOutcome;
  /** Why nothing of this transaction will be sent (outcome `error`), in plain words. */
  errors: string[];
  /** Sent anyway, but worth a look (rounding within 0.01, payments held back, a discounted line). */
  warnings: string[];
  /** Why it is skipped or has nothing to send. */
  reason?: string;
  contact: { ref: string; match: ContactMatch['by']; contactId?: string; name: string };
  lineAmountTypes: LineAmountTypes;
  /** What Xero will compute for the document. */
  totals: Totals;
  /** CourseCo's own figures from the file (null where the file had none). */
  courseCo: { total: string | null; tax: string | null };
  /** Idempotency keys of this transaction's planned documents. */
  documents: string[];
  /** With rules per course: the rule each line followed, in line order ("default"; null: Setup's account and VAT). */
  lineRules?: Array<string | null>;
  /** A document of it is dated on or before a lock date: held, or re-dated to the first open day (lock-dates.ts). */
  lockedPeriod?: LockedPeriodCatch;
  /** Its currency, when the organisation cannot take it (currency-guard.ts). */
  currencyRefused?: string;
  /** A change after sync: what differs and, on approval, which documents change in Xero (change-actions.ts). */
  change?: ChangePreview;
}

export interface ChangePreview {
  case: ChangeDecision['case'];
  /** Whether the user approved sending this change; an unapproved change is skipped, never sent. */
  approved: boolean;
  /** Field by field, in words ("Total €492.00 → €615.00"); empty when the version sent is not known. */
  differences: string[];
  /** Exactly the documents that change in Xero, in words. */
  steps: string[];
  allocations: ChangeDecision['allocations'];
}

export interface SyncPlan {
  contacts: PlannedDocument<XeroContact>[];
  invoices: PlannedDocument<XeroInvoice>[];
  /** Invoices an approved change voids (or deletes, when drafts): a status change only, sent with the invoice updates. */
  voids: PlannedDocument<XeroInvoiceStatusChange>[];
  creditNotes: PlannedDocument<XeroCreditNote>[];
  payments: PlannedDocument<XeroPayment>[];
  /** Payments grouped into batch payments (only when the profile turns deposits on; members are also in `payments`). */
  deposits?: PlannedDeposit[];
  /** Credit notes allocated to their booking's invoice, and refunds paid out of them (credit-allocation.ts); absent when none. */
  allocations?: PlannedDocument<XeroAllocation>[];
  refunds?: PlannedDocument<XeroRefund>[];
  transactions: TransactionPlan[];
  /** Some UnitAmount has 3–4 decimals: invoice and credit note requests must pass `unitdp=4`. */
  unitdp4: boolean;
  /** Tracking options the planned lines' rules name that Xero lacks, added before sending (the user agreed). */
  trackingOptionsToAdd?: MissingOption[];
  summary: {
    transactions: number;
    planned: number;
    errors: number;
    skipped: number;
    nothingToSend: number;
    /** Distinct existing Xero contacts the planned transactions bill. */
    contactsMatched: number;
    contactsToCreate: number;
    invoices: number;
    creditNotes: number;
    payments: number;
    /** Batch payments, and the payments they carry (present when deposits are on). */
    deposits?: number;
    depositPayments?: number;
    allocations?: number;
    refunds?: number;
    /** Requests needed at ≤ 50 documents per batch: the floor any engine can reach. */
    minimumCalls: number;
    /** What holds back or changes many transactions at once (a currency, a lock date), said once in plain words. */
    notices?: string[];
  };
}

export interface PlanInput {
  entries: readonly JournalEntry[];
  settings: PlannerSettings;
  /** Contacts read from Xero (for matching by ContactNumber, then name). */
  contacts?: readonly KnownXeroContact[];
  /** Contact refs whose look-up Xero refused, with the reason in plain words: those transactions fail, the rest go. */
  lookupFailures?: ReadonlyMap<string, string>;
  /** The credited bookings' invoices and the allocations already known (for allocating credit notes). */
  credits?: CreditContext;
}

const DEFAULT_DUE_DAYS = 30;

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A value that makes Xero refuse the request if the engine ever forgot to bind it: never a silent wrong link. */
export function invoicePlaceholder(transactionId: string): string {
  return `(InvoiceID of CourseCo Tx ${transactionId})`;
}

export function planSync(input: PlanInput): SyncPlan {
  const { settings } = input;
  const matchContact = createContactIndex(input.contacts ?? []);
  // Who bills whom is decided first for every entry, so same-name payers are known before any contact is named.
  const prepared = input.entries.map((entry) => {
    const ref = contactRef(entry.transaction.contact);
    return { ref, match: matchContact(entry.transaction.contact, ref, entry.xero.contactId) };
  });
  const newPayers = new Map<string, string>();
  prepared.forEach(({ ref, match }, i) => match.by === 'create' && !newPayers.has(ref) && newPayers.set(ref, input.entries[i]!.transaction.contact.name));
  const nameContact = createContactNamer(activeContactNames(input.contacts ?? []), newPayers);
  const contacts = new Map<string, PlannedDocument<XeroContact>>();
  const invoices: PlannedDocument<XeroInvoice>[] = [];
  const voids: PlannedDocument<XeroInvoiceStatusChange>[] = [];
  const creditNotes: PlannedDocument<XeroCreditNote>[] = [];
  const payments: PlannedDocument<XeroPayment>[] = [];
  const transactions: TransactionPlan[] = [];
  let unitdp4 = false;
  const matchedContactIds = new Set<string>();
  const credits = createCreditPlanner(input.entries, input.credits, settings);

  for (const [index, entry] of input.entries.entries()) {
    const tx = entry.transaction;
    const { ref, match } = prepared[index]!;
    const maths = planLines(tx, settings);
    const named = match.by === 'create' ? nameContact(ref, tx.contact.name) : undefined;
    const text = documentText(tx, maths.lineItems, match.by === 'create');
    const plan: TransactionPlan = {
      transactionId: tx.transactionId,
      kind: tx.kind,
      outcome: 'planned',
      errors: [],
      warnings: [...maths.warnings, ...text.warnings, ...(named && 'warnings' in named ? named.warnings : [])],
      contact: {
        ref,
        match: match.by,
        name: match.by !== 'create' ? match.name : named && 'name' in named ? named.name : tx.contact.name,
        ...(match.by !== 'create' ? { contactId: match.contactId } : {}),
      },
      lineAmountTypes: maths.lineAmountTypes,
      totals: maths.totals,
      courseCo: maths.courseCo,
      documents: [],
      ...(maths.lineRules ? { lineRules: maths.lineRules } : {}),
    };
    transactions.push(plan);

    const change = decideChange(entry, settings, credits.creditedTo(tx.transactionId));
    if (change) {
      plan.change = {
        case: change.case,
        approved: entry.status !== 'changed',
        differences: diffTransactions(change.creditOnly ? undefined : entry.synced, tx, settings).changes.map((c) => c.text),
        steps: change.steps.map((st) => st.text),
        allocations: change.allocations,
      };
    }
    const skip = skipReason(entry);
    if (skip) {
      plan.outcome = 'skipped';
      plan.reason = skip;
      continue;
    }

    // A change after sync follows change-actions.ts: an update in place, or a new invoice beside the credit note or
    // void it plans; otherwise a document not yet in Xero is created.
    const documentId = change ? (change.case === 'update-credit-note' ? entry.xero.creditNoteId : entry.xero.invoiceId) : tx.kind === 'invoice' ? entry.xero.invoiceId : entry.xero.creditNoteId;
    const update = documentId !== null && entry.contentHash !== entry.syncedHash && (!change || change.case === 'update' || change.case === 'update-credit-note');
    const reissue = change?.case === 'credit-and-reissue' && !change.creditOnly;
    const sendDocument = change ? update || reissue : documentId === null || update;
    if (change?.refusal) plan.errors.push(change.refusal);
    if (sendDocument) plan.errors.push(...maths.errors, ...text.errors);
    const currencyError = sendDocument ? currencyProblem(settings.currencies, tx.currency) : undefined;
    if (currencyError) {
      plan.errors.push(currencyError);
      plan.currencyRefused = tx.currency!.toUpperCase();
    }
    const lookupFailure = match.by === 'create' ? input.lookupFailures?.get(ref) : undefined;
    if (lookupFailure) plan.errors.push(lookupFailure);
    else if (named && 'error' in named) plan.errors.push(named.error);
    if (match.by === 'name') {
      const number = match.contactNumber ? `it carries contact number ${match.contactNumber}, not one from CourseCo` : 'it has no contact number';
      plan.warnings.push(`billed to the Xero contact "${match.name}", found by name only (${number}): check it is this payer before syncing`);
    }
    if (match.by !== 'create' && match.archived) {
      plan.errors.push(`the Xero contact "${match.name}" is archived: restore it in Xero (Contacts → Archived) or merge it, then sync again`);
    }

    const contactPayload: XeroContactRef = match.by === 'create' ? { ContactNumber: ref } : { ContactID: match.contactId };
    const needsContact = match.by === 'create' ? { contactRef: ref } : undefined;
    const planned: Array<() => void> = [];

    if (sendDocument) {
      const operation: 'create' | 'update' = update ? 'update' : 'create';
      const reference = transactionReference(tx.transactionId, tx.reference);
      const currency = tx.currency ? { CurrencyCode: tx.currency } : {};
      const needs = needsContact ? { needs: needsContact } : {};
      // Shared fields, split where the two payloads differ so each keeps Xero's field order (it feeds the keys).
      // An update is judged on the earlier of its two dates: Xero refuses changing a document already in a locked period.
      const judged = update && entry.synced && entry.synced.date < tx.date ? entry.synced.date : tx.date;
      const guarded = guardDate(settings.lockDates, `the ${tx.kind === 'invoice' ? 'invoice' : 'credit note'}`, judged, operation);
      const date = lockGuarded(plan, judged === tx.date ? guarded : { ...guarded, date: tx.date });
      const head = { Contact: contactPayload, Date: date };
      const tail = { Reference: reference, LineAmountTypes: maths.lineAmountTypes, Status: settings.invoiceStatus, ...currency, LineItems: text.lineItems };
      const documentOf = <P>(kind: 'invoice' | 'credit-note', payload: P): PlannedDocument<P> => ({
        kind,
        operation,
        key: tx.transactionId,
        transactionIds: [tx.transactionId],
        // A re-dated document is another request: its key says so, so Xero never replays the undated one's answer;
        // so is one sent again after Xero lost the first (journal-resend.ts).
        idempotencyKey: documentKey(
          update ? `${kind}-update` : reissue ? `${kind}-reissue` : kind,
          tx.transactionId,
          sentAgain(date === tx.date ? entry.contentHash : payloadHash([entry.contentHash, date]), entry.resends),
        ),
        sourceHash: entry.contentHash,
        ...needs,
        payload,
      });
      if (tx.kind === 'invoice') {
        const doc = documentOf<XeroInvoice>('invoice', {
          Type: 'ACCREC',
          ...(update ? { InvoiceID: documentId! } : {}),
          ...head,
          DueDate: dueDateAfter(tx.dueDate ?? addDays(tx.date, settings.dueDays ?? DEFAULT_DUE_DAYS), date),
          // A new invoice takes CourseCo's number unless Xero holds it already (a replaced, voided or deleted one:
          // Xero keeps their numbers taken), then Xero numbers it.
          ...withNumber(update ? tx.invoiceNumber : replacementNumber(entry)),
          ...tail,
        });
        planned.push(() => invoices.push(doc));
        plan.documents.push(doc.idempotencyKey);
      } else {
        const doc = documentOf<XeroCreditNote>('credit-note', {
          Type: 'ACCRECCREDIT',
          ...(update ? { CreditNoteID: documentId! } : {}),
          ...head,
          // On a credit/journal transaction CourseCo's "invoice number" is its credit note number (e.g. CN-2434).
          ...withCreditNoteNumber(update ? tx.invoiceNumber : replacementNumber(entry)),
          ...tail,
        });
        planned.push(() => creditNotes.push(doc));
        plan.documents.push(doc.idempotencyKey);
      }
      if (maths.needsUnitdp4) planned.push(() => (unitdp4 = true));
    }

    const retired = change && !change.refusal ? changeDocuments(entry, change, settings, contactPayload) : undefined;
    if (retired) {
      plan.errors.push(...retired.errors);
      plan.warnings.push(...retired.notes);
      planned.push(() => voids.push(...retired.invoices), () => creditNotes.push(...retired.creditNotes));
      if (retired.unitdp4) planned.push(() => (unitdp4 = true));
      plan.documents.push(...retired.invoices.map((d) => d.idempotencyKey), ...retired.creditNotes.map((d) => d.idempotencyKey));
    }
    if (change && (change.case === 'void' || change.case === 'delete' || change.case === 'credit')) {
      const pending = entry.payments.filter((p) => p.xeroPaymentId === null).length;
      if (pending > 0) plan.errors.push(`CourseCo records ${pending} payment(s) not yet in Xero on this cancelled booking: check them in CourseCo (a refund or a cancelled payment?), import again, then approve`);
    } else planPayments(entry, plan, settings, documentId, update || reissue, planned, payments, credits.overpayment);
    const changeCredit = credits.planChangeCredit({ entry, plan, decision: change, planned });
    if (tx.kind === 'credit' && !changeCredit) credits.planCredit({ entry, plan, creditNoteId: update ? null : documentId, sending: sendDocument, planned });

    if (plan.errors.length > 0) {
      plan.outcome = 'error';
      plan.documents = [];
      continue;
    }
    if (plan.documents.length === 0) {
      plan.outcome = 'nothing-to-send';
      plan.reason ??= 'everything for this transaction is already in Xero';
      continue;
    }
    for (const commit of planned) commit();
    if (match.by === 'create') {
      const existing = contacts.get(ref);
      if (existing) existing.transactionIds.push(tx.transactionId);
      else {
        const name = named && 'name' in named ? named.name : tx.contact.name;
        const payload: XeroContact = { Name: name, ContactNumber: ref, ...(text.email ? { EmailAddress: text.email } : {}) };
        contacts.set(ref, { kind: 'contact', operation: 'create', key: ref, transactionIds: [tx.transactionId], idempotencyKey: documentKey('contact', ref, payloadHash(payload)), sourceHash: payloadHash(payload), payload });
      }
    } else matchedContactIds.add(match.contactId);
  }

  credits.finish(transactions);
  const { allocations, refunds } = credits;
  const contactList = [...contacts.values()];
  const calls = (n: number) => Math.ceil(n / MAX_BATCH);
  const byOp = <P>(docs: PlannedDocument<P>[]) => calls(docs.filter((d) => d.operation === 'create').length) + calls(docs.filter((d) => d.operation === 'update').length);
  const count = (outcome: TransactionOutcome) => transactions.filter((t) => t.outcome === outcome).length;
  const deposits = settings.batchDeposits ? planDeposits(payments, input.entries, settings.currencies?.base) : undefined;
  const allocationRequests = new Set(allocations.map((a) => a.transactionIds[0])).size;
  const inDeposits = deposits?.reduce((n, d) => n + d.paymentIds.length, 0) ?? 0;
  const toAdd = settings.lineRules ? optionsToAdd(settings.lineRules, transactions.flatMap((t) => (t.outcome === 'planned' ? (t.lineRules ?? []) : []))) : [];
  return {
    contacts: contactList,
    invoices,
    voids,
    creditNotes,
    payments,
    ...(deposits ? { deposits } : {}),
    ...(allocations.length > 0 ? { allocations } : {}),
    ...(refunds.length > 0 ? { refunds } : {}),
    transactions,
    unitdp4,
    ...(toAdd.length ? { trackingOptionsToAdd: toAdd } : {}),
    summary: {
      transactions: transactions.length,
      planned: count('planned'),
      errors: count('error'),
      skipped: count('skipped'),
      nothingToSend: count('nothing-to-send'),
      contactsMatched: matchedContactIds.size,
      contactsToCreate: contactList.length,
      invoices: invoices.length,
      creditNotes: creditNotes.length,
      payments: payments.length,
      ...(deposits ? { deposits: deposits.length, depositPayments: inDeposits } : {}),
      ...(allocations.length > 0 ? { allocations: allocations.length } : {}),
      ...(refunds.length > 0 ? { refunds: refunds.length } : {}),
      // Each deposit is one request of its own (phase-deposits.ts); Xero takes allocations one credit note per
      // request (PUT /CreditNotes/{id}/Allocations): one call per credit note, whatever it is allocated to.
      minimumCalls:
        calls(contactList.length) + calls(invoices.filter((d) => d.operation === 'create').length) + calls(invoices.filter((d) => d.operation === 'update').length + voids.length) + byOp(creditNotes) + calls(payments.length - inDeposits) + (deposits?.length ?? 0) + allocationRequests + calls(refunds.length),
      ...noticesOf(transactions, settings),
    },
  };
}

/** A guarded date's error or note onto the transaction's plan (documents, payments, allocations). */
export function lockGuarded(plan: TransactionPlan, guarded: GuardedDate): string {
  if (guarded.error) plan.errors.push(guarded.error);
  if (guarded.note) plan.warnings.push(guarded.note);
  if (guarded.caught && plan.lockedPeriod?.action !== 'held') plan.lockedPeriod = guarded.caught;
  return guarded.date;
}

function noticesOf(transactions: readonly TransactionPlan[], settings: PlannerSettings): { notices?: string[] } {
  const notices = [...currencyNotices(settings.currencies, transactions.map((t) => t.currencyRefused)), ...lockDateNotices(transactions.map((t) => t.lockedPeriod))];
  return notices.length > 0 ? { notices } : {};
}

const withNumber = (number: string | undefined) => (number ? { InvoiceNumber: number } : {});
const withCreditNoteNumber = (number: string | undefined) => (number ? { CreditNoteNumber: number } : {});

function skipReason(entry: JournalEntry): string | undefined {
  switch (entry.status) {
    case 'excluded':
      return 'excluded from sync';
    case 'in-flight':
      return 'another sync run is sending it';
    case 'changed':
      return entry.approvedHash === entry.contentHash ? undefined : 'changed in CourseCo since it was synced: review the difference, then approve the change to send it (console: Approve change; CLI: transactions approve ID)';
    default:
      return undefined;
  }
}

function planPayments(
  entry: JournalEntry,
  plan: TransactionPlan,
  settings: PlannerSettings,
  documentId: string | null,
  update: boolean,
  planned: Array<() => void>,
  out: PlannedDocument<XeroPayment>[],
  overpayment: (tx: CourseCoTransaction, total: string, paid: Decimal) => string | undefined,
) {
  const tx = entry.transaction;
  const pending = entry.payments.filter((p) => p.xeroPaymentId === null);
  if (pending.length === 0) return;
  // Payments against a credit are refunds on its credit note (credit-allocation.ts).
  if (tx.kind === 'credit') return;
  if (settings.invoiceStatus === 'DRAFT') {
    plan.warnings.push(`${pending.length} payment(s) held back: Xero takes payments only on AUTHORISED invoices, and invoices are created as DRAFT`);
    return;
  }
  const paid = entry.payments.reduce((sum, p) => sum.plus(p.payment.amount), new Decimal(0));
  const over = overpayment(tx, plan.totals.total, paid);
  if (over) {
    plan.errors.push(over);
    return;
  }
  if (settings.paymentAccountProblem) {
    plan.errors.push(settings.paymentAccountProblem);
    return;
  }
  const known = documentId !== null && !update;
  // By number only when the new invoice carries CourseCo's number (never a taken one a voided invoice still holds).
  const number = replacementNumber(entry);
  const invoice = known ? { InvoiceID: documentId } : number ? { InvoiceNumber: number } : { InvoiceID: invoicePlaceholder(tx.transactionId) };
  for (const record of pending) {
    const doc = paymentDocument('payment', record, tx.transactionId, plan, settings, known ? undefined : { invoiceOf: tx.transactionId }, (common) => ({ Invoice: invoice, ...common }));
    planned.push(() => out.push(doc));
    plan.documents.push(doc.idempotencyKey);
  }
}

/** What every payment-shaped document carries besides its target (an invoice, or a credit note for a refund). */
export interface PaymentCommon {
  Account: XeroPayment['Account'];
  Date: string;
  Amount: number;
  Reference: string;
}

/**
 * A CourseCo payment record as one Xero payment-shaped document, a payment on an invoice or a refund out of a credit
 * note: from the payment account (by AccountID when setup chose one: bank accounts may have no code, and Xero's
 * Payments docs accept either), dated through the lock-date guard, keyed by its payment id and content (a re-dated
 * one under a key of its own, so Xero never replays the undated one's answer).
 */
export function paymentDocument<P>(
  kind: 'payment' | 'refund',
  record: JournalEntry['payments'][number],
  transactionId: string,
  plan: TransactionPlan,
  settings: PlannerSettings,
  needs: PlannedDocument<P>['needs'],
  payloadOf: (common: PaymentCommon) => P,
): PlannedDocument<P> {
  const p = record.payment;
  const date = lockGuarded(plan, guardDate(settings.lockDates, `the ${kind} of ${money(new Decimal(p.amount))}`, p.date));
  const account = settings.paymentAccountId ? { AccountID: settings.paymentAccountId } : { Code: settings.paymentAccountCode ?? '' };
  return {
    kind,
    operation: 'create',
    key: p.paymentId,
    transactionIds: [transactionId],
    // Sent again after Xero lost the first (journal-resend.ts): a key of its own, or Xero replays the first answer.
    idempotencyKey: documentKey(kind, p.paymentId, sentAgain(date === p.date ? record.contentHash : payloadHash([record.contentHash, date]), record.resends)),
    sourceHash: record.contentHash,
    ...(needs ? { needs } : {}),
    payload: payloadOf({ Account: account, Date: date, Amount: new Decimal(p.amount).toNumber(), Reference: paymentReference(p.paymentId, p.method) }),
  };
}

/** The engine's ids for documents created earlier in the run. */
export interface BoundIds {
  contactIdByRef(ref: string): string | undefined;
  invoiceIdByTransaction(transactionId: string): string | undefined;
  /** Needed only for allocations and refunds. */
  creditNoteIdByTransaction?(transactionId: string): string | undefined;
}

/** Returns the payload with Xero ids bound in; throws if a dependency has no id yet (it must not be sent then). */
export function bindReferences<P>(doc: PlannedDocument<P>, ids: BoundIds): P {
  if (!doc.needs) return doc.payload;
  const payload = structuredClone(doc.payload) as P & { Contact?: XeroContactRef; Invoice?: XeroPayment['Invoice']; CreditNote?: { CreditNoteID: string } };
  if (doc.needs.contactRef) {
    const id = ids.contactIdByRef(doc.needs.contactRef);
    if (!id) throw new Error(`contact ${doc.needs.contactRef} has no Xero id yet; ${doc.kind} ${doc.key} cannot be sent`);
    payload.Contact = { ContactID: id };
  }
  if (doc.needs.invoiceOf) {
    const id = ids.invoiceIdByTransaction(doc.needs.invoiceOf);
    if (id) payload.Invoice = { InvoiceID: id };
    else if (!payload.Invoice || !('InvoiceNumber' in payload.Invoice)) {
      throw new Error(`the invoice of CourseCo Tx ${doc.needs.invoiceOf} has no Xero id yet; ${doc.kind} ${doc.key} cannot be sent`);
    }
  }
  if (doc.needs.creditNoteOf) {
    const id = ids.creditNoteIdByTransaction?.(doc.needs.creditNoteOf);
    if (!id) throw new Error(`the credit note of CourseCo Tx ${doc.needs.creditNoteOf} has no Xero id yet; ${doc.kind} ${doc.key} cannot be sent`);
    payload.CreditNote = { CreditNoteID: id };
  }
  return payload;
}
