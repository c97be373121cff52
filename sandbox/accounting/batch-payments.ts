/**
 * Batch payments (deposits): `PUT /BatchPayments` `{"BatchPayments":[{Account, Date, Reference, Payments:[{Invoice,
 * Amount, Reference?}]}]}`, `GET /BatchPayments` (where, order; not paged) and `GET /BatchPayments/{id}`
 * (shared/xero-openapi/xero_accounting.yaml: createBatchPayment, getBatchPayments, getBatchPayment; schema
 * BatchPayment). Each member is saved as an ordinary payment (it shows under GET /Payments with its BatchPaymentID),
 * under the payment rules of payments.ts: AUTHORISED documents, BANK or payments-enabled accounts, never more than
 * what is due. On top of those, what a batch may hold:
 * - invoices only, all of one kind: a batch is RECBATCH (sales invoices) or PAYBATCH (bills) (schema `Type`; the
 *   operation "Creates one or many batch payments for invoices"), so credit notes and a mix of kinds are refused;
 * - invoices in the organisation's base currency, into a base-currency account (help.xero.com "Create a batch
 *   deposit": "You can only create batch deposits for invoices entered in your base currency, and in a base currency
 *   bank account");
 * - at most 50 invoices (same page: "You can include a maximum of 50 invoices in a batch deposit"), each once.
 * A batch with any refused member is refused whole, with every member's reason on the batch (schema
 * `BatchPayment.ValidationErrors`, Xero-OpenAPI PR #377): nothing of it is saved, which is never kinder than Xero.
 * The texts for the batch-only rules are sandbox wording (Xero's own are not in our sources; sandbox/README.md).
 * Idempotency-Key is handled for every write by gate.ts, as for the other PUTs.
 */
import type { SandboxResponse } from '../http/response';
import { isGuid, newUuid } from '../ids';
import { money, readNumber, toAmount } from '../money';
import { batchIds, batchMembers } from '../state/batch-index';
import type { AccountRecord, BatchHeader, InvoiceRecord, PaymentRecord } from '../state/model';
import { invoiceById } from '../state/lookup';
import { dateString, dayToMs, msJsonDate, parseDocumentDay } from '../xero-dates';
import type { ApiContext } from './api-context';
import { elementsOf, runBatch, type ElementResult } from './batch';
import { accountAcceptsPayments, findAccountByCode, findAccountById } from './chart';
import { field, isObject, str, type Input } from './documents';
import { lengthErrors } from './field-limits';
import { lockDateErrors } from './lock-dates';
import { listable, listResponse, recordResponse, type ListedCollection } from './list-query';
import { msg } from './messages';
import { applyPayment } from './payments';
import { emptyBody } from './not-found';
import type { Json } from './serialize';

/** Xero's ceiling on invoices in one batch deposit (help.xero.com "Create a batch deposit"). */
export const MAX_BATCH_INVOICES = 50;

const BATCH_FIELDS = ['Account', 'Reference', 'BatchPaymentID', 'Date', 'DateString', 'Payments', 'Type', 'Status', 'TotalAmount', 'UpdatedDateUTC', 'IsReconciled'] as const;
const BATCH_PAYMENTS: ListedCollection = { key: 'BatchPayments', typeName: 'BatchPayment', fields: BATCH_FIELDS, paged: false };

export const batchMsg = {
  paymentsMissing: 'A batch payment must contain at least one payment.',
  tooManyPayments: (max: number) => `A batch payment can include at most ${max} invoices.`,
  invoicesOnly: 'Batch payments can only be made against invoices.',
  mixedTypes: 'A batch payment cannot contain both sales invoices and bills.',
  invoiceTwice: (id: string) => `The invoice ${id} appears more than once in this batch payment.`,
  notBaseCurrency: (currency: string) => `Batch payments can only be made for invoices in the organisation's base currency; this invoice is in ${currency}.`,
  accountNotBaseCurrency: 'Batch payments can only be made into an account in the organisation\u2019s base currency.',
  // Xero's batch deposit goes "in a base currency bank account" (help.xero.com "Create a batch deposit"); a
  // payments-enabled account that is not a bank account is refused (sandbox wording: Xero's text is not published).
  accountNotBank: 'Batch payments can only be made into a bank account.',
  // The OpenAPI `BatchPayment` schema marks no field required, but no source says Xero dates a batch for the caller;
  // the sandbox refuses rather than guess (as it does for allocations). Sandbox wording.
  dateMissing: 'Date must be specified for the batch payment',
  referenceTooLong: 255,
} as const;

function findAccount(ctx: ApiContext, ref: unknown): { account?: AccountRecord; errors: string[] } {
  const accId = isObject(ref) ? str(field(ref, 'AccountID')) : undefined;
  const accCode = isObject(ref) ? str(field(ref, 'Code')) : undefined;
  if (!accId && !accCode) return { errors: [msg.paymentAccountMissing] };
  const account = accId ? findAccountById(ctx.org, accId) : findAccountByCode(ctx.org, accCode!);
  if (!account) return { errors: [msg.paymentAccountNotFound] };
  if (!accountAcceptsPayments(account) || account.Status !== 'ACTIVE') return { errors: [msg.paymentAccountInvalid] };
  if (account.Type !== 'BANK') return { account, errors: [batchMsg.accountNotBank] };
  if (account.CurrencyCode && account.CurrencyCode !== ctx.org.organisation.BaseCurrency) return { account, errors: [batchMsg.accountNotBaseCurrency] };
  return { account, errors: [] };
}

function findInvoice(ctx: ApiContext, ref: Input): InvoiceRecord | undefined {
  const id = str(field(ref, 'InvoiceID'));
  if (id) return isGuid(id) ? invoiceById(ctx.org, id.toLowerCase()) : undefined;
  const number = str(field(ref, 'InvoiceNumber'))?.toLowerCase();
  return number ? ctx.org.invoices.find((i) => i.InvoiceNumber?.toLowerCase() === number) : undefined;
}

/** Every reason the batch cannot be saved; empty when each member would be saved. */
function batchErrors(ctx: ApiContext, input: Input, members: unknown[]): { errors: string[]; type?: BatchHeader['Type'] } {
  const errors: string[] = [];
  if (members.length === 0) return { errors: [batchMsg.paymentsMissing] };
  if (members.length > MAX_BATCH_INVOICES) errors.push(batchMsg.tooManyPayments(MAX_BATCH_INVOICES));
  errors.push(...lengthErrors('Reference', str(field(input, 'Reference')), batchMsg.referenceTooLong));
  const types = new Set<string>();
  const seen = new Set<string>();
  for (const member of members) {
    if (!isObject(member)) {
      errors.push(msg.paymentTargetMissing);
      continue;
    }
    const invRef = field(member, 'Invoice');
    if (!isObject(invRef)) {
      errors.push(isObject(field(member, 'CreditNote')) ? batchMsg.invoicesOnly : msg.paymentTargetMissing);
      continue;
    }
    const invoice = findInvoice(ctx, invRef);
    if (!invoice) {
      errors.push(msg.invoiceNotFound(str(field(invRef, 'InvoiceID')) ?? str(field(invRef, 'InvoiceNumber')) ?? ''));
      continue;
    }
    types.add(invoice.Type);
    if (seen.has(invoice.InvoiceID)) errors.push(batchMsg.invoiceTwice(invoice.InvoiceNumber ?? invoice.InvoiceID));
    seen.add(invoice.InvoiceID);
    if (invoice.CurrencyCode !== ctx.org.organisation.BaseCurrency) errors.push(batchMsg.notBaseCurrency(invoice.CurrencyCode));
    if (invoice.Status !== 'AUTHORISED') errors.push(msg.paymentNotAuthorised);
    const amount = readNumber(field(member, 'Amount'));
    if (!amount || amount.lte(0)) errors.push(msg.paymentAmountInvalid);
    else if (amount.gt(invoice.AmountDue)) errors.push(msg.paymentExceedsAmountDue);
  }
  if (types.size > 1) errors.push(batchMsg.mixedTypes);
  const [only] = [...types];
  return { errors, ...(types.size === 1 ? { type: only === 'ACCPAY' ? 'PAYBATCH' : 'RECBATCH' } : {}) };
}

function echo(input: Input, errors: string[]): ElementResult {
  const json: Json = {};
  for (const k of ['Account', 'Reference', 'Payments']) if (field(input, k) !== undefined) json[k] = field(input, k);
  const day = parseDocumentDay(field(input, 'Date'));
  if (day) json.Date = msJsonDate(dayToMs(day));
  return { json, errors, committed: false };
}

export function applyBatchPayment(ctx: ApiContext, input: unknown): ElementResult {
  if (!isObject(input)) return { json: {}, errors: [batchMsg.paymentsMissing], committed: false };
  const { account, errors } = findAccount(ctx, field(input, 'Account'));
  const rawDate = field(input, 'Date');
  const missing = rawDate === undefined || rawDate === null || rawDate === '';
  const date = missing ? undefined : parseDocumentDay(rawDate);
  if (missing) errors.push(batchMsg.dateMissing);
  else if (!date) errors.push(msg.dateInvalid('Date'));
  // Checked with the batch, as for a single payment (lock-dates.ts): a member refused later would leave half a batch.
  if (date) errors.push(...lockDateErrors(ctx.org, date));
  const list = field(input, 'Payments');
  const members = Array.isArray(list) ? list : [];
  const checked = batchErrors(ctx, input, members);
  errors.push(...checked.errors);
  if (errors.length > 0) return echo(input, [...new Set(errors)]);

  // KINDER THAN XERO, known: the OpenAPI `BatchPayment` marks Reference "(NZ Only)" (non-NZ organisations have
  // Details, ≤ 18 characters; UK also Narrative), yet the sandbox keeps it for every organisation, and the engine's
  // last-resort search for a lost deposit reads it. To be made strict together with the engine (see the closing note).
  const header: BatchHeader = { BatchPaymentID: newUuid(), AccountID: account!.AccountID, Date: date!, Type: checked.type!, UpdatedDateUTC: ctx.now, ...(str(field(input, 'Reference')) ? { Reference: str(field(input, 'Reference'))! } : {}) };
  for (const member of members as Input[]) {
    // Every member passed the same checks applyPayment makes, so each is saved; the batch's account and date are its.
    const saved = applyPayment(ctx, { Invoice: field(member, 'Invoice'), Account: { AccountID: header.AccountID }, Date: header.Date, Amount: field(member, 'Amount'), Reference: field(member, 'Reference') }, header);
    if (saved.errors.length > 0) throw new Error(`a batch member passed the batch checks but not the payment's: ${saved.errors.join(' ')}`);
  }
  return { json: serializeBatch(ctx, header), errors: [], committed: true };
}

export function serializeBatch(ctx: ApiContext, header: BatchHeader): Json {
  const members = batchMembers(ctx.org, header.BatchPaymentID);
  const live = members.filter((p) => p.Status !== 'DELETED');
  const account = ctx.org.accounts.find((a) => a.AccountID === header.AccountID);
  const ms = dayToMs(header.Date);
  return {
    Account: { AccountID: header.AccountID, CurrencyCode: account?.CurrencyCode ?? ctx.org.organisation.BaseCurrency },
    ...(header.Reference !== undefined ? { Reference: header.Reference } : {}),
    BatchPaymentID: header.BatchPaymentID,
    DateString: dateString(ms),
    Date: msJsonDate(ms),
    Payments: live.map((p) => memberJson(ctx, p)),
    Type: header.Type,
    Status: live.length > 0 ? 'AUTHORISED' : 'DELETED',
    TotalAmount: toAmount(live.reduce((sum, p) => sum.plus(p.Amount), money(0))),
    UpdatedDateUTC: msJsonDate(Math.max(header.UpdatedDateUTC, ...members.map((p) => p.UpdatedDateUTC))),
    IsReconciled: members.some((p) => p.IsReconciled),
  };
}

/** A member as Xero's batch answers show it: the invoice (id and currency), the payment's id, reference and amounts. */
function memberJson(ctx: ApiContext, p: PaymentRecord): Json {
  const invoice = p.InvoiceID ? invoiceById(ctx.org, p.InvoiceID) : undefined;
  return {
    Invoice: { InvoiceID: p.InvoiceID, CurrencyCode: invoice?.CurrencyCode, Payments: [], CreditNotes: [], Prepayments: [], Overpayments: [], HasErrors: false, IsDiscounted: false, LineItems: [] },
    PaymentID: p.PaymentID,
    ...(p.Reference ? { Reference: p.Reference } : {}),
    Amount: p.Amount,
    BankAmount: p.Amount,
  };
}

/**
 * The usual batch semantics (batch.ts: summarizeErrors, all-or-nothing at 400), in the BatchPayment schema's own
 * terms: it declares `ValidationErrors` and no `StatusAttributeString` or `Has…Errors` flag, so those are left out.
 */
export function writeBatchPayments(ctx: ApiContext, body: unknown): SandboxResponse {
  const elements = elementsOf(body, 'BatchPayments');
  if (!elements || elements.length === 0) return emptyBody();
  const response = runBatch(ctx, 'BatchPayments', elements, (el) => applyBatchPayment(ctx, el), 'HasValidationErrors');
  const parsed = JSON.parse(response.body) as Json;
  const list = (parsed.BatchPayments ?? parsed.Elements) as Json[] | undefined;
  for (const item of list ?? []) {
    Reflect.deleteProperty(item, 'StatusAttributeString');
    Reflect.deleteProperty(item, 'HasValidationErrors');
  }
  return { ...response, body: JSON.stringify(parsed) };
}

function headerOf(ctx: ApiContext, id: string): BatchHeader | undefined {
  return batchMembers(ctx.org, id)[0]?.BatchPayment;
}

export function listBatchPayments(ctx: ApiContext): SandboxResponse {
  const headers = batchIds(ctx.org).map((id) => headerOf(ctx, id)!);
  return listResponse(
    ctx,
    BATCH_PAYMENTS,
    headers.map((h) => listable(h.BatchPaymentID, Math.max(h.UpdatedDateUTC, ...batchMembers(ctx.org, h.BatchPaymentID).map((p) => p.UpdatedDateUTC)), () => serializeBatch(ctx, h))),
  );
}

export function getBatchPayment(ctx: ApiContext, id: string): SandboxResponse {
  return recordResponse(ctx, 'BatchPayments', isGuid(id) ? headerOf(ctx, id.toLowerCase()) : undefined, (h) => serializeBatch(ctx, h));
}
