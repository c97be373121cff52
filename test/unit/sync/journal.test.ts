import path from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCourseCoExport } from '../../../main/courseco/import';
import { openJournal, openJournalFile, type Journal } from '../../../main/sync/journal';
import { importExport } from '../../../main/sync/import';
import { LATEST_SCHEMA_VERSION, migrate, migrations } from '../../../main/sync/journal/migrations';
import { makeTempDir } from '../../support/temp-dir';

const HEADER = 'Transaction ID,Customer,Course,Quantity,Unit Price,VAT,Total,Date';
const transactions = (body: string) => parseCourseCoExport(new TextEncoder().encode(`${HEADER}\n${body}`)).transactions;
const payments = (body: string) =>
  parseCourseCoExport(new TextEncoder().encode(`Transaction ID,Payment Amount,Payment Date,Payment Type\n${body}`)).payments;

const FILE = `1,Acme,First Aid,2,100,46,200,2024-03-01
2,Beta,Manual Handling,1,50,11.5,50,2024-03-02
3,Gamma,Fire Safety,1,80,18.4,80,2024-03-03
`;

let temp: ReturnType<typeof makeTempDir>;
let journal: Journal;
let now = 0;
const clock = { now: () => now };

beforeEach(() => {
  now = Date.parse('2024-05-01T09:00:00Z');
  temp = makeTempDir('ccxa-journal-');
  journal = openJournal(temp.dir, { clock });
});
afterEach(() => {
  journal.close();
  temp.cleanup();
});

/** Simulates the engine sending a transaction and Xero accepting it. */
function syncOne(id: string, invoiceId = `inv-${id}`) {
  const runId = journal.startRun({ actor: 'test', host: 'cli', requested: 1 });
  expect(journal.markInFlight([id], runId)).toEqual([id]);
  const entry = journal.entries({ ids: [id] })[0]!;
  journal.recordDocument(id, { sentHash: entry.contentHash, contactId: `con-${id}`, invoiceId, number: `INV-${id}` });
  for (const p of entry.payments) journal.recordPaymentSynced(p.payment.paymentId, `pay-${p.payment.paymentId}`, p.contentHash);
  return journal.settle(id);
}

describe('journal schema', () => {
  it('creates every table in a new file, in WAL mode, at the latest schema version', () => {
    expect(journal.migrated).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION });
    const db = new Database(path.join(temp.dir, 'journal.sqlite'));
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['imports', 'intents', 'payments', 'schema_version', 'sync_runs', 'transactions']));
    expect((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal');
    db.close();
  });

  it('re-opens an existing journal without migrating again and keeps its data', () => {
    journal.importTransactions(transactions(FILE));
    journal.close();
    journal = openJournal(temp.dir, { clock });
    expect(journal.migrated).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
    expect(journal.counts().total).toBe(3);
  });

  it('migrates a journal written at schema 1 forward, keeping its rows', () => {
    journal.close();
    const file = path.join(makeTempDir().dir, 'journal.sqlite');
    const old = new Database(file);
    expect(migrate(old, () => '2024-01-01T00:00:00Z', migrations.slice(0, 1))).toEqual({ from: 0, to: 1 });
    old.prepare(`INSERT INTO transactions (transaction_id, sort_key, kind, status, tx_date, contact_name, amount, source_json, content_hash, imported_at, updated_at)
      VALUES ('1', '1', 'invoice', 'ready', '2024-01-01', 'Acme', '10.00', '{}', 'h', 'x', 'x')`).run();
    old.close();
    journal = openJournalFile(file, { clock });
    expect(journal.migrated).toEqual({ from: 1, to: LATEST_SCHEMA_VERSION });
    expect(journal.get('1')).toMatchObject({ contactName: 'Acme', status: 'ready' });
  });

  it('refuses a journal written by a newer version instead of damaging it', () => {
    journal.close();
    const db = new Database(path.join(temp.dir, 'journal.sqlite'));
    db.prepare('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)').run(LATEST_SCHEMA_VERSION + 1, 'future', 'x');
    db.close();
    expect(() => openJournal(temp.dir, { clock })).toThrow(/written by a newer version/);
    journal = openJournal(makeTempDir().dir, { clock });
  });
});

describe('journal import (upsert by Transaction ID)', () => {
  it('imports new transactions as ready', () => {
    expect(journal.importTransactions(transactions(FILE))).toEqual({ imported: 3, updated: 0, unchanged: 0, changed: 0 });
    expect(journal.counts()).toMatchObject({ ready: 3, total: 3 });
  });

  it('leaves unchanged transactions untouched on re-import', () => {
    journal.importTransactions(transactions(FILE));
    const before = journal.get('1');
    now += 60_000;
    expect(journal.importTransactions(transactions(FILE))).toEqual({ imported: 0, updated: 0, unchanged: 3, changed: 0 });
    expect(journal.get('1')).toEqual(before);
  });

  it('updates a changed transaction that was never sent', () => {
    journal.importTransactions(transactions(FILE));
    const counts = journal.importTransactions(transactions(FILE.replace('Beta,Manual Handling,1,50,11.5,50', 'Beta,Manual Handling,2,50,23,100')));
    expect(counts).toEqual({ imported: 0, updated: 1, unchanged: 2, changed: 0 });
    expect(journal.get('2')).toMatchObject({ status: 'ready', amount: '100.00' });
  });

  it('flags a changed transaction that was already synced as "changed", keeping its Xero link', () => {
    journal.importTransactions(transactions(FILE));
    expect(syncOne('1')).toBe('synced');
    const counts = journal.importTransactions(transactions(FILE.replace('Acme,First Aid,2,100,46,200', 'Acme,First Aid,3,100,69,300')));
    expect(counts).toEqual({ imported: 0, updated: 0, unchanged: 2, changed: 1 });
    expect(journal.get('1')).toMatchObject({ status: 'changed', xeroInvoiceId: 'inv-1', amount: '300.00' });
    // Never silently re-sent: the planner's default selection (ready) does not include it.
    expect(journal.entries().map((e) => e.transaction.transactionId)).toEqual(['2', '3']);
  });

  it('returns a changed transaction to synced when CourseCo reverts the change', () => {
    journal.importTransactions(transactions(FILE));
    syncOne('1');
    journal.importTransactions(transactions(FILE.replace('2,100,46,200', '3,100,69,300')));
    expect(journal.importTransactions(transactions(FILE))).toEqual({ imported: 0, updated: 1, unchanged: 2, changed: 0 });
    expect(journal.get('1')!.status).toBe('synced');
  });

  it('keeps the whole import or nothing', () => {
    const good = transactions(FILE);
    const broken = [...good, { ...good[0]!, transactionId: '4', date: null as unknown as string }];
    expect(() => journal.importTransactions(broken)).toThrow();
    expect(journal.counts().total).toBe(0);
  });
});

describe('journal payments', () => {
  it('links payments to their transaction and makes a synced transaction ready again for a new payment', () => {
    journal.importTransactions(transactions(FILE));
    expect(syncOne('1')).toBe('synced');
    expect(journal.importPayments(payments('1,100,2024-03-05,Card\n'))).toEqual({ imported: 1, updated: 0, unchanged: 0, changed: 0 });
    expect(journal.get('1')).toMatchObject({ status: 'ready', payments: 1, paymentsSynced: 0 });
    const entry = journal.entries({ ids: ['1'] })[0]!;
    expect(entry.xero.invoiceId).toBe('inv-1');
    expect(entry.payments.map((p) => p.payment.paymentId)).toEqual(['1/2024-03-05/100/1']);
    expect(syncOne('1')).toBe('synced');
    expect(journal.get('1')).toMatchObject({ status: 'synced', payments: 1, paymentsSynced: 1 });
  });

  it('counts payments whose transaction has not been imported yet', () => {
    journal.importPayments(payments('99,10,2024-03-05,Cash\n'));
    expect(journal.counts().orphanPayments).toBe(1);
    journal.importTransactions(transactions('99,Zed,Course,1,10,2.3,10,2024-03-04\n'));
    expect(journal.counts().orphanPayments).toBe(0);
    expect(journal.entries({ ids: ['99'] })[0]!.payments).toHaveLength(1);
  });

  it('flags a transaction "changed" when an already-synced payment changes', () => {
    journal.importTransactions(transactions(FILE));
    const file = 'Payment ID,Transaction ID,Payment Amount,Payment Date\nP1,1,100,2024-03-05\n';
    journal.importPayments(parseCourseCoExport(new TextEncoder().encode(file)).payments);
    syncOne('1');
    const counts = journal.importPayments(parseCourseCoExport(new TextEncoder().encode(file.replace(',100,', ',120,'))).payments);
    expect(counts).toEqual({ imported: 0, updated: 0, unchanged: 0, changed: 1 });
    expect(journal.get('1')!.status).toBe('changed');
    expect(journal.approveChange(['1']).refused[0]!.reason).toMatch(/Xero payments cannot be edited/);
  });
});

describe('journal actions', () => {
  beforeEach(() => {
    journal.importTransactions(transactions(FILE));
  });

  it('excludes and includes transactions, refusing ones already in Xero', () => {
    syncOne('3');
    expect(journal.exclude(['1', '3', 'nope'])).toEqual({
      updated: ['1'],
      refused: [
        { transactionId: '3', reason: 'cannot exclude: it is already in Xero' },
        { transactionId: 'nope', reason: 'it is not in the journal' },
      ],
    });
    expect(journal.get('1')!.status).toBe('excluded');
    expect(journal.include(['1'])).toEqual({ updated: ['1'], refused: [] });
    expect(journal.get('1')!.status).toBe('ready');
  });

  it('records a failure with Xero’s messages and puts it back in the queue on retry', () => {
    const runId = journal.startRun({ actor: 'test', host: 'cli', requested: 1 });
    journal.markInFlight(['2'], runId);
    journal.recordFailure('2', { message: 'Xero refused the account code 999.', validationErrors: ["Account code '999' is not a valid code for this document."] });
    expect(journal.get('2')).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'Xero refused the account code 999.',
      lastErrorDetails: ["Account code '999' is not a valid code for this document."],
    });
    expect(journal.markRetry(['2'])).toEqual({ updated: ['2'], refused: [] });
    expect(journal.get('2')).toMatchObject({ status: 'ready', lastError: null, attempts: 1 });
  });

  it('re-queues a changed transaction only when the user approves the change (never on a retry), as an approved re-send', () => {
    syncOne('1');
    journal.importTransactions(transactions(FILE.replace('2,100,46,200', '3,100,69,300')));
    expect(journal.markRetry(['1']).updated).toEqual([]);
    expect(journal.approveChange(['1'])).toEqual({ updated: ['1'], refused: [] });
    const entry = journal.entries({ ids: ['1'] })[0]!;
    expect(entry).toMatchObject({ status: 'ready', approvedHash: entry.contentHash });
    expect(entry.syncedHash).not.toBe(entry.contentHash);
  });

  it('claims only ready transactions for a run and releases them on cancel', () => {
    journal.exclude(['3']);
    const runId = journal.startRun({ actor: 'test', host: 'cli', requested: 3 });
    expect(journal.markInFlight(['1', '2', '3'], runId)).toEqual(['1', '2']);
    expect(journal.inFlight()).toEqual(['1', '2']);
    journal.releaseInFlight(['1', '2']);
    expect(journal.counts()).toMatchObject({ ready: 2, excluded: 1, 'in-flight': 0 });
  });
});

describe('journal queries', () => {
  beforeEach(() => {
    const rows = Array.from({ length: 25 }, (_, i) => `${i + 1},${i % 2 ? 'Acme' : 'Beta'},Course,1,10,2.3,10,2024-03-${String((i % 5) + 1).padStart(2, '0')}`);
    journal.importTransactions(transactions(`${rows.join('\n')}\n`));
  });

  it('pages newest first with a keyset cursor, without gaps or repeats', () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = journal.list({ limit: 10, ...(after ? { after } : {}) });
      expect(page.total).toBe(25);
      seen.push(...page.rows.map((r) => r.transactionId));
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen.slice(0, 5)).toEqual(['25', '20', '15', '10', '5']);
  });

  it('filters by status, date range and text', () => {
    journal.exclude(['2', '4']);
    expect(journal.list({ status: 'excluded' }).rows.map((r) => r.transactionId)).toEqual(['4', '2']);
    expect(journal.list({ from: '2024-03-02', to: '2024-03-02' }).rows.map((r) => r.transactionId)).toEqual(['22', '17', '12', '7', '2']);
    expect(journal.list({ text: 'acme', from: '2024-03-02', to: '2024-03-02' }).total).toBe(3);
    expect(journal.list({ text: '%' }).total).toBe(0);
    expect(journal.counts()).toMatchObject({ ready: 23, excluded: 2, total: 25 });
    expect(journal.counts({ text: 'acme' })).toMatchObject({ ready: 10, excluded: 2, total: 12 });
  });
});

describe('journal runs and intents', () => {
  it('records who ran a sync, when, with what counts and how long it took', () => {
    const id = journal.startRun({ actor: 'alice', host: 'electron', requested: 10 });
    now += 4_500;
    const run = journal.finishRun(id, { outcome: 'completed', synced: 9, failed: 1, skipped: 0, calls: 4 });
    expect(run).toEqual({
      id,
      startedAt: '2024-05-01T09:00:00.000Z',
      finishedAt: '2024-05-01T09:00:04.500Z',
      actor: 'alice',
      host: 'electron',
      outcome: 'completed',
      requested: 10,
      synced: 9,
      failed: 1,
      skipped: 0,
      calls: 4,
      durationMs: 4500,
      message: null,
    });
    expect(journal.listRuns()).toEqual([run]);
  });

  it('marks runs left running by a crashed process as interrupted', () => {
    journal.startRun({ actor: 'bob', host: 'cli', requested: 1 });
    expect(journal.markInterruptedRuns()).toBe(1);
    expect(journal.listRuns()[0]).toMatchObject({ outcome: 'interrupted', message: 'the app stopped during this run' });
  });

  it('keeps intents pending or sent until resolved, across a re-open', () => {
    journal.recordIntent({ batchId: 'b1', kind: 'invoices', idempotencyKey: 'invoices-batch:abc', memberIds: ['1', '2'] });
    journal.recordIntent({ batchId: 'b2', kind: 'payments', idempotencyKey: 'payments-batch:def', memberIds: ['p1'] });
    journal.markIntentSent('b1');
    journal.markIntentSent('b2');
    journal.markIntentResolved('b2', 'confirmed');
    journal.close();
    journal = openJournal(temp.dir, { clock });
    expect(journal.pendingIntents()).toEqual([
      { batchId: 'b1', runId: null, kind: 'invoices', idempotencyKey: 'invoices-batch:abc', memberIds: ['1', '2'], state: 'sent', createdAt: '2024-05-01T09:00:00.000Z', updatedAt: '2024-05-01T09:00:00.000Z' },
    ]);
    journal.markIntentResolved('b1', 'abandoned');
    expect(journal.pendingIntents()).toEqual([]);
  });

  it('refuses idempotency keys longer than Xero accepts', () => {
    expect(() => journal.recordIntent({ batchId: 'b3', kind: 'contacts', idempotencyKey: 'k'.repeat(129), memberIds: [] })).toThrow(/128 characters/);
  });
});

describe('importExport (the import service)', () => {
  const odd = new TextEncoder().encode('Ref,Who,Net,When\n7,Acme,100,2024-01-02\n');
  const mapping = { transactionId: 'Ref', contactName: 'Who', total: 'Net', date: 'When' };

  it('remembers an explicit mapping for the layout and uses it next time', () => {
    expect(importExport(journal, { bytes: odd })).toMatchObject({ status: 'needs-mapping', columns: ['Ref', 'Who', 'Net', 'When'] });
    expect(importExport(journal, { bytes: odd, mapping })).toMatchObject({ status: 'imported', imported: 1, usedSavedMapping: false });
    expect(importExport(journal, { bytes: odd })).toMatchObject({ status: 'imported', unchanged: 1, usedSavedMapping: true });
  });
});
