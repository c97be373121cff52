/** Invoices: GET (by ID or number, filters, paging), PUT create, POST create-or-update, POST /Invoices/{id}. */
import { queryParam } from '../http/request';
import type { SandboxResponse } from '../http/response';
import { isGuid } from '../ids';
import type { InvoiceRecord } from '../state/model';
import type { ApiContext } from './api-context';
import { documentEndpoints, invoiceKind } from './document-writer';
import { listable, type ListedCollection, listParam, listResponse, withoutUnaskedDeleted } from './list-query';
import { serializeInvoice, type Json } from './serialize';
import { invoiceById } from '../state/lookup';

export const INVOICE_FIELDS = [
  'Type', 'Contact', 'LineItems', 'Date', 'DueDate', 'LineAmountTypes', 'InvoiceNumber', 'Reference', 'BrandingThemeID',
  'Url', 'CurrencyCode', 'CurrencyRate', 'Status', 'SentToContact', 'ExpectedPaymentDate', 'PlannedPaymentDate',
  'SubTotal', 'TotalTax', 'Total', 'TotalDiscount', 'InvoiceID', 'RepeatingInvoiceID', 'HasAttachments', 'IsDiscounted',
  'Payments', 'Prepayments', 'Overpayments', 'AmountDue', 'AmountPaid', 'FullyPaidOnDate', 'AmountCredited',
  'UpdatedDateUTC', 'CreditNotes', 'HasErrors',
] as const;
const INVOICES: ListedCollection = { key: 'Invoices', typeName: 'Invoice', fields: INVOICE_FIELDS, paged: true, ids: true };

export function findInvoice(ctx: ApiContext, idOrNumber: string): InvoiceRecord | undefined {
  if (isGuid(idOrNumber)) return invoiceById(ctx.org, idOrNumber.toLowerCase());
  const lower = idOrNumber.toLowerCase();
  return ctx.org.invoices.find((i) => i.InvoiceNumber?.toLowerCase() === lower);
}

/**
 * A multi-invoice GET without `page` returns summaries: "When you retrieve multiple invoices, only a summary of the
 * contact is returned and no line items are returned" (Xero's Invoices docs, xero-facts.md §3 and §9); with `page`,
 * "Up to 100 invoices will be returned in a single API call with line items shown for each invoice" (OpenAPI
 * getInvoices `page`). Whether unpaged reads carry Payments, CreditNotes, Prepayments and Overpayments is
 * UNCONFIRMED, so the sandbox leaves them out too: a client must page (or GET by id) for any of them.
 */
function unpagedSummary(invoice: Json): Json {
  const { LineItems: _l, Payments: _p, CreditNotes: _c, Prepayments: _pre, Overpayments: _o, ...rest } = invoice;
  return rest;
}

/**
 * Every status but DELETED is listed unless `Statuses` or `where` narrows it: the OpenAPI getInvoices example answers
 * an unfiltered GET with a VOIDED invoice beside PAID and AUTHORISED ones. DELETED ones only when asked for
 * (`withoutUnaskedDeleted`, list-query.ts, says why); `Statuses` takes DELETED (OpenAPI `Invoice.Status`).
 */
export function listInvoices(ctx: ApiContext): SandboxResponse {
  let invoices = ctx.org.invoices;
  const numbers = listParam(ctx, 'InvoiceNumbers');
  if (numbers) {
    const wanted = new Set(numbers.map((n) => n.toLowerCase()));
    invoices = invoices.filter((i) => i.InvoiceNumber !== undefined && wanted.has(i.InvoiceNumber.toLowerCase()));
  }
  const contactIds = listParam(ctx, 'ContactIDs');
  if (contactIds) {
    const wanted = new Set(contactIds.map((n) => n.toLowerCase()));
    invoices = invoices.filter((i) => wanted.has(i.ContactID));
  }
  const statuses = listParam(ctx, 'Statuses');
  if (statuses) {
    const wanted = new Set(statuses.map((n) => n.toUpperCase()));
    invoices = invoices.filter((i) => wanted.has(i.Status));
  }
  invoices = withoutUnaskedDeleted(ctx, invoices, statuses);
  if (queryParam(ctx.req, 'createdByMyApp')?.toLowerCase() === 'true') invoices = invoices.filter((i) => i.createdByClientId === ctx.client.clientId);
  const term = queryParam(ctx.req, 'searchTerm')?.toLowerCase();
  if (term) invoices = invoices.filter((i) => [i.InvoiceNumber, i.Reference].some((v) => v?.toLowerCase().includes(term)));
  const summaryOnly = queryParam(ctx.req, 'summaryOnly')?.toLowerCase() === 'true';
  return listResponse(
    ctx,
    INVOICES,
    invoices.map((i) => listable(i.InvoiceID, i.UpdatedDateUTC, () => serializeInvoice(ctx.org, i, { summaryOnly }))),
    unpagedSummary,
  );
}

export const invoiceEndpoints = documentEndpoints(invoiceKind, findInvoice);
