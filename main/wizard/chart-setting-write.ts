/**
 * Every write of a chart setting — the invoice account, the payment account, the tax code title, the rate choices —
 * outside the wizard's own choose step (the contract's `settings.set`, the CLI's `config set`) is judged by the chart
 * policy (main/sync/plan/chart-policy.ts) against the live chart first: a refusal is thrown (nothing written), a
 * warning comes back to be shown (the write proceeds). When the chart cannot be read (not connected yet, Xero
 * unreachable) the write proceeds with a warning saying so: the planner and Diagnostics apply the same policy later.
 */
import type { ConnectionStatus, SettingKey, Settings } from '../../contract/contract';
import { DomainError } from '../errors';
import { judgeInvoiceAccount, judgePaymentAccount, judgeRateChoice, judgeTaxRateName, parseRateChoices, refusalError, type Verdict } from '../sync/plan';
import type { XeroClient } from '../xero/xero-client';
import { readLiveChart, type LiveChart } from './xero-chart';

const CHART_KEYS: ReadonlySet<SettingKey> = new Set<SettingKey>(['xero.invoiceAccountCode', 'xero.paymentAccountCode', 'xero.paymentAccountId', 'xero.taxRateName', 'xero.taxTypesByRate']);

export function isChartSetting(key: SettingKey): boolean {
  return CHART_KEYS.has(key);
}

/** The live chart, or why it cannot be read now (in plain words). */
export type ChartRead = { chart: LiveChart } | { unavailable: string };

/** Reads the chart of the configured organisation, when there is one to read. */
export function chartReader(deps: { settings: { all(): Settings }; connection: { status(): Promise<ConnectionStatus>; xero: XeroClient } }): () => Promise<ChartRead> {
  return async () => {
    if (!deps.settings.all()['xero.tenantId']) return { unavailable: 'no Xero organisation is connected yet' };
    try {
      const status = await deps.connection.status();
      if (status.state !== 'connected') return { unavailable: status.reason ?? 'the assistant is not connected to Xero' };
      return { chart: await readLiveChart(deps.connection.xero) };
    } catch (error) {
      return { unavailable: error instanceof DomainError ? error.message : 'Xero could not be reached' };
    }
  };
}

/** What the policy says of `value` for `key` on this chart (a rate-choice list gets one verdict per pair). */
export function chartSettingVerdicts(key: SettingKey, value: string, chart: LiveChart): Verdict[] {
  switch (key) {
    case 'xero.invoiceAccountCode':
      return [judgeInvoiceAccount(chart.accounts, value).verdict];
    case 'xero.paymentAccountCode':
      return [judgePaymentAccount(chart.accounts, { code: value }).verdict];
    case 'xero.paymentAccountId':
      return [judgePaymentAccount(chart.accounts, { accountId: value }).verdict];
    case 'xero.taxRateName':
      return [judgeTaxRateName(chart.rates, value).verdict];
    case 'xero.taxTypesByRate':
      return Object.entries(parseRateChoices(value)).map(([percent, taxType]) => judgeRateChoice(chart.rates, percent, taxType).verdict);
    default:
      return [];
  }
}

/** What a write must also change so the settings keep naming one account (payments are sent by AccountID). */
export type Companions = Partial<Pick<Settings, 'xero.paymentAccountId' | 'xero.paymentAccountCode'>>;

/**
 * Judges one write before it happens: throws the policy's refusal, else returns the warnings to show and the settings
 * to change with it. Clearing a setting (null or empty) is never judged.
 */
export async function judgeChartSettingWrite(key: SettingKey, value: string | null, read: () => Promise<ChartRead>): Promise<{ warnings: string[]; companions: { [K in keyof Companions]: Companions[K] | null } }> {
  if (!isChartSetting(key) || value === null || value.trim() === '') return { warnings: [], companions: {} };
  const result = await read();
  if ('unavailable' in result) {
    const warnings = [`${key} was not checked against Xero's chart of accounts and tax rates: ${result.unavailable}. Diagnostics and the next sync check it.`];
    // Payments go by AccountID when one is stored: a code typed by hand must not leave the old account's id in charge.
    return { warnings, companions: key === 'xero.paymentAccountCode' ? { 'xero.paymentAccountId': null } : {} };
  }
  const warnings: string[] = [];
  for (const verdict of chartSettingVerdicts(key, key === 'xero.taxRateName' ? value : value.trim(), result.chart)) {
    if (verdict.level === 'refuse') throw refusalError(verdict);
    if (verdict.level === 'warn') warnings.push(`${verdict.why} ${verdict.fix}`);
  }
  if (key === 'xero.paymentAccountCode' || key === 'xero.paymentAccountId') {
    const { found } = judgePaymentAccount(result.chart.accounts, key === 'xero.paymentAccountId' ? { accountId: value } : { code: value });
    return { warnings, companions: { 'xero.paymentAccountId': found?.accountId ?? null, 'xero.paymentAccountCode': found?.code ?? null } };
  }
  return { warnings, companions: {} };
}

/** One setting written the way every writer must: judged first, then stored with its companions. */
export async function writeChartSetting<K extends SettingKey>(
  store: { update(patch: Partial<{ [P in SettingKey]: Settings[P] | null }>): Settings },
  key: K,
  value: Settings[K] | null,
  read: () => Promise<ChartRead>,
): Promise<{ settings: Settings; warnings: string[] }> {
  const text = typeof value === 'string' ? value : null;
  const { warnings, companions } = await judgeChartSettingWrite(key, text, read);
  const settings = store.update({ ...companions, [key]: value } as Partial<{ [P in SettingKey]: Settings[P] | null }>);
  return { settings, warnings };
}
