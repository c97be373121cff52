/** Credit notes (basic): create/update like invoices, and allocate AUTHORISED credit to AUTHORISED invoices. */
import type { SandboxResponse } from '../http/response';
import { isGuid, newUuid } from '../ids';
import { money, readNumber, toAmount } from '../money';
import type { AllocationRecord, CreditNoteRecord } from '../state/model';
import { dayOf, parseDocumentDay } from '../xero-dates';
import type { ApiContext } from './api-context';
import { elementsOf, runBatch, type ElementResult } from './batch';
import { creditNoteKind, documentEndpoints, settleCreditNote, settleInvoice } from './document-writer';
import { field, isObject, str } from './documents';
import { listable, type ListedCollection, listResponse } from './list-query';
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

export function listCreditNotes(ctx: ApiContext): SandboxResponse {
  // As for invoices: "e.g. page=1 – Up to 100 credit notes will be returned in a single API call with line items shown
  // for each credit note" (OpenAPI getCreditNotes `page`), so without `page` there are no line items; allocations and
  // payments are left out as well (UNCONFIRMED either way, so the stricter reading). Page, or GET by id, for them.
  return listResponse(
    ctx,
    CREDIT_NOTES,
    ctx.org.creditNotes.map((c) => listable(c.CreditNoteID, c.UpdatedDateUTC, () => serializeCreditNote(ctx.org, c))),
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
  const date = parseDocumentDay(field(input, 'Date')) ?? dayOf(ctx.now);
  errors.push(...lockDateErrors(ctx.org, date));
  if (inv && (cn.Status !== 'AUTHORISED' || inv.Status !== 'AUTHORISED')) errors.push(msg.allocationNotAuthorised);
  if (amount && amount.gt(cn.RemainingCredit)) errors.push(msg.allocationExceedsCredit);
  if (inv && amount && amount.gt(inv.AmountDue)) errors.push(msg.allocationExceedsAmountDue);
  if (errors.length > 0) return { json: { ...input }, errors, committed: false };
  const value = toAmount(amount!);
  const allocation: AllocationRecord = { AllocationID: newUuid(), CreditNoteID: cn.CreditNoteID, InvoiceID: inv!.InvoiceID, Amount: value, Date: date, IsDeleted: false };
  ctx.org.allocations.push(allocation);
  cn.allocationIds.push(allocation.AllocationID);
  inv!.allocationIds.push(allocation.AllocationID);
  cn.RemainingCredit = toAmount(money(cn.RemainingCredit).minus(value));
  inv!.AmountCredited = toAmount(money(inv!.AmountCredited).plus(value));
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
