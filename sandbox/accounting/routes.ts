/** The Accounting API surface under /api.xro/2.0. */
import type { Router } from '../http/router';
import type { SandboxResponse } from '../http/response';
import type { ApiResource } from '../identity/scopes';
import type { Runtime } from '../runtime';
import type { ApiContext } from './api-context';
import { listContacts, getContact, writeContacts, updateContact } from './contacts';
import { getBatchPayment, listBatchPayments, writeBatchPayments } from './batch-payments';
import { allocateCreditNote, creditNoteEndpoints, listCreditNotes } from './credit-notes';
import { apiRoute } from './gate';
import { invoiceEndpoints, listInvoices } from './invoices';
import { deletePayment, getPayment, listPayments, writePayments } from './payments';
import { getAccount, getOrganisation, listAccounts, listCurrencies, listTaxRates, notImplemented } from './settings';
import { createTrackingCategories, createTrackingOptions, getTrackingCategory, listTrackingCategories } from './tracking';

export const API_PREFIX = '/api.xro/2.0';

/** A collection Xero reads and writes alike: list, GET one, PUT creates, POST creates or updates, POST to one's own path updates it. */
interface WritableCollection {
  list(ctx: ApiContext): SandboxResponse;
  get(ctx: ApiContext, id: string): SandboxResponse;
  write(ctx: ApiContext, body: unknown, mode: 'create' | 'upsert'): SandboxResponse;
  update(ctx: ApiContext, id: string, body: unknown): SandboxResponse;
}

export function registerAccountingRoutes(router: Router, rt: Runtime): void {
  const p = (path: string) => `${API_PREFIX}${path}`;
  const id = (ctx: { req: { params: Record<string, string> } }) => ctx.req.params.id ?? '';
  const addWritable = (path: string, resource: ApiResource, c: WritableCollection) =>
    router
      .add('GET', p(path), apiRoute(rt, resource, false, (ctx) => c.list(ctx)))
      .add('GET', p(`${path}/:id`), apiRoute(rt, resource, false, (ctx) => c.get(ctx, id(ctx))))
      .add('PUT', p(path), apiRoute(rt, resource, true, (ctx, body) => c.write(ctx, body, 'create')))
      .add('POST', p(path), apiRoute(rt, resource, true, (ctx, body) => c.write(ctx, body, 'upsert')))
      .add('POST', p(`${path}/:id`), apiRoute(rt, resource, true, (ctx, body) => c.update(ctx, id(ctx), body)));
  router
    .add('GET', p('/Organisation'), apiRoute(rt, 'settings', false, (ctx) => getOrganisation(ctx)))
    .add('POST', p('/Organisation'), apiRoute(rt, 'settings', true, () => notImplemented()))
    .add('GET', p('/Accounts'), apiRoute(rt, 'settings', false, (ctx) => listAccounts(ctx)))
    .add('GET', p('/Accounts/:id'), apiRoute(rt, 'settings', false, (ctx) => getAccount(ctx, id(ctx))))
    .add('GET', p('/TaxRates'), apiRoute(rt, 'settings', false, (ctx) => listTaxRates(ctx)))
    .add('GET', p('/Currencies'), apiRoute(rt, 'settings', false, (ctx) => listCurrencies(ctx)))

    // Tracking: reads take accounting.settings(.read), writes accounting.settings only (OpenAPI; tracking.ts).
    .add('GET', p('/TrackingCategories'), apiRoute(rt, 'settings', false, (ctx) => listTrackingCategories(ctx)))
    .add('GET', p('/TrackingCategories/:id'), apiRoute(rt, 'settings', false, (ctx) => getTrackingCategory(ctx, id(ctx))))
    .add('PUT', p('/TrackingCategories'), apiRoute(rt, 'settings', true, (ctx, body) => createTrackingCategories(ctx, body)))
    .add('PUT', p('/TrackingCategories/:id/Options'), apiRoute(rt, 'settings', true, (ctx, body) => createTrackingOptions(ctx, id(ctx), body)));
  addWritable('/Contacts', 'contacts', { list: listContacts, get: getContact, write: writeContacts, update: updateContact });
  addWritable('/Invoices', 'invoices', { list: listInvoices, ...invoiceEndpoints });
  // Payments are never updated in place: POST to one's own path can only delete it.
  router
    .add('GET', p('/Payments'), apiRoute(rt, 'payments', false, (ctx) => listPayments(ctx)))
    .add('GET', p('/Payments/:id'), apiRoute(rt, 'payments', false, (ctx) => getPayment(ctx, id(ctx))))
    .add('PUT', p('/Payments'), apiRoute(rt, 'payments', true, (ctx, body) => writePayments(ctx, body)))
    .add('POST', p('/Payments'), apiRoute(rt, 'payments', true, (ctx, body) => writePayments(ctx, body)))
    .add('POST', p('/Payments/:id'), apiRoute(rt, 'payments', true, (ctx, body) => deletePayment(ctx, id(ctx), body)));
  // Batch payments share the payments scope (xero-facts.md §1: accounting.payments covers BatchPayments).
  router
    .add('GET', p('/BatchPayments'), apiRoute(rt, 'payments', false, (ctx) => listBatchPayments(ctx)))
    .add('GET', p('/BatchPayments/:id'), apiRoute(rt, 'payments', false, (ctx) => getBatchPayment(ctx, id(ctx))))
    .add('PUT', p('/BatchPayments'), apiRoute(rt, 'payments', true, (ctx, body) => writeBatchPayments(ctx, body)));
  // Credit notes share the invoices scope, as in Xero.
  addWritable('/CreditNotes', 'invoices', { list: listCreditNotes, ...creditNoteEndpoints });
  router.add('PUT', p('/CreditNotes/:id/Allocations'), apiRoute(rt, 'invoices', true, (ctx, body) => allocateCreditNote(ctx, id(ctx), body)));
}
