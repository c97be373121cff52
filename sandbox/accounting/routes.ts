/** The Accounting API surface under /api.xro/2.0. */
import type { Router } from '../http/router';
import type { Runtime } from '../runtime';
import { listContacts, getContact, writeContacts, updateContact } from './contacts';
import { allocateCreditNote, getCreditNote, listCreditNotes, updateCreditNote, writeCreditNotes } from './credit-notes';
import { apiRoute } from './gate';
import { getInvoice, listInvoices, updateInvoice, writeInvoices } from './invoices';
import { deletePayment, getPayment, listPayments, writePayments } from './payments';
import { getAccount, getOrganisation, listAccounts, listTaxRates, notImplemented } from './settings';

export const API_PREFIX = '/api.xro/2.0';

export function registerAccountingRoutes(router: Router, rt: Runtime): void {
  const p = (path: string) => `${API_PREFIX}${path}`;
  const id = (ctx: { req: { params: Record<string, string> } }) => ctx.req.params.id ?? '';
  router
    .add('GET', p('/Organisation'), apiRoute(rt, 'settings', false, (ctx) => getOrganisation(ctx)))
    .add('POST', p('/Organisation'), apiRoute(rt, 'settings', true, () => notImplemented()))
    .add('GET', p('/Accounts'), apiRoute(rt, 'settings', false, (ctx) => listAccounts(ctx)))
    .add('GET', p('/Accounts/:id'), apiRoute(rt, 'settings', false, (ctx) => getAccount(ctx, id(ctx))))
    .add('GET', p('/TaxRates'), apiRoute(rt, 'settings', false, (ctx) => listTaxRates(ctx)))
    .add('GET', p('/Contacts'), apiRoute(rt, 'contacts', false, (ctx) => listContacts(ctx)))
    .add('GET', p('/Contacts/:id'), apiRoute(rt, 'contacts', false, (ctx) => getContact(ctx, id(ctx))))
    .add('PUT', p('/Contacts'), apiRoute(rt, 'contacts', true, (ctx, body) => writeContacts(ctx, body, 'create')))
    .add('POST', p('/Contacts'), apiRoute(rt, 'contacts', true, (ctx, body) => writeContacts(ctx, body, 'upsert')))
    .add('POST', p('/Contacts/:id'), apiRoute(rt, 'contacts', true, (ctx, body) => updateContact(ctx, id(ctx), body)))
    .add('GET', p('/Invoices'), apiRoute(rt, 'invoices', false, (ctx) => listInvoices(ctx)))
    .add('GET', p('/Invoices/:id'), apiRoute(rt, 'invoices', false, (ctx) => getInvoice(ctx, id(ctx))))
    .add('PUT', p('/Invoices'), apiRoute(rt, 'invoices', true, (ctx, body) => writeInvoices(ctx, body, 'create')))
    .add('POST', p('/Invoices'), apiRoute(rt, 'invoices', true, (ctx, body) => writeInvoices(ctx, body, 'upsert')))
    .add('POST', p('/Invoices/:id'), apiRoute(rt, 'invoices', true, (ctx, body) => updateInvoice(ctx, id(ctx), body)))
    .add('GET', p('/Payments'), apiRoute(rt, 'payments', false, (ctx) => listPayments(ctx)))
    .add('GET', p('/Payments/:id'), apiRoute(rt, 'payments', false, (ctx) => getPayment(ctx, id(ctx))))
    .add('PUT', p('/Payments'), apiRoute(rt, 'payments', true, (ctx, body) => writePayments(ctx, body)))
    .add('POST', p('/Payments'), apiRoute(rt, 'payments', true, (ctx, body) => writePayments(ctx, body)))
    .add('POST', p('/Payments/:id'), apiRoute(rt, 'payments', true, (ctx, body) => deletePayment(ctx, id(ctx), body)))
    .add('GET', p('/CreditNotes'), apiRoute(rt, 'invoices', false, (ctx) => listCreditNotes(ctx)))
    .add('GET', p('/CreditNotes/:id'), apiRoute(rt, 'invoices', false, (ctx) => getCreditNote(ctx, id(ctx))))
    .add('PUT', p('/CreditNotes'), apiRoute(rt, 'invoices', true, (ctx, body) => writeCreditNotes(ctx, body, 'create')))
    .add('POST', p('/CreditNotes'), apiRoute(rt, 'invoices', true, (ctx, body) => writeCreditNotes(ctx, body, 'upsert')))
    .add('POST', p('/CreditNotes/:id'), apiRoute(rt, 'invoices', true, (ctx, body) => updateCreditNote(ctx, id(ctx), body)))
    .add('PUT', p('/CreditNotes/:id/Allocations'), apiRoute(rt, 'invoices', true, (ctx, body) => allocateCreditNote(ctx, id(ctx), body)));
}
