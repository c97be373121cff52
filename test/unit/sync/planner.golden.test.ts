/**
 * Golden plans: CourseCo exports → importer → journal → planner, compared with hand-checked expected plans in
 * test/fixtures/courseco/<case>.plan.json. The whole pure half of the sync runs here; only Xero is absent.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCourseCoExport } from '../../../main/courseco/import';
import { openJournalFile } from '../../../main/sync/journal';
import { planSync, type KnownXeroContact, type PlannerSettings } from '../../../main/sync/plan';

const FIXTURES = path.resolve('test/fixtures/courseco');
const CASES = ['single-line', 'multi-line', 'split-transaction', 'partial-payments', 'credit-note', 'inclusive-vat', 'rounding-edge', 'deposits', 'deposits-off'];

interface GoldenCase {
  description: string;
  import: { amountsIncludeTax: boolean };
  contacts: KnownXeroContact[];
  settings?: Partial<PlannerSettings>;
  /** Transactions a previous run already sent (their documents are in Xero). */
  synced?: Array<{ transactionId: string; contactId: string; invoiceId: string; number: string }>;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as T;
const baseSettings = readJson<PlannerSettings>('irish-org.settings.json');

function planCase(name: string) {
  const spec = readJson<GoldenCase>(`${name}.json`);
  const journal = openJournalFile(':memory:', { clock: { now: () => Date.parse('2024-06-01T00:00:00Z') } });
  try {
    const txs = parseCourseCoExport(readFileSync(path.join(FIXTURES, `${name}.transactions.csv`)), { amountsIncludeTax: spec.import.amountsIncludeTax });
    expect(txs.errors).toEqual([]);
    journal.importTransactions(txs.transactions);
    for (const done of spec.synced ?? []) {
      const runId = journal.startRun({ actor: 'golden', host: 'test', requested: 1 });
      journal.markInFlight([done.transactionId], runId);
      const entry = journal.entries({ ids: [done.transactionId] })[0]!;
      journal.recordDocument(done.transactionId, { sentHash: entry.contentHash, contactId: done.contactId, invoiceId: done.invoiceId, number: done.number });
      journal.settle(done.transactionId);
    }
    const paymentsFile = path.join(FIXTURES, `${name}.payments.csv`);
    if (existsSync(paymentsFile)) {
      const pays = parseCourseCoExport(readFileSync(paymentsFile));
      expect(pays.errors).toEqual([]);
      journal.importPayments(pays.payments);
    }
    return planSync({ entries: journal.entries(), settings: { ...baseSettings, ...spec.settings }, contacts: spec.contacts });
  } finally {
    journal.close();
  }
}

describe('planner golden plans', () => {
  it.each(CASES)('%s', (name) => {
    const plan = planCase(name);
    const file = path.join(FIXTURES, `${name}.plan.json`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, `${JSON.stringify(plan, null, 2)}\n`);
    expect(plan).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });

  it('is deterministic: planning the same input twice gives identical plans and idempotency keys', () => {
    expect(JSON.stringify(planCase('partial-payments'))).toBe(JSON.stringify(planCase('partial-payments')));
  });
});
