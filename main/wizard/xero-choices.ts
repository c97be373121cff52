/**
 * The pickers of step 4 and the checks behind them, over plain data read live from Xero (GET /Accounts, /TaxRates).
 * Every rule is chart-policy.ts's (main/sync/plan): the pickers offer what it calls ok, typed values are judged by
 * it, a refusal is thrown as its DomainError and a warning comes back with the value (shown; the value is kept).
 */
import type { AccountOption, PaymentAccountOption, RateChoice, TaxRateOption, WizardOptions } from '../../contract/features/wizard';
import {
  accountLabel,
  ambiguousSalesRates,
  canReceivePayments,
  invoiceAccountChoices,
  judgeInvoiceAccount,
  judgePaymentAccount,
  judgeRateChoice,
  judgeTaxRateName,
  mapSalesRates,
  paymentAccountVerdict,
  RATE_CHOICE_WHY,
  rateKey,
  refusalError,
  salesRateChoices,
  type Verdict,
} from '../sync/plan';

export { canReceivePayments };

type ExcludedAccount = WizardOptions['excludedPaymentAccounts'][number];

export interface AccountFacts {
  accountId?: string;
  code?: string;
  name: string;
  type: string;
  status: string;
  accountClass?: string;
  systemAccount?: string;
  enablePaymentsToAccount?: boolean;
  taxType?: string;
}

export interface TaxRateFacts {
  name: string;
  taxType: string;
  status: string;
  canApplyToRevenue: boolean;
  rate: string;
}

/** A value the policy let through, with its warning when the verdict was `warn` (shown; the write proceeds). */
export type Checked<T> = T & { warning?: string };

const CHART = 'Xero → Accounting → Chart of accounts';

const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code, 'en', { numeric: true });

/** Throws the refusal; otherwise the warning text, if any. */
function passed(verdict: Verdict): { warning?: string } {
  if (verdict.level === 'refuse') throw refusalError(verdict);
  return verdict.level === 'warn' ? { warning: `${verdict.why} ${verdict.fix}` } : {};
}

export function invoiceAccountOptions(accounts: readonly AccountFacts[]): AccountOption[] {
  return invoiceAccountChoices(accounts).map((a) => ({ code: a.code, name: a.name, type: a.type, ...(a.taxType ? { taxType: a.taxType } : {}) }));
}

const byLabel = (a: { code?: string; name: string }, b: { code?: string; name: string }) =>
  a.code && b.code ? a.code.localeCompare(b.code, 'en', { numeric: true }) : a.code ? -1 : b.code ? 1 : a.name.localeCompare(b.name);

/** Every account chart-policy.ts lets take payments, coded or not, and why other likely ones are not offered. */
export function paymentAccountOptions(accounts: readonly AccountFacts[]): { options: PaymentAccountOption[]; excluded: ExcludedAccount[] } {
  const options: PaymentAccountOption[] = [];
  const excluded: ExcludedAccount[] = [];
  for (const a of accounts) {
    const base = { ...(a.code ? { code: a.code } : {}), name: a.name, type: a.type };
    const verdict = paymentAccountVerdict(a);
    if (verdict.level !== 'refuse') {
      if (!a.accountId) continue;
      options.push({ accountId: a.accountId, ...base, note: a.type === 'BANK' ? (a.code ? 'Bank account' : 'Bank account, no code in Xero') : 'Payments enabled' });
    } else if (a.status !== 'ACTIVE') {
      if (canReceivePayments(a)) excluded.push({ code: a.code ?? '', name: a.name, type: a.type, reason: 'Archived in Xero: restore it in the chart of accounts to use it.' });
    } else if (a.accountClass === 'REVENUE' || a.accountClass === 'EXPENSE') {
      // Never payment accounts in practice; the picker says so in one line instead of listing the whole P&L.
      continue;
    } else if (a.code) {
      excluded.push({ code: a.code, name: a.name, type: a.type, reason: `Payments are not enabled: in ${CHART} → ${a.code}, tick "Enable payments to this account".` });
    }
  }
  return { options: options.sort(byLabel), excluded: excluded.sort(byCode) };
}

export function taxRateOptions(rates: readonly TaxRateFacts[]): TaxRateOption[] {
  return salesRateChoices(rates).map((r) => ({ name: r.name, taxType: r.taxType, rate: r.rate }));
}

/** The invoice account for CourseCo's lines: the account, with a warning when unusual, or the refusal thrown. */
export function checkInvoiceAccount(accounts: readonly AccountFacts[], code: string): Checked<AccountOption> {
  const { found, verdict } = judgeInvoiceAccount(accounts, code);
  const warning = passed(verdict);
  return { code: found!.code!, name: found!.name, type: found!.type, ...warning };
}

/** The account CourseCo records payments against (by AccountID from the picker, or a typed code). */
export function checkPaymentAccount(accounts: readonly AccountFacts[], ref: string | { accountId?: string | undefined; code?: string | undefined }): Checked<PaymentAccountOption> {
  const { found, verdict } = judgePaymentAccount(accounts, typeof ref === 'string' ? { code: ref } : ref);
  const warning = passed(verdict);
  const account = found!;
  // Every account Xero returns has an AccountID; payments are sent by it.
  if (!account.accountId) throw refusalError({ level: 'refuse', ok: false, kind: 'AccountCodeUnknown', why: `Xero gave no AccountID for ${accountLabel(account)}.`, fix: 'Read the chart of accounts again (reopen this step).' });
  return { accountId: account.accountId, ...(account.code ? { code: account.code } : {}), name: account.name, type: account.type, ...warning };
}

/** Percentages that several active sales rates share: setup asks which one each gets (org-rules.ts decides). */
export function rateChoices(rates: readonly TaxRateFacts[], configuredName: string | undefined, choices: Record<string, string>): RateChoice[] {
  const configured = configuredName ? rates.find((r) => r.name === configuredName) : undefined;
  const mapped = mapSalesRates(rates, { configured, choices });
  return [...ambiguousSalesRates(rates)].map(([rate, list]) => ({
    rate,
    options: list.map((r) => ({ name: r.name, taxType: r.taxType })),
    ...(mapped.taxTypes[rate] ? { selected: mapped.taxTypes[rate] } : {}),
    why: RATE_CHOICE_WHY,
  }));
}

/** Checks a choice "lines at this percent get this TaxType": the rate exists, is usable on sales and has that percent. */
export function checkRateChoice(rates: readonly TaxRateFacts[], percent: string, taxType: string): Checked<{ rate: string; taxType: string }> {
  const { found, verdict } = judgeRateChoice(rates, percent, taxType);
  return { rate: rateKey(percent), taxType: found!.taxType, ...passed(verdict) };
}

/** The tax rate title CourseCo needs, exactly as Xero spells it (chart-policy.ts's display-name rule). */
export function checkTaxRate(rates: readonly TaxRateFacts[], name: string): Checked<{ name: string; taxType: string }> {
  const { found, verdict } = judgeTaxRateName(rates, name);
  const warning = passed(verdict);
  return { name: found!.name, taxType: found!.taxType, ...warning };
}
