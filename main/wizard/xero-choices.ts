/**
 * The pickers of step 4 and the checks behind them, over plain data read live from Xero (GET /Accounts, /TaxRates):
 * which accounts can take CourseCo's invoice lines (active, revenue class), which can receive payments (bank accounts
 * or accounts with payments enabled — and why every other one is missing), which tax rates apply to revenue (by their
 * exact, case-sensitive Name). Typed values get the same checks, and each refusal says what is wrong and how to fix it.
 */
import type { AccountOption, PaymentAccountOption, RateChoice, TaxRateOption, WizardOptions } from '../../contract/features/wizard';
import { DomainError } from '../errors';
import { accountLabel, ambiguousSalesRates, canReceivePayments, findAccount as findByRef, mapSalesRates, RATE_CHOICE_WHY, rateKey, salesRateVerdict } from '../sync/plan';

export { canReceivePayments };

type ExcludedAccount = WizardOptions['excludedPaymentAccounts'][number];

export interface AccountFacts {
  accountId?: string;
  code?: string;
  name: string;
  type: string;
  status: string;
  accountClass?: string;
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

const CHART = 'Xero → Accounting → Chart of accounts';

const withCode = (accounts: readonly AccountFacts[]) => accounts.filter((a): a is AccountFacts & { code: string } => Boolean(a.code));
const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code, 'en', { numeric: true });

export function isRevenueAccount(account: AccountFacts): boolean {
  return account.accountClass === 'REVENUE';
}

export function invoiceAccountOptions(accounts: readonly AccountFacts[]): AccountOption[] {
  return withCode(accounts)
    .filter((a) => a.status === 'ACTIVE' && isRevenueAccount(a))
    .map((a) => ({ code: a.code, name: a.name, type: a.type, ...(a.taxType ? { taxType: a.taxType } : {}) }))
    .sort(byCode);
}

const byLabel = (a: { code?: string; name: string }, b: { code?: string; name: string }) =>
  a.code && b.code ? a.code.localeCompare(b.code, 'en', { numeric: true }) : a.code ? -1 : b.code ? 1 : a.name.localeCompare(b.name);

/** Every active bank account and payments-enabled account, coded or not (org-rules.ts decides), and why others are not. */
export function paymentAccountOptions(accounts: readonly AccountFacts[]): { options: PaymentAccountOption[]; excluded: ExcludedAccount[] } {
  const options: PaymentAccountOption[] = [];
  const excluded: ExcludedAccount[] = [];
  for (const a of accounts) {
    const base = { ...(a.code ? { code: a.code } : {}), name: a.name, type: a.type };
    if (a.status !== 'ACTIVE') {
      if (canReceivePayments(a)) excluded.push({ code: a.code ?? '', name: a.name, type: a.type, reason: 'Archived in Xero: restore it in the chart of accounts to use it.' });
    } else if (canReceivePayments(a)) {
      if (!a.accountId) continue;
      options.push({ accountId: a.accountId, ...base, note: a.type === 'BANK' ? (a.code ? 'Bank account' : 'Bank account, no code in Xero') : 'Payments enabled' });
    } else if (a.accountClass === 'REVENUE' || a.accountClass === 'EXPENSE') {
      // Never payment accounts in Xero; the picker says so in one line instead of listing the whole P&L.
      continue;
    } else if (a.code) {
      excluded.push({ code: a.code, name: a.name, type: a.type, reason: `Payments are not enabled: in ${CHART} → ${a.code}, tick "Enable payments to this account".` });
    }
  }
  return { options: options.sort(byLabel), excluded: excluded.sort(byCode) };
}

export function taxRateOptions(rates: readonly TaxRateFacts[]): TaxRateOption[] {
  return rates.filter((r) => r.status === 'ACTIVE' && r.canApplyToRevenue).map((r) => ({ name: r.name, taxType: r.taxType, rate: r.rate }));
}

function listCodes(options: ReadonlyArray<{ code?: string; name: string }>): string {
  return options.map((o) => accountLabel(o)).join(', ') || 'none';
}

function findAccount(accounts: readonly AccountFacts[], code: string): (AccountFacts & { code: string }) | undefined {
  const wanted = code.trim();
  return withCode(accounts).find((a) => a.code === wanted) ?? withCode(accounts).find((a) => a.code.toLowerCase() === wanted.toLowerCase());
}

/** The invoice (revenue) account for every CourseCo line; returns the account or throws what is wrong with it. */
export function checkInvoiceAccount(accounts: readonly AccountFacts[], code: string): AccountOption {
  const valid = invoiceAccountOptions(accounts);
  const account = findAccount(accounts, code);
  if (!account) {
    throw new DomainError('AccountCodeUnknown', {
      message: `Account code '${code}' does not exist in this Xero organisation.`,
      fix: `Pick the invoice account from the list, or add the account in ${CHART}.`,
      evidence: `Active revenue accounts: ${listCodes(valid)}.`,
    });
  }
  if (account.status !== 'ACTIVE') {
    throw new DomainError('AccountCodeUnusable', {
      message: `Account code '${account.code}' is archived in Xero, so Xero would refuse every invoice line that uses it.`,
      fix: `Pick an active revenue account (e.g. ${valid[0]?.code ?? '200'}), or restore '${account.code}' in ${CHART} → Archived.`,
      evidence: `${account.code} ${account.name}: status ${account.status}.`,
    });
  }
  if (!isRevenueAccount(account)) {
    throw new DomainError('AccountCodeUnusable', {
      message: `Account code '${account.code}' (${account.name}) is a ${account.type} account, not a revenue account; CourseCo's invoice lines need a revenue account.`,
      fix: `Pick one of the revenue accounts: ${listCodes(valid)}.`,
      evidence: `${account.code} ${account.name}: type ${account.type}, class ${account.accountClass ?? 'unknown'}.`,
    });
  }
  return { code: account.code, name: account.name, type: account.type };
}

/** The account CourseCo records payments against (by AccountID from the picker, or a typed code): a bank account, or one with payments enabled. */
export function checkPaymentAccount(accounts: readonly AccountFacts[], ref: string | { accountId?: string | undefined; code?: string | undefined }): PaymentAccountOption {
  const wanted = typeof ref === 'string' ? { code: ref } : ref;
  const { options } = paymentAccountOptions(accounts);
  const account = findByRef(accounts, wanted);
  const typed = wanted.accountId ? `with AccountID ${wanted.accountId}` : `code '${wanted.code ?? ''}'`;
  if (!account) {
    throw new DomainError('AccountCodeUnknown', {
      message: `Account ${typed} does not exist in this Xero organisation.`,
      fix: 'Pick the payment account from the list (a bank account, or an account with payments enabled).',
      evidence: `Accounts that can receive payments: ${listCodes(options)}.`,
    });
  }
  const label = accountLabel(account);
  if (account.status !== 'ACTIVE') {
    throw new DomainError('AccountCodeUnusable', {
      message: `Account '${label}' is archived in Xero, so Xero would refuse every payment recorded against it.`,
      fix: `Pick an active bank account (e.g. ${options[0] ? accountLabel(options[0]) : '090'}), or restore '${label}' in ${CHART} → Archived.`,
      evidence: `${label}: status ${account.status}.`,
    });
  }
  if (!canReceivePayments(account) || !account.accountId) {
    throw new DomainError('PaymentsNotEnabled', {
      message: `Account '${label}' is not a bank account and does not have payments enabled, so Xero answers "Account type is invalid for making a payment to/from".`,
      fix: `Pick a bank account (${listCodes(options)}), or in ${CHART} → ${label} tick "Enable payments to this account" and save.`,
      evidence: `${label}: type ${account.type}, payments enabled: ${account.enablePaymentsToAccount ? 'yes' : 'no'}.`,
    });
  }
  return { accountId: account.accountId, ...(account.code ? { code: account.code } : {}), name: account.name, type: account.type };
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
export function checkRateChoice(rates: readonly TaxRateFacts[], percent: string, taxType: string): { rate: string; taxType: string } {
  const rate = rates.find((r) => r.taxType === taxType);
  if (!rate) {
    throw new DomainError('TaxRateNotFound', { message: `Xero has no tax rate with TaxType '${taxType}'.`, fix: 'Pick the rate from the list.' });
  }
  const verdict = salesRateVerdict(rate);
  if (!verdict.ok) throw new DomainError('TaxRateUnusable', { message: `${verdict.why[0]!.toUpperCase()}${verdict.why.slice(1)}.`, fix: `${verdict.fix[0]!.toUpperCase()}${verdict.fix.slice(1)}.` });
  if (rateKey(rate.rate) !== rateKey(percent)) {
    throw new DomainError('TaxRateUnusable', { message: `'${rate.name}' is ${rateKey(rate.rate)}% in Xero, not ${rateKey(percent)}%.`, fix: `Pick one of the ${rateKey(percent)}% rates.` });
  }
  return { rate: rateKey(percent), taxType };
}

/** The tax rate title CourseCo needs, exactly as Xero spells it (case-sensitive). */
export function checkTaxRate(rates: readonly TaxRateFacts[], name: string): { name: string; taxType: string } {
  const valid = taxRateOptions(rates);
  const exact = rates.find((r) => r.name === name);
  if (!exact) {
    const near = rates.find((r) => r.name.trim().toLowerCase() === name.trim().toLowerCase());
    if (near) {
      throw new DomainError('TaxRateCaseMismatch', {
        message: `Xero has no tax rate named '${name}'; did you mean '${near.name}'? Tax rate names are case-sensitive in CourseCo.`,
        fix: `Use '${near.name}' exactly, with the same capital letters, spaces and punctuation.`,
        evidence: `Xero's rate: '${near.name}' (TaxType ${near.taxType}); typed: '${name}'.`,
      });
    }
    throw new DomainError('TaxRateNotFound', {
      message: `Xero has no tax rate named '${name}'.`,
      fix: 'Pick the tax rate from the list; CourseCo needs its Name exactly as Xero shows it.',
      evidence: `Rates that apply to revenue: ${valid.map((r) => `'${r.name}'`).join(', ') || 'none'}.`,
    });
  }
  if (exact.status !== 'ACTIVE') {
    throw new DomainError('TaxRateUnusable', {
      message: `The tax rate '${exact.name}' is ${exact.status.toLowerCase()} in Xero and can no longer be used.`,
      fix: 'Pick an active tax rate from the list.',
      evidence: `'${exact.name}' (TaxType ${exact.taxType}): status ${exact.status}.`,
    });
  }
  if (!exact.canApplyToRevenue) {
    throw new DomainError('TaxRateUnusable', {
      message: `The tax rate '${exact.name}' cannot be used on sales (it is not enabled for revenue accounts).`,
      fix: 'Pick a rate that applies to income, such as the VAT rate on your course fees.',
      evidence: `'${exact.name}' (TaxType ${exact.taxType}): not applicable to revenue.`,
    });
  }
  return { name: exact.name, taxType: exact.taxType };
}
