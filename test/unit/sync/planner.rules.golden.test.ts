/**
 * Golden plans for rules per course (issue 13 §3): a CourseCo export → importer → journal → planner with rules checked
 * against an organisation's chart, tax rates and tracking categories (test/fixtures/courseco/rules-chart.json). The
 * plan records which rule each line followed; rules Xero would refuse are errors with their fix.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCourseCoExport } from '../../../main/courseco/import';
import { openJournalFile } from '../../../main/sync/journal';
import { planSync, type KnownXeroContact, type PlannerSettings } from '../../../main/sync/plan';
import { compileLineRules, optionsToAdd, parseLineRules, type LineRules, type RulesChart } from '../../../main/sync/plan/line-rules';

const FIXTURES = path.resolve('test/fixtures/courseco');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as T;
const baseSettings = readJson<PlannerSettings>('irish-org.settings.json');
const chart = readJson<RulesChart>('rules-chart.json');

interface RulesCase {
  import: { amountsIncludeTax: boolean };
  contacts: KnownXeroContact[];
  addMissingOptions: boolean;
  rules: LineRules;
}

function planCase(name: string, override: Partial<RulesCase> = {}) {
  const spec = { ...readJson<RulesCase>(`${name}.json`), ...override };
  const parsed = parseLineRules(spec.rules);
  expect(parsed.problems).toBeUndefined();
  const lineRules = compileLineRules(parsed.rules!, { ...chart, addMissingOptions: spec.addMissingOptions });
  const journal = openJournalFile(':memory:', { clock: { now: () => Date.parse('2024-06-01T00:00:00Z') } });
  try {
    const txs = parseCourseCoExport(readFileSync(path.join(FIXTURES, `${name}.transactions.csv`)), { amountsIncludeTax: spec.import.amountsIncludeTax });
    expect(txs.errors).toEqual([]);
    journal.importTransactions(txs.transactions);
    const settings: PlannerSettings = { ...baseSettings, accounts: chart.accounts as PlannerSettings['accounts'], lineRules };
    return { plan: planSync({ entries: journal.entries(), settings, contacts: spec.contacts }), lineRules };
  } finally {
    journal.close();
  }
}

describe('planner golden plans: rules per course', () => {
  it.each(['rules-per-course', 'rules-refused'])('%s', (name) => {
    const { plan } = planCase(name);
    const file = path.join(FIXTURES, `${name}.plan.json`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, `${JSON.stringify(plan, null, 2)}\n`);
    expect(plan).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });

  it('names the rule each line followed: course, category (after the course rule), nominal code, type, venue, default', () => {
    const { plan } = planCase('rules-per-course');
    const byId = Object.fromEntries(plan.transactions.map((t) => [t.transactionId, t.lineRules]));
    expect(byId).toEqual({
      '3001': ['Accredited training: exempt', 'Course materials at 23%'],
      '3002': ['Nominal 4010'],
      '3003': ['Pay Now bookings'],
      '3004': ['default'],
      '3005': ['Cork venue'],
    });
    expect(plan.summary.errors).toBe(0);
    const lines = plan.invoices.find((i) => i.key === '3001')!.payload.LineItems;
    expect(lines.map((l) => [l.AccountCode, l.TaxType, l.Tracking])).toEqual([
      ['210', 'TAX005', [{ Name: 'Venue', Option: 'Dublin' }]],
      ['220', 'TAX001', undefined],
    ]);
    // Xero's spelling of category and option, whatever letter case the rule used.
    expect(plan.invoices.find((i) => i.key === '3003')!.payload.LineItems[0]!.Tracking).toEqual([{ Name: 'Channel', Option: 'Online' }]);
  });

  it('refuses what Xero would refuse, each with its fix, and sends nothing of those transactions; warns where Xero accepts it', () => {
    const { plan } = planCase('rules-refused');
    expect(plan.transactions.filter((t) => t.outcome === 'planned').map((t) => t.transactionId)).toEqual(['4004']);
    const errors = Object.fromEntries(plan.transactions.map((t) => [t.transactionId, t.errors.join(' | ')]));
    expect(errors['4001']).toMatch(/option 'Limerick' of tracking category 'Venue' is archived.*restore it/);
    expect(errors['4002']).toMatch(/has no option 'Sligo'.*let the assistant add it.*reconnect to add the tracking options your rules name/);
    expect(errors['4003']).toMatch(/gives this line the tax rate '23% VAT on Income' \(23% VAT\) but CourseCo charged 0%/);
    // The one chart policy (chart-policy.ts): Xero takes an expense account on a sales line, so it is a warning, the
    // same verdict setup, diagnostics and `config set` give, not a refusal.
    const expense = plan.transactions.find((t) => t.transactionId === '4004')!;
    expect(expense.warnings.join(' | ')).toMatch(/Account 310 Cost of Goods Sold is an expense account \(DIRECTCOSTS\), not a revenue account: Xero accepts it/);
  });

  it('with the user agreeing, a missing option is planned and listed to be added once, before sending', () => {
    const { plan, lineRules } = planCase('rules-refused', { addMissingOptions: true });
    const sligo = plan.transactions.find((t) => t.transactionId === '4002')!;
    expect(sligo.outcome).toBe('planned');
    expect(sligo.warnings).toEqual([`row 3 ("Evening course"): the tracking option 'Sligo' is added to Xero's category 'Venue' before this is sent (you agreed to adding missing options)`]);
    expect(plan.invoices.find((i) => i.key === '4002')!.payload.LineItems[0]!.Tracking).toEqual([{ Name: 'Venue', Option: 'Sligo' }]);
    const used = plan.transactions.filter((t) => t.outcome === 'planned').flatMap((t) => t.lineRules ?? []);
    expect(optionsToAdd(lineRules, used)).toEqual([{ categoryId: '9a1f0d7e-0000-4000-8000-00000000a001', category: 'Venue', option: 'Sligo', rules: ['Sligo'] }]);
  });

  it("refuses a new option when the category already has Xero's 100 active options", () => {
    const full = { ...chart, addMissingOptions: true, trackingCategories: [{ Name: 'Venue', TrackingCategoryID: 'c', Status: 'ACTIVE', Options: Array.from({ length: 100 }, (_, i) => ({ Name: `V${i}`, Status: 'ACTIVE' })) }] };
    const compiled = compileLineRules({ version: 1, rules: [{ name: 'Sligo', when: { venue: 'sligo' }, then: { tracking: [{ category: 'Venue', option: 'Sligo' }] } }] }, full);
    expect(compiled.rules[0]!.problems.join()).toMatch(/already has 100 active options, Xero's limit/);
    expect(compiled.rules[0]!.missingOptions).toEqual([]);
  });
});

describe('rules documents', () => {
  it('refuses a bad document whole, naming every problem and where it is', () => {
    const result = parseLineRules({
      version: 1,
      rules: [
        { name: 'A', when: {}, then: { tracking: [{ category: 'Venue', option: 'x' }, { category: 'venue', option: 'y' }] } },
        { name: 'a', when: { course: 'x' }, then: { accountCode: '12345678901' } },
      ],
    });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^rules\[0\]\.when: a rule needs at least one condition/),
        expect.stringMatching(/^rules\[0\]\.then\.tracking: .*same category is named twice/),
        expect.stringMatching(/^rules\[1\]\.then\.accountCode: /),
        expect.stringMatching(/^rules\[1\]\.name: two rules are called "a"/),
      ]),
    );
    expect(parseLineRules({ version: 1, rules: [], extra: true }).ok).toBe(false);
  });
});
