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
import { activeContactNames, contactRef, createContactIndex, type ContactMatch } from './contact-matching';
import { createContactNamer } from './contact-names';
import { documentText } from './document-text';
import { documentKey, payloadHash, paymentReference, transactionReference } from './idempotency';
import type { JournalEntry } from '../journal';
import { money, planLines, type Totals } from './line-maths';
import { optionsToAdd, type MissingOption } from './line-rules';
import type { PlannerSettings } from './planner-settings';
import type { KnownXeroContact, LineAmountTypes, XeroContact, XeroContactRef, XeroCreditNote, XeroInvoice, XeroPayment } from './xero-documents';

export const MAX_BATCH = 50;

export interface PlannedDocument<P> {
  kind: 'contact' | 'invoice' | 'credit-note' | 'payment';
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
  needs?: { contactRef?: string; invoiceOf?: string };
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
}

export interface SyncPlan {
  contacts: PlannedDocument<XeroContact>[];
  invoices: PlannedDocument<XeroInvoice>[];
  creditNotes: PlannedDocument<XeroCreditNote>[];
  payments: PlannedDocument<XeroPayment>[];
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
    /** Requests needed at ≤ 50 documents per batch: the floor any engine can reach. */
    minimumCalls: number;
  };
}

export interface PlanInput {
  entries: readonly JournalEntry[];
  settings: PlannerSettings;
  /** Contacts read from Xero (for matching by ContactNumber, then name). */
  contacts?: readonly KnownXeroContact[];
  /** Contact refs whose look-up Xero refused, with the reason in plain words: those transactions fail, the rest go. */
  lookupFailures?: ReadonlyMap<string, string>;
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
  const creditNotes: PlannedDocument<XeroCreditNote>[] = [];
  const payments: PlannedDocument<XeroPayment>[] = [];
  const transactions: TransactionPlan[] = [];
  let unitdp4 = false;
  const matchedContactIds = new Set<string>();

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

    const skip = skipReason(entry);
    if (skip) {
      plan.outcome = 'skipped';
      plan.reason = skip;
      continue;
    }

    const documentId = tx.kind === 'invoice' ? entry.xero.invoiceId : entry.xero.creditNoteId;
    const update = documentId !== null && entry.contentHash !== entry.syncedHash;
    const sendDocument = documentId === null || update;
    if (sendDocument) plan.errors.push(...maths.errors, ...text.errors);
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
    if (update && entry.payments.some((p) => p.xeroPaymentId !== null)) {
      plan.errors.push('the invoice in Xero already has payments, and Xero refuses edits to paid invoices: remove the payments in Xero first, or exclude this transaction');
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
      const head = { Contact: contactPayload, Date: tx.date };
      const tail = { Reference: reference, LineAmountTypes: maths.lineAmountTypes, Status: settings.invoiceStatus, ...currency, LineItems: text.lineItems };
      const documentOf = <P>(kind: 'invoice' | 'credit-note', payload: P): PlannedDocument<P> => ({
        kind,
        operation,
        key: tx.transactionId,
        transactionIds: [tx.transactionId],
        idempotencyKey: documentKey(update ? `${kind}-update` : kind, tx.transactionId, entry.contentHash),
        sourceHash: entry.contentHash,
        ...needs,
        payload,
      });
      if (tx.kind === 'invoice') {
        const doc = documentOf<XeroInvoice>('invoice', {
          Type: 'ACCREC',
          ...(update ? { InvoiceID: documentId! } : {}),
          ...head,
          DueDate: tx.dueDate ?? addDays(tx.date, settings.dueDays ?? DEFAULT_DUE_DAYS),
          ...(tx.invoiceNumber ? { InvoiceNumber: tx.invoiceNumber } : {}),
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
          ...(tx.invoiceNumber ? { CreditNoteNumber: tx.invoiceNumber } : {}),
          ...tail,
        });
        planned.push(() => creditNotes.push(doc));
        plan.documents.push(doc.idempotencyKey);
      }
      if (maths.needsUnitdp4) planned.push(() => (unitdp4 = true));
    }

    planPayments(entry, plan, settings, documentId, update, planned, payments);

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

  const contactList = [...contacts.values()];
  const calls = (n: number) => Math.ceil(n / MAX_BATCH);
  const byOp = <P>(docs: PlannedDocument<P>[]) => calls(docs.filter((d) => d.operation === 'create').length) + calls(docs.filter((d) => d.operation === 'update').length);
  const count = (outcome: TransactionOutcome) => transactions.filter((t) => t.outcome === outcome).length;
  const toAdd = settings.lineRules ? optionsToAdd(settings.lineRules, transactions.flatMap((t) => (t.outcome === 'planned' ? (t.lineRules ?? []) : []))) : [];
  return {
    contacts: contactList,
    invoices,
    creditNotes,
    payments,
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
      minimumCalls: calls(contactList.length) + byOp(invoices) + byOp(creditNotes) + calls(payments.length),
    },
  };
}

function skipReason(entry: JournalEntry): string | undefined {
  switch (entry.status) {
    case 'excluded':
      return 'excluded from sync';
    case 'in-flight':
      return 'another sync run is sending it';
    case 'changed':
      return entry.approvedHash === entry.contentHash ? undefined : 'changed in CourseCo since it was synced: review it, then Retry to send the new version';
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
) {
  const tx = entry.transaction;
  const pending = entry.payments.filter((p) => p.xeroPaymentId === null);
  if (pending.length === 0) return;
  if (tx.kind === 'credit') {
    plan.errors.push(`${pending.length === 1 ? 'a payment is' : `${pending.length} payments are`} recorded against a credit transaction; refunds are not synced`);
    return;
  }
  if (settings.invoiceStatus === 'DRAFT') {
    plan.warnings.push(`${pending.length} payment(s) held back: Xero takes payments only on AUTHORISED invoices, and invoices are created as DRAFT`);
    return;
  }
  const paid = entry.payments.reduce((sum, p) => sum.plus(p.payment.amount), new Decimal(0));
  if (paid.greaterThan(plan.totals.total)) {
    plan.errors.push(`payments total ${money(paid)} but the invoice total is ${plan.totals.total}: Xero refuses a payment above the amount due`);
    return;
  }
  if (settings.paymentAccountProblem) {
    plan.errors.push(settings.paymentAccountProblem);
    return;
  }
  // By AccountID when setup chose one (bank accounts may have no code; Xero's Payments docs accept either).
  const account = settings.paymentAccountId ? { AccountID: settings.paymentAccountId } : { Code: settings.paymentAccountCode ?? '' };
  const known = documentId !== null && !update;
  for (const record of pending) {
    const p = record.payment;
    const invoice = known ? { InvoiceID: documentId } : tx.invoiceNumber ? { InvoiceNumber: tx.invoiceNumber } : { InvoiceID: invoicePlaceholder(tx.transactionId) };
    const doc: PlannedDocument<XeroPayment> = {
      kind: 'payment',
      operation: 'create',
      key: p.paymentId,
      transactionIds: [tx.transactionId],
      idempotencyKey: documentKey('payment', p.paymentId, record.contentHash),
      sourceHash: record.contentHash,
      ...(known ? {} : { needs: { invoiceOf: tx.transactionId } }),
      payload: { Invoice: invoice, Account: account, Date: p.date, Amount: new Decimal(p.amount).toNumber(), Reference: paymentReference(p.paymentId, p.method) },
    };
    planned.push(() => out.push(doc));
    plan.documents.push(doc.idempotencyKey);
  }
}

/** The engine's ids for documents created earlier in the run. */
export interface BoundIds {
  contactIdByRef(ref: string): string | undefined;
  invoiceIdByTransaction(transactionId: string): string | undefined;
}

/** Returns the payload with Xero ids bound in; throws if a dependency has no id yet (it must not be sent then). */
export function bindReferences<P>(doc: PlannedDocument<P>, ids: BoundIds): P {
  if (!doc.needs) return doc.payload;
  const payload = structuredClone(doc.payload) as P & { Contact?: XeroContactRef; Invoice?: XeroPayment['Invoice'] };
  if (doc.needs.contactRef) {
    const id = ids.contactIdByRef(doc.needs.contactRef);
    if (!id) throw new Error(`contact ${doc.needs.contactRef} has no Xero id yet; ${doc.kind} ${doc.key} cannot be sent`);
    payload.Contact = { ContactID: id };
  }
  if (doc.needs.invoiceOf) {
    const id = ids.invoiceIdByTransaction(doc.needs.invoiceOf);
    if (id) payload.Invoice = { InvoiceID: id };
    else if (!payload.Invoice || !('InvoiceNumber' in payload.Invoice)) {
      throw new Error(`the invoice of CourseCo Tx ${doc.needs.invoiceOf} has no Xero id yet; payment ${doc.key} cannot be sent`);
    }
  }
  return payload;
}
