/**
 * The engine's door to Xero: the few Accounting API calls a sync needs, over the app's XeroClient (xero-node with
 * token renewal, timeouts, error parsing and rate-limit headers). Documents go in as the planner wrote them — Xero's
 * own PascalCase JSON — and are turned into xero-node models with the SDK's own ObjectSerializer, so what xero-node
 * serialises back onto the wire is exactly the planned payload (`sync --dry-run` prints that same JSON). Answers come
 * back as small plain records; element results keep Xero's order, one per element sent.
 *
 * This is the only file of main/sync that knows xero-node; the engine sees the `SyncGateway` interface.
 */
import type { AccountingApi } from 'xero-node';
import type { XeroClient } from '../../xero/xero-client';
import type { RateLimitSnapshot } from '../../xero/xero-client-errors';
import { batchMember, lockDay, type KnownXeroContact, type TrackingCategoryInfo, type XeroAccount, type XeroBatchPayment, type XeroPayment, type XeroTaxRate } from '../plan';
import type { XeroDocumentKind, XeroDocumentSnapshot, XeroLineSnapshot, XeroPaymentSnapshot } from '../reconcile';

export type WriteKind = 'contacts' | 'invoices' | 'invoice-updates' | 'payments' | 'credit-notes' | 'credit-note-updates' | 'batch-payments' | 'allocations';

/** One element of a batch answer (summarizeErrors=false): its Xero id when saved, else Xero's messages. */
export interface WrittenElement {
  id?: string;
  /** InvoiceNumber, CreditNoteNumber or ContactNumber as Xero holds it. */
  number?: string;
  reference?: string;
  contactId?: string;
  /** ValidationErrors[].Message, verbatim; empty when the element was saved. */
  errors: string[];
  warnings: string[];
  /** A saved invoice or credit note as Xero answered it: reconciliation's baseline (journal `recordBaseline`). */
  snapshot?: XeroDocumentSnapshot;
}

export interface FoundPayment {
  id: string;
  amount: string;
  /** YYYY-MM-DD */
  date: string;
  reference?: string;
}

/** An allocation on a credit note as read back (deleted ones left out). */
export interface FoundAllocation {
  /** Xero's AllocationID; absent when Xero's answer did not carry one. */
  id?: string;
  invoiceId: string;
  amount: string;
  date: string;
}

/** An invoice or credit note as read back from Xero (the fields reconciliation and collisions need). */
export interface FoundDocument {
  id: string;
  type?: string;
  number?: string;
  reference?: string;
  status?: string;
  total?: string;
  contactId?: string;
  contactName?: string;
  payments: FoundPayment[];
  /** A credit note's allocations (read by page or by id only). */
  allocations?: FoundAllocation[];
  /** The whole document (an ACCREC invoice or credit note read in full): the baseline when it is linked. */
  snapshot?: XeroDocumentSnapshot;
}

/** A payment as GET /Payments returns it, with the document it is on. */
export type ReadPayment = XeroPaymentSnapshot & { invoiceId?: string; creditNoteId?: string };

/** A batch payment as read back from Xero: its member payments with the invoices they pay. */
export interface FoundDeposit {
  id: string;
  reference?: string;
  /** YYYY-MM-DD */
  date: string;
  status?: string;
  payments: Array<{ id: string; invoiceId: string; amount: string; reference?: string }>;
}

export interface XeroAccountInfo extends XeroAccount {
  Name?: string;
  Type?: string;
  Class?: string;
  EnablePaymentsToAccount?: boolean;
}

/** What a plan guards against from GET /Organisation (lock dates YYYY-MM-DD, when set). */
export interface XeroOrganisationInfo {
  /** The organisation's display name (the close pack and the reconciliation's heading). */
  name?: string;
  baseCurrency?: string;
  periodLockDate?: string;
  endOfYearLockDate?: string;
}

export interface SyncGateway {
  /** The organisation the calls go to (the `xero.tenantId` setting). */
  tenantId(): string | undefined;
  organisation(): Promise<XeroOrganisationInfo>;
  /** GET /Currencies: the codes the organisation can take (its base and any enabled with multi-currency). */
  currencies(): Promise<string[]>;
  taxRates(): Promise<XeroTaxRate[]>;
  accounts(): Promise<XeroAccountInfo[]>;
  /** Tracking categories with their options, archived ones included (read only when rules name tracking). */
  trackingCategories?(): Promise<TrackingCategoryInfo[]>;
  /** PUT /TrackingCategories/{id}/Options: needs the `accounting.settings` scope. */
  addTrackingOption?(categoryId: string, name: string, idempotencyKey: string): Promise<void>;
  /** One page (≤ 1,000) of contacts, archived included, optionally filtered by `where`. */
  /** `searchTerm`: Xero's case-insensitive search over Name, names, ContactNumber and EmailAddress (OpenAPI getContacts). */
  contacts(query: { where?: string; searchTerm?: string; page: number; pageSize?: number }): Promise<{ contacts: KnownXeroContact[]; pageCount: number }>;
  /** ACCREC and ACCPAY invoices by `where`, InvoiceIDs or InvoiceNumbers, read in full (paged: with Payments). */
  invoices(query: { where?: string; ids?: string[]; numbers?: string[] }): Promise<FoundDocument[]>;
  creditNotes(query: { where: string }): Promise<FoundDocument[]>;
  /** GET /BatchPayments by `where` (not paged in Xero's spec). */
  batchPayments(query: { where: string }): Promise<FoundDeposit[]>;
  /**
   * One page (1,000) of ACCREC invoices or ACCRECCREDIT credit notes in full, for reconciliation: changed since
   * `modifiedSince` (ISO; Xero's If-Modified-Since), by `where`, or by `ids` (credit notes: a where on CreditNoteID).
   * `statuses` names the statuses wanted (invoices: Xero's `Statuses`; credit notes, which have none: a where on
   * Status): the way to read DELETED documents, which a list read may leave out unasked.
   */
  readDocuments(query: { kind: XeroDocumentKind; modifiedSince?: string; where?: string; ids?: readonly string[]; statuses?: readonly string[]; page: number }): Promise<{ documents: XeroDocumentSnapshot[]; pageCount: number }>;
  /** One page (1,000) of payments changed since `modifiedSince` and/or by `where` (deleted ones too, Status DELETED). */
  readPayments(query: { modifiedSince?: string; where?: string; page: number }): Promise<{ payments: ReadPayment[]; pageCount: number }>;
  /**
   * PUT (POST for invoice-updates) with summarizeErrors=false and the Idempotency-Key; one result per element. For
   * `batch-payments` the payloads are one deposit's member payments and `deposit` its Reference: one batch payment
   * goes, and each member's result is its own payment in Xero's answer (matched by invoice).
   */
  write(kind: WriteKind, payloads: readonly unknown[], options: { idempotencyKey: string; unitdp4?: boolean; deposit?: { Reference: string } }): Promise<WrittenElement[]>;
  /** The rate-limit headers of the tenant's latest answer. */
  rateLimits(): RateLimitSnapshot | undefined;
}

/** The request each write kind makes, as `sync --dry-run` and `sync.preview` show it. */
export const WRITE_REQUESTS: Record<WriteKind, { method: 'PUT' | 'POST'; path: string; collection: 'Contacts' | 'Invoices' | 'Payments' | 'CreditNotes' | 'BatchPayments' | 'Allocations' }> = {
  contacts: { method: 'PUT', path: '/api.xro/2.0/Contacts', collection: 'Contacts' },
  invoices: { method: 'PUT', path: '/api.xro/2.0/Invoices', collection: 'Invoices' },
  'invoice-updates': { method: 'POST', path: '/api.xro/2.0/Invoices', collection: 'Invoices' },
  payments: { method: 'PUT', path: '/api.xro/2.0/Payments', collection: 'Payments' },
  'credit-notes': { method: 'PUT', path: '/api.xro/2.0/CreditNotes', collection: 'CreditNotes' },
  'credit-note-updates': { method: 'POST', path: '/api.xro/2.0/CreditNotes', collection: 'CreditNotes' },
  'batch-payments': { method: 'PUT', path: '/api.xro/2.0/BatchPayments', collection: 'BatchPayments' },
  // OpenAPI `createCreditNoteAllocation`: one credit note per request, its id in the path.
  allocations: { method: 'PUT', path: '/api.xro/2.0/CreditNotes/{CreditNoteID}/Allocations', collection: 'Allocations' },
};

/** unitdp=4 when a UnitAmount has 3–4 decimals; only documents with lines take it. */
function unitdpFor(kind: WriteKind, unitdp4: boolean | undefined): 4 | undefined {
  return unitdp4 && kind !== 'contacts' && kind !== 'payments' && kind !== 'batch-payments' && kind !== 'allocations' ? 4 : undefined;
}

/** The query string a write carries, as `write` sends it (dry runs and previews print this). */
export function writeQuery(kind: WriteKind, unitdp4: boolean): string {
  const dp = unitdpFor(kind, unitdp4);
  return `summarizeErrors=false${dp ? `&unitdp=${dp}` : ''}`;
}

type Sdk = typeof import('xero-node');
let sdk: Promise<Sdk> | undefined;
/** xero-node is heavy to load; the serializer comes with the first write, like the client's own lazy import. */
const loadSdk = () => (sdk ??= import('xero-node'));
const loadSerializer = () => loadSdk().then((m) => m.ObjectSerializer);

type AttributeMap = Array<{ name: string; baseName: string; type: string }>;

/**
 * The same model `ObjectSerializer.deserialize` builds, but holding only the attributes the payload has. The SDK's
 * models carry every attribute (undefined when absent: ~45 on an invoice, ~60 on its contact), and a batch's model
 * stays alive while its request is in flight, so a sync of 10,000 invoices pushed hundreds of MB of them into the old
 * generation. `serialize` reads attributes by name, so an absent one and an undefined one put the same JSON on the
 * wire; leaves and enums still go through the SDK's own `deserialize` (its "/Date(" rule included).
 */
function sdkShape(m: Sdk, value: unknown, type: string): unknown {
  if (value === null || value === undefined) return value;
  if (type.startsWith('Array<')) {
    const sub = type.slice('Array<'.length, -1);
    return Array.isArray(value) ? value.map((v) => sdkShape(m, v, sub)) : m.ObjectSerializer.deserialize(value, type);
  }
  const model = (m as unknown as Record<string, { getAttributeTypeMap?: () => AttributeMap; discriminator?: string } | undefined>)[type];
  if (!isObject(value) || typeof model?.getAttributeTypeMap !== 'function' || model.discriminator) return m.ObjectSerializer.deserialize(value, type);
  const out: Loose = {};
  for (const attribute of model.getAttributeTypeMap()) {
    const v = value[attribute.baseName];
    if (v !== undefined) out[attribute.name] = sdkShape(m, v, attribute.type);
  }
  return out;
}

/** What `write` hands xero-node: the sparse equivalent of `toSdkModel` (same wire JSON, a fraction of the memory). */
export async function toSdkShape(collection: string, payloads: readonly unknown[]): Promise<unknown> {
  return sdkShape(await loadSdk(), { [collection]: payloads }, collection);
}

/** Xero's JSON (PascalCase) → the xero-node model the SDK serialises back to exactly that JSON. */
export async function toSdkModel(collection: string, payloads: readonly unknown[]): Promise<unknown> {
  const ObjectSerializer = await loadSerializer();
  return ObjectSerializer.deserialize({ [collection]: payloads }, collection);
}

/** What xero-node will put on the wire for these payloads (used by tests to prove the dry run is exact). */
export async function wireBody(collection: string, payloads: readonly unknown[]): Promise<unknown> {
  const ObjectSerializer = await loadSerializer();
  return JSON.parse(JSON.stringify(ObjectSerializer.serialize(await toSdkModel(collection, payloads), collection))) as unknown;
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : v instanceof Date ? v.toISOString() : undefined);
const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
/** What the journal records for an allocation Xero saved without naming its AllocationID. */
export const ALLOCATION_CONFIRMED = '(confirmed)';

function messages(list: unknown): string[] {
  return Array.isArray(list) ? list.map((e) => (isObject(e) && typeof e.message === 'string' ? e.message : '')).filter(Boolean) : [];
}

function day(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') {
    const ms = /\/Date\((-?\d+)/.exec(value);
    return ms ? new Date(Number(ms[1])).toISOString().slice(0, 10) : value.slice(0, 10);
  }
  return '';
}

function amount(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(2) : typeof value === 'string' ? value : undefined;
}

function idOf(value: unknown): string | undefined {
  const id = text(value);
  return id && id !== ZERO_GUID ? id : undefined;
}

function foundPayments(list: unknown): FoundPayment[] {
  if (!Array.isArray(list)) return [];
  const out: FoundPayment[] = [];
  for (const p of list) {
    if (!isObject(p)) continue;
    const id = idOf(p.paymentID);
    if (!id) continue;
    const status = text(p.status);
    if (status && status !== 'AUTHORISED') continue;
    out.push({ id, amount: amount(p.amount) ?? '0.00', date: day(p.date), ...(text(p.reference) ? { reference: text(p.reference)! } : {}) });
  }
  return out;
}

function foundAllocations(list: unknown[]): FoundAllocation[] {
  const out: FoundAllocation[] = [];
  for (const a of list) {
    if (!isObject(a) || a.isDeleted === true) continue;
    const invoiceId = isObject(a.invoice) ? idOf(a.invoice.invoiceID) : undefined;
    if (!invoiceId) continue;
    const id = idOf(a.allocationID);
    out.push({ ...(id ? { id } : {}), invoiceId, amount: amount(a.amount) ?? '0.00', date: day(a.date) });
  }
  return out;
}

function foundDocument(doc: Loose, idField: 'invoiceID' | 'creditNoteID', numberField: 'invoiceNumber' | 'creditNoteNumber'): FoundDocument | undefined {
  const id = idOf(doc[idField]);
  if (!id) return undefined;
  const contact = isObject(doc.contact) ? doc.contact : {};
  const found: FoundDocument = { id, payments: foundPayments(doc.payments) };
  if (Array.isArray(doc.allocations)) found.allocations = foundAllocations(doc.allocations);
  const fields: Array<[keyof FoundDocument, string | undefined]> = [
    ['type', text(doc.type)],
    ['number', text(doc[numberField])],
    ['reference', text(doc.reference)],
    ['status', text(doc.status)],
    ['total', amount(doc.total)],
    ['contactId', idOf(contact.contactID)],
    ['contactName', text(contact.name)],
  ];
  for (const [key, value] of fields) if (value !== undefined) (found as unknown as Loose)[key] = value;
  // Only a full read (with lines) is a snapshot worth keeping as a baseline.
  if (Array.isArray(doc.lineItems) && doc.lineItems.length > 0) {
    const snapshot = documentSnapshot(doc, idField === 'invoiceID' ? 'invoice' : 'credit-note');
    if (snapshot) found.snapshot = snapshot;
  }
  return found;
}

/** ISO UTC of a Xero timestamp (a Date from the SDK, `/Date(ms+0000)/`, or ISO text), or null. */
function isoOf(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== 'string' || value === '') return null;
  const ms = /\/Date\((-?\d+)/.exec(value);
  const t = ms ? Number(ms[1]) : Date.parse(/Z|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

const money2 = (value: unknown): string => {
  const a = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : 0;
  return Number.isFinite(a) ? a.toFixed(2) : '0.00';
};

/** Net and VAT of a line as the document's LineAmountTypes reads its LineAmount (Inclusive: VAT is inside). */
function lineSnapshot(line: Loose, inclusive: boolean): XeroLineSnapshot {
  const lineAmount = typeof line.lineAmount === 'number' ? line.lineAmount : Number(line.lineAmount ?? 0);
  const tax = typeof line.taxAmount === 'number' ? line.taxAmount : Number(line.taxAmount ?? 0);
  const net = inclusive ? Math.round((lineAmount - tax) * 100) / 100 : lineAmount;
  return { accountCode: text(line.accountCode) ?? null, taxType: text(line.taxType) ?? null, net: money2(net), tax: money2(tax), description: text(line.description) ?? null };
}

function paymentSnapshot(p: Loose): XeroPaymentSnapshot | undefined {
  const id = idOf(p.paymentID);
  if (!id) return undefined;
  const account = isObject(p.account) ? (text(p.account.code) ?? text(p.account.name) ?? null) : null;
  // A payment listed on its document is live (Xero lists only those); GET /Payments says DELETED where it is.
  return { id, amount: money2(p.amount), date: day(p.date), reference: text(p.reference) ?? null, status: text(p.status) === 'DELETED' ? 'DELETED' : 'AUTHORISED', account, updatedAt: isoOf(p.updatedDateUTC) };
}

/**
 * An ACCREC invoice or ACCRECCREDIT credit note in the SDK's names → reconciliation's snapshot (other types, and
 * elements without an id, give undefined). Credit notes: AmountDue is RemainingCredit, AmountCredited what was
 * allocated out (AppliedAmount, else the sum of live allocations), AmountPaid the refunds paid out of it.
 */
export function documentSnapshot(doc: Loose, kind: XeroDocumentKind): XeroDocumentSnapshot | undefined {
  const id = idOf(kind === 'invoice' ? doc.invoiceID : doc.creditNoteID);
  const type = text(doc.type);
  if (!id || (type !== undefined && type !== (kind === 'invoice' ? 'ACCREC' : 'ACCRECCREDIT'))) return undefined;
  const contact = isObject(doc.contact) ? doc.contact : {};
  const inclusive = text(doc.lineAmountTypes) === 'Inclusive';
  const payments = (Array.isArray(doc.payments) ? doc.payments.filter(isObject) : []).map(paymentSnapshot).filter((p): p is XeroPaymentSnapshot => p !== undefined);
  const live = payments.filter((p) => p.status === 'AUTHORISED');
  const allocated = Array.isArray(doc.allocations) ? doc.allocations.filter((a) => isObject(a) && a.isDeleted !== true).reduce((sum: number, a) => sum + Number((a as Loose).amount ?? 0), 0) : 0;
  return {
    id,
    kind,
    number: text(kind === 'invoice' ? doc.invoiceNumber : doc.creditNoteNumber) ?? null,
    reference: text(doc.reference) ?? null,
    status: text(doc.status) ?? 'AUTHORISED',
    date: day(doc.date),
    contactId: idOf(contact.contactID) ?? null,
    contactName: text(contact.name) ?? null,
    currency: doc.currencyCode !== undefined && doc.currencyCode !== null ? String(doc.currencyCode) : null,
    subTotal: money2(doc.subTotal),
    totalTax: money2(doc.totalTax),
    total: money2(doc.total),
    amountPaid: kind === 'invoice' ? money2(doc.amountPaid) : money2(live.reduce((sum, p) => sum + Number(p.amount), 0)),
    amountDue: money2(kind === 'invoice' ? doc.amountDue : doc.remainingCredit),
    amountCredited: kind === 'invoice' ? money2(doc.amountCredited) : money2(doc.appliedAmount ?? allocated),
    lines: (Array.isArray(doc.lineItems) ? doc.lineItems.filter(isObject) : []).map((l) => lineSnapshot(l, inclusive)),
    payments,
    updatedAt: isoOf(doc.updatedDateUTC) ?? '',
  };
}

function written(element: unknown, kind: WriteKind): WrittenElement {
  const e = isObject(element) ? element : {};
  const errors = messages(e.validationErrors);
  const result: WrittenElement = { errors, warnings: messages(e.warnings) };
  const creditNote = kind === 'credit-notes' || kind === 'credit-note-updates';
  // Xero's allocation answer may not carry an AllocationID (OpenAPI createCreditNoteAllocation example): a saved one is
  // recorded as ALLOCATION_CONFIRMED then.
  const id =
    kind === 'contacts' ? idOf(e.contactID) : kind === 'payments' ? idOf(e.paymentID) : kind === 'allocations' ? (idOf(e.allocationID) ?? ALLOCATION_CONFIRMED) : creditNote ? idOf(e.creditNoteID) : idOf(e.invoiceID);
  const failed = errors.length > 0 || e.hasErrors === true || e.hasValidationErrors === true || text(e.statusAttributeString) === 'ERROR';
  if (failed && errors.length === 0) result.errors = ['Xero refused this element without saying why.'];
  if (id && !failed) result.id = id;
  const number = kind === 'contacts' ? text(e.contactNumber) : creditNote ? text(e.creditNoteNumber) : kind === 'payments' || kind === 'allocations' ? undefined : text(e.invoiceNumber);
  if (number) result.number = number;
  const reference = text(e.reference);
  if (reference) result.reference = reference;
  const contactId = isObject(e.contact) ? idOf(e.contact.contactID) : undefined;
  if (contactId) result.contactId = contactId;
  // Xero's answer to a document write is the whole document: reconciliation's baseline, at no extra call.
  if (result.id && kind !== 'contacts' && kind !== 'payments' && kind !== 'allocations' && kind !== 'batch-payments') {
    const snapshot = documentSnapshot(e, creditNote ? 'credit-note' : 'invoice');
    if (snapshot) result.snapshot = snapshot;
  }
  return result;
}

/**
 * One result per member payment of a batch answer. A batch Xero refused carries the refusal on the batch itself
 * (schema `BatchPayment.ValidationErrors`, added for summarizeErrors=false in Xero-OpenAPI PR #377 after
 * Xero-NetStandard#324), and that refusal is every member's: nothing of the batch was saved. A member is found by
 * the invoice it pays (one payment per invoice per deposit), never by position.
 */
function depositResults(element: unknown, payloads: readonly unknown[]): WrittenElement[] {
  const e = isObject(element) ? element : {};
  const errors = messages(e.validationErrors);
  const saved = idOf(e.batchPaymentID);
  if (errors.length > 0 || !saved) {
    const why = errors.length > 0 ? errors : ['Xero refused the deposit without saying why.'];
    return payloads.map(() => ({ errors: why, warnings: [] }));
  }
  const byInvoice = new Map<string, Loose>();
  for (const p of Array.isArray(e.payments) ? e.payments.filter(isObject) : []) {
    const invoiceId = isObject(p.invoice) ? idOf(p.invoice.invoiceID) : undefined;
    if (invoiceId) byInvoice.set(invoiceId.toLowerCase(), p);
  }
  return payloads.map((payload) => {
    const invoice = isObject(payload) && isObject(payload.Invoice) ? text(payload.Invoice.InvoiceID) : undefined;
    const p = invoice ? byInvoice.get(invoice.toLowerCase()) : undefined;
    const id = p ? idOf(p.paymentID) : undefined;
    return id ? { id, errors: [], warnings: [], ...(text(p!.reference) ? { reference: text(p!.reference)! } : {}) } : { errors: ['Xero saved the deposit without this payment.'], warnings: [] };
  });
}

/** One deposit's member payments (bound, in Xero's shape) → the batch payment that carries them. */
function depositBody(payloads: readonly unknown[], deposit: { Reference: string } | undefined): XeroBatchPayment {
  if (!deposit || payloads.length === 0) throw new Error('a batch payment needs its members and its Reference');
  const members = payloads as readonly XeroPayment[];
  return { Account: members[0]!.Account, Date: members[0]!.Date, Reference: deposit.Reference, Payments: members.map(batchMember) };
}

function foundDeposit(b: Loose): FoundDeposit | undefined {
  const id = idOf(b.batchPaymentID);
  if (!id) return undefined;
  const payments: FoundDeposit['payments'] = [];
  for (const p of Array.isArray(b.payments) ? b.payments.filter(isObject) : []) {
    const paymentId = idOf(p.paymentID);
    const invoiceId = isObject(p.invoice) ? idOf(p.invoice.invoiceID) : undefined;
    if (paymentId && invoiceId) payments.push({ id: paymentId, invoiceId, amount: amount(p.amount) ?? '0.00', ...(text(p.reference) ? { reference: text(p.reference)! } : {}) });
  }
  return { id, date: day(b.date), payments, ...(text(b.reference) ? { reference: text(b.reference)! } : {}), ...(b.status !== undefined ? { status: String(b.status) } : {}) };
}

function listOf(body: unknown, key: string): Loose[] {
  const list = isObject(body) ? body[key] : undefined;
  return Array.isArray(list) ? list.filter(isObject) : [];
}

/** Xero's largest page (xero-facts.md §3: default 100, max 1,000). */
const PAGE_SIZE = 1000;

function pageCountOf(body: unknown): number {
  const pagination = isObject(body) && isObject(body.pagination) ? body.pagination : undefined;
  return typeof pagination?.pageCount === 'number' ? pagination.pageCount : 1;
}

/** The credit note an allocations request goes to: every payload names the same one (the phase groups them so). */
function allocationTarget(payloads: readonly unknown[]): string {
  const ids = new Set(payloads.map((p) => (isObject(p) && isObject(p.CreditNote) ? p.CreditNote.CreditNoteID : undefined)));
  const [id] = ids;
  if (ids.size !== 1 || typeof id !== 'string') throw new Error('an allocations request must name exactly one credit note');
  return id;
}

/** Xero's Allocation body: Invoice, Amount, Date (the credit note is the path's). */
export function allocationBodies(payloads: readonly unknown[]): unknown[] {
  return payloads.map((p) => {
    if (!isObject(p)) return p;
    const { CreditNote: _c, ...body } = p;
    return body;
  });
}

type Authentication = { applyToRequest(request: Loose): void | Promise<void> };

/**
 * Two things xero-node does to a write that a sync of thousands of documents pays for in memory: it keeps its
 * serialised request (every attribute of every model, undefined ones included) while the request is in flight, and it
 * turns Xero's whole answer (each document echoed back with its contact, lines and payments) into full models. Both
 * were short-lived, but with batches in flight they survived into the old generation by the hundred MB. So the body
 * goes out as the JSON text axios would have made of it (same bytes, same Content-Type), and a 2xx answer is parsed
 * the way axios would parse it and kept here (`answer()`) instead of being handed to the SDK; error answers take
 * the SDK's usual path, so errors read exactly as before.
 */
function leanWrite(api: AccountingApi): { answer(): unknown } {
  const holder = api as unknown as { authentications: { default: Authentication } };
  const auth = holder.authentications.default;
  let answer: unknown;
  api.setDefaultAuthentication({
    async applyToRequest(request: Loose) {
      await auth.applyToRequest(request);
      if (request.data !== undefined && typeof request.data !== 'string') {
        request.data = JSON.stringify(request.data);
        request.headers = { ...(request.headers as Loose | undefined), 'Content-Type': 'application/json' };
      }
      // axios' own default for responseType 'json' (silent JSON parsing): JSON.parse, the text itself if that fails.
      request.transformResponse = [
        (data: unknown, _headers: unknown, status?: number) => {
          let parsed = data;
          if (typeof data === 'string' && data !== '') {
            try {
              parsed = JSON.parse(data) as unknown;
            } catch {
              parsed = data;
            }
          }
          if (status === undefined || status < 200 || status > 299) return parsed;
          answer = parsed;
          return undefined;
        },
      ];
    },
  });
  return { answer: () => answer };
}

export function createXeroGateway(xero: XeroClient, tenantId: () => string | undefined): SyncGateway {
  const tenant = () => {
    const id = tenantId();
    return id ? { tenantId: id } : {};
  };
  return {
    tenantId,
    async organisation() {
      const body = await xero.call('GET /Organisation', (api, t) => api.getOrganisations(t), tenant());
      const org = body.organisations?.[0];
      const info: XeroOrganisationInfo = {};
      // The SDK's enum types are numeric in its .d.ts, but the values are Xero's strings at run time.
      if (org?.name) info.name = org.name;
      if (org?.baseCurrency !== undefined) info.baseCurrency = String(org.baseCurrency);
      const period = lockDay(org?.periodLockDate as unknown);
      const endOfYear = lockDay(org?.endOfYearLockDate as unknown);
      if (period) info.periodLockDate = period;
      if (endOfYear) info.endOfYearLockDate = endOfYear;
      return info;
    },
    async currencies() {
      const body = await xero.call('GET /Currencies', (api, t) => api.getCurrencies(t), tenant());
      return (body.currencies ?? []).map((c) => (c.code !== undefined ? String(c.code) : '')).filter(Boolean);
    },
    async taxRates() {
      const body = await xero.getTaxRates(undefined, tenant());
      return (body.taxRates ?? []).map((r) => ({
        Name: r.name ?? '',
        TaxType: r.taxType ?? '',
        ...(r.status !== undefined ? { Status: String(r.status) } : {}),
        ...(r.effectiveRate !== undefined ? { EffectiveRate: r.effectiveRate } : {}),
        ...(r.canApplyToRevenue !== undefined ? { CanApplyToRevenue: r.canApplyToRevenue } : {}),
      }));
    },
    async accounts() {
      const body = await xero.getAccounts(undefined, tenant());
      return (body.accounts ?? []).map((a) => {
        const info: XeroAccountInfo = {};
        if (a.accountID) info.AccountID = a.accountID;
        if (a.code) info.Code = a.code;
        if (a.status !== undefined) info.Status = String(a.status);
        if (a.taxType) info.TaxType = a.taxType;
        if (a.name) info.Name = a.name;
        if (a.type !== undefined) info.Type = String(a.type);
        if (a._class !== undefined) info.Class = String(a._class);
        if (a.systemAccount !== undefined && a.systemAccount !== null) info.SystemAccount = String(a.systemAccount);
        if (a.enablePaymentsToAccount !== undefined) info.EnablePaymentsToAccount = a.enablePaymentsToAccount;
        return info;
      });
    },
    async trackingCategories() {
      const body = await xero.call('GET /TrackingCategories', (api, t) => api.getTrackingCategories(t, undefined, undefined, true), tenant());
      return (body.trackingCategories ?? []).map((c) => ({
        ...(c.trackingCategoryID ? { TrackingCategoryID: c.trackingCategoryID } : {}),
        Name: c.name ?? '',
        Status: String(c.status ?? 'ACTIVE'),
        Options: (c.options ?? []).map((o) => ({ ...(o.trackingOptionID ? { TrackingOptionID: o.trackingOptionID } : {}), Name: o.name ?? '', Status: String(o.status ?? 'ACTIVE') })),
      }));
    },
    async addTrackingOption(categoryId, name, idempotencyKey) {
      await xero.call('PUT /TrackingCategories/{id}/Options', (api, t) => api.createTrackingOptions(t, categoryId, { name }, idempotencyKey), tenant());
    },
    async contacts({ where, searchTerm, page, pageSize = 1000 }) {
      const body = await xero.call('GET /Contacts', (api, t) => api.getContacts(t, undefined, where, undefined, undefined, page, true, undefined, searchTerm, pageSize), tenant());
      const contacts: KnownXeroContact[] = [];
      for (const c of body.contacts ?? []) {
        const id = idOf(c.contactID);
        if (!id) continue;
        const status = c.contactStatus !== undefined ? String(c.contactStatus) : undefined;
        contacts.push({
          ContactID: id,
          Name: c.name ?? '',
          ...(c.contactNumber ? { ContactNumber: c.contactNumber } : {}),
          ...(c.emailAddress ? { EmailAddress: c.emailAddress } : {}),
          ...(status === 'ACTIVE' || status === 'ARCHIVED' || status === 'GDPRREQUEST' ? { ContactStatus: status } : {}),
        });
      }
      return { contacts, pageCount: body.pagination?.pageCount ?? 1 };
    },
    // Always paged: without `page` Xero answers multi-document reads with summaries, no line items (Xero's Invoices
    // docs; OpenAPI getInvoices/getCreditNotes `page`: "with line items shown for each invoice"), and our readers
    // need the documents' Payments. Every page is read, 1,000 documents at a time.
    async invoices({ where, ids, numbers }) {
      const found: FoundDocument[] = [];
      for (let page = 1; ; page++) {
        const body = await xero.call(
          'GET /Invoices',
          (api, t) => api.getInvoices(t, undefined, where, undefined, ids, numbers, undefined, undefined, page, undefined, undefined, undefined, undefined, PAGE_SIZE),
          tenant(),
        );
        found.push(...listOf(body, 'invoices').map((d) => foundDocument(d, 'invoiceID', 'invoiceNumber')).filter((d): d is FoundDocument => d !== undefined));
        if (page >= pageCountOf(body)) return found;
      }
    },
    async creditNotes({ where }) {
      const found: FoundDocument[] = [];
      for (let page = 1; ; page++) {
        const body = await xero.call('GET /CreditNotes', (api, t) => api.getCreditNotes(t, undefined, where, undefined, page, undefined, PAGE_SIZE), tenant());
        found.push(...listOf(body, 'creditNotes').map((d) => foundDocument(d, 'creditNoteID', 'creditNoteNumber')).filter((d): d is FoundDocument => d !== undefined));
        if (page >= pageCountOf(body)) return found;
      }
    },
    // Reconciliation's reads: always paged (full documents), one page per call so the caller counts every call.
    async readDocuments({ kind, modifiedSince, where, ids, statuses, page }) {
      const since = modifiedSince ? new Date(modifiedSince) : undefined;
      const wanted = statuses && statuses.length > 0 ? [...statuses] : undefined;
      if (kind === 'invoice') {
        const body = await xero.call(
          'GET /Invoices',
          (api, t) => api.getInvoices(t, since, where, undefined, ids && ids.length > 0 ? [...ids] : undefined, undefined, undefined, wanted, page, undefined, undefined, undefined, undefined, PAGE_SIZE),
          tenant(),
        );
        return { documents: listOf(body, 'invoices').map((d) => documentSnapshot(d, 'invoice')).filter((d): d is XeroDocumentSnapshot => d !== undefined), pageCount: pageCountOf(body) };
      }
      // getCreditNotes has no IDs parameter (OpenAPI getCreditNotes): ids go as a where on CreditNoteID.
      const byIds = ids && ids.length > 0 ? ids.map((id) => `CreditNoteID==Guid("${id}")`).join(' OR ') : undefined;
      const byStatus = wanted ? wanted.map((s) => `Status==${JSON.stringify(s)}`).join(' OR ') : undefined;
      const filter = [where, byIds, byStatus].filter((w): w is string => !!w).map((w) => `(${w})`).join(' AND ') || undefined;
      const body = await xero.call('GET /CreditNotes', (api, t) => api.getCreditNotes(t, since, filter, undefined, page, undefined, PAGE_SIZE), tenant());
      return { documents: listOf(body, 'creditNotes').map((d) => documentSnapshot(d, 'credit-note')).filter((d): d is XeroDocumentSnapshot => d !== undefined), pageCount: pageCountOf(body) };
    },
    async readPayments({ modifiedSince, where, page }) {
      const since = modifiedSince ? new Date(modifiedSince) : undefined;
      const body = await xero.call('GET /Payments', (api, t) => api.getPayments(t, since, where, undefined, page, PAGE_SIZE), tenant());
      const payments: ReadPayment[] = [];
      for (const p of listOf(body, 'payments')) {
        const snapshot = paymentSnapshot(p);
        if (!snapshot) continue;
        const invoiceId = isObject(p.invoice) ? idOf(p.invoice.invoiceID) : undefined;
        const creditNoteId = isObject(p.creditNote) ? idOf(p.creditNote.creditNoteID) : undefined;
        payments.push({ ...snapshot, ...(invoiceId ? { invoiceId } : {}), ...(creditNoteId ? { creditNoteId } : {}) });
      }
      return { payments, pageCount: pageCountOf(body) };
    },
    async batchPayments({ where }) {
      const body = await xero.call('GET /BatchPayments', (api, t) => api.getBatchPayments(t, undefined, where), tenant());
      return (body.batchPayments ?? []).map((b) => foundDeposit(b as unknown as Loose)).filter((d): d is FoundDeposit => d !== undefined);
    },
    async write(kind, payloads, { idempotencyKey, unitdp4, deposit }) {
      const { collection, method, path } = WRITE_REQUESTS[kind];
      const sent = kind === 'batch-payments' ? [depositBody(payloads, deposit)] : kind === 'allocations' ? allocationBodies(payloads) : payloads;
      const model = (await toSdkShape(collection, sent)) as never;
      const dp = unitdpFor(kind, unitdp4);
      const operation = `${method} ${path.replace('/api.xro/2.0', '')}`;
      let lean: { answer(): unknown } | undefined;
      await xero.call<unknown>(
        operation,
        (api, t): Promise<{ response: { headers?: unknown; status?: number }; body: unknown }> => {
          lean = leanWrite(api);
          switch (kind) {
            case 'contacts':
              return api.createContacts(t, model, false, idempotencyKey);
            case 'invoices':
              return api.createInvoices(t, model, false, dp, idempotencyKey);
            case 'invoice-updates':
              return api.updateOrCreateInvoices(t, model, false, dp, idempotencyKey);
            case 'payments':
              return api.createPayments(t, model, false, idempotencyKey);
            case 'credit-notes':
              return api.createCreditNotes(t, model, false, dp, idempotencyKey);
            case 'credit-note-updates':
              return api.updateOrCreateCreditNotes(t, model, false, dp, idempotencyKey);
            case 'batch-payments':
              return api.createBatchPayment(t, model, false, idempotencyKey);
            case 'allocations':
              return api.createCreditNoteAllocation(t, allocationTarget(payloads), model, false, idempotencyKey);
          }
        },
        tenant(),
      );
      // Only the answer's elements are read, in the SDK's names (`sdkShape`: the attributes Xero sent, nothing more).
      const body = sdkShape(await loadSdk(), lean?.answer(), collection);
      const key = collection.charAt(0).toLowerCase() + collection.slice(1);
      const elements = listOf(body, key);
      if (kind === 'batch-payments') return depositResults(elements[0], payloads);
      return payloads.map((_p, i) => (i < elements.length ? written(elements[i], kind) : { errors: ['Xero sent no answer for this element.'], warnings: [] }));
    },
    rateLimits: () => xero.rateLimits(tenantId()),
  };
}
