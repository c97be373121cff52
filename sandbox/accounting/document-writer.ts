/**
 * Create/update of invoices and credit notes: Xero's status transitions, numbering, edit restrictions once money
 * is allocated, and per-element errors. Elements are committed one by one; the batch layer rolls back when
 * `summarizeErrors=true` and any element failed.
 */
import type { ContactRecord, CreditNoteRecord, DocumentRecord, DocumentStatus, InvoiceRecord, LineItemRecord, OrgState } from '../state/model';
import { queryParam } from '../http/request';
import { newUuid } from '../ids';
import { documentsNumbered, forgetNumbers, recordById } from '../state/lookup';
import { money, toAmount } from '../money';
import { dayOf } from '../xero-dates';
import type { SandboxResponse } from '../http/response';
import type { ApiContext } from './api-context';
import { elementsOf, runBatch, type ElementResult } from './batch';
import {
  buildLines,
  field,
  isObject,
  pushOnce,
  readCurrency,
  readDates,
  readLineAmountTypes,
  readStatus,
  resolveContact,
  str,
  type ContactResolution,
  type DocContext,
  type Input,
} from './documents';
import { FIELD_LIMITS, lengthErrors } from './field-limits';
import { recordResponse } from './list-query';
import { changeLockErrors, lockApplies, lockDateErrors } from './lock-dates';
import { msg } from './messages';
import { emptyBody, notFound } from './not-found';
import { serializeCreditNote, serializeInvoice, ZERO_GUID, type Json } from './serialize';

/**
 * Xero's status transitions (xero-facts.md §3 Invoices "Transitions", from Xero's Invoices docs): only DRAFT and
 * SUBMITTED may become DELETED, only AUTHORISED may become VOIDED, PAID changes only by payments and VOIDED/DELETED
 * never change again. A refused transition answers "Invoice not of valid status for modification" (xero-facts.md §4;
 * Xero staff on XeroAPI/Xero-NetStandard#79: "you're trying to perform an invalid status change").
 */
const TRANSITIONS: Record<DocumentStatus, DocumentStatus[]> = {
  DRAFT: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  SUBMITTED: ['SUBMITTED', 'AUTHORISED', 'DRAFT', 'DELETED'],
  AUTHORISED: ['AUTHORISED', 'VOIDED'],
  PAID: ['PAID'],
  VOIDED: [],
  DELETED: [],
};

const CREATABLE: DocumentStatus[] = ['DRAFT', 'SUBMITTED', 'AUTHORISED'];

type AnyDoc = InvoiceRecord | CreditNoteRecord;

interface Kind<R extends AnyDoc> {
  key: 'Invoices' | 'CreditNotes';
  types: readonly R['Type'][];
  /** Types whose numbers Xero generates and keeps unique. */
  numbered: readonly R['Type'][];
  prefix: string;
  list(org: OrgState): R[];
  idOf(r: R): string;
  numberOf(r: R): string | undefined;
  setNumber(r: R, n: string): void;
  counter: 'nextInvoiceNumber' | 'nextCreditNoteNumber';
  blank(type: R['Type'], base: DocumentRecord): R;
  /** Money already applied (payments, allocations): the document's lines can no longer change. */
  applied(r: R): number;
  rebalance(r: R): void;
  serialize(org: OrgState, r: R, unsaved: boolean): Json;
  collection: 'invoices' | 'creditNotes';
}

function addNewContact(ctx: ApiContext, contact: ContactRecord | undefined): void {
  if (!contact) return;
  ctx.org.contacts.push(contact);
  ctx.changed('contacts', contact);
}


export const invoiceKind: Kind<InvoiceRecord> = {
  key: 'Invoices',
  types: ['ACCREC', 'ACCPAY'],
  numbered: ['ACCREC'],
  prefix: 'INV-',
  list: (org) => org.invoices,
  idOf: (r) => r.InvoiceID,
  numberOf: (r) => r.InvoiceNumber,
  setNumber: (r, n) => {
    r.InvoiceNumber = n;
  },
  counter: 'nextInvoiceNumber',
  blank: (type, base) => ({ ...base, InvoiceID: newUuid(), Type: type, AmountDue: 0, AmountPaid: 0, AmountCredited: 0, SentToContact: false }),
  applied: (r) => r.AmountPaid + r.AmountCredited,
  rebalance: (r) => {
    // A voided invoice owes nothing: the OpenAPI getInvoices example lists INV-0001 VOIDED with Total 40.00 and
    // AmountDue 0.00. Whether a DELETED one does the same is UNCONFIRMED: it keeps Total − paid − credited, so a reader
    // has to look at Status rather than trust AmountDue (the stricter reading).
    r.AmountDue = r.Status === 'VOIDED' ? 0 : toAmount(money(r.Total).minus(r.AmountPaid).minus(r.AmountCredited));
  },
  serialize: (org, r, unsaved) => serializeInvoice(org, r, { unsaved }),
  collection: 'invoices',
};

export const creditNoteKind: Kind<CreditNoteRecord> = {
  key: 'CreditNotes',
  types: ['ACCRECCREDIT', 'ACCPAYCREDIT'],
  numbered: ['ACCRECCREDIT'],
  prefix: 'CN-',
  list: (org) => org.creditNotes,
  idOf: (r) => r.CreditNoteID,
  numberOf: (r) => r.CreditNoteNumber,
  setNumber: (r, n) => {
    r.CreditNoteNumber = n;
  },
  counter: 'nextCreditNoteNumber',
  blank: (type, base) => ({ ...base, CreditNoteID: newUuid(), Type: type, RemainingCredit: 0 }),
  applied: (r) => toAmount(money(r.Total).minus(r.RemainingCredit)),
  // Credit is only consumed by allocations and refunds, which adjust RemainingCredit themselves.
  rebalance: () => undefined,
  serialize: (org, r, unsaved) => serializeCreditNote(org, r, { unsaved }),
  collection: 'creditNotes',
};

function numberInput(kind: Kind<AnyDoc>, input: Input): string | undefined {
  return str(field(input, kind.key === 'Invoices' ? 'InvoiceNumber' : 'CreditNoteNumber'))?.trim() || undefined;
}

/** An invoice's InvoiceNumber and Reference over Xero's limits (field-limits.ts names the sources; none is published for credit notes). */
function headerLengthErrors(kind: Kind<AnyDoc>, input: Input): string[] {
  if (kind.key !== 'Invoices') return [];
  return [
    ...lengthErrors('InvoiceNumber', str(field(input, 'InvoiceNumber')), FIELD_LIMITS.invoiceNumber),
    ...lengthErrors('Reference', str(field(input, 'Reference')), FIELD_LIMITS.reference),
  ];
}

function numberTaken<R extends AnyDoc>(kind: Kind<R>, org: OrgState, type: R['Type'], number: string, selfId?: string): boolean {
  if (!kind.numbered.includes(type)) return false;
  // Numbers cannot be reused even after deletion or voiding.
  return documentsNumbered(kind.list(org), kind.numberOf, kind.idOf, type, number).some((id) => id !== selfId);
}

function nextNumber<R extends AnyDoc>(kind: Kind<R>, org: OrgState, type: R['Type']): string {
  for (;;) {
    const n = org[kind.counter]++;
    const candidate = `${kind.prefix}${String(n).padStart(4, '0')}`;
    if (!numberTaken(kind, org, type, candidate)) return candidate;
  }
}

function linesAsInput(lines: LineItemRecord[]): Input[] {
  return lines.map((l) => ({ ...l, TaxAmount: undefined }));
}

export function applyDocument<R extends AnyDoc>(
  ctx: ApiContext,
  kind: Kind<R>,
  input: unknown,
  mode: 'create' | 'upsert',
  target?: R,
): ElementResult {
  // Every write of document lines honours ?unitdp=4, whichever route it came by.
  const unitdp = queryParam(ctx.req, 'unitdp') === '4' ? 4 : 2;
  const dctx: DocContext = { org: ctx.org, now: ctx.now, clientId: ctx.client.clientId, unitdp };
  if (!isObject(input)) return { json: {}, errors: [msg.typeMissing], committed: false };
  const errors: string[] = [];
  const warnings: string[] = [];
  const idField = kind.key === 'Invoices' ? 'InvoiceID' : 'CreditNoteID';
  let existing = target;
  const givenId = str(field(input, idField));
  if (!existing && givenId) {
    existing = recordById(ctx.org, kind.collection, givenId.toLowerCase()) as R | undefined;
    if (existing && mode === 'create') errors.push(msg.invoiceExists(givenId));
    if (!existing && mode === 'upsert') errors.push(kind.key === 'Invoices' ? msg.invoiceNotFound(givenId) : msg.creditNoteNotFound(givenId));
    if (errors.length > 0) return { json: { ...input }, errors, committed: false };
  }
  return existing ? updateDocument(ctx, dctx, kind, input, existing, errors, warnings) : createDocument(ctx, dctx, kind, input, errors, warnings);
}

/** The endpoints invoices and credit notes share (routes.ts): GET one, PUT/POST a batch, POST to one's own path. */
export function documentEndpoints<R extends AnyDoc>(kind: Kind<R>, find: (ctx: ApiContext, idOrNumber: string) => R | undefined) {
  return {
    get: (ctx: ApiContext, id: string): SandboxResponse => recordResponse(ctx, kind.key, find(ctx, id), (r) => kind.serialize(ctx.org, r, false)),
    write(ctx: ApiContext, body: unknown, mode: 'create' | 'upsert'): SandboxResponse {
      const elements = elementsOf(body, kind.key);
      if (!elements || elements.length === 0) return emptyBody();
      return runBatch(ctx, kind.key, elements, (el) => applyDocument(ctx, kind, el, mode), 'HasErrors');
    },
    /** Only the first element counts, and it updates the document the path names. */
    update(ctx: ApiContext, id: string, body: unknown): SandboxResponse {
      const target = find(ctx, id);
      if (!target) return notFound();
      const elements = elementsOf(body, kind.key);
      if (!elements || elements.length === 0) return emptyBody();
      return runBatch(ctx, kind.key, elements.slice(0, 1), (el) => applyDocument(ctx, kind, el, 'upsert', target), 'HasErrors');
    },
  };
}

function createDocument<R extends AnyDoc>(ctx: ApiContext, dctx: DocContext, kind: Kind<R>, input: Input, errors: string[], warnings: string[]): ElementResult {
  const typeRaw = str(field(input, 'Type'))?.toUpperCase();
  let type = kind.types[0]!;
  if (!typeRaw) errors.push(msg.typeMissing);
  else if (!kind.types.includes(typeRaw as R['Type'])) errors.push(msg.typeInvalid(typeRaw));
  else type = typeRaw as R['Type'];

  const statusRaw = readStatus(field(input, 'Status')) ?? 'DRAFT';
  let status: DocumentStatus = 'DRAFT';
  if (!CREATABLE.includes(statusRaw as DocumentStatus)) errors.push(msg.invalidStatusForCreation);
  else status = statusRaw as DocumentStatus;

  const contact = resolveContact(dctx, field(input, 'Contact'));
  errors.push(...contact.errors);
  const isSales = type === 'ACCREC' || type === 'ACCRECCREDIT';
  const dates = readDates(dctx, input, undefined, errors, kind.key === 'Invoices' ? (isSales ? ctx.org.organisation.salesPaymentTermsDays : 30) : undefined);
  if (lockApplies(undefined, status)) errors.push(...lockDateErrors(ctx.org, dates.date));
  const currency = readCurrency(dctx, input, undefined, errors);
  const lat = readLineAmountTypes(field(input, 'LineAmountTypes'), errors);
  const lines = buildLines(dctx, field(input, 'LineItems'), lat, status !== 'DRAFT', [], errors);

  const number = numberInput(kind, input);
  if (number && numberTaken(kind, ctx.org, type, number)) errors.push(msg.invoiceNumberNotUnique);
  errors.push(...headerLengthErrors(kind, input));

  const record = kind.blank(type, {
    ContactID: contact.contactId ?? ZERO_GUID,
    Date: dates.date,
    DueDate: dates.dueDate,
    Status: status,
    LineAmountTypes: lat,
    LineItems: lines.lines,
    SubTotal: lines.subTotal,
    TotalTax: lines.totalTax,
    Total: lines.total,
    CurrencyCode: currency,
    CurrencyRate: 1,
    Reference: str(field(input, 'Reference')),
    UpdatedDateUTC: ctx.now,
    createdByClientId: ctx.client.clientId,
    paymentIds: [],
    allocationIds: [],
  });
  if (number) kind.setNumber(record, number);
  if ('SentToContact' in record) {
    record.Url = str(field(input, 'Url'));
    if (field(input, 'SentToContact') === true) {
      if (status === 'AUTHORISED') record.SentToContact = true;
      else warnings.push('Only AUTHORISED invoices may have SentToContact updated.');
    }
  }
  kind.rebalance(record);
  if ('RemainingCredit' in record) record.RemainingCredit = record.Total;

  if (errors.length > 0) return { json: unsavedJson(ctx, kind, record, contact), errors, warnings, committed: false };
  addNewContact(ctx, contact.newContact);
  if (!number && kind.numbered.includes(type)) kind.setNumber(record, nextNumber(kind, ctx.org, type));
  kind.list(ctx.org).push(record);
  ctx.changed(kind.collection, record);
  return { json: kind.serialize(ctx.org, record, false), errors: [], warnings, committed: true };
}

function unsavedJson<R extends AnyDoc>(ctx: ApiContext, kind: Kind<R>, record: R, contact: ContactResolution): Json {
  const json = kind.serialize(ctx.org, record, true);
  if (contact.newContact) json.Contact = { ContactID: ZERO_GUID, Name: contact.newContact.Name };
  return json;
}

function updateDocument<R extends AnyDoc>(
  ctx: ApiContext,
  dctx: DocContext,
  kind: Kind<R>,
  input: Input,
  existing: R,
  errors: string[],
  warnings: string[],
): ElementResult {
  const requested = (readStatus(field(input, 'Status')) ?? existing.Status) as DocumentStatus;
  const allowed = TRANSITIONS[existing.Status];
  if (!allowed.includes(requested)) errors.push(msg.invalidStatusForModification);
  // Xero allows "limited edits after payment" (xero-facts.md §3): Reference, DueDate and the like; the lines, contact,
  // date and currency, and a void, are refused while a payment or allocation is on the document, with
  // "This document cannot be edited as it has a payment or credit note allocated to it." (xero-facts.md §4;
  // support.workguru.io in courseco-domain.md B4). The message for a void is Xero's edit message: its own is UNCONFIRMED.
  const applied = kind.applied(existing) > 0;
  const contentFields = ['Contact', 'LineItems', 'LineAmountTypes', 'Date', 'CurrencyCode'];
  const changesContent = contentFields.some((f) => field(input, f) !== undefined);
  if (applied && (changesContent || requested === 'VOIDED') && errors.length === 0) errors.push(msg.documentHasAllocations);
  if (errors.length > 0) return { json: kind.serialize(ctx.org, existing, false), errors, committed: false };

  const record = structuredClone(existing);
  let contact: ContactResolution = { contactId: existing.ContactID, errors: [] };
  if (field(input, 'Contact') !== undefined) {
    contact = resolveContact(dctx, field(input, 'Contact'));
    errors.push(...contact.errors);
    if (contact.contactId) record.ContactID = contact.contactId;
  }
  const dates = readDates(dctx, input, existing, errors);
  for (const e of changeLockErrors(ctx.org, existing, requested, dates.date)) pushOnce(errors, e);
  record.Date = dates.date;
  record.DueDate = dates.dueDate;
  record.CurrencyCode = readCurrency(dctx, input, existing.CurrencyCode, errors);
  record.LineAmountTypes = field(input, 'LineAmountTypes') !== undefined ? readLineAmountTypes(field(input, 'LineAmountTypes'), errors) : existing.LineAmountTypes;
  const linesInput = field(input, 'LineItems') ?? linesAsInput(existing.LineItems);
  if (changesContent || requested !== existing.Status) {
    const lines = buildLines(dctx, linesInput, record.LineAmountTypes, requested !== 'DRAFT' && requested !== 'DELETED', existing.LineItems, errors);
    record.LineItems = lines.lines;
    record.SubTotal = lines.subTotal;
    record.TotalTax = lines.totalTax;
    record.Total = lines.total;
  }
  const number = numberInput(kind, input);
  if (number && number !== kind.numberOf(existing)) {
    if (numberTaken(kind, ctx.org, record.Type, number, kind.idOf(existing))) errors.push(msg.invoiceNumberNotUnique);
    kind.setNumber(record, number);
  }
  const ref = field(input, 'Reference');
  if (ref !== undefined) record.Reference = str(ref);
  errors.push(...headerLengthErrors(kind, input));
  record.Status = requested;
  if ('SentToContact' in record) {
    const url = field(input, 'Url');
    if (url !== undefined) record.Url = str(url);
    const sent = field(input, 'SentToContact');
    if (typeof sent === 'boolean') {
      if (requested === 'AUTHORISED') record.SentToContact = sent;
      else warnings.push('Only AUTHORISED invoices may have SentToContact updated.');
    }
  }
  kind.rebalance(record);
  if ('RemainingCredit' in record && !applied) record.RemainingCredit = record.Total;
  record.UpdatedDateUTC = ctx.now;
  if (errors.length > 0) return { json: unsavedJson(ctx, kind, record, contact), errors, warnings, committed: false };
  addNewContact(ctx, contact.newContact);
  if (kind.numberOf(existing) !== kind.numberOf(record) || existing.Type !== record.Type) forgetNumbers(kind.list(ctx.org));
  Object.assign(existing, record);
  ctx.changed(kind.collection, existing);
  return { json: kind.serialize(ctx.org, existing, false), errors: [], warnings, committed: true };
}

/**
 * After payments or allocations change what is owed: settle to PAID or reopen to AUTHORISED. `moveUpdatedDate` false
 * leaves the document's UpdatedDateUTC alone (a payment added or deleted: see payments.ts, `applyPayment` and
 * `removePayment`).
 */
export function settleInvoice(inv: InvoiceRecord, now: number, paidOn?: string, moveUpdatedDate = true): void {
  inv.AmountDue = toAmount(money(inv.Total).minus(inv.AmountPaid).minus(inv.AmountCredited));
  if (inv.AmountDue <= 0 && inv.Status === 'AUTHORISED') {
    inv.Status = 'PAID';
    inv.FullyPaidOnDate = paidOn ?? dayOf(now);
  } else if (inv.AmountDue > 0 && inv.Status === 'PAID') {
    inv.Status = 'AUTHORISED';
    inv.FullyPaidOnDate = undefined;
  }
  if (moveUpdatedDate) inv.UpdatedDateUTC = now;
}

export function settleCreditNote(cn: CreditNoteRecord, now: number, paidOn?: string, moveUpdatedDate = true): void {
  if (cn.RemainingCredit <= 0 && cn.Status === 'AUTHORISED') {
    cn.Status = 'PAID';
    cn.FullyPaidOnDate = paidOn ?? dayOf(now);
  } else if (cn.RemainingCredit > 0 && cn.Status === 'PAID') {
    cn.Status = 'AUTHORISED';
    cn.FullyPaidOnDate = undefined;
  }
  if (moveUpdatedDate) cn.UpdatedDateUTC = now;
}
