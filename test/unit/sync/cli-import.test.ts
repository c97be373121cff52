/** The CLI's import and transactions commands, run as a user runs them (a child process → commander), on a fresh profile. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { CLI_BIN } from '../../support/cli-bin';

let temp: ReturnType<typeof makeTempDir>;
const run = (...args: string[]) => spawnSync(process.execPath, [CLI_BIN, '--data-dir', temp.dir, ...args], { encoding: 'utf8', timeout: 60_000 });
const fixture = (name: string) => path.resolve('test/fixtures/courseco', name);

beforeEach(() => {
  temp = makeTempDir('ccxa-cli-');
});
afterEach(() => temp.cleanup());

describe('courseco-xero import / transactions', () => {
  it('imports an export, reports counts and row errors as JSON, and lists the journal', () => {
    const csv = path.join(temp.dir, 'tx.csv');
    writeFileSync(csv, 'Transaction ID,Customer,Course,Total,Date\n1,Acme,Course,100,2024-01-02\n2,Beta,Course,oops,2024-01-03\n');
    const first = run('--json', 'import', csv);
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      kind: 'transactions',
      imported: 1,
      updated: 0,
      unchanged: 0,
      changed: 0,
      errors: [{ row: 3, column: 'Total', reason: 'is not an amount: "oops"' }],
      warnings: [],
      skipped: 0,
    });
    expect(JSON.parse(run('--json', 'import', csv).stdout)).toMatchObject({ imported: 0, unchanged: 1 });

    const list = run('--json', 'transactions', 'list', '--status', 'ready');
    expect(list.status).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ transactionId: '1', status: 'ready', xeroInvoiceId: null, contactName: 'Acme', amount: '100.00' })]);
  });

  it('exits non-zero with the file’s columns when the layout needs a mapping, and imports with --map', () => {
    const csv = path.join(temp.dir, 'odd.csv');
    writeFileSync(csv, 'Ref,Who,Net,When\n7,Acme,100,2024-01-02\n');
    const refused = run('import', csv);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain("The file's columns are: Ref, Who, Net, When.");
    const mapped = run('--json', 'import', csv, '--map', '{"transactionId":"Ref","contactName":"Who","total":"Net","date":"When"}');
    expect(mapped.status).toBe(0);
    expect(JSON.parse(mapped.stdout)).toMatchObject({ imported: 1 });
  });

  it('refuses in one line, naming the readings, a file whose amount columns add up more than one way; imports with --amounts and says which reading', () => {
    const ambiguous = fixture('layout-2020-ambiguous.transactions.csv');
    const refused = run('import', ambiguous);
    expect(refused.status).toBe(2);
    // One line of its own after the "Reading …" progress note.
    const [progress, message, ...more] = refused.stderr.trim().split('\n');
    expect([progress, more]).toEqual([expect.stringMatching(/^Reading /), []]);
    expect(message).toContain('nothing imported');
    for (const id of ['total-includes-vat', 'total-before-vat', 'prices-include-vat']) expect(message).toContain(`${id} (`);
    expect(message).toContain('Re-run with --amounts');
    expect(JSON.parse(run('--json', 'transactions', 'list').stdout)).toEqual([]);

    const answered = run('import', ambiguous, '--amounts', 'total-before-vat');
    expect(answered.status).toBe(0);
    expect(answered.stdout).toContain('Amounts read as you chose: "Total" = "Transaction Amount" + "Fee" − "Discount" is the amount before VAT');

    // A file the columns explain is imported without asking, and the reading is named.
    const explained = run('--json', 'import', fixture('report-2020-layout.transactions.csv'));
    expect(explained.status).toBe(0);
    expect(JSON.parse(explained.stdout)).toMatchObject({ imported: 5, notes: [expect.stringMatching(/^Amounts read as: "Total" is what the customer paid, VAT included/)] });
    expect(run('import', ambiguous, '--amounts', 'total-is-whatever').stderr).toContain('"total-is-whatever" is not a reading of this file\'s amount columns.');
  });

  it('removes control characters from ids and names before they reach the journal, and says so in warnings', () => {
    const csv = path.join(temp.dir, 'nul.csv');
    writeFileSync(csv, 'Transaction ID,Customer,Total,Date\n1\u0000,Ac\u0000me\u0007,100,2024-01-02\n');
    const result = run('--json', 'import', csv);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      imported: 1,
      warnings: [
        { row: 2, column: 'Transaction ID', reason: 'had invisible control characters (U+0000), which were removed: imported as "1"' },
        { row: 2, column: 'Customer', reason: 'had invisible control characters (U+0000, U+0007), which were removed: imported as "Acme"' },
      ],
    });
    const list = JSON.parse(run('--json', 'transactions', 'list').stdout) as Array<{ transactionId: string; contactName: string }>;
    expect(list.map((t) => [t.transactionId, t.contactName])).toEqual([['1', 'Acme']]);
  });

  it('exits non-zero with a reason for an unreadable file', () => {
    const result = run('import', path.join(temp.dir, 'missing.csv'));
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`Cannot read ${path.join(temp.dir, 'missing.csv')}: no such file.`);
  });

  it('imports payments and excludes from the command line', () => {
    expect(run('import', fixture('partial-payments.transactions.csv')).status).toBe(0);
    const payments = run('--json', 'import', fixture('partial-payments.payments.csv'), '--kind', 'payments');
    expect(JSON.parse(payments.stdout)).toMatchObject({ kind: 'payments', imported: 3, skipped: 1 });
    const excluded = run('--json', 'transactions', 'exclude', '1006');
    expect(JSON.parse(excluded.stdout)).toEqual({ updated: ['1006'], refused: [] });
    const list = JSON.parse(run('--json', 'transactions', 'list').stdout) as Array<{ transactionId: string; status: string; payments: number }>;
    expect(list.map((t) => [t.transactionId, t.status, t.payments])).toEqual([
      ['1006', 'excluded', 1],
      ['1005', 'ready', 2],
    ]);
  });
});
