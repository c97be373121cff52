/**
 * No two places disagree: on the sandbox's Irish organisation (real keychain, real sign-in), the same account codes
 * and tax code titles get the same verdict from the chart policy, setup (wizard.choose), the contract's settings.set,
 * `courseco-xero config set` (the real CLI process on the same profile), diagnostics and the planner (sync.preview).
 * A refusal stores nothing; a warning is shown and the value is kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import type { SettingKey } from '../../../contract/contract';
import { DomainError } from '../../../main/errors';
import { judgeInvoiceAccount, judgePaymentAccount, judgeTaxRateName } from '../../../main/sync/plan';
import { readLiveChart, type LiveChart } from '../../../main/wizard/xero-chart';
import { check, healthyProfile, run } from '../diagnostics/support';
import { startHarness, type Harness } from '../xero/support/sandbox-harness';
import { runCli } from './support/cli';

type Level = 'ok' | 'warn' | 'refuse';

let h: Harness;
let services: AppServices;
let chart: LiveChart;
let transactionId: string;
const HEALTHY = { 'xero.invoiceAccountCode': '200', 'xero.paymentAccountCode': '090', 'xero.paymentAccountId': null, 'xero.taxRateName': '23% VAT on Income' } as const;

beforeAll(async () => {
  // About 20 calls per case, 20 cases: Xero's 60 a minute would turn reads into waits, which this spec is not about.
  h = await startHarness({ limits: 'off' });
  services = await healthyProfile(h);
  chart = await readLiveChart(services.connection.xero);
  transactionId = services.journal().entries({})[0]!.transaction.transactionId;
});
afterAll(async () => {
  await h?.stop();
});

const handler = <C extends keyof AppServices['handlers']>(channel: C, args: Parameters<AppServices['handlers'][C]>[0]) =>
  services.handlers[channel](args as never) as ReturnType<AppServices['handlers'][C]>;

async function levelOf(write: () => Promise<{ warned: boolean }>): Promise<Level> {
  try {
    return (await write()).warned ? 'warn' : 'ok';
  } catch (error) {
    if (error instanceof DomainError) return 'refuse';
    throw error;
  }
}

/** Every writer and reader, each asked about `value` for `key` from the healthy profile. */
async function everyone(key: SettingKey, value: string, wizardArgs: Record<string, string>): Promise<Record<string, Level>> {
  const seen: Record<string, Level> = {};
  const reset = () => services.settings.update(HEALTHY);

  reset();
  seen.setup = await levelOf(async () => ({ warned: Boolean((await handler('wizard.choose', wizardArgs as never)).warnings?.length) }));
  if (seen.setup === 'refuse') expect(services.settings.get(key)).toBe(HEALTHY[key as keyof typeof HEALTHY]);

  reset();
  const logged = h.logLines.length;
  seen.settingsSet = await levelOf(async () => {
    await handler('settings.set', { key: key as never, value });
    const warnings = h.logLines.slice(logged).filter((line) => line.includes('settings: '));
    expect(warnings.join('\n')).not.toContain('was not checked against Xero');
    return { warned: warnings.length > 0 };
  });

  reset();
  const cli = await runCli(h.dataDir, 'config', 'set', key, value);
  // A chart that could not be read is a warning too; it must not pass for the policy's verdict here.
  expect(cli.stderr).not.toContain('was not checked against Xero');
  seen.configSet = cli.code !== 0 ? 'refuse' : cli.stderr.includes('Warning: ') ? 'warn' : 'ok';
  if (cli.code !== 0) {
    // One line: the reason and its fix; nothing written.
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(services.settings.get(key)).toBe(HEALTHY[key as keyof typeof HEALTHY]);
  } else expect(services.settings.get(key)).toBe(value);

  // Readers see the value as a hand-edited file would hold it.
  reset();
  services.settings.set(key, value as never);
  const report = await run(services);
  const diagnostic = check(report, key === 'xero.taxRateName' ? 'tax-rate-title' : 'account-codes').status;
  seen.diagnostics = ({ fail: 'refuse', warn: 'warn', pass: 'ok' } as Record<string, Level>)[diagnostic] ?? (diagnostic as Level);

  if (key !== 'xero.paymentAccountCode') {
    seen.planner = await levelOf(async () => {
      const [plan] = (await handler('sync.preview', { transactionIds: [transactionId] })).transactions;
      if (plan!.outcome === 'error') throw new DomainError('PlanError', { message: plan!.errors.join(' ') });
      return { warned: plan!.warnings.some((w) => /account|tax rate/i.test(w)) };
    });
  }
  reset();
  return seen;
}

describe('one verdict everywhere (sandbox Irish organisation)', () => {
  const invoiceCases: Array<[string, string, Level]> = [
    ['200', 'Sales (REVENUE)', 'ok'],
    ['220', 'Course Materials (SALES)', 'ok'],
    ['400', 'Advertising (OVERHEADS, an expense account)', 'warn'],
    ['310', 'Cost of Goods Sold (DIRECTCOSTS)', 'warn'],
    ['250', 'Workshop Income (old), archived', 'refuse'],
    ['090', 'Business Bank Account (BANK)', 'refuse'],
    ['610', 'Accounts Receivable (DEBTORS)', 'refuse'],
    ['4999', 'not in the chart', 'refuse'],
  ];
  it.each(invoiceCases)('invoice account %s — %s: %s', async (code, _label, expected) => {
    expect(judgeInvoiceAccount(chart.accounts, code).verdict.level).toBe(expected);
    const seen = await everyone('xero.invoiceAccountCode', code, { invoiceAccountCode: code });
    expect(seen).toEqual({ setup: expected, settingsSet: expected, configSet: expected, diagnostics: expected, planner: expected });
  });

  const paymentCases: Array<[string, string, Level]> = [
    ['090', 'Business Bank Account (BANK)', 'ok'],
    ['615', 'Stripe Clearing, payments enabled', 'ok'],
    ['620', 'Prepayments, payments not enabled', 'refuse'],
    ['200', 'Sales (REVENUE)', 'refuse'],
    ['999', 'not in the chart', 'refuse'],
  ];
  it.each(paymentCases)('payment account %s — %s: %s', async (code, _label, expected) => {
    expect(judgePaymentAccount(chart.accounts, { code }).verdict.level).toBe(expected);
    const seen = await everyone('xero.paymentAccountCode', code, { paymentAccountCode: code });
    expect(seen).toEqual({ setup: expected, settingsSet: expected, configSet: expected, diagnostics: expected });
  });

  const taxCases: Array<[string, Level]> = [
    ['23% VAT on Income', 'ok'],
    ['23% vat on income', 'refuse'],
    ['21% VAT on Income', 'refuse'],
    ['23% VAT on Expenses', 'refuse'],
    ['VAT on courses', 'refuse'],
  ];
  it.each(taxCases)('tax code title %j: %s', async (name, expected) => {
    expect(judgeTaxRateName(chart.rates, name).verdict.level).toBe(expected);
    const seen = await everyone('xero.taxRateName', name, { taxRateName: name });
    expect(seen).toEqual({ setup: expected, settingsSet: expected, configSet: expected, diagnostics: expected, planner: expected });
  });

  it('config set of a payment code also points the AccountID at it, so payments go where the setting says', async () => {
    services.settings.update({ ...HEALTHY, 'xero.paymentAccountId': chart.accounts.find((a) => a.code === '091')!.accountId! });
    const cli = await runCli(h.dataDir, '--json', 'config', 'set', 'xero.paymentAccountCode', '615');
    expect(cli.code).toBe(0);
    expect(services.settings.get('xero.paymentAccountId')).toBe(chart.accounts.find((a) => a.code === '615')!.accountId);
    services.settings.update(HEALTHY);
  });

  it('config set names the warning on stderr and in --json, and keeps the value', async () => {
    const cli = await runCli(h.dataDir, '--json', 'config', 'set', 'xero.invoiceAccountCode', '400');
    expect(cli.code).toBe(0);
    const out = JSON.parse(cli.stdout) as { 'xero.invoiceAccountCode': string; warnings: string[] };
    expect(out['xero.invoiceAccountCode']).toBe('400');
    expect(out.warnings).toEqual([expect.stringContaining('Account 400 Advertising is an expense account (OVERHEADS), not a revenue account')]);
    expect(cli.stderr).toContain('Warning: Account 400 Advertising is an expense account');
    services.settings.update(HEALTHY);
  });
});
