/**
 * `courseco-xero transactions approve`, run as a user runs it: it first shows what changed since sync and exactly
 * which documents approving it changes in Xero, and approves only with --yes. `retry` never approves a change.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../../main/sync/journal';
import { CLI_BIN } from '../../support/cli-bin';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
const run = (...args: string[]) => spawnSync(process.execPath, [CLI_BIN, '--data-dir', temp.dir, ...args], { encoding: 'utf8', timeout: 60_000 });
const HEADER = 'Transaction ID,Customer,Course,Quantity,Unit Price,VAT Rate,Date,Invoice Number,Currency\n';

beforeEach(() => {
  temp = makeTempDir('ccxa-changes-cli-');
});
afterEach(() => temp.cleanup());

function importCsv(body: string): void {
  const csv = path.join(temp.dir, 'tx.csv');
  writeFileSync(csv, HEADER + body);
  expect(run('import', csv).status).toBe(0);
}

describe('courseco-xero transactions approve', () => {
  it('shows the difference and the documents that will change, and approves only with --yes', () => {
    importCsv('1,Acme,Safe Pass,1,400.00,23%,2024-01-02,INV-1,EUR\n');
    // As a sync would leave it: the invoice is in Xero.
    const journal = openJournal(temp.dir);
    try {
      const runId = journal.startRun({ actor: 'test', host: 'test', requested: 1 });
      journal.markInFlight(['1'], runId);
      journal.recordDocument('1', { sentHash: journal.entries({ ids: ['1'] })[0]!.contentHash, invoiceId: 'inv-1', number: 'INV-1', contactId: 'c-1' });
      expect(journal.settle('1')).toBe('synced');
    } finally {
      journal.close();
    }
    importCsv('1,Acme,Safe Pass,1,500.00,23%,2024-01-02,INV-1,EUR\n');

    const retried = run('transactions', 'retry', '1');
    expect(retried.stdout).toContain('approve the change');

    const shown = run('transactions', 'approve', '1');
    expect(shown.status).toBe(0);
    expect(shown.stdout).toBe(
      [
        '1 (changed):',
        '  Line 1 unit amount €400.00 → €500.00',
        '  Before VAT €400.00 → €500.00',
        '  VAT €92.00 → €115.00',
        '  Total €492.00 → €615.00',
        '  → Update invoice INV-1 in place (no payments on it in Xero)',
        'Nothing approved yet: run again with --yes to approve these changes.',
        '',
      ].join('\n'),
    );
    expect(JSON.parse(run('--json', 'transactions', 'list').stdout)).toEqual([expect.objectContaining({ transactionId: '1', status: 'changed' })]);

    const approved = run('--json', 'transactions', 'approve', '1', '--yes');
    expect(approved.status).toBe(0);
    expect(JSON.parse(approved.stdout)).toMatchObject({ result: { updated: ['1'], refused: [] } });
    expect(JSON.parse(run('--json', 'transactions', 'list').stdout)).toEqual([expect.objectContaining({ transactionId: '1', status: 'ready' })]);
  });
});
