/**
 * Step 5: a synced transaction's invoice and payments read back from Xero, compared field by field (`read-back.ts`)
 * with what the planner makes of the same CourseCo transaction planned afresh against the live chart, and the outcome
 * kept as the test-sync fact for the tenant it was read from.
 */
import type { ReadBack } from '../../contract/features/wizard';
import type { FeatureContext } from '../app/feature-context';
import { DomainError } from '../errors';
import { accountLabel, planSync, plannerSettingsFrom } from '../sync/plan';
import { invoiceLink } from '../xero/invoice-link';
import { compareReadBack, type ReadInvoice, type ReadPayment } from './read-back';
import type { FactsStore } from './wizard-facts';
import { plannerChart, readLiveChart } from './xero-chart';

export async function readBackTestSync(context: FeatureContext, facts: FactsStore, transactionId: string): Promise<ReadBack> {
  const { connection, settings, clock } = context;
  const journal = context.journal();
  const row = journal.get(transactionId);
  if (!row) {
    throw new DomainError('TransactionNotFound', {
      message: `Transaction ${transactionId} is not in the assistant's journal.`,
      fix: 'Import the CourseCo transactions report (or load the sample data) and pick a transaction from it.',
    });
  }
  if (!row.xeroInvoiceId) {
    throw new DomainError('NotSyncedYet', {
      message: `Transaction ${transactionId} has not been sent to Xero yet${row.lastError ? `: ${row.lastError}` : ''}.`,
      fix: 'Click "Sync to Xero" for it first, then read it back.',
      ...(row.lastError ? { evidence: row.lastError } : {}),
    });
  }
  const invoiceId = row.xeroInvoiceId;
  const [invoiceBody, paymentBody, chart, organisation] = await Promise.all([
    connection.xero.call('GET /Invoices/{id}', (api, tenant) => api.getInvoice(tenant, invoiceId)),
    connection.xero.call('GET /Payments', (api, tenant) => api.getPayments(tenant, undefined, `Invoice.InvoiceID==guid("${invoiceId}")`)),
    readLiveChart(connection.xero),
    connection.xero.getOrganisation(),
  ]);
  const xeroInvoice = invoiceBody.invoices?.[0];
  if (!xeroInvoice) {
    throw new DomainError('InvoiceNotFound', {
      message: `Xero has no invoice ${invoiceId} for transaction ${transactionId}.`,
      fix: 'Check that the assistant is connected to the organisation the transaction was sent to.',
    });
  }
  const invoice: ReadInvoice = {
    invoiceId,
    lines: (xeroInvoice.lineItems ?? []).map((l) => ({
      ...(l.accountCode ? { accountCode: l.accountCode } : {}),
      ...(l.taxType ? { taxType: l.taxType } : {}),
      ...(l.lineAmount !== undefined ? { lineAmount: l.lineAmount } : {}),
    })),
  };
  if (xeroInvoice.invoiceNumber) invoice.invoiceNumber = xeroInvoice.invoiceNumber;
  if (xeroInvoice.contact?.name) invoice.contactName = xeroInvoice.contact.name;
  if (xeroInvoice.status !== undefined) invoice.status = String(xeroInvoice.status);
  if (xeroInvoice.currencyCode !== undefined) invoice.currencyCode = String(xeroInvoice.currencyCode);
  if (xeroInvoice.subTotal !== undefined) invoice.subTotal = xeroInvoice.subTotal;
  if (xeroInvoice.totalTax !== undefined) invoice.totalTax = xeroInvoice.totalTax;
  if (xeroInvoice.total !== undefined) invoice.total = xeroInvoice.total;
  const payments: ReadPayment[] = (paymentBody.payments ?? []).map((p) => ({
    ...(p.amount !== undefined ? { amount: p.amount } : {}),
    ...(p.account?.accountID ? { accountId: p.account.accountID } : {}),
    ...(p.account?.code ? { accountCode: p.account.code } : {}),
    ...(p.status !== undefined ? { status: String(p.status) } : {}),
  }));
  // What CourseCo's transaction should become, planned as if it had never been sent.
  const [entry] = journal.entries({ ids: [transactionId] });
  const fresh = entry && {
    ...entry,
    status: 'ready' as const,
    syncedHash: null,
    approvedHash: null,
    xero: { contactId: null, invoiceId: null, creditNoteId: null, number: null },
    payments: entry.payments.map((p) => ({ ...p, syncedHash: null, xeroPaymentId: null, lastError: null })),
  };
  const planner = plannerChart(chart);
  const plan = planSync({ entries: fresh ? [fresh] : [], settings: plannerSettingsFrom(settings.all(), planner.rates, {}, planner.accounts) });
  const names = new Map(chart.accounts.filter((a) => a.accountId).map((a) => [a.accountId!.toLowerCase(), accountLabel(a)]));
  const rateNames = new Map(chart.rates.filter((r) => r.name).map((r) => [r.taxType, r.name]));
  const fields = compareReadBack(plan, transactionId, invoice, payments, (id) => names.get(id), (taxType) => rateNames.get(taxType));
  const allMatch = fields.every((f) => f.match);
  const result: ReadBack = { transactionId, invoiceId, allMatch, fields };
  if (invoice.invoiceNumber) result.invoiceNumber = invoice.invoiceNumber;
  if (organisation.shortCode) result.invoiceUrl = invoiceLink(connection.origins.apiOrigin, invoiceId, organisation.shortCode);
  facts.update((f) => ({
    ...f,
    testSync: {
      tenantId: organisation.tenantId,
      transactionId,
      invoiceId,
      verifiedAt: new Date(clock.now()).toISOString(),
      allMatch,
      ...(result.invoiceNumber ? { invoiceNumber: result.invoiceNumber } : {}),
      ...(result.invoiceUrl ? { invoiceUrl: result.invoiceUrl } : {}),
    },
  }));
  return result;
}
