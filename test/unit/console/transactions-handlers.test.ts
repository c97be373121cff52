/**
 * The console's channels, called the way the renderer calls them: through the dispatcher, so argument validation,
 * result schemas and the handlers are exercised together against a real journal in a temp data dir.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../main/app/app-services';
import { invoiceLink } from '../../../main/xero/invoice-link';
import type { EventName } from '../../../contract/contract';
import type { Envelope } from '../../../contract/envelope';
import { MAX_IMPORT_BYTES, PAYMENT_WAITS_FOR_TRANSACTION } from '../../../contract/features/transactions';
import { createDispatcher, type Dispatch } from '../../../main/ipc/dispatcher';
import { trustOnlyOrigin } from '../../../main/ipc/trusted-sender';
import { memoryKeychain } from '../../../main/secrets/memory-keychain';
import { openNodeSettingsStore } from '../../../main/settings/settings-store';
import { planSync } from '../../../main/sync/plan';
import { REPO_ROOT } from '../../../main/web-host/renderer-build';
import { makeTempDir } from '../../support/temp-dir';

const TRUSTED = 'app://assistant/index.html';
const fakeKeychain = memoryKeychain('test');
const SAMPLE = path.join(REPO_ROOT, 'sandbox', 'sample-data');
const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

const CSV = [
  'Transaction ID,Invoice Date,Organization,First Name,Last Name,Course,Nominal Code,Quantity,Unit price,VAT Rate,VAT,Total,Currency',
  '7001,01/10/2026,Acme Ltd,,,Safe Pass,200,1,100.00,23%,23.00,123.00,EUR',
  '7002,02/10/2026,,Aoife,Byrne,Manual Handling,200,1,80.00,23%,18.40,98.40,EUR',
  '7003,15/10/2026,Beta Training,,,First Aid,210,2,200.00,0%,0.00,400.00,EUR',
  '7004,20/10/2026,Gamma Co,,,Safe Pass,200,1,1O0.00,23%,23.00,123.00,EUR',
].join('\n');

describe('transactions.* channels', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let services: AppServices;
  let dispatch: Dispatch;
  let events: Array<{ event: EventName; payload: unknown }>;

  const call = async <T>(channel: string, args: unknown): Promise<T> => {
    const envelope = (await dispatch(channel, args, TRUSTED)) as Envelope<T>;
    if (!envelope.ok) throw new Error(`${channel} failed: ${JSON.stringify(envelope.error)}`);
    return envelope.value;
  };

  beforeEach(() => {
    temp = makeTempDir();
    services = createAppServices({ host: 'web', dataDir: temp.dir, settings: openNodeSettingsStore(temp.dir), keychain: fakeKeychain });
    dispatch = createDispatcher({ handlers: services.handlers, isTrustedSender: trustOnlyOrigin('app://assistant') });
    events = [];
    services.bus.attach((event, payload) => events.push({ event, payload }));
  });
  afterEach(async () => {
    await services.dispose();
    temp.cleanup();
  });

  it('imports a CSV sent as base64, keeps the good rows and reports the bad one by row, column and reason', async () => {
    const result = await call<{ status: string; imported: number; errors: Array<{ row: number; column: string; reason: string }> }>('transactions.import', {
      fileName: 'october.csv',
      contentBase64: base64(CSV),
    });
    expect(result).toMatchObject({ status: 'imported', kind: 'transactions', fileName: 'october.csv', imported: 3, updated: 0, unchanged: 0 });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ row: 5, column: 'Unit price' });
    expect(result.errors[0]!.reason).toMatch(/1O0\.00/);
    expect(events).toEqual([{ event: 'transactions.changed', payload: { reason: 'import' } }]);

    const again = await call('transactions.import', { fileName: 'october.csv', contentBase64: base64(CSV) });
    expect(again).toMatchObject({ imported: 0, unchanged: 3 });
    expect(await call('transactions.counts', {})).toMatchObject({ ready: 3, total: 3 });
  });

  it('marks each payment imported before its transaction with one code and one wording, naming its transaction', async () => {
    const payments = readFileSync(path.join(SAMPLE, 'courseco-payments-report.csv'));
    type Note = { row: number; transactionId?: string; code?: string; summary?: string; reason: string };
    const result = await call<{ status: string; imported: number; warnings: Note[] }>('transactions.import', { fileName: 'payments.csv', contentBase64: base64(payments) });
    expect(result.imported).toBe(32);
    expect(result.warnings).toHaveLength(32);
    expect(new Set(result.warnings.map((w) => w.code))).toEqual(new Set([PAYMENT_WAITS_FOR_TRANSACTION]));
    expect(new Set(result.warnings.map((w) => w.summary)).size).toBe(1);
    expect(result.warnings[0]!.summary).not.toMatch(/\d{4}/);
    expect(result.warnings[0]).toMatchObject({ row: 2, transactionId: '5001' });
    expect(result.warnings[0]!.reason).toContain('5001');

    // Once the transactions are in, only the payments of rejected transactions still wait.
    await call('transactions.import', { fileName: 'transactions.csv', contentBase64: base64(readFileSync(path.join(SAMPLE, 'courseco-transactions-report.csv'))) });
    const again = await call<{ warnings: Note[] }>('transactions.import', { fileName: 'payments.csv', contentBase64: base64(payments) });
    expect(again.warnings.length).toBeGreaterThan(0);
    expect(again.warnings.length).toBeLessThan(32);
  });

  it('answers an unknown layout with the mapping step, and imports once the mapping is given', async () => {
    const csv = 'Ref,Who,When,What,Code,Qty,Price\nA1,Acme Ltd,01/10/2026,Safe Pass,200,1,100.00\n';
    const first = await call<{ status: string; columns: string[] }>('transactions.import', { fileName: 'odd.csv', contentBase64: base64(csv), kind: 'transactions' });
    expect(first.status).toBe('needs-mapping');
    expect(first.columns).toEqual(['Ref', 'Who', 'When', 'What', 'Code', 'Qty', 'Price']);
    expect(first).toHaveProperty('missing');
    expect(events).toEqual([]);

    const mapping = { transactionId: 'Ref', contactName: 'Who', date: 'When', description: 'What', accountCode: 'Code', quantity: 'Qty', unitPrice: 'Price' };
    const second = await call('transactions.import', { fileName: 'odd.csv', contentBase64: base64(csv), kind: 'transactions', mapping });
    expect(second).toMatchObject({ status: 'imported', imported: 1 });
  });

  it('lists with status, date and text filters, keyset-paged', async () => {
    await call('transactions.import', { fileName: 'october.csv', contentBase64: base64(CSV) });
    type Page = { rows: Array<{ transactionId: string; status: string }>; total: number; nextCursor: string | null };
    const all = await call<Page>('transactions.list', {});
    expect(all.rows.map((r) => r.transactionId)).toEqual(['7003', '7002', '7001']);

    const first = await call<Page>('transactions.list', { limit: 2 });
    expect(first).toMatchObject({ total: 3 });
    const second = await call<Page>('transactions.list', { limit: 2, after: first.nextCursor });
    expect([...first.rows, ...second.rows].map((r) => r.transactionId)).toEqual(['7003', '7002', '7001']);
    expect(second.nextCursor).toBeNull();

    expect((await call<Page>('transactions.list', { from: '2026-10-02', to: '2026-10-10' })).rows.map((r) => r.transactionId)).toEqual(['7002']);
    expect((await call<Page>('transactions.list', { text: 'aoife' })).rows.map((r) => r.transactionId)).toEqual(['7002']);
    expect((await call<Page>('transactions.list', { text: '7003' })).total).toBe(1);
    expect((await call<Page>('transactions.list', { status: 'excluded' })).total).toBe(0);
    expect(await call('transactions.ids', { text: 'ltd' })).toEqual({ ids: ['7001'], total: 1 });

    const bad = await dispatch('transactions.list', { from: '1/10/2026' }, TRUSTED);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    const tooMany = await dispatch('transactions.list', { limit: 5001 }, TRUSTED);
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });

  it('excludes, includes and retries, refusing what cannot change and announcing what did', async () => {
    await call('transactions.import', { fileName: 'october.csv', contentBase64: base64(CSV) });
    events.length = 0;
    const excluded = await call('transactions.exclude', { ids: ['7001', '7002', 'nope'] });
    expect(excluded).toEqual({ updated: ['7001', '7002'], refused: [{ transactionId: 'nope', reason: 'it is not in the journal' }] });
    expect(await call('transactions.counts', {})).toMatchObject({ ready: 1, excluded: 2 });
    expect((await call<{ total: number }>('transactions.list', { status: ['excluded'] })).total).toBe(2);

    const included = await call('transactions.include', { ids: ['7001'] });
    expect(included).toEqual({ updated: ['7001'], refused: [] });

    // A failed transaction goes back to ready with its error cleared.
    services.journal().recordFailure('7003', { message: "Account code '4999' is not a valid code for this document.", validationErrors: ["Account code '4999' is not a valid code for this document."] });
    const detail = await call<{ lastError: { message: string; validationErrors: string[] } | null; row: { status: string } }>('transactions.get', { transactionId: '7003' });
    expect(detail.row.status).toBe('failed');
    expect(detail.lastError).toEqual({
      message: "Account code '4999' is not a valid code for this document.",
      validationErrors: ["Account code '4999' is not a valid code for this document."],
      // Xero's refusal of an account: no Retry (it would be refused again), the account is chosen in Setup.
      advice: expect.objectContaining({ kind: 'account', fromXero: true, temporary: false, leadsTo: 'setup', reason: expect.stringMatching(/^Xero did not accept it/) }),
    });
    const retried = await call('transactions.retry', { ids: ['7003'] });
    expect(retried).toEqual({ updated: ['7003'], refused: [] });
    expect(await call('transactions.get', { transactionId: '7003' })).toMatchObject({ row: { status: 'ready', lastError: null }, lastError: null });
    expect(events.map((e) => e.payload)).toEqual([{ reason: 'exclude' }, { reason: 'include' }, { reason: 'retry' }]);

    expect(await dispatch('transactions.exclude', { ids: [] }, TRUSTED)).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });

  it('shows a change after sync field by field with the documents it will change, and approves it only on its own channel', async () => {
    await call('transactions.import', { fileName: 'october.csv', contentBase64: base64(CSV) });
    const journal = services.journal();
    const runId = journal.startRun({ actor: 'test', host: 'test', requested: 1 });
    journal.markInFlight(['7001'], runId);
    journal.recordDocument('7001', { sentHash: journal.entries({ ids: ['7001'] })[0]!.contentHash, invoiceId: 'inv-7001', number: 'INV-7001', contactId: 'c-1' });
    expect(journal.settle('7001')).toBe('synced');
    await call('transactions.import', { fileName: 'october-2.csv', contentBase64: base64(CSV.replace('Safe Pass,200,1,100.00,23%,23.00,123.00', 'Safe Pass,200,1,150.00,23%,34.50,184.50')) });
    events.length = 0;

    const detail = await call<{ row: { status: string }; change: { known: boolean; differences: string[]; steps: string[]; refusal: string | null } }>('transactions.get', { transactionId: '7001' });
    expect(detail.row.status).toBe('changed');
    expect(detail.change).toEqual({
      known: true,
      differences: ['Line 1 unit amount €100.00 → €150.00', 'Before VAT €100.00 → €150.00', 'VAT €23.00 → €34.50', 'Total €123.00 → €184.50'],
      steps: ['Update invoice INV-7001 in place (no payments on it in Xero)'],
      refusal: null,
    });
    expect((await call<{ refused: Array<{ reason: string }> }>('transactions.retry', { ids: ['7001'] })).refused[0]!.reason).toMatch(/approve the change/);
    expect(await call('transactions.approveChange', { ids: ['7001', '7002'] })).toEqual({ updated: ['7001'], refused: [{ transactionId: '7002', reason: 'nothing to approve: it is ready, not changed since sync' }] });
    expect(await call('transactions.get', { transactionId: '7001' })).toMatchObject({ row: { status: 'ready' } });
    expect(events.map((e) => e.payload)).toEqual([{ reason: 'approve' }]);
  });

  it('shows a transaction with its lines, payments and the link to the invoice in Xero', async () => {
    // The API origin is read when the services start (a running app never moves it), so this profile starts on it.
    openNodeSettingsStore(temp.dir).set('xero.apiOrigin', 'http://127.0.0.1:47400');
    await services.dispose();
    services = createAppServices({ host: 'web', dataDir: temp.dir, settings: openNodeSettingsStore(temp.dir), keychain: fakeKeychain });
    dispatch = createDispatcher({ handlers: services.handlers, isTrustedSender: trustOnlyOrigin('app://assistant') });
    await call('transactions.sampleData', {});
    services.journal().recordDocument('5002', { sentHash: 'x', invoiceId: 'aaaaaaaa-0000-0000-0000-000000000001', number: '2402' });
    const detail = await call<{ lines: unknown[]; payments: Array<{ amount: string }>; xeroLink: string | null }>('transactions.get', { transactionId: '5002' });
    expect(detail.lines).toEqual([expect.objectContaining({ description: expect.stringContaining('Manual Handling'), quantity: '1', unitAmount: '85', accountCode: '200' })]);
    expect(detail.payments.map((p) => p.amount)).toEqual(['104.55']);
    expect(detail.xeroLink).toBe(`http://127.0.0.1:47400/AccountsReceivable/View.aspx?InvoiceID=aaaaaaaa-0000-0000-0000-000000000001`);
    expect(await dispatch('transactions.get', { transactionId: 'missing' }, TRUSTED)).toMatchObject({ ok: false, error: { code: 'domain', kind: 'TransactionNotFound' } });
  });

  it("shows each line's Xero account as the planner sends it, beside CourseCo's nominal code (4999 on the line, posted to 200)", async () => {
    await call('transactions.sampleData', {});
    type Lines = { lines: Array<{ description: string; accountCode?: string; xeroAccountCode?: string }> };
    const before = await call<Lines>('transactions.get', { transactionId: '5039' });
    expect(before.lines.find((l) => l.accountCode === '4999')?.xeroAccountCode).toBeUndefined();
    services.settings.set('xero.invoiceAccountCode', '200');
    const detail = await call<Lines>('transactions.get', { transactionId: '5039' });
    const line = detail.lines.find((l) => l.accountCode === '4999')!;
    expect(line.xeroAccountCode).toBe('200');
    // The same answer as the plan itself: what the invoice's LineItems carry.
    const [entry] = services.journal().entries({ ids: ['5039'] });
    const plan = planSync({ entries: [entry!], settings: { invoiceAccountCode: '200', invoiceStatus: 'AUTHORISED', taxTypes: { '23': 'TAX001', '13.5': 'TAX002', '0': 'NONE' }, paymentAccountCode: '090' } });
    expect(plan.invoices[0]!.payload.LineItems.map((l) => l.AccountCode)).toEqual(detail.lines.map((l) => l.xeroAccountCode));
  });

  it('maps the invoice link to go.xero.com for Xero and to the same path on any other API origin', () => {
    expect(invoiceLink('https://api.xero.com', 'abc', '!Lf7Qx')).toBe(
      'https://go.xero.com/organisationlogin/default.aspx?shortcode=!Lf7Qx&redirecturl=/AccountsReceivable/View.aspx?InvoiceID=abc',
    );
    expect(invoiceLink('http://127.0.0.1:47400', 'abc', undefined)).toBe('http://127.0.0.1:47400/AccountsReceivable/View.aspx?InvoiceID=abc');
  });

  it('loads the shipped sample exports: the same counts as importing the files', async () => {
    const { imports } = await call<{ imports: Array<{ status: string; imported: number; errors: unknown[]; fileName: string }> }>('transactions.sampleData', {});
    expect(imports.map((i) => i.fileName)).toEqual(['courseco-transactions-report.csv', 'courseco-payments-report.csv']);
    expect(imports[0]).toMatchObject({ status: 'imported', kind: 'transactions' });
    expect(imports[0]!.errors.length).toBeGreaterThan(0);
    const direct = readFileSync(path.join(SAMPLE, 'courseco-transactions-report.csv'));
    const again = await call<{ unchanged: number }>('transactions.import', { fileName: 'again.csv', contentBase64: direct.toString('base64') });
    expect(again.unchanged).toBe(imports[0]!.imported);
    expect(events.map((e) => e.payload)).toContainEqual({ reason: 'sample-data' });
  });

  it('rejects a file over 50 MB by validation, before anything is decoded or imported', async () => {
    const tooBig = 'A'.repeat(Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 4);
    const envelope = await dispatch('transactions.import', { fileName: 'huge.csv', contentBase64: tooBig }, TRUSTED);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-arguments', issues: [{ path: 'contentBase64' }] } });
    expect(await dispatch('transactions.import', { fileName: 'x.csv', contentBase64: 'not base64!' }, TRUSTED)).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await call('transactions.counts', {})).toMatchObject({ total: 0 });
  });
});
