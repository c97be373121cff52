/**
 * Payments: only against AUTHORISED documents, only to BANK or payments-enabled accounts, never more than what is
 * outstanding. "Payments cannot be modified, only created and deleted": deletion is POST {"Status":"DELETED"}.
 */
import type { SandboxResponse } from '../http/response';
import { validationException } from '../http/response';
import { isGuid, newUuid } from '../ids';
import { money, readNumber, toAmount } from '../money';
import type { AccountRecord, BatchHeader, CreditNoteRecord, InvoiceRecord, PaymentRecord } from '../state/model';
import { dayOf, msJsonDate, dayToMs, parseDocumentDay } from '../xero-dates';
import { envelope, type ApiContext } from './api-context';
import { elementsOf, runBatch, type ElementResult } from './batch';
import { accountAcceptsPayments, findAccountByCode, findAccountById } from './chart';
import { settleCreditNote, settleInvoice } from './document-writer';
import { field, isObject, str, type Input } from './documents';
import { listable, type ListedCollection, listResponse, recordResponse } from './list-query';
import { lockDateErrors } from './lock-dates';
import { msg } from './messages';
import { emptyBody, notFound } from './not-found';
import { serializePayment, ZERO_GUID, type Json } from './serialize';
import { creditNoteById, invoiceById, paymentById } from '../state/lookup';

const PAYMENT_FIELDS = [
  'Invoice', 'CreditNote', 'Prepayment', 'Overpayment', 'InvoiceNumber', 'CreditNoteNumber', 'Account', 'Code', 'Date',
  'CurrencyRate', 'Amount', 'BankAmount', 'Reference', 'IsReconciled', 'Status', 'PaymentType', 'UpdatedDateUTC',
  'PaymentID', 'BatchPaymentID', 'HasAccount', 'HasValidationErrors',
] as const;
const PAYMENTS: ListedCollection = { key: 'Payments', typeName: 'Payment', fields: PAYMENT_FIELDS, paged: true };

function findTargetInvoice(ctx: ApiContext, ref: Input): InvoiceRecord | undefined {
  const id = str(field(ref, 'InvoiceID'));
  if (id) return invoiceById(ctx.org, id.toLowerCase());
  const number = str(field(ref, 'InvoiceNumber'))?.toLowerCase();
  return number ? ctx.org.invoices.find((i) => i.InvoiceNumber?.toLowerCase() === number && i.Type === 'ACCREC') ?? ctx.org.invoices.find((i) => i.InvoiceNumber?.toLowerCase() === number) : undefined;
}

function findTargetCreditNote(ctx: ApiContext, ref: Input): CreditNoteRecord | undefined {
  const id = str(field(ref, 'CreditNoteID'));
  if (id) return creditNoteById(ctx.org, id.toLowerCase());
  const number = str(field(ref, 'CreditNoteNumber'))?.toLowerCase();
  return number ? ctx.org.creditNotes.find((c) => c.CreditNoteNumber?.toLowerCase() === number) : undefined;
}

function echo(input: Input, errors: string[]): ElementResult {
  const json: Json = { PaymentID: ZERO_GUID };
  const amount = readNumber(field(input, 'Amount'));
  if (amount) json.Amount = amount.toNumber();
  const day = parseDocumentDay(field(input, 'Date'));
  if (day) json.Date = msJsonDate(dayToMs(day));
  for (const k of ['Reference', 'Invoice', 'CreditNote', 'Account', 'IsReconciled']) if (field(input, k) !== undefined) json[k] = field(input, k);
  return { json, errors, committed: false };
}

/** `batch`: the batch payment this one is saved in (accounting/batch-payments.ts), set before it is stored. */
export function applyPayment(ctx: ApiContext, input: unknown, batch?: BatchHeader): ElementResult {
  if (!isObject(input)) return { json: {}, errors: [msg.paymentTargetMissing], committed: false };
  const errors: string[] = [];
  const invRef = field(input, 'Invoice');
  const cnRef = field(input, 'CreditNote');
  let invoice: InvoiceRecord | undefined;
  let creditNote: CreditNoteRecord | undefined;
  if (isObject(invRef)) {
    invoice = findTargetInvoice(ctx, invRef);
    if (!invoice) errors.push(msg.invoiceNotFound(str(field(invRef, 'InvoiceID')) ?? str(field(invRef, 'InvoiceNumber')) ?? ''));
  } else if (isObject(cnRef)) {
    creditNote = findTargetCreditNote(ctx, cnRef);
    if (!creditNote) errors.push(msg.creditNoteNotFound(str(field(cnRef, 'CreditNoteID')) ?? str(field(cnRef, 'CreditNoteNumber')) ?? ''));
  } else errors.push(msg.paymentTargetMissing);

  const accRef = field(input, 'Account');
  let account: AccountRecord | undefined;
  const accId = isObject(accRef) ? str(field(accRef, 'AccountID')) : undefined;
  const accCode = isObject(accRef) ? str(field(accRef, 'Code')) : str(field(input, 'Code'));
  if (!accId && !accCode) errors.push(msg.paymentAccountMissing);
  else {
    account = accId ? findAccountById(ctx.org, accId) : findAccountByCode(ctx.org, accCode!);
    if (!account) errors.push(msg.paymentAccountNotFound);
    else if (!accountAcceptsPayments(account) || account.Status !== 'ACTIVE') errors.push(msg.paymentAccountInvalid);
  }

  const amount = readNumber(field(input, 'Amount'));
  if (!amount || amount.lte(0)) errors.push(msg.paymentAmountInvalid);
  const rawDate = field(input, 'Date');
  const date = rawDate === undefined || rawDate === null || rawDate === '' ? dayOf(ctx.now) : parseDocumentDay(rawDate);
  if (!date) errors.push(msg.dateInvalid('Date'));
  else errors.push(...lockDateErrors(ctx.org, date));

  const doc = invoice ?? creditNote;
  if (doc) {
    if (doc.Status !== 'AUTHORISED') errors.push(msg.paymentNotAuthorised);
    // A payment on a credit note is a refund (money paid out: OpenAPI `Payment.CreditNote`, xero-facts.md §3): never
    // above what the credit note has left (RemainingCredit), as a payment is never above an invoice's AmountDue.
    const outstanding = invoice ? invoice.AmountDue : creditNote!.RemainingCredit;
    if (amount && amount.gt(outstanding)) errors.push(msg.paymentExceedsAmountDue);
  }
  if (errors.length > 0) return echo(input, errors);

  const value = toAmount(amount!);
  const payment: PaymentRecord = {
    PaymentID: newUuid(),
    InvoiceID: invoice?.InvoiceID,
    CreditNoteID: creditNote?.CreditNoteID,
    AccountID: account!.AccountID,
    Date: date!,
    Amount: value,
    Reference: str(field(input, 'Reference')),
    CurrencyRate: readNumber(field(input, 'CurrencyRate'))?.toNumber() ?? 1,
    IsReconciled: field(input, 'IsReconciled') === true,
    Status: 'AUTHORISED',
    PaymentType: invoice ? (invoice.Type === 'ACCREC' ? 'ACCRECPAYMENT' : 'ACCPAYPAYMENT') : creditNote!.Type === 'ACCRECCREDIT' ? 'ARCREDITPAYMENT' : 'APCREDITPAYMENT',
    UpdatedDateUTC: ctx.now,
    ...(batch ? { BatchPayment: batch } : {}),
  };
  ctx.org.payments.push(payment);
  ctx.changed('payments', payment);
  // The payment gets its own UpdatedDateUTC; whether its invoice's or credit note's moves (even when it becomes PAID)
  // is not documented anywhere we could find: UNCONFIRMED, so the stricter reading, as for a deleted payment
  // (`removePayment`): it does not. A reader that wants new payments reads GET /Payments with If-Modified-Since.
  if (invoice) {
    invoice.paymentIds.push(payment.PaymentID);
    invoice.AmountPaid = toAmount(money(invoice.AmountPaid).plus(value));
    settleInvoice(invoice, ctx.now, date!, false);
    ctx.changed('invoices', invoice);
  } else {
    creditNote!.paymentIds.push(payment.PaymentID);
    creditNote!.RemainingCredit = toAmount(money(creditNote!.RemainingCredit).minus(value));
    settleCreditNote(creditNote!, ctx.now, date!, false);
    ctx.changed('creditNotes', creditNote!);
  }
  return { json: serializePayment(ctx.org, payment), errors: [], committed: true };
}

export function writePayments(ctx: ApiContext, body: unknown): SandboxResponse {
  const elements = elementsOf(body, 'Payments');
  if (!elements || elements.length === 0) return emptyBody();
  return runBatch(ctx, 'Payments', elements, (el) => applyPayment(ctx, el), 'HasValidationErrors');
}

function findPayment(ctx: ApiContext, id: string): PaymentRecord | undefined {
  return isGuid(id) ? paymentById(ctx.org, id.toLowerCase()) : undefined;
}

/**
 * GET /Payments: paged (OpenAPI getPayments `page`, "Up to 100 payments", and `pageSize`, at most 1000: xero-facts.md
 * §3), with `where`, `order` and If-Modified-Since (list-query.ts). Deleted payments are listed with Status DELETED:
 * `Payment.Status` is AUTHORISED|DELETED and the spec's own `where` example is `Status=="AUTHORISED"`, a filter
 * that would be pointless if only AUTHORISED ones were listed; removePayment below moves their UpdatedDateUTC.
 */
export function listPayments(ctx: ApiContext): SandboxResponse {
  return listResponse(
    ctx,
    PAYMENTS,
    ctx.org.payments.map((p) => listable(p.PaymentID, p.UpdatedDateUTC, () => serializePayment(ctx.org, p))),
  );
}

export function getPayment(ctx: ApiContext, id: string): SandboxResponse {
  return recordResponse(ctx, 'Payments', findPayment(ctx, id), (p) => serializePayment(ctx.org, p));
}

/**
 * Xero's refusals for deleting `payment`, or [] when it may go. One rule for the API's deletion and for a person
 * removing the payment in Xero's web app (controls/person-edits.ts).
 */
export function paymentDeletionErrors(ctx: ApiContext, payment: PaymentRecord): string[] {
  if (payment.IsReconciled) return [msg.paymentReconciled];
  // A payment made in a batch is removed with its batch, never alone: Xero answers "Payments within a batch cannot be
  // deleted." (quoted from Xero at help.bookeo.com, article 2576895), and the OpenAPI `BatchPayment.Status` says batch
  // payments cannot be deleted through the API at all.
  if (payment.BatchPayment) return [msg.batchMemberNotDeletable];
  return payment.Status !== 'DELETED' ? lockDateErrors(ctx.org, payment.Date) : [];
}

/**
 * Marks the payment DELETED and gives its amount back to its document (AmountDue up, PAID back to AUTHORISED).
 * The payment's own UpdatedDateUTC moves (Xero lists it with Status DELETED: OpenAPI `Payment.Status` AUTHORISED|DELETED,
 * the getPayments `where` example `Status=="AUTHORISED"`, the deletePayment example answering Status DELETED with a new
 * UpdatedDateUTC). Whether its invoice's or credit note's UpdatedDateUTC moves is not documented anywhere we could
 * find: UNCONFIRMED, so the stricter reading, it does not. A reader that wants deletions must read GET /Payments with
 * If-Modified-Since; an If-Modified-Since read of the documents does not bring the document back.
 */
export function removePayment(ctx: ApiContext, payment: PaymentRecord): void {
  if (payment.Status === 'DELETED') return;
  payment.Status = 'DELETED';
  payment.UpdatedDateUTC = ctx.now;
  ctx.changed('payments', payment);
  const inv = payment.InvoiceID ? invoiceById(ctx.org, payment.InvoiceID) : undefined;
  if (inv) {
    inv.AmountPaid = toAmount(money(inv.AmountPaid).minus(payment.Amount));
    settleInvoice(inv, ctx.now, undefined, false);
    ctx.changed('invoices', inv);
  }
  const cn = payment.CreditNoteID ? creditNoteById(ctx.org, payment.CreditNoteID) : undefined;
  if (cn) {
    cn.RemainingCredit = toAmount(money(cn.RemainingCredit).plus(payment.Amount));
    settleCreditNote(cn, ctx.now, undefined, false);
    ctx.changed('creditNotes', cn);
  }
}

/** POST /Payments/{id} with {"Status":"DELETED"} reverses the payment on its document. */
export function deletePayment(ctx: ApiContext, id: string, body: unknown): SandboxResponse {
  const payment = findPayment(ctx, id);
  if (!payment) return notFound();
  const element = (elementsOf(body, 'Payments') ?? [])[0];
  const status = isObject(element) ? str(field(element, 'Status'))?.toUpperCase() : undefined;
  const json = serializePayment(ctx.org, payment);
  if (status !== 'DELETED') return validationException([{ ...json, ValidationErrors: [{ Message: msg.paymentsCannotBeModified }] }]);
  const refused = paymentDeletionErrors(ctx, payment);
  if (refused.length > 0) return validationException([{ ...json, ValidationErrors: refused.map((Message) => ({ Message })) }]);
  removePayment(ctx, payment);
  const response = envelope(ctx, 'Payments', [{ ...serializePayment(ctx.org, payment), StatusAttributeString: 'OK' }]);
  response.mutated = true;
  return response;
}
