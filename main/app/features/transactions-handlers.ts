/**
 * Handlers of the transactions feature's channels (contract/features/transactions.ts): the console's import,
 * its paged view of the journal, one transaction's detail, and the user's exclude / include / retry actions. Every
 * change is announced as `transactions.changed` so every open console refreshes.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureContext, FeatureHandlers } from '../feature-context';
import type { ImportResult, TransactionDetail, transactionsChannels, TransactionFilter } from '../../../contract/features/transactions';
import { MAX_ACTION_IDS, MAX_IMPORT_BYTES, MAX_PAGE_ROWS } from '../../../contract/features/transactions';
import { DomainError } from '../../errors';
import { importExport, type ImportOutcome, type ImportRequest } from '../../sync/import';
import { adviseFailure, createXeroGateway } from '../../sync/run';
import type { TransactionQuery, TransactionSummary } from '../../sync/journal';
import { lineAccountCode, lineRulesFromSettings, ruleForLine } from '../../sync/plan';
import { invoiceLink } from '../../xero/invoice-link';
import { changeDetail, changeHistory } from './change-detail';

/** The sample exports, in the order they must be imported (payments refer to transactions). */
export const SAMPLE_FILES = ['courseco-transactions-report.csv', 'courseco-payments-report.csv'] as const;

/** sandbox/sample-data from the sources (main/app/features) or from the bundled app (dist/electron). */
function sampleDataDir(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '..', '..', '..', 'sandbox', 'sample-data'), path.resolve(here, '..', '..', 'sandbox', 'sample-data')];
  return candidates.find((dir) => SAMPLE_FILES.every((file) => existsSync(path.join(dir, file))));
}

/** A failed row carries its fix: the reason, what to do, whether Retry can help and where (failure-advice.ts). */
function withAdvice<R extends TransactionSummary>(row: R): R & { failure?: ReturnType<typeof adviseFailure> } {
  if (row.status !== 'failed' || !row.lastError) return row;
  return { ...row, failure: adviseFailure({ message: row.lastError, validationErrors: row.lastErrorDetails }) };
}

function toResult(fileName: string, outcome: ImportOutcome): ImportResult {
  if (outcome.status === 'needs-mapping') {
    const { columns, missing, fields, mapping } = outcome;
    return { status: 'needs-mapping', fileName, columns, missing, fields, mapping };
  }
  if (outcome.status === 'needs-amounts') return { status: 'needs-amounts', fileName, question: outcome.question };
  const { kind, imported, updated, unchanged, changed, skipped, errors, warnings, usedSavedMapping, notes } = outcome;
  return { status: 'imported', kind, fileName, imported, updated, unchanged, changed, skipped, errors, warnings, usedSavedMapping, ...(notes ? { notes } : {}) };
}

/**
 * The configured tax rate's percentage, read from Xero, so the amounts question can show what Xero would add; undefined
 * when not connected or not set up (the question then says "at your tax rate" instead of a figure).
 */
async function configuredTaxPercent(context: FeatureContext): Promise<string | undefined> {
  const name = context.settings.get('xero.taxRateName');
  if (!name || !context.settings.get('xero.tenantId')) return undefined;
  const rates = await createXeroGateway(context.connection.xero, () => context.settings.get('xero.tenantId')).taxRates();
  const rate = rates.find((r) => r.Name === name)?.EffectiveRate;
  return rate === undefined ? undefined : String(rate);
}

function toQuery(filter: TransactionFilter): TransactionQuery {
  const query: TransactionQuery = {};
  if (filter.status !== undefined) query.status = filter.status;
  if (filter.from) query.from = filter.from;
  if (filter.to) query.to = filter.to;
  if (filter.text?.trim()) query.text = filter.text.trim();
  return query;
}

export function createTransactionsHandlers(context: FeatureContext): FeatureHandlers<keyof typeof transactionsChannels> {
  const { bus } = context;

  const runImport = (request: ImportRequest & { fileName: string }): ImportResult => toResult(request.fileName, importExport(context.journal(), request));

  return {
    'transactions.import': async ({ fileName, contentBase64, kind, mapping, amountsIncludeTax, dateOrder, amounts }) => {
      const bytes = Buffer.from(contentBase64, 'base64');
      if (bytes.length > MAX_IMPORT_BYTES) {
        throw new DomainError('ImportTooLarge', {
          message: `${fileName} is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; the assistant imports files up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`,
          fix: 'Export a shorter date range from CourseCo and import the files one after another.',
        });
      }
      const request: ImportRequest & { fileName: string } = {
        bytes,
        fileName,
        ...(kind ? { kind } : {}),
        ...(mapping ? { mapping } : {}),
        ...(amountsIncludeTax !== undefined ? { amountsIncludeTax } : {}),
        ...(dateOrder ? { dateOrder } : {}),
        ...(amounts ? { amounts } : {}),
      };
      let result = runImport(request);
      if (result.status === 'needs-amounts') {
        // Read again with the org's rate only when asking: the question's figures then match what Xero would compute.
        const defaultTaxRate = await configuredTaxPercent(context).catch(() => undefined);
        if (defaultTaxRate !== undefined) result = runImport({ ...request, defaultTaxRate });
      }
      if (result.status === 'imported') bus.emit('transactions.changed', { reason: 'import' });
      return result;
    },

    'transactions.list': ({ limit, after, ...filter }) => {
      const page = context.journal().list({ ...toQuery(filter), limit: limit ?? 200, ...(after ? { after } : {}) });
      return { ...page, rows: page.rows.map(withAdvice) };
    },

    'transactions.ids': (filter) => {
      const journal = context.journal();
      const query = toQuery(filter);
      const ids: string[] = [];
      let page = journal.list({ ...query, limit: MAX_PAGE_ROWS });
      const { total } = page;
      for (;;) {
        for (const row of page.rows) ids.push(row.transactionId);
        if (!page.nextCursor || ids.length >= MAX_ACTION_IDS) break;
        page = journal.list({ ...query, limit: MAX_PAGE_ROWS, after: page.nextCursor });
      }
      return { ids: ids.slice(0, MAX_ACTION_IDS), total };
    },

    'transactions.counts': () => context.journal().counts(),

    'transactions.get': async ({ transactionId }) => {
      const journal = context.journal();
      const row = journal.get(transactionId);
      const [entry] = journal.entries({ ids: [transactionId] });
      if (!row || !entry) {
        throw new DomainError('TransactionNotFound', {
          message: `Transaction ${transactionId} is not in the journal.`,
          fix: 'Import the CourseCo export that holds it, or clear the filter and pick it from the list.',
        });
      }
      let xeroLink: string | null = null;
      if (row.xeroInvoiceId) {
        const status = await context.connection.status().catch(() => undefined);
        xeroLink = invoiceLink(context.connection.origins.apiOrigin, row.xeroInvoiceId, status?.organisation?.shortCode);
      }
      // The account each line goes to, decided by the planner's own rule; the app's engine plans without nominal codes.
      const invoiceAccountCode = context.settings.get('xero.invoiceAccountCode');
      // A rule per course that names an account wins, as in the planner (line-maths.ts); no chart is needed to match.
      const rules = lineRulesFromSettings(context.settings.get('rules.lines'), false, {});
      const xeroAccountOf = (line: (typeof entry.transaction.lines)[number]) =>
        (rules ? ruleForLine(rules, entry.transaction, line)?.accountCode : undefined) ?? (invoiceAccountCode ? lineAccountCode(line, { invoiceAccountCode, useNominalCodes: false }) : undefined);
      const detail: TransactionDetail = {
        row: withAdvice(row),
        lines: entry.transaction.lines.map((line) => ({
          description: line.description,
          quantity: line.quantity,
          unitAmount: line.unitAmount,
          ...(line.accountCode ? { accountCode: line.accountCode } : {}),
          ...(xeroAccountOf(line) ? { xeroAccountCode: xeroAccountOf(line)! } : {}),
          ...(line.taxRate ? { taxRate: line.taxRate } : {}),
        })),
        payments: entry.payments.map((p) => ({
          paymentId: p.payment.paymentId,
          date: p.payment.date,
          amount: p.payment.amount,
          ...(p.payment.method ? { method: p.payment.method } : {}),
          ...(p.payment.reference ? { reference: p.payment.reference } : {}),
          xeroPaymentId: p.xeroPaymentId,
          lastError: p.lastError,
        })),
        lastError: row.lastError
          ? { message: row.lastError, validationErrors: row.lastErrorDetails, ...(row.status === 'failed' ? { advice: adviseFailure({ message: row.lastError, validationErrors: row.lastErrorDetails }) } : {}) }
          : null,
        xeroLink,
        ...(row.status === 'changed' ? { change: changeDetail(entry, context.settings.all()) } : {}),
        ...(entry.changeDocuments?.length ? { changeHistory: changeHistory(entry) } : {}),
      };
      return detail;
    },

    'transactions.exclude': ({ ids }) => {
      const result = context.journal().exclude(ids);
      if (result.updated.length > 0) bus.emit('transactions.changed', { reason: 'exclude' });
      return result;
    },

    'transactions.include': ({ ids }) => {
      const result = context.journal().include(ids);
      if (result.updated.length > 0) bus.emit('transactions.changed', { reason: 'include' });
      return result;
    },

    'transactions.retry': ({ ids }) => {
      const result = context.journal().markRetry(ids);
      if (result.updated.length > 0) bus.emit('transactions.changed', { reason: 'retry' });
      return result;
    },

    'transactions.approveChange': ({ ids }) => {
      const result = context.journal().approveChange(ids);
      if (result.updated.length > 0) bus.emit('transactions.changed', { reason: 'approve' });
      return result;
    },

    'transactions.sampleData': () => {
      const dir = sampleDataDir();
      if (!dir) {
        throw new DomainError('SampleDataMissing', {
          message: 'The sample CourseCo exports are not part of this installation.',
          fix: 'Import one of your own CourseCo exports instead, or reinstall the assistant.',
        });
      }
      const imports = SAMPLE_FILES.map((file) => runImport({ bytes: readFileSync(path.join(dir, file)), fileName: file }));
      bus.emit('transactions.changed', { reason: 'sample-data' });
      return { imports };
    },
  };
}
