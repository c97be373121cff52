/**
 * Credit notes: create/update like invoices, and allocate AUTHORISED credit to the same contact's AUTHORISED invoices
 * (PUT /CreditNotes/{CreditNoteID}/Allocations, OpenAPI `createCreditNoteAllocation`), never above the invoice's
 * AmountDue nor the credit note's RemainingCredit. An allocation raises the invoice's AmountCredited (AmountDue =
 * Total − AmountPaid − AmountCredited; → PAID at 0) and lowers the credit note's RemainingCredit (→ PAID at 0: Xero's
 * credit note statuses include PAID, OpenAPI `CreditNote.Status`); GET returns both with the Allocations.
 */
import type { SandboxResponse } from '../http/response';
import { isGuid, newUuid } from '../ids';
import { money, readNumber, toAmount } from '../money';
import type { AllocationRecord, CreditNoteRecord } from '../state/model';
import { parseDocumentDay } from '../xero-dates';
import type { ApiContext } from './api-context';
import { elementsOf, runBatch, type ElementResult } from './batch';
import { creditNoteKind, documentEndpoints, settleCreditNote, settleInvoice } from './document-writer';
import { field, isObject, str } from './documents';
import { listable, type ListedCollection, listResponse, withoutUnaskedDeleted } from './list-query';
import { lockDateErrors } from './lock-dates';
import { msg } from './messages';
import { emptyBody, notFound } from './not-found';
import { serializeAllocation, serializeCreditNote } from './serialize';
import { creditNoteById, invoiceById } from '../state/lookup';

const CREDIT_NOTE_FIELDS = [
  'Type', 'Contact', 'Date', 'DueDate', 'Status', 'LineAmountTypes', 'LineItems', 'SubTotal', 'TotalTax', 'Total',
  'UpdatedDateUTC', 'CurrencyCode', 'FullyPaidOnDate', 'CreditNoteID', 'CreditNoteNumber', 'Reference', 'SentToContact',
  'CurrencyRate', 'RemainingCredit', 'Allocations', 'AppliedAmount', 'Payments', 'BrandingThemeID', 'HasAttachments', 'HasErrors',
] as const;
const CREDIT_NOTES: ListedCollection = { key: 'CreditNotes', typeName: 'CreditNote', fields: CREDIT_NOTE_FIELDS, paged: true };

export function findCreditNote(ctx: ApiContext, idOrNumber: string): CreditNoteRecord | undefined {
  if (isGuid(idOrNumber)) return creditNoteById(ctx.org, idOrNumber.toLowerCase());
  return ctx.org.creditNotes.find((c) => c.CreditNoteNumber?.toLowerCase() === idOrNumber.toLowerCase());
}

/**
 * Every status but DELETED is listed, VOIDED included, as for invoices; DELETED ones only for a `where` naming Status
 * (getCreditNotes has no `Statuses`; `withoutUnaskedDeleted`, list-query.ts, says why).
 */
export function listCreditNotes(ctx: ApiContext): SandboxResponse {
  // As for invoices: "e.g. page=1 – Up to 100 credit notes will be returned in a single API call with line items shown
  // for each credit note" (OpenAPI getCreditNotes `page`), so without `page` there are no line items; allocations and
  // payments are left out as well (UNCONFIRMED either way, so the stricter reading). Page, or GET by id, for them.
  return listResponse(
    ctx,
    CREDIT_NOTES,
    withoutUnaskedDeleted(ctx, ctx.org.creditNotes, undefined).map((c) => listable(c.CreditNoteID, c.UpdatedDateUTC, () => serializeCreditNote(ctx.org, c))),
    ({ LineItems: _l, Allocations: _a, Payments: _p, ...rest }) => rest,
  );
}

export const creditNoteEndpoints = documentEndpoints(creditNoteKind, findCreditNote);

function applyAllocation(ctx: ApiContext, cn: CreditNoteRecord, input: unknown): ElementResult {
  if (!isObject(input)) return { json: {}, errors: [msg.invoiceNotFound('')], committed: false };
  const errors: string[] = [];
  const invRef = field(input, 'Invoice');
  const invId = isObject(invRef) ? str(field(invRef, 'InvoiceID')) : undefined;
  const invNumber = isObject(invRef) ? str(field(invRef, 'InvoiceNumber')) : undefined;
  const inv = invId
    ? invoiceById(ctx.org, invId.toLowerCase())
    : invNumber
      ? ctx.org.invoices.find((i) => i.InvoiceNumber?.toLowerCase() === invNumber.toLowerCase())
      : undefined;
  if (!inv) errors.push(msg.invoiceNotFound(invId ?? invNumber ?? ''));
  const amount = readNumber(field(input, 'Amount'));
  if (!amount || amount.lte(0)) errors.push(msg.paymentAmountInvalid);
  // Invoice, Amount and Date are all required (OpenAPI schema `Allocation`); a date Xero cannot read is no date.
  const rawDate = field(input, 'Date');
  const date = rawDate === undefined || rawDate === null || rawDate === '' ? undefined : parseDocumentDay(rawDate);
  if (rawDate === undefined || rawDate === null || rawDate === '') errors.push(msg.allocationDateMissing);
  else if (!date) errors.push(msg.dateInvalid('Date'));
  if (date) errors.push(...lockDateErrors(ctx.org, date));
  if (inv) {
    // Receivable credit to receivable invoices, payable to payable (xeroizer#320's third message).
    if ((cn.Type === 'ACCRECCREDIT') !== (inv.Type === 'ACCREC')) errors.push(msg.allocationWrongInvoiceType);
    if (inv.Status === 'PAID') errors.push(msg.allocationInvoicePaid);
    else if (cn.Status !== 'AUTHORISED' || inv.Status !== 'AUTHORISED') errors.push(msg.allocationNotAuthorised);
    // The credit belongs to one contact and is in one currency: Xero's UI offers only that contact's outstanding
    // invoices in the credit note's currency (help.xero.com "Allocate a credit note"); the API text is unknown.
    if (inv.ContactID !== cn.ContactID) errors.push(msg.allocationOtherContact);
    if (inv.CurrencyCode !== cn.CurrencyCode) errors.push(msg.allocationOtherCurrency);
  }
  // Never more than either document has outstanding: the invoice's AmountDue, the credit note's RemainingCredit.
  if (amount && (amount.gt(cn.RemainingCredit) || (inv && inv.Status !== 'PAID' && amount.gt(inv.AmountDue)))) errors.push(msg.allocationExceedsOutstanding);
  if (errors.length > 0 || !date) return { json: { ...input }, errors, committed: false };
  const value = toAmount(amount!);
  const allocation: AllocationRecord = { AllocationID: newUuid(), CreditNoteID: cn.CreditNoteID, InvoiceID: inv!.InvoiceID, Amount: value, Date: date, IsDeleted: false };
  ctx.org.allocations.push(allocation);
  cn.allocationIds.push(allocation.AllocationID);
  inv!.allocationIds.push(allocation.AllocationID);
  cn.RemainingCredit = toAmount(money(cn.RemainingCredit).minus(value));
  inv!.AmountCredited = toAmount(money(inv!.AmountCredited).plus(value));
  // KINDER THAN XERO, possibly (known): whether allocating a credit moves the invoice's and credit note's
  // UpdatedDateUTC is as undocumented as for a payment (payments.ts), where the sandbox takes the stricter reading.
  // Here it still moves them, so a modified-since reader sees AmountCredited change; making it strict needs the
  // reconciliation to read allocations off the credit notes it reads. UNCONFIRMED either way.
  settleInvoice(inv!, ctx.now, date);
  settleCreditNote(cn, ctx.now, date);
  ctx.changed('allocations', allocation);
  ctx.changed('invoices', inv!);
  ctx.changed('creditNotes', cn);
  return { json: serializeAllocation(ctx.org, allocation), errors: [], committed: true };
}

export function allocateCreditNote(ctx: ApiContext, id: string, body: unknown): SandboxResponse {
  const cn = findCreditNote(ctx, id);
  if (!cn) return notFound();
  const elements = elementsOf(body, 'Allocations');
  if (!elements || elements.length === 0) return emptyBody();
  return runBatch(ctx, 'Allocations', elements, (el) => applyAllocation(ctx, cn, el), 'HasErrors');
}
