/**
 * The journal when the disk or the file fails: a damaged journal is refused in words (and left exactly as it was),
 * a full disk says so and leaves nothing half-written, and a large import that stops part-way says what is in and is
 * finished by importing the same file again.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../main/errors';
import { JOURNAL_FILE, openJournal } from '../../../main/sync/journal';
import { makeTempDir } from '../../support/temp-dir';
import { workload } from './engine-support';
import { CLI_BIN } from '../../support/cli-bin';

const clock = { now: () => Date.parse('2026-11-01T10:00:00Z') };

let temp: { dir: string; cleanup(): void };
let file: string;
beforeEach(() => {
  temp = makeTempDir('ccxa-journal-faults-');
  file = path.join(temp.dir, JOURNAL_FILE);
});
afterEach(() => temp.cleanup());

/** Everything the journal holds, read through a plain connection: rows of every table, in order. */
function dump(): string {
  const db = new Database(file);
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>;
    return JSON.stringify(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
  } finally {
    db.close();
  }
}

/** A journal with some history, written through to the main file (as after a checkpoint), then closed. */
function journalWithHistory(): void {
  const journal = openJournal(temp.dir, { clock });
  const w = workload('D', 300);
  journal.importTransactions(w.transactions, { fileName: 'first.csv' });
  journal.importPayments(w.payments);
  journal.close();
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

const caught = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected it to throw');
};

describe('a damaged journal', () => {
  it.each([
    ['overwritten with garbage', (bytes: Buffer) => Buffer.alloc(bytes.length, 0x5a)],
    ['cut short', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2))],
    ['with a scrambled middle', (bytes: Buffer) => Buffer.concat([bytes.subarray(0, 4096), Buffer.alloc(bytes.length - 8192, 0xff), bytes.subarray(bytes.length - 4096)])],
  ])('%s is refused in words, naming the file and what to do, and is left exactly as it was', (_what, damage) => {
    journalWithHistory();
    writeFileSync(file, damage(readFileSync(file)));
    const before = readFileSync(file);

    const error = caught(() => openJournal(temp.dir, { clock }));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.kind).toBe('JournalDamaged');
    expect(error.message).toContain(`The sync journal at ${file} is damaged`);
    expect(error.message).toContain('it was not changed');
    expect(error.fix).toMatch(/move journal\.sqlite .* then import your CourseCo exports again/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('the command line says it in one line and exits non-zero', () => {
    writeFileSync(file, Buffer.alloc(64 * 1024, 0x5a));
    writeFileSync(path.join(temp.dir, 'export.csv'), 'Transaction ID,Organization,Course,Quantity,Unit Price,Date Created\n1,Acme,First Aid,1,100.00,2026-10-01\n');
    for (const args of [['transactions', 'list'], ['import', path.join(temp.dir, 'export.csv')]]) {
      const run = spawnSync(process.execPath, [CLI_BIN, '--data-dir', temp.dir, ...args], { encoding: 'utf8', timeout: 60_000 });
      expect(run.status, run.stderr).toBe(1);
      // The reason is the last line, whole (a progress note may come before it), with no stack or driver error.
      const lines = run.stderr.trim().split('\n');
      expect(lines.filter((line) => /damaged/.test(line)), run.stderr).toHaveLength(1);
      expect(run.stderr).not.toMatch(/SqliteError|\n\s+at /);
      expect(lines.at(-1)).toMatch(new RegExp(`^The sync journal at ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is damaged .* it was not changed\\. Close the app, move journal\\.sqlite`));
    }
  });
});

describe('a full disk', () => {
  /** A journal that may grow by only `pages` more pages: SQLite answers SQLITE_FULL past that, as a full disk does. */
  const cramped = (pages: number, importChunk?: number) => {
    const probe = new Database(file);
    const used = Number((probe.pragma('page_count') as Array<{ page_count: number }>)[0]!.page_count);
    probe.close();
    return openJournal(temp.dir, { clock, pragmas: [`max_page_count = ${used + pages}`], ...(importChunk ? { importChunk } : {}) });
  };

  it('an import says "Not enough disk space in <folder>" and the journal is as it was before it', () => {
    journalWithHistory();
    const before = dump();
    const journal = cramped(2);
    const error = caught(() => journal.importTransactions(workload('F', 1000).transactions, { fileName: 'big.csv' }));
    journal.close();

    expect(error).toBeInstanceOf(DomainError);
    expect(error.kind).toBe('DiskFull');
    expect(error.message).toMatch(new RegExp(`^Not enough disk space in ${temp.dir.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} `));
    expect(error.fix).toMatch(/Free some space/);
    expect(dump()).toBe(before);
  });

  it('a sync recording its results meets the same words, and nothing is written', () => {
    journalWithHistory();
    const before = dump();
    const journal = cramped(0);
    expect(caught(() => journal.recordFailure('D1', { message: 'x'.repeat(20_000) })).kind).toBe('DiskFull');
    expect(caught(() => journal.recordIntent({ batchId: 'b1', kind: 'invoices', idempotencyKey: 'k1', memberIds: Array.from({ length: 3000 }, (_, i) => `D${i}`) })).kind).toBe('DiskFull');
    journal.close();
    expect(dump()).toBe(before);
  });

  it('a file larger than one import chunk that stops part-way says how much is in; importing it again finishes it, nothing doubled', () => {
    const w = workload('P', 600);
    // The same file imported into a roomy journal: what the finished import must look like.
    const clean = openJournal(makeTempDir('ccxa-journal-clean-').dir, { clock });
    clean.importTransactions(w.transactions, { fileName: 'p.csv' });

    openJournal(temp.dir, { clock }).close();
    const journal = cramped(40, 100);
    const error = caught(() => journal.importTransactions(w.transactions, { fileName: 'p.csv' }));
    journal.close();
    expect(error.kind).toBe('DiskFull');
    const saved = Number(/the first (\d+) of the 600 transactions in this file were saved, the rest were not/.exec(error.message)?.[1]);
    expect(saved).toBeGreaterThan(0);
    expect(saved % 100).toBe(0);
    expect(error.fix).toMatch(/import the same file again: the transactions already saved are recognised, not added twice/);

    const roomy = openJournal(temp.dir, { clock });
    expect(roomy.list({ limit: 1000 }).rows).toHaveLength(saved);
    expect(roomy.importTransactions(w.transactions, { fileName: 'p.csv' })).toEqual({ imported: 600 - saved, updated: 0, unchanged: saved, changed: 0 });
    const rows = (j: typeof roomy) => j.entries().map((e) => [e.transaction.transactionId, e.contentHash, e.status]);
    expect(rows(roomy)).toEqual(rows(clean));
    roomy.close();
    clean.close();
    expect(statSync(file).size).toBeGreaterThan(0);
  });
});
