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
const CASES = ['single-line', 'multi-line', 'split-transaction', 'partial-payments', 'credit-note', 'inclusive-vat', 'rounding-edge', 'locked-held', 'locked-first-open-day', 'foreign-currency', 'deposits', 'deposits-off'];
/** CourseCo's 2020 report layout, one case per reading of its amount columns (main/courseco/amount-readings.ts). */
const READING_CASES = ['layout-2020-amount-total', 'layout-2020-fee', 'layout-2020-discounts', 'layout-2020-ambiguous-before-vat', 'layout-2020-ambiguous-vat-included', 'layout-2020-ambiguous-no-vat'];

interface GoldenCase {
  description: string;
  import: { amountsIncludeTax: boolean; amounts?: string };
  /** The transactions export, when another case's file is reused (default `<case>.transactions.csv`). */
  transactions?: string;
  /** The reading of the amount columns the import must report having used. */
  expectReading?: string;
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
    const txs = parseCourseCoExport(readFileSync(path.join(FIXTURES, spec.transactions ?? `${name}.transactions.csv`)), spec.import);
    expect(txs.errors).toEqual([]);
    expect(txs.amounts?.reading).toBe(spec.expectReading);
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
  it.each([...CASES, ...READING_CASES])('%s', (name) => {
    const plan = planCase(name);
    const file = path.join(FIXTURES, `${name}.plan.json`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, `${JSON.stringify(plan, null, 2)}\n`);
    expect(plan).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });

  it('layout-2020-ambiguous: Total = Transaction Amount + Fee on every row fits readings that charge differently, so the import asks instead of planning', () => {
    const parsed = parseCourseCoExport(readFileSync(path.join(FIXTURES, 'layout-2020-ambiguous.transactions.csv')), { defaultTaxRate: baseSettings.defaultTaxRate! });
    expect(parsed.transactions).toEqual([]);
    const file = path.join(FIXTURES, 'layout-2020-ambiguous.question.json');
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, `${JSON.stringify(parsed.amountsQuestion, null, 2)}\n`);
    expect(parsed.amountsQuestion).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });

  it('is deterministic: planning the same input twice gives identical plans and idempotency keys', () => {
    expect(JSON.stringify(planCase('partial-payments'))).toBe(JSON.stringify(planCase('partial-payments')));
  });
});
